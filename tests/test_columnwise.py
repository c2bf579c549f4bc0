"""Validation column by column gives exactly what reading row by row gave.

The activity log is parsed one column at a time, each distinct value once, and the
personal-number scan looks at columns and distinct values: a million rows take seconds
instead of tens of seconds. These properties compare both with the plain row-by-row
reading they replaced (kept here as the reference): the same problems in the same order,
the same frame, the same source line.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from report.errors import Code, Problem
from report.inputs.dataset import SourceSheet
from report.inputs.kinds.activity import (
    ACTIVITY_FRAME_COLUMNS,
    FIRST_VALID_DATE,
    _activity_frame,
    activity_parsers,
)
from report.inputs.kinds.base import Header
from report.inputs.kinds.cells import Screen, SheetColumns, body_rows, cell_at, distinct_cells
from report.inputs.kinds.registry import detect_header, header_aliases, title_of
from report.inputs.kinds.screening import personal_number_cells
from report.inputs.promise_file import load_promise
from report.inputs.sheets import RawSheet
from tests.helpers import PROMISE, REPORT_DATE

PROMISE_MODEL = load_promise(PROMISE)
TABLE = header_aliases(PROMISE_MODEL.column_aliases)


def reference_activity_frame(
    sheet: RawSheet, header: Header, problems: list[Problem], screen: Screen
) -> tuple[pd.DataFrame, SourceSheet]:
    """The activity frame as it was read before: row by row, cell by cell."""
    parsers = activity_parsers(PROMISE_MODEL, REPORT_DATE)
    clean = not screen.errors and not screen.covered

    def read(excel_row: int, row: list[Any], key: str) -> Any:
        col = header.columns.get(key)
        if not clean:
            hit, problem = screen.blocked(excel_row, col, key)
            if problem:
                problems.append(problem)
            if hit:
                return None
        cell = cell_at(row, col)
        value, fault = parsers[key](cell)
        if fault:
            problems.append(fault.at(cell, sheet.file, sheet.name, excel_row, col, title_of(key)))
        return value

    records = []
    before = len(problems)
    for excel_row, row in body_rows(sheet, header, screen):
        records.append(
            (
                read(excel_row, row, "datum"),
                read(excel_row, row, "aktivitet"),
                read(excel_row, row, "antal"),
                read(excel_row, row, "ansvarig"),
                str(cell_at(row, header.columns.get("plats"))).strip(),
                sheet.file,
                sheet.name,
                excel_row,
            )
        )
    frame = pd.DataFrame.from_records(records, columns=list(ACTIVITY_FRAME_COLUMNS))
    if not records and len(problems) == before:
        problems.append(
            Problem(
                sheet.file,
                "Bladet har rubriker men inga rader med aktiviteter. "
                "Fyll i raderna eller ta bort filen.",
                sheet.name,
                header.row + 2,
                code=Code.SHEET_WITHOUT_ROWS,
            )
        )
    dates = [r[0] for r in records if r[0]]
    source = SourceSheet(
        sheet.file,
        sheet.name,
        "aktivitetslogg",
        len(records),
        min(dates).isoformat() if dates else "–",
        max(dates).isoformat() if dates else "–",
    )
    return frame, source


def assert_same_frame(frame: pd.DataFrame, expected: pd.DataFrame) -> None:
    """Equal as validate_workbooks hands them on: dates as pandas datetimes (the reference
    made them so after concatenating the sheets; the frame is made with them)."""
    pd.testing.assert_frame_equal(
        frame.assign(date=pd.to_datetime(frame["date"])),
        expected.assign(date=pd.to_datetime(expected["date"])),
    )


HEADER = ["Datum", "Aktivitet", "Antal", "Ansvarig", "Plats", "Kommentar"]
CELLS = st.one_of(
    st.sampled_from(
        [
            None,
            "",
            " ",
            "SSP",
            "ssp-möte",
            "Trafikkontroll",
            "trafikkontrol",
            "Fotpatrull",
            "Polisen",
            "kommunen",
            "Båda",
            "Polisen och kommunen",
            "okänd",
            "2023-05-01",
            "2023-02-30",
            "1/5 2023",
            "3",
            "2,0",
            "-1",
            "x",
            "Torget",
        ]
    ),
    st.sampled_from([1.0, 2.0, 0.0, -1.0, 1.5, 3, 2_000_000.0, True, False, 45000.0, float("inf")]),
    st.dates(min_value=dt.date(1998, 1, 1), max_value=REPORT_DATE + dt.timedelta(days=3)),
    st.datetimes(min_value=dt.datetime(2019, 1, 1), max_value=dt.datetime(2024, 1, 1)),
    st.sampled_from([FIRST_VALID_DATE, dt.date(2023, 6, 1), dt.date(2023, 6, 2)]),
)


# Cells that read without a problem, per column (in HEADER order).
GOOD = (
    st.one_of(
        st.dates(min_value=FIRST_VALID_DATE, max_value=REPORT_DATE),
        st.datetimes(min_value=dt.datetime(2019, 1, 1), max_value=dt.datetime(2024, 1, 1)),
        st.sampled_from(["2023-05-01", " 2021-12-31 "]),
    ),
    st.sampled_from(["SSP", "ssp-möte", "Trafikkontroll", "Fotpatrull", "fotpatrull "]),
    st.sampled_from([None, "", 1.0, 2.0, 0.0, 3, "4", " 2,0 ", 1_000_000.0]),
    st.sampled_from([None, "", "Polisen", "kommunen", "Båda", "Polisen och kommunen"]),
    st.one_of(CELLS, st.text(max_size=5)),
    CELLS,
)


@st.composite
def good_rows(draw: st.DrawFn, order: list[int]) -> list[Any]:
    row: list[Any] = [None] * len(HEADER)
    for values, col in zip(GOOD, order, strict=True):
        row[col] = draw(values)
    return row


@st.composite
def activity_sheets(draw: st.DrawFn, good: bool = False) -> RawSheet:
    order = draw(st.permutations(range(len(HEADER))))
    used = draw(st.integers(2, len(HEADER)))  # Datum and Aktivitet are always there
    width = len(HEADER)
    header = [""] * width
    for title, col in zip(HEADER[:used], order[:used], strict=True):
        header[col] = title
    titles = draw(st.lists(st.lists(st.just("Rubrik"), max_size=1), max_size=2))
    if good:  # rows that read without a problem, some empty ones among them
        body = draw(
            st.lists(
                st.one_of(good_rows(list(order)), st.just([]), st.just([None, "", None])),
                max_size=25,
            )
        )
    else:
        body = draw(st.lists(st.lists(CELLS, max_size=width + 1), max_size=25))
    rows = [*titles, header, *body]
    if good:
        return RawSheet("logg.xlsx", "Blad1", rows)
    first = len(titles) + 1
    cells = st.tuples(st.integers(0, len(rows)), st.integers(0, width))
    errors = draw(st.lists(cells.map(lambda c: (*c, "#DIV/0!")), max_size=3))
    merged = [
        (r, c, r + dr, c + dc)
        for (r, c), dr, dc in draw(
            st.lists(
                st.tuples(
                    st.tuples(st.integers(first - 1, len(rows)), st.integers(0, width)),
                    st.integers(0, 2),
                    st.integers(0, 1),
                ),
                max_size=2,
            )
        )
    ]
    return RawSheet("logg.xlsx", "Blad1", rows, True, tuple(errors), tuple(merged))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(activity_sheets(), activity_sheets(good=True)))
def test_activity_frame_column_by_column_equals_row_by_row(sheet: RawSheet) -> None:
    header = detect_header(sheet, TABLE, REPORT_DATE)
    if not isinstance(header, Header):
        return
    screen = Screen.of(sheet, header)
    expected_problems: list[Problem] = list(screen.problems)
    expected = reference_activity_frame(sheet, header, expected_problems, screen)
    frame, source, found = _activity_frame(sheet, header, PROMISE_MODEL, REPORT_DATE, screen)
    assert [*screen.problems, *found] == expected_problems
    assert source == expected[1]
    if not expected_problems:  # with problems, the frame is never used
        assert_same_frame(frame, expected[0])


def test_a_million_like_log_in_one_column_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    """Empty rows in between, every problem once, the same frame: a larger case."""
    body = []
    for i in range(3000):
        day = dt.date(2023, 1, 1) + dt.timedelta(days=i % 300)
        body.append(
            [
                day,
                ["SSP", "Fotpatrull", "trafikkontrol"][i % 3] if i % 500 else "",
                float(i % 4),
                ["Polisen", "", "Kommunen"][i % 3],
                f"Plats {i % 40} ",
            ]
        )
        if i % 1000 == 999:
            body.append([None, "", None, "", None])
    sheet = RawSheet("logg.xlsx", "Blad1", [HEADER[:5], *body])
    header = detect_header(sheet, TABLE, REPORT_DATE)
    assert isinstance(header, Header)
    expected_problems: list[Problem] = []
    expected = reference_activity_frame(sheet, header, expected_problems, Screen.of(sheet, header))
    columns = SheetColumns(sheet)
    columns.parsed = {0, 1, 2, 3}
    frame, source, problems = _activity_frame(
        sheet, header, PROMISE_MODEL, REPORT_DATE, Screen.of(sheet, header), columns
    )
    assert len(problems) == 1004  # every misspelled name (1000), every missing one (6; 2 both)
    assert (problems, source) == (expected_problems, expected[1])
    good = RawSheet(
        "logg.xlsx",
        "Blad1",
        [HEADER[:5], *([row[0], "SSP" if row[0] else "", *row[2:]] for row in body)],
    )
    expected_problems.clear()
    expected = reference_activity_frame(good, header, expected_problems, Screen.of(good, header))
    frame, source, problems = _activity_frame(
        good, header, PROMISE_MODEL, REPORT_DATE, Screen.of(good, header)
    )
    assert (problems, expected_problems, source) == ([], [], expected[1])
    assert_same_frame(frame, expected[0])
    assert list(frame["row"][998:1001]) == [1000, 1001, 1003]  # the empty row left out


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.lists(
            st.one_of(
                CELLS,
                st.sampled_from(
                    ["811218-9876", "19811218+9876", 198112189876.0, 198112189876, "811218-9877"]
                ),
            ),
            max_size=5,
        ),
        max_size=20,
    ),
    st.sets(st.integers(0, 5)),
)
def test_personal_number_scan_of_parsed_columns(rows: list[list[Any]], parsed: set[int]) -> None:
    """Columns validation parses are scanned by their distinct values: same cells."""
    sheet = RawSheet("f.xlsx", "Blad1", rows)
    columns = SheetColumns(sheet)
    columns.parsed = parsed
    assert personal_number_cells(sheet, columns) == personal_number_cells(sheet)


@given(st.lists(CELLS, max_size=30))
def test_distinct_cells(cells: list[Any]) -> None:
    distinct, codes = distinct_cells(cells)
    assert [distinct[i] for i in codes] == cells
    assert [type(distinct[i]) for i in codes] == [type(c) for c in cells]
    keys = [(type(c), c) for c in cells]
    assert (
        len(distinct) == len(dict.fromkeys(keys))
        or len({t for t, _ in keys if t in (int, float, bool)}) <= 1
    )
