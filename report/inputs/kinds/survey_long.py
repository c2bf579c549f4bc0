"""Survey tables in the long layout: one row per value (År, Undersökning, Årskurs, Kön,
Indikator, Andel). Also what the wide layout (survey_wide.py) shares with it: the survey
columns, the survey table and the parser from entries to typed survey rows.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from report.errors import Code, Fault, Problem, column_letter
from report.inputs.dataset import SourceSheet
from report.inputs.kinds.base import Column, Header, InputTable, Kind, Parsed, keyed_candidate
from report.inputs.kinds.cells import (
    Parse,
    Screen,
    SheetInput,
    body_rows,
    cell_at,
    parse_count,
    parse_percent,
)
from report.inputs.kinds.template import (
    Check,
    ExampleValue,
    Guide,
    Template,
    TemplateColumn,
    at_least,
    one_of,
)
from report.inputs.sheets import RawSheet
from report.promise.types import Indicator, Promise
from report.vocabulary import ALL, BOYS, GIRLS, KNOWN_SURVEYS, normalize_label

SURVEY = "enkätdata"

COLUMNS: tuple[Column, ...] = (
    Column(
        "ar",
        "År",
        SURVEY,
        True,
        ("år", "ar", "undersökningsår", "mätår", "year"),
        "Årtal, t.ex. 2023.",
        template=TemplateColumn(
            8,
            "Året mätningen gjordes, t.ex. 2023.",
            check=Check(
                "whole", "Skriv ett årtal mellan 1990 och i år.", "between", "1990", "YEAR(TODAY())"
            ),
        ),
    ),
    Column(
        "undersokning",
        "Undersökning",
        SURVEY,
        True,
        ("undersökning", "enkät", "källa", "undersokning"),
        "T.ex. ELSA eller Elevers drogvanor.",
        template=TemplateColumn(
            20,
            "Välj undersökningen i listan.",
            check=one_of("Undersokningar", "Välj undersökningen i listan."),
        ),
    ),
    Column(
        "arskurs",
        "Årskurs",
        SURVEY,
        True,
        ("årskurs", "arskurs", "åk", "skolår", "klass"),
        "åk 4, åk 7, åk 9, gy 1, gy 2 (även ”Åk 9”, ”årskurs 9”, ”9”, ”Gy2”, ”gymnasiet år 2”).",
        template=TemplateColumn(
            14,
            "Välj årskursen i listan, t.ex. åk 9 eller gy 2.",
            check=one_of("Arskurser", "Välj årskursen i listan (åk 1–9, gy 1–4)."),
        ),
    ),
    Column(
        "kon",
        "Kön",
        SURVEY,
        True,
        ("kön", "kon", "grupp"),
        "Flickor, Pojkar eller Alla (även Tjej/Flicka, Kille/Pojke, Totalt/Samtliga).",
        template=TemplateColumn(
            10,
            "Flickor, Pojkar eller Alla.",
            check=one_of("Kon", "Välj Flickor, Pojkar eller Alla."),
        ),
    ),
    Column(
        "indikator",
        "Indikator",
        SURVEY,
        True,
        ("indikator", "fråga", "nyckeltal", "mått"),
        "Indikatorns id eller namn ur löftesfilen.",
        template=TemplateColumn(
            24,
            "Välj indikatorns id i listan (se bladet Instruktioner).",
            check=one_of("Indikatorer", "Välj en av löftets indikatorer i listan."),
        ),
    ),
    Column(
        "andel",
        "Andel",
        SURVEY,
        True,
        ("andel", "andel (%)", "andel %", "procent", "värde", "andel procent"),
        "Procent 0–100 (t.ex. 23 eller 23,5 eller ”23 %”), eller en procentformaterad cell.",
        template=TemplateColumn(
            10,
            "Andel i procent, 0–100, t.ex. 23,5.",
            "0.0",
            Check("decimal", "Skriv en andel i procent mellan 0 och 100.", "between", "0", "100"),
        ),
    ),
    Column(
        "antal_svarande",
        "Antal svarande",
        SURVEY,
        False,
        ("antal svarande", "svarande", "antal svar", "n"),
        "Heltal. Används för att dölja små grupper och räkna osäkerhet.",
        template=TemplateColumn(
            15,
            "Antal elever som svarade, heltal. Frivilligt men behövs för att dölja små grupper.",
            check=at_least("whole", 0, "Skriv ett heltal, 0 eller större."),
        ),
    ),
    Column(
        "omrade",
        "Område",
        SURVEY,
        False,
        ("område", "omrade", "region", "kommun", "geografi"),
        "Tom cell eller kommunens namn: kommunens värde. Annat (Värmland, Riket): jämförelse.",
        template=TemplateColumn(
            16,
            "Tomt eller {municipality}: kommunens värde. Annat (t.ex. Riket): jämförelse.",
            check=one_of(
                "Omraden",
                "Området finns inte i listan. Det visas som jämförelse om det inte är kommunen.",
                "information",
            ),
        ),
    ),
)

_SEXES = {
    **dict.fromkeys(("flickor", "flicka", "tjej", "tjejer", "f", "kvinnor"), GIRLS),
    **dict.fromkeys(("pojkar", "pojke", "kille", "killar", "p", "män"), BOYS),
    **dict.fromkeys(("alla", "totalt", "samtliga", "total", "båda könen", "båda"), ALL),
}
_SURVEYS = {name.casefold(): aliases for name, aliases in KNOWN_SURVEYS.items()}

SURVEY_FRAME_COLUMNS = (
    "year",
    "survey",
    "grade",
    "sex",
    "indicator",
    "value",
    "respondents",
    "area",
    "file",
    "sheet",
    "cell",
)
# What one survey value is of: two rows with the same key give the same value.
SURVEY_KEY = ("area", "survey", "indicator", "grade", "sex", "year")
# Cells that mean "no value published" rather than a share or a count.
NOT_PUBLISHED = frozenset((".", "..", "…", "-", "–", "—", "x", "*"))


def parse_grade(cell: Any) -> str | None:
    text = normalize_label(str(cell).replace(".", " ")) if cell not in (None, "") else ""
    if isinstance(cell, float) and cell == int(cell):
        text = str(int(cell))
    if re.fullmatch(r"(förskoleklass|fk|f-klass)", text):
        return "förskoleklass"
    match = re.fullmatch(r"(?:gy|gymnasiet|gymnasium|gymn)\s*(?:år|åk|årskurs)?\s*([1-4])", text)
    if match:
        return f"gy {match.group(1)}"
    match = re.fullmatch(r"(?:åk|årskurs|ak|år|klass)?\s*([1-9])", text)
    if match:
        return f"åk {match.group(1)}"
    return None


def parse_sex(cell: Any) -> str | None:
    text = normalize_label(cell) if isinstance(cell, str) else ""
    if not text:
        return None
    return _SEXES.get(text, str(cell).strip())


def parse_respondents(cell: Any) -> tuple[int | None, Fault | None]:
    """A respondent count; None when empty or marked as not published ('.', '–')."""
    if cell is None or (
        isinstance(cell, str) and (not cell.strip() or cell.strip() in NOT_PUBLISHED)
    ):
        return None, None
    value, error = parse_count(cell)
    if error:
        return None, Fault(
            Code.VALUE_INVALID,
            f"”{cell}” är inget antal svarande. Skriv ett heltal eller lämna tomt.",
        )
    return value, None


def indicator_lookup(
    promise: Promise,
) -> tuple[dict[str, Indicator], dict[tuple[str, str], Indicator]]:
    by_id = {normalize_label(i.id): i for i in promise.indicators}
    by_label = {(survey_key(i.survey), normalize_label(i.label)): i for i in promise.indicators}
    return by_id, by_label


def survey_key(name: str) -> str:
    """Canonical key of a survey name ('Elevs drogvanor' -> 'elevers drogvanor')."""
    text = normalize_label(name)
    for key, aliases in _SURVEYS.items():
        if text in aliases:
            return key
    return text


_SURVEY_NAMES = {name.casefold(): name for name in KNOWN_SURVEYS}


def survey_name(typed: str | None, indicator: Indicator) -> str:
    """The survey a value comes from: the indicator's survey as spelled in the promise file
    when the row names the same survey (or none); otherwise the row's own survey, so values
    from different surveys never end up in one series."""
    if not typed or survey_key(typed) == survey_key(indicator.survey):
        return indicator.survey
    key = survey_key(typed)
    return _SURVEY_NAMES.get(key, str(typed).strip())


# A survey value before conversion: per column key, the raw cell and its column.
SurveyCells = dict[str, tuple[Any, int | None]]


def _long_entries(sheet: RawSheet, header: Header, screen: Screen) -> list[tuple[int, SurveyCells]]:
    keys = (
        "ar",
        "undersokning",
        "arskurs",
        "kon",
        "indikator",
        "andel",
        "antal_svarande",
        "omrade",
    )
    return [
        (excel_row, {k: (cell_at(row, header.columns.get(k)), header.columns.get(k)) for k in keys})
        for excel_row, row in body_rows(sheet, header, screen)
    ]


def survey_parsers(promise: Promise, today: dt.date) -> dict[str, Parse]:
    """Column key -> the parse of one cell of a survey sheet (Undersökning: when required)."""
    municipality = normalize_label(promise.municipality)

    def parse_year(cell: Any) -> tuple[int | None, Fault | None]:
        try:
            year = int(float(str(cell).strip()))
        except (ValueError, OverflowError):
            return None, Fault(Code.VALUE_INVALID, f"”{cell}” är inget årtal. Skriv t.ex. 2023.")
        if not 1990 <= year <= today.year or float(str(cell).strip()) != year:
            return None, Fault(
                Code.YEAR_OUT_OF_RANGE,
                f"Årtalet {cell} är orimligt. Skriv ett år mellan 1990 och {today.year}.",
                cell,
            )
        return year, None

    def parse_text(cell: Any) -> tuple[str | None, Fault | None]:
        text = str(cell).strip() if cell is not None else ""
        return (
            (text, None)
            if text
            else (None, Fault(Code.VALUE_MISSING, "Värdet saknas. Fyll i cellen."))
        )

    def parse_optional_text(cell: Any) -> tuple[str | None, None]:
        text = str(cell).strip() if cell is not None else ""
        return text or None, None

    def parse_grade_cell(cell: Any) -> tuple[str | None, Fault | None]:
        grade = parse_grade(cell)
        if grade:
            return grade, None
        return None, (
            Fault(
                Code.VALUE_INVALID,
                f"”{cell}” är ingen känd årskurs. Skriv t.ex. åk 4, åk 7, åk 9, gy 1 eller gy 2.",
            )
        )

    def parse_sex_cell(cell: Any) -> tuple[str | None, Fault | None]:
        sex = parse_sex(cell)
        missing = Fault(Code.VALUE_MISSING, "Kön saknas. Skriv Flickor, Pojkar eller Alla.")
        return (sex, None) if sex else (None, missing)

    def parse_area(cell: Any) -> tuple[str, None]:
        text = str(cell).strip() if cell is not None else ""
        if not text or normalize_label(text) in (municipality, f"{municipality} kommun"):
            return promise.municipality, None
        return text, None

    return {
        "ar": parse_year,
        "undersokning": parse_text,
        "arskurs": parse_grade_cell,
        "kon": parse_sex_cell,
        "antal_svarande": parse_respondents,
        "omrade": parse_area,
        "undersokning_frivillig": parse_optional_text,
    }


def indicator_finder(promise: Promise) -> Callable[[str, str | None], Indicator | str | None]:
    by_id, by_label = indicator_lookup(promise)

    def find_indicator(name: str, survey: str | None) -> Indicator | str | None:
        """The indicator; None if the promise doesn't follow it; a message if ambiguous."""
        key = normalize_label(name)
        if key in by_id:
            return by_id[key]
        if survey:
            return by_label.get((survey_key(survey), key))
        matches = [i for (_, label), i in by_label.items() if label == key]
        if len(matches) > 1:
            return (
                f"Indikatorn ”{name}” finns i flera undersökningar "
                f"({', '.join(i.survey for i in matches)}). Skriv indikatorns id (t.ex. "
                f"”{matches[0].id}”) eller lägg till kolumnen Undersökning."
            )
        return matches[0] if matches else None

    return find_indicator


