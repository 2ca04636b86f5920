"""Provider adapters: webhooks in, events out, sends as data (see ``docs/providers.md``)."""

from __future__ import annotations

from ._twilio_signature import twilio_signature
from .base import HttpRequest, Provider, SendResult, WebhookRequest
from .dialog360 import Dialog360Provider, dialog360_signature
from .errors import ErrorKind
from .meta import MetaProvider, meta_signature
from .registry import ENTRY_POINT_GROUP, ProviderRegistry, default_registry, get_provider
from .sunshine import SunshineProvider
from .twilio import TwilioProvider
from .vonage import VonageProvider, vonage_claims

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
