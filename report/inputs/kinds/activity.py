"""Activity logs: one row per activity carried out (Datum, Aktivitet, Antal, Ansvarig).

Parsed column by column: each distinct value of a column is parsed once (a million-row log
holds a few thousand distinct dates and a handful of activity names).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from functools import partial
from typing import Any

import pandas as pd

from report.errors import Code, Fault, Problem
from report.inputs.dataset import SourceSheet
from report.inputs.kinds.base import Column, Header, InputTable, Kind, Parsed, keyed_candidate
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
from report.inputs.kinds.template import A_DATE, Guide, Template, TemplateColumn, at_least, one_of
from report.inputs.sheets import RawSheet
from report.promise.types import Promise
from report.vocabulary import (
    BOTH,
    MUNICIPALITY,
    POLICE,
    closest,
    normalize_label,
    parse_responsible,
)

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
        template=TemplateColumn(
            13, "Dagen aktiviteten genomfördes, ÅÅÅÅ-MM-DD.", "yyyy-mm-dd", A_DATE
        ),
    ),
    Column(
        "aktivitet",
        "Aktivitet",
        ACTIVITY,
        True,
        ("aktivitet", "typ av aktivitet", "aktivitetstyp", "insats", "typ av insats"),
        "Aktivitetens id, namn eller alias ur löftesfilen (stora/små bokstäver spelar ingen roll).",
        template=TemplateColumn(
            44,
            "Välj aktiviteten i listan.",
            check=one_of(
                "Aktiviteter",
                "Välj en av löftets aktiviteter i listan. Saknas den? "
                "Lägg till den i medborgarlofte.toml och gör om mallen.",
            ),
        ),
    ),
    Column(
        "antal",
        "Antal",
        ACTIVITY,
        False,
        ("antal", "antal tillfällen", "antal aktiviteter", "antal genomförda"),
        "Heltal 0 eller större. Tom cell räknas som 1. 0 betyder ”rapporterat, men inget "
        "genomfört” – då blir statusen ej genomförd i stället för ingen uppgift.",
        template=TemplateColumn(
            9,
            "Antal tillfällen, heltal. Tomt räknas som 1.",
            check=at_least("whole", 0, "Skriv ett heltal, 0 eller större (0 = inget genomfört)."),
        ),
    ),
    Column(
        "ansvarig",
        "Ansvarig",
        ACTIVITY,
        False,
        ("ansvarig", "utförare", "ansvarig part", "organisation"),
        "Polisen, Kommunen eller båda (”Polisen och kommunen”, ”Båda”). Tom cell: "
        "ansvarig enligt löftesfilen.",
        template=TemplateColumn(
            22,
            "Vem som genomförde den. Tomt: enligt löftet.",
            check=one_of(
                "Ansvariga",
                "Välj Polisen, Kommunen eller Polisen och kommunen – eller lämna tomt.",
            ),
        ),
    ),
    Column(
        "plats",
        "Plats",
        ACTIVITY,
        False,
        ("plats", "adress", "ort", "område/plats"),
        "Läses men skrivs aldrig ut i rapporten.",
        used=False,
        template=TemplateColumn(24, "Frivilligt. Visas aldrig i rapporten."),
    ),
    Column(
        "kommentar",
        "Kommentar",
        ACTIVITY,
        False,
        ("kommentar", "kommentarer", "anteckning", "beskrivning", "notering", "fritext"),
        "Läses men skrivs aldrig ut i rapporten (fritext kan innehålla personuppgifter).",
        used=False,
        template=TemplateColumn(
            40, "Frivilligt. Visas aldrig i rapporten. Skriv inga personuppgifter."
        ),
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
    known = tuple(n for a in promise.activities for n in (a.name, *a.aliases))
    return {
        "datum": partial(parse_activity_date, today=today),
        "aktivitet": partial(parse_activity, lookup=lookup, known=known),
        "antal": parse_count,
        "ansvarig": parse_party,
        "plats": parse_place,
    }


def parse_activity(
    cell: Any, *, lookup: Mapping[str, str], known: Sequence[str]
) -> tuple[str | None, Fault | None]:
    """The activity's id, by its name or an alias; unknown names get the closest as a hint."""
    text = str(cell).strip() if cell is not None else ""
    if not text:
        return None, Fault(
            Code.VALUE_MISSING, "Aktivitet saknas. Fyll i vilken aktivitet som genomfördes."
        )
    found = lookup.get(normalize_label(text))
    if found:
        return found, None
    guess = closest(text, known, cutoff=0.5)
    hint = f" Menade du ”{guess}”?" if guess else ""
    owner = (
        f"aktiviteten ”{lookup[normalize_label(guess)]}”" if guess else "den aktivitet det gäller"
    )
    return None, (
        Fault(
            Code.ACTIVITY_UNKNOWN,
            f"Aktiviteten ”{text}” finns inte i löftet.{hint} Rätta cellen, eller "
            f"lägg till namnet som alias under {owner} i "
            f'medborgarlofte.toml: alias = [..., "{text}"].',
        )
    )


