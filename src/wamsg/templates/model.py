"""What a message template is: name, language, category, parameters, components, status.

Facts: a template is identified by (name, language): each language is a separate
template with its own approval ([rule meta.template.language.variant]). Categories are
``MARKETING``, ``UTILITY`` and ``AUTHENTICATION`` ([rule meta.template.category]).
Components are an optional header (text, image, video, GIF, document or location),
exactly one body, an optional footer and one ``BUTTONS`` component. Values wamsg does
not know (a new button type, a ``CAROUSEL`` component, a new status) are kept as
``UNKNOWN`` with the raw data, never dropped ([rule meta.template.component-types]).

A :class:`Template` may be a *draft* that breaks Meta's rules: it is what
:func:`~wamsg.templates.lint_template` checks. Only the JSON shape is enforced
at construction (text is text, lists are lists).
"""

from __future__ import annotations

import re
from enum import Enum
from typing import TypeAlias

import attrs

from wamsg._internal.json import JsonObject, is_text
from wamsg.errors import ValidationError
from wamsg.templates._placeholders import ParsedText, parse_text

__all__ = [
    "Body",
    "Button",
    "ButtonKind",
    "Buttons",
    "Category",
    "Component",
    "Footer",
    "Header",
    "HeaderFormat",
    "OtherComponent",
    "ParameterFormat",
    "Quality",
    "Template",
    "TemplateStatus",
    "base_language",
    "normalize_language",
    "template_to_dict",
]


def _upper(value: object) -> str:
    """A name read in any case; what is not a string reads as no name (``UNKNOWN``)."""
    return value.upper() if isinstance(value, str) else ""


class Category(str, Enum):
    """Template category [rule meta.template.category]; ``UNKNOWN`` keeps legacy values."""

    MARKETING = "MARKETING"
    UTILITY = "UTILITY"
    AUTHENTICATION = "AUTHENTICATION"
    UNKNOWN = "UNKNOWN"

    @classmethod
    def parse(cls, value: str | None) -> Category:
        """Read a category in any case; an unknown one (``TRANSACTIONAL``) is ``UNKNOWN``."""
        return _CATEGORIES.get(_upper(value), cls.UNKNOWN)


_CATEGORIES = {c.value: c for c in Category}


class ParameterFormat(str, Enum):
    """``positional`` (``{{1}}``, the default) or ``named`` (``{{first_name}}``)."""

    POSITIONAL = "positional"
    NAMED = "named"


class TemplateStatus(str, Enum):
    """Review status: the API's 10 values plus the webhook's wider set.

    [rule meta.template.status.values]
    """

    PENDING = "PENDING"
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"
    PAUSED = "PAUSED"
    DISABLED = "DISABLED"
    IN_APPEAL = "IN_APPEAL"
    FLAGGED = "FLAGGED"
    REINSTATED = "REINSTATED"
    LIMIT_EXCEEDED = "LIMIT_EXCEEDED"
    ARCHIVED = "ARCHIVED"
    UNARCHIVED = "UNARCHIVED"
    PENDING_DELETION = "PENDING_DELETION"
    DELETED = "DELETED"
    LOCKED = "LOCKED"
    UNKNOWN = "UNKNOWN"

    @classmethod
    def parse(cls, value: str | None) -> TemplateStatus:
        """Read a status in any case; one wamsg does not know is ``UNKNOWN``."""
        return _STATUSES.get(_upper(value), cls.UNKNOWN)


_STATUSES = {s.value: s for s in TemplateStatus}


class Quality(str, Enum):
    """Template quality score: GREEN high, YELLOW medium, RED low, UNKNOWN pending.

    [rule meta.template.quality]
    """

    GREEN = "GREEN"
    YELLOW = "YELLOW"
    RED = "RED"
    UNKNOWN = "UNKNOWN"

    @classmethod
    def parse(cls, value: str | None) -> Quality:
        """Read a quality score in any case; anything else is ``UNKNOWN``."""
        return _QUALITIES.get(_upper(value), cls.UNKNOWN)


_QUALITIES = {q.value: q for q in Quality}


class HeaderFormat(str, Enum):
    """Header format [rule meta.template.header.formats]; ``UNKNOWN`` keeps others."""

    TEXT = "TEXT"
    IMAGE = "IMAGE"
    VIDEO = "VIDEO"
    GIF = "GIF"
    DOCUMENT = "DOCUMENT"
    LOCATION = "LOCATION"
    UNKNOWN = "UNKNOWN"

    @property
    def is_media(self) -> bool:
        """True for image, video, GIF and document headers."""
        return self in _MEDIA_FORMATS


_MEDIA_FORMATS = frozenset(
    (HeaderFormat.IMAGE, HeaderFormat.VIDEO, HeaderFormat.GIF, HeaderFormat.DOCUMENT)
)


