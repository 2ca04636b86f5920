"""Choosing by language fallback and deciding sendability, as decision values."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import attrs
import pytest

from wamsg.errors import ValidationError
from wamsg.events import TemplateIdentity, TemplateQualityChanged, TemplateStatusChanged
from wamsg.identity import Customer
from wamsg.templates import (
    ChoiceReason,
    SendWarning,
    TemplateLibrary,
    TemplateSendReason,
    can_send_template,
    choose_template,
    language_chain,
    template_follow_up,
)

from .helpers import valid

AT = datetime(2026, 5, 4, 9, 0, tzinfo=timezone.utc)
BR = Customer(phone="+5511987654321")
US = Customer(phone="+14155550100")


def _variant(language: str, status: str = "APPROVED", **changes: Any) -> dict[str, Any]:
    data = valid()
    data.update(language=language, status=status, id=f"id-{language}", **changes)
    return data


def library(*variants: dict[str, Any], default: str = "en_US") -> TemplateLibrary:
    return TemplateLibrary.from_dicts(list(variants), default_language=default)


def test_language_chain_falls_back_to_base_then_default() -> None:
    assert language_chain(["pt-BR"], "en_US") == ("pt_BR", "pt", "en_US", "en")


def test_exact_language_is_preferred() -> None:
    choice = choose_template(
        library(_variant("pt_BR"), _variant("pt")), "delivery_update", ["pt_BR"], AT
    )
    assert choice.chosen
    assert choice.template is not None
    assert (choice.template.language, choice.reason) == ("pt_BR", ChoiceReason.PREFERRED)


def test_pt_br_falls_back_to_pt() -> None:
    choice = choose_template(
        library(_variant("pt"), _variant("en_US")), "delivery_update", ["pt_BR"], AT
    )
    assert choice.template is not None
    assert choice.template.language == "pt"
    assert choice.reason is ChoiceReason.FALLBACK


def test_unapproved_variant_falls_back_to_the_library_default() -> None:
    lib = library(_variant("pt_BR", "PENDING"), _variant("en_US"))
    choice = choose_template(lib, "delivery_update", ["pt_BR"], AT)
    assert choice.template is not None
    assert choice.template.language == "en_US"
    assert choice.tried == ("pt_BR", "pt", "en_US", "en")


def test_no_sendable_variant_is_a_value_not_an_error() -> None:
    choice = choose_template(library(_variant("de", "REJECTED")), "delivery_update", ["de"], AT)
    assert not choice.chosen
    assert choice.reason is ChoiceReason.NO_SENDABLE_VARIANT
    missing = choose_template(library(_variant("de")), "nope", ["de"], AT)
    assert missing.reason is ChoiceReason.NOT_FOUND
    assert choose_template(library(_variant("en_US")), "delivery_update", [], AT).chosen


def test_naive_time_is_refused() -> None:
    with pytest.raises(ValidationError):
        choose_template(
            library(_variant("de")), "delivery_update", ["de"], AT.replace(tzinfo=None)
        )


def test_approved_template_may_be_sent() -> None:
    decision = can_send_template(library(_variant("en_US")), "delivery_update", "en-US", at=AT)
    assert decision.allowed
    assert decision.reason is TemplateSendReason.SENDABLE
    assert decision.template is not None
    assert decision.warnings == ()


@pytest.mark.parametrize(
    ("status", "reason"),
    [
        ("PENDING", TemplateSendReason.NOT_APPROVED),
        ("DISABLED", TemplateSendReason.DISABLED),
        ("PAUSED", TemplateSendReason.PAUSED),
        ("REJECTED", TemplateSendReason.NOT_APPROVED),
    ],
)
def test_status_that_blocks_the_send_is_the_reason(
    status: str, reason: TemplateSendReason
) -> None:
    decision = can_send_template(
        library(_variant("en_US", status)), "delivery_update", "en_US", at=AT
    )
    assert not decision.allowed
    assert decision.reason is reason
    assert decision.message


def test_paused_template_says_until_when() -> None:
    lib = library(_variant("en_US"))
    event = TemplateStatusChanged(
        provider="meta", template=TemplateIdentity(id="id-en_US"), status="PAUSED", occurred_at=AT
    )
    lib = lib.apply(event)
    decision = can_send_template(lib, "delivery_update", "en_US", at=AT + timedelta(hours=1))
    assert decision.reason is TemplateSendReason.PAUSED
    assert decision.paused_until == AT + timedelta(hours=3)
    assert "2026-05-04T12:00:00+00:00" in decision.message
    later = can_send_template(lib, "delivery_update", "en_US", at=AT + timedelta(hours=3))
    assert later.allowed


def test_missing_language_and_missing_template_are_told_apart() -> None:
    lib = library(_variant("en_US"))
    assert can_send_template(lib, "delivery_update", "de", at=AT).reason is (
        TemplateSendReason.LANGUAGE_MISSING
    )
    assert can_send_template(lib, "other", "de", at=AT).reason is TemplateSendReason.NOT_FOUND


def test_marketing_to_us_numbers_is_not_delivered_since_april_2025() -> None:
    lib = library(_variant("en_US", category="MARKETING"))
    decision = can_send_template(lib, "delivery_update", "en_US", at=AT, customer=US)
    assert decision.reason is TemplateSendReason.MARKETING_US_UNDELIVERED
    before = AT.replace(year=2025, month=3, day=31)
    assert can_send_template(lib, "delivery_update", "en_US", at=before, customer=US).allowed
    assert can_send_template(lib, "delivery_update", "en_US", at=AT, customer=BR).allowed
    bsuid = Customer(user_id="US.13491208655302741918")
    assert not can_send_template(lib, "delivery_update", "en_US", at=AT, customer=bsuid).allowed


def test_utility_to_us_numbers_is_delivered() -> None:
    lib = library(_variant("en_US"))
    assert can_send_template(lib, "delivery_update", "en_US", at=AT, customer=US).allowed


@attrs.frozen
class Window:
    template_required: bool


def test_window_decision_is_accepted_as_a_bool_or_a_decision() -> None:
    lib = library(_variant("en_US"))
    inside = can_send_template(lib, "delivery_update", "en_US", at=AT, window=True)
    assert inside.allowed
    assert SendWarning.WINDOW_OPEN in inside.warnings
    outside = can_send_template(lib, "delivery_update", "en_US", at=AT, window=Window(True))
    assert outside.allowed
    assert outside.window_open is False
    assert outside.warnings == ()
    assert can_send_template(
        lib, "delivery_update", "en_US", at=AT, window=Window(False)
    ).window_open


def test_red_quality_flagged_and_pending_category_are_warnings() -> None:
    lib = library(_variant("en_US", "FLAGGED"))
    lib = lib.apply(
        TemplateQualityChanged(
            provider="meta",
            new="RED",
            template=TemplateIdentity(name="delivery_update", language="en-US"),
        )
    )
    from wamsg.events import TemplateCategoryChanged

    lib = lib.apply(
        TemplateCategoryChanged(
            provider="meta",
            new="UTILITY",
            correct="MARKETING",
            template=TemplateIdentity(id="id-en_US"),
        )
    )
    decision = can_send_template(lib, "delivery_update", "en_US", at=AT)
    assert decision.allowed
    assert decision.warnings == (
        SendWarning.QUALITY_LOW,
        SendWarning.FLAGGED,
        SendWarning.CATEGORY_CHANGE_PENDING,
    )


def test_event_about_an_unknown_template_changes_nothing() -> None:
    lib = library(_variant("en_US"))
    event = TemplateStatusChanged(
        provider="meta", template=TemplateIdentity(id="zzz"), status="PAUSED"
    )
    assert lib.apply(event) is lib
    assert lib.apply(attrs.evolve(event, template=TemplateIdentity())) is lib


def test_library_reads_a_graph_api_page_and_refuses_other_shapes() -> None:
    lib = TemplateLibrary.from_dicts({"data": [_variant("en_US")]})
    assert lib.languages("delivery_update") == ("en_US",)
    with pytest.raises(ValidationError):
        TemplateLibrary.from_dicts(5)  # type: ignore[arg-type]


def test_follow_up_picks_checks_and_renders() -> None:
    lib = library(_variant("pt_BR", "PENDING"), _variant("en_US"))
    result = template_follow_up(
        lib,
        "delivery_update",
        customer=BR,
        preferred_languages=["pt_BR"],
        at=AT,
        body=["Ana", "A-7"],
        header="A-7",
        buttons={1: "A-7"},
    )
    assert result.ready
    assert result.rendered is not None
    assert result.rendered.language == "en_US"
    assert result.message == "send delivery_update [en_US]"


def test_follow_up_says_why_nothing_is_sent() -> None:
    none = template_follow_up(
        library(_variant("en_US", "PENDING")),
        "delivery_update",
        customer=BR,
        preferred_languages=["en_US"],
        at=AT,
    )
    assert not none.ready
    assert none.decision is None
    assert "no approved" in none.message
    marketing = library(_variant("en_US", category="MARKETING"))
    us = template_follow_up(
        marketing, "delivery_update", customer=US, preferred_languages=["en_US"], at=AT
    )
    assert not us.ready
    assert us.decision is not None
    assert us.message == us.decision.message
