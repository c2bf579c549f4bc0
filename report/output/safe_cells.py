"""Cells for the workbooks and tables this project writes (the underlag workbook, CSV).

Text from the exports or the promise file that begins like a formula must stay text: a cell
"=HYPERLINK(...)" or "@SUM(...)" written as-is would run as a formula when the file is
opened, or when someone saves it as CSV and opens that (formula or CSV injection).
"""

from __future__ import annotations

from typing import Any, TypeVar

# OWASP's list: the four formula starters, and tab / carriage return, which some programs
# strip before looking at the first character.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

T = TypeVar("T")


def is_formula_like(value: object) -> bool:
    """Text that a spreadsheet could take for a formula (a number is never one)."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def excel_text(value: T) -> T | str:
    """The value to write where there is no cell type to set (CSV, or any writer that guesses
    from the text): formula-like text gets a leading apostrophe, so Excel, LibreOffice and
    later conversions read it as text; numbers, dates, None and other text pass unchanged
    (a negative number is a number, not a formula)."""
    return "'" + value if isinstance(value, str) and is_formula_like(value) else value


def as_text(cell: Any) -> Any:
    """An openpyxl cell whose formula-like text must stay text, exactly as written: stored
    as a string, with Excel's quote prefix (what typing a leading apostrophe does), so the
    text shows without an apostrophe and stays text even when someone edits the cell."""
    if is_formula_like(cell.value):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell
