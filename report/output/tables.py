"""The report's tables as plain data: `report_tables` turns the model into named tables, and
the writers write them – the underlag workbook (`workbook.py`, one sheet per table with a
`sheet`) and the CSV files attached to the PDF (`attachments.py`, one file per table with a
`file`). The guard against formula injection lives in those writers, so every table passes
it. A new table is one entry in `report_tables`; its `sheet` and `file` say where it goes.

Pure: model in, tables out; no Excel, no CSV. Aggregated numbers only, the ones behind the
report's tables and charts: no row-level data and no free text from the exports, and no
survey value that the report hides (suppressed values are absent, not blank). The one table
that points at single Excel rows, the suspected duplicates, goes to the workbook (the analyst
needs it to clean the exports) and never to the PDF's attachments.

DataColumn keys (the CSV headers) are ASCII and stable; month and year columns carry the
calendar month or year they count. DataColumn titles (the workbook headers) are for people.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from report.format import long_date
from report.model.indicators import Finding, SurveyPoint, SurveySeries
from report.model.report import ActivityResult, ReportModel
from report.output.statistics_tables import statistics_outcomes, statistics_series
from report.output.table_types import DATE, PERCENT, PERCENT_1, WHOLE, Cell, DataColumn, DataTable
from report.output.texts import per_party_target

TableBuilder = Callable[[ReportModel], DataTable]


def report_tables(model: ReportModel) -> tuple[DataTable, ...]:
    """Every table of the report, in order: the workbook's sheets and the attached files
    each keep this order among themselves."""
    builders: tuple[TableBuilder, ...] = (
        activities,
        focus_areas,
        parties,
        activity_summary,
        monthly,
        yearly,
        survey_sheet,
        *((survey, findings) if model.indicators else ()),
        *((period_activities, period_surveys) if model.period_review else ()),
        *((outcomes, outcome_months, outcome_when) if model.outcomes else ()),
        *((statistics_outcomes, statistics_series) if model.statistics else ()),
        sources,
        source_shares,
        duplicates,
    )
    return tuple(build(model) for build in builders)


# --- activities ---------------------------------------------------------------------------


def activities(model: ReportModel) -> DataTable:
    year = model.year
    years = _years(model)
    keys = (
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
        *(f"antal_{year}-{m:02d}" for m in range(1, 13)),
        *(f"antal_helar_{y}" for y in years),
    )
    return DataTable(
        "activities",
        tuple(DataColumn(key) for key in keys),
        tuple(_activity_row(model, a, years) for a in model.activities),
        file="aktiviteter.csv",
        description=(
            f"Aktiviteterna {model.year_label}: antal, mål, andel av mål, status, perioden sedan "
            "löftet tecknades, antal per månad och per år (tabellerna och "
            "diagrammen i rapporten)."
        ),
    )


def _years(model: ReportModel) -> list[int]:
    return sorted({y for a in model.activities for y, _ in a.yearly_counts})


def _activity_row(model: ReportModel, a: ActivityResult, years: list[int]) -> tuple[Cell, ...]:
    per_year = dict(a.yearly_counts)
    return (
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
    )


def focus_areas(model: ReportModel) -> DataTable:
    """The focus-area charts: every activity of an area per month, against the sum of the
    area's yearly targets."""
    year = model.year
    keys = ("fokusomrade", "ar", "antal", "mal_per_helar")
    return DataTable(
        "focus_areas",
        tuple(DataColumn(key) for key in (*keys, *(f"antal_{year}-{m:02d}" for m in range(1, 13)))),
        tuple(
            (s.area.name, year, sum(s.monthly), s.yearly_target, *s.monthly) for s in model.sections
        ),
        file="fokusomraden.csv",
        description=(
            f"Fokusområdena {year}: alla aktiviteter per månad och summan av "
            "aktiviteternas mål per år."
        ),
    )


def parties(model: ReportModel) -> DataTable:
    """The table for the implementation plan: what each party did of each activity."""
    year = model.year
    return DataTable(
        "parties",
        (
            DataColumn("fokusomrade", "Fokusområde", 30),
            DataColumn("aktivitet", "Aktivitet", 42),
            DataColumn("ansvarig_part", "Ansvarig part", 24),
            DataColumn(f"antal_{year}", f"Antal {model.year_label}", 12, WHOLE),
            DataColumn(
                "antal_sedan_tecknande",
                f"Antal sedan {long_date(model.promise.signed)}",
                24,
                WHOLE,
            ),
        ),
        tuple((r.area, r.activity, r.party, r.count, r.period_count) for r in model.andt_rows),
        sheet="Per ansvarig part",
        file="aktiviteter-per-part.csv",
        description=(
            f"Genomförda aktiviteter per ansvarig part, {model.year_label} och sedan löftet "
            f"tecknades (tabellen till {per_party_target(model.promise)})."
        ),
    )


