"""Rendering binds values, names every bad parameter, and plugs into TemplateRef."""

from __future__ import annotations

import json
from typing import Any

import pytest

from wamsg.content import Document, Location, Media, TemplateRef
from wamsg.errors import ValidationError
from wamsg.templates import Currency, DateTime, check_values, render

from .helpers import make, valid

TWILIO_SID = "HX" + "0123456789abcdef" * 2


def _template(**changes: Any) -> Any:
    data = valid()
    data.update(changes)
    return make(data)


def _render_valid(**kwargs: Any) -> Any:
    kwargs.setdefault("header", "A-1")
    kwargs.setdefault("buttons", {1: "A-1"})
    return render(_template(), ["Ann", "A-1"], **kwargs)


def _components(rendered: Any) -> Any:
    return rendered.components


def test_positional_values_become_meta_body_parameters() -> None:
    rendered = _render_valid()
    body = next(c for c in rendered.components if c["type"] == "body")
    assert body == {
        "type": "body",
        "parameters": [{"type": "text", "text": "Ann"}, {"type": "text", "text": "A-1"}],
    }


def test_url_suffix_becomes_a_url_button_component_with_string_index() -> None:
    button = _render_valid().components[-1]
    assert button == {
        "type": "button",
        "sub_type": "url",
        "index": "1",
        "parameters": [{"type": "text", "text": "A-1"}],
    }


