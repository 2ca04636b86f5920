"""Packaged data reaches callers as their own copy, never the shared cache."""

from __future__ import annotations

from typing import cast

from wamsg._internal.data import load_json
from wamsg._internal.json import JsonObject
from wamsg.testing import sample_day


def test_load_json_returns_a_fresh_object_each_call() -> None:
    first = cast(JsonObject, load_json("sample_account.json"))
    first.clear()
    assert load_json("sample_account.json") != {}
    assert load_json("sample_account.json") == load_json("sample_account.json")


def test_changing_a_sample_day_does_not_change_the_next() -> None:
    day = sample_day()
    numbers = cast(list[object], day.account["numbers"])
    assert numbers
    numbers.clear()
    day.templates[0].clear()
    day.follow_up.clear()
    fresh = sample_day()
    assert fresh.account["numbers"]
    assert fresh.templates[0]
    assert fresh.follow_up
