"""Checks on a workbook file before any spreadsheet parser sees it.

What kind of file it really is (an .xlsx is a zip, an old .xls or an encrypted workbook an OLE
compound file, and some systems "export to Excel" as CSV or HTML), zip-bomb and XML-bomb
guards, and the error cells (#DIV/0!, #REF!) that python-calamine turns into empty strings.

Pure functions on bytes or an open ZipFile: workbook.py opens the files.
"""

from __future__ import annotations

import functools
import posixpath
import re
import zipfile
from dataclasses import dataclass
from typing import Any

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")
# An encrypted .xlsx is an OLE file holding these streams (MS-OFFCRYPTO 2.3.4.1).
ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")

MAX_MEMBERS = 10_000  # a real workbook has tens of members
PROLOG_BYTES = 64 * 1024  # where an XML member's DOCTYPE would have to be
CHUNK = 4 * 1024 * 1024


# --- what kind of file is this? ---------------------------------------------------------


def sniff(head: bytes) -> str:
    """'zip', 'ole', 'pdf', 'html', 'xml2003', 'xml', 'csv', 'text' or 'unknown' from the
    first few KiB of a file."""
    if head.startswith(ZIP_MAGIC):
        return "zip"
    if head.startswith(OLE_MAGIC):
        return "ole"
    if head.startswith(b"%PDF"):
        return "pdf"
    text = _decode(head)
    if text is None:
        return "unknown"
    start = text.lstrip().lower()
    if start.startswith(("<!doctype html", "<html")) or re.search(
        r"<(table|html|body)\b", start[:4096]
    ):
        return "html"
    if start.startswith("<?xml") or start.startswith("<"):
        if "urn:schemas-microsoft-com:office:spreadsheet" in start or "<workbook" in start:
            return "xml2003"
        return "xml"
    lines = [line for line in text.splitlines()[:20] if line.strip()]
    if lines and all(any(sep in line for sep in ";,\t") for line in lines[:5]):
        return "csv"
    return "text"