def test_preview_reads_like_the_delivered_message() -> None:
    assert _render_valid().preview == (
        "Order A-1 update\n\nHello Ann, your order A-1 ships today from our warehouse.\n\n"
        "Reply STOP to opt out\n\n[Thanks] [Track] [Call us]"
    )


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (["Ann"], "body.{{2}}"),
        (["Ann", "A-1", "extra"], "body.{{3}}"),
        (["Ann", ""], "body.{{2}}"),
        (["Ann", "   "], "body.{{2}}"),
        (["Ann\nSmith", "A-1"], "body.{{1}}"),
        (["Ann\tSmith", "A-1"], "body.{{1}}"),
        (["Ann      Smith", "A-1"], "body.{{1}}"),
        ([42, "A-1"], "body.{{1}}"),
        ({"1": "Ann"}, "body.{{2}}"),
        ({"1": "Ann", "2": "A-1", "x": "y"}, "body.{{x}}"),
        ("Ann", "body"),
    ],
)
def test_bad_body_value_raises_naming_the_parameter(body: Any, field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        render(_template(), body, header="A-1", buttons={1: "A-1"})
    assert caught.value.field == field


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"header": None}, "header.{{1}}"),
        ({"header": 5}, "header.{{1}}"),
        ({"header": "a\nb"}, "header.{{1}}"),
        ({"buttons": {}}, "buttons[1]"),
        ({"buttons": {1: "a b"}}, "buttons[1]"),
        ({"buttons": {1: "ä"}}, "buttons[1]"),
        ({"buttons": {1: "50%"}}, "buttons[1]"),
        ({"buttons": {1: ""}}, "buttons[1]"),
        ({"buttons": {1: 7}}, "buttons[1]"),
        ({"buttons": {1: "A-1", 9: "x"}}, "buttons[9]"),
        ({"buttons": {1: "A-1", 2: "x"}}, "buttons[2]"),
        ({"buttons": {0: 5, 1: "A-1"}}, "buttons[0]"),
        ({"buttons": {0: " ", 1: "A-1"}}, "buttons[0]"),
    ],
)
def test_bad_header_or_button_value_raises_naming_it(kwargs: Any, field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        _render_valid(**kwargs)
    assert caught.value.field == field


def test_percent_encoded_url_suffix_is_accepted() -> None:
    rendered = _render_valid(buttons={1: "order%20A-1?x=1&y=%C3%A4"})
    assert rendered.components[-1]["parameters"] == [
        {"type": "text", "text": "order%20A-1?x=1&y=%C3%A4"}
    ]


def test_quick_reply_payload_is_sent_when_given() -> None:
    rendered = _render_valid(buttons={0: "THANKS", 1: "A-1"})
    assert {
        "type": "button",
        "sub_type": "quick_reply",
        "index": "0",
        "parameters": [{"type": "payload", "payload": "THANKS"}],
    } in rendered.components


def test_rendered_body_over_1024_characters_is_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        render(_template(), ["A" * 1000, "B"], header="A-1", buttons={1: "A-1"})
    assert caught.value.field == "body"


def test_currency_and_date_time_parameters_use_meta_shapes() -> None:
    price = Currency(fallback_value="$12.50", code="USD", amount_1000=12500)
    rendered = render(_template(), [price, DateTime("May 1")], header="A-1", buttons={1: "x"})
    body = next(c for c in rendered.components if c["type"] == "body")
    assert body["parameters"] == [
        {
            "type": "currency",
            "currency": {"fallback_value": "$12.50", "code": "USD", "amount_1000": 12500},
        },
        {"type": "date_time", "date_time": {"fallback_value": "May 1"}},
    ]
    assert "Hello $12.50, your order May 1 ships" in rendered.preview


def test_currency_fallback_is_checked_like_text() -> None:
    price = Currency(fallback_value=" ", code="USD", amount_1000=1)
    with pytest.raises(ValidationError, match=r"body\.\{\{1\}\}"):
        render(_template(), [price, "A-1"], header="A-1", buttons={1: "x"})


@pytest.mark.parametrize(("code", "amount"), [("usd", 1), ("US", 1), ("USD", 1.5), ("USD", True)])
def test_currency_rejects_bad_code_or_amount(code: str, amount: Any) -> None:
    with pytest.raises(ValidationError, match="currency"):
        Currency(fallback_value="$1", code=code, amount_1000=amount)


def test_named_template_sends_parameter_names() -> None:
    data = valid()
    data["parameter_format"] = "named"
    data["components"][0] = {
        "type": "HEADER",
        "format": "TEXT",
        "text": "Hi {{first}}",
        "example": {"header_text_named_params": [{"param_name": "first", "example": "Ann"}]},
    }
    data["components"][1] = {
        "type": "BODY",
        "text": "Your order {{order}} ships today, thanks.",
        "example": {"body_text_named_params": [{"param_name": "order", "example": "A-1"}]},
    }
    rendered = render(make(data), {"order": "A-7"}, header="Ann", buttons={1: "A-7"})
    assert rendered.components[0]["parameters"] == [
        {"type": "text", "parameter_name": "first", "text": "Ann"}
    ]
    assert rendered.components[1]["parameters"] == [
        {"type": "text", "parameter_name": "order", "text": "A-7"}
    ]
    with pytest.raises(ValidationError, match="named template"):
        render(make(data), ["A-7"], header="Ann", buttons={1: "A-7"})


def test_template_without_parameters_renders_no_components() -> None:
    data = valid()
    data["components"] = [{"type": "BODY", "text": "Your parcel has arrived."}]
    rendered = render(make(data))
    assert rendered.components == ()
    assert "components" not in rendered.meta_template()
    with pytest.raises(ValidationError, match="header"):
        render(make(data), header="x")


def test_media_headers_send_id_or_link() -> None:
    data = valid()
    data["components"][0] = {
        "type": "HEADER",
        "format": "IMAGE",
        "example": {"header_handle": ["4::a"]},
    }
    by_id = render(make(data), ["Ann", "A"], header=Media(id="123"), buttons={1: "A"})
    assert by_id.components[0] == {
        "type": "header",
        "parameters": [{"type": "image", "image": {"id": "123"}}],
    }
    by_url = render(
        make(data), ["Ann", "A"], header=Media(url="https://x/i.png"), buttons={1: "A"}
    )
    assert _components(by_url)[0]["parameters"][0]["image"] == {"link": "https://x/i.png"}
    assert by_url.preview.startswith("[IMAGE]")
    with pytest.raises(ValidationError, match="header"):
        render(make(data), ["Ann", "A"], header="text", buttons={1: "A"})


def test_document_header_accepts_a_document_with_filename() -> None:
    data = valid()
    data["components"][0] = {
        "type": "HEADER",
        "format": "DOCUMENT",
        "example": {"header_handle": ["4::a"]},
    }
    doc = Document(media=Media(id="9"), filename="r.pdf")
    rendered = render(make(data), ["Ann", "A"], header=doc, buttons={1: "A"})
    assert _components(rendered)[0]["parameters"][0] == {
        "type": "document",
        "document": {"id": "9", "filename": "r.pdf"},
    }


def test_location_header_without_name_previews_plainly() -> None:
    data = valid()
    data["components"][0] = {"type": "HEADER", "format": "LOCATION"}
    rendered = render(
        make(data), ["Ann", "A"], header=Location(latitude=1.5, longitude=2.0), buttons={1: "A"}
    )
    assert _components(rendered)[0]["parameters"][0]["location"] == {
        "latitude": "1.5",
        "longitude": "2.0",
    }
    assert rendered.preview.startswith("[Location]")


def test_unknown_header_format_cannot_be_rendered() -> None:
    data = valid()
    data["components"][0] = {"type": "HEADER", "format": "PRODUCT"}
    with pytest.raises(ValidationError, match="cannot be rendered"):
        render(make(data), ["Ann", "A"], buttons={1: "A"})


def _auth(**footer: Any) -> Any:
    data = valid()
    data["category"] = "AUTHENTICATION"
    data["components"] = [
        {"type": "BODY"},
        {"type": "FOOTER", **footer},
        {"type": "BUTTONS", "buttons": [{"type": "OTP", "otp_type": "COPY_CODE"}]},
    ]
    return make(data)


def test_authentication_code_fills_the_otp_button_and_the_preset_text() -> None:
    rendered = render(_auth(code_expiration_minutes=10), ["123456"])
    assert rendered.components[1] == {
        "type": "button",
        "sub_type": "url",
        "index": "0",
        "parameters": [{"type": "text", "text": "123456"}],
    }
    assert rendered.preview == (
        "*123456* is your verification code.\n\nThis code expires in 10 minutes.\n\n[Otp]"
    )


def test_authentication_code_longer_than_15_characters_is_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        render(_auth(), ["1234567890123456"])
    assert caught.value.field == "body.{{1}}"


def test_authentication_without_code_names_the_missing_parameter() -> None:
    errors = check_values(_auth())
    assert [e.field for e in errors] == ["body.{{1}}", "buttons[0]"]


def _with_buttons(*buttons: dict[str, Any]) -> Any:
    data = valid()
    data["components"][3]["buttons"] = list(buttons)
    return make(data)


def test_copy_code_flow_and_catalog_buttons_use_their_send_shapes() -> None:
    template = _with_buttons(
        {"type": "COPY_CODE", "example": "25OFF"},
        {"type": "FLOW", "text": "Book", "flow_id": "1"},
        {"type": "CATALOG", "text": "View"},
    )
    rendered = render(
        template, ["Ann", "A"], header="A", buttons={0: "25OFF", 1: "tok", 2: "sku-1"}
    )
    assert rendered.components[2:] == (
        {
            "type": "button",
            "sub_type": "copy_code",
            "index": "0",
            "parameters": [{"type": "coupon_code", "coupon_code": "25OFF"}],
        },
        {
            "type": "button",
            "sub_type": "flow",
            "index": "1",
            "parameters": [{"type": "action", "action": {"flow_token": "tok"}}],
        },
        {
            "type": "button",
            "sub_type": "catalog",
            "index": "2",
            "parameters": [
                {"type": "action", "action": {"thumbnail_product_retailer_id": "sku-1"}}
            ],
        },
    )


def test_copy_code_button_needs_a_short_code() -> None:
    template = _with_buttons({"type": "COPY_CODE", "example": "25OFF"})
    errors = check_values(template, ["Ann", "A"], header="A", buttons={0: "X" * 16})
    assert [e.field for e in errors] == ["buttons[0]"]
    assert [e.field for e in check_values(template, ["Ann", "A"], header="A")] == ["buttons[0]"]


def test_buttons_without_parameters_take_no_value() -> None:
    template = _with_buttons(
        {"type": "PHONE_NUMBER", "text": "Call", "phone_number": "+1555"},
        {"type": "URL", "text": "Site", "url": "https://x.com"},
    )
    errors = check_values(template, ["Ann", "A"], header="A", buttons={0: "x", 1: "y"})
    assert [e.field for e in errors] == ["buttons[0]", "buttons[1]"]


def test_check_values_collects_every_problem_render_would_raise_for() -> None:
    errors = check_values(_template(), ["", "a\tb", "extra"], header=None, buttons={})
    assert [e.field for e in errors] == [
        "header.{{1}}",
        "body.{{3}}",
        "body.{{1}}",
        "body.{{2}}",
        "buttons[1]",
    ]


def test_check_values_of_good_values_is_empty() -> None:
    assert check_values(_template(), ["Ann", "A-1"], header="A-1", buttons={1: "A-1"}) == ()


def test_template_ref_carries_components_for_meta() -> None:
    rendered = _render_valid()
    ref = rendered.to_template_ref()
    assert isinstance(ref, TemplateRef)
    assert (ref.name, ref.language, ref.category) == ("delivery_update", "en_US", "utility")
    assert ref.components == rendered.components
    assert ref.content_sid is None
    assert ref.variables == ()


def test_twilio_template_gets_content_sid_and_content_variables() -> None:
    rendered = render(
        _template(content_sid=TWILIO_SID), ["Ann", "A-1"], header="A-1", buttons={1: "A-1"}
    )
    assert rendered.to_template_ref().content_sid == TWILIO_SID
    assert json.loads(rendered.content_variables()) == {"1": "Ann", "2": "A-1"}


def test_unknown_category_gives_a_template_ref_without_category() -> None:
    rendered = render(_template(category="OTP"), ["Ann", "A-1"], header="A-1", buttons={1: "A-1"})
    assert rendered.to_template_ref().category is None


def test_template_without_body_cannot_be_rendered() -> None:
    data = valid()
    data["components"].pop(1)
    with pytest.raises(ValidationError) as caught:
        render(make(data), [], header="A", buttons={1: "A"})
    assert caught.value.field == "body"


@pytest.mark.parametrize(
    ("header", "value"),
    [
        ({"type": "HEADER", "format": "LOCATION"}, "Main street"),
        ({"type": "HEADER", "format": "IMAGE"}, "https://example.com/a.png"),
        ({"type": "HEADER", "format": "TEXT", "text": "Your order"}, "A-1"),
    ],
)
def test_header_value_of_the_wrong_kind_raises_naming_the_header(
    header: dict[str, Any], value: str
) -> None:
    data = valid()
    data["components"][0] = header
    with pytest.raises(ValidationError) as caught:
        render(make(data), ["Ann", "A-1"], header=value, buttons={1: "A-1"})
    problems = check_values(make(data), ["Ann", "A-1"], header=value, buttons={1: "A-1"})
    assert caught.value.field == problems[0].field == "header"


def test_named_template_refuses_a_list_of_values() -> None:
    template = _template(parameter_format="named")
    with pytest.raises(ValidationError, match="mapping") as caught:
        render(template, ["Ann", "A-1"], header="A-1")
    problems = check_values(template, ["Ann", "A-1"], header="A-1")
    assert caught.value.field == problems[0].field == "body"


def test_check_values_of_a_template_without_body_names_the_body() -> None:
    data = valid()
    data["components"].pop(1)
    assert [p.field for p in check_values(make(data), [], header="A", buttons={1: "A"})] == [
        "body"
    ]


def test_preview_of_a_body_only_template_is_the_body() -> None:
    data = valid()
    data["components"] = [{"type": "BODY", "text": "Hello {{1}}"}]
    assert render(make(data), ["Ann"]).preview == "Hello Ann"


def test_a_non_text_fallback_value_is_rejected_when_the_value_is_made() -> None:
    from wamsg import ValidationError
    from wamsg.templates import Currency, DateTime

    with pytest.raises(ValidationError, match=r"datetime\.fallback_value"):
        DateTime(5)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match=r"currency\.fallback_value"):
        Currency(fallback_value=5, code="USD", amount_1000=1)  # type: ignore[arg-type]
