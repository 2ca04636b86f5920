"""``maker``: the fast keyword constructor builds exactly what the class builds.

Every test runs with both ways of storing the fields: through a twin class and
through the slots (``maker`` picks one by the number of fields).
"""

from __future__ import annotations

import copy
import pickle
import sys
import weakref
from datetime import datetime, timezone

import attrs
import pytest

from wamsg import (
    Customer,
    DeliveryStatus,
    Message,
    MessageReceived,
    MessageStatus,
    Text,
)
from wamsg._internal import construct as _construct
from wamsg._internal.construct import maker
from wamsg.content import Location
from wamsg.delivery import Pricing
from wamsg.events import TemplateIdentity, TemplateStatusChanged
from wamsg.messages import Direction

AT = datetime(2026, 11, 21, 9, 0, tzinfo=timezone.utc)
CUSTOMER = Customer(phone="+16505551234", name="Sheena")
MESSAGE_FIELDS: dict[str, object] = {
    "id": "wamid.in",
    "direction": Direction.INBOUND,
    "business": None,
    "customer": CUSTOMER,
    "sent_at": AT,
    "content": Text("hi"),
}
MESSAGE = Message(**MESSAGE_FIELDS)  # type: ignore[arg-type]


@pytest.fixture(autouse=True, params=["twin", "slots"])
def _storing(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Store through a twin from one field on, or never."""
    monkeypatch.setattr(_construct, "_TWIN_FROM", 1 if request.param == "twin" else 1000)


def _fields(value: object) -> dict[str, object]:
    return attrs.asdict(value, recurse=False)  # type: ignore[arg-type]


def test_a_message_is_built_as_the_class_builds_it() -> None:
    made = maker(Message)(**MESSAGE_FIELDS)  # type: ignore[arg-type]
    assert type(made) is Message
    assert made == MESSAGE
    assert _fields(made) == _fields(MESSAGE)


def test_fields_left_out_take_the_class_defaults() -> None:
    made = maker(MessageStatus)(provider="meta", message_id="m", status=DeliveryStatus.SENT)
    built = MessageStatus(provider="meta", message_id="m", status=DeliveryStatus.SENT)
    assert _fields(made) == _fields(built)


def test_a_factory_default_is_made_afresh_for_every_object() -> None:
    make = maker(MessageReceived)
    first, second = make(provider="meta", message=MESSAGE), make(provider="meta", message=MESSAGE)
    assert first.extra == {}
    assert first.extra is not second.extra


def test_every_field_given_is_stored_even_those_outside_equality() -> None:
    values = {
        "provider": "meta",
        "message_id": "m",
        "status": DeliveryStatus.READ,
        "business": None,
        "customer": CUSTOMER,
        "occurred_at": AT,
        "errors": (),
        "pricing": Pricing(model="PMP", category="service", billable=False),
        "raw": {"id": "m"},
        "extra": {"conversation": {"id": "c"}},
    }
    assert _fields(maker(MessageStatus)(**values)) == values  # type: ignore[arg-type]


def test_the_made_objects_stay_frozen() -> None:
    made = maker(MessageReceived)(provider="meta", message=MESSAGE)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        made.provider = "twilio"  # type: ignore[misc]


def test_the_made_object_is_of_the_class_itself_in_every_way() -> None:
    made = maker(MessageReceived)(provider="meta", message=MESSAGE, raw={"id": "wamid.in"})
    built = MessageReceived(provider="meta", message=MESSAGE, raw={"id": "wamid.in"})
    assert type(made) is MessageReceived
    assert made.__class__ is MessageReceived
    assert hash(made) == hash(built)
    assert repr(made) == repr(built)
    assert weakref.ref(made)() is made
    assert copy.copy(made) == built
    assert pickle.loads(pickle.dumps(made)) == built
    assert attrs.evolve(made, provider="360dialog") == attrs.evolve(built, provider="360dialog")


def test_the_made_objects_refuse_deletion() -> None:
    made = maker(Text)("hi")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        del made.body


def test_an_unknown_or_missing_keyword_is_a_type_error_as_with_the_class() -> None:
    make = maker(MessageReceived)
    with pytest.raises(TypeError):
        make(provider="meta")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        make(provider="meta", message=MESSAGE, colour="red")  # type: ignore[call-arg]


@attrs.define
class _Mutable:
    x: int


@attrs.frozen(slots=False)
class _NoSlots:
    x: int


@attrs.frozen
class _Computed:
    x: int
    y: int = attrs.field(init=False, default=0)


@attrs.frozen
class _Private:
    _x: int


@attrs.frozen
class _SelfDefault:
    x: int
    y: int = attrs.field(default=attrs.Factory(lambda self: self.x, takes_self=True))


@attrs.frozen(cache_hash=True)
class _CachedHash:
    x: int


@attrs.frozen
class _ClashingName:
    _obj: int = attrs.field(alias="_obj")


@pytest.mark.parametrize(
    ("cls", "reason"),
    [
        (_CachedHash, "slots that hold no field"),
        (_ClashingName, "not a plain __init__ argument"),
        (dict, "not a slotted attrs class"),
        (_NoSlots, "not a slotted attrs class"),
        (Location, "__attrs_post_init__"),
        (Customer, "not a plain __init__ argument"),  # its key is computed
        (_Computed, "not a plain __init__ argument"),
        (_Private, "not a plain __init__ argument"),
        (_SelfDefault, "needs self"),
    ],
)
def test_classes_that_cannot_be_built_field_by_field_are_refused(cls: type, reason: str) -> None:
    with pytest.raises(TypeError, match=reason):
        maker(cls)


def test_a_plain_attrs_class_works_too() -> None:
    assert maker(_Mutable)(x=1) == _Mutable(1)


def test_fields_inherited_from_a_base_class_are_stored_too() -> None:
    template = TemplateIdentity(id="1", name="order_update", language="en_US")
    values = {"provider": "meta", "template": template, "status": "APPROVED"}
    made = maker(TemplateStatusChanged)(**values)  # type: ignore[arg-type]
    assert _fields(made) == _fields(TemplateStatusChanged(**values))  # type: ignore[arg-type]


@attrs.frozen
class _Named:
    obj: int
    cls: int = 2
    new: list[int] = attrs.Factory(list)


def test_field_names_never_clash_with_the_made_code() -> None:
    assert maker(_Named)(1) == _Named(1)
    assert maker(_Named)(obj=5, cls=3, new=[1]) == _Named(5, 3, [1])


def test_positional_fields_stay_positional() -> None:
    assert maker(Text)("hi") == Text("hi")


@attrs.frozen
class _PreInit:
    x: int

    def __attrs_pre_init__(self) -> None:
        pass


def test_a_class_with_a_pre_init_hook_is_refused() -> None:
    with pytest.raises(TypeError, match="__attrs_pre_init__"):
        maker(_PreInit)


@attrs.frozen
class _Three:
    a: int
    b: int
    c: int


@pytest.mark.skipif(sys.version_info < (3, 12), reason="3.10 and 3.11 need a subclass twin")
def test_the_twin_is_not_a_subclass_where_python_allows() -> None:
    made = maker(_Three)(1, 2, 3)
    assert made == _Three(1, 2, 3)
    assert _Three.__subclasses__() == []


def test_free_threaded_python_stores_through_the_slots(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_construct, "_FREE_THREADED", True)
    make = maker(_Three)
    assert make.__globals__["_twin"] is None
    assert make(1, 2, 3) == _Three(1, 2, 3)


def test_an_error_in_a_default_factory_reaches_the_caller() -> None:
    def fail() -> list[int]:
        raise RuntimeError("no list today")

    @attrs.frozen
    class Failing:
        a: int
        b: int
        items: list[int] = attrs.Factory(fail)

    with pytest.raises(RuntimeError, match="no list today"):
        maker(Failing)(1, 2)
