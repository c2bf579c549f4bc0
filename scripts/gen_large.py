"""Deterministic generator of the LARGE benchmark cases (issue 7). Nothing here is committed
as data: the files are written on demand and cached.

Cases, each an inputs folder the CLI can read (``python -m report --inputs FOLDER``):

* ``example``       only a copy of the promise file: the CLI falls back to the bundled
                    example exports, exactly as `make report` with an empty inputs/.
* ``log-1m``        one activity log of 1,000,000 rows in one .xlsx (Datum as real Excel
                    dates, Aktivitet as names/aliases from the promise, Antal, Ansvarig,
                    Plats), the example's two survey files and a copy of the promise file –
                    so the report has the same charts as the example and only the log grows.
* ``survey-large``  a survey file of 40 indicators x 5 grades x 3 sexes x 12 years x 3 areas
                    (21,600 rows, long format), a promise file listing those 40 indicators,
                    and the example's two activity logs.
* ``folders-20``    20 promise folders, each with its own medborgarlofte.toml (own id and
                    municipality) and small exports (one activity log, one survey file).

Workbooks are written by streaming the sheet XML into a zip (about 10x faster than
openpyxl); they are ordinary .xlsx files with shared strings and a date number format.
Randomness comes only from ``random.Random.random()`` with fixed seeds and zip timestamps
are fixed, so the same version writes the same bytes.

Usage::

    python scripts/gen_large.py [--cache .bench-cache]      # prints the case folders

The cases live under ``CACHE/gen-v<version>-<hash of the promise file and example files>``
and are only regenerated when the generator version or those inputs change.
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import hashlib
import itertools
import json
import math
import random
import re
import shutil
import sys
import tomllib
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

GENERATOR_VERSION = 2
PROJECT = Path(__file__).resolve().parent.parent
PROMISE_FILE = "medborgarlofte.toml"
DEFAULT_PROMISE = PROJECT / "example" / PROMISE_FILE  # never the analyst's, in inputs/
EXAMPLE_DIR = PROJECT / "example"
DEFAULT_CACHE = PROJECT / ".bench-cache"

SEED = 20261125
LOG_ROWS = 1_000_000
LOG_YEARS = (2019, 2023)  # first and last year of the large activity log
ZIP_TIME = (2024, 1, 15, 8, 0, 0)
EXCEL_EPOCH = dt.date(1899, 12, 30)

SURVEY_INDICATORS = 40
SURVEY_GRADES = ("åk 4", "åk 7", "åk 9", "gy 1", "gy 2")
SURVEY_SEXES = ("Flickor", "Pojkar", "Alla")
SURVEY_YEARS = tuple(range(2012, 2024))
SURVEY_NAMES = ("ELSA", "Elevers drogvanor")
REFERENCE_AREAS = ("Värmland", "Riket")
SURVEY_HEADER = (
    "År",
    "Undersökning",
    "Årskurs",
    "Kön",
    "Indikator",
    "Andel",
    "Antal svarande",
    "Område",
)
LOG_HEADER = ("Datum", "Aktivitet", "Antal", "Ansvarig", "Plats")

FOLDER_COUNT = 20
MUNICIPALITIES = (
    "Arvika",
    "Eda",
    "Filipstad",
    "Forshaga",
    "Grums",
    "Hammarö",
    "Karlstad",
    "Kil",
    "Kristinehamn",
    "Munkfors",
    "Storfors",
    "Sunne",
    "Säffle",
    "Torsby",
    "Årjäng",
    "Ludvika",
    "Mora",
    "Falun",
    "Borlänge",
    "Leksand",
)
# Plats is free text, in real logs mostly an address: street, number and locality (about
# 70,000 distinct places, so rows that repeat date, activity, count and place – suspected
# duplicates in the report – are as rare as in a real log: a few hundred groups a year).
STREETS = (
    "Storgatan",
    "Kyrkogatan",
    "Skolgatan",
    "Järnvägsgatan",
    "Drottninggatan",
    "Kungsgatan",
    "Nygatan",
    "Parkgatan",
    "Torggatan",
    "Strandvägen",
    "Sjövägen",
    "Industrivägen",
    "Stationsgatan",
    "Bruksgatan",
    "Åsvägen",
    "Björkvägen",
    "Tallvägen",
    "Granvägen",
    "Ekvägen",
    "Lönnvägen",
    "Hagavägen",
    "Ängsvägen",
    "Skogsvägen",
    "Backvägen",
    "Bergsgatan",
    "Dalgatan",
    "Hamngatan",
    "Bangatan",
    "Älvgatan",
    "Fabriksgatan",
    "Verkstadsgatan",
    "Smedjegatan",
    "Kvarngatan",
    "Prästgårdsvägen",
    "Gymnasievägen",
    "Idrottsvägen",
    "Badvägen",
    "Centrumvägen",
    "Torget",
    "Resecentrum",
)
LOCALITIES = (
    "Hagfors",
    "Ekshärad",
    "Råda",
    "Sunnemo",
    "Uddeholm",
    "Mjönäs",
    "Torsby",
    "Sysslebäck",
    "Östmark",
    "Munkfors",
    "Ransäter",
    "Filipstad",
    "Lesjöfors",
    "Nykroppa",
    "Storfors",
)


def draw_place(rng: Rng) -> str:
    return f"{rng.choice(STREETS)} {rng.integer(1, 120)}, {rng.choice(LOCALITIES)}"


CASES = ("example", "log-1m", "survey-large", "folders-20")


# --- random numbers ----------------------------------------------------------------------


class Rng:
    """Seeded numbers derived only from random.Random.random(), which Python keeps stable
    across versions (randint/choice/gauss may change)."""

    def __init__(self, seed: int) -> None:
        self.unit = random.Random(seed).random

    def integer(self, low: int, high: int) -> int:
        span = high - low + 1
        return low + min(int(self.unit() * span), span - 1)

    def choice(self, items: Sequence[Any]) -> Any:
        return items[self.integer(0, len(items) - 1)]

    def normal(self) -> float:
        """Approximately standard normal (Irwin-Hall with 12 terms)."""
        return sum(self.unit() for _ in range(12)) - 6.0


# --- a minimal streaming .xlsx writer ------------------------------------------------------

_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

_CONTENT_TYPES = _XML_HEAD + (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
    'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.styles+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.'
    'openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-'
    'package.core-properties+xml"/>'
    "</Types>"
)
_ROOT_RELS = _XML_HEAD + (
    f'<Relationships xmlns="{_PKG_REL_NS}">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/'
    'relationships/metadata/core-properties" Target="docProps/core.xml"/>'
    "</Relationships>"
)
_CORE = _XML_HEAD + (
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
    'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    "<dc:title>FIKTIVA BENCHMARKUPPGIFTER</dc:title><dc:creator>scripts/gen_large.py</dc:creator>"
    '<dcterms:created xsi:type="dcterms:W3CDTF">2024-01-15T08:00:00Z</dcterms:created>'
    "</cp:coreProperties>"
)
_WORKBOOK_RELS = _XML_HEAD + (
    f'<Relationships xmlns="{_PKG_REL_NS}">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/styles" Target="styles.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/sharedStrings" Target="sharedStrings.xml"/>'
    "</Relationships>"
)
# Style 0: default; 1: date (yyyy-mm-dd, as the example exports); 2: bold header.
_STYLES = _XML_HEAD + (
    f'<styleSheet xmlns="{_NS}">'
    '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
    "</cellStyleXfs>"
    '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)
_DATE_STYLE = 1
_HEADER_STYLE = 2


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


class _Strings:
    """The shared-string table, filled while the sheet is written."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        self.uses = 0

    def __call__(self, text: str) -> int:
        self.uses += 1
        found = self.index.get(text)
        if found is None:
            found = self.index[text] = len(self.index)
        return found

    def xml(self) -> str:
        items = "".join(f'<si><t xml:space="preserve">{escape(t)}</t></si>' for t in self.index)
        return (
            _XML_HEAD + f'<sst xmlns="{_NS}" count="{self.uses}" '
            f'uniqueCount="{len(self.index)}">{items}</sst>'
        )


