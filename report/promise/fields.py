"""How the promise file's fields are declared and read: a field is a row of the table in
schema.py (its section, key, type, range, default and meaning), and `read_entry` reads every
field of a table or an entry at once, each value checked for its type and range. Nothing is
appended to a list handed around: every reader returns its values and its problems, each
problem at the line where its key stands (see toml_text.Places).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any, Protocol

from report.errors import Code, Problem
from report.promise.toml_text import Places

_ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
FIRST_YEAR, LAST_YEAR = 1900, 2200  # dates outside these cannot be meant (nor computed with)
MAX_TEXT = 2000  # characters in one name or title; the wording of an activity may be longer


class Type(Enum):
    """The types of value a field may hold, each with its own check and messages."""

    ID = "id"  # a-z, 0-9, - and _: used in file names
    TEXT = "text"  # one line, not empty
    TEXT_OR_EMPTY = "text or empty"
    LONG_TEXT = "long text"  # may span several lines
    DATE = "date"  # 2022-06-14, without quotes
    WHOLE = "whole number"  # within the field's range
    PERCENT = "percent"  # a number within the field's range
    BOOL = "true or false"
    TEXTS = "list of texts"
    CHOICE = "one of a few words"  # its `choose` reads the text, or says it cannot


@dataclass(frozen=True)
class Field:
    """One field of the promise file."""

    section: str
    key: str
    type: Type
    meaning: str  # what it is for, in Swedish
    required: bool = True
    low: float = 0  # the range of a WHOLE or PERCENT
    high: float = 0
    default: Any = None  # the value of an optional field left out (None: its own rule)
    # CHOICE: the value meant by a text (None: not a valid text), and what to write instead.
    choose: Callable[[str], Any] | None = None
    choices: str = ""


@dataclass(frozen=True)
class PromiseSection:
    """A section of the promise file: one table ([lofte]) or a list of entries
    ([[aktiviteter]]), and how its messages name an entry."""

    name: str
    entries: bool  # [[name]], one entry per thing; else [name]
    required: bool
    fields: tuple[Field, ...]
    noun: str = ""  # 'Aktivitet': 'Aktivitet nummer 2: id'
    definite: str = ""  # 'Aktiviteten': 'Aktiviteten ”ssp”: namn'
    one: str = ""  # 'en aktivitet': 'Id ”x” används för mer än en aktivitet'

    @property
    def brackets(self) -> str:
        return f"[[{self.name}]]" if self.entries else f"[{self.name}]"

    def who(self, index: int | None, ident: str | None) -> str:
        """How a message names the table or the entry: '[lofte]', 'Aktiviteten ”ssp”',
        'Part nummer 2'."""
        if index is None:
            return f"[{self.name}]"
        return f"{self.definite} ”{ident}”" if ident else f"{self.noun} nummer {index + 1}"

    def label(self, index: int | None, ident: str | None, key: str) -> str:
        """'[lofte] titel', 'Aktiviteten ”ssp”: namn', and 'Aktivitet nummer 2: id' for the
        id itself."""
        if index is None:
            return f"[{self.name}] {key}"
        if key == "id":
            return f"{self.noun} nummer {index + 1}: id"
        return f"{self.who(index, ident)}: {key}"


class ColumnNames(Protocol):
    """An export's column as [kolumnalias] sees it: named by its key, and an alias may not
    be the name of another column."""

    @property
    def key(self) -> str: ...

    @property
    def title(self) -> str: ...

    @property
    def aliases(self) -> tuple[str, ...]: ...


@dataclass(frozen=True)
class Located:
    """Problems of one promise file, each at the line of the key (or entry) it is about."""

    file: str
    places: Places

    @classmethod
    def scan(cls, file: str, text: str) -> Located:
        return cls(file, Places.scan(text))

    def problem(
        self,
        code: Code,
        message: str,
        section: str | None = None,
        index: int | None = None,
        key: str | None = None,
        value: Any = None,
    ) -> Problem:
        row = self.places.line(section, index, key) if section or key else None
        return Problem(self.file, message, row=row, code=code, value=value)


def one_line(text: str) -> str:
    return " ".join(str(text).split())


def shown(value: Any) -> str:
    """A value as a message shows what was written."""
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


Read = tuple[Any, str | None]  # the value (None: missing or wrong) and what is wrong


def read_entry(
    section: PromiseSection, item: Mapping[str, Any], index: int | None, at: Located
) -> tuple[dict[str, Any], list[Problem]]:
    """Every declared field of a table or an entry: key -> its value (None when it is
    missing or wrong; the default when an optional field is left out), and the problems.
    A missing required field is the structure check's to report."""
    values: dict[str, Any] = {}
    problems = []
    ident: str | None = None
    for field in section.fields:
        given = item.get(field.key, field.default)
        label = section.label(index, ident, field.key)
        value, message = check(field, given, label)
        if message:
            code = Code.FIELD_INVALID
            problems.append(at.problem(code, message, section.name, index, field.key, given))
        values[field.key] = value
        if field.key == "id":
            ident = value
    return values, problems


