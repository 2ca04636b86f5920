"""The policy file, read strictly: every load check, one test each, and the round trip.

Each test breaks one thing in an otherwise valid policy file and checks that
``load_policy`` raises a ValidationError naming the rule (or ``fallback``, or the
queue) and the field.
"""

from __future__ import annotations

import contextlib
import copy
import json
from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wamsg._internal.data import load_json
from wamsg.errors import ValidationError
from wamsg.routing import SkillMatch, Strategy
from wamsg.routing._policy_reader import load_policy, parse_duration, read_policy
from wamsg.routing.parts import Step
from wamsg.routing.policy import RoutingPolicy

SALES_LINE = "+358401000001"
Mutation = Callable[[dict[str, Any]], object]


def base() -> dict[str, Any]:
    """A valid policy file with every part: hours, numbers, classify, route, split, actions."""
    return {
        "version": "v1",
        "hours": {
            "office": {
                "timezone": "Europe/Helsinki",
                "weekly": "Mon-Fri 09:00-17:00",
                "closed": ["2026-12-24"],
            }
        },
        "numbers": {SALES_LINE: {"brand": "Acme", "name": "sales line", "queue": "Sales"}},
        "queues": [
            {"id": "Sales", "strategy": "round_robin", "hours": "office", "overflow": "Everyone"},
            {"id": "Partners"},
            {"id": "Everyone", "strategy": "longest_idle", "max_waiting": 10},
        ],
        "classify": [
            {"id": "fi", "when": "customer.language == 'fi'", "set": {"skills": ["fi"]}},
        ],
        "rules": [
            {
                "id": "vip",
                "when": "customer.tier == 'vip'",
                "route": [{"queue": "Sales", "priority": 5, "wait": "5m"}, {"queue": "Everyone"}],
                "actions": [{"type": "auto_reply", "when": "not open('office')", "text": "Hi"}],
            },
            {
                "id": "split",
                "when": f"business == '{SALES_LINE}'",
                "split": [
                    {"percent": 70, "route": [{"queue": "Sales"}]},
                    {"percent": 30, "route": [{"queue": "Partners"}]},
                ],
            },
        ],
        "fallback": "Everyone",
    }


def refused(mutate: Mutation) -> ValidationError:
    """The error ``load_policy`` raises for the base file changed by ``mutate``."""
    data = base()
    mutate(data)
    with pytest.raises(ValidationError) as caught:
        load_policy(data)
    return caught.value


def test_the_base_file_loads() -> None:
    policy = load_policy(base())
    assert isinstance(policy, RoutingPolicy)
    assert policy.rule_ids == ("vip", "split")


# -- unknown keys -------------------------------------------------------------------------


def test_an_unknown_top_level_key_is_refused() -> None:
    error = refused(lambda d: d.update(fallbak="Everyone"))
    assert error.field == "fallbak"
    assert "unknown key" in error.reason


def test_an_unknown_key_in_a_rule_is_refused() -> None:
    assert refused(lambda d: d["rules"][0].update(whn="x == 1")).field == "rules[0].whn"


def test_an_unknown_key_in_a_step_is_refused() -> None:
    error = refused(lambda d: d["rules"][0]["route"][0].update(timeout="5m"))
    assert error.field == "rules[0].route[0].timeout"


def test_an_unknown_key_in_a_split_arm_step_is_refused() -> None:
    error = refused(lambda d: d["rules"][1]["split"][1]["route"][0].update(prio=1))
    assert error.field == "rules[1].split[1].route[0].prio"


def test_an_unknown_key_in_a_split_arm_is_refused() -> None:
    error = refused(lambda d: d["rules"][1]["split"][0].update(weight=70))
    assert error.field == "rules[1].split[0].weight"


def test_an_unknown_key_in_a_queue_is_refused() -> None:
    assert refused(lambda d: d["queues"][1].update(strategi="x")).field == "queues[1].strategi"


