"""The account file: the caller's own description of its portfolio, numbers and WABAs.

It is the caller's configuration, so it is read strictly: an unknown key, tier,
status, quality, kind or throughput, a wrong type or a phone number that is not
valid E.164 with its ``+`` is a :class:`~wamsg.errors.ValidationError` naming the
field (``numbers[0].status``), every number's ``waba`` must be one of ``wabas``, and
no phone, phone-number id or WABA id may appear twice::

    {"portfolio": {"id": "bp-1", "verified": false, "messaging_limit": "TIER_250"},
     "numbers": [{"phone": "+15550783881", "phone_number_id": "106540352242922",
                  "waba": "waba-1", "status": "CONNECTED", "quality": "GREEN",
                  "kind": "api", "throughput": "STANDARD", "messaging_limit": null}],
     "wabas": [{"id": "waba-1", "partners": ["partner-a"]}]}

A number may also say ``code_verification``, ``name_status``, ``platform_type``,
``calling_enabled`` and ``registered_at``; a WABA its ``phase`` (``LEGACY``,
``PHASE_1`` …) and partners as ``{"id", "type"}``. ``to_dict`` writes the same shape
back (optional keys only when set), so a file read and written is unchanged.

The legacy tiers ``TIER_NOT_SET``, ``TIER_50`` and ``TIER_1K`` stay readable as the
portfolio's ``messaging_limit`` (files written before 2025-10-07 hold them); from
2025-10-07 ``wamsg limits`` reads them on the new ladder
(:func:`~wamsg.limits.portfolio_tier_after_migration`: ``TIER_50`` → ``TIER_250``,
``TIER_1K`` → ``TIER_2K``, ``TIER_NOT_SET`` unknown).
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from wamsg._internal import fields as check
from wamsg._internal.json import Json, JsonObject, format_time, parse_time
from wamsg._internal.reprs import sized
from wamsg._internal.strict import flag, listed, obj, string
from wamsg.accounts._strict import choice, member, opt_member, tier
from wamsg.accounts.model import (
    AccountModelPhase,
    BusinessNumber,
    Partner,
    PartnerType,
    Portfolio,
    Waba,
)
from wamsg.errors import ValidationError
from wamsg.events import (
    CodeVerificationStatus,
    NameStatus,
    NumberKind,
    NumberStatus,
    PlatformType,
    QualityRating,
    ThroughputLevel,
)
from wamsg.identity import PhoneNumber

__all__ = ["AccountConfig"]

_TOP = ("portfolio", "numbers", "wabas")
_PORTFOLIO = ("id", "verified", "messaging_limit")
_WABA = ("id", "partners", "phase")
_PARTNER = ("id", "type")
_NUMBER = (
    "phone", "phone_number_id", "waba", "status", "quality", "kind", "throughput",
    "messaging_limit", "code_verification", "name_status", "platform_type",
    "calling_enabled", "registered_at",
)  # fmt: skip


def _check_wabas(
    config: AccountConfig, _attribute: object, numbers: tuple[BusinessNumber, ...]
) -> None:
    known = {waba.id for waba in config.wabas}
    ids: set[str] = set()
    phones: set[str] = set()
    for index, number in enumerate(numbers):
        if number.phone.e164 in phones:
            reason = "appears twice"
            raise ValidationError(reason, field=f"numbers[{index}].phone", value=number.phone.e164)
        phones.add(number.phone.e164)
        if number.waba not in known:
            reason = "names no WABA of the file's wabas"
            raise ValidationError(reason, field=f"numbers[{index}].waba", value=number.waba)
        if number.phone_number_id in ids:
            reason = "appears twice"
            field = f"numbers[{index}].phone_number_id"
            raise ValidationError(reason, field=field, value=number.phone_number_id)
        ids.add(number.phone_number_id)


def _unique_wabas(_config: object, _attribute: object, wabas: tuple[Waba, ...]) -> None:
    seen: set[str] = set()
    for index, waba in enumerate(wabas):
        if waba.id in seen:
            raise ValidationError("appears twice", field=f"wabas[{index}].id", value=waba.id)
        seen.add(waba.id)


@attrs.frozen(kw_only=True)
class AccountConfig:
    """A portfolio, its WhatsApp Business Accounts and its numbers, as the caller set them."""

    portfolio: Portfolio = attrs.field(validator=check.instance(Portfolio))
    wabas: tuple[Waba, ...] = attrs.field(
        default=(), validator=[check.tuple_of(Waba), _unique_wabas], repr=sized
    )
    numbers: tuple[BusinessNumber, ...] = attrs.field(
        default=(), validator=[check.tuple_of(BusinessNumber), _check_wabas], repr=sized
    )

    @property
    def waba_ids(self) -> frozenset[str]:
        """The ids of the account's WABAs."""
        return frozenset(waba.id for waba in self.wabas)

    def waba(self, waba_id: str) -> Waba | None:
        """The WABA with that id, or None."""
        return next((waba for waba in self.wabas if waba.id == waba_id), None)

    def number(self, key: PhoneNumber | str) -> BusinessNumber | None:
        """The number with that phone (a ``PhoneNumber`` or E.164 text) or ``phone_number_id``."""
        text = key.e164 if isinstance(key, PhoneNumber) else key
        for number in self.numbers:
            if number.phone.e164 == text or number.phone_number_id == text:
                return number
        return None

    def numbers_of(self, waba_id: str) -> tuple[BusinessNumber, ...]:
        """The numbers a WABA holds."""
        return tuple(number for number in self.numbers if number.waba == waba_id)

    @classmethod
    def from_dict(cls, data: object) -> AccountConfig:
        """Read an account file (strictly: see the module's description)."""
        top = obj(data, "", _TOP, whole="account")
        portfolio = obj(top.get("portfolio"), "portfolio", _PORTFOLIO)
        return cls(
            portfolio=Portfolio(
                id=string(portfolio, "id", "portfolio"),
                verified=flag(portfolio, "verified", "portfolio"),
                messaging_limit=tier(
                    portfolio.get("messaging_limit"), "portfolio.messaging_limit"
                ),
            ),
            wabas=tuple(_waba(item, f"wabas[{i}]") for i, item in enumerate(listed(top, "wabas"))),
            numbers=tuple(
                _number(item, f"numbers[{i}]") for i, item in enumerate(listed(top, "numbers"))
            ),
        )

    def to_dict(self) -> JsonObject:
        """The account file: the shape :meth:`from_dict` reads."""
        portfolio = self.portfolio
        limit = portfolio.messaging_limit
        return {
            "portfolio": {
                "id": portfolio.id,
                "verified": portfolio.verified,
                "messaging_limit": None if limit is None else limit.value,
            },
            "numbers": [_number_dict(number) for number in self.numbers],
            "wabas": [_waba_dict(waba) for waba in self.wabas],
        }


