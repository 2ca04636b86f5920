"""Accounts: who owns what, and what may be bound where, by date.

The model (business portfolio, WhatsApp Business Account, partners, numbers, the
account-model phases), the account file (:class:`AccountConfig`), the typed account
events and their fold (:class:`AccountState`), and the decisions about binding,
registering, naming, deleting, migrating, calling and onboarding, each returning an
:class:`AccountDecision`. See ``docs/accounts.md``.
"""

from __future__ import annotations

from wamsg.accounts.binding import (
    COEXISTENCE_NUMBER_CAP,
    LEGACY_PARTNER_CAP,
    PORTFOLIO_NUMBER_CAP,
    PORTFOLIO_NUMBER_CAP_SCALED,
    PORTFOLIO_WABA_CAP,
    WABA_NUMBER_CAP,
    can_add_partner,
    can_add_waba,
    can_register_number,
    can_serve_business,
    number_cap,
)
from wamsg.accounts.calling import (
    BUSINESS_CALLS_UNAVAILABLE_CODES,
    CALL_PERMISSION_REQUESTS_PER_DAY,
    CALL_PERMISSION_REQUESTS_PER_WEEK,
    CALLING_MINIMUM,
    CALLING_MINIMUM_BEFORE_PORTFOLIO_LIMITS,
    call_permission_request_allowed,
    calling_eligible,
    calling_minimum,
    can_call_business_initiated,
)
from wamsg.accounts.config import AccountConfig
from wamsg.accounts.dates import (
    CALLING_API_FROM,
    COEXISTENCE_FROM,
    NUMBER_DELETION_NOT_VIA_API_FROM,
    ONE_BUSINESS_PER_WABA_FROM,
    PORTFOLIO_LIMITS_FROM,
    REGISTER_WINDOW_72H_FROM,
)
from wamsg.accounts.decision import AccountDecision, AccountReason, Fact
from wamsg.accounts.eligibility import (
    OBA_REGISTERED_FOR,
    OBA_RESUBMIT_AFTER,
    migration_check,
    oba_eligible,
)
from wamsg.accounts.lines import LineEligibility, LineType, line_eligibility
from wamsg.accounts.model import (
    AccountModelPhase,
    BusinessNumber,
    Partner,
    PartnerType,
    Portfolio,
    Waba,
)
from wamsg.accounts.names import (
    NAME_CHANGE_WINDOW,
    NAME_CHANGES_PER_WINDOW,
    REREGISTER_WITHIN,
    name_change_allowed,
    name_change_takes_effect,
    reregister_deadline,
)
from wamsg.accounts.onboarding import (
    AppUse,
    OnboardingPath,
    coexistence_available,
    coexistence_from,
    messaging_account_id_required,
    onboarding_path,
)
from wamsg.accounts.registration import (
    DELETION_AFTER_PAID_MESSAGE,
    REGISTER_REQUESTS_PER_WINDOW,
    DeletionChannel,
    can_delete_number,
    can_deregister,
    can_register,
    register_request_allowed,
    register_window,
)
from wamsg.accounts.state import CONFIG, AccountState, Reading

# The values and events of wamsg.events that accounts reason about, importable from here
# too (explicit re-exports; their home, and their place in __all__, is wamsg.events).
from wamsg.events import AccountAlert as AccountAlert
from wamsg.events import AccountEvent as AccountEvent
from wamsg.events import AlertEntity as AlertEntity
from wamsg.events import AlertSeverity as AlertSeverity
from wamsg.events import AlertStatus as AlertStatus
from wamsg.events import AlertType as AlertType
from wamsg.events import BanState as BanState
from wamsg.events import CapabilityUpdate as CapabilityUpdate
from wamsg.events import CodeVerificationStatus as CodeVerificationStatus
from wamsg.events import DisconnectionReason as DisconnectionReason
from wamsg.events import HealthCanSend as HealthCanSend
from wamsg.events import LimitTier as LimitTier
from wamsg.events import LimitValue as LimitValue
from wamsg.events import NameDecision as NameDecision
from wamsg.events import NameRejectionReason as NameRejectionReason
from wamsg.events import NameStatus as NameStatus
from wamsg.events import NumberKind as NumberKind
from wamsg.events import NumberNameUpdate as NumberNameUpdate
from wamsg.events import NumberQualityUpdate as NumberQualityUpdate
from wamsg.events import NumberStatus as NumberStatus
from wamsg.events import PlatformType as PlatformType
from wamsg.events import QualityEvent as QualityEvent
from wamsg.events import QualityRating as QualityRating
from wamsg.events import Restriction as Restriction
from wamsg.events import RestrictionType as RestrictionType
from wamsg.events import ThroughputLevel as ThroughputLevel
from wamsg.events import WabaEvent as WabaEvent
from wamsg.events import WabaUpdate as WabaUpdate

__all__ = [
    "BUSINESS_CALLS_UNAVAILABLE_CODES",
    "CALLING_API_FROM",
    "CALLING_MINIMUM",
    "CALLING_MINIMUM_BEFORE_PORTFOLIO_LIMITS",
    "CALL_PERMISSION_REQUESTS_PER_DAY",
    "CALL_PERMISSION_REQUESTS_PER_WEEK",
    "COEXISTENCE_FROM",
    "COEXISTENCE_NUMBER_CAP",
    "CONFIG",
    "DELETION_AFTER_PAID_MESSAGE",
    "LEGACY_PARTNER_CAP",
    "NAME_CHANGES_PER_WINDOW",
    "NAME_CHANGE_WINDOW",
    "NUMBER_DELETION_NOT_VIA_API_FROM",
    "OBA_REGISTERED_FOR",
    "OBA_RESUBMIT_AFTER",
    "ONE_BUSINESS_PER_WABA_FROM",
    "PORTFOLIO_LIMITS_FROM",
    "PORTFOLIO_NUMBER_CAP",
    "PORTFOLIO_NUMBER_CAP_SCALED",
    "PORTFOLIO_WABA_CAP",
    "REGISTER_REQUESTS_PER_WINDOW",
    "REGISTER_WINDOW_72H_FROM",
    "REREGISTER_WITHIN",
    "WABA_NUMBER_CAP",
    "AccountConfig",
    "AccountDecision",
    "AccountModelPhase",
    "AccountReason",
    "AccountState",
    "AppUse",
    "BusinessNumber",
    "DeletionChannel",
    "Fact",
    "LineEligibility",
    "LineType",
    "OnboardingPath",
    "Partner",
    "PartnerType",
    "Portfolio",
    "Reading",
    "Waba",
    "call_permission_request_allowed",
    "calling_eligible",
    "calling_minimum",
    "can_add_partner",
    "can_add_waba",
    "can_call_business_initiated",
    "can_delete_number",
    "can_deregister",
    "can_register",
    "can_register_number",
    "can_serve_business",
    "coexistence_available",
    "coexistence_from",
    "line_eligibility",
    "messaging_account_id_required",
    "migration_check",
    "name_change_allowed",
    "name_change_takes_effect",
    "number_cap",
    "oba_eligible",
    "onboarding_path",
    "register_request_allowed",
    "register_window",
    "reregister_deadline",
]
