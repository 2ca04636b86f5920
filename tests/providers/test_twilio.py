"""Twilio: signatures (vectors, port quirk, repeated values, bodySHA256), parsing, sends."""

from __future__ import annotations

from datetime import datetime, timezone
from urllib.parse import parse_qsl, quote

import pytest
from hypothesis import given
from hypothesis import strategies as st

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
from wamsg.content import ButtonReply, Contacts, Image, Location, Media, Reaction
from wamsg.outgoing import Outgoing
from wamsg.providers import ErrorKind, TwilioProvider, WebhookRequest, twilio_signature
from wamsg.testing import signed_twilio_json_request, signed_twilio_request, twilio_inbound_params

from ._support import SECRET, fixture

TWILIO = TwilioProvider(account_sid="AC" + "0" * 32, auth_token="tok")
PARAMS = (
    ("CallSid", "CA1234567890ABCDE"),
    ("Caller", "+14158675309"),
    ("Digits", "1234"),
    ("From", "+14158675309"),
    ("To", "+18005551212"),
)
URL = "https://mycompany.com/myapp.php?foo=1&bar=2"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (URL, "RSOYDt4T1cUTdK1PDd93/VVr8B8="),
        ("https://mycompany.com:443/myapp.php?foo=1&bar=2", "kvajT1Ptam85bY51eRf/AJRuM3w="),
        ("http://mycompany.com:80/myapp.php?foo=1&bar=2", "0ZXoZLH/DfblKGATFgpif+LLRf4="),
        ("http://mycompany.com:1234/myapp.php?foo=1&bar=2", "Zmvh+3yNM1Phv2jhDCwEM3q5ebU="),
    ],
)
def test_twilio_python_test_vectors(url: str, expected: str) -> None:
    assert twilio_signature(url, PARAMS, "12345") == expected


def _form(params: tuple[tuple[str, str], ...], url: str, signature: str) -> WebhookRequest:
    from urllib.parse import urlencode

    return WebhookRequest(
        url=url, headers={"X-Twilio-Signature": signature}, body=urlencode(params).encode()
    )


def test_the_port_quirk_accepts_the_default_port_signature_on_a_bare_url() -> None:
    TWILIO.verify(_form(PARAMS, URL, "kvajT1Ptam85bY51eRf/AJRuM3w="), "12345")
    TWILIO.verify(
        _form(
            PARAMS,
            "https://mycompany.com:443/myapp.php?foo=1&bar=2",
            "RSOYDt4T1cUTdK1PDd93/VVr8B8=",
        ),
        "12345",
    )


def test_repeated_values_are_sorted_and_deduplicated() -> None:
    params = (
        ("Sid", "CA123"),
        ("SidAccount", "AC123"),
        ("Digits", "5678"),
        ("Digits", "1234"),
        ("Digits", "1234"),
    )
    assert twilio_signature(URL, params, "12345") == "IK+Dwps556ElfBT0I3Rgjkr1wJU="
    TWILIO.verify(_form(params, URL, "IK+Dwps556ElfBT0I3Rgjkr1wJU="), "12345")


def test_the_body_sha256_variant() -> None:
    body = b'{"property": "value", "boolean": true}'
    request = signed_twilio_json_request(body, "12345", url=URL)
    assert (
        "bodySHA256=0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620"
        in request.url
    )
    assert request.header("X-Twilio-Signature") == "a9nBmqA0ju/hNViExpshrM61xv4="
    TWILIO.verify(request, "12345")
    changed = WebhookRequest(url=request.url, headers=request.headers, body=body + b" ")
    with pytest.raises(SignatureError, match="bodySHA256"):
        TWILIO.verify(changed, "12345")


def test_get_webhooks_sign_the_url_only() -> None:
    url = "https://h.example/t?MessageSid=SM1&Body=hi&From=whatsapp%3A%2B14155550100"
    request = WebhookRequest(
        method="GET", url=url, headers={"X-Twilio-Signature": twilio_signature(url, (), SECRET)}
    )
    TWILIO.verify(request, SECRET)
    (event,) = TWILIO.parse(request)
    assert isinstance(event, MessageReceived)
    assert event.message.content == Text("hi")


