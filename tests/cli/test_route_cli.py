"""``wamsg route``: the sample day routed by the shipped policy and by a TaskRouter workflow."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from wamsg import MessageReceived
from wamsg.cli import Streams, main
from wamsg.testing import sample_day

EXAMPLES = Path(__file__).resolve().parent.parent.parent / "examples"
WORKFLOW = EXAMPLES / "routing" / "taskrouter_workflow.json"


def day_lines() -> str:
    return "\n".join(json.dumps(event.to_dict()) for event in sample_day().events)


def run(argv: list[str], stdin: str | None = None) -> tuple[int, list[Any], str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(
        ["route", *argv], Streams(io.StringIO(day_lines() if stdin is None else stdin), out, err)
    )
    return code, [json.loads(line) for line in out.getvalue().splitlines()], err.getvalue()


def demo_file(tmp_path: Path, flag: str) -> str:
    out = io.StringIO()
    assert main(["demo", flag], Streams(io.StringIO(""), out, io.StringIO())) == 0
    path = tmp_path / f"{flag.strip('-')}.json"
    path.write_text(out.getvalue(), encoding="utf-8")
    return str(path)


@pytest.fixture
def files(tmp_path: Path) -> list[str]:
    return [
        "--policy",
        demo_file(tmp_path, "--policy"),
        "--agents",
        demo_file(tmp_path, "--agents"),
        "--customers",
        demo_file(tmp_path, "--customers"),
    ]


def test_the_sample_day_is_routed_one_line_per_inbound_message_in_order(files: list[str]) -> None:
    code, lines, err = run(files)
    assert (code, err) == (0, "")
    inbound = [e.message.id for e in sample_day().events if isinstance(e, MessageReceived)]
    assert [line["message_id"] for line in lines] == inbound
    assert set(lines[0]) == {
        "message_id", "business", "customer", "queue", "priority", "rule", "reasons",
        "actions", "agent", "trace",
    }  # fmt: skip
    by_id = {line["message_id"]: line for line in lines}
    assert by_id["wamid.sheena1"]["rule"] == "ctwa-ad"  # the click-to-WhatsApp ad
    assert by_id["wamid.sheena1"]["queue"] == "campaign"
    assert by_id["wamid.lucas1"]["reasons"][:2] == ["number_default", "overflow_closed"]
    vip = by_id["wamid.aino1"]
    assert (vip["queue"], vip["priority"], vip["rule"]) == ("vip", 8, "vip-first")
    assert [entry["status"] for entry in vip["trace"]] == [
        "matched", "matched", "not_matched", "matched", "not_processed",
    ]  # fmt: skip


def test_assignments_carry_from_message_to_message(files: list[str]) -> None:
    _, lines, _ = run(files)
    agents = [line["agent"] for line in lines]
    assert agents[1] == agents[2] == "aino.k"  # a duplicate delivery: the same answer
    assert agents[-1] is None  # by then every eligible vip agent is at capacity
    assert "all_candidates_at_capacity" in lines[-1]["reasons"]


def test_full_trace_adds_the_clauses(files: list[str]) -> None:
    _, lines, _ = run([*files, "--trace", "full"])
    matched = [entry for entry in lines[1]["trace"] if entry["status"] == "matched"]
    assert matched[0]["clauses"][0]["path"] == "customer.language"


def test_an_imported_taskrouter_workflow_routes_the_day(files: list[str]) -> None:
    code, lines, err = run(["--taskrouter", str(WORKFLOW), *files[2:]])
    assert code == 0
    assert {line["rule"] for line in lines} >= {"vip customers", "finland line", None}
    warnings = err.splitlines()
    assert all(line.startswith("wamsg: warning: --taskrouter task_routing.") for line in warnings)
    assert any("order_by" in line for line in warnings)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda p: p["rules"][1]["route"][0].update(queue="nope"), "rules[1].route[0].queue"),
        (lambda p: p.update(fallback="nope"), "fallback"),
        (lambda p: p["rules"][0].update(rout=[]), "rules[0].rout"),
        (lambda p: p["rules"][2].update(when="business = 1"), "rules[2].when"),
        (lambda p: p["queues"][0].update(overflow="nope"), "queues.support-fi.overflow"),
    ],
)
def test_a_bad_policy_exits_2_with_one_line_and_no_decisions(
    tmp_path: Path, change: Any, message: str
) -> None:
    policy = sample_day().routing_policy
    change(policy)
    path = tmp_path / "policy.json"
    path.write_text(json.dumps(policy), encoding="utf-8")
    code, lines, err = run(["--policy", str(path)])
    assert (code, lines) == (2, [])
    assert err.count("\n") == 1
    assert err.startswith(f"wamsg: --policy {message}")


def test_a_key_named_twice_and_a_missing_file_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "dup.json"
    path.write_text('{"version": "1", "version": "2"}', encoding="utf-8")
    assert run(["--policy", str(path)])[0] == 2
    code, _, err = run(["--policy", str(tmp_path / "missing.json")])
    assert code == 2
    assert "cannot read" in err


def test_an_event_without_a_time_needs_at(files: list[str]) -> None:
    event = sample_day().events[0].to_dict()
    event["occurred_at"] = None
    code, _, err = run(files[:2], json.dumps(event))
    assert code == 2
    assert "line 1" in err
    code, lines, _ = run([*files[:2], "--at", "2026-11-20T10:00:00Z"], json.dumps(event))
    assert (code, len(lines)) == (0, 1)
