"""``wamsg demo`` fits 120 columns, states its safety margin, writes times in one zone.

Issue 12, item 7: every output line is at most 120 columns wide (display width, wide
East Asian characters and emoji counting 2); the safety margin used for the send
decisions is stated in the text and carried in the JSON; and no sentence mixes zones:
every time in the text is in the helpdesk's zone, which is named in the section header.
"""

from __future__ import annotations

import io
import json
import re
from datetime import datetime, timedelta
from typing import Any

import pendulum

from wamsg.cli import Streams, main
from wamsg.cli._table import shorten, width
from wamsg.testing import sample_day

ZONE = sample_day().timezone

# A UTC time as wamsg writes it in JSON (2026-11-21T09:00:00Z), or any ISO 8601 time with
# an offset, or a clock time marked as UTC: none of these belongs in the demo's text.
UTC_TOKEN = re.compile(
    r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})"
    r"|\b\d{1,2}:\d{2}(:\d{2})?\s?Z\b|\bUTC\b|\bGMT\b|[+-]00:00\b"
)
# A clock time (13:00, 08:00-17:00) that is not part of an ISO 8601 UTC time.
CLOCK = re.compile(r"(?<![\dT:])\d{1,2}:\d{2}(?![\d:]|Z)")


def run(*argv: str) -> str:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), Streams(stdin=io.StringIO(), stdout=out, stderr=err))
    assert (code, err.getvalue()) == (0, "")
    return out.getvalue()


def text() -> list[str]:
    return run("demo").splitlines()


def document() -> dict[str, Any]:
    result: dict[str, Any] = json.loads(run("demo", "--json"))
    return result


def sections() -> dict[str, list[str]]:
    """The text's sections by header line (the first line is the title)."""
    lines = text()
    parts: dict[str, list[str]] = {lines[0]: []}
    current = lines[0]
    for line in lines[1:]:
        if line.startswith("== "):
            current = line
            parts[current] = []
        else:
            parts[current].append(line)
    return parts


def local(value: str, pattern: str = "ddd HH:mm") -> str:
    moment = pendulum.parse(value)
    assert isinstance(moment, pendulum.DateTime)
    return str(moment.in_timezone(ZONE).format(pattern))


def utc_clock(value: str) -> str:
    return value[11:16]


def line_of(lines: list[str], needle: str) -> str:
    (found,) = [line for line in lines if needle in line]
    return found


def table_after(lines: list[str], header_start: str) -> list[str]:
    """The rows of the table whose header line starts with ``header_start``."""
    start = next(i for i, line in enumerate(lines) if line.startswith(header_start))
    rows = lines[start + 2 :]
    return rows[: rows.index("")] if "" in rows else rows


# --- 120 columns -----------------------------------------------------------------------


def test_every_line_fits_120_columns() -> None:
    lines = text()
    too_wide = [(width(line), line) for line in lines if max(len(line), width(line)) > 120]
    assert too_wide == []
    assert not any(line != line.rstrip() for line in lines), "no trailing blanks"


def test_the_inbox_table_still_shows_every_conversation_and_its_columns() -> None:
    inbox = next(v for k, v in sections().items() if k.startswith("== Inbox"))
    header = inbox[0]
    for column in ("Customer", "Last message", "Operator", "Ticks", "Unread", "Waiting"):
        assert column in header
    for row in document()["inbox"]["conversations"]:
        name = row["customer"]["name"]
        ident = row["customer"]["phone"] or row["customer"]["user_id"]
        assert f"{name} ({ident})" in "\n".join(inbox)
        assert row["business"] in "\n".join(inbox)  # each business number is shown


def test_a_long_last_message_is_shortened_with_an_ellipsis() -> None:
    inbox = next(v for k, v in sections().items() if k.startswith("== Inbox"))
    sheena = line_of(inbox, "Sheena Nelson")
    assert "Hi! Is the winter jacket" in sheena
    assert "…" in sheena


# --- the safety margin ---------------------------------------------------------------


def test_the_margin_is_stated_where_the_send_decisions_are_made() -> None:
    parts = sections()
    windows = next(v for k, v in parts.items() if k.startswith("== Windows"))
    stated = [line for line in windows if "safety margin" in line.lower()]
    assert stated, "the windows section names the safety margin"
    assert "2 min" in stated[0]
    template = next(v for k, v in parts.items() if k.startswith("== Closed-window"))
    assert any("safety margin" in line and "2 min" in line for line in template)


def test_free_form_until_is_the_close_less_the_margin() -> None:
    windows = next(v for k, v in sections().items() if k.startswith("== Windows"))
    margin = timedelta(seconds=document()["safety_margin"]["seconds"])
    for row in document()["followups"]:
        csw = row["customer_service_window"]
        line = line_of(table_after(windows, "Business"), row["customer"]["name"])
        if csw["open"]:
            closes = datetime.fromisoformat(csw["closes_at"].replace("Z", "+00:00"))
            until = (closes - margin).isoformat()
            assert row["free_form_until"] == (closes - margin).strftime("%Y-%m-%dT%H:%M:%SZ")
            assert local(until) in line
        else:
            assert row["free_form_until"] is None
            assert "template only" in line


def test_the_json_carries_the_margin() -> None:
    doc = document()
    assert doc["safety_margin"]["seconds"] == 120
    assert "2 min" in doc["safety_margin"]["rule"]
    assert doc["template"]["free_form"]["reason"] == "window_closed_template_required"
    assert doc["template"]["free_form"]["margin_seconds"] == 120


# --- one zone per sentence -----------------------------------------------------------


def test_no_line_mixes_a_local_time_with_utc() -> None:
    mixed = [line for line in text() if CLOCK.search(line) and UTC_TOKEN.search(line)]
    assert mixed == []


def test_the_text_writes_no_utc_time_at_all() -> None:
    assert [line for line in text() if UTC_TOKEN.search(line)] == []


def test_every_section_with_times_names_the_zone_once_in_its_header() -> None:
    for header, lines in sections().items():
        timed = [line for line in lines if CLOCK.search(line)]
        if timed or CLOCK.search(header):
            assert ZONE in header, header
            assert not any(ZONE in line for line in timed), "named once, in the header"


def test_the_times_shown_are_the_helpdesk_local_times() -> None:
    """Helsinki is UTC+2 on the day: each row shows the local clock, not the UTC one."""
    inbox = next(v for k, v in sections().items() if k.startswith("== Inbox"))
    for row in document()["inbox"]["conversations"]:
        line = line_of(inbox, row["customer"]["name"])
        at = row["last_message_at"]
        assert local(at) in line
        assert utc_clock(at) not in line
    title = text()[0]
    assert local(document()["at"], "YYYY-MM-DD HH:mm") in title
    assert utc_clock(document()["at"]) not in title


def test_the_follow_up_times_are_local_too() -> None:
    windows = next(v for k, v in sections().items() if k.startswith("== Windows"))
    for row in document()["followups"]:
        for plan in row["followups"]:
            line = line_of(table_after(windows, "Due"), row["customer"]["name"])
            assert line.startswith(local(plan["due_at"]))
            assert utc_clock(plan["due_at"]) not in line


def test_shorten_counts_display_columns() -> None:
    assert shorten("Kiitos paljon! 🙏", 30) == "Kiitos paljon! 🙏"
    assert shorten("Hi! Is the winter jacket still available in M?", 20) == "Hi! Is the winter j…"
    cut = shorten("日本語のメッセージです", 9)
    assert cut == "日本語の…"
    assert width(cut) <= 9
