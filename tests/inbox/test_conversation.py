"""The conversation projection: what an inbox row shows, folded from events."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st

from wamsg import (
    Customer,
    Delivery,
    DeliveryStatus,
    Message,
    MessageReceived,
    MessageSent,
    MessageStatus,
    PhoneNumber,
    TemplateRef,
    Text,
    Ticks,
    Unsupported,
)
from wamsg.content import Image, Media
from wamsg.delivery import ErrorDetail
from wamsg.events import ConversationRead, Event, TemplateIdentity, TemplateStatusChanged
from wamsg.identity import pair_key
from wamsg.inbox import Conversation, preview
from wamsg.messages import Context, Direction

T0 = datetime(2026, 11, 20, 8, 0, tzinfo=timezone.utc)
BUSINESS = PhoneNumber.parse("+358942411000")
CUSTOMER = Customer(phone="+358401234567", name="Aino")


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def received(
    mid: str, minutes: float | None, body: str = "hei", *, forwarded: bool = False
) -> MessageReceived:
    return MessageReceived(
        provider="meta",
        message=Message(
            id=mid,
            direction=Direction.INBOUND,
            business=BUSINESS,
            customer=CUSTOMER,
            sent_at=None if minutes is None else at(minutes),
            content=Text(body),
            context=Context(forwarded=forwarded),
        ),
    )


def sent(mid: str, minutes: float, operator: str | None = "agent-7") -> MessageSent:
    return MessageSent(
        provider="meta",
        message=Message(
            id=mid,
            direction=Direction.OUTBOUND,
            business=BUSINESS,
            customer=Customer(phone="+358401234567"),
            sent_at=at(minutes),
            content=Text("reply"),
        ),
        operator=operator,
    )


def status(
    mid: str, minutes: float, value: DeliveryStatus, code: str | None = None
) -> MessageStatus:
    return MessageStatus(
        provider="meta",
        message_id=mid,
        status=value,
        business=BUSINESS,
        customer=CUSTOMER,
        occurred_at=at(minutes),
        errors=() if code is None else (ErrorDetail(code=code),),
    )


def read(minutes: float, reader: str = "business") -> ConversationRead:
    return ConversationRead(
        provider="meta",
        business=BUSINESS,
        customer=CUSTOMER,
        occurred_at=at(minutes),
        reader=reader,
    )


def fold(*events: Event) -> Conversation:
    return Conversation.start(BUSINESS, CUSTOMER).fold(events)


def test_an_empty_conversation_has_nothing_to_show() -> None:
    state = Conversation.start(BUSINESS, CUSTOMER)
    assert state.last_message is None
    assert state.unread_count == 0
    assert not state.awaiting_reply
    assert state.ticks is None
    assert state.last_direction is None
    assert state.key == ("+358942411000", "+358401234567")


def test_customer_messages_are_unread_and_await_a_reply() -> None:
    state = fold(received("m1", 0), received("m2", 1))
    assert state.unread_count == 2
    assert state.awaiting_reply
    assert state.last_direction is Direction.INBOUND
    assert state.created_at == at(0)


def test_a_reply_clears_unread_and_the_beacon() -> None:
    state = fold(received("m1", 0), sent("o1", 5))
    assert state.unread_count == 0
    assert not state.awaiting_reply
    assert state.last_operator == "agent-7"
    assert state.last_direction is Direction.OUTBOUND


def test_a_business_read_clears_unread_but_not_the_beacon() -> None:
    state = fold(received("m1", 0), read(3))
    assert state.unread_count == 0
    assert state.awaiting_reply
    assert state.read_at == at(3)


def test_a_customer_read_does_not_touch_unread() -> None:
    state = fold(received("m1", 0), read(3, reader="customer"))
    assert state.unread_count == 1


def test_an_older_read_changes_nothing() -> None:
    state = fold(received("m1", 0), read(5), read(3))
    assert state.read_at == at(5)


def test_messages_after_the_reply_are_unread_again() -> None:
    state = fold(received("m1", 0), sent("o1", 5), received("m2", 9))
    assert state.unread_count == 1
    assert state.awaiting_reply


def test_a_duplicate_inbound_webhook_counts_once() -> None:
    assert fold(received("m1", 0), received("m1", 0)) == fold(received("m1", 0))


def test_a_late_older_message_does_not_become_the_last() -> None:
    state = fold(received("m2", 10, "newer"), received("m1", 0, "older"))
    assert state.last_message is not None
    assert state.last_message.id == "m2"
    assert state.created_at == at(0)


def test_an_inbound_message_older_than_the_reply_is_not_unread() -> None:
    state = fold(sent("o1", 5), received("m1", 0))
    assert state.unread_count == 0
    assert not state.awaiting_reply


def test_the_latest_named_message_sets_the_customer_name() -> None:
    renamed = MessageReceived(
        provider="meta",
        message=Message(
            id="m9",
            direction=Direction.INBOUND,
            business=BUSINESS,
            customer=Customer(phone="+358401234567", name="Aino V."),
            sent_at=at(20),
            content=Text("x"),
        ),
    )
    assert fold(received("m1", 0), renamed).customer.name == "Aino V."


def test_statuses_merge_into_ticks_of_the_last_outbound_message() -> None:
    state = fold(
        sent("o1", 0),
        status("o1", 2, DeliveryStatus.READ),
        status("o1", 1, DeliveryStatus.DELIVERED),
    )
    assert state.ticks is Ticks.TWO_BLUE


def test_a_recorded_send_without_status_is_in_preparation() -> None:
    assert fold(sent("o1", 0)).ticks is Ticks.IN_PREPARATION


def test_a_status_before_its_message_is_kept_until_the_message_arrives() -> None:
    state = fold(status("o1", 1, DeliveryStatus.DELIVERED), sent("o1", 0))
    assert state.ticks is Ticks.TWO_GREY


def test_a_newer_send_shows_its_own_ticks() -> None:
    state = fold(sent("o1", 0), status("o1", 1, DeliveryStatus.READ), sent("o2", 5))
    assert state.last_outbound_id == "o2"
    assert state.ticks is Ticks.IN_PREPARATION


def test_a_late_status_of_an_older_message_does_not_change_the_ticks() -> None:
    state = fold(sent("o1", 0), sent("o2", 9), status("o1", 1, DeliveryStatus.FAILED, "131026"))
    assert state.ticks is Ticks.IN_PREPARATION
    assert state.parked == ()


def test_a_late_older_send_does_not_replace_the_last_outbound() -> None:
    state = fold(sent("o2", 5), status("o1", 6, DeliveryStatus.READ), sent("o1", 0, "agent-1"))
    assert state.last_outbound_id == "o2"
    assert state.last_operator == "agent-7"
    assert state.ticks is Ticks.IN_PREPARATION


def test_failure_details_survive_a_later_proof_of_delivery() -> None:
    state = fold(
        sent("o1", 0),
        status("o1", 1, DeliveryStatus.FAILED, "131026"),
        status("o1", 2, DeliveryStatus.DELIVERED),
    )
    assert state.ticks is Ticks.TWO_GREY
    assert state.last_outbound is not None
    assert {e.code for e in state.last_outbound.errors} == {"131026"}


def test_an_anonymous_reply_keeps_the_last_named_operator() -> None:
    state = fold(sent("o1", 0, "agent-2"), sent("o2", 5, None))
    assert state.last_operator == "agent-2"


def test_a_message_without_a_time_lands_at_the_latest_time_seen() -> None:
    state = fold(received("m1", 3), received("m2", None))
    assert state.last_message is not None
    assert state.last_message.at == at(3)


def test_a_first_message_without_a_time_lands_at_the_epoch() -> None:
    state = fold(received("m1", None))
    assert state.created_at == datetime(1970, 1, 1, tzinfo=timezone.utc)


def test_forwarded_content_is_flagged_in_the_last_message() -> None:
    state = fold(received("m1", 0, forwarded=True))
    assert state.last_message is not None
    assert state.last_message.forwarded


def test_events_about_templates_are_ignored() -> None:
    event = TemplateStatusChanged(
        provider="meta", template=TemplateIdentity(name="x", language="en_US"), status="APPROVED"
    )
    assert fold(event) == Conversation.start(BUSINESS, CUSTOMER)


def test_apply_is_one_step_of_fold() -> None:
    events: list[Event] = [
        received("m1", 0),
        sent("o1", 5),
        status("o1", 6, DeliveryStatus.DELIVERED),
    ]
    state = Conversation.start(BUSINESS, CUSTOMER)
    for event in events:
        state = state.apply(event)
    assert state == fold(*events)


def test_pair_key_uses_phone_then_business_scoped_id() -> None:
    anonymous = Customer(user_id="US.13491208655302741918")
    assert pair_key(None, anonymous) == (None, "US.13491208655302741918")


def test_preview_summarises_every_kind_on_one_line() -> None:
    assert preview(Text("a  b\nc")) == "a b c"
    assert preview(Text("x" * 100)).endswith("…")
    assert preview(TemplateRef(name="order_update", language="en_US")) == "[template order_update]"
    assert preview(Unsupported(type="poll_creation")) == "[unsupported: poll_creation]"
    assert preview(Image(Media(id="1", caption="parcel"))) == "[image] parcel"
    assert preview(Image(Media(id="1"))) == "[image]"


# ------------------------------------------------------------------ properties

_ids = st.sampled_from(["o1", "o2", "o3"])
_statuses = st.builds(
    lambda mid, minute, value, code: status(mid, minute, value, code),
    _ids,
    st.integers(min_value=30, max_value=90),
    st.sampled_from(list(DeliveryStatus)),
    st.sampled_from([None, "131026", "131047"]),
)
_messages = st.lists(
    st.one_of(
        st.builds(lambda i, m: received(f"m{i}", m), st.integers(0, 5), st.integers(0, 29)),
        st.builds(lambda i, m: sent(f"o{i}", m), st.integers(1, 3), st.integers(0, 29)),
        st.builds(lambda m: read(m), st.integers(0, 29)),
    ),
    max_size=12,
)


@given(_messages, st.lists(_statuses, max_size=10), st.randoms(use_true_random=False))
def test_fold_is_idempotent_under_duplicates(
    messages: list[Event], statuses: list[Event], rnd: object
) -> None:
    events = messages + statuses
    with_duplicates = list(events)
    for event in events:
        with_duplicates.insert(rnd.randint(0, len(with_duplicates)), event)  # type: ignore[attr-defined]
    assert fold(*with_duplicates) == fold(*events)


@given(_messages, st.lists(_statuses, max_size=10), st.randoms(use_true_random=False))
def test_status_order_does_not_matter(
    messages: list[Event], statuses: list[Event], rnd: object
) -> None:
    shuffled = list(statuses)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    interleaved: list[Event] = list(messages)
    for event in shuffled:
        interleaved.insert(rnd.randint(0, len(interleaved)), event)  # type: ignore[attr-defined]
    assert fold(*interleaved) == fold(*messages, *statuses)


def test_merged_delivery_equals_the_join_of_every_report() -> None:
    reports = [status("o1", 31, DeliveryStatus.SENT), status("o1", 35, DeliveryStatus.READ)]
    state = fold(sent("o1", 30), *reports)
    assert state.last_outbound == Delivery.combine(r.delivery for r in reports)
