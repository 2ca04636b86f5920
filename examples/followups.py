"""What should the helpdesk do next for each conversation? Planned follow-ups.

Run: python examples/followups.py
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from wamsg import (
    BusinessHours,
    Customer,
    Direction,
    Message,
    MessageReceived,
    MessageSent,
    PhoneNumber,
    Text,
    WindowBook,
)
from wamsg.events import Event
from wamsg.window import window_overview

BUSINESS = PhoneNumber.parse("+358401234567")
NOW = datetime(2026, 11, 7, 12, tzinfo=timezone.utc)  # Saturday noon


def message(customer: str, hours_ago: float, inbound: bool) -> Event:
    """A message ``hours_ago`` before NOW, from (inbound) or to the customer."""
    msg = Message(
        id=f"{customer}-{hours_ago}-{inbound}",
        direction=Direction.INBOUND if inbound else Direction.OUTBOUND,
        business=BUSINESS,
        customer=Customer(phone=customer),
        sent_at=NOW - timedelta(hours=hours_ago),
        content=Text(body="..."),
    )
    if inbound:
        return MessageReceived(provider="meta", message=msg)
    return MessageSent(provider="meta", message=msg, operator="agent-7")


def main() -> None:
    """Three conversations: waiting for us, waiting for the customer, a weekend message."""
    events = [
        message("+358401111111", 22.5, inbound=True),  # wrote Friday, no answer yet
        message("+358402222222", 30, inbound=True),
        message("+358402222222", 29, inbound=False),  # we asked for details on Friday
        message("+358403333333", 1, inbound=True),  # wrote on Saturday morning
    ]
    hours = BusinessHours.parse("Mon-Fri 08:00-17:00", timezone="Europe/Helsinki")
    for row in window_overview(WindowBook().fold(events), at=NOW):
        w = row.windows
        state = (
            f"open until {w.closes_at:%a %H:%M}" if w.customer_service_window_open else "closed"
        )
        print(f"{row.customer.key}  window {state}")
        for plan in row.followups:
            what = "free-form reply" if plan.free_form else f"{plan.template_category} template"
            print(f"    {plan.kind.value}: {what} at {plan.due_at:%a %H:%M} UTC")
            print(f"      {plan.reason}")
    print()
    print("With business hours (Mon-Fri 08:00-17:00 Helsinki):")
    for row in window_overview(WindowBook().fold(events), at=NOW, hours=hours):
        for plan in row.followups:
            print(f"  {row.customer.key}: {plan.kind.value} at {plan.due_at:%a %d %H:%M} UTC")


if __name__ == "__main__":
    main()
