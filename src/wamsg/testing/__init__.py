"""Test helpers for users of wamsg: realistic, correctly signed provider webhooks, sample data.

Build the requests a provider would send and feed them to your own handlers;
run :class:`wamsg.testing.contract.ProviderContract` against your own adapter.
No helper reads a clock or draws random numbers: times and ids are arguments.
"""

from __future__ import annotations

from wamsg.testing._meta import (
    DEFAULT_PHONE_NUMBER_ID,
    DEFAULT_WABA_ID,
    meta_body,
    meta_content,
    meta_payload,
    signed_meta_request,
)
from wamsg.testing._others import (
    signed_dialog360_request,
    signed_sunshine_request,
    signed_twilio_json_request,
    signed_twilio_request,
    signed_vonage_request,
    sunshine_message_event,
    sunshine_payload,
    twilio_inbound_params,
    twilio_status_params,
    vonage_inbound_text,
    vonage_status,
)
from wamsg.testing.contract import GARBAGE_BODIES, ProviderContract
from wamsg.testing.month import MONTH_BUSINESSES, generated_month
from wamsg.testing.sample import SampleDay, sample_day

__all__ = [
    "DEFAULT_PHONE_NUMBER_ID",
    "DEFAULT_WABA_ID",
    "GARBAGE_BODIES",
    "MONTH_BUSINESSES",
    "ProviderContract",
    "SampleDay",
    "generated_month",
    "meta_body",
    "meta_content",
    "meta_payload",
    "sample_day",
    "signed_dialog360_request",
    "signed_meta_request",
    "signed_sunshine_request",
    "signed_twilio_json_request",
    "signed_twilio_request",
    "signed_vonage_request",
    "sunshine_message_event",
    "sunshine_payload",
    "twilio_inbound_params",
    "twilio_status_params",
    "vonage_inbound_text",
    "vonage_status",
]
