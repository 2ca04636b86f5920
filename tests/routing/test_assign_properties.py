"""Laws of assign(), over generated snapshots and items (Hypothesis).

Deterministic; never mutates; the chosen agent is online, and ``ranking[0]`` when the
strategy chose; ranking and exclusions cover every agent once; the inlined screening
agrees with the definition; the order of the snapshot does not matter (but for
``sequential``); applying the change and assigning again never goes over capacity.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from wamsg.routing import (
    AgentFilter,
    AssignReason,
    Exclusion,
    SkillMatch,
    Strategy,
    WorkItem,
    assign,
)
from wamsg.routing.agents import AgentSnapshot, ChannelLoad, Presence, agents_from_json
from wamsg.routing.assign import _screen

UTC = timezone.utc
START = datetime(2026, 11, 2, 8, tzinfo=UTC)
IDS = [f"a{i}" for i in range(12)]
SKILLS = ("sv", "fi", "en")

times = st.one_of(
    st.none(), st.integers(0, 40).map(lambda minutes: START + timedelta(minutes=minutes))
)
skill_levels = st.dictionaries(st.sampled_from(SKILLS), st.integers(0, 5), max_size=3)


@st.composite
def snapshots(draw: st.DrawFn) -> tuple[AgentSnapshot, ...]:
    ids = draw(st.lists(st.sampled_from(IDS), unique=True, max_size=10))
    agents = []
    for agent_id in ids:
        channels = draw(
            st.dictionaries(
                st.sampled_from(("whatsapp", "voice")),
                st.builds(ChannelLoad, st.integers(0, 3), st.integers(0, 4)),
                max_size=2,
            )
        )
        agents.append(
            AgentSnapshot(
                id=agent_id,
                presence=draw(st.sampled_from(Presence)),
                queues=draw(st.frozensets(st.sampled_from(("support", "sales")))),
                skills=draw(skill_levels),
                channels=channels,
                last_assigned_at=draw(times),
                idle_since=draw(times),
                declines=draw(st.dictionaries(st.sampled_from(("w1", "w2")), st.integers(0, 5))),
            )
        )
    return tuple(agents)


def verdicts(answers: dict[str, bool | None]) -> AgentFilter:
    """An agent filter answering by the agent id (True for an id not listed)."""
    return lambda agent: answers.get(agent.id, True)


filters = st.none() | st.dictionaries(
    st.sampled_from(IDS), st.sampled_from((True, False, None))
).map(verdicts)


@st.composite
def items(draw: st.DrawFn, *, bypass: bool = True) -> WorkItem:
    return WorkItem(
        id=draw(st.sampled_from(("w1", "w2"))),
        channel=draw(st.sampled_from(("whatsapp", "whatsapp", "voice"))),
        skills=draw(skill_levels),
        skill_match=draw(st.sampled_from(SkillMatch)),
        preferred=tuple(draw(st.lists(st.sampled_from(IDS), unique=True, max_size=3))),
        last_agent=draw(st.none() | st.sampled_from(IDS)),
        bypass_capacity=bypass and draw(st.booleans()),
        bypass_skills=bypass and draw(st.booleans()),
        agent_filter=draw(filters),
        decline_limit=draw(st.integers(1, 5)),
        cost=draw(st.integers(1, 2)),
    )


strategies = st.sampled_from(Strategy)
AT = START + timedelta(hours=1)


@given(items(), strategies, snapshots())
def test_the_same_input_gives_the_same_answer(
    item: WorkItem, strategy: Strategy, agents: tuple[AgentSnapshot, ...]
) -> None:
    assert assign(item, "support", strategy, agents, at=AT) == assign(
        item, "support", strategy, agents, at=AT
    )


@given(items(), strategies, snapshots())
def test_nothing_passed_in_is_changed(
    item: WorkItem, strategy: Strategy, agents: tuple[AgentSnapshot, ...]
) -> None:
    before = [agent.to_dict() for agent in agents]
    listed = list(agents)
    result = assign(item, "support", strategy, listed, at=AT)
    assert [agent.to_dict() for agent in agents] == before
    assert listed == list(agents)
    if result.change is not None:
        result.change.apply(listed)
        assert [agent.to_dict() for agent in agents] == before


@given(items(), strategies, snapshots())
def test_the_chosen_agent_is_online_and_the_strategys_choice_is_first_in_the_ranking(
    item: WorkItem, strategy: Strategy, agents: tuple[AgentSnapshot, ...]
) -> None:
    result = assign(item, "support", strategy, agents, at=AT)
    by_id = {agent.id: agent for agent in agents}
    if result.agent is None:
        assert result.change is None
        assert result.reason in (
            AssignReason.NO_ELIGIBLE_AGENT,
            AssignReason.ALL_CANDIDATES_AT_CAPACITY,
        )
        assert result.ranking == ()
        return
    chosen = by_id[result.agent]
    assert chosen.presence is Presence.ONLINE
    assert "support" in chosen.queues
    if result.reason is AssignReason.STRATEGY:
        assert result.agent == result.ranking[0]
    if result.reason is AssignReason.KNOWN_AGENT:
        assert result.agent == item.last_agent
    if result.reason is AssignReason.PREFERRED_AGENT:
        assert result.agent in item.preferred


@given(items(), strategies, snapshots())
def test_ranking_and_exclusions_cover_every_agent_once_as_the_definition_says(
    item: WorkItem, strategy: Strategy, agents: tuple[AgentSnapshot, ...]
) -> None:
    result = assign(item, "support", strategy, agents, at=AT)
    excluded = dict(result.excluded)
    assert sorted([*result.ranking, *excluded]) == sorted(agent.id for agent in agents)
    for agent in agents:
        screened = _screen(agent, item, "support")
        if isinstance(screened, Exclusion):
            assert excluded[agent.id] is screened
        else:
            assert agent.id in result.ranking
    capacity = Exclusion.CAPACITY in excluded.values()
    if result.reason is AssignReason.ALL_CANDIDATES_AT_CAPACITY:
        assert capacity
        assert not result.ranking
    if result.reason is AssignReason.NO_ELIGIBLE_AGENT:
        assert not capacity


@given(
    items(), strategies.filter(lambda s: s is not Strategy.SEQUENTIAL), snapshots(), st.randoms()
)
def test_the_order_of_the_snapshot_does_not_matter(
    item: WorkItem, strategy: Strategy, agents: tuple[AgentSnapshot, ...], shuffler: random.Random
) -> None:
    shuffled = list(agents)
    shuffler.shuffle(shuffled)
    first = assign(item, "support", strategy, agents, at=AT)
    second = assign(item, "support", strategy, shuffled, at=AT)
    assert (first.agent, first.reasons, first.ranking, first.change) == (
        second.agent,
        second.reasons,
        second.ranking,
        second.change,
    )
    assert dict(first.excluded) == dict(second.excluded)


@settings(max_examples=60)
@given(st.lists(items(bypass=False), min_size=1, max_size=12), strategies, snapshots())
def test_applying_each_change_and_assigning_again_never_goes_over_capacity(
    queue_items: list[WorkItem], strategy: Strategy, agents: tuple[AgentSnapshot, ...]
) -> None:
    for minute, item in enumerate(queue_items):
        result = assign(item, "support", strategy, agents, at=AT + timedelta(minutes=minute))
        if result.change is None:
            continue
        chosen = next(agent for agent in agents if agent.id == result.agent)
        assert chosen.channels[item.channel].spare >= item.cost
        agents = result.change.apply(agents)
        after = next(agent for agent in agents if agent.id == result.agent)
        assert after.channels[item.channel].load <= after.channels[item.channel].capacity
        assert after.last_assigned_at == AT + timedelta(minutes=minute)


@given(snapshots())
def test_snapshots_round_trip_through_the_agents_file(agents: tuple[AgentSnapshot, ...]) -> None:
    assert agents_from_json([agent.to_dict() for agent in agents]) == agents


@given(items(), snapshots())
def test_the_agent_filter_excludes_exactly_the_agents_it_refuses(
    item: WorkItem, agents: tuple[AgentSnapshot, ...]
) -> None:
    refuse = {agent.id for agent in agents[::2]}
    filtered = WorkItem(
        id=item.id,
        channel=item.channel,
        skills=item.skills,
        skill_match=item.skill_match,
        agent_filter=lambda agent: agent.id not in refuse,
    )
    plain = WorkItem(
        id=item.id, channel=item.channel, skills=item.skills, skill_match=item.skill_match
    )
    with_filter = assign(filtered, "support", Strategy.ROUND_ROBIN, agents, at=AT)
    without = assign(plain, "support", Strategy.ROUND_ROBIN, agents, at=AT)
    assert with_filter.ranking == tuple(a for a in without.ranking if a not in refuse)
