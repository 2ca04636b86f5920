"""ErrorKind normalisation, the registry and its entry points, interactive limits."""

from __future__ import annotations

import pytest

from wamsg import UnknownProvider, ValidationError
from wamsg.content import ListMessage, ListRow, ListSection, ReplyButton, ReplyButtons
from wamsg.providers import (
    ENTRY_POINT_GROUP,
    ErrorKind,
    MetaProvider,
    ProviderRegistry,
    default_registry,
    get_provider,
)
from wamsg.providers.errors import (
    kind_from_text,
    meta_error_kind,
    twilio_error_kind,
    vonage_error_kind,
)

K = ErrorKind


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        (131047, K.OUTSIDE_WINDOW),
        ("470", K.OUTSIDE_WINDOW),
        (131026, K.UNDELIVERABLE),
        (131048, K.RATE_LIMITED_SPAM),
        (131049, K.MARKETING_LIMIT),
        (131050, K.USER_OPTED_OUT),
        (131051, K.UNSUPPORTED_TYPE),
        (131056, K.RATE_LIMITED_PAIR),
        (130429, K.RATE_LIMITED_THROUGHPUT),
        (132000, K.TEMPLATE_PARAM_MISMATCH),
        (132001, K.TEMPLATE_NOT_APPROVED),
        (132005, K.TEMPLATE_PARAM_MISMATCH),
        (132007, K.TEMPLATE_PARAM_MISMATCH),
        (132012, K.TEMPLATE_PARAM_MISMATCH),
        (132015, K.TEMPLATE_PAUSED),
        (132016, K.TEMPLATE_DISABLED),
        (190, K.AUTH),
        (250, K.AUTH),
        (498, K.USER_OPTED_OUT),
        (999999, K.UNKNOWN),
        ("x", K.UNKNOWN),
        (True, K.UNKNOWN),
        (" 131047 ", K.OUTSIDE_WINDOW),
    ],
)
def test_meta_codes(code: str | int, kind: ErrorKind) -> None:
    assert meta_error_kind(code) is kind


def test_twilio_and_vonage_codes() -> None:
    assert twilio_error_kind(63016) is K.OUTSIDE_WINDOW
    assert twilio_error_kind("63049") is K.MARKETING_LIMIT
    assert twilio_error_kind("nope") is K.UNKNOWN
    assert vonage_error_kind("1340") is K.OUTSIDE_WINDOW
    assert vonage_error_kind("x", "WhatsApp said (#131026) undeliverable") is K.UNDELIVERABLE
    assert kind_from_text(None) is K.UNKNOWN
    assert kind_from_text("code 1310470 is not one") is K.UNKNOWN


def test_the_default_registry_knows_the_built_ins() -> None:
    assert default_registry().names == ("360dialog", "meta", "sunshine", "twilio", "vonage")
    assert isinstance(get_provider("meta"), MetaProvider)


def test_an_unknown_provider_names_the_known_ones() -> None:
    with pytest.raises(UnknownProvider, match="360dialog, meta, sunshine, twilio, vonage"):
        get_provider("whatsup")


class _EntryPoint:
    def __init__(self, name: str, value: object) -> None:
        self.name = name
        self._value = value

    def load(self) -> object:
        return self._value


def test_entry_points_add_or_replace_adapters() -> None:
    configured = MetaProvider(phone_number_id="1", access_token="t")
    registry = default_registry().with_entry_points(
        [
            _EntryPoint("custom", MetaProvider),
            _EntryPoint("meta", configured),
            _EntryPoint("factory", lambda: MetaProvider()),
        ]
    )
    assert registry.get("meta") is configured
    assert "custom" in registry.names
    assert "factory" in registry.names
    with pytest.raises(ValidationError):
        default_registry().with_entry_points([_EntryPoint("bad", 42)])
    with pytest.raises(ValidationError):
        ProviderRegistry().with_provider("bad", object())  # type: ignore[arg-type]


def test_installed_entry_points_are_read_only_when_asked() -> None:
    registry = ProviderRegistry().with_entry_points()
    assert ENTRY_POINT_GROUP == "wamsg.providers"
    assert set(registry.names) <= set(default_registry().names) | set(registry.names)


def _button(n: int) -> ReplyButton:
    return ReplyButton(f"id{n}", f"Title {n}")


@pytest.mark.parametrize(
    "build",
    [
        lambda: ReplyButtons(body="b", buttons=[_button(i) for i in range(4)]),
        lambda: ReplyButtons(body="b", buttons=[]),
        lambda: ReplyButtons(
            body="b", buttons=[ReplyButton("a", "Same"), ReplyButton("b", "Same")]
        ),
        lambda: ReplyButtons(body="b", buttons=[ReplyButton("a", "X"), ReplyButton("a", "Y")]),
        lambda: ReplyButton("id", "x" * 21),
        lambda: ReplyButton("", "x"),
        lambda: ReplyButtons(body="x" * 1025, buttons=[_button(1)]),
        lambda: ReplyButtons(body="b", buttons=[_button(1)], header="h" * 61),
        lambda: ListMessage(
            body="b", button="x" * 21, sections=[ListSection(rows=[ListRow(id="1", title="t")])]
        ),
        lambda: ListMessage(body="b", button="go", sections=[]),
        lambda: ListSection(rows=[]),
        lambda: ListRow(id="1", title="t", description="d" * 73),
        lambda: ListMessage(
            body="b",
            button="go",
            sections=[
                ListSection(rows=[ListRow(id=str(i), title="t") for i in range(6)], title="A"),
                ListSection(rows=[ListRow(id=f"x{i}", title="t") for i in range(5)], title="B"),
            ],
        ),
        lambda: ListMessage(
            body="b",
            button="go",
            sections=[
                ListSection(rows=[ListRow(id="1", title="t")]),
                ListSection(rows=[ListRow(id="2", title="t")]),
            ],
        ),
        lambda: ListMessage(
            body="b",
            button="go",
            sections=[ListSection(rows=[ListRow(id="1", title="t"), ListRow(id="1", title="u")])],
        ),
    ],
)
def test_interactive_limits_are_checked_at_construction(build: object) -> None:
    with pytest.raises(ValidationError):
        build()  # type: ignore[operator]


def test_interactive_canonical_json() -> None:
    buttons = ReplyButtons(body="b", buttons=[_button(1)], header="h", footer="f")
    assert buttons.to_dict() == {
        "kind": "buttons",
        "body": "b",
        "buttons": [{"id": "id1", "title": "Title 1"}],
        "header": "h",
        "footer": "f",
    }
    listing = ListMessage(
        body="b",
        button="go",
        sections=[ListSection(title="S", rows=[ListRow(id="1", title="t", description="d")])],
    )
    assert listing.to_dict()["sections"] == [
        {"title": "S", "rows": [{"id": "1", "title": "t", "description": "d"}]}
    ]
