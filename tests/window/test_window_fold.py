"""The customer service and free entry point windows, folded from events."""

from __future__ import annotations

from datetime import datetime, timedelta

import pendulum
import pytest

from wamsg import (
    Customer,
    DeliveryStatus,
    Event,
    MessageStatus,
    UnknownEvent,
    Unsupported,
    ValidationError,
)
from wamsg.content import System
from wamsg.window import (
    CUSTOMER_SERVICE_WINDOW,
    Window,
    WindowBook,
    WindowKind,
    WindowState,
    check_margin,
)

from .helpers import BUSINESS, CUSTOMER, UTC, called, hour, received, sent

EMPTY = WindowState.empty(BUSINESS, CUSTOMER)
US = timedelta(microseconds=1)


def test_meta_example_business_messages_do_not_extend_the_window() -> None:
    state = EMPTY.fold([received(hour(2)), sent(hour(3)), sent(hour(4))])
    assert state.as_of(hour(5)).closes_at == hour(26)
    assert state.customer_service_window_open(hour(26) - US)
    assert not state.customer_service_window_open(hour(26))


def test_window_is_open_from_the_message_timestamp_inclusive() -> None:
    state = EMPTY.apply(received(hour(2)))
    assert state.customer_service_window_open(hour(2))
    assert not state.customer_service_window_open(hour(2) - US)


def test_boundary_is_exclusive_at_opened_plus_24_hours() -> None:
    state = EMPTY.apply(received(hour(2)))
    assert state.customer_service_window_open(hour(2) + CUSTOMER_SERVICE_WINDOW - US)
    assert not state.customer_service_window_open(hour(2) + CUSTOMER_SERVICE_WINDOW)


def test_a_later_customer_message_resets_the_window() -> None:
    state = EMPTY.fold([received(hour(2)), received(hour(20))])
    assert state.as_of(hour(21)).closes_at == hour(44)
    assert state.as_of(hour(21)).opens_at == hour(20)


def test_an_older_message_arriving_late_does_not_shorten_the_window() -> None:
    state = EMPTY.fold([received(hour(20)), received(hour(2))])
    assert state.as_of(hour(30)).closes_at == hour(44)


def test_no_window_before_any_customer_message() -> None:
    snapshot = EMPTY.fold([sent(hour(1))]).as_of(hour(2))
    assert snapshot.customer_service_window is None
    assert snapshot.opens_at is None
    assert snapshot.closes_at is None
    assert not snapshot.customer_service_window_open
    assert snapshot.time_left == timedelta(0)


def test_system_messages_do_not_open_the_window() -> None:
    notice = received(hour(2), content=System(system_type="user_changed_number"))
    assert not EMPTY.apply(notice).customer_service_window_open(hour(3))


def test_unsupported_messages_open_the_window() -> None:
    poll = received(hour(2), content=Unsupported(type="poll"))
    assert EMPTY.apply(poll).customer_service_window_open(hour(3))


def test_request_welcome_as_unsupported_content_opens_the_window() -> None:
    welcome = received(hour(2), content=Unsupported(type="request_welcome"))
    assert EMPTY.apply(welcome).customer_service_window_open(hour(3))


@pytest.mark.parametrize("kind", ["request_welcome", "call"])
def test_request_welcome_and_user_call_unknown_events_open_the_window(kind: str) -> None:
    event = UnknownEvent(
        provider="meta", kind=kind, business=BUSINESS, customer=CUSTOMER, occurred_at=hour(2)
    )
    assert EMPTY.apply(event).customer_service_window_open(hour(3))


def test_a_user_calling_the_business_opens_the_window_like_a_message() -> None:
    """[rule meta.csw.user-call]: the window opens at the user-initiated connect."""
    state = EMPTY.apply(called(hour(2)))
    assert state.customer_service_window_open(hour(3))
    assert state.as_of(hour(3)).closes_at == hour(26)
    assert state.last_inbound_at(hour(3)) == hour(2)
    assert WindowBook().apply(called(hour(2))).get(BUSINESS, CUSTOMER) == state


def test_a_user_call_restarts_an_open_window() -> None:
    state = EMPTY.fold([received(hour(2)), sent(hour(3)), called(hour(20))])
    assert state.as_of(hour(21)).closes_at == hour(44)


@pytest.mark.parametrize(
    ("direction", "event"),
    [
        ("BUSINESS_INITIATED", "connect"),
        ("BUSINESS_INITIATED", "terminate"),
        ("BUSINESS_INITIATED", "status"),
        ("USER_INITIATED", "terminate"),
        ("SOMETHING_NEW", "connect"),
    ],
)
def test_business_calls_and_the_end_of_a_call_do_not_open_the_window(
    direction: str, event: str
) -> None:
    call = called(hour(2), direction=direction, event=event)
    assert EMPTY.apply(call) == EMPTY
    book = WindowBook().apply(call)
    assert not book.get(BUSINESS, CUSTOMER).customer_service_window_open(hour(3))


def test_a_business_call_does_not_extend_the_window() -> None:
    state = EMPTY.fold([received(hour(2)), called(hour(20), direction="BUSINESS_INITIATED")])
    assert state.as_of(hour(21)).closes_at == hour(26)


