"""Every indicator at a glance: one row per indicator and grade (the table "Alla indikatorer i
korthet" in Sammanfattning), from the findings in `indicators.py`.

A row says the latest value and its year, the change since the previous measurement and
the position against the reference area, each as a symbol and a word (never colour alone).
"Säkerställd" is only said when the two-proportion test in `indicators.py` was run and gave
p < 0.05; a change that could not be tested says so. Rows carry a `kind`: outcomes (from
event logs and statistics tables) join the table with one row each, their values as text
in their own unit with the period they cover, the change being the level before the
promise against the level during it.
"""

from __future__ import annotations

from dataclasses import dataclass

from report.format import decimal, short_date
from report.model.event_outcomes import OutcomeResult
from report.model.indicators import Finding, IndicatorResult
from report.model.period import ReportPeriod
from report.model.statistics_outcomes import StatLevel, StatOutcomeResult, number_text

INDICATOR, OUTCOME = "indikator", "utfall"


@dataclass(frozen=True)
class Judgement:
    """One cell of the overview: a symbol, a word, and better/worse (None: neither)."""

    symbol: str
    text: str
    better: bool | None = None


@dataclass(frozen=True)
class OverviewRow:
    kind: str
    label: str
    survey: str
    grade: str
    year: int
    value: float
    previous_year: int | None
    previous_value: float | None  # None: no earlier measurement, or hidden
    change: Judgement
    reference_area: str | None
    reference_value: float | None
    reference: Judgement
    anchor: str  # the id of the row's section in the report
    # Outcome rows: the values as text in their unit, each with its period.
    value_text: str = ""
    previous_text: str = ""
    reference_text: str = ""


UNCHANGED = "→"
UP = "▲"
DOWN = "▼"
NONE = "·"
SAME = "="


def tested_change(tested: bool, secured: bool, rose: bool, better: bool | None) -> Judgement:
    """A change between two measurements or levels, worded by its test."""
    if not tested:
        return Judgement(NONE, "Kan inte prövas")
    if not secured:
        return Judgement(UNCHANGED, "Ingen säkerställd förändring")
    return Judgement(
        UP if rose else DOWN,
        f"Säkerställd {'ökning' if rose else 'minskning'} – "
        f"{'förbättring' if better else 'försämring'}",
        better,
    )


def tested_difference(tested: bool, secured: bool, higher: bool, better: bool | None) -> Judgement:
    """A difference from the reference area, worded by its test."""
    if not tested:
        return Judgement(NONE, "Kan inte prövas")
    if not secured:
        return Judgement(SAME, "Ingen säkerställd skillnad")
    return Judgement(
        UP if higher else DOWN,
        f"Säkerställt {'högre' if higher else 'lägre'} – {'bättre' if better else 'sämre'}",
        better,
    )


def change_judgement(f: Finding) -> Judgement:
    """Since the previous measurement (its value is in the row beside it)."""
    if f.previous_year is None:
        return Judgement(NONE, "Första mätningen")
    if f.previous_value is None:
        return Judgement(NONE, "Förra värdet visas inte")
    rose = f.change is not None and f.change > 0
    return tested_change(f.significant is not None, bool(f.significant), rose, f.better)


def reference_judgement(f: Finding) -> Judgement:
    """Against the reference area the same year (its value is in the row beside it)."""
    if f.reference_value is None:
        return Judgement(NONE, "Ingen jämförelse")
    return tested_difference(
        f.reference_significant is not None,
        bool(f.reference_significant),
        f.value > f.reference_value,
        f.reference_better,
    )


@dataclass(frozen=True)
class OverviewGroup:
    """The rows of one indicator (later: one outcome), under one heading row."""

    kind: str
    label: str
    source: str  # the survey
    direction: str  # "Lägre andel är bättre." / "Högre andel är bättre."
    anchor: str  # the id of its section in the report
    rows: tuple[OverviewRow, ...]


def indicator_groups(indicators: tuple[IndicatorResult, ...]) -> tuple[OverviewGroup, ...]:
    """One group per indicator with a shown value, one row per grade, in the report's order."""
    groups = []
    for result in indicators:
        rows = tuple(_row(f) for f in result.findings)
        if rows:
            ind = result.indicator
            groups.append(
                OverviewGroup(
                    INDICATOR,
                    ind.label,
                    ind.survey,
                    "Lägre andel är bättre." if ind.lower_is_better else "Högre andel är bättre.",
                    f"indikator-{ind.id}",
                    rows,
                )
            )
    return tuple(groups)


