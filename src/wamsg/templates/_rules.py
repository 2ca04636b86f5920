"""The lint rules: one stable id each, with severity, what it checks, fix hint and source.

Each lint rule's ``source`` cites the platform rules of ``docs/rules.md`` it checks
(Meta's template pages, and pywa's template validation where wamsg follows a peer).
Lint rule ids never change once published; new rules get new ids.
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
        "[rule meta.template.name.charset]",
    ),
    (
        "name.length",
        E,
        "name is at most 512 characters",
        "shorten the name",
        "[rule meta.template.name.512]",
    ),
    (
        "language.format",
        E,
        "language code is xx or xx_YY (underscore, not hyphen)",
        "use a code such as 'en_US', 'pt_BR' or 'de'",
        "[rule meta.template.language.code]",
    ),
    (
        "category.unknown",
        E,
        "category is MARKETING, UTILITY or AUTHENTICATION",
        "pick one of the three current categories",
        "[rule meta.template.category]",
    ),
    (
        "component.duplicate",
        E,
        "at most one header, body, footer and buttons component",
        "merge the duplicated components",
        "[rule meta.template.components]",
    ),
    (
        "component.unknown",
        W,
        "component type not checked by wamsg (kept as is)",
        "check it against Meta's documentation",
        "[rule meta.template.component-types]",
    ),
    (
        "body.missing",
        E,
        "a body component is required",
        "add a BODY component",
        "[rule meta.template.components]",
    ),
    (
        "body.empty",
        E,
        "the body has text",
        "write the body text",
        "[rule meta.template.components]",
    ),
    (
        "body.length",
        E,
        "body text is at most 1024 characters",
        "shorten the body",
        "[rule meta.template.body.1024]",
    ),
    (
        "header.length",
        E,
        "text header is at most 60 characters",
        "shorten the header",
        "[rule meta.template.header.text-60]",
    ),
    (
        "header.parameters",
        E,
        "text header has at most 1 parameter",
        "keep one parameter in the header, move the others to the body",
        "[rule meta.template.header.one-parameter]",
    ),
    (
        "header.format",
        W,
        "header format is TEXT, IMAGE, VIDEO, GIF, DOCUMENT or LOCATION",
        "check the header format",
        "[rule meta.template.header.formats]",
    ),
    (
        "header.markdown",
        W,
        "text header has no markdown characters (* ~ `)",
        "remove the formatting characters",
        "[rule meta.template.header.no-markdown]",
    ),
    (
        "header.location_category",
        E,
        "location header only in UTILITY or MARKETING",
        "change the category or the header",
        "[rule meta.template.header.location-category]",
    ),
    (
        "footer.length",
        E,
        "footer is at most 60 characters",
        "shorten the footer",
        "[rule meta.template.footer.60]",
    ),
    (
        "footer.parameters",
        E,
        "footer has no parameters",
        "move the parameter to the body",
        "[rule meta.template.footer.no-parameters]",
    ),
    (
        "placeholder.malformed",
        E,
        "placeholders are well formed: {{1}} or {{lower_name}}",
        "fix the braces; no spaces or #, $, % inside them",
        "[rule meta.template.placeholder.well-formed]",
    ),
    (
        "placeholder.sequence",
        E,
        "positional placeholders run 1, 2, … n without gaps",
        "renumber the placeholders from {{1}}",
        "[rule meta.template.parameter-format] [rule pywa.template.placeholders]",
    ),
    (
        "placeholder.mixed",
        E,
        "named and positional placeholders are not mixed",
        "use one parameter format throughout",
        "[rule meta.template.parameter-format] [rule pywa.template.placeholders]",
    ),
    (
        "placeholder.format",
        E,
        "placeholders match parameter_format",
        "set parameter_format to 'named' or 'positional' to match the text",
        "[rule meta.template.parameter-format]",
    ),
    (
        "placeholder.repeated",
        W,
        "each placeholder appears once",
        "give each occurrence its own parameter",
        "[rule meta.template.parameter-format]",
    ),
    (
        "placeholder.adjacent",
        E,
        "two placeholders are not side by side ({{1}}{{2}})",
        "put words between the placeholders",
        "[rule meta.template.placeholder.adjacent]",
    ),
    (
        "placeholder.dangling",
        E,
        "the body does not start or end with a placeholder",
        "add fixed text before the first / after the last placeholder",
        "[rule meta.template.placeholder.dangling]",
    ),
    (
        "placeholder.density",
        W,
        "not too many parameters for the text length",
        "add fixed text or use fewer parameters (wamsg: ≥ 2 words per parameter + 1)",
        "[rule meta.template.placeholder.density]",
    ),
    (
        "example.missing",
        E,
        "every parameter has a sample value",
        "add example.body_text / header_text (or *_named_params) / button example",
        "[rule meta.template.examples.required] [rule pywa.template.placeholders]",
    ),
    (
        "example.unused",
        E,
        "every sample value belongs to a parameter",
        "remove the sample or add the parameter",
        "[rule pywa.template.placeholders]",
    ),
    (
        "example.media_missing",
        E,
        "a media header has an example header_handle",
        "upload a sample with the Resumable Upload API",
        "[rule meta.template.header.media-example]",
    ),
    (
        "buttons.count",
        E,
        "at most 10 buttons",
        "remove buttons",
        "[rule meta.template.buttons.10]",
    ),
    (
        "buttons.grouping",
        E,
        "quick replies are grouped apart from the other buttons",
        "order them QR, QR, URL, PHONE (or the reverse)",
        "[rule meta.template.buttons.grouping]",
    ),
    (
        "buttons.url_count",
        E,
        "at most 2 URL buttons",
        "remove a URL button",
        "[rule meta.template.buttons.url-2]",
    ),
    (
        "buttons.phone_count",
        E,
        "at most 1 phone-number button",
        "remove a phone button",
        "[rule meta.template.buttons.phone-1]",
    ),
    (
        "buttons.copy_code_count",
        E,
        "at most 1 copy-code button",
        "remove a copy-code button",
        "[rule meta.template.buttons.copy-code-1]",
    ),
    (
        "button.label_missing",
        E,
        "quick-reply, URL, phone and flow buttons have a label",
        "add the button text",
        "[rule meta.template.button.label-25]",
    ),
    (
        "button.label_length",
        E,
        "button label is at most 25 characters",
        "shorten the label",
        "[rule meta.template.button.label-25]",
    ),
    (
        "button.phone_length",
        E,
        "phone_number is at most 20 characters",
        "write the number as digits with country code",
        "[rule meta.template.button.phone-20]",
    ),
    (
        "button.url_length",
        E,
        "URL is at most 2000 characters",
        "shorten the URL",
        "[rule meta.template.button.url-2000]",
    ),
    (
        "button.url_variable",
        E,
        "a URL has at most 1 variable, at the very end",
        "move the variable to the end: https://example.com/track/{{1}}",
        "[rule meta.template.button.url-variable]",
    ),
    (
        "button.copy_code_length",
        E,
        "copy-code example is at most 15 characters",
        "shorten the sample code",
        "[rule meta.template.button.copy-code-15]",
    ),
    (
        "button.otp_category",
        E,
        "OTP buttons only in AUTHENTICATION templates",
        "use COPY_CODE for coupons, or change the category",
        "[rule meta.template.otp.category]",
    ),
    (
        "button.otp_apps",
        E,
        "one-tap and zero-tap OTP buttons name supported_apps",
        "add supported_apps [{package_name, signature_hash}]",
        "[rule meta.template.otp.supported-apps]",
    ),
    (
        "button.unknown",
        W,
        "button type not checked by wamsg (kept as is)",
        "check it against Meta's documentation",
        "[rule meta.template.component-types]",
    ),
    (
        "auth.otp_button",
        E,
        "authentication templates have an OTP button (since 2024-04-01)",
        "add {type: OTP, otp_type: COPY_CODE}",
        "[rule meta.template.auth.otp-button]",
    ),
    (
        "auth.url",
        E,
        "authentication templates contain no URLs",
        "remove the URL",
        "[rule meta.template.auth.no-url-media-emoji]",
    ),
    (
        "auth.media",
        E,
        "authentication templates have no media or location header",
        "remove the header",
        "[rule meta.template.auth.no-url-media-emoji]",
    ),
    (
        "auth.emoji",
        E,
        "authentication templates contain no emoji",
        "remove the emoji",
        "[rule meta.template.auth.no-url-media-emoji]",
    ),
    (
        "auth.code_expiration",
        E,
        "code_expiration_minutes is 1 to 90",
        "set a value between 1 and 90",
        "[rule meta.template.auth.code-expiration]",
    ),
    (
        "ttl.range",
        E,
        "message_send_ttl_seconds is in the category's range",
        "authentication 30–900, utility 30–43200, marketing 43200–2592000 (or -1)",
        "[rule meta.template.ttl]",
    ),
    (
        "library.duplicate_variant",
        E,
        "each (name, language) appears once in a library",
        "remove or rename the duplicate",
        "[rule meta.template.language.variant]",
    ),
    (
        "library.duplicate_content",
        E,
        "no two templates share body and footer wording",
        "reword one of them (authentication templates are exempt)",
        "[rule meta.template.duplicate-content]",
    ),
)

RULES: dict[str, Rule] = {
    rule_id: Rule(id=rule_id, severity=severity, what=what, hint=hint, source=source)
    for rule_id, severity, what, hint, source in _TABLE
}
"""Every lint rule by id."""
