"""Identity: E.164 phone numbers, business-scoped user ids, customers."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.strategies import bsuids, customers, phone_numbers
from wamsg import BusinessScopedUserId, Customer, PhoneNumber, ValidationError

# -- PhoneNumber.parse: accepted forms ---------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "+14155550100",
        "14155550100",
        "whatsapp:+14155550100",
        "WhatsApp:+1 415 555 0100",
        "tel:+14155550100",
        "+1 (415) 555-0100",
        "+1.415.555.0100",
        "  +14155550100\n",
        "+1\u00a0415\u00a0555\u00a00100",
        "001 415 555 0100",
        "0014155550100",
    ],
)
def test_parse_normalises_every_common_spelling_to_e164(text: str) -> None:
    assert PhoneNumber.parse(text).e164 == "+14155550100"


def test_parse_reads_the_00_international_prefix() -> None:
    assert PhoneNumber.parse("00 44 20 7946 0958").e164 == "+442079460958"


def test_parse_reads_digits_of_other_scripts() -> None:
    assert PhoneNumber.parse("+٤٤٢٠٧٩٤٦٠٩٥٨").e164 == "+442079460958"


def test_parse_accepts_the_shortest_and_longest_e164_lengths() -> None:
    assert PhoneNumber.parse("+2901234").digits == "2901234"
    assert PhoneNumber.parse("+491234567890123").digits == "491234567890123"


# -- PhoneNumber.parse: rejections -------------------------------------------


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("whatsapp:", "empty"),
        ("+", "no digits"),
        ("()", "no digits"),
        ("00", "no digits after 00"),
        ("1-800-FLOWERS", "letters"),
        ("abc", "letters"),
        ("+44 20 7946 0958 ext 12", "letters"),
        ("+44#2079460958", "unexpected character"),
        ("++442079460958", "unexpected character"),
        ("123456", "too short"),
        ("+44 123", "too short"),
        ("12345", "too short"),
        ("+4412345678901234", "too long"),
        ("0207 946 0958", "no country code"),
        ("+0442079460958", "no country code"),
        ("+999 1234 5678", "unassigned"),
        ("+2801234567", "unassigned"),
        ("+1415555010", "exactly 10 digits"),
        ("+141555501001", "exactly 10 digits"),
    ],
)
def test_parse_rejects_with_a_reason(text: str, reason: str) -> None:
    with pytest.raises(ValidationError, match=reason) as raised:
        PhoneNumber.parse(text)
    assert raised.value.field == "phone"
    assert raised.value.value == text


@pytest.mark.parametrize("value", [None, 14155550100, b"+14155550100", ["+14155550100"]])
def test_parse_rejects_what_is_not_text(value: object) -> None:
    with pytest.raises(ValidationError, match="must be a string"):
        PhoneNumber.parse(value)


def test_short_codes_are_rejected() -> None:
    for short_code in ("12345", "+1 22000", "88888"):
        with pytest.raises(ValidationError):
            PhoneNumber.parse(short_code)


@given(st.text())
def test_parse_raises_only_validation_error_on_any_text(text: str) -> None:
    with contextlib.suppress(ValidationError):
        PhoneNumber.parse(text)


_phone_like = st.lists(
    st.sampled_from([*"0123456789", "+", " ", "-", "(", ")", "00", "whatsapp:", "٣", "a"]),
    max_size=24,
).map("".join)


@given(_phone_like)
def test_parse_raises_only_validation_error_on_digit_heavy_text(text: str) -> None:
    try:
        number = PhoneNumber.parse(text)
    except ValidationError:
        return
    assert PhoneNumber.parse(number.e164) == number
    assert 7 <= len(number.digits) <= 15


@given(phone_numbers)
def test_parse_of_e164_is_the_identity(number: PhoneNumber) -> None:
    assert PhoneNumber.parse(number.e164) == number
    assert PhoneNumber.parse(number.digits) == number
    assert PhoneNumber.parse("whatsapp:" + number.e164) == number


# -- PhoneNumber: direct construction and parts ------------------------------


def test_constructor_takes_exact_e164() -> None:
    assert PhoneNumber("+14155550100") == PhoneNumber.parse("14155550100")


@pytest.mark.parametrize("value", ["14155550100", "+1 415 555 0100", "+", "+٤٤٢٠٧٩٤٦٠٩٥٨", 1])
def test_constructor_rejects_anything_but_exact_e164(value: str) -> None:
    with pytest.raises(ValidationError):
        PhoneNumber(value)


def test_constructor_applies_the_same_digit_rules() -> None:
    with pytest.raises(ValidationError, match="too short"):
        PhoneNumber("+44123")


def test_parts_of_a_number() -> None:
    number = PhoneNumber.parse("+44 20 7946 0958")
    assert number.e164 == "+442079460958"
    assert number.digits == "442079460958"
    assert number.calling_code == "44"
    assert number.national_number == "2079460958"
    assert number.region == "GB"
    assert str(number) == "+442079460958"


@pytest.mark.parametrize(
    ("text", "code", "region"),
    [
        ("+14155550100", "1", "US"),
        ("+14165550100", "1", "CA"),
        ("+18095550100", "1", "DO"),
        ("+18295550100", "1", "DO"),
        ("+18765550100", "1", "JM"),
        ("+17875550100", "1", "PR"),
        ("+12425550100", "1", "BS"),
        ("+18005550100", "1", "US"),
        ("+77012345678", "7", "KZ"),
        ("+76123456789", "7", "KZ"),
        ("+79161234567", "7", "RU"),
        ("+358401234567", "358", "FI"),
        ("+420601123456", "420", "CZ"),
        ("+421901123456", "421", "SK"),
        ("+34612345678", "34", "ES"),
        ("+2348012345678", "234", "NG"),
    ],
)
def test_calling_code_and_region(text: str, code: str, region: str) -> None:
    number = PhoneNumber.parse(text)
    assert (number.calling_code, number.region) == (code, region)


def test_non_geographic_codes_have_no_region() -> None:
    number = PhoneNumber.parse("+800 1234 5678")
    assert (number.calling_code, number.region) == ("800", None)


def test_numbers_order_by_their_e164_text() -> None:
    assert PhoneNumber("+14155550100") < PhoneNumber("+442079460958")


@given(phone_numbers)
def test_every_valid_number_has_a_calling_code_that_starts_it(number: PhoneNumber) -> None:
    code = number.calling_code
    assert code is not None
    assert number.digits.startswith(code)
    assert code + number.national_number == number.digits


def test_a_providers_number_that_fails_the_checks_is_kept_unchecked() -> None:
    """Meta's wa_id is the authority: +1 with 12 national digits is still the customer."""
    number = PhoneNumber.from_provider("1111111111111")
    assert (number.e164, number.checked, number.region) == ("+1111111111111", False, "US")
    assert PhoneNumber.from_provider("14155550100").checked is True
    assert PhoneNumber.from_provider("9991234567").calling_code is None
    for bad in ("PHONE_NUMBER", "", "0123", "1" * 16, "<WHATSAPP_USER_PHONE_NUMBER>"):
        with pytest.raises(ValidationError):
            PhoneNumber.from_provider(bad)
    with pytest.raises(ValidationError):
        PhoneNumber.parse("1111111111111")


