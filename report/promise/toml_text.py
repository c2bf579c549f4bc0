"""The promise file as text: where each table, entry and key stands, and TOML syntax errors
in Swedish.

tomllib gives values without positions, so the lines are found by scanning the text the
way TOML reads it: a `[name]` or `[[name]]` header starts a table (the n-th `[[name]]` the
n-th entry), and `key =` at the start of a line outside multi-line strings is a key of the
current table. A message then names the line of that very key in that very entry, not the
first line that happens to contain the same text.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

_HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_-]+|\"[^\"]*\")\s*(\]\]?)")
_KEY = re.compile(r"^\s*([A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*')\s*=")

Where = tuple[str | None, int | None]  # (table name or None for the top, entry index)


@dataclass
class Places:
    """Line numbers (1-based) of tables, array entries and keys in the promise file."""

    headers: dict[Where, int] = field(default_factory=dict)
    keys: dict[tuple[str | None, int | None, str], int] = field(default_factory=dict)

    @classmethod
    def scan(cls, text: str) -> Places:
        places = cls()
        section: str | None = None
        index: int | None = None
        counts: dict[str, int] = {}
        open_quote: str | None = None  # inside a multi-line string
        for number, line in enumerate(text.splitlines(), start=1):
            if open_quote:
                if line.count(open_quote) % 2 == 1:
                    open_quote = None
                continue
            header = _HEADER.match(line)
            if header:
                section = header.group(2).strip('"')
                if header.group(1) == "[[":
                    index = counts.get(section, 0)
                    counts[section] = index + 1
                else:
                    index = None
                places.headers.setdefault((section, index), number)
                continue
            key = _KEY.match(line)
            if key:
                name = key.group(1).strip("\"'")
                places.keys.setdefault((section, index, name), number)
                if section is None:  # a top-level `aktiviteter = []` stands for the table
                    places.headers.setdefault((name, None), number)
            for quote in ('"""', "'''"):
                if line.count(quote) % 2 == 1:
                    open_quote = quote
                    break
        return places

    def line(self, section: str | None, index: int | None = None, key: str | None = None):
        """The line of the key in that table or entry; else of the entry's header."""
        if key is not None:
            found = self.keys.get((section, index, key))
            if found:
                return found
        found = self.headers.get((section, index))
        if found is None and index is not None:
            found = self.headers.get((section, None))  # parter = [ {...}, ... ]
        if found is None and index is None:
            found = self.headers.get((section, 0))  # [[name]] where [name] was meant
        return found


# --- syntax errors ----------------------------------------------------------------------

_DATE_LIKE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")
_OTHER_DATE = re.compile(
    r"(\d{1,4}[/.]\d{1,2}[/.]\d{1,4}|\d{1,2}\s+[A-Za-zåäöÅÄÖ]+\.?\s+\d{4}|\d{8})\b"
)
_DECIMAL_COMMA = re.compile(r"[-+]?\d+,\d+")
_BARE_WORD = re.compile(r"[A-Za-zÅÄÖåäöÉé]")

_MESSAGES = (
    ("Expected '=' after a key", "det saknas ett = efter namnet"),
    (
        "Invalid initial character for a key part",
        "ett namn får bara innehålla a–z, 0–9, - och _ (inga mellanslag eller å/ä/ö)",
    ),
    (
        "Invalid statement",
        "raden går inte att läsa – skriv namn = värde, [avsnitt] eller [[avsnitt]]",
    ),
    ("Found invalid character", "raden går inte att läsa – skriv namn = värde"),
    ("Unclosed array", "en lista saknar avslutande ] eller kommatecken mellan värdena"),
    ("Unclosed inline table", "en { saknar avslutande } på samma rad"),
    ("Unterminated string", "en text saknar avslutande citattecken"),
    ("Expected ']]'", "[[…]] ska avslutas med ]] (dubbla hakparenteser)"),
    ("Expected ']'", "[…] ska avslutas med ]"),
    (
        "Cannot declare",
        "avsnittet finns redan tidigare i filen – ett avsnitt med enkla hakparenteser får "
        "bara finnas en gång",
    ),
    (
        "Cannot overwrite a value",
        "samma namn förekommer två gånger (eller både som [avsnitt] och som [[avsnitt]])",
    ),
    (
        "Cannot mutate",
        "samma namn förekommer två gånger (eller både som [avsnitt] och [[avsnitt]])",
    ),
    ("Cannot redefine", "samma namn förekommer två gånger"),
    ("Duplicate inline table key", "samma namn förekommer två gånger inom { }"),
    (
        "Unescaped '\\'",
        "ett bakstreck \\ i en text ska skrivas dubbelt (\\\\), eller så skrivs texten "
        "inom enkla citattecken: 'C:\\mapp'",
    ),
    ("Invalid hex value", "en \\u-kod i en text är ogiltig"),
    ("Escaped character", "en \\u-kod i en text är ogiltig"),
    ("Invalid date or datetime", "datumet är ogiltigt – skriv ÅÅÅÅ-MM-DD, t.ex. 2022-06-14"),
    (
        "Invalid value",
        "värdet går inte att läsa – text skrivs inom citattecken, tal med punkt och datum "
        "ÅÅÅÅ-MM-DD",
    ),
    (
        "Expected newline or end of document",
        "efter värdet står något mer på raden – skriv ett namn = värde per rad (en kommentar "
        "börjar med #)",
    ),
)


