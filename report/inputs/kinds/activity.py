"""Activity logs: one row per activity carried out (Datum, Aktivitet, Antal, Ansvarig).

Parsed column by column: each distinct value of a column is parsed once (a million-row log
holds a few thousand distinct dates and a handful of activity names).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from report.errors import Problem
from report.inputs.dataset import SourceSheet
from report.inputs.kinds.base import Column, Header, Kind, Table, keyed_candidate
from report.inputs.kinds.cells import (
    Parse,
    ParsedColumn,
    Screen,
    SheetColumns,
    SheetInput,
    is_empty,
    parse_column,
    parse_count,
    parse_date,
    parse_distinct,
)
from report.inputs.sheets import RawSheet
from report.promise.types import Promise
from report.vocabulary import BOTH, closest, normalize_label, parse_responsible

ACTIVITY = "aktivitetslogg"
FIRST_VALID_DATE = dt.date(2000, 1, 1)

COLUMNS: tuple[Column, ...] = (
    Column(
        "datum",
        "Datum",
        ACTIVITY,
        True,
        ("datum", "händelsedatum", "aktivitetsdatum", "genomfört datum", "date"),
        "Excel-datum eller text ÅÅÅÅ-MM-DD.",
    ),
    Column(
        "aktivitet",
        "Aktivitet",
        ACTIVITY,
        True,
        ("aktivitet", "typ av aktivitet", "aktivitetstyp", "insats", "typ av insats"),
        "Aktivitetens id, namn eller alias ur löftesfilen (stora/små bokstäver spelar ingen roll).",
    ),
    Column(
        "antal",
        "Antal",
        ACTIVITY,
        False,
        ("antal", "antal tillfällen", "antal aktiviteter", "antal genomförda"),
        "Heltal 0 eller större. Tom cell räknas som 1. 0 betyder ”rapporterat, men inget "
        "genomfört” – då blir statusen ej genomförd i stället för ingen uppgift.",
    ),
    Column(
        "ansvarig",
        "Ansvarig",
        ACTIVITY,
        False,
        ("ansvarig", "utförare", "ansvarig part", "organisation"),
        "Polisen, Kommunen eller båda (”Polisen och kommunen”, ”Båda”). Tom cell: "
        "ansvarig enligt löftesfilen.",
    ),
    Column(
        "plats",
        "Plats",
        ACTIVITY,
        False,
        ("plats", "adress", "ort", "område/plats"),
        "Läses men skrivs aldrig ut i rapporten.",
        used=False,
    ),
    Column(
        "kommentar",
        "Kommentar",
        ACTIVITY,
        False,
        ("kommentar", "kommentarer", "anteckning", "beskrivning", "notering", "fritext"),
        "Läses men skrivs aldrig ut i rapporten (fritext kan innehålla personuppgifter).",
        used=False,
    ),
)

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


def activity_lookup(promise: Promise) -> dict[str, str]:
    """Normalised id, name or alias -> activity id."""
    lookup = {}
    for activity in promise.activities:
        for name in (activity.id, activity.name, *activity.aliases):
            lookup[normalize_label(name)] = activity.id
    return lookup


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
    screen: Screen,
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
    parsed: dict[str, ParsedColumn] = {}
    for key in _ACTIVITY_FIELDS:
        col = header.columns.get(key)
        try:
            distinct, codes = sheet_columns.distinct(col)
        except TypeError:  # an unhashable cell
            parsed[key] = parse_column(sheet_columns.get(col)[start:], parsers[key])
        else:
            parsed[key] = parse_distinct(distinct, codes[start:], parsers[key])
    places = sheet_columns.get(header.columns.get("plats"))[start:]
    # Rows below the header with nothing in them are skipped (a row holding only error
    # cells is not empty: calamine reads those as ''). Only a row with an empty Datum cell
    # can be empty.
    numbers = np.arange(start + 1, start + 1 + len(rows))
    probe = parsed[_ACTIVITY_FIELDS[0]]
    blank = [code for code, cell in enumerate(probe.cells) if is_empty(cell)]
    if blank:
        error_rows = {row for row, _ in screen.errors}
        empty = [
            i
            for i in np.flatnonzero(np.isin(probe.codes, blank)).tolist()
            if all(is_empty(c) for c in rows[i]) and start + i + 1 not in error_rows
        ]
        if empty:
            keep = np.ones(len(rows), dtype=bool)
            keep[empty] = False
            numbers = numbers[keep]
            for column in parsed.values():
                column.codes = column.codes[keep]
            places = [p for p, kept in zip(places, keep.tolist(), strict=True) if kept]
    found: list[tuple[int, int, Problem]] = []
    for order, key in enumerate(_ACTIVITY_FIELDS):
        col, column = header.columns.get(key), parsed[key]
        blocked = screen.blocked_in_column(col, numbers)
        for i, message in column.errors_at():
            if i not in blocked:
                found.append(
                    (
                        i,
                        order,
                        Problem(
                            sheet.file, message, sheet.name, int(numbers[i]), col, header.title(key)
                        ),
                    )
                )
        if blocked and col is not None:  # only a column in the sheet has blocked cells
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
    dates = {parsed["datum"].values[i] for i in np.unique(parsed["datum"].codes)} - {None}
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
            "date": parsed["datum"].series(pd.to_datetime),
            "activity": parsed["aktivitet"].series(),
            "count": parsed["antal"].series(),
            "responsible": parsed["ansvarig"].series(),
            "place": place,
            "file": pd.Series([sheet.file]).take(constant).reset_index(drop=True),
            "sheet": pd.Series([sheet.name]).take(constant).reset_index(drop=True),
            "row": pd.Series(numbers.astype(np.int64)),
        },
        columns=list(ACTIVITY_FRAME_COLUMNS),
        copy=False,
    )  # the columns are new already
    return frame, source


def parse_activity_sheet(given: SheetInput) -> tuple[pd.DataFrame, SourceSheet, list[str]]:
    frame, source = _activity_frame(
        given.sheet,
        given.header,
        given.promise,
        given.today,
        given.problems,
        given.screen,
        given.columns,
    )
    return frame, source, []


def _parsed_by_distinct_value(header: Header) -> set[int]:
    return {header.columns[k] for k in _ACTIVITY_FIELDS if k in header.columns}


def _dates_as_datetimes(activities: pd.DataFrame) -> pd.DataFrame:
    activities["date"] = pd.to_datetime(activities["date"])
    return activities


ACTIVITIES = Table("activities", ACTIVITY_FRAME_COLUMNS, finish=_dates_as_datetimes)

KIND = Kind(
    name=ACTIVITY,
    columns=COLUMNS,
    required=tuple(c.key for c in COLUMNS if c.required),
    table=ACTIVITIES,
    candidate=keyed_candidate(c.key for c in COLUMNS),
    parse=parse_activity_sheet,
    distinct_columns=_parsed_by_distinct_value,
    noun="en aktivitetslogg",
    by_day=True,
)
