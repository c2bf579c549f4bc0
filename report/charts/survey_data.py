"""What each survey chart and its table show, as plain data.

Pure functions of the model: no drawing, so the honesty rules can be tested directly – a
year without a measurement is a gap, a biennial survey sits on its own years, series from
different surveys are separate lines, and every number printed in a chart is also in its
table.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from report.format import percent
from report.model.indicators import IndicatorResult, SurveySeries
from report.vocabulary import ALL, BOYS, GIRLS

NO_MEASUREMENT = "·"
HIDDEN = "–*"
LABEL_GAP = 0.065  # smallest distance between value labels, as a share of the y axis


@dataclass(frozen=True)
class Band:
    """One unbroken stretch of a 95 % interval (one year: drawn as an error bar)."""

    years: tuple[int, ...]
    low: tuple[float, ...]
    high: tuple[float, ...]


@dataclass(frozen=True)
class ChartLine:
    label: str
    survey: str
    grade: str
    area: str
    is_reference: bool
    years: tuple[int, ...]  # every year of the survey's rhythm over the line, plus its own
    values: tuple[float | None, ...]  # None: no measurement or hidden – a gap in the line
    bands: tuple[Band, ...]


@dataclass(frozen=True)
class ValueLabel:
    line: int  # index into ChartData.lines
    year: int
    value: float
    y: float  # where the text sits, moved apart from other labels of the same year
    text: str


@dataclass(frozen=True)
class ChartData:
    lines: tuple[ChartLine, ...]
    labels: tuple[ValueLabel, ...]
    ticks: tuple[int, ...]
    y_min: float  # 0 unless every value is high: then a round number below the lowest
    y_max: float
    direction: str


@dataclass(frozen=True)
class SurveyRow:
    grade: str
    group: str
    is_reference: bool
    cells: tuple[str, ...]  # one per table year: a percentage, HIDDEN or NO_MEASUREMENT


def direction_text(result: IndicatorResult) -> str:
    return "Lägre andel är bättre" if result.indicator.lower_is_better else "Högre andel är bättre"


def _surveys(result: IndicatorResult) -> list[str]:
    return sorted({s.survey for s in result.series})


def _grade_label(result: IndicatorResult, series: SurveySeries) -> str:
    return series.grade if len(_surveys(result)) == 1 else f"{series.grade} ({series.survey})"


def line_years(series: SurveySeries, first: int, last: int) -> tuple[int, ...]:
    """The years a line runs over between `first` and `last`: every year of the survey's
    rhythm from the series' first to its last point, and any point off that rhythm."""
    own = [p.year for p in series.points if first <= p.year <= last]
    if not own:
        return ()
    rhythm = range(own[0], own[-1] + 1, max(1, series.step))
    return tuple(sorted({*rhythm, *own}))


def chart_line(result: IndicatorResult, series: SurveySeries) -> ChartLine | None:
    window = result.table_years
    if not window:
        return None
    years = line_years(series, window[0], window[-1])
    if not years:
        return None
    points = {p.year: p for p in series.points}
    values = tuple(points[y].value if y in points else None for y in years)
    bands: list[Band] = []
    run: list[tuple[int, float, float]] = []
    for year in (*years, None):
        point = points.get(year) if year is not None else None
        if point is not None and point.low is not None and point.high is not None:
            run.append((point.year, point.low, point.high))
            continue
        if run:
            band_years, lows, highs = zip(*run, strict=True)
            bands.append(Band(band_years, lows, highs))
            run = []
    label = f"{_grade_label(result, series)} {series.area}"
    return ChartLine(
        label,
        series.survey,
        series.grade,
        series.area,
        series.is_reference,
        years,
        values,
        tuple(bands),
    )


