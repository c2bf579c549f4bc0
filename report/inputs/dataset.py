"""What the inputs stage hands to the model: the typed tables of every export and what each
sheet contributed. Nothing here reads a file."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd


@dataclass(frozen=True)
class SourceSheet:
    """What one sheet contributed: shown in Om underlaget and by `make check`."""

    file: str
    sheet: str
    kind: str
    rows: int
    first: str
    last: str


@dataclass(frozen=True)
class Dataset:
    """The typed tables of every export, one field per table the kinds of input fill (a
    kind's Table is named after its field: report/inputs/kinds/registry.py), what each sheet
    contributed, and notes for the analyst."""

    activities: pd.DataFrame  # activity logs
    survey: pd.DataFrame  # survey tables, long and wide
    sources: tuple[SourceSheet, ...]
    notes: tuple[str, ...] = field(default_factory=tuple)
    events: pd.DataFrame = field(default_factory=pd.DataFrame)  # event logs
    statistics: pd.DataFrame = field(default_factory=pd.DataFrame)  # statistics tables

    @property
    def data_end(self) -> dt.date | None:
        if self.activities.empty:
            return None
        return self.activities["date"].max().date()