def parse_activity_date(cell: Any, *, today: dt.date) -> tuple[dt.date | None, Fault | None]:
    """A date from 2000 up to the report date."""
    day, error = parse_date(cell)
    if day and day > today:
        return None, (
            Fault(
                Code.DATE_AFTER_REPORT,
                f"Datumet {day.isoformat()} ligger efter dagens datum "
                f"({today.isoformat()}). Rätta datumet.",
                day,
            )
        )
    if day and day < FIRST_VALID_DATE:
        return None, Fault(
            Code.DATE_TOO_EARLY, f"Datumet {day.isoformat()} är före år 2000. Rätta datumet."
        )
    return day, error


def parse_party(cell: Any) -> tuple[str | None, Fault | None]:
    """Polisen, Kommunen or both; empty is allowed (the promise's own party is used)."""
    text = str(cell).strip() if cell is not None else ""
    if not text:
        return None, None
    parties = parse_responsible(text)
    if not parties:
        return None, (
            Fault(
                Code.PARTY_UNKNOWN,
                f"”{text}” är ingen känd ansvarig part. Skriv Polisen, Kommunen eller "
                "Polisen och kommunen – eller lämna tomt.",
            )
        )
    return (BOTH if len(parties) == 2 else next(iter(parties))), None


def parse_place(cell: Any) -> tuple[str, None]:
    return str(cell).strip(), None


_ACTIVITY_FIELDS = ("datum", "aktivitet", "antal", "ansvarig")  # checked, in this order


