"""Lint checks on the template as a whole: name, language, category, structure,
TTL and the authentication-template rules."""

from __future__ import annotations

import re

from wamsg.templates._findings import FindingLocation, Reporter
from wamsg.templates.model import (
    _LANGUAGE,
    Body,
    ButtonKind,
    Buttons,
    Category,
    Footer,
    Header,
    HeaderFormat,
    OtherComponent,
    Template,
)

__all__ = ["check_template"]

# Template names: ≤ 512 chars, lowercase alphanumeric and underscore.
NAME_MAX = 512  # [rule meta.template.name.512]
_NAME = re.compile(r"[a-z0-9_]+")  # [rule meta.template.name.charset]
CODE_EXPIRATION = range(1, 91)  # [rule meta.template.auth.code-expiration]
# message_send_ttl_seconds ranges by category; -1 = 30 days for authentication and
# utility [rule meta.template.ttl].
TTL_RANGES = {
    Category.AUTHENTICATION: (range(30, 901), True),
    Category.UTILITY: (range(30, 43201), True),
    Category.MARKETING: (range(43200, 2592001), False),
}
_URL = re.compile(r"https?://|www\.", re.IGNORECASE)


def is_emoji(char: str) -> bool:
    """True for pictographic emoji and their presentation selector (a conservative test)."""
    code = ord(char)
    return (
        code >= 0x1F000 or 0x2600 <= code <= 0x27BF or 0x2B00 <= code <= 0x2BFF or (code == 0xFE0F)
    )


def _identity(template: Template, report: Reporter) -> None:
    if not _NAME.fullmatch(template.name):
        report(
            "name.charset",
            FindingLocation("template"),
            f"name {template.name!r} is not lowercase letters, digits and underscores",
        )
    if len(template.name) > NAME_MAX:
        report(
            "name.length",
            FindingLocation("template"),
            f"name is {len(template.name)} characters, the limit is {NAME_MAX}",
        )
    if not _LANGUAGE.fullmatch(template.language):  # [rule meta.template.language.code]
        report(
            "language.format",
            FindingLocation("template"),
            f"language {template.language!r} is not a code like en_US",
        )
    if template.category is Category.UNKNOWN:  # [rule meta.template.category]
        report(
            "category.unknown",
            FindingLocation("template"),
            f"category {template.category_raw!r} is not a current category",
        )


def _structure(template: Template, report: Reporter) -> None:
    # [rule meta.template.components] [rule meta.template.component-types]
    kinds = ((Header, "header"), (Body, "body"), (Footer, "footer"), (Buttons, "buttons"))
    for kind, label in kinds:
        count = sum(isinstance(c, kind) for c in template.components)
        if count > 1:
            report("component.duplicate", FindingLocation(label), f"{count} {label} components")
    for c in template.components:
        if isinstance(c, OtherComponent):
            report(
                "component.unknown",
                FindingLocation(c.type.lower() or "component"),
                f"component type {c.type!r} is not checked",
            )
    if template.body is None:
        report("body.missing", FindingLocation("body"), "the template has no body")


def _ttl(template: Template, report: Reporter) -> None:
    ttl = template.message_send_ttl_seconds
    limits = TTL_RANGES.get(template.category)
    if ttl is None or limits is None:
        return
    allowed, minus_one = limits
    if ttl not in allowed and not (minus_one and ttl == -1):
        report(
            "ttl.range",
            FindingLocation("template"),
            f"message_send_ttl_seconds {ttl} is outside "
            f"{allowed.start}–{allowed.stop - 1} for {template.category.value}",
        )


def _texts(template: Template) -> list[tuple[FindingLocation, str]]:
    parts = ((template.header, "header"), (template.body, "body"), (template.footer, "footer"))
    texts = [(FindingLocation(label), c.text or "") for c, label in parts if c is not None]
    texts += [
        (FindingLocation("buttons", i), b.text or "") for i, b in enumerate(template.buttons)
    ]
    return texts


def _authentication(template: Template, report: Reporter) -> None:
    # [rule meta.template.auth.otp-button] [rule meta.template.auth.no-url-media-emoji]
    if not any(b.kind is ButtonKind.OTP for b in template.buttons):
        report("auth.otp_button", FindingLocation("buttons"), "no OTP button")
    header = template.header
    if header is not None and header.format is not HeaderFormat.TEXT:
        report("auth.media", FindingLocation("header"), f"{header.format.value} header")
    for i, button in enumerate(template.buttons):
        if button.kind is ButtonKind.URL:
            report(
                "auth.url",
                FindingLocation("buttons", i),
                "a URL button in an authentication template",
            )
    for where, text in _texts(template):
        url = _URL.search(text)
        if url:
            report(
                "auth.url",
                FindingLocation(where.component, where.button, url.start()),
                "a URL in an authentication template",
            )
        emoji = next((i for i, ch in enumerate(text) if is_emoji(ch)), None)
        if emoji is not None:
            report(
                "auth.emoji",
                FindingLocation(where.component, where.button, emoji),
                f"emoji {text[emoji]!r} in an authentication template",
            )
    footer = template.footer
    minutes = None if footer is None else footer.code_expiration_minutes
    if minutes is not None and minutes not in CODE_EXPIRATION:
        report(
            "auth.code_expiration",
            FindingLocation("footer"),
            f"code_expiration_minutes {minutes} is outside 1–90",
        )


def check_template(template: Template, report: Reporter) -> None:
    """Run the template-level checks."""
    _identity(template, report)
    _structure(template, report)
    _ttl(template, report)
    if template.category is Category.AUTHENTICATION:
        _authentication(template, report)
