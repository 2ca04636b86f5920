"""Secrets never show in a repr or an error message; ids never escape their URL path segment;
the Vonage JWT is read as strict base64url."""

from __future__ import annotations

from datetime import datetime, timezone
from urllib.parse import urlsplit

import pytest

from wamsg import Customer, Outgoing, PhoneNumber, SignatureError, Text, ValidationError
from wamsg._internal.jwt import decode_hs256, encode_hs256
from wamsg.content import TemplateRef
from wamsg.providers import (
    Dialog360Provider,
    HttpRequest,
    MetaProvider,
    SunshineProvider,
    TwilioProvider,
    VonageProvider,
    WebhookRequest,
)
from wamsg.providers.base import path_segment
from wamsg.testing import (
    meta_payload,
    signed_dialog360_request,
    signed_meta_request,
    signed_sunshine_request,
    signed_twilio_request,
    signed_vonage_request,
    sunshine_payload,
    twilio_inbound_params,
)

SECRETS = ("tok-SECRET-1", "key-SECRET-2", "sig-SECRET-3", "pw-SECRET-4")
OUT = Outgoing(
    business=PhoneNumber.parse("+15550783881"),
    customer=Customer(phone="+16505551234"),
    content=Text("hello"),
)
AT = datetime(2026, 11, 20, 9, tzinfo=timezone.utc)


def providers() -> list[object]:
    return [
        MetaProvider(phone_number_id="106540352242922", access_token=SECRETS[0]),
        Dialog360Provider(api_key=SECRETS[1]),
        TwilioProvider(account_sid="AC" + "0" * 32, auth_token=SECRETS[0]),
        SunshineProvider(app_id="app1", key_id="key1", key_secret=SECRETS[1]),
        VonageProvider(api_key="abcd1234", api_secret=SECRETS[2], bearer_token=SECRETS[0]),
    ]


def _builds(provider: object) -> list[HttpRequest]:
    built = []
    if isinstance(provider, SunshineProvider):
        built.append(provider.build_send(OUT, conversation_id="conv1"))
    else:
        built.append(provider.build_send(OUT))  # type: ignore[attr-defined]
    read = provider.build_mark_read("wamid.1")  # type: ignore[attr-defined]
    if read is not None:
        built.append(read)
    return built


def assert_hidden(text: str) -> None:
    for secret in SECRETS:
        assert secret not in text


@pytest.mark.parametrize("provider", providers(), ids=lambda p: type(p).__name__)
def test_built_requests_and_providers_do_not_show_credentials(provider: object) -> None:
    assert_hidden(repr(provider))
    for request in _builds(provider):
        assert_hidden(repr(request))
        assert_hidden(str(request))
        credential = request.header("Authorization") or request.header("D360-API-KEY")
        assert credential is not None  # the credential is there, only not shown


def test_basic_auth_and_tokens_in_a_url_are_masked_in_the_repr() -> None:
    request = HttpRequest(
        method="GET",
        url=f"https://user:{SECRETS[3]}@api.example/v1?access_token={SECRETS[0]}&page=2",
        headers=(("Authorization", f"Basic {SECRETS[1]}"), ("Accept", "application/json")),
    )
    shown = repr(request)
    assert_hidden(shown)
    assert "page=2" in shown
    assert "'Accept', 'application/json'" in shown
    assert request.url.endswith("page=2")  # the value itself is untouched


def test_signed_webhook_requests_do_not_show_signatures_or_keys() -> None:
    payload = meta_payload([])
    requests = [
        signed_meta_request(payload, SECRETS[2]),
        signed_dialog360_request(payload, SECRETS[2]),
        signed_sunshine_request(sunshine_payload([]), SECRETS[1]),
        signed_vonage_request(b"{}", SECRETS[2], issued_at=AT),
        signed_twilio_request(twilio_inbound_params(), SECRETS[0]),
    ]
    for request in requests:
        shown = repr(request)
        assert_hidden(shown)
        for name, value in request.headers:
            if name.lower() != "content-type" and name.lower() != "user-agent":
                assert value not in shown


def test_a_failed_check_does_not_repeat_the_secret() -> None:
    request = signed_sunshine_request(sunshine_payload([]), SECRETS[1])
    with pytest.raises(SignatureError) as raised:
        SunshineProvider().verify(request, SECRETS[0])
    assert_hidden(str(raised.value))
    assert_hidden(repr(raised.value))


