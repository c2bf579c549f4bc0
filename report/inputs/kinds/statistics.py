"""Statistics tables (Statistiktabell): official figures per year or per month – reported
crimes (Brå), Polisens trygghetsmätning, NTU, Kolada key figures – for the municipality and
for comparison areas (the county, Riket). Long layout: one row per value (År, Indikator,
Värde, …); wide layout: one row per indicator and area and one column per year or month, as
Kolada exports them.

A period is a year (2023) or a month (2023-05). Values keep the unit the table gives them;
"per 100 000 invånare" is converted to per 1 000. Which rows an outcome uses is the model's
business ([[utfall]] kalla = "statistik").

The header shares its column names with the survey tables (År, Indikator, Värde, Område,
Antal svarande): a header naming Undersökning or Årskurs is a survey table, anything else
with these columns is a statistics table (it scores one point more than the survey kinds).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

import pandas as pd

from report.errors import Code, Fault, Problem, column_letter
from report.inputs.dataset import SourceSheet
from report.inputs.kinds.base import COUNT as RESPONDENTS
from report.inputs.kinds.base import (
    VALUE,
    Candidate,
    Column,
    Header,
    InputTable,
    Kind,
    Parsed,
    YearColumn,
)
from report.inputs.kinds.cells import SheetInput, body_rows, cell_at
from report.inputs.kinds.statistics_cells import (
    MONTH,
    parse_period,
    parse_population,
    parse_unit,
    parse_value,
)
from report.inputs.kinds.survey_long import COLUMNS as SURVEY_COLUMNS
from report.inputs.kinds.survey_long import NOT_PUBLISHED, parse_respondents
from report.inputs.kinds.survey_wide import year_header
from report.inputs.kinds.template import Guide, Template, TemplateColumn, at_least, one_of
from report.inputs.sheets import RawSheet
from report.promise.types import SHARE, Promise
from report.vocabulary import is_population, normalize_label, period_label

STATISTICS = "statistiktabell"
STATISTICS_WIDE = "statistiktabell, brett format"
_SURVEY = {c.key: c for c in SURVEY_COLUMNS}  # shared keys: one header text, one column


def _shared(
    key: str,
    title: str,
    more: tuple[str, ...],
    required: bool,
    text: str,
    template: TemplateColumn | None = None,
) -> Column:
    aliases = (*_SURVEY[key].aliases, *more)
    return Column(key, title, STATISTICS, required, aliases, text, template=template)


COLUMNS: tuple[Column, ...] = (
    _shared(
        "ar",
        "År",
        ("månad", "period", "år och månad", "tidsperiod"),
        True,
        "Årtal (2023) eller månad (2023-05, 2023M05 eller en datumcell: dess månad). I brett "
        "format: en kolumn per år eller månad, rubriken är året (”2023”, ”Värde 2023”).",
        TemplateColumn(9, "Året (2023) eller månaden (2023-05)."),
    ),
    _shared(
        "indikator",
        "Indikator",
        ("kpi", "brottstyp", "brottskategori", "variabel"),
        True,
        "Vad värdet mäter, t.ex. ”Skadegörelse” eller ett nyckeltal ur Kolada. Ett utfall i "
        "löftesfilen hittar sina rader genom namnet (indikator, annars utfallets namn). Rader "
        "med indikatorn ”Befolkning” (eller ”Folkmängd”) ger områdets befolkning det året.",
        TemplateColumn(
            30,
            "Vad värdet mäter, som under indikator i [[utfall]].",
            check=one_of(
                "Indikatorer",
                "Indikatorn finns inte i listan. Den läses ändå, men används bara om ett "
                "utfall i medborgarlofte.toml har den som indikator.",
                "information",
            ),
        ),
    ),
    _shared(
        "andel",
        "Värde",
        ("value", "utfall", "resultat", "anmälda brott", "antal anmälda brott"),
        True,
        "Talet: ett antal, en takt per 1 000 (eller 100 000) invånare, ett index eller en "
        "andel i procent. Tom cell, ”.” eller ”–”: inget värde redovisat (raden tas inte med).",
        TemplateColumn(
            10,
            "Talet, 0 eller större. En andel i procent (0–100).",
            check=at_least("decimal", 0, "Skriv ett tal, 0 eller större."),
        ),
    ),
    Column(
        "enhet",
        "Enhet",
        STATISTICS,
        False,
        ("enhet", "måttenhet", "unit"),
        "antal, per 1 000 invånare, per 100 000 invånare (räknas om till per 1 000), index "
        "eller andel (även procent, %). Tom cell: utfallets enhet i löftesfilen.",
        template=TemplateColumn(
            20,
            "antal, per 1 000 invånare, per 100 000 invånare, index, andel.",
            check=one_of("Enheter", "Välj en enhet ur listan."),
        ),
    ),
    _shared(
        "omrade",
        "Område",
        ("kommunnamn", "geografiskt område"),
        False,
        "Tom cell eller kommunens namn: kommunen. Annat (länet, ”Riket”): jämförelse.",
        TemplateColumn(20, "Tomt eller kommunens namn; annars t.ex. länet eller Riket."),
    ),
    _shared(
        "antal_svarande",
        "Antal svarande",
        (),
        False,
        "Heltal, för andelar och index ur enkäter. Utan det kan en förändring i en andel inte "
        "prövas.",
        TemplateColumn(14, "Frivilligt: antal svarande (andelar, index)."),
    ),
    Column(
        "befolkning",
        "Befolkning",
        STATISTICS,
        False,
        ("befolkning", "folkmängd", "antal invånare", "invånare", "population"),
        "Antal invånare i området det året. Behövs för att pröva en takt per 1 000 invånare "
        "(annars: [befolkning] i löftesfilen för kommunen).",
        template=TemplateColumn(
            13,
            "Frivilligt: antal invånare i området det året.",
            check=at_least("whole", 1, "Skriv antalet invånare som ett heltal."),
        ),
    ),
    _shared(
        "kon",
        "Kön",
        (),
        False,
        "Tom cell, T, Totalt eller Alla: raden används. K/M (kvinnor, män) för sig tas inte "
        "med: utfallen använder totalen.",
    ),
)

_KEYS = frozenset(c.key for c in COLUMNS)
WIDE_KEYS = ("indikator", "enhet", "omrade", "kon")
SURVEY_ONLY = frozenset(("undersokning", "arskurs"))  # a header naming these is a survey

STATISTICS_FRAME_COLUMNS = (
    "year",
    "month",  # 0: the whole year
    "indicator",
    "value",
    "unit",  # COUNT, RATE, INDEX, SHARE or None (not given)
    "area",
    "respondents",
    "population",
    "file",
    "sheet",
    "cell",
)

STATISTICS_KEY = ("area", "indicator", "unit", "year", "month")
_TOTAL = frozenset(("", "t", "totalt", "total", "alla", "samtliga", "båda könen", "båda"))

# One value before conversion: the period (parsed from a cell, or from the header) and, per
# column key, the raw cell and its column.
Cells = dict[str, tuple[Any, int | None]]  # column key -> the raw cell and its column
StatisticsValue = tuple[int, Any, Cells]


def _long_entries(given: SheetInput) -> list[StatisticsValue]:
    header = given.header
    return [
        (
            excel_row,
            None,
            {k: (cell_at(row, header.columns.get(k)), header.columns.get(k)) for k in _KEYS},
        )
        for excel_row, row in body_rows(given.sheet, header, given.screen)
    ]


def _period_of(code: int) -> tuple[int, int]:
    return (code // 100, code % 100) if code > 9999 else (code, 0)


def _wide_entries(given: SheetInput) -> list[StatisticsValue]:
    header = given.header
    counts = {y.year: y.col for y in header.years if y.role == RESPONDENTS}
    entries = []
    for excel_row, row in body_rows(given.sheet, header, given.screen):
        fixed = {k: (cell_at(row, header.columns.get(k)), header.columns.get(k)) for k in _KEYS}
        for y in (y for y in header.years if y.role == VALUE):
            count_col = counts.get(y.year)
            cells = {
                **fixed,
                "andel": (cell_at(row, y.col), y.col),
                "antal_svarande": (cell_at(row, count_col), count_col),
            }
            entries.append((excel_row, _period_of(y.year), cells))
    return entries


def parse_statistics_sheet(given: SheetInput) -> Parsed:
    sheet, header, screen = given.sheet, given.header, given.screen
    entries = _wide_entries(given) if header.years else _long_entries(given)
    records = []
    problems: list[Problem] = []
    not_published = by_sex = 0
    for excel_row, period, cells in entries:
        hits = [screen.blocked(excel_row, col, key) for key, (_, col) in cells.items()]
        problems.extend(problem for _, problem in hits if problem)
        if any(hit for hit, _ in hits):
            continue  # every error cell of the row is reported, then the row is skipped
        value_cell = cells["andel"][0]
        if value_cell is None or str(value_cell).strip() in ("", *NOT_PUBLISHED):
            not_published += 1
            continue
        if normalize_label(str(cells["kon"][0] or "")) not in _TOTAL:
            by_sex += 1
            continue
        record, faults = _record(given, period, cells)
        problems += [
            fault.at(
                cells[key][0], sheet.file, sheet.name, excel_row, cells[key][1], header.title(key)
            )
            for key, fault in faults
        ]
        if record is not None:
            value_col = cells["andel"][1]
            cell = f"{column_letter(value_col)}{excel_row}" if value_col is not None else ""
            records.append((*record, sheet.file, sheet.name, cell))
    # A wide row repeats its indicator and area for every period: report each cell once.
    problems = list(dict.fromkeys(problems))
    if not records and not problems:
        problems.append(
            Problem(
                sheet.file,
                "Bladet har rubriker men inga rader med värden. Fyll i raderna eller ta bort "
                "filen.",
                sheet.name,
                header.row + 2,
                code=Code.SHEET_WITHOUT_ROWS,
            )
        )
    notes = _skipped_notes(sheet, not_published, by_sex)
    frame = pd.DataFrame.from_records(records, columns=list(STATISTICS_FRAME_COLUMNS))
    periods = sorted({(r[0], r[1]) for r in records})
    source = SourceSheet(
        sheet.file,
        sheet.name,
        header.kind,
        len(records),
        period_label(*periods[0]) if periods else "–",
        period_label(*periods[-1]) if periods else "–",
    )
    return Parsed(frame, source, tuple(notes), tuple(problems))


def _skipped_notes(sheet: RawSheet, not_published: int, by_sex: int) -> list[str]:
    """What the sheet held that the outcomes leave out: unpublished cells, rows by sex."""
    notes = []
    if not_published:
        notes.append(
            f"{sheet.file}, bladet ”{sheet.name}”: {not_published} celler saknade värde eller "
            "var markerade som ej redovisade (t.ex. ”.” eller ”–”) och togs inte med."
        )
    if by_sex:
        notes.append(
            f"{sheet.file}, bladet ”{sheet.name}”: {by_sex} rader för kvinnor eller män för "
            "sig togs inte med; utfallen använder totalen (Kön tomt, T eller Totalt)."
        )
    return notes


def _record(
    given: SheetInput, period: tuple[int, int] | None, cells: Cells
) -> tuple[tuple[Any, ...] | None, list[tuple[str, Fault]]]:
    """One value of a statistics table (year, month, indicator, value in the report's unit,
    unit, area, respondents, population), or None; and what is wrong, by column key."""
    faults: list[tuple[str, Fault]] = []
    if period is None:
        period, error = parse_period(cells["ar"][0], given.today)
        if error:
            faults.append(("ar", error))
    name = " ".join(str(cells["indikator"][0] or "").split())
    if not name:
        faults.append(
            ("indikator", Fault(Code.VALUE_MISSING, "Indikator saknas. Skriv vad värdet mäter."))
        )
    value, error = parse_value(cells["andel"][0])
    unit, unit_error = parse_unit(cells["enhet"][0])
    respondents, respondents_error = parse_respondents(cells["antal_svarande"][0])
    population, population_error = parse_population(cells["befolkning"][0])
    for key, fault in (
        ("andel", error),
        ("enhet", unit_error),
        ("antal_svarande", respondents_error),
        ("befolkning", population_error),
    ):
        if fault:
            faults.append((key, fault))
    if not faults and unit and unit[0] == SHARE and value is not None and value > 100:
        message = f"Andelen {value:g} ligger utanför 0–100 %. Rätta värdet."
        faults.append(("andel", Fault(Code.VALUE_OUT_OF_RANGE, message, value)))
    if faults or period is None or value is None:
        return None, faults
    area_text = " ".join(str(cells["omrade"][0] or "").split())
    municipality = given.promise.municipality
    if normalize_label(area_text) in ("", *_names_of(normalize_label(municipality))):
        area_text = municipality
    if is_population(name) and population is None and value == int(value):
        population = int(value)
    record = (
        period[0],
        period[1],
        name,
        value * unit[1] if unit else value,
        unit[0] if unit else None,
        area_text,
        respondents,
        population,
    )
    return record, faults


def _names_of(municipality: str) -> tuple[str, ...]:
    """How a table may name the municipality: Älvstad, Älvstad kommun, Älvstads kommun."""
    genitive = municipality if municipality.endswith(("s", "x", "z")) else f"{municipality}s"
    return (municipality, f"{municipality} kommun", f"{genitive} kommun")


def _long_candidate(
    sheet: RawSheet, index: int, found: dict[str, int], table: Mapping[str, str]
) -> Candidate | None:
    """A row naming at least two of the columns, none of them a survey's own (Undersökning,
    Årskurs): one point per column and one more, so it wins the tie with the survey kinds."""
    if SURVEY_ONLY & found.keys():
        return None
    keys = {k: v for k, v in found.items() if k in _KEYS}
    if len(keys) < 2:
        return None
    return len(keys) + 1, keys, []


def period_header(cell: Any, table: Mapping[str, str]) -> tuple[int, str | None] | None:
    """A wide sheet's period column: (YYYY or YYYYMM, role) or None. Years as in the survey's
    wide layout ('2023', 'Värde 2023', 'n 2023'); months as '2023-05', '2023M05' or a date
    cell (Excel turns a typed 2023-05 into 1 May 2023)."""
    if isinstance(cell, dt.datetime | dt.date):
        return cell.year * 100 + cell.month, VALUE
    if isinstance(cell, str):
        match = MONTH.fullmatch(normalize_label(cell))
        if match and 1 <= int(match[2]) <= 12:
            return int(match[1]) * 100 + int(match[2]), VALUE
    return year_header(cell, table)


def _wide_candidate(
    sheet: RawSheet, index: int, found: dict[str, int], table: Mapping[str, str]
) -> Candidate | None:
    """A row with Indikator and period columns, no År column and no survey columns: one point
    per column, one for the periods and one more than the survey's wide layout."""
    if "ar" in found or SURVEY_ONLY & found.keys() or "indikator" not in found:
        return None
    taken = set(found.values())
    years = [
        (col, *parsed)
        for col, cell in enumerate(sheet.rows[index])
        if col not in taken and (parsed := period_header(cell, table))
    ]
    if not years:
        return None
    keys = {k: v for k, v in found.items() if k in WIDE_KEYS}
    return len(keys) + 2, keys, years


