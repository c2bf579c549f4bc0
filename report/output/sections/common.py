"""What every section shares: its heading, and facts about the surveys several sections
name (which surveys, about how many pupils answer, which reference areas)."""

from __future__ import annotations

from dataclasses import dataclass

from report.model.report import ReportModel
from report.output.texts import (
    SurveyInfo,
    join_words,
    pupils_per_grade,
    reference_areas,
    surveys,
)


@dataclass(frozen=True)
class Heading:
    id: str  # the section's anchor in the report, and in the commentary's
    title: str  # its heading, and the heading to use in the commentary file


def always(model: ReportModel) -> bool:
    return True


@dataclass(frozen=True)
class SurveyFacts:
    surveys: tuple[SurveyInfo, ...]  # the surveys in the report's data
    names: str  # 'ELSA och Elevers drogvanor'
    pupils: int | None  # about how many answer per grade
    references: tuple[str, ...]  # the reference areas in the data
    reference_names: str  # 'Värmland och Riket'

    @classmethod
    def of(cls, model: ReportModel) -> SurveyFacts:
        found = surveys(model)
        references = reference_areas(model)
        return cls(
            found,
            join_words([s.name for s in found]),
            pupils_per_grade(model),
            references,
            join_words(list(references)),
        )
