"""What every kind of input shares: cell converters (dates, numbers, percentages), the screen
for error cells and merged cells, problems with cell references, and the column-wise parse
machinery (a column of a million rows is parsed once per distinct value).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

import pandas as pd

from report.errors import Code, Fault, Problem, column_letter
from report.inputs.checks import FORMULA_MARK, formula_problem
from report.inputs.kinds.base import VALUE, Header
from report.inputs.sheets import RawSheet
from report.promise.types import Promise

MAX_COUNT = 1_000_000

Parse = Callable[[Any], tuple[Any, Fault | None]]


@dataclass(frozen=True)
class SheetInput:
    """One sheet as its kind's parser (Kind.parse) gets it; `screen` and `columns` are the
    sheet's. The parser returns its problems in the order a reader of the sheet meets them."""

    sheet: RawSheet
    header: Header
    promise: Promise
    today: dt.date
    screen: Screen
    columns: SheetColumns


# --- cell converters: value -> (result, what is wrong with it) ---------------------------


def parse_date(cell: Any) -> tuple[dt.date | None, Fault | None]:
    if isinstance(cell, dt.datetime):
        return cell.date(), None
    if isinstance(cell, dt.date):
        return cell, None
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        return None, Fault(Code.VALUE_MISSING, "Datum saknas. Fyll i datumet (ÅÅÅÅ-MM-DD).")
    if isinstance(cell, str):
        text = cell.strip()
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            try:
                return dt.date.fromisoformat(text), None
            except ValueError:
                return None, Fault(
                    Code.VALUE_INVALID,
                    f"”{text}” är inget giltigt datum. Kontrollera månad och dag.",
                )
        return None, (
            Fault(
                Code.VALUE_INVALID,
                f"”{text}” är inte ett datum i formen ÅÅÅÅ-MM-DD. Skriv t.ex. "
                "2023-06-14 eller formatera cellen som datum i Excel.",
            )
        )
    return None, (
        Fault(
            Code.VALUE_INVALID,
            f"Värdet {cell} är ett tal, inte ett datum. Formatera cellen som datum i "
            "Excel eller skriv ÅÅÅÅ-MM-DD.",
        )
    )


def parse_count(cell: Any) -> tuple[int | None, Fault | None]:
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        return 1, None
    value: Any = cell
    if isinstance(cell, str):
        try:
            value = float(cell.strip().replace(",", ".").replace("\u00a0", "").replace(" ", ""))
        except ValueError:
            return None, Fault(
                Code.VALUE_INVALID, f"”{cell}” är inget antal. Skriv ett heltal (0 eller större)."
            )
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return None, Fault(
            Code.VALUE_INVALID, f"”{cell}” är inget antal. Skriv ett heltal (0 eller större)."
        )
    if value < 0 or value != int(value) or value > MAX_COUNT:
        return None, (
            Fault(
                Code.VALUE_OUT_OF_RANGE,
                f"Antal {_number_text(value)} är inte tillåtet. Skriv ett heltal, 0 eller "
                "större (0 betyder att inget genomfördes den gången)"
                + (", högst 1 000 000." if value > MAX_COUNT else "."),
            )
        )
    return int(value), None


def _number_text(value: float) -> str:
    """A number as the analyst typed it in Swedish Excel: -1, 1,5."""
    if value == int(value):
        return str(int(value))
    return repr(float(value)).replace(".", ",")


def parse_percent(cell: Any) -> tuple[float | None, bool, Fault | None]:
    """(value, typed_as_text_with_percent_or_comma, error)."""
    if isinstance(cell, bool):
        return (
            None,
            False,
            Fault(
                Code.VALUE_INVALID, f"”{cell}” är ingen andel. Skriv procent, t.ex. 23 eller 23,5."
            ),
        )
    if isinstance(cell, int | float):
        if cell != cell:
            return (
                None,
                False,
                Fault(
                    Code.VALUE_MISSING,
                    "Andelen saknas eller är ett felvärde. Fyll i procent 0–100.",
                ),
            )
        return float(cell), False, None
    text = str(cell).strip().replace("\u00a0", " ")
    if not text:
        return None, False, Fault(Code.VALUE_MISSING, "Andelen saknas. Fyll i procent 0–100.")
    match = re.fullmatch(r"(-?\d+(?:[.,]\d+)?)\s*%?", text)
    if not match:
        return (
            None,
            False,
            Fault(
                Code.VALUE_INVALID, f"”{text}” är ingen andel. Skriv procent, t.ex. 23 eller 23,5."
            ),
        )
    return float(match.group(1).replace(",", ".")), True, None


