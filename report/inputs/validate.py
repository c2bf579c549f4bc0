"""From raw sheets to typed, validated tables: the orchestration over the kinds of input.

Finds each sheet's header row and so its kind (report/inputs/kinds/registry.py), lets the
kind parse the sheet, scans every sheet for personal identity numbers, and collects every
problem before raising, so the analyst sees them all at once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace

import pandas as pd

from report.errors import Code, InputError, Problem
from report.inputs.dataset import Dataset, SourceSheet
from report.inputs.kinds.base import Header, InputTable
from report.inputs.kinds.cells import Screen, SheetColumns, SheetInput, merged_header_problems
from report.inputs.kinds.registry import KINDS, detect_header, header_aliases, kind_named, tables
from report.inputs.kinds.screening import personal_number_warnings
from report.inputs.sheets import RawSheet, RawWorkbook
from report.inputs.workbook import gc_paused
from report.promise.types import Promise


def validate_workbooks(
    workbooks: Iterable[RawWorkbook], promise: Promise, today: dt.date
) -> Dataset:
    """Every recognised sheet of every workbook as typed frames; InputError lists all problems.

    The garbage collector rests meanwhile: the columns of a large sheet are lists of a
    million cells, and every young-generation collection would walk them (0.3 s for a
    million rows); they hold no cycles and are freed as soon as the sheet is done."""
    with gc_paused():
        return _validate_workbooks(workbooks, promise, today)


def _validate_workbooks(
    workbooks: Iterable[RawWorkbook], promise: Promise, today: dt.date
) -> Dataset:
    table = header_aliases(promise.column_aliases)
    problems: list[Problem] = []
    notes: list[str] = []
    frames: dict[str, list[pd.DataFrame]] = {t.name: [] for t in tables()}
    sources: list[SourceSheet] = []
    for book in workbooks:
        read = [_read_sheet(book, sheet, table, promise, today) for sheet in book.sheets]
        for sheet in read:
            problems += sheet.problems
            notes += sheet.notes
            if sheet.parsed is not None:
                frames[sheet.parsed.table].append(sheet.parsed.frame)
                sources.append(sheet.parsed.source)
        if not any(sheet.recognised for sheet in read):
            message = _unrecognised_message(book)
            problems.append(Problem(book.file, message, code=Code.FILE_NOT_RECOGNISED))
    typed = {t.name: _concat(frames[t.name], t) for t in tables()}
    for t in tables():
        problems.extend(t.check(typed[t.name]))
    if problems:
        raise InputError(problems)
    finished = {t.name: t.finish(typed[t.name]) for t in tables()}
    # Each table into the Dataset's field of its name.
    dataset = Dataset(finished.pop("activities"), finished.pop("survey"), (), ())
    return replace(dataset, sources=tuple(sources), notes=tuple(notes), **finished)


@dataclass(frozen=True)
class SheetRead:
    """What validation makes of one sheet."""

    recognised: bool  # a header of a kind was found (complete or not)
    parsed: TableRows | None = None  # the rows, when the header was complete
    notes: tuple[str, ...] = ()
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True)
class TableRows:
    table: str  # the name of the table they belong in
    frame: pd.DataFrame
    source: SourceSheet


def _read_sheet(
    book: RawWorkbook, sheet: RawSheet, table: dict[str, str], promise: Promise, today: dt.date
) -> SheetRead:
    """One sheet: its header (and so its kind), the scan for personal identity numbers, and
    the kind's parse of its rows."""
    columns = SheetColumns(sheet)
    header = detect_header(sheet, table, today) if sheet.visible else None
    if isinstance(header, Header):
        columns.parsed = kind_named(header.kind).distinct_columns(header)
    warnings = tuple(personal_number_warnings(sheet, columns))
    if not sheet.visible:
        return SheetRead(
            False, None, (*warnings, f"{book.file}: bladet ”{sheet.name}” är dolt och lästes inte.")
        )
    if header is None:
        unread = (
            f"{book.file}: bladet ”{sheet.name}” har inga kända kolumnrubriker och lästes inte."
        )
        return SheetRead(False, None, (*warnings, unread) if _has_content(sheet) else warnings)
    if isinstance(header, list):
        header_row = (header[0].row or 1) - 1
        merged = merged_header_problems(sheet, header_row, None)
        return SheetRead(True, None, warnings, (*merged, *header))
    kind = kind_named(header.kind)
    screen = Screen.of(sheet, header)
    parsed = kind.parse(SheetInput(sheet, header, promise, today, screen, columns))
    rows = TableRows(kind.table.name, parsed.frame, parsed.source)
    return SheetRead(True, rows, (*warnings, *parsed.notes), (*screen.problems, *parsed.problems))


def _has_content(sheet: RawSheet) -> bool:
    return any(any(str(c).strip() for c in row) for row in sheet.rows)


def _unrecognised_message(book: RawWorkbook) -> str:
    if not any(_has_content(sheet) for sheet in book.sheets):
        return (
            "Arbetsboken är tom: inget blad har något innehåll. Kontrollera att exporten "
            "blev rätt och exportera på nytt, eller ta bort filen ur inputs/."
        )
    if not any(_has_content(sheet) for sheet in book.sheets if sheet.visible):
        hidden = ", ".join(f"”{s.name}”" for s in book.sheets if not s.visible)
        return (
            f"Arbetsboken har bara dolda blad med innehåll ({hidden}), och dolda blad läses "
            "inte. Om bladet ska med: högerklicka på en bladflik i Excel, välj Ta fram och "
            "spara."
        )
    first = next(
        (
            row
            for sheet in book.sheets
            if sheet.visible
            for row in sheet.rows
            if any(str(c).strip() for c in row)
        ),
        [],
    )
    seen = ", ".join(f"”{c}”" for c in first if str(c).strip())[:200] or "inga värden"
    return (
        f"Filen känns inte igen. Första raden med innehåll har: {seen}. {_what_is_recognised()} "
        "Lägg filen utanför inputs/ om den inte hör till rapporten."
    )


def _what_is_recognised() -> str:
    """'En aktivitetslogg behöver kolumnerna Datum, Aktivitet; enkätdata behöver År, …'"""
    named = [kind for kind in KINDS if kind.noun]
    parts = [
        f"{kind.noun} behöver {'kolumnerna ' if i == 0 else ''}"
        + ", ".join(c.title for c in kind.columns if c.key in kind.required)
        for i, kind in enumerate(named)
    ]
    text = "; ".join(parts) + "."
    return text[0].upper() + text[1:]


def _concat(frames: list[pd.DataFrame], table: InputTable) -> pd.DataFrame:
    frames = [f for f in frames if not f.empty]
    if not frames:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in table.columns})
    if len(frames) == 1:  # what concat would give, without copying a million rows
        return frames[0].reset_index(drop=True)
    return pd.concat(frames, ignore_index=True)
