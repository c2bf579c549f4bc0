"""One section per focus area: its activities and its outcomes."""

from __future__ import annotations

from dataclasses import dataclass

from report.charts.layout import ChartPart, years_parts
from report.charts.svg import area_colour
from report.format import month_name, whole
from report.model.event_outcomes import TIME_BANDS, WEEKDAYS, OutcomeResult, band_label, level_text
from report.model.report import FocusSection, ReportModel
from report.model.statistics_outcomes import (
    SeriesRow,
    StatOutcomeResult,
    comparison_text,
    table_rows,
    unit_label,
    value_text,
)
from report.model.statistics_outcomes import level_text as statistics_level
from report.output.sections.common import Heading
from report.output.sections.heat import heat_style
from report.promise.types import Promise

PREFIX = "fokus-"
MONTH_NAMES = tuple(month_name(m) for m in range(1, 13))
WEEKDAY_NAMES = tuple(d.capitalize() for d in WEEKDAYS)
BANDS = tuple(band_label(b) for b in TIME_BANDS)


@dataclass(frozen=True)
class MonthsRow:
    year: int
    cells: tuple[str, ...]  # twelve months, '' for a month without events
    total: str


@dataclass(frozen=True)
class HeatRow:
    weekday: str
    cells: tuple[tuple[str, str], ...]  # (count, its cell's style) per time band


@dataclass(frozen=True)
class EventOutcomeView:
    result: OutcomeResult
    span: str  # 'januari 2021–december 2023', '' without months
    before: str
    during: str
    months: tuple[MonthsRow, ...]  # the chart's numbers, a row per year
    heat: tuple[HeatRow, ...]  # weekday by time of day, () without times


@dataclass(frozen=True)
class StatisticsOutcomeView:
    result: StatOutcomeResult
    unit: str  # 'antal per år', lower case
    before: str
    during: str
    latest: str
    reference_latest: str  # the reference area's latest value ('' without one)
    comparison: str  # the municipality against the reference area
    rows: tuple[SeriesRow, ...]  # the chart's numbers


@dataclass(frozen=True)
class FocusView:
    section: FocusSection
    colour: str
    total: int  # activities carried out this year
    target_total: float  # their targets, pro-rated to the days counted
    years_parts: tuple[ChartPart, ...]  # the charts per calendar year, split when many
    outcomes: tuple[EventOutcomeView, ...]
    statistics: tuple[StatisticsOutcomeView, ...]
    month_names: tuple[str, ...] = MONTH_NAMES
    bands: tuple[str, ...] = BANDS


def headings(promise: Promise) -> tuple[Heading, ...]:
    return tuple(Heading(f"{PREFIX}{area.id}", area.name) for area in promise.focus_areas)


def view(model: ReportModel, heading: Heading, standalone: bool) -> FocusView:
    section = next(s for s in model.sections if f"{PREFIX}{s.area.id}" == heading.id)
    area = section.area.id
    return FocusView(
        section,
        area_colour(model, area),
        sum(a.count for a in section.activities if a.count is not None),
        sum(a.target for a in section.activities),
        years_parts(section),
        tuple(event_outcome(r) for r in model.outcomes_in(area)),
        tuple(statistics_outcome(r) for r in model.statistics_in(area)),
    )


def event_outcome(result: OutcomeResult) -> EventOutcomeView:
    months = result.months
    span = (
        f"{month_name(months[0][1], 'wide')} {months[0][0]}–"
        f"{month_name(months[-1][1], 'wide')} {months[-1][0]}"
        if months
        else ""
    )
    rows = []
    for year in dict.fromkeys(y for y, _, _ in months):
        counts = {m: n for y, m, n in reversed(months) if y == year}  # the first of a month
        cells = tuple(whole(counts[m]) if m in counts else "" for m in range(1, 13))
        rows.append(MonthsRow(year, cells, whole(sum(n for y, _, n in months if y == year))))
    heat: tuple[HeatRow, ...] = ()
    if result.when:
        top = max(max(row) for row in result.when)
        heat = tuple(
            HeatRow(day, tuple((whole(n), heat_style(n, top)) for n in row))
            for day, row in zip(WEEKDAY_NAMES, result.when, strict=False)
        )
    return EventOutcomeView(
        result, span, level_text(result.before), level_text(result.during), tuple(rows), heat
    )


def statistics_outcome(result: StatOutcomeResult) -> StatisticsOutcomeView:
    unit, monthly, c = result.outcome.unit, result.monthly, result.comparison
    return StatisticsOutcomeView(
        result,
        unit_label(unit, monthly).lower(),
        statistics_level(result, result.before),
        statistics_level(result, result.during),
        value_text(unit, result.latest.value, monthly),
        value_text(unit, c.reference.value, monthly) if c else "",
        comparison_text(result),
        table_rows(result),
    )
