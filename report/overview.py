"""Every indicator at a glance: one row per indicator and grade (the table "Alla indikatorer i
korthet" in Sammanfattning), from the findings in `indicators.py`.

A row says the latest value and its year, the change since the previous measurement and
the position against the reference area, each as a symbol and a word (never colour alone).
"Säkerställd" is only said when the two-proportion test in `indicators.py` was run and gave
p < 0.05; a change that could not be tested says so. Rows carry a `kind`, so other kinds of
rows (outcomes) can join the same table later.
"""

from __future__ import annotations

from dataclasses import dataclass

from .indicators import Finding, IndicatorResult

INDICATOR = "indikator"


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


UNCHANGED = "→"
UP = "▲"
DOWN = "▼"
NONE = "·"
SAME = "="


def change_judgement(f: Finding) -> Judgement:
    """Since the previous measurement (its value is in the row beside it)."""
    if f.previous_year is None:
        return Judgement(NONE, "Första mätningen")
    if f.previous_value is None:
        return Judgement(NONE, "Förra värdet visas inte")
    if f.significant is None:
        return Judgement(NONE, "Kan inte prövas")
    if not f.significant:
        return Judgement(UNCHANGED, "Ingen säkerställd förändring")
    direction = "ökning" if f.change > 0 else "minskning"  # type: ignore[operator]
    verdict = "förbättring" if f.better else "försämring"
    return Judgement(
        UP if f.change > 0 else DOWN,  # type: ignore[operator]
        f"Säkerställd {direction} – {verdict}",
        f.better,
    )


def reference_judgement(f: Finding) -> Judgement:
    """Against the reference area the same year (its value is in the row beside it)."""
    if f.reference_value is None:
        return Judgement(NONE, "Ingen jämförelse")
    if f.reference_significant is None:
        return Judgement(NONE, "Kan inte prövas")
    if not f.reference_significant:
        return Judgement(SAME, "Ingen säkerställd skillnad")
    side = "högre" if f.value > f.reference_value else "lägre"
    verdict = "bättre" if f.reference_better else "sämre"
    return Judgement(
        UP if f.value > f.reference_value else DOWN,
        f"Säkerställt {side} – {verdict}",
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
