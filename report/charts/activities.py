"""The activity charts: the share of the year's target per activity (Sammanfattning), each
focus area per month and per calendar year, and each activity per month. How they split
and wrap at any number of activities is report/charts/layout.py's."""

from __future__ import annotations

from functools import partial

from report.charts import layout
from report.charts.layout import ChartPart, activity_alt, area_alt
from report.charts.svg import (
    GRID,
    INK,
    LABEL_BOX,
    MONTHS,
    MUTED,
    ChartSpec,
    area_colour,
    figure,
    report_font,
    style_axes,
    svg_text,
)
from report.format import month_name, percent, whole
from report.model.report import ActivityResult, FocusSection, ReportModel


def activity_spec(
    result: ActivityResult, year: int, colour: str, counted: tuple[int, ...] = MONTHS
) -> ChartSpec:
    return ChartSpec(
        f"aktivitet-{result.activity.id}",
        activity_alt(result, year),
        partial(activity_svg, result, colour, counted),
    )


def activity_svg(result: ActivityResult, colour: str, counted: tuple[int, ...] = MONTHS) -> str:
    with report_font():
        fig = figure(8.2, 4.2, {"left": 0.1, "right": 0.98, "bottom": 0.12, "top": 0.97})
        ax = fig.add_subplot()
        months = range(1, 13)
        ax.bar(months, result.monthly, color=colour, width=0.7, label="Genomförda")
        pace = result.activity.yearly_target / 12
        ax.axhline(
            pace,
            color=INK,
            linestyle=(0, (4, 2)),
            linewidth=1,
            label=f"Målets takt ({whole(result.activity.yearly_target)}/år)",
        )
        ax.set_xticks(list(months), [month_name(m)[0].upper() for m in months])
        ax.set_xlim(0.4, 12.6)
        top = max([*result.monthly, pace, 1])
        ax.set_ylim(0, top * 1.25)
        _shade_outside(ax, counted, top * 1.25, label=False)
        ax.yaxis.get_major_locator().set_params(integer=True)
        style_axes(ax)
        ax.legend(
            loc="upper left",
            fontsize=6.5,
            frameon=False,
            ncols=2,
            handlelength=1.6,
            borderaxespad=0.1,
        )
    return svg_text(fig)


def counted_months(model: ReportModel) -> tuple[int, ...]:
    """The months of the report year with at least one day inside the promise period."""
    if model.scope is None:
        return MONTHS
    return tuple(m for y, m in model.scope.covered.months() if y == model.year)


def _shade_outside(ax, counted: tuple[int, ...], top: float, label: bool = True) -> None:
    """Grey out the months outside the promise period, saying so once."""
    outside = [m for m in MONTHS if m not in counted]
    for month in outside:
        ax.axvspan(month - 0.5, month + 0.5, color=GRID, alpha=0.45, linewidth=0, zorder=0)
    if outside and label:
        middle = (
            (outside[0] + outside[-1]) / 2
            if outside == list(range(outside[0], outside[-1] + 1))
            else outside[0]
        )
        word = "före löftet" if outside[0] == 1 else "efter löftet"
        ax.text(middle, top * 0.88, word, ha="center", va="center", fontsize=7, color=MUTED)


# Status colours, also used in the CSS; every bar also carries its status in words.
STATUS_COLOURS = {"done": "#2e7d4f", "partly": "#c98a00", "not": "#b3261e", "none": "#8c8c8c"}
FULFILMENT_CAP = 150.0


def fulfilment_specs(model: ReportModel) -> tuple[ChartSpec, ...]:
    """The summary chart, in parts of at most MAX_BARS bars (chart_layout)."""
    return tuple(
        ChartSpec(part.id, layout.fulfilment_alt(model, part), partial(fulfilment_svg, model, part))
        for part in layout.fulfilment_parts(model)
    )


def fulfilment_spec(model: ReportModel) -> ChartSpec:
    """The first (with few activities: the only) summary chart."""
    return fulfilment_specs(model)[0]


