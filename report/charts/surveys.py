"""The survey charts: an indicator's series per grade with its 95 % band and the reference
area, in one chart or as small multiples (one panel per grade) when the lines are many.
What each chart shows, as plain data, is report/charts/survey_data.py's."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from report.charts import layout
from report.charts.survey_data import (
    ChartData,
    ChartLine,
    chart_data,
    direction_text,
    panels,
    uses_multiples,
)
from report.charts.svg import (
    INK,
    LEGEND_COLUMNS,
    LEGEND_ROW_CM,
    MUTED,
    ChartSpec,
    figure,
    report_font,
    style_axes,
    svg_text,
)
from report.format import percent
from report.model.indicators import IndicatorResult
from report.model.report import ReportModel

if TYPE_CHECKING:
    from matplotlib.axes import Axes

# Colour and marker per grade, so series differ without colour too.
GRADE_STYLES = {
    "förskoleklass": ("#5b5b5b", "P"),
    "åk 4": ("#0b5c9e", "o"),
    "åk 7": ("#b34700", "s"),
    "åk 9": ("#00735a", "^"),
    "gy 1": ("#8f2d6f", "D"),
    "gy 2": ("#3d3d99", "v"),
}

DEFAULT_STYLE = ("#333333", "X")


def _draw_bands(ax: Axes, line: ChartLine, colour: str) -> None:
    """A series' 95 % interval: a shaded band over consecutive years, a bar at a lone year."""
    for band in line.bands:
        if len(band.years) > 1:
            ax.fill_between(band.years, band.low, band.high, color=colour, alpha=0.13, linewidth=0)
        else:
            ax.vlines(band.years, band.low, band.high, color=colour, alpha=0.35, linewidth=3)


def indicator_spec(result: IndicatorResult, key: bool = True) -> ChartSpec:
    """One chart, or small multiples (one small chart per grade) in the compact appendix
    and wherever one chart would carry more than six lines."""
    draw = (
        partial(indicator_multiples_svg, result, key)
        if uses_multiples(chart_data(result), key)
        else partial(indicator_svg, result)
    )
    return ChartSpec(f"indikator-{result.indicator.id}", indicator_alt(result), draw)


def indicator_multiples_svg(result: IndicatorResult, key: bool = True) -> str:
    return svg_text(indicator_multiples_figure(result, key))


def indicator_multiples_figure(result: IndicatorResult, key: bool = True):
    """One small chart per grade: the municipality's 'Alla' share (solid, with its 95 %
    interval) and its reference areas (dashed), on one shared scale. On a detailed page
    (`key`) the grades sit side by side across the page; in the appendix three a row."""
    data = chart_data(result)
    parts = panels(data)
    grid = layout.multiples_grid(len(parts), key)
    gap, row_cm = 0.35, grid.panel_cm + 0.95  # a panel, its title and its year ticks
    legend_cm = 0.0 if grid.legend_in_grid else (0.6 if grid.width_cm > 12 else 1.45)
    height = 0.6 + grid.rows * row_cm + legend_cm
    ticks = list(data.ticks)
    with report_font():
        fig = figure(
            grid.width_cm,
            height,
            {
                "left": 1.05 / grid.width_cm,
                "right": 1 - 0.15 / grid.width_cm,
                "bottom": (legend_cm + 0.45) / height,
                "top": 1 - 1.1 / height,
                "wspace": gap / grid.axes_cm,
                "hspace": 0.95 / grid.panel_cm,
            },
        )
        fig.text(
            0.01,
            1 - 0.3 / height,
            f"{data.direction} {'↓' if result.indicator.lower_is_better else '↑'}",
            fontsize=9,
            color=INK,
            fontweight="bold",
            va="center",
        )
        axes = fig.subplots(grid.rows, grid.columns, squeeze=False, sharey=True)
        room = grid.years_room(ticks[0], ticks[-1])
        for index, ax in enumerate(axes.flat):
            ax.set_visible(index < len(parts))
            if index < len(parts):
                _multiples_panel(ax, parts[index], data, ticks, room)
        _multiples_legend(fig, result, data, grid, axes.flat[-1].get_position())
    return fig


