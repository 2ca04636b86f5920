"""Bind-time checks shared by :func:`render` and :func:`check_values`.

Facts ([rule meta.error.template-parameters]): a parameter count mismatch is Meta
error 132000, a parameter format mismatch 132012, text with a new line, a tab or more
than 4 consecutive spaces breaks the format character policy (132007,
[rule meta.template.param.format-characters]), hydrated text that is too long is
132005 (the body limit is 1024 characters; Twilio 63021, [rule twilio.error.63021]).
URL suffixes must be percent-encoded ([rule meta.template.button.url-variable]);
authentication codes are at most 15 characters. Chatwoot silently dropped blank
values and got 132000 (chatwoot/chatwoot#13142): wamsg refuses blanks by name.
"""

from __future__ import annotations

import re

from wamsg.errors import ValidationError
from wamsg.templates.values import Currency, DateTime

__all__ = [
    "Problems",
    "check_body_value",
    "check_text_value",
    "check_url_suffix",
    "plain",
    "url_suffix_ok",
]

# Authentication codes: parameters limited to 15 characters [rule meta.template.auth.code-15].
AUTH_CODE_MAX = 15
# RFC 3986 pchar plus "/" and "?": unreserved, sub-delims, ":" "@", or %HH.
_URL_SUFFIX = re.compile(r"(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})*")


def plain(value: object) -> bool:
    """True for a str that needs no further check: not blank, no new line, tab or 5 spaces."""
    return (
        type(value) is str
        and value.strip() != ""
        and "\n" not in value
        and "\t" not in value
        and "\r" not in value
        and "     " not in value
    )


def url_suffix_ok(value: str) -> bool:
    """True for a non-empty, percent-encoded URL suffix."""
    return value != "" and value.isascii() and _URL_SUFFIX.fullmatch(value) is not None


class Problems:
    """Either raises the first problem (rendering) or collects them all (checking)."""

    __slots__ = ("collect", "collected")

    def __init__(self, *, collect: bool) -> None:
        self.collect = collect
        self.collected: list[ValidationError] = []

    def __call__(self, field: str, reason: str, value: object = None) -> None:
        error = ValidationError(reason, field=field, value=value)
        if not self.collect:
            raise error
        self.collected.append(error)


def check_text_value(value: str, field: str, problems: Problems) -> None:
    """Report a blank value, a new line or tab, or more than 4 consecutive spaces.

    [rule meta.template.param.format-characters]
    """
    if not value.strip():
        problems(field, "is blank: every parameter needs a value (Meta 132000)", value)
    elif "\n" in value or "\t" in value or "\r" in value:
        problems(field, "contains a new line or tab (Meta 132007)", value)
    elif "     " in value:
        problems(field, "contains more than 4 consecutive spaces (Meta 132007)", value)


def check_body_value(value: object, field: str, problems: Problems) -> str | None:
    """Check one body value; return the text it shows, or None when it is unusable."""
    if isinstance(value, str):
        check_text_value(value, field, problems)
        return value
    if isinstance(value, (Currency, DateTime)):
        check_text_value(value.fallback_value, field, problems)
        return value.fallback_value
    problems(field, "must be a str, Currency or DateTime", value)
    return None


def check_url_suffix(value: object, field: str, problems: Problems) -> None:
    """Report a URL suffix that is blank or not percent-encoded."""
    if not isinstance(value, str):
        problems(field, "must be a str (the URL suffix)", value)
    elif not value:
        problems(field, "is blank: the dynamic URL needs its suffix", value)
    elif not url_suffix_ok(value):
        problems(field, "is not percent-encoded: use urllib.parse.quote(value, safe='')", value)
