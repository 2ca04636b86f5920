"""Outgoing: a message the business wants to send, the same for every provider."""

from __future__ import annotations

import attrs
import pytest

from wamsg import Customer, Outgoing, PhoneNumber, TemplateRef, Text
from wamsg.content import Image, Media

BUSINESS = PhoneNumber("+15550783881")
CUSTOMER = Customer(phone="+16505551234")


def test_a_free_form_message_is_not_a_template() -> None:
    outgoing = Outgoing(business=BUSINESS, customer=CUSTOMER, content=Text("On its way!"))
    assert not outgoing.is_template
    assert outgoing.template_category is None


def test_a_template_message_is_a_template_with_its_category_in_lower_case() -> None:
    template = TemplateRef(name="order_update", language="en_US", category="UTILITY")
    outgoing = Outgoing(business=BUSINESS, customer=CUSTOMER, content=template)
    assert outgoing.is_template
    assert outgoing.template_category == "utility"


def test_a_template_without_a_category_has_none() -> None:
    template = TemplateRef(name="order_update", language="en_US")
    outgoing = Outgoing(business=BUSINESS, customer=CUSTOMER, content=template)
    assert outgoing.is_template
    assert outgoing.template_category is None


def test_reply_to_and_operator_are_optional() -> None:
    outgoing = Outgoing(business=None, customer=CUSTOMER, content=Image(Media(id="1")))
    assert (outgoing.reply_to, outgoing.operator) == (None, None)
    quoted = attrs.evolve(outgoing, reply_to="wamid.1", operator="agent-7")
    assert (quoted.reply_to, quoted.operator) == ("wamid.1", "agent-7")


def test_an_outgoing_message_is_immutable() -> None:
    outgoing = Outgoing(business=BUSINESS, customer=CUSTOMER, content=Text("hi"))
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        outgoing.operator = "agent-7"  # type: ignore[misc]
