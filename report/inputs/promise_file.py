"""Reading the promise file (inputs/medborgarlofte.toml): its bytes, its encoding and its
TOML syntax, each problem in Swedish with what to do; then report/promise/parse.py checks
its content, with the names of every kind's columns for [kolumnalias]."""

from __future__ import annotations

import tomllib
from pathlib import Path

from report.errors import Code, InputError, Problem
from report.inputs.folder import PROMISE_FILE
from report.inputs.kinds.registry import every_column
from report.promise.parse import parse_promise
from report.promise.toml_text import syntax_message
from report.promise.types import Promise


def load_promise(path: Path) -> Promise:
    """Read and validate the promise file; raise InputError listing every problem."""
    name = path.name
    try:
        raw_bytes = path.read_bytes()
    except OSError as exc:
        raise InputError(
            [Problem(name, unreadable_promise(path, exc), code=Code.PROMISE_UNREADABLE)]
        ) from None
    try:
        text = raw_bytes.decode("utf-8-sig")
    except UnicodeDecodeError:
        message = (
            "Löftesfilen är inte sparad som UTF-8. Öppna den i "
            "Anteckningar och välj Spara som → Kodning: UTF-8."
        )
        raise InputError([Problem(name, message, code=Code.TEXT_ENCODING)]) from None
    return promise_from_text(text, name)


def promise_from_text(text: str, file: str = PROMISE_FILE) -> Promise:
    """The promise a promise file's text holds; InputError listing every problem."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError([_syntax_problem(file, text, str(exc))]) from None
    return parse_promise(data, every_column(), file, text)


def unreadable_promise(path: Path, exc: OSError) -> str:
    """Why the promise file cannot be read, in Swedish (never the system's English)."""
    if isinstance(exc, FileNotFoundError):
        return (
            f"Löftesfilen {path.name} finns inte i mappen {path.parent}. Lägg den där "
            "(inputs/medborgarlofte.toml följer med verktyget) eller ange rätt mapp med INPUTS=..."
        )
    if isinstance(exc, IsADirectoryError):
        return f"{path} är en mapp, inte en fil. Löftesfilen ska vara en textfil med det namnet."
    if isinstance(exc, PermissionError):
        return (
            "Löftesfilen kan inte läsas: du saknar behörighet, eller så är den låst av ett "
            "annat program. Stäng den och kontrollera behörigheten."
        )
    return "Löftesfilen kan inte läsas. Kontrollera att filen finns och att du har behörighet."


def _syntax_problem(file: str, text: str, message: str) -> Problem:
    line, swedish = syntax_message(text, message)
    return Problem(
        file,
        f"{swedish} Jämför med raderna runt omkring och med exemplet i README.",
        row=line,
        code=Code.PROMISE_SYNTAX,
    )
