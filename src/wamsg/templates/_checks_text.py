"""Lint checks on text: header, body, footer, placeholders and their examples."""

from __future__ import annotations

from wamsg.templates._findings import FindingLocation, Reporter
from wamsg.templates._placeholders import ParsedText
from wamsg.templates.model import (
    Body,
    Category,
    Footer,
    Header,
    HeaderFormat,
    ParameterFormat,
    Template,
)

__all__ = ["check_text"]

# Component limits (current as of 2026).
BODY_MAX = 1024  # [rule meta.template.body.1024]
HEADER_MAX = 60  # [rule meta.template.header.text-60]
FOOTER_MAX = 60  # [rule meta.template.footer.60]
HEADER_MAX_PARAMETERS = 1  # [rule meta.template.header.one-parameter]
_MARKDOWN = ("*", "~", "`")  # [rule meta.template.header.no-markdown]


def _placeholders(parsed: ParsedText, where: str, template: Template, report: Reporter) -> None:
    for offset, snippet in parsed.malformed:  # [rule meta.template.placeholder.well-formed]
        report(
            "placeholder.malformed",
            FindingLocation(where, offset=offset),
            f"{snippet!r} is not a placeholder",
        )
    # [rule pywa.template.placeholders] [rule meta.template.parameter-format]
    kinds = {p.positional for p in parsed.placeholders}
    if len(kinds) == 2:
        report(
            "placeholder.mixed",
            FindingLocation(where),
            "named and positional placeholders in the same text",
        )
    named = template.parameter_format is ParameterFormat.NAMED
    for p in parsed.placeholders:
        if p.positional == named:
            report(
                "placeholder.format",
                FindingLocation(where, offset=p.offset),
                f"{{{{{p.name}}}}} in a template with parameter_format "
                f"{template.parameter_format.value!r}",
            )
            break
    numbers = sorted({int(p.name) for p in parsed.placeholders if p.positional})
    if numbers and numbers != list(range(1, len(numbers) + 1)):
        report(
            "placeholder.sequence",
            FindingLocation(where),
            f"positional placeholders {numbers} do not run 1..{len(numbers)}",
        )
    seen: set[str] = set()
    for p in parsed.placeholders:
        if p.name in seen:
            report(
                "placeholder.repeated",
                FindingLocation(where, offset=p.offset),
                f"{{{{{p.name}}}}} appears more than once",
            )
        seen.add(p.name)
    # [rule meta.template.placeholder.adjacent]
    for p, between in zip(parsed.placeholders[1:], parsed.literals[1:-1], strict=True):
        if not between.strip():
            report(
                "placeholder.adjacent",
                FindingLocation(where, offset=p.offset),
                f"{{{{{p.name}}}}} follows another placeholder with no text between",
            )


def _examples(
    parsed: ParsedText, examples: tuple[tuple[str, str], ...], where: str, report: Reporter
) -> None:
    # [rule meta.template.examples.required] [rule pywa.template.placeholders]
    given = {name for name, value in examples if value.strip()}
    wanted = set(parsed.names)
    for p in parsed.placeholders:
        if p.name not in given:
            report(
                "example.missing",
                FindingLocation(where, offset=p.offset),
                f"no sample value for {{{{{p.name}}}}}",
            )
            given.add(p.name)  # once per name
    for name in sorted({name for name, _ in examples} - wanted):
        report(
            "example.unused",
            FindingLocation(where),
            f"sample value for {name!r}, which the text does not use",
        )


def _header(header: Header, template: Template, report: Reporter) -> None:
    if header.format is HeaderFormat.UNKNOWN:  # [rule meta.template.header.formats]
        report(
            "header.format",
            FindingLocation("header"),
            f"unknown header format {header.format_raw!r}",
        )
    # [rule meta.template.header.location-category]
    if header.format is HeaderFormat.LOCATION and template.category not in (
        Category.UTILITY,
        Category.MARKETING,
    ):
        report(
            "header.location_category",
            FindingLocation("header"),
            f"location header in a {template.category.value} template",
        )
    # [rule meta.template.header.media-example]
    if header.format.is_media and not header.media_examples:
        report(
            "example.media_missing",
            FindingLocation("header"),
            f"{header.format.value} header without example.header_handle",
        )
    if header.format is not HeaderFormat.TEXT:
        return
    text = header.text or ""
    if len(text) > HEADER_MAX:
        report(
            "header.length",
            FindingLocation("header", offset=HEADER_MAX),
            f"header is {len(text)} characters, the limit is {HEADER_MAX}",
        )
    parsed = header.parsed
    if len(parsed.names) > HEADER_MAX_PARAMETERS:
        report(
            "header.parameters",
            FindingLocation("header", offset=parsed.placeholders[1].offset),
            f"header has {len(parsed.names)} parameters, the limit is 1",
        )
    literal = "".join(parsed.literals)
    marks = [m for m in _MARKDOWN if m in literal]
    if marks:
        report(
            "header.markdown",
            FindingLocation("header", offset=text.find(marks[0])),
            f"header contains markdown {''.join(marks)!r}",
        )
    _placeholders(parsed, "header", template, report)
    _examples(parsed, header.examples, "header", report)


def _density(body: Body, report: Reporter) -> None:
    # [rule meta.template.placeholder.density]: wamsg's threshold, Meta gives none.
    count = len(body.parsed.placeholders)
    words = sum(len(part.split()) for part in body.parsed.literals)
    if count and words < 2 * count + 1:
        report(
            "placeholder.density",
            FindingLocation("body"),
            f"{count} parameters for {words} words of fixed text",
        )


def _body(body: Body, template: Template, report: Reporter) -> None:
    is_auth = template.category is Category.AUTHENTICATION
    if not body.text.strip():
        if not is_auth:  # preset text [rule meta.template.auth.preset-text]
            report("body.empty", FindingLocation("body"), "the body has no text")
        return
    if len(body.text) > BODY_MAX:
        report(
            "body.length",
            FindingLocation("body", offset=BODY_MAX),
            f"body is {len(body.text)} characters, the limit is {BODY_MAX}",
        )
    parsed = body.parsed
    _placeholders(parsed, "body", template, report)
    if parsed.placeholders and not is_auth:
        # [rule meta.template.placeholder.dangling]
        first, last = parsed.placeholders[0], parsed.placeholders[-1]
        if not parsed.literals[0].strip():
            report(
                "placeholder.dangling",
                FindingLocation("body", offset=first.offset),
                "the body starts with a placeholder",
            )
        if not parsed.literals[-1].strip():
            report(
                "placeholder.dangling",
                FindingLocation("body", offset=last.offset),
                "the body ends with a placeholder",
            )
        _density(body, report)
    _examples(parsed, body.examples, "body", report)


def _footer(footer: Footer, report: Reporter) -> None:
    if len(footer.text) > FOOTER_MAX:
        report(
            "footer.length",
            FindingLocation("footer", offset=FOOTER_MAX),
            f"footer is {len(footer.text)} characters, the limit is {FOOTER_MAX}",
        )
    if footer.parsed.placeholders:  # [rule meta.template.footer.no-parameters]
        report(
            "footer.parameters",
            FindingLocation("footer", offset=footer.parsed.placeholders[0].offset),
            "the footer has a parameter",
        )


def check_text(template: Template, report: Reporter) -> None:
    """Run the header, body and footer checks."""
    header, body, footer = template.header, template.body, template.footer
    if header is not None:
        _header(header, template, report)
    if body is not None:
        _body(body, template, report)
    if footer is not None:
        _footer(footer, report)
