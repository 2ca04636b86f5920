"""Load-time validation: each malformed shape is refused, naming the state and the field."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from wamsg.errors import ValidationError
from wamsg.flows import MAX_RETRIES, MAX_STATES, load_flow, read_flow
from wamsg.routing import load_policy
from wamsg.templates import TemplateLibrary

from .helpers import changed, state_of, zoom_data


def refused(data: object, **options: Any) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        load_flow(data, **options)
    return caught.value


def test_the_shipped_zoom_flow_loads() -> None:
    definition = load_flow(zoom_data())
    assert definition.states[:3] == ("start", "greeting", "menu")
    assert definition.numbers == frozenset({"+15550783881", "+358942411000"})


def test_a_state_named_twice_is_refused() -> None:
    data = zoom_data()
    data["states"].append({"name": "menu", "type": "end"})
    error = refused(data)
    assert error.field == "states[6].name"
    assert "'menu' is named twice" in error.reason


def test_an_unknown_target_names_the_state_and_the_exit() -> None:
    error = refused(changed(zoom_data(), "greeting", next="menuu"))
    assert error.field == "states.greeting.next"
    assert error.value == "menuu"


def test_an_unknown_target_inside_an_option_names_the_option() -> None:
    data = zoom_data()
    state_of(data, "menu")["options"][1]["next"] = "nowhere"
    assert refused(data).field == "states.menu.options[1].next"


def test_a_state_not_reachable_from_the_start_is_refused() -> None:
    data = zoom_data()
    data["states"].append({"name": "orphan", "type": "end"})
    error = refused(data)
    assert error.field == "states.orphan"
    assert "cannot be reached" in error.reason


def test_a_collect_state_without_a_timeout_exit_is_refused() -> None:
    error = refused(changed(zoom_data(), "menu", timeout=None))
    assert error.field == "states.menu.timeout"


def test_a_timeout_without_its_next_is_refused() -> None:
    error = refused(changed(zoom_data(), "menu", timeout={"after": "1h"}))
    assert error.field == "states.menu.timeout.next"


def test_a_collect_state_without_a_no_match_exit_is_refused() -> None:
    assert refused(changed(zoom_data(), "menu", no_match=None)).field == "states.menu.no_match"


def test_a_no_match_without_an_exhausted_exit_is_refused() -> None:
    no_match = {"retries": 2, "next": "menu"}
    error = refused(changed(zoom_data(), "menu", no_match=no_match))
    assert error.field == "states.menu.no_match.exhausted"


@pytest.mark.parametrize("retries", [None, -1, MAX_RETRIES + 1, 1000, "2", 2.0, True])
def test_retries_must_be_bounded(retries: object) -> None:
    no_match = {"retries": retries, "next": "menu", "exhausted": "route_to_support"}
    error = refused(changed(zoom_data(), "menu", no_match=no_match))
    assert error.field == "states.menu.no_match.retries"


def test_a_loop_without_a_cap_is_refused_naming_the_loop() -> None:
    data = zoom_data()
    state_of(data, "menu")["timeout"]["next"] = "greeting"  # timeout → greeting → menu …
    error = refused(data)
    assert error.field == "states.menu.timeout.next"
    assert "greeting → menu → greeting" in error.reason


def test_a_loop_through_no_match_is_capped_by_the_retries() -> None:
    data = zoom_data()
    data["states"].append(
        {
            "name": "sorry",
            "type": "send",
            "content": {"kind": "text", "body": "Sorry?"},
            "next": "menu",
        }
    )
    state_of(data, "menu")["no_match"]["next"] = "sorry"
    assert load_flow(data).states[-1] == "sorry"


def test_a_loop_through_a_condition_is_refused() -> None:
    data = zoom_data()
    state_of(data, "choice")["else"] = "menu"
    assert refused(data).field == "states.choice.else"


def test_an_unknown_key_of_a_state_is_refused() -> None:
    error = refused(changed(zoom_data(), "greeting", nxt="menu"))
    assert error.field == "states.greeting.nxt"


def test_an_unknown_state_type_is_refused() -> None:
    error = refused(changed(zoom_data(), "choice", type="switch"))
    assert error.field == "states.choice.type"


def test_an_unknown_top_level_key_is_refused() -> None:
    data = zoom_data()
    data["fallbck"] = {}
    assert refused(data).field == "fallbck"


def test_exactly_one_start_state() -> None:
    data = zoom_data()
    data["states"].append({"name": "start2", "type": "start", "next": "menu"})
    assert refused(data).field == "states"
    data = changed(zoom_data(), "start", type="end", next=None)
    assert refused(data).field == "states"


def test_a_bad_state_name_is_refused() -> None:
    data = zoom_data()
    data["states"][0]["name"] = "the start"
    assert refused(data).field == "states[0].name"


def test_a_bound_number_must_be_e164() -> None:
    data = zoom_data()
    data["numbers"] = ["+1 555 0783881"]
    assert refused(data).field == "numbers[0]"


def test_the_fallback_is_required() -> None:
    data = zoom_data()
    del data["fallback"]
    assert refused(data).field == "fallback"


def test_a_bad_condition_names_the_branch() -> None:
    data = zoom_data()
    state_of(data, "choice")["branches"][0]["when"] = "variables.department = 'sales'"
    assert refused(data).field == "states.choice.branches[0].when"


def test_a_send_kind_a_business_does_not_send_is_refused() -> None:
    content = {"kind": "reaction", "message_id": "wamid.1", "emoji": "👍"}
    error = refused(changed(zoom_data(), "greeting", content=content))
    assert error.field == "states.greeting.content.kind"


def test_bad_content_names_the_state() -> None:
    content = {"kind": "buttons", "body": "Pick", "buttons": []}
    assert refused(changed(zoom_data(), "greeting", content=content)).field.startswith(
        "states.greeting.content"
    )


def test_an_option_text_given_to_two_options_is_refused() -> None:
    data = zoom_data()
    state_of(data, "menu")["options"][1]["text"] = ["2", " 1 "]
    assert refused(data).field == "states.menu.options[1].text[1]"


def test_a_route_by_policy_needs_the_policy() -> None:
    data = changed(zoom_data(), "route_to_sales", queue=None, policy=True)
    assert refused(data).field == "states.route_to_sales.policy"
    policy = load_policy({"version": "1", "queues": [{"id": "sales"}], "fallback": "sales"})
    assert load_flow(data, policy=policy).kind_of("route_to_sales") == "route"


def test_a_template_needs_the_library_and_must_be_in_it() -> None:
    fallback = {"name": "order_update", "language": "en_US", "body": ["{{customer.name}}"]}
    data = changed(zoom_data(), "greeting", template_fallback=fallback)
    assert refused(data).field == "states.greeting.template_fallback.name"
    empty = TemplateLibrary(templates=())
    error = refused(data, templates=empty)
    assert error.field == "states.greeting.template_fallback.name"
    assert "not in the template library" in error.reason


def test_template_parameters_must_fit_the_template() -> None:
    library = TemplateLibrary.from_dicts(
        [
            {
                "name": "hello",
                "language": "en_US",
                "category": "UTILITY",
                "status": "APPROVED",
                "components": [
                    {
                        "type": "BODY",
                        "text": "Hi {{1}}, about {{2}}",
                        "example": {"body_text": [["Ann", "#1"]]},
                    }
                ],
            }
        ]
    )
    fallback = {"name": "hello", "language": "en_US", "body": ["{{customer.name}}"]}
    data = changed(zoom_data(), "greeting", template_fallback=fallback)
    assert refused(data, templates=library).field.startswith("states.greeting.template_fallback")


def test_a_duration_must_be_a_duration() -> None:
    data = zoom_data()
    state_of(data, "menu")["timeout"]["after"] = "an hour"
    assert refused(data).field == "states.menu.timeout.after"


def test_an_unknown_hours_id_is_refused() -> None:
    data = zoom_data()
    data["states"][0]["next"] = "office"
    data["states"].append(
        {
            "name": "office",
            "type": "hours",
            "hours": "office",
            "open": "greeting",
            "closed": "greeting",
        }
    )
    assert refused(data).field == "states.office.hours"


def test_a_placeholder_must_be_a_path_and_closed() -> None:
    for body, field in (
        ("Hi {{customer name}}", "states.greeting.content.body"),
        ("Hi {{customer.name", "states.greeting.content.body"),
    ):
        content = {"kind": "text", "body": body}
        assert refused(changed(zoom_data(), "greeting", content=content)).field == field


def test_a_text_made_only_of_placeholders_is_refused() -> None:
    content = {"kind": "text", "body": "{{customer.name}}"}
    error = refused(changed(zoom_data(), "greeting", content=content))
    assert error.field == "states.greeting.content.body"


def test_too_many_states_are_refused() -> None:
    data = zoom_data()
    data["states"] += [{"name": f"s{i}", "type": "end"} for i in range(MAX_STATES)]
    assert refused(data).field == "states"


def test_a_key_named_twice_in_the_file_is_refused() -> None:
    text = json.dumps(zoom_data())
    doubled = text.replace('"flow": ', '"flow": "x", "flow": ', 1)
    with pytest.raises(ValidationError) as caught:
        read_flow(doubled)
    assert caught.value.field == "flow"


def test_a_definition_that_is_not_an_object_is_refused() -> None:
    values: list[object] = [None, [], "flow", 1]
    for value in values:
        assert isinstance(refused(value), ValidationError)


def test_the_input_is_not_changed_by_loading() -> None:
    data = zoom_data()
    before = copy.deepcopy(data)
    load_flow(data)
    assert data == before
