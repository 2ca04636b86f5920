"""The condition language of routing rules: :func:`parse_condition` and :class:`Condition`.

A condition reads a routing context (nested mappings of the conversation's attributes)
and answers True, False or unknown. It has two equivalent forms, read by the same
function into the same tree: a text close to Twilio TaskRouter's expressions
(``business == '+358401000001' and customer.tier in ['gold', 'vip']``) and a JSON form
for admin UIs (``{"op": "and", "args": [...]}``). The constants ``true`` and ``false``
(``{"op": "true"}``, ``{"op": "false"}``) are conditions too, for a catch-all rule
(``true``) or one switched off (``false``). Both forms are closed languages: nothing is
evaluated as Python, the parser is a hand-written one-pass lexer and a recursive
descent bounded in depth, and every limit below is checked at load time:

- the text (also the canonical text of a JSON form): at most
  :data:`MAX_CONDITION_CHARS` characters;
- nesting: at most :data:`MAX_CONDITION_DEPTH` levels;
- a list literal: at most :data:`MAX_LIST_ITEMS` items;
- clauses (``true`` and ``false`` count as clauses): at most :data:`MAX_CLAUSES`;
- a path: at most :data:`~wamsg.routing.paths.MAX_PATH_SEGMENTS` segments.

Loading raises :class:`~wamsg.errors.ValidationError` only, naming the given ``field``
and where the problem is (a character position, a JSON location). With declared
``types`` a comparison that can never be right is refused at load time; without them
it is unknown (None) at run time. See ``CompiledCondition`` for evaluation.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import datetime

import attrs

from wamsg._internal import fields as check
from wamsg._internal.json import is_text
from wamsg._internal.reprs import capped
from wamsg.errors import ValidationError
from wamsg.hours import BusinessHours
from wamsg.routing._checks import read_hours, read_types
from wamsg.routing._compile import Test, build
from wamsg.routing._json_form import from_json, to_json
from wamsg.routing._keys import EqualityKey, equality_keys
from wamsg.routing._parser import parse_text
from wamsg.routing._tree import (
    MAX_CONDITION_CHARS,
    MAX_CONDITION_DEPTH,
    And,
    Comparison,
    Constant,
    Node,
    Not,
    NullCheck,
    OpenCheck,
    Or,
    depth_of,
    render,
)
from wamsg.routing.explain import Explanation, _explain_tree
from wamsg.routing.paths import Path

__all__ = ["CompiledCondition", "Condition", "parse_condition"]


_REPR_CHARS = 200


def _shortened(text: str) -> str:
    return text if len(text) <= _REPR_CHARS else f"{text[:_REPR_CHARS]}… ({len(text)} chars)"


def _facts(node: Node) -> tuple[frozenset[Path], frozenset[str]]:
    """Every path the tree reads and every hours id it names (no recursion)."""
    paths: set[Path] = set()
    hours: set[str] = set()
    pending: list[Node] = [node]
    while pending:
        current = pending.pop()
        if type(current) is Comparison:
            paths.add(current.path)
            if current.ref is not None:
                paths.add(current.ref)
        elif type(current) is NullCheck:
            paths.add(current.path)
        elif type(current) is OpenCheck:
            hours.add(current.hours_id)
        elif type(current) is Constant:
            pass
        elif type(current) is Not:
            pending.append(current.arg)
        else:
            assert type(current) is And or type(current) is Or
            pending.extend(current.args)
    return frozenset(paths), frozenset(hours)


@attrs.frozen(repr=False)
class Condition:
    """A parsed condition: a tree, equal and hashable by that tree.

    Read one with :func:`parse_condition`. ``text`` (also ``str()``) is the canonical
    text and :meth:`to_json` the JSON form; :func:`parse_condition` reads either back to
    an equal condition.
    """

    _tree: Node = attrs.field(
        alias="tree",
        validator=check.instance((Comparison, NullCheck, OpenCheck, Constant, Not, And, Or)),
    )
    _text: str = attrs.field(init=False, eq=False)
    _paths: frozenset[Path] = attrs.field(init=False, eq=False)
    _hours_ids: frozenset[str] = attrs.field(init=False, eq=False)

    def __attrs_post_init__(self) -> None:
        paths, hours_ids = _facts(self._tree)
        object.__setattr__(self, "_text", render(self._tree))
        object.__setattr__(self, "_paths", paths)
        object.__setattr__(self, "_hours_ids", hours_ids)

    @property
    def text(self) -> str:
        """The canonical text (lower-case keywords, single quotes, minimal parentheses)."""
        return self._text

    @property
    def paths(self) -> frozenset[Path]:
        """Every path the condition reads, on either side of a comparison."""
        return self._paths

    @property
    def hours_ids(self) -> frozenset[str]:
        """The business-hours ids its ``open()`` clauses name."""
        return self._hours_ids

    def to_json(self) -> dict[str, object]:
        """The JSON form (decimal literals stay :class:`~decimal.Decimal`)."""
        return to_json(self._tree)

    def equality_keys(self) -> tuple[EqualityKey, ...]:
        """Necessary equality constraints, for an index: each ``(path, values)`` means
        the condition can be true only if ``path``'s value is one of ``values``.

        ``p == literal`` gives ``{literal}``, ``p in [...]`` the list's items, ``and``
        concatenates, ``or`` keeps the paths every alternative constrains (the union of
        their sets); anything else constrains nothing (``true`` and ``false`` give
        ``()``). Sound: never excludes a context
        for which the condition is true (number sets also hold the equal ``float``).
        """
        return equality_keys(self._tree)

    def compile(self, hours: Mapping[str, BusinessHours] | None = None) -> CompiledCondition:
        """Compile for evaluation; ``hours`` must hold every id ``open()`` names."""
        return CompiledCondition(self, hours)

    def __str__(self) -> str:
        return self._text

    def __repr__(self) -> str:
        return f"Condition({_shortened(self._text)!r})"


def _bound_hours(hours_ids: frozenset[str], hours: object) -> dict[str, BusinessHours]:
    """The business hours of each id ``open()`` names, checked."""
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
    return bound


@attrs.frozen(eq=False, repr=False, init=False)
class CompiledCondition:
    """A condition compiled for evaluation, with the business hours it reads.

    ``CompiledCondition(condition, hours)`` (also ``condition.compile(hours)``) binds
    the :class:`~wamsg.hours.BusinessHours` its ``open()`` clauses name and compiles its
    tree to closures once; then ``test(context, at)`` answers True, False or None
    (unknown: a type mismatch decided it) in about a microsecond for a typical rule, and
    ``explain(context, at)`` gives the same result with every evaluated clause. Neither
    raises on any context; ``at`` is read only by ``open()`` clauses, which refuse a
    naive or out-of-range time with :class:`~wamsg.errors.ValidationError`.
    ``text`` is the condition's canonical text.
    """

    text: str
    _tree: Node
    _hours: Mapping[str, BusinessHours]
    _test: Test

    def __init__(
        self, condition: Condition, hours: Mapping[str, BusinessHours] | None = None
    ) -> None:
        check.argument(condition, Condition, "condition")
        bound = _bound_hours(condition.hours_ids, hours)
        tree = condition._tree
        for name, value in (
            ("text", condition.text),
            ("_tree", tree),
            ("_hours", bound),
            ("_test", build(tree, bound)),
        ):
            object.__setattr__(self, name, value)

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


def _checked_text(source: str, field: str) -> str:
    if len(source) > MAX_CONDITION_CHARS:
        raise ValidationError(
            f"a condition is at most {MAX_CONDITION_CHARS} characters", field=field,
            value=len(source),
        )  # fmt: skip
    if not source.strip():
        raise ValidationError("a condition cannot be empty", field=field)
    if not is_text(source):
        raise ValidationError("holds a lone surrogate, which is not text", field=field)
    return source


def parse_condition(
    source: str | Mapping[str, object],
    *,
    types: Mapping[str, str] | None = None,
    hours: Collection[str] | None = None,
    field: str = "when",
) -> Condition:
    """Read a condition from its text or its JSON form.

    ``types`` declares attribute types by path text (``{"customer.ltv": "int"}``; the
    names are :data:`TYPE_NAMES`): a comparison that can never be right for them is
    refused. ``hours`` lists the known business-hours ids (``open('x')`` with any other
    id is refused; None skips the check). Errors are
    :class:`~wamsg.errors.ValidationError` naming ``field`` (JSON locations under it).
    """
    if type(field) is not str:
        raise ValidationError("a field label must be a string", field="field", value=field)
    declared = read_types(types)
    known = read_hours(hours)
    if isinstance(source, str):
        tree = parse_text(_checked_text(source, field), field, declared, known)
    elif isinstance(source, Mapping):
        tree = from_json(source, field, declared, known)
    else:
        raise ValidationError(
            "must be a condition text or its JSON form (a mapping)", field=field, value=source
        )
    if depth_of(tree) > MAX_CONDITION_DEPTH:
        raise ValidationError(
            f"nested more than {MAX_CONDITION_DEPTH} levels deep (and, or, not)", field=field
        )
    condition = Condition(tree=tree)
    if len(condition.text) > MAX_CONDITION_CHARS:
        raise ValidationError(
            f"the condition's canonical text is longer than {MAX_CONDITION_CHARS} characters",
            field=field,
            value=len(condition.text),
        )
    return condition
