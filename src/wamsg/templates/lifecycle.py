"""The approval lifecycle of one template variant, folded from provider events.

Facts: statuses and the webhook's wider set; quality GREEN / YELLOW / RED / UNKNOWN
([rule meta.template.quality]); a RED template is paused 3 h the first time, 6 h the
second, disabled the third ([rule meta.template.pause-ladder]); pacing pauses
(``RATE_LIMITING_PAUSE``) last until a manual unpause ([rule meta.template.pacing-pause]);
utility templates can be re-classified as marketing, with advance notice in
``correct_category`` ([rule meta.template.recategorisation]).

Providers are the source of truth: a move outside :data:`TRANSITIONS` is
recorded in :attr:`Lifecycle.unexpected` and applied, unless the caller asks
for ``strict=True``, which raises :class:`~wamsg.errors.InvalidTransition`.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import attrs

from wamsg._internal import fields as check
from wamsg._internal.json import require_aware
from wamsg.errors import InvalidTransition
from wamsg.events import TemplateCategoryChanged, TemplateQualityChanged, TemplateStatusChanged
from wamsg.templates.model import Category, Quality, Template, TemplateStatus
from wamsg.templates.model import TemplateStatus as S

__all__ = ["PAUSE_LADDER", "SENDABLE", "TRANSITIONS", "Lifecycle", "UnexpectedTransition"]


# Pause ladder for RED quality: 1st pause 3 h, 2nd 6 h, 3rd disables.
# [rule meta.template.pause-ladder]
PAUSE_LADDER: tuple[timedelta, ...] = (timedelta(hours=3), timedelta(hours=6))
"""How long a template's first and second quality pauses last; the third disables it."""

# Sending requires APPROVED; FLAGGED templates are still active (at risk) and
# REINSTATED ones are "no longer flagged or disabled" [rule meta.template.status.sendable].
SENDABLE = frozenset((S.APPROVED, S.FLAGGED, S.REINSTATED))
"""The statuses a template may be sent in: approved, flagged (at risk) and reinstated."""

_GONE = (S.PENDING_DELETION, S.DELETED)
TRANSITIONS: dict[TemplateStatus, frozenset[TemplateStatus]] = {
    S.PENDING: frozenset((S.APPROVED, S.REJECTED, S.LIMIT_EXCEEDED, *_GONE)),
    S.APPROVED: frozenset(
        (S.PAUSED, S.DISABLED, S.FLAGGED, S.ARCHIVED, S.LOCKED, S.PENDING, S.REJECTED, *_GONE)
    ),
    S.REJECTED: frozenset((S.IN_APPEAL, S.PENDING, S.APPROVED, *_GONE)),
    S.IN_APPEAL: frozenset((S.APPROVED, S.REJECTED, S.REINSTATED)),
    S.PAUSED: frozenset((S.APPROVED, S.DISABLED, S.PENDING, S.REINSTATED, *_GONE)),
    S.FLAGGED: frozenset((S.APPROVED, S.REINSTATED, S.PAUSED, S.DISABLED, *_GONE)),
    # Disabled ones cannot be deleted [rule meta.template.disabled-not-deletable].
    S.DISABLED: frozenset((S.REINSTATED, S.IN_APPEAL)),
    S.REINSTATED: frozenset((S.APPROVED, S.PAUSED, S.FLAGGED, S.DISABLED, *_GONE)),
    S.ARCHIVED: frozenset((S.UNARCHIVED, *_GONE)),
    S.UNARCHIVED: frozenset((S.APPROVED, S.ARCHIVED, S.PENDING, *_GONE)),
    S.LIMIT_EXCEEDED: frozenset((S.PENDING, S.APPROVED, S.REJECTED, *_GONE)),
    S.LOCKED: frozenset((S.APPROVED, S.PAUSED, S.DISABLED, S.FLAGGED, *_GONE)),
    S.PENDING_DELETION: frozenset((S.DELETED,)),
    S.DELETED: frozenset(),
}
"""Expected status moves; staying in the same status is always allowed."""

_PACING_PAUSE = "RATE_LIMITING_PAUSE"  # [rule meta.template.pacing-pause]


