"""What the inputs stage hands to the model: the typed tables of every export and what each
sheet contributed. Nothing here reads a file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
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
    """The typed tables of every export. `extra` holds the tables of kinds of input added
    after the activity log and the survey tables, by table name (see report/inputs/kinds)."""

    activities: pd.DataFrame
    survey: pd.DataFrame
    sources: tuple[SourceSheet, ...]
    notes: tuple[str, ...] = field(default_factory=tuple)
    extra: Mapping[str, pd.DataFrame] = field(default_factory=dict)

    @property
    def data_end(self) -> dt.date | None:
        if self.activities.empty:
            return None
        return self.activities["date"].max().date()
