"""The promise file: what was promised, by whom, with which targets and indicators.

Loading validates everything and reports every problem at once, in Swedish, with the line
where it can be found.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputError, Problem

POLICE = "Polisen"
MUNICIPALITY = "Kommunen"
PARTIES = (POLICE, MUNICIPALITY)

COLUMN_KEYS = (
    "datum",
    "aktivitet",
    "antal",
    "ansvarig",
    "plats",
    "kommentar",
    "ar",
    "undersokning",
    "arskurs",
    "kon",
    "indikator",
    "andel",
    "antal_svarande",
    "omrade",
)


@dataclass(frozen=True)
class Party:
    name: str
    signatory: str
    role: str
    place: str
    signed: dt.date


@dataclass(frozen=True)
class FocusArea:
    id: str
    name: str


@dataclass(frozen=True)
class Activity:
    id: str
    focus_area: str
    name: str
    wording: str
    responsible_text: str
    responsible: frozenset[str]
    yearly_target: int
    aliases: tuple[str, ...]

    @property
    def shared(self) -> bool:
        return len(self.responsible) > 1


@dataclass(frozen=True)
class Indicator:
    id: str
    label: str
    survey: str
    lower_is_better: bool


@dataclass(frozen=True)
class Assessment:
    done_from_percent: float = 100.0
    partly_from_percent: float = 50.0


@dataclass(frozen=True)
class Promise:
    slug: str
    title: str
    municipality: str
    signed: dt.date
    period_years: int
    forum: str
    reported_in: str
    parties: tuple[Party, ...]
    focus_areas: tuple[FocusArea, ...]
    activities: tuple[Activity, ...]
    indicators: tuple[Indicator, ...]
    assessment: Assessment = field(default_factory=Assessment)
    min_respondents: int = 10
    column_aliases: tuple[tuple[str, tuple[str, ...]], ...] = ()
    source_text: str = ""

    @property
    def period_end(self) -> dt.date:
        """Last day of the promise period (signing date + N years - 1 day)."""
        return add_years(self.signed, self.period_years) - dt.timedelta(days=1)

    def activities_in(self, focus_area_id: str) -> tuple[Activity, ...]:
        return tuple(a for a in self.activities if a.focus_area == focus_area_id)

    def activity(self, activity_id: str) -> Activity:
        return next(a for a in self.activities if a.id == activity_id)

    def indicator(self, indicator_id: str) -> Indicator:
        return next(i for i in self.indicators if i.id == indicator_id)


def add_years(day: dt.date, years: int) -> dt.date:
    """Same day N years later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


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


# --- schema -----------------------------------------------------------------------------

_SECTION_KEYS: dict[str, tuple[set[str], set[str]]] = {
    # section: (required keys, optional keys)
    "lofte": (
        {"id", "titel", "kommun", "tecknat"},
        {"period_ar", "uppfoljningsforum", "redovisas_i"},
    ),
    "parter": ({"namn", "undertecknare", "roll", "ort", "datum"}, set()),
    "bedomning": (set(), {"genomford_fran_procent", "delvis_fran_procent"}),
    "enkater": (set(), {"minsta_antal_svarande"}),
    "kolumnalias": (set(), set(COLUMN_KEYS)),
    "fokusomraden": ({"id", "namn"}, set()),
    "aktiviteter": (
        {"id", "fokusomrade", "namn", "formulering", "ansvarig", "mal_per_ar"},
        {"alias"},
    ),
    "indikatorer": ({"id", "namn", "undersokning", "lagre_ar_battre"}, set()),
}
_TABLES = {"lofte", "bedomning", "enkater", "kolumnalias"}
_ARRAYS = {"parter", "fokusomraden", "aktiviteter", "indikatorer"}
_REQUIRED_SECTIONS = {"lofte", "parter", "fokusomraden", "aktiviteter"}
_ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*$")

