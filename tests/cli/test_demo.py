"""``wamsg demo`` replays the sample day and prints the inbox."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

from wamsg.cli import Streams, main
from wamsg.events import event_from_dict
from wamsg.testing import sample_day


def run(*argv: str) -> tuple[int, str, str]:
    return run_with_input("", *argv)


def run_with_input(stdin: str, *argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), Streams(stdin=io.StringIO(stdin), stdout=out, stderr=err))
    return code, out.getvalue(), err.getvalue()


def test_demo_prints_the_inbox_table() -> None:
    code, out, _ = run("demo")
    assert code == 0
    assert "Aino Virtanen (+358401234567)" in out
    assert "Waiting for a reply now: 3" in out
    assert "✓✓ blue" in out  # two blue ticks: Aino read the reply
    assert "↪ " not in out.split("Jonas")[0]


def test_demo_json_has_one_row_per_conversation_and_the_summary() -> None:
    code, out, _ = run("demo", "--json")
    assert code == 0
    document = json.loads(out)
    inbox = document["inbox"]
    assert len(inbox["conversations"]) == 5
    assert inbox["summary"]["waiting"] == 3
    assert document["at"].endswith("Z")
    mika = next(r for r in inbox["conversations"] if r["customer"]["name"] == "Mika")
    assert mika["customer"]["phone"] is None
    assert mika["last_kind"] == "unsupported"


def test_demo_shows_windows_follow_ups_a_template_the_bill_and_a_webhook() -> None:
    _, out, _ = run("demo")
    assert "closed Fri 09:10  template only" in out  # Lucas wrote yesterday morning
    assert "== Windows and follow-ups" in out
    assert "Olá Lucas, o seu pedido #7781 está a caminho." in out
    assert "total: 0.0068 USD" in out
    assert "X-Hub-Signature-256 verified" in out


def test_demo_json_has_every_section() -> None:
    _, out, _ = run("demo", "--json")
    document = json.loads(out)
    assert set(document) == {
        "at", "timezone", "safety_margin", "inbox", "followups", "template", "bill", "limits",
        "routing", "flow", "webhook",
    }  # fmt: skip
    assert document["template"]["send"]["name"] == "order_update"
    assert document["webhook"]["verified"] is True
    assert document["bill"]["total"] == "0.0068"
    refused = document["limits"]["refused_send"]
    assert refused["reason"] == "marketing_not_delivered_us"
    assert document["limits"]["portfolio"]["remaining"] == 249


def test_no_command_is_a_usage_error() -> None:
    code, _, _ = run()
    assert code == 2


def test_python_dash_m_wamsg_runs_the_demo() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "wamsg", "demo"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    assert "Handled today" in result.stdout


def test_demo_events_are_the_sample_day_as_canonical_json_lines() -> None:
    code, out, err = run("demo", "--events")
    lines = out.splitlines()
    assert code == 0
    assert err == ""
    assert [event_from_dict(json.loads(line)) for line in lines] == list(sample_day().events)


def test_demo_events_feed_window_bill_and_limits(tmp_path: Path) -> None:
    events = run("demo", "--events")[1]
    account = tmp_path / "account.json"
    account.write_text(run("demo", "--account")[1], encoding="utf-8")
    argv = ("limits", "--account", str(account), "--at", "2026-11-20T15:00:00Z")
    code, out, err = run_with_input(events, *argv)
    assert code == 0
    assert err == ""
    assert json.loads(out)["portfolio"]["used"] == 1
    assert run_with_input(events, "window", "--at", "2026-11-20T15:00:00Z")[0] == 0
    assert run_with_input(events, "bill")[0] == 0


def test_demo_output_modes_exclude_each_other() -> None:
    assert run("demo", "--json", "--events")[0] == 2
