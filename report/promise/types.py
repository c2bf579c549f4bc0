"""What a promise file says, as frozen data: the parties, focus areas, activities,
indicators and outcomes. report/promise/parse.py checks the file into these; the kinds of
input read them to recognise activities and indicators, and the model computes with them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from report.vocabulary import normalize_label

# An outcome's source, and its unit.
EVENT_LOG, STATISTICS = "händelselogg", "statistik"
COUNT, RATE, INDEX, SHARE = "antal", "per 1 000 invånare", "index", "andel"


@dataclass(frozen=True)
class Party:
    name: str
    signatory: str
    role: str
    place: str
    signed: dt.date


@dataclass(frozen=True)
class FocusArea:
    id: str
    name: str


@dataclass(frozen=True)
class Activity:
    id: str
    focus_area: str
    name: str
    wording: str
    responsible_text: str
    responsible: frozenset[str]
    yearly_target: int
    aliases: tuple[str, ...]

    @property
    def shared(self) -> bool:
        return len(self.responsible) > 1


@dataclass(frozen=True)
class Indicator:
    id: str
    label: str
    survey: str
    lower_is_better: bool
    key: bool = False  # huvudindikator = true: detailed pages, not the compact appendix


@dataclass(frozen=True)
class Outcome:
    id: str
    name: str
    focus_area: str
    source: str  # EVENT_LOG or STATISTICS
    unit: str  # COUNT, RATE, INDEX or SHARE
    lower_is_better: bool
    event_types: tuple[str, ...] = ()  # as written in the promise file
    indicator: str = ""  # the statistics table's indicator (default: the name)

    def names(self, indicator: str) -> bool:
        """Whether a statistics table's indicator (as typed) is this outcome's: its
        indikator (or name), or its id."""
        return normalize_label(indicator) in (normalize_label(self.indicator), self.id)

    def counts(self, event_type: str) -> bool:
        """Whether an event of this type (as typed in the log) counts toward the outcome."""
        return normalize_label(event_type) in {normalize_label(t) for t in self.event_types}


@dataclass(frozen=True)
class Assessment:
    done_from_percent: float = 100.0
    partly_from_percent: float = 50.0


@dataclass(frozen=True)
class Promise:
    slug: str
    title: str
    municipality: str
    signed: dt.date
    period_years: int
    forum: str
    reported_in: str
    parties: tuple[Party, ...]
    focus_areas: tuple[FocusArea, ...]
    activities: tuple[Activity, ...]
    indicators: tuple[Indicator, ...]
    outcomes: tuple[Outcome, ...] = ()
    assessment: Assessment = field(default_factory=Assessment)
    min_respondents: int = 10
    column_aliases: tuple[tuple[str, tuple[str, ...]], ...] = ()
    population: tuple[tuple[int, int], ...] = ()  # [befolkning]: (year, inhabitants)
    source_text: str = ""

    @property
    def period_end(self) -> dt.date:
        """Last day of the promise period (signing date + N years - 1 day)."""
        return add_years(self.signed, self.period_years) - dt.timedelta(days=1)

    def activity(self, activity_id: str) -> Activity:
        return next(a for a in self.activities if a.id == activity_id)

    def indicator(self, indicator_id: str) -> Indicator:
        return next(i for i in self.indicators if i.id == indicator_id)

    def outcomes_in(self, focus_area_id: str) -> tuple[Outcome, ...]:
        return tuple(o for o in self.outcomes if o.focus_area == focus_area_id)


def add_years(day: dt.date, years: int) -> dt.date:
    """Same day N years later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)
