"""The shared readers: identities are shared through bounded memos of short text only."""

from __future__ import annotations

import pytest

from wamsg.providers import _read
from wamsg.providers._read import _customers, _shared_phone, customer_of, phone_or_none


def test_the_same_identity_text_gives_the_same_shared_value() -> None:
    first = customer_of("16505551234", "US.13491208655302741918", "Sheena")
    assert first is customer_of("16505551234", "US.13491208655302741918", "Sheena")
    assert phone_or_none("15550783881") is phone_or_none("15550783881")


def test_long_text_is_read_but_never_remembered() -> None:
    name = "N" * 5000
    phones, customers = _shared_phone.cache_info(), len(_customers)
    customer = customer_of("16505551234", None, name)
    assert customer is not None
    assert customer.name == name
    assert phone_or_none("1" * 300) is None
    assert len(_customers) == customers
    assert _shared_phone.cache_info().currsize <= phones.currsize + 1  # the short phone


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