def check(field: Field, value: Any, label: str) -> Read:
    """A value of a field, checked for its type and range."""
    if value is None:  # missing: reported by the structure check
        return (None, None) if field.type != Type.TEXTS else ((), None)
    return _CHECKS[field.type](field, value, label)


def _text(field: Field, value: Any, label: str) -> Read:
    """One line of text, not empty (unless TEXT_OR_EMPTY); LONG_TEXT may span lines."""
    key, multiline = field.key, field.type == Type.LONG_TEXT
    if not isinstance(value, str):
        hint = " (en lista skrivs inte här: bara en text)" if isinstance(value, list) else ""
        return None, (
            f'{label} ska vara en text inom citattecken, t.ex. {key} = "…", inte '
            f"{shown(value)}{hint}."
        )
    if not value.strip() and field.type != Type.TEXT_OR_EMPTY:
        return None, f"{label} är tom. Skriv en text mellan citattecknen."
    if not multiline and ("\n" in value or "\r" in value):
        return None, f"{label} får bara vara en rad (ta bort radbrytningen)."
    if any(ord(ch) < 32 and ch not in "\n\r\t" for ch in value):
        return None, f"{label} innehåller ett osynligt styrtecken. Skriv om texten."
    if len(value) > (20 * MAX_TEXT if multiline else MAX_TEXT):
        return None, f"{label} är för lång. Skriv en kortare text."
    return value.strip(), None


def _id(field: Field, value: Any, label: str) -> Read:
    text, message = _text(field, value, label)
    if text is None:
        return None, message
    if not _ID_PATTERN.match(value) or len(value) > 100:
        return None, (
            f"{label} = ”{one_line(value)}” får bara innehålla a–z, 0–9, - och _ (inga "
            "mellanslag, radbrytningar, stora bokstäver eller å/ä/ö), eftersom det används "
            "i filnamn."
        )
    return value, None


def _date(field: Field, value: Any, label: str) -> Read:
    example = f"{field.key} = 2022-06-14"
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        if not FIRST_YEAR <= value.year <= LAST_YEAR:
            return None, (
                f"{label} = {value.isoformat()} kan inte stämma. Skriv dagen då löftet "
                f"undertecknades, ÅÅÅÅ-MM-DD, t.ex. {example}."
            )
        return value, None
    if isinstance(value, dt.datetime | dt.time):
        return None, f"{label} ska vara ett datum utan klockslag, t.ex. {example}."
    return None, (
        f"{label} ska vara ett datum skrivet ÅÅÅÅ-MM-DD utan citattecken, t.ex. {example}, "
        f"inte {shown(value)}."
    )


def _whole(field: Field, value: Any, label: str) -> Read:
    ok = isinstance(value, int) and not isinstance(value, bool)
    if ok and field.low <= value <= field.high:
        return value, None
    most = f"{int(field.high):,}".replace(",", " ")
    return None, (
        f"{label} ska vara ett heltal mellan {int(field.low)} och {most} (utan "
        f"citattecken), inte {shown(value)}."
    )


def _percent(field: Field, value: Any, label: str) -> Read:
    ok = isinstance(value, int | float) and not isinstance(value, bool)
    if ok and math.isfinite(value) and field.low <= value <= field.high:
        return float(value), None
    return None, (
        f"{label} ska vara ett tal mellan {field.low:g} och {field.high:g} (procent, "
        f"utan citattecken; decimaler med punkt), inte {shown(value)}."
    )


def _texts(field: Field, value: Any, label: str) -> Read:
    """A list of non-empty one-line texts."""
    if not isinstance(value, list) or not all(
        isinstance(v, str) and v.strip() and "\n" not in v for v in value
    ):
        return None, (
            f'{label} ska vara en lista med text, t.ex. {field.key} = ["Namn", "Annat namn"] '
            "(varje namn inom citattecken, inget tomt)."
        )
    return tuple(v.strip() for v in value), None


def _bool(field: Field, value: Any, label: str) -> Read:
    if isinstance(value, bool):
        return value, None
    return None, f"{label} ska vara true eller false (utan citattecken), inte {shown(value)}."


def _choice(field: Field, value: Any, label: str) -> Read:
    text, message = _text(field, value, label)
    if text is None:
        return None, message
    assert field.choose is not None
    chosen = field.choose(text)
    if chosen is None:
        return None, f"{label} = ”{text}” – {field.choices}"
    return chosen, None


_CHECKS: dict[Type, Callable[[Field, Any, str], Read]] = {
    Type.ID: _id,
    Type.TEXT: _text,
    Type.TEXT_OR_EMPTY: _text,
    Type.LONG_TEXT: _text,
    Type.DATE: _date,
    Type.WHOLE: _whole,
    Type.PERCENT: _percent,
    Type.BOOL: _bool,
    Type.TEXTS: _texts,
    Type.CHOICE: _choice,
}
