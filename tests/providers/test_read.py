"""The shared readers: identities are shared through bounded memos of short text only."""

from __future__ import annotations

from wamsg.providers._read import _shared_customer, _shared_phone, customer_of, phone_or_none


def test_the_same_identity_text_gives_the_same_shared_value() -> None:
    first = customer_of("16505551234", "US.13491208655302741918", "Sheena")
    assert first is customer_of("16505551234", "US.13491208655302741918", "Sheena")
    assert phone_or_none("15550783881") is phone_or_none("15550783881")


def test_long_text_is_read_but_never_remembered() -> None:
    name = "N" * 5000
    phones, customers = _shared_phone.cache_info(), _shared_customer.cache_info()
    customer = customer_of("16505551234", None, name)
    assert customer is not None
    assert customer.name == name
    assert phone_or_none("1" * 300) is None
    assert _shared_customer.cache_info().currsize == customers.currsize
    assert _shared_phone.cache_info().currsize <= phones.currsize + 1  # the short phone
