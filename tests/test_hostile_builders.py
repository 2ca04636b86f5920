"""Every public builder, constructor, reader and verifier, fed every hostile class.

The public callables are *discovered*: every class, class method, static method and
function named in the ``__all__`` of ``wamsg`` and of each concept package, and every
public method taking arguments of a public class. Each gets a valid baseline call, built
from specimens harvested from a real pipeline (the sample day folded, billed, planned;
provider round trips); then each argument in turn is replaced by a value of each hostile
class: wrong types, naive datetimes, datetimes out of range (years 1 and 9999; wamsg
accepts 1970 to 2200), lone surrogates, NaN and infinities, huge integers, deep nesting
(as Python values and as JSON text) and huge timedeltas. JSON arguments also get each
hostile class at every leaf.

The property: the call raises a :class:`~wamsg.WamsgError`, or it returns a value whose
texts encode as UTF-8, whose numbers are finite and printable, that keeps none of the
hostile values it should have refused, that writes canonical JSON (``to_dict``) and that
the rest of wamsg (sends, folds, decisions) takes without an exception outside the tree.

A new public callable is covered without a change here if its arguments have types the
tests know; otherwise :func:`test_every_public_callable_has_a_baseline` fails and names it.
"""

from __future__ import annotations

import contextlib
import enum
import importlib
import inspect
import json
import math
import pkgutil
import re
import typing
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from functools import partial
from pathlib import Path
from types import MappingProxyType
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tests.providers.test_contract as contracts
import wamsg
from tests.providers._support import SECRET
from tests.strategies import HOSTILE_BODIES, hostile_examples, hostile_values
from wamsg import (
    BusinessHours,
    Customer,
    Inbox,
    Message,
    MessageReceived,
    MessageSent,
    Outgoing,
    PhoneNumber,
    Text,
    UnknownProvider,
    ValidationError,
    WamsgError,
    WindowBook,
    WindowState,
    bill_events,
    decide_autoreply,
    decide_send,
    event_from_dict,
)
from wamsg.billing import Disagreement
from wamsg.content import Content
from wamsg.events import Event
from wamsg.inbox import preview
from wamsg.providers import (
    Dialog360Provider,
    HttpRequest,
    MetaProvider,
    Provider,
    SunshineProvider,
    TwilioProvider,
    VonageProvider,
    WebhookRequest,
)
from wamsg.templates import (
    Currency,
    Template,
    TemplateStatus,
    UnexpectedTransition,
    lint_template,
    template_from_dict,
    template_to_dict,
)
from wamsg.testing import SampleDay
from wamsg.window import FollowUpPolicy

UTC = timezone.utc
AT = datetime(2026, 11, 20, 12, tzinfo=UTC)
DAY = date(2026, 11, 20)
FIXTURES = Path(__file__).parent / "fixtures"
EXAMPLES = Path(__file__).parent.parent / "examples"

_NOT_CONCEPTS = frozenset({"__main__", "cli", "data", "beam"})
"""Entry points, packaged data, and ``wamsg.beam``: Apache Beam transforms over the states
fuzzed here, tested on Beam's own runner by ``tests/beam`` (with the ``beam`` extra)."""


def _concepts() -> tuple[str, ...]:
    found = sorted(
        f"wamsg.{module.name}"
        for module in pkgutil.iter_modules(wamsg.__path__)
        if not module.name.startswith("_") and module.name not in _NOT_CONCEPTS
    )
    return (*found, "wamsg")


CONCEPTS = _concepts()
"""Every public package and module of wamsg, the facade last: a name exported twice is
known by its concept package. ``wamsg.cli`` (argument parsers and ``run`` functions) is
left to its own tests."""


# -- discovery -------------------------------------------------------------------------


@dataclass(frozen=True)
class Public:
    """One public callable: a function, a constructor, or a method of a public class."""

    name: str
    owner: type | None  # the class, for constructors and methods
    attribute: str | None  # the method's name; None for constructors and functions
    function: Callable[..., object]
    bound: bool  # an instance method (called on a specimen of ``owner``)


def _takes_arguments(function: Callable[..., object]) -> bool:
    try:
        parameters = inspect.signature(function).parameters
    except (TypeError, ValueError):
        return False
    return any(name not in ("self", "cls") for name in parameters)


def public_callables() -> dict[str, Public]:
    """Every public callable of wamsg, by dotted name."""
    found: dict[str, Public] = {}
    seen: set[int] = set()
    for module_name in CONCEPTS:
        module = importlib.import_module(module_name)
        for name in module.__all__:
            value = getattr(module, name)
            if id(value) in seen:
                continue
            seen.add(id(value))
            dotted = f"{module_name}.{name}"
            if inspect.isclass(value) and value.__module__.startswith("wamsg"):
                found[dotted] = Public(dotted, value, None, value, bound=False)
                for attribute, raw in vars(value).items():
                    if attribute.startswith("_"):
                        continue
                    method = f"{dotted}.{attribute}"
                    if isinstance(raw, (classmethod, staticmethod)):
                        found[method] = Public(
                            method, value, attribute, getattr(value, attribute), bound=False
                        )
                    elif inspect.isfunction(raw) and _takes_arguments(raw):
                        found[method] = Public(method, value, attribute, raw, bound=True)
            elif inspect.isfunction(value):
                found[dotted] = Public(dotted, None, None, value, bound=False)
    return found


PUBLIC = public_callables()

EXEMPT: dict[str, str] = {
    # not builders: the error tree, abstract protocols, enumerations, the contract suite
    **{
        f"wamsg.errors.{n}": "an exception class: raised by wamsg, not a builder"
        for n in ("InvalidTransition", "SignatureError", "UnknownProvider", "ValidationError")
    },
    "wamsg.errors.WamsgError": "an exception class: raised by wamsg, not a builder",
    "wamsg.errors.ValidationError.within": "an exception's own helper, for wamsg's readers",
    "wamsg.testing.ProviderContract": "a test-suite base class for adapters, not a builder",
}
"""Public callables that are not fuzzed, with the reason."""

_PROTOCOL_NAMES = ("Accumulator", "Folded", "Provider", "WindowDecision", "WindowFacts")


def _exempt_reason(public: Public) -> str | None:
    if public.name in EXEMPT:
        return EXEMPT[public.name]
    owner = public.owner
    if owner is not None and getattr(owner, "_is_protocol", False):
        return "a Protocol: structural, implemented by the concrete classes"
    if owner is not None and issubclass(owner, BaseException):
        return "an exception class"
    if owner is not None and owner.__name__ in _PROTOCOL_NAMES:
        return "a Protocol"
    if owner is not None and public.attribute is None and issubclass(owner, enum.Enum):
        return "an Enum's own lookup (Python's); wamsg reads enumerations with .parse"
    if owner is not None and owner.__name__ == "ProviderContract":
        return "the contract suite's own test methods"
    return None


# -- specimens: one real value of every public class, harvested from a pipeline --------


def _annotation(parameter: inspect.Parameter) -> str:
    annotation = parameter.annotation
    if annotation is inspect.Parameter.empty:
        return ""
    return annotation if isinstance(annotation, str) else getattr(annotation, "__name__", "")


