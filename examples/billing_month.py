"""Bill a month from canonical events and reconcile it with the provider's pricing.

Meta's per-message example (marketing h0, the user replies at h2, a text at h3, utility at
h4, utility at h30) is replayed in November 2025 and in November 2026: the same messages
cost 0.0290 USD before 2026-10-01 and 0.0318 USD after (service and in-window utility
became chargeable; the text falls in the 1,000 free service messages of the month).
The made-up provider reports the in-window utility template as free in both years, so
reconciliation flags it in 2026.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from wamsg import event_from_dict
from wamsg._internal.json import JsonObject, format_time
from wamsg.billing import BillingAccount, bill_events, reconcile
from wamsg.events import Event, MessageStatus

BUSINESS, CUSTOMER = "+15550783881", "+16505551234"
WHO: JsonObject = {"phone": CUSTOMER, "user_id": None, "name": "Sheena Nelson"}


def sent(message_id: str, at: datetime, category: str | None) -> JsonObject:
    content: JsonObject = {"kind": "text", "body": "Your parcel is on its way."}
    if category is not None:
        template: JsonObject = {"name": "update", "language": "en_US", "category": category}
        content = {"kind": "template", "template": template}
    return {
        "type": "message.sent",
        "provider": "meta",
        "id": message_id,
        "business": BUSINESS,
        "customer": WHO,
        "occurred_at": format_time(at),
        "operator": "agent-7",
        "reply_to": None,
        "content": content,
    }


def delivered(message_id: str, at: datetime, pricing: JsonObject) -> JsonObject:
    return {
        "type": "message.status",
        "provider": "meta",
        "message_id": message_id,
        "business": BUSINESS,
        "customer": None,
        "occurred_at": format_time(at),
        "status": "delivered",
        "errors": [],
        "pricing": pricing,
    }


def day(h0: datetime, reported_type_of_text: str) -> list[Event]:
    def h(hours: int) -> datetime:
        return h0 + timedelta(hours=hours)

    def pricing(type_: str, category: str) -> JsonObject:
        return {
            "model": "PMP",
            "type": type_,
            "category": category,
            "billable": type_ == "regular",
        }

    reply: JsonObject = {
        "type": "message.received",
        "provider": "meta",
        "id": "in1",
        "business": BUSINESS,
        "customer": WHO,
        "occurred_at": format_time(h(2)),
        "content": {"kind": "text", "body": "Where is my order?"},
    }
    dicts = [
        sent("m1", h(0), "marketing"),
        delivered("m1", h(0), pricing("regular", "marketing")),
        reply,
        sent("m2", h(3), None),
        delivered("m2", h(3), pricing(reported_type_of_text, "service")),
        sent("m3", h(4), "utility"),
        delivered("m3", h(4), pricing("free_customer_service", "utility")),
        sent("m4", h(30), "utility"),
        delivered("m4", h(30), pricing("regular", "utility")),
    ]
    return [event_from_dict(d) for d in dicts]


def main() -> None:
    account = BillingAccount(time_zone="Europe/Helsinki")
    for h0, text_type in (
        (datetime(2025, 11, 3, 8, tzinfo=timezone.utc), "free_customer_service"),
        (datetime(2026, 11, 3, 8, tzinfo=timezone.utc), "free_tier"),
    ):
        events = day(h0, text_type)
        bill = bill_events(events, account=account)
        print(
            f"{bill.month}: total {bill.invoice.total} {bill.invoice.currency} "
            f"(card {bill.invoice.card})"
        )
        for message in bill.charges:
            charge = message.charge
            print(
                f"  {charge.message_id}  {charge.category:<10} {message.reason.value:<22} "
                f"{message.amount}"
            )
        statuses = [e for e in events if isinstance(e, MessageStatus)]
        disagreements = reconcile(bill, statuses)
        print(f"  provider disagreements: {[(d.message_id, d.field) for d in disagreements]}")


if __name__ == "__main__":
    main()