class ButtonKind(str, Enum):
    """Button type [rule meta.template.component-types]; ``UNKNOWN`` keeps the others."""

    QUICK_REPLY = "QUICK_REPLY"
    URL = "URL"
    PHONE_NUMBER = "PHONE_NUMBER"
    COPY_CODE = "COPY_CODE"
    OTP = "OTP"
    FLOW = "FLOW"
    CATALOG = "CATALOG"
    MPM = "MPM"
    SPM = "SPM"
    VOICE_CALL = "VOICE_CALL"
    REQUEST_CONTACT_INFO = "REQUEST_CONTACT_INFO"
    UNKNOWN = "UNKNOWN"


_LANGUAGE = re.compile(r"[a-z]{2,3}(?:_[A-Z0-9]{2,3})?")  # [rule meta.template.language.code]


def normalize_language(code: str) -> str:
    """The API form of a language code: ``en-US``, ``en_us`` and ``en_US`` give ``en_US``.

    Meta's codes are ``xx`` or ``xx_YY`` with an underscore; the status
    webhook example writes ``en-US``. A code that does not have that shape is
    returned stripped but otherwise unchanged (lint reports it).
    [rule meta.template.language.code]
    """
    if not isinstance(code, str):
        raise ValidationError(
            "must be a language code such as en_US", field="language", value=code
        )
    if not is_text(code):
        raise ValidationError("holds a lone surrogate, which is not text", field="language")
    text = code.strip().replace("-", "_")
    if _LANGUAGE.fullmatch(text):
        return text
    head, sep, tail = text.partition("_")
    candidate = head.lower() + sep + (tail.upper() if len(tail) <= 3 else tail)
    return candidate if _LANGUAGE.fullmatch(candidate) else text


def base_language(code: str) -> str:
    """The language without its region: ``pt_BR`` → ``pt``."""
    if not isinstance(code, str) or not is_text(code):
        raise ValidationError(
            "must be a language code such as en_US", field="language", value=code
        )
    return code.partition("_")[0]


@attrs.frozen(kw_only=True)
class Header:
    """The header: ``TEXT`` (≤ 60 chars, ≤ 1 parameter), media or location.

    ``examples`` pairs each placeholder name with its sample value
    (``example.header_text`` / ``header_text_named_params``); ``media_examples``
    holds the ``header_handle`` samples of a media header.
    """

    format: HeaderFormat
    format_raw: str = ""
    text: str | None = None
    examples: tuple[tuple[str, str], ...] = ()
    media_examples: tuple[str, ...] = ()
    raw: JsonObject = attrs.field(factory=dict, eq=False, repr=False)
    parsed: ParsedText = attrs.field(init=False, eq=False, repr=False)

    @parsed.default
    def _parse(self) -> ParsedText:
        return parse_text(self.text or "")


@attrs.frozen(kw_only=True)
class Body:
    """The body (required, ≤ 1024 chars); authentication bodies are preset by Meta."""

    text: str = ""
    examples: tuple[tuple[str, str], ...] = ()
    add_security_recommendation: bool = False
    raw: JsonObject = attrs.field(factory=dict, eq=False, repr=False)
    parsed: ParsedText = attrs.field(init=False, eq=False, repr=False)

    @parsed.default
    def _parse(self) -> ParsedText:
        return parse_text(self.text)


@attrs.frozen(kw_only=True)
class Footer:
    """The footer (≤ 60 chars, no parameters); authentication footers carry an expiry."""

    text: str = ""
    code_expiration_minutes: int | None = None
    raw: JsonObject = attrs.field(factory=dict, eq=False, repr=False)
    parsed: ParsedText = attrs.field(init=False, eq=False, repr=False)

    @parsed.default
    def _parse(self) -> ParsedText:
        return parse_text(self.text)


@attrs.frozen(kw_only=True)
class Button:
    """One button. ``example`` holds the URL-suffix or copy-code samples.

    ``otp_type`` (``COPY_CODE``, ``ONE_TAP``, ``ZERO_TAP``) and
    ``supported_apps`` (how many apps a one-tap/zero-tap button names) apply
    to ``OTP`` buttons. ``raw`` keeps the button whole (flow ids, actions, …).
    """

    kind: ButtonKind
    kind_raw: str = ""
    text: str | None = None
    url: str | None = None
    phone_number: str | None = None
    example: tuple[str, ...] = ()
    otp_type: str | None = None
    supported_apps: int = 0
    raw: JsonObject = attrs.field(factory=dict, eq=False, repr=False)
    parsed_url: ParsedText = attrs.field(init=False, eq=False, repr=False)

    label: str = attrs.field(init=False, eq=False, repr=False)
    """How the button shows in a preview: ``[Track order]``."""

    @parsed_url.default
    def _parse(self) -> ParsedText:
        return parse_text(self.url or "")

    @label.default
    def _label(self) -> str:
        return f"[{self.text or self.kind.value.replace('_', ' ').title()}]"

    @property
    def has_dynamic_url(self) -> bool:
        """True for a URL button whose URL has a variable (the dynamic suffix)."""
        return self.kind is ButtonKind.URL and bool(self.parsed_url.placeholders)


