"""What every kind of input is made of: its columns, its header row, its table, its template.

A kind (see report/inputs/kinds/registry.py) declares its columns with their accepted names,
how its header row is recognised and completed, the parser that turns one sheet into rows of
a typed table, and its Excel template (template.py). `find_header` tries every kind on the
first rows of a sheet.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from report.errors import Code, Problem
from report.inputs.checks import same_meaning_problems
from report.inputs.dataset import SourceSheet
from report.inputs.kinds.template import Template, TemplateColumn
from report.inputs.sheets import RawSheet
from report.vocabulary import closest, normalize_label

HEADER_SEARCH_ROWS = 11  # the header may sit below up to 10 title rows
VALUE, COUNT = "andel", "antal svarande"  # the roles of a wide survey sheet's year columns


@dataclass(frozen=True)
class Column:
    key: str
    title: str  # the name shown to the analyst
    kind: str
    required: bool
    aliases: tuple[str, ...]
    description: str
    used: bool = True  # False: read but never used (so never screened for error cells)
    template: TemplateColumn | None = None  # the column in the kind's Excel template


@dataclass(frozen=True)
class YearColumn:
    """One year column of a wide survey sheet: the share or the respondents of that year."""

    year: int
    col: int
    role: str  # VALUE or COUNT


@dataclass(frozen=True)
class Header:
    row: int  # 0-based index into the sheet's rows
    kind: str
    columns: dict[str, int]
    years: tuple[YearColumn, ...] = ()
    vocabulary: tuple[Column, ...] = ()  # the kind's columns

    def title(self, key: str) -> str:
        return next(c.title for c in self.vocabulary if c.key == key)


# A header row as a kind sees it: (score, column key -> column, year columns).
Candidate = tuple[int, dict[str, int], list[tuple[int, int, str | None]]]


@dataclass(frozen=True)
class Parsed:
    """What a kind's parser makes of one sheet: its typed rows, what the sheet contributed,
    notes for the analyst and the problems, in the order a reader of the sheet meets them."""

    frame: pd.DataFrame
    source: SourceSheet
    notes: tuple[str, ...] = ()
    problems: tuple[Problem, ...] = ()


# The sheet parser of a kind, called with a cells.SheetInput.
SheetParse = Callable[..., Parsed]


def no_problems(frame: pd.DataFrame) -> list[Problem]:
    return []


def unchanged(frame: pd.DataFrame) -> pd.DataFrame:
    return frame


@dataclass(frozen=True)
class InputTable:
    """A typed table that one or more kinds fill: its columns, a check across all its sheets
    (run before any problem is raised) and a last step once every problem is known to be
    absent."""

    name: str
    columns: tuple[str, ...]
    check: Callable[[pd.DataFrame], list[Problem]] = no_problems
    finish: Callable[[pd.DataFrame], pd.DataFrame] = unchanged


def keyed_candidate(
    keys: Iterable[str],
) -> Callable[[RawSheet, int, dict[str, int], Mapping[str, str]], Candidate | None]:
    """A header row scores one point per column of `keys` it names."""
    wanted = frozenset(keys)

    def candidate(
        sheet: RawSheet, index: int, found: dict[str, int], table: Mapping[str, str]
    ) -> Candidate | None:
        score = len(wanted & found.keys())
        if not score:
            return None
        return score, {k: v for k, v in found.items() if k in wanted}, []

    return candidate


def header_as_found(
    sheet: RawSheet,
    header: Header,
    years: list[tuple[int, int, str | None]],
    table: Mapping[str, str],
    today: dt.date | None,
) -> Header | list[Problem]:
    return header


def no_distinct_columns(header: Header) -> set[int]:
    return set()


@dataclass(frozen=True)
class Kind:
    """One kind of input. `candidate` scores a row as this kind's header row; `complete`
    turns the best row into a Header (or the problems with it); `parse` reads the sheet."""

    name: str
    columns: tuple[Column, ...]  # the vocabulary: every column, with its accepted names
    required: tuple[str, ...]  # keys of the columns the header row must have
    table: InputTable
    candidate: Callable[[RawSheet, int, dict[str, int], Mapping[str, str]], Candidate | None]
    parse: SheetParse
    complete: Callable[
        [RawSheet, Header, list[tuple[int, int, str | None]], Mapping[str, str], dt.date | None],
        Header | list[Problem],
    ] = header_as_found
    # Columns parsed by distinct value: the personal-number scan looks at those values too.
    distinct_columns: Callable[[Header], set[int]] = no_distinct_columns
    noun: str | None = None  # how the 'file not recognised' message names it; None: not named
    by_day: bool = False  # rows are dated by day (else by year): how `make check` shows them
    template: Template | None = None  # its Excel template (`make templates`), if it has one


def alias_table(
    columns: Iterable[Column], extra: Iterable[tuple[str, tuple[str, ...]]] = ()
) -> dict[str, str]:
    """Normalised header text -> column key, built-in aliases plus the promise file's."""
    table = {}
    for column in columns:
        for alias in (column.title, *column.aliases):
            table[normalize_label(alias)] = column.key
    for key, aliases in extra:
        for alias in aliases:
            table[normalize_label(alias)] = key
    return table


