"""Charts as SVG, drawn from model parts only.

Matplotlib's Figure API (no pyplot state), text kept as text in the SVG (searchable and in
the same font as the report), a fixed hash salt and no date stamp so the same model gives
the same bytes.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import matplotlib

from .chartdata import chart_data, direction_text
from .format import month_name, percent, whole
from .model import ActivityResult, IndicatorResult, ReportModel

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
CM = 1 / 2.54


@dataclass(frozen=True)
class Chart:
    id: str
    svg: str
    alt: str

    @property
    def filename(self) -> str:
        return f"{self.id}.svg"


def font_path() -> Path:
    """The TrueType file of the report font, as installed with matplotlib."""
    return Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"


def area_colour(model: ReportModel, area_id: str) -> str:
    ids = [a.id for a in model.promise.focus_areas]
    return AREA_COLOURS[ids.index(area_id) % len(AREA_COLOURS)]


def _figure(width_cm: float, height_cm: float, margins: dict[str, float]):  # -> Figure
    """A figure with fixed margins (a layout engine costs a third of the drawing time)."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width_cm * CM, height_cm * CM), dpi=72)
    fig.subplots_adjust(**margins)
    return fig


def _style_axes(ax) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color(MUTED)
    ax.tick_params(colors=INK, labelsize=7.5, length=2)
    ax.yaxis.grid(True, color=GRID, linewidth=0.6)
    ax.set_axisbelow(True)


def _svg(fig) -> str:
    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.hashsalt": "medborgarlofte", "svg.fonttype": "none",
                                "font.family": FONT_FAMILY}):
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return buffer.getvalue()


def activity_chart(result: ActivityResult, year: int, colour: str) -> Chart:
    with matplotlib.rc_context({"font.family": FONT_FAMILY}):
        fig = _figure(8.2, 4.2, {"left": 0.1, "right": 0.98, "bottom": 0.12, "top": 0.97})
        ax = fig.add_subplot()
        months = range(1, 13)
        ax.bar(months, result.monthly, color=colour, width=0.7, label="Genomförda")
        pace = result.activity.yearly_target / 12
        ax.axhline(pace, color=INK, linestyle=(0, (4, 2)), linewidth=1,
                   label=f"Målets takt ({whole(result.activity.yearly_target)}/år)")
        ax.set_xticks(list(months), [month_name(m)[0].upper() for m in months])
        ax.set_xlim(0.4, 12.6)
        top = max([*result.monthly, pace, 1])
        ax.set_ylim(0, top * 1.25)
        ax.yaxis.get_major_locator().set_params(integer=True)
        _style_axes(ax)
        ax.legend(loc="upper left", fontsize=6.5, frameon=False, ncols=2,
                  handlelength=1.6, borderaxespad=0.1)
    return Chart(f"aktivitet-{result.activity.id}", _svg(fig), activity_alt(result, year))


def activity_alt(result: ActivityResult, year: int) -> str:
    name = result.activity.name
    if result.count is None:
        return f"{name}: inga rader i underlaget för {year}, så diagrammet är tomt."
    best = max(range(12), key=lambda i: result.monthly[i])
    text = (f"{name} per månad {year}: totalt {whole(result.count)} mot målet "
            f"{whole(result.target)}.")
    if result.monthly[best]:
        text += f" Flest i {month_name(best + 1, 'wide')} ({whole(result.monthly[best])})."
    empty = sum(1 for m in result.monthly if m == 0)
    if empty:
        text += f" {empty} av 12 månader utan genomförda aktiviteter."
    return text


def indicator_chart(result: IndicatorResult) -> Chart:
    """Each grade's 'Alla' share in the municipality (solid, with its 95 % interval as a
    shaded band) and in reference areas (dashed), from chart_data()."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    data = chart_data(result)
    with matplotlib.rc_context({"font.family": FONT_FAMILY}):
        fig = _figure(16.5, 7.4, {"left": 0.075, "right": 0.985, "bottom": 0.25,
                                  "top": 0.9})
        ax = fig.add_subplot()
        for line in data.lines:
            colour, marker = GRADE_STYLES.get(line.grade, DEFAULT_STYLE)
            ys = [float("nan") if v is None else v for v in line.values]
            if line.is_reference:
                ax.plot(line.years, ys, color=colour, linestyle=(0, (3, 2)), linewidth=1.2,
                        marker=marker, markersize=3.5, markerfacecolor="white",
                        markeredgewidth=0.9, label=line.label)
                continue
            for band in line.bands:
                if len(band.years) > 1:
                    ax.fill_between(band.years, band.low, band.high, color=colour, alpha=0.13,
                                    linewidth=0)
                else:
                    ax.vlines(band.years, band.low, band.high, color=colour, alpha=0.35,
                              linewidth=3)
            ax.plot(line.years, ys, color=colour, marker=marker, markersize=5, linewidth=1.9,
                    label=line.label)
        for label in data.labels:
            colour, _ = GRADE_STYLES.get(data.lines[label.line].grade, DEFAULT_STYLE)
            ax.annotate(label.text, (label.year, label.y), xytext=(7, 0),
                        textcoords="offset points", va="center", fontsize=8.5,
                        fontweight="bold", color=colour)
        ticks = list(data.ticks)
        ax.set_xticks(ticks, [str(y) for y in ticks])
        ax.set_xlim(ticks[0] - 0.4, ticks[-1] + 0.4 + 0.1 * max(1, len(ticks) - 1))
        ax.set_ylim(data.y_min, data.y_max)
        ax.yaxis.set_major_formatter(lambda v, _: percent(v))
        _style_axes(ax)
        ax.tick_params(labelsize=8.5)
        ax.set_title(f"{data.direction} {'↓' if result.indicator.lower_is_better else '↑'}",
                     loc="left", fontsize=9, color=INK, fontweight="bold", pad=6)
        handles, names = ax.get_legend_handles_labels()
        if any(not line.is_reference and line.bands for line in data.lines):
            handles.append(Patch(color=MUTED, alpha=0.25, linewidth=0))
            names.append("Skuggat: osäkerhetsintervall (95 %)")
        if any(line.is_reference for line in data.lines):
            handles.append(Line2D([], [], color=MUTED, linestyle=(0, (3, 2)), linewidth=1.2))
            names.append("Streckad linje: jämförelseområde")
        ax.legend(handles, names, loc="upper left", bbox_to_anchor=(-0.01, -0.1),
                  fontsize=8, frameon=False, ncols=3, handlelength=2.2, columnspacing=1.6)
    return Chart(f"indikator-{result.indicator.id}", _svg(fig), indicator_alt(result))


def indicator_alt(result: IndicatorResult) -> str:
    """The chart's alternative text: the findings in words, the direction and a pointer
    to the table with every number."""
    if not result.findings:
        return (f"Andelen elever som {result.indicator.label}: inga visade värden. "
                "Alla värden finns i tabellen under diagrammet.")
    text = " ".join(f.sentence for f in result.findings)
    return (f"{text} {direction_text(result)}. Alla värden finns i tabellen under "
            "diagrammet.")


def build_charts(model: ReportModel) -> tuple[Chart, ...]:
    charts = [activity_chart(a, model.year, area_colour(model, a.focus_area.id))
              for a in model.activities]
    charts += [indicator_chart(i) for i in model.indicators]
    return tuple(charts)
