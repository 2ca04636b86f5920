"""The sections of ``wamsg demo``: each takes the sample day, returns text and JSON.

Every section is built only from wamsg's public API, on the packaged sample day,
so the demo doubles as a tour: the inbox, the windows and follow-ups, a template
prepared for a closed window, the day's bill and a provider round trip.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta
from typing import Any, cast

import attrs
import pendulum

from wamsg._internal.json import Json, JsonObject, format_time
from wamsg.billing import BillingAccount, bill_events
from wamsg.cli._table import render_table
from wamsg.cli.bill import render_bill
from wamsg.hours import BusinessHours
from wamsg.identity import Customer
from wamsg.inbox import Conversation, Inbox
from wamsg.messages import Direction
from wamsg.providers import MetaProvider
from wamsg.templates import TemplateLibrary, template_follow_up
from wamsg.testing import SampleDay, meta_payload, signed_meta_request
from wamsg.window import PairOverview, WindowBook, window_overview

__all__ = ["Section", "sections"]

_MARGIN = timedelta(minutes=2)
_DEMO_SECRET = "demo-app-secret"


@attrs.frozen
class Section:
    """One part of the demo: a title, its text lines and its JSON form."""

    key: str
    title: str
    lines: tuple[str, ...]
    data: Json


def local(day: SampleDay, value: datetime | None, pattern: str = "ddd HH:mm") -> str:
    """A time in the helpdesk's zone, or a dash."""
    if value is None:
        return "—"
    return str(pendulum.instance(value).in_timezone(day.timezone).format(pattern))


def _who(customer: Customer) -> str:
    ident = customer.phone.e164 if customer.phone is not None else str(customer.user_id)
    return f"{customer.name} ({ident})" if customer.name else ident


