"""Normalise the phone numbers that providers and agents write, and find their regions.

Run: python examples/phone_numbers.py
"""

from __future__ import annotations

from wamsg import Customer, PhoneNumber, ValidationError

WRITTEN = [
    "14155550100",  # Meta / 360dialog / Vonage wa_id
    "whatsapp:+14155550100",  # Twilio
    "+1 (809) 555-0100",  # typed by an agent: Dominican Republic
    "+1 876 555 0100",  # Jamaica shares +1
    "00 44 20 7946 0958",  # the 00 international prefix
    "+7 701 234 5678",  # Kazakhstan shares +7
    "0207 946 0958",  # national: no country code
    "12345",  # a short code
    "1-800-FLOWERS",  # letters
]


def main() -> None:
    """Print each written form next to its E.164 form and region, or why it was refused."""
    for text in WRITTEN:
        try:
            number = PhoneNumber.parse(text)
        except ValidationError as error:
            print(f"{text!r:26} refused: {error.reason}")
            continue
        print(f"{text!r:26} {number.e164:16} +{number.calling_code:<4} {number.region}")

    first = Customer(phone="14155550100", name="Sheena Nelson")
    second = Customer(phone="whatsapp:+14155550100", user_id="US.13491208655302741918")
    print(f"same customer: {first == second} (key {first.key})")


if __name__ == "__main__":
    main()
