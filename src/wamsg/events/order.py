"""A total order on the records of one thing, so that which record wins never depends on arrival.

The same message can reach a helpdesk twice with different facts: recorded by the
helpdesk when it sent it, and echoed by the provider later; or a name that changed
between two webhooks. Whenever two records disagree, wamsg keeps the one that comes
first in :func:`record_key`: the earliest time, then the canonical JSON text of the
event (``raw`` left out). Any arrival order of the same records then gives the same
result, on one machine or merged from several.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import TypeVar, get_args

from wamsg.errors import ValidationError
from wamsg.events.model import Event

__all__ = ["earlier_record", "record_key"]

_NO_TIME = datetime.max.replace(tzinfo=timezone.utc)
_E = TypeVar("_E", bound=Event)
_EVENT_TYPES = get_args(Event)


def record_key(event: Event) -> tuple[datetime, str]:
    """The sort key of a record: its time (no time sorts last), then its canonical JSON."""
    if not isinstance(event, _EVENT_TYPES):
        raise ValidationError("must be an event", field="event", value=event)
    at = event.occurred_at
    text = json.dumps(event.to_dict(include_raw=False), sort_keys=True, ensure_ascii=False)
    return (_NO_TIME if at is None else at, text)


def earlier_record(first: _E, second: _E) -> _E:
    """The record to keep of two records of one thing: the first in :func:`record_key`."""
    if first is second:
        return first
    return first if record_key(first) <= record_key(second) else second
