"""Pick, check and render a template in one pure call: the closed-window follow-up.

A helpdesk whose customer service window has closed can only reach the customer
with an approved template ([rule meta.csw.template-outside]): choose the
variant in the customer's language (with fallback), check it may be sent now,
and bind the values, all without I/O.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime

import attrs

from wamsg._internal import fields as check
from wamsg.identity import Customer
from wamsg.templates.library import TemplateLibrary
from wamsg.templates.render import RenderedTemplate, render
from wamsg.templates.select import (
    TemplateChoice,
    TemplateSendDecision,
    WindowDecision,
    _window_open,
    can_send_template,
    choose_template,
)
from wamsg.templates.values import BodyValue, ButtonValue, HeaderValue

__all__ = ["TemplateFollowUp", "template_follow_up"]


@attrs.frozen(kw_only=True)
class TemplateFollowUp:
    """The choice, the send decision and, when both say yes, the rendered template."""

    choice: TemplateChoice
    decision: TemplateSendDecision | None
    rendered: RenderedTemplate | None

    @property
    def ready(self) -> bool:
        """True when ``rendered`` can be sent now."""
        return self.rendered is not None

    @property
    def message(self) -> str:
        """One sentence for the agent: what will be sent, or why nothing will."""
        if self.rendered is not None:
            return f"send {self.rendered.name} [{self.rendered.language}]"
        if self.decision is not None:
            return self.decision.message
        return self.choice.message


def template_follow_up(
    library: TemplateLibrary,
    name: str,
    *,
    customer: Customer,
    preferred_languages: Iterable[str],
    at: datetime,
    body: Sequence[BodyValue] | Mapping[str, BodyValue] = (),
    header: HeaderValue | None = None,
    buttons: Mapping[int, ButtonValue] | None = None,
    window: bool | WindowDecision | None = False,
) -> TemplateFollowUp:
    """Choose ``name`` in the customer's language, check it may be sent, render it.

    A "no" (no approved variant, paused, marketing to a US number) is returned
    in the result; bad values raise :class:`~wamsg.errors.ValidationError`
    naming the parameter, as :func:`~wamsg.templates.render` does.
    """
    check.opt_argument(buttons, Mapping, "buttons")
    _window_open(window)
    choice = choose_template(library, name, preferred_languages, at)
    if choice.template is None:
        return TemplateFollowUp(choice=choice, decision=None, rendered=None)
    template = choice.template
    decision = can_send_template(
        library, name, template.language, at=at, customer=customer, window=window
    )
    if not decision.allowed:
        return TemplateFollowUp(choice=choice, decision=decision, rendered=None)
    rendered = render(template, body, header=header, buttons=buttons)
    return TemplateFollowUp(choice=choice, decision=decision, rendered=rendered)
