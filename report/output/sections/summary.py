"""Sammanfattning: the year in short."""

from __future__ import annotations

from dataclasses import dataclass

from report.charts.layout import ChartPart, fulfilment_parts
from report.charts.svg import area_colour
from report.format import decimal
from report.model.event_outcomes import OutcomeResult
from report.model.report import FocusSection, ReportModel
from report.model.statistics_outcomes import brief
from report.output.sections.common import Heading, SurveyFacts
from report.promise.types import Promise


@dataclass(frozen=True)
class Brief:
    """An outcome in one line: its anchor, its name and what the data say."""

    id: str
    name: str
    text: str


@dataclass(frozen=True)
class SummaryView:
    facts: SurveyFacts
    groups: tuple[tuple[FocusSection, str], ...]  # each focus area with its colour
    fulfilment_parts: tuple[ChartPart, ...]  # the summary chart, split when long
    outcomes: tuple[Brief, ...]  # "Utfall i korthet"


def headings(promise: Promise) -> tuple[Heading, ...]:
    return (Heading("sammanfattning", "Sammanfattning"),)


def view(model: ReportModel, heading: Heading, standalone: bool) -> SummaryView:
    return SummaryView(
        SurveyFacts.of(model),
        tuple((s, area_colour(model, s.area.id)) for s in model.sections),
        fulfilment_parts(model),
        (
            *(Brief(r.outcome.id, r.outcome.name, event_brief(r)) for r in model.outcomes),
            *(Brief(r.outcome.id, r.outcome.name, brief(r)) for r in model.statistics),
        ),
    )


def event_brief(result: OutcomeResult) -> str:
    """An outcome counted from an event log, in one line."""
    before, during = result.before, result.during
    if not (before and during):
        return result.sentence
    if result.secured:
        better = (during.per_year < before.per_year) == result.outcome.lower_is_better
        verdict = f"en säkerställd {'förbättring' if better else 'försämring'}"
    else:
        verdict = "ingen säkerställd förändring"
    return (
        f"{decimal(before.per_year, 0)} per år före löftet ({before.period.label}), "
        f"{decimal(during.per_year, 0)} per år under löftet ({during.period.label}) – {verdict}."
    )
