"""Which media WhatsApp accepts, and whether a channel lets a side attach files.

WhatsApp accepts each media kind in a few formats up to a size
[rule meta.media.types-sizes]:

======== ============================================== ======================
kind     MIME types                                     largest
======== ============================================== ======================
image    image/jpeg, image/png                          5 MB
video    video/mp4, video/3gpp (H.264 + AAC)            16 MB
audio    audio/aac, audio/amr, audio/mpeg, audio/mp4,   16 MB
         audio/ogg (Opus codec only)
document text/plain, PDF, Word, Excel, PowerPoint       100 MB
sticker  image/webp                                     100 KB, animated 500 KB
======== ============================================== ======================

Sizes are read as binary units (1 MB = 1,048,576 bytes, 1 KB = 1,024 bytes);
:data:`MEGABYTE` and :data:`KILOBYTE` name them. A helpdesk can also let customers
and agents attach files separately (Dynamics 365's "file attachments for
customer/agent" [rule d365.attachments.per-side]): :class:`AttachmentSettings`.

:func:`check_media` answers before the upload, with a reason and a sentence; it
never raises for a "no".
"""

from __future__ import annotations

import enum
from typing import Any

import attrs

from wamsg._internal import fields as check
from wamsg._internal.json import JsonObject, is_text
from wamsg.errors import ValidationError
from wamsg.messages import Direction

__all__ = [
    "KILOBYTE",
    "MEDIA_KINDS",
    "MEGABYTE",
    "AttachmentSettings",
    "MediaCheck",
    "MediaReason",
    "MediaRule",
    "OutgoingMedia",
    "check_media",
]

KILOBYTE = 1_024
"""A kilobyte as WhatsApp's size limits read it: 1,024 bytes."""
MEGABYTE = 1_024 * KILOBYTE
"""A megabyte as WhatsApp's size limits read it: 1,048,576 bytes."""


