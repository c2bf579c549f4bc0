"""`make templates` without losing work: a template the analyst has filled in or edited is
never overwritten; the new one is written beside it (`kommentarer-ny.md`) and the command
says so."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from report.output.commentary import COMMENTARY_FILE, starter_text
from report.output.excel_templates import (
    ACTIVITY_TEMPLATE,
    EVENTS_TEMPLATE,
    STATISTICS_TEMPLATE,
    SURVEY_TEMPLATE,
    activity_template,
    events_template,
    statistics_template,
    survey_template,
)
from report.promise.types import Promise


@dataclass(frozen=True)
class Written:
    path: Path
    kept: Path | None = None  # the analyst's own file, left as it was


def beside(path: Path) -> Path:
    """kommentarer.md -> kommentarer-ny.md"""
    return path.with_name(f"{path.stem}-ny{path.suffix}")


def is_edited(path: Path, fresh: bytes) -> bool:
    """Whether the file at `path` holds something the analyst wrote: a commentary file
    that differs from the starter, a workbook with rows filled in (or one we cannot read
    as our template)."""
    if not path.exists():
        return False
    if not path.is_file():
        return True
    if path.suffix == ".md":
        return path.read_bytes() != fresh
    try:
        import openpyxl

        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        try:
            sheet = book.worksheets[0]
            for row in sheet.iter_rows(min_row=2, values_only=True):
                if any(cell not in (None, "") for cell in row):
                    return True
        finally:
            book.close()
    except (OSError, zipfile.BadZipFile, KeyError, ValueError, IndexError, TypeError):
        return True
    return False


def write_templates_safely(promise: Promise, folder: Path) -> tuple[Written, ...]:
    from report.output.files import write_atomically

    outputs = (
        (folder / ACTIVITY_TEMPLATE, activity_template(promise)),
        (folder / SURVEY_TEMPLATE, survey_template(promise)),
        (folder / EVENTS_TEMPLATE, events_template(promise)),
        (folder / STATISTICS_TEMPLATE, statistics_template(promise)),
        (folder / COMMENTARY_FILE, starter_text(promise).encode("utf-8")),
    )
    written = []
    for path, data in outputs:
        if is_edited(path, data):
            write_atomically(beside(path), data)
            written.append(Written(beside(path), kept=path))
        else:
            write_atomically(path, data)
            written.append(Written(path))
    return tuple(written)