def _activity_frame(
    sheet: RawSheet,
    header: Header,
    promise: Promise,
    today: dt.date,
    screen: Screen,
    columns: SheetColumns | None = None,
) -> tuple[pd.DataFrame, SourceSheet, list[Problem]]:
    """The typed activity rows of one sheet, column by column: every distinct value is parsed
    once, and problems are made only for the cells that have one, in the order a reading row
    by row finds them (each row's Datum, Aktivitet, Antal, Ansvarig)."""
    import numpy as np

    start = header.row + 1
    sheet_columns = columns or SheetColumns(sheet)
    parsed = _parsed_columns(sheet_columns, header, activity_parsers(promise, today))
    places = sheet_columns.get(header.columns.get("plats"))[start:]
    numbers = np.arange(start + 1, start + 1 + len(sheet.rows) - start)
    keep = _not_empty(sheet.rows[start:], start, parsed[_ACTIVITY_FIELDS[0]], screen)
    if keep is not None:
        numbers = numbers[keep]
        for column in parsed.values():
            column.codes = column.codes[keep]
        places = [p for p, kept in zip(places, keep.tolist(), strict=True) if kept]
    problems = _cell_problems(sheet, header, screen, parsed, numbers)
    count = len(numbers)
    if not count and not problems:
        problems.append(
            Problem(
                sheet.file,
                "Bladet har rubriker men inga rader med aktiviteter. "
                "Fyll i raderna eller ta bort filen.",
                sheet.name,
                header.row + 2,
                code=Code.SHEET_WITHOUT_ROWS,
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
    return _frame(sheet, parsed, places, numbers), source, problems


def _parsed_columns(
    columns: SheetColumns, header: Header, parsers: dict[str, Parse]
) -> dict[str, ParsedColumn]:
    """Datum, Aktivitet, Antal and Ansvarig below the header, each distinct value parsed once."""
    start = header.row + 1
    parsed: dict[str, ParsedColumn] = {}
    for key in _ACTIVITY_FIELDS:
        col = header.columns.get(key)
        try:
            distinct, codes = columns.distinct(col)
        except TypeError:  # an unhashable cell
            parsed[key] = parse_column(columns.get(col)[start:], parsers[key])
        else:
            parsed[key] = parse_distinct(distinct, codes[start:], parsers[key])
    return parsed


def _not_empty(rows: list[list[Any]], start: int, dates: ParsedColumn, screen: Screen) -> Any:
    """Which rows below the header to keep (a numpy mask), or None for all: a row with
    nothing in it is skipped (a row holding only error cells is not empty: calamine reads
    those as ''). Only a row with an empty Datum cell can be empty."""
    import numpy as np

    blank = [code for code, cell in enumerate(dates.cells) if is_empty(cell)]
    if not blank:
        return None
    error_rows = {row for row, _ in screen.errors}
    empty = [
        i
        for i in np.flatnonzero(np.isin(dates.codes, blank)).tolist()
        if all(is_empty(c) for c in rows[i]) and start + i + 1 not in error_rows
    ]
    if not empty:
        return None
    keep = np.ones(len(rows), dtype=bool)
    keep[empty] = False
    return keep


def _cell_problems(
    sheet: RawSheet,
    header: Header,
    screen: Screen,
    parsed: dict[str, ParsedColumn],
    numbers: Any,
) -> list[Problem]:
    """The problem of every cell that has one, in reading order; an error cell or a cell
    under a merged range is not parsed (its value becomes None)."""
    found: list[tuple[int, int, Problem]] = []
    for order, key in enumerate(_ACTIVITY_FIELDS):
        col, column = header.columns.get(key), parsed[key]
        blocked = screen.blocked_in_column(col, numbers)
        for i, fault, cell in column.errors_at():
            if i not in blocked:
                row = int(numbers[i])
                found.append(
                    (i, order, fault.at(cell, sheet.file, sheet.name, row, col, header.title(key)))
                )
        if blocked and col is not None:  # only a column in the sheet has blocked cells
            column.values.append(None)
            column.codes[list(blocked)] = len(column.values) - 1
            for i, error in blocked.items():
                if error is not None:
                    found.append((i, order, screen.error_problem(int(numbers[i]), col, key, error)))
    found.sort(key=lambda item: item[:2])
    return [problem for *_, problem in found]


def _frame(
    sheet: RawSheet, parsed: dict[str, ParsedColumn], places: list[Any], numbers: Any
) -> pd.DataFrame:
    import numpy as np

    count = len(numbers)
    if not count:
        return pd.DataFrame.from_records([], columns=list(ACTIVITY_FRAME_COLUMNS))
    try:
        place = pd.Series(list(map(str.strip, places)))
    except TypeError:  # not only text
        place = pd.Series([str(c).strip() for c in places])
    constant = np.zeros(count, dtype=np.intp)
    return pd.DataFrame(
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


def parse_activity_sheet(given: SheetInput) -> Parsed:
    frame, source, problems = _activity_frame(
        given.sheet, given.header, given.promise, given.today, given.screen, given.columns
    )
    return Parsed(frame, source, problems=tuple(problems))


def _parsed_by_distinct_value(header: Header) -> set[int]:
    return {header.columns[k] for k in _ACTIVITY_FIELDS if k in header.columns}


def _dates_as_datetimes(activities: pd.DataFrame) -> pd.DataFrame:
    activities["date"] = pd.to_datetime(activities["date"])
    return activities


ACTIVITIES = InputTable("activities", ACTIVITY_FRAME_COLUMNS, finish=_dates_as_datetimes)


def _lists(promise: Promise) -> dict[str, list[str]]:
    return {
        "Aktiviteter": [a.name for a in promise.activities],
        "Ansvariga": [POLICE, MUNICIPALITY, BOTH],
    }


def _guide(promise: Promise) -> Guide:
    first_activity, *_ = promise.activities
    last_activity = promise.activities[-1]
    areas = {f.id: f.name for f in promise.focus_areas}
    return Guide(
        f"Aktivitetslogg – {promise.title}",
        (
            f"Skriv en rad per genomförd aktivitet på bladet ”{ACTIVITY_SHEET}”. Rubrikraden "
            "ska stå kvar som den är.",
            "Datum: dagen aktiviteten genomfördes, skrivs ÅÅÅÅ-MM-DD (t.ex. 2024-03-15). "
            "Excel godtar bara datum från år 2000 till i dag.",
            "Aktivitet: välj i listan (pilen i cellen). Listan är löftets aktiviteter ur "
            "medborgarlofte.toml.",
            "Antal: hur många gånger, som heltal. Tom cell räknas som 1. Skriv 0 om ni vill "
            "visa att aktiviteten inte blev av den månaden.",
            "Ansvarig: Polisen, Kommunen eller Polisen och kommunen. Tom cell: den part som "
            "löftet anger.",
            "Plats och Kommentar: frivilliga, för ert eget bruk. De läses men visas aldrig i "
            "rapporten. Skriv inga namn eller andra personuppgifter.",
            "Spara som Excel-arbetsbok (.xlsx) eller i LibreOffice som .ods, och lägg filen i "
            "mappen inputs/. Kör sedan `make check` för att kontrollera den.",
        ),
        (
            (promise.signed.replace(day=1), first_activity.name, 2, "", "Centrum", ""),
            (promise.signed.replace(day=2), last_activity.name, 1, BOTH, "", "Möte"),
        ),
        (
            "Löftets aktiviteter",
            ("Aktivitet", "Fokusområde", "Mål per år", "Ansvarig", "Löftets formulering"),
            [
                (a.name, areas[a.focus_area], a.yearly_target, a.responsible_text, a.wording)
                for a in promise.activities
            ],
        ),
        date_columns=(0,),
    )


ACTIVITY_SHEET = "Aktivitetslogg"
TEMPLATE = Template(
    "aktivitetslogg-mall.xlsx",
    ACTIVITY_SHEET,
    tuple(c.key for c in COLUMNS),
    _lists,
    _guide,
)

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
    template=TEMPLATE,
)
