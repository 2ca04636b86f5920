"""Regressions of the hostile fuzz (tests/test_hostile_builders.py) for wamsg.billing.

Each case is a public billing callable given a value of a hostile class (a wrong type,
a lone surrogate, a huge or non-finite number, a datetime where a date belongs, deep
nesting): every one is a ValidationError naming the field, never a TypeError,
AttributeError, OverflowError or UnicodeEncodeError.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date, datetime, timezone
from typing import Any

import attrs
import pytest

from tests.providers.test_contract import TEXT as DAY_OUTGOING
from wamsg import ValidationError
from wamsg.billing import (
    BillingAccount,
    MonthLedger,
    Period,
    Pricer,
    RateCard,
    Send,
    bill_events,
    decide_conversation,
    decide_per_message,
    estimate,
    estimate_campaign,
    expected_pricing,
    latest_month,
    market_of,
    markets_on,
    packaged_cards,
    price,
    reconcile,
    sends_from_events,
)
from wamsg.identity import PhoneNumber
from wamsg.testing import sample_day
from wamsg.window import WindowBook

UTC = timezone.utc
AT = datetime(2026, 11, 20, 12, tzinfo=UTC)
ACCOUNT = BillingAccount()
PHONE = PhoneNumber.parse("+14155550100")
CARDS = packaged_cards()


def _card() -> RateCard:
    card = CARDS.select("USD", date(2026, 11, 1))
    assert card is not None
    return card


CARD = _card()
SEND = Send(message_id="wamid.1", business="", recipient=PHONE, at=AT)
DAY = sample_day()
BILL = bill_events(DAY.events, account=ACCOUNT)
LEDGER = MonthLedger.empty("2026-11", ACCOUNT)
SNAPSHOT = next(iter(WindowBook().fold(DAY.events))).as_of(AT)
DEEP: list[Any] = []
for _ in range(3000):
    DEEP = [DEEP]

Call = Callable[[], object]

CASES: dict[str, tuple[str, Call]] = {
    "account: free tier text": (
        "service_free_tier",
        lambda: BillingAccount(service_free_tier="none"),  # type: ignore[arg-type]
    ),
    "account: surrogate country": (
        "business_country",
        lambda: BillingAccount(business_country="\ud800"),
    ),
    "instant: not a date": ("day", lambda: ACCOUNT.instant("2026-11-01")),  # type: ignore[arg-type]
    "period_at: None": ("timestamp", lambda: ACCOUNT.period_at(None)),  # type: ignore[arg-type]
    "period_at: -inf": ("timestamp", lambda: ACCOUNT.period_at(-math.inf)),
    "period_at: huge negative": ("timestamp", lambda: ACCOUNT.period_at(-(10**5000))),
    "month_at: nan": ("timestamp", lambda: ACCOUNT.month_at(math.nan)),
    "month_at: huge": ("timestamp", lambda: ACCOUNT.month_at(2**64)),
    "month_at: text": ("timestamp", lambda: ACCOUNT.month_at("0")),  # type: ignore[arg-type]
    "market_table_at: list": ("timestamp", lambda: ACCOUNT.market_table_at([])),  # type: ignore[arg-type]
    "free_allowance: timestamp": (
        "timestamp",
        lambda: ACCOUNT.free_allowance(Period.PMP_2026, "x"),  # type: ignore[arg-type]
    ),
    "free_allowance: period": (
        "period",
        lambda: ACCOUNT.free_allowance("pmp", AT.timestamp()),  # type: ignore[arg-type]
    ),
    "authentication_international_from: list": (
        "market",
        lambda: ACCOUNT.authentication_international_from(["x"]),  # type: ignore[arg-type]
    ),
    "ledger empty: account": ("account", lambda: MonthLedger.empty("2026-11", None)),  # type: ignore[arg-type]
    "ledger of: not charges": (
        "charges",
        lambda: MonthLedger.of(["\ud800"], month="2026-11", account=ACCOUNT),  # type: ignore[list-item]
    ),
    "ledger of: deep list": (
        "charges",
        lambda: MonthLedger.of(DEEP, month="2026-11", account=ACCOUNT),
    ),
    "ledger of_sends: None": (
        "sends",
        lambda: MonthLedger.of_sends(None, month="2026-11", account=ACCOUNT),  # type: ignore[arg-type]
    ),
    "ledger of_sends: text": (
        "sends",
        lambda: MonthLedger.of_sends("abc", month="2026-11", account=ACCOUNT),  # type: ignore[arg-type]
    ),
    "ledger of_sends: not sends": (
        "sends",
        lambda: MonthLedger.of_sends([{"x": "y"}], month="2026-11", account=ACCOUNT),  # type: ignore[list-item]
    ),
    "ledger invoice: card": ("card", lambda: LEDGER.invoice("card")),  # type: ignore[arg-type]
    "ledger total: card": ("card", lambda: LEDGER.total(None)),  # type: ignore[arg-type]
    "pricer: send": ("send", lambda: Pricer(ACCOUNT).price("wamid.1")),  # type: ignore[arg-type]
    "price: send": ("send", lambda: price(None, ACCOUNT)),  # type: ignore[arg-type]
    "price: account": ("account", lambda: price(SEND, "UTC")),  # type: ignore[arg-type]
    "price: conversations": (
        "open_conversations",
        lambda: price(SEND, ACCOUNT, {}),  # type: ignore[arg-type]
    ),
    "rate: market list": ("market", lambda: CARD.rate(["x"], "utility")),  # type: ignore[arg-type]
    "rate: category dict": ("category", lambda: CARD.rate("Finland", {})),  # type: ignore[arg-type]
    "provenance_of: dict": ("market", lambda: CARD.provenance_of({})),  # type: ignore[arg-type]
    "cost: count None": ("count", lambda: CARD.cost("Finland", "utility", None)),  # type: ignore[arg-type]
    "cost: before text": (
        "before",
        lambda: CARD.cost("Finland", "utility", 1, before="1"),  # type: ignore[arg-type]
    ),
    "cost: huge count": ("count", lambda: CARD.cost("Finland", "utility", 10**5000)),
    "select: currency": ("currency", lambda: CARDS.select(None, date(2026, 11, 1))),  # type: ignore[arg-type]
    "select: datetime": ("on", lambda: CARDS.select("USD", AT)),
    "with_cards: None": ("extra", lambda: CARDS.with_cards(None)),  # type: ignore[arg-type]
    "Send.of: surrogate id": (
        "message_id",
        lambda: Send.of(
            message_id="\ud800",
            business=None,
            recipient=PHONE,
            at=AT,
            template_category=None,
            windows=SNAPSHOT,
        ),
    ),
    "Send.of: surrogate category": (
        "template_category",
        lambda: Send.of(
            message_id="wamid.1",
            business=None,
            recipient=PHONE,
            at=AT,
            template_category="a\udfffb",
            windows=SNAPSHOT,
        ),
    ),
    "Send.of: business": (
        "business",
        lambda: Send.of(
            message_id="wamid.1",
            business="+14155550100",  # type: ignore[arg-type]
            recipient=PHONE,
            at=AT,
            template_category=None,
            windows=SNAPSHOT,
        ),
    ),
    "Send.of: windows": (
        "windows",
        lambda: Send.of(
            message_id="wamid.1",
            business=None,
            recipient=PHONE,
            at=AT,
            template_category=None,
            windows=None,  # type: ignore[arg-type]
        ),
    ),
    "bill_events: None": ("events", lambda: bill_events(None)),  # type: ignore[arg-type]
    "bill_events: not events": ("events", lambda: bill_events(["\ud800"])),  # type: ignore[list-item]
    "bill_events: account": ("account", lambda: bill_events(DAY.events, account=5)),  # type: ignore[arg-type]
    "bill_events: cards": ("cards", lambda: bill_events(DAY.events, cards=[])),  # type: ignore[arg-type]
    "latest_month: deep": ("events", lambda: latest_month(DEEP, ACCOUNT)),
    "latest_month: account": ("account", lambda: latest_month(DAY.events, None)),  # type: ignore[arg-type]
    "sends_from_events: None": ("events", lambda: sends_from_events(None)),  # type: ignore[arg-type]
    "decide_conversation: category": (
        "template_category",
        lambda: decide_conversation(Period.CBP_2023, ["x"], False, False, AT.timestamp(), {}),  # type: ignore[arg-type]
    ),
    "decide_conversation: timestamp": (
        "timestamp",
        lambda: decide_conversation(Period.CBP_2023, None, False, False, None, {}),  # type: ignore[arg-type]
    ),
    "decide_conversation: open": (
        "open_conversations",
        lambda: decide_conversation(
            Period.CBP_2023,
            None,
            False,
            False,
            AT.timestamp(),
            {"x": "y"},  # type: ignore[dict-item]
        ),
    ),
    "decide_per_message: category": (
        "template_category",
        lambda: decide_per_message(Period.PMP_2026, {}, False, False),  # type: ignore[arg-type]
    ),
    "decide_per_message: flag": (
        "free_entry_point_open",
        lambda: decide_per_message(Period.PMP_2026, None, False, 1),  # type: ignore[arg-type]
    ),
    "estimate: state": (
        "windows",
        lambda: estimate(DAY_OUTGOING, PHONE, None, AT),  # type: ignore[arg-type]
    ),
    "estimate: ledger": (
        "ledger",
        lambda: estimate(DAY_OUTGOING, PHONE, SNAPSHOT, AT, ledger="x"),  # type: ignore[arg-type]
    ),
    "estimate: recipient": (
        "recipient",
        lambda: estimate(DAY_OUTGOING, "+14155550100", SNAPSHOT, AT),  # type: ignore[arg-type]
    ),
    "estimate_campaign: recipients": (
        "recipients",
        lambda: estimate_campaign(DAY_OUTGOING, None, AT),  # type: ignore[arg-type]
    ),
    "estimate_campaign: counts": (
        "recipients",
        lambda: estimate_campaign(DAY_OUTGOING, {"\ud800": 1}, AT),
    ),
    "estimate_campaign: cards": (
        "cards",
        lambda: estimate_campaign(DAY_OUTGOING, [PHONE], AT, cards=5),  # type: ignore[arg-type]
    ),
    "expected_pricing: billed": ("billed", lambda: expected_pricing(None)),  # type: ignore[arg-type]
    "reconcile: bill": ("bill", lambda: reconcile(None, [])),  # type: ignore[arg-type]
    "reconcile: statuses": ("statuses", lambda: reconcile(BILL, ["\ud800"])),  # type: ignore[list-item]
    "reconcile: deep": ("statuses", lambda: reconcile(BILL, DEEP)),
    "market_of: datetime": ("on", lambda: market_of(PHONE, datetime(2026, 11, 2))),
    "market_of: list": ("on", lambda: market_of(PHONE, [])),  # type: ignore[arg-type]
    "markets_on: far datetime": ("on", lambda: markets_on(datetime(9999, 12, 31, tzinfo=UTC))),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_hostile_argument_is_a_validation_error_naming_it(case: str) -> None:
    field, call = CASES[case]
    with pytest.raises(ValidationError) as caught:
        call()
    assert caught.value.field.startswith(field), caught.value


def test_an_account_without_a_free_tier_holds_only_finite_numbers() -> None:
    account = BillingAccount(service_free_tier=None)
    assert account.free_allowance(Period.PMP_2026, AT.timestamp()) is None
    values = [getattr(account, field.name) for field in attrs.fields(BillingAccount)]
    assert all(math.isfinite(v) for v in values if isinstance(v, float))


def test_the_checks_keep_what_is_valid() -> None:
    assert ACCOUNT.period_at(AT.timestamp()) is Period.PMP_2026
    assert ACCOUNT.month_at(int(AT.timestamp())) == "2026-11"
    assert CARDS.select("usd", date(2026, 11, 1)) is CARD
    assert CARD.cost("Finland", "utility", 0) == 0
    assert estimate_campaign(DAY_OUTGOING, {"Finland": 2}, AT).lines
    assert decide_per_message(Period.PMP_2026, None, False, False)[1] == "service"
    assert LEDGER.invoice(None, currency="EUR").currency == "EUR"
