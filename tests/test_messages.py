"""Messages: direction, context (reply, forwarding flags, referral), product."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given, settings

from tests.strategies import contexts, referrals
from wamsg import Context, Customer, Direction, Message, PhoneNumber, Text, ValidationError
from wamsg.messages import EMPTY_CONTEXT, Referral, ReferredProduct, context_from

AT = datetime(2026, 11, 2, 2, 0, tzinfo=timezone.utc)


def _message(**changes: object) -> Message:
    fields: dict[str, object] = {
        "id": "wamid.1",
        "direction": Direction.INBOUND,
        "business": PhoneNumber("+15550783881"),
        "customer": Customer(phone="+16505551234"),
        "sent_at": AT,
        "content": Text("Where is my order?"),
    }
    fields.update(changes)
    return Message(**fields)  # type: ignore[arg-type]


def test_a_message_from_the_customer_is_inbound() -> None:
    assert _message().is_inbound
    assert not _message(direction=Direction.OUTBOUND).is_inbound


def test_direction_values_are_the_json_words() -> None:
    assert [d.value for d in Direction] == ["inbound", "outbound"]
    assert Direction("inbound") is Direction.INBOUND


def test_a_message_has_an_empty_context_by_default() -> None:
    assert _message().context == Context()
    assert _message().context is EMPTY_CONTEXT


def test_sent_at_may_be_unknown() -> None:
    assert _message(sent_at=None).sent_at is None


def test_sent_at_is_kept_as_the_same_instant_in_utc() -> None:
    helsinki = AT.astimezone(timezone(timedelta(hours=2)))
    message = _message(sent_at=helsinki)
    assert message.sent_at == AT
    assert message.sent_at is not None
    assert message.sent_at.utcoffset() == timedelta(0)


def test_a_naive_sent_at_is_rejected() -> None:
    with pytest.raises(ValidationError, match="naive") as raised:
        _message(sent_at=datetime(2026, 11, 2, 2, 0))
    assert raised.value.field == "sent_at"


# -- context -----------------------------------------------------------------


def test_context_json_has_the_four_canonical_keys() -> None:
    assert Context().to_dict() == {
        "reply_to": None,
        "forwarded": False,
        "frequently_forwarded": False,
        "referral": None,
    }


def test_forwarded_flags_are_kept() -> None:
    context = Context.from_dict({"forwarded": True, "frequently_forwarded": True})
    assert (context.forwarded, context.frequently_forwarded) == (True, True)


def test_a_missing_context_is_the_empty_context() -> None:
    assert Context.from_dict(None) is EMPTY_CONTEXT
    assert Context.from_dict({}) == EMPTY_CONTEXT


def test_context_from_reads_the_context_key_of_an_event() -> None:
    assert context_from({"context": {"reply_to": "wamid.0"}}, "").reply_to == "wamid.0"
    assert context_from({}, "event") is EMPTY_CONTEXT


def test_context_from_names_the_path_of_a_bad_key() -> None:
    with pytest.raises(ValidationError) as raised:
        context_from({"context": {"forwarded": "yes"}}, "event")
    assert raised.value.field == "event.context.forwarded"


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ([], "context"),
        ({"reply_to": 1}, "context.reply_to"),
        ({"forwarded": 1}, "context.forwarded"),
        ({"referral": "ad"}, "context.referral"),
        ({"referral": {"source_id": 120208}}, "context.referral.source_id"),
        ({"referred_product": []}, "context.referred_product"),
        ({"referred_product": {"catalog_id": "c"}}, "context.referred_product"),
        ({"referred_product": {"catalog_id": 1}}, "context.referred_product.catalog_id"),
    ],
)
def test_context_reader_names_what_is_wrong(data: object, field: str) -> None:
    with pytest.raises(ValidationError) as raised:
        Context.from_dict(data)
    assert raised.value.field == field


def test_referred_product_is_written_only_when_present() -> None:
    product = ReferredProduct(catalog_id="cat", product_retailer_id="sku-1")
    data = Context(referred_product=product).to_dict()
    assert data["referred_product"] == {"catalog_id": "cat", "product_retailer_id": "sku-1"}
    assert Context.from_dict(data).referred_product == product


@settings(max_examples=50)
@given(contexts)
def test_context_round_trips_through_json(context: Context) -> None:
    data = json.loads(json.dumps(context.to_dict()))
    assert Context.from_dict(data) == context
    assert Context.from_dict(data).to_dict() == context.to_dict()


# -- referral ----------------------------------------------------------------

META_REFERRAL = {
    "source_url": "https://fb.me/3cr4Wqqkv",
    "source_id": "120208",
    "source_type": "ad",
    "headline": "Summer sale",
    "media_type": "image",
    "ctwa_clid": "ARAkLkA8rmlFeiCktEJQ-QTwRiyYHAFDLMNDBH0CD3qpjd0HR4irJ6LEkR7JwFF4XvnO2E4Nx0",
}


def test_a_referral_from_an_ad_can_open_a_free_entry_point() -> None:
    referral = Referral.from_dict(META_REFERRAL)
    assert referral.is_ad
    assert (referral.source_type, referral.source_id) == ("ad", "120208")
    assert referral.ctwa_clid is not None
    assert referral.ctwa_clid.startswith("ARAk")


def test_a_referral_from_a_post_cannot() -> None:
    assert not Referral(source_type="post", source_id="1").is_ad
    assert not Referral().is_ad


def test_a_referral_keeps_every_other_key_in_details() -> None:
    referral = Referral.from_dict(META_REFERRAL)
    assert referral.details == {
        "source_url": "https://fb.me/3cr4Wqqkv",
        "headline": "Summer sale",
        "media_type": "image",
    }
    assert referral.to_dict() == META_REFERRAL


def test_a_referral_writes_only_the_keys_it_has() -> None:
    assert Referral(source_type="ad").to_dict() == {"source_type": "ad"}


@settings(max_examples=50)
@given(referrals)
def test_referral_round_trips_through_json(referral: Referral) -> None:
    data = json.loads(json.dumps(referral.to_dict()))
    assert Referral.from_dict(data) == referral
