"""The report model: every number, status and sentence the report shows, and nothing else.

Pure: takes the promise and validated frames, returns frozen dataclasses. No I/O, no charts,
no templates. Row-level data and free text stop here.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

import pandas as pd

from .format import month_name, percent, whole
from .period import (
    ReportPeriod,
    YearScope,
    calendar_year,
    early_stop_warning,
    signing_warnings,
    year_scope,
)
from .promise import MUNICIPALITY, POLICE, Activity, FocusArea, Indicator, Promise
from .stats import two_proportion_p_value, wilson_interval
from .validate import ALL, BOTH, BOYS, GIRLS, Dataset, SourceSheet

SIGNIFICANCE = 0.05


@dataclass(frozen=True)
class Status:
    key: str  # done | partly | not | none – stable, used for CSS classes
    label: str
    symbol: str


DONE = Status("done", "Genomförd", "✓")
PARTLY = Status("partly", "Delvis genomförd", "◐")
NOT_DONE = Status("not", "Ej genomförd", "✗")
NO_DATA = Status("none", "Ingen uppgift", "?")
STATUSES = (DONE, PARTLY, NOT_DONE, NO_DATA)


@dataclass(frozen=True)
class PartyCount:
    """What one party did of an activity, from the Ansvarig column (rows without it are
    attributed from the promise file)."""

    party: str
    count: int  # the report year
    period_count: int | None  # since signing


@dataclass(frozen=True)
class ActivityResult:
    activity: Activity
    focus_area: FocusArea
    count: int | None  # None: no rows at all for the year ("ingen uppgift")
    target: float  # this year's target, pro-rated when the data cover part of the year
    fulfilment: float | None  # percent of target
    status: Status
    monthly: tuple[int, ...]  # twelve months of the report year
    period_count: int | None
    period_target: float
    yearly_counts: tuple[tuple[int, int | None], ...]  # every year the data cover
    change_vs_last_year: int | None
    by_party: tuple[PartyCount, ...] = ()
    # Rows of the report year outside the promise period: shown, never counted.
    # None: no such rows.
    before_period: int | None = None
    after_period: int | None = None


@dataclass(frozen=True)
class FocusSection:
    area: FocusArea
    activities: tuple[ActivityResult, ...]

    @property
    def monthly(self) -> tuple[int, ...]:
        return tuple(sum(a.monthly[m] for a in self.activities) for m in range(12))

    @property
    def yearly_target(self) -> int:
        return sum(a.activity.yearly_target for a in self.activities)


@dataclass(frozen=True)
class AndtRow:
    """One row of the table for the ANDT and crime-prevention implementation plan."""

    area: str
    activity: str
    party: str
    count: int | None  # None: no rows for the activity in the report year
    period_count: int | None


@dataclass(frozen=True)
class SourceShare:
    """One export's part of the report year's activities."""

    file: str
    rows: int
    count: int
    share: float  # percent of all performed activities in the year


@dataclass(frozen=True)
class Duplicate:
    """Rows identical in date, activity, count and place: probably the same activity
    logged twice. The place itself is free text and is never shown."""

    date: dt.date
    activity: str
    count: int
    rows: tuple[tuple[str, str, int], ...]  # (file, sheet, Excel row)


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
    sex_p_value: float | None = None
    sex_significant: bool | None = None

    @property
    def signals(self) -> tuple[tuple[str, bool, float], ...]:
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
        return tuple(found)  # type: ignore[return-value]


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


@dataclass(frozen=True)
class ReportModel:
    promise: Promise
    year: int
    report_date: dt.date
    is_example: bool
    data_end: dt.date | None
    partial_year: bool
    period_end: dt.date
    period_ended: bool
    activities: tuple[ActivityResult, ...]
    sections: tuple[FocusSection, ...]
    indicators: tuple[IndicatorResult, ...]
    key_findings: tuple[Finding, ...]
    sources: tuple[SourceSheet, ...]
    notes: tuple[str, ...]
    source_shares: tuple[SourceShare, ...] = ()
    period_review: Any = None  # report.whole_period.PeriodReview: the whole period, if shown
    duplicates: tuple[Duplicate, ...] = ()
    duplicates_dropped: bool = False
    scope: YearScope | None = None  # the days of the report year that count
    since_signing: ReportPeriod | None = None  # signing to the end of what is counted

    @property
    def year_label(self) -> str:
        """The dates the report year's counts cover: '14 juni–31 december 2022'."""
        return self.scope.counted.label if self.scope else str(self.year)

    @property
    def outside_rows(self) -> bool:
        """Some activity has rows in the report year outside the promise period."""
        return any(
            a.before_period is not None or a.after_period is not None for a in self.activities
        )

    @property
    def andt_rows(self) -> tuple[AndtRow, ...]:
        rows = []
        for a in self.activities:
            parties = a.by_party or (PartyCount(a.activity.responsible_text, 0, None),)
            for pc in parties:
                rows.append(
                    AndtRow(
                        a.focus_area.name,
                        a.activity.name,
                        pc.party,
                        pc.count if a.count is not None else None,
                        pc.period_count if a.period_count is not None else None,
                    )
                )
        return tuple(rows)

    @property
    def signal_findings(self) -> int:
        """How many findings have a significant change or reference difference."""
        return sum(1 for i in self.indicators for f in i.findings if f.signals)

    @property
    def status_counts(self) -> tuple[tuple[Status, int], ...]:
        return tuple((s, sum(a.status == s for a in self.activities)) for s in STATUSES)


