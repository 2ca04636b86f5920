"""The template functions refuse what their types do not allow, naming the argument.

Regressions of ``tests/test_hostile_builders.py``: a template, library, event,
finding, window or buttons mapping of the wrong type, a currency amount no JSON int64
holds and a fallback text with a lone surrogate are each a ValidationError.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import pytest

from tests.templates.helpers import make, valid
from wamsg import ValidationError
from wamsg.identity import Customer
from wamsg.templates import (
    Currency,
    DateTime,
    Lifecycle,
    TemplateLibrary,
    can_send_template,
    check_values,
    choose_template,
    has_errors,
    lint_library,
    lint_template,
    render,
    template_follow_up,
    template_to_dict,
)

AT = datetime(2026, 11, 20, 12, tzinfo=timezone.utc)
WRONG = [None, 5, "order_update", b"x", ["x"], {"k": "v"}, object()]
TEMPLATE = make(valid())
LIBRARY = TemplateLibrary(templates=(TEMPLATE,))


@pytest.mark.parametrize("value", WRONG, ids=repr)
def test_what_takes_a_template_refuses_anything_else(value: Any) -> None:
    for call in (
        lambda: render(value),
        lambda: check_values(value),
        lambda: lint_template(value),
        lambda: template_to_dict(value),
        lambda: Lifecycle.of(value),
        lambda: LIBRARY.lifecycle(value),
    ):
        with pytest.raises(ValidationError, match="template"):
            call()


@pytest.mark.parametrize("value", WRONG, ids=repr)
def test_apply_takes_a_template_event(value: Any) -> None:
    with pytest.raises(ValidationError, match="event"):
        Lifecycle().apply(value)
    with pytest.raises(ValidationError, match="event"):
        LIBRARY.apply(value)


@pytest.mark.parametrize("value", WRONG, ids=repr)
def test_what_takes_a_library_refuses_anything_else(value: Any) -> None:
    with pytest.raises(ValidationError, match="library"):
        choose_template(value, TEMPLATE.name, ["en"], AT)
    with pytest.raises(ValidationError, match="library"):
        can_send_template(value, TEMPLATE.name, TEMPLATE.language, at=AT)


@pytest.mark.parametrize(
    "name", [None, 5, ["x"], 10**5000, "\ud800"], ids=lambda v: type(v).__name__
)
def test_choose_template_takes_a_text_name(name: Any) -> None:
    with pytest.raises(ValidationError, match="name"):
        choose_template(LIBRARY, name, ["en"], AT)


@pytest.mark.parametrize("languages", [None, 5, object()], ids=repr)
def test_choose_template_takes_a_collection_of_languages(languages: Any) -> None:
    with pytest.raises(ValidationError, match="preferred_languages"):
        choose_template(LIBRARY, TEMPLATE.name, languages, AT)


@pytest.mark.parametrize("window", [5, "open", object(), ["x"]], ids=repr)
def test_the_window_is_a_bool_or_a_decision(window: Any) -> None:
    with pytest.raises(ValidationError, match="window"):
        can_send_template(LIBRARY, TEMPLATE.name, TEMPLATE.language, at=AT, window=window)
    with pytest.raises(ValidationError, match="window"):
        template_follow_up(
            LIBRARY,
            TEMPLATE.name,
            customer=Customer(phone="+14155550100"),
            preferred_languages=["en"],
            at=AT,
            window=window,
        )


@pytest.mark.parametrize("buttons", [5, "x", ["x"], ("x",), object()], ids=repr)
def test_buttons_are_a_mapping(buttons: Any) -> None:
    for call in (
        lambda: render(TEMPLATE, buttons=buttons),
        lambda: check_values(TEMPLATE, buttons=buttons),
        lambda: template_follow_up(
            LIBRARY,
            TEMPLATE.name,
            customer=Customer(phone="+14155550100"),
            preferred_languages=["en"],
            at=AT,
            buttons=buttons,
        ),
    ):
        with pytest.raises(ValidationError, match="buttons"):
            call()


@pytest.mark.parametrize("items", [5, "x", ["x"], [TEMPLATE, None], [[[]]]], ids=repr)
def test_a_library_and_its_lint_take_templates(items: Any) -> None:
    with pytest.raises(ValidationError, match="templates"):
        TemplateLibrary(templates=items)
    with pytest.raises(ValidationError, match="templates"):
        lint_library(items)


@pytest.mark.parametrize(
    "lifecycles",
    [5, ["x"], {"\ud800": Lifecycle()}, {("a", "\udfff"): Lifecycle()}, {("a", "b"): 5}],
    ids=repr,
)
def test_a_librarys_lifecycles_are_lifecycles_by_key(lifecycles: Any) -> None:
    with pytest.raises(ValidationError, match="lifecycles"):
        TemplateLibrary(templates=(TEMPLATE,), lifecycles=lifecycles)


@pytest.mark.parametrize("findings", [5, "x", ["x"], [None]], ids=repr)
def test_has_errors_takes_findings(findings: Any) -> None:
    with pytest.raises(ValidationError, match="findings"):
        has_errors(findings)
    assert has_errors(lint_template(TEMPLATE)) in (True, False)


@pytest.mark.parametrize(
    "amount",
    [2**63, -(2**63), 10**5000, True, 1.5],
    ids=["2**63", "-2**63", "huge", "bool", "float"],
)
def test_a_currency_amount_is_an_int64(amount: Any) -> None:
    with pytest.raises(ValidationError, match="amount_1000"):
        Currency(fallback_value="$1", code="USD", amount_1000=amount)


@pytest.mark.parametrize("fallback", ["\ud800", "a\udfff", None, 5], ids=repr)
def test_a_fallback_value_is_text(fallback: Any) -> None:
    with pytest.raises(ValidationError, match="fallback_value"):
        Currency(fallback_value=fallback, code="USD", amount_1000=1000)
    with pytest.raises(ValidationError, match="fallback_value"):
        DateTime(fallback)
