"""Reconciliation: wamsg's predicted charge against the ``pricing`` the provider reported.

For each billed message, every distinct ``pricing`` object reported on its
statuses ([rule meta.pricing.status-pricing]) is compared field by field with the
prediction, and each difference is listed:

- ``model``: ``CBP`` or ``PMP`` (``CBP`` also for a utility template covered by
  a conversation opened before the 2025-07-01 switch,
  [rule meta.pricing.pmp.cbp-carry-over]);
- ``type``: ``regular``, ``free_customer_service``, ``free_entry_point``. For a
  message inside the 2026 service free allowance Meta's spelling is not
  documented: ``free_tier`` and ``free_customer_service`` are both accepted;
- ``category``: compared case-insensitively with ``-`` read as ``_``, so both
  spellings of authentication-international agree
  ([rule meta.pricing.category-spelling]);
- ``billable`` (deprecated by Meta, still compared when present).

A field the provider did not report (null) is not compared.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from wamsg._internal import fields as check
from wamsg.billing.bill import Bill, BilledMessage
from wamsg.billing.charges import Reason
from wamsg.delivery import Pricing
from wamsg.events import MessageStatus

__all__ = ["Disagreement", "expected_pricing", "reconcile"]


@attrs.frozen(kw_only=True)
class Disagreement:
    """One field on which the provider's ``pricing`` differs from wamsg's prediction."""

    message_id: str
    field: str
    expected: str
    reported: str


def _norm(value: str) -> str:
    return value.strip().lower().replace("-", "_")


def expected_pricing(billed: BilledMessage) -> dict[str, frozenset[str]]:
    """The accepted values per pricing field for one billed message (normalised)."""
    check.argument(billed, BilledMessage, "billed")
    charge, reason = billed.charge, billed.reason
    model = "CBP" if reason is Reason.IN_OPEN_CONVERSATION else charge.period.model
    out = {"model": frozenset({model.lower()}), "category": frozenset({charge.category})}
    if reason is Reason.FREE_TIER:
        out["type"] = frozenset({"free_tier", "free_customer_service"})
    elif reason is not Reason.IN_OPEN_CONVERSATION and charge.period.model == "PMP":
        out["type"] = frozenset({reason.value})
    if reason is Reason.REGULAR:
        out["billable"] = frozenset({"true"})
    elif reason is not Reason.FREE_TIER and reason is not Reason.IN_OPEN_CONVERSATION:
        out["billable"] = frozenset({"false"})
    return out


def _reported(pricing: Pricing) -> dict[str, str]:
    out = {}
    if pricing.model is not None:
        out["model"] = _norm(pricing.model)
    if pricing.type is not None:
        out["type"] = _norm(pricing.type)
    if pricing.category is not None:
        out["category"] = _norm(pricing.category)
    if pricing.billable is not None:
        out["billable"] = "true" if pricing.billable else "false"
    return out


def reconcile(bill: Bill, statuses: Iterable[MessageStatus]) -> tuple[Disagreement, ...]:
    """The disagreements between ``bill``'s charges and the reported pricing, sorted."""
    check.argument(bill, Bill, "bill")
    check.iterable(statuses, "statuses")
    billed = {message.charge.message_id: message for message in bill.charges}
    seen: set[tuple[str, Pricing]] = set()
    out: list[Disagreement] = []
    for status in statuses:
        if type(status) is not MessageStatus:
            check.argument(status, MessageStatus, "statuses")
        message = billed.get(status.message_id)
        if status.pricing is None or message is None:
            continue
        if (status.message_id, status.pricing) in seen:
            continue
        seen.add((status.message_id, status.pricing))
        expected = expected_pricing(message)
        for field, value in _reported(status.pricing).items():
            accepted = expected.get(field)
            if accepted is not None and value not in accepted:
                shown = " or ".join(sorted(accepted))
                out.append(
                    Disagreement(
                        message_id=status.message_id, field=field, expected=shown, reported=value
                    )
                )
    return tuple(sorted(out, key=lambda d: (d.message_id, d.field, d.reported)))
