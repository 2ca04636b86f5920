"""Lint findings and where they point."""

from __future__ import annotations

import attrs

from wamsg._internal.json import JsonObject
from wamsg.templates._rules import RULES, Severity

__all__ = ["Finding", "FindingLocation", "Reporter"]


@attrs.frozen
class FindingLocation:
    """Where a finding points: ``component[/button index][@character offset]``."""

    component: str
    button: int | None = None
    offset: int | None = None

    def __str__(self) -> str:
        text = self.component
        if self.button is not None:
            text += f"/{self.button}"
        if self.offset is not None:
            text += f"@{self.offset}"
        return text


@attrs.frozen(kw_only=True)
class Finding:
    """One broken rule: which template, which rule, how bad, where, why and how to fix."""

    template: str
    language: str
    rule: str
    severity: Severity
    location: FindingLocation
    message: str
    hint: str

    @property
    def is_error(self) -> bool:
        """True when Meta would reject the template (or the send would fail)."""
        return self.severity is Severity.ERROR

    def to_dict(self) -> JsonObject:
        """``{template, language, rule, severity, location, message, hint}``."""
        return {
            "template": self.template,
            "language": self.language,
            "rule": self.rule,
            "severity": self.severity.value,
            "location": str(self.location),
            "message": self.message,
            "hint": self.hint,
        }


class Reporter:
    """Collects findings for one template (internal helper of the checks)."""

    __slots__ = ("findings", "language", "name")

    def __init__(self, name: str, language: str) -> None:
        self.name = name
        self.language = language
        self.findings: list[Finding] = []

    def __call__(self, rule_id: str, location: FindingLocation, message: str) -> None:
        rule = RULES[rule_id]
        self.findings.append(
            Finding(
                template=self.name,
                language=self.language,
                rule=rule_id,
                severity=rule.severity,
                location=location,
                message=message,
                hint=rule.hint,
            )
        )
