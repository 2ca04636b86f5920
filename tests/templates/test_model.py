"""The template model: Meta's JSON read and written back, language codes normalised."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wamsg._internal.json import JsonObject
from wamsg.errors import ValidationError
from wamsg.templates import (
    ButtonKind,
    Category,
    HeaderFormat,
    OtherComponent,
    ParameterFormat,
    Quality,
    TemplateStatus,
    base_language,
    lint_template,
    normalize_language,
    template_from_dict,
    template_to_dict,
)

from .helpers import fixture_names, load_fixture, make, valid


@pytest.mark.parametrize(
    ("code", "api"),
    [
        ("en-US", "en_US"),
        ("en_us", "en_US"),
        ("EN-us", "en_US"),
        ("pt_BR", "pt_BR"),
        (" de ", "de"),
        ("es-419", "es_419"),
        ("english", "english"),
        ("", ""),
    ],
)
def test_language_codes_are_normalised_to_the_api_form(code: str, api: str) -> None:
    assert normalize_language(code) == api


def test_hyphenated_and_underscored_languages_are_the_same_template() -> None:
    data = valid()
    data["language"] = "en-US"
    assert make(data) == make(valid())
    assert make(data).key == ("delivery_update", "en_US")


def test_base_language_drops_the_region() -> None:
    assert base_language("pt_BR") == "pt"
    assert base_language("de") == "de"


@given(st.text(max_size=8))
def test_normalising_a_language_twice_changes_nothing(code: str) -> None:
    once = normalize_language(code)
    assert normalize_language(once) == once


def test_components_are_read_into_their_kinds() -> None:
    template = make(valid())
    assert template.header is not None
    assert template.header.format is HeaderFormat.TEXT
    assert template.header.examples == (("1", "A-1"),)
    assert template.body is not None
    assert template.body.parsed.names == ("1", "2")
    assert template.footer is not None
    assert template.footer.text == "Reply STOP to opt out"
    kinds = [b.kind for b in template.buttons]
    assert kinds == [ButtonKind.QUICK_REPLY, ButtonKind.URL, ButtonKind.PHONE_NUMBER]
    assert template.buttons[1].has_dynamic_url


def test_unknown_values_are_kept_not_dropped() -> None:
    data = valid()
    data.update(category="TRANSACTIONAL", status="SOMETHING_NEW")
    data["components"].append({"type": "CAROUSEL", "cards": [1]})
    data["components"][3]["buttons"].append({"type": "SHINY", "x": 1})
    template = make(data)
    assert template.category is Category.UNKNOWN
    assert template.category_raw == "TRANSACTIONAL"
    assert template.status is TemplateStatus.UNKNOWN
    assert template.components[-1] == OtherComponent("CAROUSEL")
    assert template.components[-1].raw == {"type": "CAROUSEL", "cards": [1]}
    assert template.buttons[-1].kind is ButtonKind.UNKNOWN
    out: Any = template.to_dict()
    assert out["category"] == "TRANSACTIONAL"
    assert out["status"] == "SOMETHING_NEW"
    assert out["components"][-1] == {"type": "CAROUSEL", "cards": [1]}


def test_template_node_fields_are_read() -> None:
    data = valid()
    data.update(
        id=1667192013751005,
        status="approved",
        quality_score={"score": "GREEN"},
        rejected_reason="NONE",
        content_sid="HX" + "a" * 32,
        message_send_ttl_seconds=600,
        parameter_format="POSITIONAL",
    )
    template = make(data)
    assert template.template_id == "1667192013751005"
    assert template.status is TemplateStatus.APPROVED
    assert template.quality is Quality.GREEN
    assert template.parameter_format is ParameterFormat.POSITIONAL
    assert template.message_send_ttl_seconds == 600


def test_quality_may_be_a_plain_string() -> None:
    data = valid()
    data["quality_score"] = "red"
    assert make(data).quality is Quality.RED


@pytest.mark.parametrize("name", fixture_names())
def test_meta_json_round_trips(name: str) -> None:
    template = make(load_fixture(name)["template"])
    assert template_from_dict(template.to_dict()) == template


def test_full_node_round_trips() -> None:
    data = valid()
    data.update(
        id="1",
        status="PAUSED",
        quality_score={"score": "RED"},
        rejected_reason="NONE",
        content_sid="HX" + "b" * 32,
        message_send_ttl_seconds=60,
    )
    template = make(data)
    assert template_from_dict(template.to_dict()) == template


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"components": {}}, "template.components"),
        ({"parameter_format": "fancy"}, "template.parameter_format"),
        ({"name": 5}, "template.name"),
        ({"id": 1.5}, "template.id"),
        ({"message_send_ttl_seconds": "60"}, "template.message_send_ttl_seconds"),
        ({"components": [5]}, "template.components[0]"),
        ({"components": [{"type": "BUTTONS", "buttons": 3}]}, "template.components[0].buttons"),
        (
            {"components": [{"type": "BUTTONS", "buttons": [3]}]},
            "template.components[0].buttons[0]",
        ),
        ({"components": [{"type": "BODY", "example": []}]}, "template.components[0].example"),
        (
            {"components": [{"type": "BODY", "text": "x", "example": {"body_text": [[1]]}}]},
            "template.components[0].example.body_text",
        ),
        (
            {"components": [{"type": "BODY", "example": {"body_text_named_params": {}}}]},
            "template.components[0].example.body_text_named_params",
        ),
        (
            {"components": [{"type": "FOOTER", "code_expiration_minutes": True}]},
            "template.components[0].code_expiration_minutes",
        ),
        ({"content_sid": "HX12"}, "content_sid"),
    ],
)
def test_wrong_json_shape_raises_naming_the_path(change: dict[str, Any], field: str) -> None:
    data = valid()
    data.update(change)
    with pytest.raises(ValidationError) as caught:
        template_from_dict(data)
    assert caught.value.field == field


def test_a_template_must_be_an_object() -> None:
    with pytest.raises(ValidationError):
        template_from_dict([])


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=10,
)
component_keys = st.sampled_from(
    ["type", "format", "text", "example", "buttons", "url", "otp_type", "supported_apps"]
)
components = st.fixed_dictionaries(
    {"type": st.sampled_from(["HEADER", "BODY", "FOOTER", "BUTTONS", "X"])},
    optional={
        "text": json_values,
        "format": json_values,
        "example": json_values,
        "buttons": st.lists(st.dictionaries(component_keys, json_values), max_size=3),
    },
)


@given(
    st.dictionaries(
        st.sampled_from(["name", "language", "category", "status", "id"]), json_values
    ),
    st.lists(components, max_size=4),
)
def test_fuzzed_json_reads_or_raises_validation_error(top: dict[str, Any], comps: Any) -> None:
    from wamsg.templates import lint_template

    data = {**top, "components": comps}
    try:
        template = template_from_dict(data)
    except ValidationError:
        return
    lint_template(template)


def test_an_empty_category_comes_back_empty() -> None:
    data: JsonObject = {"name": "t", "language": "en_US", "category": "", "components": []}
    assert template_to_dict(template_from_dict(data))["category"] == ""
    del data["category"]
    assert template_to_dict(template_from_dict(data))["category"] == "UNKNOWN"


def test_a_positional_placeholder_of_thousands_of_digits_is_malformed_not_a_crash() -> None:
    body = "hi {{" + "9" * 5000 + "}}"
    data: JsonObject = {
        "name": "t",
        "language": "en_US",
        "category": "utility",
        "components": [{"type": "BODY", "text": body}],
    }
    findings = lint_template(template_from_dict(data))
    assert findings
    assert all(f.rule for f in findings)