# --- activities ---------------------------------------------------------------------------


def assess(
    count: int | None, target: float, done_from: float, partly_from: float
) -> tuple[float | None, Status]:
    """Fulfilment in percent and status. No rows at all is 'ingen uppgift', never zero."""
    if count is None:
        return None, NO_DATA
    if target <= 0:
        return None, DONE
    fulfilment = round(count / target * 100, 9)
    if fulfilment >= done_from:
        return fulfilment, DONE
    if fulfilment >= partly_from:
        return fulfilment, PARTLY
    return fulfilment, NOT_DONE


def target_for(yearly_target: float, period: ReportPeriod) -> float:
    """The target for any span of days: per calendar year it touches, the yearly target
    times its days in that year over the year's days (the one pro-rating rule)."""
    total = 0.0
    for year in range(period.start.year, period.end.year + 1):
        part = calendar_year(year).clip(period)
        if part is not None:
            total += yearly_target * part.fraction_of_year()
    return total


def default_scope(promise: Promise, year: int, data_end: dt.date | None) -> YearScope:
    """The report year's scope when no report date is given: as if the report were made
    the day after the data end (a year the data end in is still running)."""
    report_date = data_end + dt.timedelta(days=1) if data_end else dt.date(year + 1, 1, 1)
    if data_end is not None and data_end.year != year:
        report_date = dt.date(year + 1, 1, 1)
    return year_scope(promise, year, report_date, data_end)


def _between(dates: pd.Series, period: ReportPeriod) -> pd.Series:
    return (dates >= pd.Timestamp(period.start)) & (dates <= pd.Timestamp(period.end))


PARTY_ORDER = (POLICE, MUNICIPALITY, BOTH)


def with_party(promise: Promise, frame: pd.DataFrame) -> pd.Series:
    """The party behind each row: the Ansvarig column, else the promise file's."""
    default = {a.id: (BOTH if a.shared else next(iter(a.responsible))) for a in promise.activities}
    given = (
        frame["responsible"]
        if "responsible" in frame
        else pd.Series(None, index=frame.index, dtype=object)
    )
    return given.astype(object).where(given.notna(), frame["activity"].map(default))


def _by_party(
    frame: pd.DataFrame, parties: pd.Series, covered: ReportPeriod, window: ReportPeriod | None
) -> dict[str, tuple[PartyCount, ...]]:
    dates = frame["date"]
    in_year = _between(dates, covered).to_numpy()
    year_counts = frame[in_year].groupby(["activity", parties[in_year]])["count"].sum()
    period_counts = pd.Series(dtype=int)
    if window:
        in_period = _between(dates, window).to_numpy()
        period_counts = frame[in_period].groupby(["activity", parties[in_period]])["count"].sum()
    result: dict[str, list[PartyCount]] = {}
    keys = sorted(
        set(year_counts.index) | set(period_counts.index),
        key=lambda k: (k[0], PARTY_ORDER.index(k[1])),
    )
    for activity_id, party in keys:
        result.setdefault(activity_id, []).append(
            PartyCount(
                party,
                int(year_counts.get((activity_id, party), 0)),
                int(period_counts.get((activity_id, party), 0)) if window else None,
            )
        )
    return {k: tuple(v) for k, v in result.items()}


def find_duplicates(
    frame: pd.DataFrame, promise: Promise, year: int | None = None
) -> tuple[Duplicate, ...]:
    """Groups of rows identical in date, activity, count and place (within or across
    files), in the report year if given."""
    if frame.empty:
        return ()
    rows = frame if year is None else frame[frame["date"].dt.year == year]
    key = ["date", "activity", "count", "place"]
    repeated = rows[rows.duplicated(subset=key, keep=False)]
    names = {a.id: a.name for a in promise.activities}
    groups = []
    for (day, activity_id, count, _place), group in repeated.groupby(key, sort=True):
        groups.append(
            Duplicate(
                day.date(),
                names[activity_id],
                int(count),
                tuple(zip(group["file"], group["sheet"], group["row"].astype(int), strict=True)),
            )
        )
    return tuple(groups)


