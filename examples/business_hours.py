"""Opening hours across a DST change, and the out-of-hours auto-reply sent once.

Run: python examples/business_hours.py
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from wamsg import BusinessHours, decide_autoreply


def main() -> None:
    """Show openings around Helsinki's spring DST change and three weekend messages."""
    hours = BusinessHours.parse(
        "Mon-Fri 08:00-17:00, Sat 10:00-14:00",
        timezone="Europe/Helsinki",
        holidays=[date(2026, 4, 3)],  # Good Friday
    )
    print("Hours:", hours.describe(), f"({hours.timezone})")
    moment = datetime(2026, 3, 27, 16, tzinfo=timezone.utc)
    for _ in range(6):
        opens = hours.next_open(moment + timedelta(minutes=1))
        if opens is None:
            break
        closes = hours.next_close(opens)
        assert closes is not None
        print(f"  open {hours.local(opens):%a %d %b %H:%M %Z} -> {hours.local(closes):%H:%M}"
              f"   (UTC {opens:%H:%M}-{closes:%H:%M})")  # fmt: skip
        moment = closes
    print()
    last_autoreply = None
    for text in ("2026-03-28T15:00:00+00:00", "2026-03-28T19:30:00+00:00",
                 "2026-03-30T06:00:00+00:00"):  # fmt: skip
        received = datetime.fromisoformat(text)
        decision = decide_autoreply(hours, received_at=received,
                                    last_autoreply_at=last_autoreply)  # fmt: skip
        print(f"message at {hours.local(received):%a %H:%M}: send={decision.send!s:<5} "
              f"{decision.reason.value:<13} {decision.message}")  # fmt: skip
        if decision.send:
            last_autoreply = received


if __name__ == "__main__":
    main()
