"""Column widths of the survey tables, from their text.

With widths given, WeasyPrint lays a table out in fixed widths (CSS table-layout: fixed)
instead of measuring every cell's shortest and longest line first (automatic layout); at
forty indicators that measuring was a fifth of the layout time.

Widths are in `ch`, the advance of a digit in the table's font (DejaVu Sans: 0.64 em),
which is wider than its average letter, so a label of n characters fits in n ch. A table
wider than its box takes the box's width instead, its year columns sharing what is left;
a label that still does not fit wraps at its spaces.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from report.charts.survey_data import SurveyRow

CELL_PADDING_CH = 3  # the cells' side paddings (at most 2 + 2 mm at 7 pt: 2.6 ch)
YEAR_CH = 8  # "100 %" or "–*", and padding
# The boxes the tables sit in, in ch of their 7 pt font (1 ch = 1.57 mm; templates/report.css):
PAGE_CH = 105  # a detailed indicator's table: the page's text width, 168 mm
APPENDIX_CH = 46  # the appendix's table column beside its chart, 75 mm
HEADINGS = ("Årskurs", "Grupp")  # the tables' first two column headings


@dataclass(frozen=True)
class TableColumns:
    grade: int  # ch
    group: int  # ch
    width: str  # the table's CSS width


def table_columns(rows: Sequence[SurveyRow], years: int, room: int = PAGE_CH) -> TableColumns:
    """The grade and group columns as wide as their longest label (or heading) and the
    table as wide as its columns, at most `room` ch."""
    grade = max(len(HEADINGS[0]), *(len(r.grade) for r in rows)) + CELL_PADDING_CH
    group = max(len(HEADINGS[1]), *(len(r.group) for r in rows)) + CELL_PADDING_CH
    total = grade + group + years * YEAR_CH
    return TableColumns(grade, group, f"{total}ch" if total <= room else "100%")
