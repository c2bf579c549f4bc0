"""Reading the files in inputs/: the only module that opens workbooks.

Returns raw sheets (cell values exactly as stored) with their location, so validation can
name file, sheet, row and column. Nothing here interprets what the columns mean.
"""

from __future__ import annotations

import gc
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException

from report.errors import Code, InputError, Problem, column_letter
from report.inputs import container
from report.inputs.sheets import ErrorCell, RawSheet, RawWorkbook, is_template_sheet

if TYPE_CHECKING:
    from python_calamine import CalamineWorkbook

# An .xlsx is a zip; refuse workbooks whose members would expand beyond this (zip bombs).
DEFAULT_MAX_UNPACKED_MB = 1000
DEFAULT_MAX_UNPACKED_BYTES = DEFAULT_MAX_UNPACKED_MB * 1_000_000
SNIFF_BYTES = 8192

# From this many cells on, a sheet's rows are moved out of the garbage collector's sight.
FREEZE_CELLS = 1_000_000


@contextmanager
def gc_paused(freeze: bool = False) -> Iterator[None]:
    """The cyclic garbage collector off while a sheet's rows are built.

    Building a million row lists sets it off again and again, and each full collection
    walks every list made so far, none of which is garbage: 1.2 s of python-calamine's
    1.9 s of to_python() for a million rows. Nothing made meanwhile holds a cycle, and
    reference counting frees everything else as usual. With `freeze` (a large sheet), the
    rows are also moved to the collector's permanent generation afterwards (gc.freeze), so
    the collections later in the run do not walk them again: they would, three times, as
    the rows age through the generations (0.6 s for a million rows). Garbage from before
    is collected first, so none of it is kept for good; the rows themselves are freed by
    reference counting when the report is done, frozen or not."""
    enabled = gc.isenabled()
    if freeze:
        gc.collect()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if enabled:
            gc.enable()


def read_workbook(path: Path, max_unpacked_bytes: int = DEFAULT_MAX_UNPACKED_BYTES) -> RawWorkbook:
    """All sheets of one workbook as raw rows; InputError with a Swedish message if unreadable.

    The file is only ever opened for reading."""
    if path.suffix.lower() == ".csv":
        from report.inputs.csv_file import read_csv

        return read_csv(path, max_unpacked_bytes)
    from python_calamine import CalamineError, CalamineWorkbook, PasswordError

    kind = "unknown"
    try:
        with path.open("rb") as handle:
            kind = container.sniff(handle.read(SNIFF_BYTES))
            errors = _error_cells(path, handle, kind, max_unpacked_bytes)
            handle.seek(0)
            sheets = _sheets(CalamineWorkbook.from_filelike(handle), path.name, errors)
    except PermissionError:
        raise _refuse(path, LOCKED_MESSAGE, Code.FILE_UNREADABLE) from None
    except PasswordError:
        raise _refuse(path, PASSWORD_MESSAGE, Code.FILE_ENCRYPTED) from None
    except (CalamineError, ValueError, OSError, zipfile.BadZipFile, EOFError) as exc:
        if isinstance(exc, OSError) and not isinstance(exc, zipfile.BadZipFile) and exc.strerror:
            raise _refuse(
                path,
                f"Filen kan inte läsas ({exc.strerror}). Är den öppen i ett annat "
                "program? Stäng den och försök igen.",
                Code.FILE_UNREADABLE,
            ) from None
        raise _refuse(path, _unreadable_message(exc, kind)) from None
    except BaseException as exc:
        # The Rust parser reports some broken files (a truncated .xls) by panicking, which
        # reaches Python as pyo3's PanicException, a BaseException.
        if type(exc).__name__ != "PanicException":
            raise
        raise _refuse(path, _unreadable_message(exc, kind)) from None

    return RawWorkbook(path, tuple(s for s in sheets if not is_template_sheet(s)))


def _refuse(path: Path, message: str, code: Code = Code.FILE_CORRUPT) -> InputError:
    return InputError([Problem(path.name, message, code=code)])