@attrs.frozen
class Buttons:
    """The ``BUTTONS`` component: up to 10 buttons, in display order."""

    buttons: tuple[Button, ...]
    raw: JsonObject = attrs.field(factory=dict, eq=False, repr=False)


@attrs.frozen
class OtherComponent:
    """A component wamsg does not model (``CAROUSEL``, ``LIMITED_TIME_OFFER``, …), kept."""

    type: str
    raw: JsonObject = attrs.field(factory=dict, eq=False, repr=False)


Component: TypeAlias = Header | Body | Footer | Buttons | OtherComponent
"""One template component."""

_HX = re.compile(r"HX[0-9a-fA-F]{32}")


def _check_content_sid(_instance: object, _attribute: object, value: str | None) -> None:
    # Twilio Content SID pattern ^HX[0-9a-fA-F]{32}$ [rule twilio.content.sid].
    if value is not None and not _HX.fullmatch(value):
        raise ValidationError(
            "must be HX followed by 32 hex digits", field="content_sid", value=value
        )


@attrs.frozen(kw_only=True)
class Template:
    """One template variant: a (name, language) pair with its own approval.

    ``status`` is None for a draft not yet submitted. ``template_id`` is Meta's
    id (``hsm_id``); ``content_sid`` is Twilio's ``HX…`` Content SID. Build it
    from Meta's JSON with :func:`~wamsg.templates.template_from_dict`.
    """

    name: str
    language: str = attrs.field(converter=normalize_language)
    category: Category
    parameter_format: ParameterFormat = ParameterFormat.POSITIONAL
    components: tuple[Component, ...] = ()
    status: TemplateStatus | None = None
    quality: Quality = Quality.UNKNOWN
    rejected_reason: str | None = None
    template_id: str | None = None
    content_sid: str | None = attrs.field(default=None, validator=_check_content_sid)
    message_send_ttl_seconds: int | None = None
    category_raw: str | None = None
    raw: JsonObject = attrs.field(factory=dict, eq=False, repr=False)

    header: Header | None = attrs.field(init=False, eq=False, repr=False)
    """The first header component, if any."""
    body: Body | None = attrs.field(init=False, eq=False, repr=False)
    """The first body component, if any (lint requires exactly one)."""
    footer: Footer | None = attrs.field(init=False, eq=False, repr=False)
    """The first footer component, if any."""
    buttons: tuple[Button, ...] = attrs.field(init=False, eq=False, repr=False)
    """The buttons of the first ``BUTTONS`` component, in order."""
    _render_plan: object = attrs.field(init=False, default=None, eq=False, repr=False)
    """Internal: what rendering needs, worked out on first render (``_plan.plan_of``)."""

    @header.default
    def _header(self) -> Header | None:
        return next((c for c in self.components if isinstance(c, Header)), None)

    @body.default
    def _body(self) -> Body | None:
        return next((c for c in self.components if isinstance(c, Body)), None)

    @footer.default
    def _footer(self) -> Footer | None:
        return next((c for c in self.components if isinstance(c, Footer)), None)

    @buttons.default
    def _buttons(self) -> tuple[Button, ...]:
        group = next((c for c in self.components if isinstance(c, Buttons)), None)
        return () if group is None else group.buttons

    @property
    def key(self) -> tuple[str, str]:
        """The identity of the variant: (name, language)."""
        return (self.name, self.language)

    def to_dict(self) -> JsonObject:
        """Meta's template JSON (creation shape plus id, status, quality when known)."""
        return template_to_dict(self)


def template_to_dict(template: Template) -> JsonObject:
    """Meta's JSON for ``template``: the creation shape, plus id/status/quality when known."""
    if not isinstance(template, Template):
        raise ValidationError("must be a Template", field="template", value=template)
    out: JsonObject = {
        "name": template.name,
        "language": template.language,
        "category": template.category.value
        if template.category_raw is None
        else template.category_raw,
        "parameter_format": template.parameter_format.value,
        "components": [dict(c.raw) for c in template.components],
    }
    if template.template_id is not None:
        out["id"] = template.template_id
    if template.status is not None:
        raw_status = template.raw.get("status")
        out["status"] = raw_status if isinstance(raw_status, str) else template.status.value
    if template.quality is not Quality.UNKNOWN:
        out["quality_score"] = {"score": template.quality.value}
    if template.rejected_reason is not None:
        out["rejected_reason"] = template.rejected_reason
    if template.content_sid is not None:
        out["content_sid"] = template.content_sid
    if template.message_send_ttl_seconds is not None:
        out["message_send_ttl_seconds"] = template.message_send_ttl_seconds
    return out
