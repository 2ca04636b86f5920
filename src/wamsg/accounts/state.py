"""An account's state folded from its configuration and its account events.

:class:`AccountState` starts from an :class:`~wamsg.accounts.AccountConfig` (what the
caller configured) and takes the typed account events
(:data:`~wamsg.events.AccountEvent`) of its WABAs: an event whose ``account`` is one
of the configuration's WABA ids (or, for a partner notice, whose ``waba_info``
names one, or an alert about the portfolio itself) overrides the configuration
from its time on; a number is found by its display phone or its phone-number id.
What an event sets (each value a :class:`Reading`: the value, its source and time):

- the portfolio's **tier**: ``business_capability_update`` and the
  ``max_daily_conversations_per_business`` of ``phone_number_quality_update``;
- the **caps**: ``max_phone_numbers_per_business`` (the portfolio) and
  ``max_phone_numbers_per_waba`` (that account);
- per number: its own tier (the legacy ``current_limit``), its status and quality
  (legacy ``FLAGGED`` → ``FLAGGED`` and ``RED``; ``UNFLAGGED`` → ``CONNECTED``),
  its throughput (``THROUGHPUT_UPGRADE`` → ``HIGH``) and its name status
  (``APPROVED`` → ``APPROVED``, ``REJECTED`` → ``DECLINED``)
  [rule meta.webhook.phone-number-quality] [rule meta.webhook.phone-number-name];
- per account: its restrictions and its ban state [rule meta.webhook.account-update];
- the latest alert of each type [rule meta.webhook.account-alerts].

The latest event wins, ties broken by :func:`~wamsg.events.record_key` (a total
order on content), so any order and any duplication of the same events give the
same state. Events without a time, and those after ``as_of`` (when set), are
ignored: the state is the one in force at ``as_of``.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import datetime
from typing import Any, Generic, TypeVar

import attrs

from wamsg._internal import fields as check
from wamsg._internal.json import require_aware
from wamsg.accounts._state_events import NUMBER_SLOTS, Slot, updates
from wamsg.accounts._strict import word
from wamsg.accounts.binding import COEXISTENCE_NUMBER_CAP, WABA_NUMBER_CAP, number_cap
from wamsg.accounts.config import AccountConfig
from wamsg.accounts.model import BusinessNumber
from wamsg.errors import ValidationError
from wamsg.events import (
    AccountAlert,
    Accumulator,
    AccumulatorBase,
    BanState,
    Event,
    FoldedBase,
    LimitTier,
    Restriction,
    record_key,
)
from wamsg.identity import PhoneNumber

__all__ = ["CONFIG", "AccountState", "Reading"]

_T = TypeVar("_T")

CONFIG = "config"
"""The :attr:`Reading.source` of a value that comes from the account file."""


def _opt_at(value: datetime | None) -> datetime | None:
    return None if value is None else require_aware(value, "at")


_COUNT = check.integer(0, check.MAX_JSON_INT)
_RESTRICTIONS = check.tuple_of(Restriction)


def _reading(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """What an account reading holds: None, a member (a tier, a status …), a cap or
    the restrictions in force."""
    if value is None or isinstance(value, enum.Enum):
        return
    if isinstance(value, tuple):
        _RESTRICTIONS(instance, attribute, value)
    else:
        _COUNT(instance, attribute, value)


@attrs.frozen
class Reading(Generic[_T]):
    """A value with where it comes from: ``"config"`` or an event type, and since when."""

    value: _T = attrs.field(validator=_reading)
    source: str = attrs.field(default=CONFIG, validator=check.text)
    at: datetime | None = attrs.field(default=None, converter=_opt_at)


_Key = tuple[datetime, str]
_Entry = tuple[_Key, str, object]
"""What an event set: its order key (time, canonical JSON), its type, the value."""


def _opt_time(value: datetime | None) -> datetime | None:
    return None if value is None else require_aware(value, "as_of")


@attrs.frozen(kw_only=True)
class AccountState(FoldedBase[Event]):
    """The account as of ``as_of``: the configuration, overridden by its account events.

    A :class:`~wamsg.events.Folded` state: ``AccountState.empty(config)`` holds the
    configuration alone; ``fold`` takes events in any order, duplicates change nothing;
    :meth:`merge` joins states folded apart.
    """

    config: AccountConfig = attrs.field(validator=check.instance(AccountConfig))
    as_of: datetime | None = attrs.field(default=None, converter=_opt_time)
    entries: dict[Slot, _Entry] = attrs.field(init=False, factory=dict, repr=False)

    @classmethod
    def empty(cls, config: AccountConfig, *, as_of: datetime | None = None) -> AccountState:
        """The state of the configuration alone, taking events up to ``as_of`` (all if None)."""
        return cls(config=config, as_of=as_of)

    def accumulator(self) -> Accumulator[Event, AccountState]:
        """A fold from this state (a copy of its entries per fold: prefer ``fold`` for many)."""
        return _StateAccumulator(self)

    def merge(self, other: AccountState) -> AccountState:
        """The state of both states' events: per value, the latest event's (as a fold keeps).

        ``fold(a).merge(fold(b)) == fold(a + b)`` for any events; associative,
        commutative and idempotent, with :meth:`empty` as identity
        (``docs/merging.md``). Ties are broken by :func:`~wamsg.events.record_key`, the
        fold's order. A state of another configuration or ``as_of`` is a
        :class:`ValidationError` naming ``other``.
        """
        if not isinstance(other, AccountState):
            raise ValidationError("must be an AccountState", field="other", value=other)
        if other.as_of != self.as_of or (
            other.config is not self.config and other.config != self.config
        ):
            reason = "is the state of another account configuration or as_of"
            raise ValidationError(reason, field="other")
        if other is self or not other.entries:
            return self
        entries = dict(self.entries)
        for slot, entry in other.entries.items():
            present = entries.get(slot)
            if present is None or present[0] < entry[0]:
                entries[slot] = entry
        return _with_entries(self, entries)

    def _read(self, slot: Slot, default: _T) -> Reading[_T]:
        entry = self.entries.get(slot)
        if entry is None:
            return Reading(default)
        (at, _), source, value = entry
        return Reading(value, source, at)  # type: ignore[arg-type]  # the slot holds a _T

    @property
    def tier(self) -> Reading[LimitTier | None]:
        """The portfolio's messaging limit: the configured one, or the latest an event set."""
        return self._read(("tier", ""), self.config.portfolio.messaging_limit)

    def number_cap(self, at: datetime) -> int:
        """The portfolio's cap on registered numbers at ``at`` (2 or 20).

        The cap the rules give (:func:`~wamsg.accounts.number_cap`) for the current tier,
        or the one Meta announced (``max_phone_numbers_per_business``) when higher.
        """
        portfolio = self.config.portfolio
        cap = number_cap(at=at, verified=portfolio.verified, tier=self.tier.value)
        announced: int | None = self._read(("number_cap", ""), None).value
        return cap if announced is None else max(cap, announced)

    def waba_number_cap(self, waba_id: str) -> int:
        """How many numbers the account may hold: 1 for coexistence, else 25 or Meta's figure."""
        waba_id = word(waba_id, "waba_id")
        if any(n.is_coexistence for n in self.config.numbers_of(waba_id)):
            return COEXISTENCE_NUMBER_CAP
        return self._read(("waba_cap", waba_id), WABA_NUMBER_CAP).value

    def restrictions(self, waba_id: str, at: datetime) -> tuple[Restriction, ...]:
        """The account's restrictions still in force at ``at`` (an unreadable end: in force)."""
        at = require_aware(at, "at")
        waba_id = word(waba_id, "waba_id")
        found: tuple[Restriction, ...] = self._read(("restrictions", waba_id), ()).value
        return tuple(r for r in found if r.expires_at is None or r.expires_at > at)

    def ban_state(self, waba_id: str) -> Reading[BanState | None]:
        """The account's ban state, None when no event gave one."""
        return self._read(("ban", word(waba_id, "waba_id")), None)

    @property
    def alerts(self) -> tuple[AccountAlert, ...]:
        """The latest alert of each type, by type."""
        slots = sorted(slot for slot in self.entries if slot[0] == "alert")
        found = (self.entries[slot][2] for slot in slots)
        return tuple(alert for alert in found if isinstance(alert, AccountAlert))

    def readings(self, key: PhoneNumber | str) -> dict[str, Reading[object]] | None:
        """Where each of a number's values comes from: ``status``, ``quality``, ``tier`` …"""
        number = self.config.number(key)
        if number is None:
            return None
        own = number.phone_number_id
        return {
            field: self._read((slot, own), getattr(number, attribute))
            for field, (slot, attribute) in NUMBER_SLOTS.items()
        }

    def number(self, key: PhoneNumber | str) -> BusinessNumber | None:
        """The number (by phone or phone-number id) with every event's change applied."""
        number = self.config.number(key)
        if number is None:
            return None
        own = number.phone_number_id
        status = self._read(("status", own), number.status)
        quality = self._read(("quality", own), number.quality)
        return attrs.evolve(
            number,
            status=status.value,
            status_raw=number.status_raw if status.source == CONFIG else status.value.value,
            quality=quality.value,
            quality_raw=number.quality_raw if quality.source == CONFIG else quality.value.value,
            messaging_limit=self._read(("number_tier", own), number.messaging_limit).value,
            throughput=self._read(("throughput", own), number.throughput).value,
            name_status=self._read(("name_status", own), number.name_status).value,
        )

    @property
    def numbers(self) -> tuple[BusinessNumber, ...]:
        """Every configured number, with the events' changes applied."""
        found = (self.number(n.phone_number_id) for n in self.config.numbers)
        return tuple(number for number in found if number is not None)


class _StateAccumulator(AccumulatorBase[Event, AccountState]):
    """The state's entries while a fold runs: the latest event per slot."""

    __slots__ = ("entries", "state")

    def __init__(self, state: AccountState) -> None:
        self.state = state
        self.entries = dict(state.entries)

    def add(self, item: Event) -> None:
        self.extend((item,))

    def extend(self, items: Iterable[Event]) -> None:
        config, as_of, entries = self.state.config, self.state.as_of, self.entries
        for event in items:
            at = event.occurred_at
            if at is None or (as_of is not None and at > as_of):
                continue
            found = updates(event, config)
            if not found:
                continue
            key = record_key(event)
            for slot, value in found:
                present = entries.get(slot)
                if present is None or present[0] < key:
                    entries[slot] = (key, event.type, value)

    def result(self) -> AccountState:
        return _with_entries(self.state, dict(self.entries))


def _with_entries(state: AccountState, entries: dict[Slot, _Entry]) -> AccountState:
    """``state``'s configuration with ``entries`` (the trusted way in)."""
    made = AccountState(config=state.config, as_of=state.as_of)
    object.__setattr__(made, "entries", entries)
    return made
