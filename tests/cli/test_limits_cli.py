"""``wamsg limits``: the account's limit as of ``--at``, and the gate for one send."""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, cast

import pytest

from tests.limits.helpers import delivered, free_form, received, template, user
from wamsg import Customer, PhoneNumber
from wamsg.cli import Streams, main
from wamsg.delivery import DeliveryStatus, ErrorDetail
from wamsg.events import Event, MessageStatus
from wamsg.events.account import CapabilityUpdate, NumberQualityUpdate, Restriction, WabaUpdate
from wamsg.events.account_values import LimitTier
from wamsg.testing import sample_day

UTC = timezone.utc
A = "+15550783881"
ACCOUNT: dict[str, Any] = {
    "portfolio": {"id": "bp-1", "verified": False, "messaging_limit": "TIER_250"},
    "numbers": [
        {
            "phone": A,
            "phone_number_id": "106540352242922",
            "waba": "waba-1",
            "status": "CONNECTED",
            "quality": "GREEN",
            "kind": "api",
            "throughput": "STANDARD",
            "messaging_limit": None,
        }
    ],
    "wabas": [{"id": "waba-1", "partners": ["partner-a"]}],
}
NOV = datetime(2025, 11, 3, 10, tzinfo=UTC)
JUNE = datetime(2024, 6, 1, 10, tzinfo=UTC)


def account_file(tmp_path: Path, data: dict[str, Any] | None = None) -> str:
    path = tmp_path / "account.json"
    path.write_text(json.dumps(ACCOUNT if data is None else data), encoding="utf-8")
    return str(path)


def run(argv: list[str], events: Sequence[object] = ()) -> tuple[int, Any, str]:
    lines = "\n".join(json.dumps(cast(Event, e).to_dict()) for e in events)
    out, err = io.StringIO(), io.StringIO()
    code = main(["limits", *argv], Streams(io.StringIO(lines), out, err))
    return code, json.loads(out.getvalue()) if out.getvalue() else None, err.getvalue()


def counted(at: datetime, count: int) -> list[Event]:
    return [
        e for i in range(count) for e in (template(f"m{i}", at, user(i)), delivered(f"m{i}", at))
    ]


def test_golden_portfolio_era(tmp_path: Path) -> None:
    code, out, _ = run(
        ["--account", account_file(tmp_path), "--at", "2025-11-03T12:00:00Z"], counted(NOV, 3)
    )
    assert code == 0
    assert out == {
        "era": "E5",
        "scope": "portfolio",
        "portfolio": {
            "id": "bp-1",
            "verified": False,
            "tier": "TIER_250",
            "limit": 250,
            "used": 3,
            "remaining": 247,
            "next_slot_at": None,
            "number_cap": 2,
            "upgrade": {"eligible": False, "next_tier": "TIER_2K", "due_by": None},
        },
        "numbers": [
            {
                "phone": A,
                "status": "CONNECTED",
                "quality": "GREEN",
                "kind": "api",
                "throughput_mps": 80,
                "tier": None,
                "used": None,
                "can_send_business_initiated": True,
                "can_reply": True,
            }
        ],
    }


def test_golden_number_era_2024_06_01(tmp_path: Path) -> None:
    code, out, _ = run(
        ["--account", account_file(tmp_path), "--at", "2024-06-01T12:00:00Z"], counted(JUNE, 2)
    )
    assert code == 0
    assert out["era"] == "E4"
    assert out["scope"] == "number"
    portfolio = out["portfolio"]
    assert [portfolio[k] for k in ("tier", "limit", "used", "remaining")] == [None] * 4
    assert out["numbers"][0]["tier"] == "TIER_250"
    assert out["numbers"][0]["used"] == 2


def test_the_era_switches_at_2025_10_07_midnight_utc(tmp_path: Path) -> None:
    path = account_file(tmp_path)
    assert run(["--account", path, "--at", "2025-10-06T23:59:59Z"])[1]["scope"] == "number"
    assert run(["--account", path, "--at", "2025-10-07T00:00:00Z"])[1]["scope"] == "portfolio"


