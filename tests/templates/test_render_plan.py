"""The per-template render plan: same payload as the checking renderer, built once, invisible."""

from __future__ import annotations

import copy
import json
import pickle
from types import MappingProxyType
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wamsg.content import Document, Location, Media
from wamsg.templates import (
    ButtonKind,
    Currency,
    DateTime,
    HeaderFormat,
    ParameterFormat,
    Template,
    render,
)
from wamsg.templates._bind import Problems
from wamsg.templates._plan import Bound, bind_plain, plan_of
from wamsg.templates.render import _check_and_bind

from .helpers import body_value, buttons_value, fixture_names, header_value, load_fixture, make
from .helpers import valid as valid_data

TWILIO_SID = "HX" + "0123456789abcdef" * 2


def _variant(**changes: Any) -> Template:
    data = valid_data()
    data.update(changes)
    return make(data)


def _with_components(index: int, component: dict[str, Any] | None) -> Template:
    data = valid_data()
    if component is None:
        del data["components"][index]
    else:
        data["components"][index] = component
    return make(data)


def _extra_buttons() -> Template:
    data = valid_data()
    data["components"][3]["buttons"] += [
        {"type": "COPY_CODE", "example": ["SAVE10"]},
        {"type": "FLOW", "text": "Book"},
        {"type": "CATALOG", "text": "View"},
    ]
    return make(data)


TEMPLATES = [
    _variant(),
    _variant(content_sid=TWILIO_SID),
    _variant(parameter_format="named"),
    _with_components(0, {"type": "HEADER", "format": "TEXT", "text": "Order {{order_id}}"}),
    _with_components(0, {"type": "HEADER", "format": "TEXT", "text": "Fixed"}),
    _with_components(0, {"type": "HEADER", "format": "DOCUMENT"}),
    _with_components(0, {"type": "HEADER", "format": "PRODUCT"}),
    _with_components(0, None),
    _with_components(1, {"type": "BODY", "text": "Hi {{2}}, {{1}} and {{2}}"}),
    _with_components(1, {"type": "BODY", "text": "x" * 1000 + " {{1}} {{2}}"}),
    _with_components(1, None),
    _extra_buttons(),
    *(make(load_fixture(name)["template"]) for name in fixture_names()),
]

texts = st.sampled_from(
    ["Ann", "A-1", "50%", "a%20b", "", " ", "a\nb", "x     y", "a\u200db", "a\xa0b", "x" * 30]
) | st.text(max_size=12)
values: Any = st.one_of(
    texts,
    st.none(),
    st.integers(-1, 3),
    st.builds(DateTime, texts),
    st.builds(
        Currency,
        fallback_value=texts,
        code=st.just("EUR"),
        amount_1000=st.integers(-(2**63 - 1), 2**63 - 1),
    ),
    st.builds(Location, latitude=st.just(1.5), longitude=st.just(-2.0), name=st.none() | texts),
    st.builds(Media, id=st.just("m1")),
    st.builds(Document, media=st.builds(Media, url=st.just("https://e.com/a.pdf"))),
)
keys = st.sampled_from(["1", "2", "3", "order_id", "customer_name", "order_number", "x"])
bodies = st.one_of(
    st.lists(values, max_size=3),
    st.lists(values, max_size=3).map(tuple),
    st.dictionaries(keys, values, max_size=3),
    values,
)
buttons = st.none() | st.dictionaries(st.integers(-1, 6) | st.just(True), values, max_size=3)
good_texts = st.sampled_from(["Ann", "A-1", "50%", "a%20b", "SAVE10", "\U0001f600 ok", "x" * 30])
good_values = st.one_of(
    good_texts,
    st.builds(DateTime, good_texts),
    st.builds(
        Currency,
        fallback_value=good_texts,
        code=st.just("USD"),
        amount_1000=st.integers(-(2**63 - 1), 2**63 - 1),
    ),
)
_BUTTON_VALUE_KINDS = {ButtonKind.URL, ButtonKind.COPY_CODE, ButtonKind.QUICK_REPLY}
_BUTTON_VALUE_KINDS |= {ButtonKind.FLOW, ButtonKind.CATALOG}


