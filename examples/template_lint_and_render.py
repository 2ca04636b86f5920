"""Lint a template draft, fix it, render it: Meta components, Twilio variables, preview."""

from __future__ import annotations

import json

from wamsg.templates import lint_template, render, template_from_dict

DRAFT = {
    "name": "Order Shipped",
    "language": "en-US",
    "category": "UTILITY",
    "components": [
        {"type": "BODY", "text": "{{1}}, your order {{3}} has shipped"},
        {
            "type": "BUTTONS",
            "buttons": [
                {"type": "URL", "text": "Track", "url": "https://example.com/track/{{1}}/details"},
            ],
        },
    ],
}

FIXED = {
    "name": "order_shipped",
    "language": "en-US",
    "category": "UTILITY",
    "content_sid": "HX0123456789abcdef0123456789abcdef",
    "components": [
        {
            "type": "BODY",
            "text": "Hi {{1}}, your order {{2}} has shipped. Track it below.",
            "example": {"body_text": [["Ann", "A-1001"]]},
        },
        {
            "type": "BUTTONS",
            "buttons": [
                {
                    "type": "URL",
                    "text": "Track",
                    "url": "https://example.com/track/{{1}}",
                    "example": ["https://example.com/track/A-1001"],
                },
            ],
        },
    ],
}


def main() -> None:
    """Print the draft's findings, then the fixed template rendered."""
    print("Draft findings:")
    for finding in lint_template(template_from_dict(DRAFT)):
        print(
            f"  {finding.severity.value:7} {finding.rule:24} {finding.location}: {finding.message}"
        )
    template = template_from_dict(FIXED)
    print(f"Fixed template findings: {len(lint_template(template))}")
    rendered = render(template, ["Ann", "A-1002"], buttons={0: "A-1002"})
    print("Meta template object:")
    print(json.dumps(rendered.meta_template(), indent=2))
    print(
        f"Twilio ContentSid={rendered.content_sid} ContentVariables={rendered.content_variables()}"
    )
    print("Preview:")
    print(rendered.preview)


if __name__ == "__main__":
    main()
