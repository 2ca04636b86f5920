"""Linting a template library and rendering templates.

Targets (issue 4): lint a 1,000-template library in ≤ 1 s; render ≥ 50,000
templates/s. Baselines measured in the same run: ``json.loads`` of the same
library (the floor of merely reading it); for rendering, the same send
components built by hand without any check (the floor of building them),
``json.dumps`` of the same send payload (the floor of merely writing it), and
render itself across 900 templates in turn and on each template's first render
(when its plan is worked out), so the one-template figure is not a cache artefact.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import attrs

from wamsg.templates import Template, lint_library, render, template_from_dict

from ._harness import Section, measure

_SEASONAL: dict[str, Any] = {
    "name": "seasonal_promotion",
    "language": "en_US",
    "category": "MARKETING",
    "components": [
        {
            "type": "HEADER",
            "format": "TEXT",
            "text": "Our {{1}} is on!",
            "example": {"header_text": ["Summer Sale"]},
        },
        {
            "type": "BODY",
            "text": "Shop now through {{1}} and use code {{2}} to get {{3}} off of all "
            "merchandise.",
            "example": {"body_text": [["the end of August", "25OFF", "25%"]]},
        },
        {"type": "FOOTER", "text": "Use the buttons below to manage your marketing subscriptions"},
        {
            "type": "BUTTONS",
            "buttons": [
                {"type": "QUICK_REPLY", "text": "Unsubscribe from Promos"},
                {"type": "QUICK_REPLY", "text": "Unsubscribe from All"},
                {
                    "type": "URL",
                    "text": "Shop",
                    "url": "https://example.com/shop/{{1}}",
                    "example": ["https://example.com/shop/summer"],
                },
            ],
        },
    ],
}


def make_library(count: int) -> list[dict[str, Any]]:
    """``count`` distinct templates in Meta's JSON, every 10th with a lint error."""
    items = []
    for i in range(count):
        data = copy.deepcopy(_SEASONAL)
        data["name"] = f"seasonal_promotion_{i}"
        data["components"][1]["text"] = data["components"][1]["text"].replace(
            "merchandise", f"merchandise in store {i}"
        )
        if i % 10 == 0:
            data["components"][1]["text"] += " {{4}}"  # dangling, no example, density
        items.append(data)
    return items


def run(quick: bool) -> list[Section]:
    """Measure lint and render against their baselines."""
    size = 1000
    library_json = json.dumps(make_library(size))
    templates: list[Template] = [template_from_dict(d) for d in json.loads(library_json)]
    lint = measure("lint_library (1,000 templates)", lambda: lint_library(templates), size)
    parse_lint = measure(
        "parse + lint_library (1,000 templates)",
        lambda: lint_library([template_from_dict(d) for d in json.loads(library_json)]),
        size,
    )
    loads = measure("json.loads of the same library", lambda: json.loads(library_json), size)
    seconds = size / lint.ops_per_second
    lint_section = Section(
        title="Lint a 1,000-template library",
        ours=lint,
        baselines=[parse_lint, loads],
        target="1,000 templates in ≤ 1 s",
        met=seconds <= 1.0,
        notes=[f"one library of 1,000 templates lints in {seconds * 1000:.1f} ms"],
    )

    return [lint_section, *_render_sections(templates, renders=5_000 if quick else 50_000)]


def _hand_built(body: list[str], header: str, buttons: dict[int, str]) -> list[dict[str, Any]]:
    """The same send components built by hand: no checks, no preview, no variables."""
    return [
        {"type": "header", "parameters": [{"type": "text", "text": header}]},
        {"type": "body", "parameters": [{"type": "text", "text": v} for v in body]},
        {
            "type": "button",
            "sub_type": "quick_reply",
            "index": "0",
            "parameters": [{"type": "payload", "payload": buttons[0]}],
        },
        {
            "type": "button",
            "sub_type": "url",
            "index": "2",
            "parameters": [{"type": "text", "text": buttons[2]}],
        },
    ]


def _render_sections(templates: list[Template], renders: int) -> list[Section]:
    """Render one template many times, many templates in turn, and each for the first time."""
    template = templates[1]
    body = ["the end of August", "25OFF", "25%"]
    buttons = {0: "UNSUB_PROMOS", 2: "summer-2026"}
    rendered = render(template, body, header="Summer Sale", buttons=buttons)
    payload = rendered.meta_template()
    assert list(rendered.components) == _hand_built(body, "Summer Sale", buttons)

    def render_many() -> None:
        for _ in range(renders):
            render(template, body, header="Summer Sale", buttons=buttons)

    valid = [t for i, t in enumerate(templates) if i % 10]  # every 10th has a dangling {{4}}
    rounds = max(1, renders // len(valid))

    def render_library() -> None:
        for _ in range(rounds):
            for each in valid:
                render(each, body, header="Summer Sale", buttons=buttons)

    # Fresh copies (no plan yet), one list per timed run, made outside the timing.
    fresh = [[attrs.evolve(t) for t in valid] for _ in range(3)]

    def render_first_time() -> None:
        for each in fresh.pop():
            render(each, body, header="Summer Sale", buttons=buttons)

    def hand_build_many() -> None:
        for _ in range(renders):
            _hand_built(body, "Summer Sale", buttons)

    def dumps_many() -> None:
        for _ in range(renders):
            json.dumps(payload)

    ours = measure("render (header, 3 body values, 2 buttons)", render_many, renders)
    hand = measure("the same components built by hand", hand_build_many, renders)
    dumps = measure("json.dumps of the same send payload", dumps_many, renders)
    library = measure("render, 900 templates in turn", render_library, rounds * len(valid))
    first = measure(
        "render, each template's first time", render_first_time, len(valid), repeat=len(fresh)
    )
    return [
        Section(
            title="Render templates",
            ours=ours,
            baselines=[hand, dumps],
            target="≥ 50,000 templates/s",
            met=ours.ops_per_second >= 50_000,
            notes=[
                "render checks every value and keeps what the preview and Twilio need;",
                "the hand-built components do neither (the floor of building the dicts);",
                "json.dumps is what a send does next with render(...).meta_template()",
            ],
        ),
        Section(
            title="Render a library of templates",
            ours=library,
            baselines=[first],
            target="≥ 50,000 templates/s, rendering 900 templates in turn",
            met=library.ops_per_second >= 50_000,
            notes=["a template's first render also works out its plan (kept on the template)"],
        ),
    ]
