"""``wamsg flow``: one JSON line per input line; a bad definition exits 2 naming state and field.

The command is run through its own parser (``wamsg.cli.flow.register`` on a fresh
``wamsg`` parser), so the test does not depend on the command list of ``wamsg.cli``.
"""

from __future__ import annotations

import argparse
import io
import json
from pathlib import Path
from typing import Any

from wamsg import event_from_dict
from wamsg.cli import Streams, _Parser
from wamsg.cli import flow as flow_command

from .helpers import STUDIO_FILE, ZOOM_FILE, inbound, minutes, zoom_data

SHEENA = {"phone": "+16505551234", "user_id": None, "name": "Sheena Nelson"}


def run(argv: list[str], lines: list[str]) -> tuple[int, list[dict[str, Any]], str]:
    parser: argparse.ArgumentParser = _Parser(prog="wamsg")
    flow_command.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["flow", *argv])
    out, err = io.StringIO(), io.StringIO()
    streams = Streams(stdin=io.StringIO("\n".join(lines)), stdout=out, stderr=err)
    code: int = args.run(args, streams)
    return code, [json.loads(line) for line in out.getvalue().splitlines()], err.getvalue()


def message(text: str, minute: float, message_id: str) -> str:
    return json.dumps(inbound(text, minutes(minute), message_id=message_id).to_dict())


def line(kind: str, minute: float, **extra: Any) -> str:
    at = minutes(minute).isoformat().replace("+00:00", "Z")
    return json.dumps(
        {"type": kind, "business": "+15550783881", "customer": SHEENA, "occurred_at": at, **extra}
    )


def test_the_zoom_flow_prints_one_line_per_event() -> None:
    code, out, err = run(
        ["--definition", str(ZOOM_FILE)],
        [
            message("Hi", 0, "wamid.1"),
            message("Hi", 0, "wamid.1"),
            message("?", 1, "wamid.2"),
            line("timer", 30),
            message(" 2 ", 2, "wamid.3"),
        ],
    )
    assert (code, err) == (0, "")
    assert len(out) == 5
    first = out[0]
    assert (first["business"], first["customer"]["phone"]) == ("+15550783881", "+16505551234")
    assert [a["type"] for a in first["actions"]] == ["send", "send", "set_timer"]
    assert first["actions"][0]["ref"] == "greeting#1.2"
    assert first["actions"][0]["content"]["body"].startswith("Hey there!👋")
    assert first["actions"][2] == {"type": "set_timer", "at": "2026-11-20T10:00:00Z"}
    assert (first["state"], first["ended"]) == ("menu", False)
    assert out[1]["actions"] == []  # the duplicate delivery
    assert [a["type"] for a in out[2]["actions"]] == ["cancel_timer", "send", "set_timer"]
    assert out[3]["actions"] == []  # a timer before the deadline
    assert out[4]["actions"] == [
        {"type": "cancel_timer"},
        {"type": "route", "queue": "support", "priority": 0, "skills": ["support"]},
        {"type": "end", "reason": "routed"},
    ]
    assert (out[4]["state"], out[4]["ended"]) == ("route_to_support", True)


def test_a_send_failure_line_names_the_ref() -> None:
    code, out, _ = run(
        ["--definition", str(ZOOM_FILE)],
        [message("Hi", 0, "wamid.1"), line("send_failed", 1, ref="greeting#1.2")],
    )
    assert code == 0
    assert [a["type"] for a in out[1]["actions"]] == ["cancel_timer", "route", "end"]


def test_events_of_other_kinds_print_a_line_without_actions() -> None:
    status: dict[str, object] = {
        "type": "message.status",
        "provider": "meta",
        "business": "+15550783881",
        "customer": SHEENA,
        "occurred_at": "2026-11-20T09:00:02Z",
        "message_id": "wamid.out",
        "status": "sent",
        "errors": [],
        "pricing": None,
    }
    assert event_from_dict(status).type == "message.status"
    code, out, _ = run(["--definition", str(ZOOM_FILE)], [json.dumps(status)])
    assert code == 0
    assert out == [
        {
            "business": "+15550783881",
            "customer": SHEENA,
            "state": None,
            "actions": [],
            "ended": False,
        }
    ]


def test_a_studio_definition_runs_and_its_left_out_parts_are_warnings() -> None:
    code, out, err = run(
        ["--definition", str(STUDIO_FILE), "--studio"],
        [message("Hi", 0, "wamid.1"), message("1", 1, "wamid.2")],
    )
    assert code == 0
    assert "wamsg: warning: --definition states.greet.properties.from" in err
    assert out[1]["actions"][1] == {
        "type": "route",
        "queue": "WW0123456789abcdef0123456789abcdef",
        "priority": 10,
        "skills": [],
    }