def syntax_message(src: str, error: str) -> tuple[int | None, str]:
    """(line, Swedish message) for a tomllib error text."""
    where = re.search(r"\(at line (\d+), column (\d+)\)", error)
    detail = error.split(" (at ")[0]
    if not where:
        lines = src.splitlines()
        line = len(lines) or None
        return line, f"Filen tar slut mitt i något: {_explain(detail, '')}."
    line, column = int(where.group(1)), int(where.group(2))
    lines = src.splitlines()
    text = lines[line - 1] if line <= len(lines) else ""
    return line, f"Syntaxfel i kolumn {column}: {_explain(detail, text)}."


def _explain(detail: str, line: str) -> str:
    if detail.startswith("Illegal character"):
        if "\\n" in detail or "\\r" in detail:
            return "en text saknar avslutande citattecken på samma rad"
        if "\\t" in detail:
            return "en tabb står på ett ställe där den inte får stå – byt den mot ett mellanslag"
        return "raden innehåller ett osynligt styrtecken – skriv om raden"
    value_text = _value_of(line)
    if value_text is not None and not detail.startswith(("Unescaped", "Illegal", "Unterminated")):
        guess = _diagnose_value(value_text)
        if guess:
            return guess
    for start, swedish in _MESSAGES:
        if detail.startswith(start):
            return swedish
    return "raden går inte att läsa"


def _value_of(line: str) -> str | None:
    match = re.match(r"^\s*[A-Za-z0-9_\"'-]+\s*=\s*(.*)$", line)
    if not match:
        return None
    value = match.group(1).strip()
    if not value.startswith(('"', "'")):
        value = value.split("#")[0].strip()
    return value


def _diagnose_value(value: str) -> str | None:
    """What is wrong with a value tomllib could not read, when it can be told."""
    date = _DATE_LIKE.match(value)
    if date:
        typed = value.split()[0]
        try:
            dt.date.fromisoformat(date.group(0))
        except ValueError:
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", date.group(0)):
                return f"datumet {typed} finns inte – skriv ÅÅÅÅ-MM-DD"
            return f"skriv datumet som ÅÅÅÅ-MM-DD med två siffror för månad och dag, inte {typed}"
        return f"{typed} går inte att läsa som datum – skriv bara ÅÅÅÅ-MM-DD, t.ex. {date.group(0)}"
    other = _OTHER_DATE.match(value)
    if other:
        return (
            f"{other.group(0)} går inte att läsa som datum – skriv ÅÅÅÅ-MM-DD utan "
            "citattecken, t.ex. 2022-06-14"
        )
    comma = _DECIMAL_COMMA.match(value)
    if comma:
        return f"skriv decimaltal med punkt: {comma.group(0).replace(',', '.')}"
    if value and _BARE_WORD.match(value) and value not in ("true", "false"):
        if value.casefold() in ("sant", "ja", "falskt", "nej", "true", "false"):
            return "skriv true eller false med små bokstäver och utan citattecken"
        return f'text ska stå inom citattecken: "{value}"'
    return None
