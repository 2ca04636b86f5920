"""Routing.md §11, scenarios 1, 3, 4, 7–13, 22, 24, 25 and 28: routing decisions.

The common setup (route_helpers): numbers +358401000001 (sales line, default queue
Sales) and +358401000002 (support line, Support), hours ``office`` in Europe/Helsinki
Mon–Fri 09:00–17:00 closed 2026-12-24, queues Sales, Support, Swedish, VIP, Campaign,
AfterHours and Everyone (the fallback). Contexts about an inbound message are built
with ``message_context(MessageReceived(...))``, the others by hand.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

from wamsg.errors import ValidationError
from wamsg.routing import Strategy, assign
from wamsg.routing._policy_reader import load_policy
from wamsg.routing.agents import AgentSnapshot, ChannelLoad
from wamsg.routing.context import message_context
from wamsg.routing.decision import (
    DecidedAction,
    PlannedStep,
    RoutingReason,
    RuleStatus,
    TraceMode,
)
from wamsg.routing.parts import ActionType
from wamsg.routing.policy import RoutingPolicy
from wamsg.routing.route import route, split_bucket
from wamsg.routing.stream import work_item

from .route_helpers import (
    CUSTOMER,
    HOURS,
    MONDAY,
    SALES_LINE,
    SUPPORT_LINE,
    helsinki,
    inbound,
    policy_file,
    rule,
    scenario_policy,
)

R = RoutingReason
S = RuleStatus

OUT_OF_HOURS = "Thanks! We answer Mon-Fri 9-17."
AFTER_HOURS_RULE: dict[str, Any] = {
    "id": "after-hours",
    "when": "not open('office')",
    "route": [{"queue": "AfterHours"}],
    "actions": [{"type": "auto_reply", "text": OUT_OF_HOURS}],
}


def statuses(decision: Any) -> list[tuple[str, RuleStatus]]:
    return [(entry.rule, entry.status) for entry in decision.trace]


# -- 1. Route by number -------------------------------------------------------------------


@pytest.mark.parametrize(("number", "queue"), [(SALES_LINE, "Sales"), (SUPPORT_LINE, "Support")])
def test_01_the_number_s_default_queue_takes_its_inbound(number: str, queue: str) -> None:
    policy = scenario_policy()
    decision = route(policy, message_context(inbound(number, MONDAY)), at=MONDAY)
    assert decision.queue == queue
    assert decision.reasons == (R.NUMBER_DEFAULT,)
    assert decision.rule is None
    assert decision.policy_version == "scenarios-1"


@pytest.mark.parametrize(("number", "queue"), [(SALES_LINE, "Sales"), (SUPPORT_LINE, "Support")])
def test_01_a_rule_on_the_business_number_shows_the_partition_key(number: str, queue: str) -> None:
    policy = scenario_policy(
        [
            rule("sales-line", f"business == '{SALES_LINE}'", "Sales"),
            rule("support-line", f"business == '{SUPPORT_LINE}'", "Support"),
        ],
        numbers=False,
    )
    context = message_context(inbound(number, MONDAY))
    decision = route(policy, context, at=MONDAY, trace="full")
    assert decision.queue == queue
    assert decision.reasons == (R.MATCHED_RULE,)
    matched = next(entry for entry in decision.trace if entry.status is S.MATCHED)
    (clause,) = matched.clauses
    assert (clause.path, clause.op, clause.actual, clause.result) == (
        "business",
        "==",
        number,
        True,
    )


# -- 3. Nothing matches ---------------------------------------------------------------------


def test_03_unknown_number_and_brand_go_to_the_fallback_and_every_rule_was_processed() -> None:
    policy = scenario_policy(
        [
            rule("acme-brand", "brand == 'Acme'", "Support"),
            rule("sales-line", f"business == '{SALES_LINE}'", "Sales"),
            rule("swedish", "language == 'sv'", "Swedish"),
        ]
    )
    context = message_context(inbound("+46701234567", MONDAY), brand="Other")
    for use_index in (True, False):
        decision = route(policy, context, at=MONDAY, use_index=use_index)
        assert decision.queue == "Everyone"
        assert decision.rule is None
        assert decision.reasons == (R.NO_RULE_MATCHED,)
        assert statuses(decision) == [
            ("acme-brand", S.NOT_MATCHED),
            ("sales-line", S.NOT_MATCHED),
            ("swedish", S.NOT_MATCHED),
        ]
        assert decision.steps == (PlannedStep("Everyone", 0, None),)


# -- 4. First match wins ----------------------------------------------------------------------

R1 = rule("R1", "language == 'sv'", "Swedish")
R2 = rule("R2", "customer.tier == 'vip'", "VIP")
SWEDISH_VIP = {"language": "sv", "customer": {"tier": "vip"}}


def test_04_the_first_matching_rule_wins_and_the_rest_are_not_processed() -> None:
    decision = route(scenario_policy([R1, R2]), SWEDISH_VIP, at=MONDAY)
    assert decision.queue == "Swedish"
    assert decision.rule == "R1"
    assert statuses(decision) == [("R1", S.MATCHED), ("R2", S.NOT_PROCESSED)]


def test_04_swapping_the_rules_gives_vip() -> None:
    decision = route(scenario_policy([R2, R1]), SWEDISH_VIP, at=MONDAY)
    assert decision.queue == "VIP"
    assert decision.rule == "R2"
    assert statuses(decision) == [("R2", S.MATCHED), ("R1", S.NOT_PROCESSED)]


# -- 7. After hours ---------------------------------------------------------------------------


def test_07_after_hours_goes_to_after_hours_with_the_out_of_hours_reply() -> None:
    policy = scenario_policy([AFTER_HOURS_RULE])
    friday_evening = helsinki(2026, 11, 27, 17, 5)
    context = message_context(inbound(SALES_LINE, friday_evening))
    decision = route(policy, context, at=friday_evening)
    assert decision.queue == "AfterHours"
    assert decision.rule == "after-hours"
    assert decision.actions == (DecidedAction(ActionType.AUTO_REPLY, OUT_OF_HOURS),)


def test_07_a_minute_before_closing_routes_normally_without_a_reply() -> None:
    policy = scenario_policy([AFTER_HOURS_RULE])
    before_closing = helsinki(2026, 11, 27, 16, 59)
    context = message_context(inbound(SALES_LINE, before_closing))
    decision = route(policy, context, at=before_closing)
    assert decision.queue == "Sales"
    assert decision.reasons == (R.NUMBER_DEFAULT,)
    assert decision.actions == ()
    assert statuses(decision) == [("after-hours", S.NOT_MATCHED)]


def test_07_an_action_with_its_own_condition_runs_only_when_it_holds() -> None:
    sales = {
        "id": "sales",
        "when": f"business == '{SALES_LINE}'",
        "route": [{"queue": "Sales"}],
        "actions": [{"type": "auto_reply", "when": "not open('office')", "text": OUT_OF_HOURS}],
    }
    policy = scenario_policy([sales])
    evening, afternoon = helsinki(2026, 11, 27, 17, 5), helsinki(2026, 11, 27, 16, 59)
    late = route(policy, message_context(inbound(SALES_LINE, evening)), at=evening)
    early = route(policy, message_context(inbound(SALES_LINE, afternoon)), at=afternoon)
    assert (late.queue, early.queue) == ("Sales", "Sales")
    assert late.actions == (DecidedAction(ActionType.AUTO_REPLY, OUT_OF_HOURS),)
    assert early.actions == ()


def test_07_a_closed_queue_overflows_to_after_hours_before_queueing() -> None:
    policy = scenario_policy(queues={"Sales": {"hours": "office", "overflow": "AfterHours"}})
    evening, afternoon = helsinki(2026, 11, 27, 17, 5), helsinki(2026, 11, 27, 16, 59)
    late = route(policy, message_context(inbound(SALES_LINE, evening)), at=evening)
    early = route(policy, message_context(inbound(SALES_LINE, afternoon)), at=afternoon)
    assert late.queue == "AfterHours"
    assert late.reasons == (R.NUMBER_DEFAULT, R.OVERFLOW_CLOSED)
    assert late.steps[0].queue == "Sales"  # the ladder is the plan; overflow moved the item
    assert early.queue == "Sales"
    assert early.reasons == (R.NUMBER_DEFAULT,)


# -- 8. DST boundary --------------------------------------------------------------------------


def test_08_after_the_eu_switch_08_30_helsinki_is_closed_and_09_00_open() -> None:
    policy = scenario_policy([AFTER_HOURS_RULE])
    closed = helsinki(2026, 3, 30, 8, 30)
    opened = helsinki(2026, 3, 30, 9, 0)
    assert closed.utcoffset() == timedelta(hours=3)  # EEST: 05:30 UTC
    assert route(policy, {"business": SALES_LINE}, at=closed).queue == "AfterHours"
    assert route(policy, {"business": SALES_LINE}, at=opened).queue == "Sales"


def test_08_a_winter_utc_rule_would_open_an_hour_late_but_local_hours_do_not() -> None:
    policy = scenario_policy([AFTER_HOURS_RULE])
    half_past_nine = helsinki(2026, 3, 30, 9, 30)  # 06:30 UTC: "before 07:00 UTC" in winter
    assert half_past_nine.astimezone(timezone.utc).hour == 6
    decision = route(policy, {"business": SALES_LINE}, at=half_past_nine)
    assert decision.queue == "Sales"
    assert decision.actions == ()


# -- 9. Holiday -------------------------------------------------------------------------------


def test_09_christmas_eve_is_closed_although_a_weekday() -> None:
    policy = scenario_policy([AFTER_HOURS_RULE])
    christmas_eve = helsinki(2026, 12, 24, 10, 0)
    assert christmas_eve.isoweekday() == 4
    decision = route(
        policy, message_context(inbound(SUPPORT_LINE, christmas_eve)), at=christmas_eve
    )
    assert decision.queue == "AfterHours"
    assert decision.actions == (DecidedAction(ActionType.AUTO_REPLY, OUT_OF_HOURS),)


def test_09_the_next_opening_is_christmas_day_at_nine_unless_also_closed() -> None:
    policy = scenario_policy()
    christmas_eve = helsinki(2026, 12, 24, 10, 0)
    assert policy.hours["office"].next_open(christmas_eve) == helsinki(2026, 12, 25, 9, 0)
    both = policy_file()
    both["hours"] = {"office": {**HOURS["office"], "closed": ["2026-12-24", "2026-12-25"]}}
    closed_twice = load_policy(both)
    assert closed_twice.hours["office"].next_open(christmas_eve) == helsinki(2026, 12, 28, 9, 0)
    friday = helsinki(2026, 12, 25, 10, 0)
    decision = route(scenario_policy([AFTER_HOURS_RULE]), {}, at=friday)
    assert decision.queue == "Everyone"  # open on the 25th: no number, no rule, the fallback
    assert decision.reasons == (R.NO_RULE_MATCHED,)


# -- 10. Click-to-WhatsApp ad -----------------------------------------------------------------

CTWA = rule(
    "ctwa-ad123",
    "referral.source_type == 'ad' and referral.source_id == 'AD123'",
    "Campaign",
    priority=8,
)


def test_10_an_ad_referral_goes_to_campaign_at_priority_8() -> None:
    message = inbound(SALES_LINE, MONDAY, source_type="ad", source_id="AD123")
    decision = route(scenario_policy([CTWA]), message_context(message), at=MONDAY)
    assert decision.queue == "Campaign"
    assert decision.priority == 8
    assert decision.rule == "ctwa-ad123"


def test_10_a_post_referral_with_the_same_id_does_not_match() -> None:
    message = inbound(SALES_LINE, MONDAY, source_type="post", source_id="AD123")
    decision = route(scenario_policy([CTWA]), message_context(message), at=MONDAY)
    assert decision.queue == "Sales"
    assert decision.priority == 0
    assert statuses(decision) == [("ctwa-ad123", S.NOT_MATCHED)]


# -- 11. VIP escalation ladder ----------------------------------------------------------------

VIP_LADDER = {
    "id": "vip",
    "when": "customer.tier == 'vip'",
    "route": [{"queue": "VIP", "priority": 10, "wait": "300s"}, {"queue": "Everyone"}],
}


def _vip_context() -> dict[str, object]:
    return message_context(inbound(SUPPORT_LINE, MONDAY), customer={"tier": "vip"})


def test_11_the_decision_lists_the_ladder_with_absolute_deadlines() -> None:
    decision = route(scenario_policy([VIP_LADDER]), _vip_context(), at=MONDAY)
    assert (decision.queue, decision.priority, decision.step) == ("VIP", 10, 0)
    assert decision.steps == (
        PlannedStep("VIP", 10, MONDAY + timedelta(seconds=300)),
        PlannedStep("Everyone", 10, None),
    )
    assert decision.reasons == (R.MATCHED_RULE,)


def test_11_re_deciding_past_the_deadline_yields_everyone_at_the_same_priority() -> None:
    policy = scenario_policy([VIP_LADDER])
    later = MONDAY + timedelta(seconds=301)
    decision = route(policy, _vip_context(), at=later, since=MONDAY)
    assert (decision.queue, decision.priority, decision.step) == ("Everyone", 10, 1)
    assert decision.reasons == (R.MATCHED_RULE, R.STEP_ESCALATED)
    assert decision.steps[0].deadline == MONDAY + timedelta(seconds=300)


@pytest.mark.parametrize(("seconds", "queue"), [(299, "VIP"), (300, "Everyone")])
def test_11_the_deadline_itself_moves_the_item_on(seconds: int, queue: str) -> None:
    at = MONDAY + timedelta(seconds=seconds)
    decision = route(scenario_policy([VIP_LADDER]), _vip_context(), at=at, since=MONDAY)
    assert decision.queue == queue


# -- 12. Missing attribute (at route level) -------------------------------------------------


@pytest.mark.parametrize(
    ("when", "matches"),
    [
        ("customer.tier == 'gold'", False),
        ("customer.tier != 'gold'", True),
        ("customer.tier in ['gold']", False),
        ("customer.tier not in ['gold']", True),
        ("customer.tier is null", True),
    ],
)
def test_12_a_rule_over_a_missing_attribute(when: str, matches: bool) -> None:
    policy = scenario_policy([rule("tier", when, "VIP")])
    context = message_context(inbound(SUPPORT_LINE, MONDAY), customer={"language": "fi"})
    for use_index in (True, False):
        decision = route(policy, context, at=MONDAY, trace=TraceMode.FULL, use_index=use_index)
        assert decision.queue == ("VIP" if matches else "Support")
        assert RoutingReason.RULE_ERROR not in decision.reasons
    (entry,) = route(policy, context, at=MONDAY, trace="full").trace
    assert entry.status is (S.MATCHED if matches else S.NOT_MATCHED)
    (clause,) = entry.clauses
    assert clause.note == "attribute_missing"
    assert clause.actual is None


# -- 13. Type mismatch ------------------------------------------------------------------------

LTV_RULE = rule("big-spender", "customer.ltv > 1000", "VIP")


def test_13_with_declared_attributes_the_mismatch_is_refused_at_load() -> None:
    with pytest.raises(ValidationError) as caught:
        scenario_policy([LTV_RULE], attributes={"customer.ltv": "string"})
    assert caught.value.field == "rules[0].when"
    assert "declared string" in caught.value.reason


def test_13_with_the_attribute_declared_int_the_rule_loads() -> None:
    policy = scenario_policy([LTV_RULE], attributes={"customer.ltv": "int"})
    decision = route(policy, {"customer": {"ltv": 1500}}, at=MONDAY)
    assert decision.queue == "VIP"


def test_13_without_a_schema_the_mismatch_is_an_error_status_not_an_exception() -> None:
    policy = scenario_policy([LTV_RULE])
    context = message_context(inbound(SUPPORT_LINE, MONDAY), customer={"ltv": "1500"})
    decision = route(policy, context, at=MONDAY, trace="full")
    assert decision.queue == "Support"
    assert decision.reasons == (R.NUMBER_DEFAULT, R.RULE_ERROR)
    (entry,) = decision.trace
    assert entry.status is S.ERROR
    (clause,) = entry.clauses
    assert (clause.note, clause.actual, clause.result) == ("type_mismatch", "1500", None)


# -- 22. Overflow by length -------------------------------------------------------------------


def _limited() -> RoutingPolicy:
    return scenario_policy(
        [
            rule("support", "brand == 'Acme'", "Support"),
            rule("anyone", "brand is null", "Everyone"),
        ],
        queues={"Support": {"max_waiting": 2}, "Everyone": {"max_waiting": 0, "hours": "office"}},
    )


@pytest.mark.parametrize(("waiting", "queue"), [(0, "Support"), (1, "Support"), (2, "Everyone")])
def test_22_the_third_item_overflows_to_the_fallback(waiting: int, queue: str) -> None:
    decision = route(
        _limited(), {"brand": "Acme"}, at=MONDAY, waiting={"Support": waiting, "Sales": 99}
    )
    assert decision.queue == queue
    overflowed = queue == "Everyone"
    assert (R.OVERFLOW_WAITING in decision.reasons) is overflowed
    assert decision.steps == (PlannedStep("Support", 0, None),)


def test_22_an_item_routed_to_the_fallback_ignores_its_overflow_settings() -> None:
    saturday = helsinki(2026, 11, 28, 12, 0)  # Everyone's hours are closed, and it is full
    decision = route(_limited(), {}, at=saturday, waiting={"Everyone": 50})
    assert decision.queue == "Everyone"
    assert decision.reasons == (R.MATCHED_RULE,)


def test_22_an_overflow_chain_stops_at_the_fallback() -> None:
    policy = scenario_policy(
        [rule("support", "brand == 'Acme'", "Support")],
        queues={
            "Support": {"max_waiting": 1, "overflow": "Sales"},
            "Sales": {"hours": "office", "overflow": "Support"},  # a loop back
        },
    )
    saturday = helsinki(2026, 11, 28, 12, 0)
    decision = route(policy, {"brand": "Acme"}, at=saturday, waiting={"Support": 1})
    assert decision.queue == "Everyone"
    assert decision.reasons == (R.MATCHED_RULE, R.OVERFLOW_WAITING, R.OVERFLOW_CLOSED)


# -- 24. Percent split ------------------------------------------------------------------------

SPLIT = {
    "id": "sales-split",
    "when": f"business == '{SALES_LINE}'",
    "split": [
        {"percent": 70, "route": [{"queue": "Sales"}]},
        {"percent": 30, "route": [{"queue": "Partners"}]},
    ],
}


def _split_policy() -> RoutingPolicy:
    return scenario_policy([SPLIT], extra_queues=("Partners",))


def _customer(i: int) -> str:
    return f"+35850{i:07d}"


def test_24_the_bucket_is_a_stable_hash_of_the_business_and_customer() -> None:
    digest = hashlib.blake2b(f"{SALES_LINE}\x00{CUSTOMER}".encode(), digest_size=8).digest()
    assert split_bucket(SALES_LINE, CUSTOMER) == int.from_bytes(digest, "big") % 100
    # Pinned: the same pair gets the same bucket in every run and every version.
    assert [split_bucket(SALES_LINE, _customer(i)) for i in range(5)] == PINNED_BUCKETS


PINNED_BUCKETS = [7, 68, 53, 25, 71]


def test_24_the_queue_follows_the_bucket_and_a_replay_gives_the_same_queue() -> None:
    policy = _split_policy()
    for i in range(200):
        message = inbound(SALES_LINE, MONDAY, customer=_customer(i))
        first = route(policy, message_context(message), at=MONDAY)
        again = route(policy, message_context(message), at=MONDAY + timedelta(days=3))
        expected = "Sales" if split_bucket(SALES_LINE, _customer(i)) < 70 else "Partners"
        assert first.queue == again.queue == expected
        assert first.reasons == (R.MATCHED_RULE, R.SPLIT)


def test_24_about_seventy_percent_go_to_sales() -> None:
    policy = _split_policy()
    counts = Counter(
        route(
            policy, {"business": SALES_LINE, "customer": {"phone": _customer(i)}}, at=MONDAY
        ).queue
        for i in range(2000)
    )
    assert 0.65 < counts["Sales"] / 2000 < 0.75
    assert counts["Sales"] + counts["Partners"] == 2000


def test_24_a_customer_known_by_user_id_only_is_split_by_it() -> None:
    policy = _split_policy()
    user = "FI.1234567890"
    decision = route(policy, {"business": SALES_LINE, "customer": {"user_id": user}}, at=MONDAY)
    assert decision.queue == ("Sales" if split_bucket(SALES_LINE, user) < 70 else "Partners")


# -- 25. Skill relaxation ---------------------------------------------------------------------

FINNISH = {
    "id": "finnish",
    "when": "customer.language == 'fi'",
    "set": {"language": "fi", "skills": ["fi"]},
}
RELAX = {
    "id": "finnish-support",
    "when": "language == 'fi'",
    "route": [{"queue": "Support", "wait": "60s"}, {"queue": "Support", "skills": {}}],
}


def _agents() -> tuple[AgentSnapshot, ...]:
    def agent(agent_id: str, skills: dict[str, int]) -> AgentSnapshot:
        return AgentSnapshot(
            id=agent_id,
            presence="online",
            queues={"Support"},
            skills=skills,
            channels={"whatsapp": ChannelLoad(2, 0)},
        )

    return (agent("aino", {"fi": 2}), agent("erik", {"sv": 3}), agent("kim", {}))


def test_25_at_first_only_finnish_speakers_are_candidates_then_everyone_in_support() -> None:
    policy = scenario_policy([RELAX], classify=[FINNISH])
    context = message_context(inbound(SUPPORT_LINE, MONDAY), customer={"language": "fi"})
    ranked = []
    for at in (MONDAY, MONDAY + timedelta(seconds=61)):
        decision = route(policy, context, at=at, since=MONDAY)
        assert decision.queue == "Support"
        item = work_item(policy, decision, context, item_id="c1", at=at)
        result = assign(item, "Support", Strategy.SEQUENTIAL, _agents(), at=at)
        ranked.append((dict(decision.skills), set(result.ranking)))
    assert ranked == [({"fi": 1}, {"aino"}), ({}, {"aino", "erik", "kim"})]


def test_25_the_classification_is_in_the_reasons_and_the_trace() -> None:
    policy = scenario_policy([RELAX], classify=[FINNISH])
    decision = route(policy, {"customer": {"language": "fi"}}, at=MONDAY)
    assert decision.reasons == (R.CLASSIFIED, R.MATCHED_RULE)
    assert decision.language == "fi"
    assert [(e.stage, e.rule, e.status) for e in decision.trace] == [
        ("classify", "finnish", S.MATCHED),
        ("route", "finnish-support", S.MATCHED),
    ]


# -- 28. Trace on error -----------------------------------------------------------------------


def test_28_contains_on_a_declared_int_is_a_load_error_naming_the_rule() -> None:
    rules = [
        rule("ok", "brand == 'Acme'", "Sales"),
        rule("bad", "customer.ltv contains '1'", "VIP"),
    ]
    with pytest.raises(ValidationError) as caught:
        scenario_policy(rules, attributes={"customer.ltv": "int"})
    assert caught.value.field == "rules[1].when"


def test_28_an_unexpected_value_type_is_an_error_and_the_next_rule_still_runs() -> None:
    policy = scenario_policy(
        [
            rule("ltv", "customer.ltv contains '1'", "VIP"),
            rule("tier", "customer.tier == 'gold'", "Sales"),
            rule("acme", "brand == 'Acme'", "Support"),
            rule("later", "brand is not null", "Everyone"),
        ]
    )
    context = message_context(
        inbound(SUPPORT_LINE, MONDAY), brand="Acme", customer={"ltv": 1500, "tier": ["gold"]}
    )
    for use_index in (True, False):
        decision = route(policy, context, at=MONDAY, use_index=use_index)
        assert decision.queue == "Support"
        assert decision.rule == "acme"
        assert decision.reasons == (R.MATCHED_RULE, R.RULE_ERROR)
        assert statuses(decision) == [
            ("ltv", S.ERROR),
            ("tier", S.ERROR),
            ("acme", S.MATCHED),
            ("later", S.NOT_PROCESSED),
        ]


# -- the arguments ----------------------------------------------------------------------------


def test_deadlines_stay_aware_whatever_kind_of_aware_time_is_given() -> None:
    policy = scenario_policy([VIP_LADDER])
    for at in (
        MONDAY,
        MONDAY.astimezone(timezone.utc),
        datetime.fromisoformat(MONDAY.isoformat()),
    ):
        decision = route(policy, _vip_context(), at=at)
        deadline = decision.steps[0].deadline
        assert deadline is not None
        assert deadline.utcoffset() == timedelta(0)
        assert deadline == MONDAY + timedelta(seconds=300)


@pytest.mark.parametrize(
    ("options", "field"),
    [
        ({"at": datetime(2026, 11, 2, 10)}, "at"),
        ({"since": datetime(2026, 11, 2, 10)}, "since"),
        ({"trace": "verbose"}, "trace"),
        ({"waiting": {"Support": "2"}}, "waiting.Support"),
        ({"waiting": [("Support", 2)]}, "waiting"),
        ({"use_index": 1}, "use_index"),
    ],
)
def test_bad_arguments_are_validation_errors(options: dict[str, Any], field: str) -> None:
    policy = scenario_policy(queues={"Support": {"max_waiting": 2}})
    arguments: dict[str, Any] = {"at": MONDAY, **options}
    with pytest.raises(ValidationError) as caught:
        route(policy, {"business": SUPPORT_LINE}, **arguments)
    assert caught.value.field == field


def test_a_context_must_be_a_mapping() -> None:
    with pytest.raises(ValidationError):
        route(scenario_policy(), [("business", SALES_LINE)], at=MONDAY)  # type: ignore[arg-type]