@dataclass
class _SurveyReader:
    """Reads one survey sheet's rows into records, gathering every problem in sheet order."""

    given: SheetInput
    year_in_header: bool
    problems: list[Problem] = field(default_factory=list)
    unknown_indicators: set[str] = field(default_factory=set)
    value_cells: list[tuple[int, int]] = field(default_factory=list)
    text_values: int = 0

    def __post_init__(self) -> None:
        self.parsers = survey_parsers(self.given.promise, self.given.today)
        self.find_indicator = indicator_finder(self.given.promise)

    def _indicator_problem(
        self, message: str, excel_row: int, col: int | None, code: Code, value: Any = None
    ) -> None:
        sheet = self.given.sheet
        self.problems.append(
            Problem(
                sheet.file, message, sheet.name, excel_row, col, "Indikator", code=code, value=value
            )
        )

    def read(self, excel_row: int, entry: SurveyCells, key: str, parse: Parse) -> Any:
        """One cell parsed, or None when it is blocked or wrong (its problem noted)."""
        sheet, header, screen = self.given.sheet, self.given.header, self.given.screen
        cell, col = entry[key]
        hit, problem = screen.blocked(excel_row, col, key)
        if problem:
            self.problems.append(problem)
        if hit:
            return None
        value, fault = parse(cell)
        if fault:
            self.problems.append(
                fault.at(cell, sheet.file, sheet.name, excel_row, col, header.title(key))
            )
        return value

    def indicator(self, excel_row: int, entry: SurveyCells, survey: Any) -> Indicator | None:
        """The row's indicator; None (with a problem or a note) when it has none we follow."""
        name_cell, name_col = entry["indikator"]
        name = str(name_cell).strip() if name_cell is not None else ""
        found = self.find_indicator(name, survey) if name else None
        if not name:
            self._indicator_problem(
                "Indikator saknas. Fyll i indikatorns id.", excel_row, name_col, Code.VALUE_MISSING
            )
        elif isinstance(found, str):
            self._indicator_problem(
                found, excel_row, name_col, Code.INDICATOR_AMBIGUOUS, value=name
            )
        elif found is None:
            self.unknown_indicators.add(name)
        return found if isinstance(found, Indicator) else None

    def share(self, excel_row: int, value_cell: Any, value_col: int) -> float | None:
        sheet = self.given.sheet
        value, as_text, fault = parse_percent(value_cell)
        if fault:
            self.problems.append(
                fault.at(value_cell, sheet.file, sheet.name, excel_row, value_col, "Andel")
            )
        self.text_values += as_text
        return value

    def record(self, excel_row: int, entry: SurveyCells) -> tuple[Any, ...] | None:
        """The row as a SURVEY_FRAME_COLUMNS record; None when it is not read or not followed."""
        parsers, screen, sheet = self.parsers, self.given.screen, self.given.sheet
        if self.year_in_header:
            survey = self.read(excel_row, entry, "undersokning", parsers["undersokning_frivillig"])
            year = entry["ar"][0]
        else:
            survey = self.read(excel_row, entry, "undersokning", parsers["undersokning"])
            year = self.read(excel_row, entry, "ar", parsers["ar"])
        name_col = entry["indikator"][1]
        value_cell, value_col = entry["andel"]
        assert value_col is not None  # Andel is a required column, a year's in the wide layout
        # Error or merged cells: each gets its problem, and the row is not read further.
        hits = [
            screen.blocked(excel_row, name_col, "indikator"),
            screen.blocked(excel_row, value_col, "andel"),
        ]
        self.problems.extend(problem for _, problem in hits if problem)
        if any(hit for hit, _ in hits):
            return None
        indicator = self.indicator(excel_row, entry, survey)
        value = self.share(excel_row, value_cell, value_col)
        record = (
            year,
            survey_name(survey, indicator) if indicator else survey,
            self.read(excel_row, entry, "arskurs", parsers["arskurs"]),
            self.read(excel_row, entry, "kon", parsers["kon"]),
            indicator.id if indicator else None,
            value,
            self.read(excel_row, entry, "antal_svarande", parsers["antal_svarande"]),
            self.read(excel_row, entry, "omrade", parsers["omrade"]),
            sheet.file,
            sheet.name,
            f"{column_letter(value_col)}{excel_row}",
        )
        if indicator is None:
            return None
        self.value_cells.append((excel_row, value_col))
        return record