def _fields(value: object) -> tuple[attrs.Attribute[Any], ...]:
    """The attrs fields of ``value``'s class."""
    return attrs.fields(typing.cast(Any, type(value)))  # type: ignore[no-any-return]


def _walk_values(roots: list[object]) -> Iterator[object]:
    """Every value reachable from ``roots`` through attrs fields and containers."""
    stack = list(roots)
    seen: set[int] = set()
    while stack:
        value = stack.pop()
        if id(value) in seen:
            continue
        seen.add(id(value))
        yield value
        if attrs.has(type(value)):
            stack.extend(getattr(value, field.name) for field in _fields(value))
        elif isinstance(value, (tuple, list, set, frozenset)):
            stack.extend(value)
        elif isinstance(value, (dict, MappingProxyType)):
            stack.extend(value.keys())
            stack.extend(value.values())


def _routing_roots(day: SampleDay) -> list[object]:
    """Routing values: the sample day routed by its policy, traces, a TaskRouter import."""
    from wamsg.routing import (
        Router,
        agents_from_json,
        import_taskrouter,
        load_policy,
        message_context,
        parse_condition,
        work_item,
    )

    policy = load_policy(day.routing_policy)
    agents = agents_from_json(day.agents)
    router = Router(policy, agents=agents, customers=day.customers, trace="full")
    routed = [item for event in day.events if (item := router.feed(event)) is not None]
    first = routed[0]
    context = message_context(first.event)
    condition = parse_condition("business == '+15550783881' and customer.tier in ['vip']")
    workflow = json.loads((EXAMPLES / "routing" / "taskrouter_workflow.json").read_text())
    return [
        policy,
        policy.compiled,
        router.agents,
        routed,
        [item.decision.trace for item in routed],
        [item.assignment for item in routed],
        condition,
        condition.compile(),
        condition.compile().explain(context, day.at),
        work_item(policy, first.decision, context, item_id=first.event.message.id, at=day.at),
        import_taskrouter(workflow),
    ]


def _flow_roots(day: SampleDay) -> list[object]:
    """Flow values: the Zoom example flow, and the stream's answer to one inbound message."""
    from wamsg.flows import FlowStream, load_flow

    flow = load_flow(
        json.loads((EXAMPLES / "flows" / "zoom-whatsapp-for-business.json").read_text())
    )
    first = next(event for event in day.events if isinstance(event, MessageReceived))
    return [flow, FlowStream(flow).feed(first)]


def _pipeline() -> list[object]:
    """Values of (nearly) every public class, from the sample day and provider round trips."""
    from wamsg import bill_events, decide_autoreply, estimate, plan_followups
    from wamsg.billing import (
        BillingAccount,
        MonthLedger,
        OpenConversations,
        Pricer,
        RateCards,
        estimate_campaign,
        packaged_cards,
        price,
        reconcile,
        sends_from_events,
    )
    from wamsg.events import MessageStatus
    from wamsg.providers import default_registry
    from wamsg.templates import (
        RULES,
        Lifecycle,
        TemplateLibrary,
        can_send_template,
        choose_template,
        render,
        template_follow_up,
    )
    from wamsg.testing import sample_day
    from wamsg.window import window_overview

    day = sample_day()
    inbox = Inbox().fold(day.events)
    book = WindowBook().fold(day.events)
    hours = BusinessHours.parse(day.business_hours, timezone=day.timezone)
    overview = window_overview(book, at=day.at, hours=hours, margin=timedelta(minutes=2))
    library = TemplateLibrary.from_dicts(list(day.templates), default_language="en_US")
    spec = day.follow_up
    customer = Customer(phone=str(spec["customer"]))
    follow_up = template_follow_up(
        library,
        str(spec["template"]),
        customer=customer,
        preferred_languages=[str(x) for x in spec["languages"]],  # type: ignore[union-attr]
        at=day.at,
        body=[str(x) for x in spec["body"]],  # type: ignore[union-attr]
    )
    account = BillingAccount(time_zone=day.timezone)
    bill = bill_events(day.events, account=account)
    statuses = [e for e in day.events if isinstance(e, MessageStatus)]
    states = list(book)
    outgoing = contracts.TEXT
    sends, _, _ = sends_from_events(day.events)
    priced = price(sends[0], account, OpenConversations())
    pricer = Pricer(account)
    ledger = MonthLedger.of_sends(sends, month="2026-11", account=account)
    cards = packaged_cards()
    template = library.templates[0]
    roots: list[object] = [
        day,
        inbox,
        inbox.summary(at=day.at, timezone=day.timezone),
        book,
        hours,
        overview,
        library,
        follow_up,
        choose_template(library, template.name, ["fi"], day.at),
        can_send_template(library, template.name, template.language, at=day.at),
        render(template, ["Lucas", "#7781"]),
        lint_template(template),
        lint_template(template_from_dict({"name": "Bad Name", "language": "en_US"})),
        Lifecycle(),
        account,
        bill,
        reconcile(bill, statuses),
        [decide_send(state, "free_form", at=day.at) for state in states],
        [plan_followups(state, at=day.at, hours=hours) for state in states],
        [state.as_of(day.at) for state in states],
        decide_autoreply(hours, received_at=day.at),
        estimate(outgoing, outgoing.customer.phone, states[0].as_of(day.at), day.at),
        estimate_campaign(contracts.TEMPLATE, [PhoneNumber.parse("+14155550100")], day.at),
        priced,
        pricer,
        ledger,
        ledger.invoice(cards.select("USD", date(2026, 11, 1))),
        cards,
        RateCards(list(cards.cards)),
        [getattr(contracts, name) for name in ("TEXT", "IMAGE", "LOCATION", "BUTTONS", "LIST")],
        contracts.TEMPLATE,
    ]
    for contract in _contracts():
        for request in contract.good_requests():
            roots.append(request)
            roots.append(contract.provider.parse(request))
        for sendable, conversation_id in contract.sendable():
            roots.append(contract.provider.build_send(sendable, conversation_id=conversation_id))
        roots.append(contract.provider)
    roots.append(MetaProvider().parse_send_response(200, b'{"messages":[{"id":"wamid.1"}]}'))
    for path in sorted((FIXTURES / "meta").glob("*.json")):  # new fixtures add new kinds
        with contextlib.suppress(WamsgError):
            roots.append(MetaProvider().parse(WebhookRequest(body=path.read_bytes())))
    for path in sorted((FIXTURES / "templates").glob("*.json")):
        with contextlib.suppress(WamsgError):
            roots.append(template_from_dict(json.loads(path.read_bytes())))
    roots += _routing_roots(day)
    roots += _flow_roots(day)
    roots += [
        sends,
        RULES,
        default_registry(),
        template_from_dict(
            {
                "name": "t",
                "language": "en_US",
                "category": "UTILITY",
                "components": [{"type": "BODY", "text": "hi"}, {"type": "CAROUSEL"}],
            }
        ),
    ]
    return roots


def _contracts() -> list[Any]:
    return [
        contracts.TestMetaContract(),
        contracts.TestDialog360Contract(),
        contracts.TestTwilioContract(),
        contracts.TestSunshineContract(),
        contracts.TestVonageContract(),
    ]