def _error_cells(
    path: Path, handle: BinaryIO, kind: str, max_unpacked_bytes: int
) -> dict[str, list[ErrorCell]]:
    """An .xlsx's error cells by sheet, once its container is found safe; refuses what is
    no workbook, and an encrypted one."""
    if kind == "zip":
        return _check_zip(path, handle, max_unpacked_bytes)
    if kind != "ole":
        raise _refuse(path, _not_excel_message(kind), Code.FILE_NOT_SPREADSHEET)
    handle.seek(0)
    if container.is_encrypted_ooxml(handle.read()):
        raise _refuse(path, PASSWORD_MESSAGE, Code.FILE_ENCRYPTED)
    return {}


def _sheets(
    book: CalamineWorkbook, file: str, errors: dict[str, list[ErrorCell]]
) -> list[RawSheet]:
    from python_calamine import SheetVisibleEnum

    sheets = []
    for meta in book.sheets_metadata:
        sheet = book.get_sheet_by_name(meta.name)
        cells = (sheet.total_height or 0) * (sheet.total_width or 0)
        with gc_paused(freeze=cells >= FREEZE_CELLS):
            rows = sheet.to_python(skip_empty_area=False)
        merged = tuple((a[0], a[1], b[0], b[1]) for a, b in (sheet.merged_cell_ranges or ()))
        sheets.append(
            RawSheet(
                file,
                meta.name,
                rows,
                meta.visible == SheetVisibleEnum.Visible,
                tuple(errors.get(meta.name, ())),
                merged,
            )
        )
    return sheets


PASSWORD_MESSAGE = (
    "Arbetsboken är lösenordsskyddad (krypterad) och kan inte läsas. Öppna den "
    "i Excel, välj Arkiv → Info → Skydda arbetsbok → Kryptera med lösenord, "
    "töm lösenordet och spara – alltså spara utan lösenord. Lägg den filen "
    "här i stället."
)

LOCKED_MESSAGE = (
    "Filen kan inte läsas: den är låst av ett annat program eller så saknas "
    "behörighet att läsa den. Stäng filen i Excel (och andra program som kan ha "
    "den öppen), kontrollera att ditt konto får läsa den och kör igen."
)


def _check_zip(path: Path, handle: BinaryIO, max_unpacked_bytes: int) -> dict[str, list[ErrorCell]]:
    """Zip-bomb, XML-bomb and sheet-extent guards; then the error cells of every
    worksheet."""
    handle.seek(0)
    try:
        archive = zipfile.ZipFile(handle)
    except zipfile.BadZipFile:
        raise InputError([Problem(path.name, CORRUPT_MESSAGE, code=Code.FILE_CORRUPT)]) from None
    with archive:
        try:
            finding = container.check_zip(archive, max_unpacked_bytes)
            if finding is None:
                scans = {
                    name: container.scan_sheet(archive, member)
                    for name, member in container.sheet_members(archive).items()
                }
        except (
            zipfile.BadZipFile,
            EOFError,
            zlib.error,
            NotImplementedError,
            ParseError,
            DefusedXmlException,
        ):
            raise InputError(
                [Problem(path.name, CORRUPT_MESSAGE, code=Code.FILE_CORRUPT)]
            ) from None
    if finding is None:
        too_far = [
            Problem(path.name, _too_far_message(scan), name, code=Code.FILE_TOO_LARGE)
            for name, scan in scans.items()
            if _too_far(scan)
        ]
        if too_far:
            raise InputError(too_far)
        return {name: scan.errors for name, scan in scans.items()}
    code = Code.FILE_UNSAFE if finding.kind == "doctype" else Code.FILE_TOO_LARGE
    if finding.kind == "too-large":
        unpacked = f"{finding.unpacked / 1e6:,.0f}".replace(",", " ")
        limit = f"{max_unpacked_bytes / 1e6:,.0f}".replace(",", " ")
        message = (
            f"Filen packas upp till {unpacked} MB, mer än gränsen {limit} MB. En vanlig "
            "export är mycket mindre, så kontrollera att det är rätt fil. Är den rätt, "
            "höj gränsen: make report MAX_UNPACKED_MB=<antal MB> (eller "
            "--max-unpacked-mb <antal MB>)."
        )
    elif finding.kind == "too-many-members":
        message = (
            f"Filen består av {finding.detail} delar, vilket ingen Excel-arbetsbok gör. "
            "Den lästes inte. Exportera den på nytt från källsystemet."
        )
    else:
        message = (
            f"Filen innehåller en DOCTYPE- eller ENTITY-deklaration (i delen "
            f"{finding.detail}). Sådant skriver Excel aldrig, och det kan användas för "
            "att få program att hänga (”XML-bomb”) eller läsa andra filer. Filen lästes "
            "inte. Exportera den på nytt från källsystemet, eller öppna den i Excel och "
            "spara en ny kopia."
        )
    raise InputError([Problem(path.name, message, code=code)])


