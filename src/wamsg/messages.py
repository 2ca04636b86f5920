"""Messages: who sent what to whom, when, and in which context.

A :class:`Message` is provider-neutral. Its :class:`Context` keeps what
helpdesks usually lose: the message it replies to, the *forwarded* and
*frequently forwarded* flags (Zendesk keeps only the covering text of a
forwarded message; wamsg keeps the flags and the content), the ad or post
that referred the customer (``referral``, which decides the free entry point
window), and the product a customer asked about.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from datetime import datetime
from typing import get_args

import attrs

from wamsg._internal import fields as check
from wamsg._internal.decode import require_strict
from wamsg._internal.json import (
    EARLIEST,
    LATEST,
    UTC,
    Json,
    JsonObject,
    opt_bool,
    opt_str,
    req_mapping,
    require_aware,
)
from wamsg.content import Content
from wamsg.errors import ValidationError
from wamsg.identity import Customer, PhoneNumber

__all__ = ["EMPTY_CONTEXT", "Context", "Direction", "Message", "Referral", "ReferredProduct"]


class Direction(str, enum.Enum):
    """Which way a message travelled."""

    INBOUND = "inbound"
    """From the customer to the business."""
    OUTBOUND = "outbound"
    """From the business to the customer."""


_REFERRAL_MAIN = ("source_type", "source_id", "ctwa_clid")


_CONTENT_TYPES: tuple[type, ...] = get_args(Content)
"""The classes of the :data:`~wamsg.content.Content` union (for ``isinstance``)."""


@attrs.frozen(kw_only=True)
class Referral:
    """The ad or post a customer came from (Meta ``messages[].referral``).

    ``source_type`` is ``"ad"`` for a Click-to-WhatsApp ad or Facebook Page
    call-to-action, ``"post"`` for a boosted post; only ``"ad"`` opens a free
    entry point window ([rule meta.fep.entry-points]). Every other key Meta sends
    (``source_url``, ``headline``, ``body``, ``media_type``, ``image_url``,
    ``welcome_message`` …) is kept in ``details``.
    """

    source_type: str | None = attrs.field(default=None, validator=check.opt_text)
    source_id: str | None = attrs.field(default=None, validator=check.opt_text)
    ctwa_clid: str | None = attrs.field(default=None, validator=check.opt_text)
    details: JsonObject = attrs.field(factory=dict, hash=False, validator=check.json_object)

    @property
    def is_ad(self) -> bool:
        """True when the referral can open a free entry point window."""
        return self.source_type == "ad"

    def to_dict(self) -> JsonObject:
        """Canonical JSON: the keys that are present, ``details`` spread alongside."""
        out: JsonObject = dict(self.details)
        for key in _REFERRAL_MAIN:
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        return out

    @classmethod
    def from_dict(cls, data: object, field: str = "context.referral") -> Referral:
        """Read a referral object; unknown keys land in ``details``."""
        mapping = req_mapping(data, field)
        details = {k: v for k, v in mapping.items() if k not in _REFERRAL_MAIN}
        require_strict(details, field)  # kept as it is: strict JSON only
        return cls(
            source_type=opt_str(mapping, "source_type", field),
            source_id=opt_str(mapping, "source_id", field),
            ctwa_clid=opt_str(mapping, "ctwa_clid", field),
            details=details,
        )


@attrs.frozen(kw_only=True)
class ReferredProduct:
    """The catalog product a customer asked about ("Message business" on a product)."""

    catalog_id: str = attrs.field(validator=check.text)
    product_retailer_id: str = attrs.field(validator=check.text)

    def to_dict(self) -> JsonObject:
        """Canonical JSON: ``{catalog_id, product_retailer_id}``."""
        return {"catalog_id": self.catalog_id, "product_retailer_id": self.product_retailer_id}


@attrs.frozen(kw_only=True)
class Context:
    """Where a message stands among others: reply, forwarding, referral."""

    reply_to: str | None = attrs.field(default=None, validator=check.opt_text)
    forwarded: bool = attrs.field(default=False, validator=check.flag)
    frequently_forwarded: bool = attrs.field(default=False, validator=check.flag)
    referral: Referral | None = attrs.field(default=None, validator=check.opt_instance(Referral))
    referred_product: ReferredProduct | None = attrs.field(
        default=None, validator=check.opt_instance(ReferredProduct)
    )

    def to_dict(self) -> JsonObject:
        """Canonical JSON: ``{reply_to, forwarded, frequently_forwarded, referral}``.

        ``referred_product`` is written only when present.
        """
        out: JsonObject = {
            "reply_to": self.reply_to,
            "forwarded": self.forwarded,
            "frequently_forwarded": self.frequently_forwarded,
            "referral": None if self.referral is None else self.referral.to_dict(),
        }
        if self.referred_product is not None:
            out["referred_product"] = self.referred_product.to_dict()
        return out

    @classmethod
    def from_dict(cls, data: object, field: str = "context") -> Context:
        """Read a context object; every key may be missing."""
        if data is None:
            return EMPTY_CONTEXT
        mapping = req_mapping(data, field)
        referral = mapping.get("referral")
        product = mapping.get("referred_product")
        referred_product = None
        if product is not None:
            product_map = req_mapping(product, f"{field}.referred_product")
            catalog_id = opt_str(product_map, "catalog_id", f"{field}.referred_product")
            retailer_id = opt_str(product_map, "product_retailer_id", f"{field}.referred_product")
            if catalog_id is None or retailer_id is None:
                raise ValidationError(
                    "needs catalog_id and product_retailer_id", field=f"{field}.referred_product"
                )
            referred_product = ReferredProduct(
                catalog_id=catalog_id, product_retailer_id=retailer_id
            )
        return cls(
            reply_to=opt_str(mapping, "reply_to", field),
            forwarded=opt_bool(mapping, "forwarded", field),
            frequently_forwarded=opt_bool(mapping, "frequently_forwarded", field),
            referral=None if referral is None else Referral.from_dict(referral),
            referred_product=referred_product,
        )


EMPTY_CONTEXT = Context()
"""The context of a message that quotes, forwards and refers to nothing: ``Context()``."""


def _opt_sent_at(value: datetime | None) -> datetime | None:
    """Reject naive times (wamsg never guesses a zone); keep the instant in UTC."""
    if value is None or (
        type(value) is datetime and value.tzinfo is UTC and EARLIEST <= value < LATEST
    ):
        return value  # the hot path of webhook parsing: already a UTC stdlib datetime
    return require_aware(value, "sent_at")


@attrs.frozen(kw_only=True)
class Message:
    """One WhatsApp message between a business number and a customer.

    ``id`` is the provider's message id (Meta ``wamid.…``, Twilio ``SM…``).
    ``business`` may be None where a provider hides the number (Sunshine).
    ``sent_at`` is the message's own timestamp (None where the provider sends
    none, as Twilio's inbound webhook).
    """

    id: str = attrs.field(validator=check.text)
    direction: Direction = attrs.field(validator=check.instance(Direction))
    business: PhoneNumber | None = attrs.field(validator=check.opt_instance(PhoneNumber))
    customer: Customer = attrs.field(validator=check.instance(Customer))
    sent_at: datetime | None = attrs.field(converter=_opt_sent_at)
    content: Content = attrs.field(validator=check.instance(_CONTENT_TYPES))
    context: Context = attrs.field(default=EMPTY_CONTEXT, validator=check.instance(Context))

    @property
    def is_inbound(self) -> bool:
        """True for a message from the customer."""
        return self.direction is Direction.INBOUND


def context_from(data: Mapping[str, Json], field: str) -> Context:
    """Read the optional ``context`` key of an event object."""
    return Context.from_dict(data.get("context"), f"{field}.context" if field else "context")