def _harvest() -> dict[str, object]:
    found: dict[str, object] = {}
    for value in _walk_values(_pipeline()):
        found.setdefault(type(value).__name__, value)
    return found


SPECIMENS: dict[str, object] = _harvest()
"""One value of each class, by class name: baselines, receivers and example arguments."""

_DAY = SPECIMENS["SampleDay"]
assert isinstance(_DAY, SampleDay)
BUSINESS = PhoneNumber.parse("+15550783881")
CUSTOMER = Customer(phone="+16505551234", name="Sheena")
SPECIMENS.update(
    PhoneNumber=BUSINESS,
    Customer=CUSTOMER,
    Text=Text("Hei"),
    Outgoing=contracts.TEXT,
    WindowState=next(iter(WindowBook().fold(_DAY.events))),
    MetaProvider=contracts.TestMetaContract.provider,
    Dialog360Provider=contracts.TestDialog360Contract.provider,
    TwilioProvider=contracts.TestTwilioContract.provider,
    SunshineProvider=contracts.TestSunshineContract.provider,
    VonageProvider=contracts.TestVonageContract.provider,
)

SPECIMENS.update(
    Currency=Currency(fallback_value="$10", code="USD", amount_1000=10_000),
    Disagreement=Disagreement(
        message_id="wamid.1", field="category", expected="utility", reported="marketing"
    ),
    FollowUpPolicy=FollowUpPolicy(),
    UnexpectedTransition=UnexpectedTransition(
        previous=TemplateStatus.APPROVED, status=TemplateStatus.PENDING, status_raw="PENDING"
    ),
    FoldedBase=Inbox(),
)
RECEIVERS: dict[str, Callable[[], object]] = {
    "AccumulatorBase": lambda: Inbox().accumulator(),  # mutable: a fresh one for each call
}
"""Receivers of instance methods that are not plain specimens."""


# -- baselines: a valid call of each public callable ----------------------------------

_OMIT = object()  # an argument left to its default (an attrs factory, say)


class NoExample(LookupError):
    """No valid example argument is known for a parameter."""


BY_NAME: dict[str, object] = {
    "language": "en_US",
    "default_language": "en_US",
    "code": "en_US",
    "month": "2026-11",
    "currency": "USD",
    "timezone": "Europe/Helsinki",
    "time_zone": "Europe/Helsinki",
    "e164": "+14155550100",
    "phone": "+14155550100",
    "value": "US.13491208655302741918",
    "url": "https://helpdesk.example/webhooks",
    "secret": "app-secret",
    "app_secret": "app-secret",
    "auth_token": "token",
    "signature_secret": "secret",
    "verify_token": "token",
    "message_id": "wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQ",
    "name": "order_update",
    "template_category": "utility",
    "category": "utility",
    "market": "North America",
    "status": 200,
    "body": b'{"messages":[{"id":"wamid.1"}]}',
    "text": "Mon-Fri 08:00-17:00",
    "weekly": "Mon-Fri 08:00-17:00",
    "field": "id",
    "margin": timedelta(minutes=5),
    "issued_at": AT,
    "timestamp": AT.timestamp(),
    "preferred_languages": ("fi", "en"),
    "preferred": ("fi", "en"),
    "known": ("meta",),
}
"""Example arguments by parameter name, where the name says more than the type."""

OVERRIDES: dict[str, dict[str, object]] = {
    "wamsg.identity.BusinessScopedUserId": {"value": "US.13491208655302741918"},
    "wamsg.identity.Customer.from_dict": {"data": {"phone": "+14155550100", "name": "Ann"}},
    "wamsg.hours.BusinessHours": {"timezone": "Europe/Helsinki", "weekly": "Mon-Fri 08:00-17:00"},
    "wamsg.providers.MetaProvider.challenge": {
        "request": WebhookRequest(
            method="GET",
            url="https://h.example/meta?hub.mode=subscribe&hub.verify_token=token&hub.challenge=9",
        )
    },
    "wamsg.providers.get_provider": {"name": "meta"},
    "wamsg.providers.ProviderRegistry.get": {"name": "meta"},
    "wamsg.providers.path_segment": {"value": "106540352242922", "field": "id"},
    "wamsg.content.content_from_dict": {"data": {"kind": "text", "body": "hi"}},
    "wamsg.events.event_from_dict": {"data": SPECIMENS["MessageReceived"].to_dict()},  # type: ignore[attr-defined]
    "wamsg.templates.template_from_dict": {
        "data": {
            "name": "t",
            "language": "en_US",
            "category": "UTILITY",
            "components": [
                {"type": "BODY", "text": "Hi {{1}}", "example": {"body_text": [["A"]]}}
            ],
        }
    },
    "wamsg.templates.TemplateLibrary.from_dicts": {"items": list(_DAY.templates)},
    "wamsg.templates.template_follow_up": {
        "name": str(_DAY.follow_up["template"]),
        "preferred_languages": tuple(_DAY.follow_up["languages"]),  # type: ignore[arg-type]
        "body": tuple(_DAY.follow_up["body"]),  # type: ignore[arg-type]
    },
    "wamsg.identity.PhoneNumber.parse": {"text": "+1 (415) 555-0100"},
    "wamsg.identity.PhoneNumber.from_provider": {"text": "14155550100"},
    "wamsg.billing.RateCard.from_dict": {
        "data": {
            "name": "card",
            "currency": "USD",
            "effective": "2026-10-01",
            "unit": "message",
            "source": "a test card",
            "provenance": "transcribed",
            "rates": {"Finland": {"marketing": "0.0713", "utility": "0.0301"}, "Chile": "unknown"},
            "tiers": {"India": {"utility": [{"from": 1, "to": 50000000, "rate": "unknown"}]}},
        }
    },
    "wamsg.billing.parse_month": {"month": "2026-11"},
    "wamsg.providers.vonage_claims": {
        "request": contracts.TestVonageContract().good_requests()[0],
        "secret": SECRET,
    },
    "wamsg.providers.SunshineProvider.build_send": {"conversation_id": "conv1"},
    "wamsg.providers.SunshineProvider.build_notification": {"outgoing": contracts.TEMPLATE},
    "wamsg.window.at_utc": {"value": AT},
    "wamsg.routing.SplitArm": {"percent": 100, "route": (SPECIMENS["Step"],)},
    "wamsg.flows.step": {"run": None},
    "wamsg.billing.bill_of": {
        "ledger": SPECIMENS["Bill"].ledger,  # type: ignore[attr-defined]
        "charges": [m.charge for m in SPECIMENS["Bill"].charges],  # type: ignore[attr-defined]
        "card": None,
        "currency": "USD",
    },
    "wamsg.window.check_margin": {"margin": timedelta(minutes=5)},
}
"""Example arguments of particular callables."""

for _contract in _contracts():  # each adapter reads and verifies its own good requests
    _adapter = f"wamsg.providers.{type(_contract.provider).__name__}"
    OVERRIDES.setdefault(f"{_adapter}.parse", {})["request"] = _contract.good_requests()[0]
    OVERRIDES.setdefault(f"{_adapter}.verify", {}).update(
        request=_contract.good_requests()[0], secret=SECRET
    )

