"""``wamsg parse``: read one webhook body on stdin, print its events as JSON lines.

``--verify`` checks the signature first (exit 2 with a clear message when it
does not verify); ``--signature`` is the value of the provider's signature
header (for Vonage the JWT, with or without ``Bearer``).
"""

from __future__ import annotations

import argparse
import json
from datetime import datetime

from wamsg._internal.json import parse_time
from wamsg.cli._help import plain
from wamsg.cli._streams import Streams
from wamsg.errors import SignatureError, UnknownProvider, ValidationError
from wamsg.providers import WebhookRequest, default_registry

__all__ = ["register", "run"]

_CONTENT_TYPES = {"twilio": "application/x-www-form-urlencoded"}


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``parse`` sub-command."""
    parser = subparsers.add_parser(
        "parse",
        help="parse a provider webhook body (stdin) into canonical events (JSON lines)",
        description=plain(__doc__),
    )
    parser.add_argument("--provider", required=True, help="meta, 360dialog, twilio, …")
    parser.add_argument("--secret", help="app secret / auth token / webhook secret")
    parser.add_argument("--signature", help="the signature header's value as received")
    parser.add_argument("--url", default="", help="the URL the provider called (Twilio signs it)")
    parser.add_argument("--content-type", help="the request's Content-Type")
    parser.add_argument("--received-at", help="ISO 8601 time for providers that send none")
    parser.add_argument("--verify", action="store_true", help="fail unless the signature verifies")
    parser.set_defaults(run=run)


def _body(streams: Streams) -> bytes:
    buffer = getattr(streams.stdin, "buffer", None)
    if buffer is not None:
        data: bytes = buffer.read()
        return data
    return streams.stdin.read().encode("utf-8")


def _headers(args: argparse.Namespace, header: str, name: str) -> list[tuple[str, str]]:
    headers = []
    content_type = args.content_type or _CONTENT_TYPES.get(name, "application/json")
    headers.append(("Content-Type", content_type))
    if args.signature is not None:
        value = args.signature
        if header.lower() == "authorization" and not value.lower().startswith("bearer "):
            value = f"Bearer {value}"
        headers.append((header, value))
    return headers


def run(args: argparse.Namespace, streams: Streams) -> int:
    """Parse stdin as a webhook of ``--provider`` and print one JSON line per event."""
    try:
        provider = default_registry().with_entry_points().get(args.provider)
    except UnknownProvider as error:
        streams.err(f"wamsg: {error}")
        return 2
    if not args.verify and (args.secret is not None or args.signature is not None):
        streams.err(
            "wamsg: --secret and --signature are only used with --verify "
            "(add --verify to check the signature, or leave them out)"
        )
        return 2
    received_at: datetime | None = None
    try:
        if args.received_at is not None:
            received_at = parse_time(args.received_at, "--received-at")
        request = WebhookRequest(
            method="POST",
            url=args.url,
            body=_body(streams),
            headers=_headers(args, provider.signature_header, args.provider),
        )
        if args.verify:
            provider.verify(request, args.secret or "")
        events = provider.parse(request, received_at=received_at)
    except SignatureError as error:
        streams.err(f"wamsg: signature does not verify: {error}")
        return 2
    except ValidationError as error:
        return streams.fail(error)
    for event in events:
        streams.out(json.dumps(event.to_dict(), ensure_ascii=False))
    return 0
