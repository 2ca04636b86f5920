"""Hypothesis strategies and helpers for the routing condition language's tests.

:func:`evaluate` runs a condition through both evaluators and checks they agree.

:func:`json_conditions` builds *valid* JSON forms (every one loads), over a small set of
paths and values when ``small`` is true so that random contexts often match;
:func:`contexts` builds hostile contexts (NaN, signalling NaN, infinities, huge
integers, bools, None, nested lists and tuples); :func:`json_noise` and
:func:`token_soup` build inputs that are mostly invalid, for the fuzz tests.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from datetime import date, datetime, timezone
from decimal import Decimal

from hypothesis import strategies as st

from wamsg.hours import BusinessHours
from wamsg.routing import RESERVED_WORDS, Path, parse_condition

AT = datetime(2026, 11, 27, 10, tzinfo=timezone.utc)
HOURS = {
    "office": BusinessHours.parse("Mon-Fri 09:00-17:00", timezone="Europe/Helsinki"),
    "night": BusinessHours.parse("Mon-Sun 22:00-06:00", timezone="UTC"),
}
OFFICE = BusinessHours.parse(
    "Mon-Fri 09:00-17:00", timezone="Europe/Helsinki", holidays=[date(2026, 12, 24)]
)
"""The common setup's hours: Helsinki, Mon–Fri 09:00–17:00, closed 2026-12-24."""


def evaluate(text: str, context: Mapping[str, object], at: datetime = AT) -> tuple[object, object]:
    """``(result, note of the first clause)``, after checking test and explain agree.

    The note is None when no clause was listed (the constants ``true``/``false`` alone).
    """
    compiled = parse_condition(text, hours=["office"]).compile({"office": OFFICE})
    explained = compiled.explain(context, at)
    assert compiled.test(context, at) is explained.result
    return explained.result, explained.clauses[0].note if explained.clauses else None


COMPARISONS = ("==", "!=", "<", "<=", ">", ">=", "in", "not in", "has", "contains", "starts_with")

TEXT = st.text(st.characters(blacklist_categories=["Cs"]), max_size=12)
NAMES = st.text(string.ascii_letters + "_", min_size=1, max_size=6).filter(
    lambda name: name.lower() not in RESERVED_WORDS
)
SEGMENTS = st.one_of(NAMES, TEXT, st.integers(0, 10**6))
DECIMALS = st.decimals(
    allow_nan=False, allow_infinity=False, places=3, max_value=10**9, min_value=-(10**9)
)

SMALL_TEXTS = st.sampled_from(["a", "b", "Ab", "gold", ""])
SMALL_NUMBERS = st.sampled_from(
    [0, 1, 2, -1, Decimal("1.0"), Decimal("1.5"), Decimal("0.1"), Decimal("2.2")]
)
SMALL_PATHS = st.sampled_from(["a", "b", "c.d", "c.e", "c['x-y']", "l[0]", "l[1]", "c.l"])


def paths(small: bool) -> st.SearchStrategy[str]:
    """Path texts: a few fixed ones (``small``) or any valid path."""
    if small:
        return SMALL_PATHS
    return st.builds(
        lambda first, rest: str(Path((first, *rest))), NAMES, st.lists(SEGMENTS, max_size=5)
    )


def scalars(small: bool) -> st.SearchStrategy[object]:
    """Literal scalars: texts, integers, decimals, booleans."""
    if small:
        return st.one_of(SMALL_TEXTS, SMALL_NUMBERS, st.booleans())
    return st.one_of(TEXT, st.integers(-(10**30), 10**30), DECIMALS, st.booleans())


