"""The promise file's content checked into a Promise: what was promised, by whom, with which
targets and indicators. Every problem is reported at once, in Swedish, with the line where it
can be found.

Pure: the parsed TOML and its text in, a Promise (or every problem) out. The fields are read
as schema.py declares them; here are the rules between fields and entries (an activity's
focus area must exist, ids are unique, a name belongs to one activity …). The names of the
exports' columns, which [kolumnalias] refers to, are handed in by the reader of the file
(report/inputs/promise_file.py), which knows the kinds of input.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from report.errors import Code, InputError, Problem
from report.promise.fields import ColumnNames, Located, PromiseSection, one_line, read_entry, shown
from report.promise.outcomes import column_aliases, outcome, population
from report.promise.schema import SECTIONS, section
from report.promise.types import (
    Activity,
    Assessment,
    FocusArea,
    Indicator,
    Party,
    Promise,
)
from report.vocabulary import normalize_label, parse_responsible

ReadEntry = tuple[int, dict[str, Any], list[Problem]]  # index, values, problems


def parse_promise(
    data: dict[str, Any],
    columns: Sequence[ColumnNames],
    file: str = "medborgarlofte.toml",
    text: str = "",
) -> Promise:
    """Validate the parsed TOML and build the Promise (pure). Every problem is reported
    at once, each at the line of the key (or entry) it is about. `columns`: every column
    of every kind of input, in the kinds' order."""
    at = Located.scan(file, text)
    problems = structure_problems(data, at, {column.key for column in columns})
    lofte, found = read_entry(section("lofte"), _table(data, "lofte"), None, at)
    problems += found
    parties, found = _parties(data, at)
    problems += found
    focus_areas, found = _focus_areas(data, at)
    problems += found
    area_ids = [f.id for f in focus_areas]
    activities, found = _activities(data, area_ids, at)
    problems += found
    indicators, found = _indicators(data, at)
    problems += found
    outcomes, found = _outcomes(data, area_ids, at)
    problems += found
    assessment, found = _assessment(data, at)
    problems += found
    surveys, found = read_entry(section("enkater"), _table(data, "enkater"), None, at)
    problems += found
    aliases, found = column_aliases(_table(data, "kolumnalias"), columns, at)
    problems += found
    inhabitants, found = population(_table(data, "befolkning"), at)
    problems += found
    if problems or any(v is None for v in lofte.values()) or assessment is None:
        raise InputError(sorted(problems, key=lambda p: p.row or 0))
    return Promise(
        slug=lofte["id"],
        title=lofte["titel"],
        municipality=lofte["kommun"],
        signed=lofte["tecknat"],
        period_years=lofte["period_ar"],
        forum=lofte["uppfoljningsforum"],
        reported_in=lofte["redovisas_i"],
        parties=tuple(parties),
        focus_areas=tuple(focus_areas),
        activities=tuple(activities),
        indicators=tuple(indicators),
        outcomes=tuple(outcomes),
        assessment=assessment,
        min_respondents=surveys["minsta_antal_svarande"],
        column_aliases=tuple(aliases),
        population=inhabitants,
        source_text=text,
    )


def _table(data: dict[str, Any], name: str) -> dict[str, Any]:
    value = data.get(name, {})
    return value if isinstance(value, dict) else {}


def entries(data: dict[str, Any], name: str, at: Located) -> list[ReadEntry]:
    """Every entry of a [[section]] that is a table, read."""
    value = data.get(name, [])
    if not isinstance(value, list):
        return []
    sect = section(name)
    return [
        (i, *read_entry(sect, item, i, at))
        for i, item in enumerate(value)
        if isinstance(item, dict)
    ]


def complete(values: dict[str, Any]) -> bool:
    return not any(v is None for v in values.values())


# --- the sections and keys --------------------------------------------------------------


def structure_problems(data: dict[str, Any], at: Located, column_keys: set[str]) -> list[Problem]:
    """Unknown and missing sections and keys, and sections of the wrong shape."""
    names = sorted(s.name for s in SECTIONS)
    problems = [
        at.problem(
            Code.SECTION_UNKNOWN,
            f"Okänt avsnitt [{key}]. Giltiga avsnitt: {', '.join(names)}. Kontrollera stavningen.",
            key,
            value=key,
        )
        for key in data
        if key not in names
    ]
    problems += [
        at.problem(
            Code.SECTION_MISSING,
            f"Avsnittet {s.brackets} saknas. Lägg till det (se exemplet i README).",
        )
        for s in sorted(SECTIONS, key=lambda s: s.name)
        if s.required and s.name not in data
    ]
    for sect in SECTIONS:
        if sect.name in data:
            problems += _section_problems(sect, data[sect.name], at, column_keys)
    return problems


