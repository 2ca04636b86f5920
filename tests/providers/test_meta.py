"""The Meta Cloud API adapter: every item of a batch, signatures, handshake, sends."""

from __future__ import annotations

import json

import pytest

from wamsg import (
    Customer,
    DeliveryStatus,
    MessageReceived,
    MessageSent,
    MessageStatus,
    PhoneNumber,
    SignatureError,
    Text,
    UnknownEvent,
    Unsupported,
    ValidationError,
)
from wamsg._internal.json import JsonObject
from wamsg.content import (
    Audio,
    ButtonReply,
    Contacts,
    Document,
    Image,
    InteractiveReply,
    Location,
    Order,
    Reaction,
    Sticker,
    System,
    Video,
)
from wamsg.events import (
    LimitTier,
    NumberQualityUpdate,
    TemplateCategoryChanged,
    TemplateQualityChanged,
    TemplateStatusChanged,
    WabaUpdate,
)
from wamsg.outgoing import Outgoing
from wamsg.providers import ErrorKind, MetaProvider, WebhookRequest, meta_signature
from wamsg.testing import signed_meta_request

from ._support import SECRET, fixture

META = MetaProvider(phone_number_id="106540352242922", access_token="token")


def _parse(name: str) -> tuple[object, ...]:
    return META.parse(signed_meta_request(fixture(f"meta/{name}.json"), SECRET))


def test_a_batch_of_three_entries_yields_every_item() -> None:
    events = _parse("batch_3x2")
    kinds = [type(e).__name__ for e in events]
    assert kinds.count("MessageReceived") == 5
    assert kinds.count("MessageStatus") == 5
    assert kinds.count("TemplateStatusChanged") == 1
    assert kinds.count("TemplateQualityChanged") == 1
    assert len(events) == 12


def test_duplicates_and_out_of_order_statuses_are_all_kept() -> None:
    statuses = [e for e in _parse("batch_3x2") if isinstance(e, MessageStatus)]
    out1 = [s.status for s in statuses if s.message_id == "wamid.out1"]
    assert out1 == [DeliveryStatus.READ, DeliveryStatus.SENT, DeliveryStatus.SENT]


def test_non_ascii_text_sent_as_escaped_unicode_is_decoded() -> None:
    body = fixture("meta/batch_3x2.json")
    assert b"\\u00e4" in body
    message = next(
        e
        for e in _parse("batch_3x2")
        if isinstance(e, MessageReceived) and e.message.id == "wamid.e1c1m2"
    )
    assert message.message.content == Text("Hyvää päivää 🙏")
    assert message.customer.name == "Aino Virtanen"


def test_a_user_without_a_phone_number_is_known_by_business_scoped_id() -> None:
    received = [e for e in _parse("batch_3x2") if isinstance(e, MessageReceived)]
    mika = [e for e in received if e.message.id.startswith("wamid.e2")]
    assert all(e.customer.phone is None for e in mika)
    assert mika[0].customer.user_id is not None
    assert mika[0].customer.username == "mika.k"
    content = mika[0].message.content
    assert isinstance(content, Unsupported)
    assert content.type == "poll_creation"
    assert "errors" in content.data


def test_request_welcome_becomes_unsupported_content() -> None:
    welcome = next(
        e
        for e in _parse("batch_3x2")
        if isinstance(e, MessageReceived) and e.message.id == "wamid.e2c1m2"
    )
    assert welcome.message.content == Unsupported(type="request_welcome", data={})


def test_status_errors_pricing_and_conversation_are_kept() -> None:
    statuses = {e.message_id: e for e in _parse("batch_3x2") if isinstance(e, MessageStatus)}
    failed = statuses["wamid.out2"]
    assert failed.errors[0].code == "131047"
    assert failed.errors[0].detail is not None
    assert META.map_error(failed.errors[0].code) is ErrorKind.OUTSIDE_WINDOW
    sent = [e for e in _parse("batch_3x2") if isinstance(e, MessageStatus)][1]
    assert sent.pricing is not None
    assert sent.pricing.category == "authentication-international"
    cbp = statuses["wamid.out3"]
    assert cbp.pricing is not None
    assert cbp.pricing.category == "authentication_international"
    assert cbp.pricing.model == "CBP"
    assert cbp.extra["conversation"] == {
        "id": "c1",
        "origin": {"type": "authentication_international"},
    }
    assert cbp.customer is not None
    assert cbp.customer.user_id is not None


