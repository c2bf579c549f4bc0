"""Formula injection: text written to our own workbooks never becomes a formula."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st
from python_calamine import CalamineWorkbook

from report.safe_cells import FORMULA_STARTS, as_text, excel_text

DANGEROUS = [
    "=1+1",
    '=HYPERLINK("http://example.invalid","klicka")',
    "+46 70 123 45 67",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
    "=cmd|' /C calc'!A0",
]


@pytest.mark.parametrize("text", DANGEROUS)
def test_formula_like_text_gets_an_apostrophe(text: str) -> None:
    assert excel_text(text) == "'" + text


@pytest.mark.parametrize(
    "value",
    [
        "Trafikkontroll",
        "",
        " =inte först",
        "Åk 9 – 23 %",
        -5,
        0,
        2.5,
        None,
        True,
        dt.date(2023, 1, 2),
    ],
)
def test_other_values_pass_unchanged(value: object) -> None:
    assert excel_text(value) == value
    assert type(excel_text(value)) is type(value)


def test_written_cells_are_text_not_formulas(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    for row, text in enumerate(DANGEROUS, start=1):
        sheet.cell(row, 1, excel_text(text))
        assert sheet.cell(row, 1).data_type == "s"
    path = tmp_path / "underlag.xlsx"
    book.save(path)
    again = openpyxl.load_workbook(path).active
    assert [again.cell(r, 1).data_type for r in range(1, len(DANGEROUS) + 1)] == (
        ["s"] * len(DANGEROUS)
    )
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    assert [r[0] for r in rows] == ["'" + t for t in DANGEROUS]


@given(st.text())
def test_never_starts_like_a_formula(text: str) -> None:
    safe = excel_text(text)
    assert not safe.startswith(FORMULA_STARTS)
    assert safe.removeprefix("'") == text or safe == text


def test_as_text_keeps_the_text_exact_and_never_a_formula(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    for row, text in enumerate([*DANGEROUS, "Trafikkontroll"], start=1):
        as_text(sheet.cell(row, 1, text))
    path = tmp_path / "underlag.xlsx"
    book.save(path)
    again = openpyxl.load_workbook(path).active
    cells = [again.cell(r, 1) for r in range(1, len(DANGEROUS) + 2)]
    assert [c.value for c in cells] == [*DANGEROUS, "Trafikkontroll"]
    assert {c.data_type for c in cells} == {"s"}
    assert [c.quotePrefix for c in cells] == [True] * len(DANGEROUS) + [False]
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    assert [r[0] for r in rows] == [*DANGEROUS, "Trafikkontroll"]
