"""Every built-in adapter passes the reusable contract suite."""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import parse_qsl

from wamsg import Customer, PhoneNumber, TemplateRef, Text
from wamsg.content import (
    Image,
    ListMessage,
    ListRow,
    ListSection,
    Location,
    Media,
    ReplyButton,
    ReplyButtons,
)
from wamsg.outgoing import Outgoing
from wamsg.providers import (
    Dialog360Provider,
    MetaProvider,
    SunshineProvider,
    TwilioProvider,
    VonageProvider,
    WebhookRequest,
)
from wamsg.testing import (
    signed_dialog360_request,
    signed_meta_request,
    signed_sunshine_request,
    signed_twilio_json_request,
    signed_twilio_request,
    signed_vonage_request,
    sunshine_message_event,
    sunshine_payload,
    twilio_inbound_params,
    twilio_status_params,
    vonage_inbound_text,
    vonage_status,
)
from wamsg.testing.contract import ProviderContract

from ._support import ISSUED_AT, SECRET, fixture

BUSINESS = PhoneNumber.parse("+15550783881")
CUSTOMER = Customer(phone="+16505551234", name="Sheena")


def _outgoing(content: object, reply_to: str | None = None) -> Outgoing:
    return Outgoing(
        business=BUSINESS,
        customer=CUSTOMER,
        content=content,  # type: ignore[arg-type]
        reply_to=reply_to,
    )


TEXT = _outgoing(Text("Hei"), reply_to="wamid.in1")
IMAGE = _outgoing(Image(Media(url="https://example.com/a.jpg", caption="Kuva")))
LOCATION = _outgoing(Location(latitude=60.17, longitude=24.94, name="Kauppatori"))
TEMPLATE = _outgoing(
    TemplateRef(
        name="order_update",
        language="en_US",
        category="utility",
        components=({"type": "body", "parameters": [{"type": "text", "text": "4411"}]},),
        content_sid="HX" + "a" * 32,
        variables=(("1", "4411"),),
    )
)
BUTTONS = _outgoing(ReplyButtons(body="Pick one", buttons=(ReplyButton("y", "Yes"),)))
LIST = _outgoing(
    ListMessage(
        body="Sizes", button="Choose", sections=(ListSection(rows=(ListRow(id="m", title="M"),)),)
    )
)


class TestMetaContract(ProviderContract):
    provider = MetaProvider(phone_number_id="106540352242922", access_token="token")
    secret = SECRET

    def good_requests(self) -> Sequence[WebhookRequest]:
        names = ("batch_3x2", "all_types", "template_and_account")
        return [signed_meta_request(fixture(f"meta/{name}.json"), SECRET) for name in names]

    def sendable(self) -> Sequence[tuple[Outgoing, str | None]]:
        return [(o, None) for o in (TEXT, IMAGE, LOCATION, TEMPLATE, BUTTONS, LIST)]


class TestDialog360Contract(ProviderContract):
    provider = Dialog360Provider(api_key="key")
    secret = SECRET

    def good_requests(self) -> Sequence[WebhookRequest]:
        return [signed_dialog360_request(fixture("meta/batch_3x2.json"), SECRET)]

    def sendable(self) -> Sequence[tuple[Outgoing, str | None]]:
        return [(TEXT, None), (TEMPLATE, None)]


class TestTwilioContract(ProviderContract):
    provider = TwilioProvider(account_sid="AC" + "0" * 32, auth_token="token")
    secret = SECRET

    def good_requests(self) -> Sequence[WebhookRequest]:
        names = (
            "inbound_button",
            "inbound_media_referral",
            "inbound_location",
            "status_read",
            "status_failed_63016",
        )
        requests = [
            signed_twilio_request(parse_qsl(fixture(f"twilio/{n}.txt").decode()), SECRET)
            for n in names
        ]
        requests.append(signed_twilio_request(twilio_inbound_params(), SECRET))
        requests.append(signed_twilio_request(twilio_status_params(status="sent"), SECRET))
        return requests

    def sendable(self) -> Sequence[tuple[Outgoing, str | None]]:
        return [(TEXT, None), (IMAGE, None), (LOCATION, None), (TEMPLATE, None)]


class TestTwilioJsonVariantVerifies(ProviderContract):
    provider = TwilioProvider()
    secret = SECRET

    def good_requests(self) -> Sequence[WebhookRequest]:
        form = b"MessageSid=SM3&SmsStatus=received&From=whatsapp%3A%2B14155550100&Body=x"
        return [signed_twilio_json_request(form, SECRET, url="https://h.example/t?x=1")]


class TestSunshineContract(ProviderContract):
    provider = SunshineProvider(
        app_id="app", key_id="app_1", key_secret="s", integration_id="int1"
    )
    secret = SECRET
    body_is_signed = False

    def good_requests(self) -> Sequence[WebhookRequest]:
        built = sunshine_payload([sunshine_message_event(), sunshine_message_event(phone=None)])
        return [
            signed_sunshine_request(fixture("sunshine/batch.json"), SECRET),
            signed_sunshine_request(built, SECRET),
        ]

    def sendable(self) -> Sequence[tuple[Outgoing, str | None]]:
        return [
            (TEXT, "conv1"),
            (IMAGE, "conv1"),
            (LOCATION, "conv1"),
            (BUTTONS, "conv1"),
            (TEMPLATE, "conv1"),
            (TEMPLATE, None),
        ]


class TestVonageContract(ProviderContract):
    provider = VonageProvider(api_key="k", api_secret="s")
    secret = SECRET

    def good_requests(self) -> Sequence[WebhookRequest]:
        bodies: list[bytes | dict[str, object]] = [
            fixture("vonage/inbound_reply.json"),
            fixture("vonage/status_rejected.json"),
            fixture("vonage/inbound_image_non_ascii.json"),
        ]
        requests = [
            signed_vonage_request(b, SECRET, issued_at=ISSUED_AT)  # type: ignore[arg-type]
            for b in bodies
        ]
        requests.append(signed_vonage_request(vonage_inbound_text(), SECRET, issued_at=ISSUED_AT))
        requests.append(signed_vonage_request(vonage_status(), SECRET, issued_at=ISSUED_AT))
        return requests

    def sendable(self) -> Sequence[tuple[Outgoing, str | None]]:
        return [(o, None) for o in (TEXT, IMAGE, LOCATION, TEMPLATE, BUTTONS, LIST)]
