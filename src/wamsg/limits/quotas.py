"""Provider quotas on top of Meta's limits: Sunshine Conversations and Twilio.

- **Sunshine Conversations** (Zendesk) counts **monthly active users** — unique end
  users active in a calendar month on any channel, a user unified across channels
  counting once — and **notifications**, messages sent through its Notification API
  (a WhatsApp template to a bare phone number) [rule sunshine.quota.mau]
  [rule sunshine.quota.notifications]. Suite Professional and above include 1,000 of
  each per month (:class:`~wamsg.limits.QuotaPolicy`).
- **Twilio** queues messages over a sender's throughput for up to **4 hours**, then
  fails them [rule twilio.queue.4h].
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta, timezone

import attrs
import pendulum

from wamsg._internal import fields as check
from wamsg._internal.json import JsonObject, require_aware
from wamsg.errors import ValidationError
from wamsg.limits.policy import DEFAULT_POLICY, LimitsPolicy

__all__ = [
    "TWILIO_QUEUE_LIFETIME",
    "SunshineUsage",
    "sunshine_usage",
    "twilio_queue_expired",
    "twilio_queue_expires_at",
]

TWILIO_QUEUE_LIFETIME = timedelta(hours=4)  # [rule twilio.queue.4h]
"""How long Twilio keeps a message queued before failing it."""


_COUNT = check.integer(0, check.MAX_JSON_INT)


@attrs.frozen(kw_only=True)
class SunshineUsage:
    """One month of Sunshine Conversations usage against the plan's included quotas."""

    month: str = attrs.field(validator=lambda _instance, _attribute, value: _year_month(value))
    monthly_active_users: int = attrs.field(validator=_COUNT)
    notifications: int = attrs.field(validator=_COUNT)
    included_monthly_active_users: int = attrs.field(validator=_COUNT)
    included_notifications: int = attrs.field(validator=_COUNT)

    @property
    def monthly_active_users_over(self) -> int:
        """Monthly active users beyond the included quota."""
        return max(0, self.monthly_active_users - self.included_monthly_active_users)

    @property
    def notifications_over(self) -> int:
        """Notifications beyond the included quota."""
        return max(0, self.notifications - self.included_notifications)

    def to_dict(self) -> JsonObject:
        """JSON form: counts, quotas and what is over them."""
        return {
            "month": self.month,
            "monthly_active_users": self.monthly_active_users,
            "notifications": self.notifications,
            "included_monthly_active_users": self.included_monthly_active_users,
            "included_notifications": self.included_notifications,
            "monthly_active_users_over": self.monthly_active_users_over,
            "notifications_over": self.notifications_over,
        }


def _year_month(month: object) -> tuple[int, int]:
    if (
        type(month) is str
        and len(month) == 7
        and month.isascii()
        and month[4] == "-"
        and (month[:4] + month[5:]).isdigit()
        and 1 <= int(month[5:]) <= 12
        and 1970 <= int(month[:4]) < 2200
    ):
        return int(month[:4]), int(month[5:])
    raise ValidationError("must be a month as YYYY-MM", field="month", value=month)


def _bounds(month: object, zone: str) -> tuple[datetime, datetime]:
    year, number = _year_month(month)
    start = pendulum.datetime(year, number, 1, tz=zone)
    end = start.add(months=1)
    utc = timezone.utc
    return (
        datetime.fromtimestamp(start.timestamp(), utc),
        datetime.fromtimestamp(end.timestamp(), utc),
    )


def sunshine_usage(
    month: str,
    *,
    active: Iterable[tuple[str, datetime]],
    notifications: Iterable[datetime],
    policy: LimitsPolicy = DEFAULT_POLICY,
) -> SunshineUsage:
    """Monthly active users and notifications of ``month`` (``"YYYY-MM"``).

    ``active`` holds (Sunshine ``userId``, moment) for each activity of a user — pass
    Sunshine's unified user id, not a channel's own id, so a user writing on WhatsApp
    and on the web widget counts once; ``notifications`` the moments of the
    Notification API sends. The month runs in :attr:`~wamsg.limits.QuotaPolicy.time_zone`.
    """
    quotas = check.of(policy, LimitsPolicy, "policy").quotas
    start, end = _bounds(month, quotas.time_zone)
    check.iterable(active, "active")
    check.iterable(notifications, "notifications")
    users = set()
    for pair in active:
        if type(pair) is not tuple or len(pair) != 2:
            raise ValidationError("must be (user id, moment) pairs", field="active[]", value=pair)
        user_id, at = pair
        if type(user_id) is not str or not user_id:
            raise ValidationError(
                "must be a Sunshine user id", field="active[].user_id", value=user_id
            )
        if start <= require_aware(at, "active[].at") < end:
            users.add(user_id)
    sent = sum(1 for at in notifications if start <= require_aware(at, "notifications[]") < end)
    return SunshineUsage(
        month=month,
        monthly_active_users=len(users),
        notifications=sent,
        included_monthly_active_users=quotas.included_monthly_active_users,
        included_notifications=quotas.included_notifications,
    )


def twilio_queue_expires_at(enqueued_at: datetime) -> datetime:
    """When Twilio fails a message enqueued at ``enqueued_at`` and not yet sent."""
    return require_aware(enqueued_at, "enqueued_at") + TWILIO_QUEUE_LIFETIME


def twilio_queue_expired(enqueued_at: datetime, at: datetime) -> bool:
    """Whether a message enqueued at ``enqueued_at`` and still queued at ``at`` has expired."""
    return require_aware(at, "at") > twilio_queue_expires_at(enqueued_at)
