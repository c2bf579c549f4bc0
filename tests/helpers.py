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
