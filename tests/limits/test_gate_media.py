"""The media WhatsApp accepts, by kind, and the channel's attachment settings per side."""

from __future__ import annotations

import pytest

from wamsg.errors import ValidationError
from wamsg.limits import (
    KILOBYTE,
    MEGABYTE,
    AttachmentSettings,
    MediaReason,
    OutgoingMedia,
    check_media,
)
from wamsg.messages import Direction


@pytest.mark.parametrize(
    ("kind", "mime", "largest"),
    [
        ("image", "image/jpeg", 5 * MEGABYTE),
        ("image", "image/png", 5 * MEGABYTE),
        ("video", "video/mp4", 16 * MEGABYTE),
        ("video", "video/3gpp", 16 * MEGABYTE),
        ("audio", "audio/mpeg", 16 * MEGABYTE),
        ("audio", "audio/ogg", 16 * MEGABYTE),
        ("document", "application/pdf", 100 * MEGABYTE),
        ("document", "text/plain", 100 * MEGABYTE),
        ("sticker", "image/webp", 100 * KILOBYTE),
    ],
)
def test_each_kind_is_accepted_up_to_its_size_and_refused_one_byte_over(
    kind: str, mime: str, largest: int
) -> None:
    assert check_media(kind, mime, largest).allowed
    over = check_media(kind, mime, largest + 1)
    assert not over.allowed
    assert over.reason is MediaReason.TOO_LARGE


def test_an_animated_sticker_may_weigh_500_kb() -> None:
    assert check_media("sticker", "image/webp", 500 * KILOBYTE, animated=True).allowed
    assert not check_media("sticker", "image/webp", 500 * KILOBYTE + 1, animated=True).allowed
    assert not check_media("sticker", "image/webp", 101 * KILOBYTE).allowed


def test_a_type_outside_the_kinds_list_is_unsupported() -> None:
    for kind, mime in (
        ("image", "image/gif"),
        ("video", "video/quicktime"),
        ("sticker", "image/png"),
    ):
        assert check_media(kind, mime, 10).reason is MediaReason.UNSUPPORTED_TYPE


def test_mime_parameters_and_case_are_read() -> None:
    assert check_media("image", "IMAGE/JPEG; charset=binary", 10).allowed
    assert check_media("audio", 'audio/ogg; codecs="opus"', 10).allowed
    codec = check_media("audio", "audio/ogg; codecs=vorbis", 10)
    assert codec.reason is MediaReason.UNSUPPORTED_CODEC


def test_an_unknown_kind_is_a_refusal_not_an_error() -> None:
    assert check_media("hologram", "x/y", 1).reason is MediaReason.UNKNOWN_KIND


def test_attachments_are_allowed_per_side() -> None:
    agents_only = AttachmentSettings(customers=False, agents=True)
    assert check_media("image", "image/png", 1, settings=agents_only).allowed
    inbound = check_media(
        "image", "image/png", 1, direction=Direction.INBOUND, settings=agents_only
    )
    assert inbound.reason is MediaReason.ATTACHMENTS_OFF
    assert "customers" in inbound.message
    customers_only = AttachmentSettings(customers=True, agents=False)
    assert check_media("image", "image/png", 1, settings=customers_only).reason is (
        MediaReason.ATTACHMENTS_OFF
    )


def test_outgoing_media_checks_itself_and_has_json() -> None:
    photo = OutgoingMedia(kind="image", mime_type="image/png", size_bytes=1)
    assert photo.check().to_dict() == {
        "allowed": True,
        "reason": "accepted",
        "message": "image accepted",
    }


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"kind": 1, "mime_type": "image/png", "size_bytes": 1}, "kind"),
        ({"kind": "image", "mime_type": None, "size_bytes": 1}, "mime_type"),
        ({"kind": "image", "mime_type": "image/png", "size_bytes": -1}, "size_bytes"),
        ({"kind": "image", "mime_type": "image/png", "size_bytes": True}, "size_bytes"),
        ({"kind": "image", "mime_type": "image/png", "size_bytes": 1, "animated": 1}, "animated"),
    ],
)
def test_wrong_types_are_validation_errors(arguments: dict[str, object], field: str) -> None:
    with pytest.raises(ValidationError) as raised:
        OutgoingMedia(**arguments)  # type: ignore[arg-type]
    assert raised.value.field == field
    with pytest.raises(ValidationError):
        check_media(**arguments)  # type: ignore[arg-type]
    with pytest.raises(ValidationError) as setting:
        AttachmentSettings(customers="yes")  # type: ignore[arg-type]
    assert setting.value.field == "customers"
