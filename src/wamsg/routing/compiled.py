"""A condition ready to evaluate: :class:`CompiledCondition` (``test`` and ``explain``).

``Condition.compile(hours)`` binds the business hours its ``open()`` clauses name and
compiles the tree to closures once; then ``test(context, at)`` answers True, False or
None (unknown: a type mismatch decided it) in about a microsecond for a typical rule,
and ``explain(context, at)`` gives the same result with every evaluated clause. Neither
raises on any context; ``at`` is read only by ``open()`` clauses, which refuse a naive
or out-of-range time with :class:`~wamsg.errors.ValidationError` (as
:meth:`~wamsg.hours.BusinessHours.is_open` does).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

import attrs

from wamsg._internal.reprs import capped
from wamsg.errors import ValidationError
from wamsg.hours import BusinessHours
from wamsg.routing._compile import Test, build
from wamsg.routing._tree import Node
from wamsg.routing.explain import Explanation, _explain_tree

__all__ = ["CompiledCondition"]


@attrs.frozen(eq=False, repr=False, init=False)
class CompiledCondition:
    """A condition compiled for evaluation, with the business hours it reads.

    ``text`` is the condition's canonical text. Build it with ``Condition.compile``:
    its closures are made from the condition's tree, so one cannot be given by hand,
    and calling the class itself raises :class:`~wamsg.errors.ValidationError`.
    """

    text: str
    _tree: Node
    _hours: Mapping[str, BusinessHours]
    _test: Test

    def __init__(self, *_args: object, **_kwargs: object) -> None:
        raise ValidationError(
            "is built by Condition.compile(hours), not by hand", field="CompiledCondition"
        )

    @classmethod
    def _build(
        cls, text: str, tree: Node, hours: Mapping[str, BusinessHours], test: Test
    ) -> CompiledCondition:
        """The compiled condition of ``tree`` (wamsg's own constructor)."""
        compiled = object.__new__(cls)
        for name, value in (("text", text), ("_tree", tree), ("_hours", hours), ("_test", test)):
            object.__setattr__(compiled, name, value)
        return compiled

    def test(self, context: Mapping[str, object], at: datetime) -> bool | None:
        """Whether the condition holds for ``context`` at ``at``: True, False, or None
        when a type mismatch leaves it unknown (a rule that does not match, in error).

        ``context`` is nested mappings (text keys), lists and scalars; ``at`` an aware
        datetime, read only by ``open()`` clauses.
        """
        return self._test(context, at)

    def explain(self, context: Mapping[str, object], at: datetime) -> Explanation:
        """:meth:`test`'s result with every clause evaluated on the way, in order."""
        return _explain_tree(self._tree, self._hours, context, at)

    def __repr__(self) -> str:
        return f"CompiledCondition({capped(self.text)})"


def _compile_tree(
    tree: Node, text: str, hours_ids: frozenset[str], hours: object
) -> CompiledCondition:
    """Compile ``tree``; ``hours`` must hold a :class:`BusinessHours` for each id."""
    if hours is None:
        hours = {}
    if not isinstance(hours, Mapping):
        raise ValidationError("must map hours ids to BusinessHours", field="hours", value=hours)
    bound: dict[str, BusinessHours] = {}
    for hours_id in sorted(hours_ids):
        found = hours.get(hours_id)
        if found is None:
            raise ValidationError(
                f"open({hours_id!r}) names hours that are not given", field="hours", value=hours_id
            )
        if not isinstance(found, BusinessHours):
            raise ValidationError(
                f"hours {hours_id!r} must be a BusinessHours", field="hours", value=found
            )
        bound[hours_id] = found
    return CompiledCondition._build(text, tree, bound, build(tree, bound))
