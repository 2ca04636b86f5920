"""Fast keyword constructors for frozen attrs classes, for trusted hot paths.

Calling a frozen, keyword-only attrs class builds a dict of the keywords and
stores each field through a bound ``object.__setattr__``. A webhook parser
that builds a hundred events per request pays that for every one of them.
:func:`maker` returns a plain function with the class's own signature that
stores each field straight through its slot, about twice as fast.

It skips the class's converters and validators, so it is only for callers
whose values are already what the class would make of them (the Meta parser
builds UTC datetimes itself, which is all the time converters would do).
Tests check that it builds objects equal, field by field, to the class's own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ParamSpec, Protocol, TypeVar

import attrs

__all__ = ["maker"]

P = ParamSpec("P")
T = TypeVar("T")


class _Slot(Protocol):
    def __set__(self, obj: object, value: object, /) -> None: ...


def maker(cls: Callable[P, T]) -> Callable[P, T]:
    """A keyword constructor for the slotted attrs class ``cls`` that skips its checks.

    Classes with ``__attrs_post_init__``, fields left out of ``__init__`` or
    defaults that need ``self`` are refused with :class:`TypeError`: their
    objects cannot be built field by field.
    """
    if not isinstance(cls, type) or not attrs.has(cls) or "__slots__" not in cls.__dict__:
        raise TypeError(f"{cls!r} is not a slotted attrs class")
    if hasattr(cls, "__attrs_post_init__"):
        raise TypeError(f"{cls.__name__} has __attrs_post_init__: build it with the class")
    names = {"new": object.__new__, "cls": cls, "NOTHING": attrs.NOTHING}
    params, body = [], ["    obj = new(cls)"]
    for field in attrs.fields(cls):
        name, default = field.name, field.default
        if not field.init or field.alias != name:
            raise TypeError(f"{cls.__name__}.{name} is not a plain __init__ argument")
        if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
            if default.takes_self:
                raise TypeError(f"{cls.__name__}.{name}'s default needs self")
            params.append(f"{name}=NOTHING")
            body.append(f"    if {name} is NOTHING:\n        {name} = factory_{name}()")
            names[f"factory_{name}"] = default.factory
        elif default is attrs.NOTHING:
            params.append(name)
        else:
            params.append(f"{name}=default_{name}")
            names[f"default_{name}"] = default
        body.append(f"    set_{name}(obj, {name})")
        names[f"set_{name}"] = _slot(cls, name).__set__
    source = f"def make(*, {', '.join(params)}):\n" + "\n".join(body) + "\n    return obj\n"
    exec(compile(source, f"<wamsg maker for {cls.__qualname__}>", "exec"), names)
    make: Callable[P, T] = names["make"]  # type: ignore[assignment]
    make.__qualname__ = make.__name__ = f"make_{cls.__name__}"
    return make


def _slot(cls: type, name: str) -> _Slot:
    for klass in cls.__mro__:
        if name in klass.__dict__:
            slot: _Slot = klass.__dict__[name]
            return slot
    raise TypeError(f"{cls.__name__} has no slot {name!r}")  # pragma: no cover - attrs makes one
