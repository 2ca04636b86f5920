"""The lint rules: one stable id each, with severity, what it checks, fix hint and source.

Sources are sections of ``reference/meta-platform.md`` ([M-TPL], [M-TPL-COMP],
[M-TPL-REVIEW], [M-AUTH-TPL], [M-WH-TPL-STATUS], [M-TPL-TTL]) and pywa's template
validation (``reference/peers.md`` §1.5). Rule ids never change once published;
new rules get new ids.
"""

from __future__ import annotations

from enum import Enum

import attrs

__all__ = ["RULES", "Rule", "Severity"]


class Severity(str, Enum):
    """``error``: Meta rejects it (or the send fails); ``warning``: likely trouble."""

    ERROR = "error"
    WARNING = "warning"


@attrs.frozen(kw_only=True)
class Rule:
    """One lint rule: stable ``id``, ``severity``, what it checks, a fix hint, the source."""

    id: str
    severity: Severity
    what: str
    hint: str
    source: str


E, W = Severity.ERROR, Severity.WARNING

_TABLE: tuple[tuple[str, Severity, str, str, str], ...] = (
    # id, severity, what, hint, source
    (
        "name.charset",
        E,
        "name is non-empty lowercase letters, digits and underscores",
        "rename it, e.g. 'order_update_v2'",
        "§3.1 [M-TPL]",
    ),
    ("name.length", E, "name is at most 512 characters", "shorten the name", "§3.1 [M-TPL]"),
    (
        "language.format",
        E,
        "language code is xx or xx_YY (underscore, not hyphen)",
        "use a code such as 'en_US', 'pt_BR' or 'de'",
        "§3.1 [M-TPL], [M-LANG]",
    ),
    (
        "category.unknown",
        E,
        "category is MARKETING, UTILITY or AUTHENTICATION",
        "pick one of the three current categories",
        "§3.1 [M-TPL], [M-TPL-CAT]",
    ),
    (
        "component.duplicate",
        E,
        "at most one header, body, footer and buttons component",
        "merge the duplicated components",
        "§3.2 [M-TPL-COMP]",
    ),
    (
        "component.unknown",
        W,
        "component type not checked by wamsg (kept as is)",
        "check it against Meta's documentation",
        "§3.2 [M-OPENAPI]",
    ),
    (
        "body.missing",
        E,
        "a body component is required",
        "add a BODY component",
        "§3.2 [M-TPL-COMP]",
    ),
    ("body.empty", E, "the body has text", "write the body text", "§3.2 [M-TPL-COMP]"),
    (
        "body.length",
        E,
        "body text is at most 1024 characters",
        "shorten the body",
        "§3.2 [M-TPL-COMP]",
    ),
    (
        "header.length",
        E,
        "text header is at most 60 characters",
        "shorten the header",
        "§3.2 [M-TPL-COMP]",
    ),
    (
        "header.parameters",
        E,
        "text header has at most 1 parameter",
        "keep one parameter in the header, move the others to the body",
        "§3.2 [M-TPL-COMP]",
    ),
    (
        "header.format",
        W,
        "header format is TEXT, IMAGE, VIDEO, GIF, DOCUMENT or LOCATION",
        "check the header format",
        "§3.2 [M-TPL-COMP]",
    ),
    (
        "header.markdown",
        W,
        "text header has no markdown characters (* ~ `)",
        "remove the formatting characters",
        "§3.2 [M-TPL-COMP]",
    ),
    (
        "header.location_category",
        E,
        "location header only in UTILITY or MARKETING",
        "change the category or the header",
        "§3.2 [M-TPL-COMP]",
    ),
    (
        "footer.length",
        E,
        "footer is at most 60 characters",
        "shorten the footer",
        "§3.2 [M-TPL-COMP]",
    ),
    (
        "footer.parameters",
        E,
        "footer has no parameters",
        "move the parameter to the body",
        "§3.2 [M-TPL-COMP]",
    ),
    (
        "placeholder.malformed",
        E,
        "placeholders are well formed: {{1}} or {{lower_name}}",
        "fix the braces; no spaces or #, $, % inside them",
        "§3.4 [M-TPL-REVIEW]",
    ),
    (
        "placeholder.sequence",
        E,
        "positional placeholders run 1, 2, … n without gaps",
        "renumber the placeholders from {{1}}",
        "§3.1 [M-TPL]; peers §1.5",
    ),
    (
        "placeholder.mixed",
        E,
        "named and positional placeholders are not mixed",
        "use one parameter format throughout",
        "§3.1 [M-TPL]; peers §1.5",
    ),
    (
        "placeholder.format",
        E,
        "placeholders match parameter_format",
        "set parameter_format to 'named' or 'positional' to match the text",
        "§3.1 [M-TPL]",
    ),
    (
        "placeholder.repeated",
        W,
        "each placeholder appears once",
        "give each occurrence its own parameter",
        "§3.1 [M-TPL]",
    ),
    (
        "placeholder.adjacent",
        E,
        "two placeholders are not side by side ({{1}}{{2}})",
        "put words between the placeholders",
        "§3.4 [M-WH-TPL-STATUS]",
    ),
    (
        "placeholder.dangling",
        E,
        "the body does not start or end with a placeholder",
        "add fixed text before the first / after the last placeholder",
        "§3.4 [M-TPL-REVIEW]",
    ),
    (
        "placeholder.density",
        W,
        "not too many parameters for the text length",
        "add fixed text or use fewer parameters (wamsg: ≥ 2 words per parameter + 1)",
        "§3.2, §3.4 [M-TPL-REVIEW]",
    ),
    (
        "example.missing",
        E,
        "every parameter has a sample value",
        "add example.body_text / header_text (or *_named_params) / button example",
        "§3.1 [M-TPL]; peers §1.5",
    ),
    (
        "example.unused",
        E,
        "every sample value belongs to a parameter",
        "remove the sample or add the parameter",
        "peers §1.5",
    ),
    (
        "example.media_missing",
        E,
        "a media header has an example header_handle",
        "upload a sample with the Resumable Upload API",
        "§3.2 [M-TPL-COMP]",
    ),
    ("buttons.count", E, "at most 10 buttons", "remove buttons", "§3.2 [M-TPL-COMP]"),
    (
        "buttons.grouping",
        E,
        "quick replies are grouped apart from the other buttons",
        "order them QR, QR, URL, PHONE (or the reverse)",
        "§3.2 [M-TPL-COMP]",
    ),
    ("buttons.url_count", E, "at most 2 URL buttons", "remove a URL button", "§3.2 [M-TPL-COMP]"),
    (
        "buttons.phone_count",
        E,
        "at most 1 phone-number button",
        "remove a phone button",
        "§3.2 [M-TPL-COMP]",
    ),
    (
        "buttons.copy_code_count",
        E,
        "at most 1 copy-code button",
        "remove a copy-code button",
        "§3.2 [M-TPL-COMP]",
    ),
    (
        "button.label_missing",
        E,
        "quick-reply, URL, phone and flow buttons have a label",
        "add the button text",
        "§3.2 [M-TPL-COMP]",
    ),
    (
        "button.label_length",
        E,
        "button label is at most 25 characters",
        "shorten the label",
        "§3.2 [M-TPL-COMP]",
    ),
    (
        "button.phone_length",
        E,
        "phone_number is at most 20 characters",
        "write the number as digits with country code",
        "§3.2 [M-TPL-COMP]",
    ),
    (
        "button.url_length",
        E,
        "URL is at most 2000 characters",
        "shorten the URL",
        "§3.2 [M-TPL-COMP]",
    ),
    (
        "button.url_variable",
        E,
        "a URL has at most 1 variable, at the very end",
        "move the variable to the end: https://example.com/track/{{1}}",
        "§3.2 [M-TPL-COMP]",
    ),
    (
        "button.copy_code_length",
        E,
        "copy-code example is at most 15 characters",
        "shorten the sample code",
        "§3.2 [M-TPL-COMP]",
    ),
    (
        "button.otp_category",
        E,
        "OTP buttons only in AUTHENTICATION templates",
        "use COPY_CODE for coupons, or change the category",
        "§3.2 [M-AUTH-TPL]",
    ),
    (
        "button.otp_apps",
        E,
        "one-tap and zero-tap OTP buttons name supported_apps",
        "add supported_apps [{package_name, signature_hash}]",
        "§3.2 [M-AUTH-TPL]",
    ),
    (
        "button.unknown",
        W,
        "button type not checked by wamsg (kept as is)",
        "check it against Meta's documentation",
        "§3.2 [M-OPENAPI]",
    ),
    (
        "auth.otp_button",
        E,
        "authentication templates have an OTP button (since 2024-04-01)",
        "add {type: OTP, otp_type: COPY_CODE}",
        "§3.2 [M-AUTH-TPL], [M-TPL-OLD]",
    ),
    (
        "auth.url",
        E,
        "authentication templates contain no URLs",
        "remove the URL",
        "§3.2 [M-AUTH-TPL]",
    ),
    (
        "auth.media",
        E,
        "authentication templates have no media or location header",
        "remove the header",
        "§3.2 [M-AUTH-TPL]",
    ),
    (
        "auth.emoji",
        E,
        "authentication templates contain no emoji",
        "remove the emoji",
        "§3.2 [M-AUTH-TPL]",
    ),
    (
        "auth.code_expiration",
        E,
        "code_expiration_minutes is 1 to 90",
        "set a value between 1 and 90",
        "§3.2 [M-AUTH-TPL]",
    ),
    (
        "ttl.range",
        E,
        "message_send_ttl_seconds is in the category's range",
        "authentication 30–900, utility 30–43200, marketing 43200–2592000 (or -1)",
        "§3.7 [M-TPL-TTL]",
    ),
    (
        "library.duplicate_variant",
        E,
        "each (name, language) appears once in a library",
        "remove or rename the duplicate",
        "§3.1 [M-TPL]",
    ),
    (
        "library.duplicate_content",
        E,
        "no two templates share body and footer wording",
        "reword one of them (authentication templates are exempt)",
        "§3.4 [M-TPL-REVIEW]",
    ),
)

RULES: dict[str, Rule] = {
    rule_id: Rule(id=rule_id, severity=severity, what=what, hint=hint, source=source)
    for rule_id, severity, what, hint, source in _TABLE
}
"""Every lint rule by id."""