def _cell_xml(ref: str, value: Any, strings: _Strings) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        return f'<c r="{ref}" t="s"><v>{strings(value)}</v></c>'
    if isinstance(value, dt.date):
        return f'<c r="{ref}" s="{_DATE_STYLE}"><v>{(value - EXCEL_EPOCH).days}</v></c>'
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"unsupported cell value {value!r}")
    return f'<c r="{ref}"><v>{value!r}</v></c>'


def _sheet_rows(
    header: Sequence[str], rows: Iterable[Sequence[Any]], strings: _Strings
) -> Iterator[str]:
    letters = [column_letter(i) for i in range(len(header))]
    cells = "".join(
        f'<c r="{letters[i]}1" t="s" s="{_HEADER_STYLE}"><v>{strings(h)}</v></c>'
        for i, h in enumerate(header)
    )
    yield f'<row r="1">{cells}</row>'
    for number, row in enumerate(rows, start=2):
        cells = "".join(_cell_xml(f"{letters[i]}{number}", v, strings) for i, v in enumerate(row))
        yield f'<row r="{number}">{cells}</row>'


def _sheet_head(header: Sequence[str], row_count: int, widths: Sequence[int]) -> str:
    """The worksheet XML up to <sheetData>: dimension, frozen header row, column widths."""
    last = f"{column_letter(len(header) - 1)}{row_count + 1}"
    cols = "".join(
        f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>'
        for i, w in enumerate(widths, start=1)
    )
    return (
        _XML_HEAD + f'<worksheet xmlns="{_NS}" xmlns:r="{_REL_NS}">'
        f'<dimension ref="A1:{last}"/><sheetViews><sheetView workbookViewId="0">'
        '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
        '</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>'
        + (f"<cols>{cols}</cols>" if cols else "")
        + "<sheetData>"
    )


