"""Hypothesis strategies for the typed account events and account files."""

from __future__ import annotations

from hypothesis import strategies as st

from tests.strategies import aware_datetimes, extras, json_objects, json_values, phone_numbers
from wamsg.events import (
    AccountAlert,
    AccountEvent,
    CapabilityUpdate,
    NumberNameUpdate,
    NumberQualityUpdate,
    Restriction,
    WabaUpdate,
)

__all__ = ["account_events", "limits", "opt_words"]

_words = st.text(min_size=1, max_size=12)
opt_words = st.none() | st.text(max_size=12)
_tiers = st.sampled_from(["TIER_250", "TIER_2K", "TIER_10K", "TIER_100K", "TIER_UNLIMITED"])
limits = (
    st.none() | _tiers | st.sampled_from([250, 2000, 10000, 100000, -1]) | _words | st.integers()
)
"""A limit as Meta may write it: a tier name, its number, anything else."""

_common = {
    "provider": st.sampled_from(["meta", "360dialog"]) | _words,
    "account": opt_words,
    "occurred_at": st.none() | aware_datetimes,
    "raw": st.none() | json_values,
    "extra": extras,
}
_restrictions = st.builds(
    Restriction,
    type_raw=_words,
    expiration=st.none() | st.integers(-5, 2**40) | st.text(max_size=25),
    remediation=opt_words,
)

account_events: st.SearchStrategy[AccountEvent] = st.one_of(
    st.builds(
        CapabilityUpdate,
        limit_raw=limits,
        phone_limit_raw=limits,
        max_numbers_per_business=st.none() | st.integers(0, 100),
        max_numbers_per_waba=st.none() | st.integers(0, 100),
        **_common,
    ),
    st.builds(
        NumberQualityUpdate,
        business=st.none() | phone_numbers,
        event_raw=opt_words,
        limit_raw=limits,
        current_limit_raw=limits,
        old_limit_raw=limits,
        **_common,
    ),
    st.builds(
        NumberNameUpdate,
        business=st.none() | phone_numbers,
        decision_raw=opt_words,
        requested_name=opt_words,
        rejection_reason_raw=opt_words,
        **_common,
    ),
    st.builds(
        WabaUpdate,
        business=st.none() | phone_numbers,
        event_raw=opt_words,
        restrictions=st.lists(_restrictions, max_size=3).map(tuple),
        ban_state_raw=opt_words,
        ban_date=opt_words,
        violation_type=opt_words,
        disconnection_reason_raw=opt_words,
        initiated_by=opt_words,
        details=json_objects,
        **_common,
    ),
    st.builds(
        AccountAlert,
        alert_type_raw=opt_words,
        entity_type_raw=opt_words,
        entity_id=opt_words,
        severity_raw=opt_words,
        status_raw=opt_words,
        description=opt_words,
        **_common,
    ),
)
"""Every typed account event, with unknown values, extra keys and raw payloads."""
