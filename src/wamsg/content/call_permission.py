"""The customer's answer to a call permission request (Meta ``call_permission_reply``).

A business may call a WhatsApp user only with the user's permission; it asks with
a call permission request, and the user's answer arrives as an interactive reply
[rule meta.calls.permission-reply]: ``response`` (``accept`` or ``reject``),
``expiration_timestamp`` (when an accepted permission lapses) and
``response_source`` (``user_action``, or ``automatic`` when WhatsApp granted it
because the user called the business). It is a message from the customer, so it is
carried by a :class:`~wamsg.events.MessageReceived`.
"""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

import attrs

from wamsg._internal import fields as check
from wamsg._internal.json import JsonObject, format_optional_time, require_aware

__all__ = ["CallPermissionReply"]


def _expires(value: datetime | None) -> datetime | None:
    return None if value is None else require_aware(value, "content.expires_at")


@attrs.frozen(kw_only=True)
class CallPermissionReply:
    """The customer accepted or rejected the business's request to call them.

    ``response`` is kept as sent (``"accept"``, ``"reject"``, or a value wamsg does
    not know); ``expires_at`` is when the permission lapses (None when not given),
    ``source`` the ``response_source`` (``"user_action"``, ``"automatic"``). ``data``
    keeps the reply's other keys as sent; it is empty unless the provider sent more.
    """

    kind: ClassVar[str] = "call_permission_reply"
    response: str = attrs.field(validator=check.text)
    expires_at: datetime | None = attrs.field(default=None, converter=_expires)
    source: str | None = attrs.field(default=None, validator=check.opt_text)
    data: JsonObject = attrs.field(factory=dict, hash=False, validator=check.json_object)

    @property
    def accepted(self) -> bool:
        """True when the customer allowed the business to call."""
        return self.response == "accept"

    @property
    def rejected(self) -> bool:
        """True when the customer refused."""
        return self.response == "reject"

    def to_dict(self) -> JsonObject:
        """Canonical JSON: ``{"kind": "call_permission_reply", response, expires_at, source}``,
        and ``data`` when the reply carries any."""
        out: JsonObject = {
            "kind": self.kind,
            "response": self.response,
            "expires_at": format_optional_time(self.expires_at),
            "source": self.source,
        }
        if self.data:
            out["data"] = dict(self.data)
        return out