_ATOMS: dict[str, object] = {
    "str": "x",
    "int": 1,
    "float": 1.5,
    "bool": False,
    "bytes": b"{}",
    "object": "x",
    "datetime": AT,
    "date": DAY,
    "timedelta": timedelta(minutes=5),
    "Decimal": Decimal("0.0113"),
    "Json": "x",
    "JsonObject": {"k": "v"},
    "Hashable": "x",
    "Rate": Decimal("0.0113"),
    "ButtonValue": "x",
    "BodyValue": "x",
    "HeaderValue": "x",
    "Interval": (480, 1020),
    "Content": Text("Hei"),
    "OutgoingContent": Text("Hei"),
    "Event": SPECIMENS["MessageReceived"],
    "TemplateEvent": SPECIMENS["TemplateStatusChanged"],
    "WindowFacts": SPECIMENS["WindowSnapshot"],
    "Provider": SPECIMENS["MetaProvider"],
    "_E": SPECIMENS["MessageStatus"],
    "FlowEvent": SPECIMENS["MessageReceived"],
    "_ItemT": SPECIMENS["MessageReceived"],
    "_ItemIn": SPECIMENS["MessageReceived"],
}


_ENUMS = {
    p.owner.__name__: p.owner
    for p in PUBLIC.values()
    if p.owner is not None and issubclass(p.owner, enum.Enum)
}


_CLASSES = {
    p.owner.__name__: p
    for p in PUBLIC.values()
    if p.owner is not None and p.attribute is None and not issubclass(p.owner, enum.Enum)
}
_BUILDING: set[str] = set()


def _split(text: str, separator: str) -> list[str]:
    """``text`` split at top-level ``separator`` (not inside brackets)."""
    parts, depth, start = [], 0, 0
    for index, char in enumerate(text):
        depth += char == "["
        depth -= char == "]"
        if depth == 0 and text.startswith(separator, index):
            parts.append(text[start:index].strip())
            start = index + len(separator)
    parts.append(text[start:].strip())
    return parts


def example_of(annotation: str) -> object:
    """A valid value of the type ``annotation`` names (a string, as annotations are)."""
    for alternative in _split(annotation, "|"):
        if alternative == "None":
            continue
        with contextlib.suppress(NoExample):
            return _example_of_one(alternative)
    raise NoExample(annotation)


def _example_of_one(annotation: str) -> object:
    annotation = annotation.strip("'\"")
    if annotation in _ATOMS:
        return _ATOMS[annotation]
    if annotation in SPECIMENS:
        return SPECIMENS[annotation]
    if annotation in _ENUMS:
        return next(iter(_ENUMS[annotation]))
    if annotation in _CLASSES and annotation not in _BUILDING:
        _BUILDING.add(annotation)  # a value of a public class: built by its own baseline
        try:
            return baseline(_CLASSES[annotation]).invoke()
        except WamsgError as error:
            raise NoExample(f"{annotation} (its baseline raised {error})") from None
        finally:
            _BUILDING.discard(annotation)
    head, _, rest = annotation.partition("[")
    if not rest:
        raise NoExample(annotation)
    arguments = _split(rest[:-1], ",")
    if head in ("Iterable", "Sequence", "tuple", "list", "frozenset", "Collection"):
        if head == "tuple" and not (len(arguments) == 2 and arguments[1] == "..."):
            return tuple(example_of(argument) for argument in arguments)
        item = example_of(arguments[0])
        return frozenset([item]) if head == "frozenset" else (item,)
    if head in ("Mapping", "dict"):
        return {example_of(arguments[0]): example_of(arguments[1])}
    raise NoExample(annotation)


@dataclass
class Baseline:
    """A valid call: the callable to call and its arguments by parameter."""

    call: Callable[..., object]
    parameters: list[inspect.Parameter]
    values: dict[str, object]

    def invoke(self, changed: Mapping[str, object] = MappingProxyType({})) -> object:
        args: list[object] = []
        kwargs: dict[str, object] = {}
        for parameter in self.parameters:
            value = changed.get(parameter.name, self.values[parameter.name])
            if value is _OMIT:
                continue
            if parameter.kind is inspect.Parameter.POSITIONAL_ONLY:
                args.append(value)
            else:
                kwargs[parameter.name] = value
        return self.call(*args, **kwargs)


def _receiver(owner: type) -> object:
    factory = RECEIVERS.get(owner.__name__)
    if factory is not None:
        return factory()
    if owner.__name__ in SPECIMENS:
        return SPECIMENS[owner.__name__]
    if issubclass(owner, enum.Enum):
        return next(iter(owner))
    constructor = next((p for p in PUBLIC.values() if p.function is owner), None)
    if constructor is None:
        raise NoExample(f"a receiver of class {owner.__name__}")
    return baseline(constructor).invoke()  # a value built by its own baseline call


def _special(public: Public, parameter: inspect.Parameter) -> object:
    """The example of readers whose argument is another value's written form."""
    owner = public.owner
    if owner is None or public.bound or public.attribute is None:
        return _OMIT
    if issubclass(owner, enum.Enum) and parameter.annotation in ("str", "object"):
        return next(iter(owner)).value  # ``Quality.parse("GREEN")``
    if public.attribute == "from_dict" and parameter.name == "data":
        written = getattr(_receiver(owner), "to_dict", None)
        return _OMIT if written is None else written()
    return _OMIT


def baseline(public: Public) -> Baseline:
    """The valid call of ``public`` (raises :class:`NoExample` when none can be built)."""
    if public.bound:
        assert public.owner is not None
        assert public.attribute is not None
        call = getattr(_receiver(public.owner), public.attribute)
    else:
        call = public.function
    signature = inspect.signature(call)
    parameters = [
        p
        for p in signature.parameters.values()
        if p.kind not in (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD)
    ]
    overrides = OVERRIDES.get(public.name, {})
    specimen = (
        SPECIMENS.get(public.owner.__name__) if public.owner and not public.attribute else None
    )
    values: dict[str, object] = {}
    for parameter in parameters:
        special = _special(public, parameter)
        if parameter.name in overrides:
            values[parameter.name] = overrides[parameter.name]
        elif special is not _OMIT:
            values[parameter.name] = special
        elif specimen is not None and attrs.has(type(specimen)) and _is_field(specimen, parameter):
            values[parameter.name] = _field_value(specimen, parameter.name)
        elif parameter.default is not inspect.Parameter.empty:
            values[parameter.name] = (
                _OMIT if parameter.default is attrs.NOTHING else parameter.default
            )
        elif parameter.name in BY_NAME and not _names_a_class(_annotation(parameter)):
            values[parameter.name] = BY_NAME[parameter.name]
        else:
            values[parameter.name] = example_of(_annotation(parameter))
    return Baseline(call, parameters, values)


def _names_a_class(annotation: str) -> bool:
    """Whether ``annotation`` names one of wamsg's classes (its example beats the name's)."""
    words = set(re.findall(r"[A-Za-z_]+", annotation))
    return bool(words & (set(_CLASSES) | set(_ENUMS)))


def _is_field(specimen: object, parameter: inspect.Parameter) -> bool:
    return any(f.alias == parameter.name and f.init for f in _fields(specimen))


def _field_value(specimen: object, alias: str) -> object:
    field = next(f for f in _fields(specimen) if f.alias == alias)
    return getattr(specimen, field.name)


