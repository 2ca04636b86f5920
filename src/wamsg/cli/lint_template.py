"""``wamsg lint-template FILE.json``: lint templates before submitting them to Meta.

FILE holds one template object or a JSON list of them in Meta's creation shape
(``name``, ``language``, ``category``, ``parameter_format``, ``components``); a
``{"data": [...]}`` page from ``GET /{WABA}/message_templates`` works too. ``-``
reads standard input. Exit 0 when no error, 1 when any error, 2 when the file
cannot be read or is not JSON.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from wamsg._internal.decode import JsonRefused, loads
from wamsg._internal.json import Json, is_text
from wamsg.cli._streams import Streams
from wamsg.errors import ValidationError
from wamsg.templates import (
    Finding,
    FindingLocation,
    Severity,
    Template,
    has_errors,
    lint_library,
    template_from_dict,
)

__all__ = ["register", "run"]


def register(sub: Any) -> None:
    """Add the ``lint-template`` sub-command."""
    parser: argparse.ArgumentParser = sub.add_parser(
        "lint-template",
        help="check message templates against Meta's rules before submitting them",
        description="Check WhatsApp message templates (Meta's JSON) against every offline rule.",
    )
    parser.add_argument("file", metavar="FILE.json", help="template JSON file ('-' for stdin)")
    parser.add_argument("--json", action="store_true", help="print findings as JSON")
    parser.set_defaults(run=run)


def _read(path: str, streams: Streams) -> Json:
    """The file's (or standard input's) bytes, read as strict JSON whatever the locale."""
    if path == "-":
        data = streams.read_bytes()
    else:
        with open(path, "rb") as handle:
            data = handle.read()
    return loads(data)


def _items(data: Json) -> list[Json]:
    if isinstance(data, dict) and isinstance(data.get("data"), list):
        data = data["data"]
    return data if isinstance(data, list) else [data]


def _shape_finding(item: Json, index: int, error: ValidationError) -> Finding:
    name = item.get("name") if isinstance(item, dict) else None
    language = item.get("language") if isinstance(item, dict) else None
    return Finding(
        template=name if isinstance(name, str) and is_text(name) else f"#{index}",
        language=language if isinstance(language, str) and is_text(language) else "",
        rule="template.shape",  # [rule meta.template.create-shape]
        severity=Severity.ERROR,
        location=FindingLocation(error.field),
        message=error.reason,
        hint="fix the JSON shape (see Meta's template creation reference)",
    )


def _text(finding: Finding) -> str:
    where = f"{finding.template} [{finding.language}]"
    return (
        f"{where} {finding.severity.value} {finding.rule} at {finding.location}: "
        f"{finding.message} — {finding.hint}"
    )


def run(args: argparse.Namespace, streams: Streams) -> int:
    """Lint the file; print findings as text or JSON; exit 0, 1 or 2."""
    try:
        data = _read(args.file, streams)
    except (OSError, JsonRefused) as error:
        streams.err(f"wamsg: cannot read {args.file} as JSON: {error}")
        return 2
    templates: list[Template] = []
    findings: list[Finding] = []
    for index, item in enumerate(_items(data)):
        try:
            templates.append(template_from_dict(item, f"[{index}]"))
        except ValidationError as error:
            findings.append(_shape_finding(item, index, error))
    findings.extend(lint_library(templates))
    if args.json:
        streams.out(
            json.dumps({"findings": [f.to_dict() for f in findings]}, indent=2, ensure_ascii=False)
        )
    else:
        for finding in findings:
            streams.out(_text(finding))
        errors = sum(f.is_error for f in findings)
        streams.out(
            f"{len(templates)} template(s), {errors} error(s), {len(findings) - errors} warning(s)"
        )
    return 1 if has_errors(findings) else 0
