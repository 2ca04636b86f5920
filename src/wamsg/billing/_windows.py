"""Window facts at each send, for billing events (a stand-in for :mod:`wamsg.window`).

Pricing needs two facts per delivered send: was the customer service window
open, and was the free entry point window open (meta-platform.md §1)?
``_window_facts_at_sends`` computes just those, with the same rules as
:mod:`wamsg.window` (CSW: 24 h from the customer's latest message, business
messages never extend it; FEP: opens at the business's first reply within 24 h
of an ad-referred customer message and lasts 72 h). It exists only so billing
does not depend on an uncommitted module; swap it for ``WindowBook`` later.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from datetime import timedelta

from ..content import System
from ..events import MessageReceived, MessageSent

__all__ = ["window_facts_at_sends"]

# 24 h customer service window [M-SEND]; reply within 24 h opens a 72 h FEP [M-PRICING].
_CSW = timedelta(hours=24).total_seconds()
_FEP_REPLY = timedelta(hours=24).total_seconds()
_FEP = timedelta(hours=72).total_seconds()

_Pair = tuple[str, str]


def _pair(event: MessageReceived | MessageSent) -> _Pair:
    business = event.message.business
    return ("" if business is None else business.e164, event.message.customer.key)


def _window_facts_at_sends(
    received: Iterable[MessageReceived], sends: Iterable[MessageSent]
) -> dict[str, tuple[bool, bool]]:
    """``{message id: (customer_service_window_open, free_entry_point_open)}`` per send."""
    inbound: dict[_Pair, list[float]] = {}
    ads: dict[_Pair, list[float]] = {}
    for event in received:
        sent_at = event.message.sent_at
        if sent_at is None or isinstance(event.message.content, System):
            continue
        pair = _pair(event)
        inbound.setdefault(pair, []).append(sent_at.timestamp())
        referral = event.message.context.referral
        if referral is not None and referral.is_ad:
            ads.setdefault(pair, []).append(sent_at.timestamp())
    outbound: dict[_Pair, list[tuple[float, str]]] = {}
    for send in sends:
        if send.message.sent_at is not None:
            outbound.setdefault(_pair(send), []).append(
                (send.message.sent_at.timestamp(), send.message.id)
            )
    facts: dict[str, tuple[bool, bool]] = {}
    for pair, items in outbound.items():
        items.sort()
        times = sorted(inbound.get(pair, ()))
        intervals = _fep_intervals(sorted(ads.get(pair, ())), [t for t, _ in items])
        for at, message_id in items:
            i = bisect_right(times, at)
            csw = bool(i) and at < times[i - 1] + _CSW
            fep = any(start <= at < end for start, end in intervals)
            facts[message_id] = (csw, fep)
    return facts


def _fep_intervals(ads: list[float], outbound: list[float]) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    end: float | None = None
    for ad in ads:
        earliest = ad if end is None or ad >= end else end
        i = bisect_left(outbound, earliest)
        if i < len(outbound) and outbound[i] < ad + _FEP_REPLY:
            end = outbound[i] + _FEP
            out.append((outbound[i], end))
    return out


window_facts_at_sends = _window_facts_at_sends