def activity_summary(model: ReportModel) -> DataTable:
    return DataTable(
        "activity_summary",
        (
            DataColumn(title="Fokusområde", width=30),
            DataColumn(title="Aktivitet", width=42),
            DataColumn(title="Ansvarig", width=24),
            DataColumn(title=f"Antal {model.year_label}", width=12, number_format=WHOLE),
            DataColumn(title="Mål", width=10, number_format=WHOLE),
            DataColumn(title="Andel av mål", width=13, number_format=PERCENT),
            DataColumn(title="Status", width=18),
            DataColumn(title="Antal sedan tecknandet", width=22, number_format=WHOLE),
            DataColumn(title="Mål sedan tecknandet", width=20, number_format=WHOLE),
        ),
        tuple(
            (
                a.focus_area.name,
                a.activity.name,
                a.activity.responsible_text,
                a.count,
                round(a.target, 1),
                None if a.fulfilment is None else a.fulfilment / 100,
                a.status.label,
                a.period_count,
                round(a.period_target, 1),
            )
            for a in model.activities
        ),
        sheet="Aktiviteter",
    )


def monthly(model: ReportModel) -> DataTable:
    return DataTable(
        "monthly",
        (
            DataColumn(title="Aktivitet", width=42),
            *(
                DataColumn(title=f"{model.year}-{m:02d}", width=9, number_format=WHOLE)
                for m in range(1, 13)
            ),
            DataColumn(title="Summa", width=9, number_format=WHOLE),
        ),
        tuple((a.activity.name, *a.monthly, sum(a.monthly)) for a in model.activities),
        sheet="Per månad",
    )


def yearly(model: ReportModel) -> DataTable:
    return DataTable(
        "yearly",
        (
            DataColumn(title="Aktivitet", width=42),
            DataColumn(title="År", width=8),
            DataColumn(title="Antal", width=10, number_format=WHOLE),
            DataColumn(title="Mål per år", width=12, number_format=WHOLE),
        ),
        tuple(
            (a.activity.name, y, c, a.activity.yearly_target)
            for a in model.activities
            for y, c in a.yearly_counts
        ),
        sheet="Per år",
    )


# --- survey -------------------------------------------------------------------------------


SurveyValue = tuple[str, str, SurveySeries, SurveyPoint]  # indicator id and label, series, year


def _survey_values(model: ReportModel) -> Iterator[SurveyValue]:
    """Every survey value the report shows (a suppressed one carries no value)."""
    for result in model.indicators:
        for series in result.series:
            for point in series.points:
                if not point.suppressed and point.value is not None:
                    yield result.indicator.id, result.indicator.label, series, point


def survey_sheet(model: ReportModel) -> DataTable:
    return DataTable(
        "survey_sheet",
        (
            DataColumn(title="Indikator", width=24),
            DataColumn(title="Andel elever som", width=46),
            DataColumn(title="Undersökning", width=18),
            DataColumn(title="Årskurs", width=9),
            DataColumn(title="Kön", width=10),
            DataColumn(title="Område", width=14),
            DataColumn(title="År", width=8),
            DataColumn(title="Andel (%)", width=10, number_format=PERCENT_1),
            DataColumn(title="Antal svarande", width=15, number_format=WHOLE),
        ),
        tuple(
            (i, label, s.survey, s.grade, s.sex, s.area, p.year, p.value, p.respondents)
            for i, label, s, p in _survey_values(model)
        ),
        sheet="Enkäter",
    )


