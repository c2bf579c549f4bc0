"""Outcomes from statistics tables ([[utfall]] kalla = "statistik"): the municipality's
series and a reference area's, the level in the years (or months) wholly before the signing
against the level since, and a sentence that calls a change säkerställd only when a test
says so (pure: frames in, dataclasses out).

Which test, by unit:

- antal: the exact test of two Poisson rates, exposure the years (population-years when
  the population of every period is known);
- per 1 000 invånare: back to counts with the population, then the same Poisson test with
  population-years as exposure; without the population, no test;
- andel: the two-proportion test on the pooled shares, when every value has its
  respondents; otherwise no test;
- index: never a test (an index is a mean without its spread).

A period that holds the signing (2022 for a promise signed in June 2022) belongs to neither
level, and the sentences say so.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

import pandas as pd

from report.format import count, decimal, long_date, percent
from report.model.significance import poisson_rates_p_value, two_proportion_p_value
from report.promise.types import COUNT, INDEX, RATE, SHARE, STATISTICS, Outcome, Promise
from report.vocabulary import is_population, period_label

ALPHA = 0.05
POISSON = "exakt test av två Poissonfördelade antal"


@dataclass(frozen=True)
class Point:
    """One published value: a year (month 0) or a month."""

    year: int
    month: int
    value: float
    respondents: int | None = None
    population: int | None = None

    @property
    def label(self) -> str:
        return period_label(self.year, self.month)

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, self.month or 1, 1)

    @property
    def end(self) -> dt.date:
        month = self.month or 12
        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    @property
    def length(self) -> float:
        """In years."""
        return 1 / 12 if self.month else 1.0

    @property
    def exposure(self) -> float:
        """Population-years (0 without a population)."""
        return (self.population or 0) * self.length

    @property
    def count(self) -> float | None:
        """The events behind a rate per 1 000 inhabitants (None without a population)."""
        return None if self.population is None else self.value * self.population / 1000


@dataclass(frozen=True)
class Series:
    area: str
    points: tuple[Point, ...]

    def at(self, year: int, month: int) -> Point | None:
        return next((p for p in self.points if (p.year, p.month) == (year, month)), None)


@dataclass(frozen=True)
class StatLevel:
    """The points of one stretch (before or during) and their level in the outcome's unit:
    the mean per period for counts and indexes, the population-weighted rate, the pooled
    share when every value has its respondents."""

    points: tuple[Point, ...]
    value: float

    @property
    def label(self) -> str:
        first, last = self.points[0].label, self.points[-1].label
        return first if first == last else f"{first}–{last}"


@dataclass(frozen=True)
class Comparison:
    """The latest period the municipality and the reference area both have."""

    area: str
    point: Point  # the municipality's
    reference: Point
    p_value: float | None
    reason: str  # why there is no test ('' when there is one)

    @property
    def secured(self) -> bool:
        return self.p_value is not None and self.p_value < ALPHA


@dataclass(frozen=True)
class StatOutcomeResult:
    outcome: Outcome
    series: Series  # the municipality's
    reference: Series | None
    before: StatLevel | None
    during: StatLevel | None
    straddling: tuple[Point, ...]  # periods that hold the signing: in neither level
    p_value: float | None
    test: str  # the test used ('' when none)
    reason: str  # why there is no test ('' when there is one)
    sentence: str
    comparison: Comparison | None = None
    hidden: int = 0  # values with fewer respondents than the promise's minimum
    signed: dt.date = dt.date(2000, 1, 1)  # the promise's signing (the chart marks it)

    @property
    def secured(self) -> bool:
        return self.p_value is not None and self.p_value < ALPHA

    @property
    def better(self) -> bool | None:
        """A secured change for the better (True) or the worse (False); None: no secured
        change."""
        if not self.secured or self.before is None or self.during is None:
            return None
        return (self.during.value < self.before.value) == self.outcome.lower_is_better

    @property
    def latest(self) -> Point:
        return self.series.points[-1]

    @property
    def monthly(self) -> bool:
        return bool(self.series.points[0].month)


def unit_label(unit: str, monthly: bool) -> str:
    """What the values are, for a chart's title and a table's caption."""
    return {
        COUNT: "Antal per månad" if monthly else "Antal per år",
        RATE: "Per 1 000 invånare" + (" och månad" if monthly else " och år"),
        INDEX: "Index",
        SHARE: "Andel i procent",
    }[unit]


def unit_text(unit: str, monthly: bool = False) -> str:
    """How a level reads: '6,1 per 1 000 invånare', '12 per år'."""
    return {
        COUNT: "per månad" if monthly else "per år",
        RATE: "per 1 000 invånare",
        INDEX: "",
        SHARE: "",
    }[unit]


def value_text(unit: str, value: float, monthly: bool = False) -> str:
    if unit == SHARE:
        return percent(value)
    digits = 0 if unit == COUNT and value >= 100 else 2 if unit == INDEX else 1
    return f"{decimal(value, digits)} {unit_text(unit, monthly)}".strip()


def number_text(unit: str, value: float) -> str:
    """The number alone (where the unit stands beside it): '6,0', '1,80', '27 %'."""
    if unit == SHARE:
        return percent(value)
    return decimal(value, 0 if unit == COUNT and value >= 100 else 2 if unit == INDEX else 1)


def level_text(result: StatOutcomeResult, level: StatLevel | None) -> str:
    if level is None:
        return "–"
    unit, monthly = result.outcome.unit, result.monthly
    mean = "snitt " if len(level.points) > 1 else ""
    return f"{value_text(unit, level.value, monthly)} ({mean}{level.label})"


# --- series -----------------------------------------------------------------------------


def _rows_of(outcome: Outcome, table: pd.DataFrame) -> pd.DataFrame:
    rows = table[table["indicator"].map(outcome.names)]
    rows = rows[rows["unit"].isna() | (rows["unit"] == outcome.unit)]
    if (rows["month"] == 0).any():  # yearly figures when there are any
        rows = rows[rows["month"] == 0]
    return rows


def _populations(promise: Promise, table: pd.DataFrame) -> dict[tuple[str, int, int], int]:
    """(area, year, month) -> inhabitants: the promise's [befolkning] for the municipality,
    rows named Befolkning, and the Befolkning column (the most specific last)."""
    found: dict[tuple[str, int, int], int] = {
        (promise.municipality, year, 0): n for year, n in promise.population
    }
    named = table[table["indicator"].map(is_population)]
    for row in named.itertuples():
        found[(row.area, row.year, row.month)] = int(row.value)
    for row in table[table["population"].notna()].itertuples():
        found[(row.area, row.year, row.month)] = int(row.population)
    return found


def _series(
    area: str, rows: pd.DataFrame, populations: dict[tuple[str, int, int], int], minimum: int
) -> tuple[Series, int]:
    points, hidden = [], 0
    own = rows[rows["area"] == area]
    # One value per period: a row that names its unit goes before one that does not.
    own = own.assign(named=own["unit"].notna()).sort_values(
        ["year", "month", "named"], ascending=[True, True, False]
    )
    for row in own.drop_duplicates(["year", "month"]).itertuples():
        respondents = None if pd.isna(row.respondents) else int(row.respondents)
        if respondents is not None and respondents < minimum:
            hidden += 1
            continue
        population = populations.get((area, row.year, row.month)) or populations.get(
            (area, row.year, 0)
        )
        points.append(Point(row.year, row.month, float(row.value), respondents, population))
    return Series(area, tuple(points)), hidden


def _reference(
    promise: Promise, rows: pd.DataFrame, populations: dict[tuple[str, int, int], int]
) -> Series | None:
    """The comparison area with the most values (then the first by name), if any."""
    areas = rows.loc[rows["area"] != promise.municipality, "area"]
    if areas.empty:
        return None
    counts = areas.value_counts()
    area = sorted(counts.index, key=lambda a: (-counts[a], a))[0]
    return _series(area, rows, populations, promise.min_respondents)[0]


# --- levels and tests -----------------------------------------------------------------------


def _exposure(points: tuple[Point, ...]) -> float:
    """Population-years (the callers have checked that every population is known)."""
    return sum(p.exposure for p in points)


def _respondents(points: tuple[Point, ...]) -> int:
    return sum(p.respondents or 0 for p in points)


def _level(unit: str, points: tuple[Point, ...]) -> StatLevel | None:
    if not points:
        return None
    if unit == RATE and all(p.population for p in points):
        value = sum(p.value * p.exposure for p in points) / _exposure(points)
    elif unit == SHARE and all(p.respondents for p in points):
        value = sum(p.value * (p.respondents or 0) for p in points) / _respondents(points)
    else:
        value = sum(p.value for p in points) / len(points)
    return StatLevel(points, value)


def _missing(points: tuple[Point, ...], what: str) -> str:
    labels = [p.label for p in points if getattr(p, what) is None]
    shown = ", ".join(labels[:6]) + (" …" if len(labels) > 6 else "")
    return shown


def level_test(
    unit: str, before: tuple[Point, ...], during: tuple[Point, ...]
) -> tuple[float | None, str, str]:
    """(p-value, the test's name, why there is no test) for the level before against the
    level during."""
    both = (*before, *during)
    if unit == COUNT:
        counts = [p.value for p in both]
        if any(c != int(c) for c in counts):
            return None, "", "antalen är inte heltal, så de kan inte prövas som antal händelser"
        with_population = all(p.population for p in both)

        def exposure(points: tuple[Point, ...]) -> float:
            if with_population:
                return _exposure(points)
            return sum(p.length for p in points)

        p = poisson_rates_p_value(
            int(sum(p.value for p in before)),
            exposure(before),
            int(sum(p.value for p in during)),
            exposure(during),
        )
        what = "befolkningsår" if with_population else "antalet år"
        return p, f"{POISSON} med {what} som exponering", ""
    if unit == RATE:
        if not all(p.population for p in both):
            return (
                None,
                "",
                "befolkningen saknas för "
                + _missing(both, "population")
                + ", så takten kan inte räknas om till antal och prövas (lägg till kolumnen "
                "Befolkning eller [befolkning] i löftesfilen)",
            )
        n1 = round(sum(p.count or 0.0 for p in before))
        n2 = round(sum(p.count or 0.0 for p in during))
        p = poisson_rates_p_value(n1, _exposure(before), n2, _exposure(during))
        return p, f"{POISSON} med befolkningsår som exponering", ""
    if unit == SHARE:
        if not all(p.respondents for p in both):
            return (
                None,
                "",
                "antal svarande saknas för "
                + _missing(both, "respondents")
                + ", så förändringen i andelen kan inte prövas",
            )
        b, d = _level(SHARE, before), _level(SHARE, during)
        assert b is not None and d is not None
        p = two_proportion_p_value(b.value, _respondents(before), d.value, _respondents(during))
        return p, "test av två andelar", ""
    if all(p.respondents for p in both):
        return None, "", "ett index kan inte testas utan spridningen i svaren"
    return None, "", "ett index utan antal svarande kan inte testas"


def compare(unit: str, series: Series, reference: Series | None) -> Comparison | None:
    """The municipality against the reference area in the latest period both have."""
    if reference is None:
        return None
    common = [p for p in reversed(series.points) if reference.at(p.year, p.month)]
    if not common:
        return None
    own = common[0]
    other = reference.at(own.year, own.month)
    assert other is not None
    p, reason = None, ""
    if unit == RATE and own.population and other.population:
        p = poisson_rates_p_value(
            round(own.count or 0.0), own.population, round(other.count or 0.0), other.population
        )
    elif unit == SHARE and own.respondents and other.respondents:
        p = two_proportion_p_value(own.value, own.respondents, other.value, other.respondents)
    elif unit == COUNT:
        reason = "antal i områden av olika storlek jämförs inte"
    elif unit == RATE:
        reason = "befolkningen saknas"
    elif unit == SHARE:
        reason = "antal svarande saknas"
    else:
        reason = "ett index kan inte testas"
    return Comparison(reference.area, own, other, p, reason)


def p_text(p: float) -> str:
    return "p < 0,001" if p < 0.001 else f"p = {decimal(p, 3 if p < 0.01 else 2)}"


def sentence(
    outcome: Outcome,
    before: StatLevel | None,
    during: StatLevel | None,
    straddling: tuple[Point, ...],
    signed: dt.date,
    test: tuple[float | None, str, str],
    monthly: bool,
) -> str:
    signed_text = long_date(signed)
    if before is None:
        return (
            f"Tabellen har inga värden från tiden före löftet (tecknat {signed_text}), så det "
            "finns ingen nivå före löftet att jämföra med och inget test."
        )
    if during is None:
        return (
            f"Tabellen har ännu inga värden från tiden efter att löftet tecknades "
            f"({signed_text}), så det finns ingen nivå under löftet att jämföra med."
        )
    unit = outcome.unit
    levels = (
        f"Före löftet var nivån {value_text(unit, before.value, monthly)} "
        f"({'snitt ' if len(before.points) > 1 else ''}{before.label}), under löftet "
        f"{value_text(unit, during.value, monthly)} "
        f"({'snitt ' if len(during.points) > 1 else ''}{during.label})."
    )
    if straddling:
        labels = ", ".join(p.label for p in straddling)
        levels += f" {labels}, då löftet tecknades, räknas till ingen av delarna."
    p, name, reason = test
    if p is None:
        return f"{levels} Om nivån har förändrats kan inte avgöras: {reason}."
    if p < ALPHA:
        lower = during.value < before.value
        better = lower == outcome.lower_is_better
        return (
            f"{levels} Förändringen är säkerställd ({name}, {p_text(p)}): en "
            f"{'minskning' if lower else 'ökning'}, alltså en "
            f"{'förbättring' if better else 'försämring'}."
        )
    return (
        f"{levels} Skillnaden är inte säkerställd: den ryms i den slumpmässiga variationen "
        f"({name}, {p_text(p)}), så nivån kan inte sägas ha förändrats."
    )


def statistics_outcome(
    outcome: Outcome, table: pd.DataFrame, promise: Promise, end: dt.date
) -> StatOutcomeResult | None:
    """One outcome from the statistics table, up to the day `end`; None without values for
    the municipality."""
    rows = _rows_of(outcome, table)
    starts = rows["year"] * 100 + rows["month"].clip(lower=1)
    rows = rows[starts <= end.year * 100 + end.month]  # periods that began by `end`
    populations = _populations(promise, table)
    series, hidden = _series(promise.municipality, rows, populations, promise.min_respondents)
    if not series.points:
        return None
    signed = promise.signed
    before = tuple(p for p in series.points if p.end < signed)
    during = tuple(p for p in series.points if p.start >= signed)
    straddling = tuple(p for p in series.points if p.start < signed <= p.end)
    reference = _reference(promise, rows, populations)
    test: tuple[float | None, str, str] = (None, "", "")
    if before and during:
        test = level_test(outcome.unit, before, during)
    monthly = bool(series.points[0].month)
    b, d = _level(outcome.unit, before), _level(outcome.unit, during)
    return StatOutcomeResult(
        outcome,
        series,
        reference,
        b,
        d,
        straddling,
        test[0],
        test[1],
        test[2],
        sentence(outcome, b, d, straddling, signed, test, monthly),
        compare(outcome.unit, series, reference),
        hidden,
        signed,
    )


def build_statistics_outcomes(
    promise: Promise, table: pd.DataFrame, end: dt.date
) -> tuple[StatOutcomeResult, ...]:
    if table.empty:
        return ()
    results = []
    for outcome in promise.outcomes:
        if outcome.source == STATISTICS:
            result = statistics_outcome(outcome, table, promise, end)
            if result is not None:
                results.append(result)
    return tuple(results)


def statistics_notes(
    promise: Promise, table: pd.DataFrame, results: tuple[StatOutcomeResult, ...]
) -> tuple[str, ...]:
    """Why an outcome from statistics is not shown, and values hidden for few respondents."""
    shown = {r.outcome.id for r in results}
    notes = []
    for o in promise.outcomes:
        if o.source != STATISTICS or o.id in shown:
            continue
        if table.empty:
            notes.append(
                f"Utfallet ”{o.name}” visas inte: ingen statistiktabell finns bland indata. "
                "Lägg tabellen i inputs/ (`make templates` skriver en mall)."
            )
            continue
        named = table[table["indicator"].map(o.names)]
        if named.empty:
            notes.append(
                f"Utfallet ”{o.name}” visas inte: statistiktabellerna har ingen indikator som "
                f"heter ”{o.indicator}”. Skriv indikatorns namn som i tabellen under "
                "indikator i [[utfall]]."
            )
        elif not (named["unit"].isna() | (named["unit"] == o.unit)).any():
            units = ", ".join(sorted(set(named["unit"].dropna())))
            notes.append(
                f"Utfallet ”{o.name}” visas inte: indikatorn ”{o.indicator}” finns bara i "
                f"enheten {units}, inte {o.unit}."
            )
        else:
            notes.append(
                f"Utfallet ”{o.name}” visas inte: indikatorn ”{o.indicator}” har inga värden "
                f"för {promise.municipality} till och med rapportåret."
            )
    for r in results:
        if r.hidden:
            notes.append(
                f"Utfallet ”{r.outcome.name}”: {count(r.hidden, 'värde', 'värden')} med färre än "
                f"{promise.min_respondents} svarande visas inte."
            )
    return tuple(notes)


# --- texts for the report ---------------------------------------------------------------------


@dataclass(frozen=True)
class SeriesRow:
    label: str
    own: str
    reference: str
    part: str  # före löftet / tecknades / under löftet / (empty: after the report's end)


def table_rows(result: StatOutcomeResult) -> tuple[SeriesRow, ...]:
    """The chart's numbers: every period of the municipality or the reference area."""
    unit, reference = result.outcome.unit, result.reference
    periods = sorted(
        {(p.year, p.month) for p in result.series.points}
        | ({(p.year, p.month) for p in reference.points} if reference else set())
    )
    parts: dict[tuple[int, int], str] = {}
    for level, part in ((result.before, "före löftet"), (result.during, "under löftet")):
        parts.update({(p.year, p.month): part for p in level.points} if level else {})
    parts.update({(p.year, p.month): "löftet tecknades" for p in result.straddling})

    def shown(point: Point | None) -> str:
        if point is None:
            return "–"
        if unit == SHARE:
            return percent(point.value, 1)
        return decimal(point.value, 2 if unit == INDEX else 1 if point.value < 100 else 0)

    return tuple(
        SeriesRow(
            period_label(year, month),
            shown(result.series.at(year, month)),
            shown(reference.at(year, month)) if reference else "",
            parts.get((year, month), ""),
        )
        for year, month in periods
    )


def comparison_text(result: StatOutcomeResult) -> str:
    c = result.comparison
    if c is None:
        return ""
    unit, monthly = result.outcome.unit, result.monthly
    values = (
        f"{result.series.area} {value_text(unit, c.point.value, monthly)} mot {c.area} "
        f"{value_text(unit, c.reference.value, monthly)} ({c.point.label})"
    )
    if c.p_value is None:
        return f"{values}. Skillnaden kan inte prövas: {c.reason}."
    if not c.secured:
        return f"{values}. Ingen säkerställd skillnad ({p_text(c.p_value)})."
    higher = c.point.value > c.reference.value
    better = (not higher) == result.outcome.lower_is_better
    return (
        f"{values}. Säkerställt {'högre' if higher else 'lägre'} ({p_text(c.p_value)}): "
        f"{'bättre' if better else 'sämre'} än {c.area}."
    )


def brief(result: StatOutcomeResult) -> str:
    """The outcome in one line for "Utfall i korthet"."""
    b, d = result.before, result.during
    if b is None or d is None:
        return result.sentence
    unit, monthly = result.outcome.unit, result.monthly
    levels = (
        f"{value_text(unit, b.value, monthly)} före löftet ({b.label}), "
        f"{value_text(unit, d.value, monthly)} under löftet ({d.label})"
    )
    if result.p_value is None:
        return f"{levels} – kan inte prövas ({result.reason})."
    if not result.secured:
        return f"{levels} – ingen säkerställd förändring."
    return f"{levels} – en säkerställd {'förbättring' if result.better else 'försämring'}."
