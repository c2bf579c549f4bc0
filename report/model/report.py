"""The report model: every number, status and sentence the report shows, and nothing else.

Pure: takes the promise and validated frames, returns frozen dataclasses. No I/O, no charts,
no templates. Row-level data and free text stop here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

import pandas as pd

from report.format import month_name, whole
from report.inputs.dataset import Dataset, SourceSheet
from report.model.event_outcomes import OutcomeResult, build_outcomes, outcome_notes
from report.model.gaps import gap_notes
from report.model.indicators import (
    Finding,
    IndicatorResult,
    build_indicators,
    key_findings,
    split_key,
)
from report.model.overview import (
    OverviewGroup,
    common_reference_area,
    indicator_groups,
    outcome_groups,
)
from report.model.period import (
    ReportPeriod,
    YearScope,
    calendar_year,
    early_stop_warning,
    signing_warnings,
    year_scope,
)
from report.model.statistics_outcomes import (
    StatOutcomeResult,
    build_statistics_outcomes,
    statistics_notes,
)
from report.model.status import STATUSES, Status, assess, summed_counts, target_for
from report.model.whole_period import PeriodReview, period_review
from report.promise.types import Activity, FocusArea, Promise
from report.vocabulary import BOTH, MUNICIPALITY, POLICE


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
    yearly_counts: tuple[tuple[int, int | None], ...]  # every year the data cover, to the report's
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
    period_review: PeriodReview | None = None  # the whole period, if shown
    duplicates: tuple[Duplicate, ...] = ()
    duplicates_dropped: bool = False
    scope: YearScope | None = None  # the days of the report year that count
    since_signing: ReportPeriod | None = None  # signing to the end of what is counted
    outcomes: tuple[OutcomeResult, ...] = ()  # the promise's [[utfall]] from event logs
    statistics: tuple[StatOutcomeResult, ...] = ()  # ... and from statistics tables

    def outcomes_in(self, focus_area_id: str) -> tuple[OutcomeResult, ...]:
        return tuple(o for o in self.outcomes if o.outcome.focus_area == focus_area_id)

    def statistics_in(self, focus_area_id: str) -> tuple[StatOutcomeResult, ...]:
        return tuple(o for o in self.statistics if o.outcome.focus_area == focus_area_id)

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
    def overview(self) -> tuple[OverviewGroup, ...]:
        """Every indicator and grade, and every outcome, at a glance (the table in
        Sammanfattning)."""
        return (
            *indicator_groups(self.indicators),
            *outcome_groups(self.outcomes, self.statistics),
        )

    @property
    def key_indicators(self) -> tuple[IndicatorResult, ...]:
        """The indicators with detailed pages (huvudindikator, see indicators.split_key)."""
        return split_key(self.indicators)[0]

    @property
    def appendix_indicators(self) -> tuple[IndicatorResult, ...]:
        """The others, in the compact appendix (small multiples, the latest three years)."""
        return split_key(self.indicators)[1]

    @property
    def overview_reference(self) -> str | None:
        """The survey indicators' one reference area, named in the overview's header (None:
        several or none); outcome rows name their reference area in the cell."""
        return common_reference_area(indicator_groups(self.indicators))

    @property
    def signal_findings(self) -> int:
        """How many findings have a significant change or reference difference."""
        return sum(1 for i in self.indicators for f in i.findings if f.signals)

    @property
    def status_counts(self) -> tuple[tuple[Status, int], ...]:
        return tuple((s, sum(a.status == s for a in self.activities)) for s in STATUSES)


# --- activities ---------------------------------------------------------------------------


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


@dataclass(frozen=True)
class _ActivitySums:
    """The counts an activity's year is made of, summed per activity id."""

    covered: pd.Series  # the scope's covered days
    before: pd.Series  # the year's days before the covered ones
    after: pd.Series  # the year's days after them
    in_period: pd.Series  # the promise period up to the counted end
    by_year: pd.Series  # (year, activity)
    by_month: pd.Series  # (month, activity), covered days only
    years: tuple[int, ...]  # the report's year and the years before it with rows

    def history(self, activity_id: str) -> tuple[tuple[int, int | None], ...]:
        return tuple((y, _sum_of(self.by_year, (y, activity_id))) for y in self.years)


