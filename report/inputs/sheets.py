"""Raw sheets as the readers return them (cell values exactly as stored), and the sheets of
our own templates that are never data.

A leaf of the reading side: the Excel reader (load), the CSV reader (csv_input), the kinds of
input and the template writer all use these types, and this module imports none of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

ErrorCell = tuple[int, int, str]  # 0-based row, 0-based column, error text ('#DIV/0!')
MergedRange = tuple[int, int, int, int]  # 0-based first row, first col, last row, last col

# The first cell of the instructions and list sheets of our templates (xlsx_templates): the
# loader skips such sheets, so a filled template's example rows are never counted.
GUIDE_TITLE = "Instruktioner för mallen (det här bladet läses inte av rapporten)"
LISTS_TITLE = "Listor för mallens rullgardinsmenyer (läses inte av rapporten)"
TEMPLATE_SHEET_TITLES = (GUIDE_TITLE, LISTS_TITLE)


@dataclass(frozen=True)
class RawSheet:
    file: str
    name: str
    rows: list[list[Any]]
    visible: bool = True
    errors: tuple[ErrorCell, ...] = ()
    merged: tuple[MergedRange, ...] = ()


@dataclass(frozen=True)
class RawWorkbook:
    path: Path
    sheets: tuple[RawSheet, ...]

    @property
    def file(self) -> str:
        return self.path.name


def is_template_sheet(sheet: RawSheet) -> bool:
    """The instructions or list sheet of one of our templates (not data)."""
    first = sheet.rows[0][0] if sheet.rows and sheet.rows[0] else None
    return isinstance(first, str) and first.strip() in TEMPLATE_SHEET_TITLES