def drop_duplicates(frame: pd.DataFrame) -> pd.DataFrame:
    """Keep the first of every group of identical rows (only when the analyst asks)."""
    return frame.drop_duplicates(subset=["date", "activity", "count", "place"], keep="first")


def source_shares(
    frame: pd.DataFrame, year: int, covered: ReportPeriod | None = None
) -> tuple[SourceShare, ...]:
    rows = frame[_between(frame["date"], covered or calendar_year(year))]
    total = int(rows["count"].sum())
    shares = []
    for file, group in rows.groupby("file", sort=True):
        count = int(group["count"].sum())
        shares.append(
            SourceShare(str(file), len(group), count, count / total * 100 if total else 0.0)
        )
    return tuple(shares)


def summed_counts(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per date, activity and stated party, with the rows' counts summed.
    build_activities only ever sums counts over such rows, so it finds the same from far
    fewer rows: a million-row log holds some fifty thousand of them."""
    if frame.empty:
        return frame
    keys = [key for key in ("date", "activity", "responsible") if key in frame]
    return frame.groupby(keys, dropna=False, sort=False)["count"].sum().reset_index()


def build_activities(
    promise: Promise,
    frame: pd.DataFrame,
    year: int,
    data_end: dt.date | None,
    scope: YearScope | None = None,
) -> tuple[ActivityResult, ...]:
    """Each activity's year: rows inside the scope's covered days count, against the yearly
    target pro-rated to its counted days; rows of the year outside the promise period are
    reported beside them."""
    scope = scope or default_scope(promise, year, data_end)
    frame = summed_counts(frame)
    dates = frame["date"]
    covered_rows = frame[_between(dates, scope.covered)]
    in_covered = covered_rows.groupby("activity")["count"].sum()
    in_year = dates.dt.year == year
    before = frame[in_year & (dates < pd.Timestamp(scope.covered.start))]
    after = frame[in_year & (dates > pd.Timestamp(scope.covered.end))]
    before_counts = before.groupby("activity")["count"].sum()
    after_counts = after.groupby("activity")["count"].sum()
    years_covered = sorted(int(y) for y in dates.dt.year.unique()) if len(frame) else []
    by_year = frame.groupby([dates.dt.year.rename("year"), "activity"])["count"].sum()
    months = covered_rows.groupby([covered_rows["date"].dt.month.rename("month"), "activity"])[
        "count"
    ].sum()
    window = ReportPeriod(promise.signed, scope.counted.end)
    in_period = frame[_between(dates, window)].groupby("activity")["count"].sum()
    areas = {a.id: a for a in promise.focus_areas}
    parties = (
        _by_party(frame, with_party(promise, frame), scope.covered, window) if len(frame) else {}
    )
    results = []
    for activity in promise.activities:
        count = int(in_covered[activity.id]) if activity.id in in_covered.index else None
        target = activity.yearly_target * scope.fraction
        fulfilment, status = assess(
            count,
            target,
            promise.assessment.done_from_percent,
            promise.assessment.partly_from_percent,
        )
        history = tuple(
            (y, int(by_year[(y, activity.id)]) if (y, activity.id) in by_year.index else None)
            for y in years_covered
        )
        previous = dict(history).get(year - 1)
        comparable = count is not None and previous is not None and not scope.cut_by_promise
        results.append(
            ActivityResult(
                activity=activity,
                focus_area=areas[activity.focus_area],
                count=count,
                target=target,
                fulfilment=fulfilment,
                status=status,
                monthly=tuple(int(months.get((m, activity.id), 0)) for m in range(1, 13)),
                period_count=int(in_period[activity.id])
                if activity.id in in_period.index
                else None,
                period_target=target_for(activity.yearly_target, window),
                yearly_counts=history,
                change_vs_last_year=(count - previous) if comparable else None,  # type: ignore[operator]
                by_party=parties.get(activity.id, ()),
                before_period=int(before_counts[activity.id])
                if activity.id in before_counts.index
                else None,
                after_period=int(after_counts[activity.id])
                if activity.id in after_counts.index
                else None,
            )
        )
    return tuple(results)


# --- survey -------------------------------------------------------------------------------


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
                _finding(indicator, s, series)
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
    series = []
    for (survey, grade, sex, area), group in rows.groupby(
        ["survey", "grade", "sex", "area"], sort=False
    ):
        points = []
        for row in group.sort_values("year").itertuples():
            n = None if pd.isna(row.respondents) else int(row.respondents)
            value = None if row.suppressed or pd.isna(row.value) else float(row.value)
            low = high = None
            if value is not None and n:
                low, high = wilson_interval(value, n)
            points.append(SurveyPoint(int(row.year), value, n, bool(row.suppressed), low, high))
        series.append(
            SurveySeries(
                survey, grade, sex, area, area != municipality, tuple(points), steps.get(survey, 1)
            )
        )
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


def _finding(
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
    earlier = [p for p in local.points if p.year < (latest.year if since is None else since)]
    previous = earlier[-1] if earlier else None
    if since is not None and (previous is None or previous.value is None):
        return None
    change = significant = better = p_value = None
    if previous is not None and previous.value is not None:
        change = latest.value - previous.value
        p_value = _p_value(latest, previous)
        if p_value is not None:
            significant = p_value < SIGNIFICANCE
            if significant:
                better = (change < 0) == indicator.lower_is_better
    reference, ref_point = _reference(local, all_series, latest.year)
    ref_p = ref_significant = ref_better = None
    if ref_point is not None:
        ref_p = _p_value(latest, ref_point)
        if ref_p is not None:
            ref_significant = ref_p < SIGNIFICANCE
            if ref_significant:
                ref_better = (latest.value < ref_point.value) == indicator.lower_is_better
    girls, boys = (_shown_at(all_series, local, sex, latest.year) for sex in (GIRLS, BOYS))
    sex_p = _p_value(girls, boys) if girls and boys else None
    finding = Finding(
        indicator,
        local.grade,
        latest.year,
        latest.value,
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
        sex_p_value=sex_p,
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
        direction = "ökning" if f.change > 0 else "minskning"  # type: ignore[operator]
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
        key=lambda f: (all(better for _, better, _ in f.signals), min(p for *_, p in f.signals))
    )
    return tuple(findings[:limit])


# --- the whole report ---------------------------------------------------------------------


def default_year(dataset: Dataset) -> int | None:
    return dataset.data_end.year if dataset.data_end else None


def build_model(
    promise: Promise,
    dataset: Dataset,
    year: int,
    report_date: dt.date,
    is_example: bool = False,
    drop_duplicate_rows: bool = False,
    whole_period: bool = False,
) -> ReportModel:
    """The report's model; with the period review when the year holds the period's end or
    `whole_period` asks for it."""
    model = _build_model(promise, dataset, year, report_date, is_example, drop_duplicate_rows)
    if whole_period or model.period_ended:
        from .whole_period import period_review

        rows = drop_duplicates(dataset.activities) if drop_duplicate_rows else dataset.activities
        model = replace(model, period_review=period_review(model, rows))
    return model


def _build_model(
    promise: Promise,
    dataset: Dataset,
    year: int,
    report_date: dt.date,
    is_example: bool = False,
    drop_duplicate_rows: bool = False,
) -> ReportModel:
    data_end = dataset.data_end
    rows = dataset.activities
    scope = year_scope(promise, year, report_date, data_end)
    duplicates = find_duplicates(rows, promise, year)
    if drop_duplicate_rows:
        rows = drop_duplicates(rows)
    activities = build_activities(promise, rows, year, data_end, scope)
    sections = tuple(
        FocusSection(area, tuple(a for a in activities if a.focus_area.id == area.id))
        for area in promise.focus_areas
    )
    # A report for an earlier year sees only the measurements up to that year.
    survey = dataset.survey
    if not survey.empty:
        survey = survey[survey["year"] <= year]
    indicators = build_indicators(promise, survey)
    rows_in_year = rows[_between(rows["date"], scope.covered)] if len(rows) else rows
    rows_end = rows_in_year["date"].max().date() if len(rows_in_year) else None
    data_start = rows["date"].min().date() if len(rows) else None
    notes = (
        *dataset.notes,
        *signing_warnings(promise, data_start, data_end),
        *filter(None, [early_stop_warning(scope, rows_end, data_end)]),
    )
    return ReportModel(
        promise=promise,
        year=year,
        report_date=report_date,
        is_example=is_example,
        data_end=data_end,
        partial_year=scope.partial,
        period_end=promise.period_end,
        period_ended=scope.covered.end < scope.calendar.end,
        activities=activities,
        sections=sections,
        indicators=indicators,
        key_findings=key_findings(indicators),
        sources=dataset.sources,
        notes=notes,
        source_shares=source_shares(rows, year, scope.covered) if len(rows) else (),
        duplicates=duplicates,
        duplicates_dropped=drop_duplicate_rows,
        scope=scope,
        since_signing=ReportPeriod(promise.signed, scope.counted.end),
    )


__all__ = ["ReportModel", "build_model", "default_year", "month_name", "whole"]
