"""Reading the files in inputs/: the only module that opens workbooks.

Returns raw sheets (cell values exactly as stored) with their location, so validation can
name file, sheet, row and column. Nothing here interprets what the columns mean.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import InputError, Problem

PROMISE_FILE = "medborgarlofte.toml"
EXPORT_SUFFIXES = (".xlsx", ".xlsm")
# OpenDocument spreadsheets (python-calamine reads them) and CSV (report/csv_input.py).
EXPORT_SUFFIXES += (".ods", ".csv")
# An .xlsx is a zip; refuse workbooks whose members would expand beyond this (zip bombs).
DEFAULT_MAX_UNPACKED_BYTES = 1_000_000_000


@dataclass(frozen=True)
class RawSheet:
    file: str
    name: str
    rows: list[list[Any]]
    visible: bool = True


@dataclass(frozen=True)
class RawWorkbook:
    path: Path
    sheets: tuple[RawSheet, ...]

    @property
    def file(self) -> str:
        return self.path.name


@dataclass(frozen=True)
class InputFolder:
    folder: Path
    promise: Path
    exports: tuple[Path, ...]


def discover(folder: Path) -> InputFolder:
    """The promise file and the exports in a folder (lock files and hidden files skipped)."""
    if not folder.is_dir():
        raise InputError([Problem(str(folder), "Mappen finns inte. Skapa den eller ange rätt "
                                               "mapp med INPUTS=...")])
    exports = tuple(sorted(
        p for p in folder.iterdir()
        if p.is_file() and p.suffix.lower() in EXPORT_SUFFIXES
        and not p.name.startswith(("~$", "."))
    ))
    return InputFolder(folder, folder / PROMISE_FILE, exports)


def read_workbook(path: Path, max_unpacked_bytes: int = DEFAULT_MAX_UNPACKED_BYTES
                  ) -> RawWorkbook:
    """All sheets of one workbook as raw rows; InputError with a Swedish message if unreadable."""
    if path.suffix.lower() == ".csv":
        from .csv_input import read_csv
        return read_csv(path, max_unpacked_bytes)
    _check_container(path, max_unpacked_bytes)
    from python_calamine import CalamineError, CalamineWorkbook, SheetVisibleEnum

    try:
        book = CalamineWorkbook.from_path(str(path))
        sheets = []
        for meta in book.sheets_metadata:
            sheet = book.get_sheet_by_name(meta.name)
            rows = sheet.to_python(skip_empty_area=False)
            sheets.append(RawSheet(path.name, meta.name, rows,
                                   meta.visible == SheetVisibleEnum.Visible))
    except (CalamineError, ValueError, OSError) as exc:
        raise InputError([Problem(path.name, _unreadable_message(exc))]) from None
    from .xlsx_templates import is_template_sheet  # our templates' guide and list sheets
    return RawWorkbook(path, tuple(s for s in sheets if not is_template_sheet(s)))


def _check_container(path: Path, max_unpacked_bytes: int) -> None:
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except PermissionError:
        raise InputError([Problem(path.name, "Filen kan inte läsas: behörighet saknas. "
                                             "Kontrollera filens rättigheter.")]) from None
    except OSError as exc:
        raise InputError([Problem(path.name, f"Filen kan inte läsas ({exc.strerror}). Är den "
                                             "öppen i ett annat program? Stäng den och "
                                             "försök igen.")]) from None
    if not head.startswith(b"PK"):
        raise InputError([Problem(path.name, "Filen är inte en Excel-arbetsbok (.xlsx) även om "
                                             "den heter så. Öppna den i Excel och välj Spara som "
                                             "→ Excel-arbetsbok (.xlsx).")])
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise InputError([Problem(path.name, "Filen är skadad och kan inte öppnas. Exportera "
                                             "den på nytt från källsystemet.")]) from None
    if unpacked > max_unpacked_bytes:
        raise InputError([Problem(path.name, f"Filen packas upp till {unpacked / 1e6:.0f} MB, "
                                             f"mer än gränsen {max_unpacked_bytes / 1e6:.0f} MB. "
                                             "Kontrollera att det är rätt fil.")])


def _unreadable_message(exc: Exception) -> str:
    return (f"Arbetsboken kan inte läsas ({type(exc).__name__}: {exc}). Öppna den i Excel, "
            "spara den som .xlsx och försök igen.")
