"""assign(): each strategy's order, each exclusion, the steps and their reasons."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta, timezone

import pytest

from wamsg.errors import ValidationError
from wamsg.routing import (
    AgentChange,
    Assignment,
    AssignReason,
    Exclusion,
    SkillMatch,
    Strategy,
    WorkItem,
    assign,
)
from wamsg.routing.agents import AgentSnapshot, ChannelLoad

UTC = timezone.utc
AT = datetime(2026, 11, 2, 12, tzinfo=UTC)
ITEM = WorkItem(id="wamid.1")


def minutes_ago(minutes: int) -> datetime:
    return AT - timedelta(minutes=minutes)


def agent(
    agent_id: str,
    *,
    presence: str = "online",
    queues: tuple[str, ...] = ("support",),
    channels: Mapping[str, ChannelLoad] | None = None,
    capacity: int = 3,
    load: int = 0,
    skills: Mapping[str, int] | None = None,
    last: int | None = None,
    idle: int | None = None,
    declines: Mapping[str, int] | None = None,
) -> AgentSnapshot:
    """An agent; ``last`` and ``idle`` in minutes before AT."""
    return AgentSnapshot(
        id=agent_id,
        presence=presence,
        queues=queues,
        channels={"whatsapp": ChannelLoad(capacity, load)} if channels is None else channels,
        skills=skills or {},
        last_assigned_at=None if last is None else minutes_ago(last),
        idle_since=None if idle is None else minutes_ago(idle),
        declines=declines or {},
    )


def ranked(strategy: Strategy, *agents: AgentSnapshot, item: WorkItem = ITEM) -> tuple[str, ...]:
    return assign(item, "support", strategy, agents, at=AT).ranking


# -- strategies --------------------------------------------------------------------------


def test_longest_idle_puts_the_earliest_idle_since_first_and_busy_agents_last() -> None:
    agents = (agent("busy", idle=None, last=90), agent("short", idle=5), agent("long", idle=50))
    assert ranked(Strategy.LONGEST_IDLE, *agents) == ("long", "short", "busy")


def test_longest_idle_breaks_equal_idle_times_by_round_robin_then_id() -> None:
    agents = (agent("b", idle=10, last=20), agent("a", idle=10, last=20), agent("c", idle=10))
    assert ranked(Strategy.LONGEST_IDLE, *agents) == ("c", "a", "b")


def test_round_robin_puts_never_assigned_agents_first_then_the_oldest_assignment() -> None:
    agents = (agent("recent", last=1), agent("never"), agent("old", last=60))
    assert ranked(Strategy.ROUND_ROBIN, *agents) == ("never", "old", "recent")


def test_round_robin_breaks_ties_by_agent_id() -> None:
    agents = (agent("b", last=5), agent("c", last=5), agent("a", last=5))
    assert ranked(Strategy.ROUND_ROBIN, *agents) == ("a", "b", "c")


def test_highest_spare_capacity_puts_the_most_spare_first_ties_by_round_robin() -> None:
    agents = (
        agent("one", capacity=3, load=2),
        agent("three_recent", capacity=5, load=2, last=1),
        agent("three_old", capacity=3, load=0, last=30),
    )
    assert ranked(Strategy.HIGHEST_SPARE_CAPACITY, *agents) == ("three_old", "three_recent", "one")


def test_least_busy_puts_the_lowest_load_first_ties_by_round_robin() -> None:
    agents = (
        agent("two", capacity=9, load=2),
        agent("zero_recent", load=0, last=1),
        agent("zero_old", load=0, last=10),
    )
    assert ranked(Strategy.LEAST_BUSY, *agents) == ("zero_old", "zero_recent", "two")


def test_load_and_spare_are_read_on_the_items_channel() -> None:
    both = {"whatsapp": ChannelLoad(9, 0), "voice": ChannelLoad(1, 0)}
    agents = (agent("wide_chat", channels=both), agent("plain", capacity=2))
    voice = WorkItem(id="v1", channel="voice")
    assert ranked(Strategy.HIGHEST_SPARE_CAPACITY, *agents) == ("wide_chat", "plain")
    assert ranked(Strategy.HIGHEST_SPARE_CAPACITY, *agents, item=voice) == ("wide_chat",)


def test_sequential_keeps_the_snapshots_order() -> None:
    agents = (agent("z", last=1), agent("a"), agent("m", last=99))
    assert ranked(Strategy.SEQUENTIAL, *agents) == ("z", "a", "m")


def test_most_proficient_sums_the_required_skills_ties_by_round_robin() -> None:
    item = WorkItem(id="w", skills={"sv": 1, "fi": 1})
    agents = (
        agent("five", skills={"sv": 3, "fi": 2, "en": 9}),
        agent("six_recent", skills={"sv": 5, "fi": 1}, last=1),
        agent("six_old", skills={"sv": 3, "fi": 3}, last=20),
    )
    assert ranked(Strategy.MOST_PROFICIENT, *agents, item=item) == (
        "six_old",
        "six_recent",
        "five",
    )


def test_most_proficient_without_required_skills_is_round_robin() -> None:
    agents = (agent("b", skills={"sv": 9}, last=1), agent("a", last=5))
    assert ranked(Strategy.MOST_PROFICIENT, *agents) == ("a", "b")


def test_strategy_may_be_given_by_its_value() -> None:
    agents = (agent("recent", last=1), agent("old", last=60))
    result = assign(ITEM, "support", "round_robin", agents, at=AT)  # type: ignore[arg-type]
    assert result.strategy is Strategy.ROUND_ROBIN
    assert result.agent == "old"


def test_strategy_chooses_the_first_of_the_ranking() -> None:
    agents = (agent("recent", last=1), agent("old", last=60))
    result = assign(ITEM, "support", Strategy.ROUND_ROBIN, agents, at=AT)
    assert result.reasons == (AssignReason.STRATEGY,)
    assert result.agent == result.ranking[0] == "old"


# -- skill match -------------------------------------------------------------------------


def test_exact_match_needs_every_required_skill_at_the_level_and_a_missing_skill_is_zero() -> None:
    item = WorkItem(id="w", skills={"sv": 2, "fi": 1})
    agents = (agent("both", skills={"sv": 2, "fi": 1}), agent("no_fi", skills={"sv": 5}))
    result = assign(item, "support", Strategy.ROUND_ROBIN, agents, at=AT)
    assert result.ranking == ("both",)
    assert result.exclusion("no_fi") is Exclusion.SKILLS


def test_closest_match_orders_exact_then_over_then_under_qualified() -> None:
    item = WorkItem(id="w", skills={"sv": 3}, skill_match=SkillMatch.CLOSEST)
    agents = (
        agent("under", skills={"sv": 2}),
        agent("far_over", skills={"sv": 5}),
        agent("over", skills={"sv": 4}),
        agent("exact", skills={"sv": 3}),
        agent("none"),
    )
    assert ranked(Strategy.LEAST_BUSY, *agents, item=item) == (
        "exact",
        "over",
        "far_over",
        "under",
        "none",
    )


def test_closest_match_orders_by_closeness_not_by_the_strategy() -> None:
    item = WorkItem(id="w", skills={"sv": 3}, skill_match="closest")
    agents = (agent("roomy_over", skills={"sv": 4}, capacity=9), agent("exact", skills={"sv": 3}))
    assert ranked(Strategy.HIGHEST_SPARE_CAPACITY, *agents, item=item) == ("exact", "roomy_over")


def test_closest_match_without_required_skills_follows_the_strategy() -> None:
    item = WorkItem(id="w", skill_match=SkillMatch.CLOSEST)
    agents = (agent("small", capacity=1), agent("big", capacity=9))
    assert ranked(Strategy.HIGHEST_SPARE_CAPACITY, *agents, item=item) == ("big", "small")


# -- exclusions --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("snapshot", "reason"),
    [
        (agent("x", presence="offline"), Exclusion.OFFLINE),
        (agent("x", presence="away"), Exclusion.AWAY),
        (agent("x", queues=("sales",)), Exclusion.NOT_IN_QUEUE),
        (agent("x", channels={"voice": ChannelLoad(1, 0)}), Exclusion.NO_CHANNEL),
        (agent("x", declines={"wamid.1": 3}), Exclusion.DECLINED),
        (agent("x", capacity=2, load=2), Exclusion.CAPACITY),
        (agent("x", capacity=0), Exclusion.CAPACITY),
        (agent("x", capacity=2, load=5), Exclusion.CAPACITY),
    ],
)
def test_each_exclusion_names_the_first_check_that_fails(
    snapshot: AgentSnapshot, reason: Exclusion
) -> None:
    result = assign(ITEM, "support", Strategy.ROUND_ROBIN, (snapshot,), at=AT)
    assert result.excluded == (("x", reason),)
    assert result.ranking == ()


def test_the_presence_check_comes_before_the_others() -> None:
    snapshot = agent("x", presence="offline", queues=("sales",), capacity=0)
    assert assign(ITEM, "support", Strategy.ROUND_ROBIN, (snapshot,), at=AT).excluded == (
        ("x", Exclusion.OFFLINE),
    )


def test_capacity_is_checked_last_after_skills_and_the_filter() -> None:
    item = WorkItem(id="w", skills={"sv": 1}, agent_filter=lambda a: False)
    full_unskilled = agent("x", capacity=1, load=1)
    result = assign(item, "support", Strategy.ROUND_ROBIN, (full_unskilled,), at=AT)
    assert result.exclusion("x") is Exclusion.SKILLS
    result = assign(
        WorkItem(id="w", agent_filter=lambda a: False),
        "support",
        Strategy.ROUND_ROBIN,
        (full_unskilled,),
        at=AT,
    )
    assert result.exclusion("x") is Exclusion.FILTER


def test_the_decline_limit_is_the_items() -> None:
    declined_twice = agent("x", declines={"w": 2})
    strict = WorkItem(id="w", decline_limit=2)
    assert (
        assign(strict, "support", Strategy.ROUND_ROBIN, (declined_twice,), at=AT).exclusion("x")
        is Exclusion.DECLINED
    )
    lenient = WorkItem(id="w", decline_limit=5)
    assert assign(lenient, "support", Strategy.ROUND_ROBIN, (declined_twice,), at=AT).agent == "x"


def test_the_cost_of_an_item_needs_that_much_spare_capacity() -> None:
    agents = (agent("one_spare", capacity=3, load=2), agent("two_spare", capacity=3, load=1))
    result = assign(WorkItem(id="w", cost=2), "support", Strategy.ROUND_ROBIN, agents, at=AT)
    assert result.agent == "two_spare"
    assert result.exclusion("one_spare") is Exclusion.CAPACITY
    assert result.change is not None
    assert result.change.load == 3


@pytest.mark.parametrize(
    ("answer", "reason"),
    [(False, Exclusion.FILTER), (None, Exclusion.FILTER_ERROR), (1, Exclusion.FILTER_ERROR)],
)
def test_the_agent_filter_excludes_on_false_and_on_an_error(
    answer: object, reason: Exclusion
) -> None:
    item = WorkItem(id="w", agent_filter=lambda a: answer)  # type: ignore[arg-type,return-value]
    result = assign(item, "support", Strategy.ROUND_ROBIN, (agent("x"),), at=AT)
    assert result.excluded == (("x", reason),)
    assert result.reason is AssignReason.NO_ELIGIBLE_AGENT


def test_the_agent_filter_reads_the_agent() -> None:
    def north(snapshot: AgentSnapshot) -> bool | None:
        return snapshot.view()["attributes"] == {"team": "north"}

    agents = (
        AgentSnapshot(
            id="n",
            presence="online",
            queues={"support"},
            channels={"whatsapp": ChannelLoad(1)},
            attributes={"team": "north"},
        ),
        agent("s"),
    )
    item = WorkItem(id="w", agent_filter=north)
    result = assign(item, "support", Strategy.SEQUENTIAL, agents, at=AT)
    assert result.ranking == ("n",)
    assert result.exclusion("s") is Exclusion.FILTER


def test_an_exception_of_the_agent_filter_is_the_callers_and_passes_through() -> None:
    def broken(_snapshot: AgentSnapshot) -> bool | None:
        raise LookupError("the caller's bug")

    with pytest.raises(LookupError):
        assign(
            WorkItem(id="w", agent_filter=broken),
            "support",
            Strategy.SEQUENTIAL,
            (agent("x"),),
            at=AT,
        )


def test_ranking_and_excluded_cover_every_agent_once_in_snapshot_order() -> None:
    agents = (agent("a", presence="away"), agent("b"), agent("c", queues=()), agent("d", last=1))
    result = assign(ITEM, "support", Strategy.ROUND_ROBIN, agents, at=AT)
    assert result.ranking == ("b", "d")
    assert result.excluded == (("a", Exclusion.AWAY), ("c", Exclusion.NOT_IN_QUEUE))


def test_no_agent_is_no_eligible_agent_when_some_are_excluded_for_other_reasons_only() -> None:
    agents = (agent("a", presence="offline"), agent("b", queues=("sales",)))
    result = assign(ITEM, "support", Strategy.ROUND_ROBIN, agents, at=AT)
    assert result.reasons == (AssignReason.NO_ELIGIBLE_AGENT,)
    assert not result.assigned
    assert "stays queued" in result.message


def test_an_empty_snapshot_assigns_nobody() -> None:
    result = assign(ITEM, "support", Strategy.ROUND_ROBIN, (), at=AT)
    assert result.reasons == (AssignReason.NO_ELIGIBLE_AGENT,)
    assert result.ranking == ()
    assert result.excluded == ()


# -- last and preferred agents -----------------------------------------------------------


def test_the_last_agent_comes_before_the_preferred_agents() -> None:
    item = WorkItem(id="w", last_agent="last", preferred=("pref",))
    agents = (agent("pref"), agent("last", last=1))
    assert assign(item, "support", Strategy.ROUND_ROBIN, agents, at=AT).agent == "last"


def test_an_unknown_last_agent_is_skipped() -> None:
    item = WorkItem(id="w", last_agent="gone")
    result = assign(item, "support", Strategy.ROUND_ROBIN, (agent("x"),), at=AT)
    assert result.reasons == (AssignReason.LAST_AGENT_UNAVAILABLE, AssignReason.STRATEGY)
    assert result.agent == "x"


def test_a_last_agent_at_capacity_is_skipped_unless_capacity_is_bypassed() -> None:
    agents = (agent("last", capacity=1, load=1), agent("other"))
    plain = WorkItem(id="w", last_agent="last")
    assert assign(plain, "support", Strategy.ROUND_ROBIN, agents, at=AT).agent == "other"
    bypass = WorkItem(id="w", last_agent="last", bypass_capacity=True)
    result = assign(bypass, "support", Strategy.ROUND_ROBIN, agents, at=AT)
    assert result.agent == "last"
    assert result.reasons == (AssignReason.KNOWN_AGENT,)


def test_bypass_skills_lets_a_preferred_agent_without_the_skills_take_the_item() -> None:
    agents = (agent("pref"), agent("skilled", skills={"sv": 3}))
    plain = WorkItem(id="w", skills={"sv": 3}, preferred=("pref",))
    result = assign(plain, "support", Strategy.ROUND_ROBIN, agents, at=AT)
    assert result.agent == "skilled"
    assert result.reasons == (AssignReason.PREFERRED_UNAVAILABLE, AssignReason.STRATEGY)
    bypass = WorkItem(id="w", skills={"sv": 3}, preferred=("pref",), bypass_skills=True)
    result = assign(bypass, "support", Strategy.ROUND_ROBIN, agents, at=AT)
    assert result.agent == "pref"
    assert result.exclusion("pref") is Exclusion.SKILLS


def test_bypass_skills_still_needs_capacity_and_the_filter() -> None:
    agents = (agent("pref", capacity=1, load=1), agent("skilled", skills={"sv": 3}))
    item = WorkItem(id="w", skills={"sv": 3}, preferred=("pref",), bypass_skills=True)
    assert assign(item, "support", Strategy.ROUND_ROBIN, agents, at=AT).agent == "skilled"
    both = WorkItem(
        id="w", skills={"sv": 3}, preferred=("pref",), bypass_skills=True, bypass_capacity=True
    )
    assert assign(both, "support", Strategy.ROUND_ROBIN, agents, at=AT).agent == "pref"
    refused = WorkItem(
        id="w",
        skills={"sv": 3},
        preferred=("pref",),
        bypass_skills=True,
        bypass_capacity=True,
        agent_filter=lambda a: a.id != "pref",
    )
    assert assign(refused, "support", Strategy.ROUND_ROBIN, agents, at=AT).agent == "skilled"


def test_the_bypass_flags_never_waive_presence_queue_channel_or_declines() -> None:
    item = WorkItem(
        id="w",
        preferred=("away", "sales", "voice", "declined"),
        bypass_capacity=True,
        bypass_skills=True,
    )
    agents = (
        agent("away", presence="away"),
        agent("sales", queues=("sales",)),
        agent("voice", channels={"voice": ChannelLoad(1, 0)}),
        agent("declined", declines={"w": 3}),
    )
    result = assign(item, "support", Strategy.ROUND_ROBIN, agents, at=AT)
    assert result.agent is None
    assert result.reasons == (AssignReason.PREFERRED_UNAVAILABLE, AssignReason.NO_ELIGIBLE_AGENT)


def test_the_strategy_step_never_bypasses_capacity() -> None:
    item = WorkItem(id="w", bypass_capacity=True)
    result = assign(item, "support", Strategy.ROUND_ROBIN, (agent("x", load=3),), at=AT)
    assert result.reason is AssignReason.ALL_CANDIDATES_AT_CAPACITY


# -- the change --------------------------------------------------------------------------


def test_the_change_sets_load_last_assignment_and_ends_idleness() -> None:
    agents = (agent("x", capacity=3, load=1, idle=5, last=30),)
    result = assign(ITEM, "support", Strategy.ROUND_ROBIN, agents, at=AT)
    assert result.change == AgentChange(
        agent="x", channel="whatsapp", load=2, cost=1, last_assigned_at=AT
    )
    (after,) = result.change.apply(agents)
    assert after.channels["whatsapp"] == ChannelLoad(3, 2)
    assert after.last_assigned_at == AT
    assert after.idle_since is None
    assert agents[0].channels["whatsapp"] == ChannelLoad(3, 1)  # the snapshot is unchanged


def test_applying_a_change_twice_gives_the_same_snapshot() -> None:
    agents = (agent("x"), agent("y"))
    change = assign(ITEM, "support", Strategy.SEQUENTIAL, agents, at=AT).change
    assert change is not None
    once = change.apply(agents)
    assert change.apply(once) == once
    assert once[1] is agents[1]


def test_applying_a_change_needs_the_agent_and_its_channel() -> None:
    change = AgentChange(agent="x", channel="whatsapp", load=1, cost=1, last_assigned_at=AT)
    with pytest.raises(ValidationError) as missing:
        change.apply((agent("y"),))
    assert missing.value.field == "agents"
    with pytest.raises(ValidationError) as no_channel:
        change.apply((agent("x", channels={}),))
    assert no_channel.value.field == "agents[0].channels"
    with pytest.raises(ValidationError) as not_agents:
        change.apply(["x"])  # type: ignore[list-item]
    assert not_agents.value.field == "agents[0]"


def test_a_load_pushed_beyond_the_largest_capacity_stops_there() -> None:
    big = 10**9
    agents = (agent("x", capacity=big, load=big),)
    item = WorkItem(id="w", last_agent="x", bypass_capacity=True, cost=big)
    result = assign(item, "support", Strategy.ROUND_ROBIN, agents, at=AT)
    assert result.change is not None
    assert result.change.load == big


# -- the answer's JSON form --------------------------------------------------------------


def test_the_assignment_writes_its_json_form() -> None:
    agents = (agent("a", presence="offline"), agent("b"))
    item = WorkItem(id="w", last_agent="a")
    result = assign(item, "support", Strategy.ROUND_ROBIN, agents, at=AT)
    assert result.to_dict() == {
        "agent": "b",
        "reasons": ["last_agent_unavailable", "strategy"],
        "strategy": "round_robin",
        "message": "Assigned to b: the queue's strategy.",
        "ranking": ["b"],
        "excluded": {"a": "offline"},
        "change": {
            "agent": "b",
            "channel": "whatsapp",
            "load": 1,
            "cost": 1,
            "last_assigned_at": "2026-11-02T12:00:00Z",
            "idle_since": None,
        },
    }


def test_an_assignment_is_built_only_with_consistent_parts() -> None:
    change = AgentChange(agent="x", channel="whatsapp", load=1, cost=1, last_assigned_at=AT)
    built = Assignment(
        agent="x",
        reasons=["strategy"],
        strategy="round_robin",
        ranking=["x"],
        excluded=[("y", "away")],
        change=change,
    )
    assert built.excluded == (("y", Exclusion.AWAY),)
    assert built.reason is AssignReason.STRATEGY
    with pytest.raises(ValidationError, match="change"):
        Assignment(agent="x", reasons=(AssignReason.STRATEGY,), strategy=Strategy.ROUND_ROBIN)
    with pytest.raises(ValidationError, match="reasons"):
        Assignment(agent=None, reasons=(), strategy=Strategy.ROUND_ROBIN)
    with pytest.raises(ValidationError, match="excluded"):
        Assignment(
            agent=None,
            reasons=(AssignReason.NO_ELIGIBLE_AGENT,),
            strategy=Strategy.ROUND_ROBIN,
            excluded=(("y",),),  # type: ignore[arg-type]
        )
    with pytest.raises(ValidationError, match="ranking"):
        Assignment(
            agent=None,
            reasons=(AssignReason.NO_ELIGIBLE_AGENT,),
            strategy=Strategy.ROUND_ROBIN,
            ranking=("",),
        )


def test_an_assignment_refuses_parts_that_are_not_collections() -> None:
    reasons = (AssignReason.NO_ELIGIBLE_AGENT,)
    with pytest.raises(ValidationError) as error:
        Assignment(agent=None, reasons=reasons, strategy=Strategy.ROUND_ROBIN, ranking=3)  # type: ignore[arg-type]
    assert error.value.field == "ranking"
    with pytest.raises(ValidationError) as error:
        Assignment(agent=None, reasons=reasons, strategy=Strategy.ROUND_ROBIN, excluded=3)  # type: ignore[arg-type]
    assert error.value.field == "excluded"


def test_exclusion_is_none_for_an_eligible_or_unknown_agent() -> None:
    result = assign(ITEM, "support", Strategy.ROUND_ROBIN, (agent("x"),), at=AT)
    assert result.exclusion("x") is None
    assert result.exclusion("nobody") is None


def test_applying_a_change_needs_a_sequence_of_agents() -> None:
    change = AgentChange(agent="x", channel="whatsapp", load=1, cost=1, last_assigned_at=AT)
    with pytest.raises(ValidationError) as error:
        change.apply(agent("x"))  # type: ignore[arg-type]
    assert error.value.field == "agents"


def test_an_assignments_change_is_the_chosen_agents() -> None:
    change = AgentChange(agent="y", channel="whatsapp", load=1, cost=1, last_assigned_at=AT)
    with pytest.raises(ValidationError) as error:
        Assignment(
            agent="x",
            reasons=(AssignReason.STRATEGY,),
            strategy=Strategy.ROUND_ROBIN,
            change=change,
        )
    assert error.value.field == "change"


def test_an_assignment_without_an_agent_has_no_change() -> None:
    built = Assignment(agent=None, reasons=("no_eligible_agent",), strategy="sequential")
    assert built.reason is AssignReason.NO_ELIGIBLE_AGENT
    assert built.to_dict()["change"] is None
