"""The registry of kinds of input: every caller that needs to know which kinds exist (header
detection, validation, `make check`, the Excel templates, the README's column tables via
tests/test_docs.py) iterates over KINDS instead of naming kinds.

How to add a kind of input (say "Händelselogg"):

1. Write `report/inputs/kinds/<kind>.py` on the pattern of activity.py: its COLUMNS (Column with
   title, aliases and a description for the README), the InputTable its typed rows go into (reuse
   one, as survey_wide.py reuses the survey table, or declare a new one: then the Dataset in
   report/inputs/dataset.py gets a field of the table's name), its parser (`parse`: a
   cells.SheetInput, the sheet with its Header -> a base.Parsed: typed frame, SourceSheet,
   notes and its problems in reading order) and a `KIND`.
   Header recognition comes free with `keyed_candidate` (a row naming the kind's columns);
   a layout of its own gives its own `candidate` and `complete`, as survey_wide.py does.
2. Add its KIND to KINDS below. The order breaks ties between kinds on the same header row.

Validation then collects its problems and puts its rows in the Dataset's field of its
table; `make check` lists its sheets, and tests/test_docs.py asks the README for its
columns. What the model does with the table is the model's business.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from report.errors import Problem
from report.inputs.kinds import activity, events, statistics, survey_long, survey_wide
from report.inputs.kinds.base import Column, Header, InputTable, Kind, alias_table, find_header
from report.inputs.sheets import RawSheet

KINDS: tuple[Kind, ...] = (
    activity.KIND,
    survey_long.KIND,
    survey_wide.KIND,
    events.KIND,
    statistics.KIND,
    statistics.WIDE_KIND,
)


def tables() -> tuple[InputTable, ...]:
    """The typed tables the kinds fill, each once, in the order of KINDS."""
    return tuple({kind.table.name: kind.table for kind in KINDS}.values())


def all_columns() -> tuple[Column, ...]:
    """Every column key once, as the first kind naming it has it (kinds share keys when
    they share header names: År, Indikator, Område), in registry order."""
    first: dict[str, Column] = {}
    for column in every_column():
        first.setdefault(column.key, column)
    return tuple(first.values())


def every_column() -> tuple[Column, ...]:
    """Every column of every kind, shared keys once per kind: a kind may accept more names
    for a shared key than another (Värde, KPI), and every name counts."""
    return tuple(column for kind in KINDS for column in kind.columns)


def kind_named(name: str) -> Kind:
    return next(kind for kind in KINDS if kind.name == name)


def columns_of(name: str) -> tuple[Column, ...]:
    return kind_named(name).columns


def title_of(key: str) -> str:
    return next(c.title for c in all_columns() if c.key == key)


def header_aliases(extra: Iterable[tuple[str, tuple[str, ...]]] = ()) -> dict[str, str]:
    """Normalised header text -> column key for every kind, plus the promise file's aliases."""
    return alias_table(every_column(), extra)


def detect_header(
    sheet: RawSheet, table: Mapping[str, str], today: dt.date | None = None
) -> Header | list[Problem] | None:
    """The header row of a sheet as one of the KINDS; see base.find_header."""
    return find_header(sheet, table, KINDS, today)