def survey_frame(
    given: SheetInput,
    entries: list[tuple[int, SurveyCells]],
    notes: list[str],
    *,
    year_in_header: bool,
) -> Parsed:
    """The survey values of a long or a wide sheet as the same typed frame. A wide sheet's
    entries carry the year from the header (already checked) and may leave Undersökning out."""
    sheet = given.sheet
    reader = _SurveyReader(given, year_in_header)
    records = [record for row, entry in entries if (record := reader.record(row, entry))]
    # A wide row repeats its grade, sex and indicator for every year: report each cell once.
    problems = list(dict.fromkeys(reader.problems))
    frame = pd.DataFrame.from_records(records, columns=list(SURVEY_FRAME_COLUMNS))
    if _shares_written_as_fractions(frame, reader.text_values):
        frame["value"] = frame["value"] * 100
        notes.append(
            f"{sheet.file}, bladet ”{sheet.name}”: andelarna är skrivna som 0–1 "
            "(procentformat) och räknades om till procent."
        )
    problems.extend(_out_of_range(sheet, reader.value_cells, frame["value"]))
    notes.extend(_unknown_indicators_note(sheet, reader.unknown_indicators))
    return Parsed(frame, _survey_source(sheet, given.header, frame), tuple(notes), tuple(problems))


def _shares_written_as_fractions(frame: pd.DataFrame, text_values: int) -> bool:
    """Every share is 0–1 and none was typed as text: a percent-formatted column."""
    numeric = frame["value"].dropna()
    return bool(len(numeric) and not text_values and 0 < numeric.max() <= 1.0)