def _partner(value: Json, field: str) -> Partner:
    if isinstance(value, str) and value.strip():
        return Partner(value)
    data = obj(value, field, _PARTNER)
    kind = data.get("type")
    return Partner(
        string(data, "id", field),
        None if kind is None else choice(PartnerType, kind, f"{field}.type"),
    )


def _waba(value: Json, field: str) -> Waba:
    data = obj(value, field, _WABA)
    phase = data.get("phase")
    partners = listed(data, "partners", field)
    return Waba(
        id=string(data, "id", field),
        partners=tuple(_partner(p, f"{field}.partners[{i}]") for i, p in enumerate(partners)),
        phase=AccountModelPhase.LEGACY
        if phase is None
        else choice(AccountModelPhase, phase, f"{field}.phase"),
    )


def _phone(data: Mapping[str, Json], field: str) -> PhoneNumber:
    value = data.get("phone")
    if isinstance(value, str) and not value.startswith("+"):
        reason = "must be E.164 with its '+' (+15550783881)"
        raise ValidationError(reason, field=f"{field}.phone", value=value)
    try:
        return PhoneNumber.parse(value)
    except ValidationError as error:
        raise ValidationError(error.reason, field=f"{field}.phone", value=value) from None


def _number(value: Json, field: str) -> BusinessNumber:
    data = obj(value, field, _NUMBER)
    registered = data.get("registered_at")
    status = member(NumberStatus.strict, data, "status", field)
    quality = member(QualityRating.strict, data, "quality", field)
    return BusinessNumber(
        phone=_phone(data, field),
        phone_number_id=string(data, "phone_number_id", field),
        waba=string(data, "waba", field),
        status=status,
        quality=quality,
        kind=member(NumberKind.strict, data, "kind", field),
        throughput=member(ThroughputLevel.strict, data, "throughput", field),
        messaging_limit=tier(data.get("messaging_limit"), f"{field}.messaging_limit"),
        code_verification=opt_member(
            CodeVerificationStatus.strict, data, "code_verification", field
        ),
        name_status=opt_member(NameStatus.strict, data, "name_status", field),
        platform_type=opt_member(PlatformType.strict, data, "platform_type", field),
        calling_enabled=flag(data, "calling_enabled", field),
        registered_at=None
        if registered is None
        else parse_time(registered, f"{field}.registered_at"),
    )


def _number_dict(number: BusinessNumber) -> JsonObject:
    limit = number.messaging_limit
    out: JsonObject = {
        "phone": number.phone.e164,
        "phone_number_id": number.phone_number_id,
        "waba": number.waba,
        "status": number.status.value,
        "quality": number.quality.value,
        "kind": number.kind.value.lower(),
        "throughput": number.throughput.value,
        "messaging_limit": None if limit is None else limit.value,
    }
    for key, found in (
        ("code_verification", number.code_verification),
        ("name_status", number.name_status),
        ("platform_type", number.platform_type),
    ):
        if found is not None:
            out[key] = found.value
    if number.calling_enabled:
        out["calling_enabled"] = True
    if number.registered_at is not None:
        out["registered_at"] = format_time(number.registered_at)
    return out


def _waba_dict(waba: Waba) -> JsonObject:
    partners: list[Json] = [
        p.id if p.type is None else {"id": p.id, "type": p.type.value} for p in waba.partners
    ]
    out: JsonObject = {"id": waba.id, "partners": partners}
    if waba.phase is not AccountModelPhase.LEGACY:
        out["phase"] = waba.phase.value
    return out
