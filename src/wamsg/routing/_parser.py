"""The parser of the condition text: recursive descent over the lexer's tokens.

Grammar (keywords case-insensitive; ``not`` binds tighter than ``and``, ``and`` tighter
than ``or``)::

    condition  := or_expr END
    or_expr    := and_expr ("or" and_expr)*
    and_expr   := unary ("and" unary)*
    unary      := "not" unary | "(" or_expr ")" | "true" | "false"
                | "open" "(" STRING ")" | comparison
    comparison := PATH "is" ["not"] "null"
                | PATH op operand
    op         := "==" | "!=" | "<" | "<=" | ">" | ">=" | "in" | "not" "in"
                | "has" | "contains" | "starts_with"
    operand    := literal | PATH
    literal    := STRING | NUMBER | "true" | "false" | "[" [scalar ("," scalar)*] "]"

Parentheses and ``not`` may nest :data:`~wamsg.routing._tree.MAX_CONDITION_DEPTH` deep;
the parser counts them before it descends, so no input reaches Python's recursion
limit. Every error names the character where the parser stopped.

``true`` and ``false`` are read two ways: as a whole condition (a :class:`Constant`)
where a clause may stand, and as a literal after a comparison operator
(``customer.vip == true``), exactly as before they were conditions.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from wamsg.errors import ValidationError
from wamsg.routing._checks import comparison_problem
from wamsg.routing._lexer import Token, tokenize
from wamsg.routing._scan import at_char
from wamsg.routing._tree import (
    MAX_CLAUSES,
    MAX_CONDITION_DEPTH,
    MAX_LIST_ITEMS,
    Comparison,
    Constant,
    Literal,
    Node,
    Not,
    NullCheck,
    OpenCheck,
    Scalar,
    conjunction,
    disjunction,
)
from wamsg.routing.paths import Path

__all__ = ["parse_text"]

_WORD_OPS = ("in", "has", "contains", "starts_with")


def _shown(token: Token) -> str:
    if token.kind == "end":
        return "the end of the text"
    if token.kind == "string":
        return "a quoted text"
    return repr(str(token.value))


class _Parser:
    """One parse: the tokens, where it stands, and what it has counted."""

    def __init__(
        self,
        tokens: list[Token],
        field: str,
        types: Mapping[Path, str],
        hours: Collection[str] | None,
    ) -> None:
        self.tokens = tokens
        self.index = 0
        self.field = field
        self.types = types
        self.hours = hours
        self.depth = 0
        self.clauses = 0

    # -- tokens -----------------------------------------------------------------

    def peek(self) -> Token:
        return self.tokens[self.index]

    def take(self) -> Token:
        token = self.tokens[self.index]
        if token.kind != "end":
            self.index += 1
        return token

    def is_word(self, word: str) -> bool:
        token = self.tokens[self.index]
        return token.kind == "word" and token.value == word

    def is_punct(self, char: str) -> bool:
        token = self.tokens[self.index]
        return token.kind == "punct" and token.value == char

    def fail(self, reason: str, token: Token | None = None) -> ValidationError:
        token = token or self.peek()
        return ValidationError(f"{reason} {at_char(token.start)}", field=self.field)

    def expect_punct(self, char: str, what: str) -> Token:
        if not self.is_punct(char):
            raise self.fail(f"expected {char!r} {what}, found {_shown(self.peek())}")
        return self.take()

    # -- structure ----------------------------------------------------------------

    def condition(self) -> Node:
        node = self.or_expr()
        if self.peek().kind != "end":
            raise self.fail(f"expected 'and', 'or' or the end, found {_shown(self.peek())}")
        return node

    def or_expr(self) -> Node:
        args = [self.and_expr()]
        while self.is_word("or"):
            self.take()
            args.append(self.and_expr())
        return disjunction(args)

    def and_expr(self) -> Node:
        args = [self.unary()]
        while self.is_word("and"):
            self.take()
            args.append(self.unary())
        return conjunction(args)

    def deeper(self, token: Token) -> None:
        self.depth += 1
        if self.depth > MAX_CONDITION_DEPTH:
            raise self.fail(
                f"nested more than {MAX_CONDITION_DEPTH} levels deep (parentheses and 'not')",
                token,
            )

    def unary(self) -> Node:
        token = self.peek()
        if self.is_word("not"):
            self.take()
            self.deeper(token)
            node: Node = Not(self.unary())
            self.depth -= 1
            return node
        if self.is_punct("("):
            self.take()
            self.deeper(token)
            node = self.or_expr()
            self.expect_punct(")", "to close the '(' " + at_char(token.start))
            self.depth -= 1
            return node
        if self.is_word("open"):
            return self.open_check()
        if self.is_word("true") or self.is_word("false"):
            return self.constant()
        if token.kind == "path":
            return self.comparison()
        raise self.fail(
            f"expected a path, 'not', 'open(', 'true', 'false' or '(', found {_shown(token)}"
        )

    def count_clause(self, token: Token) -> None:
        self.clauses += 1
        if self.clauses > MAX_CLAUSES:
            raise self.fail(f"more than {MAX_CLAUSES} clauses", token)

    def compares_next(self) -> bool:
        """Whether the next tokens are an operator (``==``, ``in``, ``not in``, ``is``)."""
        token = self.peek()
        if token.kind == "op" or (token.kind == "word" and token.value in (*_WORD_OPS, "is")):
            return True
        after = self.tokens[min(self.index + 1, len(self.tokens) - 1)]
        return self.is_word("not") and after.kind == "word" and after.value == "in"

    def constant(self) -> Node:
        token = self.take()
        self.count_clause(token)
        if self.compares_next():
            raise ValidationError(
                f"the constant {token.value!r} {at_char(token.start)} is a whole condition, "
                "not something to compare: a comparison starts with a path "
                "(customer.vip == true)",
                field=self.field,
            )
        if self.is_punct("["):  # true['x']: as true.x, a path that starts with a keyword
            raise self.fail(f"{token.value!r} is a keyword; a path cannot start with it", token)
        return Constant(token.value == "true")

    def open_check(self) -> Node:
        start = self.take()
        self.count_clause(start)
        self.expect_punct("(", "after 'open'")
        token = self.take()
        if token.kind != "string" or not token.value:
            raise self.fail("open() takes an hours id in quotes, as open('office')", token)
        self.expect_punct(")", "after the hours id")
        hours_id = str(token.value)
        if self.hours is not None and hours_id not in self.hours:
            known = ", ".join(sorted(self.hours)[:10]) or "none"
            raise self.fail(f"unknown hours id {hours_id!r} (known: {known})", token)
        return OpenCheck(hours_id)

    # -- comparisons --------------------------------------------------------------

    def comparison(self) -> Node:
        start = self.take()
        path = start.value
        assert isinstance(path, Path)
        self.count_clause(start)
        token = self.take()
        if token.kind == "word" and token.value == "is":
            negated = self.is_word("not")
            if negated:
                self.take()
            if not self.is_word("null"):
                raise self.fail(f"expected 'null' after 'is', found {_shown(self.peek())}")
            self.take()
            return NullCheck(path, negated)
        if token.kind == "op" or (token.kind == "word" and token.value in _WORD_OPS):
            op = str(token.value)
        elif token.kind == "word" and token.value == "not":
            if not self.is_word("in"):
                raise self.fail(f"expected 'in' after 'not', found {_shown(self.peek())}")
            self.take()
            op = "not in"
        elif token.kind == "punct" and token.value == "(":
            raise self.fail(
                f"unknown function {str(path)!r}: the one function is open('hours-id')", start
            )
        else:
            raise self.fail(
                f"expected an operator after {str(path)!r} (==, !=, <, <=, >, >=, in, "
                f"not in, has, contains, starts_with, is null), found {_shown(token)}",
                token,
            )
        node = self.operand(path, op)
        problem = comparison_problem(node, self.types)
        if problem is not None:
            raise self.fail(problem, start)
        return node

    def operand(self, path: Path, op: str) -> Comparison:
        token = self.peek()
        if token.kind == "path":
            self.take()
            ref = token.value
            assert isinstance(ref, Path)
            return Comparison(path, op, ref=ref)
        if self.is_punct("["):
            return Comparison(path, op, self.list_literal())
        return Comparison(path, op, self.scalar(path, op))

    def scalar(self, path: Path, op: str) -> Scalar:
        token = self.take()
        if token.kind in ("string", "number"):
            return token.value  # type: ignore[return-value]
        if token.kind == "word" and token.value in ("true", "false"):
            return token.value == "true"
        if token.kind == "word" and token.value == "null":
            test = "is not null" if op == "!=" else "is null"
            raise self.fail(f"null is not a value to compare: write '{path} {test}'", token)
        raise self.fail(f"expected a value or a path after {op!r}, found {_shown(token)}", token)

    def list_literal(self) -> Literal:
        opening = self.take()
        items: list[Scalar] = []
        if self.is_punct("]"):
            self.take()
            return ()
        while True:
            token = self.peek()
            if token.kind == "path" or self.is_punct("["):
                raise self.fail("a list literal holds only texts, numbers and booleans", token)
            items.append(self.scalar_in_list())
            if len(items) > MAX_LIST_ITEMS:
                raise self.fail(f"a list literal has at most {MAX_LIST_ITEMS} items", opening)
            if self.is_punct("]"):
                self.take()
                return tuple(items)
            self.expect_punct(",", "or ']' in the list opened " + at_char(opening.start))

    def scalar_in_list(self) -> Scalar:
        token = self.take()
        if token.kind in ("string", "number"):
            return token.value  # type: ignore[return-value]
        if token.kind == "word" and token.value in ("true", "false"):
            return token.value == "true"
        raise self.fail(f"expected a text, a number or a boolean, found {_shown(token)}", token)


def parse_text(
    text: str, field: str, types: Mapping[Path, str], hours: Collection[str] | None
) -> Node:
    """The tree of the condition ``text`` (its length already checked)."""
    parser = _Parser(tokenize(text, field), field, types, hours)
    return parser.condition()
