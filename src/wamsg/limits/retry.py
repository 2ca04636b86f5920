"""How long to wait before retrying after a limit-related error, by Meta's error code.

==========  ==========================================  ====================================
code        what happened                               wait
==========  ==========================================  ====================================
131056      pair rate: too many messages to one user    4^attempt seconds (Meta)
130429      throughput: too many messages per second    backoff (policy: 1 s × 2^attempt, 64 s)
131049      per-user marketing cap ("healthy             at least 24 h (Meta)
            ecosystem engagement")
133016      register/deregister: > 10 in 72 h           72 h (the number is blocked)
131057      account in maintenance (throughput          about 60 s (at most a minute)
            upgrade)
133015      number deleted recently                     5 minutes
131064      limit cut for template-classification      not computable: when the enforcement
            violations (2026-04-17)                     ends (None)
==========  ==========================================  ====================================

[rule meta.pair-rate.retry] [rule meta.throughput.retry] [rule meta.marketing.retry-24h]
[rule meta.number.register-limit] [rule meta.throughput.maintenance]
[rule meta.number.deleted-wait] [rule meta.limits.classification-enforcement]
"""

from __future__ import annotations

from datetime import timedelta

from wamsg._internal import fields as check
from wamsg.errors import ValidationError
from wamsg.limits.policy import DEFAULT_POLICY, LimitsPolicy

__all__ = ["FIXED_RETRY_WAITS", "retry_after"]

FIXED_RETRY_WAITS: dict[str, timedelta] = {
    "131049": timedelta(hours=24),  # [rule meta.marketing.retry-24h]
    "133016": timedelta(hours=72),  # [rule meta.number.register-limit]
    "131057": timedelta(seconds=60),  # [rule meta.throughput.maintenance]
    "133015": timedelta(minutes=5),  # [rule meta.number.deleted-wait]
}
"""The waits that do not depend on the attempt, by error code."""

_MAX_EXPONENT = 64  # beyond it every wait is at its cap (and 4**attempt stays small)


def _code(error_code: object) -> str:
    if type(error_code) is int and 0 <= error_code <= check.MAX_JSON_INT:
        return str(error_code)
    if type(error_code) is str and error_code.strip().isdigit():
        return error_code.strip()
    raise ValidationError("must be an error code (digits)", field="error_code", value=error_code)


def retry_after(
    error_code: int | str, attempt: int = 0, *, policy: LimitsPolicy = DEFAULT_POLICY
) -> timedelta | None:
    """How long to wait before attempt ``attempt + 1`` after ``error_code`` (see the table).

    ``attempt`` counts the failed attempts before this one from 0. None for 131064
    (the wait is the enforcement's, which the error does not tell) and for codes that
    are not limit-related.
    """
    code = _code(error_code)
    if type(attempt) is not int or attempt < 0:
        raise ValidationError("must be a non-negative integer", field="attempt", value=attempt)
    retry = check.of(policy, LimitsPolicy, "policy").retry
    exponent = min(attempt, _MAX_EXPONENT)
    if code == "131056":
        return _grown(_SECOND, 4, exponent, retry.pair_rate_cap)
    if code == "130429":
        return _grown(
            retry.throughput_base, retry.throughput_factor, exponent, retry.throughput_cap
        )
    return FIXED_RETRY_WAITS.get(code)


_SECOND = timedelta(seconds=1)
_MICROSECOND = timedelta(microseconds=1)


def _grown(base: timedelta, factor: int, exponent: int, cap: timedelta) -> timedelta:
    """``base × factor ** exponent``, at most ``cap`` (in integers: it never overflows)."""
    wait = (base // _MICROSECOND) * factor**exponent
    return cap if wait >= cap // _MICROSECOND else timedelta(microseconds=wait)
