"""The promise file's content checked into a Promise: what was promised, by whom, with
which targets and indicators. Every problem is reported at once, in Swedish, with the line
where it can be found.

Pure: the parsed TOML and its text in, a Promise (or every problem) out. The names of the
exports' columns, which [kolumnalias] refers to, are handed in by the reader of the file
(report/inputs/promise_file.py), which knows the kinds of input.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from report.errors import InputError
from report.promise.fields import (
    Collector,
    bool_field,
    date_field,
    id_field,
    int_field,
    number_field,
    one_line,
    shown,
    text_field,
    texts_field,
)
from report.promise.outcomes import outcome, population
from report.promise.types import (
    Activity,
    Assessment,
    FocusArea,
    Indicator,
    Party,
    Promise,
)
from report.vocabulary import normalize_label, parse_responsible

_SECTION_KEYS: dict[str, tuple[set[str], set[str]]] = {
    # section: (required keys, optional keys)
    "lofte": (
        {"id", "titel", "kommun", "tecknat"},
        {"period_ar", "uppfoljningsforum", "redovisas_i"},
    ),
    "parter": ({"namn", "undertecknare", "roll", "ort", "datum"}, set()),
    "bedomning": (set(), {"genomford_fran_procent", "delvis_fran_procent"}),
    "enkater": (set(), {"minsta_antal_svarande"}),
    "kolumnalias": (set(), set()),  # optional: every column key
    "befolkning": (set(), set()),  # optional: years (checked by promise_outcomes.population)
    "fokusomraden": ({"id", "namn"}, set()),
    "aktiviteter": (
        {"id", "fokusomrade", "namn", "formulering", "ansvarig", "mal_per_ar"},
        {"alias"},
    ),
    "indikatorer": ({"id", "namn", "undersokning", "lagre_ar_battre"}, {"huvudindikator"}),
    "utfall": (
        {"id", "namn", "fokusomrade", "kalla", "enhet", "lagre_ar_battre"},
        {"handelsetyper", "indikator"},
    ),
}


class ColumnNames(Protocol):
    """An export's column as [kolumnalias] sees it: named by its key, and an alias may not
    be the name of another column."""

    @property
    def key(self) -> str: ...

    @property
    def title(self) -> str: ...

    @property
    def aliases(self) -> tuple[str, ...]: ...


_TABLES = {"lofte", "bedomning", "enkater", "kolumnalias", "befolkning"}
_ARRAYS = {"parter", "fokusomraden", "aktiviteter", "indikatorer", "utfall"}
_REQUIRED_SECTIONS = {"lofte", "parter", "fokusomraden", "aktiviteter"}


def parse_promise(
    data: dict[str, Any],
    columns: Sequence[ColumnNames],
    file: str = "medborgarlofte.toml",
    text: str = "",
) -> Promise:
    """Validate the parsed TOML and build the Promise (pure). Every problem is reported
    at once, each at the line of the key (or entry) it is about. `columns`: every column
    of every kind of input, in the kinds' order."""
    c = Collector(file, text)
    _check_structure(data, c, {column.key for column in columns})
    lofte = _table(data, "lofte")
    slug = id_field(lofte.get("id"), c, "lofte", None, "id", "[lofte] id")
    title = text_field(lofte.get("titel"), c, "lofte", None, "titel", "[lofte] titel")
    municipality = text_field(lofte.get("kommun"), c, "lofte", None, "kommun", "[lofte] kommun")
    signed = date_field(lofte.get("tecknat"), c, "lofte", None, "tecknat", "[lofte] tecknat")
    period_years = int_field(
        lofte.get("period_ar", 2), c, "lofte", None, "period_ar", 1, 50, "[lofte] period_ar"
    )
    forum = text_field(
        lofte.get("uppfoljningsforum", ""),
        c,
        "lofte",
        None,
        "uppfoljningsforum",
        "[lofte] uppfoljningsforum",
        empty_ok=True,
    )
    reported_in = text_field(
        lofte.get("redovisas_i", ""),
        c,
        "lofte",
        None,
        "redovisas_i",
        "[lofte] redovisas_i",
        empty_ok=True,
    )

    parties = [_party(item, i, c) for i, item in _entries(data, "parter")]
    if isinstance(data.get("parter"), list) and len(data["parter"]) < 2:
        c.add(
            f"Löftet har {len(data['parter'])} part{'er' if len(data['parter']) != 1 else ''}"
            ". Ett medborgarlöfte tecknas av kommunen och polisen: skriv in båda under "
            "[[parter]], en gång per part.",
            "parter",
            0 if data["parter"] else None,
        )

    focus_areas = []
    for i, item in _entries(data, "fokusomraden"):
        ident = id_field(
            item.get("id"), c, "fokusomraden", i, "id", f"Fokusområde nummer {i + 1}: id"
        )
        name = text_field(
            item.get("namn"), c, "fokusomraden", i, "namn", f"Fokusområdet ”{ident}”: namn"
        )
        if ident is not None and name is not None:
            focus_areas.append(FocusArea(ident, name))
    _check_unique("ett fokusområde", "fokusomraden", data, c)
    area_ids = [f.id for f in focus_areas]

    activities = [
        a for i, item in _entries(data, "aktiviteter") if (a := _activity(item, i, area_ids, c))
    ]
    _check_unique("en aktivitet", "aktiviteter", data, c)
    if isinstance(data.get("aktiviteter"), list) and not data["aktiviteter"]:
        c.add(
            "Löftet har inga aktiviteter. Skriv in löftets aktiviteter under [[aktiviteter]], "
            "en gång per aktivitet (se exemplet i README).",
            "aktiviteter",
        )
    _check_focus_areas_used(data, area_ids, c)
    _check_alias_clashes(data, c)

    indicators = [
        ind for i, item in _entries(data, "indikatorer") if (ind := _indicator(item, i, c))
    ]
    _check_unique("en indikator", "indikatorer", data, c)
    outcomes = [o for i, item in _entries(data, "utfall") if (o := outcome(item, i, area_ids, c))]
    _check_unique("ett utfall", "utfall", data, c)

    bed = _table(data, "bedomning")
    done = number_field(
        bed.get("genomford_fran_procent", 100), c, "bedomning", "genomford_fran_procent", 1, 1000
    )
    partly = number_field(
        bed.get("delvis_fran_procent", 50), c, "bedomning", "delvis_fran_procent", 0, 1000
    )
    if done is not None and partly is not None and partly > done:
        c.add(
            f"[bedomning] delvis_fran_procent = {shown(partly)} är större än "
            f"genomford_fran_procent = {shown(done)}. Gränsen för delvis genomförd måste "
            "vara mellan 0 och gränsen för genomförd.",
            "bedomning",
            None,
            "delvis_fran_procent",
        )
    min_resp = int_field(
        _table(data, "enkater").get("minsta_antal_svarande", 10),
        c,
        "enkater",
        None,
        "minsta_antal_svarande",
        1,
        10_000,
        "[enkater] minsta_antal_svarande",
    )
    aliases = _column_aliases(data, c, columns)
    inhabitants = population(_table(data, "befolkning"), c)

    if c.problems:
        raise InputError(sorted(c.problems, key=lambda p: p.row or 0))
    return Promise(
        slug=slug,  # type: ignore[arg-type]
        title=title,  # type: ignore[arg-type]
        municipality=municipality,  # type: ignore[arg-type]
        signed=signed,  # type: ignore[arg-type]
        period_years=period_years,  # type: ignore[arg-type]
        forum=forum or "",
        reported_in=reported_in or "",
        parties=tuple(parties),  # type: ignore[arg-type]
        focus_areas=tuple(focus_areas),
        activities=tuple(activities),
        indicators=tuple(indicators),
        outcomes=tuple(outcomes),
        assessment=Assessment(done, partly),  # type: ignore[arg-type]
        min_respondents=min_resp,  # type: ignore[arg-type]
        column_aliases=tuple(aliases),
        population=inhabitants,
        source_text=text,
    )