def test_a_changed_url_is_refused() -> None:
    request = signed_twilio_request(twilio_inbound_params(), SECRET)
    moved = WebhookRequest(url=request.url + "x", headers=request.headers, body=request.body)
    with pytest.raises(SignatureError):
        TWILIO.verify(moved, SECRET)


def test_a_body_that_is_not_a_form_is_refused() -> None:
    request = WebhookRequest(url=URL, headers={"X-Twilio-Signature": "x"}, body=b"\xff\xfe")
    with pytest.raises(SignatureError):
        TWILIO.verify(request, SECRET)


def test_odd_urls_do_not_raise_foreign_errors() -> None:
    for url in ("ftp://h/x", "", "https://user:pw@h.example/x"):
        with pytest.raises(SignatureError):
            TWILIO.verify(WebhookRequest(url=url, headers={"X-Twilio-Signature": "x"}), SECRET)
    for url in ("https://h:notaport/x", "https://[x/hook", "https://h/\ud800", "https://h:99999/"):
        with pytest.raises(ValidationError, match="url"):
            WebhookRequest(url=url, headers={"X-Twilio-Signature": "x"})


_PARAM = st.text(st.characters(codec="utf-8"), max_size=12)


@given(
    st.lists(st.tuples(_PARAM.filter(bool), _PARAM), max_size=8),
    st.sampled_from(
        [
            "https://h.example/hook",
            "https://h.example:443/hook?a=1&b=%20",
            "http://h.example:8080/p",
            "http://h.example/p?x='y'",
        ]
    ),
)
def test_signatures_agree_with_twilio_python(params: list[tuple[str, str]], url: str) -> None:
    validator_module = pytest.importorskip("twilio.request_validator")
    validator = validator_module.RequestValidator(SECRET)
    request = signed_twilio_request(params, SECRET, url=url)
    signature = request.header("X-Twilio-Signature")
    as_dict: dict[str, list[str]] = {}
    for name, value in parse_qsl(request.body.decode(), keep_blank_values=True):
        as_dict.setdefault(name, []).append(value)

    class Multi(dict[str, list[str]]):
        def getall(self, key: str) -> list[str]:
            return self[key]

    assert validator.validate(url, Multi(as_dict), signature)
    TWILIO.verify(request, SECRET)


# --- parsing ----------------------------------------------------------------------------

AT = datetime(2026, 11, 20, 9, 0, tzinfo=timezone.utc)


def _parse(name: str) -> MessageReceived | MessageStatus | UnknownEvent:
    request = signed_twilio_request(parse_qsl(fixture(f"twilio/{name}.txt").decode()), SECRET)
    (event,) = TWILIO.parse(request, received_at=AT)
    assert isinstance(event, (MessageReceived, MessageStatus, UnknownEvent))
    return event


def test_an_inbound_button_tap_with_reply_and_scoped_id() -> None:
    event = _parse("inbound_button")
    assert isinstance(event, MessageReceived)
    assert event.message.content == ButtonReply(
        text="Konfirmasi", payload="{verifyEmail:asd@asd.com}"
    )
    assert event.message.context.reply_to == "MM5cc44eecf7dab0d48d4529d0fa4af44d"
    assert event.customer.phone == PhoneNumber.parse("+6285176810035")
    assert event.customer.user_id is not None
    assert event.customer.name == "Jürgen Müller"
    assert event.business == PhoneNumber.parse("+14155238886")
    assert event.occurred_at == AT


def test_inbound_media_forwarded_and_referral() -> None:
    event = _parse("inbound_media_referral")
    assert isinstance(event, MessageReceived)
    content = event.message.content
    assert isinstance(content, Image)
    assert content.media.caption == "Paketti saapui näin"
    assert event.message.context.forwarded
    assert event.message.context.referral is not None
    assert event.message.context.referral.is_ad


def test_inbound_location() -> None:
    event = _parse("inbound_location")
    assert isinstance(event, MessageReceived)
    assert event.message.content == Location(
        latitude=60.1699, longitude=24.9384, name="Kauppatori", address="Helsinki"
    )


