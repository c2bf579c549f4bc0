"""The report's HTML for two promises, held against reviewed copies in tests/golden/: any
change to what the report says or how it is laid out shows here as a diff to review.

The HTML is the PDF's (charts by name, style sheet and fonts by path), with the machine's
paths normalised. After a change that is meant, look at the diff, then write the new copies
with `UPDATE_GOLDEN=1 make test` (or `UPDATE_GOLDEN=1 .venv/bin/python -m pytest
tests/test_golden_html.py`) and commit them with the change.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

from report.app.pipeline import Options, read_inputs
from report.charts.catalogue import report_chart_specs
from report.charts.svg import font_path
from report.model.report import build_model, default_year
from report.output.render import ChartRef, chart_url, render_html
from tests.helpers import COMMENTARY, PROJECT, REPORT_DATE, inputs_folder, second_promise_inputs

GOLDEN = Path(__file__).parent / "golden"


def html_of(inputs: Path, year: int | None, whole_period: bool = False) -> str:
    read = read_inputs(Options(inputs, inputs.parent / "out", REPORT_DATE))
    year = year or default_year(read.dataset) or REPORT_DATE.year
    model = build_model(
        read.promise, read.dataset, year, REPORT_DATE, read.is_example, whole_period=whole_period
    )
    charts = {s.id: ChartRef(chart_url(s.id), s.alt) for s in report_chart_specs(model)}
    html = render_html(model, charts, commentary=read.commentary.as_markup())
    return html.replace(font_path().parent.resolve().as_uri(), "file:///fonts").replace(
        PROJECT.resolve().as_uri(), "file:///project"
    )


def agrees(name: str, html: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(html, encoding="utf-8")
    golden = path.read_text(encoding="utf-8")
    if html != golden:
        diff = difflib.unified_diff(
            golden.splitlines(), html.splitlines(), f"golden/{name}", "now", lineterm=""
        )
        pytest.fail("The HTML differs from its golden copy:\n" + "\n".join(list(diff)[:80]))


def test_the_example_reads_as_its_golden_copy(tmp_path: Path) -> None:
    inputs = inputs_folder(tmp_path)
    (inputs / "kommentarer.md").write_text(COMMENTARY, encoding="utf-8")
    agrees("example.html", html_of(inputs, None))


def test_a_second_promise_with_its_whole_period_reads_as_its_golden_copy(
    tmp_path: Path,
) -> None:
    agrees("second-promise-2024.html", html_of(second_promise_inputs(tmp_path), 2024, True))


def test_the_golden_copies_are_normalised() -> None:
    for path in GOLDEN.glob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert str(PROJECT) not in text and "file:///project/templates/report.css" in text
