"""The closed family of events and their canonical JSON form.

Providers turn webhooks into these events; a helpdesk records its own sends as
:class:`MessageSent`; :func:`event_from_dict` reads the canonical JSON back. Every
state of wamsg is a fold of events (see :mod:`wamsg.events.fold`). See ``docs/events.md``.
"""

from __future__ import annotations

from wamsg.events._readers import (
    event_from_dict,
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

__all__ = [
    "AccountUpdate",
    "ConversationRead",
    "Event",
    "MessageReceived",
    "MessageSent",
    "MessageStatus",
    "TemplateCategoryChanged",
    "TemplateIdentity",
    "TemplateQualityChanged",
    "TemplateStatusChanged",
    "UnknownEvent",
    "event_from_dict",
]
