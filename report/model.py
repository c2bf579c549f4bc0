"""The report model: every number, status and sentence the report shows, and nothing else.

Pure: takes the promise and validated frames, returns frozen dataclasses. No I/O, no charts,
no templates. Row-level data and free text stop here.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from .format import month_name, percent, whole
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
    points: tuple[SurveyPoint, ...]

    def at(self, year: int) -> SurveyPoint | None:
        return next((p for p in self.points if p.year == year), None)


@dataclass(frozen=True)
class Finding:
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
    duplicates: tuple[Duplicate, ...] = ()
    duplicates_dropped: bool = False

    @property
    def andt_rows(self) -> tuple[AndtRow, ...]:
        rows = []
        for a in self.activities:
            parties = a.by_party or (PartyCount(a.activity.responsible_text, 0, None),)
            for pc in parties:
                rows.append(AndtRow(a.focus_area.name, a.activity.name, pc.party,
                                    pc.count if a.count is not None else None,
                                    pc.period_count if pc.period_count else None))
        return tuple(rows)

    @property
    def status_counts(self) -> tuple[tuple[Status, int], ...]:
        return tuple((s, sum(a.status == s for a in self.activities)) for s in STATUSES)


# --- activities ---------------------------------------------------------------------------

def assess(count: int | None, target: float, done_from: float, partly_from: float
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


def year_fraction(year: int, data_end: dt.date | None) -> float:
    """Share of the calendar year the data cover, in whole months (the month of the last
    row counts as covered): data up to 31 May -> 5/12. 1.0 for a complete year."""
    if data_end is None or data_end.year != year:
        return 1.0
    return data_end.month / 12


def period_window(promise: Promise, year: int, data_end: dt.date | None
                  ) -> tuple[dt.date, dt.date] | None:
    """From signing to the end of the report year (or the data, or the period), if any."""
    end = min(dt.date(year, 12, 31), promise.period_end)
    if data_end is not None:
        end = min(end, data_end)
    if end < promise.signed:
        return None
    return promise.signed, end


PARTY_ORDER = (POLICE, MUNICIPALITY, BOTH)


def with_party(promise: Promise, frame: pd.DataFrame) -> pd.Series:
    """The party behind each row: the Ansvarig column, else the promise file's."""
    default = {a.id: (BOTH if a.shared else next(iter(a.responsible)))
               for a in promise.activities}
    given = frame["responsible"] if "responsible" in frame else pd.Series(
        None, index=frame.index, dtype=object)
    return given.astype(object).where(given.notna(), frame["activity"].map(default))


def _by_party(frame: pd.DataFrame, parties: pd.Series, year: int,
              window: tuple[dt.date, dt.date] | None) -> dict[str, tuple[PartyCount, ...]]:
    dates = frame["date"]
    in_year = (dates.dt.year == year).to_numpy()
    year_counts = frame[in_year].groupby(["activity", parties[in_year]])["count"].sum()
    period_counts = pd.Series(dtype=int)
    if window:
        in_period = ((dates >= pd.Timestamp(window[0])) & (dates <= pd.Timestamp(window[1])))
        in_period = in_period.to_numpy()
        period_counts = frame[in_period].groupby(
            ["activity", parties[in_period]])["count"].sum()
    result: dict[str, list[PartyCount]] = {}
    keys = sorted(set(year_counts.index) | set(period_counts.index),
                  key=lambda k: (k[0], PARTY_ORDER.index(k[1])))
    for activity_id, party in keys:
        result.setdefault(activity_id, []).append(PartyCount(
            party, int(year_counts.get((activity_id, party), 0)),
            int(period_counts.get((activity_id, party), 0)) if window else None))
    return {k: tuple(v) for k, v in result.items()}


