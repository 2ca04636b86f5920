"""The hostile classes the limits and accounts packages used to let through.

Each case builds a value or calls a helper with one hostile argument and expects a
:class:`~wamsg.errors.ValidationError` naming the field (never a ``TypeError``,
``AttributeError``, ``ValueError``, ``RecursionError`` or a value that cannot be written).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, timezone

import pytest

from wamsg.accounts import BusinessNumber, LineType, Reading, line_eligibility
from wamsg.errors import ValidationError
from wamsg.events import LimitTier
from wamsg.identity import PhoneNumber
from wamsg.limits import (
    GateDecision,
    GateReason,
    Ladder,
    LimitBook,
    LimitDecision,
    LimitEra,
    LimitLedger,
    LimitReason,
    LimitScope,
    MarketingDecision,
    MarketingPolicy,
    MarketingVerdict,
    MediaCheck,
    MediaReason,
    MediaRule,
    OutgoingMedia,
    PairClock,
    PairRatePolicy,
    PairSend,
    QuotaPolicy,
    RetryPolicy,
    ScalingPathStatus,
    SunshineUsage,
    ThroughputReason,
    ThroughputUpgrade,
    UpgradeAnswer,
    UpgradeReason,
    UpgradeRule,
    check_media,
    is_paused_us,
    limit_of,
    pair_send,
    portfolio_tier_after_migration,
    retry_after,
    scaling_path_status,
    sunshine_usage,
    upgrade,
    users_needed,
)

UTC = timezone.utc
AT = datetime(2026, 11, 20, 12, tzinfo=UTC)
NAIVE = datetime(2026, 11, 20, 12)
YEAR_1 = datetime(1, 1, 1, tzinfo=UTC)
HUGE = 10**5000
SURROGATE = "\ud800"
US = PhoneNumber.parse("+14155550100")


def _deep_list() -> list[object]:
    value: list[object] = []
    for _ in range(100_000):
        value = [value]
    return value


def _deep_dict() -> dict[str, object]:
    value: dict[str, object] = {}
    for _ in range(100_000):
        value = {"a": value}
    return value


def _gate(**changed: object) -> object:
    fields: dict[str, object] = {
        "allowed": True,
        "reason": GateReason.WINDOW_OPEN,
        "message": "ok",
        "counts_against_limit": False,
        "retry_at": None,
        "facts": {},
    }
    return GateDecision(**{**fields, **changed})  # type: ignore[arg-type]


def _limit(**changed: object) -> object:
    fields: dict[str, object] = {
        "allowed": True,
        "reason": LimitReason.WITHIN_LIMIT,
        "counts_against_limit": True,
        "era": LimitEra.E5_PORTFOLIO,
        "scope": LimitScope.PORTFOLIO,
        "limit": 250,
        "used": 1,
        "remaining": 249,
        "next_slot_at": None,
        "message": "ok",
    }
    return LimitDecision(**{**fields, **changed})  # type: ignore[arg-type]


def _pair(**changed: object) -> object:
    fields: dict[str, object] = {
        "allowed": True,
        "borrowing": False,
        "over_burst": False,
        "clock": PairClock(),
        "no_borrow_at": AT,
        "allowed_after": None,
        "message": "ok",
    }
    return PairSend(**{**fields, **changed})  # type: ignore[arg-type]


def _scaling(**changed: object) -> object:
    fields: dict[str, object] = {
        "complete": False,
        "route": None,
        "target": LimitTier.TIER_2K,
        "needed": 2_000,
        "reached": 0,
        "message": "ok",
    }
    return ScalingPathStatus(**{**fields, **changed})  # type: ignore[arg-type]


def _usage(**changed: object) -> object:
    fields: dict[str, object] = {
        "month": "2026-11",
        "monthly_active_users": 1,
        "notifications": 1,
        "included_monthly_active_users": 1_000,
        "included_notifications": 1_000,
    }
    return SunshineUsage(**{**fields, **changed})  # type: ignore[arg-type]


def _answer(**changed: object) -> object:
    fields: dict[str, object] = {
        "eligible": False,
        "reason": UpgradeReason.TOP_TIER,
        "tier": LimitTier.TIER_UNLIMITED,
        "next_tier": None,
        "due_by": None,
        "criteria_met_at": None,
        "message": "ok",
    }
    return UpgradeAnswer(**{**fields, **changed})  # type: ignore[arg-type]


def _number(**changed: object) -> object:
    fields: dict[str, object] = {"phone": US, "phone_number_id": "1", "waba": "2"}
    return BusinessNumber(**{**fields, **changed})  # type: ignore[arg-type]


CASES: dict[str, tuple[Callable[[], object], str]] = {
    # the answers' constructors
    "GateDecision allowed bytes": (lambda: _gate(allowed=b"x"), "allowed"),
    "GateDecision message surrogate": (lambda: _gate(message=SURROGATE), "message"),
    "GateDecision retry_at naive": (lambda: _gate(retry_at=NAIVE), "retry_at"),
    "GateDecision retry_at year 1": (lambda: _gate(retry_at=YEAR_1), "retry_at"),
    "GateDecision facts surrogate": (lambda: _gate(facts={SURROGATE: 1}), "facts"),
    "GateDecision facts deep": (lambda: _gate(facts=_deep_dict()), "facts"),
    "LimitDecision limit huge": (lambda: _limit(limit=HUGE), "limit"),
    "LimitDecision used negative": (lambda: _limit(used=-HUGE), "used"),
    "LimitDecision next_slot_at naive": (lambda: _limit(next_slot_at=NAIVE), "next_slot_at"),
    "LimitDecision reason text": (lambda: _limit(reason="within_limit"), "reason"),
    "MarketingDecision verdict None": (
        lambda: MarketingDecision(verdict=None, deliverable=True, until=None, message="ok"),  # type: ignore[arg-type]
        "verdict",
    ),
    "MarketingDecision until naive": (
        lambda: MarketingDecision(
            verdict=next(iter(MarketingVerdict)), deliverable=True, until=NAIVE, message="ok"
        ),
        "until",
    ),
    "MediaCheck allowed bytes": (
        lambda: MediaCheck(b"x", MediaReason.ACCEPTED, "ok"),  # type: ignore[arg-type]
        "allowed",
    ),
    "MediaCheck message surrogate": (
        lambda: MediaCheck(True, MediaReason.ACCEPTED, SURROGATE),
        "message",
    ),
    "MediaRule kind object": (lambda: MediaRule(object(), frozenset(), 1), "kind"),  # type: ignore[arg-type]
    "MediaRule max_bytes huge": (lambda: MediaRule("image", frozenset(), HUGE), "max_bytes"),
    "MediaRule mime type surrogate": (
        lambda: MediaRule("image", frozenset({SURROGATE}), 1),
        "mime_types",
    ),
    "OutgoingMedia kind surrogate": (
        lambda: OutgoingMedia(kind=SURROGATE, mime_type="image/png", size_bytes=1),
        "kind",
    ),
    "OutgoingMedia size huge": (
        lambda: OutgoingMedia(kind="image", mime_type="image/png", size_bytes=HUGE),
        "size_bytes",
    ),
    "OutgoingMedia animated int": (
        lambda: OutgoingMedia(kind="image", mime_type="image/png", size_bytes=1, animated=1),  # type: ignore[arg-type]
        "animated",
    ),
    "check_media size huge": (lambda: check_media("image", "image/png", HUGE), "size_bytes"),
    "check_media kind surrogate": (lambda: check_media(SURROGATE, "image/png", 1), "kind"),
    "PairSend no_borrow_at naive": (lambda: _pair(no_borrow_at=NAIVE), "no_borrow_at"),
    "PairSend message surrogate": (lambda: _pair(message=SURROGATE), "message"),
    "PairSend allowed bytes": (lambda: _pair(allowed=b"x"), "allowed"),
    "ScalingPathStatus needed huge": (lambda: _scaling(needed=HUGE), "needed"),
    "ScalingPathStatus complete object": (lambda: _scaling(complete=object()), "complete"),
    "SunshineUsage month surrogate": (lambda: _usage(month=SURROGATE), "month"),
    "SunshineUsage month bytes": (lambda: _usage(month=b"2026-11"), "month"),
    "SunshineUsage count huge": (
        lambda: _usage(monthly_active_users=HUGE),
        "monthly_active_users",
    ),
    "ThroughputUpgrade due_by naive": (
        lambda: ThroughputUpgrade(
            eligible=True, reason=ThroughputReason.ELIGIBLE, due_by=NAIVE, message="ok"
        ),
        "due_by",
    ),
    "UpgradeAnswer due_by year 1": (lambda: _answer(due_by=YEAR_1), "due_by"),
    "UpgradeAnswer message surrogate": (lambda: _answer(message=SURROGATE), "message"),
    "Ladder steps object": (lambda: Ladder(object()), "steps"),  # type: ignore[arg-type]
    "Ladder.next list": (lambda: Ladder((LimitTier.TIER_1K,)).next([]), "tier"),  # type: ignore[arg-type]
    "Ladder.prev dict": (lambda: Ladder((LimitTier.TIER_1K,)).prev({}), "tier"),  # type: ignore[arg-type]
    # policies
    "PairRatePolicy burst huge": (lambda: PairRatePolicy(burst=HUGE), "pair_rate.burst"),
    "PairRatePolicy interval max": (
        lambda: PairRatePolicy(interval=timedelta.max),
        "pair_rate.interval",
    ),
    "RetryPolicy factor huge": (
        lambda: RetryPolicy(throughput_factor=HUGE),
        "retry.throughput_factor",
    ),
    "RetryPolicy base huge": (
        lambda: RetryPolicy(throughput_base=timedelta(days=10**8)),
        "retry.throughput_base",
    ),
    "RetryPolicy cap negative": (
        lambda: RetryPolicy(throughput_cap=timedelta(microseconds=-1)),
        "retry.throughput_cap",
    ),
    "QuotaPolicy included huge": (
        lambda: QuotaPolicy(included_notifications=HUGE),
        "quotas.included_notifications",
    ),
    "MarketingPolicy codes deep": (
        lambda: MarketingPolicy(exempt_calling_codes=_deep_list()),
        "marketing.exempt_calling_codes",
    ),
    # the book, the ledger and the helpers
    "LimitBook windows object": (lambda: LimitBook(windows=object()), "windows"),  # type: ignore[arg-type]
    "LimitBook sends surrogate key": (lambda: LimitBook(sends={SURROGATE: 1}), "sends"),  # type: ignore[dict-item]
    "LimitBook outcomes deep": (lambda: LimitBook(outcomes=_deep_dict()), "outcomes"),  # type: ignore[arg-type]
    "LimitBook.remaining huge": (lambda: LimitBook.empty().remaining(AT, HUGE), "limit"),
    "LimitLedger.record list": (lambda: LimitLedger().record([], AT), "user"),  # type: ignore[arg-type]
    "LimitLedger.counted dict": (lambda: LimitLedger().counted({}, AT), "user"),  # type: ignore[arg-type]
    "LimitLedger.can_reach list": (lambda: LimitLedger().can_reach([], AT, 5), "user"),  # type: ignore[arg-type]
    "LimitLedger.remaining huge": (lambda: LimitLedger().remaining(AT, HUGE), "limit"),
    "limit_of huge": (lambda: limit_of(HUGE), "limit"),
    "limit_of field huge": (lambda: limit_of(1, HUGE), "field"),  # type: ignore[arg-type]
    "PairClock.replay None": (lambda: PairClock.replay(None), "sends"),  # type: ignore[arg-type]
    "PairClock.send policy None": (lambda: PairClock().send(AT, policy=None), "policy"),  # type: ignore[arg-type]
    "pair_send clock int": (lambda: pair_send(1, AT), "clock"),  # type: ignore[arg-type]
    "is_paused_us recipient None": (lambda: is_paused_us(None, AT), "recipient"),  # type: ignore[arg-type]
    "is_paused_us at naive": (lambda: is_paused_us(US, NAIVE), "at"),
    "portfolio_tier_after_migration None": (
        lambda: portfolio_tier_after_migration(None),  # type: ignore[arg-type]
        "number_tiers",
    ),
    "retry_after code huge": (lambda: retry_after(HUGE), "error_code"),
    "retry_after policy None": (lambda: retry_after(131056, policy=None), "policy"),  # type: ignore[arg-type]
    "scaling_path_status huge": (
        lambda: scaling_path_status(AT, verified=False, unique_30d=HUGE),
        "unique_30d",
    ),
    "sunshine_usage active None": (
        lambda: sunshine_usage("2026-11", active=None, notifications=()),  # type: ignore[arg-type]
        "active",
    ),
    "sunshine_usage active text": (
        lambda: sunshine_usage("2026-11", active=[SURROGATE], notifications=()),  # type: ignore[list-item]
        "active[]",
    ),
    "upgrade book None": (
        lambda: upgrade(None, AT, LimitTier.TIER_2K, qualities=()),  # type: ignore[arg-type]
        "book",
    ),
    "users_needed tier None": (
        lambda: users_needed(UpgradeRule.HALF_6H, None),  # type: ignore[arg-type]
        "tier",
    ),
    # accounts
    "BusinessNumber status None": (lambda: _number(status=None), "status"),
    "BusinessNumber quality int": (lambda: _number(quality=1), "quality"),
    "Reading value object": (lambda: Reading(object()), "value"),
    "Reading value naive": (lambda: Reading(NAIVE), "value"),
    "line_eligibility deep": (lambda: line_eligibility(_deep_list()), "line_type"),  # type: ignore[arg-type]
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_hostile_argument_is_a_validation_error_naming_its_field(name: str) -> None:
    build, field = CASES[name]
    with pytest.raises(ValidationError) as caught:
        build()
    assert caught.value.field == field


def test_the_valid_values_still_build() -> None:
    assert Ladder([LimitTier.TIER_1K, LimitTier.TIER_10K]).next(LimitTier.TIER_1K) is (
        LimitTier.TIER_10K
    )
    assert line_eligibility(LineType.MOBILE).usable
    assert Reading(LimitTier.TIER_2K).value is LimitTier.TIER_2K
    assert Reading(()).value == ()
    assert Reading(20).value == 20
    assert _number().status_raw == "CONNECTED"  # type: ignore[attr-defined]
    ledger = LimitLedger()
    ledger.record(("a", 1), AT)
    assert ledger.counted(("a", 1), AT)
    assert sunshine_usage("2026-11", active=[("u1", AT)], notifications=[AT]).notifications == 1
