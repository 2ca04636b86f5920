"""A library of template variants with their lifecycles, updated by provider events."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from wamsg._internal import fields as check
from wamsg._internal.json import Json, is_text
from wamsg.errors import ValidationError
from wamsg.events import (
    TemplateCategoryChanged,
    TemplateIdentity,
    TemplateQualityChanged,
    TemplateStatusChanged,
)
from wamsg.templates._readers import template_from_dict
from wamsg.templates.lifecycle import _TEMPLATE_EVENTS, Lifecycle
from wamsg.templates.model import Template, normalize_language

__all__ = ["TemplateEvent", "TemplateLibrary"]

TemplateEvent = TemplateStatusChanged | TemplateQualityChanged | TemplateCategoryChanged
"""A provider event about one template variant: its status, quality or category changed."""


def _lifecycles(library: TemplateLibrary) -> dict[tuple[str, str], Lifecycle]:
    return {t.key: Lifecycle.of(t) for t in library.templates}


def _templates(value: object) -> tuple[Template, ...]:
    """Converter of ``templates`` (checked here: the lifecycles' default reads them)."""
    kept = check.as_tuple(value)
    if type(kept) is not tuple:
        raise ValidationError("must be a tuple of Template", field="templates", value=kept)
    for index, item in enumerate(kept):
        check.argument(item, Template, f"templates[{index}]")
    return kept


def _is_key(key: object) -> bool:
    return (
        type(key) is tuple
        and len(key) == 2
        and all(isinstance(part, str) and is_text(part) for part in key)
    )


def _check_lifecycles(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validator of ``lifecycles``: a dict of (name, language) → :class:`Lifecycle`."""
    if type(value) is not dict:
        raise ValidationError("must be a dict of (name, language) → Lifecycle", field="lifecycles")
    for key, lifecycle in value.items():
        if not _is_key(key):
            raise ValidationError("keys must be (name, language) texts", field="lifecycles")
        check.argument(lifecycle, Lifecycle, f"lifecycles[{key[0]!r}, {key[1]!r}]")


@attrs.frozen(kw_only=True)
class TemplateLibrary:
    """Every variant a business has, keyed by (name, language), and their lifecycles.

    ``default_language`` is the last language tried when choosing a template.
    """

    templates: tuple[Template, ...] = attrs.field(converter=_templates)
    default_language: str = attrs.field(default="en_US", converter=normalize_language)
    lifecycles: dict[tuple[str, str], Lifecycle] = attrs.field(
        default=attrs.Factory(_lifecycles, takes_self=True),
        hash=False,
        validator=_check_lifecycles,
    )
    _by_key: dict[tuple[str, str], Template] = attrs.field(
        init=False, eq=False, hash=False, repr=False
    )

    @_by_key.default
    def _index(self) -> dict[tuple[str, str], Template]:
        return {t.key: t for t in self.templates}

    @classmethod
    def from_dicts(cls, items: Iterable[Json], default_language: str = "en_US") -> TemplateLibrary:
        """Read templates in Meta's JSON shape (a list, or the ``{"data": [...]}`` page)."""
        if isinstance(items, Mapping):
            items = items.get("data", [])
        if not isinstance(items, list):
            raise ValidationError("must be a list of templates", field="templates", value=items)
        templates = tuple(template_from_dict(d, f"templates[{i}]") for i, d in enumerate(items))
        return cls(templates=templates, default_language=default_language)

    def get(self, name: str, language: str) -> Template | None:
        """The variant (name, language), language in any spelling (``en-US``)."""
        if not isinstance(name, str):
            raise ValidationError("must be a template name", field="name", value=name)
        return self._by_key.get((name, normalize_language(language)))

    def languages(self, name: str) -> tuple[str, ...]:
        """The languages ``name`` exists in, in library order."""
        return tuple(t.language for t in self.templates if t.name == name)

    def lifecycle(self, template: Template) -> Lifecycle:
        """The current lifecycle of ``template``."""
        check.argument(template, Template, "template")
        return self.lifecycles.get(template.key) or Lifecycle.of(template)

    def _find(self, identity: TemplateIdentity) -> Template | None:
        if identity.id is not None:
            for template in self.templates:
                if template.template_id == identity.id:
                    return template
        if identity.name is not None and identity.language is not None:
            return self.get(identity.name, identity.language)
        return None

    def apply(self, event: TemplateEvent, *, strict: bool = False) -> TemplateLibrary:
        """The library after ``event``; an event about an unknown template changes nothing."""
        check.argument(event, _TEMPLATE_EVENTS, "event")
        template = self._find(event.template)
        if template is None:
            return self
        lifecycles = dict(self.lifecycles)
        lifecycles[template.key] = self.lifecycle(template).apply(event, strict=strict)
        return attrs.evolve(self, lifecycles=lifecycles)