def test_a_full_limit_shows_the_next_slot_and_refuses_a_new_customer(tmp_path: Path) -> None:
    argv = ["--account", account_file(tmp_path), "--at", "2025-11-03T12:00:00Z"]
    _code, out, _ = run(
        [*argv, "--to", "+4915112345678", "--template", "utility"], counted(NOV, 250)
    )
    assert out["portfolio"]["next_slot_at"] == "2025-11-04T10:00:00Z"
    assert out["decision"] == {
        "allowed": False,
        "reason": "limit_reached",
        "counts_against_limit": False,
        "retry_at": "2025-11-04T10:00:00Z",
        "message": out["decision"]["message"],
    }
    again = run([*argv, "--to", user(7).key, "--template", "utility"], counted(NOV, 250))[1]
    assert again["decision"]["reason"] == "already_counted"


def test_within_limit_window_open_and_window_closed(tmp_path: Path) -> None:
    argv = [
        "--account",
        account_file(tmp_path),
        "--at",
        "2025-11-03T12:00:00Z",
        "--to",
        "+4915112345678",
    ]
    assert run([*argv, "--template", "utility"])[1]["decision"]["reason"] == "within_limit"
    assert run([*argv, "--free-form"])[1]["decision"]["reason"] == "window_closed"
    wrote = [received(NOV, Customer(phone="+4915112345678"))]
    decision = run([*argv, "--free-form"], wrote)[1]["decision"]
    assert decision["reason"] == "window_open"
    assert not decision["counts_against_limit"]


def test_marketing_to_a_us_customer_is_refused(tmp_path: Path) -> None:
    argv = ["--account", account_file(tmp_path), "--at", "2025-11-03T12:00:00Z"]
    out = run([*argv, "--to", "+12125550100", "--template", "marketing"])[1]
    assert out["decision"]["reason"] == "marketing_not_delivered_us"


def test_a_spent_pair_burst_is_pair_rate(tmp_path: Path) -> None:
    who = Customer(phone="+4915112345678")
    burst = [received(NOV, who)] + [free_form(f"f{i}", NOV, who) for i in range(45)]
    argv = ["--account", account_file(tmp_path), "--at", "2025-11-03T10:00:00Z"]
    out = run([*argv, "--to", "+4915112345678", "--free-form"], burst)[1]
    assert out["decision"]["reason"] == "pair_rate"
    assert out["decision"]["retry_at"] is not None


def test_a_131049_starts_the_marketing_cool_down(tmp_path: Path) -> None:
    who = Customer(phone="+4915112345678")
    hit = MessageStatus(
        provider="meta",
        message_id="mk",
        status=DeliveryStatus.FAILED,
        occurred_at=NOV,
        errors=(ErrorDetail(code="131049"),),
    )
    events = [template("mk", NOV, who, category="marketing"), hit]
    argv = ["--account", account_file(tmp_path), "--at", "2025-11-03T12:00:00Z"]
    out = run([*argv, "--to", "+4915112345678", "--template", "marketing"], events)[1]
    assert out["decision"]["reason"] == "marketing_cool_down"
    assert out["decision"]["retry_at"] == "2025-11-04T10:00:00Z"


