"""One meaning for every provider's error codes: :class:`ErrorKind`.

Meta's codes are the reference (Meta's error-code table, the ``meta.error.*`` rows
of ``docs/rules.md``); Twilio maps its own codes onto WhatsApp's
([rule twilio.error.codes]); Sunshine and Vonage often pass Meta's code inside their
failure text, which :func:`kind_from_text` finds
([rule sunshine.error.codes] [rule vonage.error.titles]).
"""

from __future__ import annotations

import enum
import re

__all__ = [
    "ErrorKind",
    "kind_from_text",
    "meta_error_kind",
    "sunshine_error_kind",
    "twilio_error_kind",
    "vonage_error_kind",
]


class ErrorKind(str, enum.Enum):
    """What went wrong with a send, whatever the provider."""

    OUTSIDE_WINDOW = "outside_window"
    """The customer service window is closed: send a template (Meta 131047, 470; Twilio 63016)."""
    TEMPLATE_NOT_APPROVED = "template_not_approved"
    """The template does not exist in that language or is not approved (132001)."""
    TEMPLATE_PAUSED = "template_paused"
    """The template is paused for low quality (132015)."""
    TEMPLATE_DISABLED = "template_disabled"
    """The template is disabled after repeated pauses (132016)."""
    TEMPLATE_PARAM_MISMATCH = "template_param_mismatch"
    """Parameters do not fit the template (132000, 132005, 132007, 132012)."""
    UNDELIVERABLE = "undeliverable"
    """The recipient cannot receive it (131026: not on WhatsApp, old app, …)."""
    RATE_LIMITED_THROUGHPUT = "rate_limited_throughput"
    """Cloud API throughput reached (130429, 80007, 4); retry later."""
    RATE_LIMITED_PAIR = "rate_limited_pair"
    """Too many messages to the same customer (131056); other customers are unaffected."""
    RATE_LIMITED_SPAM = "rate_limited_spam"
    """Quality-based spam limit (131048)."""
    MARKETING_LIMIT = "marketing_limit"
    """Per-user marketing limit or experiment (131049, 130472); wait at least 24 h."""
    USER_OPTED_OUT = "user_opted_out"
    """The customer stopped marketing messages (131050, legacy 498): do not retry."""
    UNSUPPORTED_TYPE = "unsupported_type"
    """The message type is not supported (131051)."""
    AUTH = "auth"
    """Credentials or permissions are wrong (0, 10, 190, 200–299)."""
    UNKNOWN = "unknown"
    """A code wamsg does not classify; keep the provider's text."""


_K = ErrorKind

# Meta error codes (Meta's table as of 2026); 470 and 498 are the legacy On-Premises
# codes for the closed window and marketing opt-out.
_META: dict[int, ErrorKind] = {
    0: _K.AUTH,  # [rule meta.error.auth]
    10: _K.AUTH,  # [rule meta.error.auth]
    190: _K.AUTH,  # [rule meta.error.auth]
    4: _K.RATE_LIMITED_THROUGHPUT,  # [rule meta.error.throughput]
    80007: _K.RATE_LIMITED_THROUGHPUT,  # [rule meta.error.throughput]
    130429: _K.RATE_LIMITED_THROUGHPUT,  # [rule meta.error.throughput]
    130472: _K.MARKETING_LIMIT,  # [rule meta.error.marketing-limit]
    131026: _K.UNDELIVERABLE,  # [rule meta.error.131026]
    131047: _K.OUTSIDE_WINDOW,  # [rule meta.error.131047]
    131048: _K.RATE_LIMITED_SPAM,  # [rule meta.error.131048]
    131049: _K.MARKETING_LIMIT,  # [rule meta.error.marketing-limit]
    131050: _K.USER_OPTED_OUT,  # [rule meta.error.131050]
    131051: _K.UNSUPPORTED_TYPE,  # [rule meta.error.131051]
    131056: _K.RATE_LIMITED_PAIR,  # [rule meta.error.131056]
    132000: _K.TEMPLATE_PARAM_MISMATCH,  # [rule meta.error.template-parameters]
    132001: _K.TEMPLATE_NOT_APPROVED,  # [rule meta.error.132001]
    132005: _K.TEMPLATE_PARAM_MISMATCH,  # [rule meta.error.template-parameters]
    132007: _K.TEMPLATE_PARAM_MISMATCH,  # [rule meta.error.template-parameters]
    132012: _K.TEMPLATE_PARAM_MISMATCH,  # [rule meta.error.template-parameters]
    132015: _K.TEMPLATE_PAUSED,  # [rule meta.error.132015]
    132016: _K.TEMPLATE_DISABLED,  # [rule meta.error.132016]
    470: _K.OUTSIDE_WINDOW,  # [rule meta.error.on-premises]
    498: _K.USER_OPTED_OUT,  # [rule meta.error.on-premises]
}
# Meta codes 200–299 are "API permission" errors [rule meta.error.auth].
_META_PERMISSION = range(200, 300)