def test_referral_and_forwarded_flags_are_kept() -> None:
    received = {e.message.id: e for e in _parse("batch_3x2") if isinstance(e, MessageReceived)}
    referral = received["wamid.e1c1m1"].message.context.referral
    assert referral is not None
    assert referral.is_ad
    assert received["wamid.e1c1m3"].message.context.forwarded


def test_every_message_type_maps_to_its_content_kind() -> None:
    by_id = {
        e.message.id: e.message for e in _parse("all_types") if isinstance(e, MessageReceived)
    }
    assert isinstance(by_id["wamid.t1"].content, Audio)
    assert by_id["wamid.t1"].content.voice
    assert isinstance(by_id["wamid.t2"].content, Video)
    assert isinstance(by_id["wamid.t3"].content, Document)
    assert by_id["wamid.t3"].content.filename == "invoice.pdf"
    assert isinstance(by_id["wamid.t4"].content, Sticker)
    assert isinstance(by_id["wamid.t5"].content, Location)
    assert isinstance(by_id["wamid.t6"].content, Contacts)
    assert by_id["wamid.t6"].content.cards[0].formatted_name == "Ada Lovelace"
    assert by_id["wamid.t7"].content == Reaction(message_id="wamid.out1", emoji="👍")
    assert by_id["wamid.t8"].content == Reaction(message_id="wamid.out1", emoji=None)
    assert by_id["wamid.t9"].content == InteractiveReply(
        reply_type="button", id="yes", title="Yes"
    )
    assert by_id["wamid.t9"].context.reply_to == "wamid.out2"
    assert isinstance(by_id["wamid.t10"].content, InteractiveReply)
    assert by_id["wamid.t10"].content.reply_type == "list"
    assert isinstance(by_id["wamid.t11"].content, InteractiveReply)
    assert by_id["wamid.t11"].content.response_json == '{"flow_token":"t"}'
    assert by_id["wamid.t12"].content == ButtonReply(text="Stop promotions", payload="STOP")
    assert isinstance(by_id["wamid.t13"].content, Order)
    assert by_id["wamid.t13"].content.items[0].quantity == 2
    assert isinstance(by_id["wamid.t14"].content, System)
    assert by_id["wamid.t14"].content.new_wa_id == "16505559999"
    assert by_id["wamid.t15"].context.referred_product is not None
    assert by_id["wamid.t15"].context.frequently_forwarded
    assert by_id["wamid.t16"].content == Unsupported(
        type="hologram", data={"hologram": {"depth": 3}}
    )
    assert by_id["wamid.t17"].sent_at is None


def test_template_account_echo_and_unknown_fields() -> None:
    events = _parse("template_and_account")
    assert isinstance(events[0], TemplateCategoryChanged)
    assert events[0].new == "MARKETING"
    assert isinstance(events[1], WabaUpdate)
    assert events[1].event_raw == "VOLUME_BASED_PRICING_TIER_UPDATE"
    assert "volume_tier_info" in events[1].details
    assert isinstance(events[2], NumberQualityUpdate)
    assert events[2].limit is LimitTier.TIER_10K
    assert isinstance(events[3], UnknownEvent)
    assert events[3].kind == "meta.history"
    assert isinstance(events[4], MessageSent)
    assert events[4].message.content == Text("Sent from the phone app")
    kinds = [e.kind for e in events[5:] if isinstance(e, UnknownEvent)]
    assert kinds == ["meta.status.warning", "status.invalid", "meta.error"]