def survey(model: ReportModel) -> DataTable:
    keys = (
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
    return DataTable(
        "survey",
        tuple(DataColumn(key) for key in keys),
        tuple(
            (
                i,
                label,
                s.survey,
                s.grade,
                s.sex,
                s.area,
                s.is_reference,
                p.year,
                p.value,
                p.respondents,
                p.low,
                p.high,
            )
            for i, label, s, p in _survey_values(model)
        ),
        file="enkater.csv",
        description=(
            "Enkätvärdena bakom tabellerna och diagrammen: andel i procent, "
            "antal svarande och 95 % konfidensintervall för varje år, årskurs, "
            "kön och område i underlaget. Värden som döljs för att för få "
            "svarat finns inte med."
        ),
    )


def findings(model: ReportModel) -> DataTable:
    keys = (
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
    return DataTable(
        "findings",
        tuple(DataColumn(key) for key in keys),
        tuple(
            _finding_row(f, f in model.key_findings)
            for result in model.indicators
            for f in result.findings
        ),
        file="enkater-forandringar.csv",
        description=(
            "Senaste värdet per indikator och årskurs jämfört med föregående "
            "mätning: förändring i procentenheter, p-värde och om "
            "förändringen är säkerställd."
        ),
    )


def _finding_row(f: Finding, key: bool) -> tuple[Cell, ...]:
    return (
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
    )


# --- sources ------------------------------------------------------------------------------


def sources(model: ReportModel) -> DataTable:
    return DataTable(
        "sources",
        (
            DataColumn("fil", "Fil", 36),
            DataColumn("blad", "Blad", 20),
            DataColumn("innehall", "Innehåll", 16),
            DataColumn("rader", "Rader", 10, WHOLE),
            DataColumn("fran", "Från", 12),
            DataColumn("till", "Till", 12),
        ),
        tuple((s.file, s.sheet, s.kind, s.rows, s.first, s.last) for s in model.sources),
        sheet="Exporter",
        file="underlag.csv",
        description="Filerna och bladen som rapporten bygger på: antal rader och period.",
    )


def source_shares(model: ReportModel) -> DataTable:
    year = model.year
    return DataTable(
        "source_shares",
        tuple(DataColumn(key) for key in ("fil", "rader", f"aktiviteter_{year}", "andel_procent")),
        tuple((s.file, s.rows, s.count, s.share) for s in model.source_shares),
        file="underlag-andel-per-fil.csv",
        description=f"Varje exportfils del av årets ({year}) genomförda aktiviteter.",
    )


def duplicates(model: ReportModel) -> DataTable:
    """Suspected duplicate rows, for the analyst to check in the exports: row-level, so
    never attached to the PDF."""
    return DataTable(
        "duplicates",
        (
            DataColumn(title="Datum", width=12, number_format=DATE),
            DataColumn(title="Aktivitet", width=42),
            DataColumn(title="Antal", width=8, number_format=WHOLE),
            DataColumn(title="Rader", width=80),
        ),
        tuple(
            (d.date, d.activity, d.count, "; ".join(f"{f}, {s}, rad {r}" for f, s, r in d.rows))
            for d in model.duplicates
        ),
        sheet="Dubbletter",
    )


# --- the whole promise period (its section in the report) ---------------------------------


def period_activities(model: ReportModel) -> DataTable:
    """Per activity: each promise year's count and target, then the whole period's."""
    review = model.period_review
    assert review is not None
    rows = tuple(
        (
            a.focus_area.name,
            a.activity.name,
            year.label,
            year.period.start,
            year.period.end,
            count,
            round(target, 1),
            None,
            None,
        )
        for a in review.activities
        for year, count, target in zip(review.years, a.counts, a.targets, strict=True)
    ) + tuple(
        (
            a.focus_area.name,
            a.activity.name,
            f"Hela perioden: {review.counted.label}",
            review.counted.start,
            review.counted.end,
            a.total,
            round(a.total_target, 1),
            None if a.fulfilment is None else round(a.fulfilment, 1),
            a.status.label,
        )
        for a in review.activities
    )
    return DataTable(
        "period_activities",
        (
            DataColumn("fokusomrade", "Fokusområde", 30),
            DataColumn("aktivitet", "Aktivitet", 42),
            DataColumn("loftesar", "Löftesår", 30),
            DataColumn("fran", "Från", 12, DATE),
            DataColumn("till", "Till", 12, DATE),
            DataColumn("antal", "Antal", 10, WHOLE),
            DataColumn("mal", "Mål", 10, WHOLE),
            DataColumn("andel_av_mal_procent", "Andel av mål (%)", 16, PERCENT_1),
            DataColumn("status", "Status för perioden", 20),
        ),
        rows,
        sheet="Hela perioden",
        file="hela-perioden.csv",
        description=(
            f"Aktiviteterna under hela löftesperioden ({review.period.label}): antal och mål "
            "per löftesår och för hela perioden, andel av målet och status."
        ),
    )


def period_surveys(model: ReportModel) -> DataTable:
    """Per survey grade: the last measurement before the signing against the latest."""
    review = model.period_review
    assert review is not None
    return DataTable(
        "period_surveys",
        (
            DataColumn("indikator_id", "Indikator", 18),
            DataColumn("indikator", "Andel elever som", 42),
            DataColumn("enkat", "Undersökning", 18),
            DataColumn("arskurs", "Årskurs", 10),
            DataColumn("ar_fore", "År före tecknandet", 18),
            DataColumn("andel_fore_procent", "Andel före (%)", 14, PERCENT_1),
            DataColumn("ar_senaste", "Senaste år", 12),
            DataColumn("andel_senaste_procent", "Andel senast (%)", 16, PERCENT_1),
            DataColumn("forandring_procentenheter", "Förändring (procentenheter)", 26, PERCENT_1),
            DataColumn("sakerstalld", "Säkerställd", 12),
            DataColumn("p_varde", "p-värde", 10),
            DataColumn("battre", "Bättre", 10),
        ),
        tuple(
            (
                f.indicator.id,
                f.indicator.label,
                f.survey,
                f.grade,
                f.previous_year,
                f.previous_value,
                f.year,
                f.value,
                None if f.change is None else round(f.change, 1),
                f.significant,
                f.p_value,
                f.better,
            )
            for f in review.findings
        ),
        sheet="Enkäter över perioden",
        file="hela-perioden-enkater.csv",
        description=(
            "Varje årskurs senaste mätning före tecknandet jämförd med den senaste "
            "mätningen: förändring i procentenheter, p-värde och om den är säkerställd."
        ),
    )


# --- outcomes (issue 15) ------------------------------------------------------------------


def outcomes(model: ReportModel) -> DataTable:
    columns = (
        ("utfall_id", "Id", 16, None),
        ("utfall", "Utfall", 42, None),
        ("fokusomrade", "Fokusområde", 24, None),
        ("enhet", "Enhet", 10, None),
        ("lagre_ar_battre", "Lägre är bättre", 10, None),
        ("fore_fran", "Före löftet från", 12, DATE),
        ("fore_till", "Före löftet till", 12, DATE),
        ("fore_antal", "Före: antal", 10, WHOLE),
        ("fore_per_ar", "Före: per år", 10, "0.0"),
        ("under_fran", "Under löftet från", 12, DATE),
        ("under_till", "Under löftet till", 12, DATE),
        ("under_antal", "Under: antal", 10, WHOLE),
        ("under_per_ar", "Under: per år", 10, "0.0"),
        ("p_varde", "p-värde", 9, "0.0000"),
        ("sakerstalld", "Säkerställd", 10, None),
        ("slutsats", "Slutsats", 60, None),
    )
    areas = {a.id: a.name for a in model.promise.focus_areas}
    rows = []
    for r in model.outcomes:
        o, b, d = r.outcome, r.before, r.during
        rows.append(
            (
                o.id,
                o.name,
                areas[o.focus_area],
                o.unit,
                o.lower_is_better,
                b.period.start if b else None,
                b.period.end if b else None,
                b.count if b else None,
                round(b.per_year, 1) if b else None,
                d.period.start if d else None,
                d.period.end if d else None,
                d.count if d else None,
                round(d.per_year, 1) if d else None,
                r.p_value,
                r.secured if r.p_value is not None else None,
                r.sentence,
            )
        )
    return DataTable(
        "outcomes",
        tuple(DataColumn(k, t, w, f) for k, t, w, f in columns),
        tuple(rows),
        sheet="Utfall",
        file="utfall.csv",
        description=(
            "Utfallen: antal före och under löftet med perioderna, per år, p-värdet i det "
            "exakta testet av två Poissonfördelade antal och om förändringen är säkerställd."
        ),
    )


def outcome_months(model: ReportModel) -> DataTable:
    return DataTable(
        "outcome_months",
        (
            DataColumn("utfall_id", "Id", 16),
            DataColumn("ar", "År", 8),
            DataColumn("manad", "Månad", 8),
            DataColumn("antal", "Antal händelser", 14, WHOLE),
        ),
        tuple((r.outcome.id, y, m, n) for r in model.outcomes for y, m, n in r.months),
        sheet="Utfall per månad",
        file="utfall-per-manad.csv",
        description="Utfallen ur händelseloggar: antal händelser per månad (diagrammens siffror).",
    )


def outcome_when(model: ReportModel) -> DataTable:
    from report.model.event_outcomes import TIME_BANDS, WEEKDAYS, band_label

    return DataTable(
        "outcome_when",
        (
            DataColumn("utfall_id", "Id", 16),
            DataColumn("veckodag", "Veckodag", 10),
            DataColumn("tid", "Tid på dygnet", 12),
            DataColumn("antal", "Antal händelser", 14, WHOLE),
        ),
        tuple(
            (r.outcome.id, WEEKDAYS[day], band_label(TIME_BANDS[b]), n)
            for r in model.outcomes
            if r.when
            for day, row in enumerate(r.when)
            for b, n in enumerate(row)
        ),
        sheet="Utfall veckodag och tid",
        file="utfall-veckodag-tid.csv",
        description=(
            "Utfallen ur händelseloggar med klockslag: antal händelser per veckodag och tid "
            "på dygnet."
        ),
    )
