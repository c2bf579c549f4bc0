"""Deterministic generator of FICTITIOUS example Excel exports.

The files mimic what the report reads in real life: the police activity log, the
municipality's activity log and two school surveys (ELSA and Elevers drogvanor) in long
format. Every number and text is invented; no real person or event is described.

Usage::

    python -m scripts.example.generate OUTDIR

The same files (cell for cell) are produced on every run and every machine: randomness
comes only from ``random.Random.random()`` with a fixed seed, whose sequence Python
guarantees to keep stable across versions, and workbook metadata and zip timestamps are
fixed.
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import itertools
import math
import sys
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from scripts.example.events import EVENTS_FILE, complaints_workbook
from scripts.example.rng import Rng
from scripts.example.stats import (
    CRIMES_FILE,
    SAFETY_FILE,
    crimes_workbook,
    municipality_name,
    safety_workbook,
)

SEED: Final = 20240115
EXPORT_DATE: Final = dt.date(2024, 1, 15)
EXPORT_TIMESTAMP: Final = dt.datetime(2024, 1, 15, 8, 0, 0)
YEARS: Final = (2021, 2022, 2023)
DATE_FORMAT: Final = "yyyy-mm-dd"

POLICE_FILE: Final = "aktiviteter-polisen.xlsx"
MUNICIPALITY_FILE: Final = "aktiviteter-kommunen.xlsx"
ELSA_FILE: Final = "enkat-elsa.xlsx"
DRUG_SURVEY_FILE: Final = "enkat-drogvanor.xlsx"

POLICE_TITLE: Final = "Lpo Torsby – aktivitetslogg medborgarlöfte Hagfors"
POLICE_SUBTITLE: Final = f"Utdrag {EXPORT_DATE.isoformat()} – FIKTIVA EXEMPELUPPGIFTER"
POLICE_HEADER: Final = ("Händelsedatum", "Typ av aktivitet", "Antal tillfällen", "Plats")
MUNICIPALITY_HEADER: Final = ("Datum", "Aktivitet", "Antal", "Ansvarig", "Plats", "Kommentar")
SURVEY_HEADER: Final = (
    "År",
    "Undersökning",
    "Årskurs",
    "Kön",
    "Indikator",
    "Andel",
    "Antal svarande",
    "Område",
)

MUNICIPALITY: Final = "Hagfors"
REGION: Final = "Värmland"
SEXES: Final = ("Flickor", "Pojkar")
ALL_SEXES: Final = "Alla"

# Exactly one deliberately small group (below the promise file's threshold of 10).
SMALL_GROUP: Final = ("Elevers drogvanor", 2013, "gy 2", MUNICIPALITY, "Flickor")
SMALL_GROUP_SIZE: Final = 8

# ---------------------------------------------------------------------------
#  Activity logs
# ---------------------------------------------------------------------------
# Relative number of activities per month (January first): fewer in July.
MONTHS_GENERAL: Final = (1.0, 1.1, 1.1, 1.0, 1.1, 1.0, 0.35, 0.8, 1.1, 1.1, 1.1, 0.9)
MONTHS_PATROL: Final = (0.8, 0.8, 0.9, 1.0, 1.2, 1.2, 0.6, 1.1, 1.0, 0.9, 0.9, 1.0)
MONTHS_SCHOOL: Final = (0.9, 1.2, 1.2, 1.1, 1.2, 0.5, 0.05, 0.5, 1.2, 1.2, 1.2, 0.8)
MONTHS_OUTDOOR: Final = (0.3, 0.3, 0.6, 1.3, 1.5, 1.3, 0.3, 1.2, 1.5, 1.3, 0.6, 0.2)


@dataclass(frozen=True)
class ActivitySpec:
    """How one activity is logged in the example data."""

    id: str
    names: tuple[str, ...]  # the promise file's namn and aliases, as written in the log
    totals: tuple[int, int, int]  # sum of counts for 2021, 2022, 2023
    months: tuple[float, ...]
    weekdays_only: bool
    places: tuple[str, ...]
    max_per_row: int = 1
    comments: tuple[str, ...] = ()
    comment_probability: float = 0.85
    fixed_months: tuple[int, ...] = ()  # n-th row of a year falls in the n-th of these months
    responsible: str = "Polisen och kommunen"


POLICE_ACTIVITIES: Final = (
    ActivitySpec(
        id="trafikkontroller",
        names=(
            "Trafikkontroller",
            "Trafikkontroll",
            "Hastighetskontroll",
            "Nykterhetskontroll",
            "Riktad trafikkontroll",
        ),
        totals=(54, 63, 66),
        months=MONTHS_GENERAL,
        weekdays_only=False,
        places=("Hagfors centrum", "Ekshärad", "Råda", "Sunnemo", "Uddeholm", "Mjönäs"),
        max_per_row=3,
    ),
    ActivitySpec(
        id="patrullering",
        names=(
            "Trygghetsskapande patrullering",
            "Patrullering",
            "Trygghetspatrull",
            "Fotpatrull",
            "Trygghetsskapande åtgärd",
        ),
        totals=(143, 156, 128),
        months=MONTHS_PATROL,
        weekdays_only=False,
        places=(
            "Hagfors centrum",
            "Hagfors centrum",
            "Ekshärad",
            "Råda",
            "Uddeholm",
            "Älvstrandsgymnasiet",
            "Resecentrum Hagfors",
        ),
        max_per_row=3,
    ),
    ActivitySpec(
        id="ssp",
        names=("SSP-möten", "SSP-möte", "SSP", "SSP möte"),
        totals=(9, 11, 10),
        months=MONTHS_SCHOOL,
        weekdays_only=True,
        places=("Kommunhuset Hagfors", "Älvstrandsgymnasiet", "Polisstationen Hagfors"),
    ),
    ActivitySpec(
        id="trygghetsradet",
        names=("Trygghetsfrågor i Trygghetsrådet", "Trygghetsrådet", "Möte Trygghetsrådet"),
        totals=(4, 4, 4),
        months=MONTHS_GENERAL,
        fixed_months=(2, 5, 9, 11),
        weekdays_only=True,
        places=("Kommunhuset Hagfors",),
    ),
    ActivitySpec(
        id="naringsliv",
        names=(
            "Samverkan med näringsliv och bostadsbolag",
            "Samverkan näringsliv",
            "Samverkan bostadsbolaget",
            "Möte näringsliv och bostadsbolag",
        ),
        totals=(3, 4, 2),
        months=MONTHS_GENERAL,
        weekdays_only=True,
        places=("Hagfors centrum", "Kommunhuset Hagfors", "Uddeholm"),
    ),
)

MUNICIPALITY_ACTIVITIES: Final = (
    ActivitySpec(
        id="trafikmiljo",
        names=(
            "Översyn av trafikmiljön",
            "Översyn trafikmiljö",
            "Trafikmiljöåtgärd",
            "Förbättring av trafikmiljön",
        ),
        totals=(3, 5, 0),
        months=MONTHS_OUTDOOR,
        weekdays_only=True,
        places=("Hagfors centrum", "Ekshärad", "Råda", "Sunnemo"),
        comments=(
            "Genomfört enligt plan",
            "Skolvägar inventerade",
            "Farthinder utrett",
            "Ny belysning på gång- och cykelväg",
            "Hastighetsskyltar ses över",
        ),
        responsible="Kommunen",
    ),
    ActivitySpec(
        id="trafiksamverkan",
        names=(
            "Samverkan om trafikmiljön",
            "Trafiksamverkan",
            "Samverkansmöte trafik",
            "Möte tekniska avdelningen",
        ),
        totals=(4, 3, 3),
        months=MONTHS_GENERAL,
        weekdays_only=True,
        places=("Kommunhuset Hagfors", "Digitalt möte"),
        comments=(
            "Genomfört enligt plan",
            "Hastighetsfrågor diskuterade",
            "Genomgång av olycksplatser",
            "Trafiksäkerhet vid skolor",
        ),
    ),
    ActivitySpec(
        id="tidig-upptackt",
        names=(
            "Tidig upptäckt",
            "Tidig upptäckt och förebyggande insats",
            "Insats riskzon",
            "Orosanmälan uppföljd",
        ),
        totals=(11, 13, 5),
        months=MONTHS_SCHOOL,
        weekdays_only=True,
        places=("Älvstrandsgymnasiet", "Kommunhuset Hagfors", "Hagfors centrum", "Ekshärad"),
        comments=(
            "Genomfört enligt plan",
            "Samverkan skola och socialtjänst",
            "Uppföljning i elevhälsan",
            "Föräldrakontakt",
        ),
    ),
    ActivitySpec(
        id="forebyggande",
        names=(
            "Förebyggande insatser mot missbruk",
            "Förebyggande insats",
            "Föräldramöte ANDT",
            "Skolbesök ANDT",
            "Drogförebyggande insats",
        ),
        totals=(18, 22, 23),
        months=MONTHS_SCHOOL,
        weekdays_only=True,
        places=("Älvstrandsgymnasiet", "Hagfors centrum", "Ekshärad", "Råda", "Uddeholm"),
        max_per_row=2,
        comments=(
            "Genomfört enligt plan",
            "Åk 7",
            "Åk 8",
            "Åk 9",
            "Gymnasiet",
            "Tema alkohol och droger",
            "Tema tobak och snus",
            "Tillsammans med elevhälsan",
        ),
    ),
)

# Rows whose activity name is written with other letter case, as in a hand-typed log:
# (activity id, year, n-th row of that activity and year, name as written).
CASE_VARIANTS: Final = (
    ("trafikkontroller", 2022, 0, "trafikkontroll"),
    ("patrullering", 2023, 4, "patrullering"),
)
TEXT_DATE_ROWS: Final = 5
EMPTY_COUNT_ROWS: Final = 6
EMPTY_RESPONSIBLE_ROWS: Final = 3


@dataclass(frozen=True)
class LogRow:
    """One activity row before it is written to a sheet."""

    date: dt.date
    activity_id: str
    name: str
    count: int
    place: str
    comment: str = ""


def split_total(rng: Rng, total: int, max_per_row: int) -> list[int]:
    """Split a yearly total into row counts: mostly 1, sometimes 2 or 3."""
    counts: list[int] = []
    remaining = total
    while remaining > 0:
        draw = rng.unit()
        count = 1 if draw < 0.75 else 2 if draw < 0.93 else 3
        count = min(count, max_per_row, remaining)
        counts.append(count)
        remaining -= count
    return counts


def is_meeting_day(day: dt.date) -> bool:
    """Weekday outside the Christmas and New Year holidays."""
    holiday = (day.month == 12 and day.day > 20) or (day.month == 1 and day.day < 7)
    return day.weekday() < 5 and not holiday


def draw_date(rng: Rng, year: int, months: Sequence[float], weekdays_only: bool) -> dt.date:
    month = rng.weighted_index(months) + 1
    days_in_month = calendar.monthrange(year, month)[1]
    while True:
        day = dt.date(year, month, rng.integer(1, days_in_month))
        if not weekdays_only or is_meeting_day(day):
            return day


def month_weights(spec: ActivitySpec, nth: int) -> tuple[float, ...]:
    """Month weights for the n-th row of a year (a fixed month for scheduled meetings)."""
    if not spec.fixed_months:
        return spec.months
    month = spec.fixed_months[nth % len(spec.fixed_months)]
    return tuple(1.0 if m == month else 0.0 for m in range(1, 13))


def draw_comment(rng: Rng, spec: ActivitySpec) -> str:
    if spec.comments and rng.chance(spec.comment_probability):
        return rng.choice(spec.comments)
    return ""


def activity_rows(rng: Rng, spec: ActivitySpec) -> list[LogRow]:
    rows: list[LogRow] = []
    for year, total in zip(YEARS, spec.totals, strict=True):
        for nth, count in enumerate(split_total(rng, total, spec.max_per_row)):
            rows.append(
                LogRow(
                    date=draw_date(rng, year, month_weights(spec, nth), spec.weekdays_only),
                    activity_id=spec.id,
                    name=rng.choice(spec.names),
                    count=count,
                    place=rng.choice(spec.places),
                    comment=draw_comment(rng, spec),
                )
            )
    return rows


def build_log(rng: Rng, specs: Sequence[ActivitySpec]) -> list[LogRow]:
    """All rows of one log, sorted by date like an export."""
    order = {spec.id: index for index, spec in enumerate(specs)}
    rows = [row for spec in specs for row in activity_rows(rng, spec)]
    return sorted(rows, key=lambda row: (row.date, order[row.activity_id]))


def apply_case_variants(rows: list[LogRow]) -> list[LogRow]:
    result = list(rows)
    for activity_id, year, nth, name in CASE_VARIANTS:
        matches = [
            index
            for index, row in enumerate(result)
            if row.activity_id == activity_id and row.date.year == year
        ]
        index = matches[nth]
        old = result[index]
        result[index] = LogRow(old.date, old.activity_id, name, old.count, old.place, old.comment)
    return result


def set_column_widths(ws: Worksheet, widths: Sequence[int]) -> None:
    for index, width in enumerate(widths):
        ws.column_dimensions[chr(ord("A") + index)].width = width


def write_header(ws: Worksheet, row: int, header: Sequence[str]) -> None:
    for column, title in enumerate(header, start=1):
        ws.cell(row=row, column=column, value=title).font = Font(bold=True)


def police_workbook(rng: Rng) -> Workbook:
    rows = apply_case_variants(build_log(rng, POLICE_ACTIVITIES))
    wb = Workbook()
    ws = wb.active
    ws.title = "Aktivitetslogg"
    ws.cell(row=1, column=1, value=POLICE_TITLE).font = Font(bold=True, size=14)
    ws.cell(row=2, column=1, value=POLICE_SUBTITLE)
    write_header(ws, 4, POLICE_HEADER)
    for offset, row in enumerate(rows):
        excel_row = 5 + offset
        ws.cell(row=excel_row, column=1, value=row.date).number_format = DATE_FORMAT
        ws.cell(row=excel_row, column=2, value=row.name)
        ws.cell(row=excel_row, column=3, value=row.count)
        ws.cell(row=excel_row, column=4, value=row.place)
    set_column_widths(ws, (16, 36, 16, 24))
    return wb


def party_of(responsible: str, index: int) -> str:
    """Shared activities: every third row logged as the municipality's own work, so the
    example shows a split by party (deterministic, draws nothing from the generator)."""
    if responsible == "Polisen och kommunen" and index % 3 == 0:
        return "Kommunen"
    return responsible


def municipality_workbook(rng: Rng) -> Workbook:
    rows = build_log(rng, MUNICIPALITY_ACTIVITIES)
    responsible = {spec.id: spec.responsible for spec in MUNICIPALITY_ACTIVITIES}
    text_dates = set(rng.sample_indices(len(rows), TEXT_DATE_ROWS))
    ones = [index for index, row in enumerate(rows) if row.count == 1]
    empty_counts = {ones[i] for i in rng.sample_indices(len(ones), EMPTY_COUNT_ROWS)}
    empty_responsible = set(rng.sample_indices(len(rows), EMPTY_RESPONSIBLE_ROWS))
    wb = Workbook()
    ws = wb.active
    ws.title = "Blad1"
    write_header(ws, 1, MUNICIPALITY_HEADER)
    for index, row in enumerate(rows):
        excel_row = 2 + index
        if index in text_dates:
            ws.cell(row=excel_row, column=1, value=row.date.isoformat())
        else:
            ws.cell(row=excel_row, column=1, value=row.date).number_format = DATE_FORMAT
        ws.cell(row=excel_row, column=2, value=row.name)
        if index not in empty_counts:
            ws.cell(row=excel_row, column=3, value=row.count)
        if index not in empty_responsible:
            ws.cell(row=excel_row, column=4, value=party_of(responsible[row.activity_id], index))
        ws.cell(row=excel_row, column=5, value=row.place)
        ws.cell(row=excel_row, column=6, value=row.comment or None)
    set_column_widths(ws, (12, 36, 8, 22, 22, 30))
    return wb


# ---------------------------------------------------------------------------
#  Surveys
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class IndicatorSpec:
    """Regional (Värmland) level of one indicator in one grade, in percent.

    ``anchors`` are (year, share for both sexes); years in between are interpolated.
    ``girls_to_boys`` is the ratio between the girls' and the boys' share.
    """

    id: str
    grade: str
    anchors: tuple[tuple[int, float], ...]
    girls_to_boys: float = 1.0


@dataclass(frozen=True)
class SurveySpec:
    name: str
    sheet: str
    years: tuple[int, ...]
    grades: tuple[str, ...]
    indicators: tuple[IndicatorSpec, ...]
    municipality_missing_years: tuple[int, ...] = ()
    municipality_per_sex: tuple[int, int] = (40, 55)
    region_per_sex: tuple[int, int] = (1000, 1400)


ED_YEARS: Final = (2013, 2015, 2017, 2019, 2021, 2023)


def ed_anchors(*shares: float) -> tuple[tuple[int, float], ...]:
    return tuple(zip(ED_YEARS[-len(shares) :], shares, strict=True))


ELSA: Final = SurveySpec(
    name="ELSA",
    sheet="ELSA",
    years=tuple(range(2016, 2024)),
    grades=("åk 4", "åk 7", "gy 1"),
    municipality_missing_years=(2020,),
    indicators=(
        IndicatorSpec("elsa-trygg", "åk 4", ((2016, 90.0), (2019, 91.0), (2023, 89.0)), 1.0),
        IndicatorSpec("elsa-trygg", "åk 7", ((2016, 87.0), (2020, 86.0), (2023, 85.5)), 0.98),
        IndicatorSpec("elsa-trygg", "gy 1", ((2016, 89.0), (2023, 90.0)), 0.99),
        IndicatorSpec("elsa-alkohol", "åk 7", ((2016, 7.0), (2019, 5.0), (2023, 4.5)), 1.1),
        IndicatorSpec(
            "elsa-alkohol", "gy 1", ((2016, 45.0), (2019, 42.0), (2021, 36.0), (2023, 37.0)), 1.05
        ),
        IndicatorSpec("elsa-snus", "åk 7", ((2016, 2.5), (2023, 3.5)), 0.7),
        IndicatorSpec("elsa-snus", "gy 1", ((2016, 12.0), (2019, 14.0), (2023, 17.0)), 0.75),
    ),
)

DRUG_SURVEY: Final = SurveySpec(
    name="Elevers drogvanor",
    sheet="Drogvanor",
    years=ED_YEARS,
    grades=("åk 9", "gy 2"),
    indicators=(
        IndicatorSpec("ed-alkohol", "åk 9", ed_anchors(50, 47, 45, 42, 38.5, 38), 1.05),
        IndicatorSpec("ed-alkohol", "gy 2", ed_anchors(78, 76, 74, 72, 68, 67), 1.02),
        IndicatorSpec("ed-rokt", "åk 9", ed_anchors(12, 11, 9, 8, 6.5, 7), 1.15),
        IndicatorSpec("ed-rokt", "gy 2", ed_anchors(30, 28, 25, 23, 19, 20), 1.1),
        IndicatorSpec("ed-vejp", "åk 9", ed_anchors(14, 20, 32), 1.1),
        IndicatorSpec("ed-vejp", "gy 2", ed_anchors(22, 30, 51), 1.05),
        IndicatorSpec("ed-snus", "åk 9", ed_anchors(8, 8, 9, 10, 12, 15), 0.6),
        IndicatorSpec("ed-snus", "gy 2", ed_anchors(18, 18, 20, 22, 24, 28), 0.6),
        IndicatorSpec("ed-erbjuden-narkotika", "åk 9", ed_anchors(11, 13, 15, 17, 18, 20), 0.85),
        IndicatorSpec("ed-erbjuden-narkotika", "gy 2", ed_anchors(20, 22, 24, 26, 27, 29), 0.85),
        IndicatorSpec("ed-narkotika", "åk 9", ed_anchors(3, 3, 3.5, 4, 4, 4), 0.75),
        IndicatorSpec("ed-narkotika", "gy 2", ed_anchors(8, 8.5, 9, 10, 9, 9), 0.75),
    ),
)


def interpolate(anchors: Sequence[tuple[int, float]], year: int) -> float | None:
    """Share for ``year`` by linear interpolation; None before the first anchor."""
    if year < anchors[0][0]:
        return None
    for (year0, share0), (year1, share1) in itertools.pairwise(anchors):
        if year0 <= year <= year1:
            return share0 + (share1 - share0) * (year - year0) / (year1 - year0)
    return anchors[-1][1]


def logit(share: float) -> float:
    return math.log(share / (1.0 - share))


def expit(value: float) -> float:
    return 1.0 / (1.0 + math.exp(-value))


def shares_by_sex(share_percent: float, girls_to_boys: float, shift: float) -> dict[str, float]:
    """True probabilities for girls and boys, shifted on the logit scale."""
    boys = 2.0 * share_percent / (1.0 + girls_to_boys)
    girls = boys * girls_to_boys
    return {
        sex: expit(logit(min(max(percent, 0.5), 99.5) / 100.0) + shift)
        for sex, percent in zip(SEXES, (girls, boys), strict=True)
    }


def percent(positives: int, n: int) -> float:
    """Share in percent with one decimal, as written in the exports (e.g. 33.3)."""
    return round(100.0 * positives / n, 1)


def area_shifts(rng: Rng, survey: SurveySpec) -> dict[tuple[str, str, str], float]:
    """Constant logit shift per (area, indicator, grade): Hagfors has its own level."""
    shifts: dict[tuple[str, str, str], float] = {}
    for spec in survey.indicators:
        shifts[(MUNICIPALITY, spec.id, spec.grade)] = rng.uniform(-0.25, 0.25)
        shifts[(REGION, spec.id, spec.grade)] = 0.0
    return shifts


def group_sizes(rng: Rng, survey: SurveySpec, area: str) -> dict[str, int]:
    low, high = survey.municipality_per_sex if area == MUNICIPALITY else survey.region_per_sex
    return {sex: rng.integer(low, high) for sex in SEXES}


def respondents(rng: Rng, survey: SurveySpec, key: tuple[int, str, str, str], base: int) -> int:
    """Respondents to one question: the group size minus a few missing answers."""
    year, grade, area, sex = key
    if (survey.name, year, grade, area, sex) == SMALL_GROUP:
        return SMALL_GROUP_SIZE
    missing_max = 2 if area == MUNICIPALITY else 25
    return base - rng.integer(0, missing_max)


SurveyRow = tuple[int, str, str, str, str, float, int, str]


def indicator_rows(
    rng: Rng,
    survey: SurveySpec,
    key: tuple[int, str, str],
    spec: IndicatorSpec,
    context: tuple[dict[str, int], float],
) -> list[SurveyRow]:
    """Flickor, Pojkar and Alla rows for one (year, grade, area, indicator)."""
    year, grade, area = key
    sizes, shift = context
    share = interpolate(spec.anchors, year)
    if share is None:
        return []
    probabilities = shares_by_sex(share, spec.girls_to_boys, shift)
    rows: list[SurveyRow] = []
    total_n = total_positives = 0
    for sex in SEXES:
        n = respondents(rng, survey, (year, grade, area, sex), sizes[sex])
        positives = rng.binomial(n, probabilities[sex])
        total_n += n
        total_positives += positives
        rows.append((year, survey.name, grade, sex, spec.id, percent(positives, n), n, area))
    all_share = percent(total_positives, total_n)
    rows.append((year, survey.name, grade, ALL_SEXES, spec.id, all_share, total_n, area))
    return rows


def survey_rows(rng: Rng, survey: SurveySpec) -> list[SurveyRow]:
    shifts = area_shifts(rng, survey)
    rows: list[SurveyRow] = []
    for year in survey.years:
        for area in (MUNICIPALITY, REGION):
            if area == MUNICIPALITY and year in survey.municipality_missing_years:
                continue
            for grade in survey.grades:
                sizes = group_sizes(rng, survey, area)
                for spec in survey.indicators:
                    if spec.grade != grade:
                        continue
                    context = (sizes, shifts[(area, spec.id, grade)])
                    rows.extend(indicator_rows(rng, survey, (year, grade, area), spec, context))
    return rows


def survey_workbook(rng: Rng, survey: SurveySpec) -> Workbook:
    wb = Workbook()
    ws = wb.active
    ws.title = survey.sheet
    write_header(ws, 1, SURVEY_HEADER)
    for row in survey_rows(rng, survey):
        ws.append(list(row))
    set_column_widths(ws, (8, 20, 10, 10, 24, 10, 16, 12))
    return wb


# ---------------------------------------------------------------------------
#  Writing
# ---------------------------------------------------------------------------
def save_deterministic(wb: Workbook, path: Path) -> None:
    """Save with fixed metadata and fixed zip timestamps (openpyxl's save sets 'now')."""
    wb.properties.creator = "Exempeldata (fiktiv)"
    wb.properties.lastModifiedBy = "Exempeldata (fiktiv)"
    wb.properties.title = "FIKTIVA EXEMPELUPPGIFTER"
    wb.properties.created = EXPORT_TIMESTAMP
    wb.properties.modified = EXPORT_TIMESTAMP
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).save()
    with zipfile.ZipFile(path) as archive:
        members = [(info.filename, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=EXPORT_TIMESTAMP.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)


def write_example(outdir: Path) -> list[Path]:
    """Write the seven fictitious example exports to ``outdir`` and return their paths."""
    outdir.mkdir(parents=True, exist_ok=True)
    workbooks = (
        (POLICE_FILE, police_workbook(Rng(SEED + 1))),
        (MUNICIPALITY_FILE, municipality_workbook(Rng(SEED + 2))),
        (ELSA_FILE, survey_workbook(Rng(SEED + 3), ELSA)),
        (DRUG_SURVEY_FILE, survey_workbook(Rng(SEED + 4), DRUG_SURVEY)),
        (EVENTS_FILE, complaints_workbook(Rng(SEED + 5))),
        (CRIMES_FILE, crimes_workbook(Rng(SEED + 6), municipality_name())),
        (SAFETY_FILE, safety_workbook(municipality_name())),
    )
    paths: list[Path] = []
    for name, wb in workbooks:
        path = outdir / name
        save_deterministic(wb, path)
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m scripts.example.generate",
        description="Skriver fiktiva exempelexporter (Excel) till en mapp.",
    )
    parser.add_argument("outdir", type=Path, help="mapp där exempelfilerna skrivs")
    args = parser.parse_args(argv)
    for path in write_example(args.outdir):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
