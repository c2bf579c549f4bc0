"""The rules of the promise file's sections beyond the types of their fields: an outcome
([[utfall]]) whose fields must fit its source, the municipality's population per year
([befolkning]) and the exports' own column names ([kolumnalias]). Each returns what it read
and its problems, every problem at the line where it stands."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from report.errors import Code, Problem
from report.promise.fields import ColumnNames, Field, Located, Type, check
from report.promise.schema import section
from report.promise.types import COUNT, EVENT_LOG, STATISTICS, Outcome
from report.vocabulary import normalize_label

LAST_YEAR = 2200  # as fields.LAST_YEAR: a later year cannot be meant


def outcome(
    index: int, values: dict[str, Any], item: dict[str, Any], at: Located
) -> tuple[Outcome | None, list[Problem]]:
    """An [[utfall]] entry from its read `values` (and the entry as written): a unit that
    fits its source, event types for an event log only, an indicator for statistics only."""
    who = section("utfall").who(index, values["id"])
    source, unit, types = values["kalla"], values["enhet"], values["handelsetyper"]
    indicator = values["indikator"]
    problems = []

    def problem(code: Code, message: str, key: str | None) -> None:
        problems.append(at.problem(code, message, "utfall", index, key))

    if source == EVENT_LOG and unit is not None and unit != COUNT:
        problem(
            Code.FIELDS_CONFLICT,
            f"{who}: ett utfall ur en händelselogg räknas i antal händelser – skriv "
            'enhet = "antal" (en takt per invånare eller ett index kommer ur en statistiktabell).',
            "enhet",
        )
        unit = None
    if source == EVENT_LOG and types == ():
        problem(
            Code.FIELD_MISSING,
            f"{who}: räknas ur en händelselogg men saknar handelsetyper. Skriv de "
            'händelsetyper som räknas, t.ex. handelsetyper = ["Störande trafik", '
            '"Hög musik från fordon"].',
            None,
        )
        types = None
    elif source == STATISTICS and types:
        problem(
            Code.FIELDS_CONFLICT,
            f"{who}: handelsetyper gäller bara utfall ur en händelselogg (kalla = "
            '"händelselogg"). Ta bort fältet eller ändra kalla.',
            "handelsetyper",
        )
        types = None
    if source == EVENT_LOG and "indikator" in item:
        problem(
            Code.FIELDS_CONFLICT,
            f"{who}: indikator gäller bara utfall ur en statistiktabell (kalla = "
            '"statistik"). Ta bort fältet.',
            "indikator",
        )
        return None, problems
    if "indikator" in item and indicator is None:  # written, and wrong
        return None, problems
    required = ("id", "namn", "fokusomrade", "lagre_ar_battre")
    if any(values[k] is None for k in required) or None in (source, unit, types):
        return None, problems
    built = Outcome(
        id=values["id"],
        name=values["namn"],
        focus_area=values["fokusomrade"],
        source=source,
        unit=unit,
        lower_is_better=values["lagre_ar_battre"],
        event_types=types,
        indicator=(indicator or values["namn"]) if source == STATISTICS else "",
    )
    return built, problems


def population(
    table: dict[str, Any], at: Located
) -> tuple[tuple[tuple[int, int], ...], list[Problem]]:
    """[befolkning]: the municipality's inhabitants per year (2021 = 11643), for outcomes
    given per 1 000 inhabitants in tables without a Befolkning column."""
    years = []
    problems = []
    for key, value in table.items():
        text = str(key).strip()
        if not (text.isdigit() and len(text) == 4 and 1990 <= int(text) <= LAST_YEAR):
            not_a_year = (
                f"[befolkning]: ”{key}” är inget år. Skriv året och antalet invånare, t.ex. "
                "2021 = 11643."
            )
            problems.append(
                at.problem(Code.FIELD_INVALID, not_a_year, "befolkning", None, key, key)
            )
            continue
        field = Field("befolkning", key, Type.WHOLE, "invånare", low=1, high=100_000_000)
        count, message = check(field, value, f"[befolkning] {text}")
        if message:
            problems.append(at.problem(Code.FIELD_INVALID, message, "befolkning", None, key, value))
        elif count is not None:
            years.append((int(text), count))
    return tuple(sorted(years)), problems


def column_aliases(
    table: dict[str, Any], columns: Sequence[ColumnNames], at: Located
) -> tuple[list[tuple[str, tuple[str, ...]]], list[Problem]]:
    """[kolumnalias]: lists of header texts, none of them another column's name. A key
    shared by several kinds is named by the title the first kind gives it."""
    builtin: dict[str, str] = {}
    titles: dict[str, str] = {}
    for column in columns:
        titles.setdefault(column.key, column.title)
        for name in (column.title, *column.aliases):
            builtin.setdefault(normalize_label(name), column.key)
    aliases = []
    problems = []
    claimed: dict[str, str] = {}
    for key, values in table.items():
        if key not in titles:
            continue  # reported as an unknown field
        field = Field("kolumnalias", key, Type.TEXTS, "egna kolumnrubriker")
        texts, message = check(field, values, f"[kolumnalias] {key}")
        if message:
            problems.append(
                at.problem(Code.FIELD_INVALID, message, "kolumnalias", None, key, values)
            )
            continue
        for text in texts:
            folded = normalize_label(text)
            other = builtin.get(folded) or claimed.get(folded)
            if other and other != key:
                message = (
                    f"[kolumnalias] {key}: rubriken ”{text}” är redan namnet på kolumnen "
                    f"”{titles[other]}”. En rubrik kan bara betyda en kolumn – ta bort den "
                    "här eller välj en annan rubrik."
                )
                problems.append(
                    at.problem(Code.NAME_TWICE, message, "kolumnalias", None, key, text)
                )
            claimed.setdefault(folded, key)
        aliases.append((key, texts))
    return aliases, problems