def _out_of_range(
    sheet: RawSheet, value_cells: list[tuple[int, int]], values: pd.Series
) -> list[Problem]:
    return [
        Problem(
            sheet.file,
            f"Andelen {value:g} ligger utanför 0–100 %. Rätta värdet.",
            sheet.name,
            excel_row,
            col,
            "Andel",
            code=Code.VALUE_OUT_OF_RANGE,
            value=value,
        )
        for (excel_row, col), value in zip(value_cells, values, strict=True)
        if pd.notna(value) and not 0 <= value <= 100
    ]


def _unknown_indicators_note(sheet: RawSheet, names: set[str]) -> list[str]:
    if not names:
        return []
    listed = ", ".join(f"”{n}”" for n in sorted(names)[:8])
    more = len(names) - 8
    return [
        f"{sheet.file}, bladet ”{sheet.name}”: {len(names)} "
        f"indikatorer följs inte upp i löftet och togs inte med ({listed}"
        f"{f' och {more} till' if more > 0 else ''}). Lägg till dem under "
        "[[indikatorer]] i medborgarlofte.toml om de ska med."
    ]


def _survey_source(sheet: RawSheet, header: Header, frame: pd.DataFrame) -> SourceSheet:
    years = sorted(frame["year"].dropna().astype(int).unique())
    return SourceSheet(
        sheet.file,
        sheet.name,
        header.kind,
        len(frame),
        str(years[0]) if years else "–",
        str(years[-1]) if years else "–",
    )