def _multiples_panel(ax, part, data, ticks: list[int], room: float) -> None:
    for line in part.lines:
        _draw_line(ax, line, PANEL_SIZES, reference_colour=MUTED, labelled=False)
        if line.is_reference:
            continue  # only the municipality's lines carry their latest value
        colour, _ = GRADE_STYLES.get(line.grade, DEFAULT_STYLE)
        shown = [(y, v) for y, v in zip(line.years, line.values, strict=True) if v is not None]
        if shown:
            ax.annotate(
                percent(shown[-1][1]),
                shown[-1],
                xytext=(4, 0),
                textcoords="offset points",
                va="center",
                fontsize=7.5,
                fontweight="bold",
                color=colour,
            )
    ax.set_title(part.title, loc="left", fontsize=8.5, color=INK, fontweight="bold", pad=3, y=1)
    shown_ticks = ticks if len(ticks) <= 2 else [ticks[0], ticks[-1]]
    ax.set_xticks(shown_ticks, [str(y) for y in shown_ticks])
    ax.set_xlim(ticks[0] - 0.4, ticks[-1] + 0.4 + room)
    ax.set_ylim(data.y_min, data.y_max)
    ax.yaxis.set_major_formatter(lambda v, _: percent(v))
    style_axes(ax)
    ax.tick_params(labelsize=7)


def _multiples_legend(fig, result: IndicatorResult, data, grid, last_cell) -> None:
    """Under the panels, or in the grid's empty last cell (names wrapped to fit it)."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles = [Line2D([], [], color=INK, linewidth=1.7), Patch(color=MUTED, alpha=0.25)]
    local = result.local_series
    names = [
        f"{local[0].area}: alla elever" if local else "Alla elever",
        "Skuggat: osäkerhetsintervall (95 %)",
    ]
    references = sorted({ln.area for ln in data.lines if ln.is_reference})
    if references:
        handles.append(Line2D([], [], color=MUTED, linestyle=(0, (3, 2)), linewidth=1.1))
        names.append(f"Streckad linje: {', '.join(references)}")
    where: dict = {"loc": "lower left", "bbox_to_anchor": (0.01, 0.0)}
    if grid.legend_in_grid:
        names = [layout.legend_cell_text(n) for n in names]
        where = {
            "loc": "center left",
            "bbox_to_anchor": (last_cell.x0, last_cell.y0 + last_cell.height / 2),
        }
    across = grid.width_cm > 12 and not grid.legend_in_grid  # a detailed page: one row
    fig.legend(
        handles,
        names,
        **where,
        fontsize=6.5 if grid.legend_in_grid else 7 if across else 7.5,
        frameon=False,
        ncols=3 if across else 1,
        handlelength=1.3 if grid.legend_in_grid else 2.2,
        handletextpad=0.5,
        borderaxespad=0.0,
    )


def indicator_svg(result: IndicatorResult) -> str:
    """Each grade's 'Alla' share in the municipality (solid, with its 95 % interval as a
    shaded band) and in reference areas (dashed), from chart_data()."""
    data = chart_data(result)
    # The legend sits under the axes, three entries a row: the figure grows by a row's
    # height for every row, so the last row is never cut off (issue 12).
    entries = len(data.lines) + 2
    rows = -(-entries // LEGEND_COLUMNS)
    height = 6.45 + LEGEND_ROW_CM * rows  # the axes keep 4.8 cm
    with report_font():
        fig = figure(
            16.5,
            height,
            {
                "left": 0.075,
                "right": 0.985,
                "bottom": (0.9 + LEGEND_ROW_CM * rows) / height,
                "top": 1 - 0.75 / height,
            },
        )
        ax = fig.add_subplot()
        for line in data.lines:
            _draw_line(ax, line, FULL_SIZES)
        _label_lines(ax, data)
        _style_indicator_axes(ax, data, result.indicator.lower_is_better)
        _indicator_legend(ax, data)
    return svg_text(fig)


@dataclass(frozen=True)
class LineSizes:
    """Line widths and marker sizes: the full chart's, or a small panel's."""

    width: float
    marker: float
    reference_width: float
    reference_marker: float
    reference_edge: float


FULL_SIZES = LineSizes(1.9, 5, 1.2, 3.5, 0.9)
PANEL_SIZES = LineSizes(1.7, 4, 1.1, 3, 0.8)


def _draw_line(
    ax: Axes,
    line: ChartLine,
    sizes: LineSizes,
    reference_colour: str | None = None,
    labelled: bool = True,
) -> None:
    """A reference area's line dashed with hollow markers (in its grade's colour, or
    `reference_colour`); the municipality's solid, over its shaded intervals."""
    colour, marker = GRADE_STYLES.get(line.grade, DEFAULT_STYLE)
    ys = [float("nan") if v is None else v for v in line.values]
    label: dict[str, Any] = {"label": line.label} if labelled else {}
    if line.is_reference:
        ax.plot(
            line.years,
            ys,
            color=reference_colour or colour,
            linestyle=(0, (3, 2)),
            linewidth=sizes.reference_width,
            marker=marker,
            markersize=sizes.reference_marker,
            markerfacecolor="white",
            markeredgewidth=sizes.reference_edge,
            **label,
        )
        return
    _draw_bands(ax, line, colour)
    ax.plot(
        line.years,
        ys,
        color=colour,
        marker=marker,
        markersize=sizes.marker,
        linewidth=sizes.width,
        **label,
    )


