"""Swedish number and date formats, through Babel."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from babel.dates import format_date, get_month_names
from babel.numbers import format_decimal

LOCALE = "sv_SE"
NBSP = "\u00a0"


def whole(value: float | int | None) -> str:
    """1234 -> '1 234' (Swedish grouping); None -> '–'."""
    if value is None:
        return "–"
    return format_decimal(round(value), format="#,##0", locale=LOCALE)


def decimal(value: float | None, digits: int = 1) -> str:
    if value is None:
        return "–"
    pattern = "#,##0." + "0" * digits if digits else "#,##0"
    return format_decimal(value, format=pattern, locale=LOCALE)


def percent(value: float | None, digits: int = 0) -> str:
    """33.3 -> '33 %' (value already in percent)."""
    if value is None:
        return "–"
    return f"{decimal(value, digits)}{NBSP}%"


def signed(value: float | None, digits: int = 0, unit: str = "") -> str:
    """+3, −2 (with a real minus sign), ±0."""
    if value is None:
        return "–"
    rounded = round(value, digits)
    if rounded == 0:
        return f"±0{unit}"
    sign = "+" if rounded > 0 else "−"
    return f"{sign}{decimal(abs(rounded), digits)}{unit}"


def long_date(day: dt.date) -> str:
    """2022-06-14 -> '14 juni 2022'."""
    return format_date(day, format="d MMMM y", locale=LOCALE)


def short_date(day: dt.date) -> str:
    """2022-06-14 -> '14 juni 2022'; longer months abbreviated ('2 jan. 2021'), for tables."""
    return format_date(day, format="d MMM y", locale=LOCALE)


def date_text(value: object) -> str:
    """A date, or a date written ÅÅÅÅ-MM-DD, as a short Swedish date; anything else (a year,
    '–') as it is."""
    if isinstance(value, dt.date):
        return short_date(value)
    text = str(value)
    if len(text) == 10 and text[4] == text[7] == "-":
        try:
            return short_date(dt.date.fromisoformat(text))
        except ValueError:
            return text
    return text


def month_name(month: int, width: Literal["abbreviated", "narrow", "wide"] = "abbreviated") -> str:
    """1 -> 'jan.' / 'januari'."""
    return get_month_names(width, locale=LOCALE)[month]


def count(value: int, singular: str, plural: str) -> str:
    """1 -> '1 fil', 1234 -> '1 234 filer'."""
    return f"{whole(value)} {singular if value == 1 else plural}"