# -- what is fuzzed how -------------------------------------------------------------------

ANSWERS = frozenset(
    {
        # values wamsg computes and returns; a hand-built one is a record, not checked
        "AutoReplyDecision",
        "Bill",
        "BilledMessage",
        "Body",
        "Button",
        "Buttons",
        "CampaignEstimate",
        "CampaignLine",
        "Charge",
        "Conversation",
        "Disagreement",
        "Estimate",
        "Finding",
        "FindingLocation",
        "FollowUp",
        "Footer",
        "Header",
        "Inbox",
        "InboxSummary",
        "Invoice",
        "LastMessage",
        "Lifecycle",
        "Line",
        "MonthLedger",
        "OpenConversations",
        "OtherComponent",
        "PairOverview",
        "Priced",
        "Pricer",
        "RateCard",
        "RateCards",
        "RenderedTemplate",
        "Rule",
        "SampleDay",
        "Send",
        "SendDecision",
        "SendResult",
        "ServiceFreeTier",
        "Template",
        "TemplateChoice",
        "TemplateFollowUp",
        "TemplateSendDecision",
        "Tier",
        "UnexpectedTransition",
        "Window",
        "WindowBook",
        "WindowSnapshot",
        "WindowState",
    }
)
"""Classes whose constructors are not fuzzed: answers (and folded states) wamsg builds.

Their readers (``RateCard.from_dict``, ``template_from_dict`` …), their methods and the
functions that compute them are fuzzed like every other public callable.
"""

_READER_METHODS = frozenset(
    {
        "challenge",
        "from_dict",
        "from_dicts",
        "from_provider",
        "get",
        "header",
        "map_error",
        "parse",
        "parse_send_response",
        "query_value",
        "strict",
        "verify",
    }
)
_READER_FUNCTIONS = frozenset(
    {
        "at_utc",
        "base_language",
        "check_margin",
        "content_from_dict",
        "dialog360_signature",
        "event_from_dict",
        "get_provider",
        "is_secret_header",
        "kind_from_text",
        "language_chain",
        "meta_error_kind",
        "meta_signature",
        "normalize_language",
        "parse_month",
        "path_segment",
        "sunshine_error_kind",
        "template_from_dict",
        "twilio_error_kind",
        "twilio_signature",
        "vonage_claims",
        "vonage_error_kind",
    }
)
_READER_CLASSES = frozenset(
    {"BusinessScopedUserId", "HttpRequest", "PhoneNumber", "WebhookRequest"}
)


def is_reader(public: Public) -> bool:
    """Readers, parsers and verifiers: they take what arrives from outside, of any type."""
    last = public.name.rsplit(".", 1)[1]
    if public.owner is None:
        return last in _READER_FUNCTIONS
    if public.attribute is None:
        return public.owner.__name__ in _READER_CLASSES
    return public.attribute in _READER_METHODS


def _fuzzed(public: Public) -> bool:
    if _exempt_reason(public) is not None:
        return False
    return not (public.attribute is None and public.owner and public.owner.__name__ in ANSWERS)


FUZZED = sorted(name for name, public in PUBLIC.items() if _fuzzed(public))
READERS = [name for name in FUZZED if is_reader(PUBLIC[name])]
BUILDERS = [name for name in FUZZED if not is_reader(PUBLIC[name])]


# -- hostile classes by parameter -------------------------------------------------------

GROUPS: dict[str, str] = {
    **dict.fromkeys(
        ("None", "int", "bool", "float", "str", "bytes", "tuple", "list", "dict", "object"),
        "wrong type",
    ),
    **dict.fromkeys(
        (
            "naive datetime",
            "year 1",
            "year 9999",
            "year 9999 west of UTC",
            "before 1970",
            "from 2200",
            "date year 1",
            "date year 9999",
        ),
        "time",
    ),
    **dict.fromkeys(
        (
            "lone surrogate",
            "lone surrogate inside",
            "surrogate in a list",
            "surrogate key",
            "surrogate value",
        ),
        "surrogate",
    ),
    **dict.fromkeys(
        (
            "nan",
            "inf",
            "-inf",
            "decimal nan",
            "decimal infinity",
            "decimal huge exponent",
            "huge int",
            "huge negative int",
            "2**64",
            "1e308",
        ),
        "number",
    ),
    **dict.fromkeys(("deep list", "deep dict"), "nesting"),
    **dict.fromkeys(
        ("timedelta max", "timedelta min", "huge timedelta", "negative timedelta"), "timedelta"
    ),
}
"""The hostile class of each example of :func:`tests.strategies.hostile_examples`."""

_WORDS_OF = {
    str: {
        "str",
        "Json",
        "object",
        "Iterable",
        "Sequence",
        "ButtonValue",
        "BodyValue",
        "HeaderValue",
        "Rate",
    },
    int: {"int", "float", "Json", "object"},
    bool: {"bool", "int", "float", "Json", "object", "WindowDecision"},
    float: {"float", "Json", "object"},
    bytes: {"bytes", "object"},
    tuple: {"tuple", "Iterable", "Sequence", "object"},
    list: {"list", "Iterable", "Sequence", "Json", "object"},
    dict: {"dict", "Mapping", "Json", "JsonObject", "object", "Iterable"},
    datetime: {"datetime", "date", "object"},
    date: {"date", "object"},
    Decimal: {"Decimal", "Rate", "object"},
    timedelta: {"timedelta", "object"},
    type(None): {"None", "object", "Json"},
}
_NEVER_VALID = frozenset(
    label for label, group in GROUPS.items() if group in ("time", "nesting", "timedelta")
) | {"object", "decimal nan", "decimal infinity", "decimal huge exponent"}
"""Hostile values no argument takes as they are: keeping one is a bug (not a refusal)."""


_CONTAINERS = frozenset({"Iterable", "Sequence", "tuple", "list", "frozenset"})


def fits(value: object, annotation: str) -> bool:
    """Whether ``value``'s type is among those ``annotation`` (a string) allows.

    Only the outer types count (``dict[str, float]`` takes a dict, not a float); a string
    is an iterable of strings only.
    """
    kind = type(value) if type(value) in _WORDS_OF else object
    for alternative in _split(annotation.strip("'\""), "|"):
        head, _, inner = alternative.partition("[")
        if kind is object:
            if head == "object":
                return True
            continue
        if head not in _WORDS_OF[kind]:
            continue
        if kind is str and head in _CONTAINERS and "str" not in inner:
            continue
        return True
    return False


@dataclass(frozen=True)
class Hostile:
    label: str
    group: str
    value: object


def hostile_for(parameter: inspect.Parameter) -> list[Hostile]:
    """Every hostile class for one parameter: values of its type, and of other types.

    A value of another type is in the ``wrong type`` group whatever it holds; a value of
    the parameter's type is in its own class's group. Bodies and requests get hostile
    JSON texts too (group ``json text``).
    """
    annotation = _annotation(parameter)
    found = []
    for label, value in hostile_examples():
        group = GROUPS[label] if fits(value, annotation) else "wrong type"
        found.append(Hostile(label, group, value))
    if re.search(r"\bbytes\b", annotation):
        found += [Hostile(f"body {b[:16]!r}", "json text", b) for b in HOSTILE_BODIES]
    if "WebhookRequest" in annotation:
        for body in HOSTILE_BODIES:
            for kind in ("application/json", "application/x-www-form-urlencoded"):
                request = WebhookRequest(body=body, headers=[("Content-Type", kind)])
                found.append(Hostile(f"request {kind} {body[:16]!r}", "json text", request))
    return found


