"""One run of a flow for one (business number, customer) pair: :class:`FlowRun`.

A run is a frozen value; :func:`~wamsg.flows.step` returns the next one. It holds
where the run stands (``state``), its ``variables``, its counts (``steps``, the visits
``in a row`` of each state, the ``retries`` of each prompt), when it started, what it
waits for and until when, which sends it still reacts to a failure of, the message
ids it has seen (so a replayed message changes nothing), and the time of the
customer's last message (its view of the customer service window). It round-trips
through :meth:`FlowRun.to_dict` / :meth:`FlowRun.from_dict`, for the caller to store
between events.

The pair is the key, as a Studio execution is keyed by its (to, from) address pair
[rule twilio.studio.execution-key]: a second business number for the same customer
is a separate run.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from types import MappingProxyType
from typing import Any, cast

import attrs

from wamsg._internal import fields as check
from wamsg._internal.json import (
    Json,
    JsonObject,
    format_optional_time,
    format_time,
    parse_time,
    req_mapping,
    require_aware,
    saturated,
)
from wamsg.errors import ValidationError
from wamsg.events import MessageReceived, event_from_dict
from wamsg.identity import Customer, PairKey, PhoneNumber, pair_key
from wamsg.window import CUSTOMER_SERVICE_WINDOW, Window, WindowKind

__all__ = ["FlowRun"]

_EMPTY: Mapping[str, Any] = MappingProxyType({})


def _utc(value: datetime) -> datetime:
    return require_aware(value, "time")


def _opt_utc(value: datetime | None) -> datetime | None:
    return None if value is None else require_aware(value, "time")


def _texts(value: Iterable[str]) -> frozenset[str]:
    check.iterable(value, "seen")
    return frozenset(check.text_of(item, "seen") for item in cast(Iterable[object], value))


_MAPPINGS = frozenset({dict, MappingProxyType})


def _counts(value: Mapping[str, int]) -> Mapping[str, int]:
    if type(value) not in _MAPPINGS and not isinstance(value, Mapping):
        raise ValidationError("must map state names to counts", field="counts", value=value)
    out = {}
    for key, count in value.items():
        check.text_of(key, "counts")
        out[key] = check.count(count, f"counts.{key}")
    return MappingProxyType(out)


def _variables(value: Mapping[str, str | int | bool]) -> Mapping[str, str | int | bool]:
    if type(value) not in _MAPPINGS and not isinstance(value, Mapping):
        raise ValidationError("must map names to values", field="variables", value=value)
    out: dict[str, str | int | bool] = {}
    for key, item in value.items():
        check.text_of(key, "variables")
        if type(item) is str or isinstance(item, str):
            check.text_of(item, f"variables.{key}", empty=True)
        elif type(item) is int:
            check.count(abs(item), f"variables.{key}")
        elif type(item) is not bool:
            raise ValidationError(
                "must be a text, an integer or a boolean", field=f"variables.{key}", value=item
            )
        out[key] = item
    return MappingProxyType(out)


def _pending(value: Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    check.iterable(value, "pending")
    out = []
    for item in cast(Iterable[object], value):
        if type(item) is not tuple or len(item) != 2:
            raise ValidationError("must hold (ref, state) pairs", field="pending", value=item)
        out.append((check.text_of(item[0], "pending"), check.text_of(item[1], "pending")))
    return tuple(out)


def _skills(value: Iterable[str]) -> tuple[str, ...]:
    check.iterable(value, "skills")
    return tuple(sorted({check.text_of(item, "skills") for item in cast(Iterable[object], value)}))


@attrs.frozen(kw_only=True)
class FlowRun:
    """One run of a flow for one (business number, customer) pair.

    ``number`` counts the runs of this pair (a message after a run ended starts run
    ``number + 1``); ``state`` is the state the run waits in, or the one it ended in;
    ``steps`` the states it entered; ``visits`` each state's visits in a row (see
    :data:`~wamsg.flows.MAX_VISITS_IN_A_ROW`); ``retries`` the no-matches of each
    prompt so far; ``waiting_until`` the deadline of the reply it waits for (None once
    ended); ``pending`` the (ref, state) of the last step's sends whose failure has an
    exit; ``seen`` the message ids of this run and ``seen_before`` those of the run
    before it; ``last_inbound_at`` the time of the customer's last message (the
    window's start); ``ended`` the end reason and ``ended_at`` when.
    """

    business: PhoneNumber | None = attrs.field(validator=check.opt_instance(PhoneNumber))
    customer: Customer = attrs.field(validator=check.instance(Customer))
    flow: str = attrs.field(validator=check.text)
    number: int = attrs.field(default=1, validator=check.integer(1, 10**9))
    started_at: datetime = attrs.field(converter=_utc)
    state: str = attrs.field(validator=check.text)
    variables: Mapping[str, str | int | bool] = attrs.field(
        default=_EMPTY, converter=_variables, hash=False
    )
    steps: int = attrs.field(default=0, validator=check.integer(0, 10**9))
    visits: Mapping[str, int] = attrs.field(default=_EMPTY, converter=_counts, hash=False)
    retries: Mapping[str, int] = attrs.field(default=_EMPTY, converter=_counts, hash=False)
    skills: tuple[str, ...] = attrs.field(default=(), converter=_skills)
    waiting_until: datetime | None = attrs.field(default=None, converter=_opt_utc)
    pending: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_pending)
    seen: frozenset[str] = attrs.field(default=frozenset(), converter=_texts)
    seen_before: frozenset[str] = attrs.field(default=frozenset(), converter=_texts)
    last_inbound_at: datetime | None = attrs.field(default=None, converter=_opt_utc)
    last_message: MessageReceived | None = attrs.field(
        default=None, validator=check.opt_instance(MessageReceived)
    )
    ended: str | None = attrs.field(default=None, validator=check.opt_text)
    ended_at: datetime | None = attrs.field(default=None, converter=_opt_utc)
    _window: list[Window | None] = attrs.field(
        factory=lambda: [None], init=False, eq=False, hash=False, repr=False
    )

    @property
    def key(self) -> PairKey:
        """The run's (business number, customer) pair."""
        return pair_key(self.business, self.customer)

    @property
    def active(self) -> bool:
        """True until the run ends."""
        return self.ended is None

    @property
    def waiting(self) -> tuple[str, datetime] | None:
        """What the run waits for: (the state waiting for a reply, until when), or None."""
        until = self.waiting_until
        return None if until is None or self.ended is not None else (self.state, until)

    @property
    def repeats(self) -> int:
        """How many times in a row the run has entered its current state."""
        return self.visits.get(self.state, 0)

    def customer_service_window(self) -> Window | None:
        """The customer service window opened by the last customer message the run saw.

        wamsg's window model: the window opens at the message's own time and lasts
        :data:`~wamsg.window.CUSTOMER_SERVICE_WINDOW` [rule meta.csw.24h]; only a later
        customer message opens a new one, and the run sees every message of its pair.
        None before any. Memoised on the run value.
        """
        memo = self._window
        window = memo[0]
        if window is None and self.last_inbound_at is not None:
            opened = self.last_inbound_at
            window = memo[0] = Window(
                WindowKind.CUSTOMER_SERVICE, opened, saturated(opened + CUSTOMER_SERVICE_WINDOW)
            )
        return window

    def to_dict(self) -> JsonObject:
        """The JSON form: every field, times in ISO 8601 UTC, the last message canonical."""
        last = self.last_message
        return {
            "business": None if self.business is None else self.business.e164,
            "customer": self.customer.to_dict(),
            "flow": self.flow,
            "number": self.number,
            "started_at": format_time(self.started_at),
            "state": self.state,
            "variables": dict(self.variables),
            "steps": self.steps,
            "visits": dict(self.visits),
            "retries": dict(self.retries),
            "skills": [*map(_json, self.skills)],
            "waiting_until": format_optional_time(self.waiting_until),
            "pending": [[ref, state] for ref, state in self.pending],
            "seen": [*map(_json, sorted(self.seen))],
            "seen_before": [*map(_json, sorted(self.seen_before))],
            "last_inbound_at": format_optional_time(self.last_inbound_at),
            "last_message": None if last is None else last.to_dict(include_raw=False),
            "ended": self.ended,
            "ended_at": format_optional_time(self.ended_at),
        }

    @classmethod
    def from_dict(cls, data: object) -> FlowRun:
        """Read the JSON form of :meth:`to_dict` back (unknown keys are refused)."""
        mapping = req_mapping(data, "run")
        for key in mapping:
            if key not in _KEYS:
                raise ValidationError("unknown key", field=f"run.{key}")
        try:
            return cls(**_read(mapping))  # type: ignore[arg-type]  # each field is checked
        except ValidationError as error:
            raise error.within("run") from None


