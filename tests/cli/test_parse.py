"""``wamsg parse`` prints a webhook's events as canonical JSON lines."""

from __future__ import annotations

import io
import json
from pathlib import Path

from wamsg.cli import Streams, main
from wamsg.providers import meta_signature

FIXTURES = Path(__file__).parent.parent / "fixtures"


def run(stdin: bytes, *argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    stream = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    code = main(list(argv), Streams(stdin=stream, stdout=out, stderr=err))
    return code, out.getvalue(), err.getvalue()


def test_a_verified_meta_batch_prints_one_line_per_item() -> None:
    body = (FIXTURES / "meta/batch_3x2.json").read_bytes()
    code, out, err = run(
        body,
        "parse",
        "--provider",
        "meta",
        "--secret",
        "s",
        "--verify",
        "--signature",
        meta_signature(body, "s"),
    )
    assert (code, err) == (0, "")
    lines = [json.loads(line) for line in out.splitlines()]
    assert len(lines) == 12
    assert lines[0]["type"] == "message.received"
    assert "Hyvää päivää" in out


def test_a_bad_signature_fails_with_exit_code_2() -> None:
    body = (FIXTURES / "meta/batch_3x2.json").read_bytes()
    code, out, err = run(
        body,
        "parse",
        "--provider",
        "meta",
        "--secret",
        "s",
        "--verify",
        "--signature",
        "sha256=00",
    )
    assert code == 2
    assert out == ""
    assert "signature does not verify" in err


def test_twilio_with_received_at_and_a_string_stdin() -> None:
    out, err = io.StringIO(), io.StringIO()
    stdin = io.StringIO("MessageSid=SM1&From=whatsapp%3A%2B14155550100&Body=hi")
    code = main(
        ["parse", "--provider", "twilio", "--received-at", "2026-11-20T09:00:00Z"],
        Streams(stdin=stdin, stdout=out, stderr=err),
    )
    assert code == 0
    assert json.loads(out.getvalue())["occurred_at"] == "2026-11-20T09:00:00Z"


def test_vonage_signature_gets_its_bearer_prefix() -> None:
    code, _, err = run(
        b"{}", "parse", "--provider", "vonage", "--verify", "--secret", "s", "--signature", "a.b.c"
    )
    assert code == 2
    assert "JWT" in err


def test_bad_input_and_unknown_providers_exit_2() -> None:
    assert run(b"{", "parse", "--provider", "meta")[0] == 2
    code, _, err = run(b"{}", "parse", "--provider", "nope")
    assert code == 2
    assert "known providers" in err