def test_an_unknown_key_in_a_number_is_refused() -> None:
    error = refused(lambda d: d["numbers"][SALES_LINE].update(queues="Sales"))
    assert error.field == f"numbers.{SALES_LINE}.queues"


def test_an_unknown_key_in_hours_is_refused() -> None:
    error = refused(lambda d: d["hours"]["office"].update(holidays=[]))
    assert error.field == "hours.office.holidays"


def test_an_unknown_key_in_an_action_is_refused() -> None:
    error = refused(lambda d: d["rules"][0]["actions"][0].update(message="Hi"))
    assert error.field == "rules[0].actions[0].message"


def test_an_unknown_key_in_a_classification_rule_or_its_set_is_refused() -> None:
    assert refused(lambda d: d["classify"][0].update(then={})).field == "classify[0].then"
    error = refused(lambda d: d["classify"][0]["set"].update(queue="Sales"))
    assert error.field == "classify[0].set.queue"


# -- references ---------------------------------------------------------------------------


def test_an_unknown_queue_in_a_step_is_refused() -> None:
    error = refused(lambda d: d["rules"][0]["route"][1].update(queue="Everybody"))
    assert (error.field, error.value) == ("rules[0].route[1].queue", "Everybody")
    assert error.reason == "unknown queue"


def test_an_unknown_queue_in_a_split_arm_is_refused() -> None:
    error = refused(lambda d: d["rules"][1]["split"][1]["route"][0].update(queue="Partner"))
    assert error.field == "rules[1].split[1].route[0].queue"


def test_an_unknown_fallback_queue_is_refused() -> None:
    error = refused(lambda d: d.update(fallback="Everybody"))
    assert (error.field, error.value) == ("fallback", "Everybody")


def test_a_missing_fallback_is_refused() -> None:
    assert refused(lambda d: d.pop("fallback")).field == "fallback"


def test_an_unknown_overflow_queue_is_refused() -> None:
    error = refused(lambda d: d["queues"][0].update(overflow="Nobody"))
    assert (error.field, error.value) == ("queues.Sales.overflow", "Nobody")


def test_an_unknown_queue_of_a_number_is_refused() -> None:
    error = refused(lambda d: d["numbers"][SALES_LINE].update(queue="Sale"))
    assert (error.field, error.value) == (f"numbers.{SALES_LINE}.queue", "Sale")


def test_unknown_hours_of_a_queue_are_refused() -> None:
    error = refused(lambda d: d["queues"][0].update(hours="ofice"))
    assert (error.field, error.value) == ("queues.Sales.hours", "ofice")


@pytest.mark.parametrize(
    ("where", "field"),
    [
        (lambda d: d["rules"][0].update(when="open('ofice')"), "rules[0].when"),
        (
            lambda d: d["rules"][0]["actions"][0].update(when="open('ofice')"),
            "rules[0].actions[0].when",
        ),
        (
            lambda d: d["rules"][0]["route"][0].update(agents="open('ofice')"),
            "rules[0].route[0].agents",
        ),
        (lambda d: d["classify"][0].update(when="open('ofice')"), "classify[0].when"),
    ],
)
def test_unknown_hours_in_open_are_refused(where: Mutation, field: str) -> None:
    error = refused(where)
    assert error.field == field
    assert "ofice" in error.reason


# -- ids ----------------------------------------------------------------------------------


def test_a_duplicate_rule_id_is_refused() -> None:
    error = refused(lambda d: d["rules"][1].update(id="vip"))
    assert (error.field, error.value) == ("rules[1].id", "vip")


def test_a_duplicate_classification_rule_id_is_refused() -> None:
    error = refused(lambda d: d["classify"].append(copy.deepcopy(d["classify"][0])))
    assert (error.field, error.value) == ("classify[1].id", "fi")


def test_a_duplicate_queue_id_is_refused() -> None:
    error = refused(lambda d: d["queues"].append({"id": "Partners"}))
    assert (error.field, error.value) == ("queues[3].id", "Partners")


