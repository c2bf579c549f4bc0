"""Excel templates generated from the promise file (`make templates` -> outputs/mallar/).

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
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from report.inputs.kinds import activity, events, statistics, survey_long
from report.inputs.kinds.registry import KINDS
from report.inputs.sheets import GUIDE_TITLE, LISTS_TITLE
from report.output.commentary import COMMENTARY_FILE, starter_text
from report.promise.types import Promise
from report.vocabulary import ALL, BOTH, BOYS, GIRLS, MUNICIPALITY, POLICE

ACTIVITY_TEMPLATE = "aktivitetslogg-mall.xlsx"
SURVEY_TEMPLATE = "enkat-mall.xlsx"
EVENTS_TEMPLATE = "handelselogg-mall.xlsx"
EVENTS_SHEET = "Händelselogg"
STATISTICS_TEMPLATE = "statistik-mall.xlsx"
STATISTICS_SHEET = "Statistiktabell"
ACTIVITY_SHEET = "Aktivitetslogg"
SURVEY_SHEET = "Enkätdata"
GUIDE_SHEET = "Instruktioner"
LISTS_SHEET = "Listor"
ROWS = 5000  # data rows with validation below the header
GRADES = ("förskoleklass", *(f"åk {n}" for n in range(1, 10)), *(f"gy {n}" for n in range(1, 5)))
HEADER_FILL = "D9E2EA"
EXAMPLE_FILL = "EDEDED"


@dataclass(frozen=True)
class Field:
    title: str
    width: float
    prompt: str
    number_format: str | None = None


def _date_validation(title: str, prompt: str):
    """A date from 2000 up to today, the rule every log's date column shares."""
    return _validation(
        "date",
        title,
        prompt,
        "Skriv ett datum ÅÅÅÅ-MM-DD, från år 2000 till i dag.",
        operator="between",
        formula1="DATE(2000,1,1)",
        formula2="TODAY()",
    )


ValidationType = Literal["whole", "decimal", "list", "date", "time", "textLength", "custom"]


def _validation(kind: ValidationType, prompt_title: str, prompt: str, error: str, **kwargs):
    from openpyxl.worksheet.datavalidation import DataValidation

    assert len(prompt) <= 255 and len(error) <= 225 and len(prompt_title) <= 32
    return DataValidation(
        type=kind,
        allow_blank=True,
        showInputMessage=True,
        showErrorMessage=True,
        promptTitle=prompt_title,
        prompt=prompt,
        errorTitle="Värdet godtas inte",
        error=error,
        errorStyle=kwargs.pop("errorStyle", "stop"),
        **kwargs,
    )


def _list_sheet(book, lists: dict[str, Sequence[str]]) -> dict[str, str]:
    """A hidden sheet with one column per list, and a defined name for each."""
    from openpyxl.utils import get_column_letter, quote_sheetname
    from openpyxl.workbook.defined_name import DefinedName

    sheet = book.create_sheet(LISTS_SHEET)
    sheet["A1"] = LISTS_TITLE
    names = {}
    for col, (name, values) in enumerate(lists.items(), start=1):
        letter = get_column_letter(col)
        sheet.cell(row=2, column=col, value=name)
        for row, value in enumerate(values, start=3):
            sheet.cell(row=row, column=col, value=value)
        ref = f"{quote_sheetname(LISTS_SHEET)}!${letter}$3:${letter}${2 + len(values)}"
        book.defined_names[name] = DefinedName(name, attr_text=ref)
        names[name] = f"={name}"
        sheet.column_dimensions[letter].width = max(len(str(v)) for v in (*values, name)) + 2
    sheet.sheet_state = "hidden"
    return names


def _data_sheet(book, name: str, fields: Sequence[Field]):
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    sheet = book.create_sheet(name, 0)
    for col, field in enumerate(fields, start=1):
        cell = sheet.cell(row=1, column=col, value=field.title)
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


def _column_range(sheet, fields: Sequence[Field], title: str) -> str:
    from openpyxl.utils import get_column_letter

    col = next(i for i, f in enumerate(fields, start=1) if f.title == title)
    letter = get_column_letter(col)
    return f"{letter}2:{letter}{ROWS + 1}"


def _guide_sheet(
    book,
    heading: str,
    paragraphs: Sequence[str],
    example_header: Sequence[str],
    examples: Sequence[Sequence[object]],
    reference: tuple[str, Sequence[str], Sequence[Sequence[object]]] | None,
    date_columns: Sequence[int] = (),
    widths: Sequence[float] = (30, 40, 14, 22, 60, 24, 16, 14),
) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

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


