"""The outcome charts: events per month with the signing marked and the levels before and
during drawn as lines; the alternative text says what the chart shows in numbers."""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import TYPE_CHECKING

from report.charts.svg import (
    INK,
    LABEL_BOX,
    MUTED,
    ChartSpec,
    area_colour,
    figure,
    report_font,
    style_axes,
    svg_text,
)
from report.format import decimal, long_date, month_name, percent, whole
from report.model.event_outcomes import OutcomeResult
from report.model.report import ReportModel
from report.model.statistics_outcomes import (
    Point,
    StatOutcomeResult,
    level_text,
    unit_label,
    value_text,
)
from report.promise.types import SHARE

if TYPE_CHECKING:
    from matplotlib.axes import Axes


def outcome_spec(result: OutcomeResult, colour: str) -> ChartSpec:
    return ChartSpec(
        f"utfall-{result.outcome.id}", outcome_alt(result), partial(outcome_svg, result, colour)
    )


def outcome_svg(result: OutcomeResult, colour: str) -> str:
    months = result.months
    signed = result.during.period.start if result.during else None
    with report_font():
        fig = figure(16.5, 5.8, {"left": 0.06, "right": 0.99, "bottom": 0.24, "top": 0.9})
        ax = fig.subplots()
        xs = list(range(len(months)))
        ax.bar(xs, [n for *_, n in months], color=colour, width=0.8, label="Händelser per månad")
        for level, name in ((result.before, "före"), (result.during, "under")):
            if level is None:
                continue
            first = next(
                i
                for i, (y, m, _) in enumerate(months)
                if (y, m) >= (level.period.start.year, level.period.start.month)
            )
            last = max(
                i
                for i, (y, m, _) in enumerate(months)
                if (y, m) <= (level.period.end.year, level.period.end.month)
            )
            ax.hlines(
                level.per_year / 12,
                first - 0.4,
                last + 0.4,
                color=INK,
                linewidth=1.2,
                linestyles=(0, (4, 2)),
                label=f"Snitt per månad {name} löftet" if name == "före" else None,
            )
        if signed is not None:
            at = next(
                (i for i, (y, m, _) in enumerate(months) if (y, m) == (signed.year, signed.month)),
                None,
            )
            if at is not None:
                x = at - 0.5 + (signed.day - 1) / 31
                ax.axvline(x, color=MUTED, linewidth=1.2)
                ax.text(
                    x,
                    ax.get_ylim()[1],
                    f" Löftet tecknades {long_date(signed)}",
                    fontsize=7,
                    color=INK,
                    va="top",
                )
        ticks = [i for i, (_, m, _) in enumerate(months) if m == 1] or [0]
        ax.set_xticks(ticks, [str(months[i][0]) for i in ticks])
        ax.set_xlim(-0.6, len(months) - 0.4)
        ax.yaxis.get_major_locator().set_params(integer=True)
        ax.legend(fontsize=7, frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=2)
        style_axes(ax)
    return svg_text(fig)


def outcome_alt(result: OutcomeResult) -> str:
    o = result.outcome
    parts = [f"{o.name}: antal händelser per månad"]
    if result.months:
        (y0, m0, _), (y1, m1, _) = result.months[0], result.months[-1]
        parts[0] += f" från {month_name(m0, 'wide')} {y0} till {month_name(m1, 'wide')} {y1}."
        peak = max(result.months, key=lambda t: t[2])
        parts.append(f"Flest i {month_name(peak[1], 'wide')} {peak[0]}: {whole(peak[2])}.")
    for level, name in ((result.before, "Före löftet"), (result.during, "Under löftet")):
        if level is not None:
            parts.append(
                f"{name} ({level.period.label}): {whole(level.count)} händelser, "
                f"{decimal(level.per_year / 12, 1)} per månad i snitt."
            )
    parts.append("Siffrorna finns i tabellen under diagrammet.")
    return " ".join(parts)


def outcome_specs(model: ReportModel) -> list[ChartSpec]:
    """The outcome charts, in the order the report shows them (by focus area)."""
    specs = []
    for section in model.sections:
        colour = area_colour(model, section.area.id)
        specs += [outcome_spec(r, colour) for r in model.outcomes_in(section.area.id) if r.months]
        specs += [statistics_spec(r, colour) for r in model.statistics_in(section.area.id)]
    return specs


# --- outcomes from statistics tables -------------------------------------------------------


def _x(point: Point) -> float:
    """A period's place on the time axis in years: the middle of the year or month."""
    if point.month:
        return point.year + (point.month - 0.5) / 12
    return point.year + 0.5


def _day_x(day: dt.date) -> float:
    return day.year + (day.timetuple().tm_yday - 1) / (366 if day.year % 4 == 0 else 365)


def statistics_spec(result: StatOutcomeResult, colour: str) -> ChartSpec:
    return ChartSpec(
        f"utfall-{result.outcome.id}",
        statistics_alt(result),
        partial(statistics_svg, result, colour),
    )