_TOML_MESSAGES = {
    "Expected '=' after a key in a key/value pair": "det saknas ett = efter namnet",
    "Invalid value": "värdet går inte att läsa (text ska stå inom citattecken)",
    "Invalid statement": "raden går inte att läsa",
    "Unclosed array": "en lista saknar avslutande ]",
    "Unterminated string": "en text saknar avslutande citattecken",
    "Cannot overwrite a value": "samma namn förekommer två gånger",
    "Invalid date or datetime": "datumet är ogiltigt (skriv ÅÅÅÅ-MM-DD)",
}


class _Collector:
    def __init__(self, file: str, text: str):
        self.file = file
        self.lines = text.splitlines()
        self.problems: list[Problem] = []

    def add(self, message: str, find: str | None = None) -> None:
        row = self.line_of(find) if find else None
        self.problems.append(Problem(file=self.file, message=message, row=row))

    def line_of(self, needle: str) -> int | None:
        for number, line in enumerate(self.lines, start=1):
            if needle in line and not line.lstrip().startswith("#"):
                return number
        return None


def load_promise(path: Path) -> Promise:
    """Read and validate the promise file; raise InputError listing every problem."""
    name = path.name
    try:
        raw_bytes = path.read_bytes()
    except OSError as exc:
        message = (
            f"Löftesfilen kan inte läsas ({exc.strerror}). "
            "Kontrollera att filen finns och att du har behörighet."
        )
        raise InputError([Problem(name, message)]) from None
    try:
        text = raw_bytes.decode("utf-8-sig")
    except UnicodeDecodeError:
        message = (
            "Löftesfilen är inte sparad som UTF-8. Öppna den i "
            "Anteckningar och välj Spara som → Kodning: UTF-8."
        )
        raise InputError([Problem(name, message)]) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError([_syntax_problem(name, str(exc))]) from None
    return parse_promise(data, name, text)


def _syntax_problem(file: str, message: str) -> Problem:
    match = re.search(r"\(at line (\d+), column (\d+)\)", message)
    detail = message.split(" (at ")[0]
    swedish = _TOML_MESSAGES.get(detail, detail)
    if match:
        line, column = int(match.group(1)), int(match.group(2))
        return Problem(
            file,
            f"Syntaxfel på rad {line}, kolumn {column}: {swedish}. "
            "Jämför med raderna runt omkring och rätta stavningen.",
            row=line,
        )
    return Problem(file, f"Syntaxfel: {swedish}.")


def parse_promise(
    data: dict[str, Any], file: str = "medborgarlofte.toml", text: str = ""
) -> Promise:
    """Validate the parsed TOML and build the Promise (pure)."""
    c = _Collector(file, text)
    if not _check_structure(data, c):  # required parts missing: nothing more to check
        raise InputError(c.problems)

    lofte = data["lofte"]
    focus_areas = tuple(FocusArea(str(f["id"]), str(f["namn"])) for f in data["fokusomraden"])
    _check_unique("fokusområde", [f.id for f in focus_areas], c)
    area_ids = {f.id for f in focus_areas}

    _check_unique("aktivitet", [str(item["id"]) for item in data["aktiviteter"]], c)
    activities = []
    for item in data["aktiviteter"]:
        activity = _activity(item, area_ids, c)
        if activity:
            activities.append(activity)
    _check_alias_clashes(activities, c)

    indicators = [_indicator(item, c) for item in data.get("indikatorer", [])]
    indicators = [i for i in indicators if i]
    _check_unique("indikator", [i.id for i in indicators], c)

    parties = tuple(_party(item, c) for item in data["parter"])
    signed = _date(lofte.get("tecknat"), "tecknat", c)
    period_years = _int(lofte.get("period_ar", 2), "period_ar", c, minimum=1)
    slug = str(lofte["id"])
    if not _ID_PATTERN.match(slug):
        c.add(
            f"[lofte] id = ”{slug}” får bara innehålla a–z, 0–9, - och _ (inga mellanslag "
            "eller å/ä/ö), eftersom det används i rapportens filnamn.",
            find=f'"{slug}"',
        )

    bed = data.get("bedomning", {})
    done = _number(bed.get("genomford_fran_procent", 100), "genomford_fran_procent", c)
    partly = _number(bed.get("delvis_fran_procent", 50), "delvis_fran_procent", c)
    if done is not None and partly is not None and not 0 <= partly <= done:
        c.add(
            "[bedomning] delvis_fran_procent måste vara mellan 0 och genomford_fran_procent.",
            find="delvis_fran_procent",
        )
    min_resp = _int(
        data.get("enkater", {}).get("minsta_antal_svarande", 10),
        "minsta_antal_svarande",
        c,
        minimum=1,
    )

    aliases = []
    for key, values in data.get("kolumnalias", {}).items():
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            c.add(
                f'[kolumnalias] {key} ska vara en lista med text, t.ex. {key} = ["Rubrik"].',
                find=f"{key} =",
            )
            continue
        aliases.append((key, tuple(values)))

    if c.problems:
        raise InputError(c.problems)
    return Promise(
        slug=slug,
        title=str(lofte["titel"]),
        municipality=str(lofte["kommun"]),
        signed=signed,  # type: ignore[arg-type]
        period_years=period_years,  # type: ignore[arg-type]
        forum=str(lofte.get("uppfoljningsforum", "")),
        reported_in=str(lofte.get("redovisas_i", "")),
        parties=parties,  # type: ignore[arg-type]
        focus_areas=focus_areas,
        activities=tuple(activities),
        indicators=tuple(indicators),
        assessment=Assessment(float(done), float(partly)),  # type: ignore[arg-type]
        min_respondents=min_resp,  # type: ignore[arg-type]
        column_aliases=tuple(aliases),
        source_text=text,
    )