def activity_template(promise: Promise) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.worksheets[0])
    title = {c.key: c.title for c in activity.COLUMNS}
    fields = (
        Field(title["datum"], 13, "Dagen aktiviteten genomfördes, ÅÅÅÅ-MM-DD.", "yyyy-mm-dd"),
        Field(title["aktivitet"], 44, "Välj aktiviteten i listan."),
        Field(title["antal"], 9, "Antal tillfällen, heltal. Tomt räknas som 1."),
        Field(title["ansvarig"], 22, "Vem som genomförde den. Tomt: enligt löftet."),
        Field(title["plats"], 24, "Frivilligt. Visas aldrig i rapporten."),
        Field(
            title["kommentar"],
            40,
            "Frivilligt. Visas aldrig i rapporten. Skriv inga personuppgifter.",
        ),
    )
    sheet = _data_sheet(book, ACTIVITY_SHEET, fields)
    names = _list_sheet(
        book,
        {
            "Aktiviteter": [a.name for a in promise.activities],
            "Ansvariga": [POLICE, MUNICIPALITY, BOTH],
        },
    )
    checks = (
        (title["datum"], _date_validation(title["datum"], fields[0].prompt)),
        (
            title["aktivitet"],
            _validation(
                "list",
                title["aktivitet"],
                fields[1].prompt,
                "Välj en av löftets aktiviteter i listan. Saknas den? "
                "Lägg till den i medborgarlofte.toml och gör om mallen.",
                formula1=names["Aktiviteter"],
            ),
        ),
        (
            title["antal"],
            _validation(
                "whole",
                title["antal"],
                fields[2].prompt,
                "Skriv ett heltal, 0 eller större (0 = inget genomfört).",
                operator="greaterThanOrEqual",
                formula1="0",
            ),
        ),
        (
            title["ansvarig"],
            _validation(
                "list",
                title["ansvarig"],
                fields[3].prompt,
                "Välj Polisen, Kommunen eller Polisen och kommunen – eller lämna tomt.",
                formula1=names["Ansvariga"],
            ),
        ),
    )
    for column_title, check in checks:
        sheet.add_data_validation(check)
        check.add(_column_range(sheet, fields, column_title))
    first_activity, *_ = promise.activities
    last_activity = promise.activities[-1]
    _guide_sheet(
        book,
        f"Aktivitetslogg – {promise.title}",
        (
            f"Skriv en rad per genomförd aktivitet på bladet ”{ACTIVITY_SHEET}”. Rubrikraden "
            "ska stå kvar som den är.",
            "Datum: dagen aktiviteten genomfördes, skrivs ÅÅÅÅ-MM-DD (t.ex. 2024-03-15). "
            "Excel godtar bara datum från år 2000 till i dag.",
            "Aktivitet: välj i listan (pilen i cellen). Listan är löftets aktiviteter ur "
            "medborgarlofte.toml.",
            "Antal: hur många gånger, som heltal. Tom cell räknas som 1. Skriv 0 om ni vill "
            "visa att aktiviteten inte blev av den månaden.",
            "Ansvarig: Polisen, Kommunen eller Polisen och kommunen. Tom cell: den part som "
            "löftet anger.",
            "Plats och Kommentar: frivilliga, för ert eget bruk. De läses men visas aldrig i "
            "rapporten. Skriv inga namn eller andra personuppgifter.",
            "Spara som Excel-arbetsbok (.xlsx) eller i LibreOffice som .ods, och lägg filen i "
            "mappen inputs/. Kör sedan `make check` för att kontrollera den.",
        ),
        [f.title for f in fields],
        (
            (promise.signed.replace(day=1), first_activity.name, 2, "", "Centrum", ""),
            (promise.signed.replace(day=2), last_activity.name, 1, BOTH, "", "Möte"),
        ),
        (
            "Löftets aktiviteter",
            ("Aktivitet", "Fokusområde", "Mål per år", "Ansvarig", "Löftets formulering"),
            [
                (
                    a.name,
                    next(f.name for f in promise.focus_areas if f.id == a.focus_area),
                    a.yearly_target,
                    a.responsible_text,
                    a.wording,
                )
                for a in promise.activities
            ],
        ),
        date_columns=(0,),
    )
    return _save(book)


