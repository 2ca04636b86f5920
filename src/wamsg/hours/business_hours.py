"""Business hours: weekly opening hours in a named time zone, holidays and special days.

Public API: :class:`BusinessHours` (``parse``, ``is_open``, ``next_open``,
``next_close``, ``describe``). Times in and out are timezone-aware; results are UTC.

Rules:

- Opening hours are *wall-clock* times in the business's IANA time zone
  (pendulum's time zone database). ``Mon 08:00-17:00`` opens at 08:00 local time on
  every Monday, whatever the UTC offset that day.
- Several intervals a day are allowed (``08:00-12:00 13:00-17:00``); an interval
  whose end is not after its start runs overnight into the next day
  (``Fri 22:00-02:00`` closes Saturday 02:00). An overnight interval belongs to the
  day it starts on: a holiday on Saturday does not cut Friday's night.
- Intervals that touch or overlap (also across midnight) form one opening:
  ``next_close`` is the end of the whole run.
- Across DST changes (PEP 495, ``fold=0``): a wall time that does not exist (the hour
  skipped in spring) is moved forward by the gap (02:30 → 03:30 in New York, 02:15 →
  02:45 at Lord Howe's 30-minute shift); a wall time that occurs twice (autumn) means
  its first occurrence.
- ``holidays`` close whole days; ``special_days`` replace a day's intervals (an empty
  value closes it). A date cannot be both.
- Searches look ahead :data:`HORIZON_DAYS` days; beyond that ``next_open`` and
  ``next_close`` answer None (never opens, or never closes: open around the clock).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime, timedelta, tzinfo

import attrs
import pendulum

from wamsg._internal import fields as check
from wamsg._internal.json import UTC, require_aware
from wamsg._internal.zones import time_zone
from wamsg.errors import ValidationError
from wamsg.hours._parser import (
    MINUTES_PER_DAY,
    Interval,
    format_intervals,
    format_week,
    parse_times,
    parse_week,
)

__all__ = ["HORIZON_DAYS", "BusinessHours"]

HORIZON_DAYS = 400
"""How far ahead (in days) ``next_open`` / ``next_close`` look."""

_Run = tuple[datetime, datetime | None]


def _zone(name: str) -> tzinfo:
    return time_zone(name, "timezone")


def _check_intervals(value: Iterable[Interval], field: str) -> tuple[Interval, ...]:
    try:
        out = tuple(sorted({(int(s), int(e)) for s, e in value}))
    except (TypeError, ValueError):
        raise ValidationError("must be (start, end) minute pairs", field=field) from None
    for start, end in out:
        if not (0 <= start < MINUTES_PER_DAY and start < end <= start + MINUTES_PER_DAY):
            raise ValidationError(
                "an interval is (start, end) minutes after midnight, 0 <= start < 1440, "
                "start < end <= start + 1440",
                field=field,
                value=(start, end),
            )
    return out


def _week(value: object) -> tuple[tuple[Interval, ...], ...]:
    if isinstance(value, str):
        return parse_week(value)
    days = tuple(value) if isinstance(value, (tuple, list)) else ()
    if len(days) != 7:
        raise ValidationError("needs seven days, Monday first", field="weekly", value=value)
    return tuple(_check_intervals(day, f"weekly[{i}]") for i, day in enumerate(days))


def _dates(value: Iterable[date]) -> frozenset[date]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise ValidationError("must be a collection of dates", field="holidays", value=value)
    days = tuple(value)
    for day in days:  # checked before hashing: a list among them is no date either
        if not isinstance(day, date) or isinstance(day, datetime):
            raise ValidationError("must be dates", field="holidays", value=day)
    return frozenset(days)


def _special(
    value: Mapping[date, str | Iterable[Interval]],
) -> tuple[tuple[date, tuple[Interval, ...]], ...]:
    try:
        pairs = dict(value)
    except (TypeError, ValueError):
        raise ValidationError(
            "must map dates to opening times", field="special_days", value=value
        ) from None
    out: dict[date, tuple[Interval, ...]] = {}
    for day, times in pairs.items():
        if not isinstance(day, date) or isinstance(day, datetime):
            raise ValidationError("keys must be dates", field="special_days", value=day)
        field = f"special_days[{day.isoformat()}]"
        out[day] = parse_times(times) if isinstance(times, str) else _check_intervals(times, field)
    return tuple(sorted(out.items()))


@attrs.frozen(kw_only=True)
class BusinessHours:
    """Opening hours of a business: a week of intervals, holidays and special days.

    ``weekly`` is seven tuples of :data:`Interval` (Monday first) or the compact
    text form; ``special_days`` maps a date to intervals or their text form
    (``"10:00-14:00"``, ``"closed"``).
    """

    timezone: str
    weekly: tuple[tuple[Interval, ...], ...] = attrs.field(converter=_week)
    holidays: frozenset[date] = attrs.field(default=frozenset(), converter=_dates)
    special_days: tuple[tuple[date, tuple[Interval, ...]], ...] = attrs.field(
        default=(), converter=_special
    )
    _zone: tzinfo = attrs.field(init=False, eq=False, repr=False)
    _by_date: dict[date, tuple[Interval, ...]] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_zone", _zone(self.timezone))
        by_date = dict(self.special_days)
        clash = sorted(self.holidays & by_date.keys())
        if clash:
            raise ValidationError(
                "a date cannot be both a holiday and a special day",
                field="holidays",
                value=clash[0].isoformat(),
            )
        object.__setattr__(self, "_by_date", by_date)

    @classmethod
    def parse(
        cls,
        text: str,
        *,
        timezone: str,
        holidays: Iterable[date] = (),
        special_days: Mapping[date, str | Iterable[Interval]] | None = None,
    ) -> BusinessHours:
        """Build from the compact form ``"Mon-Fri 08:00-17:00, Sat 10:00-14:00"``.

        Errors are :class:`ValidationError` naming the bad token (``value``).
        """
        return cls(
            timezone=timezone,
            weekly=parse_week(text),
            holidays=holidays,
            special_days=special_days or {},
        )

    def describe(self) -> str:
        """The weekly hours in the compact form (``parse`` reads it back)."""
        return format_week(self.weekly)

    def intervals_on(self, day: date) -> tuple[Interval, ...]:
        """The intervals that start on local date ``day`` (special day, holiday or weekly)."""
        if type(day) is not date:
            check.argument(day, date, "day")
        special = self._by_date.get(day)
        if special is not None:
            return special
        return () if day in self.holidays else self.weekly[day.weekday()]

    def hours_on(self, day: date) -> str:
        """The compact form of :meth:`intervals_on` (``"closed"`` when none)."""
        return format_intervals(self.intervals_on(day))

    def _utc(self, day: date, minute: int) -> datetime:
        day += timedelta(days=minute // MINUTES_PER_DAY)
        minute %= MINUTES_PER_DAY
        local = datetime(day.year, day.month, day.day, minute // 60, minute % 60,
                         tzinfo=self._zone)  # fmt: skip
        return local.astimezone(UTC)

    def _runs(self, at: datetime) -> Iterator[_Run]:
        """Merged openings in time order, from the day before ``at``'s local date."""
        first = at.astimezone(self._zone).date() - timedelta(days=1)
        pending: tuple[datetime, datetime] | None = None
        for offset in range(HORIZON_DAYS + 2):
            day = first + timedelta(days=offset)
            for start_minute, end_minute in self.intervals_on(day):
                start, end = self._utc(day, start_minute), self._utc(day, end_minute)
                if pending is not None and start <= pending[1]:
                    pending = (pending[0], max(pending[1], end))
                    continue
                if pending is not None:
                    yield pending
                pending = (start, end)
        if pending is not None:
            yield (pending[0], None)

    def is_open(self, at: datetime) -> bool:
        """True when the business is open at ``at`` (start included, end excluded)."""
        at = require_aware(at, "at")
        for start, end in self._runs(at):
            if start > at:
                return False
            if end is None or at < end:
                return True
        return False

    def next_open(self, at: datetime) -> datetime | None:
        """``at`` itself when open, else when the business next opens (None: not within
        the horizon)."""
        at = require_aware(at, "at")
        for start, end in self._runs(at):
            if start > at:
                return start
            if end is None or at < end:
                return at
        return None

    def next_close(self, at: datetime) -> datetime | None:
        """When the current opening ends, or the next one when closed (None: open beyond
        the horizon, or never opens)."""
        at = require_aware(at, "at")
        for _start, end in self._runs(at):
            if end is None or at < end:
                return end
        return None

    def local(self, at: datetime) -> datetime:
        """``at`` as wall-clock time in the business's zone (for messages to customers)."""
        return pendulum.instance(require_aware(at, "at")).in_timezone(self.timezone)