def test_without_received_at_an_inbound_message_has_no_time() -> None:
    (event,) = TWILIO.parse(signed_twilio_request(twilio_inbound_params(), SECRET))
    assert event.occurred_at is None
    with pytest.raises(ValidationError):
        TWILIO.parse(
            signed_twilio_request(twilio_inbound_params(), SECRET),
            received_at=datetime(2026, 1, 1),
        )


def test_status_callbacks_swap_business_and_customer() -> None:
    event = _parse("status_read")
    assert isinstance(event, MessageStatus)
    assert event.status is DeliveryStatus.READ
    assert event.business == PhoneNumber.parse("+14155238886")
    assert event.customer is not None
    assert event.customer.phone == PhoneNumber.parse("+918489514086")
    assert event.extra["event_type"] == "READ"


def test_undelivered_63016_means_outside_the_window() -> None:
    event = _parse("status_failed_63016")
    assert isinstance(event, MessageStatus)
    assert event.status is DeliveryStatus.FAILED
    assert event.errors[0].code == "63016"
    assert TWILIO.map_error(event.errors[0].code) is ErrorKind.OUTSIDE_WINDOW


@pytest.mark.parametrize(
    ("extra", "kind"),
    [
        (
            (("NumMedia", "1"), ("MediaUrl0", "https://x/v"), ("MediaContentType0", "video/mp4")),
            "video",
        ),
        (
            (("NumMedia", "1"), ("MediaUrl0", "https://x/a"), ("MediaContentType0", "audio/ogg")),
            "audio",
        ),
        (
            (("NumMedia", "1"), ("MediaUrl0", "https://x/d"), ("MediaContentType0", "text/vcard")),
            "contacts",
        ),
        ((("NumMedia", "1"),), "unknown"),
        ((("Latitude", "x"), ("Longitude", "1")), "unknown"),
        ((("Body", ""), ("MessageType", "sticker")), "unsupported"),
    ],
)
def test_inbound_variants(extra: tuple[tuple[str, str], ...], kind: str) -> None:
    params = tuple(p for p in twilio_inbound_params() if p[0] not in ("Body", "NumMedia")) + extra
    (event,) = TWILIO.parse(signed_twilio_request(params, SECRET))
    found = event.message.content.kind if isinstance(event, MessageReceived) else "unknown"
    assert found == kind


def test_unknown_status_and_missing_sid() -> None:
    params = (("MessageSid", "SM1"), ("MessageStatus", "partially_delivered"))
    (event,) = TWILIO.parse(
        WebhookRequest(body=b"MessageSid=SM1&MessageStatus=partially_delivered")
    )
    assert isinstance(event, UnknownEvent)
    assert params
    with pytest.raises(ValidationError, match="MessageSid"):
        TWILIO.parse(WebhookRequest(body=b"Body=hi"))


def test_repeated_params_are_kept_in_raw() -> None:
    body = b"MessageSid=SM1&From=whatsapp%3A%2B14155550100&Body=a&Body=b"
    (event,) = TWILIO.parse(WebhookRequest(body=body))
    assert isinstance(event.raw, dict)
    assert event.raw["Body"] == ["a", "b"]
    body3 = body + b"&Body=c"
    (event3,) = TWILIO.parse(WebhookRequest(body=body3))
    assert isinstance(event3.raw, dict)
    assert event3.raw["Body"] == ["a", "b", "c"]


# --- sends ------------------------------------------------------------------------------

BUSINESS = PhoneNumber.parse("+14155238886")
CUSTOMER = Customer(phone="+14155550100")


def _fields(content: object, provider: TwilioProvider = TWILIO) -> list[tuple[str, str]]:
    request = provider.build_send(Outgoing(business=BUSINESS, customer=CUSTOMER, content=content))  # type: ignore[arg-type]
    assert request.url.endswith("/2010-04-01/Accounts/AC" + "0" * 32 + "/Messages.json")
    assert (request.header("Authorization") or "").startswith("Basic ")
    return parse_qsl(request.body.decode())


