"""A line's markers drawn as one path, so the chart's SVG holds one element per line.

Matplotlib's SVG writes each marker as its own `<use>` element, and WeasyPrint draws every
element of an SVG on its own: a chart of five small multiples carried 125 markers. Drawn
as one compound path (the same shape at every point, the same colours and stroke) they
look the same at a fraction of the cost (see report/charts/lean_svg.py for the figures).
"""

from __future__ import annotations

import math

import numpy as np
from matplotlib.artist import Artist
from matplotlib.colors import to_rgba
from matplotlib.lines import Line2D
from matplotlib.markers import MarkerStyle
from matplotlib.path import Path
from matplotlib.transforms import Affine2D, IdentityTransform


class MarkerPath(Artist):
    """The markers of `line` as one path; the line itself is left to draw without them."""

    def __init__(self, line: Line2D) -> None:
        super().__init__()
        self._points = np.array(line.get_xydata(), dtype=float)
        self._transform = line.get_transform()
        self._style = MarkerStyle(line.get_marker(), line.get_fillstyle())
        self._size = line.get_markersize()
        self._edge = to_rgba(line.get_markeredgecolor(), line.get_alpha())
        self._face = to_rgba(line.get_markerfacecolor(), line.get_alpha())
        self._edge_width = line.get_markeredgewidth()
        self.set_zorder(line.get_zorder())
        self.set_clip_on(line.get_clip_on())
        self.set_clip_box(line.get_clip_box())
        self.set_clip_path(line.get_clip_path())

    def draw(self, renderer) -> None:
        if not self.get_visible():
            return
        scale = renderer.points_to_pixels(self._size)
        shape = self._style.get_path().transformed(
            self._style.get_transform() + Affine2D().scale(scale)
        )
        points = [
            (x, y)
            for x, y in self._transform.transform(self._points)
            if math.isfinite(x) and math.isfinite(y)
        ]
        if not points:
            return
        path = Path.make_compound_path(
            *(shape.transformed(Affine2D().translate(x, y)) for x, y in points)
        )
        gc = renderer.new_gc()
        # Clipped as matplotlib's own artists are (a private method the stubs leave out).
        self._set_gc_clip(gc)  # type: ignore[attr-defined]
        gc.set_foreground(self._edge, isRGBA=True)
        gc.set_linewidth(self._edge_width)
        gc.set_joinstyle(self._style.get_joinstyle())
        gc.set_capstyle(self._style.get_capstyle())
        renderer.draw_path(gc, path, IdentityTransform(), self._face)
        gc.restore()


def merge_markers(fig) -> None:
    """Every line of the figure's axes with markers: its markers as one MarkerPath."""
    for ax in fig.axes:
        for line in list(ax.lines):
            if line.get_marker() in (None, "", "None", " ") or not len(line.get_xydata()):
                continue
            ax.add_artist(MarkerPath(line))
            line.set_marker("None")
