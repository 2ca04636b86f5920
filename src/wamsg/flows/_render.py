"""What a send shows at step time: templates rendered, and what a reply says (internal)."""

from __future__ import annotations

import wamsg.flows._nodes as n
from wamsg.content import ButtonReply, Content, InteractiveReply, Text
from wamsg.errors import ValidationError
from wamsg.templates import render

__all__ = ["render_plan", "reply_text"]


def reply_text(content: Content) -> str | None:
    """What Studio reads as a reply's ``Body``: a text, a button's or row's title, a caption."""
    if type(content) is Text:
        return content.body
    if type(content) is InteractiveReply:
        return content.title
    if type(content) is ButtonReply:
        return content.text
    caption = getattr(content, "caption", None)
    return caption if isinstance(caption, str) else None


def render_plan(plan: n.TemplatePlan, scope: n.Scope) -> Content | None:
    """The template rendered with the scope's values, or None when a value is unusable."""
    header = None if plan.header is None else n.render_pieces(plan.header, scope)
    texts = [n.render_pieces(pieces, scope) for pieces in plan.body]
    body: list[str] | dict[str, str] = (
        texts if plan.names is None else dict(zip(plan.names, texts, strict=True))
    )
    try:
        return render(plan.template, body, header=header).to_template_ref()
    except ValidationError:
        return None
