"""Laws of rendering: bind-time lint and render agree; every value renders or names itself."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from wamsg.content import Location
from wamsg.errors import ValidationError
from wamsg.templates import Currency, DateTime, check_values, render

from .helpers import load_fixture, make, valid

TEMPLATE = make(valid())
NAMED = make(load_fixture("order_delivery_update")["template"])
PARAMETER_FIELDS = ("body", "header", "buttons[")

texts = st.text(max_size=40) | st.sampled_from(["", " ", "a\nb", "x     y", "ok", "50%"])
values: Any = st.one_of(
    texts,
    st.integers(),
    st.none(),
    st.builds(DateTime, texts),
    st.builds(
        Currency,
        fallback_value=texts,
        code=st.just("EUR"),
        amount_1000=st.integers(-(2**63 - 1), 2**63 - 1),
    ),
)
bodies = st.one_of(
    st.lists(values, max_size=4),
    st.dictionaries(st.sampled_from(["1", "2", "3", "x"]), values, max_size=4),
    values,
)
buttons = st.dictionaries(st.integers(-1, 4), values, max_size=3)


def _names_a_parameter(error: ValidationError) -> bool:
    return error.field.startswith(PARAMETER_FIELDS)


def _text_values(component: dict[str, Any]) -> list[str]:
    found = []
    for param in component.get("parameters", []):
        for key in ("text", "payload", "coupon_code"):
            if key in param:
                found.append(param[key])
        for key in ("currency", "date_time"):
            if key in param:
                found.append(param[key]["fallback_value"])
    return found


def _attempt(template: Any, body: Any, **kwargs: Any) -> ValidationError | None:
    try:
        render(template, body, **kwargs)
    except ValidationError as error:
        return error
    return None


@given(bodies, values, buttons)
def test_any_value_renders_or_raises_naming_a_parameter(body: Any, header: Any, btn: Any) -> None:
    error = _attempt(TEMPLATE, body, header=header, buttons=btn)
    assert error is None or _names_a_parameter(error)


@given(bodies, values, buttons)
def test_render_raises_exactly_when_bind_time_lint_finds_a_problem(
    body: Any, header: Any, btn: Any
) -> None:
    problems = check_values(TEMPLATE, body, header=header, buttons=btn)
    error = _attempt(TEMPLATE, body, header=header, buttons=btn)
    if error is None:
        assert problems == ()
    else:
        assert (error.field, error.reason) == (problems[0].field, problems[0].reason)


@given(st.lists(texts, min_size=2, max_size=2), texts, texts)
def test_rendered_payload_never_holds_a_value_lint_rejects(
    body: list[str], header: str, suffix: str
) -> None:
    try:
        rendered = render(TEMPLATE, body, header=header, buttons={1: suffix})
    except ValidationError:
        return
    for component in rendered.components:
        for text in _text_values(component):
            assert text.strip()
            assert "\n" not in text
            assert "\t" not in text
            assert "     " not in text
    body_text = rendered.preview.split("\n\n")[1]
    assert len(body_text) <= 1024


@given(st.dictionaries(st.sampled_from(["customer_name", "order_number", "x"]), texts))
def test_named_template_renders_or_names_the_parameter(body: dict[str, str]) -> None:
    where = Location(latitude=0.0, longitude=0.0)
    error = _attempt(NAMED, body, header=where)
    if error is None:
        sent: Any = render(NAMED, body, header=where).components[1]["parameters"]
        assert {p["parameter_name"] for p in sent} == {"customer_name", "order_number"}
    else:
        assert _names_a_parameter(error)