def _mime_types(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not frozenset:
        raise ValidationError(
            "must be a frozenset of MIME types", field=attribute.name, value=value
        )
    for mime_type in value:
        check.text(instance, attribute, mime_type)


@attrs.frozen
class MediaRule:
    """The formats and the largest size WhatsApp accepts for one media kind."""

    kind: str = attrs.field(validator=check.text)
    mime_types: frozenset[str] = attrs.field(validator=_mime_types)
    max_bytes: int = attrs.field(validator=check.integer(0, check.MAX_JSON_INT))
    animated_max_bytes: int | None = attrs.field(
        default=None, validator=check.opt_integer(0, check.MAX_JSON_INT)
    )
    """Stickers only: the cap for an animated sticker."""


_DOCUMENTS = frozenset(
    {
        "text/plain",
        "application/pdf",
        "application/msword",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.ms-excel",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.ms-powerpoint",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    }
)
_VIDEO = frozenset({"video/mp4", "video/3gpp", "video/3gp"})
_AUDIO = frozenset({"audio/aac", "audio/amr", "audio/mpeg", "audio/mp4", "audio/ogg"})

MEDIA_KINDS: dict[str, MediaRule] = {
    "image": MediaRule("image", frozenset({"image/jpeg", "image/png"}), 5 * MEGABYTE),
    "video": MediaRule("video", _VIDEO, 16 * MEGABYTE),
    "audio": MediaRule("audio", _AUDIO, 16 * MEGABYTE),
    "document": MediaRule("document", _DOCUMENTS, 100 * MEGABYTE),
    "sticker": MediaRule("sticker", frozenset({"image/webp"}), 100 * KILOBYTE, 500 * KILOBYTE),
}
"""Every media kind WhatsApp accepts, by the kind's name in wamsg's content model."""


class MediaReason(str, enum.Enum):
    """Why a media send is accepted or not (stable codes)."""

    ACCEPTED = "accepted"
    UNKNOWN_KIND = "unknown_kind"
    UNSUPPORTED_TYPE = "unsupported_type"
    UNSUPPORTED_CODEC = "unsupported_codec"
    TOO_LARGE = "too_large"
    ATTACHMENTS_OFF = "attachments_off"


@attrs.frozen
class AttachmentSettings:
    """Whether the channel lets customers and agents attach files (both on by default)."""

    customers: bool = attrs.field(default=True, validator=check.flag)
    agents: bool = attrs.field(default=True, validator=check.flag)

    def allows(self, direction: Direction) -> bool:
        """Whether a message travelling ``direction`` may carry a file."""
        return self.customers if direction is Direction.INBOUND else self.agents


@attrs.frozen(kw_only=True)
class OutgoingMedia:
    """A file about to be sent: its content kind, MIME type, size, and for a sticker
    whether it is animated."""

    kind: str = attrs.field(validator=check.any_text)
    mime_type: str = attrs.field(validator=check.any_text)
    size_bytes: int = attrs.field(validator=check.integer(0, check.MAX_JSON_INT))
    animated: bool = attrs.field(default=False, validator=check.flag)

    def check(
        self,
        *,
        direction: Direction = Direction.OUTBOUND,
        settings: AttachmentSettings | None = None,
    ) -> MediaCheck:
        """:func:`check_media` for this file."""
        return check_media(
            self.kind,
            self.mime_type,
            self.size_bytes,
            animated=self.animated,
            direction=direction,
            settings=settings,
        )


@attrs.frozen
class MediaCheck:
    """The answer of :func:`check_media`: allowed or not, why, and a sentence."""

    allowed: bool = attrs.field(validator=check.flag)
    reason: MediaReason = attrs.field(validator=check.instance(MediaReason))
    message: str = attrs.field(validator=check.text)

    def to_dict(self) -> JsonObject:
        """JSON form."""
        return {"allowed": self.allowed, "reason": self.reason.value, "message": self.message}


def _base_type(mime_type: str) -> tuple[str, str]:
    """The MIME type without parameters, lower case, and its ``codecs`` parameter."""
    base, _, params = mime_type.partition(";")
    codecs = ""
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "codecs":
            codecs = value.strip().strip('"').lower()
    return base.strip().lower(), codecs


def _refuse(reason: MediaReason, message: str) -> MediaCheck:
    return MediaCheck(allowed=False, reason=reason, message=message)


def check_media(
    kind: str,
    mime_type: str,
    size_bytes: int,
    *,
    animated: bool = False,
    direction: Direction = Direction.OUTBOUND,
    settings: AttachmentSettings | None = None,
) -> MediaCheck:
    """Whether WhatsApp (and the channel's ``settings``) accept this file.

    ``kind`` is the content kind (``"image"``, ``"video"``, ``"audio"``,
    ``"document"``, ``"sticker"``), ``mime_type`` the file's type (parameters such
    as ``codecs=opus`` are read), ``size_bytes`` its size. Wrong types are a
    :class:`ValidationError`; a file WhatsApp would refuse is a refusal, not an error.
    """
    if type(kind) is not str or not is_text(kind):
        raise ValidationError("must be a string", field="kind", value=kind)
    if type(mime_type) is not str or not is_text(mime_type):
        raise ValidationError("must be a string", field="mime_type", value=mime_type)
    size_bytes = check.count(size_bytes, "size_bytes")
    if type(animated) is not bool:
        raise ValidationError("must be True or False", field="animated", value=animated)
    if not isinstance(direction, Direction):
        raise ValidationError("must be a Direction", field="direction", value=direction)
    if settings is not None and not isinstance(settings, AttachmentSettings):
        raise ValidationError(
            "must be AttachmentSettings or None", field="settings", value=settings
        )
    if settings is not None and not settings.allows(direction):
        side = "customers" if direction is Direction.INBOUND else "agents"
        return _refuse(
            MediaReason.ATTACHMENTS_OFF, f"the channel does not let {side} attach files"
        )
    rule = MEDIA_KINDS.get(kind)
    if rule is None:
        kinds = ", ".join(MEDIA_KINDS)
        return _refuse(MediaReason.UNKNOWN_KIND, f"{kind!r} is not a media kind ({kinds})")
    base, codecs = _base_type(mime_type)
    if base not in rule.mime_types:
        allowed = ", ".join(sorted(rule.mime_types))
        return _refuse(MediaReason.UNSUPPORTED_TYPE, f"{kind} must be one of {allowed}")
    if base == "audio/ogg" and codecs and codecs != "opus":
        return _refuse(MediaReason.UNSUPPORTED_CODEC, "ogg audio must use the Opus codec")
    limit = rule.animated_max_bytes if animated and rule.animated_max_bytes else rule.max_bytes
    if size_bytes > limit:
        return _refuse(
            MediaReason.TOO_LARGE,
            f"{kind} is {size_bytes:,} bytes; WhatsApp accepts at most {limit:,}",
        )
    return MediaCheck(allowed=True, reason=MediaReason.ACCEPTED, message=f"{kind} accepted")
