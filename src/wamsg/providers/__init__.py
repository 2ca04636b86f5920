"""Provider adapters: webhooks in, events out, sends as data (see ``docs/providers.md``)."""

from __future__ import annotations

from wamsg.providers._twilio_signature import twilio_signature
from wamsg.providers.base import (
    HttpRequest,
    Provider,
    SendResult,
    WebhookRequest,
    is_secret_header,
    path_segment,
)
from wamsg.providers.dialog360 import Dialog360Provider, dialog360_signature
from wamsg.providers.errors import (
    ErrorKind,
    kind_from_text,
    meta_error_kind,
    sunshine_error_kind,
    twilio_error_kind,
    vonage_error_kind,
)
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
    "is_secret_header",
    "kind_from_text",
    "meta_error_kind",
    "meta_signature",
    "path_segment",
    "sunshine_error_kind",
    "twilio_error_kind",
    "twilio_signature",
    "vonage_claims",
    "vonage_error_kind",
]
