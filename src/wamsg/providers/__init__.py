"""Provider adapters: webhooks in, events out, sends as data (see ``docs/providers.md``)."""

from __future__ import annotations

from wamsg.providers._twilio_signature import twilio_signature
from wamsg.providers.base import HttpRequest, Provider, SendResult, WebhookRequest
from wamsg.providers.dialog360 import Dialog360Provider, dialog360_signature
from wamsg.providers.errors import ErrorKind
from wamsg.providers.meta import MetaProvider, meta_signature
from wamsg.providers.registry import (
    ENTRY_POINT_GROUP,
    ProviderRegistry,
    default_registry,
    get_provider,
)
from wamsg.providers.sunshine import SunshineProvider
from wamsg.providers.twilio import TwilioProvider
from wamsg.providers.vonage import VonageProvider, vonage_claims

__all__ = [
    "ENTRY_POINT_GROUP",
    "Dialog360Provider",
    "ErrorKind",
    "HttpRequest",
    "MetaProvider",
    "Provider",
    "ProviderRegistry",
    "SendResult",
    "SunshineProvider",
    "TwilioProvider",
    "VonageProvider",
    "WebhookRequest",
    "default_registry",
    "dialog360_signature",
    "get_provider",
    "meta_signature",
    "twilio_signature",
    "vonage_claims",
]
