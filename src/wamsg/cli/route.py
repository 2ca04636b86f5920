"""``wamsg route``: route each inbound message of an event stream, and say why.

Reads canonical events (one JSON object a line) on stdin, in order, and prints one
JSON line per ``message.received`` event, in input order::

    {"message_id", "business", "customer", "queue", "priority", "rule": id|null,
     "reasons": [...], "actions": [...], "agent": id|null,
     "trace": [{"rule": id, "status": ...}, ...]}

Each event is routed at its own ``occurred_at`` (``--at`` is the time of events that
carry none). With ``--agents``, each message is assigned over the agent snapshot
and the assignment is applied before the next event, so a stream shows round robin
at work. ``--customers`` maps a customer's phone number or user id to the
attributes rules read as ``customer.<key>``. ``--trace full`` adds each clause's
path, operator, expected and actual value. ``--taskrouter WORKFLOW.json`` routes by
an imported Twilio TaskRouter workflow instead of a policy (the parts it could not
carry over are listed on stderr). A bad policy exits 2 with one line naming the rule
(or ``fallback``, or the queue) and the field, and prints no decisions.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Mapping

from wamsg._internal.json import parse_time
from wamsg.cli._files import in_option, read_file
from wamsg.cli._help import plain
from wamsg.cli._streams import LineError, Streams
from wamsg.errors import ValidationError
from wamsg.routing import (
    AgentSnapshot,
    Router,
    RoutingPolicy,
    agents_from_json,
    import_taskrouter,
    load_policy,
)

__all__ = ["register", "run"]


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``route`` sub-command."""
    parser = subparsers.add_parser(
        "route",
        help="route each inbound message of events on stdin by a policy, with its trace",
        description=plain(__doc__),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--policy", metavar="POLICY.json", help="a wamsg routing policy")
    source.add_argument("--taskrouter", metavar="WORKFLOW.json", help="a TaskRouter workflow")
    parser.add_argument("--at", help="ISO 8601 time for events that carry none")
    parser.add_argument("--customers", metavar="C.json", help="customer attributes by number")
    parser.add_argument("--agents", metavar="A.json", help="the agent snapshot")
    parser.add_argument("--trace", choices=("rules", "full"), default="rules")
    parser.set_defaults(run=run)


def _policy(args: argparse.Namespace, streams: Streams) -> RoutingPolicy:
    if args.taskrouter is not None:
        try:
            imported = import_taskrouter(read_file(args.taskrouter, "--taskrouter"))
        except ValidationError as error:
            raise in_option("--taskrouter", error) from None
        for part in imported.unsupported:
            streams.err(f"wamsg: warning: --taskrouter {part}")
        return imported.policy
    try:
        return load_policy(read_file(args.policy, "--policy"))
    except ValidationError as error:
        raise in_option("--policy", error) from None


def _customers(path: str | None) -> Mapping[str, object]:
    if path is None:
        return {}
    data = read_file(path, "--customers")
    if not isinstance(data, Mapping):
        raise ValidationError("must be an object of customers", field="--customers", value=path)
    return data


def _agents(path: str | None) -> tuple[AgentSnapshot, ...]:
    if path is None:
        return ()
    try:
        return agents_from_json(read_file(path, "--agents"))
    except ValidationError as error:
        raise in_option("--agents", error) from None


def run(args: argparse.Namespace, streams: Streams) -> int:
    """Route stdin's inbound messages and print one line each."""
    try:
        at = None if args.at is None else parse_time(args.at, "--at")
        router = Router(
            _policy(args, streams),
            agents=_agents(args.agents),
            customers=_customers(args.customers),
            trace=args.trace,
            at=at,
        )
    except ValidationError as error:
        return streams.fail(error)
    full = args.trace == "full"
    try:
        for number, event in streams.events():
            try:
                routed = router.feed(event)
            except ValidationError as error:
                return streams.fail(error, line=number)
            if routed is not None:
                streams.out(json.dumps(routed.to_line(full=full), ensure_ascii=False))
    except LineError as failure:
        return streams.fail(failure.error, line=failure.line)
    return 0