def test_template_status_and_quality() -> None:
    events = _parse("batch_3x2")
    status = next(e for e in events if isinstance(e, TemplateStatusChanged))
    assert status.status == "APPROVED"
    assert status.template.id == "594425479261596"
    quality = next(e for e in events if isinstance(e, TemplateQualityChanged))
    assert (quality.previous, quality.new) == ("GREEN", "YELLOW")


def test_a_malformed_item_is_kept_without_losing_the_batch() -> None:
    body = json.dumps(
        {
            "entry": [
                {
                    "changes": [
                        {
                            "field": "messages",
                            "value": {
                                "metadata": {"display_phone_number": "15550783881"},
                                "messages": [
                                    {
                                        "id": "wamid.bad",
                                        "type": "text",
                                        "text": {"body": "no sender"},
                                    },
                                    {
                                        "from": "16505551234",
                                        "id": "wamid.ok",
                                        "type": "text",
                                        "text": {"body": "ok"},
                                    },
                                ],
                            },
                        },
                        "not a change",
                    ]
                },
                7,
            ]
        }
    ).encode()
    events = META.parse(WebhookRequest(body=body))
    assert [type(e).__name__ for e in events] == [
        "UnknownEvent",
        "MessageReceived",
        "UnknownEvent",
        "UnknownEvent",
    ]
    assert events[0].raw == {"id": "wamid.bad", "type": "text", "text": {"body": "no sender"}}


# --- signatures -------------------------------------------------------------------------


def _signed() -> WebhookRequest:
    return signed_meta_request(fixture("meta/batch_3x2.json"), SECRET)


def test_the_documented_signature_vector() -> None:
    expected = "sha256=0329a06b62cd16b33eb6792be8c60b158d89a2ee3a876fce9a881ebb488c0914"
    assert meta_signature(b"test", "secret") == expected


def test_a_good_signature_verifies_in_any_header_case() -> None:
    request = _signed()
    lower = WebhookRequest(body=request.body, headers=[(k.lower(), v) for k, v in request.headers])
    META.verify(lower, SECRET)


@pytest.mark.parametrize(
    ("headers", "message"),
    [
        ((), "missing"),
        ((("X-Hub-Signature-256", "sha1=abc"),), "must start with"),
        ((("X-Hub-Signature-256", "sha256=" + "0" * 64),), "does not match"),
    ],
)
def test_bad_signature_headers_are_refused(
    headers: tuple[tuple[str, str], ...], message: str
) -> None:
    with pytest.raises(SignatureError, match=message):
        META.verify(WebhookRequest(body=_signed().body, headers=headers), SECRET)


def test_a_re_serialised_body_is_refused() -> None:
    request = _signed()
    reserialised = json.dumps(json.loads(request.body)).encode()
    with pytest.raises(SignatureError):
        META.verify(WebhookRequest(body=reserialised, headers=request.headers), SECRET)


def test_a_wrong_secret_is_refused() -> None:
    with pytest.raises(SignatureError):
        META.verify(_signed(), "other")


def test_the_get_handshake_echoes_the_challenge() -> None:
    url = "https://h.example/hook?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=vt"
    request = WebhookRequest(method="GET", url=url)
    assert META.challenge(request, "vt") == "1158201444"
    assert META.parse(request) == ()
    with pytest.raises(SignatureError):
        META.challenge(request, "other")
    with pytest.raises(SignatureError):
        META.challenge(WebhookRequest(method="GET", url=url.replace("subscribe", "x")), "vt")


# --- sends ------------------------------------------------------------------------------

BUSINESS = PhoneNumber.parse("+15550783881")


def _body(outgoing: Outgoing) -> JsonObject:
    request = META.build_send(outgoing)
    assert request.url == "https://graph.facebook.com/v23.0/106540352242922/messages"
    assert request.header("authorization") == "Bearer token"
    body = request.json()
    assert isinstance(body, dict)
    return body