# -- the property -------------------------------------------------------------------------

_CONTENT_TYPES = typing.get_args(Content)
_EVENT_TYPES = typing.get_args(Event)
_MAX_DEPTH = 200


class Escaped(AssertionError):
    """A hostile value got through: an exception outside the tree, or a bad result."""


def _no_bad_leaves(value: object, kept: Mapping[int, str]) -> None:
    """Everything ``value`` holds is encodable text, a finite printable number, no kept hostile."""
    stack: list[tuple[object, int]] = [(value, 0)]
    seen: set[int] = set()
    while stack:
        item, depth = stack.pop()
        if id(item) in kept:
            raise Escaped(f"kept the hostile value ({kept[id(item)]}) as it is")
        if depth > _MAX_DEPTH:
            raise Escaped(f"holds values nested more than {_MAX_DEPTH} deep")
        if isinstance(item, str):
            item.encode("utf-8")  # UnicodeEncodeError: a lone surrogate was kept
        elif isinstance(item, float) and not math.isfinite(item):
            raise Escaped(f"holds the non-finite float {item}")
        elif isinstance(item, Decimal) and not item.is_finite():
            raise Escaped(f"holds the non-finite decimal {item}")
        elif isinstance(item, int) and not isinstance(item, bool):
            str(item)  # ValueError: more digits than str() writes
        if id(item) in seen or isinstance(item, (str, bytes, int, float, type, enum.Enum)):
            continue
        seen.add(id(item))
        if attrs.has(type(item)):
            stack.extend((getattr(item, f.name), depth + 1) for f in _fields(item))
        elif isinstance(item, (tuple, list, set, frozenset)):
            stack.extend((member, depth + 1) for member in item)
        elif isinstance(item, (dict, MappingProxyType)):
            stack.extend((member, depth + 1) for member in (*item.keys(), *item.values()))


def _written(value: object) -> None:
    """Canonical JSON, strict and UTF-8, for values that have a written form."""
    to_dict = getattr(value, "to_dict", None)
    if callable(to_dict) and not isinstance(value, type):
        json.dumps(to_dict(), allow_nan=False, ensure_ascii=False).encode("utf-8")


_PROVIDERS: list[Provider] = [
    MetaProvider(phone_number_id="106540352242922", access_token="token"),
    Dialog360Provider(api_key="key"),
    TwilioProvider(account_sid="AC" + "0" * 32, auth_token="token"),
    SunshineProvider(app_id="app", key_id="app_1", key_secret="s", integration_id="int1"),
    VonageProvider(api_key="k", api_secret="s"),
]


def _request_written(request: HttpRequest | None) -> None:
    """A request wamsg built: UTF-8 text, and JSON when it says so."""
    if request is None:
        return
    request.body.decode("utf-8")
    if request.header("Content-Type") == "application/json":
        request.json()


def _sends(outgoing: Outgoing) -> None:
    for provider in _PROVIDERS:
        with contextlib.suppress(WamsgError):
            _request_written(provider.build_send(outgoing, conversation_id="conv1"))
    with contextlib.suppress(WamsgError):
        decide_send(WindowState.empty(outgoing.business, outgoing.customer), outgoing, at=AT)


def _folds(events: list[Event]) -> None:
    for event in events:
        with contextlib.suppress(WamsgError):
            event_from_dict(event.to_dict())
    for state in WindowBook().fold(events):
        decide_send(state, "free_form", at=AT)
    inbox = Inbox().fold(events)
    inbox.rows()
    inbox.summary(at=AT, timezone="Europe/Helsinki")
    with contextlib.suppress(WamsgError):
        bill_events(events, month="2026-11")


def _downstream(value: object) -> None:
    """Hand a built value to the parts of wamsg that take it."""
    if isinstance(value, HttpRequest):  # the caller's own bytes: any body, read or refused
        with contextlib.suppress(WamsgError):
            value.json()
    elif isinstance(value, Outgoing):
        _sends(value)
    elif isinstance(value, _CONTENT_TYPES):
        preview(value)
        _sends(Outgoing(business=BUSINESS, customer=CUSTOMER, content=value))
    elif isinstance(value, Customer):
        _sends(Outgoing(business=BUSINESS, customer=value, content=Text("Hei")))
    elif isinstance(value, PhoneNumber):
        _sends(Outgoing(business=value, customer=Customer(phone=value), content=Text("Hei")))
    elif isinstance(value, Message):
        received = MessageReceived(provider="meta", message=value)
        _folds([received, MessageSent(provider="meta", message=value, operator="agent")])
    elif isinstance(value, _EVENT_TYPES):
        _folds([value])
    elif isinstance(value, tuple) and value and all(isinstance(e, _EVENT_TYPES) for e in value):
        _folds(list(value))
    elif isinstance(value, Template):
        lint_template(value)
        json.dumps(template_to_dict(value), allow_nan=False).encode("utf-8")
    elif isinstance(value, BusinessHours):
        value.describe()
        for moment in (AT, AT + timedelta(days=200)):
            value.is_open(moment)
            value.next_open(moment)
            decide_autoreply(value, received_at=moment)
    elif isinstance(value, WebhookRequest):
        for provider in _PROVIDERS:
            with contextlib.suppress(WamsgError):
                _folds(list(provider.parse(value)))
            with contextlib.suppress(WamsgError):
                provider.verify(value, "secret")
    elif isinstance(value, WindowState):
        decide_send(value, "free_form", at=AT)
        value.as_of(AT)


def check(call: Callable[[], object], kept: Mapping[int, str] = MappingProxyType({})) -> None:
    """The property for one call (``kept``: ids of hostile values it must not keep)."""
    try:
        value = call()
    except WamsgError:
        return
    except Exception as error:
        raise Escaped(f"raised {type(error).__name__}: {str(error)[:160]}") from error
    try:
        repr(value)
        _no_bad_leaves(value, kept)
        _written(value)
        _downstream(value)
    except Escaped:
        raise
    except WamsgError as error:
        raise Escaped(f"the value built raised {error!r} later on") from error
    except Exception as error:
        message = f"{type(error).__name__}: {str(error)[:160]}"
        raise Escaped(f"the value built then raised {message}") from error


def escapes(name: str) -> dict[str, list[str]]:
    """The hostile classes that get through ``name``, each with what happened."""
    public = PUBLIC[name]
    found: dict[str, list[str]] = {}
    for parameter in baseline(public).parameters:
        for hostile in hostile_for(parameter):
            fresh = baseline(public)  # the receivers of some methods are mutable
            kept = {id(hostile.value): hostile.label} if hostile.label in _NEVER_VALID else {}
            try:
                check(partial(fresh.invoke, {parameter.name: hostile.value}), kept)
            except Escaped as error:
                found.setdefault(hostile.group, []).append(
                    f"{parameter.name}={hostile.label}: {error}"
                )
    return found


