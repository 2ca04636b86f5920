"""The shared readers: identities are shared through bounded memos of short text only."""

from __future__ import annotations

import pytest

from wamsg.providers import _read
from wamsg.providers._read import _customers, _phones, customer_of, phone_or_none


def test_the_same_identity_text_gives_the_same_shared_value() -> None:
    first = customer_of("16505551234", "US.13491208655302741918", "Sheena")
    assert first is customer_of("16505551234", "US.13491208655302741918", "Sheena")
    assert phone_or_none("15550783881") is phone_or_none("15550783881")


def test_long_text_is_read_but_never_remembered() -> None:
    name = "N" * 5000
    _phones.clear()
    customers = len(_customers)
    customer = customer_of("16505551234", None, name)
    assert customer is not None
    assert customer.name == name
    assert phone_or_none("1" * 300) is None
    assert len(_customers) == customers
    assert list(_phones) == ["16505551234"]  # the short phone only


def test_customers_that_identify_nobody_are_remembered_as_none() -> None:
    assert customer_of("not a number", "") is None
    assert ("not a number", "", None, None) in _customers
    assert customer_of("not a number", "") is None


def test_the_customer_memo_starts_afresh_when_full(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_read, "_MEMO_SIZE", 2)
    _customers.clear()
    for number in ("16505551234", "16505551235", "16505551236"):
        customer_of(number)
    assert list(_customers) == [("16505551236", None, None, None)]


def test_the_phone_memo_starts_afresh_when_full(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_read, "_MEMO_SIZE", 2)
    _phones.clear()
    for number in ("16505551234", "16505551235", "not a number"):
        phone_or_none(number)
    assert _phones == {"not a number": None}
    assert phone_or_none("16505551235") == phone_or_none("+16505551235")


def test_no_phone_is_none_and_remembered_as_none() -> None:
    assert phone_or_none(None) is None
    assert phone_or_none("") is None
    assert _phones[None] is None