def test_account_events_override_the_file_from_their_time_on(tmp_path: Path) -> None:
    path = account_file(tmp_path)
    raised = CapabilityUpdate(provider="meta", account="waba-1", occurred_at=NOV, limit_raw=2000)
    banned = NumberQualityUpdate(
        provider="meta",
        account="waba-1",
        occurred_at=NOV + timedelta(hours=1),
        business=PhoneNumber.parse(A),
        event_raw="FLAGGED",
    )
    other = CapabilityUpdate(provider="meta", account="waba-9", occurred_at=NOV, limit_raw=100000)
    before = run(["--account", path, "--at", "2025-11-03T09:59:59Z"], [raised, other])[1]
    after = run(["--account", path, "--at", "2025-11-03T12:00:00Z"], [raised, other, banned])[1]
    assert before["portfolio"]["tier"] == "TIER_250"
    assert after["portfolio"]["tier"] == "TIER_2K"
    assert after["portfolio"]["number_cap"] == 20
    assert after["numbers"][0]["status"] == "FLAGGED"
    assert after["numbers"][0]["quality"] == "RED"


def test_a_number_that_is_not_connected_cannot_send(tmp_path: Path) -> None:
    data = json.loads(json.dumps(ACCOUNT))
    data["numbers"][0]["status"] = "DISCONNECTED"
    argv = ["--account", account_file(tmp_path, data), "--at", "2025-11-03T12:00:00Z"]
    out = run([*argv, "--to", "+4915112345678", "--template", "utility"])[1]
    assert out["decision"]["reason"] == "number_not_connected"
    assert out["numbers"][0]["can_send_business_initiated"] is False


def test_from_is_needed_when_the_account_has_several_numbers(tmp_path: Path) -> None:
    two = json.loads(json.dumps(ACCOUNT))
    two["numbers"].append({**two["numbers"][0], "phone": "+15550783882", "phone_number_id": "2"})
    argv = [
        "--account",
        account_file(tmp_path, two),
        "--at",
        "2025-11-03T12:00:00Z",
        "--to",
        "+4915112345678",
    ]
    code, _, err = run([*argv, "--template", "utility"])
    assert code == 2
    assert err.startswith("wamsg: --from:")
    assert run([*argv, "--from", "+15550783882", "--template", "utility"])[0] == 0


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (("portfolio", "messaging_limit", "TIER_3K"), "portfolio.messaging_limit"),
        (("numbers", "status", "ASLEEP"), "numbers[0].status"),
        (("numbers", "kind", "robot"), "numbers[0].kind"),
    ],
)
def test_the_account_file_is_read_strictly(
    tmp_path: Path, change: tuple[str, str, str], field: str
) -> None:
    data = json.loads(json.dumps(ACCOUNT))
    where, key, value = change
    (data[where] if where == "portfolio" else data[where][0])[key] = value
    code, out, err = run(
        ["--account", account_file(tmp_path, data), "--at", "2025-11-03T12:00:00Z"]
    )
    assert code == 2
    assert out is None
    assert err.startswith(f"wamsg: {field}:")
    assert err.count("\n") == 1


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        (["--at", "yesterday"], "--at"),
        (["--to", "+4915112345678"], "--template"),
        (["--to", "nobody", "--free-form"], "--to"),
        (["--to", "+4915112345678", "--template", "MARKETING"], "--template"),
        (["--to", "+4915112345678", "--template", "promo"], "--template"),
        (["--template", "utility"], "--to"),
        (["--to", "+4915112345678", "--from", "+15550000000", "--free-form"], "--from"),
    ],
)
def test_bad_options_exit_2_naming_the_field(tmp_path: Path, extra: list[str], field: str) -> None:
    argv = ["--account", account_file(tmp_path), "--at", "2025-11-03T12:00:00Z", *extra]
    code, _, err = run(argv)
    assert code == 2
    assert err.startswith(f"wamsg: {field}:")
    assert err.count("\n") == 1


def test_an_unreadable_account_file_and_a_bad_event_line_exit_2(tmp_path: Path) -> None:
    code, _, err = run(
        ["--account", str(tmp_path / "missing.json"), "--at", "2025-11-03T12:00:00Z"]
    )
    assert code == 2
    assert err.startswith("wamsg: --account:")
    out, err_stream = io.StringIO(), io.StringIO()
    stdin = io.StringIO('{"type": "message.sent"}\n')
    argv = ["limits", "--account", account_file(tmp_path), "--at", "2025-11-03T12:00:00Z"]
    assert main(argv, Streams(stdin, out, err_stream)) == 2
    assert err_stream.getvalue().startswith("wamsg: line 1:")


