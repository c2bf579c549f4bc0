"""Implausible input, caught instead of counted (issue 12, item 4).

- A single activity row whose Antal is above the activity's yearly target and more than
  ten times the median Antal of that activity's rows is not counted; a warning names the
  file, sheet and cell.
- A formula cell without a computed value (Excel always stores one; some systems don't) is
  an error naming the cell: open the file in Excel and save it.
- Two columns on one sheet that mean the same thing (two Datum columns, Datum and
  Händelsedatum) are an error naming both header cells.

The checks are called from one line each in the pipeline, the container scan and the
header detection.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from report.errors import Code, Problem, column_letter
from report.format import whole
from report.promise.types import Promise
from report.vocabulary import normalize_label

if TYPE_CHECKING:
    import pandas as pd


IMPLAUSIBLE_MEDIAN_FACTOR = 10

# --- implausible Antal --------------------------------------------------------------------


def implausible_rows(frame: pd.DataFrame, promise: Promise) -> pd.Series:
    """True for each row whose count is above its activity's yearly target and more than
    ten times the median count of the activity's rows."""
    import pandas as pd

    if frame.empty:
        return pd.Series(False, index=frame.index)
    targets = frame["activity"].map({a.id: a.yearly_target for a in promise.activities})
    medians = frame.groupby("activity")["count"].transform("median")
    counts = frame["count"]
    return (counts > targets) & (counts > IMPLAUSIBLE_MEDIAN_FACTOR * medians)


def _count_column(row: Sequence[Any], count: int) -> int | None:
    """The column of the row holding the count (the first numeric cell equal to it)."""
    for col, cell in enumerate(row):
        if isinstance(cell, bool) or not isinstance(cell, int | float | str):
            continue
        try:
            value = float(str(cell).replace("\u00a0", "").replace(" ", "").replace(",", "."))
        except ValueError:
            continue
        if value == count:
            return col
    return None


def drop_implausible(dataset, promise: Promise, workbooks: Iterable[Any] = ()):
    """The dataset without implausible rows, a note for each in its notes."""
    frame = dataset.activities
    flagged = implausible_rows(frame, promise)
    if not flagged.any():
        return dataset
    sheets = {(w.path.name, s.name): s for w in workbooks for s in w.sheets}
    names = {a.id: a for a in promise.activities}
    medians = frame.groupby("activity")["count"].median()
    notes = []
    for row in frame[flagged].itertuples():
        activity = names[row.activity]
        sheet = sheets.get((row.file, row.sheet))
        excel_row = int(row.row)
        col = None
        if sheet is not None and 0 < excel_row <= len(sheet.rows):
            col = _count_column(sheet.rows[excel_row - 1], int(row.count))
        where = f"cell {column_letter(col)}{excel_row}" if col is not None else f"rad {excel_row}"
        notes.append(
            f"{row.file}, blad {row.sheet}, {where}: Antal {whole(row.count)} för "
            f"{activity.name} är orimligt högt – mer än årsmålet ({whole(activity.yearly_target)})"
            f" och mer än {IMPLAUSIBLE_MEDIAN_FACTOR} gånger det vanliga antalet per rad "
            f"(median {whole(medians[row.activity])}). Raden räknas inte. Rätta cellen, eller "
            "dela upp aktiviteterna på flera rader om antalet stämmer."
        )
    return replace(dataset, activities=frame[~flagged], notes=(*dataset.notes, *notes))


# --- formula cells without a value --------------------------------------------------------

# A cell holding a formula and no value (or an empty one): <c r="B2"><f>1+1</f></c>.
_FORMULA_ONLY = re.compile(
    rb"<(?:\w+:)?c\s[^>]*?\br=\"([A-Z]{1,3})(\d+)\"[^>]*>\s*"
    rb"<(?:\w+:)?f\b[^>]*?(?:/>|>([^<]*)</(?:\w+:)?f>)\s*"
    rb"(?:<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*</(?:\w+:)?v>)?\s*</(?:\w+:)?c>"
)
FORMULA_MARK = "="  # error texts starting with it are formulas without a value


def formula_cells(data: bytes) -> list[tuple[int, int, str]]:
    """(0-based row, 0-based column, '=formula') of every formula cell without a value in
    a chunk of worksheet XML. Cheap when the chunk holds no formula at all."""
    if b"<f" not in data and b":f" not in data:
        return []
    found = []
    for letters, row, formula in _FORMULA_ONLY.findall(data):
        col = 0
        for letter in letters.decode():
            col = col * 26 + ord(letter) - 64
        text = formula.decode("utf-8", "replace") if formula else ""
        found.append((int(row) - 1, col - 1, FORMULA_MARK + text))
    return found


def formula_problem(file: str, sheet: str, excel_row: int, col: int, title: str, error: str):
    formula = error[len(FORMULA_MARK) :]
    shown = f" (={formula})" if formula else ""
    return Problem(
        file,
        f"Cellen innehåller en formel{shown} utan uträknat värde. Excel sparar alltid "
        "värdet, men vissa system gör det inte. Öppna filen i Excel och spara den, så "
        "räknas värdet ut – eller skriv in värdet.",
        sheet,
        excel_row,
        col,
        title,
        code=Code.CELL_FORMULA,
        value=error,
    )


# --- two columns meaning the same thing ----------------------------------------------------

IGNORED_KEYS = frozenset({"kommentar"})  # free text, never read into the report


def same_meaning_problems(
    file: str,
    sheet: str,
    header_row: int,
    row: Sequence[Any],
    table: dict[str, str],
    keys: Iterable[str],
) -> list[Problem]:
    """Two header cells on the header row that map to the same column of the sheet's kind
    (`keys`: the columns the sheet was recognised by)."""
    wanted = set(keys) - IGNORED_KEYS
    seen: dict[str, tuple[int, str]] = {}
    problems = []
    for col, cell in enumerate(row):
        key = table.get(normalize_label(cell)) if isinstance(cell, str) else None
        if key not in wanted:
            continue
        if key in seen:
            first_col, first = seen[key]
            problems.append(
                Problem(
                    file,
                    f"Kolumnerna ”{first}” ({column_letter(first_col)}{header_row + 1}) och "
                    f"”{cell.strip()}” ({column_letter(col)}{header_row + 1}) betyder samma "
                    "sak, så rapporten kan inte veta vilken som gäller. Ta bort eller byt "
                    "namn på den ena.",
                    sheet,
                    header_row + 1,
                    col,
                    code=Code.COLUMN_TWICE,
                    value=cell.strip(),
                )
            )
        else:
            seen[key] = (col, cell.strip())
    return problems