def _header_value(template: Template) -> Any:
    header = template.header
    if header is None or (header.format is HeaderFormat.TEXT and not header.parsed.names):
        return st.none()
    if header.format is HeaderFormat.LOCATION:
        return st.builds(Location, latitude=st.just(1.5), longitude=st.just(-2.0))
    if header.format.is_media:
        return st.builds(Media, id=st.just("m1"))
    return good_texts


@st.composite
def mostly_good(draw: st.DrawFn) -> tuple[Template, Any, Any, Any]:
    """A template with values that mostly fit it, now and then one arbitrary value."""
    template = draw(st.sampled_from(TEMPLATES))

    def pick(good: Any, arbitrary: Any = values) -> Any:
        return draw(arbitrary if draw(st.integers(0, 19)) == 0 else good)

    names = plan_of(template).names
    body: Any = [pick(good_values) for _ in names]
    if template.parameter_format is ParameterFormat.NAMED or draw(st.booleans()):
        body = dict(zip(names, body, strict=True))
    btn = {
        i: pick(good_texts)
        for i, b in enumerate(template.buttons)
        if b.has_dynamic_url
        or b.kind is ButtonKind.COPY_CODE
        or (b.kind in _BUTTON_VALUE_KINDS and draw(st.booleans()))
    }
    return (
        template,
        pick(st.just(body), bodies),
        pick(_header_value(template)),
        pick(st.just(btn), buttons),
    )


def _as_json(bound: Bound) -> str:
    components, header_text, header_preview, parsed, texts = bound
    return json.dumps([components, header_text, header_preview, parsed and parsed.literals, texts])


@settings(max_examples=300)
@given(mostly_good() | st.tuples(st.sampled_from(TEMPLATES), bodies, values, buttons))
def test_plan_binds_only_what_the_checking_renderer_accepts_and_to_the_same_payload(
    case: tuple[Template, Any, Any, Any],
) -> None:
    template, body, header, btn = case
    bound = bind_plain(plan_of(template), body, header, btn)
    if bound is not None:
        problems = Problems(collect=True)
        checked = _check_and_bind(template, body, header, btn, problems)
        assert problems.collected == []
        assert _as_json(bound) == _as_json(checked)


@pytest.mark.parametrize("name", fixture_names())
def test_meta_examples_take_the_plan(name: str) -> None:
    data = load_fixture(name)
    values = data["send"]["values"]
    bound = bind_plain(
        plan_of(make(data["template"])),
        body_value(values.get("body")),
        header_value(values.get("header")),
        buttons_value(values.get("buttons")),
    )
    assert bound is not None


@pytest.mark.parametrize(
    ("body", "btn"),
    [
        (["Ann\u200d", "A-1"], {1: "A-1"}),  # zero-width joiner: not printable
        (["Ann\xa0Lee", "A-1"], {1: "A-1"}),  # no-break space
        (["Ann", "A-1"], MappingProxyType({1: "A-1"})),  # a mapping that is not a dict
    ],
)
def test_values_the_plan_declines_still_render_through_the_checking_renderer(
    body: Any, btn: Any
) -> None:
    template = _variant()
    assert bind_plain(plan_of(template), body, "A-1", btn) is None
    rendered = render(template, body, header="A-1", buttons=btn)
    assert json.dumps(rendered.components[1]).count(json.dumps(body[0])) == 1


def test_plan_is_built_once_per_template() -> None:
    template = _variant()
    assert plan_of(template) is plan_of(template)


def test_rendering_leaves_equality_hash_and_repr_alone() -> None:
    template, twin = _variant(), _variant()
    render(template, ["Ann", "A-1"], header="A-1", buttons={1: "A-1"})
    assert template == twin
    assert hash(template) == hash(twin)
    assert repr(template) == repr(twin)


def test_evolved_template_gets_its_own_plan() -> None:
    template = _variant()
    plan_of(template)
    named = attrs.evolve(template, parameter_format=ParameterFormat.NAMED)
    assert plan_of(named) is not plan_of(template)
    assert plan_of(named).named


def test_rendered_template_survives_copy_and_pickle() -> None:
    template = _variant()
    first = render(template, ["Ann", "A-1"], header="A-1", buttons={1: "A-1"})
    for clone in (copy.deepcopy(template), pickle.loads(pickle.dumps(template))):
        again = render(clone, ["Ann", "A-1"], header="A-1", buttons={1: "A-1"})
        assert (again, again.preview) == (first, first.preview)
