"""The lifecycle follows provider events: statuses, pause ladder, quality, category."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wamsg.errors import InvalidTransition
from wamsg.events import (
    TemplateCategoryChanged,
    TemplateIdentity,
    TemplateQualityChanged,
    TemplateStatusChanged,
)
from wamsg.templates import TRANSITIONS, Category, Lifecycle, Quality, TemplateStatus

from .helpers import make, valid

T0 = datetime(2026, 5, 4, 9, 0, tzinfo=timezone.utc)
ID = TemplateIdentity(id="1", name="delivery_update", language="en_US")


def status(value: str, hours: float = 0, **extra: Any) -> TemplateStatusChanged:
    return TemplateStatusChanged(
        provider="meta",
        template=ID,
        status=value,
        occurred_at=T0 + timedelta(hours=hours),
        **extra,
    )


APPROVED = Lifecycle(status=TemplateStatus.APPROVED)


def test_every_known_status_has_a_row_in_the_transition_table() -> None:
    assert set(TRANSITIONS) == set(TemplateStatus) - {TemplateStatus.UNKNOWN}


def test_first_pause_lasts_three_hours_second_six() -> None:
    first = APPROVED.apply(status("PAUSED"))
    assert first.pause_count == 1
    assert first.paused_until == T0 + timedelta(hours=3)
    assert not first.is_sendable(T0 + timedelta(hours=2))
    assert first.is_sendable(T0 + timedelta(hours=3))
    second = first.apply(status("APPROVED", 3)).apply(status("PAUSED", 10))
    assert second.pause_count == 2
    assert second.paused_until == T0 + timedelta(hours=16)


def test_third_pause_has_no_end() -> None:
    state = APPROVED
    for hour in (0, 1, 2):
        state = state.apply(status("PAUSED", hour * 10)).apply(status("APPROVED", hour * 10 + 9))
    state = state.apply(status("PAUSED", 40))
    assert state.pause_count == 4
    assert state.paused_until is None
    assert not state.is_sendable(T0 + timedelta(days=30))


def test_pacing_pause_lasts_until_unpaused_and_does_not_count() -> None:
    paced = APPROVED.apply(
        status("PAUSED", extra={"other_info": {"title": "RATE_LIMITING_PAUSE"}})
    )
    assert paced.pause_count == 0
    assert paced.paused_until is None
    raw = APPROVED.apply(status("PAUSED", raw={"other_info": {"title": "FIRST_PAUSE"}}))
    assert raw.pause_count == 1


def test_applying_the_same_event_twice_changes_nothing() -> None:
    once = APPROVED.apply(status("PAUSED"))
    assert once.apply(status("PAUSED")) is once


def test_unexpected_move_is_recorded_by_default() -> None:
    deleted = Lifecycle(status=TemplateStatus.DELETED)
    after = deleted.apply(status("APPROVED"))
    assert after.status is TemplateStatus.APPROVED
    assert [(u.previous, u.status) for u in after.unexpected] == [
        (TemplateStatus.DELETED, TemplateStatus.APPROVED)
    ]


def test_unexpected_move_raises_when_strict() -> None:
    with pytest.raises(InvalidTransition) as caught:
        Lifecycle(status=TemplateStatus.DELETED).apply(status("APPROVED"), strict=True)
    assert (caught.value.state, caught.value.event) == ("DELETED", "APPROVED")


def test_unknown_status_is_kept_and_accepted() -> None:
    after = APPROVED.apply(status("BRAND_NEW"), strict=True)
    assert after.status is TemplateStatus.UNKNOWN
    assert after.status_raw == "BRAND_NEW"
    assert not after.is_sendable(T0)


def test_flagged_and_reinstated_are_sendable_disabled_is_not() -> None:
    assert APPROVED.apply(status("FLAGGED")).is_sendable(T0)
    assert APPROVED.apply(status("REINSTATED")).is_sendable(T0)
    assert not APPROVED.apply(status("DISABLED")).is_sendable(T0)


def test_status_event_carries_reason_and_category() -> None:
    after = Lifecycle().apply(status("REJECTED", reason="INCORRECT_CATEGORY", category="UTILITY"))
    assert after.rejected_reason == "INCORRECT_CATEGORY"
    assert after.category is Category.UTILITY


def test_quality_event_sets_the_quality() -> None:
    event = TemplateQualityChanged(provider="meta", template=ID, new="RED", previous="GREEN")
    assert APPROVED.apply(event).quality is Quality.RED


def test_utility_reclassified_as_marketing_keeps_the_previous_category() -> None:
    event = TemplateCategoryChanged(
        provider="meta", template=ID, new="MARKETING", previous="UTILITY"
    )
    after = Lifecycle(status=TemplateStatus.APPROVED, category=Category.UTILITY).apply(event)
    assert (after.category, after.previous_category) == (Category.MARKETING, Category.UTILITY)
    assert after.status is TemplateStatus.APPROVED


def test_advance_notice_records_the_correct_category() -> None:
    event = TemplateCategoryChanged(
        provider="meta", template=ID, new="UTILITY", correct="MARKETING"
    )
    after = Lifecycle(category=Category.UTILITY).apply(event)
    assert after.category is Category.UTILITY
    assert after.correct_category is Category.MARKETING
    assert after.previous_category is None


def test_lifecycle_of_a_template_starts_from_its_snapshot() -> None:
    data = valid()
    data.update(status="APPROVED", quality_score={"score": "YELLOW"})
    life = Lifecycle.of(make(data))
    assert (life.status, life.quality, life.category) == (
        TemplateStatus.APPROVED,
        Quality.YELLOW,
        Category.UTILITY,
    )
    assert Lifecycle.of(make(valid())).status is None


@given(st.lists(st.sampled_from([s.value for s in TemplateStatus]), max_size=8))
def test_default_mode_never_raises_and_ends_in_the_last_status(statuses: list[str]) -> None:
    state = Lifecycle()
    for hour, value in enumerate(statuses):
        state = state.apply(status(value, hour))
        assert state.status is TemplateStatus.parse(value)