def test_an_unchecked_number_round_trips_through_the_canonical_form() -> None:
    customer = Customer(phone=PhoneNumber.from_provider("1111111111111"), name="Mauricio")
    data = customer.to_dict()
    assert data["phone_checked"] is False
    again = Customer.from_dict(data)
    assert again == customer
    assert again.phone is not None
    assert again.phone.checked is False
    assert "phone_checked" not in Customer(phone="+14155550100").to_dict()


# -- BusinessScopedUserId ----------------------------------------------------


def test_bsuid_plain_form() -> None:
    user_id = BusinessScopedUserId("US.13491208655302741918")
    assert (user_id.country, user_id.is_parent, str(user_id)) == (
        "US",
        False,
        "US.13491208655302741918",
    )


def test_bsuid_parent_form() -> None:
    user_id = BusinessScopedUserId("US.ENT.13491208655302741918")
    assert (user_id.country, user_id.is_parent) == ("US", True)


def test_bsuid_accepts_up_to_128_alphanumerics() -> None:
    assert BusinessScopedUserId("IN." + "a" * 128).country == "IN"


@pytest.mark.parametrize(
    "value",
    [
        "",
        "13491208655302741918",
        "us.13491208655302741918",
        "USA.1349",
        "US.",
        "US.ENT.",
        "US.1349-1208",
        "US." + "a" * 129,
        "+14155550100",
        None,
        42,
    ],
)
def test_bsuid_rejects_other_shapes(value: object) -> None:
    with pytest.raises(ValidationError) as raised:
        BusinessScopedUserId(value)  # type: ignore[arg-type]
    assert raised.value.field == "user_id"


@given(bsuids)
def test_bsuid_round_trips_through_its_text(user_id: BusinessScopedUserId) -> None:
    assert BusinessScopedUserId(str(user_id)) == user_id


# -- Customer ----------------------------------------------------------------