def _workbook_xml(sheet: str) -> str:
    return (
        _XML_HEAD + f'<workbook xmlns="{_NS}" xmlns:r="{_REL_NS}"><sheets>'
        f'<sheet name="{escape(sheet)}" sheetId="1" r:id="rId1"/></sheets></workbook>'
    )


def _member(name: str) -> zipfile.ZipInfo:
    """A zip entry with the fixed timestamp, so the same content gives the same bytes."""
    info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def _write_sheet(
    archive: zipfile.ZipFile,
    head: str,
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    strings: _Strings,
) -> int:
    """Stream xl/worksheets/sheet1.xml in chunks of 20,000 rows; the rows written (header
    included)."""
    written = 0
    with archive.open(_member("xl/worksheets/sheet1.xml"), "w", force_zip64=True) as out:
        out.write(head.encode())
        chunk: list[str] = []
        for line in _sheet_rows(header, rows, strings):
            chunk.append(line)
            if len(chunk) == 20_000:
                out.write("".join(chunk).encode())
                written += len(chunk)
                chunk = []
        out.write("".join(chunk).encode())
        written += len(chunk)
        out.write(b"</sheetData></worksheet>")
    return written


def write_xlsx(
    path: Path,
    sheet: str,
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    row_count: int,
    widths: Sequence[int] = (),
) -> None:
    """One-sheet workbook, streamed: header in row 1, then `row_count` rows. Dates become
    Excel serial numbers with a date format, strings go to the shared-string table, None
    and "" leave the cell out."""
    strings = _Strings()
    head = _sheet_head(header, row_count, widths)
    workbook = _workbook_xml(sheet)
    tmp = path.with_name(path.name + ".part")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for name, text in (
            ("[Content_Types].xml", _CONTENT_TYPES),
            ("_rels/.rels", _ROOT_RELS),
            ("docProps/core.xml", _CORE),
            ("xl/workbook.xml", workbook),
            ("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS),
            ("xl/styles.xml", _STYLES),
        ):
            archive.writestr(_member(name), text)
        written = _write_sheet(archive, head, header, rows, strings)
        if written != row_count + 1:
            raise ValueError(f"{path.name}: {written - 1} rows written, {row_count} announced")
        archive.writestr(_member("xl/sharedStrings.xml"), strings.xml())
    tmp.replace(path)


# --- promise files -------------------------------------------------------------------------


def slugify(text: str) -> str:
    table = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", " ": "-"})
    return re.sub(r"[^a-z0-9-]", "", text.casefold().translate(table))


def with_lofte(text: str, **values: str) -> str:
    """The promise text with the given [lofte] keys (id, kommun, titel) replaced."""
    out, section, done = [], None, set()
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped.startswith("["):
            section = stripped
        key = stripped.split("=", 1)[0].strip() if "=" in stripped else None
        if section == "[lofte]" and key in values and not stripped.startswith("#"):
            line = f"{key} = {json.dumps(values[key], ensure_ascii=False)}\n"
            done.add(key)
        out.append(line)
    if done != set(values):
        raise ValueError(f"[lofte] lacks {sorted(set(values) - done)}")
    return "".join(out)


def with_indicators(text: str, blocks: Sequence[dict[str, Any]]) -> str:
    """The promise text with every [[indikatorer]] table replaced by `blocks`."""
    out, skipping = [], False
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped.startswith("["):
            skipping = stripped == "[[indikatorer]]"
        if not skipping:
            out.append(line)
    body = "".join(out).rstrip("\n") + "\n"
    for block in blocks:
        body += "\n[[indikatorer]]\n" + "".join(
            f"{k} = {json.dumps(v, ensure_ascii=False)}\n" for k, v in block.items()
        )
    return body


def checked_promise(base: str, derived: str, changed: set[str]) -> dict[str, Any]:
    """Parse the derived promise and make sure only the intended parts differ from base."""
    old, new = tomllib.loads(base), tomllib.loads(derived)
    if old.keys() - {"indikatorer"} != new.keys() - {"indikatorer"}:
        raise ValueError("derived promise file lost a section")
    for key in old:
        if key in changed or key == "lofte":
            continue
        if old[key] != new.get(key):
            raise ValueError(f"derived promise file changed [{key}]")
    return new


def activity_names(promise: dict[str, Any]) -> list[tuple[str, tuple[str, ...], str, int]]:
    """(id, names and aliases as written in exports, ansvarig, yearly target) per activity."""
    return [
        (a["id"], (a["namn"], *a.get("alias", [])), a["ansvarig"], int(a["mal_per_ar"]))
        for a in promise["aktiviteter"]
    ]


def _parties(responsible: str) -> tuple[str, ...]:
    folded = responsible.casefold()
    both = ("polis" in folded and "kommun" in folded) or folded.strip() in ("båda", "bada")
    if both:
        return ("Polisen", "Kommunen", "Polisen och kommunen")
    return ("Polisen",) if "polis" in folded else ("Kommunen",)


# --- activity logs -------------------------------------------------------------------------


def log_rows(
    rng: Rng,
    promise: dict[str, Any],
    rows: int,
    first: dt.date,
    last: dt.date,
    expected: dict[str, dict[str, int]],
) -> Iterator[tuple[Any, ...]]:
    """`rows` chronological log rows between first and last, activities drawn in proportion
    to their yearly targets; adds the yearly count per activity to `expected` as it goes
    (what the report must show)."""
    activities = activity_names(promise)
    cumulative = list(itertools.accumulate(max(target, 1) for *_, target in activities))
    total = cumulative[-1]
    parties = [_parties(responsible) for _, _, responsible, _ in activities]
    days = (last - first).days + 1
    offset, day, per_year = -1, first, expected.setdefault(str(first.year), {})
    for i in range(rows):
        if i * days // rows != offset:
            offset = i * days // rows
            day = first + dt.timedelta(days=offset)
            per_year = expected.setdefault(str(day.year), {})
        index = bisect.bisect_right(cumulative, rng.unit() * total)
        ident, names, _, _ = activities[index]
        draw = rng.unit()
        count = 1 if draw < 0.75 else 2 if draw < 0.93 else 3
        name = rng.choice(names)
        if rng.unit() < 0.02:  # typed by hand: other letter case
            name = name.upper() if rng.unit() < 0.5 else name.casefold()
        party = "" if rng.unit() < 0.1 else rng.choice(parties[index])
        per_year[ident] = per_year.get(ident, 0) + count
        yield day, name, count, party, draw_place(rng)


def write_log(
    path: Path, promise: dict[str, Any], rows: int, first: dt.date, last: dt.date, seed: int
) -> dict[str, dict[str, int]]:
    expected: dict[str, dict[str, int]] = {}
    write_xlsx(
        path,
        "Aktiviteter",
        LOG_HEADER,
        log_rows(Rng(seed), promise, rows, first, last, expected),
        rows,
        widths=(12, 36, 8, 22, 28),
    )
    return expected


# --- surveys -------------------------------------------------------------------------------


def survey_rows(
    rng: Rng,
    indicators: Sequence[dict[str, Any]],
    grades: Sequence[str],
    years: Sequence[int],
    areas: Sequence[str],
    label_every: int = 4,
) -> list[tuple[Any, ...]]:
    """Long-format rows: Flickor, Pojkar and Alla per (indicator, grade, year, area).
    Every `label_every`-th indicator is written by name instead of id. About 3 % of the
    municipality's groups have fewer than 10 respondents (suppressed in the report)."""
    rows: list[tuple[Any, ...]] = []
    municipality = areas[0]
    for number, indicator in enumerate(indicators):
        written = (
            indicator["namn"] if label_every and number % label_every == 3 else indicator["id"]
        )
        for grade_number, grade in enumerate(grades):
            base = 0.04 + 0.7 * rng.unit()
            trend = (rng.unit() - 0.5) * 0.02
            girls_ratio = 0.7 + 0.6 * rng.unit()
            for area_number, area in enumerate(areas):
                shift = 0.0 if area_number else (rng.unit() - 0.5) * 0.1
                for year_number, year in enumerate(years):
                    share = min(max(base + trend * year_number + shift, 0.01), 0.97)
                    n_low, n_high = ((20, 120), (1500, 3000), (30000, 50000))[min(area_number, 2)]
                    counts, positives = [], []
                    for sex_factor in (girls_ratio, 2 - girls_ratio):
                        n = rng.integer(n_low, n_high)
                        if area == municipality and rng.unit() < 0.03:
                            n = rng.integer(3, 9)
                        p = min(max(share * sex_factor, 0.005), 0.995)
                        sd = math.sqrt(n * p * (1 - p))
                        k = min(max(round(n * p + sd * rng.normal()), 0), n)
                        counts.append(n)
                        positives.append(k)
                    counts.append(sum(counts))
                    positives.append(sum(positives))
                    for sex, n, k in zip(SURVEY_SEXES, counts, positives, strict=True):
                        rows.append(
                            (
                                year,
                                indicator["undersokning"],
                                grade,
                                sex,
                                written,
                                round(100 * k / n, 1),
                                n,
                                area
                                if area_number
                                else (municipality if (year + grade_number) % 3 else ""),
                            )
                        )
    return rows


def large_indicators() -> list[dict[str, Any]]:
    subjects = (
        "känner sig trygga i skolan",
        "känner sig trygga utomhus på kvällen",
        "har druckit alkohol de senaste 12 månaderna",
        "har rökt de senaste 12 månaderna",
        "har vejpat de senaste 12 månaderna",
        "har snusat de senaste 30 dagarna",
        "har erbjudits narkotika de senaste 12 månaderna",
        "har använt narkotika någon gång",
        "har spelat om pengar",
        "har blivit mobbade i skolan",
    )
    blocks = []
    for number in range(SURVEY_INDICATORS):
        survey = SURVEY_NAMES[number % 2]
        subject = subjects[number % len(subjects)]
        blocks.append(
            {
                "id": f"ind-{number + 1:02d}",
                "namn": f"{subject} (fråga {number + 1})",
                "undersokning": survey,
                "lagre_ar_battre": "trygga" not in subject,
            }
        )
    return blocks


def write_survey(path: Path, rows: list[tuple[Any, ...]]) -> None:
    write_xlsx(
        path, "Enkätdata", SURVEY_HEADER, rows, len(rows), widths=(8, 20, 10, 10, 36, 10, 16, 12)
    )


# --- cases ---------------------------------------------------------------------------------


def generate_example_case(folder: Path, base_text: str) -> dict[str, Any]:
    folder.mkdir(parents=True)
    (folder / PROMISE_FILE).write_text(base_text, encoding="utf-8")
    return {"exports": "example/"}


def generate_log_case(
    folder: Path, base_text: str, rows: int, example: Path = EXAMPLE_DIR
) -> dict[str, Any]:
    folder.mkdir(parents=True)
    (folder / PROMISE_FILE).write_text(base_text, encoding="utf-8")
    promise = tomllib.loads(base_text)
    expected = write_log(
        folder / "aktivitetslogg-stor.xlsx",
        promise,
        rows,
        dt.date(LOG_YEARS[0], 1, 1),
        dt.date(LOG_YEARS[1], 12, 31),
        SEED + 1,
    )
    for name in ("enkat-elsa.xlsx", "enkat-drogvanor.xlsx"):
        shutil.copyfile(example / name, folder / name)
    return {"rows": rows, "activity_counts": expected}


def generate_survey_case(
    folder: Path, base_text: str, example: Path = EXAMPLE_DIR
) -> dict[str, Any]:
    folder.mkdir(parents=True)
    blocks = large_indicators()
    text = with_indicators(base_text, blocks)
    promise = checked_promise(base_text, text, {"indikatorer"})
    (folder / PROMISE_FILE).write_text(text, encoding="utf-8")
    rows = survey_rows(
        Rng(SEED + 2),
        blocks,
        SURVEY_GRADES,
        SURVEY_YEARS,
        (promise["lofte"]["kommun"], *REFERENCE_AREAS),
    )
    write_survey(folder / "enkat-stor.xlsx", rows)
    for name in ("aktiviteter-polisen.xlsx", "aktiviteter-kommunen.xlsx"):
        shutil.copyfile(example / name, folder / name)
    return {
        "rows": len(rows),
        "indicators": len(blocks),
        "series_per_indicator": len(SURVEY_GRADES) * len(SURVEY_SEXES) * (1 + len(REFERENCE_AREAS)),
    }


def generate_folders_case(folder: Path, base_text: str) -> dict[str, Any]:
    folder.mkdir(parents=True)
    base = tomllib.loads(base_text)
    indicators = base.get("indikatorer", [])
    folders = []
    for number, municipality in enumerate(MUNICIPALITIES[:FOLDER_COUNT], start=1):
        slug = f"{slugify(municipality)}-lpo"
        target = folder / f"{number:02d}-{slugify(municipality)}"
        target.mkdir()
        text = with_lofte(
            base_text,
            id=slug,
            kommun=municipality,
            titel=f"Medborgarlöfte {municipality} kommun och lokalpolisområdet",
        )
        promise = checked_promise(base_text, text, set())
        (target / PROMISE_FILE).write_text(text, encoding="utf-8")
        expected = write_log(
            target / "aktiviteter.xlsx",
            promise,
            600,
            dt.date(2021, 1, 1),
            dt.date(2023, 12, 31),
            SEED + 100 + number,
        )
        if indicators:
            rows = survey_rows(
                Rng(SEED + 200 + number),
                indicators,
                ("åk 9", "gy 2"),
                tuple(range(2016, 2024)),
                (municipality, "Värmland"),
            )
            write_survey(target / "enkat.xlsx", rows)
        folders.append({"folder": target.name, "id": slug, "activity_counts": expected})
    return {"folders": folders}


def cache_key(base_text: str, log_rows: int, example: Path = EXAMPLE_DIR) -> str:
    digest = hashlib.sha256(base_text.encode())
    for path in sorted(example.glob("*.xlsx")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    digest.update(str(log_rows).encode())
    return f"gen-v{GENERATOR_VERSION}-{digest.hexdigest()[:12]}"


def ensure_cases(
    cache: Path = DEFAULT_CACHE,
    promise: Path = DEFAULT_PROMISE,
    log_rows: int = LOG_ROWS,
    cases: Sequence[str] = CASES,
    log: Any = print,
    example: Path = EXAMPLE_DIR,
) -> dict[str, Path]:
    """The case folders (generating missing ones); `CACHE/KEY/<case>/` plus the manifest
    `CACHE/KEY/<case>.json` with what the reports must show."""
    base_text = promise.read_text(encoding="utf-8-sig")
    root = cache / cache_key(base_text, log_rows, example)
    generators = {
        "example": lambda f: generate_example_case(f, base_text),
        "log-1m": lambda f: generate_log_case(f, base_text, log_rows, example),
        "survey-large": lambda f: generate_survey_case(f, base_text, example),
        "folders-20": lambda f: generate_folders_case(f, base_text),
    }
    for stale in cache.glob("gen-v*"):  # other generator versions or inputs
        if stale.is_dir() and stale != root:
            shutil.rmtree(stale, ignore_errors=True)
    found = {}
    for case in cases:
        folder, manifest = root / case, root / f"{case}.json"
        if not manifest.exists():
            log(f"Generating {case} in {folder} ...")
            shutil.rmtree(folder, ignore_errors=True)
            partial = root / f".{case}.partial"
            shutil.rmtree(partial, ignore_errors=True)
            root.mkdir(parents=True, exist_ok=True)
            data = generators[case](partial)
            partial.rename(folder)
            manifest.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        found[case] = folder
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--cache", type=Path, default=DEFAULT_CACHE, help="cache folder (default: .bench-cache)"
    )
    parser.add_argument(
        "--promise",
        type=Path,
        default=DEFAULT_PROMISE,
        help="promise file the cases derive from (default: inputs/)",
    )
    parser.add_argument(
        "--log-rows",
        type=int,
        default=LOG_ROWS,
        help=f"rows in the large activity log (default: {LOG_ROWS:,})",
    )
    parser.add_argument(
        "--case", action="append", choices=CASES, help="generate only this case (repeatable)"
    )
    args = parser.parse_args(argv)
    for case, folder in ensure_cases(
        args.cache, args.promise, args.log_rows, args.case or CASES
    ).items():
        print(f"{case}: {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