# Every cell from A1 to the farthest one referenced is allocated when a sheet is read: a
# million rows by 38 columns still passes; a stray value in XFD1048576 (17 billion cells,
# which aborts the process) does not.
MAX_SHEET_CELLS = 40_000_000


def _too_far(scan: container.SheetScan) -> bool:
    return (
        scan.rows > container.EXCEL_ROWS
        or scan.columns > container.EXCEL_COLUMNS
        or scan.cells > MAX_SHEET_CELLS
    )


def _too_far_message(scan: container.SheetScan) -> str:
    corner = f"{column_letter(max(scan.columns, 26) - 1)}{scan.rows}"
    millions = f"{scan.cells / 1e6:,.0f}".replace(",", " ")
    return (
        f"Bladet sträcker sig ända till cell {corner} ({millions} miljoner celler räknat "
        "från A1), långt mer än en export brukar. Oftast finns ett värde, ett mellanslag "
        "eller en formel långt ut i bladet. Tryck Ctrl+End i Excel för att se var bladet "
        "slutar, ta bort raderna och kolumnerna efter tabellen och spara."
    )


CORRUPT_MESSAGE = (
    "Filen är skadad (ett trasigt eller ofullständigt zip-arkiv, som en .xlsx "
    "är) och kan inte öppnas. Exportera den på nytt från källsystemet, eller "
    "öppna den i Excel och spara en ny kopia."
)


def _not_excel_message(kind: str) -> str:
    if kind == "csv":  # CSV is read under its own name
        return (
            "Filen är inte en Excel-arbetsbok även om den heter så: den ser ut som en "
            "CSV-fil (text med värden åtskilda av semikolon eller komma). Byt filändelsen "
            "till .csv så läses den som CSV, eller öppna den i Excel och välj Arkiv → Spara "
            "som → Excel-arbetsbok (.xlsx)."
        )
    looks_like = {
        "text": "den ser ut som en textfil",
        "html": "den ser ut som en HTML-sida (en webbsida), som vissa system skapar när de "
        "”exporterar till Excel”",
        "xml2003": "den ser ut som ett XML-kalkylblad (Excel 2003 XML)",
        "xml": "den ser ut som en XML-fil",
        "pdf": "den ser ut som en PDF-fil",
    }.get(kind)
    what = f": {looks_like}" if looks_like else ""
    return (
        f"Filen är inte en Excel-arbetsbok även om den heter så{what}. Öppna den i Excel och "
        "välj Arkiv → Spara som → Excel-arbetsbok (.xlsx), och lägg den sparade filen här i "
        "stället."
    )


def _unreadable_message(exc: BaseException, kind: str) -> str:
    if kind == "zip" and "zip" in str(exc).lower():
        return CORRUPT_MESSAGE
    if kind == "ole":
        return (
            "Filen ser ut som en gammal Excel-arbetsbok (.xls) eller ett annat "
            "Office-dokument men kan inte läsas – den kan vara skadad. Öppna den i Excel och "
            "välj Arkiv → Spara som → Excel-arbetsbok (.xlsx), och lägg den sparade filen "
            "här i stället."
        )
    detail = f"{type(exc).__name__}: {exc}"
    detail = detail if len(detail) <= 120 else detail[:119] + "…"
    return (
        f"Arbetsboken är skadad och kan inte läsas (teknisk detalj: {detail}). Exportera "
        "den på nytt från källsystemet, eller öppna den i Excel och spara en ny kopia."
    )