def statistics_svg(result: StatOutcomeResult, colour: str) -> str:
    """The municipality's series (solid) and the reference area's (dashed) over the years,
    the signing as a vertical line and the levels before and during as dashed segments."""
    unit, monthly = result.outcome.unit, result.monthly
    with report_font():
        fig = figure(16.5, 6.6, {"left": 0.075, "right": 0.985, "bottom": 0.25, "top": 0.9})
        ax = fig.subplots()
        _draw_statistics_series(ax, result, colour)
        _draw_levels(ax, result)
        ax.axvline(_day_x(result.signed), color=MUTED, linewidth=1.2)
        xs, values = _all_points(result)
        top = max(values)
        ax.set_ylim(0, top * 1.22 if top > 0 else 1)
        low, high = min(xs), max(xs)
        _mark_signing(ax, result.signed, top, right_half=_day_x(result.signed) > (low + high) / 2)
        _year_ticks(ax, low, high, _day_x(result.signed))
        if unit == SHARE:
            ax.yaxis.set_major_formatter(lambda v, _: percent(v))
        style_axes(ax)
        ax.set_title(
            f"{unit_label(unit, monthly)}. "
            f"{'Lägre är bättre ↓' if result.outcome.lower_is_better else 'Högre är bättre ↑'}",
            loc="left",
            fontsize=8,
            color=INK,
            pad=6,
        )
        ax.legend(
            fontsize=7, frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=3
        )
    return svg_text(fig)


def _all_points(result: StatOutcomeResult) -> tuple[list[float], list[float]]:
    """The x positions and values of the municipality's and the reference area's points."""
    points = [*result.series.points, *(result.reference.points if result.reference else ())]
    return [_x(p) for p in points], [p.value for p in points]


def _draw_statistics_series(ax: Axes, result: StatOutcomeResult, colour: str) -> None:
    series, reference = result.series, result.reference
    ax.plot(
        [_x(p) for p in series.points],
        [p.value for p in series.points],
        color=colour,
        marker="o",
        markersize=4.5,
        linewidth=1.9,
        label=series.area,
    )
    if reference is not None:
        ax.plot(
            [_x(p) for p in reference.points],
            [p.value for p in reference.points],
            color=MUTED,
            marker="s",
            markersize=3.5,
            markerfacecolor="white",
            linewidth=1.2,
            linestyle=(0, (3, 2)),
            label=reference.area,
        )


def _draw_levels(ax: Axes, result: StatOutcomeResult) -> None:
    """The levels before and during the promise, each a dashed segment over its points."""
    half = 1 / 24 if result.monthly else 0.5
    for level, name in ((result.before, "före"), (result.during, "under")):
        if level is None:
            continue
        first, last = level.points[0], level.points[-1]
        ax.hlines(
            level.value,
            _x(first) - half,
            _x(last) + half,
            color=INK,
            linewidth=1.1,
            linestyles=(0, (4, 2)),
            label="Nivå före och under löftet" if name == "före" else "",
        )


def _mark_signing(ax: Axes, signed: dt.date, top: float, *, right_half: bool) -> None:
    """The signing's label at the top of its line, on the side where there is room."""
    ax.text(
        _day_x(signed),
        top * 1.2 if top > 0 else 1,
        f" Löftet tecknades {long_date(signed)} "
        if right_half
        else f" Löftet tecknades {long_date(signed)}",
        fontsize=7,
        color=INK,
        va="top",
        ha="right" if right_half else "left",
        bbox=LABEL_BOX,
    )


def _year_ticks(ax: Axes, low: float, high: float, signed_x: float) -> None:
    """A tick per year (every n-th when more than twelve), the signing inside the range."""
    years = list(range(int(low), int(high) + 1))
    step = max(1, -(-len(years) // 12))
    ax.set_xticks([y + 0.5 for y in years[::step]], [str(y) for y in years[::step]])
    ax.set_xlim(min(low, signed_x) - 0.6, max(high, signed_x) + 0.6)


def statistics_alt(result: StatOutcomeResult) -> str:
    o, points = result.outcome, result.series.points
    unit, monthly = o.unit, result.monthly
    parts = [
        f"{o.name}, {unit_label(unit, monthly).lower()}, {result.series.area} "
        f"{points[0].label}–{points[-1].label}"
        + (f", och {result.reference.area} som jämförelse." if result.reference else ".")
    ]
    parts.append(f"Senast {value_text(unit, points[-1].value, monthly)} ({points[-1].label}).")
    for level, name in ((result.before, "Före löftet"), (result.during, "Under löftet")):
        if level is not None:
            parts.append(f"{name}: {level_text(result, level)}.")
    parts.append("Siffrorna finns i tabellen under diagrammet.")
    return " ".join(parts)
