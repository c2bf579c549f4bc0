"""The report model: every number, status and sentence the report shows, and nothing else.

Pure: takes the promise and validated frames, returns frozen dataclasses. No I/O, no charts,
no templates. Row-level data and free text stop here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from .domain import BOTH, MUNICIPALITY, POLICE, Dataset, SourceSheet
from .format import month_name, whole
from .gaps import gap_notes
from .indicators import Finding, IndicatorResult, build_indicators, key_findings
from .promise import Activity, FocusArea, Promise


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
                rows.append(
                    AndtRow(
                        a.focus_area.name,
                        a.activity.name,
                        pc.party,
                        pc.count if a.count is not None else None,
                        pc.period_count if pc.period_count else None,
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


def year_fraction(year: int, data_end: dt.date | None) -> float:
    """Share of the calendar year the data cover, in whole months (the month of the last
    row counts as covered): data up to 31 May -> 5/12. 1.0 for a complete year."""
    if data_end is None or data_end.year != year:
        return 1.0
    return data_end.month / 12


def period_window(
    promise: Promise, year: int, data_end: dt.date | None
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
    default = {a.id: (BOTH if a.shared else next(iter(a.responsible))) for a in promise.activities}
    given = (
        frame["responsible"]
        if "responsible" in frame
        else pd.Series(None, index=frame.index, dtype=object)
    )
    return given.astype(object).where(given.notna(), frame["activity"].map(default))


def _by_party(
    frame: pd.DataFrame, parties: pd.Series, year: int, window: tuple[dt.date, dt.date] | None
) -> dict[str, tuple[PartyCount, ...]]:
    dates = frame["date"]
    in_year = (dates.dt.year == year).to_numpy()
    year_counts = frame[in_year].groupby(["activity", parties[in_year]])["count"].sum()
    period_counts = pd.Series(dtype=int)
    if window:
        in_period = (dates >= pd.Timestamp(window[0])) & (dates <= pd.Timestamp(window[1]))
        in_period = in_period.to_numpy()
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


def source_shares(frame: pd.DataFrame, year: int) -> tuple[SourceShare, ...]:
    rows = frame[frame["date"].dt.year == year]
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
    promise: Promise, frame: pd.DataFrame, year: int, data_end: dt.date | None
) -> tuple[ActivityResult, ...]:
    frame = summed_counts(frame)
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
        results.append(
            ActivityResult(
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
                change_vs_last_year=(count - previous)
                if count is not None and previous is not None
                else None,
                by_party=parties.get(activity.id, ()),
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
) -> ReportModel:
    data_end = dataset.data_end
    rows = dataset.activities
    duplicates = find_duplicates(rows, promise, year)
    if drop_duplicate_rows:
        rows = drop_duplicates(rows)
    activities = build_activities(promise, rows, year, data_end)
    sections = tuple(
        FocusSection(area, tuple(a for a in activities if a.focus_area.id == area.id))
        for area in promise.focus_areas
    )
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
        notes=(*dataset.notes, *gap_notes(promise, rows, year, activities, indicators)),
        source_shares=source_shares(rows, year) if len(rows) else (),
        duplicates=duplicates,
        duplicates_dropped=drop_duplicate_rows,
    )


__all__ = ["ReportModel", "build_model", "default_year", "month_name", "whole"]
