"""The tables of the outcomes from statistics tables, for the underlag workbook and the
CSV files attached to the PDF (`tables.report_tables` lists them): one row per outcome
(levels before and during with their periods, the test, the reference area) and one row
per period of every series shown (the charts' numbers)."""

from __future__ import annotations

from collections.abc import Mapping

from report.model.report import ReportModel
from report.model.statistics_outcomes import StatOutcomeResult
from report.output.table_types import WHOLE, Cell, DataColumn, DataTable

_OUTCOME_COLUMNS = (
    ("utfall_id", "Id", 16, None),
    ("utfall", "Utfall", 36, None),
    ("fokusomrade", "Fokusområde", 22, None),
    ("indikator", "Indikator i tabellen", 24, None),
    ("enhet", "Enhet", 16, None),
    ("lagre_ar_battre", "Lägre är bättre", 10, None),
    ("omrade", "Område", 16, None),
    ("fore_fran", "Före löftet från", 10, None),
    ("fore_till", "Före löftet till", 10, None),
    ("fore_niva", "Före: nivå", 10, "0.00"),
    ("under_fran", "Under löftet från", 10, None),
    ("under_till", "Under löftet till", 10, None),
    ("under_niva", "Under: nivå", 10, "0.00"),
    ("test", "Test", 40, None),
    ("p_varde", "p-värde", 9, "0.0000"),
    ("sakerstalld", "Säkerställd", 10, None),
    ("utan_test_for_att", "Inget test eftersom", 40, None),
    ("jamforelseomrade", "Jämförelseområde", 16, None),
    ("jamforelse_period", "Jämförelsens period", 10, None),
    ("jamforelse_varde", "Jämförelseområdets värde", 12, "0.00"),
    ("jamforelse_p_varde", "Jämförelsens p-värde", 10, "0.0000"),
    ("slutsats", "Slutsats", 60, None),
)


def statistics_outcomes(model: ReportModel) -> DataTable:
    areas = {a.id: a.name for a in model.promise.focus_areas}
    rows = tuple(_outcome_row(r, areas) for r in model.statistics)
    return DataTable(
        "statistics_outcomes",
        tuple(DataColumn(k, t, w, f) for k, t, w, f in _OUTCOME_COLUMNS),
        rows,
        sheet="Utfall ur statistik",
        file="utfall-statistik.csv",
        description=(
            "Utfallen ur statistiktabeller: nivån före och under löftet med perioderna, "
            "testet och p-värdet (eller varför det inte finns något test), jämförelseområdet."
        ),
    )


def _outcome_row(r: StatOutcomeResult, areas: Mapping[str, str]) -> tuple[Cell, ...]:
    o, b, d, c = r.outcome, r.before, r.during, r.comparison
    return (
        o.id,
        o.name,
        areas[o.focus_area],
        o.indicator,
        o.unit,
        o.lower_is_better,
        r.series.area,
        b.points[0].label if b else None,
        b.points[-1].label if b else None,
        round(b.value, 3) if b else None,
        d.points[0].label if d else None,
        d.points[-1].label if d else None,
        round(d.value, 3) if d else None,
        r.test or None,
        r.p_value,
        r.secured if r.p_value is not None else None,
        r.reason or None,
        c.area if c else None,
        c.point.label if c else None,
        c.reference.value if c else None,
        c.p_value if c else None,
        r.sentence,
    )


def statistics_series(model: ReportModel) -> DataTable:
    rows = []
    for r in model.statistics:
        for series in (r.series, *((r.reference,) if r.reference else ())):
            for p in series.points:
                rows.append(
                    (
                        r.outcome.id,
                        series.area,
                        p.year,
                        p.month or None,
                        p.value,
                        r.outcome.unit,
                        p.respondents,
                        p.population,
                    )
                )
    return DataTable(
        "statistics_series",
        (
            DataColumn("utfall_id", "Id", 16),
            DataColumn("omrade", "Område", 18),
            DataColumn("ar", "År", 8),
            DataColumn("manad", "Månad", 8),
            DataColumn("varde", "Värde", 10, "0.00"),
            DataColumn("enhet", "Enhet", 16),
            DataColumn("antal_svarande", "Antal svarande", 12, WHOLE),
            DataColumn("befolkning", "Befolkning", 12, WHOLE),
        ),
        tuple(rows),
        sheet="Utfall ur statistik per år",
        file="utfall-statistik-serier.csv",
        description=(
            "Utfallen ur statistiktabeller: kommunens och jämförelseområdets värden per år "
            "eller månad, med antal svarande och befolkning där de finns (diagrammens siffror)."
        ),
    )
