"""Content kinds: the closed union, their JSON form and their reader."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from hypothesis import given, settings

from tests.strategies import contents, json_objects
from wamsg import Content, TemplateRef, Text, Unsupported, ValidationError
from wamsg._internal.json import JsonObject
from wamsg.content import (
    Audio,
    ButtonReply,
    ContactCard,
    Contacts,
    Document,
    Image,
    InteractiveReply,
    Location,
    Media,
    Order,
    OrderItem,
    Reaction,
    Sticker,
    System,
    Video,
    content_from_dict,
)
from wamsg.content.model import to_decimal

MEDIA = Media(id="1013859600285441", mime_type="image/jpeg", sha256="abc", caption="Receipt")


@given(contents)
def test_every_content_kind_round_trips_through_json(content: Content) -> None:
    data = json.loads(json.dumps(content.to_dict()))
    again = content_from_dict(data)
    assert again == content
    assert again.to_dict() == content.to_dict()


@settings(max_examples=50)
@given(json_objects)
def test_an_unknown_kind_becomes_unsupported_keeping_everything(data: JsonObject) -> None:
    data = {**data, "kind": "poll"}
    content = content_from_dict(data)
    assert content == Unsupported(type="poll", data=data)


def test_every_kind_names_itself_in_its_json() -> None:
    samples: list[Content] = [
        Text("hi"),
        Image(MEDIA),
        Video(MEDIA),
        Audio(media=MEDIA, voice=True),
        Document(media=MEDIA, filename="invoice.pdf"),
        Sticker(media=MEDIA, animated=True),
        Location(latitude=60.17, longitude=24.94),
        Contacts(()),
        Reaction(message_id="wamid.1", emoji="👍"),
        InteractiveReply(reply_type="button", id="yes"),
        ButtonReply(text="Stop promotions"),
        Order(),
        System(system_type="user_changed_number"),
        TemplateRef(name="order_update", language="en_US"),
        Unsupported(type="poll"),
    ]
    kinds = [content.to_dict()["kind"] for content in samples]
    assert kinds == [content.kind for content in samples]
    assert len(set(kinds)) == len(samples)


# -- media -------------------------------------------------------------------


def test_media_needs_an_id_or_a_url() -> None:
    with pytest.raises(ValidationError, match="id or a url"):
        Media(caption="lost")


def test_media_with_only_a_url_is_fine() -> None:
    assert Media(url="https://api.twilio.com/media/ME1").url == "https://api.twilio.com/media/ME1"


def test_image_json_spreads_the_media_keys() -> None:
    assert Image(MEDIA).to_dict() == {
        "kind": "image",
        "id": "1013859600285441",
        "url": None,
        "mime_type": "image/jpeg",
        "sha256": "abc",
        "caption": "Receipt",
    }


def test_audio_keeps_the_voice_flag() -> None:
    audio = content_from_dict({"kind": "audio", "id": "9", "voice": True})
    assert audio == Audio(media=Media(id="9"), voice=True)


def test_voice_defaults_to_false() -> None:
    assert content_from_dict({"kind": "audio", "id": "9"}) == Audio(media=Media(id="9"))


def test_document_keeps_its_filename() -> None:
    document = content_from_dict({"kind": "document", "url": "u", "filename": "a.pdf"})
    assert document == Document(media=Media(url="u"), filename="a.pdf")


def test_sticker_keeps_the_animated_flag() -> None:
    sticker = content_from_dict({"kind": "sticker", "id": "7", "animated": True})
    assert sticker == Sticker(media=Media(id="7"), animated=True)


def test_media_reader_rejects_a_non_string_caption() -> None:
    with pytest.raises(ValidationError) as raised:
        content_from_dict({"kind": "image", "id": "1", "caption": 3})
    assert raised.value.field == "content.caption"


def test_flag_reader_rejects_a_non_boolean() -> None:
    with pytest.raises(ValidationError) as raised:
        content_from_dict({"kind": "audio", "id": "1", "voice": "yes"})
    assert raised.value.field == "content.voice"


# -- text and required text fields -------------------------------------------


def test_text_json() -> None:
    assert Text("Where is my order?").to_dict() == {"kind": "text", "body": "Where is my order?"}


@pytest.mark.parametrize(
    "build",
    [
        lambda: Text(""),
        lambda: Reaction(message_id=""),
        lambda: InteractiveReply(reply_type=""),
        lambda: ButtonReply(text=""),
        lambda: System(system_type=""),
        lambda: TemplateRef(name="", language="en"),
        lambda: TemplateRef(name="x", language=""),
        lambda: OrderItem(product_retailer_id="", quantity=1),
        lambda: Unsupported(type=""),
    ],
)
def test_required_text_fields_must_not_be_empty(build: object) -> None:
    assert callable(build)
    with pytest.raises(ValidationError, match="non-empty"):
        build()


def test_text_reader_needs_a_body() -> None:
    with pytest.raises(ValidationError) as raised:
        content_from_dict({"kind": "text"})
    assert raised.value.field == "content.body"


# -- location ----------------------------------------------------------------


def test_location_json() -> None:
    location = Location(latitude=60.17, longitude=24.94, name="HQ", address="Helsinki")
    assert location.to_dict() == {
        "kind": "location",
        "latitude": 60.17,
        "longitude": 24.94,
        "name": "HQ",
        "address": "Helsinki",
        "url": None,
    }


@pytest.mark.parametrize(
    ("latitude", "longitude"), [(90.5, 0.0), (0.0, -180.5), (float("nan"), 0.0)]
)
def test_location_rejects_coordinates_off_the_globe(latitude: float, longitude: float) -> None:
    with pytest.raises(ValidationError, match="within"):
        Location(latitude=latitude, longitude=longitude)


def test_location_reader_accepts_integer_degrees() -> None:
    location = content_from_dict({"kind": "location", "latitude": 60, "longitude": 25})
    assert location == Location(latitude=60.0, longitude=25.0)


def test_location_reader_needs_both_coordinates() -> None:
    with pytest.raises(ValidationError, match="latitude and longitude"):
        content_from_dict({"kind": "location", "latitude": 60})


def test_location_reader_rejects_a_number_too_large_for_a_float() -> None:
    with pytest.raises(ValidationError, match="too large") as raised:
        content_from_dict({"kind": "location", "latitude": 10**400, "longitude": 0})
    assert raised.value.field == "content.latitude"


def test_location_reader_rejects_a_boolean_coordinate() -> None:
    with pytest.raises(ValidationError, match="number"):
        content_from_dict({"kind": "location", "latitude": True, "longitude": 0})


# -- contacts ----------------------------------------------------------------

CARD: JsonObject = {
    "name": {"formatted_name": "Ann Lee", "first_name": "Ann"},
    "phones": [{"phone": "+1 415 555 0100", "type": "CELL"}, {"type": "HOME"}, "junk"],
}


def test_contact_card_reads_its_name_and_phones() -> None:
    card = ContactCard(CARD)
    assert card.formatted_name == "Ann Lee"
    assert card.phones == ("+1 415 555 0100",)


def test_contact_card_without_name_or_phones() -> None:
    card = ContactCard({"name": "not an object", "phones": "none"})
    assert card.formatted_name is None
    assert card.phones == ()


def test_contact_card_with_a_non_text_formatted_name() -> None:
    assert ContactCard({"name": {"formatted_name": 1}}).formatted_name is None


def test_contacts_keep_every_card_whole() -> None:
    contacts = content_from_dict({"kind": "contacts", "contacts": [CARD, {"org": {}}]})
    assert contacts == Contacts((ContactCard(CARD), ContactCard({"org": {}})))
    assert contacts.to_dict() == {"kind": "contacts", "contacts": [CARD, {"org": {}}]}


def test_contacts_reader_needs_a_list() -> None:
    with pytest.raises(ValidationError, match="list of contact cards"):
        content_from_dict({"kind": "contacts", "contacts": {}})


def test_contacts_reader_needs_objects() -> None:
    with pytest.raises(ValidationError, match="JSON object"):
        content_from_dict({"kind": "contacts", "contacts": ["Ann"]})


# -- reactions, replies, system ----------------------------------------------


def test_reaction_json() -> None:
    assert Reaction(message_id="wamid.1", emoji="❤️").to_dict() == {
        "kind": "reaction",
        "message_id": "wamid.1",
        "emoji": "❤️",
    }


def test_a_removed_reaction_has_no_emoji() -> None:
    assert Reaction(message_id="wamid.1", emoji="").emoji is None
    removed = content_from_dict({"kind": "reaction", "message_id": "wamid.1", "emoji": ""})
    assert removed == Reaction(message_id="wamid.1")


def test_interactive_reply_of_a_flow_keeps_its_response_json() -> None:
    data: JsonObject = {
        "kind": "interactive_reply",
        "reply_type": "flow",
        "id": None,
        "title": None,
        "description": None,
        "response_json": '{"flow_token": "t"}',
    }
    reply = content_from_dict(data)
    assert reply == InteractiveReply(reply_type="flow", response_json='{"flow_token": "t"}')
    assert reply.to_dict() == data


def test_interactive_reply_keeps_an_unknown_reply_type() -> None:
    reply = content_from_dict({"kind": "interactive_reply", "reply_type": "address_message"})
    assert reply == InteractiveReply(reply_type="address_message")


def test_button_reply_json() -> None:
    reply = ButtonReply(text="Stop promotions", payload="STOP")
    assert reply.to_dict() == {
        "kind": "button_reply",
        "text": "Stop promotions",
        "payload": "STOP",
    }


def test_system_number_change_keeps_the_new_wa_id() -> None:
    data: JsonObject = {
        "kind": "system",
        "system_type": "user_changed_number",
        "body": "User A changed from +1 to +2",
        "new_wa_id": "16505551235",
    }
    assert content_from_dict(data).to_dict() == data


# -- orders ------------------------------------------------------------------


def test_order_prices_are_decimals_written_as_text() -> None:
    order = content_from_dict(
        {
            "kind": "order",
            "catalog_id": "cat",
            "items": [
                {
                    "product_retailer_id": "sku-1",
                    "quantity": 2,
                    "item_price": 9.99,
                    "currency": "EUR",
                }
            ],
        }
    )
    assert isinstance(order, Order)
    assert order.items[0].item_price == Decimal("9.99")
    assert order.to_dict()["items"] == [
        {"product_retailer_id": "sku-1", "quantity": 2, "item_price": "9.99", "currency": "EUR"}
    ]


def test_order_quantity_written_as_text_is_read() -> None:
    order = content_from_dict(
        {"kind": "order", "items": [{"product_retailer_id": "a", "quantity": "3"}]}
    )
    assert order == Order(items=(OrderItem(product_retailer_id="a", quantity=3),))


@pytest.mark.parametrize("quantity", ["²", "1" * 19, "", "-1", 1.5, True, None])
def test_order_quantity_must_be_an_integer(quantity: object) -> None:
    item: JsonObject = {"product_retailer_id": "a", "quantity": quantity}  # type: ignore[dict-item]
    with pytest.raises(ValidationError, match="integer") as raised:
        content_from_dict({"kind": "order", "items": [item]})
    assert raised.value.field == "content.items[0].quantity"


def test_order_items_must_be_a_list() -> None:
    with pytest.raises(ValidationError, match="list"):
        content_from_dict({"kind": "order", "items": {"a": 1}})


def test_order_item_must_be_an_object() -> None:
    with pytest.raises(ValidationError) as raised:
        content_from_dict({"kind": "order", "items": [1]})
    assert raised.value.field == "content.items[0]"


@pytest.mark.parametrize("price", ["NaN", "Infinity", float("inf")])
def test_order_price_must_be_finite(price: object) -> None:
    with pytest.raises(ValidationError, match="finite"):
        to_decimal(price)


@pytest.mark.parametrize(
    "price", ["cheap", True, [1], 10**5000], ids=["text", "bool", "list", "huge"]
)
def test_order_price_must_be_a_number(price: object) -> None:
    with pytest.raises(ValidationError, match="must be a number"):
        to_decimal(price)


def test_to_decimal_keeps_none_and_decimals() -> None:
    assert to_decimal(None) is None
    assert to_decimal(Decimal("1.50")) == Decimal("1.50")
    assert to_decimal("1.50") == Decimal("1.50")
    assert to_decimal(2) == Decimal(2)


# -- templates ---------------------------------------------------------------


def test_a_recorded_template_has_name_language_and_category() -> None:
    template = TemplateRef(name="order_update", language="en_US", category="utility")
    assert template.to_dict() == {
        "kind": "template",
        "template": {"name": "order_update", "language": "en_US", "category": "utility"},
    }


def test_a_template_to_send_carries_components_and_twilio_variables() -> None:
    template = TemplateRef(
        name="order_update",
        language="en_US",
        components=({"type": "body", "parameters": [{"type": "text", "text": "42"}]},),
        content_sid="HX123",
        variables=(("1", "42"),),
    )
    data = template.to_dict()
    assert data["template"] == {
        "name": "order_update",
        "language": "en_US",
        "category": None,
        "components": [{"type": "body", "parameters": [{"type": "text", "text": "42"}]}],
        "content_sid": "HX123",
        "variables": {"1": "42"},
    }
    assert content_from_dict(data) == template


@pytest.mark.parametrize(
    ("template", "field"),
    [
        (None, "content.template"),
        ({"name": "x"}, "content.template.language"),
        ({"name": "x", "language": "en", "components": {}}, "content.template.components"),
        ({"name": "x", "language": "en", "components": [1]}, "content.template.components[0]"),
        ({"name": "x", "language": "en", "variables": {"1": 2}}, "content.template.variables"),
        ({"name": "x", "language": "en", "variables": ["1"]}, "content.template.variables"),
    ],
)
def test_template_reader_names_what_is_wrong(template: object, field: str) -> None:
    with pytest.raises(ValidationError) as raised:
        content_from_dict({"kind": "template", "template": template})
    assert raised.value.field == field


# -- unsupported -------------------------------------------------------------


def test_unsupported_keeps_the_original_type_and_data() -> None:
    content = Unsupported(type="poll", data={"question": "Lunch?"})
    assert content.to_dict() == {
        "kind": "unsupported",
        "type": "poll",
        "data": {"question": "Lunch?"},
    }


def test_unsupported_reader_tolerates_missing_type_and_data() -> None:
    assert content_from_dict({"kind": "unsupported", "data": [1]}) == Unsupported(type="unknown")


# -- reader errors -----------------------------------------------------------


@pytest.mark.parametrize("data", [None, "text", [], 1])
def test_content_must_be_an_object(data: object) -> None:
    with pytest.raises(ValidationError) as raised:
        content_from_dict(data)
    assert raised.value.field == "content"


@pytest.mark.parametrize("kind", [None, 1, ["text"]])
def test_content_must_name_its_kind(kind: object) -> None:
    with pytest.raises(ValidationError) as raised:
        content_from_dict({"kind": kind})
    assert raised.value.field == "content.kind"
