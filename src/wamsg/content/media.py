"""Media content: an attachment (provider media id and/or URL) and the kinds that carry one.

Meta sends a media ``id`` (valid 7 days; a fetched URL is valid 5 minutes,
[rule meta.media.lifetime]); Twilio, Sunshine and Vonage send a ``url``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

import attrs

from wamsg._internal import fields as check
from wamsg._internal.json import Json, JsonObject, opt_str, req_mapping
from wamsg.errors import ValidationError

__all__ = ["Audio", "Document", "Image", "Media", "Sticker", "Video"]


@attrs.frozen(kw_only=True)
class Media:
    """A media attachment: provider media ``id`` and/or ``url``, plus metadata.

    Meta sends an ``id`` (valid 7 days) that is fetched separately; Twilio,
    Sunshine and Vonage send a ``url``. At least one of them is present.
    """

    id: str | None = attrs.field(default=None, validator=check.opt_text)
    url: str | None = attrs.field(default=None, validator=check.opt_text)
    mime_type: str | None = attrs.field(default=None, validator=check.opt_text)
    sha256: str | None = attrs.field(default=None, validator=check.opt_text)
    caption: str | None = attrs.field(default=None, validator=check.opt_text)

    def __attrs_post_init__(self) -> None:
        if self.id is None and self.url is None:
            raise ValidationError("a media attachment needs an id or a url", field="content")

    def to_dict(self) -> JsonObject:
        """The attachment's keys as they appear inside a media content object."""
        return {
            "id": self.id,
            "url": self.url,
            "mime_type": self.mime_type,
            "sha256": self.sha256,
            "caption": self.caption,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Json], field: str = "content") -> Media:
        """Read the attachment keys of a media content object."""
        data = req_mapping(data, field)
        return cls(
            id=opt_str(data, "id", field),
            url=opt_str(data, "url", field),
            mime_type=opt_str(data, "mime_type", field),
            sha256=opt_str(data, "sha256", field),
            caption=opt_str(data, "caption", field),
        )


@attrs.frozen
class Image:
    """An image, with an optional caption on its :class:`Media`."""

    kind: ClassVar[str] = "image"
    media: Media = attrs.field(validator=check.instance(Media))

    def to_dict(self) -> JsonObject:
        """Canonical JSON: ``{"kind": "image", id, url, mime_type, sha256, caption}``."""
        return {"kind": self.kind, **self.media.to_dict()}


@attrs.frozen
class Video:
    """A video, with an optional caption on its :class:`Media`."""

    kind: ClassVar[str] = "video"
    media: Media = attrs.field(validator=check.instance(Media))

    def to_dict(self) -> JsonObject:
        """Canonical JSON: ``{"kind": "video", id, url, mime_type, sha256, caption}``."""
        return {"kind": self.kind, **self.media.to_dict()}


@attrs.frozen(kw_only=True)
class Audio:
    """An audio file; ``voice`` is true for a recorded voice note (Meta ``audio.voice``)."""

    kind: ClassVar[str] = "audio"
    media: Media = attrs.field(validator=check.instance(Media))
    voice: bool = attrs.field(default=False, validator=check.flag)

    def to_dict(self) -> JsonObject:
        """Canonical JSON: the media keys plus ``voice``."""
        return {"kind": self.kind, **self.media.to_dict(), "voice": self.voice}


@attrs.frozen(kw_only=True)
class Document:
    """A document (PDF, spreadsheet, …) with its original ``filename`` when known."""

    kind: ClassVar[str] = "document"
    media: Media = attrs.field(validator=check.instance(Media))
    filename: str | None = attrs.field(default=None, validator=check.opt_text)

    def to_dict(self) -> JsonObject:
        """Canonical JSON: the media keys plus ``filename``."""
        return {"kind": self.kind, **self.media.to_dict(), "filename": self.filename}


@attrs.frozen(kw_only=True)
class Sticker:
    """A sticker; ``animated`` for animated stickers (Meta ``sticker.animated``)."""

    kind: ClassVar[str] = "sticker"
    media: Media = attrs.field(validator=check.instance(Media))
    animated: bool = attrs.field(default=False, validator=check.flag)

    def to_dict(self) -> JsonObject:
        """Canonical JSON: the media keys plus ``animated``."""
        return {"kind": self.kind, **self.media.to_dict(), "animated": self.animated}