@st.composite
def comparisons(draw: st.DrawFn, small: bool = False) -> dict[str, object]:
    """One valid comparison, null check or ``open()`` in the JSON form."""
    op = draw(st.sampled_from((*COMPARISONS, "is null", "is not null", "open")))
    if op == "open":
        return {"op": "open", "hours": draw(st.sampled_from(sorted(HOURS)))}
    node: dict[str, object] = {"op": op, "path": draw(paths(small))}
    if op in ("is null", "is not null"):
        return node
    if draw(st.integers(0, 4)) == 0:
        node["ref"] = draw(paths(small))
        return node
    texts = SMALL_TEXTS if small else TEXT
    numbers = SMALL_NUMBERS if small else st.one_of(st.integers(), DECIMALS)
    if op in ("in", "not in"):
        node["value"] = draw(st.lists(scalars(small), max_size=5))
    elif op in ("contains", "starts_with"):
        node["value"] = draw(texts)
    elif op in ("<", "<=", ">", ">="):
        node["value"] = draw(st.one_of(texts, numbers))
    else:
        node["value"] = draw(scalars(small))
    return node


CONSTANTS: st.SearchStrategy[dict[str, object]] = st.sampled_from(
    [{"op": "true"}, {"op": "false"}]
)
"""The constant conditions ``true`` and ``false`` in the JSON form."""


def any_leaf(small: bool = False) -> st.SearchStrategy[dict[str, object]]:
    """A comparison, a null check, ``open()`` or (one time in four) a constant."""
    one = comparisons(small)
    return st.one_of(one, one, one, CONSTANTS)


@st.composite
def equalities(draw: st.DrawFn) -> dict[str, object]:
    """``path == value`` or ``path in [...]`` over the small paths and values."""
    path = draw(st.sampled_from(["a", "c.d", "l[0]"]))  # few paths: or-alternatives share them
    if draw(st.booleans()):
        return {"op": "==", "path": path, "value": draw(scalars(True))}
    return {"op": "in", "path": path, "value": draw(st.lists(scalars(True), max_size=4))}


def keyed_conditions() -> st.SearchStrategy[dict[str, object]]:
    """Small conditions made mostly of equalities: the ones with equality keys."""
    keyed = st.one_of(equalities(), equalities(), equalities(), comparisons(True), CONSTANTS)
    return json_conditions(small=True, leaves=keyed, size=5)


def json_conditions(
    small: bool = False,
    leaves: st.SearchStrategy[dict[str, object]] | None = None,
    size: int = 12,
) -> st.SearchStrategy[dict[str, object]]:
    """Valid JSON forms: comparisons and constants under ``and``/``or``/``not``."""

    def extend(
        children: st.SearchStrategy[dict[str, object]],
    ) -> st.SearchStrategy[dict[str, object]]:
        return st.one_of(
            st.builds(lambda arg: {"op": "not", "arg": arg}, children),
            st.builds(
                lambda op, args: {"op": op, "args": args},
                st.sampled_from(["and", "or"]),
                st.lists(children, min_size=1, max_size=4),
            ),
        )

    base = any_leaf(small) if leaves is None else leaves
    return st.recursive(base, extend, max_leaves=size)


HOSTILE_SCALARS = st.one_of(
    SMALL_TEXTS,
    SMALL_NUMBERS,
    st.booleans(),
    st.none(),
    st.sampled_from(
        [
            Decimal("NaN"),
            Decimal("sNaN"),
            Decimal("-Infinity"),
            Decimal("1E+999999999"),
            float("nan"),
            float("inf"),
            1.0,
            1.5,
            0.1,
            -0.0,
            10**4001,  # more digits than wamsg compares, fewer than repr refuses
            AT,
            b"a",
            frozenset({1}),
        ]
    ),
    st.integers(),
    st.floats(),
    TEXT,
)


def contexts() -> st.SearchStrategy[dict[str, object]]:
    """Routing contexts over the small paths' keys, with hostile values anywhere."""
    values = st.recursive(
        HOSTILE_SCALARS,
        lambda inner: st.one_of(
            st.lists(inner, max_size=4),
            st.lists(inner, max_size=4).map(tuple),
            st.dictionaries(st.sampled_from(["d", "e", "l", "x-y", "a"]), inner, max_size=4),
        ),
        max_leaves=10,
    )
    return st.dictionaries(st.sampled_from(["a", "b", "c", "l"]), values, max_size=4)


