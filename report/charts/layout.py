"""How the activity charts stay readable at any number of activities (issue 16, item 3), and
the activity charts' alternative texts.

Pure functions, no drawing: which activities go into which chart, how names wrap, and how
much room each bar, panel and title gets. A chart with more bars or panels than fit on a
page is split into parts, each a chart of its own with its own id, alternative text and
caption; the first part keeps the chart's id, the others get ".2", ".3" ... (a dot never
appears in an id from the promise file, so no id can clash). The template asks for the
parts through `fulfilment_parts` and `years_parts`; `catalogue.report_chart_specs` draws the same
parts.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

from report.format import month_name, percent, whole
from report.model.report import ActivityResult, FocusSection, ReportModel

# The summary chart ("Andel av årets mål per aktivitet")
FULFILMENT_ID = "maluppfyllelse"
MAX_BARS = 20  # bars in one summary chart
MAX_BARS_CM = 15.0  # the bars' height in one summary chart, so a part shares a page
LABEL_CHARS = 42  # characters on a line of an activity's name beside its bar
LINE_CM = 0.33  # one line of 7.5 pt text
BAR_CM = 0.6  # the slot of a bar whose name fits on one line
LONG_WORD_SLACK = 3
BAR_GAP_CM = 0.27  # space between two slots when a name takes several lines

# The focus areas' "Antal per år" charts: small multiples, one panel per activity
YEARS_COLUMNS = 4  # panels in a row, at most
YEARS_ROWS = 3  # rows of panels in one chart, at most
YEARS_WIDTH_CM = 16.5
YEARS_GAP_CM = 0.8  # between two panels of a row: the right panel's tick labels sit there
TITLE_CM_PER_CHAR = 0.17  # a generous average width of a 7.5 pt character


@dataclass(frozen=True)
class ChartPart:
    """One chart of a chart split into parts: items [start, stop) of `total`."""

    id: str
    number: int
    count: int
    start: int
    stop: int
    total: int

    @property
    def continued(self) -> bool:
        return self.number > 1

    @property
    def span(self) -> str:
        """Which activities the part shows, in words ("aktivitet 21–40 av 60")."""
        if self.count == 1:
            return f"alla {self.total} aktiviteter" if self.total > 1 else "en aktivitet"
        if self.stop - self.start == 1:
            return f"aktivitet {self.stop} av {self.total}"
        return f"aktivitet {self.start + 1}–{self.stop} av {self.total}"


def part_id(base: str, number: int) -> str:
    return base if number == 1 else f"{base}.{number}"


def balanced_sizes(total: int, most: int) -> list[int]:
    """`total` items in as few parts of at most `most` as possible, the parts as even as can
    be (60 by at most 20: 20, 20, 20; 45: 15, 15, 15)."""
    if total <= 0:
        return []
    count = math.ceil(total / most)
    small, extra = divmod(total, count)
    return [small + (1 if i < extra else 0) for i in range(count)]


def parts_of(base: str, sizes: Sequence[int]) -> tuple[ChartPart, ...]:
    total = sum(sizes)
    out, start = [], 0
    for number, size in enumerate(sizes, 1):
        out.append(ChartPart(part_id(base, number), number, len(sizes), start, start + size, total))
        start += size
    return tuple(out)


def wrap_label(text: str, width: int) -> str:
    """The text in lines of about `width` characters: a word a little longer than that
    keeps its line, a word much longer (over LONG_WORD_SLACK more) is broken."""
    lines = textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)
    out: list[str] = []
    for line in lines:
        if len(line) > width + LONG_WORD_SLACK:
            out += textwrap.wrap(line, width + LONG_WORD_SLACK, break_long_words=True)
        else:
            out.append(line)
    return "\n".join(out) if out else text


def line_count(text: str) -> int:
    return text.count("\n") + 1


# --- the summary chart ---------------------------------------------------------------------


def bar_label(result: ActivityResult) -> str:
    return wrap_label(result.activity.name, LABEL_CHARS)


def bar_slot(label: str) -> float:
    """The height (cm) a bar takes with its wrapped name."""
    return max(BAR_CM, LINE_CM * line_count(label) + BAR_GAP_CM)


def fulfilment_sizes(results: Sequence[ActivityResult]) -> list[int]:
    """How many bars each summary chart takes: even parts of at most MAX_BARS bars, and a
    part ends early when its bars would grow taller than MAX_BARS_CM (long names)."""
    sizes: list[int] = []
    target = (balanced_sizes(len(results), MAX_BARS) or [0])[0]
    size, height = 0, 0.0
    for result in results:
        slot = bar_slot(bar_label(result))
        if size and (size >= target or height + slot > MAX_BARS_CM):
            sizes.append(size)
            size, height = 0, 0.0
        size, height = size + 1, height + slot
    if size:
        sizes.append(size)
    return sizes


def fulfilment_parts(model: ReportModel) -> tuple[ChartPart, ...]:
    return parts_of(FULFILMENT_ID, fulfilment_sizes(model.activities))


def fulfilment_alt(model: ReportModel, part: ChartPart | None = None) -> str:
    """The summary chart's alternative text; for one part of several, that part's bars."""
    rows = list(model.activities)
    if part is not None:
        rows = rows[part.start : part.stop]
    done = [r.activity.name for r in rows if r.status.key == "done"]
    others = [
        f"{r.activity.name} ({r.status.label.lower()}"
        + (f", {percent(r.fulfilment)}" if r.fulfilment is not None else "")
        + ")"
        for r in rows
        if r.status.key != "done"
    ]
    if part is None or part.count == 1:
        alt = (
            f"Andel av årets mål {model.year_label} per aktivitet. {len(done)} av {len(rows)} "
            "aktiviteter har nått målet"
        )
    else:
        alt = (
            f"Andel av årets mål {model.year_label} per aktivitet, diagram {part.number} av "
            f"{part.count} ({part.span}). {len(done)} av de {len(rows)} aktiviteterna i "
            "diagrammet har nått målet"
        )
        if done:
            alt += f": {', '.join(done)}"
    return alt + (f"; övriga: {', '.join(others)}." if others else ".")


# --- the focus areas' "Antal per år" charts ------------------------------------------------


def years_parts(section: FocusSection) -> tuple[ChartPart, ...]:
    sizes = balanced_sizes(len(section.activities), YEARS_COLUMNS * YEARS_ROWS)
    return parts_of(f"ar-{section.area.id}", sizes)


def years_grid(panels: int) -> tuple[int, int]:
    """(rows, columns) for `panels` panels: at most YEARS_COLUMNS a row, rows as even as
    can be (5 panels: 3 + 2; 10 panels: 4 + 3 + 3)."""
    rows = max(1, math.ceil(panels / YEARS_COLUMNS))
    return rows, max(1, math.ceil(panels / rows))


def title_chars(columns: int) -> int:
    """Characters on a line of a panel's title, so it stays over its own panel."""
    return max(10, int(panel_width_cm(columns) / TITLE_CM_PER_CHAR))


