"""Event logs (Händelselogg): one row per event – a complaint, an error report, a police
event – with its date (and time of day, if known), its type and optionally a count, a place
and free text. Place and free text are read but never printed.

Which event types count toward which outcome is the promise file's business ([[utfall]]
handelsetyper); here every type is kept as typed.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pandas as pd

from report.errors import Code, Fault, Problem
from report.inputs.dataset import SourceSheet
from report.inputs.kinds.activity import COLUMNS as ACTIVITY_COLUMNS
from report.inputs.kinds.activity import FIRST_VALID_DATE
from report.inputs.kinds.base import Column, InputTable, Kind, Parsed, keyed_candidate
from report.inputs.kinds.cells import SheetInput, body_rows, cell_at, parse_count
from report.inputs.kinds.template import A_DATE, Guide, Template, TemplateColumn, at_least, one_of
from report.promise.types import Promise

EVENTS = "händelselogg"

_SHARED = {c.key: c for c in ACTIVITY_COLUMNS}  # the same header names as in activity logs

COLUMNS: tuple[Column, ...] = (
    Column(
        "datum",
        "Datum",
        EVENTS,
        True,
        _SHARED["datum"].aliases,
        "Dagen händelsen inträffade: Excel-datum eller text ÅÅÅÅ-MM-DD, gärna med klockslag "
        "(ÅÅÅÅ-MM-DD TT:MM). Ett Excel-datum med klockslaget 00:00 räknas som datum utan "
        "klockslag.",
        template=TemplateColumn(
            13, "Dagen händelsen inträffade, ÅÅÅÅ-MM-DD.", "yyyy-mm-dd", A_DATE
        ),
    ),
    Column(
        "klockslag",
        "Klockslag",
        EVENTS,
        False,
        ("klockslag", "tid", "tid på dygnet", "kl", "time"),
        "TT:MM (eller TT.MM, eller en Excel-tid). Går före ett klockslag i Datum. Tom cell: "
        "klockslaget i Datum, eller inget klockslag.",
        template=TemplateColumn(11, "Klockslaget, TT:MM. Tomt om det inte är känt.", "hh:mm"),
    ),
    Column(
        "handelsetyp",
        "Händelsetyp",
        EVENTS,
        True,
        ("händelsetyp", "händelse", "typ av händelse", "ärendetyp", "kategori", "ärendekategori"),
        "Typ av händelse, t.ex. ”Störande trafik”. Räknas till de utfall i löftesfilen som "
        "nämner typen (handelsetyper, stora/små bokstäver spelar ingen roll); andra typer läses "
        "men räknas inte.",
        template=TemplateColumn(
            30,
            "Typ av händelse, t.ex. ur listan.",
            check=one_of(
                "Händelsetyper",
                "Typen finns inte i listan. Den läses ändå, men räknas bara till ett utfall om "
                "den står under handelsetyper i medborgarlofte.toml.",
                "information",
            ),
        ),
    ),
    Column(
        "antal",
        "Antal",
        EVENTS,
        False,
        _SHARED["antal"].aliases,
        "Antal händelser på raden, heltal 0 eller större. Tom cell räknas som 1.",
        template=TemplateColumn(
            9,
            "Antal händelser på raden. Tomt räknas som 1.",
            check=at_least("whole", 0, "Skriv ett heltal, 0 eller större."),
        ),
    ),
    Column(
        "plats",
        "Plats",
        EVENTS,
        False,
        _SHARED["plats"].aliases,
        "Läses men skrivs aldrig ut i rapporten.",
        used=False,
        template=TemplateColumn(24, "Frivilligt. Visas aldrig i rapporten."),
    ),
    Column(
        "kommentar",
        "Kommentar",
        EVENTS,
        False,
        _SHARED["kommentar"].aliases,
        "Läses men skrivs aldrig ut i rapporten (fritext kan innehålla personuppgifter).",
        used=False,
        template=TemplateColumn(40, "Frivilligt. Visas aldrig. Skriv inga personuppgifter."),
    ),
)

EVENT_FRAME_COLUMNS = ("date", "minute", "type", "count", "file", "sheet", "row")

_DATE_TIME = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[ T](\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?)?")
_TIME = re.compile(r"(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?")


def _minute(hour: int, minute: int) -> int | None:
    return hour * 60 + minute if 0 <= hour <= 23 and 0 <= minute <= 59 else None


EventDate = tuple[dt.date | None, int | None, Fault | None]  # (day, minute or None, error)


def parse_event_date(cell: Any) -> EventDate:
    """(day, minute of the day or None, error)."""
    if isinstance(cell, dt.datetime):
        minute = cell.hour * 60 + cell.minute
        return cell.date(), (minute or None), None
    if isinstance(cell, dt.date):
        return cell, None, None
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        return _no_date(
            Code.VALUE_MISSING, "Datum saknas. Fyll i datumet (ÅÅÅÅ-MM-DD, gärna med TT:MM)."
        )
    if isinstance(cell, str):
        return _event_date_from_text(cell.strip())
    return _no_date(
        Code.VALUE_INVALID,
        f"Värdet {cell} är ett tal, inte ett datum. Formatera cellen som datum i Excel "
        "eller skriv ÅÅÅÅ-MM-DD.",
    )


def _event_date_from_text(text: str) -> EventDate:
    """ÅÅÅÅ-MM-DD, with TT:MM or without."""
    match = _DATE_TIME.fullmatch(text)
    if not match:
        return _no_date(
            Code.VALUE_INVALID,
            f"”{text}” är inte ett datum i formen ÅÅÅÅ-MM-DD eller ÅÅÅÅ-MM-DD TT:MM. Skriv "
            "t.ex. 2023-06-16 21:30 eller formatera cellen som datum i Excel.",
        )
    try:
        day = dt.date.fromisoformat(match[1])
    except ValueError:
        return _no_date(
            Code.VALUE_INVALID, f"”{text}” är inget giltigt datum. Kontrollera månad och dag."
        )
    if match[2] is None:
        return day, None, None
    at = _minute(int(match[2]), int(match[3]))
    if at is None:
        return _no_date(Code.VALUE_INVALID, f"”{text}” har inget giltigt klockslag (00:00–23:59).")
    return day, at, None


def _no_date(code: Code, message: str) -> EventDate:
    return None, None, Fault(code, message)


def parse_time_of_day(cell: Any) -> tuple[int | None, Fault | None]:
    """Minute of the day, None for an empty cell, or an error."""
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        return None, None
    if isinstance(cell, dt.datetime | dt.time):
        return cell.hour * 60 + cell.minute, None
    if isinstance(cell, dt.timedelta) and dt.timedelta(0) <= cell < dt.timedelta(days=1):
        return int(cell.total_seconds()) // 60, None
    if isinstance(cell, float) and 0 <= cell < 1:  # an Excel time read as a day fraction
        return round(cell * 24 * 60) % (24 * 60), None
    if isinstance(cell, str):
        match = _TIME.fullmatch(cell.strip())
        if match:
            minute = _minute(int(match[1]), int(match[2]))
            if minute is not None:
                return minute, None
    return None, Fault(
        Code.VALUE_INVALID,
        f"”{cell}” är inget klockslag. Skriv TT:MM, t.ex. 21:30, eller lämna tomt.",
    )


_FIELDS = ("datum", "klockslag", "handelsetyp", "antal")  # read in this order


def parse_event_sheet(given: SheetInput) -> Parsed:
    sheet, header, screen = given.sheet, given.header, given.screen
    cols = header.columns
    problems: list[Problem] = []
    records = []
    for excel_row, row in body_rows(sheet, header, screen):
        values: dict[str, Any] = {}
        ok = True
        for key in (key for key in _FIELDS if key in cols):
            hit, problem = screen.blocked(excel_row, cols[key], key)
            if problem:
                problems.append(problem)
            if hit:
                ok = False
                continue
            cell = cell_at(row, cols[key])
            read, fault = _event_cell(key, cell, given.today)
            values.update(read)
            if fault:
                title = header.title(key)
                problems.append(fault.at(cell, sheet.file, sheet.name, excel_row, cols[key], title))
                ok = False
        if ok:
            values.setdefault("count", 1)
            records.append(
                (
                    values["date"],
                    values.get("minute"),
                    values["type"],
                    values["count"],
                    sheet.file,
                    sheet.name,
                    excel_row,
                )
            )
    if not records and not problems:
        problems.append(
            Problem(
                sheet.file,
                "Bladet har rubriker men inga rader med händelser. "
                "Fyll i raderna eller ta bort filen.",
                sheet.name,
                header.row + 2,
                code=Code.SHEET_WITHOUT_ROWS,
            )
        )
    dates = [r[0] for r in records]
    source = SourceSheet(
        sheet.file,
        sheet.name,
        EVENTS,
        len(records),
        min(dates).isoformat() if dates else "–",
        max(dates).isoformat() if dates else "–",
    )
    frame = pd.DataFrame.from_records(records, columns=list(EVENT_FRAME_COLUMNS))
    return Parsed(frame, source, problems=tuple(problems))


def _event_cell(key: str, cell: Any, today: dt.date) -> tuple[dict[str, Any], Fault | None]:
    """What one cell of an event log says (into the row's values), and what is wrong."""
    if key == "datum":
        day, minute, error = parse_event_date(cell)
        if day and day > today:
            error = Fault(
                Code.DATE_AFTER_REPORT,
                f"Datumet {day.isoformat()} ligger efter dagens datum "
                f"({today.isoformat()}). Rätta datumet.",
                day,
            )
        elif day and day < FIRST_VALID_DATE:
            error = Fault(
                Code.DATE_TOO_EARLY, f"Datumet {day.isoformat()} är före år 2000. Rätta datumet."
            )
        return {"date": day, "minute": minute}, error
    if key == "klockslag":
        minute, error = parse_time_of_day(cell)
        return ({"minute": minute} if minute is not None else {}), error
    if key == "handelsetyp":
        text = " ".join(str(cell).split()) if cell is not None else ""
        missing = Fault(Code.VALUE_MISSING, "Händelsetyp saknas. Fyll i vad som hände.")
        return {"type": text}, (None if text else missing)
    count, error = parse_count(cell)
    if error:
        error = Fault(error.code, f"”{cell}” är inget antal. Skriv ett heltal, 0 eller större.")
    return {"count": count}, error


def _typed(events: pd.DataFrame) -> pd.DataFrame:
    events["date"] = pd.to_datetime(events["date"])
    events["minute"] = events["minute"].astype("Int64")
    events["count"] = events["count"].astype("int64")
    return events


EVENT_TABLE = InputTable("events", EVENT_FRAME_COLUMNS, finish=_typed)

EVENTS_SHEET = "Händelselogg"


def _event_types(promise: Promise) -> list[str]:
    """The event types the promise's outcomes count, or an example of one."""
    types = list(dict.fromkeys(t for o in promise.outcomes for t in o.event_types))
    return types or ["Störande trafik"]


def _lists(promise: Promise) -> dict[str, list[str]]:
    return {"Händelsetyper": _event_types(promise)}


def _guide(promise: Promise) -> Guide:
    return Guide(
        f"Händelselogg – {promise.title}",
        (
            f"Skriv en rad per händelse (klagomål, felanmälan, polisens händelse) på bladet "
            f"”{EVENTS_SHEET}”. Rubrikraden ska stå kvar som den är.",
            "Datum: dagen händelsen inträffade, ÅÅÅÅ-MM-DD. Klockslag: TT:MM, om det är känt "
            "– då visar rapporten när på veckan och dygnet händelserna inträffar.",
            "Händelsetyp: de typer som löftets utfall räknar finns i listan. Andra typer läses "
            "men räknas inte till något utfall.",
            "Antal: hur många händelser raden gäller. Tom cell räknas som 1.",
            "Plats och Kommentar: frivilliga. De läses men visas aldrig i rapporten. Skriv "
            "inga namn, personnummer eller andra personuppgifter.",
            "Spara som .xlsx (eller .ods), lägg filen i inputs/ och kör `make check`.",
        ),
        ((promise.signed, "21:30", _event_types(promise)[0], 1, "Torget", ""),),
        date_columns=(0,),
    )


TEMPLATE = Template(
    "handelselogg-mall.xlsx", EVENTS_SHEET, tuple(c.key for c in COLUMNS), _lists, _guide
)

KIND = Kind(
    name=EVENTS,
    columns=COLUMNS,
    required=tuple(c.key for c in COLUMNS if c.required),
    table=EVENT_TABLE,
    candidate=keyed_candidate(c.key for c in COLUMNS),
    parse=parse_event_sheet,
    noun="en händelselogg",
    by_day=True,
    template=TEMPLATE,
)
