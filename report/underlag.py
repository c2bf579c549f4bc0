"""The underlag workbook: every table of the report as Excel sheets, ready to paste into
the implementation plan. Aggregated numbers only – no row-level data, no free text, no
suppressed survey values."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .format import long_date
from .model import ReportModel
from .safe_cells import as_text, is_formula_like

WHOLE = "#,##0"  # Excel shows the grouping with the reader's locale: 1 234 in Swedish Excel
PERCENT = "0%"
PERCENT_1 = "0.0"
DATE = "yyyy-mm-dd"


@dataclass(frozen=True)
class Column:
    title: str
    width: float
    number_format: str | None = None


@dataclass(frozen=True)
class Sheet:
    name: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Any, ...], ...]


def sheets(model: ReportModel) -> tuple[Sheet, ...]:
    """The workbook's content as plain data (pure, tested without Excel)."""
    year = model.year
    signed = long_date(model.promise.signed)
    return (
        Sheet(
            "Per ansvarig part",
            (
                Column("Fokusområde", 30),
                Column("Aktivitet", 42),
                Column("Ansvarig part", 24),
                Column(f"Antal {model.year_label}", 12, WHOLE),
                Column(f"Antal sedan {signed}", 24, WHOLE),
            ),
            tuple((r.area, r.activity, r.party, r.count, r.period_count) for r in model.andt_rows),
        ),
        Sheet(
            "Aktiviteter",
            (
                Column("Fokusområde", 30),
                Column("Aktivitet", 42),
                Column("Ansvarig", 24),
                Column(f"Antal {model.year_label}", 12, WHOLE),
                Column("Mål", 10, WHOLE),
                Column("Andel av mål", 13, PERCENT),
                Column("Status", 18),
                Column("Antal sedan tecknandet", 22, WHOLE),
                Column("Mål sedan tecknandet", 20, WHOLE),
            ),
            tuple(
                (
                    a.focus_area.name,
                    a.activity.name,
                    a.activity.responsible_text,
                    a.count,
                    round(a.target, 1),
                    None if a.fulfilment is None else a.fulfilment / 100,
                    a.status.label,
                    a.period_count,
                    round(a.period_target, 1),
                )
                for a in model.activities
            ),
        ),
        Sheet(
            "Per månad",
            (
                Column("Aktivitet", 42),
                *(Column(f"{year}-{m:02d}", 9, WHOLE) for m in range(1, 13)),
                Column("Summa", 9, WHOLE),
            ),
            tuple((a.activity.name, *a.monthly, sum(a.monthly)) for a in model.activities),
        ),
        Sheet(
            "Per år",
            (
                Column("Aktivitet", 42),
                Column("År", 8),
                Column("Antal", 10, WHOLE),
                Column("Mål per år", 12, WHOLE),
            ),
            tuple(
                (a.activity.name, y, c, a.activity.yearly_target)
                for a in model.activities
                for y, c in a.yearly_counts
            ),
        ),
        Sheet(
            "Enkäter",
            (
                Column("Indikator", 24),
                Column("Andel elever som", 46),
                Column("Undersökning", 18),
                Column("Årskurs", 9),
                Column("Kön", 10),
                Column("Område", 14),
                Column("År", 8),
                Column("Andel (%)", 10, PERCENT_1),
                Column("Antal svarande", 15, WHOLE),
            ),
            tuple(
                (
                    i.indicator.id,
                    i.indicator.label,
                    s.survey,
                    s.grade,
                    s.sex,
                    s.area,
                    p.year,
                    p.value,
                    p.respondents,
                )
                for i in model.indicators
                for s in i.series
                for p in s.points
                if p.value is not None
            ),
        ),
        Sheet(
            "Exporter",
            (
                Column("Fil", 36),
                Column("Blad", 20),
                Column("Innehåll", 16),
                Column("Rader", 10, WHOLE),
                Column("Från", 12),
                Column("Till", 12),
            ),
            tuple((s.file, s.sheet, s.kind, s.rows, s.first, s.last) for s in model.sources),
        ),
        Sheet(
            "Dubbletter",
            (
                Column("Datum", 12, DATE),
                Column("Aktivitet", 42),
                Column("Antal", 8, WHOLE),
                Column("Rader", 80),
            ),
            tuple(
                (d.date, d.activity, d.count, "; ".join(f"{f}, {s}, rad {r}" for f, s, r in d.rows))
                for d in model.duplicates
            ),
        ),
    )


def _period_sheets(model: ReportModel) -> tuple[Sheet, ...]:
    """The whole period's tables (issue 12), when the report has that section."""
    from .whole_period import period_tables

    return tuple(
        Sheet(t.name, tuple(Column(title, 18) for title, _ in t.columns), t.rows)
        for t in period_tables(model)
    )


def workbook_bytes(model: ReportModel) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    stamp = dt.datetime.combine(model.report_date, dt.time())
    book.properties.created = book.properties.modified = stamp
    book.properties.creator = "medborgarlofte-rapport"
    book.properties.title = f"Underlag: {model.promise.title} {model.year}"
    for sheet in (*sheets(model), *_period_sheets(model)):
        ws = book.create_sheet(sheet.name)
        _write_rows(ws, sheet.columns, sheet.rows, Font(bold=True))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _write_rows(ws, columns: Sequence[Column], rows: Sequence[Sequence[Any]], bold) -> None:
    from openpyxl.utils import get_column_letter

    for index, column in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=index, value=column.title)
        cell.font = bold
        ws.column_dimensions[get_column_letter(index)].width = column.width
    for row_number, row in enumerate(rows, start=2):
        for index, (column, value) in enumerate(zip(columns, row, strict=True), start=1):
            cell = ws.cell(row=row_number, column=index, value=value)
            if is_formula_like(value):
                as_text(cell)  # text, never a formula (formula injection)
            elif column.number_format and value is not None:
                cell.number_format = column.number_format
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