def _with_periods(
    sheet: RawSheet,
    header: Header,
    years: list[tuple[int, int, str | None]],
    table: Mapping[str, str],
    today: dt.date | None,
) -> Header | list[Problem]:
    """The period columns, each checked: a plausible period, one value column per period,
    respondent columns ('n 2023') only beside a value column."""
    last = today or dt.date(2099, 12, 31)
    problems = []

    def problem(col: int, message: str, code: Code, period: str) -> Problem:
        return Problem(
            sheet.file, message, sheet.name, header.row + 1, col, code=code, value=period
        )

    resolved: dict[tuple[int, str], int] = {}
    for col, code, role in years:
        role = role or VALUE
        year, month = _period_of(code)
        period = period_label(year, month)
        if not 1990 <= year <= last.year or (year, month) > (last.year, last.month):
            message = (
                f"Perioden {period} i rubriken är orimlig. Skriv ett år mellan 1990 och "
                f"{last.year}."
            )
            problems.append(problem(col, message, Code.PERIOD_OUT_OF_RANGE, period))
        elif (code, role) in resolved:
            message = (
                f"Perioden {period} har två kolumner ({column_letter(resolved[(code, role)])} "
                f"och {column_letter(col)}). Ta bort den ena."
            )
            problems.append(problem(col, message, Code.COLUMN_TWICE, period))
        else:
            resolved[(code, role)] = col
    for (code, role), col in resolved.items():
        if role == RESPONDENTS and (code, VALUE) not in resolved:
            period = period_label(*_period_of(code))
            message = (
                f"Kolumnen har antal svarande för {period} men ingen kolumn med värden för den "
                "perioden. Lägg till värdena eller ta bort kolumnen."
            )
            problems.append(problem(col, message, Code.HEADER_ONLY_COUNTS, period))
    if problems:
        return problems
    columns = tuple(
        YearColumn(code, col, role) for (code, role), col in sorted(resolved.items(), key=_col)
    )
    return replace(header, years=columns)