def fulfilment_svg(model: ReportModel, part: ChartPart | None = None) -> str:
    return svg_text(fulfilment_figure(model, part))


def fulfilment_figure(model: ReportModel, part: ChartPart | None = None):
    """Percent of this year's target per activity, grouped by focus area: each name
    wrapped beside its bar, the bar's slot as tall as its name."""
    rows = list(model.activities)
    if part is not None:
        rows = rows[part.start : part.stop]
    labels = [layout.bar_label(r) for r in rows]
    slots = [layout.bar_slot(label) for label in labels]
    bars = sum(slots)
    height = bars + 0.7
    positions = [bars - sum(slots[:i]) - slot / 2 for i, slot in enumerate(slots)]
    with report_font():
        fig = figure(
            16.5, height, {"left": 0.4, "right": 0.77, "bottom": 0.55 / height, "top": 0.98}
        )
        ax = fig.add_subplot()
        for y, result in zip(positions, rows, strict=True):
            value = min(result.fulfilment or 0.0, FULFILMENT_CAP)
            colour = STATUS_COLOURS[result.status.key]
            if result.count is not None:
                ax.barh(y, value, color=colour, height=0.37)
            shown = percent(result.fulfilment) if result.fulfilment is not None else "–"
            label = (
                f"{shown}  {result.status.label}"
                if result.count is not None
                else result.status.label
            )
            ax.text(
                FULFILMENT_CAP + 4, y, label, va="center", fontsize=7.5, color=INK, clip_on=False
            )
        ax.set_yticks(positions, labels, fontsize=7.5, linespacing=1.05)
        for tick, result in zip(ax.get_yticklabels(), rows, strict=True):
            tick.set_color(area_colour(model, result.focus_area.id))
        for mark in (
            model.promise.assessment.partly_from_percent,
            model.promise.assessment.done_from_percent,
        ):
            ax.axvline(mark, color=INK, linewidth=0.8, linestyle=(0, (3, 2)))
        ax.set_xlim(0, FULFILMENT_CAP)
        ax.set_ylim(0, bars)
        ax.set_xticks([0, 50, 100, 150], [*map(percent, (0, 50, 100)), f"≥ {percent(150)}"])
        style_axes(ax)
        ax.yaxis.grid(False)
        ax.xaxis.grid(True, color=GRID, linewidth=0.6)
    return fig


def area_spec(
    section: FocusSection, year: int, colour: str, counted: tuple[int, ...] = MONTHS
) -> ChartSpec:
    return ChartSpec(
        f"fokus-{section.area.id}",
        area_alt(section, year),
        partial(area_svg, section, colour, counted),
    )


def area_svg(section: FocusSection, colour: str, counted: tuple[int, ...] = MONTHS) -> str:
    """All activities of a focus area per month, with the pace of the area's targets.
    Months outside the promise period (`counted` holds the others) are shaded and
    unlabelled: their rows do not count."""
    top = max([*section.monthly, section.yearly_target / 12, 1]) * 1.2
    with report_font():
        fig = figure(16.5, 5.0, {"left": 0.06, "right": 0.99, "bottom": 0.12, "top": 0.9})
        ax = fig.add_subplot()
        months = range(1, 13)
        monthly = section.monthly
        ax.bar(months, monthly, color=colour, width=0.7, label="Genomförda aktiviteter")
        pace = section.yearly_target / 12
        ax.axhline(
            pace,
            color=INK,
            linestyle=(0, (4, 2)),
            linewidth=1,
            label=f"Målens takt ({whole(section.yearly_target)} per år)",
        )
        for month, value in zip(months, monthly, strict=True):
            if month not in counted:
                continue
            ax.text(
                month,
                value,
                whole(value),
                ha="center",
                va="bottom",
                fontsize=7,
                color=INK,
                bbox=LABEL_BOX,
                zorder=4,
            )
        _shade_outside(ax, counted, top)
        ax.set_xticks(list(months), [month_name(m) for m in months])
        ax.set_xlim(0.4, 12.6)
        ax.set_ylim(0, top)
        ax.yaxis.get_major_locator().set_params(integer=True)
        style_axes(ax)
        ax.legend(
            loc="lower left",
            bbox_to_anchor=(0, 1.0),
            fontsize=7,
            frameon=False,
            ncols=2,
            borderaxespad=0.2,
        )
    return svg_text(fig)


