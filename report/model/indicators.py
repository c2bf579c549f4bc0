"""The survey side of the model: one indicator's series per grade, sex and area, the values
hidden to protect small groups, and what the latest measurements say (findings, tested where
respondent counts allow).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from report.format import percent
from report.model.significance import two_proportion_p_value, wilson_interval
from report.promise.types import Indicator, Promise
from report.vocabulary import ALL, BOYS, GIRLS

SIGNIFICANCE = 0.05


@dataclass(frozen=True)
class SurveyPoint:
    year: int
    value: float | None  # None when suppressed (the real value never enters the model)
    respondents: int | None
    suppressed: bool
    low: float | None = None
    high: float | None = None


@dataclass(frozen=True)
class SurveySeries:
    survey: str
    grade: str
    sex: str
    area: str
    is_reference: bool
    points: tuple[SurveyPoint, ...]  # only years with a row; suppressed points carry no value
    step: int = 1  # the survey's rhythm in years (1 yearly, 2 every other year)

    def at(self, year: int) -> SurveyPoint | None:
        return next((p for p in self.points if p.year == year), None)


@dataclass(frozen=True)
class Finding:
    """What one grade's latest measurement says, tested where respondent counts allow."""

    indicator: Indicator
    grade: str
    year: int
    value: float
    previous_year: int | None
    previous_value: float | None
    change: float | None  # percentage points
    significant: bool | None  # None: cannot be tested
    better: bool | None  # None: no (significant) change
    reference_area: str | None
    reference_value: float | None
    p_value: float | None
    sentence: str
    survey: str = ""
    # The municipality against the reference area in the same year.
    reference_p_value: float | None = None
    reference_significant: bool | None = None  # None: cannot be tested
    reference_better: bool | None = None  # None: no significant difference
    # Girls against boys in the same year.
    girls: float | None = None
    boys: float | None = None
    sex_significant: bool | None = None

    @property
    def signals(self) -> tuple[tuple[str, bool, float | None], ...]:
        """(label, better, p-value) of every significant result, for the summary."""
        found = []
        if self.significant:
            found.append(
                ("Förbättring" if self.better else "Försämring", bool(self.better), self.p_value)
            )
        if self.reference_significant:
            word = "Bättre" if self.reference_better else "Sämre"
            found.append(
                (
                    f"{word} än {self.reference_area}",
                    bool(self.reference_better),
                    self.reference_p_value,
                )
            )
        return tuple(found)


@dataclass(frozen=True)
class IndicatorResult:
    indicator: Indicator
    series: tuple[SurveySeries, ...]
    findings: tuple[Finding, ...]
    table_years: tuple[int, ...]
    has_suppressed: bool

    @property
    def local_series(self) -> tuple[SurveySeries, ...]:
        return tuple(s for s in self.series if not s.is_reference)


def suppress(frame: pd.DataFrame, min_respondents: int) -> pd.DataFrame:
    """Mark values to hide: too few respondents, and every value in the same
    (indicator, grade, year, area) group, so a hidden value can't be worked out from the
    others (Alla and Pojkar with their counts would reveal Flickor)."""
    frame = frame.copy()
    small = frame["respondents"].notna() & (frame["respondents"].astype(float) < min_respondents)
    group = ["area", "survey", "indicator", "grade", "year"]
    frame["suppressed"] = small.groupby([frame[c] for c in group]).transform("any")
    frame.loc[frame["suppressed"], ["value", "respondents"]] = None
    return frame


def build_indicators(promise: Promise, survey: pd.DataFrame) -> tuple[IndicatorResult, ...]:
    if survey.empty:
        return ()
    data = suppress(survey, promise.min_respondents)
    steps = survey_steps(data)
    results = []
    for indicator in promise.indicators:
        rows = data[data["indicator"] == indicator.id]
        if rows.empty:
            continue
        series = _series(rows, promise.municipality, steps)
        findings = tuple(
            f
            for f in (
                finding_for(indicator, s, series)
                for s in series
                if s.sex == ALL and not s.is_reference
            )
            if f
        )
        # The municipality's years; only a reference area's if the municipality has none.
        local_years = measurement_years(
            s for s in series if not s.is_reference
        ) or measurement_years(series)
        results.append(
            IndicatorResult(
                indicator=indicator,
                series=series,
                findings=findings,
                table_years=local_years[-TABLE_YEARS:],
                has_suppressed=bool(rows["suppressed"].any()),
            )
        )
    return tuple(results)


_SEX_ORDER = {GIRLS: 0, BOYS: 1, ALL: 2}
TABLE_YEARS = 8


