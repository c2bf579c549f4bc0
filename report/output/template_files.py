"""The analyst's templates (`make templates`): which are written, in one list, and writing
them without losing work: a template the analyst has filled in or edited is never
overwritten; the new one is written beside it (`kommentarer-ny.md`) and the command says so.

The templates are the Excel template of every kind of input that has one, in the order of
the registry (report/inputs/kinds/registry.py), and the commentary starter.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from report.inputs.kinds.registry import KINDS
from report.output.commentary import COMMENTARY_FILE, starter_text
from report.output.excel_templates import template_bytes
from report.output.files import OutputFolder
from report.promise.types import Promise


def analyst_templates(promise: Promise) -> tuple[tuple[str, bytes], ...]:
    """Every template for the promise: (file name, content)."""
    return (
        *((kind.template.file, template_bytes(kind, promise)) for kind in KINDS if kind.template),
        (COMMENTARY_FILE, starter_text(promise).encode("utf-8")),
    )


@dataclass(frozen=True)
class WrittenTemplate:
    path: Path
    kept: Path | None = None  # the analyst's own file, left as it was


def beside(name: str) -> str:
    """kommentarer.md -> kommentarer-ny.md"""
    path = Path(name)
    return f"{path.stem}-ny{path.suffix}"


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


def write_templates_safely(promise: Promise, folder: OutputFolder) -> tuple[WrittenTemplate, ...]:
    written = []
    for name, data in analyst_templates(promise):
        path = folder.path(name)
        if is_edited(path, data):
            written.append(WrittenTemplate(folder.write(beside(name), data), kept=path))
        else:
            written.append(WrittenTemplate(folder.write(name, data)))
    return tuple(written)
