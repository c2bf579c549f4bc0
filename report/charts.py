"""Charts as SVG, drawn from model parts only.

Matplotlib's Figure API (no pyplot state), text kept as text in the SVG (searchable and in
the same font as the report), a fixed hash salt and no date stamp so the same model gives
the same bytes.
"""

from __future__ import annotations

import importlib.util
import io
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from . import chart_layout as layout
from .chart_layout import ChartPart, activity_alt, area_alt
from .chartdata import ChartLine, chart_data, direction_text, panels, uses_multiples
from .format import decimal, month_name, percent, whole
from .lean_svg import lean_svg
from .model import ActivityResult, FocusSection, IndicatorResult, ReportModel

FONT_FAMILY = "DejaVu Sans"  # ships with matplotlib; the report's CSS loads the same file
INK = "#1a1a1a"
MUTED = "#595959"
GRID = "#d9d9d9"
# One colour per focus area, used everywhere in the report (checked ≥ 4.5:1 on white).
AREA_COLOURS = ("#1f5f8b", "#7a3b8f", "#2e6b3f", "#8a4b08", "#5b5b5b")
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
MONTHS = tuple(range(1, 13))
LEGEND_COLUMNS = 3
LEGEND_ROW_CM = 0.5
# A value label over a bar: a white box behind it, drawn above the dashed target line, so
# the line never strikes a number through (issue 12).
LABEL_BOX = {"facecolor": "white", "edgecolor": "none", "pad": 0.6, "alpha": 0.9}
CM = 1 / 2.54


@dataclass(frozen=True)
class Chart:
    id: str
    svg: str
    alt: str


@dataclass(frozen=True)
class ChartSpec:
    """A chart before it is drawn: its id and alternative text (cheap, known at once) and
    how to draw it (a partial of a module-level function on model parts, so a worker
    process can draw it)."""

    id: str
    alt: str
    draw: Callable[[], str]

    def chart(self) -> Chart:
        return Chart(self.id, self.draw(), self.alt)


def font_path() -> Path:
    """The TrueType file of the report font, as installed with matplotlib (in its package
    folder's mpl-data, where matplotlib.get_data_path() points), found without importing
    matplotlib: the main process lays out the PDF and leaves the drawing to workers."""
    spec = importlib.util.find_spec("matplotlib")
    assert spec is not None and spec.submodule_search_locations
    package = Path(next(iter(spec.submodule_search_locations)))
    return package / "mpl-data" / "fonts" / "ttf" / "DejaVuSans.ttf"


def _report_font():  # -> a context manager
    import matplotlib

    return matplotlib.rc_context({"font.family": FONT_FAMILY})


def area_colour(model: ReportModel, area_id: str) -> str:
    ids = [a.id for a in model.promise.focus_areas]
    return AREA_COLOURS[ids.index(area_id) % len(AREA_COLOURS)]


def _figure(width_cm: float, height_cm: float, margins: dict[str, float]):
    """A figure with fixed margins (a layout engine costs a third of the drawing time)."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width_cm * CM, height_cm * CM), dpi=72)
    fig.subplots_adjust(**margins)
    return fig


def _draw_bands(ax, line: ChartLine, colour: str) -> None:
    """A series' 95 % interval: a shaded band over consecutive years, a bar at a lone year."""
    for band in line.bands:
        if len(band.years) > 1:
            ax.fill_between(band.years, band.low, band.high, color=colour, alpha=0.13, linewidth=0)
        else:
            ax.vlines(band.years, band.low, band.high, color=colour, alpha=0.35, linewidth=3)


def _style_axes(ax) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color(MUTED)
    # No tick marks (the grid lines and the axis carry the scale): labels where 2 pt marks
    # and their 3.5 pt pad put them, and a fifth fewer elements for WeasyPrint to draw.
    ax.tick_params(colors=INK, labelsize=7.5, length=0, pad=5.5)
    if type(ax.yaxis.get_major_formatter()).__name__ == "ScalarFormatter":
        ax.yaxis.set_major_formatter(lambda v, _: whole(v) if v == int(v) else decimal(v))
    ax.yaxis.grid(True, color=GRID, linewidth=0.6)
    ax.set_axisbelow(True)


def _svg(fig) -> str:
    import matplotlib

    from .chart_markers import merge_markers

    merge_markers(fig)
    buffer = io.StringIO()
    with matplotlib.rc_context(
        {"svg.hashsalt": "medborgarlofte", "svg.fonttype": "none", "font.family": FONT_FAMILY}
    ):
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return lean_svg(buffer.getvalue())


def activity_spec(
    result: ActivityResult, year: int, colour: str, counted: tuple[int, ...] = MONTHS
) -> ChartSpec:
    return ChartSpec(
        f"aktivitet-{result.activity.id}",
        activity_alt(result, year),
        partial(activity_svg, result, colour, counted),
    )


