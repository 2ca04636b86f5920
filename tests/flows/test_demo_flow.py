"""The demo's flow section, and the packaged copy of the Zoom flow it runs."""

from __future__ import annotations

import json

from wamsg._internal import data
from wamsg.cli._demo_flow import flow_section
from wamsg.cli._table import width
from wamsg.testing import sample_day

from .helpers import zoom_data


def test_the_packaged_flow_is_the_shipped_example() -> None:
    assert data.load_json("sample_flow.json") == zoom_data()


def test_the_section_runs_one_customer_of_the_sample_day() -> None:
    title, lines, document = flow_section(sample_day())
    assert title == "Flow (times in Europe/Helsinki)"
    text = "\n".join(lines)
    assert "[collect] menu" in text  # the diagram
    assert "nothing: seen before" in text  # the duplicate delivery
    assert "route to sales (priority 0, skills sales)" in text
    assert isinstance(document, list)
    lines_of = [line for line in document if isinstance(line, dict)]
    assert [line["state"] for line in lines_of] == ["menu", "menu", "menu", "route_to_sales"]
    assert lines_of[-1]["ended"] is True
    json.dumps(document)


def test_the_section_fits_120_columns_without_trailing_blanks() -> None:
    _, lines, _ = flow_section(sample_day())
    for line in lines:
        assert "\n" not in line
        assert width(line) <= 120, line
        assert line == line.rstrip(), line