def _decode(head: bytes) -> str | None:
    """Text of a file head, or None when it looks binary."""
    for bom, codec in (
        (b"\xef\xbb\xbf", "utf-8"),
        (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"),
    ):
        if head.startswith(bom):
            return head[len(bom) :].decode(codec, errors="ignore")
    if b"\x00" in head:
        return None
    text = head.decode("utf-8", errors="replace")
    control = sum(1 for ch in text if ord(ch) < 32 and ch not in "\r\n\t")
    return None if control > len(text) // 100 else text


def is_encrypted_ooxml(data: bytes) -> bool:
    """An OLE file that holds an encrypted Office Open XML package (a password-protected
    .xlsx). The stream name sits in the directory; a byte search is enough."""
    return ENCRYPTED_STREAM in data


# --- zip guards -------------------------------------------------------------------------


@dataclass(frozen=True)
class ZipFinding:
    kind: str  # 'too-large', 'too-many-members', 'doctype'
    detail: str = ""
    unpacked: int = 0


def check_zip(archive: zipfile.ZipFile, max_unpacked_bytes: int) -> ZipFinding | None:
    """Refuse zip bombs (by the members' declared sizes, before anything is unpacked) and
    XML members that declare a DOCTYPE (entity bombs, external entities): Excel never
    writes one, so the workbook is refused before any XML parser sees it."""
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        return ZipFinding("too-many-members", str(len(members)))
    unpacked = sum(info.file_size for info in members)
    if unpacked > max_unpacked_bytes:
        return ZipFinding("too-large", unpacked=unpacked)
    for info in members:
        if info.is_dir():
            continue
        with archive.open(info) as member:
            head = member.read(PROLOG_BYTES)
        if prolog_declares_doctype(head) is not False:
            return ZipFinding("doctype", info.filename)
    return None


def prolog_declares_doctype(head: bytes) -> bool | None:
    """True if the XML prolog holds a declaration (<!DOCTYPE, <!ENTITY), False if the root
    element (or non-XML content) comes first, None if the prolog runs past `head`."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head.decode("utf-16", errors="ignore")
    elif head[:2] in (b"<\x00", b"\x00<"):
        text = head.decode("utf-16-le" if head[0] else "utf-16-be", errors="ignore")
    else:  # UTF-8 or a single-byte code page: the markup we look for is ASCII
        text = head.removeprefix(b"\xef\xbb\xbf").decode("latin-1")
    i, n = 0, len(text)
    while True:
        while i < n and text[i] in " \t\r\n\ufeff":
            i += 1
        if i >= n:
            return None if len(head) >= PROLOG_BYTES else False
        if text.startswith("<?", i):
            closing = "?>"
        elif text.startswith("<!--", i):
            closing = "-->"
        else:  # a declaration such as <!DOCTYPE (True); the root element or binary (False)
            return text.startswith("<!", i)
        end = text.find(closing, i + 2)
        if end < 0:
            return None if len(head) >= PROLOG_BYTES else False
        i = end + len(closing)


# --- sheets and their error cells -------------------------------------------------------


def sheet_members(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> zip member of its worksheet XML (call after check_zip)."""
    from defusedxml.ElementTree import fromstring

    names = set(archive.namelist())
    book = "xl/workbook.xml"
    if "_rels/.rels" in names:
        for rel in fromstring(archive.read("_rels/.rels")):
            if rel.get("Type", "").endswith("/officeDocument"):
                book = rel.get("Target", book).lstrip("/")
    folder, base = posixpath.split(book)
    rels_path = posixpath.join(folder, "_rels", base + ".rels")
    if book not in names or rels_path not in names:
        return {}
    targets: dict[str | None, str] = {}
    for rel in fromstring(archive.read(rels_path)):
        target = rel.get("Target", "")
        target = (
            target.lstrip("/")
            if target.startswith("/")
            else posixpath.normpath(posixpath.join(folder, target))
        )
        targets[rel.get("Id")] = target
    members = {}
    for element in fromstring(archive.read(book)).iter():
        if element.tag.rsplit("}", 1)[-1] != "sheet":
            continue
        rid = next((v for k, v in element.attrib.items() if k.rsplit("}", 1)[-1] == "id"), None)
        member = targets.get(rid)
        name = element.get("name")
        if name is not None and member in names:
            members[name] = member
    return members


_ERROR_CELL = re.compile(
    rb"<(?:\w+:)?c\s(?=[^>]*\bt=\"e\")[^>]*\br=\"([A-Z]{1,3})(\d+)\"[^>]*>(.*?)</(?:\w+:)?c>", re.S
)
_VALUE = re.compile(rb"<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>")
# The extent of a sheet, from its references. Each pattern starts with the literal r=, so
# the scan runs at C speed: row numbers (row tags), and cell references only where they can
# reach far (two or more column letters, or a row number of seven digits or more). The
# parser takes lower-case column letters and single quotes too, and so do these.
_ROW_NUMBER = re.compile(rb"r=[\"'](\d+)[\"']")
_WIDE_CELL = re.compile(rb"r=[\"']([A-Za-z]{2,})\d")
_DEEP_CELL = re.compile(rb"r=[\"'][A-Za-z]+(\d{7,})[\"']")
# White space around the "=": then every reference is read, slowly.
_ODD_SPACING = re.compile(rb"r(?:\s+=|=\s)")
_ANY_REFERENCE = re.compile(rb"r\s*=\s*[\"']([A-Za-z]*)(\d+)[\"']")

EXCEL_ROWS, EXCEL_COLUMNS = 1_048_576, 16_384


@dataclass
class SheetScan:
    """What one streaming pass over a worksheet's XML found, before any parser read it."""

    errors: list[tuple[int, int, str]]  # 0-based row, column, error text ('#DIV/0!')
    rows: int = 0  # the highest row number referenced (1-based)
    columns: int = 0  # the highest column number referenced (1-based; 0: at most Z)

    @property
    def cells(self) -> int:
        """Cells the parser will allocate at most (every cell from A1 to the farthest)."""
        return self.rows * max(self.columns, 26)


def scan_sheet(archive: zipfile.ZipFile, member: str) -> SheetScan:
    """Error cells and the sheet's extent, in one streaming pass over the worksheet XML.

    Error cells (#DIV/0!, #REF!) are cells of type "e"; python-calamine reads them as empty
    strings, so they are found here (the regex only runs on the rare chunks that hold one).
    The extent matters because the parser allocates every cell from A1 to the farthest one
    referenced: one stray value in XFD1048576 asks for 17 billion cells and aborts the
    process without a word."""
    scan = SheetScan([])
    pending = b""
    with archive.open(member) as stream:
        while True:
            chunk = stream.read(CHUNK)
            data = pending + chunk
            cut = _last_cell_start(data) if chunk else len(data)
            # The complete cells, padded for _quick_scan: one copy of the chunk, not two.
            padded, pending = data[:cut] + _PADDING, data[cut:]
            rows, has_errors = _quick_scan(padded, cut)
            complete = padded[:cut] if rows is None or has_errors else b""
            if rows is None:
                _regex_extent(complete, scan)
                has_errors = b't="e"' in complete
            else:
                scan.rows = max(scan.rows, rows)
            if b"<f" in padded or b":f" in padded:  # formulas without a value (issue 12)
                from report.inputs.checks import formula_cells

                scan.errors.extend(formula_cells(padded[:cut]))
            if has_errors:
                for match in _ERROR_CELL.finditer(complete):
                    letters, row, inner = match.groups()
                    value = _VALUE.search(inner)
                    text = value.group(1).decode("utf-8", "replace") if value else "#FEL"
                    scan.errors.append((int(row) - 1, _column_index(letters.decode()), text))
            if not chunk:
                return scan


def _regex_extent(data: bytes, scan: SheetScan) -> None:
    """The extent exactly, by regular expressions (each pass looks at every r= in `data`)."""
    if _ODD_SPACING.search(data):
        for letters, row in _ANY_REFERENCE.findall(data):
            scan.rows = max(scan.rows, int(row))
            if letters:
                scan.columns = max(scan.columns, _column_index(letters.decode()) + 1)
        return
    for pattern in (_ROW_NUMBER, _DEEP_CELL):
        found = pattern.findall(data)
        if found:
            scan.rows = max(scan.rows, *map(int, found))
    for letters in set(_WIDE_CELL.findall(data)):
        scan.columns = max(scan.columns, _column_index(letters.decode()) + 1)


@functools.cache
def _byte_classes() -> tuple[Any, Any]:
    """Digits and ASCII letters as lookup tables for numpy (imported here, on first use)."""
    import numpy as np

    digits, letters = np.zeros(256, dtype=bool), np.zeros(256, dtype=bool)
    digits[0x30:0x3A] = True
    letters[0x41:0x5B] = letters[0x61:0x7B] = True
    return digits, letters


_PAD = 24  # bytes after the data, so every look-ahead below stays inside the array
_PADDING = bytes(_PAD)


def _quick_scan(padded: bytes, size: int) -> tuple[int | None, bool]:
    """What _regex_extent finds in `data`, with a few numpy passes over the whole chunk
    instead of one Python-level regex step per reference (a million-row sheet has millions
    of them): the highest row number of the row references (r="123"). None when the chunk
    holds anything only the regex pass decides: white space next to an "=", a reference
    with two or more column letters (the sheet may be wide) or with seven or more row
    digits (it may be deep), or a number of more than 15 digits. Those chunks are rare
    (the first one, with xmlns:r="http://...", is one), and the regex pass reads them."""
    import numpy as np

    digit, letter = _byte_classes()
    a = np.frombuffer(padded, dtype=np.uint8)
    equals = np.flatnonzero(a[:size] == 0x3D)
    before, after = a[equals - 1], a[equals + 1]
    # Error cells: is there a t="e" (the same as b't="e"' in data, without another pass)?
    types = equals[(before == 0x74) & (after == 0x22)]
    has_errors = bool(((a[types + 2] == 0x65) & (a[types + 3] == 0x22)).any())
    # White space (and other control characters, to be safe) next to an "=".
    if (before <= 0x20).any() or (after <= 0x20).any():
        return None, has_errors
    starts = equals[(before == 0x72) & ((after == 0x22) | (after == 0x27))] + 2  # r=" r='
    first = a[starts]
    cells = starts[letter[first]]
    if letter[a[cells + 1]].any():
        return None, has_errors
    deep = cells
    for k in (7, 1, 2, 3, 4, 5, 6):  # seven row digits or more (+7 rules out most at once)
        deep = deep[digit[a[deep + k]]]
    if deep.size:
        return None, has_errors
    numbers = starts[digit[first]]
    value = np.zeros(numbers.size, dtype=np.int64)
    length = np.zeros(numbers.size, dtype=np.int64)
    active = np.ones(numbers.size, dtype=bool)
    for k in range(16):
        found = a[numbers + k]
        active &= digit[found]
        if not active.any():
            break
        value[active] = value[active] * 10 + (found[active] - 0x30)
        length += active
    else:
        return None, has_errors
    end = a[numbers + length]
    closed = (end == 0x22) | (end == 0x27)
    return (int(value[closed].max()) if closed.any() else 0), has_errors


def _last_cell_start(data: bytes) -> int:
    """Where the last, possibly incomplete, cell in `data` starts: every cell before it is
    complete (cells do not nest, and '<' inside text is always escaped)."""
    best = data.rfind(b"<c ")
    best = max(data.rfind(b"<c>", best + 1), best, 0)  # only after the last "<c ": no rescan
    prefixed = data.rfind(b":c ", best + 1)
    if prefixed > best:
        opening = data.rfind(b"<", 0, prefixed)
        if opening >= 0 and re.fullmatch(rb"<\w+", data[opening:prefixed]):
            best = opening
    return best


def _column_index(letters: str) -> int:
    index = 0
    for ch in letters.upper():
        index = index * 26 + ord(ch) - 64
    return index - 1