def activity_svg(result: ActivityResult, colour: str, counted: tuple[int, ...] = MONTHS) -> str:
    with _report_font():
        fig = _figure(8.2, 4.2, {"left": 0.1, "right": 0.98, "bottom": 0.12, "top": 0.97})
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
        _style_axes(ax)
        ax.legend(
            loc="upper left",
            fontsize=6.5,
            frameon=False,
            ncols=2,
            handlelength=1.6,
            borderaxespad=0.1,
        )
    return _svg(fig)


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
    return _svg(indicator_multiples_figure(result, key))


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
    with _report_font():
        fig = _figure(
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
        colour, marker = GRADE_STYLES.get(line.grade, DEFAULT_STYLE)
        ys = [float("nan") if v is None else v for v in line.values]
        if line.is_reference:
            ax.plot(
                line.years,
                ys,
                color=MUTED,
                linestyle=(0, (3, 2)),
                linewidth=1.1,
                marker=marker,
                markersize=3,
                markerfacecolor="white",
                markeredgewidth=0.8,
            )
            continue
        _draw_bands(ax, line, colour)
        ax.plot(line.years, ys, color=colour, marker=marker, markersize=4, linewidth=1.7)
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
    _style_axes(ax)
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
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    data = chart_data(result)
    # The legend sits under the axes, three entries a row: the figure grows by a row's
    # height for every row, so the last row is never cut off (issue 12).
    entries = len(data.lines) + 2
    rows = -(-entries // LEGEND_COLUMNS)
    height = 6.45 + LEGEND_ROW_CM * rows  # the axes keep 4.8 cm
    with _report_font():
        fig = _figure(
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
            colour, marker = GRADE_STYLES.get(line.grade, DEFAULT_STYLE)
            ys = [float("nan") if v is None else v for v in line.values]
            if line.is_reference:
                ax.plot(
                    line.years,
                    ys,
                    color=colour,
                    linestyle=(0, (3, 2)),
                    linewidth=1.2,
                    marker=marker,
                    markersize=3.5,
                    markerfacecolor="white",
                    markeredgewidth=0.9,
                    label=line.label,
                )
                continue
            _draw_bands(ax, line, colour)
            ax.plot(
                line.years,
                ys,
                color=colour,
                marker=marker,
                markersize=5,
                linewidth=1.9,
                label=line.label,
            )
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
        ticks = list(data.ticks)
        ax.set_xticks(ticks, [str(y) for y in ticks])
        ax.set_xlim(ticks[0] - 0.4, ticks[-1] + 0.4 + 0.1 * max(1, len(ticks) - 1))
        ax.set_ylim(data.y_min, data.y_max)
        ax.yaxis.set_major_formatter(lambda v, _: percent(v))
        _style_axes(ax)
        ax.tick_params(labelsize=8.5)
        ax.set_title(
            f"{data.direction} {'↓' if result.indicator.lower_is_better else '↑'}",
            loc="left",
            fontsize=9,
            color=INK,
            fontweight="bold",
            pad=6,
            y=1,
        )
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
    return _svg(fig)


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
    return _svg(fulfilment_figure(model, part))


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
    with _report_font():
        fig = _figure(
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
        _style_axes(ax)
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
    with _report_font():
        fig = _figure(16.5, 5.0, {"left": 0.06, "right": 0.99, "bottom": 0.12, "top": 0.9})
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
        _style_axes(ax)
        ax.legend(
            loc="lower left",
            bbox_to_anchor=(0, 1.0),
            fontsize=7,
            frameon=False,
            ncols=2,
            borderaxespad=0.2,
        )
    return _svg(fig)


def years_specs(section: FocusSection, colour: str) -> tuple[ChartSpec, ...]:
    """The focus area's "Antal per år" charts, in parts of at most YEARS_ROWS rows."""
    return tuple(
        ChartSpec(
            part.id, layout.years_alt(section, part), partial(years_svg, section, colour, part)
        )
        for part in layout.years_parts(section)
    )


def years_svg(section: FocusSection, colour: str, part: ChartPart | None = None) -> str:
    return _svg(years_figure(section, colour, part))


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
    with _report_font():
        fig = _figure(
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
    _style_axes(ax)


def chart_specs(model: ReportModel) -> tuple[ChartSpec, ...]:
    """Every chart of the report, in the order the report shows them."""
    specs = list(fulfilment_specs(model))
    for section in model.sections:
        colour = area_colour(model, section.area.id)
        specs.append(area_spec(section, model.year, colour, counted_months(model)))
        specs += years_specs(section, colour)
    specs += [
        activity_spec(a, model.year, area_colour(model, a.focus_area.id), counted_months(model))
        for a in model.activities
    ]
    key = {i.indicator.id for i in model.key_indicators}
    specs += [indicator_spec(i, i.indicator.id in key) for i in model.indicators]
    return tuple(specs)
