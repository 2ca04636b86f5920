"""``wamsg bill`` and ``wamsg price``."""

from __future__ import annotations

import io
import json
from datetime import datetime, timedelta
from pathlib import Path

from tests.billing.events import delivered_send, received
from wamsg.cli import Streams, main

START = datetime.fromisoformat("2026-11-02T08:00:00+00:00")


def run(*argv: str, stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), Streams(stdin=io.StringIO(stdin), stdout=out, stderr=err))
    return code, out.getvalue(), err.getvalue()


def _jsonl() -> str:
    dicts = [
        *delivered_send("m1", START, "marketing"),
        received("in1", START + timedelta(hours=2)),
        *delivered_send("m2", START + timedelta(hours=3), None),
        *delivered_send("m3", START + timedelta(hours=4), "utility"),
        *delivered_send("m4", START + timedelta(hours=30), "utility"),
    ]
    return "\n".join(json.dumps(d) for d in dicts) + "\n\n"


def test_bill_prints_lines_free_messages_and_total() -> None:
    code, out, _ = run("bill", "--month", "2026-11", "--tz", "Europe/Helsinki", stdin=_jsonl())
    assert code == 0
    assert "North America  marketing" in out
    assert "free: free_tier 1" in out
    assert "total: 0.0318 USD" in out


def test_bill_json_has_the_documented_shape() -> None:
    code, out, _ = run(
        "bill", "--month", "2026-11", "--tz", "Europe/Helsinki", "--json", stdin=_jsonl()
    )
    data = json.loads(out)
    assert code == 0
    assert (data["month"], data["currency"], data["total"]) == ("2026-11", "USD", "0.0318")
    assert [c["reason"] for c in data["charges"]] == ["regular", "free_tier", "regular", "regular"]
    assert data["lines"][1] == {
        "market": "North America",
        "category": "utility",
        "count": 2,
        "rate": "0.0034",
        "amount": "0.0068",
    }
    assert data["unknown_rates"] == []


def test_bill_in_an_unknown_currency_lists_unknown_rates() -> None:
    code, out, _ = run("bill", "--currency", "eur", "--free-tier", "off", stdin=_jsonl())
    assert code == 0
    assert "unknown rates (not in the total): North America/marketing" in out
    assert "total: 0 EUR (known part only)" in out


def test_bill_uses_a_callers_rate_card(tmp_path: Path) -> None:
    card = {
        "name": "bsp",
        "currency": "USD",
        "effective": "2026-11-01",
        "source": "my BSP",
        "rates": {"North America": {"marketing": "0.03", "utility": "0.01"}},
    }
    path = tmp_path / "card.json"
    path.write_text(json.dumps(card))
    code, out, _ = run("bill", "--rate-card", str(path), "--free-tier", "waba", stdin=_jsonl())
    assert code == 0
    assert "rate card bsp" in out
    assert "total: 0.05 USD" in out


def test_bill_reports_bad_input_with_its_line_number(tmp_path: Path) -> None:
    code, _, err = run("bill", stdin='{"type": "message.sent"}\n')
    assert code == 2
    assert "line 1" in err
    code, _, err = run("bill", stdin="not json\n")
    assert code == 2
    assert "line 1" in err
    code, _, err = run("bill", "--tz", "Mars/Olympus", stdin=_jsonl())
    assert code == 2
    assert "time_zone" in err
    code, _, err = run("bill", "--rate-card", str(tmp_path / "missing.json"), stdin="")
    assert code == 2
    assert "--rate-card" in err


def test_bill_with_no_sends_says_so_plainly() -> None:
    code, out, _ = run("bill", "--month", "2026-11", stdin="")
    assert code == 0
    assert "no messages were sent in 2026-11" in out


def test_bill_without_a_month_bills_the_latest_events_month_and_says_so() -> None:
    code, out, err = run("bill", stdin=_jsonl())
    assert code == 0
    assert err.startswith("wamsg: billing 2026-11, the latest event's month")
    assert out.startswith("WhatsApp bill 2026-11 ")


def test_bill_without_a_month_or_a_timed_event_asks_for_one() -> None:
    code, _, err = run("bill", stdin="")
    assert code == 2
    assert "no event has a time" in err


def test_bill_counts_undelivered_sends() -> None:
    sent_only = delivered_send("x", START, "marketing")[0]
    code, out, _ = run("bill", stdin=json.dumps(sent_only) + "\n")
    assert code == 0
    assert "not delivered (not charged): 1" in out


def test_price_previews_one_template() -> None:
    code, out, _ = run(
        "price",
        "--to",
        "+4915112345678",
        "--template",
        "marketing",
        "--at",
        "2026-11-02T10:00:00Z",
    )
    assert code == 0
    assert "marketing to +4915112345678 (Germany)" in out
    assert "0.1365 USD per message" in out


def test_price_json_for_a_free_form_reply_in_2025_is_free() -> None:
    code, out, _ = run(
        "price",
        "--to",
        "+4915112345678",
        "--free-form",
        "--csw-open",
        "--at",
        "2025-11-02T10:00:00Z",
        "--from",
        "+15550783881",
        "--json",
    )
    data = json.loads(out)
    assert code == 0
    assert (data["reason"], data["amount"], data["category"]) == (
        "free_customer_service",
        "0",
        "service",
    )


def test_price_rejects_a_bad_number() -> None:
    code, _, err = run("price", "--to", "12", "--template", "utility", "--at", "2026-11-02T10:00Z")
    assert code == 2
    assert "phone" in err