def survey_steps(data: pd.DataFrame) -> dict[str, int]:
    """Each survey's rhythm: the smallest gap between the years it has data for, over all
    its indicators, grades and areas (1 for ELSA, 2 for Elevers drogvanor). A year missing
    in one series is then a gap, not a slower rhythm."""
    steps = {}
    for survey, years in data.groupby("survey")["year"]:
        distinct = sorted({int(y) for y in years})
        steps[str(survey)] = max(
            1, min((b - a for a, b in itertools.pairwise(distinct)), default=1)
        )
    return steps


def measurement_years(series: Iterable[SurveySeries]) -> tuple[int, ...]:
    """Every year of the surveys' rhythm from the first to the last measurement, including
    years without one (shown as gaps): 2016..2023 for a yearly survey missing 2020,
    2013, 2015, … for a biennial one."""
    series = list(series)
    years = sorted({p.year for s in series for p in s.points})
    if not years:
        return ()
    gaps = (b - a for a, b in itertools.pairwise(years))
    step = max(1, min([*(s.step for s in series), *gaps]))
    return tuple(range(years[0], years[-1] + 1, step))


def _grade_order(grade: str) -> tuple[int, str]:
    return (1 if grade.startswith("gy") else 0, grade)


def _series(
    rows: pd.DataFrame, municipality: str, steps: dict[str, int]
) -> tuple[SurveySeries, ...]:
    ordered = rows.sort_values("year", kind="stable")
    columns = {c: ordered[c].tolist() for c in ("year", "value", "respondents", "suppressed")}
    groups = ordered.groupby(["survey", "grade", "sex", "area"], sort=False).indices
    series = [
        SurveySeries(
            survey,
            grade,
            sex,
            area,
            area != municipality,
            tuple(_point(columns, i) for i in positions),
            steps.get(survey, 1),
        )
        for (survey, grade, sex, area), positions in groups.items()
    ]
    series.sort(
        key=lambda s: (
            s.is_reference,
            s.area,
            s.survey,
            _grade_order(s.grade),
            _SEX_ORDER.get(s.sex, 3),
            s.sex,
        )
    )
    return tuple(series)


def _point(columns: dict[str, list], i: int) -> SurveyPoint:
    """Row i of the survey table (columns as lists: reading them row by row through pandas
    costs more than the rest of the model together with forty indicators)."""
    respondents, value, suppressed = (
        columns["respondents"][i],
        columns["value"][i],
        bool(columns["suppressed"][i]),
    )
    n = None if pd.isna(respondents) else int(respondents)
    shown = None if suppressed or pd.isna(value) else float(value)
    low = high = None
    if shown is not None and n:
        low, high = wilson_interval(shown, n)
    return SurveyPoint(int(columns["year"][i]), shown, n, suppressed, low, high)


def finding_for(
    indicator: Indicator,
    local: SurveySeries,
    all_series: tuple[SurveySeries, ...],
    since: int | None = None,
) -> Finding | None:
    """The latest measurement against the one before it; with `since`, the latest
    measurement from that year on against the last one before it (None without both)."""
    shown = [p for p in local.points if p.value is not None]
    if since is not None:
        shown = [p for p in shown if p.year >= since]
    if not shown:
        return None
    latest = shown[-1]
    value = latest.value
    assert value is not None  # shown holds measured values only
    earlier = [p for p in local.points if p.year < (latest.year if since is None else since)]
    previous = earlier[-1] if earlier else None
    if since is not None and (previous is None or previous.value is None):
        return None
    change = significant = better = p_value = None
    if previous is not None and previous.value is not None:
        change = value - previous.value
        p_value = _p_value(latest, previous)
        if p_value is not None:
            significant = p_value < SIGNIFICANCE
            if significant:
                better = (change < 0) == indicator.lower_is_better
    reference, ref_point = _reference(local, all_series, latest.year)
    ref_p = ref_significant = ref_better = None
    if ref_point is not None and ref_point.value is not None:
        ref_p = _p_value(latest, ref_point)
        if ref_p is not None:
            ref_significant = ref_p < SIGNIFICANCE
            if ref_significant:
                ref_better = (value < ref_point.value) == indicator.lower_is_better
    girls, boys = (_shown_at(all_series, local, sex, latest.year) for sex in (GIRLS, BOYS))
    sex_p = _p_value(girls, boys) if girls and boys else None
    finding = Finding(
        indicator,
        local.grade,
        latest.year,
        value,
        previous.year if previous else None,
        previous.value if previous else None,
        change,
        significant,
        better,
        reference.area if reference else None,
        ref_point.value if ref_point else None,
        p_value,
        "",
        survey=local.survey,
        reference_p_value=ref_p,
        reference_significant=ref_significant,
        reference_better=ref_better,
        girls=girls.value if girls else None,
        boys=boys.value if boys else None,
        sex_significant=None if sex_p is None else sex_p < SIGNIFICANCE,
    )
    return _with_sentence(finding)


