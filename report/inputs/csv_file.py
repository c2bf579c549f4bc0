"""CSV exports as raw sheets: the same shape as a workbook, so validation is the same.

Two kinds are common and both are detected, never asked for:

- Swedish Excel ("CSV (semikolonavgränsad)"): semicolon between cells, comma as decimal
  sign, UTF-8 with a byte order mark or Windows-1252 (older Excel).
- Exports from systems: comma between cells, point as decimal sign, UTF-8.

The encoding is found by trial (BOM, then strict UTF-8, then Windows-1252) and the separator
by which candidate splits the lines into the most consistent number of columns (csv.Sniffer
guesses wrong on semicolon files with comma decimals, so it is not used). Cells stay text,
as Excel would show them before interpreting them; validation converts "23,5", "1 234" and
"2023-06-14" exactly as it does for text cells in a workbook. Only ISO date-times
("2023-06-14 10:30") become date-times here, since no text rule reads them.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from report.errors import Code, InputError, Problem
from report.inputs.sheets import RawSheet, RawWorkbook

CANDIDATE_SEPARATORS = (";", ",", "\t", "|")
SAMPLE_LINES = 200
SEPARATOR_NAMES = {";": "semikolon", ",": "komma", "\t": "tabb", "|": "lodstreck"}
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?")
_COMMA_DECIMAL = re.compile(r"-?\d+,\d+\s*%?")
_POINT_DECIMAL = re.compile(r"-?\d+\.\d+\s*%?")


@dataclass(frozen=True)
class CsvFormat:
    """What was detected in one CSV file."""

    encoding: str  # Python codec name
    encoding_label: str  # Swedish, for `make check`
    separator: str
    decimal_comma: bool | None  # None: no decimal numbers seen

    def describe(self) -> str:
        kind = (
            "svensk Excel-CSV"
            if self.separator == ";"
            else "system-CSV"
            if self.separator == ","
            else "CSV"
        )
        decimals = {True: ", decimalkomma", False: ", decimalpunkt", None: ""}[self.decimal_comma]
        return (
            f"{kind} ({SEPARATOR_NAMES[self.separator]} mellan kolumnerna, "
            f"{self.encoding_label}{decimals})"
        )


def decode(data: bytes) -> tuple[str, str, str]:
    """(text, codec, Swedish label): BOM first, then strict UTF-8, then Windows-1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig", "UTF-8 med BOM"
        except UnicodeDecodeError:
            data = data[3:]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16", "UTF-16 (Excels Unicode-text)"
    if b"\x00" in data[:4096]:
        raise ValueError("binary")
    try:
        return data.decode("utf-8"), "utf-8", "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252", "Windows-1252 (äldre Excel)"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1", "ISO-8859-1"


def detect_separator(text: str) -> str:
    """The candidate that splits the sample's lines into the most consistent column count
    (title rows above the header have one cell and count for nothing)."""
    sample = "\n".join(text.splitlines()[:SAMPLE_LINES])
    best: tuple[int, int, int] | None = None
    chosen = ";"
    for rank, separator in enumerate(CANDIDATE_SEPARATORS):
        rows = list(csv.reader(io.StringIO(sample), delimiter=separator))
        widths = Counter(len(row) for row in rows if any(cell.strip() for cell in row))
        widths.pop(1, None)
        widths.pop(0, None)
        if not widths:
            continue
        width, lines = widths.most_common(1)[0]
        score = (lines, width, -rank)
        if best is None or score > best:
            best, chosen = score, separator
    return chosen


def _decimal_comma(rows: list[list[str]], separator: str) -> bool | None:
    commas = points = 0
    for row in rows[:SAMPLE_LINES]:
        for cell in row:
            text = cell.strip()
            commas += bool(separator != "," and _COMMA_DECIMAL.fullmatch(text))
            points += bool(_POINT_DECIMAL.fullmatch(text))
    if not commas and not points:
        return None
    return commas >= points


def _cell(text: str) -> object:
    stripped = text.strip()
    if _DATETIME.fullmatch(stripped):
        try:
            return dt.datetime.fromisoformat(stripped)
        except ValueError:
            return text
    return text


def read_csv(path: Path, max_bytes: int = 1_000_000_000) -> RawWorkbook:
    """One CSV file as a workbook with one sheet named after the file (as Excel does)."""
    workbook, _ = read_csv_with_format(path, max_bytes)
    return workbook


def read_csv_with_format(
    path: Path, max_bytes: int = 1_000_000_000
) -> tuple[RawWorkbook, CsvFormat]:
    def fail(message: str, code: Code = Code.FILE_UNREADABLE) -> InputError:
        return InputError([Problem(path.name, message, code=code)])

    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise fail(
                f"Filen är {size / 1e6:.0f} MB, mer än gränsen {max_bytes / 1e6:.0f} MB. "
                "Kontrollera att det är rätt fil.",
                Code.FILE_TOO_LARGE,
            )
        data = path.read_bytes()
    except PermissionError:
        raise fail(
            "Filen kan inte läsas: behörighet saknas. Kontrollera filens rättigheter."
        ) from None
    except OSError as exc:
        raise fail(
            f"Filen kan inte läsas ({exc.strerror}). Är den öppen i ett annat "
            "program? Stäng den och försök igen."
        ) from None
    try:
        text, codec, label = decode(data)
    except (ValueError, UnicodeDecodeError):
        raise fail(
            "Filen heter .csv men är ingen textfil. Öppna den i Excel och spara den "
            "som CSV (semikolonavgränsad) eller som Excel-arbetsbok (.xlsx).",
            Code.TEXT_ENCODING,
        ) from None
    if not text.strip():
        raise fail(
            "Filen är tom. Exportera den på nytt eller ta bort den från inputs/.",
            Code.FILE_NOT_RECOGNISED,
        )
    first, _, rest = text.partition("\n")
    declared = re.fullmatch(r"sep=(.)", first.strip("\r"))  # Excel's own hint line
    if declared and declared.group(1) in SEPARATOR_NAMES:
        separator, text = declared.group(1), rest
    else:
        separator = detect_separator(text)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=separator))
    except csv.Error as exc:
        raise fail(
            f"CSV-filen kan inte läsas ({exc}). Öppna den i Excel och spara den som "
            "Excel-arbetsbok (.xlsx).",
            Code.FILE_CORRUPT,
        ) from None
    found = CsvFormat(codec, label, separator, _decimal_comma(rows, separator))
    cells = [[_cell(c) for c in row] for row in rows]
    return RawWorkbook(path, (RawSheet(path.name, path.stem, cells, True),)), found
