"""The closed family of events and their canonical JSON form.

Providers turn webhooks into these events; a helpdesk records its own sends as
:class:`MessageSent`; :func:`event_from_dict` reads the canonical JSON back. Every
folded state of wamsg has one shape, :class:`Folded` (see :mod:`wamsg.events.fold`).
See ``docs/events.md``.
"""

from __future__ import annotations

from wamsg.events._account_enums import (
    AlertEntity,
    AlertSeverity,
    AlertStatus,
    AlertType,
    BanState,
    DisconnectionReason,
    NameRejectionReason,
    QualityEvent,
    RestrictionType,
    WabaEvent,
)
from wamsg.events._readers import (
    event_from_dict,
)
from wamsg.events.account import (
    AccountAlert,
    AccountEvent,
    CapabilityUpdate,
    LimitValue,
    NumberNameUpdate,
    NumberQualityUpdate,
    Restriction,
    WabaUpdate,
)
from wamsg.events.account_values import (
    CodeVerificationStatus,
    HealthCanSend,
    LimitTier,
    NameDecision,
    NameStatus,
    NumberKind,
    NumberStatus,
    PlatformType,
    QualityRating,
    ThroughputLevel,
)
from wamsg.events.calls import (
    CallDirection,
    CallEvent,
    CallSession,
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
    TemplateComponentButton,
    TemplateComponentsChanged,
    TemplateIdentity,
    TemplateQualityChanged,
    TemplateStatusChanged,
    UnknownEvent,
)
from wamsg.events.order import earlier_record, record_key

__all__ = [
    "AccountAlert",
    "AccountEvent",
    "AccountUpdate",
    "Accumulator",
    "AccumulatorBase",
    "AlertEntity",
    "AlertSeverity",
    "AlertStatus",
    "AlertType",
    "BanState",
    "CallDirection",
    "CallEvent",
    "CallSession",
    "CapabilityUpdate",
    "CodeVerificationStatus",
    "ConversationRead",
    "DisconnectionReason",
    "Event",
    "Folded",
    "FoldedBase",
    "HealthCanSend",
    "LimitTier",
    "LimitValue",
    "MessageReceived",
    "MessageSent",
    "MessageStatus",
    "NameDecision",
    "NameRejectionReason",
    "NameStatus",
    "NumberKind",
    "NumberNameUpdate",
    "NumberQualityUpdate",
    "NumberStatus",
    "PlatformType",
    "QualityEvent",
    "QualityRating",
    "Restriction",
    "RestrictionType",
    "TemplateCategoryChanged",
    "TemplateComponentButton",
    "TemplateComponentsChanged",
    "TemplateIdentity",
    "TemplateQualityChanged",
    "TemplateStatusChanged",
    "ThroughputLevel",
    "UnknownEvent",
    "WabaEvent",
    "WabaUpdate",
    "earlier_record",
    "event_from_dict",
    "record_key",
]