def headers_for(key: str, table: Mapping[str, str]) -> list[str]:
    return [alias for alias, k in table.items() if k == key]


def find_header(
    sheet: RawSheet, table: Mapping[str, str], kinds: Sequence[Kind], today: dt.date | None = None
) -> Header | list[Problem] | None:
    """The header row and its columns; problems if it is incomplete; None if unrecognised.

    Every kind scores each of the first rows; the best score wins (the first kind and row on
    a tie), and a score below 2 is no header at all."""
    best: tuple[int, int, Kind, dict[str, int], list[tuple[int, int, str | None]]] | None = None
    for index, row in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
        found: dict[str, int] = {}
        for col, cell in enumerate(row):
            key = table.get(normalize_label(cell)) if isinstance(cell, str) else None
            if key and key not in found:
                found[key] = col
        for kind in kinds:
            candidate = kind.candidate(sheet, index, found, table)
            if candidate and (best is None or candidate[0] > best[0]):
                best = (candidate[0], index, kind, candidate[1], candidate[2])
    if best is None or best[0] < 2:
        return None
    _, index, kind, found, years = best
    required = [c for c in kind.columns if c.key in kind.required]
    missing = [c for c in required if c.key not in found]
    if not missing:
        twice = same_meaning_problems(
            sheet.file, sheet.name, index, sheet.rows[index], dict(table), found
        )
        if twice:
            return twice
        header = Header(index, kind.name, found, vocabulary=kind.columns)
        return kind.complete(sheet, header, years, table, today)
    return _missing_column_problems(sheet, index, found, missing, table)


def _missing_column_problems(
    sheet: RawSheet,
    index: int,
    found: dict[str, int],
    missing: list[Column],
    table: Mapping[str, str],
) -> list[Problem]:
    row = sheet.rows[index]
    problems = []
    for column in missing:
        unmatched = [
            (col, cell)
            for col, cell in enumerate(row)
            if isinstance(cell, str) and cell.strip() and col not in found.values()
        ]
        guess: tuple[int, Any] | None = None
        for col, cell in unmatched:
            if closest(cell, headers_for(column.key, table), cutoff=0.7):
                guess = (col, cell)
                break
        if guess:
            message = (
                f"Kolumnen ”{column.title}” saknas. Rubriken ”{guess[1]}” liknar "
                f"”{column.title}” – rätta rubriken till ”{column.title}”."
            )
            problems.append(
                Problem(
                    sheet.file,
                    message,
                    sheet.name,
                    index + 1,
                    guess[0],
                    code=Code.COLUMN_MISSING,
                    value=column.title,
                )
            )
        else:
            names = ", ".join(f"”{a}”" for a in (column.title, *column.aliases[1:4]))
            message = (
                f"Kolumnen ”{column.title}” saknas i rubrikraden. Lägg till en kolumn "
                f"med rubriken {names}."
            )
            problems.append(
                Problem(
                    sheet.file,
                    message,
                    sheet.name,
                    index + 1,
                    code=Code.COLUMN_MISSING,
                    value=column.title,
                )
            )
    return problems