# --- rows, and cells that must not be parsed ----------------------------------------


def body_rows(sheet: RawSheet, header: Header, screen: Screen) -> list[tuple[int, list[Any]]]:
    """(Excel row number, cells) for every non-empty row below the header (a row holding
    only error cells is not empty: calamine reads those as '')."""
    start = header.row + 1
    error_rows = {row for row, _ in screen.errors}
    return [
        (start + i + 1, row)
        for i, row in enumerate(sheet.rows[start:])
        if any(c is not None and c != "" for c in row) or start + i + 1 in error_rows
    ]


@dataclass(frozen=True)
class Screen:
    """Cells that must not be parsed: error cells (#DIV/0!, #REF!: calamine reads them as
    empty) and cells hidden under a merged range. Each gets exactly one problem: a merged
    range (and a merged header) in `problems`, an error cell when the parser meets it."""

    sheet: RawSheet
    problems: tuple[Problem, ...]
    errors: dict[tuple[int, int], str]  # (Excel row, 0-based column) -> '#DIV/0!'
    covered: frozenset[tuple[int, int]]
    header: Header

    @classmethod
    def of(cls, sheet: RawSheet, header: Header) -> Screen:
        used_keys = {c.key for c in header.vocabulary if c.used}
        used = {col: key for key, col in header.columns.items() if key in used_keys}
        used.update(
            (year.col, "andel" if year.role == VALUE else "antal_svarande") for year in header.years
        )
        errors = {
            (row + 1, col): text
            for row, col, text in sheet.errors
            if row >= header.row and col in used
        }
        problems = merged_header_problems(sheet, header.row, used)
        covered: set[tuple[int, int]] = set()
        for first_row, first_col, last_row, last_col in sheet.merged:
            if last_row <= header.row or (first_row == last_row and first_col == last_col):
                continue
            cols = [c for c in range(first_col, last_col + 1) if c in used]
            if first_row > header.row and cols:
                col = cols[0]
                top, bottom = a1(first_row, first_col), a1(last_row, last_col)
                problems.append(
                    Problem(
                        sheet.file,
                        f"Cellerna {top}:{bottom} är sammanfogade, så bara {top} har "
                        "ett värde och de andra cellerna blir tomma. Dela upp cellerna (Start → "
                        "Sammanfoga och centrera → Dela upp celler) och fyll i värdet i varje "
                        "cell.",
                        sheet.name,
                        first_row + 1,
                        first_col,
                        header.title(used[col]),
                        code=Code.CELLS_MERGED,
                    )
                )
            covered.update(
                (r + 1, c)
                for r in range(max(first_row, header.row + 1), last_row + 1)
                for c in range(first_col, last_col + 1)
                if (r, c) != (first_row, first_col)
            )
        return cls(sheet, tuple(problems), errors, frozenset(covered), header)

    def blocked(self, excel_row: int, col: int | None, key: str) -> tuple[bool, Problem | None]:
        """Whether a cell must not be parsed, and its problem (an error cell's: a merged
        range has its problem in `problems`)."""
        if col is None:
            return False, None
        error = self.errors.get((excel_row, col))
        if error is not None:
            return True, self.error_problem(excel_row, col, key, error)
        return (excel_row, col) in self.covered, None

    def error_problem(self, excel_row: int, col: int, key: str, error: str) -> Problem:
        if error.startswith(FORMULA_MARK):  # a formula without a computed value
            return formula_problem(
                self.sheet.file, self.sheet.name, excel_row, col, self.header.title(key), error
            )
        return Problem(
            self.sheet.file,
            f"Cellen innehåller felvärdet {error} i stället för ett värde "
            "(en formel som inte går att räkna ut). Rätta formeln eller skriv in värdet.",
            self.sheet.name,
            excel_row,
            col,
            self.header.title(key),
            code=Code.CELL_ERROR,
            value=error,
        )

    def blocked_in_column(self, col: int | None, numbers: Any) -> dict[int, str | None]:
        """Index into `numbers` (ascending Excel rows) -> the error text of an error cell,
        or None for a cell under a merged range: the cells of column `col` that must not be
        parsed."""
        if col is None or not (self.errors or self.covered):
            return {}
        rows: dict[int, str | None] = {
            row: text for (row, c), text in self.errors.items() if c == col
        }
        rows.update(
            (row, None) for row, c in self.covered if c == col and (row, col) not in self.errors
        )
        if not rows:
            return {}
        import numpy as np

        numbers = np.asarray(numbers)
        wanted = sorted(rows)
        where = np.searchsorted(numbers, wanted).tolist()
        return {
            i: rows[row]
            for row, i in zip(wanted, where, strict=True)
            if i < len(numbers) and numbers[i] == row
        }


