"""The colours of the weekday-by-time table of an outcome from an event log."""

from __future__ import annotations

# The weekday-by-time table: a cell's blue deepens with its count, from a tint to the full
# colour; its number is black or white, whichever contrasts more. With black and white text
# every background keeps at least 4.58:1, above WCAG's 4.5:1 for normal text.
HEAT_COLOUR = (31, 78, 121)
HEAT_LIGHTEST = 0.08


def _luminance(rgb: tuple[int, ...]) -> float:
    """WCAG 2.1 relative luminance of an sRGB colour."""

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first: tuple[int, ...], second: tuple[int, ...]) -> float:
    """WCAG 2.1 contrast ratio of two sRGB colours (1 to 21)."""
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def heat_colours(count: int, top: int) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    """Background and text colour of a cell holding `count` when the largest is `top`."""
    share = count / top if top else 0.0
    weight = HEAT_LIGHTEST + (1 - HEAT_LIGHTEST) * share
    r, g, b = (round(255 + (c - 255) * weight) for c in HEAT_COLOUR)
    background = (r, g, b)
    text = max(((0, 0, 0), (255, 255, 255)), key=lambda colour: contrast(colour, background))
    return background, text


def heat_style(count: int, top: int) -> str:
    background, text = heat_colours(count, top)
    return "background: #{:02x}{:02x}{:02x}; color: #{:02x}{:02x}{:02x}".format(*background, *text)
