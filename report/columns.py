"""The input contract: which columns each kind of export has, and their accepted names.

README's tables are written from this module; a test checks they agree.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .promise import normalize_label

ACTIVITY = "aktivitetslogg"
SURVEY = "enkätdata"


@dataclass(frozen=True)
class Column:
    key: str
    title: str  # the name shown to the analyst
    kind: str
    required: bool
    aliases: tuple[str, ...]
    description: str


COLUMNS: tuple[Column, ...] = (
    Column(
        "datum",
        "Datum",
        ACTIVITY,
        True,
        ("datum", "händelsedatum", "aktivitetsdatum", "genomfört datum", "date"),
        "Excel-datum eller text ÅÅÅÅ-MM-DD.",
    ),
    Column(
        "aktivitet",
        "Aktivitet",
        ACTIVITY,
        True,
        ("aktivitet", "typ av aktivitet", "aktivitetstyp", "insats", "typ av insats"),
        "Aktivitetens id, namn eller alias ur löftesfilen (stora/små bokstäver spelar ingen roll).",
    ),
    Column(
        "antal",
        "Antal",
        ACTIVITY,
        False,
        ("antal", "antal tillfällen", "antal aktiviteter", "antal genomförda"),
        "Heltal 0 eller större. Tom cell räknas som 1. 0 betyder ”rapporterat, men inget "
        "genomfört” – då blir statusen ej genomförd i stället för ingen uppgift.",
    ),
    Column(
        "ansvarig",
        "Ansvarig",
        ACTIVITY,
        False,
        ("ansvarig", "utförare", "ansvarig part", "organisation"),
        "Polisen, Kommunen eller båda (”Polisen och kommunen”, ”Båda”). Tom cell: "
        "ansvarig enligt löftesfilen.",
    ),
    Column(
        "plats",
        "Plats",
        ACTIVITY,
        False,
        ("plats", "adress", "ort", "område/plats"),
        "Läses men skrivs aldrig ut i rapporten.",
    ),
    Column(
        "kommentar",
        "Kommentar",
        ACTIVITY,
        False,
        ("kommentar", "kommentarer", "anteckning", "beskrivning", "notering", "fritext"),
        "Läses men skrivs aldrig ut i rapporten (fritext kan innehålla personuppgifter).",
    ),
    Column(
        "ar",
        "År",
        SURVEY,
        True,
        ("år", "ar", "undersökningsår", "mätår", "year"),
        "Årtal, t.ex. 2023.",
    ),
    Column(
        "undersokning",
        "Undersökning",
        SURVEY,
        True,
        ("undersökning", "enkät", "källa", "undersokning"),
        "T.ex. ELSA eller Elevers drogvanor.",
    ),
    Column(
        "arskurs",
        "Årskurs",
        SURVEY,
        True,
        ("årskurs", "arskurs", "åk", "skolår", "klass"),
        "åk 4, åk 7, åk 9, gy 1, gy 2 (även ”Åk 9”, ”årskurs 9”, ”9”, ”Gy2”, ”gymnasiet år 2”).",
    ),
    Column(
        "kon",
        "Kön",
        SURVEY,
        True,
        ("kön", "kon", "grupp"),
        "Flickor, Pojkar eller Alla (även Tjej/Flicka, Kille/Pojke, Totalt/Samtliga).",
    ),
    Column(
        "indikator",
        "Indikator",
        SURVEY,
        True,
        ("indikator", "fråga", "nyckeltal", "mått"),
        "Indikatorns id eller namn ur löftesfilen.",
    ),
    Column(
        "andel",
        "Andel",
        SURVEY,
        True,
        ("andel", "andel (%)", "andel %", "procent", "värde", "andel procent"),
        "Procent 0–100 (t.ex. 23 eller 23,5 eller ”23 %”), eller en procentformaterad cell.",
    ),
    Column(
        "antal_svarande",
        "Antal svarande",
        SURVEY,
        False,
        ("antal svarande", "svarande", "antal svar", "n"),
        "Heltal. Används för att dölja små grupper och räkna osäkerhet.",
    ),
    Column(
        "omrade",
        "Område",
        SURVEY,
        False,
        ("område", "omrade", "region", "kommun", "geografi"),
        "Tom cell eller kommunens namn: kommunens värde. Annat (Värmland, Riket): jämförelse.",
    ),
)


def columns_of(kind: str) -> tuple[Column, ...]:
    return tuple(c for c in COLUMNS if c.kind == kind)


def alias_table(extra: Iterable[tuple[str, tuple[str, ...]]] = ()) -> dict[str, str]:
    """Normalised header text -> column key, built-in aliases plus the promise file's."""
    table = {}
    for column in COLUMNS:
        for alias in (column.title, *column.aliases):
            table[normalize_label(alias)] = column.key
    for key, aliases in extra:
        for alias in aliases:
            table[normalize_label(alias)] = key
    return table


def closest(text: str, candidates: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The candidate most like `text` (case-insensitive), or None if nothing is close."""
    options = {normalize_label(c): c for c in candidates}
    match = difflib.get_close_matches(normalize_label(text), list(options), n=1, cutoff=cutoff)
    return options[match[0]] if match else None


def title_of(key: str) -> str:
    return next(c.title for c in COLUMNS if c.key == key)


def headers_for(key: str, table: Mapping[str, str]) -> list[str]:
    return [alias for alias, k in table.items() if k == key]