def panel_width_cm(columns: int) -> float:
    """The width of a panel's axes in a row of `columns` (the figure's left 5 % and the gap
    after each panel hold tick labels)."""
    return YEARS_WIDTH_CM * 0.94 / columns - YEARS_GAP_CM


def panel_title(result: ActivityResult, columns: int) -> str:
    """The activity's name wrapped to its panel, however long: the row of panels grows."""
    return wrap_label(result.activity.name, title_chars(columns))


def years_alt(section: FocusSection, part: ChartPart | None = None) -> str:
    results = list(section.activities)
    if part is not None:
        results = results[part.start : part.stop]
    texts = []
    for result in results:
        series = ", ".join(f"{y}: {whole(c)}" for y, c in result.yearly_counts)
        texts.append(
            f"{result.activity.name} (mål {whole(result.activity.yearly_target)} per år): {series}."
        )
    head = "Antal per år."
    if part is not None and part.count > 1:
        head = (
            f"Antal per år, {section.area.name}, diagram {part.number} av {part.count} "
            f"({part.span})."
        )
    return " ".join([head, *texts])


# --- alternative texts of the monthly charts -----------------------------------------------


def activity_alt(result: ActivityResult, year: int) -> str:
    name = result.activity.name
    if result.count is None:
        return f"{name}: inga rader i underlaget för {year}, så diagrammet är tomt."
    best = max(range(12), key=lambda i: result.monthly[i])
    text = (
        f"{name} per månad {year}: totalt {whole(result.count)} mot målet {whole(result.target)}."
    )
    if result.monthly[best]:
        text += f" Flest i {month_name(best + 1, 'wide')} ({whole(result.monthly[best])})."
    empty = sum(1 for m in result.monthly if m == 0)
    if empty:
        text += f" {empty} av 12 månader utan genomförda aktiviteter."
    return text