# -- the ledger of known gaps -----------------------------------------------------------

KNOWN_GAPS: dict[str, frozenset[str]] = {}  # generated by print_known_gaps(): none left
"""Hostile classes that still get through each public callable (none for the readers).

``wrong type``: a value of a type the annotation does not allow (a typed caller cannot
pass it; mypy --strict refuses it) is kept, or raises outside the error tree.
``surrogate`` / ``number`` / ``time`` / ``timedelta`` / ``nesting``: a value of the
declared type that should be refused (a lone surrogate in a ``str``, NaN or a huge int,
a naive or out-of-range datetime, a huge timedelta, deep nesting) is kept, or breaks
later. Fix one, then remove it here: the test fails until the ledger says the truth.
"""


def print_known_gaps() -> None:  # pragma: no cover - a maintenance helper
    """Print :data:`KNOWN_GAPS` as it is now (``python -c "import tests.test_hostile_builders
    as t; t.print_known_gaps()"``)."""
    order = ["wrong type", "surrogate", "number", "time", "timedelta", "nesting", "json text"]
    print("KNOWN_GAPS: dict[str, frozenset[str]] = {")
    for name in FUZZED:
        groups = set(escapes(name))
        if groups:
            listed = ", ".join(f'"{group}"' for group in order if group in groups)
            print(f'    "{name}": frozenset({{{listed}}}),')
    print("}")


# -- the tests ----------------------------------------------------------------------------

_DATA_WORDS = frozenset(
    {
        "str",
        "int",
        "float",
        "bool",
        "bytes",
        "object",
        "Json",
        "JsonObject",
        "Mapping",
        "Iterable",
        "Sequence",
        "tuple",
        "list",
        "dict",
        "None",
    }
)
_LABELS = frozenset({"field"})  # a reader's error path prefix: a literal of the calling code


def outside_data(name: str) -> list[str]:
    """The parameters of a reader that carry data from outside (of plain JSON-ish types)."""
    try:
        parameters = baseline(PUBLIC[name]).parameters
    except NoExample:  # reported by test_every_public_callable_has_a_baseline
        return []
    return [
        parameter.name
        for parameter in parameters
        if parameter.name not in _LABELS
        and set(re.findall(r"[A-Za-z_]+", _annotation(parameter))) <= _DATA_WORDS
    ]


def test_every_public_callable_has_a_baseline() -> None:
    """Discovery: every public callable is exempt (with a reason) or has a valid call.

    A new public name whose arguments no specimen, example or override can fill fails
    here: add an example (``BY_NAME``, ``OVERRIDES``, ``SPECIMENS``) so that it is fuzzed.
    """
    missing, broken = [], []
    for name in FUZZED:
        try:
            call = baseline(PUBLIC[name])
        except NoExample as error:
            missing.append(f"{name}: no example for {error}")
            continue
        try:
            check(call.invoke)
        except Escaped as error:
            broken.append(f"{name}: {error}")
    assert not missing, "\n".join(missing)
    assert not broken, "\n".join(broken)
    assert len(FUZZED) > 250  # the discovery finds the whole API, not a part of it
    for name in (
        "wamsg.outgoing.Outgoing",
        "wamsg.content.Text",
        "wamsg.content.Media",
        "wamsg.identity.PhoneNumber.parse",
        "wamsg.identity.Customer",
        "wamsg.events.MessageSent",
        "wamsg.hours.BusinessHours.parse",
        "wamsg.window.decide_send",
        "wamsg.billing.estimate",
        "wamsg.templates.render",
        "wamsg.providers.MetaProvider.build_send",
        "wamsg.providers.SunshineProvider.build_notification",
        "wamsg.providers.TwilioProvider.verify",
        "wamsg.testing.signed_meta_request",
    ):
        assert name in FUZZED, name


def test_the_exempt_names_are_public() -> None:
    assert set(EXEMPT) <= set(PUBLIC)
    for name, public in PUBLIC.items():
        if not _fuzzed(public):
            reason = _exempt_reason(public) or "an answer: see ANSWERS"
            assert reason, name


@pytest.mark.parametrize("name", READERS)
def test_readers_refuse_every_hostile_class_of_outside_data(name: str) -> None:
    """Readers, parsers and verifiers: every hostile class, wrong types included."""
    data = set(outside_data(name))
    found = [
        message
        for messages in escapes(name).values()
        for message in messages
        if message.split("=", 1)[0] in data
    ]
    assert not found, "\n".join(found)


@pytest.mark.parametrize("name", FUZZED)
def test_hostile_classes_that_get_through_are_the_known_gaps(name: str) -> None:
    """Every public callable, every hostile class: what gets through is exactly the ledger.

    :data:`KNOWN_GAPS` lists, for each callable, the hostile classes that a typed caller
    can still pass and that are not refused yet. A new gap fails; so does a fixed one
    (remove it from the ledger, so that it stays fixed).
    """
    found = escapes(name)
    known = KNOWN_GAPS.get(name, frozenset())
    new = {group: found[group][:3] for group in sorted(set(found) - known)}
    assert not new, f"{name}: new gaps (refuse them, or list them in KNOWN_GAPS): {new}"
    fixed = sorted(known - set(found))
    assert not fixed, f"{name}: {fixed} no longer get through: remove them from KNOWN_GAPS"


def _json_arguments() -> list[tuple[str, str]]:
    found = []
    for name in READERS:
        try:
            call = baseline(PUBLIC[name])
        except NoExample:  # reported by test_every_public_callable_has_a_baseline
            continue
        for parameter in call.parameters:
            if isinstance(call.values[parameter.name], (dict, list)):
                found.append((name, parameter.name))
    return found


def _leaves(value: object, prefix: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    if isinstance(value, dict) and value:
        return [p for key in value for p in _leaves(value[key], (*prefix, key))]
    if isinstance(value, list) and value:
        return [p for i, item in enumerate(value) for p in _leaves(item, (*prefix, i))]
    return [prefix]


def _replaced(value: Any, path: tuple[Any, ...], leaf: object) -> Any:
    if not path:
        return leaf
    copy = dict(value) if isinstance(value, dict) else list(value)
    copy[path[0]] = _replaced(value[path[0]], path[1:], leaf)
    return copy


@pytest.mark.parametrize(("name", "parameter"), _json_arguments())
def test_json_readers_refuse_every_hostile_class_at_every_leaf(name: str, parameter: str) -> None:
    """Each leaf of a reader's JSON argument, replaced by each hostile class in turn."""
    call = baseline(PUBLIC[name])
    document = call.values[parameter]
    found = []
    for path in _leaves(document):
        for label, hostile in hostile_examples():
            changed = {parameter: _replaced(document, path, hostile)}
            kept = {id(hostile): label} if label in _NEVER_VALID else {}
            try:
                check(partial(call.invoke, changed), kept)
            except Escaped as error:
                found.append(f"{'.'.join(map(str, path))}={label}: {error}")
    assert not found, "\n".join(found[:20])


_OUTSIDE = [(name, parameter) for name in READERS for parameter in outside_data(name)]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(_OUTSIDE), hostile_values)
def test_readers_refuse_generated_hostile_values(where: tuple[str, str], hostile: object) -> None:
    name, parameter = where
    call = baseline(PUBLIC[name])
    check(partial(call.invoke, {parameter: hostile}))


