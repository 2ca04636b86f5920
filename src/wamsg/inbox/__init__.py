"""The helpdesk's conversations and the inbox, folded from events.

See ``docs/inbox.md``.
"""

from __future__ import annotations

from wamsg.inbox._outbound import (
    STATUS_SKEW,
)
from wamsg.inbox.conversation import (
    Conversation,
)
from wamsg.inbox.inbox import (
    Inbox,
    InboxSummary,
)
from wamsg.inbox.last_message import (
    LastMessage,
    preview,
)

__all__ = [
    "STATUS_SKEW",
    "Conversation",
    "Inbox",
    "InboxSummary",
    "LastMessage",
    "preview",
]
