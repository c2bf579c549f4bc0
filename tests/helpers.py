"""Test helpers: build input workbooks and folders in code (no binary fixtures)."""

from __future__ import annotations

import datetime as dt
import shutil
import tomllib
from collections import defaultdict
from collections.abc import Iterable, Sequence
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


# The example fixture's commentary: a marker per section, and every kind of injection the
# commentary must neutralise.
SECTION_MARKERS = {
    "sammanfattning": "Markör för sammanfattningen: löftet har i stort hållits.",
    "fokus-trafik": "Markör för trafikmiljön.",
    "fokus-droger": "Markör för droganvändningen.",
    "fokus-trygghet": "Markör för tryggheten.",
    "andt": "Markör för genomförandeplanen.",
    "enkater": "Markör för enkäterna.",
    "underlag": "Markör för underlaget.",
}
COMMENTARY = f"""<!-- En instruktion som aldrig syns: HEMLIG-INSTRUKTION -->
# Sammanfattning

{SECTION_MARKERS["sammanfattning"]} Det **mesta** blev av.

<script>alert("skript")</script>

<img src="file:///etc/passwd" onerror="alert(1)">

[farlig länk](javascript:alert(1)) [datalänk](data:text/html;base64,PHNjcmlwdD4=)
[fillänk](file:///etc/passwd) [Polisens webbplats](https://polisen.se/)

![lokal bild](file:///etc/passwd) ![extern bild](https://example.com/bild.png)

## Underrubrik i sammanfattningen

- första punkten
- andra punkten

# Trafikmiljön
{SECTION_MARKERS["fokus-trafik"]}

#   alkohol och  DROGANVÄNDNINGEN
{SECTION_MARKERS["fokus-droger"]}

# Tryggheten
{SECTION_MARKERS["fokus-trygghet"]}

# Redovisning till genomförandeplanen
{SECTION_MARKERS["andt"]}

# Ungas hälsa och drogvanor
{SECTION_MARKERS["enkater"]}

# Om underlaget
{SECTION_MARKERS["underlag"]}
"""


def write_workbook(path: Path, sheets: dict[str, Sequence[Sequence[Any]]],
                   hidden: Iterable[str] = ()) -> Path:
    """An .xlsx with the given rows per sheet (first sheet first)."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
        if name in hidden:
            sheet.sheet_state = "hidden"
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


def promise_folder(inputs: Path, slug: str) -> Path:
    """inputs/<slug>/ holding the shipped promise file under its own id."""
    folder = inputs / slug
    folder.mkdir(parents=True, exist_ok=True)
    text = PROMISE.read_text(encoding="utf-8").replace('id = "hagfors-lpo-torsby"',
                                                       f'id = "{slug}"')
    assert f'id = "{slug}"' in text
    (folder / "medborgarlofte.toml").write_text(text, encoding="utf-8")
    return folder


def independent_activity_counts(year: int) -> dict[str, int]:
    """Yearly counts per activity id, straight from the example workbooks."""
    promise = tomllib.loads(PROMISE.read_text(encoding="utf-8"))
    names = {}
    for activity in promise["aktiviteter"]:
        for name in (activity["id"], activity["namn"], *activity.get("alias", [])):
            names[name.casefold()] = activity["id"]
    counts: dict[str, int] = defaultdict(int)
    for path in sorted(EXAMPLE.glob("aktiviteter-*.xlsx")):
        sheet = openpyxl.load_workbook(path, read_only=True).worksheets[0]
        rows = list(sheet.iter_rows(values_only=True))
        head = next(i for i, r in enumerate(rows) if any(
            isinstance(c, str) and "aktivitet" in c.casefold() and "logg" not in c.casefold()
            for c in r))
        header = [str(c or "").casefold() for c in rows[head]]
        date_col = next(i for i, h in enumerate(header) if "datum" in h)
        act_col = next(i for i, h in enumerate(header) if "aktivitet" in h)
        count_col = next(i for i, h in enumerate(header) if h.startswith("antal"))
        for row in rows[head + 1:]:
            if row[act_col] is None:
                continue
            day = row[date_col]
            day = dt.date.fromisoformat(day) if isinstance(day, str) else day.date()
            if day.year == year:
                counts[names[row[act_col].strip().casefold()]] += int(row[count_col] or 1)
    return counts


# --- survey data in both layouts -----------------------------------------------------------

# (year, survey, grade, sex, indicator, value, respondents, area)
SurveyRecord = tuple[int, str, str, str, str, Any, Any, str]
WIDE_KEYS_HEADER = ("Undersökning", "Indikator", "Årskurs", "Kön", "Område")


def long_survey_rows(records: Iterable[SurveyRecord]) -> list[Sequence[Any]]:
    """The long layout: one row per value."""
    return [SURVEY_HEADER, *records]


def wide_survey_rows(records: Iterable[SurveyRecord], counts: str = "prefix",
                     year_as_text: bool = False, title_rows: int = 0) -> list[Sequence[Any]]:
    """The same values in the wide layout: one row per survey × indicator × grade × sex ×
    area, one column per year. `counts` places the respondent counts: "prefix" (columns
    `n 2019`), "block" (a second block of year columns after a cell "Antal svarande"),
    "two-row" (a header row above the years with "Andel (%)" and "Antal svarande"), or
    "none"."""
    records = list(records)
    years = sorted({r[0] for r in records})
    rows: dict[tuple, dict[int, tuple[Any, Any]]] = {}
    for year, survey, grade, sex, indicator, value, n, area in records:
        rows.setdefault((survey, indicator, grade, sex, area), {})[year] = (value, n)
    label = (lambda y: str(y)) if year_as_text else (lambda y: y)
    head: list[list[Any]] = [[f"Titelrad {i + 1}"] for i in range(title_rows)]
    keys = list(WIDE_KEYS_HEADER)
    blank = [""] * len(keys)
    if counts == "prefix":
        head.append([*keys, *map(label, years), *(f"n {y}" for y in years)])
    elif counts == "block":
        head.append([*keys, *map(label, years), "Antal svarande", *map(label, years)])
    elif counts == "two-row":
        head.append([*keys, "Andel (%)", *[""] * (len(years) - 1), "Antal svarande"])
        head.append([*blank, *map(label, years), *map(label, years)])
    else:
        head.append([*keys, *map(label, years)])
    body = []
    for key, by_year in rows.items():
        values = [by_year.get(y, (None, None))[0] for y in years]
        ns = [by_year.get(y, (None, None))[1] for y in years]
        if counts == "prefix" or counts == "two-row":
            body.append([*key, *values, *ns])
        elif counts == "block":
            body.append([*key, *values, None, *ns])
        else:
            body.append([*key, *values])
    return [*head, *body]


def example_survey_records(name: str) -> list[SurveyRecord]:
    """The long rows of an example survey workbook, as written."""
    book = openpyxl.load_workbook(EXAMPLE / name, read_only=True)
    try:
        rows = list(book.worksheets[0].iter_rows(values_only=True))
    finally:
        book.close()
    return [tuple(r) for r in rows[1:] if r[0] is not None]  # type: ignore[misc]
