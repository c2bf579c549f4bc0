"""Issue 12, item 5: the survey chart's last legend row inside the figure, and the yearly
bar charts' value labels never struck through by the dashed target line. Also the months
outside the promise period, shaded and unlabelled in the signing year's monthly charts."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from report.app.pipeline import Options, read_inputs
from report.charts.activities import activity_svg, area_svg, counted_months, years_svg
from report.charts.surveys import indicator_svg
from report.model.report import build_model
from tests.helpers import inputs_folder, promise_and_data, second_promise_inputs

REPORT_DATE = dt.date(2025, 2, 1)


@pytest.fixture(scope="module")
def models(tmp_path_factory: pytest.TempPathFactory):
    built = []
    for folder, year in (
        (inputs_folder(tmp_path_factory.mktemp("example")), 2022),
        (second_promise_inputs(tmp_path_factory.mktemp("second")), 2023),
    ):
        promise, dataset = promise_and_data(
            read_inputs(Options(folder, folder.parent / "o", REPORT_DATE))
        )
        built.append(build_model(promise, dataset, year, REPORT_DATE))
    return built


def texts(svg: str) -> list[tuple[float, float, str]]:
    """(y, font size, text) of every text element."""
    found = []
    for match in re.finditer(r"<text([^>]*)>([^<]*)", svg):
        attrs = dict(re.findall(r'([\w-]+)="([^"]*)"', match.group(1)))
        found.append((float(attrs["y"]), float(attrs["font-size"].rstrip("px")), match.group(2)))
    return found


def height(svg: str) -> float:
    return float(re.search(r'viewBox="0 0 [\d.]+ ([\d.]+)"', svg).group(1))


def test_every_legend_row_of_the_survey_charts_is_inside_the_figure(models) -> None:
    for model in models:
        for indicator in model.indicators:
            svg = indicator_svg(indicator)
            bottom = height(svg)
            for y, size, text in texts(svg):
                # the baseline plus the descent (about a quarter of the size) fits
                assert y + size * 0.3 <= bottom, (indicator.indicator.id, text)
    three_grades = next(i for i in models[0].indicators if i.indicator.id == "elsa-trygg")
    assert any("gy 1 Hagfors" in t for *_, t in texts(indicator_svg(three_grades)))


def test_value_labels_are_drawn_over_the_target_line_on_a_white_box(models) -> None:
    section = next(s for s in models[0].sections if s.area.id == "trafik")
    svg = years_svg(section, "#1f5f8b")
    dashed = svg.index("stroke-dasharray")
    label = re.search(r"<text[^>]*>54</text>", svg)
    assert label is not None and label.start() > dashed  # drawn after (over) the line
    # the label's box: a white patch drawn right before the text
    assert 'fill="#ffffff"' in svg[dashed : label.start()]


def test_months_before_the_signing_are_shaded_and_unlabelled(models) -> None:
    hagfors, second = models
    assert counted_months(hagfors) == (6, 7, 8, 9, 10, 11, 12)
    assert counted_months(second) == tuple(range(3, 13))
    section = next(s for s in hagfors.sections if s.area.id == "trafik")
    svg = area_svg(section, "#1f5f8b", counted_months(hagfors))
    assert "före löftet" in svg
    # January–May carry no value label: only the seven counted months do
    labels = [t for _, _, t in texts(svg) if t.isdigit()]
    assert len([t for t in labels if t]) >= 7
    activity = hagfors.activities[0]
    assert activity_svg(activity, "#1f5f8b", counted_months(hagfors))


def test_charts_of_a_whole_year_have_nothing_shaded(models, tmp_path: Path) -> None:
    promise, dataset = promise_and_data(
        read_inputs(Options(second_promise_inputs(tmp_path), tmp_path / "o", REPORT_DATE))
    )
    model = build_model(promise, dataset, 2024, REPORT_DATE)
    assert counted_months(model) == tuple(range(1, 13))
    assert "löftet" not in area_svg(model.sections[0], "#1f5f8b", counted_months(model))