def test_it_works_on_the_demo_sample_day(tmp_path: Path) -> None:
    day = sample_day()
    path = tmp_path / "sample_account.json"
    path.write_text(json.dumps(day.account), encoding="utf-8")
    argv = ["--account", str(path), "--at", "2026-11-20T15:00:00Z"]
    code, out, _ = run(
        [*argv, "--to", "+16505551234", "--from", A, "--template", "marketing"], list(day.events)
    )
    assert code == 0
    assert out["scope"] == "portfolio"
    assert out["portfolio"]["used"] == 1
    assert out["portfolio"]["remaining"] == 249
    assert [n["phone"] for n in out["numbers"]] == [A, "+358942411000"]
    assert out["decision"]["reason"] == "marketing_not_delivered_us"
    reply = run([*argv, "--to", "+16505551234", "--from", A, "--free-form"], list(day.events))[1]
    assert reply["decision"]["reason"] == "window_open"


# --- the 2025-10-07 migration, one fallback, restrictions and bans, strict files ---

B = "+358942411000"
HOUR = timedelta(hours=1)


def _migrating(portfolio: str | None, *tiers: str | None) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(json.dumps(ACCOUNT))
    data["portfolio"]["messaging_limit"] = portfolio
    first = data["numbers"][0]
    phones = [A, B, "+442071838750"]
    data["numbers"] = [
        dict(first, phone=phones[i], phone_number_id=f"10654035224292{i}", messaging_limit=t)
        for i, t in enumerate(tiers)
    ]
    return data


OCT9 = datetime(2025, 10, 9, 10, tzinfo=UTC)


def _send_args(path: str, at: str = "2025-10-09T12:00:00Z") -> list[str]:
    return ["--account", path, "--at", at, "--to", "+16505550100", "--from", A]


@pytest.mark.parametrize(
    ("portfolio", "tiers", "tier", "cap"),
    [
        (None, ("TIER_1K", "TIER_100K"), "TIER_100K", 20),  # W18
        ("TIER_250", ("TIER_1K", "TIER_10K"), "TIER_10K", 20),  # lower portfolio
        (None, ("TIER_250", "TIER_250"), "TIER_250", 2),  # W19
        ("TIER_250", ("TIER_1K", None), "TIER_2K", 20),  # 1K reads as 2K (policy)
        ("TIER_50", (None,), "TIER_250", 2),  # legacy 50 on the new ladder
        ("TIER_1K", (None,), "TIER_2K", 20),  # legacy 1K on the new ladder
    ],
)
def test_the_migration_gives_the_portfolio_its_numbers_highest_tier(
    tmp_path: Path, portfolio: str | None, tiers: tuple[str | None, ...], tier: str, cap: int
) -> None:
    path = account_file(tmp_path, _migrating(portfolio, *tiers))
    code, out, _ = run([*_send_args(path), "--template", "utility"], counted(OCT9, 250))
    assert code == 0
    limit = LimitTier(tier).limit
    assert out["portfolio"]["tier"] == tier
    assert out["portfolio"]["limit"] == limit
    assert out["portfolio"]["number_cap"] == cap
    assert all(n["tier"] is None for n in out["numbers"])
    reached = out["decision"]["reason"] == "limit_reached"
    assert reached is (out["portfolio"]["remaining"] == 0)  # the report and the gate agree
    assert reached is (limit == 250)