def test_a_reply_quotes_the_message_with_context() -> None:
    body = _body(
        Outgoing(
            business=BUSINESS,
            customer=Customer(phone="+16505551234"),
            content=Text("Hei https://x.fi"),
            reply_to="wamid.in",
        )
    )
    assert body["to"] == "+16505551234"
    assert body["context"] == {"message_id": "wamid.in"}
    assert body["text"] == {"body": "Hei https://x.fi", "preview_url": True}


def test_a_business_scoped_id_goes_in_recipient_never_in_to() -> None:
    customer = Customer(user_id="US.13491208655302741918")
    body = _body(Outgoing(business=BUSINESS, customer=customer, content=Text("Hi")))
    assert "to" not in body
    assert body["recipient"] == "US.13491208655302741918"


def test_authentication_templates_need_a_phone_number() -> None:
    from wamsg import TemplateRef

    customer = Customer(user_id="US.13491208655302741918")
    template = TemplateRef(name="otp", language="en", category="AUTHENTICATION")
    with pytest.raises(ValidationError, match="phone"):
        META.build_send(Outgoing(business=BUSINESS, customer=customer, content=template))


def test_media_by_id_or_link() -> None:
    from wamsg.content import Media

    customer = Customer(phone="+16505551234")
    by_id = _body(Outgoing(business=BUSINESS, customer=customer, content=Image(Media(id="m1"))))
    assert by_id["image"] == {"id": "m1"}
    link = Document(media=Media(url="https://x/a.pdf", caption="c"), filename="a.pdf")
    body = _body(Outgoing(business=BUSINESS, customer=customer, content=link))
    assert body["document"] == {"link": "https://x/a.pdf", "caption": "c", "filename": "a.pdf"}


def test_mark_read_and_typing_indicator() -> None:
    body = META.build_mark_read("wamid.in", typing=True).json()
    assert body == {
        "messaging_product": "whatsapp",
        "status": "read",
        "message_id": "wamid.in",
        "typing_indicator": {"type": "text"},
    }


def test_inbound_only_kinds_cannot_be_sent() -> None:
    customer = Customer(phone="+16505551234")
    with pytest.raises(ValidationError, match="cannot be sent"):
        META.build_send(
            Outgoing(business=BUSINESS, customer=customer, content=ButtonReply(text="x"))
        )


def test_an_unconfigured_adapter_names_what_is_missing() -> None:
    customer = Customer(phone="+16505551234")
    with pytest.raises(ValidationError, match="phone_number_id"):
        MetaProvider().build_send(Outgoing(business=None, customer=customer, content=Text("x")))
    with pytest.raises(ValidationError, match="access_token"):
        MetaProvider(phone_number_id="1").build_mark_read("wamid.x")


def test_send_responses_are_read() -> None:
    ok = META.parse_send_response(
        200,
        b'{"messaging_product":"whatsapp","contacts":[{"input":'
        b'"+1","wa_id":"1"}],"messages":[{"id":"wamid.o",'
        b'"message_status":"accepted"}]}',
    )
    assert (ok.accepted, ok.message_id, ok.status) == (True, "wamid.o", "accepted")
    error = META.parse_send_response(
        400,
        b'{"error":{"message":"(#131047) Re-engagement",'
        b'"code":131047,"error_data":{"details":"24h"}}}',
    )
    assert not error.accepted
    assert error.kind is ErrorKind.OUTSIDE_WINDOW
    assert error.error is not None
    assert error.error.detail == "24h"
    read = META.parse_send_response(200, b'{"success":true}')
    assert read.accepted
    assert META.parse_send_response(500, b"{}").kind is ErrorKind.UNKNOWN
    with pytest.raises(ValidationError):
        META.parse_send_response(200, b"[]")


def test_meta_cannot_send_to_a_customer_known_only_by_another_providers_id() -> None:
    outgoing = Outgoing(business=None, customer=Customer(provider_user_id="u1"), content=Text("x"))
    with pytest.raises(ValidationError, match="business-scoped"):
        META.build_send(outgoing)
