"""One exception family. Every message is Swedish and tells the analyst what to do."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import groupby

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


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one input, located as precisely as we can."""

    file: str
    message: str
    sheet: str | None = None
    row: int | None = None  # 1-based Excel row
    column: int | None = None  # 0-based column index
    column_name: str | None = None

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