def merged_header_problems(
    sheet: RawSheet, header_row: int, used: dict[int, str] | None
) -> list[Problem]:
    """Merged cells in the header row: each column needs a header of its own."""
    problems = []
    for first_row, first_col, last_row, last_col in sheet.merged:
        if not first_row <= header_row <= last_row:
            continue
        if used is not None and not any(c in used for c in range(first_col, last_col + 1)):
            continue
        top, bottom = a1(first_row, first_col), a1(last_row, last_col)
        problems.append(
            Problem(
                sheet.file,
                f"Rubrikcellerna {top}:{bottom} är sammanfogade. Varje kolumn behöver "
                "en egen rubrik i en egen cell på rubrikraden: dela upp cellerna (Start → "
                "Sammanfoga och centrera → Dela upp celler) och skriv en rubrik i varje kolumn.",
                sheet.name,
                first_row + 1,
                first_col,
                code=Code.HEADER_MERGED,
            )
        )
    return problems


def a1(row: int, col: int) -> str:
    return f"{column_letter(col)}{row + 1}"


def cell_at(row: list[Any], col: int | None) -> Any:
    if col is None or col >= len(row):
        return ""
    return row[col]


class SheetColumns:
    """The columns of one sheet, each gathered once (a column of a million-row sheet takes
    50 ms to gather, and as long to hash): the personal-number scan reads every column,
    validation then the ones it uses. Columns are kept while they hold at most KEEP_CELLS
    cells in all; the distinct values of the columns in `parsed` are kept too."""

    KEEP_CELLS = 20_000_000

    def __init__(self, sheet: RawSheet) -> None:
        self.rows = sheet.rows
        lengths = set(map(len, self.rows))
        self.width, self.shortest = max(lengths, default=0), min(lengths, default=0)
        self.parsed: set[int] = set()  # columns validation parses by distinct value
        self.kept: dict[int | None, list[Any]] = {}
        self.distincts: dict[int | None, tuple[list[Any], Any]] = {}

    def get(self, col: int | None) -> list[Any]:
        """Column `col` of every row ('' where a row is too short, or for no column)."""
        if col in self.kept:
            return self.kept[col]
        cells = _column_cells(self.rows, col, self.shortest)
        if (len(self.kept) + 1) * len(self.rows) <= self.KEEP_CELLS:
            self.kept[col] = cells
        return cells

    def distinct(self, col: int | None) -> tuple[list[Any], Any]:
        """distinct_cells() of column `col` (TypeError if a cell is unhashable)."""
        if col not in self.distincts:
            whole = col is not None and col < self.shortest and col not in self.kept
            cells = _ColumnView(self.rows, col) if col is not None and whole else self.get(col)
            self.distincts[col] = distinct_cells(cells)
        return self.distincts[col]


class _ColumnView(Sequence[Any]):
    """Column `col` of rows that all reach it, without gathering it into a list first."""

    def __init__(self, rows: list[list[Any]], col: int) -> None:
        self.rows, self.col = rows, col

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[Any]:
        return map(itemgetter(self.col), self.rows)

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return [row[self.col] for row in self.rows[index]]
        return self.rows[index][self.col]