def test_other_unknown_events_do_not_open_the_window() -> None:
    event = UnknownEvent(
        provider="meta", kind="typing", business=BUSINESS, customer=CUSTOMER, occurred_at=hour(2)
    )
    assert EMPTY.apply(event) == EMPTY


def test_unknown_event_without_time_or_customer_is_ignored() -> None:
    no_time = UnknownEvent(provider="meta", kind="request_welcome", customer=CUSTOMER)
    no_customer = UnknownEvent(provider="meta", kind="request_welcome", occurred_at=hour(1))
    assert EMPTY.fold([no_time, no_customer]) == EMPTY
    assert len(WindowBook().fold([no_time, no_customer])) == 1


def test_messages_without_a_timestamp_are_ignored() -> None:
    undated = received(hour(2))
    undated = type(undated)(provider="twilio", message=undated.message.__class__(
        id="SM1", direction=undated.message.direction, business=BUSINESS, customer=CUSTOMER,
        sent_at=None, content=undated.message.content))  # fmt: skip
    undated_sent = sent(hour(2))
    undated_sent = type(undated_sent)(provider="twilio", message=undated_sent.message.__class__(
        id="SM2", direction=undated_sent.message.direction, business=BUSINESS,
        customer=CUSTOMER, sent_at=None, content=undated_sent.message.content))  # fmt: skip
    assert EMPTY.fold([undated, undated_sent]) == EMPTY


def test_status_events_change_nothing() -> None:
    status = MessageStatus(
        provider="meta", message_id="wamid.1", status=DeliveryStatus.READ, occurred_at=hour(1)
    )
    assert EMPTY.apply(status) is EMPTY


def test_events_of_other_pairs_are_ignored_by_a_pair_state() -> None:
    other = Customer(phone="+358401234567")
    assert EMPTY.fold([received(hour(2), customer=other)]) == EMPTY


def test_meta_example_ad_referral_opens_free_entry_point_at_the_reply() -> None:
    state = EMPTY.fold([received(hour(10), source_type="ad"), sent(hour(22), template="utility")])
    fep = state.free_entry_point_window(hour(23))
    assert fep == Window(WindowKind.FREE_ENTRY_POINT, hour(22), hour(22 + 72))
    assert state.customer_service_window_open(hour(34) - US)
    assert not state.customer_service_window_open(hour(34))
    assert state.free_entry_point_open(hour(94) - US)
    assert not state.free_entry_point_open(hour(94))


def test_free_entry_point_is_not_open_before_the_reply() -> None:
    state = EMPTY.fold([received(hour(10), source_type="ad"), sent(hour(22))])
    assert not state.free_entry_point_open(hour(21))
    assert state.free_entry_point_window(hour(21)) is None


def test_post_referral_does_not_open_a_free_entry_point() -> None:
    state = EMPTY.fold([received(hour(10), source_type="post"), sent(hour(11))])
    assert state.free_entry_points == ()


def test_reply_24_hours_after_the_ad_message_opens_no_free_entry_point() -> None:
    state = EMPTY.fold([received(hour(10), source_type="ad"), sent(hour(34))])
    assert state.free_entry_points == ()
    assert EMPTY.fold(
        [received(hour(10), source_type="ad"), sent(hour(34) - US)]
    ).free_entry_points


def test_a_business_message_before_the_ad_message_is_not_a_reply() -> None:
    state = EMPTY.fold([sent(hour(9)), received(hour(10), source_type="ad")])
    assert state.free_entry_points == ()


def test_free_entry_point_does_not_widen_the_service_window() -> None:
    state = EMPTY.fold([received(hour(10), source_type="ad"), sent(hour(11))])
    snapshot = state.as_of(hour(40))
    assert snapshot.free_entry_point_open
    assert not snapshot.customer_service_window_open


def test_an_ad_message_during_a_free_entry_point_does_not_extend_it() -> None:
    events: list[Event] = [received(hour(0), source_type="ad"), sent(hour(1)),
                           received(hour(50), source_type="ad"), sent(hour(51))]  # fmt: skip
    assert EMPTY.fold(events).free_entry_points == ((hour(1), hour(73)),)


def test_a_reply_after_the_free_entry_point_closed_opens_a_new_one() -> None:
    events: list[Event] = [received(hour(0), source_type="ad"), sent(hour(1)),
                           received(hour(60), source_type="ad"), sent(hour(61)),
                           sent(hour(74))]  # fmt: skip
    assert EMPTY.fold(events).free_entry_points == ((hour(1), hour(73)), (hour(74), hour(146)))
    state = EMPTY.fold(events)
    assert state.free_entry_point_window(hour(70)) == Window(
        WindowKind.FREE_ENTRY_POINT, hour(1), hour(73)
    )


def test_events_after_the_question_time_are_not_taken_into_account() -> None:
    state = EMPTY.fold([received(hour(2)), received(hour(30))])
    assert state.as_of(hour(27)).closes_at == hour(26)
    assert not state.customer_service_window_open(hour(27))