def test_an_account_event_after_the_migration_sets_the_tier(tmp_path: Path) -> None:
    path = account_file(tmp_path, _migrating(None, "TIER_1K", "TIER_100K"))
    later = CapabilityUpdate(
        provider="meta", account="waba-1", occurred_at=OCT9 - timedelta(hours=1), limit_raw=10000
    )
    early = CapabilityUpdate(provider="meta", account="waba-1", occurred_at=JUNE, limit_raw=1000)
    out = run(_send_args(path)[:4], [later])[1]
    assert out["portfolio"]["tier"] == "TIER_10K"
    out = run(_send_args(path)[:4], [early])[1]
    assert out["portfolio"]["tier"] == "TIER_100K"  # before the migration: the numbers' max


def test_no_known_tier_reports_null_and_the_gate_says_what_it_assumed(tmp_path: Path) -> None:
    for portfolio in (None, "TIER_NOT_SET"):
        path = account_file(tmp_path, _migrating(portfolio, None, "TIER_NOT_SET"))
        code, out, _ = run([*_send_args(path), "--template", "utility"], counted(OCT9, 250))
        assert code == 0
        assert out["portfolio"]["tier"] is None
        assert out["portfolio"]["limit"] is None
        assert out["portfolio"]["remaining"] is None
        decision = out["decision"]
        assert decision["reason"] == "limit_reached"
        assert "TIER_250 (the lowest) was assumed" in decision["message"]


def test_the_number_era_fallback_is_said_too(tmp_path: Path) -> None:
    path = account_file(tmp_path, _migrating(None, None))
    args = _send_args(path, "2024-06-01T12:00:00Z")
    out = run([*args, "--template", "utility"], counted(JUNE, 3))[1]
    assert out["numbers"][0]["tier"] is None
    assert "was assumed" in out["decision"]["message"]
    assert out["decision"]["allowed"]


def _restricted(kind: str, at: datetime, expires: datetime | None) -> WabaUpdate:
    stamp = None if expires is None else int(expires.timestamp())
    return WabaUpdate(
        provider="meta",
        account="waba-1",
        occurred_at=at,
        event_raw="ACCOUNT_RESTRICTION",
        restrictions=(Restriction(type_raw=kind, expiration=stamp),),
    )


def _ban(state: str, at: datetime) -> WabaUpdate:
    return WabaUpdate(
        provider="meta", account="waba-1", occurred_at=at, event_raw="DISABLED_UPDATE",
        ban_state_raw=state,
    )  # fmt: skip


def test_a_business_initiated_restriction_blocks_templates_until_it_expires(
    tmp_path: Path,
) -> None:
    path = account_file(tmp_path)
    ends = NOV + timedelta(days=2)
    restriction = _restricted("RESTRICTED_BIZ_INITIATED_MESSAGING", NOV - timedelta(hours=1), ends)
    args = ["--account", path, "--to", "+16505550100"]
    out = run([*args, "--at", "2025-11-03T12:00:00Z", "--template", "utility"], [restriction])[1]
    assert out["numbers"][0]["can_send_business_initiated"] is False
    assert out["numbers"][0]["can_reply"] is True
    assert out["decision"]["reason"] == "account_restricted"
    assert not out["decision"]["allowed"]
    inside = [
        received(NOV - timedelta(minutes=5), Customer(phone=PhoneNumber.parse("+16505550100")))
    ]
    out = run([*args, "--at", "2025-11-03T10:00:00Z", "--free-form"], [restriction, *inside])[1]
    assert out["decision"]["allowed"]  # a reply in the window is not business-initiated
    out = run([*args, "--at", "2025-11-06T12:00:00Z", "--template", "utility"], [restriction])[1]
    assert out["numbers"][0]["can_send_business_initiated"] is True
    assert out["decision"]["allowed"]


def test_a_customer_initiated_restriction_blocks_replies(tmp_path: Path) -> None:
    path = account_file(tmp_path)
    restriction = _restricted("RESTRICTED_CUSTOMER_INITIATED_MESSAGING", NOV, None)
    args = ["--account", path, "--at", "2025-11-03T12:00:00Z", "--to", "+16505550100"]
    out = run([*args, "--free-form"], [restriction])[1]
    assert out["numbers"][0]["can_reply"] is False
    assert out["numbers"][0]["can_send_business_initiated"] is True
    assert out["decision"]["reason"] == "account_restricted"