_KEYS = frozenset(a.name for a in attrs.fields(FlowRun) if a.init)


def _json(text: str) -> Json:
    return text


def _time(mapping: Mapping[str, Json], key: str) -> datetime | None:
    value = mapping.get(key)
    return None if value is None else parse_time(value, key)


def _list(mapping: Mapping[str, Json], key: str) -> list[Json]:
    value = mapping.get(key, [])
    if not isinstance(value, list):
        raise ValidationError("must be a list", field=key, value=value)
    return value


def _read(mapping: Mapping[str, Json]) -> dict[str, object]:
    business = mapping.get("business")
    if business is not None and not isinstance(business, str):
        raise ValidationError("must be an E.164 text or null", field="business", value=business)
    last = mapping.get("last_message")
    message = None if last is None else event_from_dict(last)
    if message is not None and not isinstance(message, MessageReceived):
        raise ValidationError("must be a message.received event", field="last_message")
    pending: Iterable[object] = (
        tuple(item) if isinstance(item, list) else item for item in _list(mapping, "pending")
    )
    return {
        "business": None if business is None else PhoneNumber.parse(business),
        "customer": Customer.from_dict(mapping.get("customer")),
        "flow": mapping.get("flow"),
        "number": mapping.get("number", 1),
        "started_at": parse_time(mapping.get("started_at"), "started_at"),
        "state": mapping.get("state"),
        "variables": mapping.get("variables", {}),
        "steps": mapping.get("steps", 0),
        "visits": mapping.get("visits", {}),
        "retries": mapping.get("retries", {}),
        "skills": _list(mapping, "skills"),
        "waiting_until": _time(mapping, "waiting_until"),
        "pending": tuple(pending),
        "seen": _list(mapping, "seen"),
        "seen_before": _list(mapping, "seen_before"),
        "last_inbound_at": _time(mapping, "last_inbound_at"),
        "last_message": message,
        "ended": mapping.get("ended"),
        "ended_at": _time(mapping, "ended_at"),
    }


