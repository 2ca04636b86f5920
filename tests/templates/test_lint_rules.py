"""Each lint rule fires on a template that breaks it, and a valid template passes them all."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from wamsg.templates import RULES, Severity, has_errors, lint_library, lint_template

from .helpers import make, valid

Mutation = Callable[[dict[str, Any]], None]


def _header(t: dict[str, Any]) -> dict[str, Any]:
    component: dict[str, Any] = t["components"][0]
    return component


def _body(t: dict[str, Any]) -> dict[str, Any]:
    component: dict[str, Any] = t["components"][1]
    return component


def _footer(t: dict[str, Any]) -> dict[str, Any]:
    component: dict[str, Any] = t["components"][2]
    return component


def _buttons(t: dict[str, Any]) -> list[dict[str, Any]]:
    buttons: list[dict[str, Any]] = t["components"][3]["buttons"]
    return buttons


def _body_text(text: str, examples: list[str]) -> Mutation:
    def mutate(t: dict[str, Any]) -> None:
        _body(t)["text"] = text
        _body(t)["example"] = {"body_text": [examples]}

    return mutate


def _auth(t: dict[str, Any]) -> None:
    t["category"] = "AUTHENTICATION"
    t["components"] = [
        {"type": "BODY", "add_security_recommendation": True},
        {"type": "FOOTER", "code_expiration_minutes": 5},
        {"type": "BUTTONS", "buttons": [{"type": "OTP", "otp_type": "COPY_CODE"}]},
    ]


def _then(*steps: Mutation) -> Mutation:
    def mutate(t: dict[str, Any]) -> None:
        for step in steps:
            step(t)

    return mutate


def _set(getter: Callable[[dict[str, Any]], dict[str, Any]], **values: Any) -> Mutation:
    return lambda t: getter(t).update(values)


def _button(index: int, **values: Any) -> Mutation:
    return lambda t: _buttons(t)[index].update(values)


def _add_buttons(*buttons: dict[str, Any]) -> Mutation:
    return lambda t: _buttons(t).extend(buttons)


QR = {"type": "QUICK_REPLY", "text": "Yes"}
URL = {"type": "URL", "text": "Site", "url": "https://example.com"}

TRIGGERS: dict[str, Mutation] = {
    "name.charset": lambda t: t.update(name="Order-Update"),
    "name.length": lambda t: t.update(name="a" * 513),
    "language.format": lambda t: t.update(language="english"),
    "category.unknown": lambda t: t.update(category="TRANSACTIONAL"),
    "component.duplicate": lambda t: t["components"].append({"type": "FOOTER", "text": "x"}),
    "component.unknown": lambda t: t["components"].append({"type": "CAROUSEL", "cards": []}),
    "body.missing": lambda t: t["components"].pop(1),
    "body.empty": _set(_body, text="  ", example={}),
    "body.length": _body_text("Hello {{1}}, " + "x" * 1020 + " bye.", ["A"]),
    "header.length": _set(_header, text="Order {{1}} " + "x" * 60),
    "header.parameters": _set(
        _header, text="Order {{1}} of {{2}}", example={"header_text": ["A", "B"]}
    ),
    "header.format": _set(_header, format="PRODUCT"),
    "header.markdown": _set(_header, text="*Order* {{1}} update"),
    "header.location_category": _then(
        _auth, lambda t: t["components"].insert(0, {"type": "HEADER", "format": "LOCATION"})
    ),
    "footer.length": _set(_footer, text="x" * 61),
    "footer.parameters": _set(_footer, text="Reply {{1}} to stop"),
    "placeholder.malformed": _body_text(
        "Hello {{ 1 }}, your order {{2}} ships today now.", ["Ann", "A-1"]
    ),
    "placeholder.sequence": _body_text(
        "Hello {{1}}, your order {{3}} ships today now.", ["Ann", "A-1", "x"]
    ),
    "placeholder.mixed": _body_text("Hello {{1}}, your order {{order}} ships today now.", ["Ann"]),
    "placeholder.format": _then(
        lambda t: t.update(parameter_format="named"),
        _set(_header, text="Order update", example={}),
    ),
    "placeholder.repeated": _body_text(
        "Hello {{1}}, your order {{2}} ships today {{1}} now.", ["Ann", "A-1"]
    ),
    "placeholder.adjacent": _body_text(
        "Hello {{1}} {{2}} your order ships today now.", ["Ann", "A-1"]
    ),
    "placeholder.dangling": _body_text(
        "{{1}}, your order {{2}} ships today from here.", ["Ann", "A-1"]
    ),
    "placeholder.density": _body_text("Hi {{1}} and {{2}} or {{3}}.", ["A", "B", "C"]),
    "example.missing": _set(_body, example={}),
    "example.unused": _body_text(
        "Hello {{1}}, your order ships today from our store.", ["Ann", "A-1"]
    ),
    "example.media_missing": _set(_header, format="IMAGE", text=None, example={}),
    "buttons.count": _add_buttons(*[QR] * 8),
    "buttons.grouping": _add_buttons(QR),
    "buttons.url_count": _add_buttons(URL, URL),
    "buttons.phone_count": _add_buttons(
        {"type": "PHONE_NUMBER", "text": "Call", "phone_number": "+15550000000"}
    ),
    "buttons.copy_code_count": _add_buttons(*[{"type": "COPY_CODE", "example": "A1"}] * 2),
    "button.label_missing": _button(0, text=""),
    "button.label_length": _button(0, text="x" * 26),
    "button.phone_length": _button(2, phone_number="+1555005131012345678901"),
    "button.url_length": _button(1, url="https://example.com/" + "x" * 2000 + "{{1}}"),
    "button.url_variable": _button(1, url="https://example.com/{{1}}/track"),
    "button.copy_code_length": _add_buttons({"type": "COPY_CODE", "example": "X" * 16}),
    "button.otp_category": _add_buttons({"type": "OTP", "otp_type": "COPY_CODE"}),
    "button.otp_apps": _then(
        _auth, lambda t: t["components"][2]["buttons"][0].update(otp_type="ONE_TAP")
    ),
    "button.unknown": _add_buttons({"type": "SHINY_NEW"}),
    "auth.otp_button": _then(_auth, lambda t: t["components"].pop(2)),
    "auth.url": _then(
        _auth,
        lambda t: t["components"].insert(
            0, {"type": "HEADER", "format": "TEXT", "text": "See www.example.com"}
        ),
    ),
    "auth.media": _then(
        _auth,
        lambda t: t["components"].insert(
            0, {"type": "HEADER", "format": "IMAGE", "example": {"header_handle": ["4::a"]}}
        ),
    ),
    "auth.emoji": _then(_auth, lambda t: t["components"][2]["buttons"][0].update(text="Copy 🔑")),
    "auth.code_expiration": _then(
        _auth, lambda t: t["components"][1].update(code_expiration_minutes=91)
    ),
    "ttl.range": lambda t: t.update(message_send_ttl_seconds=43201),
}

LIBRARY_TRIGGERS = ("library.duplicate_variant", "library.duplicate_content")


def test_every_rule_has_a_trigger() -> None:
    assert set(TRIGGERS) | set(LIBRARY_TRIGGERS) == set(RULES)


def test_a_valid_template_passes_every_rule() -> None:
    assert lint_template(make(valid())) == ()


def test_a_valid_authentication_template_passes_every_rule() -> None:
    data = valid()
    _auth(data)
    assert lint_template(make(data)) == ()


@pytest.mark.parametrize("rule", sorted(TRIGGERS))
def test_rule_fires_on_a_template_that_breaks_it(rule: str) -> None:
    data = valid()
    TRIGGERS[rule](data)
    findings = lint_template(make(data))
    fired = [f for f in findings if f.rule == rule]
    assert fired, findings
    assert all(f.severity is RULES[rule].severity for f in fired)
    assert all(f.hint == RULES[rule].hint and f.message for f in fired)


def test_same_name_and_language_twice_is_a_duplicate_variant() -> None:
    findings = lint_library([make(valid()), make(valid())])
    assert [f.rule for f in findings] == ["library.duplicate_variant"]


def test_same_wording_under_another_name_is_duplicate_content() -> None:
    other = valid()
    other["name"] = "delivery_update_copy"
    findings = lint_library([make(valid()), make(other)])
    assert [(f.rule, f.template) for f in findings] == [
        ("library.duplicate_content", "delivery_update_copy")
    ]


def test_duplicate_wording_ignores_case_and_spacing() -> None:
    other = valid()
    other["name"] = "delivery_update_copy"
    _body(other)["text"] = "HELLO {{1}},  your order {{2}} ships today from our warehouse."
    assert has_errors(lint_library([make(valid()), make(other)]))


def test_authentication_templates_are_exempt_from_duplicate_wording() -> None:
    first, second = valid(), valid()
    _auth(first)
    _auth(second)
    second["name"] = "other_code"
    assert lint_library([make(first), make(second)]) == ()


def test_location_points_at_the_offending_character() -> None:
    data = valid()
    _body_text("Hello {{1}}, your order {{ 2}} ships today now.", ["Ann", "A-1"])(data)
    finding = next(f for f in lint_template(make(data)) if f.rule == "placeholder.malformed")
    assert str(finding.location) == "body@24"


def test_button_location_names_the_button_index() -> None:
    data = valid()
    _button(1, url="https://example.com/{{1}}/x")(data)
    finding = next(f for f in lint_template(make(data)) if f.rule == "button.url_variable")
    assert str(finding.location) == "buttons/1@20"


def test_stray_braces_next_to_a_placeholder_are_malformed() -> None:
    data = valid()
    _body_text("Hello {{{1}}}, your order {{2}} ships today now.", ["Ann", "A-1"])(data)
    assert any(f.rule == "placeholder.malformed" for f in lint_template(make(data)))


def test_a_lone_closing_pair_is_malformed() -> None:
    data = valid()
    _body_text("Hello {{1}}, your order 2}} ships today now.", ["Ann"])(data)
    assert any(f.rule == "placeholder.malformed" for f in lint_template(make(data)))


def test_ttl_minus_one_is_allowed_for_utility() -> None:
    data = valid()
    data["message_send_ttl_seconds"] = -1
    assert lint_template(make(data)) == ()


def test_ttl_of_a_template_with_unknown_category_is_not_checked() -> None:
    data = valid()
    data.update(category="OTP", message_send_ttl_seconds=5)
    assert [f.rule for f in lint_template(make(data))] == ["category.unknown"]


def test_findings_serialise_with_the_cli_keys() -> None:
    data = valid()
    data["name"] = "Bad Name"
    finding = lint_template(make(data))[0]
    assert finding.to_dict() == {
        "template": "Bad Name",
        "language": "en_US",
        "rule": "name.charset",
        "severity": "error",
        "location": "template",
        "message": finding.message,
        "hint": finding.hint,
    }
    assert finding.is_error


def test_warnings_alone_are_not_errors() -> None:
    data = valid()
    data["components"].append({"type": "CAROUSEL"})
    findings = lint_template(make(data))
    assert findings
    assert not has_errors(findings)
    assert findings[0].severity is Severity.WARNING