def survey_template(promise: Promise) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.worksheets[0])
    title = {c.key: c.title for c in survey_long.COLUMNS}
    fields = (
        Field(title["ar"], 8, "Året mätningen gjordes, t.ex. 2023."),
        Field(title["undersokning"], 20, "Välj undersökningen i listan."),
        Field(title["arskurs"], 14, "Välj årskursen i listan, t.ex. åk 9 eller gy 2."),
        Field(title["kon"], 10, "Flickor, Pojkar eller Alla."),
        Field(title["indikator"], 24, "Välj indikatorns id i listan (se bladet Instruktioner)."),
        Field(title["andel"], 10, "Andel i procent, 0–100, t.ex. 23,5.", "0.0"),
        Field(
            title["antal_svarande"],
            15,
            "Antal elever som svarade, heltal. Frivilligt men behövs för att dölja små grupper.",
        ),
        Field(
            title["omrade"],
            16,
            f"Tomt eller {promise.municipality}: kommunens värde. Annat (t.ex. Riket): jämförelse.",
        ),
    )
    sheet = _data_sheet(book, SURVEY_SHEET, fields)
    surveys = list(dict.fromkeys(i.survey for i in promise.indicators)) or [
        "ELSA",
        "Elevers drogvanor",
    ]
    names = _list_sheet(
        book,
        {
            "Undersokningar": surveys,
            "Arskurser": list(GRADES),
            "Kon": [GIRLS, BOYS, ALL],
            "Indikatorer": [i.id for i in promise.indicators] or ["-"],
            "Omraden": [promise.municipality, "Riket"],
        },
    )
    checks = (
        (
            title["ar"],
            _validation(
                "whole",
                title["ar"],
                fields[0].prompt,
                "Skriv ett årtal mellan 1990 och i år.",
                operator="between",
                formula1="1990",
                formula2="YEAR(TODAY())",
            ),
        ),
        (
            title["undersokning"],
            _validation(
                "list",
                title["undersokning"],
                fields[1].prompt,
                "Välj undersökningen i listan.",
                formula1=names["Undersokningar"],
            ),
        ),
        (
            title["arskurs"],
            _validation(
                "list",
                title["arskurs"],
                fields[2].prompt,
                "Välj årskursen i listan (åk 1–9, gy 1–4).",
                formula1=names["Arskurser"],
            ),
        ),
        (
            title["kon"],
            _validation(
                "list",
                title["kon"],
                fields[3].prompt,
                "Välj Flickor, Pojkar eller Alla.",
                formula1=names["Kon"],
            ),
        ),
        (
            title["indikator"],
            _validation(
                "list",
                title["indikator"],
                fields[4].prompt,
                "Välj en av löftets indikatorer i listan.",
                formula1=names["Indikatorer"],
            ),
        ),
        (
            title["andel"],
            _validation(
                "decimal",
                title["andel"],
                fields[5].prompt,
                "Skriv en andel i procent mellan 0 och 100.",
                operator="between",
                formula1="0",
                formula2="100",
            ),
        ),
        (
            title["antal_svarande"],
            _validation(
                "whole",
                title["antal_svarande"],
                fields[6].prompt,
                "Skriv ett heltal, 0 eller större.",
                operator="greaterThanOrEqual",
                formula1="0",
            ),
        ),
        (
            title["omrade"],
            _validation(
                "list",
                title["omrade"],
                fields[7].prompt,
                "Området finns inte i listan. Det visas som jämförelse om det inte är kommunen.",
                formula1=names["Omraden"],
                errorStyle="information",
            ),
        ),
    )
    for column_title, check in checks:
        sheet.add_data_validation(check)
        check.add(_column_range(sheet, fields, column_title))
    examples = []
    for indicator in promise.indicators[:1]:
        grade = "åk 9" if "drogvanor" in indicator.survey.casefold() else "åk 7"
        examples = [
            (2023, indicator.survey, grade, ALL, indicator.id, 23.5, 96, ""),
            (2023, indicator.survey, grade, GIRLS, indicator.id, 25.0, 48, ""),
            (2023, indicator.survey, grade, ALL, indicator.id, 21.0, 2104, "Riket"),
        ]
    _guide_sheet(
        book,
        f"Enkätdata – {promise.title}",
        (
            f"Skriv en rad per värde på bladet ”{SURVEY_SHEET}”: ett år, en undersökning, en "
            "årskurs, ett kön, en indikator och dess andel. Rubrikraden ska stå kvar.",
            "Indikator: välj indikatorns id i listan. Tabellen nedan visar vad varje id "
            "betyder. Indikatorerna kommer från medborgarlofte.toml.",
            "Andel: procent mellan 0 och 100, med decimalkomma (23,5).",
            "Antal svarande: behövs för att dölja grupper med för få svarande "
            f"(färre än {promise.min_respondents}) och för att pröva förändringar.",
            f"Område: lämna tomt för {promise.municipality}. Skriv t.ex. Värmland eller Riket "
            "för jämförelsevärden.",
            "Spara som Excel-arbetsbok (.xlsx) eller i LibreOffice som .ods, och lägg filen i "
            "mappen inputs/. Kör sedan `make check` för att kontrollera den.",
        ),
        [f.title for f in fields],
        examples,
        (
            "Löftets indikatorer",
            ("Indikator (id)", "Andel elever som", "Undersökning", "Lägre är bättre"),
            [
                (i.id, i.label, i.survey, "ja" if i.lower_is_better else "nej")
                for i in promise.indicators
            ],
        ),
        widths=(22, 46, 18, 16, 24, 16, 24, 16),
    )
    return _save(book)


