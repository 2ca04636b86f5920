"""Message content: the closed union of content kinds, media and interactive messages.

:data:`Content` is every kind a message can carry (text, media, location, contacts,
reactions, replies, orders, system notices, templates, interactive messages, and
:class:`Unsupported` for a kind wamsg does not know); :func:`content_from_dict` reads
the canonical JSON form back. See ``docs/content.md``.
"""

from __future__ import annotations

from wamsg.content._readers import (
    content_from_dict,
)
from wamsg.content.call_permission import (
    CallPermissionReply,
)
from wamsg.content.interactive import (
    ListMessage,
    ListRow,
    ListSection,
    ReplyButton,
    ReplyButtons,
)
from wamsg.content.media import (
    Audio,
    Document,
    Image,
    Media,
    Sticker,
    Video,
)
from wamsg.content.model import (
    ButtonReply,
    ContactCard,
    Contacts,
    Content,
    InteractiveReply,
    Location,
    Order,
    OrderItem,
    Reaction,
    System,
    TemplateRef,
    Text,
    Unsupported,
)

__all__ = [
    "Audio",
    "ButtonReply",
    "CallPermissionReply",
    "ContactCard",
    "Contacts",
    "Content",
    "Document",
    "Image",
    "InteractiveReply",
    "ListMessage",
    "ListRow",
    "ListSection",
    "Location",
    "Media",
    "Order",
    "OrderItem",
    "Reaction",
    "ReplyButton",
    "ReplyButtons",
    "Sticker",
    "System",
    "TemplateRef",
    "Text",
    "Unsupported",
    "Video",
    "content_from_dict",
]