# -- route and split ----------------------------------------------------------------------


def test_a_rule_with_both_route_and_split_is_refused() -> None:
    error = refused(lambda d: d["rules"][1].update(route=[{"queue": "Sales"}]))
    assert (error.field, error.value) == ("rules[1]", "split")


def test_a_rule_with_neither_route_nor_split_is_refused() -> None:
    error = refused(lambda d: d["rules"][1].pop("split"))
    assert error.field == "rules[1]"
    assert "a route (steps) or a split (arms)" in error.reason


def test_an_empty_split_is_refused() -> None:
    assert refused(lambda d: d["rules"][1].update(split=[])).field == "rules[1].split"


def test_an_empty_route_is_refused() -> None:
    assert refused(lambda d: d["rules"][0].update(route=[])).field == "rules[0].route"


@pytest.mark.parametrize("percents", [(70, 20), (70, 40), (100, 1)])
def test_split_percents_must_add_up_to_100(percents: tuple[int, int]) -> None:
    def mutate(data: dict[str, Any]) -> None:
        for arm, percent in zip(data["rules"][1]["split"], percents, strict=True):
            arm["percent"] = percent

    error = refused(mutate)
    assert error.field == "rules[1].split"


@pytest.mark.parametrize("percent", [0, 101, -5, True, "70", Decimal("70.5"), None])
def test_a_split_percent_must_be_an_integer_from_1_to_100(percent: object) -> None:
    error = refused(lambda d: d["rules"][1]["split"][0].update(percent=percent))
    assert error.field == "rules[1].split[0].percent"


# -- priorities ---------------------------------------------------------------------------


@pytest.mark.parametrize("priority", [-1, 2**31, "5", True, Decimal("1.5"), [5]])
def test_a_bad_step_priority_is_refused(priority: object) -> None:
    error = refused(lambda d: d["rules"][0]["route"][0].update(priority=priority))
    assert error.field == "rules[0].route[0].priority"
    assert "higher is more urgent" in error.reason


def test_a_bad_classified_priority_is_refused() -> None:
    error = refused(lambda d: d["classify"][0]["set"].update(priority=-3))
    assert error.field == "classify[0].set.priority"


def test_the_highest_priority_loads() -> None:
    data = base()
    data["rules"][0]["route"][0]["priority"] = 2**31 - 1
    assert load_policy(data).rules[0].route[0].priority == 2**31 - 1


# -- durations ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("300s", 300),
        ("5m", 300),
        ("1h", 3600),
        ("1h30m", 5400),
        ("1h30m15s", 5415),
        ("2m30s", 150),
        ("336h", 14 * 86400),
        ("1s", 1),
    ],
)
def test_parse_duration_accepts(text: str, seconds: int) -> None:
    assert parse_duration(text, "wait") == timedelta(seconds=seconds)


