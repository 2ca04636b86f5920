"""Shared helpers for the template tests: fixtures and a valid template to mutate."""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any, cast

from wamsg.content import Document, Location, Media
from wamsg.templates import BodyValue, HeaderValue, Template, template_from_dict

FIXTURES = Path(__file__).parent.parent / "fixtures" / "templates"


def fixture_names() -> list[str]:
    """The fixture files, sorted."""
    return sorted(p.stem for p in FIXTURES.glob("*.json"))


def load_fixture(name: str) -> dict[str, Any]:
    """A fixture file as a dict."""
    data: dict[str, Any] = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    return data


def header_value(raw: object) -> HeaderValue | None:
    """Turn a fixture's header value into the value render takes."""
    if raw is None or isinstance(raw, str):
        return raw
    data = cast(Mapping[str, Any], raw)
    if "location" in data:
        return Location(**data["location"])
    if "document" in data:
        spec = dict(data["document"])
        filename = spec.pop("filename", None)
        return Document(media=Media(**spec), filename=filename)
    return Media(**data["media"])


def body_value(raw: object) -> list[BodyValue] | dict[str, BodyValue]:
    """Turn a fixture's body values into the value render takes."""
    if isinstance(raw, dict):
        return {str(k): v for k, v in raw.items()}
    return list(cast(list[str], raw or []))


def buttons_value(raw: object) -> dict[int, str]:
    """Turn a fixture's {"0": value} into {0: value}."""
    return {int(k): v for k, v in cast(dict[str, str], raw or {}).items()}


VALID: dict[str, Any] = {
    "name": "delivery_update",
    "language": "en_US",
    "category": "UTILITY",
    "components": [
        {
            "type": "HEADER",
            "format": "TEXT",
            "text": "Order {{1}} update",
            "example": {"header_text": ["A-1"]},
        },
        {
            "type": "BODY",
            "text": "Hello {{1}}, your order {{2}} ships today from our warehouse.",
            "example": {"body_text": [["Ann", "A-1"]]},
        },
        {"type": "FOOTER", "text": "Reply STOP to opt out"},
        {
            "type": "BUTTONS",
            "buttons": [
                {"type": "QUICK_REPLY", "text": "Thanks"},
                {
                    "type": "URL",
                    "text": "Track",
                    "url": "https://example.com/t/{{1}}",
                    "example": ["https://example.com/t/A-1"],
                },
                {"type": "PHONE_NUMBER", "text": "Call us", "phone_number": "+15550051310"},
            ],
        },
    ],
}


def valid() -> dict[str, Any]:
    """A deep copy of a template that lints clean."""
    return copy.deepcopy(VALID)


def make(data: Mapping[str, Any]) -> Template:
    """Read a template dict."""
    return template_from_dict(dict(data))
