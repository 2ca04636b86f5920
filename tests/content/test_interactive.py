"""Interactive messages a business sends are content like any other: recorded, read back."""

from __future__ import annotations

import pytest

from wamsg import (
    Customer,
    Message,
    MessageSent,
    Outgoing,
    PhoneNumber,
    ValidationError,
    event_from_dict,
)
from wamsg.content import (
    ListMessage,
    ListRow,
    ListSection,
    ReplyButton,
    ReplyButtons,
    content_from_dict,
)
from wamsg.inbox import preview
from wamsg.messages import Direction

BUTTONS = ReplyButtons(
    body="Was your issue solved?",
    buttons=(ReplyButton("yes", "Yes"), ReplyButton("no", "No")),
    header="Support",
)
LIST = ListMessage(
    body="Choose a department",
    button="Departments",
    sections=(
        ListSection(title="Sales", rows=(ListRow(id="s1", title="New order"),)),
        ListSection(title="Support", rows=(ListRow(id="t1", title="Delivery", description="x"),)),
    ),
    footer="Mon-Fri 8-17",
)


@pytest.mark.parametrize("content", [BUTTONS, LIST])
def test_interactive_content_round_trips_through_json(content: ReplyButtons | ListMessage) -> None:
    assert content_from_dict(content.to_dict()) == content


@pytest.mark.parametrize("content", [BUTTONS, LIST])
def test_a_sent_interactive_message_round_trips_as_an_event(
    content: ReplyButtons | ListMessage,
) -> None:
    event = MessageSent(
        provider="meta",
        message=Message(
            id="wamid.out9",
            direction=Direction.OUTBOUND,
            business=PhoneNumber.parse("+358942411000"),
            customer=Customer(phone="+358401234567"),
            sent_at=None,
            content=content,
        ),
        operator="bot",
    )
    data = event.to_dict()
    assert event_from_dict(data) == event
    assert event_from_dict(data).to_dict() == data


def test_an_interactive_message_is_outgoing_content() -> None:
    outgoing = Outgoing(business=None, customer=Customer(phone="+358401234567"), content=BUTTONS)
    assert not outgoing.is_template


def test_the_inbox_preview_shows_the_body() -> None:
    assert preview(BUTTONS) == "[buttons] Was your issue solved?"
    assert preview(LIST) == "[list] Choose a department"


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"kind": "buttons", "body": "x", "buttons": "yes"}, "content.buttons"),
        ({"kind": "buttons", "body": "x", "buttons": [{"id": "a"}]}, "content.buttons[0].title"),
        ({"kind": "buttons", "body": "x", "buttons": [5]}, "content.buttons[0]"),
        ({"kind": "list", "body": "x", "button": "b", "sections": None}, "content.sections"),
        (
            {"kind": "list", "body": "x", "button": "b", "sections": [{"rows": [{"id": "r"}]}]},
            "content.sections[0].rows[0].title",
        ),
    ],
)
def test_malformed_interactive_content_names_the_bad_key(
    data: dict[str, object], field: str
) -> None:
    with pytest.raises(ValidationError) as error:
        content_from_dict(data)
    assert error.value.field == field