def distinct_cells(cells: Sequence[Any]) -> tuple[list[Any], Any]:
    """The distinct values of `cells` in order of first occurrence, and for every cell the
    index of its value among them (a numpy array): one C-speed dictionary pass. Values are
    keyed by type as well when the cells mix number types, so 1, 1.0 and True stay apart
    (they read differently); an equal value of the same type takes the first one's place.
    TypeError if a cell is unhashable."""
    keys, (codes, first) = cells, _codes(cells)
    if any(isinstance(value, int | float) for value in first):
        numbers = [kind for kind in set(map(type, cells)) if issubclass(kind, int | float)]
        if len(numbers) > 1:
            keys = list(zip(map(type, cells), cells, strict=True))
            codes, first = _codes(keys)
    return ([key[1] for key in first] if keys is not cells else list(first)), codes


def _codes(keys: Sequence[Any]) -> tuple[Any, dict[Any, int]]:
    """Per key, the number of distinct keys before its first occurrence; and those keys.
    A missing key gets the dictionary's length as its code (default_factory), so the
    whole pass runs in C."""
    import numpy as np

    code: defaultdict[Any, int] = defaultdict()
    code.default_factory = code.__len__
    return np.fromiter(map(code.__getitem__, keys), dtype=np.intp, count=len(keys)), code


@dataclass
class ParsedColumn:
    """A column parsed once per distinct value: values[codes] is the column."""

    cells: list[Any]  # the distinct cell values, in order of first occurrence
    values: list[Any]  # the parsed value of each
    errors: dict[int, Fault]  # index into values -> what is wrong with that cell value
    codes: Any  # numpy array: per cell, an index into values

    def errors_at(self) -> list[tuple[int, Fault, Any]]:
        """(cell index, fault, cell value) of every cell whose value has a problem, in order."""
        if not self.errors:
            return []
        import numpy as np

        bad = np.flatnonzero(np.isin(self.codes, list(self.errors))).tolist()
        codes = self.codes[bad].tolist()
        return [(i, self.errors[c], self.cells[c]) for i, c in zip(bad, codes, strict=True)]

    def to_list(self) -> list[Any]:
        return [self.values[i] for i in self.codes.tolist()]

    def series(self, convert: Callable[[pd.Series], pd.Series] | None = None) -> pd.Series:
        """The column as pandas would type it from the list of its values: the type is
        inferred from the distinct values that occur, then spread by index (no per-cell
        inference). `convert` (pd.to_datetime, say) is applied to the distinct values."""
        import numpy as np

        counts = np.bincount(self.codes, minlength=len(self.values))
        present = np.flatnonzero(counts)
        codes = self.codes
        if len(present) < len(self.values):
            renumber = np.full(len(self.values), -1, dtype=np.intp)
            renumber[present] = np.arange(len(present))
            codes = renumber[codes]
        values = pd.Series(
            [self.values[i] for i in present], dtype=None if len(present) else object
        )
        if convert:
            values = convert(values)
        return values.take(codes).reset_index(drop=True)


def parse_column(cells: Sequence[Any], parse: Parse) -> ParsedColumn:
    """parse() of every cell, computed once per distinct value (a million-row log holds a
    few thousand distinct dates and a handful of activity names); see distinct_cells."""
    import numpy as np

    try:
        distinct, codes = distinct_cells(cells)
    except TypeError:  # an unhashable cell: every cell is a value of its own
        distinct, codes = list(cells), np.arange(len(cells), dtype=np.intp)
    return parse_distinct(distinct, codes, parse)


def parse_distinct(distinct: list[Any], codes: Any, parse: Parse) -> ParsedColumn:
    values: list[Any] = []
    errors: dict[int, Fault] = {}
    for index, cell in enumerate(distinct):
        value, error = parse(cell)
        values.append(value)
        if error:
            errors[index] = error
    return ParsedColumn(distinct, values, errors, codes)


def _column_cells(rows: list[list[Any]], col: int | None, shortest: int) -> list[Any]:
    """One column of `rows` ('' where a row is too short, or for a missing column)."""
    if col is None:
        return [""] * len(rows)
    if col < shortest:
        return list(map(itemgetter(col), rows))
    return [cell_at(row, col) for row in rows]


def is_empty(cell: Any) -> bool:
    return cell is None or cell == ""
