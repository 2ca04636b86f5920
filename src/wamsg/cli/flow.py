"""``wamsg flow``: run a flow over an event stream, one answer per input line.

Reads JSON lines on stdin, in order: canonical events, and the caller's own reports
about a run — ``{"type": "timer", "business", "customer", "occurred_at"}`` (a timer
that fired), ``{"type": "send_failed", "business", "customer", "ref", "occurred_at"}``
(a send that failed), ``{"type": "agent_joined", ..., "agent"}`` and ``{"type":
"cancel", ...}``. Each event is taken at its own ``occurred_at``. For each input line
it prints one JSON line::

    {"business", "customer", "state": name|null, "actions": [
        {"type": "send", "ref", "content"} | {"type": "set_timer", "at"}
      | {"type": "cancel_timer"} | {"type": "route", "queue", "priority", "skills"}
      | {"type": "end", "reason"}], "ended": bool}

``--definition`` is a flow of wamsg's format (``docs/flows.md``), or with
``--studio`` a Twilio Studio flow definition (the parts it could not carry over are
listed on stderr). ``--policy`` is the routing policy of route states that decide by
policy; ``--template-library`` the templates (Meta's template JSON, a list or a
``{"data": [...]}`` page) of template sends and fallbacks. A bad definition exits 2
with one line naming the state and the field, and prints nothing on stdout.
"""

from __future__ import annotations

import argparse
import json

from wamsg._internal.decode import JsonRefused, loads
from wamsg.cli._files import in_option, read_file
from wamsg.cli._help import plain
from wamsg.cli._streams import LineError, Streams
from wamsg.errors import ValidationError
from wamsg.flows import FlowDefinition, FlowStream, flow_event_from_dict, import_studio, load_flow
from wamsg.routing import RoutingPolicy, load_policy
from wamsg.templates import TemplateLibrary

__all__ = ["register", "run"]


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``flow`` sub-command."""
    parser = subparsers.add_parser(
        "flow",
        help="run a flow over events on stdin: the actions for each event",
        description=plain(__doc__),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--definition", metavar="FLOW.json", required=True, help="the flow")
    parser.add_argument("--studio", action="store_true", help="FLOW.json is a Studio flow")
    parser.add_argument("--policy", metavar="POLICY.json", help="a wamsg routing policy")
    parser.add_argument("--template-library", metavar="T.json", help="the templates")
    parser.set_defaults(run=run)


def _policy(path: str | None) -> RoutingPolicy | None:
    if path is None:
        return None
    try:
        return load_policy(read_file(path, "--policy"))
    except ValidationError as error:
        raise in_option("--policy", error) from None


def _templates(path: str | None) -> TemplateLibrary | None:
    if path is None:
        return None
    data = read_file(path, "--template-library")
    try:
        return TemplateLibrary.from_dicts(data)  # type: ignore[arg-type]
    except ValidationError as error:
        raise in_option("--template-library", error) from None


def _definition(args: argparse.Namespace, streams: Streams) -> FlowDefinition:
    policy, templates = _policy(args.policy), _templates(args.template_library)
    data = read_file(args.definition, "--definition")
    try:
        if not args.studio:
            return load_flow(data, policy=policy, templates=templates)
        imported = import_studio(data)
    except ValidationError as error:
        raise in_option("--definition", error) from None
    for part in imported.unsupported:
        streams.err(f"wamsg: warning: --definition {part}")
    return imported.definition


def run(args: argparse.Namespace, streams: Streams) -> int:
    """Step the flow with stdin's events and print one line each."""
    try:
        flows = FlowStream(_definition(args, streams))
    except ValidationError as error:
        return streams.fail(error)
    try:
        for number, line in streams.lines():
            try:
                data = loads(line)
            except JsonRefused as error:
                return streams.fail(ValidationError(str(error), field="json"), line=number)
            try:
                answer = flows.feed(flow_event_from_dict(data))
            except ValidationError as error:
                return streams.fail(error, line=number)
            streams.out(json.dumps(answer.to_line(), ensure_ascii=False))
    except LineError as failure:
        return streams.fail(failure.error, line=failure.line)
    return 0
