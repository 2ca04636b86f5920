"""Lint checks on text: header, body, footer, placeholders and their examples."""

from __future__ import annotations

from wamsg.templates._findings import Location, Reporter
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

# Component limits, meta-platform.md §3.2 [M-TPL-COMP] (current as of 2026).
BODY_MAX = 1024
HEADER_MAX = 60
FOOTER_MAX = 60
HEADER_MAX_PARAMETERS = 1
_MARKDOWN = ("*", "~", "`")


def _placeholders(parsed: ParsedText, where: str, template: Template, report: Reporter) -> None:
    for offset, snippet in parsed.malformed:
        report(
            "placeholder.malformed",
            Location(where, offset=offset),
            f"{snippet!r} is not a placeholder",
        )
    kinds = {p.positional for p in parsed.placeholders}
    if len(kinds) == 2:
        report(
            "placeholder.mixed",
            Location(where),
            "named and positional placeholders in the same text",
        )
    named = template.parameter_format is ParameterFormat.NAMED
    for p in parsed.placeholders:
        if p.positional == named:
            report(
                "placeholder.format",
                Location(where, offset=p.offset),
                f"{{{{{p.name}}}}} in a template with parameter_format "
                f"{template.parameter_format.value!r}",
            )
            break
    numbers = sorted({int(p.name) for p in parsed.placeholders if p.positional})
    if numbers and numbers != list(range(1, len(numbers) + 1)):
        report(
            "placeholder.sequence",
            Location(where),
            f"positional placeholders {numbers} do not run 1..{len(numbers)}",
        )
    seen: set[str] = set()
    for p in parsed.placeholders:
        if p.name in seen:
            report(
                "placeholder.repeated",
                Location(where, offset=p.offset),
                f"{{{{{p.name}}}}} appears more than once",
            )
        seen.add(p.name)
    for p, between in zip(parsed.placeholders[1:], parsed.literals[1:-1], strict=True):
        if not between.strip():
            report(
                "placeholder.adjacent",
                Location(where, offset=p.offset),
                f"{{{{{p.name}}}}} follows another placeholder with no text between",
            )


def _examples(
    parsed: ParsedText, examples: tuple[tuple[str, str], ...], where: str, report: Reporter
) -> None:
    given = {name for name, value in examples if value.strip()}
    wanted = set(parsed.names)
    for p in parsed.placeholders:
        if p.name not in given:
            report(
                "example.missing",
                Location(where, offset=p.offset),
                f"no sample value for {{{{{p.name}}}}}",
            )
            given.add(p.name)  # once per name
    for name in sorted({name for name, _ in examples} - wanted):
        report(
            "example.unused",
            Location(where),
            f"sample value for {name!r}, which the text does not use",
        )


def _header(header: Header, template: Template, report: Reporter) -> None:
    if header.format is HeaderFormat.UNKNOWN:
        report("header.format", Location("header"), f"unknown header format {header.format_raw!r}")
    if header.format is HeaderFormat.LOCATION and template.category not in (
        Category.UTILITY,
        Category.MARKETING,
    ):
        report(
            "header.location_category",
            Location("header"),
            f"location header in a {template.category.value} template",
        )
    if header.format.is_media and not header.media_examples:
        report(
            "example.media_missing",
            Location("header"),
            f"{header.format.value} header without example.header_handle",
        )
    if header.format is not HeaderFormat.TEXT:
        return
    text = header.text or ""
    if len(text) > HEADER_MAX:
        report(
            "header.length",
            Location("header", offset=HEADER_MAX),
            f"header is {len(text)} characters, the limit is {HEADER_MAX}",
        )
    parsed = header.parsed
    if len(parsed.names) > HEADER_MAX_PARAMETERS:
        report(
            "header.parameters",
            Location("header", offset=parsed.placeholders[1].offset),
            f"header has {len(parsed.names)} parameters, the limit is 1",
        )
    literal = "".join(parsed.literals)
    marks = [m for m in _MARKDOWN if m in literal]
    if marks:
        report(
            "header.markdown",
            Location("header", offset=text.find(marks[0])),
            f"header contains markdown {''.join(marks)!r}",
        )
    _placeholders(parsed, "header", template, report)
    _examples(parsed, header.examples, "header", report)


def _density(body: Body, report: Reporter) -> None:
    count = len(body.parsed.placeholders)
    words = sum(len(part.split()) for part in body.parsed.literals)
    if count and words < 2 * count + 1:
        report(
            "placeholder.density",
            Location("body"),
            f"{count} parameters for {words} words of fixed text",
        )


def _body(body: Body, template: Template, report: Reporter) -> None:
    is_auth = template.category is Category.AUTHENTICATION
    if not body.text.strip():
        if not is_auth:  # authentication bodies are preset text (§3.2 [M-AUTH-TPL])
            report("body.empty", Location("body"), "the body has no text")
        return
    if len(body.text) > BODY_MAX:
        report(
            "body.length",
            Location("body", offset=BODY_MAX),
            f"body is {len(body.text)} characters, the limit is {BODY_MAX}",
        )
    parsed = body.parsed
    _placeholders(parsed, "body", template, report)
    if parsed.placeholders and not is_auth:
        first, last = parsed.placeholders[0], parsed.placeholders[-1]
        if not parsed.literals[0].strip():
            report(
                "placeholder.dangling",
                Location("body", offset=first.offset),
                "the body starts with a placeholder",
            )
        if not parsed.literals[-1].strip():
            report(
                "placeholder.dangling",
                Location("body", offset=last.offset),
                "the body ends with a placeholder",
            )
        _density(body, report)
    _examples(parsed, body.examples, "body", report)


def _footer(footer: Footer, report: Reporter) -> None:
    if len(footer.text) > FOOTER_MAX:
        report(
            "footer.length",
            Location("footer", offset=FOOTER_MAX),
            f"footer is {len(footer.text)} characters, the limit is {FOOTER_MAX}",
        )
    if footer.parsed.placeholders:
        report(
            "footer.parameters",
            Location("footer", offset=footer.parsed.placeholders[0].offset),
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