def test_text_and_media_sends() -> None:
    assert _fields(Text("Hei")) == [
        ("To", "whatsapp:+14155550100"),
        ("From", "whatsapp:+14155238886"),
        ("Body", "Hei"),
    ]
    media = _fields(Image(Media(url="https://x/a.jpg", caption="c")))
    assert ("MediaUrl", "https://x/a.jpg") in media
    assert ("Body", "c") in media
    assert ("PersistentAction", "geo:1.0,2.0|") in _fields(Location(latitude=1.0, longitude=2.0))


def test_templates_go_by_content_sid_with_variables_as_a_json_string() -> None:
    template = TemplateRef(
        name="t", language="en", content_sid="HX" + "1" * 32, variables=(("1", "Åsa"),)
    )
    fields = dict(_fields(template))
    assert fields["ContentSid"] == "HX" + "1" * 32
    assert fields["ContentVariables"] == '{"1": "Åsa"}'
    with pytest.raises(ValidationError, match="63016"):
        _fields(TemplateRef(name="t", language="en"))


def test_messaging_service_and_status_callback() -> None:
    provider = TwilioProvider(
        account_sid="AC" + "0" * 32,
        auth_token="t",
        messaging_service_sid="MG1",
        status_callback="https://h/s",
    )
    fields = dict(_fields(Text("x"), provider))
    assert fields["MessagingServiceSid"] == "MG1"
    assert "From" not in fields
    assert fields["StatusCallback"] == "https://h/s"


@pytest.mark.parametrize(
    "content",
    [Reaction(message_id="m"), Image(Media(id="m1")), Text("x" * 1601)],
)
def test_what_twilio_cannot_send_is_refused(content: object) -> None:
    with pytest.raises(ValidationError):
        _fields(content)


def test_sends_need_credentials_a_phone_and_a_sender() -> None:
    with pytest.raises(ValidationError):
        TwilioProvider().build_send(
            Outgoing(business=BUSINESS, customer=CUSTOMER, content=Text("x"))
        )
    with pytest.raises(ValidationError, match="phone"):
        TWILIO.build_send(
            Outgoing(business=BUSINESS, content=Text("x"), customer=Customer(user_id="US.1"))
        )
    with pytest.raises(ValidationError, match="business"):
        TWILIO.build_send(Outgoing(business=None, customer=CUSTOMER, content=Text("x")))
    assert TWILIO.build_mark_read("SM1") is None


def test_send_responses() -> None:
    ok = TWILIO.parse_send_response(201, b'{"sid": "SM9", "status": "queued"}')
    assert (ok.accepted, ok.message_id, ok.status) == (True, "SM9", "queued")
    bad = TWILIO.parse_send_response(
        400,
        b'{"code": 63016, "message": "Outside window",'
        b' "more_info": "https://www.twilio.com/docs/errors/63016"}',
    )
    assert bad.kind is ErrorKind.OUTSIDE_WINDOW
    with pytest.raises(ValidationError):
        TWILIO.parse_send_response(200, b"1")


def test_a_shared_contact_is_contacts_with_its_vcard_link() -> None:
    params = [
        ("MessageSid", "MM" + "3" * 32),
        ("From", "whatsapp:+15555550101"),
        ("To", "whatsapp:+15555550100"),
        ("WaId", "15555550101"),
        ("NumMedia", "1"),
        ("MediaUrl0", "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM3/Media/ME6"),
        ("MediaContentType0", "text/vcard"),
        ("MessageType", "contacts"),
        ("Body", ""),
    ]
    body = "&".join(f"{k}={quote(v, safe='')}" for k, v in params).encode()
    request = WebhookRequest(
        headers=[("Content-Type", "application/x-www-form-urlencoded")], body=body
    )
    (event,) = TwilioProvider().parse(request)
    assert isinstance(event, MessageReceived)
    content = event.message.content
    assert isinstance(content, Contacts)
    (card,) = content.cards
    assert card.data == {
        "vcard": {"url": params[5][1], "mime_type": "text/vcard"},
    }
