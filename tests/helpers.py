"""Test helpers: build input workbooks and folders in code (no binary fixtures)."""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.util
import io
import shutil
import struct
import tomllib
import zipfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any, NamedTuple

import openpyxl

PROJECT = Path(__file__).resolve().parent.parent
EXAMPLE = PROJECT / "example"
# The example's own promise file, never the one in inputs/ (the analyst edits that).
PROMISE = EXAMPLE / "medborgarlofte.toml"
REPORT_DATE = dt.date(2026, 11, 25)

ACTIVITY_HEADER = ("Datum", "Aktivitet", "Antal", "Ansvarig", "Plats", "Kommentar")
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


# The example fixture's commentary: a marker per section, and every kind of injection the
# commentary must neutralise.
SECTION_MARKERS = {
    "sammanfattning": "Markör för sammanfattningen: löftet har i stort hållits.",
    "fokus-trafik": "Markör för trafikmiljön.",
    "fokus-droger": "Markör för droganvändningen.",
    "fokus-trygghet": "Markör för tryggheten.",
    "per-part": "Markör för redovisningen per part.",
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
{SECTION_MARKERS["per-part"]}

# Ungas hälsa och drogvanor
{SECTION_MARKERS["enkater"]}

# Om underlaget
{SECTION_MARKERS["underlag"]}
"""


def write_workbook(
    path: Path,
    sheets: dict[str, Sequence[Sequence[Any]]],
    hidden: Iterable[str] = (),
    merged: Mapping[str, Iterable[str]] | None = None,
) -> Path:
    """An .xlsx with the given rows per sheet (first sheet first). A value such as
    "#DIV/0!" becomes an error cell; `merged` maps a sheet to ranges like "A1:B1"."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
        if name in hidden:
            sheet.sheet_state = "hidden"
        for cells in (merged or {}).get(name, ()):
            sheet.merge_cells(cells)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def activity_rows(
    *rows: Sequence[Any], header: Sequence[str] = ACTIVITY_HEADER
) -> list[Sequence[Any]]:
    return [header, *rows]


def inputs_folder(root: Path, promise_text: str | None = None) -> Path:
    """A fresh inputs folder holding the example's promise file (or the given text)."""
    folder = root / "inputs"
    folder.mkdir(parents=True, exist_ok=True)
    if promise_text is None:
        shutil.copy(PROMISE, folder / "medborgarlofte.toml")
    else:
        (folder / "medborgarlofte.toml").write_text(promise_text, encoding="utf-8")
    return folder


def promise_folder(inputs: Path, slug: str) -> Path:
    """inputs/<slug>/ holding the example's promise file under its own id."""
    folder = inputs / slug
    folder.mkdir(parents=True, exist_ok=True)
    text = PROMISE.read_text(encoding="utf-8").replace(
        'id = "hagfors-lpo-torsby"', f'id = "{slug}"'
    )
    assert f'id = "{slug}"' in text
    (folder / "medborgarlofte.toml").write_text(text, encoding="utf-8")
    return folder


def checksums(folder: Path) -> dict[str, str]:
    """SHA-256 of every file under a folder, by relative path."""
    return {
        str(p.relative_to(folder)): _sha256(p) for p in sorted(folder.rglob("*")) if p.is_file()
    }


def _sha256(path: Path) -> str:
    with open(path, "rb") as handle:  # builtin open: tests may patch Path.open
        return hashlib.file_digest(handle, "sha256").hexdigest()


def rewrite_zip(
    path: Path,
    change: Callable[[str, bytes], bytes | None],
    extra: Mapping[str, bytes] | None = None,
) -> Path:
    """Rewrite an .xlsx member by member: `change(name, data)` returns the new data (None
    drops the member); `extra` adds members."""
    with zipfile.ZipFile(path) as source:
        members = [(info.filename, source.read(info)) for info in source.infolist()]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in members:
            new = change(name, data)
            if new is not None:
                target.writestr(name, new)
        for name, data in (extra or {}).items():
            target.writestr(name, data)
    path.write_bytes(buffer.getvalue())
    return path


def encrypt_workbook(path: Path, password: str = "hemligt") -> Path:
    """Replace an .xlsx by the same workbook saved with a password (ECMA-376 agile
    encryption, as Excel does it): an OLE compound file holding EncryptedPackage."""
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    with path.open("rb") as plain:
        OOXMLFile(plain).encrypt(password, out)
    path.write_bytes(out.getvalue())
    return path


# --- a minimal old-style .xls writer (BIFF8 in an OLE compound file) ----------------------
# Enough for python-calamine to read text, numbers and dates; built here so the tests need
# no binary fixture and no unmaintained writer library (xlwt).


def write_xls(path: Path, sheets: dict[str, Sequence[Sequence[Any]]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_compound_file(_biff8_workbook(sheets)))
    return path


def _record(kind: int, data: bytes = b"") -> bytes:
    return struct.pack("<HH", kind, len(data)) + data


def _biff8_workbook(sheets: dict[str, Sequence[Sequence[Any]]]) -> bytes:
    """Workbook stream: globals (BOF, two XF records: general and date, one BOUNDSHEET per
    sheet, EOF), then one substream (BOF, LABEL/NUMBER cells, EOF) per sheet."""

    def bof(kind: int) -> bytes:
        return _record(0x0809, struct.pack("<HHHHII", 0x0600, kind, 0, 0, 0, 0))

    def xf(number_format: int) -> bytes:
        return _record(0x00E0, struct.pack("<HH", 0, number_format) + b"\x00" * 16)

    def bound_sheet(offset: int, name: str) -> bytes:
        return _record(
            0x0085, struct.pack("<IBBBB", offset, 0, 0, len(name), 1) + name.encode("utf-16-le")
        )

    substreams = []
    for rows in sheets.values():
        cells = []
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is None:
                    continue
                if isinstance(value, str):
                    cells.append(
                        _record(
                            0x0204,
                            struct.pack("<HHHHB", r, c, 0, len(value), 1)
                            + value.encode("utf-16-le"),
                        )
                    )
                elif isinstance(value, dt.date):
                    serial = (value - dt.date(1899, 12, 30)).days
                    cells.append(_record(0x0203, struct.pack("<HHHd", r, c, 1, serial)))
                else:
                    cells.append(_record(0x0203, struct.pack("<HHHd", r, c, 0, value)))
        substreams.append(bof(0x0010) + b"".join(cells) + _record(0x000A))
    head = (
        len(bof(5))
        + 2 * len(xf(0))
        + sum(len(bound_sheet(0, n)) for n in sheets)
        + len(_record(0x000A))
    )
    offsets, offset = [], head
    for sub in substreams:
        offsets.append(offset)
        offset += len(sub)
    return (
        bof(0x0005)
        + xf(0)
        + xf(14)
        + b"".join(bound_sheet(o, n) for o, n in zip(offsets, sheets, strict=True))
        + _record(0x000A)
        + b"".join(substreams)
    )


def _compound_file(stream: bytes, name: str = "Workbook") -> bytes:
    """An OLE compound file (version 3, 512-byte sectors) holding one stream, padded to at
    least 4096 bytes so it lives in regular sectors: header, one FAT sector, one directory
    sector, then the stream."""
    sector, end, free, fat_sector, none = 512, 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
    stream = stream.ljust(max(4096, -(-len(stream) // sector) * sector), b"\x00")
    count = len(stream) // sector
    assert count <= 126, "the test writer keeps to one FAT sector"
    fat = [fat_sector, end, *range(3, 2 + count), end]
    fat += [free] * (128 - len(fat))
    header = (
        bytes.fromhex("d0cf11e0a1b11ae1")
        + b"\x00" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\x00" * 6
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, end, 0, end, 0)
        + struct.pack("<I", 0)
        + struct.pack("<I", free) * 108
    )

    def entry(entry_name: str, kind: int, child: int, start: int, size: int) -> bytes:
        raw = (entry_name + "\x00").encode("utf-16-le") if entry_name else b""
        return (
            raw.ljust(64, b"\x00")
            + struct.pack("<HBB", len(raw), kind, 1)
            + struct.pack("<III", none, none, child)
            + b"\x00" * 16
            + struct.pack("<IQQIQ", 0, 0, 0, start, size)
        )

    directory = (
        entry("Root Entry", 5, 1, end, 0)
        + entry(name, 2, none, 2, len(stream))
        + entry("", 0, none, 0, 0) * 2
    )
    return header + struct.pack("<128I", *fat) + directory + stream


def independent_activity_counts(
    year: int, first: dt.date | None = None, last: dt.date | None = None
) -> dict[str, int]:
    """Yearly counts per activity id, straight from the example workbooks (only the rows
    dated first..last when given)."""
    promise = tomllib.loads(PROMISE.read_text(encoding="utf-8"))
    names = {}
    for activity in promise["aktiviteter"]:
        for name in (activity["id"], activity["namn"], *activity.get("alias", [])):
            names[name.casefold()] = activity["id"]
    counts: dict[str, int] = defaultdict(int)
    for path in sorted(EXAMPLE.glob("aktiviteter-*.xlsx")):
        sheet = openpyxl.load_workbook(path, read_only=True).worksheets[0]
        rows = list(sheet.iter_rows(values_only=True))
        head = next(
            i
            for i, r in enumerate(rows)
            if any(
                isinstance(c, str) and "aktivitet" in c.casefold() and "logg" not in c.casefold()
                for c in r
            )
        )
        header = [str(c or "").casefold() for c in rows[head]]
        date_col = next(i for i, h in enumerate(header) if "datum" in h)
        act_col = next(i for i, h in enumerate(header) if "aktivitet" in h)
        count_col = next(i for i, h in enumerate(header) if h.startswith("antal"))
        for row in rows[head + 1 :]:
            if row[act_col] is None:
                continue
            day = row[date_col]
            day = dt.date.fromisoformat(day) if isinstance(day, str) else day.date()
            if day.year == year and (first or day) <= day <= (last or day):
                counts[names[row[act_col].strip().casefold()]] += int(row[count_col] or 1)
    return counts


# --- survey data in both layouts -----------------------------------------------------------

# (year, survey, grade, sex, indicator, value, respondents, area)
SurveyRecord = tuple[int, str, str, str, str, Any, Any, str]
WIDE_KEYS_HEADER = ("Undersökning", "Indikator", "Årskurs", "Kön", "Område")


def long_survey_rows(records: Iterable[SurveyRecord]) -> list[Sequence[Any]]:
    """The long layout: one row per value."""
    return [SURVEY_HEADER, *records]


def wide_survey_rows(
    records: Iterable[SurveyRecord],
    counts: str = "prefix",
    year_as_text: bool = False,
    title_rows: int = 0,
) -> list[Sequence[Any]]:
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


# --- a second, fictitious promise: nothing of Hagfors in it -------------------------------

SECOND_SIGNED = dt.date(2023, 3, 1)  # three years: 1 March 2023–29 February 2026
SECOND_PROMISE = """
[lofte]
id = "alvstad-norra"
titel = "Medborgarlöfte Älvstads kommun och lokalpolisområde Norrå"
kommun = "Älvstad"
tecknat = 2023-03-01
period_ar = 3
uppfoljningsforum = "Brottsförebyggande rådet i Älvstad"
redovisas_i = "Folkhälsoplanen för Älvstad"

[[parter]]
namn = "Älvstads kommun"
undertecknare = "Maja Lind"
roll = "Kommundirektör"
ort = "Älvstad"
datum = 2023-03-01

[[parter]]
namn = "Lokalpolisområde Norrå"
undertecknare = "Ola Berg"
roll = "Lokalpolisområdeschef"
ort = "Norrå"
datum = 2023-02-27

[bedomning]
genomford_fran_procent = 90
delvis_fran_procent = 40

[enkater]
minsta_antal_svarande = 15

[[fokusomraden]]
id = "centrum"
namn = "Centrum kvällstid"

[[fokusomraden]]
id = "skolvag"
namn = "Säkra skolvägar"

[[aktiviteter]]
id = "kvallsvandring"
fokusomrade = "centrum"
namn = "Kvällsvandringar"
formulering = "Vuxna vandrar i centrum fredagskvällar."
ansvarig = "Kommunen"
mal_per_ar = 24
alias = ["Kvällsvandring"]

[[aktiviteter]]
id = "radet"
fokusomrade = "centrum"
namn = "Möten i rådet"
formulering = "Läget i centrum tas upp i det brottsförebyggande rådet."
ansvarig = "Kommunen och polisen"
mal_per_ar = 6
alias = ["Rådsmöte"]

[[aktiviteter]]
id = "hastighet"
fokusomrade = "skolvag"
namn = "Hastighetsmätningar vid skolor"
formulering = "Polisen mäter hastigheten vid skolorna."
ansvarig = "Polisen"
mal_per_ar = 12
alias = ["Hastighetsmätning"]

[[indikatorer]]
id = "lupp-trygg"
namn = "känner sig trygga ute på kvällen"
undersokning = "Lupp"
lagre_ar_battre = false
"""

# Phrases of the Hagfors promise and the example that must never reach the second
# promise's outputs.
HAGFORS_WORDS = (
    "Hagfors",
    "Torsby",
    "Värmland",
    "Bergslagen",
    "Trygghetsrådet",
    "ELSA",
    "Elevhälsodatabasen",
    "Elevers drogvanor",
    "genomförandeplan",
    "ANDT",
    "100 elever",
    "två elevenkäter",
    "skolsköterskan",
    "Trafikmiljön",
    "Trafikkontroller",
    "Jens Fischer",
    "Henrik Gustavsson",
    "vartannat år",
    "skolsköterska",
)


def second_activity_rows() -> list[tuple[dt.date, str, int, str]]:
    """(date, activity name, count, party): every month from January 2022 to
    December 2024, so rows fall before the signing too."""
    rows = []
    for year in (2022, 2023, 2024):
        for month in range(1, 13):
            rows.append((dt.date(year, month, 5), "Kvällsvandring", 2, "Kommunen"))
            rows.append((dt.date(year, month, 20), "Hastighetsmätning", 1, "Polisen"))
            if month % 2 == 0:
                rows.append((dt.date(year, month, 12), "Rådsmöte", 1, "Polisen och kommunen"))
    return rows


def second_survey_rows() -> list[SurveyRecord]:
    rows: list[SurveyRecord] = []
    values = {2021: 61.0, 2022: 58.0, 2023: 55.0, 2024: 49.0}
    for year, value in values.items():
        for grade, shift in (("åk 8", 0.0), ("gy 2", 6.0)):
            for sex, delta, n in (("Flickor", -4.0, 118), ("Pojkar", 4.0, 122), ("Alla", 0, 240)):
                rows.append(
                    (year, "Lupp", grade, sex, "lupp-trygg", value + shift + delta, n, "Älvstad")
                )
            rows.append((year, "Lupp", grade, "Alla", "lupp-trygg", 60.0 + shift, 9000, "Riket"))
    return rows


def second_promise_inputs(root: Path, until: dt.date | None = None) -> Path:
    """inputs/ with the second promise, its activity log (rows up to `until`) and survey."""
    folder = inputs_folder(root, SECOND_PROMISE)
    rows = [r for r in second_activity_rows() if until is None or r[0] <= until]
    write_workbook(
        folder / "logg.xlsx",
        {"Logg": activity_rows(*((d, a, n, p, "", "") for d, a, n, p in rows))},
    )
    write_workbook(folder / "lupp.xlsx", {"Lupp": long_survey_rows(second_survey_rows())})
    return folder


def second_counts(first: dt.date, last: dt.date) -> dict[str, int]:
    """The second promise's counts per activity id, from the rows written above."""
    ids = {
        "Kvällsvandring": "kvallsvandring",
        "Hastighetsmätning": "hastighet",
        "Rådsmöte": "radet",
    }
    counts: dict[str, int] = defaultdict(int)
    for day, name, n, _ in second_activity_rows():
        if first <= day <= last:
            counts[ids[name]] += n
    return dict(counts)


def promise_and_data(inputs: Any) -> tuple[Any, Any]:
    """The promise and the validated data of a `pipeline.read_inputs` result."""
    return inputs.promise, inputs.dataset


def gen_large() -> ModuleType:
    """scripts/gen_large.py (a script, not part of the package) as a module."""
    spec = importlib.util.spec_from_file_location("gen_large", PROJECT / "scripts" / "gen_large.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def model_of(inputs: Path, year: int, report_date: dt.date) -> Any:
    """The report model of an inputs folder, built as the pipeline builds it."""
    from report.app.pipeline import Options, read_inputs
    from report.model.report import build_model

    promise, dataset = promise_and_data(
        read_inputs(Options(inputs, inputs.parent / "o", report_date))
    )
    return build_model(promise, dataset, year, report_date)


def built_pdf(inputs: Path, report_date: dt.date) -> Path:
    """The PDF the command line builds from `inputs`, into a folder beside it."""
    from report.app.cli import main

    outputs = inputs.parent / "outputs"
    code = main(
        ["--inputs", str(inputs), "--outputs", str(outputs), "--date", report_date.isoformat()],
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    assert code == 0
    return next(outputs.glob("*.pdf"))


class Run(NamedTuple):
    """What the command line did: its exit code, and what it wrote to stdout and stderr."""

    code: int
    out: str
    err: str


def run_command(*argv: str) -> Run:
    """`python -m report <argv>`, run in this process (the tests' `cli` fixture)."""
    from report.app.cli import main

    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return Run(code, out.getvalue(), err.getvalue())


CommandLine = Callable[..., Run]