def _col(item: tuple[tuple[int, str], int]) -> int:
    return item[1]


def _conflicting_values(frame: pd.DataFrame) -> list[Problem]:
    """Two rows giving one figure (area, indicator, unit, period) two different values."""
    if frame.empty:
        return []
    problems = []
    key = list(STATISTICS_KEY)
    keyed = frame.assign(unit=frame["unit"].fillna(""))
    for _, group in keyed[keyed.duplicated(subset=key, keep=False)].groupby(key, sort=False):
        first = group.iloc[0]
        for other in group.iloc[1:].itertuples():
            if other.value == first["value"]:
                continue
            letters = other.cell.rstrip("0123456789")
            digits = other.cell[len(letters) :]
            col = sum((ord(ch) - 64) * 26**i for i, ch in enumerate(reversed(letters))) - 1
            problems.append(
                Problem(
                    other.file,
                    f"Två olika värden för samma uppgift ({first['indicator']}, "
                    f"{first['area']}, {period_label(first['year'], first['month'])}): "
                    f"{first['value']:g} i {first['file']}, blad ”{first['sheet']}”, cell "
                    f"{first['cell']} och {other.value:g} i {other.file}, blad "
                    f"”{other.sheet}”, cell {other.cell}. Ta bort det felaktiga värdet.",
                    other.sheet,
                    int(digits),
                    col,
                    "Värde",
                    code=Code.VALUES_CONFLICT,
                    value=other.value,
                )
            )
    return problems


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.drop_duplicates(
        subset=[c for c in STATISTICS_KEY if c != "unit"] + ["unit", "value"]
    )
    frame = frame.reset_index(drop=True)
    frame["year"] = frame["year"].astype("int64")
    frame["month"] = frame["month"].astype("int64")
    frame["value"] = frame["value"].astype("float64")
    frame["respondents"] = frame["respondents"].astype("Int64")
    frame["population"] = frame["population"].astype("Int64")
    return frame