@pytest.mark.parametrize(
    "text",
    [
        "5",
        "m",
        "1m1h",
        "0s",
        "0h0m",
        "15d",
        "337h",
        "",
        "5 m",
        " 5m",
        "1H",
        "5min",
        "1h1h",
        "-5m",
        "1.5h",
        "٣s",  # an Arabic-Indic digit
        "h1",
        "9" * 40 + "s",
    ],
)
def test_parse_duration_refuses(text: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_duration(text, "rules[0].route[0].wait")
    assert caught.value.field == "rules[0].route[0].wait"
    assert caught.value.value == text


@pytest.mark.parametrize("value", [300, Decimal("5"), None, ["5m"], True])
def test_parse_duration_refuses_what_is_not_text(value: object) -> None:
    with pytest.raises(ValidationError):
        parse_duration(value, "wait")


@pytest.mark.parametrize("wait", ["5", "15d", 300, "0s"])
def test_a_bad_step_wait_is_refused_naming_the_step(wait: object) -> None:
    error = refused(lambda d: d["rules"][0]["route"][0].update(wait=wait))
    assert error.field == "rules[0].route[0].wait"


# -- skills -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("skills", "field"),
    [
        ({"fi": 1001}, "rules[0].route[0].skills.fi"),
        ({"fi": -1}, "rules[0].route[0].skills.fi"),
        ({"fi": "2"}, "rules[0].route[0].skills.fi"),
        ({"fi": True}, "rules[0].route[0].skills.fi"),
        ({"": 1}, "rules[0].route[0].skills"),
        ({"\ud800": 1}, "rules[0].route[0].skills"),
        (["fi", ""], "rules[0].route[0].skills[1]"),
        (["fi", 3], "rules[0].route[0].skills[1]"),
        ("fi", "rules[0].route[0].skills"),
        (3, "rules[0].route[0].skills"),
    ],
)
def test_bad_step_skills_are_refused_naming_the_step(skills: object, field: str) -> None:
    error = refused(lambda d: d["rules"][0]["route"][0].update(skills=skills))
    assert error.field == field


@pytest.mark.parametrize(
    ("skills", "field"),
    [
        ({"fi": 1001}, "classify[0].set.skills.fi"),
        ({" ": 1}, "classify[0].set.skills"),
        ([""], "classify[0].set.skills[0]"),
        ("fi", "classify[0].set.skills"),
    ],
)
def test_bad_classified_skills_are_refused_naming_the_rule(skills: object, field: str) -> None:
    error = refused(lambda d: d["classify"][0]["set"].update(skills=skills))
    assert error.field == field


def test_skills_as_a_list_mean_proficiency_1_and_as_an_object_their_levels() -> None:
    data = base()
    data["rules"][0]["route"][0]["skills"] = {"fi": 3, "sv": 0}
    policy = load_policy(data)
    assert dict(policy.classify[0].sets.skills) == {"fi": 1}
    assert policy.rules[0].route[0].skills == {"fi": 3, "sv": 0}


# -- conditions ---------------------------------------------------------------------------


def test_a_condition_syntax_error_names_the_rule_s_when() -> None:
    error = refused(lambda d: d["rules"][0].update(when="customer.tier = 'vip'"))
    assert error.field == "rules[0].when"


def test_a_hyphenated_bare_name_is_a_syntax_error_not_a_subtraction() -> None:
    error = refused(lambda d: d["rules"][1].update(when="customer.customer-value == 'gold'"))
    assert error.field == "rules[1].when"
    assert '["customer-value"]' in error.reason


@pytest.mark.parametrize("when", [None, 5, ["a == 1"], ""])
def test_a_missing_or_malformed_condition_is_refused(when: object) -> None:
    def mutate(data: dict[str, Any]) -> None:
        if when is None:
            data["rules"][0].pop("when")
        else:
            data["rules"][0]["when"] = when

    assert refused(mutate).field == "rules[0].when"


def test_a_condition_in_the_json_form_loads() -> None:
    data = base()
    data["rules"][0]["when"] = {"op": "==", "path": "customer.tier", "value": "vip"}
    assert load_policy(data).rules[0].when.text == "customer.tier == 'vip'"


def test_a_condition_contradicting_a_declared_attribute_type_is_refused() -> None:
    def mutate(data: dict[str, Any]) -> None:
        data["attributes"] = {"customer.tier": "int"}

    error = refused(mutate)
    assert error.field == "rules[0].when"


@pytest.mark.parametrize(
    "attributes", [{"customer.tier": "integer"}, {"customer..tier": "string"}, ["x"]]
)
def test_bad_declared_attributes_are_refused_as_attributes(attributes: object) -> None:
    def mutate(data: dict[str, Any]) -> None:
        data["attributes"] = attributes
        data["rules"] = data["classify"] = []

    assert refused(mutate).field == "attributes"