def _table(data: dict[str, Any], section: str) -> dict[str, Any]:
    value = data.get(section, {})
    return value if isinstance(value, dict) else {}


def _entries(data: dict[str, Any], section: str) -> list[tuple[int, dict[str, Any]]]:
    value = data.get(section, [])
    if not isinstance(value, list):
        return []
    return [(i, item) for i, item in enumerate(value) if isinstance(item, dict)]


def _check_structure(data: dict[str, Any], c: Collector, column_keys: set[str]) -> None:
    """Unknown and missing sections and keys, and sections of the wrong shape."""
    for key in data:
        if key not in _SECTION_KEYS:
            c.add(
                f"Okänt avsnitt [{key}]. Giltiga avsnitt: "
                f"{', '.join(sorted(_SECTION_KEYS))}. Kontrollera stavningen.",
                key,
            )
    for section in sorted(_REQUIRED_SECTIONS):
        if section not in data:
            brackets = f"[{section}]" if section in _TABLES else f"[[{section}]]"
            c.add(f"Avsnittet {brackets} saknas. Lägg till det (se exemplet i README).")
    for section, value in data.items():
        if section not in _SECTION_KEYS:
            continue
        required, optional = _SECTION_KEYS[section]
        if section == "kolumnalias":
            optional = column_keys
        if section == "befolkning" and isinstance(value, dict):
            optional = set(value)
        if section in _TABLES:
            if not isinstance(value, dict):
                c.add(f"{section} ska skrivas som ett avsnitt: [{section}].", section)
                continue
            items: list[tuple[int | None, Any]] = [(None, value)]
        else:
            if not isinstance(value, list):
                c.add(
                    f"{section} ska skrivas som [[{section}]] (dubbla hakparenteser), "
                    "en gång per post.",
                    section,
                )
                continue
            items = [(i, item) for i, item in enumerate(value)]
        for index, item in items:
            where = f"[{section}]" if index is None else f"[[{section}]] nummer {index + 1}"
            if not isinstance(item, dict):
                c.add(f"{where} går inte att läsa. Skriv fälten som namn = värde.", section, index)
                continue
            ident = item.get("id")
            if isinstance(ident, str) and ident.strip():
                where += f" (id = ”{one_line(ident)}”)"
            for key in sorted(required - item.keys()):
                c.add(f"{where}: fältet {key} saknas.", section, index)
            for key in sorted(item.keys() - required - optional):
                allowed = ", ".join(sorted(required | optional))
                c.add(f"{where}: okänt fält {key}. Tillåtna fält: {allowed}.", section, index, key)