FRIENDLY_SCALARS = st.one_of(
    SMALL_TEXTS, SMALL_NUMBERS, st.booleans(), st.sampled_from([1.0, 1.5, 0.1, 2.0, None])
)


@st.composite
def friendly_contexts(draw: st.DrawFn) -> dict[str, object]:
    """Contexts whose every small path holds a value the small literals often equal."""
    inner = {
        "d": draw(FRIENDLY_SCALARS),
        "e": draw(FRIENDLY_SCALARS),
        "x-y": draw(FRIENDLY_SCALARS),
        "l": draw(st.lists(FRIENDLY_SCALARS, max_size=3)),
    }
    return {
        "a": draw(FRIENDLY_SCALARS),
        "b": draw(FRIENDLY_SCALARS),
        "c": inner,
        "l": draw(st.lists(FRIENDLY_SCALARS, min_size=1, max_size=3)),
    }


def literals_of(shape: object) -> list[object]:
    """Every literal in a JSON form (list items one by one)."""
    found: list[object] = []
    pending = [shape]
    while pending:
        node = pending.pop()
        if isinstance(node, dict):
            pending.extend(node.get("args", []))
            if "arg" in node:
                pending.append(node["arg"])
            value = node.get("value")
            found.extend(value if isinstance(value, list) else [value] if "value" in node else [])
    return found


@st.composite
def matching_contexts(draw: st.DrawFn, shape: object) -> dict[str, object]:
    """A context whose small paths hold the condition's own literals (or their floats)."""
    pool = literals_of(shape)
    floats = [float(v) for v in pool if type(v) in (int, Decimal)]  # type: ignore[arg-type]
    pool += floats * 3 + [None, "zz", 1.0]
    pick = st.sampled_from(pool)
    return {
        "a": draw(pick),
        "b": draw(pick),
        "c": {"d": draw(pick), "e": draw(pick), "x-y": draw(pick), "l": draw(st.lists(pick))},
        "l": draw(st.lists(pick, min_size=2, max_size=3)),
    }


JSON_KEYS = st.sampled_from(["op", "args", "arg", "path", "value", "ref", "hours", "extra"])
JSON_OPS = st.sampled_from(
    [
        *COMPARISONS,
        "and",
        "or",
        "not",
        "is null",
        "is not null",
        "open",
        "true",
        "false",
        "AND",
        "TRUE",
        "=",
    ]
)


def json_noise() -> st.SearchStrategy[object]:
    """JSON-ish values (mostly invalid conditions): op names, paths, numbers, nesting."""
    leaves = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(),
        DECIMALS,
        st.sampled_from([Decimal("NaN"), 10**4001, Decimal("1E+5000")]),
        TEXT,
        JSON_OPS,
        SMALL_PATHS,
        st.text(max_size=5),  # lone surrogates too
    )
    return st.recursive(
        leaves,
        lambda inner: st.one_of(
            st.lists(inner, max_size=4),
            st.dictionaries(JSON_KEYS, inner, max_size=4),
            st.dictionaries(st.one_of(JSON_KEYS, st.integers()), inner, max_size=3),
        ),
        max_leaves=20,
    )


TOKENS = st.sampled_from(
    [
        "a", "b.c", "c['x-y']", "l[0]", "x-y", "and", "OR", "not", "NOT", "in", "has",
        "contains", "starts_with", "is", "null", "true", "False", "open", "(", ")", "[",
        "]", ",", "==", "!=", "<", "<=", ">", ">=", "=", "!", "&&", "'a'", '"b"', "'",
        "\\", "1", "-2", "1.5", "1e3", "1.", "5x", "'\\u00e9'", "'\\ud800'", "é", "[0]",
        ".", "a.", "a[", "a['", "open('office')", "\t", "\n",
    ]
)  # fmt: skip


def token_soup() -> st.SearchStrategy[str]:
    """Texts made of the language's tokens in random order (mostly invalid)."""
    return st.lists(TOKENS, max_size=25).map(" ".join) | st.lists(TOKENS, max_size=25).map("".join)
