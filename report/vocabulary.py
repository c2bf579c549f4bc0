"""The words every stage shares: groups of pupils, the parties of a promise, the surveys the
report knows, statistics periods, and matching names typed by people (column headers,
activity and indicator names, headings).

Nothing here reads a file or writes one; every stage may import it.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

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


def normalize_label(text: str) -> str:
    """Case-, whitespace- and dash-insensitive key for matching names typed by people."""
    folded = str(text).casefold().replace("\u00a0", " ")
    folded = re.sub(r"[\u2010-\u2015]", "-", folded)
    return " ".join(folded.split())


def closest(text: str, candidates: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The candidate most like `text` (case-insensitive), or None if nothing is close."""
    options = {normalize_label(c): c for c in candidates}
    match = difflib.get_close_matches(normalize_label(text), list(options), n=1, cutoff=cutoff)
    return options[match[0]] if match else None


def known_survey(name: str) -> str | None:
    """The survey as the report names it ('elevs drogvanor' -> 'Elevers drogvanor')."""
    folded = normalize_label(name)
    return next((k for k, aliases in KNOWN_SURVEYS.items() if folded in aliases), None)
