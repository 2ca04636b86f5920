"""The demo's messaging-limit section: the account's limit and one refused send."""

from __future__ import annotations

from datetime import datetime
from typing import cast

import pendulum

from wamsg._internal.json import JsonObject, parse_time
from wamsg.accounts import AccountConfig
from wamsg.cli._limits_report import Account, Send, decision_json, gate, pick_number, report
from wamsg.cli._table import render_table
from wamsg.identity import PhoneNumber
from wamsg.testing import SampleDay

__all__ = ["limits_section"]

_REFUSED = ("+15550783881", "+16505551234", "marketing")
"""The send the demo asks about: a marketing template to a US customer (paused since 2025)."""


def _local(day: SampleDay, text: object) -> str:
    if not isinstance(text, str):
        return "—"
    moment: datetime = parse_time(text, "at")
    return str(pendulum.instance(moment).in_timezone(day.timezone).format("ddd HH:mm"))


def _summary(day: SampleDay, data: JsonObject) -> list[str]:
    portfolio = cast(JsonObject, data["portfolio"])
    verified = "verified" if portfolio["verified"] else "unverified"
    slot = portfolio["next_slot_at"]
    when = (
        "a new customer can be reached now" if slot is None else f"next slot {_local(day, slot)}"
    )
    upgrade = cast(JsonObject, portfolio["upgrade"])
    due = upgrade["due_by"]
    ready = "eligible" if upgrade["eligible"] else "not eligible yet"
    by = "" if due is None else f", due {_local(day, due)}"
    return [
        f"Portfolio {portfolio['id']} ({verified}), era {data['era']}: the limit is the "
        f"{data['scope']}'s",
        f"Tier {portfolio['tier']}: {portfolio['used']} of {portfolio['limit']} customers used "
        f"in the last 24 hours, {portfolio['remaining']} left; {when}",
        f"Next tier {upgrade['next_tier'] or '—'}: {ready}{by}; "
        f"registered numbers capped at {portfolio['number_cap']}",
    ]


def _numbers(data: JsonObject) -> str:
    rows = [["Number", "Status", "Quality", "Kind", "Msg/s", "Templates", "Replies"]]
    for item in cast(list[JsonObject], data["numbers"]):
        rows.append(
            [
                str(item["phone"]),
                str(item["status"]),
                str(item["quality"]),
                str(item["kind"]),
                str(item["throughput_mps"]),
                "yes" if item["can_send_business_initiated"] else "no",
                "yes" if item["can_reply"] else "no",
            ]
        )
    return render_table(rows)


def limits_section(day: SampleDay) -> tuple[str, tuple[str, ...], JsonObject]:
    """The section's title, lines and JSON form."""
    account = Account.fold(AccountConfig.from_dict(day.account), day.events, day.at)
    data = report(account)
    sender, to, category = _REFUSED
    send = Send(PhoneNumber.parse(to), pick_number(account, sender), category)
    decision = decision_json(gate(account, send))
    verdict = "allowed" if decision["allowed"] else "refused"
    lines = [
        *_summary(day, data),
        "",
        _numbers(data),
        "",
        f"A {category} template from {sender} to {to}: {verdict}, {decision['reason']}",
        f"  {decision['message']}",
    ]
    refused: JsonObject = {"from": sender, "to": to, "send": category, **decision}
    title = f"Messaging limit (times in {day.timezone})"
    return title, tuple(lines), {**data, "refused_send": refused}
