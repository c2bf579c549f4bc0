"""The vocabulary the reading side and the model share: groups of pupils, the parties of a
promise, and the typed data set the reading side hands to the model.

Nothing here reads a file or writes one; every layer may import it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

GIRLS, BOYS, ALL = "Flickor", "Pojkar", "Alla"

# Statistics tables: rows whose indicator has one of these names give an area's population.
POPULATION_NAMES = frozenset(("befolkning", "folkmängd", "antal invånare", "invånare"))


def is_population(indicator: str) -> bool:
    return " ".join(str(indicator).casefold().split()) in POPULATION_NAMES


def period_label(year: int, month: int) -> str:
    """A statistics table's period: '2023' (a year, month 0) or '2023-05'."""
    return f"{year}-{month:02d}" if month else str(year)


POLICE = "Polisen"
MUNICIPALITY = "Kommunen"
PARTIES = (POLICE, MUNICIPALITY)
BOTH = "Polisen och kommunen"

# The surveys the report knows: the name shown, and the names (folded) that mean it in the
# exports and the promise file. An indicator's survey must be one of them.
KNOWN_SURVEYS = {
    "ELSA": ("elsa", "elevhälsodatabasen", "elevhälsodatabas", "elsa-enkäten"),
    "Elevers drogvanor": (
        "elevers drogvanor",
        "elevs drogvanor",
        "drogvaneundersökningen",
        "drogvaneenkäten",
        "drogvanor",
    ),
}


def parse_responsible(text: str) -> frozenset[str]:
    """'Polisen', 'Kommunen', 'Kommunen och polisen', 'Båda' -> set of parties."""
    folded = text.casefold()
    if folded.strip() in {"båda", "bada", "gemensamt", "gemensam", "polisen och kommunen"}:
        return frozenset(PARTIES)
    found = set()
    if "polis" in folded:
        found.add(POLICE)
    if "kommun" in folded:
        found.add(MUNICIPALITY)
    return frozenset(found)


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
    after the activity log and the survey tables, by table name (see report/kinds)."""

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
