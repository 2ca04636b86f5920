"""Pre-submission lint: every template rule Meta documents that can be checked offline.

Each finding names a stable rule id (see :data:`RULES` and ``docs/templates.md``),
a severity, a location ``component[/button index][@offset]``, a message and a
fix hint. :func:`lint_library` lints many templates at once and adds the rules
that need the whole library (duplicate variants, duplicate wording).
"""

from __future__ import annotations

from collections.abc import Iterable

from wamsg._internal import fields as check
from wamsg.templates._checks_buttons import check_buttons
from wamsg.templates._checks_template import check_template
from wamsg.templates._checks_text import check_text
from wamsg.templates._findings import Finding, FindingLocation, Reporter
from wamsg.templates._rules import Severity
from wamsg.templates.model import Category, Template

__all__ = ["has_errors", "lint_library", "lint_template"]


def lint_template(template: Template) -> tuple[Finding, ...]:
    """Every finding for one template, in component order."""
    check.argument(template, Template, "template")
    report = Reporter(template.name, template.language)
    check_template(template, report)
    check_text(template, report)
    check_buttons(template, report)
    return tuple(report.findings)


def _wording(template: Template) -> str:
    body = template.body
    footer = template.footer
    text = (body.text if body else "") + "\n" + (footer.text if footer else "")
    return " ".join(text.split()).casefold()


def _library_checks(templates: list[Template]) -> list[Finding]:
    found: list[Finding] = []
    keys: set[tuple[str, str]] = set()
    wordings: dict[str, Template] = {}
    for template in templates:
        report = Reporter(template.name, template.language)
        if template.key in keys:  # [rule meta.template.language.variant]
            report(
                "library.duplicate_variant",
                FindingLocation("template"),
                f"{template.name} [{template.language}] appears more than once",
            )
        keys.add(template.key)
        # Authentication templates are exempt from the duplicate check
        # [rule meta.template.duplicate-content].
        if template.category is not Category.AUTHENTICATION and template.body is not None:
            wording = _wording(template)
            other = wordings.setdefault(wording, template)
            if other is not template and other.key != template.key:
                report(
                    "library.duplicate_content",
                    FindingLocation("body"),
                    f"same body and footer as {other.name} [{other.language}]",
                )
        found.extend(report.findings)
    return found


def lint_library(templates: Iterable[Template]) -> tuple[Finding, ...]:
    """Lint every template, then the library-wide rules; findings grouped by template."""
    check.iterable(templates, "templates")
    items = list(templates)
    for index, item in enumerate(items):
        check.argument(item, Template, f"templates[{index}]")
    findings = [f for t in items for f in lint_template(t)]
    findings.extend(_library_checks(items))
    return tuple(findings)


def has_errors(findings: Iterable[Finding]) -> bool:
    """True when any finding is an error."""
    check.iterable(findings, "findings")
    items = tuple(findings)
    for index, item in enumerate(items):
        check.argument(item, Finding, f"findings[{index}]")
    return any(f.severity is Severity.ERROR for f in items)
