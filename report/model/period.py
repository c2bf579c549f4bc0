"""The promise's own time: which days of the report year count, the promise years, and the
warnings about signing dates and data that stop early.

Pure: dates in, values out. A period is a value (ReportPeriod), chosen once from the
promise, the year asked for, the data and the report date, and handed to the model, the
charts and the text alike.

The one pro-rating rule (stated in the README and the report): a target for part of a year
is the yearly target times the counted days divided by the days of that calendar year.
The counted days are the days of the year inside the promise period (from the signing
date, up to the period's last day); while the year is still running at the report date
they end with the month of the last row (that month counts as covered).
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from report.errors import Code, InputError, Problem
from report.format import long_date, month_name
from report.promise.types import Promise, add_years

EARLIEST_PLAUSIBLE_SIGNING = dt.date(2000, 1, 1)


@dataclass(frozen=True)
class ReportPeriod:
    """The days from start to end, both included."""

    start: dt.date
    end: dt.date

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def months(self) -> tuple[tuple[int, int], ...]:
        """(year, month) of every month the period touches."""
        first = self.start.year * 12 + self.start.month - 1
        last = self.end.year * 12 + self.end.month - 1
        return tuple((m // 12, m % 12 + 1) for m in range(first, last + 1))

    def fraction_of_year(self) -> float:
        """The period's days over the days of its start's calendar year."""
        return self.days / (366 if calendar.isleap(self.start.year) else 365)

    def previous(self) -> ReportPeriod:
        """The same days one year earlier."""
        return ReportPeriod(add_years(self.start, -1), add_years(self.end, -1))

    def clip(self, other: ReportPeriod) -> ReportPeriod | None:
        start, end = max(self.start, other.start), min(self.end, other.end)
        return ReportPeriod(start, end) if start <= end else None

    @property
    def whole_year(self) -> bool:
        return self.start == dt.date(self.start.year, 1, 1) and self.end == dt.date(
            self.start.year, 12, 31
        )

    @property
    def label(self) -> str:
        """'14 juni–31 december 2022', '2023' (a whole calendar year),
        '14 juni 2022–13 juni 2023'."""
        if self.whole_year:
            return str(self.start.year)
        if self.start.year == self.end.year:
            head = f"{self.start.day} {month_name(self.start.month, 'wide')}"
            return f"{head}–{long_date(self.end)}"
        return f"{long_date(self.start)}–{long_date(self.end)}"


def calendar_year(year: int) -> ReportPeriod:
    return ReportPeriod(dt.date(year, 1, 1), dt.date(year, 12, 31))


def promise_period(promise: Promise) -> ReportPeriod:
    return ReportPeriod(promise.signed, promise.period_end)


def month_end(day: dt.date) -> dt.date:
    return dt.date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])


@dataclass(frozen=True)
class YearScope:
    """The report year inside the promise period.

    calendar: 1 January–31 December; covered: its days inside the promise period (rows
    outside it are shown but never counted); counted: the days the target is pro-rated to
    (covered, or up to the end of the last row's month while the year is still running)."""

    year: int
    calendar: ReportPeriod
    covered: ReportPeriod
    counted: ReportPeriod
    running: bool

    @property
    def fraction(self) -> float:
        return self.counted.fraction_of_year()

    @property
    def cut_by_promise(self) -> bool:
        return self.covered != self.calendar

    @property
    def cut_by_data(self) -> bool:
        return self.counted != self.covered

    @property
    def partial(self) -> bool:
        return self.counted != self.calendar


def outside_period_problem(promise: Promise, year: int) -> Problem:
    period = promise_period(promise)
    side = "före" if year < promise.signed.year else "efter"
    return Problem(
        "medborgarlofte.toml",
        f"Rapportåret {year} ligger helt {side} löftesperioden {period.label} "
        f"(tecknat {long_date(promise.signed)}, {promise.period_years} år). "
        + (
            "Välj ett år inom perioden, t.ex. "
            f"YEAR={max(promise.signed.year, year + 1)}. Hör året till ett tidigare löfte: "
            "bygg den rapporten med det löftets fil och dess tecknat-datum."
            if side == "före"
            else "Har löftet förnyats? Skriv in det förnyade löftet i löftesfilen med "
            "dess nya datum under [lofte] tecknat = ÅÅÅÅ-MM-DD – då börjar en ny period. "
            f"Annars: välj ett år inom perioden, t.ex. YEAR={promise.period_end.year}."
        ),
        code=Code.YEAR_OUTSIDE_PROMISE,
        value=year,
    )


def year_scope(
    promise: Promise, year: int, report_date: dt.date, data_end: dt.date | None
) -> YearScope:
    """Which days of the report year count; InputError if none of them is in the period."""
    whole = calendar_year(year)
    covered = whole.clip(promise_period(promise))
    if covered is None:
        raise InputError([outside_period_problem(promise, year)])
    running = report_date <= covered.end
    counted = covered
    if running:
        if data_end is not None and covered.contains(data_end):
            end = min(month_end(data_end), covered.end)
        else:
            end = min(max(report_date, covered.start), covered.end)
        counted = ReportPeriod(covered.start, end)
    return YearScope(year, whole, covered, counted, running)


def promise_years(promise: Promise) -> tuple[ReportPeriod, ...]:
    """Each promise year: from the signing date to the day before each anniversary."""
    return tuple(
        ReportPeriod(
            add_years(promise.signed, k), add_years(promise.signed, k + 1) - dt.timedelta(days=1)
        )
        for k in range(promise.period_years)
    )


def early_stop_warning(
    scope: YearScope, rows_end: dt.date | None, data_end: dt.date | None = None
) -> str | None:
    """A finished year whose rows stop before its last month, or that has none at all."""
    if scope.running:
        return None
    if rows_end is None:
        if data_end is None or data_end >= scope.covered.start:
            return None
        return (
            f"Underlaget har inga rader {scope.covered.label}: den sista raden är från "
            f"{month_name(data_end.month, 'wide')} {data_end.year} ({long_date(data_end)}). "
            "Alla aktiviteter får därför ingen uppgift. Saknas en export?"
        )
    if not scope.covered.contains(rows_end):
        return None
    if (rows_end.year, rows_end.month) >= (scope.covered.end.year, scope.covered.end.month):
        return None
    return (
        f"Underlaget för {scope.year} slutar i {month_name(rows_end.month, 'wide')} "
        f"{rows_end.year} (sista raden {long_date(rows_end)}), men året är slut. "
        f"Året räknas som helt ({scope.covered.label}) och målen räknas inte om. "
        "Saknas en export för resten av året?"
    )


def signing_warnings(
    promise: Promise, data_start: dt.date | None, data_end: dt.date | None
) -> tuple[str, ...]:
    """A signing date after all the data, or implausibly old."""
    found = []
    if data_end is not None and promise.signed > data_end:
        found.append(
            f"Löftet tecknades {long_date(promise.signed)}, efter den sista raden i "
            f"aktivitetsloggarna ({long_date(data_end)}): inget i underlaget räknas mot "
            "löftet. Stämmer tecknat i löftesfilen?"
        )
    if promise.signed < EARLIEST_PLAUSIBLE_SIGNING:
        found.append(
            f"Löftet tecknades enligt löftesfilen {long_date(promise.signed)}, vilket "
            "verkar orimligt (medborgarlöften finns sedan 2010-talet). Stämmer tecknat "
            "i löftesfilen?"
        )
    elif data_start is not None and promise.period_end < data_start:
        found.append(
            f"Löftesperioden ({promise_period(promise).label}) tog slut före den "
            f"första raden i aktivitetsloggarna ({long_date(data_start)}). Har löftet "
            "förnyats? Skriv då in det nya tecknat-datumet i löftesfilen."
        )
    return tuple(found)
