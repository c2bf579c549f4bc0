"""The scan of every sheet for Swedish personal identity numbers: the report warns about the
cells (never the numbers) so the analyst can remove them from the export.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from report.inputs.kinds.cells import SheetColumns, a1, distinct_cells
from report.inputs.sheets import RawSheet

# YYMMDD-XXXX / YYMMDD+XXXX, or YYYYMMDDXXXX with or without the separator.
_PERSONAL_NUMBER_BYTES = re.compile(
    rb"(?<![\d-])(?:(?:18|19|20)(\d{6})[-+]?|(\d{6})[-+])(\d{4})(?!\d)"
)
_DIGIT_MASK = bytes(0x30 if 0x30 <= b <= 0x39 else 0x2D if b in b"-+" else 0x2E for b in range(256))
_PERSONAL_NUMBER_CELLS_SHOWN = 5
_SCAN_BLOCK_CELLS = 200_000


def is_personal_number(digits: str | bytes) -> bool:
    """Ten digits YYMMDDNNNC: a real month and day (day + 60 for a coordination number) and
    a valid Luhn check digit."""
    if isinstance(digits, bytes):
        digits = digits.decode("ascii")
    month, day = int(digits[2:4]), int(digits[4:6])
    if not 1 <= month <= 12 or not (1 <= day <= 31 or 61 <= day <= 91):
        return False
    total = 0
    for i, ch in enumerate(digits):
        n = int(ch) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def personal_number_cells(
    sheet: RawSheet, columns: SheetColumns | None = None
) -> list[tuple[int, int]]:
    """(0-based row, column) of every cell that holds something like a Swedish personal
    identity number, in row order. Vectorised, column by column and in blocks of cells (so
    memory stays small for a million rows): the text cells of a block are joined into one
    byte string, digits and separators are mapped by one `bytes.translate`, and C-speed
    `find` looks for the only shapes a personal number can have (six digits, a hyphen or
    plus and four digits; or twelve digits). Only those few cells are checked by regex and
    Luhn. A whole number of twelve digits (a personal number typed without a hyphen) counts
    too. Blocks without text are looked at by type first; a column that validation parses by
    distinct value, and a block of mixed cells, are scanned by their distinct values."""
    import numpy as np

    columns = columns or SheetColumns(sheet)
    found: list[tuple[int, int]] = []
    for col in range(columns.width):
        if col in columns.parsed:
            try:
                distinct, codes = columns.distinct(col)
            except TypeError:
                pass
            else:
                hits = _personal_numbers_in([_scanned_text(c) for c in distinct])
                if hits:
                    found.extend(
                        (row, col) for row in np.flatnonzero(np.isin(codes, hits)).tolist()
                    )
                continue
        found.extend((row, col) for row in _personal_numbers_in_column(columns.get(col)))
    return sorted(found)


_NEVER_SCANNED = frozenset((type(None), bool, int, dt.date, dt.datetime, dt.time, dt.timedelta))


def _personal_numbers_in_column(cells: list[Any]) -> list[int]:
    import numpy as np

    found: list[int] = []
    for first in range(0, len(cells), _SCAN_BLOCK_CELLS):
        block = cells[first : first + _SCAN_BLOCK_CELLS]
        try:
            text = "\x00".join(block)
        except TypeError:  # not only text
            kinds = set(map(type, block))
            if kinds <= _NEVER_SCANNED:
                continue
            if kinds <= _NEVER_SCANNED | {float}:  # numbers: only twelve-digit ones count
                numbers = np.array(
                    [c if c.__class__ is float else 0.0 for c in block]
                    if len(kinds) > 1
                    else block,
                    dtype=float,
                )
                candidates = np.flatnonzero((numbers >= 1.8e11) & (numbers < 2.1e11))
                hits = _personal_numbers_in([_scanned_text(block[i]) for i in candidates])
                found.extend(first + int(candidates[i]) for i in hits)
                continue
            distinct, codes = distinct_cells(block)
            hits = _personal_numbers_in([_scanned_text(c) for c in distinct])
            if hits:
                found.extend((first + np.flatnonzero(np.isin(codes, hits))).tolist())
            continue
        found.extend(first + i for i in _personal_numbers_in_text(text))
    return found


def _scanned_text(cell: Any) -> str:
    """The text a cell is scanned as: text as it is, a whole number of twelve digits as its
    digits, anything else not at all."""
    if cell.__class__ is str:
        return cell
    if cell.__class__ is float and 1.8e11 <= cell < 2.1e11:
        return f"{cell:.0f}"
    return ""


def _personal_numbers_in(texts: list[str]) -> list[int]:
    return _personal_numbers_in_text("\x00".join(texts))


def _personal_numbers_in_text(joined: str) -> list[int]:
    """Indices of the NUL-separated cells of `joined` that hold a personal number."""
    data = joined.encode("utf-8")
    mask = data.translate(_DIGIT_MASK)
    starts = set()
    for shape in (b"000000-0000", b"000000000000"):
        position = mask.find(shape)
        while position >= 0:
            cell_start = data.rfind(b"\x00", 0, position) + 1
            starts.add(cell_start)
            cell_end = data.find(b"\x00", position)
            position = mask.find(shape, cell_end) if cell_end >= 0 else -1
    found = []
    index, counted = 0, 0
    for cell_start in sorted(starts):
        index += data.count(b"\x00", counted, cell_start)
        counted = cell_start
        cell_end = data.find(b"\x00", cell_start)
        text = data[cell_start : cell_end if cell_end >= 0 else len(data)]
        if any(
            is_personal_number((m.group(1) or m.group(2)) + m.group(3))
            for m in _PERSONAL_NUMBER_BYTES.finditer(text)
        ):
            found.append(index)
    return found


def personal_number_warnings(sheet: RawSheet, columns: SheetColumns | None = None) -> list[str]:
    """One warning per sheet naming the cells (never the numbers)."""
    cells = personal_number_cells(sheet, columns)
    if not cells:
        return []
    shown = ", ".join(a1(r, c) for r, c in cells[:_PERSONAL_NUMBER_CELLS_SHOWN])
    more = len(cells) - _PERSONAL_NUMBER_CELLS_SHOWN
    where = f"cell {shown}" + (f" och {more} celler till" if more > 0 else "")
    return [
        f"VARNING – personuppgifter: {sheet.file}, bladet ”{sheet.name}”, {where}: ser ut "
        "att innehålla personnummer. Exporten innehåller alltså personuppgifter, och "
        "sådana ska inte ligga i den här mappen. Ta bort dem ur exporten (eller be om en "
        "export utan dem) och radera filen när rapporten är klar. Rapporten visar aldrig "
        "numren."
    ]