def _check_structure(data: dict[str, Any], c: _Collector) -> bool:
    """Report unknown and missing sections and keys; False if something required is
    missing (the rest of the file can then not be read)."""
    complete = True
    for key in data:
        if key not in _SECTION_KEYS:
            c.add(
                f"Okänt avsnitt [{key}]. Giltiga avsnitt: "
                f"{', '.join(sorted(_SECTION_KEYS))}. Kontrollera stavningen.",
                find=key,
            )
    for section in sorted(_REQUIRED_SECTIONS):
        if section not in data:
            c.add(f"Avsnittet [{section}] saknas. Lägg till det (se exemplet i README).")
            complete = False
    for section, value in data.items():
        if section not in _SECTION_KEYS:
            continue
        required, optional = _SECTION_KEYS[section]
        if section in _TABLES:
            if not isinstance(value, dict):
                c.add(f"[{section}] ska skrivas som ett avsnitt: [{section}].", find=section)
                complete = False
                continue
            items = [value]
        else:
            if not isinstance(value, list):
                c.add(
                    f"{section} ska skrivas som [[{section}]] (dubbla hakparenteser), "
                    "en gång per post.",
                    find=section,
                )
                complete = False
                continue
            items = value
        for number, item in enumerate(items, start=1):
            where = f"[{section}]" if section in _TABLES else f"[[{section}]] nummer {number}"
            ident = item.get("id") if isinstance(item, dict) else None
            if ident:
                where += f" (id = ”{ident}”)"
            if not isinstance(item, dict):
                c.add(f"{where} går inte att läsa. Skriv fälten som namn = värde.")
                complete = False
                continue
            for key in sorted(required - item.keys()):
                c.add(f"{where}: fältet {key} saknas.", find=f'"{ident}"' if ident else None)
                complete = False
            for key in sorted(item.keys() - required - optional):
                allowed = ", ".join(sorted(required | optional))
                c.add(f"{where}: okänt fält {key}. Tillåtna fält: {allowed}.", find=f"{key} =")
    return complete


