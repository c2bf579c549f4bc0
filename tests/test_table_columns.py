"""Issue 16, item 4: the survey tables laid out in fixed widths computed from their labels
(report/table_columns.py), and no label or value ever spilling out of its cell."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from report.charts.survey_data import SurveyRow
from report.output.pdf import layout_pdf
from report.output.render import TEMPLATES, ChartRef, chart_url, render_html
from report.output.table_widths import CELL_PADDING_CH, YEAR_CH, table_columns
from tests.helpers import (
    inputs_folder,
    long_survey_rows,
    model_of,
    second_promise_inputs,
    second_survey_rows,
    write_workbook,
)

BLANK = '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="40"/>'


def row(grade: str, group: str, years: int) -> SurveyRow:
    return SurveyRow(grade, group, group != "Alla", ("12 %",) * years)


@given(
    st.lists(
        st.tuples(st.text(min_size=1, max_size=40), st.text(min_size=1, max_size=40)), min_size=1
    ),
    st.integers(1, 15),
    st.integers(20, 200),
)
def test_columns_fit_the_longest_label_and_the_table_its_box(labels, years, room) -> None:
    rows = [row(g, a, years) for g, a in labels]
    cols = table_columns(rows, years, room)
    assert cols.grade >= max(len(g) for g, _ in labels) + CELL_PADDING_CH
    assert cols.group >= max(len(a) for _, a in labels) + CELL_PADDING_CH
    assert min(cols.grade, cols.group) >= len("Grupp") + CELL_PADDING_CH
    total = cols.grade + cols.group + years * YEAR_CH
    assert cols.width == (f"{total}ch" if total <= room else "100%")


def test_a_short_table_is_no_wider_than_its_columns() -> None:
    cols = table_columns([row("åk 9", "Riket, alla", 2)], 2)
    assert cols.width == f"{cols.grade + cols.group + 2 * YEAR_CH}ch"
    assert table_columns([row("åk 9", "Riket, alla", 12)], 12).width == "100%"


def long_names_inputs(root: Path) -> Path:
    """The second promise with a long grade name and a long reference area: the labels
    the width estimate must still fit."""
    folder = second_promise_inputs(root)
    rows = [
        (
            y,
            s,
            "förskoleklass" if g == "åk 8" else g,
            x,
            i,
            v,
            n,
            "Västra Götalands län" if a == "Riket" else a,
        )
        for y, s, g, x, i, v, n, a in second_survey_rows()
    ]
    write_workbook(folder / "lupp.xlsx", {"Lupp": long_survey_rows(rows)})
    return folder


def overflowing_cells(model) -> tuple[int, list[str]]:
    """How many survey table cells the laid-out PDF holds, and the text of every one whose
    text reaches past its cell's content box."""
    html = render_html(
        model, {i: ChartRef(chart_url(i), "") for i in chart_ids(model)}, commentary={}
    )
    laid = layout_pdf(
        html, TEMPLATES, (TEMPLATES,), {chart_url(i): (lambda: BLANK) for i in chart_ids(model)}
    )
    cells, spilled = 0, []

    def walk(box, in_survey_table: bool) -> None:
        nonlocal cells
        classes = (box.element.get("class") or "") if box.element is not None else ""
        in_survey_table = in_survey_table or (
            box.element_tag == "table" and "survey-table" in classes
        )
        if (
            in_survey_table
            and box.element_tag in ("td", "th")
            and type(box).__name__ == "TableCellBox"
        ):
            cells += 1
            right = box.content_box_x() + box.width
            for text in descendants(box):
                if type(text).__name__ == "TextBox" and text.position_x + text.width > right + 0.5:
                    spilled.append(text.text)
        for child in getattr(box, "children", ()):
            walk(child, in_survey_table)

    for page in laid.document.pages:
        walk(page._page_box, False)
    return cells, spilled


def descendants(box):
    for child in getattr(box, "children", ()):
        yield child
        yield from descendants(child)


def chart_ids(model) -> list[str]:
    from report.charts.catalogue import report_chart_specs

    return [s.id for s in report_chart_specs(model)]


@pytest.mark.parametrize("case", ["example", "second", "long names"])
def test_no_survey_table_text_spills_out_of_its_cell(case: str, tmp_path: Path) -> None:
    if case == "example":
        model = model_of(inputs_folder(tmp_path), 2023, dt.date(2024, 2, 1))
    elif case == "second":
        model = model_of(second_promise_inputs(tmp_path), 2024, dt.date(2025, 2, 1))
    else:
        model = model_of(long_names_inputs(tmp_path), 2024, dt.date(2025, 2, 1))
    cells, spilled = overflowing_cells(model)
    assert cells > 20  # the walk found the tables
    assert spilled == []