def _section_problems(
    sect: PromiseSection, value: Any, at: Located, column_keys: set[str]
) -> list[Problem]:
    """A section of the wrong shape, entries that are no tables, missing and unknown keys."""
    name = sect.name
    required = {f.key for f in sect.fields if f.required}
    allowed = {f.key for f in sect.fields}
    if name == "kolumnalias":
        allowed = column_keys
    if name == "befolkning" and isinstance(value, dict):
        allowed = set(value)
    if not sect.entries:
        if not isinstance(value, dict):
            message = f"{name} ska skrivas som ett avsnitt: [{name}]."
            return [at.problem(Code.SECTION_SHAPE, message, name)]
        items: list[tuple[int | None, Any]] = [(None, value)]
    else:
        if not isinstance(value, list):
            message = f"{name} ska skrivas som [[{name}]] (dubbla hakparenteser), en gång per post."
            return [at.problem(Code.SECTION_SHAPE, message, name)]
        items = [(i, item) for i, item in enumerate(value)]
    problems = []
    for index, item in items:
        where = f"[{name}]" if index is None else f"[[{name}]] nummer {index + 1}"
        if not isinstance(item, dict):
            message = f"{where} går inte att läsa. Skriv fälten som namn = värde."
            problems.append(at.problem(Code.SECTION_SHAPE, message, name, index))
            continue
        ident = item.get("id")
        if isinstance(ident, str) and ident.strip():
            where += f" (id = ”{one_line(ident)}”)"
        for key in sorted(required - item.keys()):
            message = f"{where}: fältet {key} saknas."
            problems.append(at.problem(Code.FIELD_MISSING, message, name, index, value=key))
        for key in sorted(item.keys() - allowed):
            message = f"{where}: okänt fält {key}. Tillåtna fält: {', '.join(sorted(allowed))}."
            problems.append(at.problem(Code.FIELD_UNKNOWN, message, name, index, key, key))
    return problems


# --- parties, focus areas, activities, indicators, outcomes -----------------------------


def _parties(data: dict[str, Any], at: Located) -> tuple[list[Party], list[Problem]]:
    found = entries(data, "parter", at)
    problems = [p for _, _, problems in found for p in problems]
    given = data.get("parter")
    if isinstance(given, list) and len(given) < 2:
        message = (
            f"Löftet har {len(given)} part{'er' if len(given) != 1 else ''}. Ett "
            "medborgarlöfte tecknas av kommunen och polisen: skriv in båda under "
            "[[parter]], en gång per part."
        )
        problems.append(at.problem(Code.TOO_FEW, message, "parter", 0 if given else None))
    parties = [
        Party(v["namn"], v["undertecknare"], v["roll"], v["ort"], v["datum"])
        for _, v, _ in found
        if complete(v)
    ]
    return parties, problems


def _focus_areas(data: dict[str, Any], at: Located) -> tuple[list[FocusArea], list[Problem]]:
    found = entries(data, "fokusomraden", at)
    problems = [p for _, _, problems in found for p in problems]
    areas = [FocusArea(v["id"], v["namn"]) for _, v, _ in found if complete(v)]
    return areas, problems + unique_ids(data, "fokusomraden", at)


def unknown_area(
    sect: str, index: int, values: dict[str, Any], area_ids: list[str], at: Located
) -> list[Problem]:
    """An entry's focus area that is not one of the promise's (it is then set to None)."""
    area = values["fokusomrade"]
    if area is None or area in area_ids:
        return []
    values["fokusomrade"] = None
    who = section(sect).who(index, values["id"])
    message = (
        f"{who} pekar på fokusområdet ”{area}”, som inte finns. "
        f"Finns: {', '.join(dict.fromkeys(area_ids)) or 'inga'}."
    )
    return [at.problem(Code.REFERENCE_UNKNOWN, message, sect, index, "fokusomrade", area)]


def _activities(
    data: dict[str, Any], area_ids: list[str], at: Located
) -> tuple[list[Activity], list[Problem]]:
    problems: list[Problem] = []
    activities = []
    for index, v, found in entries(data, "aktiviteter", at):
        problems += found + unknown_area("aktiviteter", index, v, area_ids, at)
        if complete(v):
            activities.append(
                Activity(
                    id=v["id"],
                    focus_area=v["fokusomrade"],
                    name=v["namn"],
                    wording=v["formulering"],
                    responsible_text=v["ansvarig"],
                    responsible=parse_responsible(v["ansvarig"]),
                    yearly_target=v["mal_per_ar"],
                    aliases=v["alias"],
                )
            )
    problems += unique_ids(data, "aktiviteter", at)
    if isinstance(data.get("aktiviteter"), list) and not data["aktiviteter"]:
        message = (
            "Löftet har inga aktiviteter. Skriv in löftets aktiviteter under [[aktiviteter]], "
            "en gång per aktivitet (se exemplet i README)."
        )
        problems.append(at.problem(Code.TOO_FEW, message, "aktiviteter"))
    problems += _unused_focus_areas(data, area_ids, at)
    problems += _name_clashes(data, at)
    return activities, problems


