"""The report's tables, one source for the workbook and the attached CSV files."""

from __future__ import annotations

import csv
import io
from dataclasses import replace

import openpyxl
import pytest

from report.output import attachments
from report.output import workbook as underlag
from report.output.attachments import cell, report_attachments
from report.output.table_types import DataColumn, DataTable
from report.output.tables import report_tables

EXCEL_SHEET_NAME_MAX = 31


@pytest.fixture(scope="module")
def tables(example_report) -> tuple[DataTable, ...]:
    return report_tables(example_report.result.model)


def test_tables_are_named_once_and_fit_their_writers(tables) -> None:
    names = [t.name for t in tables]
    sheets = [t.sheet for t in tables if t.sheet]
    files = [t.file for t in tables if t.file]
    assert len(set(names)) == len(names)
    assert len(set(sheets)) == len(sheets)
    assert len(set(files)) == len(files)
    assert all(len(sheet) <= EXCEL_SHEET_NAME_MAX for sheet in sheets)
    assert all(file.endswith(".csv") for file in files)
    for table in tables:
        assert table.sheet or table.file, table.name
        assert all(len(row) == len(table.columns) for row in table.rows), table.name


def test_the_workbook_is_the_tables_with_a_sheet(example_report, tables) -> None:
    book = openpyxl.load_workbook(example_report.result.underlag)
    with_sheet = [t for t in tables if t.sheet]
    assert book.sheetnames == [t.sheet for t in with_sheet]
    for table in with_sheet:
        rows = list(book[table.sheet].iter_rows(values_only=True))
        assert rows[0] == table.titles
        assert len(rows) - 1 == len(table.rows), table.name


def test_the_csv_attachments_are_the_tables_with_a_file(example_report, tables) -> None:
    files = report_attachments(example_report.result.model)
    with_file = [t for t in tables if t.file]
    *csv_files, promise_file = files
    assert [f.name for f in csv_files] == [t.file for t in with_file]
    assert promise_file.data == example_report.result.model.promise.source_text.encode()
    for table, file in zip(with_file, csv_files, strict=True):
        assert file.description == table.description
        rows = list(csv.reader(io.StringIO(file.data.decode("utf-8"), newline="")))
        assert rows[0] == list(table.keys)
        assert rows[1:] == [[cell(v) for v in row] for row in table.rows], table.name


def test_a_new_table_is_one_entry(example_report, monkeypatch) -> None:
    """A table added to report_tables reaches both writers, as its sheet and file say."""
    model = example_report.result.model
    extra = DataTable(
        "extra",
        (DataColumn("namn", "Namn", 20), DataColumn("antal", "Antal", 10, "#,##0")),
        (("=ett", 1), ("två", 2)),
        sheet="Extra",
        file="extra.csv",
        description="Ett prov.",
    )

    def with_extra(model):
        return (*report_tables(model), extra)

    monkeypatch.setattr(underlag, "report_tables", with_extra)
    monkeypatch.setattr(attachments, "report_tables", with_extra)
    book = openpyxl.load_workbook(io.BytesIO(underlag.workbook_bytes(model)))
    assert list(book["Extra"].iter_rows(values_only=True)) == [
        ("Namn", "Antal"),
        ("=ett", 1),
        ("två", 2),
    ]
    assert book["Extra"]["A2"].data_type == "s"
    (file,) = [f for f in attachments.report_attachments(model) if f.name == "extra.csv"]
    assert file.data == b"namn,antal\r\n'=ett,1\r\ntv\xc3\xa5,2\r\n"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"columns": (DataColumn("namn"),)}, "title"),
        ({"columns": (DataColumn(title="Namn", width=10),)}, "key"),
        ({"description": ""}, "description"),
    ],
)
def test_a_table_says_what_its_writers_need(change, message) -> None:
    table = DataTable(
        "prov",
        (DataColumn("namn", "Namn", 10),),
        (("a",),),
        sheet="Prov",
        file="prov.csv",
        description="Ett prov.",
    )
    with pytest.raises(ValueError, match=message):
        replace(table, **change)