STATISTICS_TABLE = InputTable(
    "statistics", STATISTICS_FRAME_COLUMNS, check=_conflicting_values, finish=_typed
)

STATISTICS_SHEET = "Statistiktabell"
UNITS = ("antal", "per 1 000 invånare", "per 100 000 invånare", "index", "andel")


def _indicators(promise: Promise) -> list[str]:
    """The indicators the promise's outcomes look for, or an example of one."""
    return [o.indicator for o in promise.outcomes if o.indicator] or ["Skadegörelse"]


def _lists(promise: Promise) -> dict[str, list[str]]:
    return {"Indikatorer": _indicators(promise), "Enheter": list(UNITS)}


def _guide(promise: Promise) -> Guide:
    indicator = _indicators(promise)[0]
    return Guide(
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
        tuple(
            (promise.signed.year - 1, indicator, area, "per 1 000 invånare", rate, None, people)
            for area, rate, people in ((promise.municipality, 8.9, 11643), ("Riket", 9.6, 10**7))
        ),
    )


TEMPLATE = Template(
    "statistik-mall.xlsx",
    STATISTICS_SHEET,
    ("ar", "indikator", "omrade", "enhet", "andel", "antal_svarande", "befolkning"),
    _lists,
    _guide,
)

KIND = Kind(
    name=STATISTICS,
    columns=COLUMNS,
    required=("ar", "indikator", "andel"),
    table=STATISTICS_TABLE,
    candidate=_long_candidate,
    parse=parse_statistics_sheet,
    noun="en statistiktabell",
    template=TEMPLATE,
)

WIDE_KIND = Kind(
    name=STATISTICS_WIDE,
    columns=COLUMNS,
    required=("indikator",),
    table=STATISTICS_TABLE,
    candidate=_wide_candidate,
    parse=parse_statistics_sheet,
    complete=_with_periods,
)