def events_template(promise: Promise) -> bytes:
    """A template for an event log (Händelselogg): the event types the promise's outcomes
    count are offered in a list, but any type may be written."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.worksheets[0])
    title = {c.key: c.title for c in events.COLUMNS}
    fields = (
        Field(title["datum"], 13, "Dagen händelsen inträffade, ÅÅÅÅ-MM-DD.", "yyyy-mm-dd"),
        Field(title["klockslag"], 11, "Klockslaget, TT:MM. Tomt om det inte är känt.", "hh:mm"),
        Field(title["handelsetyp"], 30, "Typ av händelse, t.ex. ur listan."),
        Field(title["antal"], 9, "Antal händelser på raden. Tomt räknas som 1."),
        Field(title["plats"], 24, "Frivilligt. Visas aldrig i rapporten."),
        Field(title["kommentar"], 40, "Frivilligt. Visas aldrig. Skriv inga personuppgifter."),
    )
    sheet = _data_sheet(book, EVENTS_SHEET, fields)
    types = list(dict.fromkeys(t for o in promise.outcomes for t in o.event_types))
    names = _list_sheet(book, {"Händelsetyper": types or ["Störande trafik"]})
    checks = (
        (title["datum"], _date_validation(title["datum"], fields[0].prompt)),
        (
            title["handelsetyp"],
            _validation(
                "list",
                title["handelsetyp"],
                fields[2].prompt,
                "Typen finns inte i listan. Den läses ändå, men räknas bara till ett utfall om "
                "den står under handelsetyper i medborgarlofte.toml.",
                formula1=names["Händelsetyper"],
                errorStyle="information",
            ),
        ),
        (
            title["antal"],
            _validation(
                "whole",
                title["antal"],
                fields[3].prompt,
                "Skriv ett heltal, 0 eller större.",
                operator="greaterThanOrEqual",
                formula1="0",
            ),
        ),
    )
    for name, check in checks:
        sheet.add_data_validation(check)
        check.add(_column_range(sheet, fields, name))
    example_type = types[0] if types else "Störande trafik"
    _guide_sheet(
        book,
        f"Händelselogg – {promise.title}",
        (
            f"Skriv en rad per händelse (klagomål, felanmälan, polisens händelse) på bladet "
            f"”{EVENTS_SHEET}”. Rubrikraden ska stå kvar som den är.",
            "Datum: dagen händelsen inträffade, ÅÅÅÅ-MM-DD. Klockslag: TT:MM, om det är känt "
            "– då visar rapporten när på veckan och dygnet händelserna inträffar.",
            "Händelsetyp: de typer som löftets utfall räknar finns i listan. Andra typer läses "
            "men räknas inte till något utfall.",
            "Antal: hur många händelser raden gäller. Tom cell räknas som 1.",
            "Plats och Kommentar: frivilliga. De läses men visas aldrig i rapporten. Skriv "
            "inga namn, personnummer eller andra personuppgifter.",
            "Spara som .xlsx (eller .ods), lägg filen i inputs/ och kör `make check`.",
        ),
        [f.title for f in fields],
        ((promise.signed, "21:30", example_type, 1, "Torget", ""),),
        None,
        date_columns=(0,),
    )
    return _save(book)


def statistics_template(promise: Promise) -> bytes:
    """A template for a statistics table (Statistiktabell, long layout): the indicators the
    promise's outcomes look for and the units are offered in lists."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.worksheets[0])
    title = {c.key: c.title for c in statistics.COLUMNS}
    fields = (
        Field(title["ar"], 9, "Året (2023) eller månaden (2023-05)."),
        Field(title["indikator"], 30, "Vad värdet mäter, som under indikator i [[utfall]]."),
        Field(title["omrade"], 20, "Tomt eller kommunens namn; annars t.ex. länet eller Riket."),
        Field(title["enhet"], 20, "antal, per 1 000 invånare, per 100 000 invånare, index, andel."),
        Field(title["andel"], 10, "Talet, 0 eller större. En andel i procent (0–100)."),
        Field(title["antal_svarande"], 14, "Frivilligt: antal svarande (andelar, index)."),
        Field(title["befolkning"], 13, "Frivilligt: antal invånare i området det året."),
    )
    sheet = _data_sheet(book, STATISTICS_SHEET, fields)
    indicators = [o.indicator for o in promise.outcomes if o.indicator]
    units = ["antal", "per 1 000 invånare", "per 100 000 invånare", "index", "andel"]
    names = _list_sheet(book, {"Indikatorer": indicators or ["Skadegörelse"], "Enheter": units})
    information = "Indikatorn finns inte i listan. Den läses ändå, men används bara om ett " + (
        "utfall i medborgarlofte.toml har den som indikator."
    )
    number = {"operator": "greaterThanOrEqual"}
    # (column, validation type, error message, its options)
    checks: tuple[tuple[str, ValidationType, str, dict[str, str]], ...] = (
        (
            "indikator",
            "list",
            information,
            {"formula1": names["Indikatorer"], "errorStyle": "information"},
        ),
        ("enhet", "list", "Välj en enhet ur listan.", {"formula1": names["Enheter"]}),
        ("andel", "decimal", "Skriv ett tal, 0 eller större.", {**number, "formula1": "0"}),
        (
            "befolkning",
            "whole",
            "Skriv antalet invånare som ett heltal.",
            {**number, "formula1": "1"},
        ),
    )
    prompts = {f.title: f.prompt for f in fields}
    for key, kind, error, options in checks:
        check = _validation(kind, title[key], prompts[title[key]], error, **options)
        sheet.add_data_validation(check)
        check.add(_column_range(sheet, fields, title[key]))
    indicator = indicators[0] if indicators else "Skadegörelse"
    _guide_sheet(
        book,
        f"Statistiktabell – {promise.title}",
        (
            f"Skriv en rad per värde på bladet ”{STATISTICS_SHEET}”: år (eller månad), "
            "indikator, område och värde. Rubrikraden ska stå kvar som den är.",
            "Indikator: samma namn som under indikator i [[utfall]] i medborgarlofte.toml "
            "(listan har löftets). Rader med indikatorn Befolkning ger befolkningen.",
            f"Område: tomt eller {promise.municipality} för kommunen; länet eller Riket som "
            "jämförelse.",
            "Enhet: per 100 000 invånare räknas om till per 1 000. Befolkning behövs för att "
            "pröva en takt per 1 000 invånare; antal svarande för att pröva en andel.",
            "Statistik ur Kolada med en kolumn per år går också att läsa direkt (se README).",
            "Spara som .xlsx (eller .ods), lägg filen i inputs/ och kör `make check`.",
        ),
        [f.title for f in fields],
        tuple(
            (promise.signed.year - 1, indicator, area, "per 1 000 invånare", rate, None, people)
            for area, rate, people in ((promise.municipality, 8.9, 11643), ("Riket", 9.6, 10**7))
        ),
        None,
    )
    return _save(book)


def _templates() -> tuple[tuple[str, str, Callable[[Promise], bytes]], ...]:
    """Kind of input -> the file name and builder of its template. A kind without one (the
    wide survey layout: the long layout's template covers surveys) gets none."""
    return (
        (activity.ACTIVITY, ACTIVITY_TEMPLATE, activity_template),
        (survey_long.SURVEY, SURVEY_TEMPLATE, survey_template),
        (events.EVENTS, EVENTS_TEMPLATE, events_template),
        (statistics.STATISTICS, STATISTICS_TEMPLATE, statistics_template),
    )


def write_templates(promise: Promise, folder: Path) -> tuple[Path, ...]:
    """The template of every kind of input that has one and the commentary starter, written
    atomically."""
    from report.output.files import write_atomically

    templates = {kind: (name, build) for kind, name, build in _templates()}
    outputs = (
        *(
            (folder / templates[kind.name][0], templates[kind.name][1](promise))
            for kind in KINDS
            if kind.name in templates
        ),
        (folder / COMMENTARY_FILE, starter_text(promise).encode("utf-8")),
    )
    for path, data in outputs:
        write_atomically(path, data)
    return tuple(path for path, _ in outputs)