def _indicators(data: dict[str, Any], at: Located) -> tuple[list[Indicator], list[Problem]]:
    problems: list[Problem] = []
    indicators = []
    # A survey the report does not know is allowed (a municipality may follow Lupp or its
    # own survey); it is named as typed, and gaps.gap_notes says it is not one of the known.
    for _, v, found in entries(data, "indikatorer", at):
        problems += found
        if complete(v):
            indicators.append(
                Indicator(
                    v["id"], v["namn"], v["undersokning"], v["lagre_ar_battre"], v["huvudindikator"]
                )
            )
    return indicators, problems + unique_ids(data, "indikatorer", at)


def _outcomes(
    data: dict[str, Any], area_ids: list[str], at: Located
) -> tuple[list[Any], list[Problem]]:
    problems: list[Problem] = []
    outcomes = []
    for index, v, found in entries(data, "utfall", at):
        problems += found + unknown_area("utfall", index, v, area_ids, at)
        built, more = outcome(index, v, data["utfall"][index], at)
        problems += more
        if built is not None:
            outcomes.append(built)
    return outcomes, problems + unique_ids(data, "utfall", at)


def _assessment(data: dict[str, Any], at: Located) -> tuple[Assessment | None, list[Problem]]:
    v, problems = read_entry(section("bedomning"), _table(data, "bedomning"), None, at)
    done, partly = v["genomford_fran_procent"], v["delvis_fran_procent"]
    if done is not None and partly is not None and partly > done:
        message = (
            f"[bedomning] delvis_fran_procent = {shown(partly)} är större än "
            f"genomford_fran_procent = {shown(done)}. Gränsen för delvis genomförd måste "
            "vara mellan 0 och gränsen för genomförd."
        )
        problems.append(
            at.problem(Code.FIELDS_CONFLICT, message, "bedomning", None, "delvis_fran_procent")
        )
    if done is None or partly is None:
        return None, problems
    return Assessment(done, partly), problems


# --- rules across entries ---------------------------------------------------------------


def unique_ids(data: dict[str, Any], name: str, at: Located) -> list[Problem]:
    """The second (third …) entry with an id already used, at its own line."""
    one = section(name).one
    seen: dict[str, int] = {}
    problems = []
    items = data.get(name, [])
    for index, item in enumerate(items if isinstance(items, list) else []):
        ident = item.get("id") if isinstance(item, dict) else None
        if not isinstance(ident, str):
            continue
        if ident in seen:
            message = (
                f"Id ”{one_line(ident)}” används för mer än {one} (nummer {seen[ident] + 1} "
                f"och {index + 1}). Varje {one.split()[1]} behöver ett eget id."
            )
            problems.append(at.problem(Code.ID_TWICE, message, name, index, "id", ident))
        else:
            seen[ident] = index
    return problems


def _dict_items(data: dict[str, Any], name: str) -> list[tuple[int, dict[str, Any]]]:
    value = data.get(name, [])
    if not isinstance(value, list):
        return []
    return [(i, item) for i, item in enumerate(value) if isinstance(item, dict)]


def _unused_focus_areas(data: dict[str, Any], area_ids: list[str], at: Located) -> list[Problem]:
    used = {
        item.get("fokusomrade")
        for _, item in _dict_items(data, "aktiviteter")
        if isinstance(item.get("fokusomrade"), str)
    }
    problems = []
    for index, item in _dict_items(data, "fokusomraden"):
        ident = item.get("id")
        if isinstance(ident, str) and ident in area_ids and ident not in used:
            message = (
                f"Fokusområdet ”{ident}” har inga aktiviteter. Lägg till en aktivitet med "
                f'fokusomrade = "{ident}", eller ta bort fokusområdet.'
            )
            problems.append(
                at.problem(Code.FOCUS_AREA_UNUSED, message, "fokusomraden", index, "id", ident)
            )
    return problems


def _name_clashes(data: dict[str, Any], at: Located) -> list[Problem]:
    """An id, name or alias may belong to one activity only."""
    owner: dict[str, str] = {}
    reported: set[tuple[str, str]] = set()
    problems = []
    for index, item in _dict_items(data, "aktiviteter"):
        ident = item.get("id")
        if not isinstance(ident, str):
            continue
        names = [("id", ident), ("namn", item.get("namn"))]
        aliases = item.get("alias")
        if isinstance(aliases, list):
            names += [("alias", a) for a in aliases]
        for key, name in names:
            if not isinstance(name, str) or not name.strip():
                continue
            folded = normalize_label(name)
            if folded in owner and owner[folded] != ident and (folded, ident) not in reported:
                reported.add((folded, ident))
                message = (
                    f"Namnet ”{one_line(name)}” används för både ”{owner[folded]}” och "
                    f"”{ident}”. Ett namn eller alias får bara höra till en aktivitet."
                )
                problems.append(
                    at.problem(Code.NAME_TWICE, message, "aktiviteter", index, key, name)
                )
            owner.setdefault(folded, ident)
    return problems
