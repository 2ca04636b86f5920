"""Preview what a send, and a campaign, will cost before sending it."""

from __future__ import annotations

from datetime import datetime, timezone

import attrs

from wamsg import Customer, Outgoing, PhoneNumber, TemplateRef, Text
from wamsg.billing import BillingAccount, estimate, estimate_campaign


@attrs.frozen
class Windows:
    """The window facts at send time (normally a ``wamsg.window.WindowSnapshot``)."""

    customer_service_window_open: bool
    free_entry_point_open: bool = False


def main() -> None:
    business = PhoneNumber.parse("+15550783881")
    customer = Customer(phone=PhoneNumber.parse("+5511987654321"), name="Lucas")
    account = BillingAccount(time_zone="America/Sao_Paulo")
    offer = Outgoing(
        business=business,
        customer=customer,
        content=TemplateRef(name="black_friday", language="pt_BR", category="marketing"),
    )
    update = Outgoing(
        business=business,
        customer=customer,
        content=TemplateRef(name="order_update", language="pt_BR", category="utility"),
    )
    answer = Outgoing(business=business, customer=customer, content=Text(body="Olá!"))
    for when in (
        datetime(2025, 11, 2, 15, tzinfo=timezone.utc),
        datetime(2026, 11, 2, 15, tzinfo=timezone.utc),
    ):
        print(f"At {when:%Y-%m-%d}, customer service window open:")
        for name, outgoing in (("marketing", offer), ("utility", update), ("text", answer)):
            result = estimate(outgoing, None, Windows(True), when, account=account)
            print(
                f"  {name:<9} {result.charge.market}: {result.reason.value:<22} "
                f"{result.amount} {result.currency}"
            )
    campaign = estimate_campaign(
        offer,
        {"Brazil": 800, "India": 1500, "Germany": 200, "Argentina": 100},
        datetime(2026, 11, 20, 9, tzinfo=timezone.utc),
        account=account,
    )
    print("Black Friday campaign, 2026-11-20:")
    for line in campaign.lines:
        print(f"  {line.market:<10} {line.count:>5} × {line.category}: {line.amount}")
    known = "" if campaign.complete else " (some rates unknown: known part only)"
    print(f"  total {campaign.total} {campaign.currency}{known}")


if __name__ == "__main__":
    main()
