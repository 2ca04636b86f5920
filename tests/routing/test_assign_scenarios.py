"""Routing.md §11, scenarios 15–21 and 23: assignment, exactly as the scenarios say.

Times are Helsinki wall-clock times on Monday 2026-11-02 (the scenarios' setup).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

import pendulum

from wamsg.routing import (
    AssignReason,
    Exclusion,
    SkillMatch,
    Strategy,
    WorkItem,
    assign,
)
from wamsg.routing.agents import AgentSnapshot, ChannelLoad, Presence

AT = pendulum.datetime(2026, 11, 2, 10, 40, tz="Europe/Helsinki")


def helsinki(hour: int, minute: int) -> datetime:
    return pendulum.datetime(2026, 11, 2, hour, minute, tz="Europe/Helsinki")


def agent(
    agent_id: str,
    *,
    presence: str = "online",
    queue: str = "Support",
    capacity: int = 2,
    load: int = 0,
    skills: Mapping[str, int] | None = None,
    last_assigned_at: datetime | None = None,
    declines: Mapping[str, int] | None = None,
) -> AgentSnapshot:
    return AgentSnapshot(
        id=agent_id,
        presence=presence,
        queues={queue},
        skills=skills or {},
        channels={"whatsapp": ChannelLoad(capacity, load)},
        last_assigned_at=last_assigned_at,
        declines=declines or {},
    )


# -- 15. Last agent ----------------------------------------------------------------------


def test_15_the_last_agent_online_with_capacity_gets_the_conversation() -> None:
    agents = (agent("a1", last_assigned_at=helsinki(9, 0)), agent("a7"))
    result = assign(
        WorkItem(id="c1", last_agent="a7"), "Support", Strategy.ROUND_ROBIN, agents, at=AT
    )
    assert result.agent == "a7"
    assert result.reasons == (AssignReason.KNOWN_AGENT,)


def test_15_an_offline_last_agent_is_skipped_at_once_and_the_strategy_picks_another() -> None:
    agents = (agent("a7", presence="offline"), agent("a1"), agent("a2"))
    result = assign(
        WorkItem(id="c1", last_agent="a7"), "Support", Strategy.ROUND_ROBIN, agents, at=AT
    )
    assert result.agent == "a1"
    assert result.reasons == (AssignReason.LAST_AGENT_UNAVAILABLE, AssignReason.STRATEGY)
    assert result.exclusion("a7") is Exclusion.OFFLINE
    assert result.change is not None
    assert result.change.agent == "a1"  # the conversation is not left on a7 (Chatwoot #4158)


# -- 16. Preferred agents ----------------------------------------------------------------


def _scenario_16() -> tuple[AgentSnapshot, ...]:
    return (
        agent("a1", presence="offline"),
        agent("a2", capacity=2, load=2),
        agent("a3"),
        agent("a4", last_assigned_at=None),
    )


def test_16_with_bypass_capacity_the_preferred_agent_at_full_capacity_gets_it() -> None:
    item = WorkItem(id="c1", preferred=("a1", "a2", "a3"), bypass_capacity=True)
    result = assign(item, "Support", Strategy.ROUND_ROBIN, _scenario_16(), at=AT)
    assert result.agent == "a2"
    assert result.reasons == (AssignReason.PREFERRED_AGENT,)
    assert result.change is not None
    assert result.change.load == 3  # over capacity, as D365 allows for preferred agents
    assert result.exclusion("a2") is Exclusion.CAPACITY  # the ordinary rules, overridden


def test_16_without_bypass_capacity_the_next_preferred_agent_gets_it() -> None:
    item = WorkItem(id="c1", preferred=("a1", "a2", "a3"))
    result = assign(item, "Support", Strategy.ROUND_ROBIN, _scenario_16(), at=AT)
    assert result.agent == "a3"
    assert result.reasons == (AssignReason.PREFERRED_AGENT,)


# -- 17. Round robin (the D365 example) --------------------------------------------------


def _scenario_17() -> tuple[AgentSnapshot, ...]:
    return (
        agent("Alan", last_assigned_at=helsinki(10, 37)),
        agent("Alicia", last_assigned_at=helsinki(10, 35)),
        agent("Lesa", last_assigned_at=helsinki(10, 30)),
    )


def test_17_round_robin_gives_the_10_40_item_to_lesa_and_the_10_45_item_to_alicia() -> None:
    agents = _scenario_17()
    first = assign(WorkItem(id="i1040"), "Support", Strategy.ROUND_ROBIN, agents, at=AT)
    assert first.agent == "Lesa"
    assert first.ranking == ("Lesa", "Alicia", "Alan")
    assert first.change is not None
    agents = first.change.apply(agents)
    second = assign(
        WorkItem(id="i1045"), "Support", Strategy.ROUND_ROBIN, agents, at=helsinki(10, 45)
    )
    assert second.agent == "Alicia"
    assert second.ranking == ("Alicia", "Alan", "Lesa")


def test_17_highest_capacity_with_equal_capacity_falls_back_to_round_robin() -> None:
    agents = _scenario_17()
    first = assign(WorkItem(id="i1040"), "Support", Strategy.HIGHEST_SPARE_CAPACITY, agents, at=AT)
    assert first.agent == "Lesa"
    assert first.change is not None
    agents = first.change.apply(agents)
    second = assign(
        WorkItem(id="i1045"),
        "Support",
        Strategy.HIGHEST_SPARE_CAPACITY,
        agents,
        at=helsinki(10, 45),
    )
    assert second.agent == "Alicia"


# -- 18. Highest capacity vs proficiency (the D365 table) --------------------------------

REQUIRED_18 = {"cafe_a100": 2, "spanish": 3}


def _scenario_18() -> tuple[AgentSnapshot, ...]:
    return (
        agent("Carlos", capacity=100, skills={"cafe_a100": 2, "spanish": 3}),
        agent("Eric", capacity=200, skills={"cafe_a100": 3, "spanish": 4}),
    )


def test_18_highest_spare_capacity_picks_eric() -> None:
    item = WorkItem(id="w1", skills=REQUIRED_18)
    result = assign(item, "Support", Strategy.HIGHEST_SPARE_CAPACITY, _scenario_18(), at=AT)
    assert result.agent == "Eric"


def test_18_nearest_proficiency_picks_carlos() -> None:
    item = WorkItem(id="w1", skills=REQUIRED_18, skill_match=SkillMatch.CLOSEST)
    result = assign(item, "Support", Strategy.HIGHEST_SPARE_CAPACITY, _scenario_18(), at=AT)
    assert result.agent == "Carlos"


def test_18_most_proficient_picks_eric() -> None:
    item = WorkItem(id="w1", skills=REQUIRED_18)
    result = assign(item, "Support", Strategy.MOST_PROFICIENT, _scenario_18(), at=AT)
    assert result.agent == "Eric"


# -- 19. Closest match --------------------------------------------------------------------

REQUIRED_19 = {"cafe_a100": 2, "coffee_machine": 3, "spanish": 3}


def _scenario_19(carlos_load: int = 0) -> tuple[AgentSnapshot, ...]:
    def skills(cafe: int, coffee: int, spanish: int) -> dict[str, int]:
        return {"cafe_a100": cafe, "coffee_machine": coffee, "spanish": spanish}

    return (
        agent("Jamie", skills=skills(1, 2, 1)),
        agent("Eric", skills=skills(5, 4, 1)),
        agent("Carlos", skills=skills(2, 3, 3), capacity=2, load=carlos_load),
    )


def test_19_nearest_proficiency_ranks_carlos_then_eric_then_jamie() -> None:
    item = WorkItem(id="w1", skills=REQUIRED_19, skill_match=SkillMatch.CLOSEST)
    result = assign(item, "Support", Strategy.ROUND_ROBIN, _scenario_19(), at=AT)
    assert result.ranking == ("Carlos", "Eric", "Jamie")
    assert result.agent == "Carlos"


def test_19_exact_match_leaves_only_carlos_eligible() -> None:
    item = WorkItem(id="w1", skills=REQUIRED_19)
    result = assign(item, "Support", Strategy.ROUND_ROBIN, _scenario_19(), at=AT)
    assert result.ranking == ("Carlos",)
    assert result.excluded == (("Jamie", Exclusion.SKILLS), ("Eric", Exclusion.SKILLS))


def test_19_carlos_at_capacity_exact_match_assigns_nobody_and_the_item_stays_queued() -> None:
    item = WorkItem(id="w1", skills=REQUIRED_19)
    result = assign(item, "Support", Strategy.ROUND_ROBIN, _scenario_19(carlos_load=2), at=AT)
    assert result.agent is None
    assert result.change is None
    assert result.exclusion("Carlos") is Exclusion.CAPACITY
    # Carlos, the one agent otherwise eligible, is excluded only for capacity.
    assert result.reason is AssignReason.ALL_CANDIDATES_AT_CAPACITY


def test_19_carlos_at_capacity_closest_match_gives_it_to_eric() -> None:
    item = WorkItem(id="w1", skills=REQUIRED_19, skill_match=SkillMatch.CLOSEST)
    result = assign(item, "Support", Strategy.ROUND_ROBIN, _scenario_19(carlos_load=2), at=AT)
    assert result.agent == "Eric"
    assert result.ranking == ("Eric", "Jamie")


# -- 20. Ties stay fair ------------------------------------------------------------------


def test_20_closest_match_alternates_agents_of_equal_score_by_last_assignment() -> None:
    skills = {"spanish": 3}
    agents: tuple[AgentSnapshot, ...] = (
        agent("Maria", skills=skills, capacity=10, last_assigned_at=helsinki(9, 0)),
        agent("Pablo", skills=skills, capacity=10, last_assigned_at=helsinki(9, 5)),
    )
    chosen = []
    for minute in range(6):
        item = WorkItem(id=f"w{minute}", skills=skills, skill_match=SkillMatch.CLOSEST)
        result = assign(item, "Support", Strategy.ROUND_ROBIN, agents, at=helsinki(11, minute))
        assert result.change is not None
        chosen.append(result.agent)
        agents = result.change.apply(agents)
    assert chosen == ["Maria", "Pablo", "Maria", "Pablo", "Maria", "Pablo"]


# -- 21. Capacity full -------------------------------------------------------------------


def test_21_all_support_agents_at_their_chat_limit_means_no_agent_and_capacity_reasons() -> None:
    agents = (
        agent("a1", capacity=2, load=2),
        agent("a2", capacity=3, load=3),
        agent("a3", capacity=1, load=1),
    )
    result = assign(WorkItem(id="c1"), "Support", Strategy.LONGEST_IDLE, agents, at=AT)
    assert result.agent is None
    assert result.reasons == (AssignReason.ALL_CANDIDATES_AT_CAPACITY,)
    assert result.excluded == (
        ("a1", Exclusion.CAPACITY),
        ("a2", Exclusion.CAPACITY),
        ("a3", Exclusion.CAPACITY),
    )
    assert result.change is None


# -- 23. Decline limit -------------------------------------------------------------------


def test_23_three_declines_of_item_x_exclude_a1_for_x_only() -> None:
    agents = (agent("a1", declines={"X": 3}), agent("a2", presence=Presence.AWAY))
    for_x = assign(WorkItem(id="X"), "Support", Strategy.ROUND_ROBIN, agents, at=AT)
    assert for_x.agent is None
    assert for_x.exclusion("a1") is Exclusion.DECLINED
    assert for_x.reason is AssignReason.NO_ELIGIBLE_AGENT
    for_y = assign(WorkItem(id="Y"), "Support", Strategy.ROUND_ROBIN, agents, at=AT)
    assert for_y.agent == "a1"


def test_23_two_declines_stay_under_the_default_limit_of_three() -> None:
    agents = (agent("a1", declines={"X": 2}),)
    result = assign(WorkItem(id="X"), "Support", Strategy.ROUND_ROBIN, agents, at=AT)
    assert result.agent == "a1"
