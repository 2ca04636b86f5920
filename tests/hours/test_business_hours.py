"""Business hours in a named zone: intervals, overnight, holidays, special days, DST."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pendulum
import pytest

from wamsg import ValidationError
from wamsg.hours import BusinessHours

UTC = timezone.utc
OFFICE = "Mon-Fri 08:00-17:00, Sat 10:00-14:00"


def local(zone: str, year: int, month: int, day: int, hour: int = 0) -> datetime:
    """A wall-clock time in ``zone`` (fold=0), as a stdlib aware datetime."""
    return datetime(year, month, day, hour, tzinfo=pendulum.timezone(zone))


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def test_open_inside_an_interval_and_closed_at_its_end() -> None:
    hours = BusinessHours.parse(OFFICE, timezone="UTC")
    assert hours.is_open(utc(2026, 11, 2, 8))
    assert hours.is_open(utc(2026, 11, 2, 16, 59))
    assert not hours.is_open(utc(2026, 11, 2, 17))
    assert not hours.is_open(utc(2026, 11, 2, 7, 59))


def test_next_open_is_now_when_open_and_the_next_start_when_closed() -> None:
    hours = BusinessHours.parse(OFFICE, timezone="UTC")
    assert hours.next_open(utc(2026, 11, 2, 9)) == utc(2026, 11, 2, 9)
    assert hours.next_open(utc(2026, 11, 7, 15)) == utc(2026, 11, 9, 8)


def test_next_close_is_the_end_of_the_current_or_next_opening() -> None:
    hours = BusinessHours.parse(OFFICE, timezone="UTC")
    assert hours.next_close(utc(2026, 11, 2, 9)) == utc(2026, 11, 2, 17)
    assert hours.next_close(utc(2026, 11, 7, 15)) == utc(2026, 11, 9, 17)


def test_several_intervals_a_day() -> None:
    hours = BusinessHours.parse("Mon 08:00-12:00 13:00-17:00", timezone="UTC")
    assert not hours.is_open(utc(2026, 11, 2, 12, 30))
    assert hours.next_open(utc(2026, 11, 2, 12, 30)) == utc(2026, 11, 2, 13)


def test_overnight_interval_runs_into_the_next_day() -> None:
    hours = BusinessHours.parse("Fri 22:00-02:00", timezone="UTC")
    assert hours.is_open(utc(2026, 11, 7, 1))
    assert hours.next_close(utc(2026, 11, 6, 23)) == utc(2026, 11, 7, 2)


def test_touching_intervals_across_midnight_form_one_opening() -> None:
    hours = BusinessHours.parse("Mon 20:00-24:00, Tue 00:00-06:00", timezone="UTC")
    assert hours.next_close(utc(2026, 11, 2, 21)) == utc(2026, 11, 3, 6)


def test_open_around_the_clock_never_closes_within_the_horizon() -> None:
    hours = BusinessHours.parse("daily 00:00-24:00", timezone="UTC")
    assert hours.is_open(utc(2026, 11, 2, 3))
    assert hours.next_close(utc(2026, 11, 2, 3)) is None


def test_never_open_has_no_next_opening() -> None:
    hours = BusinessHours.parse("Mon-Sun closed", timezone="UTC")
    assert not hours.is_open(utc(2026, 11, 2, 3))
    assert hours.next_open(utc(2026, 11, 2, 3)) is None
    assert hours.next_close(utc(2026, 11, 2, 3)) is None


def test_holidays_close_whole_days() -> None:
    hours = BusinessHours.parse(OFFICE, timezone="UTC", holidays=[date(2026, 11, 2)])
    assert not hours.is_open(utc(2026, 11, 2, 9))
    assert hours.next_open(utc(2026, 11, 2, 9)) == utc(2026, 11, 3, 8)


def test_special_days_replace_the_weekly_hours() -> None:
    hours = BusinessHours.parse(
        OFFICE, timezone="UTC", special_days={date(2026, 12, 24): "10:00-12:00",
                                              date(2026, 12, 23): "closed"})  # fmt: skip
    assert hours.hours_on(date(2026, 12, 24)) == "10:00-12:00"
    assert hours.hours_on(date(2026, 12, 23)) == "closed"
    assert hours.next_close(utc(2026, 12, 24, 10)) == utc(2026, 12, 24, 12)
    assert hours.hours_on(date(2026, 12, 22)) == "08:00-17:00"


def test_overnight_opening_survives_a_holiday_on_the_next_day() -> None:
    hours = BusinessHours.parse("Fri 22:00-02:00", timezone="UTC", holidays=[date(2026, 11, 7)])
    assert hours.is_open(utc(2026, 11, 7, 1))


def test_a_date_cannot_be_holiday_and_special_day() -> None:
    with pytest.raises(ValidationError, match="both"):
        BusinessHours.parse(OFFICE, timezone="UTC", holidays=[date(2026, 1, 1)],
                            special_days={date(2026, 1, 1): "10:00-12:00"})  # fmt: skip


def test_helsinki_opening_follows_wall_clock_across_dst() -> None:
    hours = BusinessHours.parse(OFFICE, timezone="Europe/Helsinki")
    # Winter (UTC+2) then summer (UTC+3, from 2026-03-29 03:00 local)
    assert hours.next_open(utc(2026, 3, 21, 15)) == utc(2026, 3, 23, 6)
    assert hours.next_open(utc(2026, 3, 28, 15)) == utc(2026, 3, 30, 5)
    assert hours.next_open(utc(2026, 10, 24, 15)) == utc(2026, 10, 26, 6)


def test_new_york_overnight_interval_is_an_hour_shorter_in_spring() -> None:
    hours = BusinessHours.parse("Sat 22:00-06:00", timezone="America/New_York")
    opens = hours.next_open(local("America/New_York", 2026, 3, 7, 12))
    assert opens is not None
    closes = hours.next_close(opens)
    assert closes is not None
    assert closes - opens == timedelta(hours=7)
    autumn = hours.next_open(local("America/New_York", 2026, 10, 31, 12))
    assert autumn is not None
    assert hours.next_close(autumn) - autumn == timedelta(hours=9)  # type: ignore[operator]


def test_new_york_time_in_the_spring_gap_moves_forward() -> None:
    hours = BusinessHours.parse("Sun 02:30-05:00", timezone="America/New_York")
    assert hours.next_open(utc(2026, 3, 8, 0)) == utc(2026, 3, 8, 7, 30)  # 03:30 EDT


def test_new_york_repeated_hour_means_its_first_occurrence() -> None:
    hours = BusinessHours.parse("Sun 01:30-03:00", timezone="America/New_York")
    assert hours.next_open(utc(2026, 11, 1, 0)) == utc(2026, 11, 1, 5, 30)  # 01:30 EDT


def test_lord_howe_half_hour_shift() -> None:
    hours = BusinessHours.parse("Sun 02:15-04:00", timezone="Australia/Lord_Howe")
    opens = hours.next_open(utc(2026, 10, 3, 0))
    assert opens is not None
    assert hours.local(opens).hour == 2
    assert hours.local(opens).minute == 45  # 02:00 → 02:30 skipped: +30 min
    overnight = BusinessHours.parse("Sat 22:00-06:00", timezone="Australia/Lord_Howe")
    start = overnight.next_open(utc(2026, 4, 4, 0))
    assert start is not None
    assert overnight.next_close(start) - start == timedelta(hours=8, minutes=30)  # type: ignore[operator]


def test_zone_without_dst_keeps_constant_offset() -> None:
    hours = BusinessHours.parse(OFFICE, timezone="Asia/Kolkata")
    assert hours.next_open(utc(2026, 3, 28, 15)) == utc(2026, 3, 30, 2, 30)
    assert hours.next_open(utc(2026, 10, 31, 15)) == utc(2026, 11, 2, 2, 30)


def test_describe_reads_back() -> None:
    hours = BusinessHours.parse("Mon-Fri 08:00-12:00 13:00-17:00, Sat 22:00-02:00",
                                timezone="UTC")  # fmt: skip
    assert hours.describe() == "Mon-Fri 08:00-12:00 13:00-17:00, Sat 22:00-02:00"
    assert BusinessHours.parse(hours.describe(), timezone="UTC") == hours


def test_weekly_can_be_given_as_minute_intervals() -> None:
    hours = BusinessHours(timezone="UTC", weekly=[[(480, 1020)]] * 5 + [[], []])
    assert hours == BusinessHours.parse("Mon-Fri 08:00-17:00", timezone="UTC")
    special = BusinessHours(timezone="UTC", weekly="Mon 08:00-09:00",
                            special_days={date(2026, 1, 5): [(600, 660)]})  # fmt: skip
    assert special.hours_on(date(2026, 1, 5)) == "10:00-11:00"


@pytest.mark.parametrize(
    ("weekly", "field"),
    [
        ([[]] * 6, "weekly"),
        ("not a week" * 0 + "Mon 08:00-09:00", None),
        ([[(0, 0)]] + [[]] * 6, "weekly[0]"),
        ([[(1440, 1500)]] + [[]] * 6, "weekly[0]"),
        ([["ab"]] + [[]] * 6, "weekly[0]"),
        (42, "weekly"),
    ],
)
def test_weekly_intervals_are_validated(weekly: object, field: str | None) -> None:
    if field is None:
        BusinessHours(timezone="UTC", weekly=weekly)
        return
    with pytest.raises(ValidationError) as error:
        BusinessHours(timezone="UTC", weekly=weekly)
    assert error.value.field == field


@pytest.mark.parametrize("zone", ["Mars/Base", "", 42])
def test_unknown_time_zone_is_rejected(zone: object) -> None:
    with pytest.raises(ValidationError) as error:
        BusinessHours.parse(OFFICE, timezone=zone)  # type: ignore[arg-type]
    assert error.value.field == "timezone"


def test_holidays_and_special_days_must_be_dates() -> None:
    with pytest.raises(ValidationError, match="dates"):
        BusinessHours.parse(OFFICE, timezone="UTC", holidays=[utc(2026, 1, 1)])
    with pytest.raises(ValidationError, match="dates"):
        BusinessHours.parse(OFFICE, timezone="UTC", special_days={"2026-01-01": "closed"})  # type: ignore[dict-item]


def test_naive_datetimes_are_rejected() -> None:
    hours = BusinessHours.parse(OFFICE, timezone="UTC")
    for method in (hours.is_open, hours.next_open, hours.next_close, hours.local):
        with pytest.raises(ValidationError, match="naive"):
            method(datetime(2026, 11, 2, 9))


@pytest.mark.parametrize(
    ("holidays", "special_days"), [(5, {}), ("2026-01-01", {}), ((), 5), ((), [("a", "b")])]
)
def test_holidays_and_special_days_must_be_collections(
    holidays: object, special_days: object
) -> None:
    with pytest.raises(ValidationError):
        BusinessHours(timezone="UTC", weekly="Mon 08:00-09:00", holidays=holidays,  # type: ignore[arg-type]
                      special_days=special_days)  # type: ignore[arg-type]  # fmt: skip
