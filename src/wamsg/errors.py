"""The one error tree of wamsg.

Every exception a public function raises on bad input or misuse is a
:class:`WamsgError`. A "no" from a policy (window closed, template paused, …) is
*not* an exception: policies return decision values.

- :class:`ValidationError` (also a :class:`ValueError`): input that cannot be
  turned into a valid value. It names the field (a dotted path), the offending
  value (masked when secret) and the reason.
- :class:`SignatureError`: a webhook request whose signature or credentials do
  not verify.
- :class:`InvalidTransition`: a state machine move that is not allowed, raised
  only where the caller asked for strictness.
- :class:`UnknownProvider`: a provider name that is not registered.
"""

from __future__ import annotations

import reprlib
from collections.abc import Iterable

__all__ = [
    "InvalidTransition",
    "SignatureError",
    "UnknownProvider",
    "ValidationError",
    "WamsgError",
]

_MAX_SHOWN = 80
# The offending value is shown shortened: at most three levels deep and a few
# items per container, so that no input (however large or deep) is rendered whole.
_SHORT = reprlib.Repr()
_SHORT.maxlevel = 3
_SHORT.maxstring = _SHORT.maxother = 4 * _MAX_SHOWN
_SHORT.maxlong = 40


def _shown(value: object) -> str:
    """``value``'s repr, shortened: never the whole of a large or deep input."""
    try:
        shown = _SHORT.repr(value)
    except (ValueError, RecursionError):  # an int beyond the digit limit; a deep value
        shown = f"<{type(value).__name__} too large to show>"
    if len(shown) > _MAX_SHOWN:
        shown = shown[: _MAX_SHOWN - 1] + "…"
    return shown


class WamsgError(Exception):
    """Root of every exception raised by wamsg."""


class ValidationError(WamsgError, ValueError):
    """Input that cannot become a valid wamsg value.

    ``field`` is a dotted path to what was wrong (``"customer.phone"``,
    ``"components[2].buttons[0].text"``), ``value`` the offending input (or
    ``"***"`` when ``secret`` is true) and ``reason`` a sentence saying why.
    """

    field: str
    value: object
    reason: str

    def __init__(
        self, reason: str, *, field: str, value: object = None, secret: bool = False
    ) -> None:
        self.field = field
        self.value = "***" if secret else value
        self.reason = reason
        super().__init__(self._render())

    def _render(self) -> str:
        if self.value is None:
            return f"{self.field}: {self.reason}"
        return f"{self.field}: {self.reason} (got {_shown(self.value)})"

    def within(self, prefix: str) -> ValidationError:
        """Return the same error with ``prefix`` put in front of its field path."""
        if self.field == prefix or self.field.startswith(prefix + "."):
            return self
        field = f"{prefix}.{self.field}" if self.field else prefix
        if self.field.startswith("["):
            field = f"{prefix}{self.field}"
        error = ValidationError(self.reason, field=field, value=self.value)
        error.__cause__ = self.__cause__
        return error


class SignatureError(WamsgError):
    """A webhook request whose signature, token or API key does not verify."""


class InvalidTransition(WamsgError):
    """A state change that the state machine does not allow.

    ``state`` is where the machine stood and ``event`` what was asked of it.
    """

    state: str
    event: str

    def __init__(self, state: str, event: str, reason: str = "") -> None:
        self.state = state
        self.event = event
        message = f"cannot apply {event!r} in state {state!r}"
        super().__init__(f"{message}: {reason}" if reason else message)


class UnknownProvider(WamsgError, LookupError):
    """A provider name that no registered adapter answers to."""

    name: str
    known: tuple[str, ...]

    def __init__(self, name: str, known: Iterable[str]) -> None:
        self.name = name
        self.known = tuple(sorted(known))
        listed = ", ".join(self.known) or "none"
        super().__init__(f"unknown provider {_shown(name)}; known providers: {listed}")
