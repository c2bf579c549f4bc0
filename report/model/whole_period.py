"""The whole promise period: what was done each promise year, in total against the total
target, and how the surveys moved from before the signing to the latest measurement.

Pure: the year's figures and the activity rows in, a PeriodReview out, plus the named tables
that the underlag workbook and the CSV attachments write from it.

Rules (stated in the README and in the section itself):
- A promise year runs from the signing date to the day before each anniversary.
- The period is counted up to its last day once the report date is past it; before that,
  up to the end of the month of the last row (the same rule as a running report year),
  never past the report date. A promise year not yet begun is left out; one under way is
  marked 'hittills' and its target pro-rated by days like every other part-year target.
- The total target is the yearly target pro-rated to the counted days (period_ar whole
  years' targets for a finished period); the status uses the promise's thresholds.
- Surveys: per grade, the last measurement from a year before the signing year against the
  latest from the signing year on (up to the report year), tested as every other change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from report.format import percent, whole
from report.model.indicators import Finding, IndicatorResult, finding_for
from report.model.period import ReportPeriod, month_end, promise_period, promise_years
from report.model.status import Status, assess, summed_counts, target_for
from report.promise.types import Activity, FocusArea, Promise
from report.vocabulary import ALL

PLURALS = {
    "done": "genomförda",
    "partly": "delvis genomförda",
    "not": "ej genomförda",
    "none": "utan uppgift",
}


@dataclass(frozen=True)
class PromiseYear:
    period: ReportPeriod  # the part of the promise year counted
    number: int  # 1, 2, … (år 1 of the promise)
    complete: bool  # the whole promise year is counted

    @property
    def label(self) -> str:
        return f"År {self.number}: {self.period.label}" + ("" if self.complete else " (hittills)")


@dataclass(frozen=True)
class ActivityOverPeriod:
    activity: Activity
    focus_area: FocusArea
    counts: tuple[int | None, ...]  # per promise year; None: no rows ('ingen uppgift')
    targets: tuple[float, ...]
    total: int | None
    total_target: float
    fulfilment: float | None
    status: Status


@dataclass(frozen=True)
class PeriodReview:
    period: ReportPeriod  # the whole promise period
    counted: ReportPeriod  # signing to the last counted day
    ended: bool  # the report date is past the period's last day
    years: tuple[PromiseYear, ...]
    activities: tuple[ActivityOverPeriod, ...]
    findings: tuple[Finding, ...]  # before the signing against the latest

    @property
    def status_counts(self) -> tuple[tuple[Status, int], ...]:
        seen: dict[str, tuple[Status, int]] = {}
        for a in self.activities:
            status, n = seen.get(a.status.key, (a.status, 0))
            seen[a.status.key] = (status, n + 1)
        return tuple(seen.values())

    @property
    def summary(self) -> tuple[str, ...]:
        """A few sentences for Sammanfattning."""
        tense = "gällde" if self.ended else "gäller"
        counted = "hela perioden" if self.counted == self.period else self.counted.label
        done = [a for a in self.activities if a.status.key == "done"]
        parts = ", ".join(f"{n} {PLURALS[status.key]}" for status, n in self.status_counts if n)
        sentences = [
            f"Löftet {tense} {self.period.label}. Räknat över {counted} nådde "
            f"{len(done)} av {len(self.activities)} aktiviteter målet för perioden ({parts})."
        ]
        short = [a.activity.name for a in self.activities if a.status.key == "not"]
        if short:
            sentences.append(f"Ej genomförda under perioden: {', '.join(short)}.")
        missing = [a.activity.name for a in self.activities if a.total is None]
        if missing:
            sentences.append(f"Ingen uppgift för hela perioden: {', '.join(missing)}.")
        if self.findings:
            better = sum(1 for f in self.findings if f.significant and f.better)
            worse = sum(1 for f in self.findings if f.significant and not f.better)
            sentences.append(
                f"I enkäterna jämförs {len(self.findings)} resultat före tecknandet med den "
                f"senaste mätningen: {better} säkerställt bättre, {worse} säkerställt sämre, "
                "övriga utan säkerställd förändring."
            )
        return tuple(sentences)


def counted_period(
    promise: Promise, report_date: dt.date, data_end: dt.date | None
) -> ReportPeriod:
    """Signing to the period's end once it is past; before that, to the end of the month
    of the last row (never past the report date)."""
    whole = promise_period(promise)
    if report_date > whole.end:
        return whole
    end = report_date
    if data_end is not None and data_end >= whole.start:
        end = month_end(data_end)
    return ReportPeriod(whole.start, max(whole.start, min(end, whole.end)))


def period_review(
    promise: Promise,
    report_date: dt.date,
    data_end: dt.date | None,
    indicators: tuple[IndicatorResult, ...],
    rows: pd.DataFrame,
) -> PeriodReview:
    """The whole period from the year's figures: the report date, the last row's date, the
    indicators' series and the activity rows."""
    counted = counted_period(promise, report_date, data_end)
    years = tuple(
        PromiseYear(part, number, part == span)
        for number, span in enumerate(promise_years(promise), start=1)
        if (part := span.clip(counted)) is not None
    )
    sums = _sums_per_year(summed_counts(rows) if len(rows) else rows, years)
    areas = {a.id: a for a in promise.focus_areas}
    activities = tuple(
        _over_period(promise, activity, areas[activity.focus_area], sums, years, counted)
        for activity in promise.activities
    )
    return PeriodReview(
        promise_period(promise),
        counted,
        report_date > promise.period_end,
        years,
        activities,
        _period_findings(promise, indicators),
    )


def _sums_per_year(frame: pd.DataFrame, years: Sequence[PromiseYear]) -> list[pd.Series]:
    """Each promise year's counts per activity."""
    if not len(frame):
        return [pd.Series(dtype=int) for _ in years]
    return [
        frame[
            (frame["date"] >= pd.Timestamp(year.period.start))
            & (frame["date"] <= pd.Timestamp(year.period.end))
        ]
        .groupby("activity")["count"]
        .sum()
        for year in years
    ]


def _over_period(
    promise: Promise,
    activity: Activity,
    area: FocusArea,
    sums: Sequence[pd.Series],
    years: Sequence[PromiseYear],
    counted: ReportPeriod,
) -> ActivityOverPeriod:
    counts = tuple(int(s[activity.id]) if activity.id in s.index else None for s in sums)
    known = [c for c in counts if c is not None]
    total = sum(known) if known else None
    total_target = target_for(activity.yearly_target, counted)
    fulfilment, status = assess(
        total,
        total_target,
        promise.assessment.done_from_percent,
        promise.assessment.partly_from_percent,
    )
    return ActivityOverPeriod(
        activity,
        area,
        counts,
        tuple(target_for(activity.yearly_target, y.period) for y in years),
        total,
        total_target,
        fulfilment,
        status,
    )


def _period_findings(
    promise: Promise, indicators: Sequence[IndicatorResult]
) -> tuple[Finding, ...]:
    """Each indicator's finding for everyone since the signing year, where there is one."""
    return tuple(
        f
        for result in indicators
        for series in result.local_series
        if series.sex == ALL
        for f in [finding_for(result.indicator, series, result.series, since=promise.signed.year)]
        if f is not None
    )


def describe(a: ActivityOverPeriod) -> str:
    """'45 av målet 120 (38 %)' or 'ingen uppgift (målet 120)'."""
    if a.total is None:
        return f"ingen uppgift (målet {whole(a.total_target)})"
    share = f" ({percent(a.fulfilment)})" if a.fulfilment is not None else ""
    return f"{whole(a.total)} av målet {whole(a.total_target)}{share}"
