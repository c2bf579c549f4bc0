"""Reading the fields of the promise file: each value checked for its type and range, every
problem collected with the line where it stands (see toml_text.Places)."""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

from report.errors import Problem
from report.promise.toml_text import Places

_ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
FIRST_YEAR, LAST_YEAR = 1900, 2200  # dates outside these cannot be meant (nor computed with)
MAX_TEXT = 2000  # characters in one name or title; the wording of an activity may be longer


class Collector:
    def __init__(self, file: str, text: str):
        self.file = file
        self.places = Places.scan(text)
        self.problems: list[Problem] = []

    def add(
        self,
        message: str,
        section: str | None = None,
        index: int | None = None,
        key: str | None = None,
    ) -> None:
        row = self.places.line(section, index, key) if section or key else None
        self.problems.append(Problem(file=self.file, message=message, row=row))


def one_line(text: str) -> str:
    return " ".join(str(text).split())


def shown(value: Any) -> str:
    if isinstance(value, str):
        return f"”{one_line(value)[:60]}”"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, list):
        return "en lista"
    if isinstance(value, dict):
        return "ett avsnitt"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def text_field(
    value: Any,
    c: Collector,
    section: str,
    index: int | None,
    key: str,
    label: str,
    empty_ok: bool = False,
    multiline: bool = False,
) -> str | None:
    """A text field: a string, not empty (unless empty_ok), on one line (unless multiline)."""
    if value is None:  # missing: reported by the structure check
        return None
    if not isinstance(value, str):
        hint = " (en lista skrivs inte här: bara en text)" if isinstance(value, list) else ""
        c.add(
            f'{label} ska vara en text inom citattecken, t.ex. {key} = "…", inte '
            f"{shown(value)}{hint}.",
            section,
            index,
            key,
        )
        return None
    if not value.strip() and not empty_ok:
        c.add(f"{label} är tom. Skriv en text mellan citattecknen.", section, index, key)
        return None
    if not multiline and ("\n" in value or "\r" in value):
        c.add(f"{label} får bara vara en rad (ta bort radbrytningen).", section, index, key)
        return None
    if any(ord(ch) < 32 and ch not in "\n\r\t" for ch in value):
        c.add(f"{label} innehåller ett osynligt styrtecken. Skriv om texten.", section, index, key)
        return None
    if len(value) > (20 * MAX_TEXT if multiline else MAX_TEXT):
        c.add(f"{label} är för lång. Skriv en kortare text.", section, index, key)
        return None
    return value.strip()


def id_field(
    value: Any, c: Collector, section: str, index: int | None, key: str, label: str
) -> str | None:
    text = text_field(value, c, section, index, key, label)
    if text is None:
        return None
    if not _ID_PATTERN.match(value) or len(value) > 100:
        c.add(
            f"{label} = ”{one_line(value)}” får bara innehålla a–z, 0–9, - och _ (inga "
            "mellanslag, radbrytningar, stora bokstäver eller å/ä/ö), eftersom det används "
            "i filnamn.",
            section,
            index,
            key,
        )
        return None
    return value


def date_field(
    value: Any, c: Collector, section: str, index: int | None, key: str, label: str
) -> dt.date | None:
    if value is None:
        return None
    example = f"{key} = 2022-06-14"
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        if not FIRST_YEAR <= value.year <= LAST_YEAR:
            c.add(
                f"{label} = {value.isoformat()} kan inte stämma. Skriv dagen då löftet "
                f"undertecknades, ÅÅÅÅ-MM-DD, t.ex. {example}.",
                section,
                index,
                key,
            )
            return None
        return value
    if isinstance(value, dt.datetime | dt.time):
        c.add(f"{label} ska vara ett datum utan klockslag, t.ex. {example}.", section, index, key)
        return None
    c.add(
        f"{label} ska vara ett datum skrivet ÅÅÅÅ-MM-DD utan citattecken, t.ex. {example}, "
        f"inte {shown(value)}.",
        section,
        index,
        key,
    )
    return None


def int_field(
    value: Any,
    c: Collector,
    section: str,
    index: int | None,
    key: str,
    minimum: int,
    maximum: int,
    label: str | None = None,
) -> int | None:
    if value is None:
        return None
    ok = isinstance(value, int) and not isinstance(value, bool)
    if ok and minimum <= value <= maximum:
        return value
    most = f"{maximum:,}".replace(",", " ")
    c.add(
        f"{label or key} ska vara ett heltal mellan {minimum} och {most} (utan "
        f"citattecken), inte {shown(value)}.",
        section,
        index,
        key,
    )
    return None


def number_field(
    value: Any, c: Collector, section: str, key: str, minimum: float, maximum: float
) -> float | None:
    ok = isinstance(value, int | float) and not isinstance(value, bool)
    if ok and math.isfinite(value) and minimum <= value <= maximum:
        return float(value)
    c.add(
        f"[{section}] {key} ska vara ett tal mellan {minimum:g} och {maximum:g} (procent, "
        f"utan citattecken; decimaler med punkt), inte {shown(value)}.",
        section,
        None,
        key,
    )
    return None


def texts_field(
    value: Any, c: Collector, section: str, index: int | None, key: str, label: str
) -> tuple[str, ...] | None:
    """A list of non-empty one-line texts."""
    if value is None:
        return ()
    if not isinstance(value, list) or not all(
        isinstance(v, str) and v.strip() and "\n" not in v for v in value
    ):
        c.add(
            f'{label} ska vara en lista med text, t.ex. {key} = ["Namn", "Annat namn"] '
            "(varje namn inom citattecken, inget tomt).",
            section,
            index,
            key,
        )
        return None
    return tuple(v.strip() for v in value)


def bool_field(
    value: Any, c: Collector, section: str, index: int | None, key: str, label: str
) -> bool | None:
    """true or false (without quotes); None when missing or wrong (then said)."""
    if value is None or isinstance(value, bool):
        return value
    c.add(
        f"{label} ska vara true eller false (utan citattecken), inte {shown(value)}.",
        section,
        index,
        key,
    )
    return None
