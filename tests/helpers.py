"""Test helpers: build input workbooks and folders in code (no binary fixtures)."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import openpyxl

PROJECT = Path(__file__).resolve().parent.parent
PROMISE = PROJECT / "inputs" / "medborgarlofte.toml"
EXAMPLE = PROJECT / "example"
REPORT_DATE = dt.date(2026, 11, 25)

ACTIVITY_HEADER = ("Datum", "Aktivitet", "Antal", "Ansvarig", "Plats", "Kommentar")
SURVEY_HEADER = ("År", "Undersökning", "Årskurs", "Kön", "Indikator", "Andel", "Antal svarande",
                 "Område")


def write_workbook(path: Path, sheets: dict[str, Sequence[Sequence[Any]]],
                   hidden: Iterable[str] = ()) -> Path:
    """An .xlsx with the given rows per sheet (first sheet first)."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
        if name in hidden:
            sheet.sheet_state = "hidden"
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def activity_rows(*rows: Sequence[Any], header: Sequence[str] = ACTIVITY_HEADER
                  ) -> list[Sequence[Any]]:
    return [header, *rows]


def inputs_folder(root: Path, promise_text: str | None = None) -> Path:
    """A fresh inputs folder holding the shipped promise file (or the given text)."""
    folder = root / "inputs"
    folder.mkdir(parents=True, exist_ok=True)
    if promise_text is None:
        shutil.copy(PROMISE, folder / "medborgarlofte.toml")
    else:
        (folder / "medborgarlofte.toml").write_text(promise_text, encoding="utf-8")
    return folder
