"""Whether a marketing template will reach a user: Meta's per-user marketing limits.

Meta caps how many marketing templates one user receives from all businesses, with an
adaptive cap it does not publish; a message over the cap is not delivered and fails
with 131049 [rule meta.marketing.per-user-cap] (since 2024-02-06). wamsg cannot predict
Meta's cap, so it answers what is knowable before the send:

1. only **marketing** templates are concerned;
2. since **2025-04-01** marketing templates to +1 numbers with a **US area code** are
   not delivered at all (131049) [rule meta.marketing.us-pause] — Canada and the other
   NANP countries are not paused, US territories by
   :attr:`~wamsg.limits.MarketingPolicy.us_territories_paused`;
3. after a 131049, wait **at least 24 hours** before the next marketing template to that
   user [rule meta.marketing.retry-24h]; since 2026-04-30 repeated resends within the
   24 h can make further attempts unavailable [rule meta.marketing.retry-limit];
4. the cap does not apply when the business number or the user is in the **EEA, the
   UK, Japan or South Korea** [rule meta.marketing.exempt-regions];
5. nor to a marketing template sent **inside a customer service window opened by the
   user** [rule meta.marketing.in-window];
6. otherwise the template is deliverable, subject to Meta's cap.
"""

from __future__ import annotations

import enum
from datetime import datetime, timedelta

import attrs

from wamsg._internal import fields as check
from wamsg._internal.json import JsonObject, format_optional_time, format_time, require_aware
from wamsg.errors import ValidationError
from wamsg.identity import PhoneNumber
from wamsg.limits.dates import PER_USER_MARKETING_LIMITS_FROM, US_MARKETING_PAUSE_FROM
from wamsg.limits.policy import DEFAULT_POLICY, LimitsPolicy
from wamsg.limits.regions import US_TERRITORIES

__all__ = [
    "MARKETING_COOL_DOWN",
    "MarketingDecision",
    "MarketingVerdict",
    "is_paused_us",
    "marketing_deliverable",
]

MARKETING_COOL_DOWN = timedelta(hours=24)  # [rule meta.marketing.retry-24h]
"""How long to wait after a 131049 before another marketing template to the user."""


class MarketingVerdict(str, enum.Enum):
    """What Meta's marketing rules say about one template (stable codes)."""

    NOT_MARKETING = "not_marketing"
    """Not a marketing template: the per-user limits do not concern it."""
    PAUSED_US = "marketing_not_delivered_us"
    """A marketing template to a US number since 2025-04-01: it will not be delivered."""
    COOL_DOWN = "cool_down"
    """Less than 24 h since a 131049 for this user: wait until ``until``."""
    EXEMPT = "exempt"
    """The business or the user is in the EEA, UK, JP or KR: no per-user cap."""
    IN_WINDOW = "in_window"
    """Inside a window the user opened: the cap does not apply."""
    DELIVERABLE = "deliverable"
    """Deliverable, subject to Meta's adaptive per-user cap (which may answer 131049)."""


@attrs.frozen(kw_only=True)
class MarketingDecision:
    """The answer of :func:`marketing_deliverable`; ``until`` ends a cool-down."""

    verdict: MarketingVerdict = attrs.field(validator=check.instance(MarketingVerdict))
    deliverable: bool = attrs.field(validator=check.flag)
    until: datetime | None = attrs.field(validator=check.opt_moment)
    message: str = attrs.field(validator=check.text)

    def to_dict(self) -> JsonObject:
        """JSON form, times in ISO 8601 UTC."""
        return {
            "verdict": self.verdict.value,
            "deliverable": self.deliverable,
            "until": format_optional_time(self.until),
            "message": self.message,
        }


def _phone(value: object, field: str) -> PhoneNumber:
    if not isinstance(value, PhoneNumber):
        raise ValidationError("must be a PhoneNumber", field=field, value=value)
    return value


def _category(value: object) -> bool:
    if value is None:
        return False
    if type(value) is not str:
        raise ValidationError("must be a template category or None", field="category", value=value)
    return value.strip().lower() == "marketing"


def is_paused_us(
    recipient: PhoneNumber, at: datetime, policy: LimitsPolicy = DEFAULT_POLICY
) -> bool:
    """Whether marketing templates to ``recipient`` are not delivered at ``at`` (US pause)."""
    recipient, at = _phone(recipient, "recipient"), require_aware(at, "at")
    policy = check.of(policy, LimitsPolicy, "policy")
    if at < US_MARKETING_PAUSE_FROM or recipient.calling_code != "1":
        return False
    region = recipient.region
    return region == "US" or (region in US_TERRITORIES and policy.marketing.us_territories_paused)


def marketing_deliverable(
    category: str | None,
    recipient: PhoneNumber,
    *,
    at: datetime,
    business: PhoneNumber | None = None,
    window_opened_by_user: bool = False,
    last_131049_at: datetime | None = None,
    policy: LimitsPolicy = DEFAULT_POLICY,
) -> MarketingDecision:
    """Whether a template of ``category`` to ``recipient`` will be delivered at ``at``.

    ``business`` is the sending number (for the exempt regions), ``window_opened_by_user``
    whether a customer service window opened by the user's message is open, and
    ``last_131049_at`` when this user last answered 131049 (see the module docs for
    the order of the rules).
    """
    at = require_aware(at, "at")
    recipient = _phone(recipient, "recipient")
    sender = None if business is None else _phone(business, "business")
    if type(window_opened_by_user) is not bool:
        field = "window_opened_by_user"
        raise ValidationError("must be True or False", field=field, value=window_opened_by_user)
    last = None if last_131049_at is None else require_aware(last_131049_at, "last_131049_at")
    if not _category(category):
        return _answer(MarketingVerdict.NOT_MARKETING, "Not a marketing template.")
    if is_paused_us(recipient, at, policy):
        text = "Meta does not deliver marketing templates to US numbers since 2025-04-01 (131049)."
        return _answer(MarketingVerdict.PAUSED_US, text)
    if last is not None and at < last + MARKETING_COOL_DOWN:
        until = last + MARKETING_COOL_DOWN
        text = f"The user answered 131049 at {format_time(last)}: wait until {format_time(until)}."
        return _answer(MarketingVerdict.COOL_DOWN, text, until)
    exempt = policy.marketing.exempt_calling_codes
    if at < PER_USER_MARKETING_LIMITS_FROM:
        return _answer(
            MarketingVerdict.DELIVERABLE, "Per-user marketing limits began on 2024-02-06."
        )
    if recipient.calling_code in exempt or (sender is not None and sender.calling_code in exempt):
        text = (
            "The per-user marketing cap does not apply in the EEA, the UK, Japan or South Korea."
        )
        return _answer(MarketingVerdict.EXEMPT, text)
    if window_opened_by_user:
        text = "Inside a window the user opened, the per-user marketing cap does not apply."
        return _answer(MarketingVerdict.IN_WINDOW, text)
    text = "Deliverable, subject to Meta's per-user marketing cap (which may answer 131049)."
    return _answer(MarketingVerdict.DELIVERABLE, text)


def _answer(
    verdict: MarketingVerdict, message: str, until: datetime | None = None
) -> MarketingDecision:
    deliverable = verdict not in (MarketingVerdict.PAUSED_US, MarketingVerdict.COOL_DOWN)
    return MarketingDecision(
        verdict=verdict, deliverable=deliverable, until=until, message=message
    )
