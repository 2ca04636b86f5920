"""One gate before a send: replay the sample day and ask whether three sends may go.

Run: ``python examples/send_gate.py``. Everything comes from wamsg's packaged sample day
(its events and its account file); the script prints each decision and its reason.
"""

from __future__ import annotations

from wamsg import Customer
from wamsg.accounts import AccountConfig, AccountState
from wamsg.limits import LimitBook, can_send_now
from wamsg.testing import sample_day
from wamsg.window import FREE_FORM, WindowBook


def main() -> None:
    day = sample_day()
    config = AccountConfig.from_dict(day.account)
    state = AccountState.empty(config, as_of=day.at).fold(day.events)
    book = LimitBook.empty(numbers=[n.phone for n in config.numbers]).fold(day.events)
    windows = WindowBook().fold(day.events)
    number = state.number("+15550783881")
    assert number is not None
    for phone, send in (
        ("+16505551234", FREE_FORM),  # Sheena wrote this morning: the window is open
        ("+5511987654321", FREE_FORM),  # Lucas's window closed yesterday
        ("+16505551234", "marketing"),  # a US number: Meta pauses marketing templates
    ):
        customer = Customer(phone=phone)
        decision = can_send_now(
            number=number,
            customer=customer,
            at=day.at,
            send=send,
            window=windows.get(number.phone, customer),
            usage=book,
            limit=state.tier.value,
        )
        verdict = "allowed" if decision.allowed else "refused"
        print(f"{send:>9} to {phone}: {verdict} ({decision.reason.value}) {decision.message}")


if __name__ == "__main__":
    main()
