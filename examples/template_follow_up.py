"""A closed-window follow-up: choose the template in the customer's language, check, render."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from wamsg import Customer
from wamsg.events import TemplateIdentity, TemplateStatusChanged
from wamsg.templates import TemplateLibrary, template_follow_up


def _variant(language: str, text: str, status: str) -> dict[str, Any]:
    return {
        "name": "ticket_waiting",
        "language": language,
        "category": "UTILITY",
        "status": status,
        "components": [
            {"type": "BODY", "text": text, "example": {"body_text": [["Ana", "4711"]]}},
            {"type": "BUTTONS", "buttons": [{"type": "QUICK_REPLY", "text": "Reply now"}]},
        ],
    }


LIBRARY = TemplateLibrary.from_dicts(
    [
        _variant("pt_BR", "Olá {{1}}, o chamado {{2}} aguarda a sua resposta.", "PENDING"),
        _variant("pt_PT", "Olá {{1}}, o pedido {{2}} aguarda a sua resposta.", "APPROVED"),
        _variant("en_US", "Hi {{1}}, ticket {{2}} is waiting for your reply.", "APPROVED"),
    ],
    default_language="en_US",
)
AT = datetime(2026, 5, 4, 9, 0, tzinfo=timezone.utc)
CUSTOMER = Customer(phone="+5511987654321", name="Ana")


def main() -> None:
    """Follow up once with the library as is, once after Meta pauses the English variant."""
    result = template_follow_up(
        LIBRARY,
        "ticket_waiting",
        customer=CUSTOMER,
        preferred_languages=["pt_BR"],
        at=AT,
        body=["Ana", "4711"],
        buttons={0: "REPLY_4711"},
    )
    print(f"Tried {', '.join(result.choice.tried)} -> {result.message}")
    if result.rendered is not None:
        print(result.rendered.preview)
    paused = LIBRARY.apply(
        TemplateStatusChanged(
            provider="meta",
            status="PAUSED",
            occurred_at=AT,
            template=TemplateIdentity(name="ticket_waiting", language="en_US"),
        )
    )
    again = template_follow_up(
        paused,
        "ticket_waiting",
        customer=CUSTOMER,
        preferred_languages=["en_US"],
        at=AT,
        body=["Ana", "4711"],
    )
    print(f"After a pause: {again.message} ({again.choice.reason.value})")


if __name__ == "__main__":
    main()