# -- regressions: what this fuzz found ---------------------------------------------------


def _deep_dict(depth: int) -> dict[str, object]:
    value: dict[str, object] = {"x": "y"}
    for _ in range(depth):
        value = {"a": value}
    return value


@pytest.mark.parametrize("data", [None, 5, "id", ["x"]])
def test_media_from_dict_refuses_what_is_not_an_object(data: object) -> None:
    from wamsg.content import Media

    with pytest.raises(ValidationError, match="must be a JSON object"):
        Media.from_dict(data)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "details",
    [{"headline": "\ud800"}, {"\udfff": "x"}, {"body": math.nan}, _deep_dict(600)],
    ids=["surrogate value", "surrogate key", "nan", "deep"],
)
def test_referral_details_are_strict_json(details: dict[str, object]) -> None:
    from wamsg.messages import Referral

    with pytest.raises(ValidationError, match=r"context\.referral"):
        Referral.from_dict({"source_type": "ad", **details})


def test_error_codes_and_template_ids_are_text() -> None:
    from wamsg.delivery import ErrorDetail
    from wamsg.events import TemplateIdentity

    with pytest.raises(ValidationError, match="code"):
        ErrorDetail.from_dict({"code": "a\ud800"})
    with pytest.raises(ValidationError, match=r"template\.id"):
        TemplateIdentity.from_dict({"id": "\udfff"})


@pytest.mark.parametrize(
    "data",
    [{"kind": "\ud800"}, {"kind": "hologram", "x": math.inf}, {"kind": "new", "d": 10**5000}],
    ids=["surrogate kind", "infinity", "huge int"],
)
def test_an_unknown_content_kind_is_kept_only_as_strict_json(data: dict[str, object]) -> None:
    from wamsg.content import content_from_dict

    with pytest.raises(ValidationError):
        content_from_dict(data)


@pytest.mark.parametrize(
    "change",
    [{"provenance": ["official"]}, {"unit": "\ud800"}, {"note": _deep_dict(600)}],
    ids=["provenance list", "surrogate unit", "deep note"],
)
def test_a_rate_card_is_strict_json_and_its_provenance_a_word(change: dict[str, object]) -> None:
    from wamsg.billing import RateCard

    data = {**OVERRIDES["wamsg.billing.RateCard.from_dict"]["data"], **change}  # type: ignore[dict-item]
    with pytest.raises(ValidationError):
        RateCard.from_dict(data)


def test_a_phone_numbers_checked_flag_is_a_boolean() -> None:
    with pytest.raises(ValidationError, match="true or false"):
        PhoneNumber("+14155550100", checked="no")  # type: ignore[arg-type]


@pytest.mark.parametrize("value", [5, None, ["APPROVED"], b"APPROVED"])
def test_template_enumerations_read_what_is_not_text_as_unknown(value: object) -> None:
    from wamsg.templates import Category, Quality, TemplateStatus

    assert Category.parse(value) is Category.UNKNOWN  # type: ignore[arg-type]
    assert Quality.parse(value) is Quality.UNKNOWN  # type: ignore[arg-type]
    assert TemplateStatus.parse(value) is TemplateStatus.UNKNOWN  # type: ignore[arg-type]


def test_language_readers_refuse_surrogates_and_wrong_types() -> None:
    from wamsg.templates import TemplateLibrary, base_language, language_chain, normalize_language

    for call in (
        lambda: normalize_language("en_\ud800"),
        lambda: base_language(None),  # type: ignore[arg-type]
        lambda: base_language("\udfff"),
        lambda: language_chain(None, "en_US"),  # type: ignore[arg-type]
        lambda: language_chain(["fi"], "\ud800"),
        lambda: TemplateLibrary.from_dicts([], default_language="\ud800"),
        lambda: TemplateLibrary(templates=()).get(["order"], "en_US"),  # type: ignore[arg-type]
    ):
        with pytest.raises(ValidationError):
            call()


@pytest.mark.parametrize("provider", _PROVIDERS, ids=lambda p: p.name)
@pytest.mark.parametrize(
    ("status", "body"),
    [(None, b"{}"), (10**5000, b"{}"), (True, b"{}"), (200, None), (200, 5)],
    ids=["no status", "huge status", "bool status", "no body", "int body"],
)
def test_send_responses_refuse_a_status_or_body_of_the_wrong_type(
    provider: Any, status: object, body: object
) -> None:
    with pytest.raises(ValidationError):
        provider.parse_send_response(status, body)


def test_header_names_signatures_and_error_codes_of_the_wrong_type() -> None:
    from wamsg.providers import (
        dialog360_signature,
        get_provider,
        is_secret_header,
        kind_from_text,
        meta_signature,
        sunshine_error_kind,
        twilio_signature,
    )
    from wamsg.providers.errors import ErrorKind

    request = WebhookRequest(body=b"{}")
    for call in (
        lambda: request.header(None),  # type: ignore[arg-type]
        lambda: HttpRequest(method="POST", url="https://x.example").header(5),  # type: ignore[arg-type]
        lambda: is_secret_header(None),  # type: ignore[arg-type]
        lambda: meta_signature(5, "secret"),  # type: ignore[arg-type]
        lambda: dialog360_signature(None, "secret"),  # type: ignore[arg-type]
        lambda: twilio_signature("https://x.example/\ud800", [], "token"),
        lambda: twilio_signature(None, [], "token"),  # type: ignore[arg-type]
        lambda: twilio_signature("https://x.example", [("Body",)], "token"),  # type: ignore[list-item]
        lambda: twilio_signature("https://x.example", [("Body", "\ud800")], "token"),
    ):
        with pytest.raises(ValidationError):
            call()
    assert kind_from_text(131047) is ErrorKind.UNKNOWN  # type: ignore[arg-type]
    assert sunshine_error_kind("x", 5) is ErrorKind.UNKNOWN  # type: ignore[arg-type]
    assert SunshineProvider().map_error(10**5000) is ErrorKind.UNKNOWN
    with pytest.raises(UnknownProvider, match="too large to show"):
        get_provider(10**5000)  # type: ignore[arg-type]


def test_holidays_that_are_not_dates_are_refused_before_hashing() -> None:
    with pytest.raises(ValidationError, match="holidays"):
        BusinessHours.parse("Mon-Fri 08:00-17:00", timezone="UTC", holidays=[[DAY]])  # type: ignore[list-item]


def test_the_webhook_builders_refuse_what_json_cannot_write() -> None:
    from wamsg.testing import meta_body, signed_sunshine_request, signed_vonage_request

    for call in (
        lambda: meta_body({"a": 10**5000}),
        lambda: meta_body(typing.cast(Any, {"a": _deep_dict(3000)})),
        lambda: meta_body(typing.cast(Any, {"a": object()})),
        lambda: signed_sunshine_request({"a": 10**5000}, "secret"),
        lambda: signed_vonage_request({}, "\ud800", issued_at=AT),
    ):
        with pytest.raises(ValidationError):
            call()
    assert meta_body({"a": math.nan, "b": "\ud800"}) == b'{"a":NaN,"b":"\\ud800"}'  # as attackers
