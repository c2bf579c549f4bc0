"""One exception family. Every message is Swedish and tells the analyst what to do."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import groupby
from typing import Any, NamedTuple

# Documented exit codes (README: "Felkoder").
EXIT_OK = 0
EXIT_INPUT = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130  # Ctrl-C: the shell's convention (128 + SIGINT)

MAX_PROBLEMS_PER_FILE = 25


def column_letter(index: int) -> str:
    """0-based column index -> Excel letters (0 -> A, 26 -> AA)."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


class Code(StrEnum):
    """What is wrong, whatever the message says: code that tells problems apart (the command
    line, the tests) looks at the code and the value, never at the wording."""

    # Files and folders
    FOLDER_MISSING = "folder-missing"
    FOLDER_WITHOUT_EXPORTS = "folder-without-exports"
    FILE_UNREADABLE = "file-unreadable"  # locked, no permission, the system refused
    FILE_NOT_SPREADSHEET = "file-not-spreadsheet"  # another kind of file, or misnamed
    FILE_ENCRYPTED = "file-encrypted"
    FILE_CORRUPT = "file-corrupt"
    FILE_TOO_LARGE = "file-too-large"  # unpacks too large, too many parts, a sheet too far
    FILE_UNSAFE = "file-unsafe"  # a DOCTYPE or ENTITY declaration
    FILE_NOT_RECOGNISED = "file-not-recognised"  # no sheet with a header the report knows
    TEXT_ENCODING = "text-encoding"  # a text file that cannot be decoded
    # Header rows
    COLUMN_MISSING = "column-missing"
    COLUMN_TWICE = "column-twice"  # two columns that mean the same thing
    HEADER_MERGED = "header-merged"
    HEADER_ONLY_COUNTS = "header-only-counts"  # respondents without the values they belong to
    # Cells
    CELL_ERROR = "cell-error"  # #DIV/0!, #REF!
    CELL_FORMULA = "cell-formula"  # a formula without a computed value
    CELLS_MERGED = "cells-merged"
    VALUE_MISSING = "value-missing"
    VALUE_INVALID = "value-invalid"  # not a date, a number, a share ...
    VALUE_OUT_OF_RANGE = "value-out-of-range"
    VALUES_CONFLICT = "values-conflict"  # one figure given twice with two values
    DATE_AFTER_REPORT = "date-after-report"  # value: the date
    DATE_TOO_EARLY = "date-too-early"
    YEAR_OUT_OF_RANGE = "year-out-of-range"  # a survey's year; value: as written
    PERIOD_OUT_OF_RANGE = "period-out-of-range"  # a statistics table's year or month
    ACTIVITY_UNKNOWN = "activity-unknown"
    PARTY_UNKNOWN = "party-unknown"
    INDICATOR_AMBIGUOUS = "indicator-ambiguous"
    SHEET_WITHOUT_ROWS = "sheet-without-rows"
    # The promise file
    PROMISE_UNREADABLE = "promise-unreadable"
    PROMISE_SYNTAX = "promise-syntax"
    SECTION_UNKNOWN = "section-unknown"
    SECTION_MISSING = "section-missing"
    SECTION_SHAPE = "section-shape"  # a table written as an array, or the other way round
    FIELD_UNKNOWN = "field-unknown"
    FIELD_MISSING = "field-missing"
    FIELD_INVALID = "field-invalid"  # wrong type, format or range; value: as written
    FIELDS_CONFLICT = "fields-conflict"  # fields that do not go together
    ID_TWICE = "id-twice"
    NAME_TWICE = "name-twice"  # an activity name or a column alias given to two
    REFERENCE_UNKNOWN = "reference-unknown"  # a focus area that does not exist
    FOCUS_AREA_UNUSED = "focus-area-unused"
    TOO_FEW = "too-few"  # parties or activities
    PROMISE_ID_TWICE = "promise-id-twice"  # two promise folders with one id
    YEAR_OUTSIDE_PROMISE = "year-outside-promise"
    # The commentary file
    HEADING_UNKNOWN = "heading-unknown"
    HEADING_TWICE = "heading-twice"
    TEXT_BEFORE_HEADING = "text-before-heading"


class Fault(NamedTuple):
    """What a parser of one value says is wrong with it: a code, the message and, when the
    offending value is not the cell as written (a date read from it), that value."""

    code: Code
    message: str
    value: Any = None

    def at(
        self,
        cell: Any,
        file: str,
        sheet: str | None,
        row: int | None,
        column: int | None,
        column_name: str | None,
    ) -> Problem:
        """The problem of this fault in `cell`, at its place in a file."""
        value = cell if self.value is None else self.value
        return Problem(
            file, self.message, sheet, row, column, column_name, code=self.code, value=value
        )


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one input, located as precisely as we can: its code, and the
    offending value where there is one."""

    file: str
    message: str
    sheet: str | None = None
    row: int | None = None  # 1-based Excel row
    column: int | None = None  # 0-based column index
    column_name: str | None = None
    code: Code = field(kw_only=True)
    value: Any = field(default=None, kw_only=True)

    @property
    def cell(self) -> str | None:
        if self.row is not None and self.column is not None:
            return f"{column_letter(self.column)}{self.row}"
        return None

    def location(self) -> str:
        parts = []
        if self.cell:
            parts.append(f"cell {self.cell}")
        elif self.row is not None:
            parts.append(f"rad {self.row}")
        elif self.column is not None:
            parts.append(f"kolumn {column_letter(self.column)}")
        if self.column_name:
            parts.append(f"kolumn ”{self.column_name}”")
        return ", ".join(parts)


def format_problems(problems: Iterable[Problem], limit: int = MAX_PROBLEMS_PER_FILE) -> str:
    """All problems, grouped by file and sheet, at most `limit` per file."""
    lines: list[str] = []
    for file, group in groupby(problems, key=lambda p: p.file):
        in_file = list(group)
        lines.append(f"Fil: {file}")
        shown = in_file[:limit]
        for sheet, in_sheet in groupby(shown, key=lambda p: p.sheet):
            indent = "  "
            if sheet is not None:
                lines.append(f"  Blad: {sheet}")
                indent = "    "
            for problem in in_sheet:
                where = problem.location()
                prefix = f"{where}: " if where else ""
                lines.append(f"{indent}- {prefix}{problem.message}")
        if len(in_file) > limit:
            lines.append(
                f"  … och {len(in_file) - limit} fel till i samma fil (samma slag av fel "
                "brukar ha samma orsak: rätta de första och kör igen)."
            )
    return "\n".join(lines)


class ReportError(Exception):
    """Base of all errors the analyst can act on."""

    exit_code = EXIT_INPUT


class InputError(ReportError):
    """One or more problems in the files in inputs/."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = tuple(problems)
        super().__init__(self.describe())

    def describe(self) -> str:
        count = len(self.problems)
        head = f"Rapporten kunde inte byggas: {count} problem i indata."
        tail = (
            "Rätta filerna ovan och kör `make report` igen. "
            "Ingen ny PDF skrevs; en tidigare rapport ligger kvar orörd."
        )
        return f"{head}\n\n{format_problems(self.problems)}\n\n{tail}"


class UsageError(ReportError):
    """Wrong command-line use."""

    exit_code = EXIT_USAGE


class RenderError(ReportError):
    """The PDF could not be produced from a valid model."""

    exit_code = EXIT_INTERNAL
