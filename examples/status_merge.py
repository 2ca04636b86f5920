"""Status webhooks arrive late, twice and out of order; merging them always converges.

Run: python examples/status_merge.py
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from wamsg import Delivery, DeliveryStatus, MessageStatus
from wamsg.delivery import ErrorDetail

SENT_AT = datetime(2026, 11, 2, 22, 0, tzinfo=timezone.utc)


def report(seconds: int, status: DeliveryStatus, *errors: ErrorDetail) -> MessageStatus:
    """One status webhook for the message ``wamid.out1``."""
    return MessageStatus(
        provider="meta",
        message_id="wamid.out1",
        status=status,
        occurred_at=SENT_AT + timedelta(seconds=seconds),
        errors=errors,
    )


def main() -> None:
    """Merge the same reports in two arrival orders and show they agree."""
    timeout = ErrorDetail(code="131026", title="Message undeliverable")
    reports = [
        report(1, DeliveryStatus.SENT),
        report(40, DeliveryStatus.READ),
        report(3, DeliveryStatus.FAILED, timeout),  # one device failed ...
        report(5, DeliveryStatus.DELIVERED),  # ... another received it
        report(1, DeliveryStatus.SENT),  # a duplicate
    ]
    last_arrived = reports[-1].status
    print(f"keeping the last webhook that arrived would show: {last_arrived.ticks.value}")

    for name, order in (("as received", reports), ("reversed", list(reversed(reports)))):
        merged = Delivery.combine(r.delivery for r in order)
        assert merged is not None
        errors = ", ".join(error.code for error in merged.sorted_errors)
        print(f"{name:12} -> {merged.status.value} ({merged.ticks.value}), errors kept: {errors}")


if __name__ == "__main__":
    main()
