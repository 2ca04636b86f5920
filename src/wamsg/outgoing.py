"""A message the business wants to send, before it is sent.

Policies answer questions about an :class:`Outgoing` (may I send it now? what
will it cost?) and provider adapters turn it into an HTTP request. It is the
same for every provider: the adapters differ, the message does not.
"""

from __future__ import annotations

from typing import TypeAlias, get_args

import attrs

from wamsg._internal import fields as check
from wamsg.content import Content, TemplateRef
from wamsg.identity import Customer, PhoneNumber

__all__ = ["Outgoing", "OutgoingContent"]

OutgoingContent: TypeAlias = Content
"""What a business can send: any content kind, interactive buttons and lists included."""


_CONTENT_TYPES: tuple[type, ...] = get_args(Content)
"""The classes of the :data:`~wamsg.content.Content` union (for ``isinstance``)."""


@attrs.frozen(kw_only=True)
class Outgoing:
    """One message to send from ``business`` to ``customer``.

    ``reply_to`` quotes an earlier message (Meta ``context.message_id``);
    ``operator`` names the agent or bot sending it.
    """

    business: PhoneNumber | None = attrs.field(validator=check.opt_instance(PhoneNumber))
    customer: Customer = attrs.field(validator=check.instance(Customer))
    content: OutgoingContent = attrs.field(validator=check.instance(_CONTENT_TYPES))
    reply_to: str | None = attrs.field(default=None, validator=check.opt_text)
    operator: str | None = attrs.field(default=None, validator=check.opt_text)

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
