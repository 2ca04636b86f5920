"""The values pricing works on: a send's facts in, a charge out.

A :class:`Send` is everything the pricing rules need about one delivered business
message, as plain facts: who sent it to whom, when, the template category (None
for a free-form "service" message) and whether the customer service window (CSW)
and the free entry point (FEP) window were open at send time. The window facts
come from :mod:`wamsg.window.state` (or from the caller); the rules never compute them.

A :class:`Charge` is the answer: the :class:`Reason` (billable or why free), the
category as Meta reports it in ``pricing.category``, the pricing market and the
period whose rules applied. Amounts come from a rate card (:mod:`.rate_cards`).
"""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Protocol

import attrs

from wamsg._internal import fields as check
from wamsg._internal.json import is_text, require_aware
from wamsg.errors import ValidationError
from wamsg.identity import PhoneNumber

__all__ = [
    "CATEGORIES",
    "Charge",
    "Period",
    "Reason",
    "Send",
    "WindowFacts",
]


class Period(str, enum.Enum):
    """A span of time with one set of pricing rules (see the pricing rows of docs/rules.md)."""

    CBP_2022 = "cbp_2022"
    """2022-02-01 … 2023-05-31: user-/business-initiated [rule meta.pricing.cbp.2022-02-01]."""
    CBP_2023 = "cbp_2023"
    """2023-06-01 … 2024-10-31: four categories [rule meta.pricing.cbp.2023-06-01]."""
    CBP_2024 = "cbp_2024"
    """2024-11-01 … 2025-06-30: service free, unlimited [rule meta.pricing.cbp.service-free]."""
    PMP_2025 = "pmp_2025"
    """2025-07-01 … 2026-09-30: templates charged [rule meta.pricing.pmp.2025-07-01]."""
    PMP_2026 = "pmp_2026"
    """From 2026-10-01: service and in-window utility too [rule meta.pricing.pmp.2026-10-01]."""

    @property
    def model(self) -> str:
        """``"CBP"`` or ``"PMP"``, as ``pricing.pricing_model`` spells it.

        [rule meta.pricing.status-pricing]
        """
        return "CBP" if self.value.startswith("cbp") else "PMP"


class Reason(str, enum.Enum):
    """Why a message is charged or free; the values are ``pricing.type`` spellings."""

    REGULAR = "regular"
    """Charged at the card's rate."""
    FREE_CUSTOMER_SERVICE = "free_customer_service"
    """Free: a free-form message, or a utility template inside the CSW (by period)."""
    FREE_ENTRY_POINT = "free_entry_point"
    """Free: inside the 72 h free entry point window."""
    FREE_TIER = "free_tier"
    """Free: inside a monthly free allowance (1,000 conversations or service messages)."""
    IN_OPEN_CONVERSATION = "in_open_conversation"
    """Free: covered by a conversation already open and charged (conversation-based)."""

    @property
    def billable(self) -> bool:
        """True only for :attr:`REGULAR`."""
        return self is Reason.REGULAR


# Template categories from 2023-06-01 [rule meta.pricing.categories], as pricing.category
# spells them; "marketing_lite" (Marketing Messages API, priced as marketing from
# 2025-07-01) [rule meta.pricing.marketing-lite].
CATEGORIES = frozenset(
    {"marketing", "utility", "authentication", "authentication_international", "marketing_lite"}
)
"""The template categories the rules know; any other is priced as ``"unknown"``."""


class WindowFacts(Protocol):
    """What pricing needs from the window state at send time (see :mod:`wamsg.window.state`)."""

    @property
    def customer_service_window_open(self) -> bool:
        """True when the 24 h customer service window was open."""

    @property
    def free_entry_point_open(self) -> bool:
        """True when the 72 h free entry point window was open (or this send opens it)."""


def _window_facts(value: object, field: str) -> tuple[bool, bool]:
    """``value``'s two :class:`WindowFacts`: is the service window open, the free entry point."""
    window_open = getattr(value, "customer_service_window_open", None)
    entry_open = getattr(value, "free_entry_point_open", None)
    if type(window_open) is not bool or type(entry_open) is not bool:
        raise ValidationError(
            "must tell whether the service window and the free entry point are open "
            "(a WindowSnapshot, say)",
            field=field,
            value=value,
        )
    return window_open, entry_open


def _aware(value: datetime) -> datetime:
    return require_aware(value, "at")


def _category(value: str | None) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value:
        raise ValidationError("must be a category or None", field="template_category", value=value)
    if not is_text(value):
        raise ValidationError(
            "holds a lone surrogate, which is not text", field="template_category", value=value
        )
    return value.lower().replace("-", "_")  # [rule meta.pricing.category-spelling]


def _bool(_instance: object, attribute: attrs.Attribute[bool], value: object) -> None:
    if not isinstance(value, bool):
        raise ValidationError("must be true or false", field=attribute.name, value=value)


def _phone(_instance: object, _attribute: object, value: PhoneNumber) -> None:
    if not isinstance(value, PhoneNumber):
        raise ValidationError("must be a PhoneNumber", field="recipient", value=value)


@attrs.frozen(kw_only=True)
class Send:
    """One business message to price, with the window facts at send time.

    ``business`` is the sending number in E.164 (``""`` when unknown); the
    template category is lower-cased with ``-`` read as ``_`` (so both spellings
    of authentication-international work); None means a free-form message.
    """

    message_id: str = attrs.field(validator=check.any_text)
    business: str = attrs.field(validator=check.any_text)
    recipient: PhoneNumber = attrs.field(validator=_phone)
    at: datetime = attrs.field(converter=_aware)
    template_category: str | None = attrs.field(default=None, converter=_category)
    customer_service_window_open: bool = attrs.field(default=False, validator=_bool)
    free_entry_point_open: bool = attrs.field(default=False, validator=_bool)

    @classmethod
    def of(
        cls,
        *,
        message_id: str,
        business: PhoneNumber | None,
        recipient: PhoneNumber,
        at: datetime,
        template_category: str | None,
        windows: WindowFacts,
    ) -> Send:
        """Build a send from a window-state value that has the two facts."""
        check.opt_argument(business, PhoneNumber, "business")
        window_open, entry_open = _window_facts(windows, "windows")
        return cls(
            message_id=message_id,
            business="" if business is None else business.e164,
            recipient=recipient,
            at=at,
            template_category=template_category,
            customer_service_window_open=window_open,
            free_entry_point_open=entry_open,
        )


@attrs.frozen(kw_only=True)
class Charge:
    """What one delivered message costs under the rules of its period.

    ``category`` is what Meta reports in ``pricing.category`` (``service`` for a
    free-form message, ``referral_conversion`` inside a free entry point window,
    the conversation's category under conversation-based pricing).
    ``free_tier_key`` names the monthly free allowance the message may fall in
    (a business number, or ``"*"`` for the whole WABA), None when none applies;
    whether it does is settled over the month (:mod:`.ledger`), because the
    allowance covers the *first* messages of the month.
    """

    message_id: str
    business: str
    recipient: str
    market: str
    category: str
    reason: Reason
    period: Period
    at: datetime
    free_tier_key: str | None = None

    @property
    def billable(self) -> bool:
        """True when the message is charged (before any free-tier allowance)."""
        return self.reason is Reason.REGULAR

    @property
    def unit(self) -> str:
        """``"conversation"`` under conversation-based pricing, else ``"message"``."""
        return "conversation" if self.period.model == "CBP" else "message"
