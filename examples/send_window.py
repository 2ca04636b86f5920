"""May the agent still send a free-form reply? The 24 h and 72 h windows, hour by hour.

Run: python examples/send_window.py
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from wamsg import (
    Context,
    Customer,
    Direction,
    Message,
    MessageReceived,
    MessageSent,
    Outgoing,
    PhoneNumber,
    TemplateRef,
    Text,
    WindowBook,
    decide_send,
)
from wamsg.events import Event
from wamsg.messages import Referral

BUSINESS = PhoneNumber.parse("+15550783881")
CUSTOMER = Customer(phone="+16505551234", name="Sheena Nelson")
START = datetime(2026, 11, 2, tzinfo=timezone.utc)


def at(hours: float) -> datetime:
    """``hours`` after midnight UTC, 2026-11-02."""
    return START + timedelta(hours=hours)


def events() -> list[Event]:
    """An ad-referred customer writes at 10:00; the agent answers with a template at 22:00."""
    ad = Context(referral=Referral(source_type="ad", source_id="120208"))
    question = Message(id="wamid.in1", direction=Direction.INBOUND, business=BUSINESS,
                       customer=CUSTOMER, sent_at=at(10), content=Text(body="Price?"),
                       context=ad)  # fmt: skip
    answer = Message(id="wamid.out1", direction=Direction.OUTBOUND, business=BUSINESS,
                     customer=CUSTOMER, sent_at=at(22),
                     content=TemplateRef(name="price_list", language="en_US",
                                         category="utility"))  # fmt: skip
    # The same webhook delivered twice, out of order: the fold does not care.
    return [MessageSent(provider="meta", message=answer),
            MessageReceived(provider="meta", message=question),
            MessageReceived(provider="meta", message=question)]  # fmt: skip


def main() -> None:
    """Print the decision for a free-form reply and a marketing template over four days."""
    state = WindowBook().fold(events()).get(BUSINESS, CUSTOMER)
    reply = Outgoing(business=BUSINESS, customer=CUSTOMER, content=Text(body="Any questions?"))
    margin = timedelta(minutes=2)
    print(f"{'when (UTC)':<17} {'free-form':<34} {'marketing template':<26} free?")
    for hours in (9, 11, 23, 33.99, 34, 60, 93.5, 94):
        free_form = decide_send(state, reply, at=at(hours), margin=margin)
        template = decide_send(state, "marketing", at=at(hours), margin=margin)
        when = at(hours).strftime("%a %d %H:%M")
        print(f"{when:<17} {free_form.reason.value:<34} {template.reason.value:<26} "
              f"{'yes' if template.free_entry_point else 'no'}")  # fmt: skip
    print()
    print(decide_send(state, reply, at=at(34)).message)


if __name__ == "__main__":
    main()