def _p_value(a: SurveyPoint, b: SurveyPoint) -> float | None:
    """Two-proportion test of two shown points; None without both respondent counts."""
    if a.value is None or b.value is None or not a.respondents or not b.respondents:
        return None
    return two_proportion_p_value(a.value, a.respondents, b.value, b.respondents)


def _reference(
    local: SurveySeries, all_series: tuple[SurveySeries, ...], year: int
) -> tuple[SurveySeries | None, SurveyPoint | None]:
    """The first reference area with a shown 'Alla' value for the same survey, grade and year."""
    for series in all_series:
        if (
            series.is_reference
            and series.grade == local.grade
            and series.sex == ALL
            and series.survey == local.survey
        ):
            point = series.at(year)
            if point is not None and point.value is not None:
                return series, point
    return None, None


def _shown_at(
    all_series: tuple[SurveySeries, ...], local: SurveySeries, sex: str, year: int
) -> SurveyPoint | None:
    for series in all_series:
        if (
            not series.is_reference
            and series.area == local.area
            and series.sex == sex
            and series.grade == local.grade
            and series.survey == local.survey
        ):
            point = series.at(year)
            return point if point is not None and point.value is not None else None
    return None


def _with_sentence(f: Finding) -> Finding:
    grade = f.grade if f.survey in ("", f.indicator.survey) else f"{f.grade} ({f.survey})"
    head = f"Andelen elever i {grade} som {f.indicator.label} var {percent(f.value)} {f.year}"
    if f.previous_year is None:
        change = "första mätningen i serien"
    elif f.previous_value is None:
        change = f"värdet för {f.previous_year} visas inte (för få svarande)"
    elif f.significant is None:
        change = (
            f"jämfört med {percent(f.previous_value)} {f.previous_year} (antal svarande "
            "saknas, så förändringen kan inte prövas)"
        )
    elif not f.significant:
        change = f"ingen säkerställd förändring sedan {f.previous_year}"
    else:
        direction = "ökning" if (f.change or 0) > 0 else "minskning"  # tested: a change
        verdict = "en förbättring" if f.better else "en försämring"
        change = (
            f"en säkerställd {direction} från {percent(f.previous_value)} "
            f"{f.previous_year} – {verdict}"
        )
    if f.reference_value is None:
        text = f"{head}, {change}."
    elif not f.reference_significant:
        text = f"{head} ({f.reference_area} {percent(f.reference_value)}), {change}."
    else:
        side = "högre" if f.value > f.reference_value else "lägre"
        verdict = "bättre" if f.reference_better else "sämre"
        text = (
            f"{head}, säkerställt {side} än i {f.reference_area} "
            f"({percent(f.reference_value)}), vilket är {verdict}. "
            f"{change[0].upper()}{change[1:]}."
        )
    if f.sex_significant:
        text += (
            f" Bland flickorna var andelen {percent(f.girls)} och bland pojkarna "
            f"{percent(f.boys)}, en säkerställd skillnad mellan könen."
        )
    return Finding(**{**f.__dict__, "sentence": text})


def key_findings(indicators: tuple[IndicatorResult, ...], limit: int = 5) -> tuple[Finding, ...]:
    """The strongest findings: those with a significant change since the previous
    measurement or a significant difference from the reference area; worse before better,
    then by strength of evidence."""
    findings = [f for i in indicators for f in i.findings if f.signals]
    findings.sort(
        key=lambda f: (
            all(better for _, better, _ in f.signals),
            min(p for *_, p in f.signals if p is not None),
        )
    )
    return tuple(findings[:limit])


KEY_LIMIT = 12


def split_key(
    indicators: tuple[IndicatorResult, ...],
) -> tuple[tuple[IndicatorResult, ...], tuple[IndicatorResult, ...]]:
    """(detailed, compact): the indicators marked `huvudindikator = true` get detailed pages;
    when none is marked, all of them while there are at most KEY_LIMIT, else the first
    KEY_LIMIT. The others go to the compact appendix."""
    if any(i.indicator.key for i in indicators):
        chosen = {i.indicator.id for i in indicators if i.indicator.key}
    else:
        chosen = {i.indicator.id for i in indicators[:KEY_LIMIT]}
    return (
        tuple(i for i in indicators if i.indicator.id in chosen),
        tuple(i for i in indicators if i.indicator.id not in chosen),
    )
