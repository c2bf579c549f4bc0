"""Om underlaget: the files read, suspected duplicates, notes and how things are judged."""

from __future__ import annotations

from dataclasses import dataclass

from report.model.report import ReportModel
from report.output.sections.common import Heading, SurveyFacts
from report.output.texts import survey_rhythms
from report.promise.types import Promise


@dataclass(frozen=True)
class SourcesView:
    facts: SurveyFacts
    rhythms: str  # 'ELSA varje år och Elevers drogvanor vartannat år'


def headings(promise: Promise) -> tuple[Heading, ...]:
    return (Heading("underlag", "Om underlaget"),)


def view(model: ReportModel, heading: Heading, standalone: bool) -> SourcesView:
    return SourcesView(SurveyFacts.of(model), survey_rhythms(model))
