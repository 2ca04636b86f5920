"""Choosing a template variant by language, and deciding whether it may be sent.

Facts: approval is per (name, language) and Meta does not translate
([rule meta.template.language.variant]), so a helpdesk falls back from ``pt_BR`` to
``pt`` to its default language; only approved templates can be sent (132001
otherwise, [rule meta.template.status.sendable] [rule meta.error.132001]), paused ones
fail with 132015 ([rule meta.error.132015]), disabled ones with 132016
([rule meta.error.132016]); marketing templates are not delivered to US numbers since
2025-04-01 ([rule meta.template.marketing.us-stop]).
Both answers are decision values: a "no" never raises.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from enum import Enum
from typing import Protocol

import attrs

from wamsg._internal import fields as check
from wamsg._internal.json import UTC, require_aware
from wamsg.errors import ValidationError
from wamsg.identity import Customer
from wamsg.templates.library import TemplateLibrary
from wamsg.templates.lifecycle import Lifecycle
from wamsg.templates.model import (
    Category,
    Quality,
    Template,
    TemplateStatus,
    base_language,
    normalize_language,
)

__all__ = [
    "ChoiceReason",
    "SendWarning",
    "TemplateChoice",
    "TemplateSendDecision",
    "TemplateSendReason",
    "WindowDecision",
    "can_send_template",
    "choose_template",
    "language_chain",
]

# Marketing templates are not delivered to US (+1, US area code) numbers since
# 2025-04-01 [rule meta.template.marketing.us-stop].
_US_MARKETING_STOP = datetime(2025, 4, 1, tzinfo=UTC)


class WindowDecision(Protocol):
    """What wamsg needs from a window send decision: does the send need a template?"""

    @property
    def template_required(self) -> bool:
        """True when the customer service window is closed."""


class ChoiceReason(str, Enum):
    """Why :func:`choose_template` chose what it chose."""

    PREFERRED = "preferred"
    FALLBACK = "fallback"
    NOT_FOUND = "not_found"
    NO_SENDABLE_VARIANT = "no_sendable_variant"


@attrs.frozen(kw_only=True)
class TemplateChoice:
    """The chosen variant (or None), why, and the languages tried in order."""

    template: Template | None
    reason: ChoiceReason
    message: str
    tried: tuple[str, ...]

    @property
    def chosen(self) -> bool:
        """True when a sendable variant was found."""
        return self.template is not None


def language_chain(preferred: Iterable[str], default: str) -> tuple[str, ...]:
    """Languages to try: each preferred one, then its base, then the default and its base."""
    if not isinstance(preferred, Iterable):
        raise ValidationError(
            "must be a list of language codes", field="preferred_languages", value=preferred
        )
    chain: dict[str, None] = {}
    for code in (*preferred, default):
        language = normalize_language(code)
        chain[language] = None
        chain[base_language(language)] = None
    return tuple(chain)


def choose_template(
    library: TemplateLibrary, name: str, preferred_languages: Iterable[str], at: datetime
) -> TemplateChoice:
    """Pick the sendable variant of ``name`` by language fallback (pt_BR → pt → default)."""
    check.argument(library, TemplateLibrary, "library")
    check.text_of(name, "name", empty=True)
    check.iterable(preferred_languages, "preferred_languages")
    at = require_aware(at, "at")
    preferred = tuple(normalize_language(code) for code in preferred_languages)
    chain = language_chain(preferred, library.default_language)
    if not library.languages(name):
        return TemplateChoice(
            template=None,
            reason=ChoiceReason.NOT_FOUND,
            tried=chain,
            message=f"no template named {name!r}",
        )
    for language in chain:
        template = library.get(name, language)
        if template is not None and library.lifecycle(template).is_sendable(at):
            first = language == preferred[0] if preferred else True
            reason = ChoiceReason.PREFERRED if first else ChoiceReason.FALLBACK
            return TemplateChoice(
                template=template,
                reason=reason,
                tried=chain,
                message=f"{name} [{language}] is approved",
            )
    return TemplateChoice(
        template=None,
        reason=ChoiceReason.NO_SENDABLE_VARIANT,
        tried=chain,
        message=f"{name} has no approved variant in {', '.join(chain)}",
    )


class TemplateSendReason(str, Enum):
    """Why a template may or may not be sent."""

    SENDABLE = "sendable"
    NOT_FOUND = "not_found"
    LANGUAGE_MISSING = "language_missing"
    NOT_APPROVED = "not_approved"
    PAUSED = "paused"
    DISABLED = "disabled"
    MARKETING_US_UNDELIVERED = "marketing_us_undelivered"


class SendWarning(str, Enum):
    """Facts worth showing even when the send is allowed."""

    QUALITY_LOW = "quality_low"
    FLAGGED = "flagged"
    CATEGORY_CHANGE_PENDING = "category_change_pending"
    WINDOW_OPEN = "window_open"


@attrs.frozen(kw_only=True)
class TemplateSendDecision:
    """May this template be sent now? ``allowed``, a reason, a sentence and the facts used."""

    allowed: bool
    reason: TemplateSendReason
    message: str
    warnings: tuple[SendWarning, ...] = ()
    template: Template | None = None
    status: TemplateStatus | None = None
    quality: Quality = Quality.UNKNOWN
    category: Category | None = None
    paused_until: datetime | None = None
    window_open: bool | None = None


def _window_open(window: bool | WindowDecision | None) -> bool | None:
    if window is None or isinstance(window, bool):
        return window
    required = getattr(window, "template_required", None)
    if not isinstance(required, bool):
        raise ValidationError(
            "must be a bool, None or a send decision (with template_required)",
            field="window",
            value=window,
        )
    return not required


def _is_us(customer: Customer | None) -> bool:
    if customer is None:
        return False
    if customer.phone is not None:
        return customer.phone.region == "US"
    return customer.user_id is not None and customer.user_id.country == "US"


def _refusal(
    lifecycle: Lifecycle, name: str, language: str, at: datetime
) -> tuple[TemplateSendReason, str] | None:
    if lifecycle.is_sendable(at):
        return None
    status = lifecycle.status
    if status is TemplateStatus.PAUSED:
        until = lifecycle.paused_until
        when = f" until {until.isoformat()}" if until else " until unpaused"
        return TemplateSendReason.PAUSED, f"{name} [{language}] is paused{when} (Meta 132015)"
    if status is TemplateStatus.DISABLED:
        return TemplateSendReason.DISABLED, f"{name} [{language}] is disabled (Meta 132016)"
    shown = lifecycle.status_raw or "unknown"
    return (
        TemplateSendReason.NOT_APPROVED,
        f"{name} [{language}] is {shown}, not approved (Meta 132001)",
    )


def _warnings(lifecycle: Lifecycle, window_open: bool | None) -> tuple[SendWarning, ...]:
    found = []
    if lifecycle.quality is Quality.RED:
        found.append(SendWarning.QUALITY_LOW)
    if lifecycle.status is TemplateStatus.FLAGGED:
        found.append(SendWarning.FLAGGED)
    if lifecycle.correct_category is not None:
        found.append(SendWarning.CATEGORY_CHANGE_PENDING)
    if window_open:
        found.append(SendWarning.WINDOW_OPEN)
    return tuple(found)


def can_send_template(
    library: TemplateLibrary,
    name: str,
    language: str,
    *,
    at: datetime,
    customer: Customer | None = None,
    window: bool | WindowDecision | None = None,
) -> TemplateSendDecision:
    """Decide whether (name, language) may be sent to ``customer`` at ``at``.

    ``window`` is whether the customer service window is open: a bool, or a
    send decision from ``wamsg.window.state`` (anything with ``template_required``).
    A template may be sent either way; inside the window the decision carries
    the ``WINDOW_OPEN`` warning (a free-form reply is possible too).
    """
    check.argument(library, TemplateLibrary, "library")
    at = require_aware(at, "at")
    window_open = _window_open(window)
    language = normalize_language(language)
    template = library.get(name, language)
    if template is None:
        known = library.languages(name)
        reason = TemplateSendReason.LANGUAGE_MISSING if known else TemplateSendReason.NOT_FOUND
        message = (
            f"{name} exists in {', '.join(known)}, not in {language} (Meta 132001)"
            if known
            else f"no template named {name!r}"
        )
        return TemplateSendDecision(
            allowed=False, reason=reason, message=message, window_open=window_open
        )
    lifecycle = library.lifecycle(template)
    decision = TemplateSendDecision(
        allowed=True,
        reason=TemplateSendReason.SENDABLE,
        message=f"{name} [{language}] may be sent",
        template=template,
        status=lifecycle.status,
        quality=lifecycle.quality,
        category=lifecycle.category,
        paused_until=lifecycle.paused_until,
        window_open=window_open,
    )
    refusal = _refusal(lifecycle, name, language, at)
    marketing = lifecycle.category is Category.MARKETING
    if refusal is None and marketing and at >= _US_MARKETING_STOP and _is_us(customer):
        refusal = (
            TemplateSendReason.MARKETING_US_UNDELIVERED,
            "marketing templates are not delivered to US numbers since 2025-04-01",
        )
    if refusal is not None:
        return attrs.evolve(decision, allowed=False, reason=refusal[0], message=refusal[1])
    return attrs.evolve(decision, warnings=_warnings(lifecycle, window_open))
