"""The widgets of a Studio flow, one at a time, as compiled states (internal; see ``studio``)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime, timedelta

import wamsg.flows._nodes as n
from wamsg._internal.json import Json
from wamsg._internal.strict import listed, obj
from wamsg.content import Audio, Content, Document, Image, Media, Text, Video
from wamsg.errors import ValidationError
from wamsg.flows._outgoing import pieces
from wamsg.flows._studio_parts import STUDIO_PREDICATES, Problems, liquid_path, predicate
from wamsg.flows.guards import DEFAULT_STUDIO_TIMEOUT, MAX_TIMEOUT
from wamsg.routing import MAX_PRIORITY

__all__ = ["EVENTS", "Importer"]

EVENTS: dict[str, tuple[str, ...]] = {
    "trigger": (
        "incomingMessage",
        "incomingConversationMessage",
        "incomingCall",
        "incomingRequest",
        "incomingParent",
    ),
    "send-message": ("sent", "failed"),
    "send-and-wait-for-reply": ("incomingMessage", "timeout", "deliveryFailure"),
    "split-based-on": ("match", "noMatch"),
    "set-variables": ("next",),
    "send-to-flex": ("callComplete", "failedToEnqueue", "callFailure"),
}
_ADDRESS = "a run sends from its business number to its customer"
_TASK = "a Flex task setting, not part of a route action"
_IGNORED = {  # properties without an offline meaning: listed, not carried over
    "send-message": {
        "from": _ADDRESS,
        "to": _ADDRESS,
        "service": _ADDRESS,
        "channel": _ADDRESS,
        "attributes": "message attributes are the caller's",
    },
    "send-and-wait-for-reply": {"from": _ADDRESS, "service": _ADDRESS, "channel": _ADDRESS},
    "send-to-flex": {
        "channel": _TASK,
        "attributes": _TASK,
        "timeout": _TASK,
        "waitUrl": "voice only",
        "waitUrlMethod": "voice only",
    },
}
_MEDIA: dict[str, type[Image] | type[Video] | type[Audio]] = {
    "jpg": Image,
    "jpeg": Image,
    "png": Image,
    "mp4": Video,
    "3gp": Video,
    "mp3": Audio,
    "ogg": Audio,
    "amr": Audio,
    "aac": Audio,
    "opus": Audio,
}


def _media(url: object, caption: str | None, field: str) -> Content:
    if not isinstance(url, str) or not url.startswith(("https://", "http://")):
        raise ValidationError("must be a media URL", field=field, value=url)
    extension = url.rsplit("?", 1)[0].rsplit(".", 1)[-1].lower()
    media = Media(url=url, caption=caption)
    kind = _MEDIA.get(extension)
    return Document(media=media) if kind is None else kind(media=media)


class Importer:
    """Compiles the widgets of one flow; collects what it cannot carry over."""

    def __init__(self, index: dict[str, int]) -> None:
        self.index = index
        self.problems = Problems()  # fail the import
        self.unsupported: list[str] = []  # listed in the result
        self.read = liquid_path(self.problems)

    def exit(self, transition: Mapping[str, Json] | None, field: str, end: str) -> n.Exit:
        target = None if transition is None else transition.get("next")
        if target is None or target == "":
            return n.Exit(-1, end=end)
        if not isinstance(target, str) or target not in self.index:
            raise ValidationError(
                "must name a widget of this flow", field=f"{field}.next", value=target
            )
        return n.Exit(self.index[target])

    def message(self, props: Mapping[str, Json], field: str) -> n.Outgoing:
        if props.get("message_type") not in (None, "custom"):
            self.problems.add(f"send-message with message_type {props['message_type']} ({field})")
        body = props.get("body")
        if body is not None and not isinstance(body, str):
            raise ValidationError("must be a text", field=f"{field}.body", value=body)
        if props.get("media_url"):
            caption = body if body and "{{" not in body else None
            content = _media(props["media_url"], caption, f"{field}.media_url")
            return n.Outgoing(content, None, None, True)
        if not body or not body.strip():
            raise ValidationError("must be the message text", field=f"{field}.body", value=body)
        parts = pieces(body, f"{field}.body", self.read)
        if len(parts) == 1 and isinstance(parts[0], str):
            return n.Outgoing(Text(body), None, None, True)
        if not any(isinstance(p, str) and p.strip() for p in parts):
            parts = (*parts, " ")  # never an empty text, whatever the references hold
        return n.Outgoing(None, parts, None, True)

    def widget(self, data: Mapping[str, Json]) -> n.Node:
        name, kind = str(data["name"]), str(data["type"])
        field = f"states.{name}"
        props = data.get("properties") or {}
        if not isinstance(props, Mapping):
            raise ValidationError("must be an object", field=f"{field}.properties", value=props)
        where = f"{field}.properties"
        for key, why in _IGNORED.get(kind, {}).items():
            if props.get(key) not in (None, ""):
                self.unsupported.append(f"{where}.{key}: {why}")
        by_event: dict[str, Mapping[str, Json]] = {}
        matches: list[tuple[int, Mapping[str, Json]]] = []
        for i, item in enumerate(listed(data, "transitions", field)):
            transition = obj(item, f"{field}.transitions[{i}]", ("event", "next", "conditions"))
            event = transition.get("event")
            if event not in EVENTS[kind]:
                raise ValidationError(
                    f"must be an event of {kind} ({', '.join(EVENTS[kind])})",
                    field=f"{field}.transitions[{i}].event",
                    value=event,
                )
            if event == "match":
                matches.append((i, transition))
            else:
                by_event.setdefault(str(event), transition)

        def on(event: str, end: str = "no_transition") -> n.Exit:
            return self.exit(by_event.get(event), f"{field}.transitions.{event}", end)

        if kind == "trigger":
            return self.trigger(name, by_event, field)
        if kind == "send-message":
            failed = on("failed", "send_failed")
            return n.SendNode(name, self.message(props, where), on("sent"), failed=failed)
        if kind == "send-and-wait-for-reply":
            return n.Collect(
                name,
                self.message(props, where),
                self.timeout(props, where),
                on("timeout"),
                {},
                {},
                (),
                None,
                None,
                0,
                reply=on("incomingMessage"),
                keep=name,
                failed=on("deliveryFailure", "send_failed"),
            )
        if kind == "split-based-on":
            return self.split(name, props, matches, on("noMatch"), field)
        if kind == "set-variables":
            return self.assign(name, props, on("next"), where)
        for event in ("failedToEnqueue", "callFailure"):
            if by_event.get(event, {}).get("next"):
                self.unsupported.append(f"{field}.transitions.{event}: a route action cannot fail")
        queue = props.get("workflow") or name
        if not isinstance(queue, str):
            raise ValidationError("must be a workflow sid", field=f"{where}.workflow", value=queue)
        nxt = by_event.get("callComplete", {}).get("next")
        return n.RouteNode(
            name, queue, self.priority(props, where), (), on("callComplete") if nxt else None
        )

    def trigger(self, name: str, by_event: dict[str, Mapping[str, Json]], field: str) -> n.Start:
        wired = [
            e
            for e in ("incomingMessage", "incomingConversationMessage")
            if by_event.get(e, {}).get("next")
        ]
        for event in ("incomingCall", "incomingRequest", "incomingParent"):
            if by_event.get(event, {}).get("next"):
                self.unsupported.append(
                    f"{field}.transitions.{event}: only inbound messages start a WhatsApp run"
                )
        if not wired:
            raise ValidationError(
                "the trigger starts nothing on an inbound message (wire "
                "incomingMessage or incomingConversationMessage)",
                field=f"{field}.transitions",
            )
        first = self.exit(by_event[wired[0]], f"{field}.transitions.{wired[0]}", "no_transition")
        if len(wired) == 2 and by_event[wired[1]].get("next") != by_event[wired[0]].get("next"):
            self.unsupported.append(
                f"{field}.transitions.{wired[1]}: one inbound message "
                f"starts one run, by {wired[0]}"
            )
        return n.Start(name, first)

    def timeout(self, props: Mapping[str, Json], field: str) -> timedelta:
        value = props.get("timeout")
        if value is None or value == "":
            return DEFAULT_STUDIO_TIMEOUT  # [rule twilio.studio.wait-timeout]
        seconds = int(value) if isinstance(value, str) and value.isdigit() else value
        limit = int(MAX_TIMEOUT.total_seconds())
        if type(seconds) is not int or not 0 < seconds <= limit:
            raise ValidationError(
                f"must be seconds from 1 to {limit}", field=f"{field}.timeout", value=value
            )
        return timedelta(seconds=seconds)

    def priority(self, props: Mapping[str, Json], field: str) -> int:
        value = props.get("priority", 0)
        if value is None or value == "":
            return 0
        number: Json = value
        if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 10:
            number = int(value)
        if type(number) is not int or not 0 <= number <= MAX_PRIORITY:
            if isinstance(value, str) and "{{" in value:
                self.problems.add(f"send-to-flex priority {value} ({field}.priority)")
                return 0
            raise ValidationError(
                f"must be an integer from 0 to {MAX_PRIORITY}",
                field=f"{field}.priority",
                value=value,
            )
        return number

    def split(
        self,
        name: str,
        props: Mapping[str, Json],
        matches: list[tuple[int, Mapping[str, Json]]],
        otherwise: n.Exit,
        field: str,
    ) -> n.Decide:
        source = props.get("input")
        if not isinstance(source, str):
            raise ValidationError(
                "must be the text to test", field=f"{field}.properties.input", value=source
            )
        default = pieces(source, f"{field}.properties.input", self.read)
        branches = []
        for i, transition in matches:
            where = f"{field}.transitions[{i}]"
            tests = []
            for j, item in enumerate(listed(transition, "conditions", where)):
                at = f"{where}.conditions[{j}]"
                condition = obj(item, at, ("friendly_name", "arguments", "type", "value"))
                kind, value = condition.get("type"), condition.get("value", "")
                if not isinstance(kind, str) or kind not in STUDIO_PREDICATES:
                    self.problems.add(f"split predicate {kind} ({at})")
                    continue
                if not isinstance(value, str):
                    raise ValidationError("must be a text", field=f"{at}.value", value=value)
                arguments = listed(condition, "arguments", at)
                argument = default
                if arguments and isinstance(arguments[0], str):
                    argument = pieces(arguments[0], f"{at}.arguments[0]", self.read)
                tests.append(predicate(str(kind), value, argument))
            label = ", ".join(
                f"{c.get('type')} {c.get('value', '')!r}"
                for c in listed(transition, "conditions", where)
                if isinstance(c, Mapping)
            )
            exit_ = self.exit(transition, where, "no_transition")
            branches.append(n.Branch(_all(tuple(tests)), exit_, label or "match"))
        return n.Decide(name, tuple(branches), otherwise)

    def assign(self, name: str, props: Mapping[str, Json], nxt: n.Exit, field: str) -> n.SetNode:
        values: list[tuple[str, n.Pieces | int | bool]] = []
        for i, item in enumerate(listed(props, "variables", field)):
            entry = obj(item, f"{field}.variables[{i}]", ("key", "value", "type"))
            key, value = entry.get("key"), entry.get("value", "")
            if not isinstance(key, str) or not key:
                raise ValidationError(
                    "must be a variable name", field=f"{field}.variables[{i}].key", value=key
                )
            if isinstance(value, bool) or type(value) is int:
                values.append((key, value))
            elif isinstance(value, str):
                values.append((key, pieces(value, f"{field}.variables[{i}].value", self.read)))
            else:
                raise ValidationError(
                    "must be a text", field=f"{field}.variables[{i}].value", value=value
                )
        return n.SetNode(name, tuple(values), nxt)


def _all(tests: tuple[Callable[[n.Scope], bool], ...]) -> n.Test:
    def test(scope: n.Scope, _at: datetime) -> bool:
        return all(t(scope) for t in tests)

    return test