def _left(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    return f"{minutes // 60} h {minutes % 60:02d} min"


def _window_cell(day: SampleDay, row: PairOverview | None) -> str:
    if row is None:
        return "—"
    w = row.windows
    if not w.customer_service_window_open:
        text = "closed (template only)"
    else:
        text = f"open, {_left(w.time_left)} left" if w.time_left is not None else "open"
    if w.free_entry_point_open:
        text += f"; free entry until {local(day, w.free_entry_point_closes_at)}"
    return text


def inbox_section(day: SampleDay, inbox: Inbox, overview: dict[str, PairOverview]) -> Section:
    """The inbox table with a window column, and the summary panel."""
    rows = [
        [
            "Business",
            "Customer",
            "Last message",
            "Dir",
            "Operator",
            "Ticks",
            "Unread",
            "Waiting",
            "Last at",
            "Window",
        ]
    ]
    data: list[Json] = []
    for state in inbox.rows():
        last = state.last_message
        window = overview.get(state.customer.key)
        preview = "" if last is None else ("↪ " if last.forwarded else "") + last.preview
        rows.append(
            [
                "—" if state.business is None else state.business.e164,
                _who(state.customer),
                preview,
                "in" if state.last_direction is Direction.INBOUND else "out",
                state.last_operator or "—",
                "—" if state.ticks is None else state.ticks.value,
                str(state.unread_count),
                "● yes" if state.awaiting_reply else "",
                local(day, None if last is None else last.at),
                _window_cell(day, window),
            ]
        )
        data.append(_row_json(state))
    summary = inbox.summary(at=day.at, timezone=day.timezone)
    operators = ", ".join(f"{name or 'automated'}: {n}" for name, n in summary.per_operator)
    lines = (
        render_table(rows),
        "",
        f"Waiting for a reply now: {summary.waiting}",
        f"Handled today: {summary.handled_today} ({operators or 'none'})",
    )
    summary_json: JsonObject = {
        "waiting": summary.waiting,
        "handled_today": summary.handled_today,
        "per_operator": {name or "automated": n for name, n in summary.per_operator},
    }
    return Section("inbox", "Inbox", lines, {"conversations": data, "summary": summary_json})


def _row_json(state: Conversation) -> JsonObject:
    last = state.last_message
    return {
        "business": None if state.business is None else state.business.e164,
        "customer": state.customer.to_dict(),
        "source": state.provider,
        "operator": state.last_operator,
        "ticks": None if state.ticks is None else state.ticks.value,
        "last_message": None if last is None else last.preview,
        "last_kind": None if last is None else last.kind,
        "forwarded": bool(last and last.forwarded),
        "direction": None if last is None else last.direction.value,
        "last_message_at": None if last is None else format_time(last.at),
        "unread": state.unread_count,
        "awaiting_reply": state.awaiting_reply,
        "created_at": None if state.created_at is None else format_time(state.created_at),
    }


def followup_section(day: SampleDay, rows: list[PairOverview]) -> Section:
    """Follow-ups planned from the windows and the opening hours, soonest first."""
    lines = [f"Opening hours: {day.business_hours} ({day.timezone})", ""]
    planned = sorted(
        ((plan, row) for row in rows for plan in row.followups), key=lambda item: item[0].due_at
    )
    for plan, row in planned:
        send = "free-form reply" if plan.free_form else f"{plan.template_category} template"
        lines.append(f"{local(day, plan.due_at)}  {_who(row.customer)}: {send} — {plan.reason}")
    if not planned:
        lines.append("nothing to plan")
    data: list[Json] = [row.to_dict() for row in rows]
    return Section("followups", "Planned follow-ups", tuple(lines), data)


def template_section(day: SampleDay, book: WindowBook) -> Section:
    """A template chosen and rendered for a customer whose window has closed."""
    spec = day.follow_up
    library = TemplateLibrary.from_dicts(list(day.templates), default_language="en_US")
    customer = Customer(phone=str(spec["customer"]))
    business = next(s.business for s in book if s.customer == customer)
    state = book.get(business, customer)
    result = template_follow_up(
        library,
        str(spec["template"]),
        customer=customer,
        preferred_languages=[str(x) for x in cast(list[str], spec["languages"])],
        at=day.at,
        body=[str(x) for x in cast(list[str], spec["body"])],
        window=state.customer_service_window_open(day.at),
    )
    closed = local(day, state.as_of(day.at).closes_at, "ddd HH:mm")
    chosen = result.choice.template
    picked = "none" if chosen is None else chosen.language
    lines = [
        f"{_who(state.customer)}: the window closed {closed}, so only a template reaches them",
        f"language chain {' → '.join(result.choice.tried)}: {picked} chosen",
        result.message,
    ]
    data: JsonObject = {
        "customer": customer.to_dict(),
        "tried": list(result.choice.tried),
        "message": result.message,
    }
    if result.rendered is not None:
        lines += ["", *(("  " + line).rstrip() for line in result.rendered.preview.splitlines())]
        data["send"] = result.rendered.meta_template()
    return Section("template", "Closed-window follow-up", tuple(lines), data)


def bill_section(day: SampleDay) -> Section:
    """What the day's messages cost, under the rules in force on the day."""
    bill = bill_events(day.events, account=BillingAccount(time_zone=day.timezone))
    text = render_bill(bill, day.timezone)
    return Section("bill", "The day's bill", tuple(text.splitlines()), bill.to_dict())


def webhook_section(day: SampleDay) -> Section:
    """The day's inbound traffic as one signed Meta webhook, verified and read back."""
    request = signed_meta_request(meta_payload(day.events), _DEMO_SECRET)
    provider = MetaProvider()
    provider.verify(request, _DEMO_SECRET)
    events = provider.parse(request)
    kinds: dict[str, Json] = dict(sorted(Counter(event.type for event in events).items()))
    counts = ", ".join(f"{kind} {n}" for kind, n in kinds.items())
    lines = (
        f"One Meta webhook of {len(request.body):,} bytes (non-ASCII escaped, as Meta sends it)",
        "X-Hub-Signature-256 verified over the raw bytes",
        f"{len(events)} events read back: {counts}",
    )
    return Section(
        "webhook",
        "Provider round trip (Meta Cloud API)",
        lines,
        {"bytes": len(request.body), "verified": True, "events": kinds},
    )


def sections(day: SampleDay) -> list[Section]:
    """Every section of the demo, in order."""
    inbox = Inbox().fold(day.events)
    book = WindowBook().fold(day.events)
    hours = BusinessHours.parse(day.business_hours, timezone=day.timezone)
    rows = list(window_overview(book, at=day.at, hours=hours, margin=_MARGIN))
    overview = {row.customer.key: row for row in rows}
    return [
        inbox_section(day, inbox, overview),
        followup_section(day, rows),
        template_section(day, book),
        bill_section(day),
        webhook_section(day),
    ]


def to_json(day: SampleDay, parts: list[Section]) -> dict[str, Any]:
    """The whole demo as one JSON document."""
    document: dict[str, Any] = {"at": format_time(day.at), "timezone": day.timezone}
    for part in parts:
        document[part.key] = part.data
    return document
