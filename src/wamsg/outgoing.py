"""A message the business wants to send, before it is sent.

Policies answer questions about an :class:`Outgoing` (may I send it now? what
will it cost?) and provider adapters turn it into an HTTP request. It is the
same for every provider: the adapters differ, the message does not.
"""

from __future__ import annotations

from typing import TypeAlias

import attrs

from wamsg.content import Content, TemplateRef
from wamsg.identity import Customer, PhoneNumber

__all__ = ["Outgoing", "OutgoingContent"]

OutgoingContent: TypeAlias = Content
"""What a business can send: any content kind, interactive buttons and lists included."""


@attrs.frozen(kw_only=True)
class Outgoing:
    """One message to send from ``business`` to ``customer``.

    ``reply_to`` quotes an earlier message (Meta ``context.message_id``);
    ``operator`` names the agent or bot sending it.
    """

    business: PhoneNumber | None
    customer: Customer
    content: OutgoingContent
    reply_to: str | None = None
    operator: str | None = None

    @property
    def is_template(self) -> bool:
        """True for a template message (the only kind allowed outside the window)."""
        return isinstance(self.content, TemplateRef)

    @property
    def template_category(self) -> str | None:
        """The template's category (lower case), None for free-form messages."""
        if isinstance(self.content, TemplateRef) and self.content.category is not None:
            return self.content.category.lower()
        return None
