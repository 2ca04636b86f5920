"""Which adapter answers to which provider name.

A :class:`ProviderRegistry` is a value: :func:`default_registry` holds the
built-ins; :meth:`ProviderRegistry.with_provider` adds one;
:meth:`ProviderRegistry.with_entry_points` adds every adapter published under
the entry-point group ``wamsg.providers`` (third-party packages do so in their
``pyproject.toml``). Entry points are loaded only by that explicit call, never
at import time.

An entry point names a provider class (or any callable returning a
:class:`~wamsg.providers.Provider` when called without arguments), or a ready
instance.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from importlib import metadata
from typing import Any, Protocol

import attrs

from wamsg._internal import fields as check
from wamsg.errors import UnknownProvider, ValidationError
from wamsg.providers.base import Provider
from wamsg.providers.dialog360 import Dialog360Provider
from wamsg.providers.meta import MetaProvider
from wamsg.providers.sunshine import SunshineProvider
from wamsg.providers.twilio import TwilioProvider
from wamsg.providers.vonage import VonageProvider

__all__ = ["ENTRY_POINT_GROUP", "ProviderRegistry", "default_registry", "get_provider"]

ENTRY_POINT_GROUP = "wamsg.providers"
"""The entry-point group third-party adapters register under."""


class _EntryPoint(Protocol):
    @property
    def name(self) -> str: ...

    def load(self) -> object: ...


def _as_provider(name: str, loaded: object) -> Provider:
    candidate = loaded() if isinstance(loaded, type) else loaded
    if not isinstance(candidate, Provider):
        if callable(candidate):
            candidate = candidate()
        if not isinstance(candidate, Provider):
            raise ValidationError(
                "does not implement the Provider protocol", field=f"entry point {name!r}"
            )
    return candidate


def _check_entries(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validator of ``providers``: a tuple of (name, adapter) pairs, each name text."""
    if type(value) is not tuple:
        raise ValidationError("must be a tuple of (name, provider) pairs", field=attribute.name)
    for index, pair in enumerate(value):
        field = f"{attribute.name}[{index}]"
        if type(pair) is not tuple or len(pair) != 2:
            raise ValidationError("must be a (name, provider) pair", field=field)
        name, provider = pair
        check.text_of(name, f"{field}.name")
        if not isinstance(provider, Provider):
            raise ValidationError("does not implement the Provider protocol", field=field)


@attrs.frozen
class ProviderRegistry:
    """Provider names → adapters (unconfigured: configure one with ``attrs.evolve``)."""

    providers: tuple[tuple[str, Provider], ...] = attrs.field(
        default=(), converter=check.as_tuple, validator=_check_entries
    )

    @property
    def names(self) -> tuple[str, ...]:
        """The known provider names, sorted."""
        return tuple(sorted(name for name, _ in self.providers))

    def get(self, name: str) -> Provider:
        """The adapter called ``name``; :class:`~wamsg.UnknownProvider` names the known ones."""
        for known, provider in self.providers:
            if known == name:
                return provider
        raise UnknownProvider(name, self.names)

    def with_provider(self, name: str, provider: Provider) -> ProviderRegistry:
        """A registry that also (or instead) answers ``name`` with ``provider``."""
        check.text_of(name, "name")
        if not isinstance(provider, Provider):
            raise ValidationError("does not implement the Provider protocol", field=name)
        kept = tuple((known, p) for known, p in self.providers if known != name)
        return ProviderRegistry((*kept, (name, provider)))

    def with_entry_points(
        self, entry_points: Iterable[_EntryPoint] | None = None
    ) -> ProviderRegistry:
        """A registry with every adapter of the ``wamsg.providers`` group added.

        ``entry_points`` defaults to the installed distributions' (read through
        :mod:`importlib.metadata`, the only place wamsg looks outside itself,
        and only when called).
        """
        found: Iterable[_EntryPoint]
        if entry_points is None:
            found = tuple(metadata.entry_points(group=ENTRY_POINT_GROUP))
        else:
            check.iterable(entry_points, "entry_points")
            found = entry_points
        registry = self
        for index, entry in enumerate(found):
            name = check.text_of(getattr(entry, "name", None), f"entry_points[{index}].name")
            load = getattr(entry, "load", None)
            if not callable(load):
                raise ValidationError("must be an entry point", field=f"entry_points[{index}]")
            registry = registry.with_provider(name, _as_provider(name, load()))
        return registry


_BUILTINS: tuple[tuple[str, Callable[[], Provider]], ...] = (
    ("meta", MetaProvider),
    ("360dialog", Dialog360Provider),
    ("twilio", TwilioProvider),
    ("sunshine", SunshineProvider),
    ("vonage", VonageProvider),
)


def default_registry() -> ProviderRegistry:
    """The built-in adapters: meta, 360dialog, twilio, sunshine, vonage."""
    return ProviderRegistry(tuple((name, factory()) for name, factory in _BUILTINS))


def get_provider(name: str) -> Provider:
    """The built-in adapter called ``name`` (unconfigured: enough to verify and parse)."""
    return default_registry().get(name)
