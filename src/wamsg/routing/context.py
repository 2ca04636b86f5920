"""The context a routing rule reads, built from an inbound message and what the caller knows.

A context is a plain mapping (JSON-like: strings, numbers, booleans, lists and
nested mappings), so a caller may also assemble one by hand. Built from a
:class:`~wamsg.MessageReceived` by :func:`message_context`, it holds:

========================  ===========================================================
path                      value
========================  ===========================================================
``business``              the business number (E.164), when known
``brand``                 the number's brand in the policy's number table
``customer.phone``        the customer's number (E.164), when known
``customer.user_id``      the customer's business-scoped user id, when known
``customer.name``         the profile name, when known
``customer.<key>``        the caller's customer attributes (``customer.tier``)
``content.kind``          ``text``, ``interactive_reply``, ``button_reply``, ``image`` …
``text``                  the text: a text's body, a button's text, a caption
``reply.id``              an interactive reply's id, or a quick-reply button's payload
``reply.title``           an interactive reply's title, or a quick-reply button's text
``referral.source_type``  a click-to-WhatsApp referral's source type (``ad``, ``post``)
``referral.source_id``    and its id
``forwarded``             whether the message was forwarded
``window.open``           whether the customer service window was open before it
``conversation.is_new``   true when no earlier inbound of the pair is known
``conversation.last_agent``  the agent the pair's previous routed message got
========================  ===========================================================

Classification adds ``language``, ``skills`` (names), ``tags`` and ``priority`` as
top-level paths for the rules after it. A path with no value is absent (never None),
so ``is null`` and the missing-attribute semantics apply.
"""

from __future__ import annotations

from collections.abc import Mapping

from wamsg._internal import fields as check
from wamsg.content import ButtonReply, InteractiveReply, Text
from wamsg.events import MessageReceived
from wamsg.routing._values import check_attributes

__all__ = ["message_context"]


def _text_and_reply(content: object) -> tuple[str | None, dict[str, object]]:
    if isinstance(content, Text):
        return content.body, {}
    if isinstance(content, InteractiveReply):
        reply = {"id": content.id, "title": content.title}
        return content.title, {k: v for k, v in reply.items() if v is not None}
    if isinstance(content, ButtonReply):
        reply = {"id": content.payload, "title": content.text}
        return content.text, {k: v for k, v in reply.items() if v is not None}
    caption = getattr(content, "caption", None)
    return (caption if isinstance(caption, str) else None), {}


def message_context(
    event: MessageReceived,
    *,
    brand: str | None = None,
    customer: Mapping[str, object] | None = None,
    window_open: bool | None = None,
    is_new: bool | None = None,
    last_agent: str | None = None,
) -> dict[str, object]:
    """The context of one inbound message (see the module docs for the paths).

    ``customer`` holds the caller's attributes of the customer (from its CRM): text
    keys and JSON values (finite decimals too), refused with
    :class:`~wamsg.errors.ValidationError` otherwise (a lone surrogate, NaN, nesting
    deeper than 500 levels …); wamsg's own facts (``phone``, ``user_id``, ``name``)
    take precedence over attributes of the same name. ``window_open``, ``is_new`` and
    ``last_agent`` are facts the caller knows from its state
    (:class:`~wamsg.routing.Router` keeps them for a stream); None leaves the path
    absent. ``brand`` and ``last_agent`` are texts (no lone surrogate).
    """
    check.argument(event, MessageReceived, "event")
    if brand is not None:
        check.text_of(brand, "brand", empty=True)
    check.opt_argument(window_open, bool, "window_open")
    check.opt_argument(is_new, bool, "is_new")
    if last_agent is not None:
        check.text_of(last_agent, "last_agent", empty=True)
    message = event.message
    who: dict[str, object] = {}
    if customer is not None:
        who.update(check_attributes(customer, "customer"))
    person = message.customer
    for key, value in (
        ("phone", None if person.phone is None else person.phone.e164),
        ("user_id", None if person.user_id is None else str(person.user_id)),
        ("name", person.name),
    ):
        if value is not None:
            who[key] = value
    text, reply = _text_and_reply(message.content)
    context: dict[str, object] = {
        "customer": who,
        "content": {"kind": message.content.kind},
        "forwarded": message.context.forwarded,
    }
    if message.business is not None:
        context["business"] = message.business.e164
    if brand is not None:
        context["brand"] = brand
    if text is not None:
        context["text"] = text
    if reply:
        context["reply"] = reply
    referral = message.context.referral
    if referral is not None:
        context["referral"] = {
            key: value
            for key, value in (
                ("source_type", referral.source_type),
                ("source_id", referral.source_id),
            )
            if value is not None
        }
    if window_open is not None:
        context["window"] = {"open": window_open}
    conversation: dict[str, object] = {}
    if is_new is not None:
        conversation["is_new"] = is_new
    if last_agent is not None:
        conversation["last_agent"] = last_agent
    context["conversation"] = conversation
    return context