# Twilio codes and the WhatsApp code each stands for (Twilio's "List of Corresponding
# Twilio and WhatsApp Error Codes"; 63016 = 470, 63018 = 429/471, 63024 = 1026/1002,
# 63027 = 2001, 63028 = 2000, 63030 = 1010, 63032 = 472) and Twilio's own pages
# (63049 "Meta chose not to deliver this WhatsApp marketing message", since 2025-04-01
# for U.S. recipients; 20003 authentication failed) [rule twilio.error.codes].
_TWILIO: dict[int, ErrorKind] = {
    20003: _K.AUTH,
    20429: _K.RATE_LIMITED_THROUGHPUT,
    63003: _K.UNDELIVERABLE,
    63016: _K.OUTSIDE_WINDOW,  # [rule twilio.error.63016]
    63018: _K.RATE_LIMITED_THROUGHPUT,
    63024: _K.UNDELIVERABLE,
    63027: _K.TEMPLATE_NOT_APPROVED,
    63028: _K.TEMPLATE_PARAM_MISMATCH,
    63030: _K.UNSUPPORTED_TYPE,
    63032: _K.MARKETING_LIMIT,
    # [rule twilio.error.63049] [rule meta.template.marketing.us-stop]
    63049: _K.MARKETING_LIMIT,
}

# Vonage Messages API error titles: 1000 throttled, 1340 outside the allowed window;
# [inferred] the rest via Meta's code in the detail text [rule vonage.error.titles].
_VONAGE: dict[int, ErrorKind] = {
    1000: _K.RATE_LIMITED_THROUGHPUT,
    1340: _K.OUTSIDE_WINDOW,
}

# Sunshine Conversations v2 error codes are strings (openapi.yaml "errors[].code")
# [rule sunshine.error.codes].
_SUNSHINE: dict[str, ErrorKind] = {
    "unauthorized": _K.AUTH,
    "forbidden": _K.AUTH,
    "too_many_requests": _K.RATE_LIMITED_THROUGHPUT,
    "rate_limited": _K.RATE_LIMITED_THROUGHPUT,
}

_META_CODE_IN_TEXT = re.compile(r"(?<![0-9])(13[0-9]{4}|470)(?![0-9])")


def _as_int(code: str | int) -> int | None:
    if isinstance(code, bool):
        return None
    if isinstance(code, int):
        return code
    if isinstance(code, str):
        text = code.strip()
        if text.isascii() and text.isdigit() and len(text) < 10:
            return int(text)
    return None


def meta_error_kind(code: str | int) -> ErrorKind:
    """Classify a Meta Cloud API (or 360dialog) error code."""
    number = _as_int(code)
    if number is None:
        return ErrorKind.UNKNOWN
    if number in _META_PERMISSION:
        return ErrorKind.AUTH
    return _META.get(number, ErrorKind.UNKNOWN)


def kind_from_text(text: str | None) -> ErrorKind:
    """Find a Meta error code written inside a provider's text (``"(#131047) …"``)."""
    if not text or not isinstance(text, str):
        return ErrorKind.UNKNOWN
    found = _META_CODE_IN_TEXT.search(text)
    return ErrorKind.UNKNOWN if found is None else meta_error_kind(found.group(1))


def twilio_error_kind(code: str | int) -> ErrorKind:
    """Classify a Twilio error code (``ErrorCode`` / ``error_code``)."""
    number = _as_int(code)
    return ErrorKind.UNKNOWN if number is None else _TWILIO.get(number, ErrorKind.UNKNOWN)


def vonage_error_kind(code: str | int, detail: str | None = None) -> ErrorKind:
    """Classify a Vonage error title/code, falling back to a Meta code in ``detail``."""
    number = _as_int(code)
    kind = ErrorKind.UNKNOWN if number is None else _VONAGE.get(number, ErrorKind.UNKNOWN)
    return kind if kind is not ErrorKind.UNKNOWN else kind_from_text(detail)


def sunshine_error_kind(code: str | int, message: str | None = None) -> ErrorKind:
    """Classify a Sunshine error code, falling back to a Meta code in ``message``."""
    kind = _SUNSHINE.get(code, ErrorKind.UNKNOWN) if type(code) is str else ErrorKind.UNKNOWN
    return kind if kind is not ErrorKind.UNKNOWN else kind_from_text(message)
