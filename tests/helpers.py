"""Test helpers: build input workbooks and folders in code (no binary fixtures)."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import shutil
import struct
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
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
                   hidden: Iterable[str] = (),
                   merged: Mapping[str, Iterable[str]] | None = None) -> Path:
    """An .xlsx with the given rows per sheet (first sheet first). A value such as
    "#DIV/0!" becomes an error cell; `merged` maps a sheet to ranges like "A1:B1"."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
        if name in hidden:
            sheet.sheet_state = "hidden"
        for cells in (merged or {}).get(name, ()):
            sheet.merge_cells(cells)
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


def checksums(folder: Path) -> dict[str, str]:
    """SHA-256 of every file under a folder, by relative path."""
    return {str(p.relative_to(folder)): _sha256(p)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _sha256(path: Path) -> str:
    with open(path, "rb") as handle:  # builtin open: tests may patch Path.open
        return hashlib.file_digest(handle, "sha256").hexdigest()


def rewrite_zip(path: Path, change: Callable[[str, bytes], bytes | None],
                extra: Mapping[str, bytes] | None = None) -> Path:
    """Rewrite an .xlsx member by member: `change(name, data)` returns the new data (None
    drops the member); `extra` adds members."""
    with zipfile.ZipFile(path) as source:
        members = [(info.filename, source.read(info)) for info in source.infolist()]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in members:
            new = change(name, data)
            if new is not None:
                target.writestr(name, new)
        for name, data in (extra or {}).items():
            target.writestr(name, data)
    path.write_bytes(buffer.getvalue())
    return path


def encrypt_workbook(path: Path, password: str = "hemligt") -> Path:
    """Replace an .xlsx by the same workbook saved with a password (ECMA-376 agile
    encryption, as Excel does it): an OLE compound file holding EncryptedPackage."""
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    with path.open("rb") as plain:
        OOXMLFile(plain).encrypt(password, out)
    path.write_bytes(out.getvalue())
    return path


# --- a minimal old-style .xls writer (BIFF8 in an OLE compound file) ----------------------
# Enough for python-calamine to read text, numbers and dates; built here so the tests need
# no binary fixture and no unmaintained writer library (xlwt).

def write_xls(path: Path, sheets: dict[str, Sequence[Sequence[Any]]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_compound_file(_biff8_workbook(sheets)))
    return path


def _record(kind: int, data: bytes = b"") -> bytes:
    return struct.pack("<HH", kind, len(data)) + data


def _biff8_workbook(sheets: dict[str, Sequence[Sequence[Any]]]) -> bytes:
    """Workbook stream: globals (BOF, two XF records: general and date, one BOUNDSHEET per
    sheet, EOF), then one substream (BOF, LABEL/NUMBER cells, EOF) per sheet."""
    def bof(kind: int) -> bytes:
        return _record(0x0809, struct.pack("<HHHHII", 0x0600, kind, 0, 0, 0, 0))

    def xf(number_format: int) -> bytes:
        return _record(0x00E0, struct.pack("<HH", 0, number_format) + b"\x00" * 16)

    def bound_sheet(offset: int, name: str) -> bytes:
        return _record(0x0085, struct.pack("<IBBBB", offset, 0, 0, len(name), 1)
                       + name.encode("utf-16-le"))

    substreams = []
    for rows in sheets.values():
        cells = []
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is None:
                    continue
                if isinstance(value, str):
                    cells.append(_record(0x0204, struct.pack("<HHHHB", r, c, 0, len(value), 1)
                                         + value.encode("utf-16-le")))
                elif isinstance(value, dt.date):
                    serial = (value - dt.date(1899, 12, 30)).days
                    cells.append(_record(0x0203, struct.pack("<HHHd", r, c, 1, serial)))
                else:
                    cells.append(_record(0x0203, struct.pack("<HHHd", r, c, 0, value)))
        substreams.append(bof(0x0010) + b"".join(cells) + _record(0x000A))
    head = (len(bof(5)) + 2 * len(xf(0)) + sum(len(bound_sheet(0, n)) for n in sheets)
            + len(_record(0x000A)))
    offsets, offset = [], head
    for sub in substreams:
        offsets.append(offset)
        offset += len(sub)
    return (bof(0x0005) + xf(0) + xf(14)
            + b"".join(bound_sheet(o, n) for o, n in zip(offsets, sheets, strict=True))
            + _record(0x000A) + b"".join(substreams))


def _compound_file(stream: bytes, name: str = "Workbook") -> bytes:
    """An OLE compound file (version 3, 512-byte sectors) holding one stream, padded to at
    least 4096 bytes so it lives in regular sectors: header, one FAT sector, one directory
    sector, then the stream."""
    sector, end, free, fat_sector, none = 512, 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
    stream = stream.ljust(max(4096, -(-len(stream) // sector) * sector), b"\x00")
    count = len(stream) // sector
    assert count <= 126, "the test writer keeps to one FAT sector"
    fat = [fat_sector, end, *range(3, 2 + count), end]
    fat += [free] * (128 - len(fat))
    header = (bytes.fromhex("d0cf11e0a1b11ae1") + b"\x00" * 16
              + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\x00" * 6
              + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, end, 0, end, 0)
              + struct.pack("<I", 0) + struct.pack("<I", free) * 108)

    def entry(entry_name: str, kind: int, child: int, start: int, size: int) -> bytes:
        raw = (entry_name + "\x00").encode("utf-16-le") if entry_name else b""
        return (raw.ljust(64, b"\x00") + struct.pack("<HBB", len(raw), kind, 1)
                + struct.pack("<III", none, none, child) + b"\x00" * 16
                + struct.pack("<IQQIQ", 0, 0, 0, start, size))

    directory = (entry("Root Entry", 5, 1, end, 0) + entry(name, 2, none, 2, len(stream))
                 + entry("", 0, none, 0, 0) * 2)
    return header + struct.pack("<128I", *fat) + directory + stream
