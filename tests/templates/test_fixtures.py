"""Meta's own example templates lint clean and render to the documented send payloads."""

from __future__ import annotations

import pytest

from wamsg.templates import lint_library, lint_template, render

from .helpers import body_value, buttons_value, fixture_names, header_value, load_fixture, make

NAMES = fixture_names()


def test_there_are_fixtures_for_each_category() -> None:
    categories = {load_fixture(n)["template"]["category"] for n in NAMES}
    assert categories == {"MARKETING", "UTILITY", "AUTHENTICATION"}


@pytest.mark.parametrize("name", NAMES)
def test_meta_example_lints_clean(name: str) -> None:
    assert lint_template(make(load_fixture(name)["template"])) == ()


def test_meta_examples_lint_clean_as_one_library() -> None:
    templates = [make(load_fixture(n)["template"]) for n in NAMES]
    assert lint_library(templates) == ()


@pytest.mark.parametrize("name", NAMES)
def test_meta_example_renders_the_documented_send_payload(name: str) -> None:
    data = load_fixture(name)
    send = data["send"]
    values = send["values"]
    rendered = render(
        make(data["template"]),
        body_value(values.get("body")),
        header=header_value(values.get("header")),
        buttons=buttons_value(values.get("buttons")),
    )
    assert rendered.meta_template() == send["template"]


@pytest.mark.parametrize("name", NAMES)
def test_meta_example_preview_is_what_the_customer_reads(name: str) -> None:
    data = load_fixture(name)
    values = data["send"]["values"]
    rendered = render(
        make(data["template"]),
        body_value(values.get("body")),
        header=header_value(values.get("header")),
        buttons=buttons_value(values.get("buttons")),
    )
    assert rendered.preview == data["send"]["preview"]
