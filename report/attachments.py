"""The numbers behind the report, as files to embed in the PDF (PDF/A-3 associated files).

Pure: model in, (name, bytes, description) out. Aggregated numbers only, the ones behind
the report's tables and charts: no row-level data (so not the table of suspected duplicate
rows, which points at single Excel rows), no free text from the exports, and no survey value
that the report hides (suppressed values are absent, not blank). The promise file is
attached as it was read, so the targets and thresholds travel with the numbers.

CSV: UTF-8, comma separated, CRLF line ends (RFC 4180), decimal point, empty cell for "no
value". Column names are Swedish and stable; month and year columns carry the calendar
month or year they count.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from .load import PROMISE_FILE
from .model import ActivityResult, Finding, ReportModel
from .texts import per_party_target

Cell = str | int | float | bool | None


class EmbeddedFile(NamedTuple):
    name: str
    data: bytes
    description: str


def cell(value: Cell) -> str:
    """One CSV cell: '' for None, ja/nej for booleans, floats rounded to 6 decimals without
    trailing zeros (so 12.5, not 12.500000 or 12.499999999)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, float):
        text = f"{round(value, 6):.6f}".rstrip("0").rstrip(".")
        return "0" if text == "-0" else text
    return str(value)


def to_csv(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([cell(v) for v in row])
    return buffer.getvalue().encode("utf-8")


# --- activities ---------------------------------------------------------------------------


def _years(model: ReportModel) -> list[int]:
    return sorted({y for a in model.activities for y, _ in a.yearly_counts})


def activities_csv(model: ReportModel) -> bytes:
    years = _years(model)
    header = [
        "aktivitet_id",
        "aktivitet",
        "fokusomrade",
        "ansvarig",
        "ar",
        "antal",
        "mal",
        "mal_per_helar",
        "andel_av_mal_procent",
        "status",
        "antal_sedan_tecknande",
        "mal_sedan_tecknande",
        *(f"antal_{model.year}-{m:02d}" for m in range(1, 13)),
        *(f"antal_helar_{y}" for y in years),
    ]
    return to_csv(header, (_activity_row(model, a, years) for a in model.activities))


def _activity_row(model: ReportModel, a: ActivityResult, years: list[int]) -> list[Cell]:
    per_year = dict(a.yearly_counts)
    return [
        a.activity.id,
        a.activity.name,
        a.focus_area.name,
        a.activity.responsible_text,
        model.year,
        a.count,
        a.target,
        a.activity.yearly_target,
        a.fulfilment,
        a.status.label,
        a.period_count,
        a.period_target if a.period_count is not None else None,
        *a.monthly,
        *(per_year.get(y) for y in years),
    ]


def focus_areas_csv(model: ReportModel) -> bytes:
    """The focus-area charts: every activity of an area per month, against the sum of the
    area's yearly targets."""
    header = [
        "fokusomrade",
        "ar",
        "antal",
        "mal_per_helar",
        *(f"antal_{model.year}-{m:02d}" for m in range(1, 13)),
    ]
    return to_csv(
        header,
        (
            [s.area.name, model.year, sum(s.monthly), s.yearly_target, *s.monthly]
            for s in model.sections
        ),
    )


def parties_csv(model: ReportModel) -> bytes:
    """The table for the implementation plan: what each party did of each activity."""
    return to_csv(
        (
            "fokusomrade",
            "aktivitet",
            "ansvarig_part",
            f"antal_{model.year}",
            "antal_sedan_tecknande",
        ),
        ([r.area, r.activity, r.party, r.count, r.period_count] for r in model.andt_rows),
    )


# --- survey -------------------------------------------------------------------------------

SURVEY_HEADER = (
    "indikator_id",
    "indikator",
    "enkat",
    "arskurs",
    "kon",
    "omrade",
    "referens",
    "ar",
    "andel_procent",
    "antal_svarande",
    "ki95_lag_procent",
    "ki95_hog_procent",
)


def survey_csv(model: ReportModel) -> bytes:
    rows = [
        [
            result.indicator.id,
            result.indicator.label,
            series.survey,
            series.grade,
            series.sex,
            series.area,
            series.is_reference,
            point.year,
            point.value,
            point.respondents,
            point.low,
            point.high,
        ]
        for result in model.indicators
        for series in result.series
        for point in series.points
        if not point.suppressed and point.value is not None
    ]
    return to_csv(SURVEY_HEADER, rows)


FINDINGS_HEADER = (
    "indikator_id",
    "arskurs",
    "ar",
    "andel_procent",
    "jamforelsear",
    "andel_jamforelsear",
    "forandring_procentenheter",
    "sakerstalld",
    "p_varde",
    "battre",
    "referensomrade",
    "andel_referensomrade",
    "i_sammanfattningen",
)


def findings_csv(model: ReportModel) -> bytes:
    rows = [
        _finding_row(f, f in model.key_findings)
        for result in model.indicators
        for f in result.findings
    ]
    return to_csv(FINDINGS_HEADER, rows)


def _finding_row(f: Finding, key: bool) -> list[Cell]:
    return [
        f.indicator.id,
        f.grade,
        f.year,
        f.value,
        f.previous_year,
        f.previous_value,
        f.change,
        f.significant,
        f.p_value,
        f.better,
        f.reference_area,
        f.reference_value,
        key,
    ]


# --- sources ------------------------------------------------------------------------------


def sources_csv(model: ReportModel) -> bytes:
    return to_csv(
        ("fil", "blad", "innehall", "rader", "fran", "till"),
        ([s.file, s.sheet, s.kind, s.rows, s.first, s.last] for s in model.sources),
    )


def source_shares_csv(model: ReportModel) -> bytes:
    return to_csv(
        ("fil", "rader", f"aktiviteter_{model.year}", "andel_procent"),
        ([s.file, s.rows, s.count, s.share] for s in model.source_shares),
    )


def period_files(model: ReportModel) -> list[EmbeddedFile]:
    """The whole period's tables (issue 12), when the report has that section."""
    from .whole_period import csv_value, period_tables

    return [
        EmbeddedFile(
            t.file,
            to_csv([key for _, key in t.columns], ([csv_value(v) for v in r] for r in t.rows)),
            t.description,
        )
        for t in period_tables(model)
    ]


# --- all of them --------------------------------------------------------------------------


def report_attachments(model: ReportModel) -> tuple[EmbeddedFile, ...]:
    """Every file to embed, in a fixed order."""
    year = model.year
    files = [
        EmbeddedFile(
            "aktiviteter.csv",
            activities_csv(model),
            f"Aktiviteterna {model.year_label}: antal, mål, andel av mål, status, perioden sedan "
            "löftet tecknades, antal per månad och per år (tabellerna och "
            "diagrammen i rapporten).",
        ),
        EmbeddedFile(
            "fokusomraden.csv",
            focus_areas_csv(model),
            f"Fokusområdena {year}: alla aktiviteter per månad och summan av "
            "aktiviteternas mål per år.",
        ),
        EmbeddedFile(
            "aktiviteter-per-part.csv",
            parties_csv(model),
            f"Genomförda aktiviteter per ansvarig part, {model.year_label} och sedan löftet "
            f"tecknades (tabellen till {per_party_target(model.promise)}).",
        ),
    ]
    if model.indicators:
        files += [
            EmbeddedFile(
                "enkater.csv",
                survey_csv(model),
                "Enkätvärdena bakom tabellerna och diagrammen: andel i procent, "
                "antal svarande och 95 % konfidensintervall för varje år, årskurs, "
                "kön och område i underlaget. Värden som döljs för att för få "
                "svarat finns inte med.",
            ),
            EmbeddedFile(
                "enkater-forandringar.csv",
                findings_csv(model),
                "Senaste värdet per indikator och årskurs jämfört med föregående "
                "mätning: förändring i procentenheter, p-värde och om "
                "förändringen är säkerställd.",
            ),
        ]
    files += period_files(model)
    files += [
        EmbeddedFile(
            "underlag.csv",
            sources_csv(model),
            "Filerna och bladen som rapporten bygger på: antal rader och period.",
        ),
        EmbeddedFile(
            "underlag-andel-per-fil.csv",
            source_shares_csv(model),
            f"Varje exportfils del av årets ({year}) genomförda aktiviteter.",
        ),
        EmbeddedFile(
            PROMISE_FILE,
            model.promise.source_text.encode("utf-8"),
            "Löftesfilen som användes: parter, fokusområden, aktiviteter, mål och "
            "bedömningsgränser.",
        ),
    ]
    return tuple(files)
