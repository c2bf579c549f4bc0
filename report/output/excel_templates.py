"""The analyst's Excel templates (`make templates` -> outputs/mallar/), one writer for every
kind of input that has a template (report/inputs/kinds/template.py): its columns' widths,
prompts, number formats and checks, its drop-down lists and its instructions sheet.

Each template has one data sheet with the header in row 1 (frozen), drop-downs and Excel's
own data validation for every column the report checks, an instructions sheet in Swedish
with example rows, and a hidden sheet holding the drop-down lists (a list typed into the
validation itself may hold at most 255 characters; the promise's activity names do not fit).

The instructions sheet and the list sheet start with a title the loader recognises
(TEMPLATE_SHEET_TITLES in report/inputs/sheets.py): they are skipped when the filled template
is read back, so the example rows are never counted and the report does not mention the
extra sheets.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from typing import Any

from report.inputs.kinds.base import Column, Kind
from report.inputs.kinds.template import Check, Guide
from report.inputs.sheets import GUIDE_TITLE, LISTS_TITLE
from report.promise.types import Promise

GUIDE_SHEET = "Instruktioner"
LISTS_SHEET = "Listor"
ROWS = 5000  # data rows with validation below the header
HEADER_FILL = "D9E2EA"
EXAMPLE_FILL = "EDEDED"


def template_bytes(kind: Kind, promise: Promise) -> bytes:
    """The kind's template for the promise, as .xlsx bytes."""
    from openpyxl import Workbook

    template = kind.template
    assert template is not None, kind.name
    by_key = {c.key: c for c in kind.columns}
    columns = [by_key[key] for key in template.columns]
    book = Workbook()
    book.remove(book.worksheets[0])
    sheet = _data_sheet(book, template.sheet, columns)
    _list_sheet(book, template.lists(promise))
    for col, column in enumerate(columns, start=1):
        assert column.template is not None, column.key
        if column.template.check is not None:
            prompt = column.template.prompt.format(municipality=promise.municipality)
            check = _validation(column.template.check, column.title, prompt)
            sheet.add_data_validation(check)
            check.add(_column_range(col))
    _guide_sheet(book, template.guide(promise), [c.title for c in columns])
    return _save(book)


def _validation(check: Check, prompt_title: str, prompt: str) -> Any:
    from openpyxl.worksheet.datavalidation import DataValidation

    assert len(prompt) <= 255 and len(check.error) <= 225 and len(prompt_title) <= 32
    return DataValidation(
        type=check.type,
        allow_blank=True,
        showInputMessage=True,
        showErrorMessage=True,
        promptTitle=prompt_title,
        prompt=prompt,
        errorTitle="Värdet godtas inte",
        error=check.error,
        errorStyle=check.style,
        operator=check.operator,
        formula1=check.formula1,
        formula2=check.formula2,
    )


def _list_sheet(book: Any, lists: Mapping[str, Sequence[str]]) -> None:
    """A hidden sheet with one column per list, and a defined name for each (a column's
    drop-down refers to it as formula1 "=<name>")."""
    from openpyxl.utils import get_column_letter, quote_sheetname
    from openpyxl.workbook.defined_name import DefinedName

    sheet = book.create_sheet(LISTS_SHEET)
    sheet["A1"] = LISTS_TITLE
    for col, (name, values) in enumerate(lists.items(), start=1):
        letter = get_column_letter(col)
        sheet.cell(row=2, column=col, value=name)
        for row, value in enumerate(values, start=3):
            sheet.cell(row=row, column=col, value=value)
        ref = f"{quote_sheetname(LISTS_SHEET)}!${letter}$3:${letter}${2 + len(values)}"
        book.defined_names[name] = DefinedName(name, attr_text=ref)
        sheet.column_dimensions[letter].width = max(len(str(v)) for v in (*values, name)) + 2
    sheet.sheet_state = "hidden"


def _data_sheet(book: Any, name: str, columns: Sequence[Column]) -> Any:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    sheet = book.create_sheet(name, 0)
    for col, column in enumerate(columns, start=1):
        field = column.template
        assert field is not None, column.key
        cell = sheet.cell(row=1, column=col, value=column.title)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
        cell.alignment = Alignment(vertical="center")
        letter = get_column_letter(col)
        sheet.column_dimensions[letter].width = field.width
        if field.number_format:
            for row in range(2, ROWS + 2):
                sheet.cell(row=row, column=col).number_format = field.number_format
    sheet.freeze_panes = "A2"
    sheet.row_dimensions[1].height = 20
    sheet.print_title_rows = "1:1"
    _landscape(sheet)
    return sheet


def _column_range(col: int) -> str:
    from openpyxl.utils import get_column_letter

    letter = get_column_letter(col)
    return f"{letter}2:{letter}{ROWS + 1}"


def _guide_sheet(book: Any, guide: Guide, example_header: Sequence[str]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    heading, paragraphs, examples = guide.heading, guide.paragraphs, guide.examples
    reference, date_columns, widths = guide.reference, guide.date_columns, guide.widths

    sheet = book.create_sheet(GUIDE_SHEET, 1)
    sheet["A1"] = GUIDE_TITLE
    sheet["A1"].font = Font(italic=True, color="595959")
    sheet["A2"] = heading
    sheet["A2"].font = Font(bold=True, size=14)
    row = 4
    wrap = Alignment(wrap_text=True, vertical="top")
    for text in paragraphs:
        sheet.cell(row=row, column=1, value=text).alignment = wrap
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=8)
        sheet.row_dimensions[row].height = 15 * max(1, len(text) // 160 + 1)
        row += 1
    row += 1
    sheet.cell(
        row=row,
        column=1,
        value="EXEMPEL – så här kan ifyllda rader se ut. De räknas "
        "inte: skriv era egna rader på det första bladet.",
    ).font = Font(bold=True, color="9B1F19")
    row += 1
    grey = PatternFill("solid", fgColor=EXAMPLE_FILL)
    for col, title in enumerate(example_header, start=1):
        cell = sheet.cell(row=row, column=col, value=f"{title} (exempel)")
        cell.font, cell.fill = Font(bold=True, italic=True), grey
    for example in examples:
        row += 1
        for col, value in enumerate(example, start=1):
            cell = sheet.cell(row=row, column=col, value=value)
            cell.font, cell.fill = Font(italic=True, color="404040"), grey
            if col - 1 in date_columns:
                cell.number_format = "yyyy-mm-dd"
    if reference:
        title, header, rows = reference
        row += 2
        sheet.cell(row=row, column=1, value=title).font = Font(bold=True, size=12)
        row += 1
        for col, text in enumerate(header, start=1):
            sheet.cell(row=row, column=col, value=text).font = Font(bold=True)
        for values in rows:
            row += 1
            for col, value in enumerate(values, start=1):
                sheet.cell(row=row, column=col, value=value).alignment = wrap
            lines = max(len(str(v)) // (widths[i] - 2) + 1 for i, v in enumerate(values))
            sheet.row_dimensions[row].height = 15 * lines
    for col, width in enumerate(widths, start=1):
        sheet.column_dimensions[chr(64 + col)].width = width
    _landscape(sheet)


def _landscape(sheet) -> None:
    """Printed landscape, one page wide."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _save(book) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