def test_margin_treats_the_window_as_closed_early() -> None:
    state = EMPTY.apply(received(hour(2)))
    margin = timedelta(minutes=2)
    assert not state.customer_service_window_open(hour(26) - timedelta(minutes=1), margin=margin)
    assert state.customer_service_window_open(hour(26) - timedelta(minutes=3), margin=margin)


def test_time_left_counts_down_to_the_close_minus_margin() -> None:
    state = EMPTY.apply(received(hour(2)))
    assert state.as_of(hour(25)).time_left == timedelta(hours=1)
    assert state.as_of(hour(25), margin=timedelta(minutes=2)).time_left == timedelta(minutes=58)
    assert state.as_of(hour(30)).time_left == timedelta(0)


def test_window_time_left_is_zero_before_it_opens() -> None:
    window = Window(WindowKind.CUSTOMER_SERVICE, hour(2), hour(26))
    assert window.time_left(hour(1)) == timedelta(0)
    assert not window.is_open(hour(1))


def test_pendulum_datetimes_and_other_zones_are_accepted() -> None:
    state = EMPTY.apply(received(hour(2)))
    helsinki = pendulum.instance(hour(25)).in_timezone("Europe/Helsinki")
    assert state.customer_service_window_open(helsinki)
    assert state.as_of(helsinki).at == hour(25)


def test_naive_datetimes_are_rejected() -> None:
    naive = datetime(2026, 11, 2, 3)
    with pytest.raises(ValidationError, match="naive"):
        EMPTY.as_of(naive)
    with pytest.raises(ValidationError, match="naive"):
        WindowState(business=BUSINESS, customer=CUSTOMER, inbound=[naive])
    with pytest.raises(ValidationError):
        Window(WindowKind.CUSTOMER_SERVICE, hour(2), hour(26)).is_open(naive)


def test_margin_must_be_a_non_negative_timedelta() -> None:
    with pytest.raises(ValidationError, match="negative"):
        check_margin(timedelta(minutes=-1))
    with pytest.raises(ValidationError, match="timedelta"):
        check_margin("2m")
    assert check_margin(pendulum.duration(minutes=2)) == timedelta(minutes=2)


def test_ad_times_are_also_customer_messages() -> None:
    state = WindowState(business=BUSINESS, customer=CUSTOMER, ad_inbound=[hour(1)])
    assert state.inbound == (hour(1),)
    assert state.key == ("+15550783881", "+16505551234")


def test_awaiting_reply_when_the_customer_wrote_last() -> None:
    state = EMPTY.fold([received(hour(2)), sent(hour(3)), received(hour(5))])
    assert state.awaiting_reply(hour(2))
    assert not state.awaiting_reply(hour(4))
    assert state.awaiting_reply(hour(6))
    assert not EMPTY.awaiting_reply(hour(6))
    assert state.last_inbound_at(hour(4)) == hour(2)
    assert state.last_outbound_at(hour(4)) == hour(3)


def test_book_keeps_one_state_per_business_and_customer() -> None:
    other = Customer(user_id="US.13491208655302741918")
    book = WindowBook().fold(
        [received(hour(2)), received(hour(3), customer=other), received(hour(4), business=None)]
    )
    assert len(book) == 3
    assert [s.key for s in book] == [
        (None, "+16505551234"),
        ("+15550783881", "+16505551234"),
        ("+15550783881", "US.13491208655302741918"),
    ]
    assert book.get(BUSINESS, other).as_of(hour(5)).opens_at == hour(3)


def test_book_answers_an_empty_state_for_an_unknown_pair() -> None:
    assert WindowBook().get(BUSINESS, CUSTOMER) == EMPTY


def test_book_apply_is_fold_of_one_event() -> None:
    book = WindowBook().apply(received(hour(2))).apply(sent(hour(3)))
    assert book == WindowBook().fold([received(hour(2)), sent(hour(3))])


def test_book_ignores_events_without_a_customer_and_non_message_events() -> None:
    status = MessageStatus(provider="meta", message_id="m", status=DeliveryStatus.SENT)
    assert len(WindowBook().fold([status])) == 0


def test_customer_equality_ignores_profile_name() -> None:
    renamed = Customer(phone="+16505551234", name="S. Nelson")
    assert EMPTY.fold([received(hour(2), customer=renamed)]).as_of(hour(3)).opens_at == hour(2)


def test_snapshot_is_in_utc() -> None:
    state = EMPTY.apply(received(hour(2)))
    assert state.as_of(hour(3)).at.tzinfo is UTC


def test_snapshot_names_when_the_free_entry_point_closes() -> None:
    state = EMPTY.fold([received(hour(10), source_type="ad"), sent(hour(22))])
    assert state.as_of(hour(23)).free_entry_point_closes_at == hour(94)
    assert EMPTY.as_of(hour(23)).free_entry_point_closes_at is None


@pytest.mark.parametrize("times", [5, "2026-11-02T03:00:00Z", [None]])
def test_state_times_must_be_aware_datetimes(times: object) -> None:
    with pytest.raises(ValidationError):
        WindowState(business=BUSINESS, customer=CUSTOMER, inbound=times)  # type: ignore[arg-type]
