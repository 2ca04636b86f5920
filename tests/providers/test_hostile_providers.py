"""The adapters refuse what their types do not allow, with a ValidationError naming it.

Regressions of ``tests/test_hostile_builders.py``: the adapters' settings (texts, a
callback URL), the request a parser or verifier is handed, the ``Outgoing`` a builder
is handed, and the registry's entries.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

import tests.providers.test_contract as contracts
from tests.providers._support import SECRET
from wamsg import ValidationError
from wamsg.providers import (
    Dialog360Provider,
    MetaProvider,
    ProviderRegistry,
    SunshineProvider,
    TwilioProvider,
    VonageProvider,
    vonage_claims,
)

ADAPTERS: list[tuple[Callable[..., Any], str]] = [
    (Dialog360Provider, "api_key"),
    (Dialog360Provider, "base_url"),
    (MetaProvider, "phone_number_id"),
    (MetaProvider, "access_token"),
    (MetaProvider, "api_version"),
    (MetaProvider, "base_url"),
    (TwilioProvider, "account_sid"),
    (TwilioProvider, "auth_token"),
    (TwilioProvider, "messaging_service_sid"),
    (TwilioProvider, "status_callback"),
    (TwilioProvider, "base_url"),
    (SunshineProvider, "app_id"),
    (SunshineProvider, "key_id"),
    (SunshineProvider, "key_secret"),
    (SunshineProvider, "integration_id"),
    (SunshineProvider, "template_namespace"),
    (SunshineProvider, "base_url"),
    (VonageProvider, "api_key"),
    (VonageProvider, "api_secret"),
    (VonageProvider, "bearer_token"),
    (VonageProvider, "base_url"),
]
HOSTILE = [5, 1.5, b"key", ["key"], {"k": "v"}, object(), "\ud800", "key\udfff"]


@pytest.mark.parametrize(("adapter", "field"), ADAPTERS)
@pytest.mark.parametrize("value", HOSTILE, ids=repr)
def test_adapter_settings_are_text(adapter: Callable[..., Any], field: str, value: object) -> None:
    with pytest.raises(ValidationError) as error:
        adapter(**{field: value})
    assert error.value.field == field


def test_a_status_callback_is_a_url() -> None:
    with pytest.raises(ValidationError, match="status_callback"):
        TwilioProvider(status_callback="https://[bad")
    assert TwilioProvider(status_callback="https://h.example/cb").status_callback


CONTRACTS = [
    contracts.TestMetaContract(),
    contracts.TestDialog360Contract(),
    contracts.TestTwilioContract(),
    contracts.TestSunshineContract(),
    contracts.TestVonageContract(),
]
NOT_A_REQUEST = [None, 5, "POST", b"{}", {"body": b"{}"}, ["POST"], object()]


@pytest.mark.parametrize("contract", CONTRACTS, ids=lambda c: c.provider.name)
@pytest.mark.parametrize("request_", NOT_A_REQUEST, ids=repr)
def test_parse_and_verify_take_a_webhook_request(contract: Any, request_: object) -> None:
    with pytest.raises(ValidationError, match="request"):
        contract.provider.parse(request_)
    with pytest.raises(ValidationError, match="request"):
        contract.provider.verify(request_, SECRET)


@pytest.mark.parametrize("request_", NOT_A_REQUEST, ids=repr)
def test_the_handshake_and_the_claims_take_a_webhook_request(request_: object) -> None:
    with pytest.raises(ValidationError, match="request"):
        MetaProvider().challenge(request_, "token")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="request"):
        vonage_claims(request_, SECRET)  # type: ignore[arg-type]


@pytest.mark.parametrize("contract", CONTRACTS, ids=lambda c: c.provider.name)
@pytest.mark.parametrize("outgoing", [None, 5, "Hei", {"content": "Hei"}, object()], ids=repr)
def test_build_send_takes_an_outgoing(contract: Any, outgoing: object) -> None:
    with pytest.raises(ValidationError, match="outgoing"):
        contract.provider.build_send(outgoing, conversation_id="conv1")


@pytest.mark.parametrize("outgoing", [None, 5, "Hei", object()], ids=repr)
def test_a_notification_takes_an_outgoing(outgoing: object) -> None:
    provider = contracts.TestSunshineContract.provider
    with pytest.raises(ValidationError, match="outgoing"):
        provider.build_notification(outgoing)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "providers",
    [5, "meta", [("meta",)], [(5, MetaProvider())], [("\ud800", MetaProvider())], [("m", 5)]],
    ids=repr,
)
def test_a_registry_holds_named_providers(providers: object) -> None:
    with pytest.raises(ValidationError, match="providers"):
        ProviderRegistry(providers)


def test_a_registry_takes_a_list_of_pairs() -> None:
    registry = ProviderRegistry([("meta", MetaProvider())])
    assert registry.names == ("meta",)


@pytest.mark.parametrize("name", [None, 5, "", "\ud800", ["meta"]], ids=repr)
def test_with_provider_takes_a_text_name(name: object) -> None:
    with pytest.raises(ValidationError, match="name"):
        ProviderRegistry().with_provider(name, MetaProvider())  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "entry_points", [5, "meta", {"meta": 1}, ["meta"], [object()], [[[]]]], ids=repr
)
def test_with_entry_points_takes_entry_points(entry_points: object) -> None:
    with pytest.raises(ValidationError, match="entry_points"):
        ProviderRegistry().with_entry_points(entry_points)  # type: ignore[arg-type]
