"""The example's complaint log (fictitious): complaints to Hagfors kommun about disturbing
traffic and loud music from cars in the centre, 2019–2023. Most come on Friday and Saturday
evenings and in summer; they grow until the promise is signed (2022-06-14) and fall after
it. Drawn with the example's seeded random numbers, so the file is the same on every run."""

from __future__ import annotations

import datetime as dt
from typing import Final

from openpyxl import Workbook

from scripts.example.rng import Rng

EVENTS_FILE: Final = "klagomal-kommunen.xlsx"
EVENTS_HEADER: Final = ("Datum", "Händelsetyp", "Plats", "Kommentar")
FIRST_DAY: Final = dt.date(2019, 1, 1)
LAST_DAY: Final = dt.date(2023, 12, 31)
SIGNED: Final = dt.date(2022, 6, 14)

PER_YEAR: Final = 170.0  # complaints in a year at level 1.0
MONTHS: Final = (0.45, 0.45, 0.6, 0.85, 1.25, 1.75, 2.0, 1.7, 1.05, 0.75, 0.55, 0.6)
WEEKDAYS: Final = (0.45, 0.45, 0.55, 0.8, 2.6, 2.9, 1.25)  # Monday first
# Hour of the day: late evenings and the first hours of the night.
HOURS: Final = (
    1.6, 1.1, 0.6, 0.2, 0.1, 0.1, 0.1, 0.2, 0.2, 0.3, 0.3, 0.4,
    0.5, 0.5, 0.6, 0.8, 1.0, 1.3, 1.8, 2.6, 3.4, 4.0, 3.8, 2.7,
)  # fmt: skip
TYPES: Final = (
    ("Störande trafik", 0.5),
    ("Hög musik från fordon", 0.34),
    ("Ordningsstörning", 0.1),
    ("Nedskräpning", 0.06),
)
PLACES: Final = ("Torget", "Storgatan", "Resecentrum", "Dalavägen", "Parkeringen vid Folkets hus")
COMMENTS: Final = (
    "Bilar som kör runt i centrum med hög musik.",
    "Rivstarter och hög musik vid torget.",
    "Flera bilar med hög musik, sent på kvällen.",
    "Buller från bilar som åker runt.",
    "",
    "",
    "",
)


def level(day: dt.date) -> float:
    """The level: rising until the signing, then falling to less than half in six months."""
    if day < SIGNED:
        return 0.8 + 0.35 * (day - FIRST_DAY).days / (SIGNED - FIRST_DAY).days
    return 1.1 - 0.65 * min(1.0, (day - SIGNED).days / 182)


def expected(day: dt.date) -> float:
    mean_month = sum(MONTHS) / 12
    mean_weekday = sum(WEEKDAYS) / 7
    return (
        PER_YEAR
        / 365.25
        * level(day)
        * MONTHS[day.month - 1]
        / mean_month
        * WEEKDAYS[day.weekday()]
        / mean_weekday
    )


def complaint_rows(rng: Rng) -> list[tuple[dt.datetime, str, str, str]]:
    rows = []
    day = FIRST_DAY
    while day <= LAST_DAY:
        trials = 40
        for _ in range(rng.binomial(trials, expected(day) / trials)):
            hour = rng.weighted_index(HOURS)
            minute = rng.integer(0, 59)
            # An hour after midnight belongs to the evening before: the next calendar day.
            when = dt.datetime.combine(day, dt.time(hour, minute))
            if hour < 5:
                when += dt.timedelta(days=1)
            kind = TYPES[rng.weighted_index([w for _, w in TYPES])][0]
            rows.append((when, kind, rng.choice(PLACES), rng.choice(COMMENTS)))
        day += dt.timedelta(days=1)
    return sorted(r for r in rows if r[0].date() <= LAST_DAY)


def complaints_workbook(rng: Rng) -> Workbook:
    wb = Workbook()
    ws = wb.active
    ws.title = "Klagomål"
    ws.append(EVENTS_HEADER)
    for when, kind, place, comment in complaint_rows(rng):
        ws.append((when, kind, place, comment or None))
        ws.cell(ws.max_row, 1).number_format = "yyyy-mm-dd hh:mm"
    for column, width in zip("ABCD", (18, 24, 28, 48), strict=True):
        ws.column_dimensions[column].width = width
    return wb