def _label_lines(ax: Axes, data: ChartData) -> None:
    for label in data.labels:
        colour, _ = GRADE_STYLES.get(data.lines[label.line].grade, DEFAULT_STYLE)
        ax.annotate(
            label.text,
            (label.year, label.y),
            xytext=(7, 0),
            textcoords="offset points",
            va="center",
            fontsize=8.5,
            fontweight="bold",
            color=colour,
        )


def _style_indicator_axes(ax: Axes, data: ChartData, lower_is_better: bool) -> None:
    """Year ticks, the share scale and the better direction as the title."""
    ticks = list(data.ticks)
    ax.set_xticks(ticks, [str(y) for y in ticks])
    ax.set_xlim(ticks[0] - 0.4, ticks[-1] + 0.4 + 0.1 * max(1, len(ticks) - 1))
    ax.set_ylim(data.y_min, data.y_max)
    ax.yaxis.set_major_formatter(lambda v, _: percent(v))
    style_axes(ax)
    ax.tick_params(labelsize=8.5)
    ax.set_title(
        f"{data.direction} {'↓' if lower_is_better else '↑'}",
        loc="left",
        fontsize=9,
        color=INK,
        fontweight="bold",
        pad=6,
        y=1,
    )


def _indicator_legend(ax: Axes, data: ChartData) -> None:
    """The lines' legend under the axes, with keys for the shading and the dashes in use."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles, names = ax.get_legend_handles_labels()
    if any(not line.is_reference and line.bands for line in data.lines):
        handles.append(Patch(color=MUTED, alpha=0.25, linewidth=0))
        names.append("Skuggat: osäkerhetsintervall (95 %)")
    if any(line.is_reference for line in data.lines):
        handles.append(Line2D([], [], color=MUTED, linestyle=(0, (3, 2)), linewidth=1.2))
        names.append("Streckad linje: jämförelseområde")
    ax.legend(
        handles,
        names,
        loc="upper left",
        bbox_to_anchor=(-0.01, -0.1),
        fontsize=8,
        frameon=False,
        ncols=LEGEND_COLUMNS,
        handlelength=2.2,
        columnspacing=1.6,
    )


def indicator_alt(result: IndicatorResult) -> str:
    """The chart's alternative text: the findings in words, the direction and a pointer
    to the table with every number."""
    if not result.findings:
        return (
            f"Andelen elever som {result.indicator.label}: inga visade värden. "
            "Alla värden finns i tabellen under diagrammet."
        )
    text = " ".join(f.sentence for f in result.findings)
    return f"{text} {direction_text(result)}. Alla värden finns i tabellen under diagrammet."


def indicator_specs(model: ReportModel) -> list[ChartSpec]:
    """Each indicator's chart: full size for the key indicators, compact in the appendix."""
    key = {i.indicator.id for i in model.key_indicators}
    return [indicator_spec(i, i.indicator.id in key) for i in model.indicators]
