"""What an inputs folder holds: its promise file, the exports to read (spreadsheets and CSV),
data files of other kinds that are refused with a fix, and the folders of further promises.
One listing per run, handed down."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from report.errors import Code, InputError, Problem

PROMISE_FILE = "medborgarlofte.toml"

# python-calamine reads all of these (workbook.py; its container checks cover .xlsx/.xlsm
# fully), OpenDocument spreadsheets too; CSV is read by csv_file.py.
EXPORT_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".csv")

# Data files that look like exports but are not workbooks: refused with a fix, so a lone
# export of another kind is never silently skipped (which would build the example instead).
NOT_WORKBOOK_SUFFIXES = (".tsv", ".htm", ".html", ".xml", ".xlsb", ".numbers")


@dataclass(frozen=True)
class InputFolder:
    """One listing of an inputs folder, made once per run and handed down."""

    folder: Path
    promise: Path
    exports: tuple[Path, ...]
    not_workbooks: tuple[Path, ...] = ()
    subfolders: tuple[Path, ...] = ()  # not hidden, sorted (several promises: batch.py)


def discover(folder: Path) -> InputFolder:
    """The promise file, the exports and the subfolders of a folder, from one listing
    (lock files and hidden files skipped)."""
    if not folder.is_dir():
        raise InputError(
            [
                Problem(
                    str(folder),
                    "Mappen finns inte. Skapa den eller ange rätt mapp med INPUTS=...",
                    code=Code.FOLDER_MISSING,
                )
            ]
        )
    entries = sorted(p for p in folder.iterdir() if not p.name.startswith(("~$", ".")))
    files = [p for p in entries if p.is_file()]
    exports = tuple(p for p in files if p.suffix.lower() in EXPORT_SUFFIXES)
    others = tuple(p for p in files if p.suffix.lower() in NOT_WORKBOOK_SUFFIXES)
    subfolders = tuple(p for p in entries if p.is_dir())
    return InputFolder(folder, folder / PROMISE_FILE, exports, others, subfolders)


def not_a_workbook_problem(path: Path) -> Problem:
    """A data file of a kind we do not read (HTML, XML, .xlsb ...) lying among the exports."""
    kind = {
        ".tsv": "en textfil med tabbar",
        ".htm": "en HTML-sida",
        ".html": "en HTML-sida",
        ".xml": "en XML-fil",
        ".xlsb": "en binär Excel-arbetsbok (.xlsb)",
        ".numbers": "ett Numbers-dokument",
    }[path.suffix.lower()]
    return Problem(
        path.name,
        f"Filen är {kind} och läses inte; bara kalkylblad (.xlsx, .xls, "
        ".ods) och CSV-filer läses. Öppna den i Excel och välj Arkiv → "
        "Spara som → Excel-arbetsbok (.xlsx), eller flytta den ur inputs/ "
        "om den inte hör till rapporten.",
        code=Code.FILE_NOT_SPREADSHEET,
        value=path.suffix,
    )