def _row(f: Finding) -> OverviewRow:
    grade = f.grade if f.survey in ("", f.indicator.survey) else f"{f.grade} ({f.survey})"
    return OverviewRow(
        INDICATOR,
        f.indicator.label,
        f.survey or f.indicator.survey,
        grade,
        f.year,
        f.value,
        f.previous_year,
        f.previous_value,
        change_judgement(f),
        f.reference_area,
        f.reference_value,
        reference_judgement(f),
        f"indikator-{f.indicator.id}",
    )


def common_reference_area(groups: tuple[OverviewGroup, ...]) -> str | None:
    """The one reference area of every row that has one (then the table names it once, in
    its header); None when there are several or none."""
    areas = {r.reference_area for g in groups for r in g.rows if r.reference_area}
    return areas.pop() if len(areas) == 1 else None


def _direction(lower_is_better: bool) -> str:
    return "Lägre är bättre." if lower_is_better else "Högre är bättre."


def _span(period: ReportPeriod) -> str:
    """A period in short dates, for the table's narrow cells: '1 jan. 2019–13 juni 2022'."""
    return f"{short_date(period.start)}–{short_date(period.end)}"


def _event_group(r: OutcomeResult) -> OverviewGroup:
    o, before, during = r.outcome, r.before, r.during
    if before is None or during is None:
        change = Judgement(NONE, "Ingen nivå före löftet" if before is None else "Ingen nivå ännu")
    else:
        lower = during.per_year < before.per_year
        change = tested_change(
            r.p_value is not None, r.secured, not lower, lower == o.lower_is_better
        )
    latest = during or before
    row = OverviewRow(
        OUTCOME,
        o.name,
        "Händelselogg",
        "Händelser per år",
        latest.period.end.year if latest else 0,
        latest.per_year if latest else 0.0,
        None,
        before.per_year if before and during else None,
        change,
        None,
        None,
        Judgement(NONE, "Ingen jämförelse"),
        f"utfall-{o.id}",
        f"{decimal(latest.per_year, 0)} ({_span(latest.period)})" if latest else "–",
        f"{decimal(before.per_year, 0)} ({_span(before.period)})" if before and during else "–",
        "–",
    )
    return OverviewGroup(
        OUTCOME, o.name, "händelselogg", _direction(o.lower_is_better), row.anchor, (row,)
    )


def _reference(r: StatOutcomeResult) -> Judgement:
    c = r.comparison
    if c is None:
        return Judgement(NONE, "Ingen jämförelse")
    higher = c.point.value > c.reference.value
    return tested_difference(
        c.p_value is not None, c.secured, higher, (not higher) == r.outcome.lower_is_better
    )


UNIT_LABELS = {
    "antal": "Antal per år",
    "per 1 000 invånare": "Per 1 000 invånare",
    "index": "Index",
    "andel": "Andel",
}


def _before_text(unit: str, before: StatLevel | None) -> str:
    if before is None:
        return "–"
    mean = "snitt " if len(before.points) > 1 else ""
    return f"{number_text(unit, before.value)} ({mean}{before.label})"


def _stat_group(r: StatOutcomeResult) -> OverviewGroup:
    o, before, during, latest = r.outcome, r.before, r.during, r.latest
    unit = o.unit
    if before is None or during is None:
        change = Judgement(NONE, "Ingen nivå före löftet" if before is None else "Ingen nivå ännu")
    else:
        lower = during.value < before.value
        change = tested_change(
            r.p_value is not None, r.secured, not lower, lower == o.lower_is_better
        )
    c = r.comparison
    row = OverviewRow(
        OUTCOME,
        o.name,
        "Statistik",
        UNIT_LABELS[unit].replace("per år", "per månad") if r.monthly else UNIT_LABELS[unit],
        latest.year,
        latest.value,
        None,
        before.value if before else None,
        change,
        c.area if c else None,
        c.reference.value if c else None,
        _reference(r),
        f"utfall-{o.id}",
        f"{number_text(unit, latest.value)} ({latest.label})",
        _before_text(unit, before),
        f"{number_text(unit, c.reference.value)} ({c.reference.label})" if c else "–",
    )
    return OverviewGroup(
        OUTCOME, o.name, "statistik", _direction(o.lower_is_better), row.anchor, (row,)
    )


def outcome_groups(
    events: tuple[OutcomeResult, ...], statistics: tuple[StatOutcomeResult, ...]
) -> tuple[OverviewGroup, ...]:
    """One group of one row per outcome: event-log outcomes first, then statistics."""
    return (*(_event_group(r) for r in events), *(_stat_group(r) for r in statistics))
