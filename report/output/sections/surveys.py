"""Ungas hälsa och drogvanor: the survey indicators with detailed pages."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from report.charts.survey_data import (
    MAX_LINES,
    SurveyRow,
    chart_data,
    compact_table_rows,
    table_rows,
)
from report.model.indicators import IndicatorResult
from report.model.report import ReportModel
from report.output.sections.common import Heading, SurveyFacts
from report.output.table_widths import APPENDIX_CH, PAGE_CH, TableColumns, table_columns
from report.output.texts import count_word
from report.promise.types import Promise


@dataclass(frozen=True)
class IndicatorView:
    """One indicator: its findings, its chart and its table."""

    result: IndicatorResult
    rows: tuple[SurveyRow, ...]  # the table
    years: tuple[int, ...]  # its year columns
    columns: TableColumns  # its column widths
    multiples: bool  # the chart is a panel per grade
    y_min: float  # where the chart's axis starts (0 unless every value is high)
    has_reference: bool  # the table has rows of a reference area
    compared: str  # their names, 'Värmland och Riket'


@dataclass(frozen=True)
class SurveysView:
    facts: SurveyFacts
    count: str  # how many surveys, in a word
    indicators: tuple[IndicatorView, ...]  # the key indicators
    promised_surveys: str  # the promise's surveys, when the data have no values
    promised_labels: str  # and its indicators


def headings(promise: Promise) -> tuple[Heading, ...]:
    return (Heading("enkater", "Ungas hälsa och drogvanor"),)


def shown(model: ReportModel) -> bool:
    return bool(model.indicators or model.promise.indicators)


def view(model: ReportModel, heading: Heading, standalone: bool) -> SurveysView:
    facts = SurveyFacts.of(model)
    indicators = model.promise.indicators
    return SurveysView(
        facts,
        count_word(len(facts.surveys)),
        tuple(indicator_view(result) for result in model.key_indicators),
        " och ".join(unique(i.survey for i in indicators)),
        "; ".join(i.label for i in indicators),
    )


def indicator_view(result: IndicatorResult, compact: bool = False) -> IndicatorView:
    """An indicator's view on its own page, or `compact` in the appendix (the latest three
    years for all pupils and the reference area)."""
    rows = compact_table_rows(result) if compact else table_rows(result)
    years = result.table_years[-3:] if compact else result.table_years
    data = chart_data(result)
    room = APPENDIX_CH if compact else PAGE_CH
    compared = unique(r.group.replace(", alla", "") for r in rows if r.is_reference)
    return IndicatorView(
        result,
        rows,
        tuple(years),
        table_columns(rows, len(years), room),
        len(data.lines) > MAX_LINES,
        data.y_min,
        any(r.is_reference for r in rows),
        " och ".join(compared),
    )


def unique(texts: Iterable[str]) -> Sequence[str]:
    """The texts once each, the first of those alike regardless of case, in order."""
    first: dict[str, str] = {}
    for text in texts:
        first.setdefault(text.lower(), text)
    return list(first.values())
