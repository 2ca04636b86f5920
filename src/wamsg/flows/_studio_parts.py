"""Studio's small languages, read for the import: Liquid references and split predicates.

A Studio text refers to values as ``{{ expression }}`` (Liquid). The import reads
the references a WhatsApp flow needs into context paths — ``flow.variables.<key>``,
``trigger.message.Body``, ``widgets.<name>.inbound.Body`` / ``.ButtonPayload`` (kept
as variables of the run), ``trigger.message.From`` / ``contact.channel.address``
(the customer's number) and ``flow.channel.address`` / ``trigger.message.To`` (the
business number); anything else (a filter such as ``| plus: 0``, an HTTP widget's
output) is reported as unsupported.

Split predicates compare trimmed, case-folded texts, as Studio documents
[rule twilio.studio.split-trim-case]; ``matches_any_of`` takes a comma-separated
list. The predicates Studio evaluates on numbers, times, dates or regular expressions
are reported as unsupported (a regular expression could take exponential time).
"""

from __future__ import annotations

from collections.abc import Callable

import wamsg.flows._nodes as n
from wamsg.errors import ValidationError
from wamsg.routing import Path

__all__ = ["STUDIO_PREDICATES", "Problems", "liquid_path", "predicate"]

STUDIO_PREDICATES = frozenset(
    {
        "equal_to",
        "not_equal_to",
        "matches_any_of",
        "does_not_match_any_of",
        "is_blank",
        "is_not_blank",
        "contains",
        "does_not_contain",
        "starts_with",
        "does_not_start_with",
    }
)
"""The split-based-on predicates the import supports (every text predicate of Studio's)."""

_FIXED = {
    "trigger.message.Body": ("variables", "trigger.message.Body"),
    "trigger.message.From": ("customer", "phone"),
    "contact.channel.address": ("customer", "phone"),
    "trigger.message.To": ("business",),
    "flow.channel.address": ("business",),
}
_INBOUND = ("Body", "ButtonPayload")


class Problems:
    """What the import cannot carry over, collected so that one error lists them all."""

    def __init__(self) -> None:
        self.found: list[str] = []

    def add(self, text: str) -> None:
        if text not in self.found:
            self.found.append(text)


def liquid_path(problems: Problems) -> Callable[[str, str], Path]:
    """A placeholder reader for Studio texts that reports what it cannot read."""

    def read(expression: str, field: str) -> Path:
        fixed = _FIXED.get(expression)
        if fixed is not None:
            return Path(fixed)
        parts = expression.split(".")
        if len(parts) == 3 and parts[:2] == ["flow", "variables"] and parts[2]:
            return Path(("variables", parts[2]))
        if len(parts) == 4 and parts[0] == "widgets" and parts[2] == "inbound":
            if parts[3] in _INBOUND:
                return Path(("variables", expression))
            if parts[3] == "From":
                return Path(("customer", "phone"))
        problems.add(f"Liquid expression {{{{{expression}}}}} ({field})")
        return Path(("variables", expression))

    return read


def _words(value: str) -> frozenset[str]:
    return frozenset(part.strip().casefold() for part in value.split(","))


def predicate(kind: str, value: str, argument: n.Pieces) -> Callable[[n.Scope], bool]:
    """The test of one Studio condition: ``argument`` (rendered) against ``value``."""
    expected = value.strip().casefold()
    words = _words(value)
    tests: dict[str, Callable[[str], bool]] = {
        "equal_to": lambda got: got == expected,
        "not_equal_to": lambda got: got != expected,
        "matches_any_of": lambda got: got in words,
        "does_not_match_any_of": lambda got: got not in words,
        "is_blank": lambda got: not got,
        "is_not_blank": lambda got: bool(got),
        "contains": lambda got: expected in got,
        "does_not_contain": lambda got: expected not in got,
        "starts_with": lambda got: got.startswith(expected),
        "does_not_start_with": lambda got: not got.startswith(expected),
    }
    if kind not in tests:
        raise ValidationError("is not a supported predicate", field="type", value=kind)
    test = tests[kind]

    def check(scope: n.Scope) -> bool:
        return test(n.render_pieces(argument, scope).strip().casefold())

    return check