def _conflicting_survey_values(survey: pd.DataFrame) -> list[Problem]:
    if survey.empty:
        return []
    problems = []
    duplicated = survey.duplicated(subset=list(SURVEY_KEY), keep=False)
    for _, group in survey[duplicated].groupby(list(SURVEY_KEY), sort=False):
        if group["value"].nunique() > 1:
            first, *others = group.itertuples()
            for other in others:
                if other.value != first.value:
                    cell = re.fullmatch(r"([A-Z]+)(\d+)", other.cell)  # written as A1 above
                    assert cell is not None
                    letters, digits = cell.groups()
                    column = (
                        sum((ord(ch) - 64) * 26**i for i, ch in enumerate(reversed(letters))) - 1
                    )
                    problems.append(
                        Problem(
                            other.file,
                            f"Två olika värden för samma uppgift ({first.indicator}, "
                            f"{first.grade}, {first.sex}, {first.year}, {first.area}): "
                            f"{first.value:g} i "
                            f"{first.file}, blad ”{first.sheet}”, cell {first.cell} och "
                            f"{other.value:g} i {other.file}, blad ”{other.sheet}”, cell "
                            f"{other.cell}. Ta bort det felaktiga värdet.",
                            other.sheet,
                            int(digits),
                            column,
                            "Andel",
                            code=Code.VALUES_CONFLICT,
                            value=other.value,
                        )
                    )
    return problems


