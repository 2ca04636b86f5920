"""Run the Zoom Contact Center example flow for one customer of the sample day.

Sheena Nelson writes to the sales line (her message of wamsg's sample day); the flow
greets her and shows the menu. Her first answer matches no option, so the menu comes
again; then she taps the "Sales" button and the flow routes her to the sales queue
with the skill the menu's exit maps to. wamsg does no I/O: this script plays the
helpdesk, printing what each step asks it to do.
"""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from wamsg import Message, MessageReceived, Text
from wamsg.content import InteractiveReply
from wamsg.flows import FlowRun, diagram, load_flow, step
from wamsg.testing import sample_day

FLOW = Path(__file__).parent / "flows" / "zoom-whatsapp-for-business.json"


def reply(
    first: MessageReceived, content: Text | InteractiveReply, minutes: int
) -> MessageReceived:
    """Her answer ``minutes`` after her first message (scripted for the example)."""
    message = first.message
    assert message.sent_at is not None
    return MessageReceived(
        provider=first.provider,
        message=Message(
            id=f"{message.id}.{minutes}",
            direction=message.direction,
            business=message.business,
            customer=message.customer,
            sent_at=message.sent_at + timedelta(minutes=minutes),
            content=content,
        ),
    )


def main() -> None:
    definition = load_flow(json.loads(FLOW.read_text(encoding="utf-8")))
    print(diagram(definition))
    day = sample_day()
    first = next(
        e for e in day.events if isinstance(e, MessageReceived) and e.message.id == "wamid.sheena1"
    )
    tap = InteractiveReply(reply_type="button_reply", id="sales", title="Sales")
    events = [first, reply(first, Text("M, please"), 1), first, reply(first, tap, 2)]
    run: FlowRun | None = None
    for event in events:
        at = event.message.sent_at
        assert at is not None
        actions, run = step(definition, run, event, at=at)
        print(f"\n{at:%H:%M} {event.message.customer.name}: {event.message.content.to_dict()}")
        for action in actions or ():
            print(f"  {json.dumps(action.to_dict(), ensure_ascii=False)}")
        if not actions:
            print("  (no actions: a message the run has seen)")
    assert run is not None
    print(f"\nThe run ended: {run.ended}, after {run.steps} steps, skills {list(run.skills)}.")


if __name__ == "__main__":
    main()