def _activity(
    item: dict[str, Any], index: int, area_ids: list[str], c: Collector
) -> Activity | None:
    section = "aktiviteter"
    ident = id_field(item.get("id"), c, section, index, "id", f"Aktivitet nummer {index + 1}: id")
    who = f"Aktiviteten ”{ident}”" if ident else f"Aktivitet nummer {index + 1}"
    area = text_field(
        item.get("fokusomrade"), c, section, index, "fokusomrade", f"{who}: fokusomrade"
    )
    if area is not None and area not in area_ids:
        c.add(
            f"{who} pekar på fokusområdet ”{area}”, som inte finns. "
            f"Finns: {', '.join(dict.fromkeys(area_ids)) or 'inga'}.",
            section,
            index,
            "fokusomrade",
        )
        area = None
    name = text_field(item.get("namn"), c, section, index, "namn", f"{who}: namn")
    wording = text_field(
        item.get("formulering"),
        c,
        section,
        index,
        "formulering",
        f"{who}: formulering",
        multiline=True,
    )
    responsible_text = text_field(
        item.get("ansvarig"), c, section, index, "ansvarig", f"{who}: ansvarig"
    )
    responsible = parse_responsible(responsible_text) if responsible_text else frozenset()
    if responsible_text is not None and not responsible:
        c.add(
            f"{who}: ansvarig = ”{responsible_text}” – skriv Polisen, "
            "Kommunen eller båda (t.ex. ”Kommunen och polisen”).",
            section,
            index,
            "ansvarig",
        )
    target = int_field(
        item.get("mal_per_ar"),
        c,
        section,
        index,
        "mal_per_ar",
        0,
        100_000,
        label=f"{who}: mal_per_ar",
    )
    aliases = texts_field(item.get("alias"), c, section, index, "alias", f"{who}: alias")
    values = (ident, area, name, wording, responsible_text, target, aliases)
    if any(v is None for v in values) or not responsible:
        return None
    return Activity(
        id=ident,  # type: ignore[arg-type]
        focus_area=area,  # type: ignore[arg-type]
        name=name,  # type: ignore[arg-type]
        wording=wording,  # type: ignore[arg-type]
        responsible_text=responsible_text,  # type: ignore[arg-type]
        responsible=responsible,
        yearly_target=target,  # type: ignore[arg-type]
        aliases=aliases,  # type: ignore[arg-type]
    )