def test_an_unsupported_studio_widget_exits_2_naming_it(tmp_path: Path) -> None:
    data = json.loads(STUDIO_FILE.read_text(encoding="utf-8"))
    data["states"].append(
        {"name": "fetch", "type": "make-http-request", "properties": {}, "transitions": []}
    )
    path = tmp_path / "studio.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    code, out, err = run(["--definition", str(path), "--studio"], [])
    assert (code, out) == (2, [])
    assert "--definition states: unsupported Studio widgets: make-http-request (fetch)" in err


def test_a_bad_definition_exits_2_naming_the_state_and_the_field(tmp_path: Path) -> None:
    data = zoom_data()
    data["states"][2]["no_match"]["exhausted"] = "nowhere"
    path = tmp_path / "flow.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    code, out, err = run(["--definition", str(path)], [message("Hi", 0, "wamid.1")])
    assert (code, out) == (2, [])
    assert err.startswith("wamsg: --definition states.menu.no_match.exhausted: must name a state")


def test_a_missing_file_and_a_bad_line_exit_2(tmp_path: Path) -> None:
    code, _, err = run(["--definition", str(tmp_path / "none.json")], [])
    assert code == 2
    assert "--definition: cannot read" in err
    code, out, err = run(
        ["--definition", str(ZOOM_FILE)], [message("Hi", 0, "wamid.1"), '{"type": "timer"}']
    )
    assert (code, len(out)) == (2, 1)
    assert err == "wamsg: line 2: customer: is required\n"


def test_a_policy_and_a_template_library_are_read(tmp_path: Path) -> None:
    data = zoom_data()
    data["states"][4] = {"name": "route_to_sales", "type": "route", "policy": True}
    fallback = {"name": "hello", "language": "en_US", "body": ["{{customer.name}}"]}
    data["states"][1]["template_fallback"] = fallback
    policy = {
        "version": "1",
        "queues": [{"id": "sales"}, {"id": "everyone"}],
        "rules": [{"id": "all", "when": "true", "route": [{"queue": "sales"}]}],
        "fallback": "everyone",
    }
    templates = [
        {
            "name": "hello",
            "language": "en_US",
            "category": "UTILITY",
            "status": "APPROVED",
            "components": [
                {"type": "BODY", "text": "Hi {{1}}!", "example": {"body_text": [["Ann"]]}}
            ],
        }
    ]
    paths = {}
    for name, value in (("flow", data), ("policy", policy), ("templates", templates)):
        paths[name] = tmp_path / f"{name}.json"
        paths[name].write_text(json.dumps(value), encoding="utf-8")
    argv = [
        "--definition",
        str(paths["flow"]),
        "--policy",
        str(paths["policy"]),
        "--template-library",
        str(paths["templates"]),
    ]
    code, out, err = run(argv, [message("Hi", 0, "wamid.1"), message("1", 1, "wamid.2")])
    assert (code, err) == (0, "")
    route = out[1]["actions"][1]
    assert (route["queue"], route["rule"]) == ("sales", "all")
    assert route["trace"] == [{"stage": "route", "rule": "all", "status": "matched"}]
    code, _, err = run(argv[:2], [])
    assert code == 2
    assert "needs a template library" in err


def test_bad_side_files_and_bad_lines_exit_2_naming_them(tmp_path: Path) -> None:
    bad_json = tmp_path / "bad.json"
    bad_json.write_text('{"version": ', encoding="utf-8")
    doubled = tmp_path / "doubled.json"
    doubled.write_text('{"flow": "a", "flow": "b"}', encoding="utf-8")
    policy = tmp_path / "policy.json"
    policy.write_text(json.dumps({"version": "1", "fallback": "nowhere"}), encoding="utf-8")
    templates = tmp_path / "templates.json"
    templates.write_text(json.dumps(3), encoding="utf-8")
    flow = ["--definition", str(ZOOM_FILE)]
    cases = [
        (["--definition", str(bad_json)], "wamsg: --definition: cannot read"),
        (["--definition", str(doubled)], "wamsg: --definition flow: names a key twice"),
        ([*flow, "--policy", str(policy)], "wamsg: --policy "),
        ([*flow, "--template-library", str(templates)], "wamsg: --template-library "),
    ]
    for argv, start in cases:
        code, out, err = run(argv, [])
        assert (code, out) == (2, [])
        assert err.startswith(start), err
    code, out, err = run(flow, [message("Hi", 0, "wamid.1"), "{not json"])
    assert (code, len(out)) == (2, 1)
    assert err.startswith("wamsg: line 2: json:")
    parser: argparse.ArgumentParser = _Parser(prog="wamsg")
    flow_command.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["flow", *flow])
    raw = io.TextIOWrapper(io.BytesIO(b"\xff\n"), encoding="latin-1")
    streams = Streams(stdin=raw, stdout=io.StringIO(), stderr=io.StringIO())
    assert args.run(args, streams) == 2
