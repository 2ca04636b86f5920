"""The sections of ``wamsg demo``: each takes the sample day, returns text and JSON.

Every section is built only from wamsg's public API, on the packaged sample day,
so the demo doubles as a tour: the inbox, the windows and follow-ups, a template
prepared for a closed window, the day's bill, the messaging limit with one refused
send, and a provider round trip.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta
from typing import Any, cast

import attrs
import pendulum

from wamsg._internal.json import Json, JsonObject, format_time
from wamsg.billing import BillingAccount, bill_events
from wamsg.cli._demo_flow import flow_section
from wamsg.cli._demo_limits import limits_section
from wamsg.cli._demo_routing import routing_section
from wamsg.cli._table import render_table, shorten
from wamsg.cli.bill import render_bill
from wamsg.delivery import Ticks
from wamsg.hours import BusinessHours
from wamsg.identity import Customer
from wamsg.inbox import Conversation, Inbox
from wamsg.messages import Direction
from wamsg.providers import MetaProvider
from wamsg.templates import TemplateLibrary, template_follow_up
from wamsg.testing import SampleDay, meta_payload, signed_meta_request
from wamsg.window import (
    FollowUp,
    FollowUpKind,
    PairOverview,
    SendDecision,
    WindowBook,
    decide_send,
    window_overview,
)

__all__ = ["Section", "margin_json", "sections"]

_MARGIN = timedelta(minutes=2)
_DEMO_SECRET = "demo-app-secret"
_MESSAGE_COLUMNS = 30
"""The inbox's "Last message" column is cut to this many columns (the table fits 120)."""
_TICKS = {
    Ticks.IN_PREPARATION: "pending",
    Ticks.ONE_GREY: "✓ grey",
    Ticks.TWO_GREY: "✓✓ grey",
    Ticks.TWO_BLUE: "✓✓ blue",
}


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


def _duration(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60:02d} min"


def _margin_rule() -> str:
    margin = _duration(_MARGIN)
    return f"free-form sends are refused from {margin} before the 24-hour window closes"


def margin_json() -> JsonObject:
    """The safety margin the demo decides with, for the JSON document."""
    return {"seconds": int(_MARGIN.total_seconds()), "rule": _margin_rule()}


def _in_zone(day: SampleDay, title: str) -> str:
    return f"{title} (times in {day.timezone})"


def inbox_section(day: SampleDay, inbox: Inbox) -> Section:
    """The inbox table, grouped by business number, and the summary panel."""
    header = ["Customer", "Last message", "Dir", "Operator", "Ticks", "Unread", "Waiting"]
    rows = [[*header, "Last at"]]
    groups: dict[str, list[Conversation]] = {}
    for state in inbox.rows():
        business = "—" if state.business is None else state.business.e164
        groups.setdefault(business, []).append(state)
    starts: dict[int, str] = {}
    for business, states in groups.items():
        count = f"{len(states)} conversation{'s' if len(states) != 1 else ''}"
        starts[len(rows) - 1] = f"Business number {business} ({count})"
        rows += [_inbox_row(day, state) for state in states]
    head, rule, *body = render_table(rows).split("\n")
    table = [head, rule]
    for i, line in enumerate(body):
        if i in starts:
            table.append(starts[i])
        table.append(line)
    data: list[Json] = [_row_json(state) for state in inbox.rows()]
    summary = inbox.summary(at=day.at, timezone=day.timezone)
    operators = ", ".join(f"{name or 'automated'}: {n}" for name, n in summary.per_operator)
    lines = (
        *table,
        "",
        f"Waiting for a reply now: {summary.waiting}",
        f"Handled today: {summary.handled_today} ({operators or 'none'})",
    )
    summary_json: JsonObject = {
        "waiting": summary.waiting,
        "handled_today": summary.handled_today,
        "per_operator": {name or "automated": n for name, n in summary.per_operator},
    }
    title = _in_zone(day, "Inbox")
    return Section("inbox", title, lines, {"conversations": data, "summary": summary_json})


def _inbox_row(day: SampleDay, state: Conversation) -> list[str]:
    last = state.last_message
    preview = "" if last is None else ("↪ " if last.forwarded else "") + last.preview
    return [
        _who(state.customer),
        shorten(preview, _MESSAGE_COLUMNS),
        "in" if state.last_direction is Direction.INBOUND else "out",
        state.last_operator or "—",
        "—" if state.ticks is None else _TICKS.get(state.ticks, state.ticks.value),
        str(state.unread_count),
        "● yes" if state.awaiting_reply else "",
        local(day, None if last is None else last.at),
    ]


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


def _free_form_until(row: PairOverview) -> datetime | None:
    """When free-form sends stop for this pair: the close less the margin (None: now)."""
    w = row.windows
    if not w.customer_service_window_open or w.closes_at is None:
        return None
    return w.closes_at - _MARGIN


def _window_cells(day: SampleDay, row: PairOverview, entry: bool) -> list[str]:
    w = row.windows
    closes = w.closes_at
    until = _free_form_until(row)
    if closes is None:
        window = "never opened"
    elif closes > day.at:
        window = f"closes {local(day, closes)}"
    else:
        window = f"closed {local(day, closes)}"
    if until is not None:
        free_form = f"{local(day, until)}, {_duration(w.time_left)} left"
    elif closes is not None and closes > day.at:
        free_form = "template only (inside the margin)"
    else:
        free_form = "template only"
    cells = [
        "—" if row.business is None else row.business.e164,
        _who(row.customer),
        window,
        free_form,
    ]
    if entry:
        cells.append(local(day, w.free_entry_point_closes_at if w.free_entry_point_open else None))
    return cells


