"""The JSON readers and time helpers behind every ``from_dict``, and packaged data."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from wamsg import ValidationError
from wamsg._internal.data import load_json, package_files
from wamsg._internal.json import (
    EARLIEST,
    LATEST,
    format_time,
    int_as_text,
    opt_bool,
    opt_float,
    opt_str,
    parse_time,
    req_mapping,
    req_str,
    require_aware,
)

UTC = timezone.utc
AT = datetime(2026, 11, 2, 2, 0, tzinfo=UTC)


def test_require_aware_keeps_a_utc_datetime_as_is() -> None:
    assert require_aware(AT, "at") is AT


def test_require_aware_converts_other_zones_to_utc() -> None:
    result = require_aware(AT.astimezone(timezone(timedelta(hours=3))), "at")
    assert result == AT
    assert result.tzinfo is UTC


@pytest.mark.parametrize("value", ["2026-11-02T02:00:00Z", 1762048800, None])
def test_require_aware_rejects_what_is_not_a_datetime(value: object) -> None:
    with pytest.raises(ValidationError, match="timezone-aware datetime") as raised:
        require_aware(value, "now")
    assert raised.value.field == "now"


def test_require_aware_rejects_a_naive_datetime() -> None:
    with pytest.raises(ValidationError, match="naive"):
        require_aware(datetime(2026, 11, 2), "now")


def test_require_aware_rejects_a_time_that_has_no_utc_equivalent() -> None:
    edge = datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=1)))
    with pytest.raises(ValidationError, match="supported times"):
        require_aware(edge, "now")


@pytest.mark.parametrize(
    "moment",
    [
        datetime(1, 1, 1, tzinfo=timezone.utc),
        datetime(1969, 12, 31, 23, 59, 59, tzinfo=timezone.utc),
        datetime(2200, 1, 1, tzinfo=timezone.utc),
        datetime(9999, 12, 31, 23, 59, tzinfo=timezone.utc),
        datetime(2199, 12, 31, 23, tzinfo=timezone(timedelta(hours=-2))),
    ],
)
def test_times_outside_1970_to_2200_are_refused_at_the_edge(moment: datetime) -> None:
    with pytest.raises(ValidationError, match="1970-01-01 to 2200-01-01"):
        require_aware(moment, "occurred_at")
    with pytest.raises(ValidationError, match="1970-01-01 to 2200-01-01"):
        parse_time(moment.isoformat(), "occurred_at")


def test_the_edges_of_the_supported_times() -> None:
    assert require_aware(EARLIEST, "at") is EARLIEST
    last = LATEST - timedelta(microseconds=1)
    assert require_aware(last, "at") == last


@pytest.mark.parametrize(
    "text",
    [
        "2026-11-02T02:00:00Z",
        "2026-11-02T02:00:00z",
        "2026-11-02T02:00:00+00:00",
        "2026-11-02T04:00:00+02:00",
    ],
)
def test_parse_time_reads_iso_8601_with_a_zone(text: str) -> None:
    assert parse_time(text, "at") == AT


@pytest.mark.parametrize(
    ("text", "microseconds"),
    [
        ("2026-11-02T02:00:00.5Z", 500000),
        ("2026-11-02T02:00:00.25+00:00", 250000),
        ("2026-11-02T02:00:00,125Z", 125000),
        ("2026-11-02T02:00:00.1234567Z", 123456),  # beyond microseconds: cut, as 3.11+ does
        ("2026-11-02t04:00:00.000001+0200", 1),
        ("2026-11-02 02:00:00.000Z", 0),
    ],
)
def test_parse_time_reads_every_fraction_and_offset_form_on_every_python(
    text: str, microseconds: int
) -> None:
    assert parse_time(text, "at") == AT.replace(microsecond=microseconds)


def test_parse_time_reads_a_time_without_seconds() -> None:
    assert parse_time("2026-11-02T02:00Z", "at") == AT


@pytest.mark.parametrize(
    "text", ["2026-11-02T02:00:00.5x+00:00", "2026-11-02T02:00:00.5+2", "2026-11-02T25:00:00Z"]
)
def test_parse_time_rejects_malformed_fractions_offsets_and_hours(text: str) -> None:
    with pytest.raises(ValidationError, match="not an ISO 8601 time"):
        parse_time(text, "at")


@pytest.mark.parametrize("value", ["2026-11-02T02:00:00", "soon", "", 5, None])
def test_parse_time_rejects_other_values(value: object) -> None:
    with pytest.raises(ValidationError):
        parse_time(value, "at")


def test_format_time_writes_utc_with_a_z() -> None:
    assert format_time(AT.astimezone(timezone(timedelta(hours=-7)))) == "2026-11-02T02:00:00Z"
    assert format_time(AT.replace(microsecond=5)) == "2026-11-02T02:00:00.000005Z"


def test_readers_name_the_dotted_key() -> None:
    with pytest.raises(ValidationError) as raised:
        req_str({"id": ""}, "id", "event")
    assert raised.value.field == "event.id"


def test_req_mapping_accepts_only_objects() -> None:
    assert req_mapping({"a": 1}, "x") == {"a": 1}
    with pytest.raises(ValidationError, match="JSON object"):
        req_mapping([], "x")


def test_optional_readers_default_on_missing_and_null() -> None:
    assert opt_str({}, "k", "f") is None
    assert opt_bool({"k": None}, "k", "f", default=True) is True
    assert opt_float({}, "k", "f") is None


def test_opt_float_reads_ints_and_floats() -> None:
    assert opt_float({"k": 2}, "k", "f") == 2.0
    assert opt_float({"k": 2.5}, "k", "f") == 2.5


@pytest.mark.parametrize(
    ("reader", "value"),
    [
        (opt_str, 1),
        (opt_bool, "true"),
        (opt_float, "1.5"),
        (opt_float, False),
        (opt_float, 10**400),
    ],
    ids=["str", "bool", "float-text", "float-bool", "float-huge"],
)
def test_optional_readers_reject_the_wrong_type(reader: object, value: object) -> None:
    assert callable(reader)
    with pytest.raises(ValidationError) as raised:
        reader({"k": value}, "k", "f")
    assert raised.value.field == "f.k"


def test_int_as_text_writes_integer_codes_as_text() -> None:
    assert int_as_text(131026) == "131026"
    assert int_as_text("131026") == "131026"
    assert int_as_text(True) is True
    huge = 10**5000
    assert int_as_text(huge) is huge


def test_packaged_data_is_read_once_and_each_caller_gets_its_own_copy() -> None:
    table = load_json("calling_codes.json")
    assert isinstance(table, dict)
    assert "country_codes" in table
    again = load_json("calling_codes.json")
    assert again == table
    assert again is not table  # the cache holds the text; see tests/internal/test_data.py


def test_packaged_data_files_are_listed_by_folder() -> None:
    assert "calling_codes.json" in package_files("")
