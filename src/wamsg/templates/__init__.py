"""Message templates: model, pre-submission lint, rendering, lifecycle, selection.

See ``docs/templates.md``. Facts: the template rows of ``docs/rules.md``, cited in
each module where it enforces them.
"""

from __future__ import annotations

from wamsg.templates._findings import Finding, FindingLocation
from wamsg.templates._readers import template_from_dict
from wamsg.templates._rules import RULES, Rule, Severity
from wamsg.templates.library import TemplateEvent, TemplateLibrary
from wamsg.templates.lifecycle import (
    PAUSE_LADDER,
    SENDABLE,
    TRANSITIONS,
    Lifecycle,
    UnexpectedTransition,
)
from wamsg.templates.lint import has_errors, lint_library, lint_template
from wamsg.templates.model import (
    Body,
    Button,
    ButtonKind,
    Buttons,
    Category,
    Component,
    Footer,
    Header,
    HeaderFormat,
    OtherComponent,
    ParameterFormat,
    Quality,
    Template,
    TemplateStatus,
    base_language,
    normalize_language,
    template_to_dict,
)
from wamsg.templates.pick import TemplateFollowUp, template_follow_up
from wamsg.templates.render import RenderedTemplate, check_values, render
from wamsg.templates.select import (
    ChoiceReason,
    SendWarning,
    TemplateChoice,
    TemplateSendDecision,
    TemplateSendReason,
    WindowDecision,
    can_send_template,
    choose_template,
    language_chain,
)
from wamsg.templates.values import BodyValue, ButtonValue, Currency, DateTime, HeaderValue

__all__ = [
    "PAUSE_LADDER",
    "RULES",
    "SENDABLE",
    "TRANSITIONS",
    "Body",
    "BodyValue",
    "Button",
    "ButtonKind",
    "ButtonValue",
    "Buttons",
    "Category",
    "ChoiceReason",
    "Component",
    "Currency",
    "DateTime",
    "Finding",
    "FindingLocation",
    "Footer",
    "Header",
    "HeaderFormat",
    "HeaderValue",
    "Lifecycle",
    "OtherComponent",
    "ParameterFormat",
    "Quality",
    "RenderedTemplate",
    "Rule",
    "SendWarning",
    "Severity",
    "Template",
    "TemplateChoice",
    "TemplateEvent",
    "TemplateFollowUp",
    "TemplateLibrary",
    "TemplateSendDecision",
    "TemplateSendReason",
    "TemplateStatus",
    "UnexpectedTransition",
    "WindowDecision",
    "base_language",
    "can_send_template",
    "check_values",
    "choose_template",
    "has_errors",
    "language_chain",
    "lint_library",
    "lint_template",
    "normalize_language",
    "render",
    "template_follow_up",
    "template_from_dict",
    "template_to_dict",
]
