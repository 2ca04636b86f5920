"""The closed family of events and their canonical JSON form.

Providers turn webhooks into these events; a helpdesk records its own sends as
:class:`MessageSent`; :func:`event_from_dict` reads the canonical JSON back. Every
folded state of wamsg has one shape, :class:`Folded` (see :mod:`wamsg.events.fold`).
See ``docs/events.md``.
"""

from __future__ import annotations

from wamsg.events._readers import (
    event_from_dict,
)
from wamsg.events.fold import (
    Accumulator,
    AccumulatorBase,
    Folded,
    FoldedBase,
)
from wamsg.events.model import (
    AccountUpdate,
    ConversationRead,
    Event,
    MessageReceived,
    MessageSent,
    MessageStatus,
    TemplateCategoryChanged,
    TemplateIdentity,
    TemplateQualityChanged,
    TemplateStatusChanged,
    UnknownEvent,
)
from wamsg.events.order import earlier_record, record_key

__all__ = [
    "AccountUpdate",
    "Accumulator",
    "AccumulatorBase",
    "ConversationRead",
    "Event",
    "Folded",
    "FoldedBase",
    "MessageReceived",
    "MessageSent",
    "MessageStatus",
    "TemplateCategoryChanged",
    "TemplateIdentity",
    "TemplateQualityChanged",
    "TemplateStatusChanged",
    "UnknownEvent",
    "earlier_record",
    "event_from_dict",
    "record_key",
]
