"""Every account decision, fed a hostile value in each argument, raises only a WamsgError."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.accounts.test_config import SAMPLE
from wamsg import WamsgError
from wamsg.accounts import (
    AccountConfig,
    AccountModelPhase,
    AccountState,
    AppUse,
    CodeVerificationStatus,
    DeletionChannel,
    LimitTier,
    LineType,
    NameStatus,
    NumberKind,
    call_permission_request_allowed,
    calling_eligible,
    calling_minimum,
    can_add_partner,
    can_add_waba,
    can_call_business_initiated,
    can_delete_number,
    can_deregister,
    can_register,
    can_register_number,
    can_serve_business,
    coexistence_available,
    coexistence_from,
    line_eligibility,
    messaging_account_id_required,
    migration_check,
    name_change_allowed,
    name_change_takes_effect,
    number_cap,
    oba_eligible,
    onboarding_path,
    register_request_allowed,
    register_window,
    reregister_deadline,
)
from wamsg.identity import PhoneNumber

UTC = timezone.utc
AT = datetime(2026, 1, 10, tzinfo=UTC)
PHONE = PhoneNumber("+15550783881")
STATE = AccountState.empty(AccountConfig.from_dict(SAMPLE))

BASELINES: dict[str, tuple[Callable[..., object], dict[str, Any]]] = {
    "number_cap": (number_cap, {"at": AT, "verified": False, "tier": LimitTier.TIER_250}),
    "can_register_number": (
        can_register_number,
        {"at": AT, "verified": False, "tier": LimitTier.TIER_250, "portfolio_numbers": 1,
         "waba_numbers": 1, "coexistence": False, "portfolio_cap": 2, "waba_cap": 25},
    ),
    "can_add_waba": (can_add_waba, {"wabas": 1, "cap": 20}),
    "can_add_partner": (
        can_add_partner, {"phase": AccountModelPhase.LEGACY, "partners": ["a"], "partner": "b"}
    ),
    "can_serve_business": (can_serve_business, {"at": AT, "businesses": ["a"], "business": "b"}),
    "line_eligibility": (line_eligibility, {"line_type": LineType.MOBILE}),
    "can_register": (
        can_register,
        {"code_verification": CodeVerificationStatus.VERIFIED, "name_status": NameStatus.APPROVED},
    ),
    "register_request_allowed": (
        register_request_allowed, {"at": AT, "requests": [AT], "refusals": [AT]}
    ),
    "register_window": (register_window, {"at": AT}),
    "can_deregister": (can_deregister, {"kind": NumberKind.API}),
    "can_delete_number": (
        can_delete_number,
        {"at": AT, "last_paid_message_at": AT, "via": DeletionChannel.API},
    ),
    "name_change_allowed": (
        name_change_allowed, {"at": AT, "changes": [AT], "official_business_account": False}
    ),
    "name_change_takes_effect": (
        name_change_takes_effect, {"approved_at": AT, "reregistered_at": AT}
    ),
    "reregister_deadline": (reregister_deadline, {"approved_at": AT}),
    "migration_check": (
        migration_check,
        {"portfolio_verified": True, "two_step_enabled": False, "name_status": NameStatus.APPROVED,
         "name_change_pending": False, "kind": NumberKind.API, "destination_cloud_api": True},
    ),
    "oba_eligible": (
        oba_eligible,
        {"at": AT, "portfolio_verified": True, "two_step_enabled": True,
         "name_status": NameStatus.APPROVED, "registered_at": AT, "kind": NumberKind.API,
         "rejected_at": AT},
    ),
    "calling_eligible": (
        calling_eligible,
        {"at": AT, "kind": NumberKind.API, "tier": LimitTier.TIER_2K, "calling_enabled": True,
         "payment_method": True, "before_portfolio_limits": 1000},
    ),
    "calling_minimum": (calling_minimum, {"at": AT, "before_portfolio_limits": 1000}),
    "can_call_business_initiated": (can_call_business_initiated, {"business": PHONE}),
    "call_permission_request_allowed": (
        call_permission_request_allowed, {"at": AT, "requests": [AT]}
    ),
    "onboarding_path": (
        onboarding_path, {"business": PHONE, "in_use": AppUse.BUSINESS_APP, "at": AT}
    ),
    "coexistence_from": (coexistence_from, {"business": PHONE}),
    "coexistence_available": (coexistence_available, {"business": PHONE, "at": AT}),
    "messaging_account_id_required": (
        messaging_account_id_required,
        {"phase": AccountModelPhase.PHASE_2, "newest_api_version": True, "messaging_accounts": 2},
    ),
    "AccountState.number_cap": (STATE.number_cap, {"at": AT}),
    "AccountState.restrictions": (STATE.restrictions, {"waba_id": "waba-1", "at": AT}),
    "AccountState.number": (STATE.number, {"key": PHONE}),
    "AccountState.empty": (AccountState.empty, {"config": STATE.config, "as_of": AT}),
    "AccountConfig.from_dict": (AccountConfig.from_dict, {"data": SAMPLE}),
}  # fmt: skip

HOSTILE: list[object] = [
    None,
    "x",
    "\ud800",
    1.5,
    float("nan"),
    -1,
    10**5000,
    True,
    [],
    {},
    [None],
    [datetime(2026, 1, 1)],
    datetime(2026, 1, 1),
    datetime(1, 1, 1, tzinfo=UTC),
    datetime(9999, 12, 31, tzinfo=UTC),
    timedelta(days=1),
    object(),
]


def _calls() -> list[tuple[str, str, object]]:
    return [
        (name, parameter, hostile)
        for name, (_, baseline) in BASELINES.items()
        for parameter in baseline
        for hostile in HOSTILE
    ]


def test_every_baseline_call_works() -> None:
    for function, baseline in BASELINES.values():
        function(**baseline)


def _id(value: object) -> str:
    if isinstance(value, int) and value > 10**20:
        return "huge-int"
    return ascii(value)[:40]


@pytest.mark.parametrize(("name", "parameter", "hostile"), _calls(), ids=_id)
def test_a_hostile_argument_raises_only_a_wamsg_error(
    name: str, parameter: str, hostile: object
) -> None:
    function, baseline = BASELINES[name]
    with contextlib.suppress(WamsgError):
        function(**{**baseline, parameter: hostile})


@given(st.dictionaries(st.text(max_size=8), st.none() | st.booleans() | st.text() | st.integers()))
def test_any_account_file_reads_or_raises_a_wamsg_error(data: dict[str, object]) -> None:
    with contextlib.suppress(WamsgError):
        AccountConfig.from_dict({**SAMPLE, **data})
