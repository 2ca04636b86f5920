"""Lint checks on buttons: counts, grouping, labels, URLs, copy codes, OTP."""

from __future__ import annotations

from wamsg.templates._findings import FindingLocation, Reporter
from wamsg.templates.model import Button, ButtonKind, Category, Template

__all__ = ["check_buttons"]

# Button limits, current rules (the pre-2023 "3 quick replies or 2 CTAs" rule no
# longer applies).
MAX_BUTTONS = 10  # [rule meta.template.buttons.10]
MAX_URL_BUTTONS = 2  # [rule meta.template.buttons.url-2]
MAX_PHONE_BUTTONS = 1  # [rule meta.template.buttons.phone-1]
MAX_COPY_CODE_BUTTONS = 1  # [rule meta.template.buttons.copy-code-1]
LABEL_MAX = 25  # [rule meta.template.button.label-25]
PHONE_MAX = 20  # [rule meta.template.button.phone-20]
URL_MAX = 2000  # [rule meta.template.button.url-2000]
COPY_CODE_MAX = 15  # [rule meta.template.button.copy-code-15]
_LABELLED = frozenset(
    (ButtonKind.QUICK_REPLY, ButtonKind.URL, ButtonKind.PHONE_NUMBER, ButtonKind.FLOW)
)
_APP_OTP = frozenset(("ONE_TAP", "ZERO_TAP"))


def _counts(buttons: tuple[Button, ...], report: Reporter) -> None:
    if len(buttons) > MAX_BUTTONS:
        report(
            "buttons.count",
            FindingLocation("buttons", MAX_BUTTONS),
            f"{len(buttons)} buttons, the limit is {MAX_BUTTONS}",
        )
    limits = (
        (ButtonKind.URL, MAX_URL_BUTTONS, "buttons.url_count", "URL"),
        (ButtonKind.PHONE_NUMBER, MAX_PHONE_BUTTONS, "buttons.phone_count", "phone-number"),
        (ButtonKind.COPY_CODE, MAX_COPY_CODE_BUTTONS, "buttons.copy_code_count", "copy-code"),
    )
    for kind, limit, rule, label in limits:
        indexes = [i for i, b in enumerate(buttons) if b.kind is kind]
        if len(indexes) > limit:
            report(
                rule,
                FindingLocation("buttons", indexes[limit]),
                f"{len(indexes)} {label} buttons, the limit is {limit}",
            )


def _grouping(buttons: tuple[Button, ...], report: Reporter) -> None:
    # [rule meta.template.buttons.grouping]
    flags = [b.kind is ButtonKind.QUICK_REPLY for b in buttons]
    changes = [i for i in range(1, len(flags)) if flags[i] != flags[i - 1]]
    if len(changes) > 1:
        report(
            "buttons.grouping",
            FindingLocation("buttons", changes[1]),
            "quick-reply buttons are not grouped together",
        )


def _url(button: Button, index: int, report: Reporter) -> None:
    url = button.url or ""
    if len(url) > URL_MAX:
        report(
            "button.url_length",
            FindingLocation("buttons", index),
            f"URL is {len(url)} characters, the limit is {URL_MAX}",
        )
    parsed = button.parsed_url
    for offset, snippet in parsed.malformed:
        report(
            "placeholder.malformed",
            FindingLocation("buttons", index, offset),
            f"{snippet!r} is not a placeholder",
        )
    if not parsed.placeholders:
        return
    # [rule meta.template.button.url-variable]
    if len(parsed.placeholders) > 1 or parsed.literals[-1]:
        report(
            "button.url_variable",
            FindingLocation("buttons", index, parsed.placeholders[0].offset),
            "the URL variable must be the only one and sit at the very end",
        )
    if not any(e.strip() for e in button.example):  # [rule meta.template.examples.required]
        report(
            "example.missing", FindingLocation("buttons", index), "no example for the URL variable"
        )


def _button(button: Button, index: int, template: Template, report: Reporter) -> None:
    if button.kind is ButtonKind.UNKNOWN:  # [rule meta.template.component-types]
        report(
            "button.unknown",
            FindingLocation("buttons", index),
            f"button type {button.kind_raw!r} is not checked",
        )
    if button.kind in _LABELLED and not (button.text or "").strip():
        report(
            "button.label_missing", FindingLocation("buttons", index), "the button has no label"
        )
    if len(button.text or "") > LABEL_MAX:
        report(
            "button.label_length",
            FindingLocation("buttons", index),
            f"label is {len(button.text or '')} characters, the limit is {LABEL_MAX}",
        )
    if button.kind is ButtonKind.PHONE_NUMBER and len(button.phone_number or "") > PHONE_MAX:
        report(
            "button.phone_length",
            FindingLocation("buttons", index),
            f"phone_number is {len(button.phone_number or '')} characters, "
            f"the limit is {PHONE_MAX}",
        )
    if button.kind is ButtonKind.URL:
        _url(button, index, report)
    if button.kind is ButtonKind.COPY_CODE:
        if not any(e.strip() for e in button.example):
            report("example.missing", FindingLocation("buttons", index), "no example code")
        elif any(len(e) > COPY_CODE_MAX for e in button.example):
            report(
                "button.copy_code_length",
                FindingLocation("buttons", index),
                f"example code is longer than {COPY_CODE_MAX} characters",
            )
    if button.kind is ButtonKind.OTP:
        if template.category is not Category.AUTHENTICATION:  # [rule meta.template.otp.category]
            report(
                "button.otp_category",
                FindingLocation("buttons", index),
                f"OTP button in a {template.category.value} template",
            )
        # [rule meta.template.otp.supported-apps]
        if button.otp_type in _APP_OTP and not button.supported_apps:
            report(
                "button.otp_apps",
                FindingLocation("buttons", index),
                f"{button.otp_type} button without supported_apps",
            )


def check_buttons(template: Template, report: Reporter) -> None:
    """Run every button check."""
    buttons = template.buttons
    _counts(buttons, report)
    _grouping(buttons, report)
    for index, button in enumerate(buttons):
        _button(button, index, template, report)