# -- queues, numbers, hours, actions --------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("strategy", "random"),
        ("skill_match", "fuzzy"),
        ("hours", 5),
        ("overflow", ""),
        ("max_waiting", -1),
        ("max_waiting", 10**12),
        ("max_waiting", True),
    ],
)
def test_a_bad_queue_setting_is_refused_naming_it(key: str, value: object) -> None:
    error = refused(lambda d: d["queues"][1].update({key: value}))
    assert error.field == f"queues[1].{key}"


def test_queues_must_be_a_list() -> None:
    assert refused(lambda d: d.update(queues={"Sales": {}})).field == "queues"


def test_queue_settings_load() -> None:
    data = base()
    data["queues"][1].update(strategy="most_proficient", skill_match="closest")
    queue = load_policy(data).queues["Partners"]
    assert (queue.strategy, queue.skill_match) == (Strategy.MOST_PROFICIENT, SkillMatch.CLOSEST)


@pytest.mark.parametrize("number", ["0401000001", "+358 40 100 0001", "358401000001", "sales"])
def test_a_number_not_in_e164_is_refused(number: str) -> None:
    def mutate(data: dict[str, Any]) -> None:
        data["numbers"] = {number: {"queue": "Sales"}}

    error = refused(mutate)
    assert (error.field, error.value) == (f"numbers.{number}", number)


@pytest.mark.parametrize(
    ("key", "value", "field"),
    [
        ("timezone", "Mars/Olympus", "hours.office.timezone"),
        ("weekly", "Mon-Fri 9-17", "hours.office.weekly"),
        ("closed", ["2026-13-01"], "hours.office.closed[0]"),
        ("closed", "2026-12-24", "hours.office.closed"),
    ],
)
def test_bad_hours_are_refused_naming_the_key(key: str, value: object, field: str) -> None:
    error = refused(lambda d: d["hours"]["office"].update({key: value}))
    assert error.field == field


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"type": "send_template"}, "rules[0].actions[0].type"),
        ({"text": ""}, "rules[0].actions[0].text"),
        ({"when": "open("}, "rules[0].actions[0].when"),
    ],
)
def test_a_bad_action_is_refused(change: dict[str, object], field: str) -> None:
    error = refused(lambda d: d["rules"][0]["actions"][0].update(change))
    assert error.field == field


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"tags": ["vip", ""]}, "classify[0].set.tags[1]"),
        ({"tags": ["\ud800"]}, "classify[0].set.tags[0]"),
        ({"language": ""}, "classify[0].set.language"),
    ],
)
def test_a_bad_classification_is_refused(change: dict[str, object], field: str) -> None:
    error = refused(lambda d: d["classify"][0]["set"].update(change))
    assert error.field == field


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"last_agent": "yes"}, "rules[0].route[0].last_agent"),
        ({"preferred": ["a1", ""]}, "rules[0].route[0].preferred[1]"),
        ({"preferred": "a1"}, "rules[0].route[0].preferred"),
        ({"bypass_capacity": 1}, "rules[0].route[0].bypass_capacity"),
        ({"agents": "agent.skills.fi >="}, "rules[0].route[0].agents"),
    ],
)
def test_a_bad_step_setting_is_refused(change: dict[str, object], field: str) -> None:
    error = refused(lambda d: d["rules"][0]["route"][0].update(change))
    assert error.field == field


@pytest.mark.parametrize("data", [[], "policy", None, 5])
def test_a_policy_file_must_be_an_object(data: object) -> None:
    with pytest.raises(ValidationError):
        load_policy(data)


# -- read_policy ----------------------------------------------------------------------------


def test_read_policy_reads_the_json_text() -> None:
    text = json.dumps(base())
    assert read_policy(text) == load_policy(base())
    assert read_policy(text.encode()) == load_policy(base())


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ('{"version": "a", "version": "b", "queues": [{"id": "q"}], "fallback": "q"}', "version"),
        ('{"version": "a", "queues": [{"id": "q", "id": "r"}], "fallback": "q"}', "id"),
    ],
)
def test_a_key_named_twice_is_refused(text: str, key: str) -> None:
    with pytest.raises(ValidationError) as caught:
        read_policy(text)
    assert caught.value.field == key
    assert "twice" in caught.value.reason


