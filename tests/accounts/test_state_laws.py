"""The account state's fold laws: any order, any duplication, any split give the same state."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tests.accounts.test_state import ACCOUNT, BUSINESS, OTHER, WABA, _at
from wamsg.accounts import (
    AccountAlert,
    AccountState,
    CapabilityUpdate,
    NumberNameUpdate,
    NumberQualityUpdate,
    Restriction,
    WabaUpdate,
)
from wamsg.events import Event
from wamsg.identity import PhoneNumber

__all__ = ["account_streams"]

_hours = st.integers(0, 6).map(float)
_limits = st.sampled_from(["TIER_250", "TIER_2K", 10000, -1, "TIER_NOT_SET", "TIER_9K"])
_businesses = st.sampled_from([BUSINESS, OTHER, PhoneNumber("+15550783899")])
_accounts = st.sampled_from([WABA, "waba-2", "waba-9"])
_events: st.SearchStrategy[Event] = st.one_of(
    st.builds(
        lambda h, limit, caps, account: CapabilityUpdate(
            provider="meta",
            account=account,
            occurred_at=_at(h),
            limit_raw=limit,
            max_numbers_per_business=caps,
            max_numbers_per_waba=caps,
        ),
        _hours,
        st.none() | _limits,
        st.none() | st.integers(1, 30),
        _accounts,
    ),
    st.builds(
        lambda h, event, business, limit, account: NumberQualityUpdate(
            provider="meta",
            account=account,
            occurred_at=_at(h),
            business=business,
            event_raw=event,
            limit_raw=limit,
            current_limit_raw=limit,
        ),
        _hours,
        st.sampled_from(["FLAGGED", "UNFLAGGED", "UPGRADE", "THROUGHPUT_UPGRADE", "X"]),
        _businesses,
        st.none() | _limits,
        _accounts,
    ),
    st.builds(
        lambda h, decision, business: NumberNameUpdate(
            provider="meta",
            account=WABA,
            occurred_at=_at(h),
            business=business,
            decision_raw=decision,
        ),
        _hours,
        st.sampled_from(["APPROVED", "REJECTED", "PENDING"]),
        _businesses,
    ),
    st.builds(
        lambda h, state, kind: WabaUpdate(
            provider="meta",
            account=WABA,
            occurred_at=_at(h),
            event_raw="ACCOUNT_RESTRICTION",
            ban_state_raw=state,
            restrictions=(Restriction(type_raw=kind, expiration=h),),
        ),
        st.integers(0, 6),
        st.none() | st.sampled_from(["DISABLE", "REINSTATE"]),
        st.sampled_from(["RESTRICTED_BIZ_INITIATED_MESSAGING", "RESTRICTED_UTILITY_TEMPLATES"]),
    ),
    st.builds(
        lambda h, kind: AccountAlert(
            provider="meta",
            account=WABA,
            occurred_at=_at(h),
            alert_type_raw=kind,
            entity_type_raw="BUSINESS",
            entity_id="731205919430117",
            description=str(h),
        ),
        _hours,
        st.sampled_from(["OBA_APPROVED", "OBA_REJECTED"]),
    ),
)
account_streams = st.lists(_events, max_size=12)
"""Account events of the state's WABAs and of others, with ties and unknown values."""


@given(account_streams, st.randoms(use_true_random=False), st.data())
def test_any_order_and_any_duplication_give_the_same_state(
    events: list[Event], rng: object, data: st.DataObject
) -> None:
    repeated = events + data.draw(st.lists(st.sampled_from(events), max_size=6)) if events else []
    rng.shuffle(repeated)  # type: ignore[attr-defined]
    start = AccountState.empty(ACCOUNT)
    assert start.fold(repeated) == start.fold(events)


@given(account_streams, account_streams)
def test_folding_in_two_batches_equals_folding_at_once(
    first: list[Event], second: list[Event]
) -> None:
    start = AccountState.empty(ACCOUNT, as_of=_at(4))
    assert start.fold(first + second) == start.fold(first).fold(second)


@given(account_streams)
def test_applying_one_by_one_equals_folding(events: list[Event]) -> None:
    state = AccountState.empty(ACCOUNT)
    for event in events:
        state = state.apply(event)
    assert state == AccountState.empty(ACCOUNT).fold(events)


@given(account_streams)
def test_every_view_of_any_state_answers(events: list[Event]) -> None:
    state = AccountState.empty(ACCOUNT).fold(events)
    assert state.number_cap(_at(3)) in (2, 20, *range(1, 31))
    assert len(state.numbers) == 2
    assert state.restrictions(WABA, _at(3)) is not None
    assert isinstance(state.alerts, tuple)
