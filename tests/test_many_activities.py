"""Issue 16, item 3: a sixty-activity promise loses no activity from any chart or table.

The summary chart is split into parts of at most MAX_BARS bars, the focus areas' "Antal per
år" charts into rows of at most YEARS_COLUMNS panels and parts of at most YEARS_ROWS rows;
long names wrap, and no text of any of these charts reaches outside its figure."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

import pytest

from report.charts import layout
from report.charts.activities import fulfilment_figure, years_figure
from report.charts.catalogue import report_chart_specs
from tests.figure_checks import overlapping_titles, texts_outside
from tests.helpers import built_pdf, model_of
from tests.many_activities import ACTIVITY_COUNT, LONG_NAMES, all_names, sixty_activity_inputs

REPORT_DATE = dt.date(2025, 2, 1)


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return sixty_activity_inputs(tmp_path_factory.mktemp("sixty"))


@pytest.fixture(scope="module")
def model(inputs: Path):
    return model_of(inputs, 2023, REPORT_DATE)


@pytest.fixture(scope="module")
def pdf(inputs: Path) -> Path:
    return built_pdf(inputs, REPORT_DATE)


def flat(text: str) -> str:
    """Text with line breaks, soft hyphens and repeated spaces folded to single spaces."""
    return " ".join(text.replace("\u00ad", "").split())


def test_the_promise_has_sixty_activities_some_with_very_long_names(model) -> None:
    names = [r.activity.name for r in model.activities]
    assert names == all_names() and len(names) == ACTIVITY_COUNT
    assert sum(len(n) >= 120 for n in names) >= 4
    assert {r.focus_area.id for r in model.activities} == {"trafik", "droger", "trygghet"}
    assert all(r.count for r in model.activities)


def test_parts_cover_every_item_once_and_are_even() -> None:
    assert layout.balanced_sizes(60, 20) == [20, 20, 20]
    assert layout.balanced_sizes(45, 20) == [15, 15, 15]
    assert layout.balanced_sizes(3, 20) == [3]
    assert layout.balanced_sizes(0, 20) == []
    parts = layout.parts_of("ar-x", [4, 3])
    assert [(p.id, p.start, p.stop, p.span) for p in parts] == [
        ("ar-x", 0, 4, "aktivitet 1–4 av 7"),
        ("ar-x.2", 4, 7, "aktivitet 5–7 av 7"),
    ]
    assert layout.years_grid(10) == (3, 4)
    assert layout.years_grid(3) == (1, 3)


def test_every_activity_is_in_exactly_one_part_of_each_chart(model) -> None:
    parts = layout.fulfilment_parts(model)
    assert len(parts) >= 3
    shown = [model.activities[i].activity.name for p in parts for i in range(p.start, p.stop)]
    assert shown == all_names()
    assert all(p.stop - p.start <= layout.MAX_BARS for p in parts)
    for section in model.sections:
        parts = layout.years_parts(section)
        covered = [i for p in parts for i in range(p.start, p.stop)]
        assert covered == list(range(len(section.activities)))
        assert all(p.stop - p.start <= layout.YEARS_COLUMNS * layout.YEARS_ROWS for p in parts)
    assert len(layout.years_parts(model.sections[0])) >= 3  # 30 activities


def test_every_name_is_in_the_alt_text_of_its_charts(model) -> None:
    specs = {s.id: s for s in report_chart_specs(model)}
    summary = [s for i, s in specs.items() if i.split(".")[0] == layout.FULFILMENT_ID]
    years = [s for i, s in specs.items() if i.startswith("ar-")]
    assert len(summary) == len(layout.fulfilment_parts(model))
    for name in all_names():
        whole_name = re.compile(re.escape(name) + r"(?!\d)")  # not "Fotpatrull 3" in "... 30"
        assert sum(bool(whole_name.search(s.alt)) for s in summary) == 1, name
        assert sum(f"{name} (mål" in s.alt for s in years) == 1, name
    assert all(re.search(r"diagram \d av \d", s.alt) for s in summary)


PAGE_CHART_CM = 22.0  # an A4 page's 25 cm of text height, less a caption and a heading


def svg_size_cm(svg: str) -> tuple[float, float]:
    width, height = (
        float(re.search(rf'{side}="([\d.]+)pt"', svg).group(1))  # type: ignore[union-attr]
        for side in ("width", "height")
    )
    return width * 2.54 / 72, height * 2.54 / 72


def test_every_activity_chart_fits_on_a_page(model) -> None:
    """Before the split, the summary chart of sixty activities was 37 cm tall: the page
    cut off activities 35-60."""
    drawn = [
        s
        for s in report_chart_specs(model)
        if s.id.split(".")[0] == layout.FULFILMENT_ID or s.id.startswith(("ar-", "fokus-"))
    ]
    assert len(drawn) >= 3 + 3 + 4
    for spec in drawn:
        width, height = svg_size_cm(spec.draw())
        assert width <= 16.6 and height <= PAGE_CHART_CM, (spec.id, width, height)


def test_no_text_of_the_summary_charts_leaves_the_figure(model) -> None:
    for part in layout.fulfilment_parts(model):
        fig = fulfilment_figure(model, part)
        assert texts_outside(fig) == [], part.id
        labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
        names = [r.activity.name for r in model.activities[part.start : part.stop]]
        assert [" ".join(label.split()) for label in labels] == names


def test_no_text_of_the_years_charts_leaves_the_figure_and_no_title_overlaps(model) -> None:
    for section in model.sections:
        for part in layout.years_parts(section):
            fig = years_figure(section, "#1f5f8b", part)
            assert texts_outside(fig) == [], part.id
            assert overlapping_titles(fig) == [], part.id
            titles = [" ".join(ax.get_title(loc="left").split()) for ax in fig.axes]
            assert titles == [r.activity.name for r in section.activities[part.start : part.stop]]


def test_the_checks_catch_a_clipped_label_and_an_overlapping_title(model) -> None:
    """The checks above can fail: one bar chart with the full, unwrapped long name, and one
    row of panels whose long titles are not wrapped."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(6.5, 2))
    ax = fig.add_axes((0.4, 0.1, 0.55, 0.8))
    ax.barh([0], [1])
    ax.set_yticks([0], [LONG_NAMES[0]])
    assert texts_outside(fig)
    fig = Figure(figsize=(6.5, 2))
    for column in range(4):
        ax = fig.add_axes((0.05 + column * 0.235, 0.1, 0.2, 0.7))
        ax.set_title(f"{LONG_NAMES[column]}", loc="left", fontsize=7.5)
    assert overlapping_titles(fig)


def test_every_activity_name_is_in_the_pdf(pdf: Path) -> None:
    text = flat(
        subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True
        ).stdout
    )
    for name in all_names():
        name = re.escape(name) + r"(?!\d)"
        # the summary table, the summary chart, the years chart and the activity's section
        assert len(re.findall(name, text)) >= 3, name
    assert "(forts.)" in text
