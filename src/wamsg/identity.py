"""Who is who: phone numbers (E.164), business-scoped user ids, customers.

Facts:

- Providers spell numbers differently: Meta, 360dialog and Vonage send digits
  without ``+`` (the *wa_id*, [rule meta.phone.wa-id]), Twilio sends
  ``whatsapp:+E164`` ([rule twilio.address.whatsapp]), Sunshine and Bird send
  ``+E164``. wamsg normalises every one of them to E.164 with ``+``.
- E.164 (ITU-T) numbers have at most 15 digits and a country code that never
  starts with 0. WhatsApp does not accept short codes ([rule meta.phone.no-short-codes]).
- From April 2026 Meta identifies users by a business-scoped user id (BSUID,
  ``US.13491208655302741918``, parent form ``US.ENT.…``, [rule meta.bsuid.format]); a
  user who adopts a username may arrive *without* a phone number
  ([rule meta.bsuid.phone-optional]). A :class:`Customer` is therefore a phone number
  and/or a BSUID.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import cast

import attrs

from wamsg._internal import data as _data
from wamsg._internal import fields as check
from wamsg._internal.json import Json, JsonObject, is_text, opt_bool, opt_str, req_mapping
from wamsg.errors import ValidationError

__all__ = ["BusinessScopedUserId", "Customer", "PairKey", "PhoneNumber", "pair_key"]

# ITU-T E.164 §6: at most 15 digits. Below 7 digits a number is a short code or
# an extension, which WhatsApp does not accept [rule meta.phone.no-short-codes].
_MIN_DIGITS = 7
_MAX_DIGITS = 15
# NANP (+1) numbers have exactly 10 national digits: 3-digit area code + 7 (the area
# code also picks the pricing market [rule meta.pricing.market]).
_NANP_NATIONAL_DIGITS = 10
_PUNCTUATION = frozenset(" -.()/\u00a0\u2009\u202f\u2010\u2011\u2012\u2013\u2014\t")
_PREFIXES = ("whatsapp:", "tel:")


def _tables() -> tuple[dict[str, str | None], dict[str, str]]:
    data = cast(JsonObject, _data.load_json("calling_codes.json"))
    return (
        cast(dict[str, "str | None"], data["country_codes"]),
        cast(dict[str, str], data["subprefixes"]),
    )


_COUNTRY_CODES, _SUBPREFIXES = _tables()


def _calling_code(digits: str) -> str | None:
    """The assigned country code that starts ``digits`` (codes are prefix-free)."""
    for size in (1, 2, 3):
        if digits[:size] in _COUNTRY_CODES:
            return digits[:size]
    return None


def _check_digits(digits: str, original: object) -> None:
    if digits[0] == "0":
        raise ValidationError(
            "no country code: a number starting with 0 is national; write it as +<country code>…",
            field="phone",
            value=original,
        )
    if len(digits) < _MIN_DIGITS:
        raise ValidationError(
            f"too short: {len(digits)} digits, E.164 numbers on WhatsApp have at least "
            f"{_MIN_DIGITS} (short codes are not accepted)",
            field="phone",
            value=original,
        )
    if len(digits) > _MAX_DIGITS:
        raise ValidationError(
            f"too long: {len(digits)} digits, E.164 allows at most {_MAX_DIGITS}",
            field="phone",
            value=original,
        )
    code = _calling_code(digits)
    if code is None:
        raise ValidationError("unassigned country calling code", field="phone", value=original)
    if code == "1" and len(digits) != 1 + _NANP_NATIONAL_DIGITS:
        raise ValidationError(
            "a +1 (North American) number has exactly 10 digits after the +1",
            field="phone",
            value=original,
        )


def _validate_e164(instance: PhoneNumber, _attribute: object, value: str) -> None:
    if not isinstance(value, str) or len(value) < 2 or value[0] != "+":
        raise ValidationError(
            "must be an E.164 string such as '+14155550100'", field="phone", value=value
        )
    digits = value[1:]
    if not (digits.isascii() and digits.isdigit()):
        raise ValidationError("E.164 has only digits after '+'", field="phone", value=value)
    if instance.checked:
        _check_digits(digits, value)
    elif digits[0] == "0" or len(digits) > _MAX_DIGITS:
        raise ValidationError(
            "a provider's number has 1 to 15 digits after '+', the first not 0",
            field="phone",
            value=value,
        )


def _slow_digits(text: str, original: str) -> tuple[str, bool]:
    """Strip punctuation from a human-written number; return (digits, had_plus)."""
    had_plus = text.startswith("+")
    body = text[1:] if had_plus else text
    out: list[str] = []
    for char in body:
        if char.isdecimal():
            out.append(str(unicodedata.decimal(char)))
        elif char in _PUNCTUATION:
            continue
        elif char.isalpha():
            raise ValidationError("contains letters", field="phone", value=original)
        else:
            raise ValidationError(f"unexpected character {char!r}", field="phone", value=original)
    return "".join(out), had_plus


def _validate_checked(_instance: object, _attribute: object, value: object) -> None:
    if not isinstance(value, bool):
        raise ValidationError("must be true or false", field="phone_checked", value=value)


@attrs.frozen(order=True)
class PhoneNumber:
    """A phone number in E.164 form (``+14155550100``).

    Build it with :meth:`parse`, which accepts the spellings seen in the wild.
    Constructing it directly requires the exact E.164 string.

    ``checked`` is False for a number a provider gave as the customer's id that
    fails wamsg's own checks (a +1 number without 10 national digits, say): the
    provider's id is the authority, so :meth:`from_provider` keeps it, with only
    E.164's syntax checked. Such a number may have no known calling code or
    region. ``checked`` is not part of equality: it is the same number.
    """

    e164: str = attrs.field(validator=_validate_e164)
    checked: bool = attrs.field(
        default=True, eq=False, order=False, kw_only=True, validator=_validate_checked
    )

    @classmethod
    def parse(cls, text: object) -> PhoneNumber:
        """Normalise a phone number written in any common form to E.164.

        Accepted: ``+14155550100``, ``14155550100`` (a WhatsApp wa_id),
        ``whatsapp:+14155550100`` (Twilio), ``+1 (415) 555-0100``,
        ``00 44 20 7946 0958`` (the ``00`` international prefix). Rejected
        with :class:`ValidationError`: empty text, letters, a national number
        starting with 0, fewer than 7 or more than 15 digits, unassigned
        country codes, and +1 numbers without exactly 10 national digits.
        """
        if not isinstance(text, str):
            raise ValidationError("must be a string", field="phone", value=text)
        stripped = text.strip()
        if stripped.isascii() and stripped.isdigit() and stripped[:2] != "00":
            digits = stripped  # the wa_id fast path
        elif stripped[:1] == "+" and stripped[1:].isascii() and stripped[1:].isdigit():
            digits = stripped[1:]
        else:
            digits = cls._digits_of(stripped, text)
        _check_digits(digits, text)  # first, so that the error quotes the text as given
        return cls("+" + digits)

    @classmethod
    def from_provider(cls, text: object) -> PhoneNumber:
        """A number as a provider names the customer (Meta's ``wa_id``): checked if it can be.

        A number that :meth:`parse` refuses but that has E.164's form (1 to 15
        digits, the first not 0, with or without ``+``) is kept with
        ``checked=False`` [rule meta.phone.wa-id]; anything else is a ValidationError.
        """
        try:
            return cls.parse(text)
        except ValidationError:
            if not isinstance(text, str):
                raise
            digits = text.strip().removeprefix("+")
            if not (digits.isascii() and digits.isdigit()):
                raise
            return cls("+" + digits, checked=False)

    @staticmethod
    def _digits_of(stripped: str, original: str) -> str:
        lowered = stripped.lower()
        for prefix in _PREFIXES:
            if lowered.startswith(prefix):
                stripped = stripped[len(prefix) :].strip()
                break
        if not stripped:
            raise ValidationError("empty phone number", field="phone", value=original)
        digits, had_plus = _slow_digits(stripped, original)
        if not digits:
            raise ValidationError("no digits in phone number", field="phone", value=original)
        if not had_plus and digits.startswith("00"):
            digits = digits[2:]  # "00" is the international call prefix (ITU-T E.164 §A)
            if not digits:
                raise ValidationError("no digits after 00", field="phone", value=original)
        return digits

    @property
    def digits(self) -> str:
        """The digits without ``+``: the form Meta calls ``wa_id``."""
        return self.e164[1:]

    @property
    def calling_code(self) -> str | None:
        """The country calling code, such as ``"1"``, ``"44"`` or ``"358"``.

        None only for an unchecked number (see :attr:`checked`) whose code is not assigned.
        """
        return _calling_code(self.e164[1:])

    @property
    def national_number(self) -> str:
        """The digits after the country calling code (all of them when it is unknown)."""
        return self.e164[1 + len(self.calling_code or "") :]

    @property
    def region(self) -> str | None:
        """ISO 3166-1 alpha-2 region of the number, ``None`` for non-geographic codes.

        North-American area codes are resolved (+1 809 → ``DO``, +1 876 → ``JM``,
        +1 787 → ``PR``, +1 416 → ``CA``; every other +1 area code → ``US``), and so
        is Kazakhstan inside +7 (+7 6…, +7 7…).
        """
        digits = self.e164[1:]
        code = self.calling_code
        if code is None:
            return None
        if code in ("1", "7"):
            sub = _SUBPREFIXES.get(digits[:4]) or _SUBPREFIXES.get(digits[:2])
            if sub is not None:
                return sub
        return _COUNTRY_CODES[code]

    def __str__(self) -> str:
        return self.e164


_BSUID = re.compile(r"[A-Z]{2}\.(?:ENT\.)?[0-9A-Za-z]{1,128}")  # [rule meta.bsuid.format]


def _validate_bsuid(_instance: object, _attribute: object, value: str) -> None:
    if not isinstance(value, str) or _BSUID.fullmatch(value) is None:
        raise ValidationError(
            "a business-scoped user id looks like 'US.13491208655302741918' or 'US.ENT.…'",
            field="user_id",
            value=value,
        )


@attrs.frozen(order=True)
class BusinessScopedUserId:
    """A business-scoped user id (BSUID), ``CC.<up to 128 alphanumerics>``.

    From April 2026 ([rule meta.bsuid.format]): scoped to the business portfolio,
    regenerated when the user changes number; the parent form is ``CC.ENT.…``.
    """

    value: str = attrs.field(validator=_validate_bsuid)

    @property
    def country(self) -> str:
        """The two-letter country prefix of the id."""
        return self.value[:2]

    @property
    def is_parent(self) -> bool:
        """True for the parent (``CC.ENT.…``) form."""
        return self.value[3:7] == "ENT."

    def __str__(self) -> str:
        return self.value


def _optional_text(
    _instance: object, attribute: attrs.Attribute[str | None], value: object
) -> None:
    if value is not None and (not isinstance(value, str) or not value or not is_text(value)):
        raise ValidationError(
            "must be a non-empty string or None", field=attribute.name, value=value
        )


def _to_phone(value: PhoneNumber | str | None) -> PhoneNumber | None:
    if value is None or isinstance(value, PhoneNumber):
        return value
    return PhoneNumber.parse(value)


def _to_user_id(value: BusinessScopedUserId | str | None) -> BusinessScopedUserId | None:
    if value is None or isinstance(value, BusinessScopedUserId):
        return value
    return BusinessScopedUserId(value)


@attrs.frozen(eq=False, kw_only=True)
class Customer:
    """The customer side of a conversation: a phone number and/or a BSUID.

    Either may be missing, not both — unless the provider hides both and names
    the user by its own id (``provider_user_id``: Sunshine Conversations'
    ``userId`` on a webhook created without ``includeFullSource``). ``name`` is
    the WhatsApp profile name and ``username`` the WhatsApp username (2026),
    both optional.

    **Identity key.** Two :class:`Customer` values are equal when their
    :attr:`key` is equal: the E.164 phone number when known, otherwise the
    BSUID, otherwise the provider's user id. Profile names change and are not
    part of identity. Use :meth:`matches` to ask whether two partial
    identities share any id.
    """

    phone: PhoneNumber | None = attrs.field(default=None, converter=_to_phone)
    user_id: BusinessScopedUserId | None = attrs.field(default=None, converter=_to_user_id)
    name: str | None = attrs.field(default=None, validator=check.opt_text)
    username: str | None = attrs.field(default=None, validator=check.opt_text)
    provider_user_id: str | None = attrs.field(default=None, validator=_optional_text)
    key: str = attrs.field(init=False)

    @key.default
    def _key(self) -> str:
        if self.phone is not None:
            return self.phone.e164
        if self.user_id is not None:
            return self.user_id.value
        if self.provider_user_id is not None:
            return self.provider_user_id
        raise ValidationError(
            "a customer needs a phone number, a business-scoped user id or a provider's user id",
            field="customer",
        )

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Customer):
            return self.key == other.key
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.key)

    def matches(self, other: Customer) -> bool:
        """True when both identities share the phone number, the BSUID or the provider id."""
        if not isinstance(other, Customer):
            raise ValidationError("must be a Customer", field="other", value=other)
        return (
            (self.phone is not None and self.phone == other.phone)
            or (self.user_id is not None and self.user_id == other.user_id)
            or (
                self.provider_user_id is not None
                and self.provider_user_id == other.provider_user_id
            )
        )

    def to_dict(self) -> JsonObject:
        """The canonical JSON form: ``{"phone", "user_id", "name"}``.

        ``username`` and ``provider_user_id`` are written only when present, and
        ``"phone_checked": false`` only for an unchecked number (:attr:`PhoneNumber.checked`).
        """
        out: JsonObject = {
            "phone": None if self.phone is None else self.phone.e164,
            "user_id": None if self.user_id is None else self.user_id.value,
            "name": self.name,
        }
        if self.phone is not None and not self.phone.checked:
            out["phone_checked"] = False
        if self.username is not None:
            out["username"] = self.username
        if self.provider_user_id is not None:
            out["provider_user_id"] = self.provider_user_id
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Json] | object, field: str = "customer") -> Customer:
        """Read the canonical JSON form (see :meth:`to_dict`)."""
        mapping = req_mapping(data, field)
        phone = opt_str(mapping, "phone", field)
        user_id = opt_str(mapping, "user_id", field)
        checked = opt_bool(mapping, "phone_checked", field, default=True)
        try:
            return cls(
                phone=phone if checked or phone is None else PhoneNumber.from_provider(phone),
                user_id=user_id,
                name=opt_str(mapping, "name", field),
                username=opt_str(mapping, "username", field),
                provider_user_id=opt_str(mapping, "provider_user_id", field),
            )
        except ValidationError as error:
            raise error.within(field) from None


PairKey = tuple[str | None, str]
"""What a conversation and its windows are about.

``(business number in E.164 or None, customer key)``: see :attr:`Customer.key`.
"""


def pair_key(business: PhoneNumber | None, customer: Customer) -> PairKey:
    """The :data:`PairKey` of the (business number, customer) pair."""
    if not isinstance(customer, Customer):
        raise ValidationError("must be a Customer", field="customer", value=customer)
    if business is not None and not isinstance(business, PhoneNumber):
        raise ValidationError("must be a PhoneNumber or None", field="business", value=business)
    return (None if business is None else business.e164, customer.key)
