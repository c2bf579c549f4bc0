"""The numbers behind the report, as files to embed in the PDF (PDF/A-3 associated files).

Pure: model in, (name, bytes, description) out. The CSV files are the tables of
`tables.py` that have a `file`, written in their order; the promise file is attached last,
as it was read, so the targets and thresholds travel with the numbers.

CSV: UTF-8, comma separated, CRLF line ends (RFC 4180), decimal point, empty cell for "no
value". Every cell passes the guard against formula injection (`safe_cells.excel_text`):
text that a spreadsheet program would run as a formula gets a leading apostrophe.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from report.inputs.folder import PROMISE_FILE
from report.model.report import ReportModel
from report.output.safe_cells import excel_text
from report.output.table_types import Cell, DataTable
from report.output.tables import report_tables


class EmbeddedFile(NamedTuple):
    name: str
    data: bytes
    description: str


def cell(value: Cell) -> str:
    """One CSV cell: '' for None, ja/nej for booleans, floats rounded to 6 decimals without
    trailing zeros (so 12.5, not 12.500000 or 12.499999999), formula-like text escaped."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, float):
        text = f"{round(value, 6):.6f}".rstrip("0").rstrip(".")
        return "0" if text == "-0" else text
    return str(excel_text(value))


def to_csv(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([cell(v) for v in header])
    for row in rows:
        writer.writerow([cell(v) for v in row])
    return buffer.getvalue().encode("utf-8")


def table_csv(table: DataTable) -> bytes:
    return to_csv(table.keys, table.rows)


def report_attachments(model: ReportModel) -> tuple[EmbeddedFile, ...]:
    """Every file to embed, in a fixed order."""
    files = [
        EmbeddedFile(table.file, table_csv(table), table.description)
        for table in report_tables(model)
        if table.file
    ]
    files.append(
        EmbeddedFile(
            PROMISE_FILE,
            model.promise.source_text.encode("utf-8"),
            "Löftesfilen som användes: parter, fokusområden, aktiviteter, mål och "
            "bedömningsgränser.",
        )
    )
    return tuple(files)
