"""``wamsg lint-template FILE.json`` prints findings and exits 0, 1 or 2."""

from __future__ import annotations

import io
import json
from pathlib import Path

from wamsg.cli import Streams, main

FIXTURES = Path(__file__).parent.parent / "fixtures" / "templates"


def run(*argv: str, stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), Streams(stdin=io.StringIO(stdin), stdout=out, stderr=err))
    return code, out.getvalue(), err.getvalue()


def _template(name: str) -> dict[str, object]:
    data: dict[str, object] = json.loads((FIXTURES / f"{name}.json").read_text("utf-8"))
    template = data["template"]
    assert isinstance(template, dict)
    return template


def test_clean_template_exits_zero(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    path.write_text(json.dumps(_template("seasonal_promotion")), "utf-8")
    code, out, _ = run("lint-template", str(path))
    assert code == 0
    assert out.strip() == "1 template(s), 0 error(s), 0 warning(s)"


def test_a_list_with_an_error_exits_one_and_reports_it_as_json() -> None:
    bad = dict(_template("seasonal_promotion"), name="Seasonal Promo")
    text = json.dumps([_template("order_confirmation"), bad])
    code, out, _ = run("lint-template", "-", "--json", stdin=text)
    assert code == 1
    findings = json.loads(out)["findings"]
    assert findings == [
        {
            "template": "Seasonal Promo",
            "language": "en_US",
            "rule": "name.charset",
            "severity": "error",
            "location": "template",
            "message": findings[0]["message"],
            "hint": findings[0]["hint"],
        }
    ]


def test_text_output_names_rule_location_and_hint() -> None:
    bad = dict(_template("order_delivery_update"), category="AUTHENTICATION")
    code, out, _ = run("lint-template", "-", stdin=json.dumps(bad))
    assert code == 1
    assert "header.location_category at header:" in out


def test_warnings_only_exit_zero() -> None:
    data = _template("seasonal_promotion")
    components = data["components"]
    assert isinstance(components, list)
    components.append({"type": "CAROUSEL"})
    code, out, _ = run("lint-template", "-", stdin=json.dumps(data))
    assert code == 0
    assert "component.unknown" in out


def test_graph_api_page_is_accepted() -> None:
    page = {"data": [_template("order_confirmation")], "paging": {}}
    assert run("lint-template", "-", stdin=json.dumps(page))[0] == 0


def test_wrong_shape_is_a_finding_not_a_crash() -> None:
    code, out, _ = run("lint-template", "-", "--json", stdin='[{"name": "x", "components": 5}, 3]')
    assert code == 1
    rules = [(f["template"], f["rule"], f["location"]) for f in json.loads(out)["findings"]]
    assert rules == [("x", "template.shape", "[0].components"), ("#1", "template.shape", "[1]")]


def test_unreadable_json_exits_two(tmp_path: Path) -> None:
    code, _, err = run("lint-template", "-", stdin="{nope")
    assert code == 2
    assert "cannot read" in err
    assert run("lint-template", str(tmp_path / "missing.json"))[0] == 2
