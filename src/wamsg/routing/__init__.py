"""Routing: which queue, team or agent gets a conversation, and why — as data.

Routing is a pure function of an inbound message, a policy and a snapshot the caller
provides (wamsg does no I/O). The parts, each in its own module:

- the **condition language** (:func:`parse_condition`, :class:`Condition`,
  :class:`CompiledCondition`, :class:`Explanation`): a small closed language in a text
  form close to TaskRouter's and an equivalent JSON form, parsed once, checked and
  compiled to closures; never ``eval``;
- the **context** a rule reads (:func:`message_context`);
- the **policy** (:func:`load_policy`, :class:`RoutingPolicy` and its parts): numbers,
  queues with hours and overflow, classification, first-match rules with step
  ladders and percent splits, and a fallback;
- the **decision** (:func:`route` → :class:`RoutingDecision`) with reason codes and a
  trace of every rule;
- **assignment** (:func:`assign` over :class:`AgentSnapshot` values → :class:`Assignment`)
  with deterministic strategies, never an offline agent;
- **streams** (:class:`Router`): what ``wamsg route`` runs;
- the import of a **Twilio TaskRouter** workflow (:func:`import_taskrouter`).

See ``docs/routing.md``.
"""

from __future__ import annotations

from wamsg.routing._checks import TYPE_NAMES
from wamsg.routing._policy_reader import load_policy, parse_duration, read_policy
from wamsg.routing._tree import (
    MAX_CLAUSES,
    MAX_CONDITION_CHARS,
    MAX_CONDITION_DEPTH,
    MAX_LIST_ITEMS,
)
from wamsg.routing.agents import (
    AGENT_KEYS,
    MAX_CAPACITY,
    AgentSnapshot,
    ChannelLoad,
    Presence,
    agents_from_json,
)
from wamsg.routing.assign import assign
from wamsg.routing.condition import CompiledCondition, Condition, parse_condition
from wamsg.routing.context import message_context
from wamsg.routing.decision import (
    DecidedAction,
    PlannedStep,
    RoutingDecision,
    RoutingReason,
    RuleStatus,
    TraceEntry,
    TraceMode,
)
from wamsg.routing.explain import ClauseNote, ClauseResult, Explanation
from wamsg.routing.outcome import AgentChange, Assignment, AssignReason, Exclusion
from wamsg.routing.parts import (
    MAX_LEVEL,
    MAX_PRIORITY,
    MAX_WAIT,
    Action,
    ActionType,
    Classification,
    ClassifyRule,
    NumberEntry,
    Queue,
    Rule,
    SplitArm,
    Step,
)
from wamsg.routing.paths import MAX_PATH_SEGMENTS, MISSING, RESERVED_WORDS, Path
from wamsg.routing.policy import MAX_RULES, CompiledPolicy, RoutingPolicy
from wamsg.routing.route import route, split_bucket
from wamsg.routing.stream import Routed, Router, work_item
from wamsg.routing.taskrouter import TaskRouterImport, import_taskrouter
from wamsg.routing.work import (
    MAX_DECLINE_LIMIT,
    MAX_PREFERRED,
    AgentFilter,
    SkillMatch,
    Strategy,
    WorkItem,
)

__all__ = [
    "AGENT_KEYS",
    "MAX_CAPACITY",
    "MAX_CLAUSES",
    "MAX_CONDITION_CHARS",
    "MAX_CONDITION_DEPTH",
    "MAX_DECLINE_LIMIT",
    "MAX_LEVEL",
    "MAX_LIST_ITEMS",
    "MAX_PATH_SEGMENTS",
    "MAX_PREFERRED",
    "MAX_PRIORITY",
    "MAX_RULES",
    "MAX_WAIT",
    "MISSING",
    "RESERVED_WORDS",
    "TYPE_NAMES",
    "Action",
    "ActionType",
    "AgentChange",
    "AgentFilter",
    "AgentSnapshot",
    "AssignReason",
    "Assignment",
    "ChannelLoad",
    "Classification",
    "ClassifyRule",
    "ClauseNote",
    "ClauseResult",
    "CompiledCondition",
    "CompiledPolicy",
    "Condition",
    "DecidedAction",
    "Exclusion",
    "Explanation",
    "NumberEntry",
    "Path",
    "PlannedStep",
    "Presence",
    "Queue",
    "Routed",
    "Router",
    "RoutingDecision",
    "RoutingPolicy",
    "RoutingReason",
    "Rule",
    "RuleStatus",
    "SkillMatch",
    "SplitArm",
    "Step",
    "Strategy",
    "TaskRouterImport",
    "TraceEntry",
    "TraceMode",
    "WorkItem",
    "agents_from_json",
    "assign",
    "import_taskrouter",
    "load_policy",
    "message_context",
    "parse_condition",
    "parse_duration",
    "read_policy",
    "route",
    "split_bucket",
    "work_item",
]
