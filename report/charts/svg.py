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
from pathlib import Path

from report.charts.lean_svg import lean_svg
from report.format import decimal, whole
from report.model.report import ReportModel

FONT_FAMILY = "DejaVu Sans"  # ships with matplotlib; the report's CSS loads the same file
INK = "#1a1a1a"
MUTED = "#595959"
GRID = "#d9d9d9"

# One colour per focus area, used everywhere in the report (checked ≥ 4.5:1 on white).
AREA_COLOURS = ("#1f5f8b", "#7a3b8f", "#2e6b3f", "#8a4b08", "#5b5b5b")
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


def report_font():  # -> a context manager
    import matplotlib

    return matplotlib.rc_context({"font.family": FONT_FAMILY})


def area_colour(model: ReportModel, area_id: str) -> str:
    ids = [a.id for a in model.promise.focus_areas]
    return AREA_COLOURS[ids.index(area_id) % len(AREA_COLOURS)]


def figure(width_cm: float, height_cm: float, margins: dict[str, float]):
    """A figure with fixed margins (a layout engine costs a third of the drawing time)."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width_cm * CM, height_cm * CM), dpi=72)
    fig.subplots_adjust(**margins)
    return fig


def style_axes(ax) -> None:
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


def svg_text(fig) -> str:
    import matplotlib

    from report.charts.markers import merge_markers

    merge_markers(fig)
    buffer = io.StringIO()
    with matplotlib.rc_context(
        {"svg.hashsalt": "medborgarlofte", "svg.fonttype": "none", "font.family": FONT_FAMILY}
    ):
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return lean_svg(buffer.getvalue())