PHONE = "+14155550100"
BSUID = "US.13491208655302741918"


def test_customer_needs_a_phone_or_a_bsuid() -> None:
    with pytest.raises(ValidationError, match="phone number, a business-scoped user id"):
        Customer(name="Sheena")


def test_customer_parses_phone_and_bsuid_given_as_text() -> None:
    customer = Customer(phone="whatsapp:+1 415 555 0100", user_id=BSUID)
    assert customer.phone == PhoneNumber(PHONE)
    assert customer.user_id == BusinessScopedUserId(BSUID)


def test_customer_rejects_a_bad_phone() -> None:
    with pytest.raises(ValidationError, match="too short"):
        Customer(phone="12345")


def test_customer_key_is_the_phone_when_known() -> None:
    assert Customer(phone=PHONE, user_id=BSUID).key == PHONE


def test_customer_key_is_the_bsuid_without_a_phone() -> None:
    assert Customer(user_id=BSUID).key == BSUID


def test_customers_with_the_same_key_are_equal_whatever_their_names() -> None:
    first = Customer(phone=PHONE, name="Sheena Nelson")
    second = Customer(phone="14155550100", user_id=BSUID, name="S.", username="sheena")
    assert first == second
    assert hash(first) == hash(second)
    assert len({first, second}) == 1


def test_customers_with_different_keys_differ() -> None:
    assert Customer(phone=PHONE) != Customer(phone="+14155550101")
    assert Customer(phone=PHONE, user_id=BSUID) != Customer(user_id=BSUID)


def test_customer_is_not_equal_to_other_types() -> None:
    assert Customer(phone=PHONE) != PHONE


def test_matches_when_the_phone_is_shared() -> None:
    assert Customer(phone=PHONE).matches(Customer(phone=PHONE, user_id=BSUID))


def test_matches_when_the_bsuid_is_shared() -> None:
    assert Customer(user_id=BSUID).matches(Customer(phone=PHONE, user_id=BSUID))


def test_does_not_match_without_a_shared_id() -> None:
    assert not Customer(phone=PHONE).matches(Customer(user_id=BSUID))
    assert not Customer(user_id=BSUID).matches(Customer(user_id="US.1"))


def test_customer_json_form() -> None:
    assert Customer(phone=PHONE, name="Sheena Nelson").to_dict() == {
        "phone": PHONE,
        "user_id": None,
        "name": "Sheena Nelson",
    }
    assert Customer(user_id=BSUID, username="sheena").to_dict() == {
        "phone": None,
        "user_id": BSUID,
        "name": None,
        "username": "sheena",
    }


@given(customers())
def test_customer_json_round_trip_is_lossless(customer: Customer) -> None:
    again = Customer.from_dict(customer.to_dict())
    assert again == customer
    assert again.to_dict() == customer.to_dict()


def test_customer_from_dict_names_the_field_of_a_bad_phone() -> None:
    with pytest.raises(ValidationError) as raised:
        Customer.from_dict({"phone": "12", "user_id": None})
    assert raised.value.field == "customer.phone"


def test_customer_from_dict_rejects_a_non_object() -> None:
    with pytest.raises(ValidationError, match="JSON object"):
        Customer.from_dict(["+14155550100"])


def test_customer_from_dict_rejects_a_non_string_name() -> None:
    with pytest.raises(ValidationError) as raised:
        Customer.from_dict({"phone": PHONE, "name": 7})
    assert raised.value.field == "customer.name"


def test_customer_from_dict_without_any_id_is_rejected() -> None:
    with pytest.raises(ValidationError) as raised:
        Customer.from_dict({"phone": None, "user_id": None, "name": "x"})
    assert raised.value.field == "customer"


def test_a_provider_user_id_identifies_a_customer_without_phone_or_bsuid() -> None:
    customer = Customer(provider_user_id="5963c0d619a30a2e00de36b8", name="Jürgen")
    assert customer.key == "5963c0d619a30a2e00de36b8"
    assert Customer.from_dict(customer.to_dict()) == customer
    assert customer.to_dict()["provider_user_id"] == "5963c0d619a30a2e00de36b8"


def test_the_phone_outranks_the_provider_user_id_in_the_key() -> None:
    customer = Customer(phone="+4915112345678", provider_user_id="u1")
    assert customer.key == "+4915112345678"
    assert customer.matches(Customer(provider_user_id="u1"))
    assert not Customer(provider_user_id="u2").matches(Customer(provider_user_id="u1"))


def test_an_empty_provider_user_id_is_rejected() -> None:
    with pytest.raises(ValidationError, match="provider_user_id"):
        Customer(provider_user_id="")