def test_a_ban_blocks_everything_a_schedule_warns_a_reinstatement_lifts(tmp_path: Path) -> None:
    path = account_file(tmp_path)
    args = ["--account", path, "--to", "+16505550100", "--template", "utility"]
    scheduled = _ban("SCHEDULE_FOR_DISABLE", NOV - timedelta(days=1))
    disabled = _ban("DISABLE", NOV)
    reinstated = _ban("REINSTATE", NOV + timedelta(days=1))
    out = run([*args, "--at", "2025-11-02T12:00:00Z"], [scheduled, disabled, reinstated])[1]
    assert out["decision"]["allowed"]
    assert out["numbers"][0]["can_send_business_initiated"]
    out = run([*args, "--at", "2025-11-03T12:00:00Z"], [scheduled, disabled, reinstated])[1]
    assert out["decision"]["reason"] == "account_banned"
    assert out["numbers"][0]["can_send_business_initiated"] is False
    assert out["numbers"][0]["can_reply"] is False
    out = run([*args, "--at", "2025-11-04T12:00:00Z"], [scheduled, disabled, reinstated])[1]
    assert out["decision"]["allowed"]


def test_upgrade_due_by_is_not_before_the_tier_was_reached(tmp_path: Path) -> None:
    path = account_file(tmp_path)
    reached = NOV - timedelta(hours=6)
    raised = CapabilityUpdate(
        provider="meta", account="waba-1", occurred_at=reached, limit_raw=2000
    )
    early = counted(reached - timedelta(hours=2), 1000)
    late = [
        e
        for i in range(1000, 2000)
        for e in (template(f"m{i}", reached + HOUR, user(i)), delivered(f"m{i}", reached + HOUR))
    ]
    out = run(["--account", path, "--at", "2025-11-03T12:00:00Z"], [raised, *early])[1]
    assert out["portfolio"]["tier"] == "TIER_2K"
    assert out["portfolio"]["upgrade"]["eligible"] is False
    out = run(["--account", path, "--at", "2025-11-03T12:00:00Z"], [raised, *early, *late])[1]
    assert out["portfolio"]["upgrade"] == {
        "eligible": True,
        "next_tier": "TIER_10K",
        "due_by": "2025-11-03T11:00:00Z",
    }


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ('{"portfolio": {"id": "a", "id": "b"}}', "id"),
        ('{"portfolio": {}, "portfolio": {}}', "portfolio"),
    ],
)
def test_a_key_named_twice_is_exit_2_naming_it(tmp_path: Path, text: str, key: str) -> None:
    path = tmp_path / "dup.json"
    path.write_text(text, encoding="utf-8")
    code, out, err = run(["--account", str(path), "--at", "2025-11-03T12:00:00Z"])
    assert code == 2
    assert out is None
    assert err.startswith(f"wamsg: {key}:")
    assert err.count("\n") == 1


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (
            lambda d: d["numbers"].append(dict(d["numbers"][0], phone_number_id="2")),
            "numbers[1].phone",
        ),
        (lambda d: d["wabas"].append({"id": "waba-1", "partners": []}), "wabas[1].id"),
        (lambda d: d["numbers"][0].update(phone="15550783881"), "numbers[0].phone"),
    ],
)
def test_duplicates_and_a_phone_without_plus_are_exit_2(
    tmp_path: Path, change: Any, field: str
) -> None:
    data = json.loads(json.dumps(ACCOUNT))
    change(data)
    code, _, err = run(["--account", account_file(tmp_path, data), "--at", "2025-11-03T12:00:00Z"])
    assert code == 2
    assert err.startswith(f"wamsg: {field}:")
    assert err.count("\n") == 1
