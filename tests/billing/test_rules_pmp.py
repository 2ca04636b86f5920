"""Per-message pricing: Meta's worked examples and the 2026-10-01 change."""

from __future__ import annotations

from datetime import datetime

import pytest

from wamsg.billing import BillingAccount, Period, Pricer, Reason, decide_per_message

from .helpers import UTC, at, send

ACCOUNT = BillingAccount(time_zone="UTC")


def _meta_example(h0: datetime) -> list[tuple[Reason, str]]:
    """Meta's example: marketing h0, user replies h2, text h3, utility h4, utility h30."""
    pricer = Pricer(ACCOUNT)
    sends = [
        send("m1", at(h0, 0), "marketing"),
        send("m2", at(h0, 3), None, csw=True),  # the user replied at h2: CSW open until h26
        send("m3", at(h0, 4), "utility", csw=True),
        send("m4", at(h0, 30), "utility", csw=False),  # the CSW closed at h26
    ]
    return [(c.reason, c.category) for c in map(pricer.price, sends)]


def test_meta_per_message_example_charges_marketing_and_the_late_utility_only() -> None:
    result = _meta_example(datetime(2025, 11, 3, tzinfo=UTC))
    assert result == [
        (Reason.REGULAR, "marketing"),
        (Reason.FREE_CUSTOMER_SERVICE, "service"),
        (Reason.FREE_CUSTOMER_SERVICE, "utility"),
        (Reason.REGULAR, "utility"),
    ]
    assert sum(reason.billable for reason, _ in result) == 2


def test_same_sequence_from_2026_10_01_charges_the_text_and_the_in_window_utility() -> None:
    result = _meta_example(datetime(2026, 11, 3, tzinfo=UTC))
    assert result == [
        (Reason.REGULAR, "marketing"),
        (Reason.REGULAR, "service"),  # charged at the utility rate (free tier settled monthly)
        (Reason.REGULAR, "utility"),
        (Reason.REGULAR, "utility"),
    ]


def test_free_entry_point_window_makes_every_message_free_including_templates() -> None:
    # Meta: the user writes from an ad at 10:00, the business answers with a template at
    # 22:00; the FEP window runs 72 h from 22:00; templates inside it stay free.
    day = datetime(2026, 3, 2, 10, tzinfo=UTC)
    pricer = Pricer(ACCOUNT)
    reply = pricer.price(send("r", at(day, 12), "marketing", csw=True, fep=True))
    later = pricer.price(send("t", at(day, 60), "marketing", csw=False, fep=True))
    after = pricer.price(send("u", at(day, 12 + 73), "marketing"))
    assert (reply.reason, reply.category) == (Reason.FREE_ENTRY_POINT, "referral_conversion")
    assert later.reason is Reason.FREE_ENTRY_POINT
    assert after.reason is Reason.REGULAR


def test_free_entry_point_stays_free_after_2026_10_01() -> None:
    assert decide_per_message(Period.PMP_2026, None, True, True) == (
        Reason.FREE_ENTRY_POINT,
        "referral_conversion",
    )


@pytest.mark.parametrize("category", ["marketing", "authentication"])
def test_marketing_and_authentication_are_charged_inside_the_window(category: str) -> None:
    assert decide_per_message(Period.PMP_2025, category, True, False) == (
        Reason.REGULAR,
        category,
    )


def test_an_unrecognised_template_category_is_charged_as_unknown() -> None:
    assert decide_per_message(Period.PMP_2025, "promo", False, False) == (
        Reason.REGULAR,
        "unknown",
    )


def test_the_switch_happens_at_midnight_in_the_waba_time_zone() -> None:
    helsinki = BillingAccount(time_zone="Europe/Helsinki")
    # 2026-09-30 21:30 UTC is 2026-10-01 00:30 in Helsinki (UTC+3): already the new rules.
    before = datetime(2026, 9, 30, 20, 30, tzinfo=UTC)
    after = datetime(2026, 9, 30, 21, 30, tzinfo=UTC)
    assert Pricer(helsinki).price(send("a", before, None, csw=True)).period is Period.PMP_2025
    assert Pricer(helsinki).price(send("b", after, None, csw=True)).period is Period.PMP_2026
    assert Pricer(ACCOUNT).price(send("c", after, None, csw=True)).period is Period.PMP_2025


def test_authentication_international_applies_from_the_start_time_to_foreign_recipients() -> None:
    from .helpers import INDIA_CUSTOMER

    start = datetime(2026, 1, 15, tzinfo=UTC)
    account = BillingAccount(business_country="US", authentication_international={"India": start})
    pricer = Pricer(account)
    early = pricer.price(
        send("a", datetime(2026, 1, 10, tzinfo=UTC), "authentication", recipient=INDIA_CUSTOMER)
    )
    late = pricer.price(
        send("b", datetime(2026, 1, 20, tzinfo=UTC), "authentication", recipient=INDIA_CUSTOMER)
    )
    domestic = Pricer(
        BillingAccount(business_country="IN", authentication_international={"India": start})
    ).price(
        send("c", datetime(2026, 1, 20, tzinfo=UTC), "authentication", recipient=INDIA_CUSTOMER)
    )
    assert early.category == "authentication"
    assert late.category == "authentication_international"
    assert domestic.category == "authentication"


def test_hyphenated_authentication_international_category_is_read_as_underscore() -> None:
    charge = Pricer(ACCOUNT).price(
        send("a", datetime(2026, 1, 10, tzinfo=UTC), "Authentication-International")
    )
    assert charge.category == "authentication_international"


def test_a_utility_conversation_open_at_the_switch_keeps_covering_utility() -> None:
    pricer = Pricer(ACCOUNT)
    opened = pricer.price(send("a", datetime(2025, 6, 30, 20, tzinfo=UTC), "utility"))
    covered = pricer.price(send("b", datetime(2025, 7, 1, 2, tzinfo=UTC), "utility"))
    charged = pricer.price(send("c", datetime(2025, 7, 1, 21, tzinfo=UTC), "utility"))
    assert (opened.period, opened.reason) == (Period.CBP_2024, Reason.REGULAR)
    assert (covered.period, covered.reason) == (Period.PMP_2025, Reason.IN_OPEN_CONVERSATION)
    assert charged.reason is Reason.REGULAR
