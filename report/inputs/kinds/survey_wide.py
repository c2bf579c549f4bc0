"""Survey tables in the wide layout: one row per indicator × grade × sex and one column per
year ('2019', 'Andel 2019'), optionally followed by respondent counts ('n 2019', or a block
under 'Antal svarande'). Read into the same survey table as the long layout.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from report.errors import Code, Problem, column_letter
from report.inputs.kinds.base import COUNT, VALUE, Candidate, Header, Kind, Parsed, YearColumn
from report.inputs.kinds.cells import Screen, SheetInput, body_rows, cell_at
from report.inputs.kinds.survey_long import (
    COLUMNS,
    NOT_PUBLISHED,
    SURVEY_TABLE,
    SurveyCells,
    survey_frame,
)
from report.inputs.sheets import RawSheet
from report.vocabulary import normalize_label

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


def _words(text: str) -> str:
    return normalize_label(re.sub(r"[()\[\]:=,;_\-–]", " ", text))


def year_header(cell: Any, table: Mapping[str, str] | None = None) -> tuple[int, str | None] | None:
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


def block_label(cell: Any, table: Mapping[str, str]) -> str | None:
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


def _block_labels(
    sheet: RawSheet, index: int, keys: dict[str, int], first_year_col: int, table: Mapping[str, str]
) -> list[tuple[int, str, int]]:
    """(column, role, 1 if in the row above) of every block label over the year columns."""
    row = sheet.rows[index]
    above = sheet.rows[index - 1] if index else []
    # Labels left of the first year column but one are titles, not block labels.
    start = first_year_col - 1
    key_cols = set(keys.values())
    return sorted(
        (col, role, in_above)
        for in_above, cells in ((0, row), (1, above))
        for col, cell in enumerate(cells)
        if col >= start and col not in key_cols and (role := block_label(cell, table))
    )


def _header_problem(
    sheet: RawSheet, index: int, message: str, col: int | None, code: Code, value: Any = None
) -> Problem:
    return Problem(sheet.file, message, sheet.name, index + 1, col, code=code, value=value)


def _resolve_years(
    sheet: RawSheet,
    index: int,
    keys: dict[str, int],
    years: list[tuple[int, int, str | None]],
    table: Mapping[str, str],
    today: dt.date | None,
) -> tuple[tuple[YearColumn, ...], list[Problem]]:
    """Decide for every year column whether it holds shares or respondent counts.

    A bare year takes the role of the nearest block label to its left in the header row or
    at or to its left in the row above; without one it holds shares."""
    labels = _block_labels(sheet, index, keys, min(col for col, *_ in years), table)
    last_year = today.year if today else 2099
    problems: list[Problem] = []
    resolved: dict[tuple[int, str], int] = {}
    for col, year, role in years:
        if role is None:
            before = [(c, r) for c, r, in_above in labels if c < col or (in_above and c == col)]
            role = before[-1][1] if before else VALUE
        if not 1990 <= year <= last_year:
            message = (
                f"Årtalet {year} i rubriken är orimligt. Skriv ett år mellan 1990 och {last_year}."
            )
            problems.append(
                _header_problem(sheet, index, message, col, Code.YEAR_OUT_OF_RANGE, year)
            )
        elif (year, role) in resolved:
            message = (
                f"Året {year} har två kolumner med "
                f"{'andelar' if role == VALUE else 'antal svarande'} "
                f"({column_letter(resolved[(year, role)])} och {column_letter(col)}). "
                "Ta bort den ena, eller skriv ”Antal svarande” ovanför kolumnerna med antal "
                f"svarande (eller ”n {year}” i rubriken)."
            )
            problems.append(_header_problem(sheet, index, message, col, Code.COLUMN_TWICE, year))
        else:
            resolved[(year, role)] = col
    problems += _counts_without_shares(sheet, index, resolved, report_none=not problems)
    columns = tuple(
        YearColumn(year, col, role)
        for (year, role), col in sorted(resolved.items(), key=lambda i: i[1])
    )
    return columns, problems


def _counts_without_shares(
    sheet: RawSheet, index: int, resolved: dict[tuple[int, str], int], *, report_none: bool
) -> list[Problem]:
    """A year with respondent counts but no shares; with `report_none`, a header that has
    no shares at all."""
    problems = [
        _header_problem(
            sheet,
            index,
            f"Kolumnen har antal svarande för {year} men det finns ingen "
            f"kolumn med andelar för {year}. Lägg till andelarna eller ta bort kolumnen.",
            col,
            Code.HEADER_ONLY_COUNTS,
            year,
        )
        for (year, role), col in resolved.items()
        if role == COUNT and (year, VALUE) not in resolved
    ]
    if report_none and not problems and not any(role == VALUE for _, role in resolved):
        message = (
            "Rubrikraden har bara kolumner med antal svarande, inga andelar per år. "
            "Lägg till en kolumn per år med andelarna (t.ex. ”2023”)."
        )
        problems.append(_header_problem(sheet, index, message, None, Code.HEADER_ONLY_COUNTS))
    return problems


# --- cell converters: value -> (result, error message) ---------------------------------


def _wide_candidate(
    sheet: RawSheet, index: int, found: dict[str, int], table: Mapping[str, str]
) -> Candidate | None:
    """A row with year columns and no År column; its keys may sit in the row above (a
    two-row header). Block labels ('Andel (%)', 'Antal svarande') count as recognised."""
    row = sheet.rows[index]
    years = [
        (col, *parsed)
        for col, cell in enumerate(row)
        if col not in found.values() and (parsed := year_header(cell, table))
    ]
    if not years or "ar" in found:
        return None
    wide = {k: v for k, v in found.items() if k in WIDE_KEYS}
    taken = {col for col, *_ in years} | set(wide.values())
    above = sheet.rows[index - 1] if index else []
    for col, cell in enumerate(above):  # a two-row header: keys in the row above
        key = table.get(normalize_label(cell)) if isinstance(cell, str) else None
        if key in WIDE_KEYS and key not in wide and col not in taken:
            wide[key] = col
    start = min(col for col, *_ in years) - 1
    labels = sum(
        1
        for cells in (row, above)
        for col, cell in enumerate(cells)
        if col >= start and col not in wide.values() and block_label(cell, table)
    )
    return len(wide) + 1 + labels, wide, years


def _with_years(
    sheet: RawSheet,
    header: Header,
    years: list[tuple[int, int, str | None]],
    table: Mapping[str, str],
    today: dt.date | None,
) -> Header | list[Problem]:
    resolved, problems = _resolve_years(sheet, header.row, header.columns, years, table, today)
    return problems or replace(header, years=resolved)


def _wide_entries(
    sheet: RawSheet, header: Header, screen: Screen
) -> tuple[list[tuple[int, SurveyCells]], int]:
    """One entry per filled year cell; also the number of cells marked as not published."""
    entries = []
    not_published = 0
    counts = {y.year: y.col for y in header.years if y.role == COUNT}
    for excel_row, row in body_rows(sheet, header, screen):
        fixed = {k: (cell_at(row, header.columns.get(k)), header.columns.get(k)) for k in WIDE_KEYS}
        for year in (y for y in header.years if y.role == VALUE):
            cell = cell_at(row, year.col)
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
                        "antal_svarande": (cell_at(row, count_col), count_col),
                    },
                )
            )
    return entries, not_published


def parse_wide_sheet(given: SheetInput) -> Parsed:
    sheet = given.sheet
    entries, not_published = _wide_entries(sheet, given.header, given.screen)
    notes = []
    if not_published:
        notes.append(
            f"{sheet.file}, bladet ”{sheet.name}”: {not_published} celler var "
            "markerade som ej redovisade (t.ex. ”.” eller ”–”) och togs inte med."
        )
    return survey_frame(given, entries, notes, year_in_header=True)


KIND = Kind(
    name=WIDE,
    columns=COLUMNS,
    required=WIDE_REQUIRED,
    table=SURVEY_TABLE,
    candidate=_wide_candidate,
    parse=parse_wide_sheet,
    complete=_with_years,
)
