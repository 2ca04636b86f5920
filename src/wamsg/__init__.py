"""wamsg: a sans-I/O domain library for WhatsApp Business messaging in helpdesks.

Every public name is importable from here. See ``docs/`` for the concepts.
"""

from __future__ import annotations

from ._content_readers import content_from_dict
from ._event_readers import event_from_dict
from .autoreply import AutoReplyDecision, AutoReplyReason, decide_autoreply
from .billing import Bill, BillingAccount, MonthLedger, bill_events, estimate, estimate_campaign
from .content import (
    Audio,
    ButtonReply,
    ContactCard,
    Contacts,
    Content,
    Document,
    Image,
    InteractiveReply,
    Location,
    Media,
    Order,
    OrderItem,
    Reaction,
    Sticker,
    System,
    TemplateRef,
    Text,
    Unsupported,
    Video,
)
from .conversation import Conversation, ConversationKey, LastMessage
from .delivery import Delivery, DeliveryStatus, ErrorDetail, Pricing, Ticks
from .errors import InvalidTransition, SignatureError, UnknownProvider, ValidationError, WamsgError
from .events import (
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
from .followup import (
    FollowUp,
    FollowUpKind,
    FollowUpPolicy,
    PairOverview,
    plan_followups,
    window_overview,
)
from .hours import BusinessHours
from .identity import BusinessScopedUserId, Customer, PhoneNumber
from .inbox import Inbox, InboxSummary
from .interactive import ListMessage, ListRow, ListSection, ReplyButton, ReplyButtons
from .messages import Context, Direction, Message, Referral, ReferredProduct
from .outgoing import Outgoing, OutgoingContent
from .sample import SampleDay, sample_day
from .send_decision import FREE_FORM, SendDecision, SendReason, decide_send
from .templates import (
    RenderedTemplate,
    Template,
    TemplateLibrary,
    can_send_template,
    choose_template,
    lint_library,
    lint_template,
    template_follow_up,
)
from .window import Window, WindowBook, WindowKind, WindowSnapshot, WindowState

__version__ = "0.1.0.dev0"

__all__ = [
    "FREE_FORM",
    "AccountUpdate",
    "Audio",
    "AutoReplyDecision",
    "AutoReplyReason",
    "Bill",
    "BillingAccount",
    "BusinessHours",
    "BusinessScopedUserId",
    "ButtonReply",
    "ContactCard",
    "Contacts",
    "Content",
    "Context",
    "Conversation",
    "ConversationKey",
    "ConversationRead",
    "Customer",
    "Delivery",
    "DeliveryStatus",
    "Direction",
    "Document",
    "ErrorDetail",
    "Event",
    "FollowUp",
    "FollowUpKind",
    "FollowUpPolicy",
    "Image",
    "Inbox",
    "InboxSummary",
    "InteractiveReply",
    "InvalidTransition",
    "LastMessage",
    "ListMessage",
    "ListRow",
    "ListSection",
    "Location",
    "Media",
    "Message",
    "MessageReceived",
    "MessageSent",
    "MessageStatus",
    "MonthLedger",
    "Order",
    "OrderItem",
    "Outgoing",
    "OutgoingContent",
    "PairOverview",
    "PhoneNumber",
    "Pricing",
    "Reaction",
    "Referral",
    "ReferredProduct",
    "RenderedTemplate",
    "ReplyButton",
    "ReplyButtons",
    "SampleDay",
    "SendDecision",
    "SendReason",
    "SignatureError",
    "Sticker",
    "System",
    "Template",
    "TemplateCategoryChanged",
    "TemplateIdentity",
    "TemplateLibrary",
    "TemplateQualityChanged",
    "TemplateRef",
    "TemplateStatusChanged",
    "Text",
    "Ticks",
    "UnknownEvent",
    "UnknownProvider",
    "Unsupported",
    "ValidationError",
    "Video",
    "WamsgError",
    "Window",
    "WindowBook",
    "WindowKind",
    "WindowSnapshot",
    "WindowState",
    "__version__",
    "bill_events",
    "can_send_template",
    "choose_template",
    "content_from_dict",
    "decide_autoreply",
    "decide_send",
    "estimate",
    "estimate_campaign",
    "event_from_dict",
    "lint_library",
    "lint_template",
    "plan_followups",
    "sample_day",
    "template_follow_up",
    "window_overview",
]
