"""The plain table every writer takes (see tables.py): columns with a CSV key, a workbook
title, width and number format, and rows of typed values."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

Cell = str | int | float | bool | dt.date | None

# Number formats in the workbook. Excel shows the grouping with the reader's locale:
# 1 234 in Swedish Excel.
WHOLE = "#,##0"
PERCENT = "0%"
PERCENT_1 = "0.0"
DATE = "yyyy-mm-dd"


@dataclass(frozen=True)
class DataColumn:
    key: str = ""  # the header in a CSV file; needed when the table has a file
    title: str = ""  # the header in the workbook; needed when the table has a sheet
    width: float = 0  # the column's width in the workbook
    number_format: str | None = None  # the workbook's number format for its values


@dataclass(frozen=True)
class DataTable:
    name: str  # a stable id, for code and tests
    columns: tuple[DataColumn, ...]
    rows: tuple[tuple[Cell, ...], ...]
    sheet: str | None = None  # its sheet in the underlag workbook, or None
    file: str | None = None  # its CSV file attached to the PDF, or None
    description: str = ""  # the attached file's description (shown by PDF readers)

    def __post_init__(self) -> None:
        if self.sheet and not all(c.title and c.width for c in self.columns):
            raise ValueError(f"{self.name}: a table with a sheet needs every column's title")
        if self.file and not all(c.key for c in self.columns):
            raise ValueError(f"{self.name}: a table with a file needs every column's key")
        if self.file and not self.description:
            raise ValueError(f"{self.name}: an attached file needs a description")

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.columns)

    @property
    def titles(self) -> tuple[str, ...]:
        return tuple(c.title for c in self.columns)
