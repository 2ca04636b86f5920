"""``wamsg window`` prints each pair's windows and send decisions as of ``--at``."""

from __future__ import annotations

import contextlib
import io
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wamsg.cli import Streams, main
from wamsg.cli.window import parse_margin
from wamsg.errors import ValidationError

from ..window.helpers import hour, received, sent

EVENTS = [
    received(hour(10), source_type="ad").to_dict(),
    sent(hour(22), template="utility").to_dict(),
]


def run(lines: list[str], *argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["window", *argv], Streams(stdin=io.StringIO("\n".join(lines)), stdout=out,
                                            stderr=err))  # fmt: skip
    return code, out.getvalue(), err.getvalue()


def jsonl(*events: object) -> list[str]:
    return [json.dumps(event) for event in events]


def test_meta_ad_example_prints_windows_and_decisions() -> None:
    code, out, err = run(jsonl(*EVENTS), "--at", "2026-11-03T12:00:00Z")
    assert (code, err) == (0, "")
    (line,) = [json.loads(text) for text in out.splitlines()]
    assert line["business"] == "+15550783881"
    assert line["customer"]["phone"] == "+16505551234"
    assert line["customer_service_window"] == {
        "open": False,
        "opens_at": "2026-11-02T10:00:00Z",
        "closes_at": "2026-11-03T10:00:00Z",
    }
    assert line["free_entry_point_window"] == {"open": True, "closes_at": "2026-11-05T22:00:00Z"}
    decisions = line["decisions"]
    assert set(decisions) == {
        "free_form", "template:marketing", "template:utility", "template:authentication"
    }  # fmt: skip
    assert decisions["free_form"]["allowed"] is False
    assert decisions["free_form"]["reason"] == "window_closed_template_required"
    assert decisions["template:marketing"] == {
        "allowed": True,
        "reason": "template_outside_window",
        "free_entry_point": True,
        "message": decisions["template:marketing"]["message"],
    }


def test_events_after_at_are_ignored() -> None:
    code, out, _ = run(jsonl(*EVENTS), "--at", "2026-11-02T11:00:00Z")
    assert code == 0
    line = json.loads(out)
    assert line["free_entry_point_window"] == {"open": False, "closes_at": None}
    assert line["decisions"]["free_form"]["allowed"] is True


def test_a_pair_whose_events_all_come_after_at_is_listed_with_closed_windows() -> None:
    code, out, _ = run(jsonl(*EVENTS), "--at", "2026-11-01T00:00:00Z")
    assert code == 0
    (line,) = [json.loads(text) for text in out.splitlines()]
    assert line["customer"]["phone"] == "+16505551234"
    assert line["customer_service_window"] == {"open": False, "opens_at": None, "closes_at": None}
    assert line["free_entry_point_window"] == {"open": False, "closes_at": None}
    assert line["decisions"]["free_form"]["reason"] == "no_window_template_required"


def test_events_without_a_time_are_warned_about_on_stderr() -> None:
    untimed = received(hour(10)).to_dict()
    untimed["occurred_at"] = None
    code, out, err = run(jsonl(untimed), "--at", "2026-11-03T12:00:00Z")
    assert code == 0
    assert "1 event(s) have no time" in err
    assert json.loads(out)["customer_service_window"]["open"] is False


def test_input_that_is_not_utf8_names_the_line() -> None:
    out, err = io.StringIO(), io.StringIO()
    stdin = io.TextIOWrapper(io.BytesIO(b"\n\xff\n"), encoding="latin-1")
    code = main(["window", "--at", "2026-11-03T12:00:00Z"], Streams(stdin, out, err))
    assert code == 2
    assert err.getvalue() == "wamsg: line 2: stdin: not UTF-8 (byte 1 of the line)\n"


def test_a_byte_order_mark_is_tolerated() -> None:
    out, err = io.StringIO(), io.StringIO()
    body = ("\ufeff" + "\n".join(jsonl(*EVENTS))).encode("utf-8")
    stdin = io.TextIOWrapper(io.BytesIO(body), encoding="ascii")
    code = main(["window", "--at", "2026-11-03T12:00:00Z"], Streams(stdin, out, err))
    assert (code, err.getvalue()) == (0, "")
    assert json.loads(out.getvalue())["business"] == "+15550783881"


def test_margin_closes_the_window_early() -> None:
    at = "2026-11-03T09:59:00Z"
    assert json.loads(run(jsonl(*EVENTS), "--at", at)[1])["decisions"]["free_form"]["allowed"]
    _, out, _ = run(jsonl(*EVENTS), "--at", at, "--margin", "2m")
    assert json.loads(out)["decisions"]["free_form"]["reason"] == "window_closing_within_margin"


def test_blank_lines_are_skipped() -> None:
    code, out, _ = run(["", *jsonl(*EVENTS), "  "], "--at", "2026-11-03T12:00:00Z")
    assert code == 0
    assert len(out.splitlines()) == 1


def test_bad_json_line_is_reported_with_its_number() -> None:
    code, out, err = run([*jsonl(*EVENTS), "{oops"], "--at", "2026-11-03T12:00:00Z")
    assert (code, out) == (2, "")
    assert err.startswith("wamsg: line 3: ")


def test_invalid_event_line_is_reported_with_its_number() -> None:
    code, _, err = run(['{"type": "message.received"}'], "--at", "2026-11-03T12:00:00Z")
    assert code == 2
    assert "line 1:" in err


@pytest.mark.parametrize(
    "argv",
    [
        ["--at", "2026-11-03T12:00:00"],
        ["--at", "soon"],
        ["--at", "2026-11-03T12:00:00Z", "--margin", "2 minutes"],
    ],
)
def test_bad_options_exit_2(argv: list[str]) -> None:
    code, _, err = run([], *argv)
    assert code == 2
    assert err.startswith("wamsg: ")


@pytest.mark.parametrize(
    ("text", "minutes"), [("2m", 2), ("90s", 1.5), ("1h30m", 90), ("0", 0), (" 1h ", 60)]
)
def test_margin_forms(text: str, minutes: float) -> None:
    assert parse_margin(text).total_seconds() == minutes * 60


@pytest.mark.parametrize("text", ["", "m", "2", "-2m", "2d"])
def test_bad_margins_are_rejected(text: str) -> None:
    with pytest.raises(ValidationError):
        parse_margin(text)


@given(st.text(max_size=12))
def test_margin_parser_fuzz_only_raises_validation_errors(text: str) -> None:
    with contextlib.suppress(ValidationError):
        parse_margin(text)
