"""Cells for the workbooks this project writes (such as the underlag workbook).

Text from the exports or the promise file that begins like a formula must stay text: a cell
"=HYPERLINK(...)" or "@SUM(...)" written as-is would run as a formula when the workbook is
opened, or when someone saves it as CSV and opens that (formula or CSV injection).
"""

from __future__ import annotations

from typing import TypeVar

# OWASP's list: the four formula starters, and tab / carriage return, which some programs
# strip before looking at the first character.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

T = TypeVar("T")


def excel_text(value: T) -> T | str:
    """The value to put in a cell. Text beginning with = + - @ (or tab / carriage return)
    gets a leading apostrophe, so Excel, LibreOffice and any later CSV conversion read it as
    text; numbers, dates, None and all other text pass unchanged (a negative number is a
    number, not a formula)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
