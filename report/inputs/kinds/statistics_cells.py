"""The cells of a statistics table: its periods (a year, or a month), values, units
(converted to the report's: per 100 000 inhabitants to per 1 000) and populations."""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

from report.errors import Code, Fault
from report.inputs.kinds.survey_long import NOT_PUBLISHED
from report.promise.types import COUNT, INDEX, RATE, SHARE
from report.vocabulary import normalize_label, period_label

# Units as written (folded) -> the report's unit, and the factor into it.
UNITS_READ = {
    "antal": (COUNT, 1.0),
    "st": (COUNT, 1.0),
    "per 1 000 invånare": (RATE, 1.0),
    "per 1000 invånare": (RATE, 1.0),
    "per 1 000 inv": (RATE, 1.0),
    "per 1 000 inv.": (RATE, 1.0),
    "per 1000 inv": (RATE, 1.0),
    "per 10 000 invånare": (RATE, 0.1),
    "per 10000 invånare": (RATE, 0.1),
    "per 100 000 invånare": (RATE, 0.01),
    "per 100000 invånare": (RATE, 0.01),
    "per 100 000 inv": (RATE, 0.01),
    "per 100 000 inv.": (RATE, 0.01),
    "index": (INDEX, 1.0),
    "andel": (SHARE, 1.0),
    "andel (%)": (SHARE, 1.0),
    "procent": (SHARE, 1.0),
    "%": (SHARE, 1.0),
}

MONTH = re.compile(r"((?:19|20)\d\d)\s*(?:-|m|/)\s*(\d{1,2})")


def parse_period(cell: Any, today: dt.date) -> tuple[tuple[int, int] | None, Fault | None]:
    """(year, month) with month 0 for a whole year, or an error."""
    if isinstance(cell, dt.datetime | dt.date):
        year, month = cell.year, cell.month
    elif isinstance(cell, bool) or cell is None:
        return None, Fault(
            Code.VALUE_MISSING, "År saknas. Skriv året (2023) eller månaden (2023-05)."
        )
    elif isinstance(cell, int | float):
        if not math.isfinite(cell) or cell != int(cell):
            return None, Fault(
                Code.VALUE_INVALID, f"”{cell}” är inget årtal. Skriv t.ex. 2023 eller 2023-05."
            )
        year, month = int(cell), 0
    else:
        text = normalize_label(str(cell))
        if not text:
            return None, Fault(
                Code.VALUE_MISSING, "År saknas. Skriv året (2023) eller månaden (2023-05)."
            )
        match = MONTH.fullmatch(text)
        if re.fullmatch(r"\d{4}(\.0)?", text):
            year, month = int(float(text)), 0
        elif match:
            year, month = int(match[1]), int(match[2])
            if not 1 <= month <= 12:
                return None, Fault(
                    Code.VALUE_INVALID,
                    f"”{cell}” har ingen giltig månad (01–12). Skriv t.ex. 2023-05.",
                )
        else:
            return None, (
                Fault(
                    Code.VALUE_INVALID,
                    f"”{cell}” är varken ett år eller en månad. Skriv t.ex. 2023 eller 2023-05.",
                )
            )
    if not 1990 <= year <= today.year or (year, month) > (today.year, today.month):
        return None, (
            Fault(
                Code.PERIOD_OUT_OF_RANGE,
                f"Perioden {period_label(year, month)} är orimlig. Skriv ett år mellan 1990 och "
                f"{today.year} "
                "(eller en månad som har börjat).",
            )
        )
    return (year, month), None


def parse_value(cell: Any) -> tuple[float | None, Fault | None]:
    """A non-negative number (Swedish or English decimals, spaces, a trailing %)."""
    if isinstance(cell, bool):
        return None, Fault(
            Code.VALUE_INVALID, f"”{cell}” är inget tal. Skriv värdet, t.ex. 12 eller 5,3."
        )
    if isinstance(cell, int | float):
        value = float(cell)
    else:
        text = str(cell).strip().replace("\u00a0", "").replace(" ", "").replace("\u2212", "-")
        text = text.removesuffix("%")
        if not re.fullmatch(r"-?\d+(?:[.,]\d+)?", text):
            return None, Fault(
                Code.VALUE_INVALID, f"”{cell}” är inget tal. Skriv värdet, t.ex. 12 eller 5,3."
            )
        value = float(text.replace(",", "."))
    if not math.isfinite(value) or value < 0:
        return None, Fault(
            Code.VALUE_OUT_OF_RANGE,
            f"Värdet {cell} är negativt eller ogiltigt. Rätta värdet (0 eller större).",
        )
    return value, None


def parse_unit(cell: Any) -> tuple[tuple[str, float] | None, Fault | None]:
    """(unit, factor to the report's unit) or None for an empty cell."""
    text = normalize_label(str(cell)) if cell is not None else ""
    if not text:
        return None, None
    found = UNITS_READ.get(text) or UNITS_READ.get(text.replace("invånare", "inv").rstrip("."))
    if found:
        return found, None
    return None, (
        Fault(
            Code.VALUE_INVALID,
            f"Enheten ”{cell}” känns inte igen. Skriv antal, per 1 000 invånare, per 100 000 "
            "invånare, index eller andel.",
        )
    )


def parse_population(cell: Any) -> tuple[int | None, Fault | None]:
    if cell is None or (isinstance(cell, str) and cell.strip() in ("", *NOT_PUBLISHED)):
        return None, None
    value, error = parse_value(cell)
    if error or value is None or value != int(value) or value < 1:
        return None, Fault(
            Code.VALUE_INVALID,
            f"”{cell}” är ingen befolkning. Skriv antalet invånare som ett heltal.",
        )
    return int(value), None
