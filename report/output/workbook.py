"""The underlag workbook: every table of the report as Excel sheets, ready to paste into
the implementation plan. The sheets are the tables of `report/output/tables.py` that have a
`sheet`, in their order. Aggregated numbers only – no free text, no suppressed survey values.

Every cell passes the guard against formula injection (`safe_cells.as_text`): text that
Excel would take for a formula is stored as text, exactly as written.

The same model gives the same bytes: the workbook's dates and the time of every member of
its zip archive are the report date, never the clock.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from _typeshed import SizedBuffer

from report.model.report import ReportModel
from report.output.safe_cells import as_text, is_formula_like
from report.output.table_types import DataTable
from report.output.tables import report_tables

DateTime = tuple[int, int, int, int, int, int]
ZIP_EPOCH = dt.datetime(1980, 1, 1)  # the zip format holds no earlier time


def sheets(model: ReportModel) -> tuple[DataTable, ...]:
    """The workbook's content as plain data (pure, tested without Excel)."""
    return tuple(table for table in report_tables(model) if table.sheet)


def workbook_bytes(model: ReportModel) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.worksheets[0])
    stamp = dt.datetime.combine(model.report_date, dt.time())
    book.properties.created = book.properties.modified = stamp
    book.properties.creator = "medborgarlofte-rapport"
    book.properties.title = f"Underlag: {model.promise.title} {model.year}"
    bold = Font(bold=True)
    for table in sheets(model):
        _write_sheet(book.create_sheet(table.sheet), table, bold)
    return _saved(book, stamp)


def _write_sheet(ws: Any, table: DataTable, bold: Any) -> None:
    from openpyxl.utils import get_column_letter

    for index, column in enumerate(table.columns, start=1):
        cell = as_text(ws.cell(row=1, column=index, value=column.title))
        cell.font = bold
        ws.column_dimensions[get_column_letter(index)].width = column.width
    for row_number, row in enumerate(table.rows, start=2):
        for index, (column, value) in enumerate(zip(table.columns, row, strict=True), start=1):
            cell = ws.cell(row=row_number, column=index, value=value)
            if is_formula_like(value):
                as_text(cell)  # text, never a formula (formula injection)
            elif column.number_format and value is not None:
                cell.number_format = column.number_format
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions


def _saved(book: Any, stamp: dt.datetime) -> bytes:
    """The workbook as .xlsx bytes, with `stamp` as its modification time and as the time of
    every zip member. (openpyxl's `save` stamps the clock into both.)"""
    from openpyxl.writer.excel import ExcelWriter

    buffer = io.BytesIO()
    with _StampedZip(buffer, max(stamp, ZIP_EPOCH).timetuple()[:6]) as archive:
        ExcelWriter(book, archive).save()
    return buffer.getvalue()


class _StampedZip(zipfile.ZipFile):
    """A zip archive being written whose members all carry one time: from ZipFile a member
    written by name gets the time of the clock, and one copied from a file (openpyxl writes
    each worksheet to a temporary file) the file's time."""

    def __init__(self, file: io.BytesIO, date_time: DateTime) -> None:
        super().__init__(file, "w", zipfile.ZIP_DEFLATED)
        self._date_time = date_time

    def writestr(
        self,
        zinfo_or_arcname: str | zipfile.ZipInfo,
        data: SizedBuffer | str,
        compress_type: int | None = None,
        compresslevel: int | None = None,
    ) -> None:
        if not isinstance(zinfo_or_arcname, zipfile.ZipInfo):
            zinfo_or_arcname = self._member(zinfo_or_arcname)
        super().writestr(zinfo_or_arcname, data, compress_type, compresslevel)

    def write(
        self,
        filename: str | os.PathLike[str],
        arcname: str | os.PathLike[str] | None = None,
        compress_type: int | None = None,
        compresslevel: int | None = None,
    ) -> None:
        name = (
            os.fspath(arcname)
            if arcname is not None
            else zipfile.ZipInfo.from_file(filename).filename
        )
        data = Path(filename).read_bytes()
        self.writestr(self._member(name), data, compress_type, compresslevel)

    def _member(self, name: str) -> zipfile.ZipInfo:
        """What ZipFile.writestr makes of a name, with the fixed time."""
        info = zipfile.ZipInfo(name, self._date_time)
        info.compress_type = self.compression
        info.external_attr = 0o600 << 16
        return info
