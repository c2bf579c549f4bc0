"""Formula injection: text written to our own workbooks never becomes a formula."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import openpyxl
import pikepdf
import pytest
from hypothesis import given
from hypothesis import strategies as st
from python_calamine import CalamineWorkbook

from report.app.pipeline import Options, Result, build_report
from report.output.attachments import cell
from report.output.safe_cells import FORMULA_STARTS, as_text, excel_text
from tests.helpers import ACTIVITY_HEADER, PROMISE, REPORT_DATE, SURVEY_HEADER, inputs_folder

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


@given(st.text())
def test_no_csv_cell_starts_like_a_formula(text: str) -> None:
    assert not cell(text).startswith(FORMULA_STARTS)
    assert cell(text).removeprefix("'") == text or cell(text) == text


def test_negative_numbers_stay_numbers_in_csv() -> None:
    assert (cell(-5), cell(-2.5)) == ("-5", "-2.5")


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


# --- end to end: every table written for a spreadsheet passes the guard ---------------------

LINK = '=HYPERLINK("http://example.invalid","klicka")'
# Text from the exports and the promise file that reaches the tables, each beginning like a
# formula: survey areas and a survey's name, export file and sheet names (also in the
# duplicates' row references), a focus area and an activity from the promise.
SURVEY_AREAS = (LINK, "-2+3", "@SUM(A1:A2)", "+46 70 123 45 67")
SURVEY_NAME = "@ELSA"
LOG_FILE = "-logg.xlsx"
LOG_SHEETS = ("\t=1+1", "\r@SUM(A1)")
SURVEY_FILE = "+enkat.xlsx"
SURVEY_SHEET = "=Data"
FOCUS_AREA = "+Trafikmiljön"
ACTIVITY = "-Trafikkontroller"
PLANTED = (*SURVEY_AREAS, SURVEY_NAME, LOG_FILE, *LOG_SHEETS, SURVEY_FILE, SURVEY_SHEET)


def write_text_workbook(path: Path, sheets: dict[str, list[list[object]]]) -> None:
    """An export whose text cells hold exactly their text, as an export tool writes them
    (openpyxl would make a text beginning with '=' a formula)."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row_number, row in enumerate(rows, start=1):
            for column, value in enumerate(row, start=1):
                cell = sheet.cell(row_number, column, value)
                if isinstance(value, str):
                    cell.data_type = "s"
    book.save(path)


def planted_promise() -> str:
    text = PROMISE.read_text(encoding="utf-8")
    for old, new in (
        ('\nnamn = "Trafikmiljön"', f'\nnamn = "{FOCUS_AREA}"'),
        ('\nnamn = "Trafikkontroller"', f'\nnamn = "{ACTIVITY}"'),
    ):
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


@pytest.fixture(scope="module")
def formula_report(tmp_path_factory: pytest.TempPathFactory) -> Result:
    root = tmp_path_factory.mktemp("formulas")
    inputs = inputs_folder(root, planted_promise())
    day = dt.date(2023, 5, 4)
    log = [*ACTIVITY_HEADER]
    write_text_workbook(
        inputs / LOG_FILE,
        {
            LOG_SHEETS[0]: [log, [day, "SSP", 1, "", LINK, "=1+1"], [day, "SSP", 1, "", LINK, ""]],
            LOG_SHEETS[1]: [log, [day, "Trafikkontroll", 2, "", "@SUM(A1)", ""]],
        },
    )
    survey = [
        [year, "ELSA", "åk 7", "Alla", "elsa-trygg", share, 99, ""]
        for year, share in ((2022, 70), (2023, 80))
    ]
    survey += [[2023, "ELSA", "åk 7", "Alla", "elsa-trygg", 60, 99, a] for a in SURVEY_AREAS]
    survey.append([2023, SURVEY_NAME, "åk 9", "Alla", "elsa-trygg", 75, 99, ""])
    write_text_workbook(inputs / SURVEY_FILE, {SURVEY_SHEET: [[*SURVEY_HEADER], *survey]})
    return build_report(Options(inputs, root / "outputs", REPORT_DATE))


def is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def test_no_attached_csv_cell_starts_like_a_formula(formula_report: Result) -> None:
    with pikepdf.open(formula_report.pdf) as document:
        files = {n: s.get_file().read_bytes() for n, s in document.attachments.items()}
    cells = [
        value
        for name, data in files.items()
        if name.endswith(".csv")
        for row in csv.reader(io.StringIO(data.decode("utf-8"), newline=""))
        for value in row
    ]
    unsafe = [c for c in cells if c.startswith(FORMULA_STARTS) and not is_number(c)]
    assert unsafe == []
    assert {"'" + text for text in (*PLANTED, FOCUS_AREA, ACTIVITY)} <= set(cells)


def test_no_workbook_cell_is_a_formula(formula_report: Result) -> None:
    book = openpyxl.load_workbook(formula_report.underlag)
    cells = [cell for sheet in book for row in sheet.iter_rows() for cell in row]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    texts = [c for c in cells if isinstance(c.value, str) and c.value.startswith(FORMULA_STARTS)]
    assert {(c.data_type, c.quotePrefix) for c in texts} == {("s", True)}
    assert {c.value for c in texts} >= {*PLANTED, FOCUS_AREA, ACTIVITY}
    (duplicate,) = list(book["Dubbletter"].iter_rows(min_row=2, values_only=True))
    assert duplicate[3].startswith(LOG_FILE)
    rows = CalamineWorkbook.from_path(str(formula_report.underlag)).get_sheet_by_name("Enkäter")
    assert LINK in {row[5] for row in rows.to_python()}
