"""What each event is about, so that a pipeline groups it with the state it changes.

The keys are the core's own: a (business number, customer) :data:`~wamsg.identity.PairKey`
from :func:`~wamsg.identity.pair_key` for windows and conversations, the message id for
the records and statuses of one message. Each function routes an event exactly as the
single-process fold it stands for routes it (``WindowBook``, ``Inbox``), and gives
None for an event that fold ignores, so a pipeline never ships it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from wamsg.events import (
    CallEvent,
    ConversationRead,
    Event,
    MessageReceived,
    MessageSent,
    MessageStatus,
    UnknownEvent,
)
from wamsg.identity import PairKey, pair_key

__all__ = ["inbox_pair", "pair_order", "route_statuses", "status_pair", "window_pair"]


def window_pair(event: Event) -> PairKey | None:
    """The pair whose window state ``event`` may change (as ``WindowBook`` routes it).

    Messages received and sent, and calls and unknown events that name a customer;
    None for every other event (statuses never open or close a window).
    """
    kind = type(event)
    if kind is MessageReceived or kind is MessageSent:
        message = event.message  # type: ignore[union-attr]
        return pair_key(message.business, message.customer)
    if kind is UnknownEvent or kind is CallEvent:
        assert isinstance(event, (UnknownEvent, CallEvent))
        if event.customer is not None:
            return pair_key(event.business, event.customer)
    return None


def inbox_pair(event: Event) -> PairKey | None:
    """The conversation a message or a read belongs to; None for statuses and the rest."""
    kind = type(event)
    if kind is MessageReceived or kind is MessageSent:
        message = event.message  # type: ignore[union-attr]
        return pair_key(message.business, message.customer)
    if kind is ConversationRead:
        assert isinstance(event, ConversationRead)
        return pair_key(event.business, event.customer)
    return None


def route_statuses(
    keys: Iterable[Any],
    statuses: Iterable[MessageStatus],
    unsent: Callable[[MessageStatus], Any] | None = None,
) -> Iterator[tuple[Any, MessageStatus]]:
    """Each status of one message with the key(s) its message's send records are under.

    A status goes where its message was sent (every key a send record of its id is
    under: usually one). A status of a message that is not in the input goes to
    ``unsent(status)`` when that is not None (for the inbox: the pair the status
    names, :func:`status_pair`), else nowhere.
    """
    found = sorted(set(keys), key=repr)
    for status in statuses:
        if found:
            for key in found:
                yield key, status
        elif unsent is not None:
            key = unsent(status)
            if key is not None:
                yield key, status


def status_pair(status: MessageStatus) -> PairKey | None:
    """The pair a status names; None when it names only the message id.

    A fold routes such a status to that pair's conversation when it knows no send of
    the id; one that names no customer waits for a message that never comes, and no
    inbox row shows it.
    """
    if status.customer is None:
        return None
    return pair_key(status.business, status.customer)


def pair_order(key: PairKey) -> tuple[bool, str, str]:
    """A total order on pair keys (a pair without a business number first)."""
    return (key[0] is not None, key[0] or "", key[1])
