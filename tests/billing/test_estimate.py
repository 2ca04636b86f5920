"""Cost previews for one send and for a campaign."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

import attrs
import pytest

from wamsg import Customer, Outgoing, PhoneNumber, TemplateRef, Text, ValidationError
from wamsg.billing import (
    UNKNOWN,
    BillingAccount,
    MonthLedger,
    Reason,
    ServiceFreeTier,
    estimate,
    estimate_campaign,
)

from .helpers import UTC, send

BUSINESS = PhoneNumber.parse("+15550783881")
US = PhoneNumber.parse("+16505551234")
AT = datetime(2026, 11, 2, 8, tzinfo=UTC)


@attrs.frozen
class Windows:
    customer_service_window_open: bool
    free_entry_point_open: bool


CLOSED = Windows(False, False)
OPEN = Windows(True, False)


def _template(category: str | None) -> Outgoing:
    return Outgoing(
        business=BUSINESS,
        customer=Customer(phone=US),
        content=TemplateRef(name="t", language="en_US", category=category),
    )


def _text() -> Outgoing:
    return Outgoing(business=BUSINESS, customer=Customer(phone=US), content=Text(body="hi"))


def test_a_marketing_template_costs_the_market_rate() -> None:
    result = estimate(_template("marketing"), None, CLOSED, AT)
    assert (result.reason, result.amount, result.currency) == (
        Reason.REGULAR,
        Decimal("0.0250"),
        "USD",
    )
    assert result.card == "meta-usd-2026-10-01"
    assert result.notes  # the month so far is unknown


def test_a_reply_inside_the_window_is_free_in_2025_and_charged_in_2026() -> None:
    free = estimate(_text(), US, OPEN, datetime(2025, 11, 2, tzinfo=UTC))
    assert (free.reason, free.amount) == (Reason.FREE_CUSTOMER_SERVICE, Decimal(0))
    no_tier = BillingAccount(service_free_tier=None)
    charged = estimate(_text(), US, OPEN, AT, account=no_tier)
    assert (charged.reason, charged.amount) == (Reason.REGULAR, Decimal("0.0034"))
    first = estimate(_text(), US, OPEN, AT, ledger=MonthLedger.empty("2026-11", BillingAccount()))
    assert first.reason is Reason.FREE_TIER
    assert first.amount == Decimal(0)


def test_the_ledger_tells_whether_the_allowance_is_used_up() -> None:
    account = BillingAccount(service_free_tier=ServiceFreeTier(limit=1))
    ledger = MonthLedger.of_sends(
        [send("s", AT, None, csw=True)], month="2026-11", account=account
    )
    result = estimate(_text(), US, OPEN, AT + timedelta(hours=1), account=account, ledger=ledger)
    assert result.reason is Reason.REGULAR
    assert result.amount == Decimal("0.0034")


def test_an_unknown_category_or_currency_gives_an_unknown_amount() -> None:
    assert estimate(_template(None), US, CLOSED, AT).amount is UNKNOWN
    result = estimate(
        _template("marketing"), US, CLOSED, AT, account=BillingAccount(currency="EUR")
    )
    assert result.amount is UNKNOWN
    assert result.card is None
    assert result.rate is UNKNOWN


def test_estimate_needs_a_phone_number_and_an_outgoing() -> None:
    bsuid_only = Outgoing(
        business=BUSINESS, customer=Customer(user_id="US.1234"), content=Text(body="hi")
    )
    with pytest.raises(ValidationError):
        estimate(bsuid_only, None, OPEN, AT)
    with pytest.raises(ValidationError):
        estimate("hello", US, OPEN, AT)  # type: ignore[arg-type]


def test_a_campaign_is_priced_per_market() -> None:
    recipients = [US, PhoneNumber.parse("+5511987654321"), PhoneNumber.parse("+18095550100")]
    result = estimate_campaign(_template("marketing"), recipients, AT)
    amounts = {line.market: line.amount for line in result.lines}
    assert amounts == {
        "Brazil": Decimal("0.0625"),
        "North America": Decimal("0.0250"),
        "Rest of Latin America": Decimal("0.0740"),
    }
    assert result.total == Decimal("0.1615")
    assert result.complete


def test_a_campaign_by_market_counts_with_unknown_markets() -> None:
    result = estimate_campaign(_template("utility"), {"India": 1000, "Argentina": 10}, AT)
    india = next(line for line in result.lines if line.market == "India")
    assert india.amount == Decimal("1.4000")
    assert not result.complete
    assert result.total == Decimal("1.4000")
    with pytest.raises(ValidationError):
        estimate_campaign(_template("utility"), {"India": -1}, AT)
    with pytest.raises(ValidationError):
        estimate_campaign(_template("utility"), ["+1650"], AT)  # type: ignore[list-item]


def test_a_service_campaign_uses_the_free_allowance_first() -> None:
    result = estimate_campaign(_text(), {"North America": 1500}, AT, state=OPEN)
    assert [(line.reason, line.count) for line in result.lines] == [
        (Reason.FREE_TIER, 1000),
        (Reason.REGULAR, 500),
    ]
    assert result.total == Decimal("1.7000")
    ledger = MonthLedger.empty("2026-11", BillingAccount())
    with_ledger = estimate_campaign(_text(), {"North America": 10}, AT, state=OPEN, ledger=ledger)
    assert with_ledger.notes == ()
    assert with_ledger.total == Decimal(0)


def test_a_campaign_continues_the_month_volume_tiers_from_the_ledger() -> None:
    ledger = MonthLedger.of_sends(
        [send("u", AT, "utility")], month="2026-11", account=BillingAccount()
    )
    result = estimate_campaign(_template("utility"), {"North America": 2}, AT, ledger=ledger)
    assert result.total == Decimal("0.0068")
    single = estimate(_template("utility"), US, CLOSED, AT, ledger=ledger)
    assert single.amount == Decimal("0.0034")


def test_a_cbp_date_is_priced_per_conversation() -> None:
    result = estimate_campaign(
        _template("marketing"), {"Indonesia": 2}, datetime(2024, 3, 1, tzinfo=UTC)
    )
    assert result.total == Decimal("0.0822")


def test_a_campaign_of_free_messages_costs_nothing_and_without_allowance_charges_all() -> None:
    fep = estimate_campaign(_template("marketing"), {"Brazil": 5}, AT, state=Windows(True, True))
    assert [(line.reason, line.amount) for line in fep.lines] == [
        (Reason.FREE_ENTRY_POINT, Decimal(0))
    ]
    none = estimate_campaign(
        _text(), {"Brazil": 2}, AT, state=OPEN, account=BillingAccount(service_free_tier=None)
    )
    assert none.total == Decimal("0.0136")
