"""The latest message of a conversation, as an inbox row shows it, and its preview."""

from __future__ import annotations

from datetime import datetime
from typing import get_args

import attrs

from wamsg._internal import fields as check
from wamsg.content import Content, ListMessage, ReplyButtons, TemplateRef, Text, Unsupported
from wamsg.messages import Direction, Message

__all__ = ["LastMessage", "preview"]

_PREVIEW_LENGTH = 60
_CONTENTS: tuple[type, ...] = get_args(Content)


def preview(content: Content) -> str:
    """A one-line summary of a message's content for an inbox column."""
    if isinstance(content, Text):
        text = " ".join(content.body.split())
    elif isinstance(content, TemplateRef):
        text = f"[template {content.name}]"
    elif isinstance(content, Unsupported):
        text = f"[unsupported: {content.type}]"
    elif isinstance(content, (ReplyButtons, ListMessage)):
        text = f"[{content.kind}] {' '.join(content.body.split())}"
    else:
        check.argument(content, _CONTENTS, "content")
        caption = getattr(getattr(content, "media", None), "caption", None)
        text = f"[{content.kind}] {caption}" if caption else f"[{content.kind}]"
    if len(text) > _PREVIEW_LENGTH:
        text = text[: _PREVIEW_LENGTH - 1] + "…"
    return text


@attrs.frozen
class LastMessage:
    """The latest message of a conversation, as an inbox row shows it.

    ``at`` is where the conversation placed the message in time (its own
    timestamp, or the latest time seen when it had none); the other facts are
    read from ``message`` when asked for.
    """

    message: Message
    at: datetime

    @property
    def id(self) -> str:
        """The message's id."""
        return self.message.id

    @property
    def direction(self) -> Direction:
        """Inbound (the customer wrote) or outbound (the business did)."""
        return self.message.direction

    @property
    def kind(self) -> str:
        """The content kind (``"text"``, ``"image"``, ``"template"`` …)."""
        return self.message.content.kind

    @property
    def preview(self) -> str:
        """A one-line summary of the content (see :func:`preview`)."""
        return preview(self.message.content)

    @property
    def forwarded(self) -> bool:
        """True when the customer forwarded it (once or frequently)."""
        context = self.message.context
        return context.forwarded or context.frequently_forwarded
