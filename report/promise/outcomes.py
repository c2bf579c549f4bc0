"""The promise file's [[utfall]]: what the promise hopes to change, and where the numbers
come from (an event log or a statistics table). Each field checked like the rest of the
promise file, every problem at the line where it stands."""

from __future__ import annotations

from typing import Any

from report.promise.fields import Collector, id_field, int_field, shown, text_field, texts_field
from report.promise.types import COUNT, EVENT_LOG, INDEX, RATE, SHARE, STATISTICS, Outcome
from report.vocabulary import normalize_label

SECTION = "utfall"
REQUIRED = {"id", "namn", "fokusomrade", "kalla", "enhet", "lagre_ar_battre"}
OPTIONAL = {"handelsetyper", "indikator"}

SOURCES = {
    "händelselogg": EVENT_LOG,
    "handelselogg": EVENT_LOG,
    "statistik": STATISTICS,
    "statistiktabell": STATISTICS,
}

UNITS = {
    "antal": COUNT,
    "per 1 000 invånare": RATE,
    "per 1000 invånare": RATE,
    "per 1 000 inv.": RATE,
    "index": INDEX,
    "andel": SHARE,
}


def outcome(item: dict[str, Any], index: int, area_ids: list[str], c: Collector) -> Outcome | None:
    ident = id_field(item.get("id"), c, SECTION, index, "id", f"Utfall nummer {index + 1}: id")
    who = f"Utfallet ”{ident}”" if ident else f"Utfall nummer {index + 1}"
    name = text_field(item.get("namn"), c, SECTION, index, "namn", f"{who}: namn")
    area = text_field(
        item.get("fokusomrade"), c, SECTION, index, "fokusomrade", f"{who}: fokusomrade"
    )
    if area is not None and area not in area_ids:
        c.add(
            f"{who} pekar på fokusområdet ”{area}”, som inte finns. "
            f"Finns: {', '.join(dict.fromkeys(area_ids)) or 'inga'}.",
            SECTION,
            index,
            "fokusomrade",
        )
        area = None
    source_text = text_field(item.get("kalla"), c, SECTION, index, "kalla", f"{who}: kalla")
    source = SOURCES.get(normalize_label(source_text)) if source_text is not None else None
    if source_text is not None and source is None:
        c.add(
            f"{who}: kalla = ”{source_text}” – skriv ”händelselogg” (räknas ur en "
            "händelselogg) eller ”statistik” (värden ur en statistiktabell).",
            SECTION,
            index,
            "kalla",
        )
    unit_text = text_field(item.get("enhet"), c, SECTION, index, "enhet", f"{who}: enhet")
    unit = UNITS.get(normalize_label(unit_text)) if unit_text is not None else None
    if unit_text is not None and unit is None:
        c.add(
            f"{who}: enhet = ”{unit_text}” – skriv ”antal”, ”per 1 000 invånare”, ”index” "
            "eller ”andel”.",
            SECTION,
            index,
            "enhet",
        )
    elif source == EVENT_LOG and unit is not None and unit != COUNT:
        c.add(
            f"{who}: ett utfall ur en händelselogg räknas i antal händelser – skriv "
            'enhet = "antal" (en takt per invånare eller ett index kommer ur en statistiktabell).',
            SECTION,
            index,
            "enhet",
        )
        unit = None
    lower = item.get("lagre_ar_battre")
    if lower is not None and not isinstance(lower, bool):
        c.add(
            f"{who}: lagre_ar_battre ska vara true eller false (utan citattecken), "
            f"inte {shown(lower)}.",
            SECTION,
            index,
            "lagre_ar_battre",
        )
        lower = None
    types = texts_field(
        item.get("handelsetyper"), c, SECTION, index, "handelsetyper", f"{who}: handelsetyper"
    )
    if source == EVENT_LOG and types == ():
        c.add(
            f"{who}: räknas ur en händelselogg men saknar handelsetyper. Skriv de "
            'händelsetyper som räknas, t.ex. handelsetyper = ["Störande trafik", '
            '"Hög musik från fordon"].',
            SECTION,
            index,
        )
        types = None
    elif source == STATISTICS and types:
        c.add(
            f"{who}: handelsetyper gäller bara utfall ur en händelselogg (kalla = "
            '"händelselogg"). Ta bort fältet eller ändra kalla.',
            SECTION,
            index,
            "handelsetyper",
        )
        types = None
    indicator = text_field(
        item.get("indikator", name or ""),
        c,
        SECTION,
        index,
        "indikator",
        f"{who}: indikator",
        empty_ok=True,
    )
    if source == EVENT_LOG and "indikator" in item:
        c.add(
            f"{who}: indikator gäller bara utfall ur en statistiktabell (kalla = "
            '"statistik"). Ta bort fältet.',
            SECTION,
            index,
            "indikator",
        )
        indicator = None
    values = (ident, name, area, source, unit, lower, types, indicator)
    if any(v is None for v in values):
        return None
    return Outcome(
        id=ident,  # type: ignore[arg-type]
        name=name,  # type: ignore[arg-type]
        focus_area=area,  # type: ignore[arg-type]
        source=source,  # type: ignore[arg-type]
        unit=unit,  # type: ignore[arg-type]
        lower_is_better=lower,  # type: ignore[arg-type]
        event_types=types,  # type: ignore[arg-type]
        indicator=(indicator or name) if source == STATISTICS else "",  # type: ignore[arg-type]
    )


POPULATION = "befolkning"
LAST_YEAR = 2200  # as promise_fields: a later year cannot be meant


def population(section: dict[str, Any], c: Collector) -> tuple[tuple[int, int], ...]:
    """[befolkning]: the municipality's inhabitants per year (2021 = 11643), for outcomes
    given per 1 000 inhabitants in tables without a Befolkning column."""
    years = []
    for key, value in section.items():
        text = str(key).strip()
        if not (text.isdigit() and len(text) == 4 and 1990 <= int(text) <= LAST_YEAR):
            c.add(
                f"[befolkning]: ”{key}” är inget år. Skriv året och antalet invånare, t.ex. "
                "2021 = 11643.",
                POPULATION,
                None,
                key,
            )
            continue
        count = int_field(value, c, POPULATION, None, key, 1, 100_000_000, f"[befolkning] {text}")
        if count is not None:
            years.append((int(text), count))
    return tuple(sorted(years))