@pytest.mark.parametrize("hostile", ["../admin", "a/b", "x?y=1", "frag#ment", "..", ".", "%2e"])
def test_an_id_never_leaves_its_path_segment(hostile: str) -> None:
    requests = [
        MetaProvider(phone_number_id=hostile, access_token="t").build_send(OUT),
        TwilioProvider(account_sid=hostile, auth_token="t").build_send(OUT),
        SunshineProvider(app_id=hostile, key_id="k", key_secret="s").build_send(
            OUT, conversation_id=hostile
        ),
        VonageProvider(bearer_token="t").build_mark_read(hostile),
    ]
    for request in requests:
        parts = urlsplit(request.url)
        assert (parts.query, parts.fragment) == ("", "")
        segments = parts.path.split("/")
        assert ".." not in segments
        assert "." not in segments
        assert path_segment(hostile, "id") in segments


def test_path_segment_refuses_an_empty_id() -> None:
    with pytest.raises(ValidationError, match="non-empty"):
        path_segment("", "phone_number_id")


def test_a_template_notification_escapes_the_app_id() -> None:
    outgoing = Outgoing(
        business=None,
        customer=Customer(phone="+16505551234"),
        content=TemplateRef(name="t", language="en_US", category="utility"),
    )
    request = SunshineProvider(
        app_id="../x", key_id="k", key_secret="s", integration_id="i"
    ).build_send(outgoing)
    assert "/apps/..%2Fx/notifications" in request.url


TOKEN = encode_hs256({"iss": "Vonage"}, b"k")
HEADER, CLAIMS, SIGNATURE = TOKEN.split(".")


@pytest.mark.parametrize(
    "signature",
    [
        SIGNATURE + "=",  # padding
        SIGNATURE[:-1] + "+",  # base64, not base64url
        SIGNATURE[:5] + " " + SIGNATURE[5:],  # a character the decoder would skip
        SIGNATURE[:5] + "\n" + SIGNATURE[5:],
        SIGNATURE[:-1] + chr(ord(SIGNATURE[-1]) ^ 1),  # non-zero unused bits
        SIGNATURE + "A",  # one character too many
    ],
)
def test_the_jwt_signature_must_be_strict_base64url(signature: str) -> None:
    assert decode_hs256(TOKEN, b"k") == {"iss": "Vonage"}
    with pytest.raises(SignatureError):
        decode_hs256(f"{HEADER}.{CLAIMS}.{signature}", b"k")


def test_a_webhook_request_refuses_headers_that_are_not_pairs() -> None:
    for bad in (5, "ab", [("a",)], [("a", "b", "c")]):
        with pytest.raises(ValidationError, match="headers"):
            WebhookRequest(headers=bad)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="lone surrogate"):
        WebhookRequest(headers=[("X-A", "\ud800")])
    with pytest.raises(ValidationError, match="method"):
        HttpRequest(method=None, url="u")


def test_a_callback_url_password_and_a_request_body_are_not_shown() -> None:
    twilio = TwilioProvider(
        account_sid="AC1", auth_token="t", status_callback=f"https://u:{SECRETS[3]}@h.example/cb"
    )
    assert_hidden(repr(twilio))
    request = twilio.build_send(OUT)
    assert_hidden(repr(request))
    assert SECRETS[3].encode() in request.body or b"SECRET-4" in request.body
    assert "bytes>" in repr(request)


@pytest.mark.parametrize("name", ["key", "password", "sig", "access_token", "Api-Key"])
def test_secret_looking_query_values_are_masked(name: str) -> None:
    shown = repr(WebhookRequest(url=f"https://h.example/x?{name}={SECRETS[0]}&page=2"))
    assert_hidden(shown)
    assert "page=2" in shown


def test_a_lone_surrogate_in_an_id_or_a_text_is_a_validation_error() -> None:
    with pytest.raises(ValidationError, match="surrogate"):
        path_segment("\ud800", "id")
    with pytest.raises(ValidationError, match="surrogate"):
        VonageProvider(bearer_token="t").build_mark_read("\ud800")
    # A text with a lone surrogate is refused where it is built, before any send.
    with pytest.raises(ValidationError, match="surrogate"):
        Text("a\ud800")
    outgoing = Outgoing(business=OUT.business, customer=OUT.customer, content=Text("a"))
    TwilioProvider(account_sid="AC1", auth_token="t").build_send(outgoing)
    MetaProvider(phone_number_id="1", access_token="t").build_send(outgoing)
