"""The compact human form of opening hours: ``"Mon-Fri 08:00-17:00, Sat 10:00-14:00"``.

Grammar (case-insensitive; ``,`` or ``;`` between groups; ``-`` or ``–`` in ranges)::

    hours     := group ("," group)*
    group     := days times
    days      := day | day "-" day | "daily"          (ranges wrap: Fri-Mon)
    day       := mon | monday | tue | tues | tuesday | wed | … | sun | sunday
    times     := "closed" | range (" " range)*
    range     := HH:MM "-" HH:MM                        (end 24:00 allowed;
                                                         end <= start: overnight,
                                                         end == start: 24 hours)

Every error is a :class:`~wamsg.errors.ValidationError` whose ``value`` is the bad token.
"""

from __future__ import annotations

import re

from wamsg.errors import ValidationError

__all__ = ["DAY_NAMES", "Interval", "format_intervals", "format_week", "parse_times", "parse_week"]

Interval = tuple[int, int]
"""Minutes after local midnight: ``0 <= start < 1440`` and ``start < end <= start + 1440``."""

MINUTES_PER_DAY = 1440
DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_DAYS = {
    **{name.lower(): i for i, name in enumerate(DAY_NAMES)},
    **{name: i for i, name in enumerate(
        ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))},
    "tues": 1, "thur": 3, "thurs": 3,
}  # fmt: skip
_TIME = re.compile(r"([0-9]{1,2}):([0-9]{2})")
_FIELD = "hours"


def _tokens(text: str) -> list[str]:
    """Split on white space, keeping ``a - b`` and ``a -b`` together as ``a-b``.

    A dash is ``-`` or an en dash. One pass over the text: linear on any input
    (a regular expression such as ``\\s*-\\s*`` backtracks quadratically on long
    runs of spaces).
    """
    tokens: list[list[str]] = []
    for piece in text.replace("\u2013", "-").split():
        if tokens and (piece[0] == "-" or tokens[-1][-1][-1] == "-"):
            tokens[-1].append(piece)
        else:
            tokens.append([piece])
    return ["".join(parts) for parts in tokens]


def _fail(reason: str, token: str) -> ValidationError:
    return ValidationError(reason, field=_FIELD, value=token)


def _day(token: str, whole: str) -> int:
    day = _DAYS.get(token.lower())
    if day is None:
        raise _fail("unknown day; expected Mon, Tue, Wed, Thu, Fri, Sat, Sun", whole)
    return day


def _days(token: str) -> list[int]:
    if token.lower() == "daily":
        return list(range(7))
    first, sep, last = token.partition("-")
    start = _day(first, token)
    if not sep:
        return [start]
    end = _day(last, token)
    return [(start + i) % 7 for i in range((end - start) % 7 + 1)]


def _minute(text: str, token: str, *, end: bool) -> int:
    match = _TIME.fullmatch(text)
    if match is None:
        raise _fail("expected a time HH:MM", token)
    hours, minutes = int(match[1]), int(match[2])
    if minutes > 59 or hours > 24 or (hours == 24 and (minutes or not end)):
        raise _fail("no such time of day (00:00 to 23:59, or 24:00 as an end)", token)
    return hours * 60 + minutes


def _interval(token: str) -> Interval:
    start_text, sep, end_text = token.partition("-")
    if not sep:
        raise _fail("expected a time range such as 08:00-17:00", token)
    start = _minute(start_text, token, end=False)
    end = _minute(end_text, token, end=True)
    return (start, end if end > start else end + MINUTES_PER_DAY)


def _intervals(tokens: list[str]) -> list[Interval]:
    if len(tokens) == 1 and tokens[0].lower() == "closed":
        return []
    return [_interval(token) for token in tokens]


def parse_times(text: object) -> tuple[Interval, ...]:
    """Parse ``"08:00-12:00 13:00-17:00"`` or ``"closed"`` into sorted intervals."""
    if not isinstance(text, str):
        raise ValidationError("must be a string", field=_FIELD, value=text)
    tokens = _tokens(text)
    if not tokens:
        raise ValidationError("no opening times given", field=_FIELD, value=text)
    return tuple(sorted(set(_intervals(tokens))))


def parse_week(text: object) -> tuple[tuple[Interval, ...], ...]:
    """Parse the compact form into seven tuples of intervals, Monday first."""
    if not isinstance(text, str):
        raise ValidationError("must be a string", field=_FIELD, value=text)
    week: list[set[Interval]] = [set() for _ in range(7)]
    for group in text.replace(";", ",").split(","):
        tokens = _tokens(group)
        if not tokens:
            raise ValidationError("empty group (nothing between commas)", field=_FIELD, value=text)
        if len(tokens) == 1:
            raise _fail("opening times missing after the days", tokens[0])
        intervals = _intervals(tokens[1:])
        for day in _days(tokens[0]):
            week[day].update(intervals)
    return tuple(tuple(sorted(day)) for day in week)


def _clock(minute: int) -> str:
    if minute == MINUTES_PER_DAY:
        return "24:00"
    minute %= MINUTES_PER_DAY
    return f"{minute // 60:02d}:{minute % 60:02d}"


def format_intervals(intervals: tuple[Interval, ...]) -> str:
    """The compact form of one day's intervals (``"closed"`` when none)."""
    if not intervals:
        return "closed"
    return " ".join(f"{_clock(s)}-{_clock(e)}" for s, e in intervals)


def format_week(week: tuple[tuple[Interval, ...], ...]) -> str:
    """The compact form of a week; consecutive equal days become ranges."""
    groups: list[str] = []
    day = 0
    while day < 7:
        last = day
        while last + 1 < 7 and week[last + 1] == week[day]:
            last += 1
        if week[day] or (day == 0 and last == 6):
            days = DAY_NAMES[day] if last == day else f"{DAY_NAMES[day]}-{DAY_NAMES[last]}"
            groups.append(f"{days} {format_intervals(week[day])}")
        day = last + 1
    return ", ".join(groups)