def years_specs(section: FocusSection, colour: str) -> tuple[ChartSpec, ...]:
    """The focus area's "Antal per år" charts, in parts of at most YEARS_ROWS rows."""
    return tuple(
        ChartSpec(
            part.id, layout.years_alt(section, part), partial(years_svg, section, colour, part)
        )
        for part in layout.years_parts(section)
    )


def years_svg(section: FocusSection, colour: str, part: ChartPart | None = None) -> str:
    return svg_text(years_figure(section, colour, part))


def years_figure(section: FocusSection, colour: str, part: ChartPart | None = None):
    """Small multiples: each activity's yearly count with its target, one panel each, at
    most YEARS_COLUMNS a row; each row as tall as its longest (wrapped) title."""
    results = list(section.activities)
    if part is not None:
        results = results[part.start : part.stop]
    rows, columns = layout.years_grid(len(results))
    titles = [layout.panel_title(r, columns) for r in results]
    title_cm = [
        max(layout.line_count(t) for t in titles[r * columns : (r + 1) * columns]) * 0.3 + 0.25
        for r in range(rows)
    ]
    panel_cm, ticks_cm = 2.9, 0.55
    height = sum(title_cm) + rows * (panel_cm + ticks_cm) + 0.1
    with report_font():
        fig = figure(
            layout.YEARS_WIDTH_CM, height, {"left": 0.05, "right": 0.99, "bottom": 0.0, "top": 1.0}
        )
        top = height
        for row in range(rows):
            top -= title_cm[row]
            bottom = top - panel_cm
            for column in range(columns):
                index = row * columns + column
                if index >= len(results):
                    break
                ax = fig.add_axes(
                    (
                        0.05 + column * 0.94 / columns,
                        bottom / height,
                        layout.panel_width_cm(columns) / layout.YEARS_WIDTH_CM,
                        panel_cm / height,
                    )
                )
                _year_panel(ax, results[index], titles[index], colour)
            top = bottom - ticks_cm
    return fig


def _year_panel(ax, result: ActivityResult, title: str, colour: str) -> None:
    years = [y for y, _ in result.yearly_counts]
    counts = [c or 0 for _, c in result.yearly_counts]
    ax.bar(range(len(years)), counts, color=colour, width=0.6)
    for i, (_, count) in enumerate(result.yearly_counts):
        ax.text(
            i,
            count or 0,
            whole(count) if count is not None else "–",
            ha="center",
            va="bottom",
            fontsize=7,
            color=INK,
            bbox=LABEL_BOX,
            zorder=4,
        )
    ax.axhline(
        result.activity.yearly_target,
        color=INK,
        linewidth=1,
        linestyle=(0, (4, 2)),
        zorder=3,
    )
    ax.set_xticks(range(len(years)), [str(y) for y in years])
    ax.set_title(title, fontsize=7.5, loc="left", color=INK, linespacing=1.05, pad=3, y=1)
    ax.set_ylim(0, max([*counts, result.activity.yearly_target, 1]) * 1.25)
    ax.yaxis.get_major_locator().set_params(integer=True)
    style_axes(ax)


def focus_area_specs(model: ReportModel) -> list[ChartSpec]:
    """Each focus area's chart per month, then its charts per calendar year."""
    specs: list[ChartSpec] = []
    for section in model.sections:
        colour = area_colour(model, section.area.id)
        specs.append(area_spec(section, model.year, colour, counted_months(model)))
        specs += years_specs(section, colour)
    return specs


def activity_specs(model: ReportModel) -> list[ChartSpec]:
    """Each activity's chart per month, in the promise's order."""
    return [
        activity_spec(a, model.year, area_colour(model, a.focus_area.id), counted_months(model))
        for a in model.activities
    ]