def _why(day: SampleDay, book: WindowBook, row: PairOverview, plan: FollowUp) -> str:
    """The follow-up's reason, short and in the helpdesk's zone (``plan.reason`` is UTC)."""
    if plan.kind is FollowUpKind.WINDOW_CLOSING_REMINDER and plan.deadline is not None:
        return f"awaits a reply; free-form until {local(day, plan.deadline - _MARGIN)}"
    if plan.kind is FollowUpKind.PENDING_REMINDER:
        since = book.get(row.business, row.customer).last_outbound_at(day.at)
        return f"no reply since {local(day, since)}; cancelled if they answer"
    if plan.kind is FollowUpKind.REENGAGEMENT:
        return f"window closed {local(day, row.windows.closes_at)} unanswered; asks for a reply"
    return str(plan.kind.value)  # a closing reminder always has a deadline


def followup_section(day: SampleDay, book: WindowBook, rows: list[PairOverview]) -> Section:
    """Each pair's windows under the safety margin, then the follow-ups, soonest first."""
    lines = [
        f"Opening hours: {day.business_hours}",
        f"Safety margin {_duration(_MARGIN)}: {_margin_rule()}.",
        "",
    ]
    header = ["Business", "Customer", "24-hour window", "Free-form until"]
    entry = any(row.windows.free_entry_point_open for row in rows)
    if entry:
        header.append("Free entry until")
    lines.append(render_table([header, *(_window_cells(day, row, entry) for row in rows)]))
    planned = sorted(
        ((plan, row) for row in rows for plan in row.followups), key=lambda item: item[0].due_at
    )
    table = [["Due", "Customer", "Send", "Why"]]
    for plan, row in planned:
        send = "free-form reply" if plan.free_form else f"{plan.template_category} template"
        table.append(
            [local(day, plan.due_at), _who(row.customer), send, _why(day, book, row, plan)]
        )
    lines.append("")
    lines.append(render_table(table) if planned else "No follow-ups to plan.")
    data: list[Json] = []
    for row in rows:
        item = row.to_dict()
        until = _free_form_until(row)
        item["free_form_until"] = None if until is None else format_time(until)
        data.append(item)
    title = _in_zone(day, "Windows and follow-ups")
    return Section("followups", title, tuple(lines), data)


def _refusal(day: SampleDay, who: str, decision: SendDecision) -> str:
    closes = local(day, decision.closes_at)
    if decision.customer_service_window_open:
        return f"{who}: the window is open; a template may be sent all the same"
    if decision.closes_at is None:
        return f"{who}: never wrote to this number, so only a template reaches them"
    if decision.closes_at > day.at:
        return f"{who}: the window closes {closes}, inside the margin: only a template"
    return f"{who}: the window closed {closes}, so only a template reaches them"


def template_section(day: SampleDay, book: WindowBook) -> Section:
    """A template chosen and rendered for a customer whose window has closed."""
    spec = day.follow_up
    library = TemplateLibrary.from_dicts(list(day.templates), default_language="en_US")
    customer = Customer(phone=str(spec["customer"]))
    business = next(s.business for s in book if s.customer == customer)
    state = book.get(business, customer)
    decision = decide_send(state, "free_form", at=day.at, margin=_MARGIN)
    result = template_follow_up(
        library,
        str(spec["template"]),
        customer=customer,
        preferred_languages=[str(x) for x in cast(list[str], spec["languages"])],
        at=day.at,
        body=[str(x) for x in cast(list[str], spec["body"])],
        window=decision,
    )
    chosen = result.choice.template
    picked = "none" if chosen is None else chosen.language
    verdict = "allowed" if decision.allowed else "refused"
    lines = [
        _refusal(day, _who(state.customer), decision),
        f"free-form {verdict}: {decision.reason.value} "
        f"(decided with the {_duration(_MARGIN)} safety margin)",
        f"language chain {' → '.join(result.choice.tried)}: {picked} chosen",
        result.message,
    ]
    data: JsonObject = {
        "customer": customer.to_dict(),
        "free_form": {
            **decision.to_dict(),
            "margin_seconds": int(_MARGIN.total_seconds()),
        },
        "tried": list(result.choice.tried),
        "message": result.message,
    }
    if result.rendered is not None:
        lines += ["", *(("  " + line).rstrip() for line in result.rendered.preview.splitlines())]
        data["send"] = result.rendered.meta_template()
    title = _in_zone(day, "Closed-window follow-up")
    return Section("template", title, tuple(lines), data)


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
    return [
        inbox_section(day, inbox),
        followup_section(day, book, rows),
        template_section(day, book),
        bill_section(day),
        Section("limits", *limits_section(day)),
        Section("routing", *routing_section(day)),
        Section("flow", *flow_section(day)),
        webhook_section(day),
    ]


def to_json(day: SampleDay, parts: list[Section]) -> dict[str, Any]:
    """The whole demo as one JSON document."""
    document: dict[str, Any] = {
        "at": format_time(day.at),
        "timezone": day.timezone,
        "safety_margin": margin_json(),
    }
    for part in parts:
        document[part.key] = part.data
    return document
