"""What a kind of input says about its Excel template (`make templates`), as plain data: for
each column its width, the prompt Excel shows, its number format and Excel's own check of
the value (a drop-down list, a whole number …); for the template its file and sheet, the
columns in their order, the drop-down lists and the instructions sheet. One writer
(report/output/excel_templates.py) builds every template from this.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from report.promise.types import Promise

ValidationType = Literal["whole", "decimal", "list", "date", "time", "textLength", "custom"]
Operator = Literal[
    "between",
    "notBetween",
    "equal",
    "notEqual",
    "lessThan",
    "lessThanOrEqual",
    "greaterThan",
    "greaterThanOrEqual",
]

DATE_ERROR = "Skriv ett datum ÅÅÅÅ-MM-DD, från år 2000 till i dag."


@dataclass(frozen=True)
class Check:
    """Excel's data validation of a column: its type, the message when a value is refused,
    and its settings (operator, formula1 …; a drop-down list is formula1 "=<list name>")."""

    type: ValidationType
    error: str
    operator: Operator | None = None
    formula1: str | None = None
    formula2: str | None = None
    style: Literal["stop", "information"] = "stop"  # information: any value may be kept


# The date check every log shares: a date from 2000 up to today.
A_DATE = Check("date", DATE_ERROR, "between", "DATE(2000,1,1)", "TODAY()")


def at_least(type_: ValidationType, low: int, error: str) -> Check:
    return Check(type_, error, "greaterThanOrEqual", str(low))


def one_of(name: str, error: str, style: Literal["stop", "information"] = "stop") -> Check:
    """A drop-down list: the template's list `name`."""
    return Check("list", error, formula1=f"={name}", style=style)


@dataclass(frozen=True)
class TemplateColumn:
    width: float
    prompt: str  # shown when the cell is chosen; {municipality}: the promise's municipality
    number_format: str | None = None
    check: Check | None = None


ExampleValue = str | int | float | dt.date | None


@dataclass(frozen=True)
class Guide:
    """The instructions sheet: a heading, paragraphs, example rows (never read back) and an
    optional reference table (its title, header and rows)."""

    heading: str
    paragraphs: tuple[str, ...]
    examples: Sequence[Sequence[ExampleValue]]
    reference: tuple[str, Sequence[str], Sequence[Sequence[ExampleValue]]] | None = None
    date_columns: tuple[int, ...] = ()  # example columns that hold dates
    widths: tuple[float, ...] = (30, 40, 14, 22, 60, 24, 16, 14)


@dataclass(frozen=True)
class Template:
    file: str  # "aktivitetslogg-mall.xlsx"
    sheet: str  # the data sheet, "Aktivitetslogg"
    columns: tuple[str, ...]  # the kind's column keys, in the template's order
    lists: Callable[[Promise], Mapping[str, Sequence[str]]]  # drop-down lists by name
    guide: Callable[[Promise], Guide]