def _indicator(item: dict[str, Any], index: int, c: Collector) -> Indicator | None:
    section = "indikatorer"
    ident = id_field(item.get("id"), c, section, index, "id", f"Indikator nummer {index + 1}: id")
    who = f"Indikatorn ”{ident}”" if ident else f"Indikator nummer {index + 1}"
    label = text_field(item.get("namn"), c, section, index, "namn", f"{who}: namn")
    survey = text_field(
        item.get("undersokning"), c, section, index, "undersokning", f"{who}: undersokning"
    )
    # A survey the report does not know is allowed (a municipality may follow Lupp or its
    # own survey); it is named as typed, and gaps.gap_notes says it is not one of the known.
    raw_lower, raw_key = item.get("lagre_ar_battre"), item.get("huvudindikator")
    lower = bool_field(raw_lower, c, section, index, "lagre_ar_battre", f"{who}: lagre_ar_battre")
    key = bool_field(raw_key, c, section, index, "huvudindikator", f"{who}: huvudindikator")
    if raw_key is not None and key is None:
        return None
    if ident is None or label is None or survey is None or lower is None:
        return None
    return Indicator(ident, label, survey, lower, bool(key))


def _party(item: dict[str, Any], index: int, c: Collector) -> Party | None:
    section = "parter"
    fields = {}
    for key in ("namn", "undertecknare", "roll", "ort"):
        fields[key] = text_field(
            item.get(key), c, section, index, key, f"Part nummer {index + 1}: {key}"
        )
    signed = date_field(
        item.get("datum"), c, section, index, "datum", f"Part nummer {index + 1}: datum"
    )
    if signed is None or any(v is None for v in fields.values()):
        return None
    return Party(fields["namn"], fields["undertecknare"], fields["roll"], fields["ort"], signed)  # type: ignore[arg-type]


def _check_unique(kind: str, section: str, data: dict[str, Any], c: Collector) -> None:
    """The second (third …) entry with an id already used, at its own line."""
    seen: dict[str, int] = {}
    for index, item in _entries(data, section):
        ident = item.get("id")
        if not isinstance(ident, str):
            continue
        if ident in seen:
            c.add(
                f"Id ”{one_line(ident)}” används för mer än {kind} (nummer {seen[ident] + 1} "
                f"och {index + 1}). Varje {kind.split()[1]} behöver ett eget id.",
                section,
                index,
                "id",
            )
        else:
            seen[ident] = index


def _check_focus_areas_used(data: dict[str, Any], area_ids: list[str], c: Collector) -> None:
    used = {
        item.get("fokusomrade")
        for _, item in _entries(data, "aktiviteter")
        if isinstance(item.get("fokusomrade"), str)
    }
    for index, item in _entries(data, "fokusomraden"):
        ident = item.get("id")
        if isinstance(ident, str) and ident in area_ids and ident not in used:
            c.add(
                f"Fokusområdet ”{ident}” har inga aktiviteter. Lägg till en aktivitet med "
                f'fokusomrade = "{ident}", eller ta bort fokusområdet.',
                "fokusomraden",
                index,
                "id",
            )


def _check_alias_clashes(data: dict[str, Any], c: Collector) -> None:
    """An id, name or alias may belong to one activity only."""
    owner: dict[str, str] = {}
    reported: set[tuple[str, str]] = set()
    for index, item in _entries(data, "aktiviteter"):
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
                c.add(
                    f"Namnet ”{one_line(name)}” används för både ”{owner[folded]}” och "
                    f"”{ident}”. Ett namn eller alias får bara höra till en aktivitet.",
                    "aktiviteter",
                    index,
                    key,
                )
            owner.setdefault(folded, ident)


def _column_aliases(
    data: dict[str, Any], c: Collector, columns: Sequence[ColumnNames]
) -> list[tuple[str, tuple[str, ...]]]:
    """[kolumnalias]: lists of header texts, none of them another column's name. A key
    shared by several kinds is named by the title the first kind gives it."""
    builtin: dict[str, str] = {}
    titles: dict[str, str] = {}
    for column in columns:
        titles.setdefault(column.key, column.title)
        for name in (column.title, *column.aliases):
            builtin.setdefault(normalize_label(name), column.key)
    section = _table(data, "kolumnalias")
    aliases = []
    claimed: dict[str, str] = {}
    for key, values in section.items():
        if key not in titles:
            continue  # reported as an unknown field
        texts = texts_field(values, c, "kolumnalias", None, key, f"[kolumnalias] {key}")
        if texts is None:
            continue
        for text in texts:
            folded = normalize_label(text)
            other = builtin.get(folded) or claimed.get(folded)
            if other and other != key:
                c.add(
                    f"[kolumnalias] {key}: rubriken ”{text}” är redan namnet på kolumnen "
                    f"”{titles[other]}”. En rubrik kan bara betyda en kolumn – ta bort den "
                    "här eller välj en annan rubrik.",
                    "kolumnalias",
                    None,
                    key,
                )
            claimed.setdefault(folded, key)
        aliases.append((key, texts))
    return aliases
