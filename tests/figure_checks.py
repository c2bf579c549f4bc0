"""Checks on drawn matplotlib figures: no text leaves the figure, no panel title runs into
another panel. Drawn with the Agg renderer, so the extents are the real ones."""

from __future__ import annotations


def texts_outside(fig) -> list[str]:
    """The visible axes (named by their title or first tick label), figure texts and legend
    entries whose drawn extent – tick labels, titles, value labels, everything drawn –
    leaves the figure."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    box = fig.bbox

    def outside(extent) -> bool:
        return (
            extent.x0 < box.x0 - 0.5
            or extent.x1 > box.x1 + 0.5
            or extent.y0 < box.y0 - 0.5
            or extent.y1 > box.y1 + 0.5
        )

    found = [
        ax.get_title(loc="left") or ax.get_yticklabels()[0].get_text()
        for ax in fig.axes
        if ax.get_visible() and outside(ax.get_tightbbox(renderer))
    ]
    found += [t.get_text() for t in fig.texts if outside(t.get_window_extent(renderer))]
    found += [
        text.get_text()
        for legend in fig.legends
        for text in legend.get_texts()
        if outside(text.get_window_extent(renderer))
    ]
    return found


def _left_title(ax):
    """The title drawn with loc="left" (matplotlib keeps it apart from ax.title)."""
    return ax._left_title


def overlapping_titles(fig) -> list[tuple[str, str]]:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    titles = [_left_title(ax) for ax in fig.axes]
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in titles]
    frames = [
        (t.get_text(), ax.get_tightbbox(renderer)) for t, ax in zip(titles, fig.axes, strict=True)
    ]
    pairs = []
    for name, title in boxes:
        for other, frame in frames:
            if other != name and title.overlaps(frame):
                pairs.append((name, other))
    return pairs