def area_alt(section: FocusSection, year: int) -> str:
    monthly = section.monthly
    pace = section.yearly_target / 12
    total = sum(monthly)
    best = max(range(12), key=lambda i: monthly[i])
    return (
        f"{section.area.name}: {whole(total)} genomförda aktiviteter {year} mot målen "
        f"{whole(section.yearly_target)}. Flest i {month_name(best + 1, 'wide')} "
        f"({whole(monthly[best])}); "
        f"{sum(1 for m in monthly if m >= pace)} av 12 månader i nivå med målens takt."
    )


# --- the survey indicators' small multiples ------------------------------------------------

KEY_MULTIPLES_COLUMNS = 5  # a detailed page: the grades side by side, at the page's width
COMPACT_MULTIPLES_COLUMNS = 3  # the appendix: beside the table
VALUE_LABEL_CM = 0.95  # room right of a panel's last point for its bold "58 %" label


@dataclass(frozen=True)
class MultiplesGrid:
    """Where the panels of an indicator's small multiples go, in cm."""

    width_cm: float
    rows: int
    columns: int
    panel_cm: float
    legend_in_grid: bool  # the legend fills the grid's empty last cell

    @property
    def axes_cm(self) -> float:
        """The width of one panel's axes (the rest of the row holds tick labels)."""
        return (self.width_cm * 0.84) / self.columns - 0.45

    def years_room(self, first: int, last: int) -> float:
        """How many years to add right of the last year so the value label stays inside
        its own panel, clear of the next one."""
        span = last - first + 0.8
        return span * VALUE_LABEL_CM / max(self.axes_cm - VALUE_LABEL_CM, 0.5)


def multiples_grid(panels: int, key: bool) -> MultiplesGrid:
    """A detailed page's multiples: up to five panels a row across the page; the
    appendix's: three a row beside the table, the legend in an empty cell if there is one."""
    most = KEY_MULTIPLES_COLUMNS if key else COMPACT_MULTIPLES_COLUMNS
    rows = max(1, math.ceil(panels / most))
    columns = max(1, min(most, math.ceil(panels / rows)))
    if key:
        return MultiplesGrid(16.5, rows, columns, 2.5, False)
    columns = min(most, panels) if rows == 1 else most
    return MultiplesGrid(8.8, rows, columns, 2.2, rows * columns > panels)


LEGEND_CELL_CHARS = 13  # a line of the legend in an empty panel cell of the appendix


def legend_cell_text(name: str) -> str:
    """A legend entry wrapped for an empty panel cell: after its colon, then by words, and
    the one long word hyphenated ("osäkerhets-intervall")."""
    head, colon, tail = name.partition(": ")
    lines = [head + ":"] if colon else []
    tail = (tail if colon else head).replace("osäkerhetsintervall", "osäkerhets- intervall")
    tail = tail.replace(" %", "\u00a0%")  # a number and its sign stay on one line
    lines += wrap_label(tail, LEGEND_CELL_CHARS).split("\n")
    return "\n".join(lines)
