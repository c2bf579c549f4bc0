"""From raw sheets to typed, validated tables.

Finds the header row, decides what each sheet is (activity log or survey data) from its
headers, converts every cell and collects every problem before raising, so the analyst sees
them all at once.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

import pandas as pd

from .columns import (
    ACTIVITY,
    COLUMNS,
    SURVEY,
    alias_table,
    closest,
    columns_of,
    headers_for,
    title_of,
)
from .errors import InputError, Problem, column_letter
from .input_checks import FORMULA_MARK, formula_problem, same_meaning_problems
from .load import RawSheet, RawWorkbook, gc_paused
from .promise import MUNICIPALITY, POLICE, Indicator, Promise, normalize_label, parse_responsible

MAX_COUNT = 1_000_000
HEADER_SEARCH_ROWS = 11  # the header may sit below up to 10 title rows
BOTH = "Polisen och kommunen"
FIRST_VALID_DATE = dt.date(2000, 1, 1)

GIRLS, BOYS, ALL = "Flickor", "Pojkar", "Alla"
_SEXES = {
    **dict.fromkeys(("flickor", "flicka", "tjej", "tjejer", "f", "kvinnor"), GIRLS),
    **dict.fromkeys(("pojkar", "pojke", "kille", "killar", "p", "män"), BOYS),
    **dict.fromkeys(("alla", "totalt", "samtliga", "total", "båda könen", "båda"), ALL),
}
_SURVEYS = {
    "elsa": ("elsa", "elevhälsodatabasen", "elevhälsodatabas", "elsa-enkäten"),
    "elevers drogvanor": (
        "elevers drogvanor",
        "elevs drogvanor",
        "drogvaneundersökningen",
        "drogvaneenkäten",
        "drogvanor",
    ),
}

ACTIVITY_FRAME_COLUMNS = (
    "date",
    "activity",
    "count",
    "responsible",
    "place",
    "file",
    "sheet",
    "row",
)
SURVEY_FRAME_COLUMNS = (
    "year",
    "survey",
    "grade",
    "sex",
    "indicator",
    "value",
    "respondents",
    "area",
    "file",
    "sheet",
    "cell",
)


@dataclass(frozen=True)
class YearColumn:
    """One year column of a wide survey sheet: the share or the respondents of that year."""

    year: int
    col: int
    role: str  # VALUE or COUNT


@dataclass(frozen=True)
class Header:
    row: int  # 0-based index into the sheet's rows
    kind: str
    columns: dict[str, int]
    years: tuple[YearColumn, ...] = ()


@dataclass(frozen=True)
class SourceSheet:
    """What one sheet contributed: shown in Om underlaget and by `make check`."""

    file: str
    sheet: str
    kind: str
    rows: int
    first: str
    last: str


@dataclass(frozen=True)
class Dataset:
    activities: pd.DataFrame
    survey: pd.DataFrame
    sources: tuple[SourceSheet, ...]
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def data_end(self) -> dt.date | None:
        if self.activities.empty:
            return None
        return self.activities["date"].max().date()


# --- header detection -------------------------------------------------------------------


def detect_header(
    sheet: RawSheet, table: dict[str, str], today: dt.date | None = None
) -> Header | list[Problem] | None:
    """The header row and its columns; problems if it is incomplete; None if unrecognised.

    A survey sheet is either long (one row per value, an År and an Andel column) or wide
    (one row per indicator × grade × sex and one column per year, optionally followed by
    respondent-count columns)."""
    best: tuple[int, int, str, dict[str, int], list[tuple[int, int, str | None]]] | None = None
    for index, row in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
        found: dict[str, int] = {}
        for col, cell in enumerate(row):
            key = table.get(normalize_label(cell)) if isinstance(cell, str) else None
            if key and key not in found:
                found[key] = col
        for kind in (ACTIVITY, SURVEY):
            keys = {c.key for c in columns_of(kind)}
            score = len(keys & found.keys())
            if score and (best is None or score > best[0]):
                best = (score, index, kind, {k: v for k, v in found.items() if k in keys}, [])
        years = [
            (col, *parsed)
            for col, cell in enumerate(row)
            if col not in found.values() and (parsed := year_header(cell, table))
        ]
        if years and "ar" not in found:
            wide = {k: v for k, v in found.items() if k in WIDE_KEYS}
            taken = {col for col, *_ in years} | set(wide.values())
            above = sheet.rows[index - 1] if index else []
            for col, cell in enumerate(above):  # a two-row header: keys in the row above
                key = table.get(normalize_label(cell)) if isinstance(cell, str) else None
                if key in WIDE_KEYS and key not in wide and col not in taken:
                    wide[key] = col
            # Block labels ('Andel (%)', 'Antal svarande') count as recognised wide headers.
            start = min(col for col, *_ in years) - 1
            labels = sum(
                1
                for cells in (row, above)
                for col, cell in enumerate(cells)
                if col >= start and col not in wide.values() and block_label(cell, table)
            )
            score = len(wide) + 1 + labels
            if best is None or score > best[0]:
                best = (score, index, WIDE, wide, years)
    if best is None or best[0] < 2:
        return None
    _, index, kind, found, years = best
    if kind == WIDE:
        required = [c for c in columns_of(SURVEY) if c.key in WIDE_REQUIRED]
    else:
        required = [c for c in columns_of(kind) if c.required]
    missing = [c for c in required if c.key not in found]
    if not missing:
        if kind != WIDE:
            return same_meaning_problems(
                sheet.file, sheet.name, index, sheet.rows[index], table, found
            ) or Header(index, kind, found)
        resolved, problems = _resolve_years(sheet, index, found, years, table, today)
        return problems or Header(index, kind, found, resolved)
    row = sheet.rows[index]
    problems = []
    for column in missing:
        unmatched = [
            (col, cell)
            for col, cell in enumerate(row)
            if isinstance(cell, str) and cell.strip() and col not in found.values()
        ]
        guess = None
        for col, cell in unmatched:
            if closest(cell, headers_for(column.key, table), cutoff=0.7):
                guess = (col, cell)
                break
        if guess:
            message = (
                f"Kolumnen ”{column.title}” saknas. Rubriken ”{guess[1]}” liknar "
                f"”{column.title}” – rätta rubriken till ”{column.title}”."
            )
            problems.append(Problem(sheet.file, message, sheet.name, index + 1, guess[0]))
        else:
            names = ", ".join(f"”{a}”" for a in (column.title, *column.aliases[1:4]))
            message = (
                f"Kolumnen ”{column.title}” saknas i rubrikraden. Lägg till en kolumn "
                f"med rubriken {names}."
            )
            problems.append(Problem(sheet.file, message, sheet.name, index + 1))
    return problems


# --- the wide survey layout: year columns ------------------------------------------------

VALUE, COUNT = "andel", "antal svarande"
WIDE = "enkätdata, brett format"
WIDE_KEYS = ("undersokning", "arskurs", "kon", "indikator", "omrade")
WIDE_REQUIRED = ("indikator", "arskurs", "kon")
# Words beside the year in a year column's header ('Andel 2019', 'n 2019', '2019 (%)').
_VALUE_WORDS = frozenset(
    (
        "",
        "%",
        "andel",
        "andel %",
        "procent",
        "andel procent",
        "värde",
        "år",
        "ht",
        "vt",
        "hösten",
        "våren",
    )
)
_COUNT_WORDS = frozenset(
    ("n", "antal", "antal svarande", "svarande", "antal svar", "antal elever", "antal besvarade")
)
_YEAR_IN_HEADER = re.compile(r"(.*?)(?<!\d)((?:19|20)\d\d)(?!\d)(.*)")
# Cells in a wide sheet that mean "no value published" rather than a share.
NOT_PUBLISHED = frozenset((".", "..", "…", "-", "–", "—", "x", "*"))


def _words(text: str) -> str:
    return normalize_label(re.sub(r"[()\[\]:=,;_\-–]", " ", text))


def year_header(cell: Any, table: dict[str, str] | None = None) -> tuple[int, str | None] | None:
    """Year and role of a wide-format year column header, or None if it isn't one.

    2019, 2019.0, '2019', 'Andel 2019', '2019 (%)' -> share of that year; 'n 2019',
    'N 2019', 'Antal svarande 2019' -> respondents of that year. A bare year gets role
    None: a block label ('Antal svarande') beside or above it decides."""
    table = table or {}
    if isinstance(cell, bool):
        return None
    if isinstance(cell, int | float):
        if 1900 <= cell <= 2099 and cell == int(cell):  # range first: int(inf) raises
            return int(cell), None
        return None
    if not isinstance(cell, str):
        return None
    match = _YEAR_IN_HEADER.fullmatch(normalize_label(cell))
    if not match:
        return None
    year = int(match.group(2))
    words = _words(f"{match.group(1)} {match.group(3)}")
    if not words:
        return year, None
    if words in _VALUE_WORDS or table.get(words) == "andel":
        return year, VALUE
    if words in _COUNT_WORDS or table.get(words) == "antal_svarande":
        return year, COUNT
    return None


def block_label(cell: Any, table: dict[str, str]) -> str | None:
    """VALUE or COUNT for a label over or before a block of year columns ('Andel (%)',
    'Antal svarande'), else None."""
    if not isinstance(cell, str) or not cell.strip():
        return None
    words = _words(cell)
    key = table.get(normalize_label(cell)) or table.get(words)
    first = words.split(" ")[0] if words else ""
    if key == "antal_svarande" or first in ("n", "antal", "svarande"):
        return COUNT
    if key == "andel" or first in ("andel", "andelar", "procent", "%"):
        return VALUE
    return None


def _resolve_years(
    sheet: RawSheet,
    index: int,
    keys: dict[str, int],
    years: list[tuple[int, int, str | None]],
    table: dict[str, str],
    today: dt.date | None,
) -> tuple[tuple[YearColumn, ...], list[Problem]]:
    """Decide for every year column whether it holds shares or respondent counts.

    A bare year takes the role of the nearest block label to its left in the header row or
    at or to its left in the row above; without one it holds shares."""
    row = sheet.rows[index]
    above = sheet.rows[index - 1] if index else []
    # Labels left of the first year column but one are titles, not block labels.
    start = min(col for col, *_ in years) - 1
    key_cols = set(keys.values())
    labels = sorted(
        [
            (col, role, 0)
            for col, cell in enumerate(row)
            if col >= start and col not in key_cols and (role := block_label(cell, table))
        ]
        + [
            (col, role, 1)
            for col, cell in enumerate(above)
            if col >= start and col not in key_cols and (role := block_label(cell, table))
        ]
    )
    problems: list[Problem] = []
    resolved: dict[tuple[int, str], int] = {}
    for col, year, role in years:
        if role is None:
            before = [(c, r) for c, r, in_above in labels if c < col or (in_above and c == col)]
            role = before[-1][1] if before else VALUE
        last_year = today.year if today else 2099
        if not 1990 <= year <= last_year:
            problems.append(
                Problem(
                    sheet.file,
                    f"Årtalet {year} i rubriken är orimligt. "
                    f"Skriv ett år mellan 1990 och {last_year}.",
                    sheet.name,
                    index + 1,
                    col,
                )
            )
            continue
        if (year, role) in resolved:
            other = resolved[(year, role)]
            what = "andelar" if role == VALUE else "antal svarande"
            problems.append(
                Problem(
                    sheet.file,
                    f"Året {year} har två kolumner med {what} ({column_letter(other)} och "
                    f"{column_letter(col)}). Ta bort den ena, eller skriv ”Antal svarande” ovanför "
                    f"kolumnerna med antal svarande (eller ”n {year}” i rubriken).",
                    sheet.name,
                    index + 1,
                    col,
                )
            )
            continue
        resolved[(year, role)] = col
    for (year, role), col in resolved.items():
        if role == COUNT and (year, VALUE) not in resolved:
            problems.append(
                Problem(
                    sheet.file,
                    f"Kolumnen har antal svarande för {year} men det finns ingen "
                    f"kolumn med andelar för {year}. Lägg till andelarna eller ta bort kolumnen.",
                    sheet.name,
                    index + 1,
                    col,
                )
            )
    if not any(role == VALUE for _, role in resolved) and not problems:
        problems.append(
            Problem(
                sheet.file,
                "Rubrikraden har bara kolumner med antal "
                "svarande, inga andelar per år. Lägg till en "
                "kolumn per år med andelarna (t.ex. ”2023”).",
                sheet.name,
                index + 1,
            )
        )
    columns = tuple(
        YearColumn(year, col, role)
        for (year, role), col in sorted(resolved.items(), key=lambda i: i[1])
    )
    return columns, problems


# --- cell converters: value -> (result, error message) ---------------------------------


def parse_date(cell: Any) -> tuple[dt.date | None, str | None]:
    if isinstance(cell, dt.datetime):
        return cell.date(), None
    if isinstance(cell, dt.date):
        return cell, None
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        return None, "Datum saknas. Fyll i datumet (ÅÅÅÅ-MM-DD)."
    if isinstance(cell, str):
        text = cell.strip()
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            try:
                return dt.date.fromisoformat(text), None
            except ValueError:
                return None, f"”{text}” är inget giltigt datum. Kontrollera månad och dag."
        return None, (
            f"”{text}” är inte ett datum i formen ÅÅÅÅ-MM-DD. Skriv t.ex. "
            "2023-06-14 eller formatera cellen som datum i Excel."
        )
    return None, (
        f"Värdet {cell} är ett tal, inte ett datum. Formatera cellen som datum i "
        "Excel eller skriv ÅÅÅÅ-MM-DD."
    )


def parse_count(cell: Any) -> tuple[int | None, str | None]:
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        return 1, None
    value: Any = cell
    if isinstance(cell, str):
        try:
            value = float(cell.strip().replace(",", ".").replace("\u00a0", "").replace(" ", ""))
        except ValueError:
            return None, f"”{cell}” är inget antal. Skriv ett heltal (0 eller större)."
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return None, f"”{cell}” är inget antal. Skriv ett heltal (0 eller större)."
    if value < 0 or value != int(value) or value > MAX_COUNT:
        return None, (
            f"Antal {_number_text(value)} är inte tillåtet. Skriv ett heltal, 0 eller "
            "större (0 betyder att inget genomfördes den gången)"
            + (", högst 1 000 000." if value > MAX_COUNT else ".")
        )
    return int(value), None


def _number_text(value: float) -> str:
    """A number as the analyst typed it in Swedish Excel: -1, 1,5."""
    if value == int(value):
        return str(int(value))
    return repr(float(value)).replace(".", ",")


def parse_grade(cell: Any) -> str | None:
    text = normalize_label(str(cell).replace(".", " ")) if cell not in (None, "") else ""
    if isinstance(cell, float) and cell == int(cell):
        text = str(int(cell))
    if re.fullmatch(r"(förskoleklass|fk|f-klass)", text):
        return "förskoleklass"
    match = re.fullmatch(r"(?:gy|gymnasiet|gymnasium|gymn)\s*(?:år|åk|årskurs)?\s*([1-4])", text)
    if match:
        return f"gy {match.group(1)}"
    match = re.fullmatch(r"(?:åk|årskurs|ak|år|klass)?\s*([1-9])", text)
    if match:
        return f"åk {match.group(1)}"
    return None


def parse_sex(cell: Any) -> str | None:
    text = normalize_label(cell) if isinstance(cell, str) else ""
    if not text:
        return None
    return _SEXES.get(text, str(cell).strip())


def parse_percent(cell: Any) -> tuple[float | None, bool, str | None]:
    """(value, typed_as_text_with_percent_or_comma, error)."""
    if isinstance(cell, bool):
        return None, False, f"”{cell}” är ingen andel. Skriv procent, t.ex. 23 eller 23,5."
    if isinstance(cell, int | float):
        if cell != cell:
            return None, False, "Andelen saknas eller är ett felvärde. Fyll i procent 0–100."
        return float(cell), False, None
    text = str(cell).strip().replace("\u00a0", " ")
    if not text:
        return None, False, "Andelen saknas. Fyll i procent 0–100."
    match = re.fullmatch(r"(-?\d+(?:[.,]\d+)?)\s*%?", text)
    if not match:
        return None, False, f"”{text}” är ingen andel. Skriv procent, t.ex. 23 eller 23,5."
    return float(match.group(1).replace(",", ".")), True, None


def parse_respondents(cell: Any) -> tuple[int | None, str | None]:
    """A respondent count; None when empty or marked as not published ('.', '–')."""
    if cell is None or (
        isinstance(cell, str) and (not cell.strip() or cell.strip() in NOT_PUBLISHED)
    ):
        return None, None
    value, error = parse_count(cell)
    if error:
        return None, f"”{cell}” är inget antal svarande. Skriv ett heltal eller lämna tomt."
    return value, None


# --- personal identity numbers ---------------------------------------------------------

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
    found = []
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
    shown = ", ".join(_a1(r, c) for r, c in cells[:_PERSONAL_NUMBER_CELLS_SHOWN])
    more = len(cells) - _PERSONAL_NUMBER_CELLS_SHOWN
    where = f"cell {shown}" + (f" och {more} celler till" if more > 0 else "")
    return [
        f"VARNING – personuppgifter: {sheet.file}, bladet ”{sheet.name}”, {where}: ser ut "
        "att innehålla personnummer. Exporten innehåller alltså personuppgifter, och "
        "sådana ska inte ligga i den här mappen. Ta bort dem ur exporten (eller be om en "
        "export utan dem) och radera filen när rapporten är klar. Rapporten visar aldrig "
        "numren."
    ]


# --- sheets -> frames -------------------------------------------------------------------


def validate_workbooks(
    workbooks: Iterable[RawWorkbook], promise: Promise, today: dt.date
) -> Dataset:
    """Every recognised sheet of every workbook as typed frames; InputError lists all problems.

    The garbage collector rests meanwhile: the columns of a large sheet are lists of a
    million cells, and every young-generation collection would walk them (0.3 s for a
    million rows); they hold no cycles and are freed as soon as the sheet is done."""
    with gc_paused():
        return _validate_workbooks(workbooks, promise, today)


def _validate_workbooks(
    workbooks: Iterable[RawWorkbook], promise: Promise, today: dt.date
) -> Dataset:
    table = alias_table(promise.column_aliases)
    problems: list[Problem] = []
    notes: list[str] = []
    activity_frames, survey_frames, sources = [], [], []
    for book in workbooks:
        recognised = 0
        for sheet in book.sheets:
            columns = SheetColumns(sheet)
            header = detect_header(sheet, table, today) if sheet.visible else None
            if isinstance(header, Header) and header.kind == ACTIVITY:
                # Parsed by distinct value below: the scan looks at those values too.
                columns.parsed = {
                    header.columns[k] for k in _ACTIVITY_FIELDS if k in header.columns
                }
            notes.extend(personal_number_warnings(sheet, columns))
            if not sheet.visible:
                notes.append(f"{book.file}: bladet ”{sheet.name}” är dolt och lästes inte.")
                continue
            if header is None:
                if any(any(str(c).strip() for c in row) for row in sheet.rows):
                    notes.append(
                        f"{book.file}: bladet ”{sheet.name}” har inga kända "
                        "kolumnrubriker och lästes inte."
                    )
                continue
            recognised += 1
            if isinstance(header, list):
                header_row = (header[0].row or 1) - 1
                problems.extend(_merged_header_problems(sheet, header_row, None))
                problems.extend(header)
                continue
            screen = _Screen.of(sheet, header, problems)
            if header.kind == ACTIVITY:
                frame, source = _activity_frame(
                    sheet, header, promise, today, problems, screen, columns
                )
                activity_frames.append(frame)
            else:
                frame, source, note = _survey_frame(sheet, header, promise, today, problems, screen)
                survey_frames.append(frame)
                notes.extend(note)
            sources.append(source)
        if recognised == 0:
            problems.append(Problem(book.file, _unrecognised_message(book)))
    survey = _concat(survey_frames, SURVEY_FRAME_COLUMNS)
    problems.extend(_conflicting_survey_values(survey))
    if problems:
        raise InputError(problems)
    activities = _concat(activity_frames, ACTIVITY_FRAME_COLUMNS)
    activities["date"] = pd.to_datetime(activities["date"])
    survey = survey.drop_duplicates(
        subset=["area", "survey", "indicator", "grade", "sex", "year"]
    ).reset_index(drop=True)
    return Dataset(activities, survey, tuple(sources), tuple(notes))


def _unrecognised_message(book: RawWorkbook) -> str:
    def has_content(sheet: RawSheet) -> bool:
        return any(any(str(c).strip() for c in row) for row in sheet.rows)

    if not any(has_content(sheet) for sheet in book.sheets):
        return (
            "Arbetsboken är tom: inget blad har något innehåll. Kontrollera att exporten "
            "blev rätt och exportera på nytt, eller ta bort filen ur inputs/."
        )
    if not any(has_content(sheet) for sheet in book.sheets if sheet.visible):
        hidden = ", ".join(f"”{s.name}”" for s in book.sheets if not s.visible)
        return (
            f"Arbetsboken har bara dolda blad med innehåll ({hidden}), och dolda blad läses "
            "inte. Om bladet ska med: högerklicka på en bladflik i Excel, välj Ta fram och "
            "spara."
        )
    first = next(
        (
            row
            for sheet in book.sheets
            if sheet.visible
            for row in sheet.rows
            if any(str(c).strip() for c in row)
        ),
        [],
    )
    seen = ", ".join(f"”{c}”" for c in first if str(c).strip())[:200] or "inga värden"
    wanted_a = ", ".join(c.title for c in columns_of(ACTIVITY) if c.required)
    wanted_s = ", ".join(c.title for c in columns_of(SURVEY) if c.required)
    return (
        f"Filen känns inte igen. Första raden med innehåll har: {seen}. En aktivitetslogg "
        f"behöver kolumnerna {wanted_a}; enkätdata behöver {wanted_s}. Lägg filen "
        "utanför inputs/ om den inte hör till rapporten."
    )


def _concat(frames: list[pd.DataFrame], columns: tuple[str, ...]) -> pd.DataFrame:
    frames = [f for f in frames if not f.empty]
    if not frames:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    if len(frames) == 1:  # what concat would give, without copying a million rows
        return frames[0].reset_index(drop=True)
    return pd.concat(frames, ignore_index=True)


def _body(sheet: RawSheet, header: Header, screen: _Screen) -> list[tuple[int, list[Any]]]:
    """(Excel row number, cells) for every non-empty row below the header (a row holding
    only error cells is not empty: calamine reads those as '')."""
    start = header.row + 1
    error_rows = {row for row, _ in screen.errors}
    return [
        (start + i + 1, row)
        for i, row in enumerate(sheet.rows[start:])
        if any(c is not None and c != "" for c in row) or start + i + 1 in error_rows
    ]


# Columns whose values are used (Plats and Kommentar are read but never used).
_USED = frozenset(c.key for c in COLUMNS) - {"plats", "kommentar"}


@dataclass
class _Screen:
    """Cells that must not be parsed: error cells (#DIV/0!, #REF!: calamine reads them as
    empty) and cells hidden under a merged range. Each gets exactly one problem."""

    sheet: RawSheet
    problems: list[Problem]
    errors: dict[tuple[int, int], str]  # (Excel row, 0-based column) -> '#DIV/0!'
    covered: set[tuple[int, int]]

    @classmethod
    def of(cls, sheet: RawSheet, header: Header, problems: list[Problem]) -> _Screen:
        used = {col: key for key, col in header.columns.items() if key in _USED}
        used.update(
            (year.col, "andel" if year.role == VALUE else "antal_svarande") for year in header.years
        )
        errors = {
            (row + 1, col): text
            for row, col, text in sheet.errors
            if row >= header.row and col in used
        }
        problems.extend(_merged_header_problems(sheet, header.row, used))
        covered = set()
        for first_row, first_col, last_row, last_col in sheet.merged:
            if last_row <= header.row or (first_row == last_row and first_col == last_col):
                continue
            cols = [c for c in range(first_col, last_col + 1) if c in used]
            if first_row > header.row and cols:
                col = cols[0]
                top, bottom = _a1(first_row, first_col), _a1(last_row, last_col)
                problems.append(
                    Problem(
                        sheet.file,
                        f"Cellerna {top}:{bottom} är sammanfogade, så bara {top} har "
                        "ett värde och de andra cellerna blir tomma. Dela upp cellerna (Start → "
                        "Sammanfoga och centrera → Dela upp celler) och fyll i värdet i varje "
                        "cell.",
                        sheet.name,
                        first_row + 1,
                        first_col,
                        title_of(used[col]),
                    )
                )
            covered.update(
                (r + 1, c)
                for r in range(max(first_row, header.row + 1), last_row + 1)
                for c in range(first_col, last_col + 1)
                if (r, c) != (first_row, first_col)
            )
        return cls(sheet, problems, errors, covered)

    def blocked(self, excel_row: int, col: int | None, key: str) -> bool:
        if col is None:
            return False
        error = self.errors.get((excel_row, col))
        if error is not None:
            self.problems.append(self.error_problem(excel_row, col, key, error))
            return True
        return (excel_row, col) in self.covered

    def error_problem(self, excel_row: int, col: int, key: str, error: str) -> Problem:
        if error.startswith(FORMULA_MARK):  # a formula without a computed value
            return formula_problem(
                self.sheet.file, self.sheet.name, excel_row, col, title_of(key), error
            )
        return Problem(
            self.sheet.file,
            f"Cellen innehåller felvärdet {error} i stället för ett värde "
            "(en formel som inte går att räkna ut). Rätta formeln eller skriv in värdet.",
            self.sheet.name,
            excel_row,
            col,
            title_of(key),
        )

    def blocked_in_column(self, col: int | None, numbers: Any) -> dict[int, str | None]:
        """Index into `numbers` (ascending Excel rows) -> the error text of an error cell,
        or None for a cell under a merged range: the cells of column `col` that must not be
        parsed."""
        if col is None or not (self.errors or self.covered):
            return {}
        rows = {row: text for (row, c), text in self.errors.items() if c == col}
        rows.update(
            (row, None) for row, c in self.covered if c == col and (row, col) not in self.errors
        )
        if not rows:
            return {}
        import numpy as np

        numbers = np.asarray(numbers)
        wanted = sorted(rows)
        where = np.searchsorted(numbers, wanted).tolist()
        return {
            i: rows[row]
            for row, i in zip(wanted, where, strict=True)
            if i < len(numbers) and numbers[i] == row
        }


def _merged_header_problems(
    sheet: RawSheet, header_row: int, used: dict[int, str] | None
) -> list[Problem]:
    """Merged cells in the header row: each column needs a header of its own."""
    problems = []
    for first_row, first_col, last_row, last_col in sheet.merged:
        if not first_row <= header_row <= last_row:
            continue
        if used is not None and not any(c in used for c in range(first_col, last_col + 1)):
            continue
        top, bottom = _a1(first_row, first_col), _a1(last_row, last_col)
        problems.append(
            Problem(
                sheet.file,
                f"Rubrikcellerna {top}:{bottom} är sammanfogade. Varje kolumn behöver "
                "en egen rubrik i en egen cell på rubrikraden: dela upp cellerna (Start → "
                "Sammanfoga och centrera → Dela upp celler) och skriv en rubrik i varje kolumn.",
                sheet.name,
                first_row + 1,
                first_col,
            )
        )
    return problems


def _a1(row: int, col: int) -> str:
    return f"{column_letter(col)}{row + 1}"


def _cell(row: list[Any], col: int | None) -> Any:
    if col is None or col >= len(row):
        return ""
    return row[col]


class SheetColumns:
    """The columns of one sheet, each gathered once (a column of a million-row sheet takes
    50 ms to gather, and as long to hash): the personal-number scan reads every column,
    validation then the ones it uses. Columns are kept while they hold at most KEEP_CELLS
    cells in all; the distinct values of the columns in `parsed` are kept too."""

    KEEP_CELLS = 20_000_000

    def __init__(self, sheet: RawSheet) -> None:
        self.rows = sheet.rows
        lengths = set(map(len, self.rows))
        self.width, self.shortest = max(lengths, default=0), min(lengths, default=0)
        self.parsed: set[int] = set()  # columns validation parses by distinct value
        self.kept: dict[int | None, list[Any]] = {}
        self.distincts: dict[int | None, tuple[list[Any], Any]] = {}

    def get(self, col: int | None) -> list[Any]:
        """Column `col` of every row ('' where a row is too short, or for no column)."""
        if col in self.kept:
            return self.kept[col]
        cells = _column_cells(self.rows, col, self.shortest)
        if (len(self.kept) + 1) * len(self.rows) <= self.KEEP_CELLS:
            self.kept[col] = cells
        return cells

    def distinct(self, col: int | None) -> tuple[list[Any], Any]:
        """distinct_cells() of column `col` (TypeError if a cell is unhashable)."""
        if col not in self.distincts:
            whole = col is not None and col < self.shortest and col not in self.kept
            self.distincts[col] = distinct_cells(
                _ColumnView(self.rows, col) if whole else self.get(col)
            )
        return self.distincts[col]


class _ColumnView(Sequence[Any]):
    """Column `col` of rows that all reach it, without gathering it into a list first."""

    def __init__(self, rows: list[list[Any]], col: int) -> None:
        self.rows, self.col = rows, col

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[Any]:
        return map(itemgetter(self.col), self.rows)

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return [row[self.col] for row in self.rows[index]]
        return self.rows[index][self.col]


def distinct_cells(cells: Sequence[Any]) -> tuple[list[Any], Any]:
    """The distinct values of `cells` in order of first occurrence, and for every cell the
    index of its value among them (a numpy array): one C-speed dictionary pass. Values are
    keyed by type as well when the cells mix number types, so 1, 1.0 and True stay apart
    (they read differently); an equal value of the same type takes the first one's place.
    TypeError if a cell is unhashable."""
    keys, (codes, first) = cells, _codes(cells)
    if any(isinstance(value, int | float) for value in first):
        numbers = [kind for kind in set(map(type, cells)) if issubclass(kind, int | float)]
        if len(numbers) > 1:
            keys = list(zip(map(type, cells), cells, strict=True))
            codes, first = _codes(keys)
    return ([key[1] for key in first] if keys is not cells else list(first)), codes


def _codes(keys: Sequence[Any]) -> tuple[Any, dict[Any, int]]:
    """Per key, the number of distinct keys before its first occurrence; and those keys.
    A missing key gets the dictionary's length as its code (default_factory), so the
    whole pass runs in C."""
    import numpy as np

    code: defaultdict[Any, int] = defaultdict()
    code.default_factory = code.__len__
    return np.fromiter(map(code.__getitem__, keys), dtype=np.intp, count=len(keys)), code


@dataclass
class ParsedColumn:
    """A column parsed once per distinct value: values[codes] is the column."""

    cells: list[Any]  # the distinct cell values, in order of first occurrence
    values: list[Any]  # the parsed value of each
    errors: dict[int, str]  # index into values -> the problem with that cell value
    codes: Any  # numpy array: per cell, an index into values

    def errors_at(self) -> list[tuple[int, str]]:
        """(cell index, message) of every cell whose value has a problem, in order."""
        if not self.errors:
            return []
        import numpy as np

        bad = np.flatnonzero(np.isin(self.codes, list(self.errors)))
        return [(int(i), self.errors[int(self.codes[i])]) for i in bad]

    def to_list(self) -> list[Any]:
        return [self.values[i] for i in self.codes.tolist()]

    def series(self, convert: Callable[[pd.Series], pd.Series] | None = None) -> pd.Series:
        """The column as pandas would type it from the list of its values: the type is
        inferred from the distinct values that occur, then spread by index (no per-cell
        inference). `convert` (pd.to_datetime, say) is applied to the distinct values."""
        import numpy as np

        counts = np.bincount(self.codes, minlength=len(self.values))
        present = np.flatnonzero(counts)
        codes = self.codes
        if len(present) < len(self.values):
            renumber = np.full(len(self.values), -1, dtype=np.intp)
            renumber[present] = np.arange(len(present))
            codes = renumber[codes]
        values = pd.Series(
            [self.values[i] for i in present], dtype=None if len(present) else object
        )
        if convert:
            values = convert(values)
        return values.take(codes).reset_index(drop=True)


def parse_column(
    cells: Sequence[Any], parse: Callable[[Any], tuple[Any, str | None]]
) -> ParsedColumn:
    """parse() of every cell, computed once per distinct value (a million-row log holds a
    few thousand distinct dates and a handful of activity names); see distinct_cells."""
    import numpy as np

    try:
        distinct, codes = distinct_cells(cells)
    except TypeError:  # an unhashable cell: every cell is a value of its own
        distinct, codes = list(cells), np.arange(len(cells), dtype=np.intp)
    return parse_distinct(distinct, codes, parse)


def parse_distinct(
    distinct: list[Any], codes: Any, parse: Callable[[Any], tuple[Any, str | None]]
) -> ParsedColumn:
    values, errors = [], {}
    for index, cell in enumerate(distinct):
        value, error = parse(cell)
        values.append(value)
        if error:
            errors[index] = error
    return ParsedColumn(distinct, values, errors, codes)


def _column_cells(rows: list[list[Any]], col: int | None, shortest: int) -> list[Any]:
    """One column of `rows` ('' where a row is too short, or for a missing column)."""
    if col is None:
        return [""] * len(rows)
    if col < shortest:
        return list(map(itemgetter(col), rows))
    return [_cell(row, col) for row in rows]


def _is_empty(cell: Any) -> bool:
    return cell is None or cell == ""


def activity_lookup(promise: Promise) -> dict[str, str]:
    """Normalised id, name or alias -> activity id."""
    lookup = {}
    for activity in promise.activities:
        for name in (activity.id, activity.name, *activity.aliases):
            lookup[normalize_label(name)] = activity.id
    return lookup


Parse = Callable[[Any], tuple[Any, str | None]]


def activity_parsers(promise: Promise, today: dt.date) -> dict[str, Parse]:
    """Column key -> the parse of one cell of an activity log."""
    lookup = activity_lookup(promise)
    known = [n for a in promise.activities for n in (a.name, *a.aliases)]

    def parse_activity(cell: Any) -> tuple[str | None, str | None]:
        text = str(cell).strip() if cell is not None else ""
        if not text:
            return None, "Aktivitet saknas. Fyll i vilken aktivitet som genomfördes."
        found = lookup.get(normalize_label(text))
        if found:
            return found, None
        guess = closest(text, known, cutoff=0.5)
        hint = f" Menade du ”{guess}”?" if guess else ""
        owner = (
            f"aktiviteten ”{lookup[normalize_label(guess)]}”"
            if guess
            else "den aktivitet det gäller"
        )
        return None, (
            f"Aktiviteten ”{text}” finns inte i löftet.{hint} Rätta cellen, eller "
            f"lägg till namnet som alias under {owner} i "
            f'medborgarlofte.toml: alias = [..., "{text}"].'
        )

    def parse_date_in_range(cell: Any) -> tuple[dt.date | None, str | None]:
        day, error = parse_date(cell)
        if day and day > today:
            return None, (
                f"Datumet {day.isoformat()} ligger efter dagens datum "
                f"({today.isoformat()}). Rätta datumet."
            )
        if day and day < FIRST_VALID_DATE:
            return None, f"Datumet {day.isoformat()} är före år 2000. Rätta datumet."
        return day, error

    def parse_party(cell: Any) -> tuple[str | None, str | None]:
        text = str(cell).strip() if cell is not None else ""
        if not text:
            return None, None
        parties = parse_responsible(text)
        if not parties:
            return None, (
                f"”{text}” är ingen känd ansvarig part. Skriv Polisen, Kommunen eller "
                "Polisen och kommunen – eller lämna tomt."
            )
        return (BOTH if len(parties) == 2 else next(iter(parties))), None

    def parse_place(cell: Any) -> tuple[str, None]:
        return str(cell).strip(), None

    return {
        "datum": parse_date_in_range,
        "aktivitet": parse_activity,
        "antal": parse_count,
        "ansvarig": parse_party,
        "plats": parse_place,
    }


_ACTIVITY_FIELDS = ("datum", "aktivitet", "antal", "ansvarig")  # checked, in this order


def _activity_frame(
    sheet: RawSheet,
    header: Header,
    promise: Promise,
    today: dt.date,
    problems: list[Problem],
    screen: _Screen,
    columns: SheetColumns | None = None,
) -> tuple[pd.DataFrame, SourceSheet]:
    """The typed activity rows of one sheet, column by column: every distinct value is parsed
    once, and problems are made only for the cells that have one, in the order a reading row
    by row finds them (each row's Datum, Aktivitet, Antal, Ansvarig)."""
    import numpy as np

    parsers = activity_parsers(promise, today)
    start = header.row + 1
    rows = sheet.rows[start:]
    sheet_columns = columns or SheetColumns(sheet)
    columns = {}
    for key in _ACTIVITY_FIELDS:
        col = header.columns.get(key)
        try:
            distinct, codes = sheet_columns.distinct(col)
        except TypeError:  # an unhashable cell
            columns[key] = parse_column(sheet_columns.get(col)[start:], parsers[key])
        else:
            columns[key] = parse_distinct(distinct, codes[start:], parsers[key])
    places = sheet_columns.get(header.columns.get("plats"))[start:]
    # Rows below the header with nothing in them are skipped (a row holding only error
    # cells is not empty: calamine reads those as ''). Only a row with an empty Datum cell
    # can be empty.
    numbers = np.arange(start + 1, start + 1 + len(rows))
    probe = columns[_ACTIVITY_FIELDS[0]]
    blank = [code for code, cell in enumerate(probe.cells) if _is_empty(cell)]
    if blank:
        error_rows = {row for row, _ in screen.errors}
        empty = [
            i
            for i in np.flatnonzero(np.isin(probe.codes, blank)).tolist()
            if all(_is_empty(c) for c in rows[i]) and start + i + 1 not in error_rows
        ]
        if empty:
            keep = np.ones(len(rows), dtype=bool)
            keep[empty] = False
            numbers = numbers[keep]
            for column in columns.values():
                column.codes = column.codes[keep]
            places = [p for p, kept in zip(places, keep.tolist(), strict=True) if kept]
    found: list[tuple[int, int, Problem]] = []
    for order, key in enumerate(_ACTIVITY_FIELDS):
        col, column = header.columns.get(key), columns[key]
        blocked = screen.blocked_in_column(col, numbers)
        for i, message in column.errors_at():
            if i not in blocked:
                found.append(
                    (
                        i,
                        order,
                        Problem(
                            sheet.file, message, sheet.name, int(numbers[i]), col, title_of(key)
                        ),
                    )
                )
        if blocked:
            column.values.append(None)
            column.codes[list(blocked)] = len(column.values) - 1
            for i, error in blocked.items():
                if error is not None:
                    found.append((i, order, screen.error_problem(int(numbers[i]), col, key, error)))
    found.sort(key=lambda item: item[:2])
    problems.extend(problem for *_, problem in found)
    count = len(numbers)
    if not count and not found:
        problems.append(
            Problem(
                sheet.file,
                "Bladet har rubriker men inga rader med aktiviteter. "
                "Fyll i raderna eller ta bort filen.",
                sheet.name,
                header.row + 2,
            )
        )
    dates = {columns["datum"].values[i] for i in np.unique(columns["datum"].codes)} - {None}
    source = SourceSheet(
        sheet.file,
        sheet.name,
        ACTIVITY,
        count,
        min(dates).isoformat() if dates else "–",
        max(dates).isoformat() if dates else "–",
    )
    if not count:
        return pd.DataFrame.from_records([], columns=list(ACTIVITY_FRAME_COLUMNS)), source
    try:
        place = pd.Series(list(map(str.strip, places)))
    except TypeError:  # not only text
        place = pd.Series([str(c).strip() for c in places])
    constant = np.zeros(count, dtype=np.intp)
    frame = pd.DataFrame(
        {
            "date": columns["datum"].series(pd.to_datetime),
            "activity": columns["aktivitet"].series(),
            "count": columns["antal"].series(),
            "responsible": columns["ansvarig"].series(),
            "place": place,
            "file": pd.Series([sheet.file]).take(constant).reset_index(drop=True),
            "sheet": pd.Series([sheet.name]).take(constant).reset_index(drop=True),
            "row": pd.Series(numbers.astype(np.int64)),
        },
        columns=list(ACTIVITY_FRAME_COLUMNS),
        copy=False,
    )  # the columns are new already
    return frame, source


def indicator_lookup(
    promise: Promise,
) -> tuple[dict[str, Indicator], dict[tuple[str, str], Indicator]]:
    by_id = {normalize_label(i.id): i for i in promise.indicators}
    by_label = {(survey_key(i.survey), normalize_label(i.label)): i for i in promise.indicators}
    return by_id, by_label


def survey_key(name: str) -> str:
    """Canonical key of a survey name ('Elevs drogvanor' -> 'elevers drogvanor')."""
    text = normalize_label(name)
    for key, aliases in _SURVEYS.items():
        if text in aliases:
            return key
    return text


_SURVEY_NAMES = {"elsa": "ELSA", "elevers drogvanor": "Elevers drogvanor"}


def survey_name(typed: str | None, indicator: Indicator) -> str:
    """The survey a value comes from: the indicator's survey as spelled in the promise file
    when the row names the same survey (or none); otherwise the row's own survey, so values
    from different surveys never end up in one series."""
    if not typed or survey_key(typed) == survey_key(indicator.survey):
        return indicator.survey
    key = survey_key(typed)
    return _SURVEY_NAMES.get(key, str(typed).strip())


# A survey value before conversion: per column key, the raw cell and its column.
_Entry = dict[str, tuple[Any, int | None]]


def _long_entries(sheet: RawSheet, header: Header, screen: _Screen) -> list[tuple[int, _Entry]]:
    keys = (
        "ar",
        "undersokning",
        "arskurs",
        "kon",
        "indikator",
        "andel",
        "antal_svarande",
        "omrade",
    )
    return [
        (excel_row, {k: (_cell(row, header.columns.get(k)), header.columns.get(k)) for k in keys})
        for excel_row, row in _body(sheet, header, screen)
    ]


def _wide_entries(
    sheet: RawSheet, header: Header, screen: _Screen
) -> tuple[list[tuple[int, _Entry]], int]:
    """One entry per filled year cell; also the number of cells marked as not published."""
    entries = []
    not_published = 0
    counts = {y.year: y.col for y in header.years if y.role == COUNT}
    for excel_row, row in _body(sheet, header, screen):
        fixed = {k: (_cell(row, header.columns.get(k)), header.columns.get(k)) for k in WIDE_KEYS}
        for year in (y for y in header.years if y.role == VALUE):
            cell = _cell(row, year.col)
            text = str(cell).strip() if cell is not None else ""
            if not text and (excel_row, year.col) not in screen.errors:
                continue
            if text in NOT_PUBLISHED:
                not_published += 1
                continue
            count_col = counts.get(year.year)
            entries.append(
                (
                    excel_row,
                    {
                        **fixed,
                        "ar": (year.year, None),  # from the header, already checked
                        "andel": (cell, year.col),
                        "antal_svarande": (_cell(row, count_col), count_col),
                    },
                )
            )
    return entries, not_published


def _survey_frame(
    sheet: RawSheet,
    header: Header,
    promise: Promise,
    today: dt.date,
    problems: list[Problem],
    screen: _Screen,
) -> tuple[pd.DataFrame, SourceSheet, list[str]]:
    """The survey values of a long or a wide sheet as the same typed frame."""
    by_id, by_label = indicator_lookup(promise)
    unknown_indicators: set[str] = set()
    municipality = normalize_label(promise.municipality)
    notes: list[str] = []

    def parse_year(cell: Any) -> tuple[int | None, str | None]:
        try:
            year = int(float(str(cell).strip()))
        except (ValueError, OverflowError):
            return None, f"”{cell}” är inget årtal. Skriv t.ex. 2023."
        if not 1990 <= year <= today.year or float(str(cell).strip()) != year:
            return None, f"Årtalet {cell} är orimligt. Skriv ett år mellan 1990 och {today.year}."
        return year, None

    def parse_text(cell: Any) -> tuple[str | None, str | None]:
        text = str(cell).strip() if cell is not None else ""
        return (text, None) if text else (None, "Värdet saknas. Fyll i cellen.")

    def parse_optional_text(cell: Any) -> tuple[str | None, None]:
        text = str(cell).strip() if cell is not None else ""
        return text or None, None

    def parse_grade_cell(cell: Any) -> tuple[str | None, str | None]:
        grade = parse_grade(cell)
        if grade:
            return grade, None
        return None, (
            f"”{cell}” är ingen känd årskurs. Skriv t.ex. åk 4, åk 7, åk 9, gy 1 eller gy 2."
        )

    def parse_sex_cell(cell: Any) -> tuple[str | None, str | None]:
        sex = parse_sex(cell)
        return (sex, None) if sex else (None, "Kön saknas. Skriv Flickor, Pojkar eller Alla.")

    def parse_area(cell: Any) -> tuple[str, None]:
        text = str(cell).strip() if cell is not None else ""
        if not text or normalize_label(text) in (municipality, f"{municipality} kommun"):
            return promise.municipality, None
        return text, None

    def find_indicator(name: str, survey: str | None) -> Indicator | str | None:
        """The indicator; None if the promise doesn't follow it; a message if ambiguous."""
        key = normalize_label(name)
        if key in by_id:
            return by_id[key]
        if survey:
            return by_label.get((survey_key(survey), key))
        matches = [i for (_, label), i in by_label.items() if label == key]
        if len(matches) > 1:
            return (
                f"Indikatorn ”{name}” finns i flera undersökningar "
                f"({', '.join(i.survey for i in matches)}). Skriv indikatorns id (t.ex. "
                f"”{matches[0].id}”) eller lägg till kolumnen Undersökning."
            )
        return matches[0] if matches else None

    if header.kind == WIDE:
        entries, not_published = _wide_entries(sheet, header, screen)
        if not_published:
            notes.append(
                f"{sheet.file}, bladet ”{sheet.name}”: {not_published} celler var "
                "markerade som ej redovisade (t.ex. ”.” eller ”–”) och togs inte med."
            )
    else:
        entries = _long_entries(sheet, header, screen)
        if not entries:
            problems.append(
                Problem(
                    sheet.file,
                    "Bladet har rubriker men inga rader med "
                    "enkätvärden. Fyll i raderna eller ta bort "
                    "filen.",
                    sheet.name,
                    header.row + 2,
                )
            )

    def read(
        excel_row: int, entry: _Entry, key: str, parse: Callable[[Any], tuple[Any, str | None]]
    ) -> Any:
        cell, col = entry[key]
        if screen.blocked(excel_row, col, key):
            return None
        value, error = parse(cell)
        if error:
            problems.append(Problem(sheet.file, error, sheet.name, excel_row, col, title_of(key)))
        return value

    records = []
    value_cells: list[tuple[int, int]] = []
    text_values = 0
    before = len(problems)
    for excel_row, entry in entries:
        if header.kind == WIDE:
            survey = read(excel_row, entry, "undersokning", parse_optional_text)
            year = entry["ar"][0]
        else:
            survey = read(excel_row, entry, "undersokning", parse_text)
            year = read(excel_row, entry, "ar", parse_year)
        name_cell, name_col = entry["indikator"]
        value_cell, value_col = entry["andel"]
        # Error or merged cells: each gets its problem, and the row is not read further.
        if any(
            [
                screen.blocked(excel_row, name_col, "indikator"),
                screen.blocked(excel_row, value_col, "andel"),
            ]
        ):
            continue
        name = str(name_cell).strip() if name_cell is not None else ""
        indicator = find_indicator(name, survey) if name else None
        if not name:
            problems.append(
                Problem(
                    sheet.file,
                    "Indikator saknas. Fyll i indikatorns id.",
                    sheet.name,
                    excel_row,
                    name_col,
                    "Indikator",
                )
            )
        elif isinstance(indicator, str):
            problems.append(
                Problem(sheet.file, indicator, sheet.name, excel_row, name_col, "Indikator")
            )
            indicator = None
        elif indicator is None:
            unknown_indicators.add(name)
        value, as_text, error = parse_percent(value_cell)
        if error:
            problems.append(Problem(sheet.file, error, sheet.name, excel_row, value_col, "Andel"))
        text_values += as_text
        record = (
            year,
            survey_name(survey, indicator) if indicator else survey,
            read(excel_row, entry, "arskurs", parse_grade_cell),
            read(excel_row, entry, "kon", parse_sex_cell),
            indicator.id if indicator else None,
            value,
            read(excel_row, entry, "antal_svarande", parse_respondents),
            read(excel_row, entry, "omrade", parse_area),
            sheet.file,
            sheet.name,
            f"{column_letter(value_col)}{excel_row}",
        )
        if indicator is not None:
            records.append(record)
            value_cells.append((excel_row, value_col))
    # A wide row repeats its grade, sex and indicator for every year: report each cell once.
    problems[before:] = list(dict.fromkeys(problems[before:]))
    frame = pd.DataFrame.from_records(records, columns=list(SURVEY_FRAME_COLUMNS))
    numeric = frame["value"].dropna()
    if len(numeric) and not text_values and numeric.max() <= 1.0 and numeric.max() > 0:
        frame["value"] = frame["value"] * 100
        notes.append(
            f"{sheet.file}, bladet ”{sheet.name}”: andelarna är skrivna som 0–1 "
            "(procentformat) och räknades om till procent."
        )
    for (excel_row, col), value in zip(value_cells, frame["value"], strict=True):
        if pd.notna(value) and not 0 <= value <= 100:
            problems.append(
                Problem(
                    sheet.file,
                    f"Andelen {value:g} ligger utanför 0–100 %. Rätta värdet.",
                    sheet.name,
                    excel_row,
                    col,
                    "Andel",
                )
            )
    if unknown_indicators:
        listed = ", ".join(f"”{n}”" for n in sorted(unknown_indicators)[:8])
        more = len(unknown_indicators) - 8
        notes.append(
            f"{sheet.file}, bladet ”{sheet.name}”: {len(unknown_indicators)} "
            f"indikatorer följs inte upp i löftet och togs inte med ({listed}"
            f"{f' och {more} till' if more > 0 else ''}). Lägg till dem under "
            "[[indikatorer]] i medborgarlofte.toml om de ska med."
        )
    years = sorted(frame["year"].dropna().astype(int).unique())
    source = SourceSheet(
        sheet.file,
        sheet.name,
        header.kind,
        len(records),
        str(years[0]) if years else "–",
        str(years[-1]) if years else "–",
    )
    return frame, source, notes


def _conflicting_survey_values(survey: pd.DataFrame) -> list[Problem]:
    if survey.empty:
        return []
    key = ["area", "survey", "indicator", "grade", "sex", "year"]
    problems = []
    for _, group in survey[survey.duplicated(subset=key, keep=False)].groupby(key, sort=False):
        if group["value"].nunique() > 1:
            first, *others = group.itertuples()
            for other in others:
                if other.value != first.value:
                    letters, digits = re.fullmatch(r"([A-Z]+)(\d+)", other.cell).groups()
                    column = (
                        sum((ord(ch) - 64) * 26**i for i, ch in enumerate(reversed(letters))) - 1
                    )
                    problems.append(
                        Problem(
                            other.file,
                            f"Två olika värden för samma uppgift ({first.indicator}, "
                            f"{first.grade}, {first.sex}, {first.year}, {first.area}): "
                            f"{first.value:g} i "
                            f"{first.file}, blad ”{first.sheet}”, cell {first.cell} och "
                            f"{other.value:g} i {other.file}, blad ”{other.sheet}”, cell "
                            f"{other.cell}. Ta bort det felaktiga värdet.",
                            other.sheet,
                            int(digits),
                            column,
                            "Andel",
                        )
                    )
    return problems


__all__ = ["BOTH", "MUNICIPALITY", "POLICE", "Dataset", "validate_workbooks"]