def _assemble(
    business: PhoneNumber | None,
    customer: Customer,
    flow: str,
    number: int,
    started_at: datetime,
    state: str,
    variables: Mapping[str, str | int | bool],
    steps: int,
    visits: Mapping[str, int],
    retries: Mapping[str, int],
    skills: tuple[str, ...],
    waiting_until: datetime | None,
    pending: tuple[tuple[str, str], ...],
    seen: frozenset[str],
    seen_before: frozenset[str],
    last_inbound_at: datetime | None,
    last_message: MessageReceived | None,
    ended: str | None,
    ended_at: datetime | None,
    window: list[Window | None],
) -> FlowRun:
    """A run from the step's values, built and checked by :class:`FlowRun`.

    ``window`` is the memo of the customer service window: pass the previous run's when
    ``last_inbound_at`` is unchanged, a fresh ``[None]`` otherwise.
    """
    run = FlowRun(
        business=business,
        customer=customer,
        flow=flow,
        number=number,
        started_at=started_at,
        state=state,
        variables=variables,
        steps=steps,
        visits=visits,
        retries=retries,
        skills=skills,
        waiting_until=waiting_until,
        pending=pending,
        seen=seen,
        seen_before=seen_before,
        last_inbound_at=last_inbound_at,
        last_message=last_message,
        ended=ended,
        ended_at=ended_at,
    )
    object.__setattr__(run, "_window", window)  # the memo of the window, as attrs sets it
    return run