def _sum_of(sums: pd.Series, key: object) -> int | None:
    return int(sums[key]) if key in sums.index else None


def _activity_sums(
    frame: pd.DataFrame, year: int, scope: YearScope, window: ReportPeriod
) -> _ActivitySums:
    dates = frame["date"]
    covered_rows = frame[_between(dates, scope.covered)]
    in_year = dates.dt.year == year
    before = frame[in_year & (dates < pd.Timestamp(scope.covered.start))]
    after = frame[in_year & (dates > pd.Timestamp(scope.covered.end))]
    # The report's year and the years before it: a later year belongs to a later report.
    years = sorted(int(y) for y in dates.dt.year.unique() if y <= year) if len(frame) else []
    return _ActivitySums(
        covered=covered_rows.groupby("activity")["count"].sum(),
        before=before.groupby("activity")["count"].sum(),
        after=after.groupby("activity")["count"].sum(),
        in_period=frame[_between(dates, window)].groupby("activity")["count"].sum(),
        by_year=frame.groupby([dates.dt.year.rename("year"), "activity"])["count"].sum(),
        by_month=covered_rows.groupby([covered_rows["date"].dt.month.rename("month"), "activity"])[
            "count"
        ].sum(),
        years=tuple(years),
    )


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
    window = ReportPeriod(promise.signed, scope.counted.end)
    sums = _activity_sums(frame, year, scope, window)
    areas = {a.id: a for a in promise.focus_areas}
    parties = (
        _by_party(frame, with_party(promise, frame), scope.covered, window) if len(frame) else {}
    )
    results = []
    for activity in promise.activities:
        count = _sum_of(sums.covered, activity.id)
        target = activity.yearly_target * scope.fraction
        fulfilment, status = assess(
            count,
            target,
            promise.assessment.done_from_percent,
            promise.assessment.partly_from_percent,
        )
        history = sums.history(activity.id)
        previous = dict(history).get(year - 1)
        comparable = not scope.cut_by_promise
        results.append(
            ActivityResult(
                activity=activity,
                focus_area=areas[activity.focus_area],
                count=count,
                target=target,
                fulfilment=fulfilment,
                status=status,
                monthly=tuple(int(sums.by_month.get((m, activity.id), 0)) for m in range(1, 13)),
                period_count=_sum_of(sums.in_period, activity.id),
                period_target=target_for(activity.yearly_target, window),
                yearly_counts=history,
                change_vs_last_year=(
                    count - previous
                    if comparable and count is not None and previous is not None
                    else None
                ),
                by_party=parties.get(activity.id, ()),
                before_period=_sum_of(sums.before, activity.id),
                after_period=_sum_of(sums.after, activity.id),
            )
        )
    return tuple(results)


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
        rows = drop_duplicates(dataset.activities) if drop_duplicate_rows else dataset.activities
        review = period_review(promise, report_date, model.data_end, model.indicators, rows)
        model = replace(model, period_review=review)
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
    notes = (
        *dataset.notes,
        *_activity_notes(promise, rows, data_end, scope),
        *gap_notes(promise, rows, year, activities, indicators),
    )
    outcomes = build_outcomes(promise, dataset.events, scope.counted.end)
    statistics = build_statistics_outcomes(promise, dataset.statistics, scope.counted.end)
    notes = (
        *notes,
        *outcome_notes(promise, outcomes),
        *statistics_notes(promise, dataset.statistics, statistics),
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
        outcomes=outcomes,
        statistics=statistics,
    )


def _activity_notes(
    promise: Promise, rows: pd.DataFrame, data_end: dt.date | None, scope: YearScope
) -> tuple[str, ...]:
    """Rows before the signing, and a log that stops early in the year."""
    rows_in_year = rows[_between(rows["date"], scope.covered)] if len(rows) else rows
    rows_end = rows_in_year["date"].max().date() if len(rows_in_year) else None
    data_start = rows["date"].min().date() if len(rows) else None
    return (
        *signing_warnings(promise, data_start, data_end),
        *filter(None, [early_stop_warning(scope, rows_end, data_end)]),
    )


__all__ = ["ReportModel", "build_model", "default_year", "month_name", "whole"]
