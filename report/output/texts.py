"""Sentences built from the promise file and the data, never from the example: which
surveys and grades the report holds, how many pupils answer, which reference areas it
compares with, and where the per-party counts are reported.

Pure: model (or promise) in, plain text out; the templates escape it.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from report.model.report import ReportModel
from report.promise.types import Promise
from report.vocabulary import ALL

# What a reader may want to know about a survey, shown only when the survey is in the data.
SURVEY_DESCRIPTIONS = {
    "ELSA": "Elevhälsodatabasen, bygger på skolsköterskans hälsosamtal",
}

RHYTHM = {1: "varje år", 2: "vartannat år", 3: "vart tredje år"}


@dataclass(frozen=True)
class SurveyInfo:
    name: str
    description: str  # '' when none is known
    grades: tuple[str, ...]
    rhythm: str  # 'varje år', 'vartannat år', 'vart 4:e år'

    @property
    def sentence(self) -> str:
        """'gjordes i åk 8 och gy 2, vartannat år' (without the name)."""
        grades = join_words([_grade_words(g) for g in self.grades])
        return f"i {grades}, {self.rhythm}" if grades else self.rhythm


def join_words(words: list[str]) -> str:
    """['a', 'b', 'c'] -> 'a, b och c'."""
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} och {words[-1]}"


def _grade_words(grade: str) -> str:
    if grade.startswith("gy "):
        return f"gymnasiets år {grade[3:]}"
    return grade


def surveys(model: ReportModel) -> tuple[SurveyInfo, ...]:
    """The surveys in the report's data, with their grades and rhythm, in indicator order."""
    found: dict[str, tuple[set[str], int]] = {}
    for result in model.indicators:
        for series in result.local_series:
            grades, step = found.setdefault(series.survey, (set(), series.step))
            grades.add(series.grade)
    infos = []
    for name, (grades, step) in found.items():
        infos.append(
            SurveyInfo(
                name,
                SURVEY_DESCRIPTIONS.get(name, ""),
                tuple(sorted(grades, key=lambda g: (g.startswith("gy"), g))),
                RHYTHM.get(step, f"vart {step}:e år"),
            )
        )
    return tuple(infos)


def survey_rhythms(model: ReportModel) -> str:
    """'ELSA varje år och Elevers drogvanor vartannat år'."""
    return join_words([f"{s.name} {s.rhythm}" for s in surveys(model)])


def count_word(n: int) -> str:
    return {1: "en", 2: "två", 3: "tre", 4: "fyra", 5: "fem"}.get(n, str(n))


def pupils_per_grade(model: ReportModel) -> int | None:
    """About how many pupils answer per grade: the median respondent count of the
    municipality's 'Alla' values, rounded to tens (to whole numbers under 20); None without
    respondent counts."""
    counts = [
        p.respondents
        for result in model.indicators
        for s in result.local_series
        if s.sex == ALL
        for p in s.points
        if p.respondents
    ]
    if not counts:
        return None
    median = statistics.median(counts)
    return round(median) if median < 20 else int(round(median, -1))


def reference_areas(model: ReportModel) -> tuple[str, ...]:
    """The reference areas in the data, by their names in the data."""
    names: list[str] = []
    for result in model.indicators:
        for s in result.series:
            if s.is_reference and s.area not in names:
                names.append(s.area)
    return tuple(names)


def per_party_heading(promise: Promise) -> str:
    """The per-party section's heading from redovisas_i: 'Genomförandeplanen för ANDT …'
    -> 'Redovisning till genomförandeplanen'; without redovisas_i, 'Redovisning per
    ansvarig part'."""
    if not promise.reported_in.strip():
        return "Redovisning per ansvarig part"
    first = promise.reported_in.split()[0]
    return f"Redovisning till {first[0].lower()}{first[1:]}"


def per_party_target(promise: Promise) -> str:
    """Where the per-party counts go, as written in the promise file (lower-case first
    letter), or 'den plan där antalet redovisas'."""
    text = promise.reported_in.strip()
    return f"{text[0].lower()}{text[1:]}" if text else "den plan där antalet redovisas"
