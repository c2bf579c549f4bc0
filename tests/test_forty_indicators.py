"""Issue 16, item 2: the forty-indicator case (scripts/gen_large.py --case survey-large)
builds a report of at most 45 pages whose charts carry at most six lines each, and the
small multiples keep every text inside their figure."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

import pytest

from report.charts.layout import multiples_grid
from report.charts.survey_data import MAX_LINES, chart_data, panels, uses_multiples
from report.charts.surveys import indicator_multiples_figure
from tests.figure_checks import texts_outside
from tests.helpers import built_pdf, gen_large, model_of

MAX_PAGES = 45
REPORT_DATE = dt.date(2025, 2, 1)


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    cases = gen_large().ensure_cases(
        cache=tmp_path_factory.mktemp("cache"), cases=("survey-large",), log=lambda _: None
    )
    return cases["survey-large"]


@pytest.fixture(scope="module")
def model(inputs: Path):
    return model_of(inputs, 2023, REPORT_DATE)


@pytest.fixture(scope="module")
def pdf(inputs: Path) -> Path:
    return built_pdf(inputs, REPORT_DATE)


def test_the_case_has_forty_indicators_twelve_of_them_detailed(model) -> None:
    assert len(model.indicators) == 40
    assert len(model.key_indicators) == 12
    assert len(model.appendix_indicators) == 28


def test_no_chart_carries_more_than_six_lines(model) -> None:
    for result in model.indicators:
        data = chart_data(result)
        if uses_multiples(data, result in model.key_indicators):
            assert all(len(p.lines) <= MAX_LINES for p in panels(data)), result.indicator.id
        else:
            assert len(data.lines) <= MAX_LINES, result.indicator.id


def test_the_small_multiples_keep_every_text_inside_the_figure(model) -> None:
    """Value labels, titles, ticks and the legend (under the panels on a detailed page, in
    the empty cell in the appendix) of every indicator's multiples."""
    for result in model.indicators:
        key = result in model.key_indicators
        fig = indicator_multiples_figure(result, key)
        assert texts_outside(fig) == [], (result.indicator.id, key)
    assert multiples_grid(5, key=False).legend_in_grid
    assert not multiples_grid(6, key=False).legend_in_grid


def test_value_labels_stay_inside_their_own_panel(model) -> None:
    """A panel's bold value label ends before the next panel begins."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    for result in (model.key_indicators[0], model.appendix_indicators[0]):
        key = result in model.key_indicators
        fig = indicator_multiples_figure(result, key)
        canvas = FigureCanvasAgg(fig)
        canvas.draw()
        renderer = canvas.get_renderer()
        for ax in fig.axes:
            if not ax.get_visible():
                continue
            right = ax.get_window_extent(renderer).x1
            for label in ax.texts:
                assert label.get_window_extent(renderer).x1 <= right + 0.5, label.get_text()


def test_the_report_has_at_most_45_pages(pdf: Path) -> None:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))  # type: ignore[union-attr]
    assert pages <= MAX_PAGES
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True
    ).stdout
    assert "Bilaga: övriga indikatorer" in text