@pytest.mark.parametrize("text", ["{", '{"version": NaN}', "[1, 2", ""])
def test_text_that_is_not_strict_json_is_refused(text: str) -> None:
    with pytest.raises(ValidationError):
        read_policy(text)


# -- the round trip -------------------------------------------------------------------------


def test_the_sample_policy_round_trips() -> None:
    policy = load_policy(load_json("sample_policy.json"))
    assert load_policy(policy.to_json()) == policy
    assert load_policy(json.loads(json.dumps(policy.to_json()))) == policy


def test_a_policy_with_every_part_round_trips() -> None:
    data = base()
    data["attributes"] = {"customer.tier": "string"}
    data["classify"].append(
        {
            "id": "vip-tags",
            "when": "customer.tier == 'vip'",
            "set": {"language": "en", "priority": 7, "tags": ["vip", "gold"], "skills": {"en": 2}},
        }
    )
    data["rules"][0]["route"][0].update(
        agents="agent.skills.fi >= 2",
        last_agent=True,
        preferred=["a1", "a2"],
        bypass_capacity=True,
        bypass_skills=True,
        skills={},
        wait="1h30m",
    )
    data["queues"][1].update(strategy="highest_spare_capacity", skill_match="closest")
    policy = load_policy(data)
    again = load_policy(policy.to_json())
    assert again == policy
    assert again.to_json() == policy.to_json()
    assert again.rules[0].route[0].wait == timedelta(hours=1, minutes=30)


def test_a_changed_policy_is_not_equal() -> None:
    policy = load_policy(base())
    data = base()
    data["rules"][0]["route"][0]["priority"] = 6
    assert load_policy(data) != policy


@pytest.mark.parametrize("wait", [timedelta(seconds=1.5), timedelta(milliseconds=500)])
def test_a_step_s_wait_is_whole_seconds_so_the_file_can_hold_it(wait: timedelta) -> None:
    with pytest.raises(ValidationError) as caught:
        Step("Sales", wait=wait)
    assert caught.value.field == "wait"


def test_a_step_built_from_parts_writes_its_wait_in_seconds() -> None:
    step = Step("Sales", wait=timedelta(minutes=1, seconds=30))
    assert step.to_json() == {"queue": "Sales", "wait": "90s"}


# -- fuzz -----------------------------------------------------------------------------------

NOISE = st.one_of(
    st.sampled_from(
        [None, True, 0, -1, 10**40, Decimal("NaN"), Decimal("1.5"), "", " ", "\ud800", "x"]
    ),
    st.sampled_from(["5m", "open('x')", "Sales", "a == 1", "round_robin", "2026-12-24"]),
    st.just([]),
    st.just({}),
    st.just([{"queue": "Sales"}]),
    st.just({"id": "Sales"}),
)


def _places(node: object, prefix: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    out = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            out += _places(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            out += _places(value, (*prefix, index))
    return out


PLACES = _places(base())


@settings(max_examples=300)
@given(st.lists(st.tuples(st.sampled_from(PLACES), NOISE, st.booleans()), min_size=1, max_size=3))
def test_a_policy_file_with_any_part_broken_loads_or_raises_validation_error(
    changes: list[tuple[tuple[object, ...], object, bool]],
) -> None:
    data: Any = base()
    for place, value, as_extra_key in changes:
        node = data
        try:
            for key in place[:-1]:
                node = node[key]
            if as_extra_key and isinstance(node, dict):
                node["extra"] = value
            else:
                node[place[-1]] = copy.deepcopy(value)
        except (KeyError, IndexError, TypeError):
            continue
    with contextlib.suppress(ValidationError):
        load_policy(data)
