"""The agents as the caller sees them at one moment: :class:`AgentSnapshot`.

wamsg keeps no agent state: the helpdesk owns presence, load and history, and
passes a snapshot of every agent to :func:`~wamsg.routing.assign.assign`. A snapshot
is a frozen value; an assignment returns an
:class:`~wamsg.routing.assign.AgentChange` that the caller applies to get the next
snapshot (:meth:`~wamsg.routing.assign.AgentChange.apply`), never a mutation.

:func:`agents_from_json` reads the agents file (a JSON array, one object per agent)
strictly, naming the exact place of any error (``agents[2].channels.whatsapp.capacity``);
:meth:`AgentSnapshot.to_dict` writes one entry back, so the file round-trips.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from datetime import datetime
from types import MappingProxyType

import attrs

from wamsg._internal import fields as check
from wamsg._internal.json import EARLIEST, Json, JsonObject, format_optional_time
from wamsg._internal.reprs import sized
from wamsg.errors import ValidationError
from wamsg.routing._agents_reader import AGENT_KEYS as _READ_KEYS
from wamsg.routing._agents_reader import agent_fields
from wamsg.routing._agents_reader import entries as _entries
from wamsg.routing._convert import EMPTY, copy_json, count_map, id_set, json_map, member, text_key

__all__ = [
    "AGENT_KEYS",
    "MAX_CAPACITY",
    "AgentSnapshot",
    "ChannelLoad",
    "Presence",
    "agents_from_json",
]


class Presence(str, enum.Enum):
    """An agent's presence. Only ``online`` agents are ever chosen.

    ``away`` (on a break, in a meeting, "busy") and ``offline`` agents keep their queues
    and their load, but get no new work: a last or preferred agent who is not online is
    skipped at once, never waited for (Chatwoot #4158 left conversations on offline agents).
    """

    ONLINE = "online"
    """Available for new work (TaskRouter: an activity with ``available=true``)."""
    AWAY = "away"
    """Signed in but not taking work."""
    OFFLINE = "offline"
    """Signed out."""


MAX_CAPACITY = check.MAX_COUNT
"""The largest capacity or load of a channel (a count; D365's units reach the hundreds)."""


@attrs.frozen
class ChannelLoad:
    """An agent's capacity on one channel and the load it carries now.

    ``capacity`` is how many units of work the agent takes at once on the channel
    (TaskRouter's ``configured_capacity``, D365's capacity units); ``load`` the units
    held now. ``load`` may exceed ``capacity``: a forced assignment (a preferred agent
    with ``bypass_capacity``) can push it over, as D365's capacity "can go negative".
    """

    capacity: int = attrs.field(validator=check.integer(0, MAX_CAPACITY))
    load: int = attrs.field(default=0, validator=check.integer(0, MAX_CAPACITY))

    @property
    def spare(self) -> int:
        """Units still free: ``capacity - load`` (negative when over capacity)."""
        return self.capacity - self.load

    def to_dict(self) -> JsonObject:
        """JSON form, as in the agents file: ``{"capacity": 3, "load": 1}``."""
        return {"capacity": self.capacity, "load": self.load}


AGENT_KEYS = _READ_KEYS
"""The keys of an agent in the agents file; any other key is kept in ``attributes``."""

_EMPTY_CHANNELS: Mapping[str, ChannelLoad] = MappingProxyType({})
_EMPTY_ATTRIBUTES: Mapping[str, Json] = MappingProxyType({})
_EPOCH_DAY = EARLIEST.toordinal()
_NEVER_ASSIGNED = -1.0
"""The round-robin key of an agent never assigned: before any time."""
_NOT_IDLE = 2.0**62
"""The longest-idle key of an agent with no ``idle_since``: after any time (2200 is
about 7.3e15 microseconds since 1970; a finite float, so no value holds an infinity)."""


def _presence(value: Presence | str) -> Presence:
    return member(Presence, value, "presence")


def _channels(value: Mapping[str, ChannelLoad]) -> Mapping[str, ChannelLoad]:
    if not isinstance(value, Mapping):
        raise ValidationError(
            "must be a mapping of channel names to ChannelLoad", field="channels", value=value
        )
    if not value:
        return _EMPTY_CHANNELS
    kept: dict[str, ChannelLoad] = {}
    for key, load in value.items():
        name = text_key(key, "channels")
        if not isinstance(load, ChannelLoad):
            raise ValidationError("must be a ChannelLoad", field=f"channels.{name}", value=load)
        kept[name] = load
    return MappingProxyType(kept)


_queue_ids = id_set("queues")
_skill_levels = count_map("skills")
_decline_counts = count_map("declines")


def _queues(value: Iterable[str]) -> frozenset[str]:
    return _queue_ids(value)


def _skills(value: Mapping[str, int]) -> Mapping[str, int]:
    return _skill_levels(value)


def _declines(value: Mapping[str, int]) -> Mapping[str, int]:
    return _decline_counts(value)


def _last_assigned_at(value: datetime | None) -> datetime | None:
    return check.opt_time_of(value, "last_assigned_at")


def _idle_since(value: datetime | None) -> datetime | None:
    return check.opt_time_of(value, "idle_since")


def _attributes(value: Mapping[str, Json]) -> Mapping[str, Json]:
    return json_map(value, "attributes", AGENT_KEYS)


def _time_key(value: datetime | None, none: float) -> float:
    """``value`` (in UTC) as microseconds since 1970, ``none`` for None.

    Integer arithmetic on the fields, so a pendulum ``DateTime`` counts exactly like a
    stdlib datetime; a float, because :meth:`list.sort` compares tuples that start with
    a float on its fast path, and microseconds until 2200 stay below 2**53 (exact).
    """
    if value is None:
        return none
    days = value.toordinal() - _EPOCH_DAY
    seconds = days * 86_400 + value.hour * 3_600 + value.minute * 60 + value.second
    return float(seconds * 1_000_000 + value.microsecond)


@attrs.frozen(kw_only=True)
class AgentSnapshot:
    """One agent at one moment, as the caller's helpdesk knows them.

    - ``id``: the agent's id (unique within a snapshot);
    - ``presence``: :class:`Presence` (or its string value);
    - ``queues``: the queues the agent serves (a ``frozenset`` of queue ids);
    - ``skills``: skill name → proficiency (an integer, higher is better; D365's
      rating models, Zoom's proficiency 1–5 … the scale is the caller's);
    - ``channels``: channel name → :class:`ChannelLoad`; an agent without the item's
      channel is never chosen for it;
    - ``last_assigned_at``: when the agent last got work (round robin), None if never;
    - ``idle_since``: since when the agent has held no work (longest idle), None if
      busy; both aware datetimes, kept in UTC;
    - ``declines``: work item id → how often the agent declined it (or let the offer
      time out, which D365 counts as a decline);
    - ``attributes``: every other key of the agent's entry in the agents file, strict
      JSON, kept whole (a team, languages, a calendar flag …) for routing conditions.

    The mappings are read-only copies; the caller's dicts may change afterwards.
    """

    id: str = attrs.field(validator=check.text)
    presence: Presence = attrs.field(converter=_presence)
    queues: frozenset[str] = attrs.field(default=frozenset(), converter=_queues)
    skills: Mapping[str, int] = attrs.field(default=EMPTY, converter=_skills, hash=False)
    channels: Mapping[str, ChannelLoad] = attrs.field(
        default=_EMPTY_CHANNELS, converter=_channels, hash=False
    )
    last_assigned_at: datetime | None = attrs.field(default=None, converter=_last_assigned_at)
    idle_since: datetime | None = attrs.field(default=None, converter=_idle_since)
    declines: Mapping[str, int] = attrs.field(default=EMPTY, converter=_declines, hash=False)
    attributes: Mapping[str, Json] = attrs.field(
        default=_EMPTY_ATTRIBUTES, converter=_attributes, hash=False, repr=sized
    )
    # Computed once, read by assign() for every work item: the sort keys of round robin
    # and longest idle (see wamsg.routing._strategies) and private dicts of loads and skills.
    _assigned_key: float = attrs.field(init=False, repr=False, eq=False, hash=False)
    _round_robin: tuple[float, str] = attrs.field(init=False, repr=False, eq=False, hash=False)
    _longest_idle: tuple[float, float, str] = attrs.field(
        init=False, repr=False, eq=False, hash=False
    )
    _loads: dict[str, ChannelLoad] = attrs.field(init=False, repr=False, eq=False, hash=False)
    _levels: dict[str, int] = attrs.field(init=False, repr=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        assigned = _time_key(self.last_assigned_at, _NEVER_ASSIGNED)
        object.__setattr__(self, "_assigned_key", assigned)
        object.__setattr__(self, "_round_robin", (assigned, self.id))
        idle = _time_key(self.idle_since, _NOT_IDLE)
        object.__setattr__(self, "_longest_idle", (idle, assigned, self.id))
        # Plain dicts of the loads and skills: a dict's get is twice a read-only proxy's speed.
        object.__setattr__(self, "_loads", dict(self.channels))
        object.__setattr__(self, "_levels", dict(self.skills))

    def to_dict(self) -> JsonObject:
        """The agent's entry in the agents file (what :func:`agents_from_json` reads).

        Keys in a fixed order, queues sorted, times in ISO 8601 UTC with ``Z``; the
        ``attributes`` come back as top-level keys, after the known ones.
        """
        out: JsonObject = {
            "id": self.id,
            "presence": self.presence.value,
            "queues": [*sorted(self.queues)],
            "skills": dict(self.skills),
            "channels": {name: load.to_dict() for name, load in self.channels.items()},
            "last_assigned_at": format_optional_time(self.last_assigned_at),
            "idle_since": format_optional_time(self.idle_since),
            "declines": dict(self.declines),
        }
        for key, value in self.attributes.items():
            out[key] = copy_json(value)
        return out

    def view(self) -> dict[str, object]:
        """What a routing condition reads under ``agent`` (a new JSON-like dict each call).

        ``{"id": "a1", "presence": "online", "queues": ["sales"] (sorted),
        "skills": {"sv": 3}, "channels": {"whatsapp": {"capacity": 3, "load": 1,
        "spare": 2}}, "last_assigned_at": "2026-11-02T10:30:00Z" or None,
        "idle_since": ISO or None, "attributes": {...}}`` — so a condition says
        ``agent.skills.sv >= 2``, ``'vip' in agent.queues``,
        ``agent.channels.whatsapp.spare > 0`` or ``agent.attributes.team == 'north'``.
        ``declines`` are not in the view: :func:`~wamsg.routing.assign.assign` applies
        them itself.
        """
        return {
            "id": self.id,
            "presence": self.presence.value,
            "queues": sorted(self.queues),
            "skills": dict(self.skills),
            "channels": {
                name: {"capacity": load.capacity, "load": load.load, "spare": load.spare}
                for name, load in self.channels.items()
            },
            "last_assigned_at": format_optional_time(self.last_assigned_at),
            "idle_since": format_optional_time(self.idle_since),
            "attributes": {key: copy_json(value) for key, value in self.attributes.items()},
        }


def agents_from_json(data: object, *, field: str = "agents") -> tuple[AgentSnapshot, ...]:
    """Read the agents file: a JSON array of agents, strictly.

    Each agent is an object::

        {"id": "a1", "presence": "online", "queues": ["sales"], "skills": {"sv": 3},
         "channels": {"whatsapp": {"capacity": 3, "load": 1}},
         "last_assigned_at": "2026-11-02T10:30:00Z", "idle_since": null,
         "declines": {"wamid.X": 1}, "team": "north"}

    ``id`` and ``presence`` (``online`` | ``away`` | ``offline``) are required. The rest
    default to none: no queues, no skills, no channels, never assigned, not idle, no
    declines; a channel's ``load`` defaults to 0, its ``capacity`` is required. Times
    need a zone (``Z`` or an offset). Any other key of an agent is kept in
    :attr:`AgentSnapshot.attributes`. Duplicate ids, wrong types, naive times,
    negative counts or unknown keys inside a channel are each a
    :class:`~wamsg.errors.ValidationError` naming the place, e.g.
    ``agents[2].channels.whatsapp.capacity`` (``field`` is the first segment).
    """
    field = text_key(field, "field")
    entries = _entries(data, field)
    seen: dict[str, int] = {}
    agents: list[AgentSnapshot] = []
    for index, entry in enumerate(entries):
        at = f"{field}[{index}]"
        fields = agent_fields(entry, at)
        agent_id = fields["id"]
        if agent_id in seen:
            reason = f"duplicates the id of {field}[{seen[agent_id]}]"
            raise ValidationError(reason, field=f"{at}.id", value=agent_id)
        seen[agent_id] = index
        fields["channels"] = {
            name: ChannelLoad(*load) for name, load in fields["channels"].items()
        }
        agents.append(AgentSnapshot(**fields))  # the reader checked every value
    return tuple(agents)
