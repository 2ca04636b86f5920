"""Sunshine Conversations and Vonage: batches, delivery events, signed JWTs, sends."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json

import pytest

from wamsg import (
    Customer,
    DeliveryStatus,
    MessageReceived,
    MessageStatus,
    PhoneNumber,
    SignatureError,
    TemplateRef,
    Text,
    UnknownEvent,
    ValidationError,
)
from wamsg._internal.jwt import decode_hs256, encode_hs256
from wamsg.content import (
    Document,
    Image,
    InteractiveReply,
    ListMessage,
    ListRow,
    ListSection,
    Location,
    Media,
    Reaction,
)
from wamsg.events import ConversationRead
from wamsg.messages import ReferredProduct
from wamsg.outgoing import Outgoing
from wamsg.providers import (
    ErrorKind,
    SunshineProvider,
    VonageProvider,
    WebhookRequest,
    vonage_claims,
)
from wamsg.testing import signed_sunshine_request, signed_vonage_request, vonage_inbound_text

from ._support import ISSUED_AT, SECRET, fixture

SUNSHINE = SunshineProvider(
    app_id="app1", key_id="app_k", key_secret="s", integration_id="int1", template_namespace="ns"
)
VONAGE = VonageProvider(api_key="k", api_secret="s")
BUSINESS = PhoneNumber.parse("+447700900000")
CUSTOMER = Customer(phone="+447700900001")


def _sunshine() -> tuple[object, ...]:
    return SUNSHINE.parse(signed_sunshine_request(fixture("sunshine/batch.json"), SECRET))


def test_sunshine_yields_every_event_of_a_post_duplicates_included() -> None:
    events = _sunshine()
    assert len(events) == 10
    first, last = events[0], events[-1]
    assert isinstance(first, MessageReceived)
    assert first == last
    assert first.extra["event_id"] == "ev1"
    assert first.message.content == Text("Grüße 👋")
    assert first.customer.phone == PhoneNumber.parse("+4915112345678")
    assert first.message.context.reply_to == "wamid.q"
    assert first.extra["original_message_id"] == "wamid.s1"
    assert first.extra["channel"] == "whatsapp"


def test_sunshine_business_messages_are_not_inbound() -> None:
    events = _sunshine()
    assert isinstance(events[1], MessageReceived)
    assert isinstance(events[1].message.content, Image)
    assert isinstance(events[2], UnknownEvent)
    assert events[2].kind == "sunshine.message.business"


def test_sunshine_delivery_events_map_to_statuses() -> None:
    statuses = [e for e in _sunshine() if isinstance(e, MessageStatus)]
    assert [s.status for s in statuses] == [
        DeliveryStatus.DELIVERED,
        DeliveryStatus.SENT,
        DeliveryStatus.FAILED,
    ]
    assert statuses[0].extra["external_ids"] == ["wamid.out3"]
    assert all(s.extra.get("channel") == "whatsapp" for s in statuses)
    assert statuses[0].customer == Customer(provider_user_id="user1")  # the payload's user
    assert statuses[1].customer is None  # a channel report names no user
    failure = statuses[2].errors[0]
    assert failure.code == "uncategorized_error"
    assert SUNSHINE.map_error(failure.code) is ErrorKind.UNKNOWN
    from wamsg.providers.errors import sunshine_error_kind

    assert sunshine_error_kind(failure.code, failure.detail) is ErrorKind.OUTSIDE_WINDOW


def test_sunshine_read_and_missing_phone() -> None:
    events = _sunshine()
    assert isinstance(events[6], ConversationRead)
    assert events[6].reader == "customer"
    # without includeFullSource the customer is known by Sunshine's own user id
    assert isinstance(events[7], MessageReceived)
    assert events[7].customer.phone is None
    assert events[7].customer.provider_user_id == "user2"
    assert events[7].customer.key == "user2"
    assert isinstance(events[8], UnknownEvent)
    assert events[8].kind == "sunshine.conversation:typing"


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        ({"type": "text", "text": "Yes", "payload": "YES"}, InteractiveReply),
        ({"type": "file", "mediaUrl": "https://x/a.pdf", "altText": "a.pdf"}, Document),
        (
            {
                "type": "location",
                "coordinates": {"lat": 1.5, "long": 2},
                "location": {"name": "x"},
            },
            Location,
        ),
        ({"type": "location", "coordinates": {}}, UnknownEvent),
        ({"type": "location", "coordinates": {"lat": 10**400, "long": 2}}, UnknownEvent),
        ({"type": "location", "coordinates": {"lat": True, "long": 2}}, UnknownEvent),
        ({"type": "carousel", "items": []}, MessageReceived),
    ],
)
def test_sunshine_content_kinds(content: dict[str, object], kind: type) -> None:
    event = {
        "id": "e",
        "createdAt": "2026-11-20T09:00:00Z",
        "type": "conversation:message",
        "payload": {
            "message": {
                "id": "m",
                "author": {"type": "user"},
                "content": content,
                "source": {"client": {"externalId": "4915112345678"}},
            }
        },
    }
    (parsed,) = SUNSHINE.parse(WebhookRequest(body=json.dumps({"events": [event]}).encode()))
    if isinstance(parsed, MessageReceived) and kind is not MessageReceived:
        assert isinstance(parsed.message.content, kind)
    else:
        assert isinstance(parsed, kind)


def test_sunshine_verifies_the_api_key_in_constant_time() -> None:
    request = signed_sunshine_request(b"{}", SECRET)
    SUNSHINE.verify(request, SECRET)
    with pytest.raises(SignatureError):
        SUNSHINE.verify(request, "other")


def test_sunshine_sends_to_a_conversation_with_basic_auth() -> None:
    request = SUNSHINE.build_send(
        Outgoing(business=None, customer=CUSTOMER, content=Text("Hi"), operator="Agent Ada"),
        conversation_id="c1",
    )
    assert request.url == "https://api.smooch.io/v2/apps/app1/conversations/c1/messages"
    assert (request.header("Authorization") or "").startswith("Basic ")
    assert request.json() == {
        "author": {"type": "business", "displayName": "Agent Ada"},
        "content": {"type": "text", "text": "Hi"},
    }


def test_sunshine_template_without_conversation_is_a_v1_1_notification() -> None:
    template = TemplateRef(name="hello", language="en")
    request = SUNSHINE.build_send(Outgoing(business=None, customer=CUSTOMER, content=template))
    assert request.url == "https://api.smooch.io/v1.1/apps/app1/notifications"
    body = request.json()
    assert isinstance(body, dict)
    assert body["destination"] == {"integrationId": "int1", "destinationId": "+447700900001"}
    assert body["author"] == {"role": "appMaker"}
    in_conversation = SUNSHINE.build_send(
        Outgoing(business=None, customer=CUSTOMER, content=template), conversation_id="c1"
    ).json()
    assert isinstance(in_conversation, dict)
    assert in_conversation["schema"] == "whatsapp"


def test_sunshine_refusals() -> None:
    with pytest.raises(ValidationError, match="conversation_id"):
        SUNSHINE.build_send(Outgoing(business=None, customer=CUSTOMER, content=Text("x")))
    with pytest.raises(ValidationError):
        SUNSHINE.build_send(
            Outgoing(business=None, customer=CUSTOMER, content=Reaction(message_id="m")),
            conversation_id="c",
        )
    with pytest.raises(ValidationError):
        SUNSHINE.build_send(
            Outgoing(business=None, customer=CUSTOMER, content=Image(Media(id="1"))),
            conversation_id="c",
        )
    with pytest.raises(ValidationError):
        SUNSHINE.build_notification(Outgoing(business=None, customer=CUSTOMER, content=Text("x")))
    with pytest.raises(ValidationError, match="integration_id"):
        SunshineProvider(app_id="a", key_id="k", key_secret="s").build_send(
            Outgoing(
                business=None, customer=CUSTOMER, content=TemplateRef(name="t", language="en")
            )
        )
    with pytest.raises(ValidationError, match="phone"):
        SUNSHINE.build_send(
            Outgoing(
                business=None,
                customer=Customer(user_id="US.1"),
                content=TemplateRef(name="t", language="en"),
            )
        )
    with pytest.raises(ValidationError):
        SunshineProvider().build_send(
            Outgoing(business=None, customer=CUSTOMER, content=Text("x")), conversation_id="c"
        )
    assert SUNSHINE.build_mark_read("m") is None


def test_sunshine_send_responses() -> None:
    assert SUNSHINE.parse_send_response(201, b'{"messages":[{"id":"m1"}]}').message_id == "m1"
    assert SUNSHINE.parse_send_response(201, b'{"notification":{"_id":"n1"}}').message_id == "n1"
    bad = SUNSHINE.parse_send_response(401, b'{"errors":[{"code":"unauthorized","title":"no"}]}')
    assert bad.kind is ErrorKind.AUTH
    assert SUNSHINE.parse_send_response(500, b"{}").accepted is False
    with pytest.raises(ValidationError):
        SUNSHINE.parse_send_response(200, b"[]")


# --- Vonage -----------------------------------------------------------------------------


def _vonage(name: str) -> object:
    request = signed_vonage_request(fixture(f"vonage/{name}.json"), SECRET, issued_at=ISSUED_AT)
    VONAGE.verify(request, SECRET)
    (event,) = VONAGE.parse(request)
    return event


def test_vonage_inbound_reply_with_referral() -> None:
    event = _vonage("inbound_reply")
    assert isinstance(event, MessageReceived)
    assert event.message.content == InteractiveReply(
        reply_type="list", id="row1", title="Sizes", description="S to XL"
    )
    assert event.message.context.reply_to == "aaaaaaaa-bbbb-cccc-dddd-0123456789ab"
    assert event.message.context.referral is not None
    assert event.customer.name == "Jane Smith"
    assert event.business == BUSINESS


def test_vonage_rejected_status_keeps_error_and_pricing() -> None:
    event = _vonage("status_rejected")
    assert isinstance(event, MessageStatus)
    assert event.status is DeliveryStatus.FAILED
    assert event.errors[0].code == "1340"
    assert VONAGE.map_error("1340") is ErrorKind.OUTSIDE_WINDOW
    assert event.pricing is not None
    assert event.pricing.category == "marketing"
    assert event.customer is not None
    assert event.customer.phone == PhoneNumber.parse("+447700900001")


def test_vonage_non_ascii_caption() -> None:
    event = _vonage("inbound_image_non_ascii")
    assert isinstance(event, MessageReceived)
    assert isinstance(event.message.content, Image)
    assert event.message.content.media.caption == "Ça marche ✓"


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        ({"message_type": "audio", "audio": {"url": "https://x"}}, "audio"),
        ({"message_type": "video", "video": {"url": "https://x"}}, "video"),
        ({"message_type": "file", "file": {"url": "https://x", "name": "a.pdf"}}, "document"),
        ({"message_type": "sticker", "sticker": {"url": "https://x"}}, "sticker"),
        ({"message_type": "location", "location": {"lat": 1, "long": 2}}, "location"),
        ({"message_type": "location", "location": {}}, "invalid"),
        ({"message_type": "location", "location": {"lat": 10**400, "long": 2}}, "invalid"),
        ({"message_type": "button", "button": {"text": "Stop", "payload": "S"}}, "button_reply"),
        (
            {
                "message_type": "reaction",
                "reaction": {"emoji": "👍"},
                "context": {"message_uuid": "u"},
            },
            "reaction",
        ),
        ({"message_type": "reaction", "reaction": {"emoji": "👍"}}, "invalid"),
        ({"message_type": "order", "order": {"catalog_id": "c"}}, "unsupported"),
        ({"message_type": "text", "text": "x", "from": "0"}, "invalid"),
        (
            {
                "message_type": "text",
                "text": "x",
                "context": {
                    "whatsapp_referred_product": {"catalog_id": "c", "product_retailer_id": "p"}
                },
            },
            "text",
        ),
    ],
)
def test_vonage_inbound_kinds(data: dict[str, object], kind: str) -> None:
    body = {"message_uuid": "u1", "to": "447700900000", "from": "447700900001", **data}
    (event,) = VONAGE.parse(WebhookRequest(body=json.dumps(body).encode()))
    found = event.message.content.kind if isinstance(event, MessageReceived) else "invalid"
    assert found == kind


def test_vonage_unknown_status_is_kept() -> None:
    body = b'{"message_uuid":"u","status":"accepted","to":"447700900001","from":"447700900000"}'
    (event,) = VONAGE.parse(WebhookRequest(body=body))
    assert isinstance(event, UnknownEvent)
    assert event.kind == "vonage.status.accepted"


def test_vonage_signature_checks() -> None:
    body = fixture("vonage/inbound_reply.json")
    good = signed_vonage_request(body, SECRET, issued_at=ISSUED_AT)
    assert vonage_claims(good, SECRET)["api_key"] == "abcd1234"
    changed = WebhookRequest(body=body + b" ", headers=good.headers)
    with pytest.raises(SignatureError, match="payload_hash"):
        VONAGE.verify(changed, SECRET)
    with pytest.raises(SignatureError, match="Bearer"):
        VONAGE.verify(WebhookRequest(body=body, headers={"Authorization": "Basic x"}), SECRET)
    no_hash = encode_hs256({"iat": 1}, SECRET.encode())
    with pytest.raises(SignatureError, match="payload_hash"):
        VONAGE.verify(
            WebhookRequest(body=body, headers={"Authorization": f"Bearer {no_hash}"}), SECRET
        )


@pytest.mark.parametrize(
    "token",
    [
        "a.b",
        "eyJhbGciOiJub25lIn0.e30.",  # alg none
        "!!!.e30.x",
        "bm90IGpzb24.e30.x",  # header is not JSON
        "WzFd.e30.x",  # header is a list
        "é.e30.x",
    ],
)
def test_bad_jwts_are_refused(token: str) -> None:
    with pytest.raises(SignatureError):
        decode_hs256(token, b"secret")


def test_jwt_round_trip_and_wrong_secret() -> None:
    token = encode_hs256({"payload_hash": hashlib.sha256(b"x").hexdigest()}, b"k")
    assert decode_hs256(token, b"k")["payload_hash"] == hashlib.sha256(b"x").hexdigest()
    with pytest.raises(SignatureError):
        decode_hs256(token, b"other")
    header = token.split(".")[0]
    bad = base64.urlsafe_b64encode(b"[1]").rstrip(b"=").decode()
    digest = hmac.new(b"k", f"{header}.{bad}".encode(), hashlib.sha256).digest()
    signature = base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
    with pytest.raises(SignatureError, match="claims"):
        decode_hs256(f"{header}.{bad}.{signature}", b"k")


def test_vonage_sends() -> None:
    text = VONAGE.build_send(
        Outgoing(business=BUSINESS, customer=CUSTOMER, content=Text("Hi"), reply_to="u0")
    ).json()
    assert text == {
        "channel": "whatsapp",
        "to": "447700900001",
        "from": "447700900000",
        "message_type": "text",
        "text": "Hi",
        "context": {"message_uuid": "u0"},
    }
    doc = VONAGE.build_send(
        Outgoing(
            business=BUSINESS,
            customer=CUSTOMER,
            content=Document(media=Media(url="https://x/a.pdf", caption="c")),
        )
    ).json()
    assert isinstance(doc, dict)
    assert doc["file"] == {"url": "https://x/a.pdf", "caption": "c"}
    listing = ListMessage(
        body="b", button="go", sections=(ListSection(rows=(ListRow(id="1", title="t"),)),)
    )
    custom = VONAGE.build_send(
        Outgoing(business=BUSINESS, customer=CUSTOMER, content=listing)
    ).json()
    assert isinstance(custom, dict)
    assert custom["message_type"] == "custom"
    bearer = VonageProvider(bearer_token="jwt").build_mark_read("u1")
    assert bearer.method == "PATCH"
    assert bearer.url.endswith("/v1/messages/u1")
    assert bearer.header("Authorization") == "Bearer jwt"


def test_vonage_refusals_and_responses() -> None:
    for outgoing in (
        Outgoing(business=BUSINESS, customer=Customer(user_id="US.1"), content=Text("x")),
        Outgoing(business=None, customer=CUSTOMER, content=Text("x")),
        Outgoing(business=BUSINESS, customer=CUSTOMER, content=Image(Media(id="1"))),
    ):
        with pytest.raises(ValidationError):
            VONAGE.build_send(outgoing)
    with pytest.raises(ValidationError):
        VonageProvider().build_send(
            Outgoing(business=BUSINESS, customer=CUSTOMER, content=Text("x"))
        )
    with pytest.raises(ValidationError):
        VONAGE.build_mark_read("")
    assert VONAGE.parse_send_response(202, b'{"message_uuid":"u"}').message_id == "u"
    bad = VONAGE.parse_send_response(
        422, b'{"type":"https://d/messages-olympus#1000","title":"Throttled","detail":"slow down"}'
    )
    assert bad.kind is ErrorKind.RATE_LIMITED_THROUGHPUT
    with pytest.raises(ValidationError):
        VONAGE.parse_send_response(200, b"null")


def test_a_sunshine_event_without_created_at_is_kept_without_a_time() -> None:
    event_json: dict[str, object] = {
        "id": "ev9",
        "type": "conversation:referral",
        "payload": {"conversation": {"id": "c1"}, "user": {"id": "u1"}, "referral": {}},
    }
    body = json.dumps({"app": {"id": "a1"}, "events": [event_json]}).encode()
    (event,) = SUNSHINE.parse(WebhookRequest(body=body))
    assert isinstance(event, UnknownEvent)
    assert (event.kind, event.occurred_at) == ("sunshine.conversation:referral", None)
    read = {**event_json, "type": "conversation:read", "payload": {"activity": {}}}
    body = json.dumps({"events": [read]}).encode()
    (invalid,) = SUNSHINE.parse(WebhookRequest(body=body))
    assert isinstance(invalid, UnknownEvent)
    assert invalid.kind == "event.invalid"  # a read needs its time


@pytest.mark.parametrize("place", ["context", "whatsapp"])
def test_vonage_reads_the_referred_product_from_either_place(place: str) -> None:
    data = vonage_inbound_text(message_uuid="u1", customer="447700900001", text="is it in M?")
    data[place] = {"whatsapp_referred_product": {"catalog_id": "c1", "product_retailer_id": "p1"}}
    (event,) = VONAGE.parse(WebhookRequest(body=json.dumps(data).encode()))
    assert isinstance(event, MessageReceived)
    assert event.message.context.referred_product == ReferredProduct(
        catalog_id="c1", product_retailer_id="p1"
    )
