"""The compact human form of opening hours and its errors, which name the bad token."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wamsg import ValidationError
from wamsg.hours import BusinessHours
from wamsg.hours._parser import parse_times, parse_week


def test_day_ranges_wrap_around_the_week() -> None:
    week = parse_week("Fri-Mon 10:00-11:00")
    assert [bool(day) for day in week] == [True, False, False, False, True, True, True]


def test_full_day_names_case_and_en_dashes_are_accepted() -> None:
    assert parse_week("monday 08:00 – 17:00; SAT 9:00-12:00") == parse_week(
        "Mon 08:00-17:00, Sat 09:00-12:00"
    )


def test_daily_and_closed() -> None:
    week = parse_week("daily 09:00-17:00, Sun closed")
    assert week[6] == ((540, 1020),)  # "closed" adds nothing; a later group can add
    assert parse_week("Sun closed")[6] == ()


def test_equal_start_and_end_means_24_hours() -> None:
    assert parse_times("09:00-09:00") == ((540, 1980),)


def test_times_alone() -> None:
    assert parse_times("13:00-17:00 08:00-12:00") == ((480, 720), (780, 1020))
    assert parse_times("closed") == ()


@pytest.mark.parametrize(
    ("text", "token"),
    [
        ("Mom 08:00-17:00", "Mom"),
        ("Mon-Fru 08:00-17:00", "Mon-Fru"),
        ("Mon 8-17", "8-17"),
        ("Mon 08:00", "08:00"),
        ("Mon 25:00-26:00", "25:00-26:00"),
        ("Mon 08:60-09:00", "08:60-09:00"),
        ("Mon 24:00-02:00", "24:00-02:00"),
        ("Mon", "Mon"),
        ("Mon 08:00-17:00, Tue 08:00-17:00 foo", "foo"),
    ],
)
def test_errors_name_the_bad_token(text: str, token: str) -> None:
    with pytest.raises(ValidationError) as error:
        BusinessHours.parse(text, timezone="UTC")
    assert error.value.value == token
    assert error.value.field == "hours"
    assert repr(token) in str(error.value)


@pytest.mark.parametrize("text", ["", "  ", "Mon 08:00-17:00,", ",,"])
def test_empty_groups_are_rejected(text: str) -> None:
    with pytest.raises(ValidationError, match=r"empty|no opening"):
        parse_week(text) if text.strip() else parse_times(text)


def test_end_of_day_is_written_24_00() -> None:
    assert BusinessHours(timezone="UTC", weekly="Mon 20:00-24:00").describe() == "Mon 20:00-24:00"


def test_non_text_is_rejected() -> None:
    with pytest.raises(ValidationError):
        parse_week(42)
    with pytest.raises(ValidationError):
        parse_times(None)


@given(st.text(alphabet="MonTuesdaily0123456789:-–, ;closed", max_size=40))
def test_parser_fuzz_only_raises_validation_errors(text: str) -> None:
    with contextlib.suppress(ValidationError):
        parse_week(text)


INTERVALS = st.tuples(st.integers(0, 1439), st.integers(1, 1440)).map(
    lambda p: (p[0], p[0] + p[1])
)
WEEKS = st.lists(st.lists(INTERVALS, max_size=3), min_size=7, max_size=7)


@given(WEEKS)
def test_describe_round_trips(weekly: list[list[tuple[int, int]]]) -> None:
    hours = BusinessHours(timezone="UTC", weekly=weekly)
    assert BusinessHours.parse(hours.describe(), timezone="UTC") == hours


@pytest.mark.parametrize(
    "text",
    ["Mon - Fri 08:00 - 17:00", "Mon -Fri 08:00- 17:00", "Mon– Fri 08:00 –17:00"],
)
def test_dashes_with_or_without_spaces_read_alike(text: str) -> None:
    assert parse_week(text) == parse_week("Mon-Fri 08:00-17:00")


@pytest.mark.parametrize(
    "text", [" " * 32_000, "Mon " + " " * 32_000 + "x", "- " * 16_000, "Mon-Fri " + "- " * 16_000]
)
def test_long_hostile_texts_are_refused_with_a_validation_error(text: str) -> None:
    with pytest.raises(ValidationError):
        parse_week(text)