def _activity(item: dict[str, Any], area_ids: set[str], c: _Collector) -> Activity | None:
    ident = str(item["id"])
    find = f'"{ident}"'
    ok = True
    if not _ID_PATTERN.match(ident):
        c.add(f"Aktiviteten ”{ident}”: id får bara innehålla a–z, 0–9, - och _.", find=find)
        ok = False
    if item["fokusomrade"] not in area_ids:
        c.add(
            f"Aktiviteten ”{ident}” pekar på fokusområdet ”{item['fokusomrade']}”, som inte "
            f"finns. Finns: {', '.join(sorted(area_ids))}.",
            find=f'"{item["fokusomrade"]}"',
        )
        ok = False
    responsible = parse_responsible(str(item["ansvarig"]))
    if not responsible:
        c.add(
            f"Aktiviteten ”{ident}”: ansvarig = ”{item['ansvarig']}” – skriv Polisen, "
            "Kommunen eller båda (t.ex. ”Kommunen och polisen”).",
            find=find,
        )
        ok = False
    target = _int(item["mal_per_ar"], f"mal_per_ar för ”{ident}”", c, minimum=0, find=find)
    aliases = item.get("alias", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        c.add(
            f"Aktiviteten ”{ident}”: alias ska vara en lista med text, "
            't.ex. alias = ["Trafikkontroll"].',
            find=find,
        )
        ok = False
        aliases = []
    if not ok or target is None:
        return None
    return Activity(
        id=ident,
        focus_area=str(item["fokusomrade"]),
        name=str(item["namn"]),
        wording=str(item["formulering"]).strip(),
        responsible_text=str(item["ansvarig"]),
        responsible=responsible,
        yearly_target=target,
        aliases=tuple(aliases),
    )


def _indicator(item: dict[str, Any], c: _Collector) -> Indicator | None:
    ident = str(item["id"])
    if not isinstance(item["lagre_ar_battre"], bool):
        c.add(
            f"Indikatorn ”{ident}”: lagre_ar_battre ska vara true eller false (utan citattecken).",
            find=f'"{ident}"',
        )
        return None
    return Indicator(ident, str(item["namn"]), str(item["undersokning"]), item["lagre_ar_battre"])


def _party(item: dict[str, Any], c: _Collector) -> Party:
    return Party(
        str(item["namn"]),
        str(item["undertecknare"]),
        str(item["roll"]),
        str(item["ort"]),
        _date(item["datum"], "datum", c) or dt.date.min,
    )


def _check_unique(kind: str, ids: list[str], c: _Collector) -> None:
    seen: set[str] = set()
    for ident in ids:
        if ident in seen:
            c.add(
                f"Id ”{ident}” används för mer än en {kind}. Varje {kind} behöver ett eget id.",
                find=f'"{ident}"',
            )
        seen.add(ident)


def _check_alias_clashes(activities: list[Activity], c: _Collector) -> None:
    owner: dict[str, str] = {}
    for activity in activities:
        for name in (activity.id, activity.name, *activity.aliases):
            key = normalize_label(name)
            if key in owner and owner[key] != activity.id:
                c.add(
                    f"Namnet ”{name}” används för både ”{owner[key]}” och ”{activity.id}”. "
                    "Ett namn eller alias får bara höra till en aktivitet.",
                    find=f'"{name}"',
                )
            owner.setdefault(key, activity.id)


def _date(value: Any, key: str, c: _Collector) -> dt.date | None:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    c.add(
        f"{key} ska vara ett datum skrivet ÅÅÅÅ-MM-DD utan citattecken, t.ex. {key} = 2022-06-14.",
        find=f"{key} =",
    )
    return None


def _int(
    value: Any, key: str, c: _Collector, minimum: int = 0, find: str | None = None
) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        c.add(
            f"{key} ska vara ett heltal som är minst {minimum} (utan citattecken).",
            find=find or f"{key} =",
        )
        return None
    return value


def _number(value: Any, key: str, c: _Collector) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        c.add(f"{key} ska vara ett tal (utan citattecken).", find=f"{key} =")
        return None
    return float(value)


def normalize_label(text: str) -> str:
    """Case-, whitespace- and dash-insensitive key for matching names typed by people."""
    folded = str(text).casefold().replace("\u00a0", " ")
    folded = re.sub(r"[\u2010-\u2015]", "-", folded)
    return " ".join(folded.split())
