"""Receive a signed Meta webhook and a Twilio status, then build a reply: no I/O at all."""

from __future__ import annotations

from datetime import datetime, timezone

from wamsg import Customer, MessageReceived, Outgoing, PhoneNumber, Text
from wamsg.providers import MetaProvider, TwilioProvider
from wamsg.testing import (
    meta_payload,
    sample_day,
    signed_meta_request,
    signed_twilio_request,
    twilio_status_params,
)


def main() -> None:
    meta = MetaProvider(phone_number_id="106540352242922", access_token="TOKEN")
    request = signed_meta_request(meta_payload(sample_day().events), "APP_SECRET")
    meta.verify(request, "APP_SECRET")
    events = meta.parse(request)
    print(f"Meta webhook: {len(request.body)} bytes, {len(events)} events")
    for event in events:
        print(f"  {event.type:17} {event.to_dict()['occurred_at']}")

    last = next(e for e in reversed(events) if isinstance(e, MessageReceived))
    reply = Outgoing(
        business=last.business,
        customer=last.customer,
        content=Text("Kiitos, palaamme asiaan pian!"),
        reply_to=last.message.id,
    )
    send = meta.build_send(reply)
    print(f"Reply: {send.method} {send.url}\n  {send.body.decode()}")

    twilio = TwilioProvider()
    status = signed_twilio_request(twilio_status_params(status="read"), "AUTH_TOKEN")
    twilio.verify(status, "AUTH_TOKEN")
    (event,) = twilio.parse(status, received_at=datetime(2026, 11, 20, 9, tzinfo=timezone.utc))
    print(f"Twilio: {event.to_dict(include_raw=False)}")
    business = PhoneNumber.parse("+14155238886")
    print(f"Customer key: {Customer(phone='+14155550100').key}, business {business}")


if __name__ == "__main__":
    main()