def find_duplicates(frame: pd.DataFrame, promise: Promise, year: int | None = None
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
        groups.append(Duplicate(
            day.date(), names[activity_id], int(count),
            tuple(zip(group["file"], group["sheet"], group["row"].astype(int), strict=True))))
    return tuple(groups)


def drop_duplicates(frame: pd.DataFrame) -> pd.DataFrame:
    """Keep the first of every group of identical rows (only when the analyst asks)."""
    return frame.drop_duplicates(subset=["date", "activity", "count", "place"], keep="first")


def source_shares(frame: pd.DataFrame, year: int) -> tuple[SourceShare, ...]:
    rows = frame[frame["date"].dt.year == year]
    total = int(rows["count"].sum())
    shares = []
    for file, group in rows.groupby("file", sort=True):
        count = int(group["count"].sum())
        shares.append(SourceShare(str(file), len(group), count,
                                  count / total * 100 if total else 0.0))
    return tuple(shares)


def build_activities(promise: Promise, frame: pd.DataFrame, year: int,
                     data_end: dt.date | None) -> tuple[ActivityResult, ...]:
    fraction = year_fraction(year, data_end)
    window = period_window(promise, year, data_end)
    dates = frame["date"]
    in_year = frame[dates.dt.year == year]
    years_covered = sorted(int(y) for y in dates.dt.year.unique()) if len(frame) else []
    by_year = frame.groupby([dates.dt.year.rename("year"), "activity"])["count"].sum()
    months = in_year.groupby([in_year["date"].dt.month.rename("month"), "activity"])["count"].sum()
    if window:
        mask = (dates >= pd.Timestamp(window[0])) & (dates <= pd.Timestamp(window[1]))
        in_period = frame[mask].groupby("activity")["count"].sum()
        period_days = (window[1] - window[0]).days + 1
    else:
        in_period, period_days = pd.Series(dtype=int), 0
    areas = {a.id: a for a in promise.focus_areas}
    parties = _by_party(frame, with_party(promise, frame), year, window) if len(frame) else {}
    results = []
    for activity in promise.activities:
        has_rows = (year, activity.id) in by_year.index
        count = int(by_year[(year, activity.id)]) if has_rows else None
        target = activity.yearly_target * fraction
        fulfilment, status = assess(count, target, promise.assessment.done_from_percent,
                                    promise.assessment.partly_from_percent)
        history = tuple(
            (y, int(by_year[(y, activity.id)]) if (y, activity.id) in by_year.index else None)
            for y in years_covered)
        previous = dict(history).get(year - 1)
        results.append(ActivityResult(
            activity=activity,
            focus_area=areas[activity.focus_area],
            count=count,
            target=target,
            fulfilment=fulfilment,
            status=status,
            monthly=tuple(int(months.get((m, activity.id), 0)) for m in range(1, 13)),
            period_count=int(in_period.get(activity.id, 0)) if window else None,
            period_target=activity.yearly_target * period_days / 365.25,
            yearly_counts=history,
            change_vs_last_year=(count - previous) if count is not None and previous is not None
            else None,
            by_party=parties.get(activity.id, ()),
        ))
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


def build_indicators(promise: Promise, survey: pd.DataFrame
                     ) -> tuple[IndicatorResult, ...]:
    if survey.empty:
        return ()
    data = suppress(survey, promise.min_respondents)
    results = []
    for indicator in promise.indicators:
        rows = data[data["indicator"] == indicator.id]
        if rows.empty:
            continue
        series = _series(rows, promise.municipality)
        findings = tuple(f for f in (_finding(indicator, s, series) for s in series
                                     if s.sex == ALL and not s.is_reference) if f)
        local_years = measurement_years(s for s in series if not s.is_reference)
        results.append(IndicatorResult(
            indicator=indicator,
            series=series,
            findings=findings,
            table_years=local_years[-TABLE_YEARS:],
            has_suppressed=bool(rows["suppressed"].any()),
        ))
    return tuple(results)


_SEX_ORDER = {GIRLS: 0, BOYS: 1, ALL: 2}
TABLE_YEARS = 8


def measurement_years(series: Iterable[SurveySeries]) -> tuple[int, ...]:
    """Every year of the surveys' rhythm from the first to the last measurement, including
    years without one (shown as gaps): 2016..2023 for a yearly survey missing 2020,
    2013, 2015, … for a biennial one."""
    years = sorted({p.year for s in series for p in s.points})
    if not years:
        return ()
    step = max(1, min((b - a for a, b in itertools.pairwise(years)), default=1))
    return tuple(range(years[0], years[-1] + 1, step))


def _grade_order(grade: str) -> tuple[int, str]:
    return (1 if grade.startswith("gy") else 0, grade)


def _series(rows: pd.DataFrame, municipality: str) -> tuple[SurveySeries, ...]:
    series = []
    for (survey, grade, sex, area), group in rows.groupby(
            ["survey", "grade", "sex", "area"], sort=False):
        points = []
        for row in group.sort_values("year").itertuples():
            n = None if pd.isna(row.respondents) else int(row.respondents)
            value = None if row.suppressed or pd.isna(row.value) else float(row.value)
            low = high = None
            if value is not None and n:
                low, high = wilson_interval(value, n)
            points.append(SurveyPoint(int(row.year), value, n, bool(row.suppressed), low, high))
        series.append(SurveySeries(survey, grade, sex, area, area != municipality,
                                   tuple(points)))
    series.sort(key=lambda s: (s.is_reference, s.area, _grade_order(s.grade),
                               _SEX_ORDER.get(s.sex, 3), s.sex))
    return tuple(series)


def _finding(indicator: Indicator, local: SurveySeries, all_series: tuple[SurveySeries, ...]
             ) -> Finding | None:
    shown = [p for p in local.points if p.value is not None]
    if not shown:
        return None
    latest = shown[-1]
    earlier = [p for p in local.points if p.year < latest.year]
    previous = earlier[-1] if earlier else None
    change = significant = better = p_value = None
    if previous is not None and previous.value is not None:
        change = latest.value - previous.value
        if latest.respondents and previous.respondents:
            p_value = two_proportion_p_value(latest.value, latest.respondents,
                                             previous.value, previous.respondents)
            significant = p_value < SIGNIFICANCE
            if significant:
                better = (change < 0) == indicator.lower_is_better
    reference = next((s for s in all_series if s.is_reference and s.grade == local.grade
                      and s.sex == ALL and s.survey == local.survey
                      and s.at(latest.year) and s.at(latest.year).value is not None), None)
    ref_value = reference.at(latest.year).value if reference else None  # type: ignore[union-attr]
    finding = Finding(indicator, local.grade, latest.year, latest.value,
                      previous.year if previous else None,
                      previous.value if previous else None, change, significant, better,
                      reference.area if reference else None, ref_value, p_value, "")
    return _with_sentence(finding)


def _with_sentence(f: Finding) -> Finding:
    text = (f"Andelen elever i {f.grade} som {f.indicator.label} var {percent(f.value)} "
            f"{f.year}")
    if f.reference_value is not None:
        text += f" ({f.reference_area} {percent(f.reference_value)})"
    if f.previous_year is None:
        text += ", första mätningen i serien."
    elif f.previous_value is None:
        text += f"; värdet för {f.previous_year} visas inte (för få svarande)."
    elif f.significant is None:
        text += (f", jämfört med {percent(f.previous_value)} {f.previous_year} (antal svarande "
                 "saknas, så förändringen kan inte prövas).")
    elif not f.significant:
        text += f", ingen säkerställd förändring sedan {f.previous_year}."
    else:
        direction = "ökning" if f.change > 0 else "minskning"  # type: ignore[operator]
        verdict = "en förbättring" if f.better else "en försämring"
        text += (f", en säkerställd {direction} från {percent(f.previous_value)} "
                 f"{f.previous_year} – {verdict}.")
    return Finding(**{**f.__dict__, "sentence": text})


def key_findings(indicators: tuple[IndicatorResult, ...], limit: int = 4
                 ) -> tuple[Finding, ...]:
    """The strongest findings: significant changes first (worsening before improvement),
    ordered by strength of evidence."""
    findings = [f for i in indicators for f in i.findings]
    changed = sorted((f for f in findings if f.significant),
                     key=lambda f: (bool(f.better), f.p_value))
    return tuple(changed[:limit])


# --- the whole report ---------------------------------------------------------------------

def default_year(dataset: Dataset) -> int | None:
    return dataset.data_end.year if dataset.data_end else None


def build_model(promise: Promise, dataset: Dataset, year: int, report_date: dt.date,
                is_example: bool = False, drop_duplicate_rows: bool = False) -> ReportModel:
    data_end = dataset.data_end
    rows = dataset.activities
    duplicates = find_duplicates(rows, promise, year)
    if drop_duplicate_rows:
        rows = drop_duplicates(rows)
    activities = build_activities(promise, rows, year, data_end)
    sections = tuple(FocusSection(area, tuple(a for a in activities
                                              if a.focus_area.id == area.id))
                     for area in promise.focus_areas)
    indicators = build_indicators(promise, dataset.survey)
    partial = year_fraction(year, data_end) < 1.0
    reached = min(dt.date(year, 12, 31), data_end) if data_end else dt.date(year, 12, 31)
    return ReportModel(
        promise=promise,
        year=year,
        report_date=report_date,
        is_example=is_example,
        data_end=data_end,
        partial_year=partial,
        period_end=promise.period_end,
        period_ended=reached > promise.period_end,
        activities=activities,
        sections=sections,
        indicators=indicators,
        key_findings=key_findings(indicators),
        sources=dataset.sources,
        notes=dataset.notes,
        source_shares=source_shares(rows, year) if len(rows) else (),
        duplicates=duplicates,
        duplicates_dropped=drop_duplicate_rows,
    )


__all__ = ["ReportModel", "build_model", "default_year", "month_name", "whole"]