def spread(values: Sequence[float], gap: float, low: float, high: float) -> list[float]:
    """Label positions near `values` (in the same order), at least `gap` apart, and within
    [low, high] whenever the labels fit there."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    ys = [min(max(values[i], low), high) for i in order]
    for k in range(1, len(ys)):  # push up
        ys[k] = max(ys[k], ys[k - 1] + gap)
    if ys and ys[-1] > high:  # push down from the top
        ys[-1] = high
        for k in range(len(ys) - 2, -1, -1):
            ys[k] = min(ys[k], ys[k + 1] - gap)
    if ys and ys[0] < low:  # too many to fit: start at the bottom and overflow at the top
        ys[0] = low
        for k in range(1, len(ys)):
            ys[k] = max(ys[k], ys[k - 1] + gap)
    result = [0.0] * len(values)
    for i, y in zip(order, ys, strict=True):
        result[i] = y
    return result


def chart_data(result: IndicatorResult) -> ChartData:
    """The lines ('Alla' of each grade: the municipality solid, reference areas dashed),
    their interval bands, and a label with the latest shown value of each local line."""
    lines = tuple(
        line for s in result.series if s.sex == ALL if (line := chart_line(result, s)) is not None
    )
    shown = [v for line in lines for v in line.values if v is not None]
    top = max([0.0, *shown, *(h for line in lines for b in line.bands for h in b.high)])
    bottom = min([100.0, *shown, *(lo for line in lines for b in line.bands for lo in b.low)])
    y_max = min(100.0, max(10.0, top * 1.15))
    # Shares that all lie high (feeling safe: 80-95 %) would be flat lines on a 0-100 axis;
    # start the axis lower than the lowest value by at least 10 points, on a multiple of 10.
    y_min = 0.0 if bottom < 40 else float(int((bottom - 10) // 10 * 10))
    latest: list[tuple[int, int, float]] = []
    for index, line in enumerate(lines):
        if line.is_reference:
            continue
        measured = [(y, v) for y, v in zip(line.years, line.values, strict=True) if v is not None]
        if measured:
            last_year, last_value = measured[-1]
            latest.append((index, last_year, last_value))
    labels = []
    for year in sorted({year for _, year, _ in latest}):
        group = [(i, v) for i, y, v in latest if y == year]
        positions = spread([v for _, v in group], LABEL_GAP * (y_max - y_min), y_min, y_max)
        labels += [
            ValueLabel(i, year, v, pos, percent(v))
            for (i, v), pos in zip(group, positions, strict=True)
        ]
    return ChartData(lines, tuple(labels), result.table_years, y_min, y_max, direction_text(result))


_GROUP_ORDER = {GIRLS: 0, BOYS: 1}


def table_rows(result: IndicatorResult) -> tuple[SurveyRow, ...]:
    """The chart's numbers and more: per grade the girls, the boys, other groups, all
    students, then each reference area's 'Alla' row."""

    def cells(series: SurveySeries) -> tuple[str, ...]:
        out = []
        for year in result.table_years:
            point = series.at(year)
            if point is None:
                out.append(NO_MEASUREMENT)
            elif point.suppressed or point.value is None:
                out.append(HIDDEN)
            else:
                out.append(percent(point.value))
        return tuple(out)

    rows = []
    grades = []
    for series in result.series:
        if (series.survey, series.grade) not in grades:
            grades.append((series.survey, series.grade))
    for survey, grade in grades:
        same = [s for s in result.series if s.survey == survey and s.grade == grade]
        local = sorted(
            (s for s in same if not s.is_reference),
            key=lambda s: (s.sex == ALL, _GROUP_ORDER.get(s.sex, 2), s.sex),
        )
        for series in local:
            rows.append(SurveyRow(_grade_label(result, series), series.sex, False, cells(series)))
        for series in same:
            if series.is_reference and series.sex == ALL:
                rows.append(
                    SurveyRow(
                        _grade_label(result, series), f"{series.area}, alla", True, cells(series)
                    )
                )
    return tuple(rows)


MAX_LINES = 6  # more lines than this in one chart are drawn as small multiples


@dataclass(frozen=True)
class Panel:
    """One small chart of small multiples: one grade, the municipality and its references."""

    title: str
    lines: tuple[ChartLine, ...]


def panels(data: ChartData) -> tuple[Panel, ...]:
    """The chart's lines split per survey and grade, in the chart's order."""
    keys: list[tuple[str, str]] = []
    for line in data.lines:
        if (line.survey, line.grade) not in keys:
            keys.append((line.survey, line.grade))
    surveys = {survey for survey, _ in keys}
    return tuple(
        Panel(
            grade if len(surveys) == 1 else f"{grade} ({survey})",
            tuple(ln for ln in data.lines if (ln.survey, ln.grade) == (survey, grade)),
        )
        for survey, grade in keys
    )


def uses_multiples(data: ChartData, key: bool = True) -> bool:
    """Small multiples in the compact appendix, and wherever one chart would carry more
    than MAX_LINES lines."""
    return not key or len(data.lines) > MAX_LINES


def compact_table_rows(result: IndicatorResult, years: int = 3) -> tuple[SurveyRow, ...]:
    """The compact appendix's table: table_rows() over the latest `years` years, all
    students and the reference areas only (girls and boys, like every year, are in the CSV
    files, the workbook and the HTML version)."""
    from dataclasses import replace

    rows = table_rows(replace(result, table_years=result.table_years[-years:]))
    return tuple(r for r in rows if r.is_reference or r.group == ALL)
