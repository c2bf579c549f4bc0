"""Outcomes ("did it help?"): the promise's [[utfall]] counted from event logs (those from
statistics tables: statistics_outcomes.py), the level
before the signing against the level since, and a sentence that calls a change säkerställd
only when the exact test of two Poisson rates says so (pure: frames in, dataclasses out)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from report.format import decimal, percent, whole
from report.model.period import ReportPeriod
from report.model.significance import poisson_rates_p_value
from report.promise.types import EVENT_LOG, Outcome, Promise

ALPHA = 0.05
DAYS_PER_YEAR = 365.25
WEEKDAYS = ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag")
TIME_BANDS = ((0, 6), (6, 12), (12, 18), (18, 21), (21, 24))  # hours [from, to)


@dataclass(frozen=True)
class Level:
    """The events of one stretch of time and their yearly rate."""

    period: ReportPeriod
    count: int

    @property
    def per_year(self) -> float:
        return self.count / self.period.days * DAYS_PER_YEAR


@dataclass(frozen=True)
class OutcomeResult:
    outcome: Outcome
    months: tuple[tuple[int, int, int], ...]  # (year, month, events) over the log's span
    before: Level | None  # None: the log starts on or after the signing
    during: Level | None  # None: the log ends before the signing
    p_value: float | None  # None: no test (a level missing)
    sentence: str
    # Weekday (0 = Monday) x time band: events with a time of day; None: no times at all.
    when: tuple[tuple[int, ...], ...] | None = None
    timed: int = 0  # events with a time of day
    total: int = 0  # events counted toward the outcome

    @property
    def secured(self) -> bool:
        return self.p_value is not None and self.p_value < ALPHA


def band_label(band: tuple[int, int]) -> str:
    return f"{band[0]:02d}–{band[1]:02d}"


def p_text(p: float) -> str:
    return "p < 0,001" if p < 0.001 else f"p = {decimal(p, 3 if p < 0.01 else 2)}"


def outcome_sentence(
    outcome: Outcome, before: Level | None, during: Level | None, p: float | None
) -> str:
    if before is None:
        return (
            "Loggen börjar först när löftet redan gällde, så det finns ingen nivå före löftet "
            "att jämföra med och inget test."
        )
    if during is None:
        return "Loggen slutar innan löftet tecknades, så det finns ingen nivå under löftet ännu."
    assert p is not None
    change = (during.per_year - before.per_year) / before.per_year * 100 if before.count else None
    test = "exakt test av två Poissonfördelade antal med tiden som exponering"
    if change is None:
        moved = f"Antalet per år har ökat från 0 till {decimal(during.per_year, 0)}"
    else:
        word = "minskat" if change < 0 else "ökat" if change > 0 else "varit oförändrat"
        moved = (
            f"Antalet per år har {word} från {decimal(before.per_year, 0)} före löftet till "
            f"{decimal(during.per_year, 0)} under löftet"
            + (f" ({percent(abs(change))} {'lägre' if change < 0 else 'högre'})" if change else "")
        )
    if p < ALPHA:
        better = (during.per_year < before.per_year) == outcome.lower_is_better
        verdict = (
            f"{moved}, och förändringen är säkerställd ({test}, {p_text(p)}): en "
            f"{'förbättring' if better else 'försämring'}."
        )
    else:
        verdict = (
            f"{moved}, men förändringen är inte säkerställd: den ryms i den slumpmässiga "
            f"variationen ({test}, {p_text(p)})."
        )
    return (
        f"{verdict} Antalet anmälda händelser speglar också hur benägna människor är att höra "
        "av sig, inte bara hur ofta det händer."
    )


def _weekday_by_band(rows: pd.DataFrame) -> tuple[tuple[tuple[int, ...], ...] | None, int]:
    timed = rows[rows["minute"].notna()]
    if timed.empty:
        return None, 0
    hours = timed["minute"].astype("int64") // 60
    band = pd.Series(0, index=timed.index)
    for i, (low, _high) in enumerate(TIME_BANDS):
        band[hours >= low] = i
    table = (
        pd.DataFrame({"day": timed["date"].dt.day_of_week, "band": band, "n": timed["count"]})
        .groupby(["day", "band"])["n"]
        .sum()
    )
    grid = tuple(
        tuple(int(table.get((day, b), 0)) for b in range(len(TIME_BANDS))) for day in range(7)
    )
    return grid, int(timed["count"].sum())


def event_outcome(
    outcome: Outcome, events: pd.DataFrame, end: dt.date, signed: dt.date
) -> OutcomeResult:
    """One outcome counted from the event log: `events` are all the log's rows (every type:
    the log's span is where it has rows of any type), `end` the last day counted. A log with
    rows after `end` covers every day up to it."""
    log_end = events["date"].max().date() if len(events) else end
    events = events[events["date"].dt.date <= end]
    counted = [t for t in events["type"].unique() if outcome.counts(t)]  # each type once
    rows = events[events["type"].isin(counted)]
    if events.empty:
        return OutcomeResult(outcome, (), None, None, None, "Händelseloggen har inga rader.", None)
    first = events["date"].min().date().replace(day=1)
    last = min(log_end, end)
    span = ReportPeriod(first, last)
    by_month = rows.groupby([rows["date"].dt.year, rows["date"].dt.month])["count"].sum()
    months = tuple((y, m, int(by_month.get((y, m), 0))) for y, m in span.months())
    days = rows["date"].dt.date
    before = during = None
    if first < signed:
        period = ReportPeriod(first, min(last, signed - dt.timedelta(days=1)))
        before = Level(period, int(rows.loc[days < signed, "count"].sum()))
    if last >= signed:
        during = Level(
            ReportPeriod(max(first, signed), last), int(rows.loc[days >= signed, "count"].sum())
        )
    p = None
    if before and during:
        p = poisson_rates_p_value(
            before.count, before.period.days, during.count, during.period.days
        )
    when, timed = _weekday_by_band(rows)
    return OutcomeResult(
        outcome,
        months,
        before,
        during,
        p,
        outcome_sentence(outcome, before, during, p),
        when,
        timed,
        int(rows["count"].sum()),
    )


def build_outcomes(
    promise: Promise, events: pd.DataFrame, end: dt.date
) -> tuple[OutcomeResult, ...]:
    """Every outcome of the promise counted from the event logs (`events`)."""
    results = []
    for outcome in promise.outcomes:
        if outcome.source == EVENT_LOG and len(events):
            results.append(event_outcome(outcome, events, end, promise.signed))
    return tuple(results)


def level_text(level: Level | None) -> str:
    if level is None:
        return "–"
    rate = decimal(level.per_year, 0)
    return f"{whole(level.count)} händelser, {rate} per år ({level.period.label})"


def outcome_notes(promise: Promise, results: tuple[OutcomeResult, ...]) -> tuple[str, ...]:
    """What the reader must know about outcomes that are not shown."""
    shown = {r.outcome.id for r in results}
    notes = []
    for o in promise.outcomes:
        if o.id not in shown and o.source == EVENT_LOG:  # statistics: statistics_outcomes.py
            notes.append(
                f"Utfallet ”{o.name}” visas inte: ingen händelselogg finns bland indata. Lägg "
                "loggen i inputs/ (`make templates` skriver en mall)."
            )
    return tuple(notes)
