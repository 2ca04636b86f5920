"""Which kinds of phone line can become a WhatsApp business number (Meta's table).

A number must be owned by the business, have a country and area code (no short
codes) and be able to receive the registration code by SMS or by a voice call.
Meta rates each line type by how well those codes arrive
[rule meta.number.line-types]:

=====================================================  ============  ============
line type                                              SMS code      voice code
=====================================================  ============  ============
mobile (recommended)                                   standard      standard
fixed line, toll free, premium rate, universal access  not advised   standard
number, VoIP, inbound-only
shared cost, personal number, M2M/IoT                  not advised   not advised
pager, short code                                      not supported not supported
=====================================================  ============  ============

Toll-free and IVR numbers must accept international calls and let the registration
call reach a person or a mailbox.
"""

from __future__ import annotations

import enum

from wamsg._internal import fields as check
from wamsg.errors import ValidationError

__all__ = ["LineEligibility", "LineType", "line_eligibility"]


class LineType(str, enum.Enum):
    """The kind of phone line a number is."""

    MOBILE = "MOBILE"
    FIXED_LINE = "FIXED_LINE"
    TOLL_FREE = "TOLL_FREE"
    PREMIUM_RATE = "PREMIUM_RATE"
    UNIVERSAL_ACCESS = "UNIVERSAL_ACCESS"
    VOIP = "VOIP"
    INBOUND_ONLY = "INBOUND_ONLY"
    SHARED_COST = "SHARED_COST"
    PERSONAL_NUMBER = "PERSONAL_NUMBER"
    M2M = "M2M"
    PAGER = "PAGER"
    SHORT_CODE = "SHORT_CODE"


class LineEligibility(str, enum.Enum):
    """How a line type fares as a business number."""

    OK = "OK"
    """Both SMS and voice codes arrive: recommended."""
    OK_VOICE_OTP_ONLY = "OK_VOICE_OTP_ONLY"
    """Usable, with the registration code by voice call (SMS not recommended)."""
    NOT_RECOMMENDED = "NOT_RECOMMENDED"
    """Neither way of receiving the code is recommended."""
    NOT_SUPPORTED = "NOT_SUPPORTED"
    """Cannot be a WhatsApp business number."""

    @property
    def usable(self) -> bool:
        """Whether a number of this line type may be tried at all."""
        return self is not LineEligibility.NOT_SUPPORTED


_VOICE_ONLY = (
    LineType.FIXED_LINE,
    LineType.TOLL_FREE,
    LineType.PREMIUM_RATE,
    LineType.UNIVERSAL_ACCESS,
    LineType.VOIP,
    LineType.INBOUND_ONLY,
)
_TABLE: dict[LineType, LineEligibility] = {
    LineType.MOBILE: LineEligibility.OK,
    **dict.fromkeys(_VOICE_ONLY, LineEligibility.OK_VOICE_OTP_ONLY),
    LineType.SHARED_COST: LineEligibility.NOT_RECOMMENDED,
    LineType.PERSONAL_NUMBER: LineEligibility.NOT_RECOMMENDED,
    LineType.M2M: LineEligibility.NOT_RECOMMENDED,
    LineType.PAGER: LineEligibility.NOT_SUPPORTED,
    LineType.SHORT_CODE: LineEligibility.NOT_SUPPORTED,
}


def line_eligibility(line_type: LineType) -> LineEligibility:
    """How ``line_type`` fares as a business number (W59): Meta's table above."""
    try:
        return _TABLE[LineType(check.of(line_type, str, "line_type"))]
    except ValueError:
        allowed = ", ".join(t.value for t in LineType)
        raise ValidationError(
            f"unknown line type (one of {allowed})", field="line_type", value=line_type
        ) from None
