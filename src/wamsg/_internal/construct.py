"""Fast constructors for frozen attrs classes, for trusted hot paths.

Calling a frozen, keyword-only attrs class builds a dict of the keywords and
stores each field through a bound ``object.__setattr__``. A webhook parser
that builds a hundred events per request pays that for every one of them.
:func:`maker` returns a plain function with the class's own signature that
stores the fields itself, in one of two ways:

- **through a twin** (three fields or more): the object is made as a private
  mutable twin of the class (same bases, same slots, ordinary attribute
  assignment), its fields are stored as plain attribute writes, and then it is
  given its class: ``__class__`` assignment between classes of one slot
  layout, which Python supports. On CPython 3.11 a seven-field ``Message`` is
  built in half the time of the other way, and in a quarter of the time of the
  class's own ``__init__`` (which also validates). From Python 3.12 the twin
  is a sibling of the class, so ``cls.__subclasses__()`` does not show it
  (cattrs and other tools walk that); on 3.10 and 3.11 it is a subclass (see
  :func:`_twin`). The ``__init_subclass__`` of the class's bases runs for it.
- **through the slots** (one or two fields, where a twin saves nothing, and on
  free-threaded Python, where ``__class__`` assignment stops every thread):
  each field is stored by its slot's own ``__set__``.

It skips the class's converters and validators, so it is only for callers
whose values are already what the class would make of them (the Meta parser
builds UTC datetimes itself, which is all the time converters would do).
Tests check that both ways build objects equal, field by field, to the
class's own.
"""

from __future__ import annotations

import sysconfig
from collections.abc import Callable
from typing import ParamSpec, Protocol, TypeVar

import attrs

__all__ = ["maker"]

P = ParamSpec("P")
T = TypeVar("T")

_TWIN_FROM = 3  # fields; below that storing through the slots is as fast
_FREE_THREADED = bool(sysconfig.get_config_var("Py_GIL_DISABLED"))


class _Slot(Protocol):
    def __set__(self, obj: object, value: object, /) -> None: ...


def maker(cls: Callable[P, T]) -> Callable[P, T]:
    """A constructor with ``cls``'s own signature that skips its checks.

    Classes with ``__attrs_pre_init__`` or ``__attrs_post_init__``, fields
    left out of ``__init__``, renamed there or private, defaults that need
    ``self``, and slots that hold no field (``cache_hash=True``) are refused
    with :class:`TypeError`: their objects cannot be built field by field.
    """
    if not isinstance(cls, type) or not attrs.has(cls) or "__slots__" not in cls.__dict__:
        raise TypeError(f"{cls!r} is not a slotted attrs class")
    for hook in ("__attrs_pre_init__", "__attrs_post_init__"):
        if hasattr(cls, hook):
            raise TypeError(f"{cls.__name__} has {hook}: build it with the class")
    fields = attrs.fields(cls)
    slots = _own_slots(cls)
    stray = set(slots) - {field.name for field in fields} - {"__weakref__"}
    if stray:
        raise TypeError(f"{cls.__name__} has slots that hold no field: {sorted(stray)}")
    twin = _twin(cls, slots) if len(fields) >= _TWIN_FROM and not _FREE_THREADED else None
    # The generated code's own names start with "_": no field's may (checked below).
    names = {"_new": object.__new__, "_cls": cls, "_twin": twin, "_NOTHING": attrs.NOTHING}
    positional: list[str] = []
    keywords: list[str] = []
    body = ["    _obj = _new(_cls)" if twin is None else "    _obj = _new(_twin)"]
    for field in fields:
        name, default = field.name, field.default
        if not field.init or field.alias != name or name.startswith("_"):
            raise TypeError(f"{cls.__name__}.{name} is not a plain __init__ argument")
        param = name
        if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
            if default.takes_self:
                raise TypeError(f"{cls.__name__}.{name}'s default needs self")
            param = f"{name}=_NOTHING"
            body.append(f"    if {name} is _NOTHING:\n        {name} = _factory_{name}()")
            names[f"_factory_{name}"] = default.factory
        elif default is not attrs.NOTHING:
            param = f"{name}=_default_{name}"
            names[f"_default_{name}"] = default
        (keywords if field.kw_only else positional).append(param)
        if twin is None:
            body.append(f"    _set_{name}(_obj, {name})")
            names[f"_set_{name}"] = _slot(cls, name).__set__
        else:
            body.append(f"    _obj.{name} = {name}")
    if twin is not None:
        body.append("    _obj.__class__ = _cls")
    params = ", ".join([*positional, "*", *keywords] if keywords else positional)
    source = f"def make({params}):\n" + "\n".join(body) + "\n    return _obj\n"
    exec(compile(source, f"<wamsg maker for {cls.__qualname__}>", "exec"), names)
    make: Callable[P, T] = names["make"]  # type: ignore[assignment]
    make.__qualname__ = make.__name__ = f"make_{cls.__name__}"
    return make


def _own_slots(cls: type) -> tuple[str, ...]:
    slots = cls.__dict__["__slots__"]
    return (slots,) if isinstance(slots, str) else tuple(slots)


def _slot(cls: type, name: str) -> _Slot:
    for klass in cls.__mro__:
        if name in klass.__dict__:
            slot: _Slot = klass.__dict__[name]
            return slot
    raise TypeError(f"{cls.__name__} has no slot {name!r}")  # pragma: no cover - attrs makes one


def _twin(cls: type, slots: tuple[str, ...]) -> type:
    """A class laid out as ``cls`` whose fields can be assigned.

    Frozen attrs classes define both ``__setattr__`` and ``__delattr__``;
    restoring both to ``object``'s gives the twin Python's own attribute
    writes, which the interpreter runs fast on slots. The twin is a sibling
    of ``cls`` (same bases, same slots) where Python lets an object change
    between the two; Python 3.10 and 3.11 refuse that for slotted classes
    with a ``__weakref__`` slot, and there the twin is a subclass adding no
    slot. Python itself checks the layouts: a first object is given the class.
    """
    namespace = {
        "__setattr__": object.__setattr__,
        "__delattr__": object.__delattr__,
        "__module__": cls.__module__,
        "__qualname__": f"{cls.__qualname__}.<mutable twin>",
    }
    name, meta = f"_Mutable{cls.__name__}", type(cls)
    sibling: type = meta(name, cls.__bases__, {**namespace, "__slots__": slots})
    if _becomes(sibling, cls):
        return sibling
    subclass: type = meta(name, (cls,), {**namespace, "__slots__": ()})
    if not _becomes(subclass, cls):  # pragma: no cover - a subclass adding no slot always can
        raise TypeError(f"{cls.__name__} cannot be built through a twin")
    return subclass


def _becomes(twin: type, cls: type) -> bool:
    """Whether an object made as ``twin`` can be given the class ``cls``."""
    probe: object = object.__new__(twin)
    try:
        probe.__class__ = cls
    except TypeError:
        return False
    return True
