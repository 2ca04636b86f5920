"""The ``repr`` of a big folded state is short and names no customer.

A state holding thousands of sends prints how many it holds, not every send
(with every customer's phone); a raw string from a provider shows its first
characters and its length.
"""

from __future__ import annotations

from datetime import timedelta

from wamsg import Inbox, PhoneNumber
from wamsg.accounts import AccountConfig, AccountState, BusinessNumber, Portfolio, Waba
from wamsg.limits import LimitBook
from wamsg.window import WindowBook

from .limits.helpers import delivered_templates, received, user, utc

SHORT = 300
T0 = utc(2026, 11, 2, 10)
EVENTS = [
    *delivered_templates(3000, T0),
    *(received(T0 + timedelta(minutes=1), user(i)) for i in range(3000)),
]


def secret_free(text: str) -> None:
    assert len(text) < SHORT, text[:SHORT]
    assert user(0).phone is not None
    assert user(1234).phone.digits not in text  # type: ignore[union-attr]
    assert "+1650" not in text


def test_a_limit_book_shows_the_sizes() -> None:
    book = LimitBook.empty().fold(EVENTS)
    assert len(book.sends) == 3000
    text = repr(book)
    secret_free(text)
    assert "sends=<3000 items>" in text
    assert "outcomes=<3000 items>" in text
    assert "WindowBook(states=<3000 items>)" in text
    assert "policy=DEFAULT_POLICY" in text


def test_a_window_book_and_an_inbox_show_the_sizes() -> None:
    for state in (WindowBook().fold(EVENTS), Inbox().fold(EVENTS)):
        text = repr(state)
        secret_free(text)
        assert "<3000 items>" in text


def test_an_account_shows_how_many_numbers_it_has() -> None:
    numbers = tuple(
        BusinessNumber(phone=PhoneNumber.parse(f"+1555{i:07d}"), phone_number_id=str(i), waba="w1")
        for i in range(2000)
    )
    config = AccountConfig(portfolio=Portfolio(id="p1"), wabas=(Waba(id="w1"),), numbers=numbers)
    for value in (config, AccountState(config=config)):
        text = repr(value)
        assert len(text) < SHORT, text[:SHORT]
        assert "numbers=<2000 items>" in text
        assert "+1555" not in text


def test_a_business_number_caps_its_raw_strings() -> None:
    raw = "X" * 1_000_000
    number = BusinessNumber(
        phone=PhoneNumber.parse("+15550783881"),
        phone_number_id="1" * 5000,
        waba="w" * 5000,
        status_raw=raw,
        quality_raw=raw,
    )
    text = repr(number)
    assert len(text) < 2 * SHORT + 400, len(text)  # several fields, each cut short
    assert f"status_raw={'X' * 40!r}… (1000000 chars)" in text
    assert "(5000 chars)" in text
    short = BusinessNumber(phone=PhoneNumber.parse("+15550783881"), phone_number_id="1", waba="w")
    assert "status_raw='CONNECTED'" in repr(short)