def parse_long_sheet(given: SheetInput) -> Parsed:
    sheet, header = given.sheet, given.header
    entries = _long_entries(sheet, header, given.screen)
    parsed = survey_frame(given, entries, [], year_in_header=False)
    if entries:
        return parsed
    empty = Problem(
        sheet.file,
        "Bladet har rubriker men inga rader med enkätvärden. Fyll i raderna eller ta bort filen.",
        sheet.name,
        header.row + 2,
        code=Code.SHEET_WITHOUT_ROWS,
    )
    return Parsed(parsed.frame, parsed.source, parsed.notes, (empty, *parsed.problems))


def _one_row_per_value(survey: pd.DataFrame) -> pd.DataFrame:
    return survey.drop_duplicates(subset=list(SURVEY_KEY)).reset_index(drop=True)


SURVEY_TABLE = InputTable(
    "survey", SURVEY_FRAME_COLUMNS, check=_conflicting_survey_values, finish=_one_row_per_value
)

GRADES = ("förskoleklass", *(f"åk {n}" for n in range(1, 10)), *(f"gy {n}" for n in range(1, 5)))
SURVEY_SHEET = "Enkätdata"


def _lists(promise: Promise) -> dict[str, list[str]]:
    surveys = list(dict.fromkeys(i.survey for i in promise.indicators))
    return {
        "Undersokningar": surveys or ["ELSA", "Elevers drogvanor"],
        "Arskurser": list(GRADES),
        "Kon": [GIRLS, BOYS, ALL],
        "Indikatorer": [i.id for i in promise.indicators] or ["-"],
        "Omraden": [promise.municipality, "Riket"],
    }


def _guide(promise: Promise) -> Guide:
    examples: list[tuple[ExampleValue, ...]] = []
    for indicator in promise.indicators[:1]:
        grade = "åk 9" if "drogvanor" in indicator.survey.casefold() else "åk 7"
        examples = [
            (2023, indicator.survey, grade, ALL, indicator.id, 23.5, 96, ""),
            (2023, indicator.survey, grade, GIRLS, indicator.id, 25.0, 48, ""),
            (2023, indicator.survey, grade, ALL, indicator.id, 21.0, 2104, "Riket"),
        ]
    return Guide(
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


TEMPLATE = Template("enkat-mall.xlsx", SURVEY_SHEET, tuple(c.key for c in COLUMNS), _lists, _guide)

KIND = Kind(
    name=SURVEY,
    columns=COLUMNS,
    required=tuple(c.key for c in COLUMNS if c.required),
    table=SURVEY_TABLE,
    candidate=keyed_candidate(c.key for c in COLUMNS),
    parse=parse_long_sheet,
    noun="enkätdata",
    template=TEMPLATE,
)
