"""Per-message pricing (PMP), from 2025-07-01: which messages are charged.

From 2025-07-01 ([rule meta.pricing.pmp.2025-07-01]):

- only delivered **template** messages are charged, at the rate of the
  template's category in the recipient's market;
- free-form (non-template) messages are free (``free_customer_service``,
  category ``service``);
- **utility** templates inside an open customer service window are free
  (``free_customer_service``);
- everything inside an open free entry point window is free
  (``free_entry_point``, category ``referral_conversion``);
- marketing and authentication templates are charged even inside the window.

From 2026-10-01 ([rule meta.pricing.pmp.2026-10-01]):

- free-form messages are charged as category ``service``, at the market's
  utility rate, with no volume tiers (and a monthly free allowance, see
  :class:`~wamsg.billing.ServiceFreeTier`);
- utility templates inside the window are charged;
- the free entry point window stays free.
"""

from __future__ import annotations

from wamsg._internal import fields as check
from wamsg.billing.charges import CATEGORIES, Period, Reason

__all__ = ["decide_per_message"]

_FREE_CS = Reason.FREE_CUSTOMER_SERVICE
_FREE_EP = Reason.FREE_ENTRY_POINT
_REGULAR = Reason.REGULAR


def decide_per_message(
    period: Period,
    template_category: str | None,
    customer_service_window_open: bool,
    free_entry_point_open: bool,
) -> tuple[Reason, str]:
    """The reason and the reported category of one delivered message under PMP.

    ``template_category`` is None for a free-form message; an unrecognised
    category is charged as ``"unknown"`` (its rate is unknown, never 0)
    [rule meta.pricing.categories].
    """
    check.argument(period, Period, "period")
    check.opt_argument(template_category, str, "template_category")
    check.boolean(customer_service_window_open, "customer_service_window_open")
    check.boolean(free_entry_point_open, "free_entry_point_open")
    return _per_message(
        period, template_category, customer_service_window_open, free_entry_point_open
    )


def _per_message(
    period: Period,
    template_category: str | None,
    customer_service_window_open: bool,
    free_entry_point_open: bool,
) -> tuple[Reason, str]:
    """:func:`decide_per_message` of checked arguments: the core of pricing's hot path."""
    if free_entry_point_open:
        return _FREE_EP, "referral_conversion"
    if template_category is None:
        if period is Period.PMP_2026:
            return _REGULAR, "service"
        return _FREE_CS, "service"
    category = template_category if template_category in CATEGORIES else "unknown"
    if category == "utility" and customer_service_window_open and period is Period.PMP_2025:
        return _FREE_CS, "utility"
    return _REGULAR, category
