"""``docs/flows.md``: its examples run, its flow is the shipped one, its diagram is generated."""

from __future__ import annotations

import re
from pathlib import Path

from tests.test_docs import fenced_blocks
from wamsg.flows import diagram

from .helpers import ZOOM, zoom_data

PAGE = Path(__file__).resolve().parents[2] / "docs" / "flows.md"


def test_the_python_examples_run_in_order() -> None:
    namespace: dict[str, object] = {"__name__": "docs.flows"}
    blocks = fenced_blocks(PAGE.read_text(encoding="utf-8"), "python")
    assert len(blocks) >= 8
    for number, block in enumerate(blocks, start=1):
        exec(compile(block, f"flows.md (python block {number})", "exec"), namespace)
    assert namespace["ZOOM"] == zoom_data()  # the page's flow is the shipped file


def test_the_diagram_on_the_page_is_the_generated_one() -> None:
    (drawn,) = fenced_blocks(PAGE.read_text(encoding="utf-8"), "text")
    assert drawn.rstrip("\n") == diagram(ZOOM)


def test_the_page_cites_only_rules_it_explains() -> None:
    cited = set(re.findall(r"\[rule ([a-z0-9.-]+)\]", PAGE.read_text(encoding="utf-8")))
    assert cited == {
        "meta.csw.24h",
        "twilio.studio.steps-1000",
        "twilio.studio.repeat-10",
        "twilio.studio.ttl-30d",
        "twilio.studio.missing-next",
    }