@attrs.frozen(kw_only=True)
class UnexpectedTransition:
    """A status move the table does not expect, recorded (not refused)."""

    previous: TemplateStatus
    status: TemplateStatus
    status_raw: str
    at: datetime | None = None


def _pause_title(event: TemplateStatusChanged) -> str | None:
    for source in (event.extra, event.raw):
        if isinstance(source, dict):
            info = source.get("other_info")
            if isinstance(info, dict) and isinstance(info.get("title"), str):
                title = info["title"]
                return title if isinstance(title, str) else None
    return None


_TEMPLATE_EVENTS = (TemplateStatusChanged, TemplateQualityChanged, TemplateCategoryChanged)
"""The classes of the provider events about one template variant."""


@attrs.frozen(kw_only=True)
class Lifecycle:
    """Status, quality, category and pause ladder of one (name, language) variant."""

    status: TemplateStatus | None = None
    status_raw: str | None = None
    quality: Quality = Quality.UNKNOWN
    category: Category | None = None
    previous_category: Category | None = None
    correct_category: Category | None = None
    rejected_reason: str | None = None
    pause_count: int = 0
    paused_until: datetime | None = None
    changed_at: datetime | None = None
    unexpected: tuple[UnexpectedTransition, ...] = ()

    @classmethod
    def of(cls, template: Template) -> Lifecycle:
        """The lifecycle a template's own snapshot (status, quality, category) implies."""
        check.argument(template, Template, "template")
        status = template.status
        return cls(
            status=status,
            status_raw=None if status is None else status.value,
            quality=template.quality,
            category=template.category,
            rejected_reason=template.rejected_reason,
        )

    def is_sendable(self, at: datetime) -> bool:
        """True when a send at ``at`` is allowed by status (a lapsed 3 h/6 h pause has ended)."""
        if self.status in SENDABLE:
            return True
        if self.status is S.PAUSED and self.paused_until is not None:
            return require_aware(at, "at") >= self.paused_until
        return False

    def apply(
        self,
        event: TemplateStatusChanged | TemplateQualityChanged | TemplateCategoryChanged,
        *,
        strict: bool = False,
    ) -> Lifecycle:
        """The lifecycle after ``event``; applying the same event twice changes nothing."""
        check.argument(event, _TEMPLATE_EVENTS, "event")
        if isinstance(event, TemplateQualityChanged):
            return attrs.evolve(self, quality=Quality.parse(event.new))
        if isinstance(event, TemplateCategoryChanged):
            return self._category(event)
        return self._status(event, strict)

    def _category(self, event: TemplateCategoryChanged) -> Lifecycle:
        new = Category.parse(event.new)
        correct = None if event.correct is None else Category.parse(event.correct)
        previous = self.category if event.previous is None else Category.parse(event.previous)
        return attrs.evolve(
            self,
            category=new,
            previous_category=previous if previous != new else self.previous_category,
            correct_category=correct if correct != new else None,
        )

    def _status(self, event: TemplateStatusChanged, strict: bool) -> Lifecycle:
        new = TemplateStatus.parse(event.status)
        at = event.occurred_at
        if new is self.status and at == self.changed_at:
            return self  # the same event again
        unexpected = self.unexpected
        current = self.status
        if current is not None and not self._expected(current, new):
            if strict:
                raise InvalidTransition(current.value, event.status, "not an expected move")
            unexpected += (
                UnexpectedTransition(previous=current, status=new, status_raw=event.status, at=at),
            )
        pause_count, paused_until = self.pause_count, None
        if new is S.PAUSED and _pause_title(event) != _PACING_PAUSE:
            pause_count += 1
            step = pause_count - 1
            if at is not None and step < len(PAUSE_LADDER):
                paused_until = at + PAUSE_LADDER[step]
        return attrs.evolve(
            self,
            status=new,
            status_raw=event.status,
            rejected_reason=event.reason if event.reason is not None else self.rejected_reason,
            category=Category.parse(event.category) if event.category else self.category,
            pause_count=pause_count,
            paused_until=paused_until,
            changed_at=at,
            unexpected=unexpected,
        )

    @staticmethod
    def _expected(current: TemplateStatus, new: TemplateStatus) -> bool:
        if new is current or S.UNKNOWN in (current, new):
            return True
        return new in TRANSITIONS[current]
