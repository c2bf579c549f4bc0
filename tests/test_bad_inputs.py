"""The catalogue of bad inputs, end to end through the command line.

Every case is built in code, run through `report.app.cli.main`, and checked for the exact message
the analyst reads, the exit code, that no PDF was written, that the report from an earlier
run is untouched, and that no input file was changed.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from report.app.cli import main
from report.errors import EXIT_INPUT, EXIT_USAGE
from report.inputs.kinds.activity import ACTIVITY
from report.inputs.promise_file import load_promise
from report.inputs.validate import validate_workbooks
from report.inputs.workbook import read_workbook
from tests.helpers import (
    PROMISE,
    REPORT_DATE,
    SURVEY_HEADER,
    activity_rows,
    checksums,
    encrypt_workbook,
    inputs_folder,
    rewrite_zip,
    write_workbook,
    write_xls,
)

DAY = dt.date(2023, 1, 2)
REPORT = "hagfors-lpo-torsby-2023.pdf"
PREVIOUS = b"%PDF-1.7\n% the report from an earlier run\n%%EOF\n"
TAIL = (
    "Rätta filerna ovan och kör `make report` igen. Ingen ny PDF skrevs; en tidigare "
    "rapport ligger kvar orörd.\n"
)


@dataclass
class Run:
    code: int
    out: str
    err: str


@dataclass
class Case:
    inputs: Path
    outputs: Path

    def run(self, *extra: str) -> Run:
        before = checksums(self.inputs)
        out, err = io.StringIO(), io.StringIO()
        code = main(
            [
                "--inputs",
                str(self.inputs),
                "--outputs",
                str(self.outputs),
                "--date",
                "2026-11-25",
                *extra,
            ],
            stdout=out,
            stderr=err,
        )
        assert checksums(self.inputs) == before, "an input file was changed"
        return Run(code, out.getvalue(), err.getvalue())

    def refused(self, body: str, count: int = 1, *extra: str) -> None:
        """The run fails with exactly this message and leaves the outputs as they were."""
        run = self.run(*extra)
        assert run.err == (
            f"Rapporten kunde inte byggas: {count} problem i indata.\n\n{body}\n\n{TAIL}"
        )
        assert run.code == EXIT_INPUT
        assert "Klart" not in run.out and ".pdf" not in run.out  # progress lines only
        assert sorted(p.name for p in self.outputs.iterdir()) == [REPORT]
        assert (self.outputs / REPORT).read_bytes() == PREVIOUS


@pytest.fixture
def case(tmp_path: Path) -> Case:
    inputs = inputs_folder(tmp_path)
    outputs = tmp_path / "outputs"
    outputs.mkdir()
    (outputs / REPORT).write_bytes(PREVIOUS)
    return Case(inputs, outputs)


def log(case: Case, *rows, header=None, name: str = "polisen.xlsx", **kwargs) -> Path:
    extra = {"header": header} if header else {}
    return write_workbook(case.inputs / name, {"Logg": activity_rows(*rows, **extra)}, **kwargs)


# --- columns and cells ------------------------------------------------------------------


def test_missing_required_column(case: Case) -> None:
    write_workbook(
        case.inputs / "polisen.xlsx", {"Logg": [["Datum", "Antal", "Plats"], [DAY, 1, "Torget"]]}
    )
    case.refused(
        "Fil: polisen.xlsx\n  Blad: Logg\n    - rad 1: Kolumnen ”Aktivitet” saknas i "
        "rubrikraden. Lägg till en kolumn med rubriken ”Aktivitet”, ”typ av "
        "aktivitet”, ”aktivitetstyp”, ”insats”."
    )


def test_misspelled_header_names_the_closest_match(case: Case) -> None:
    log(case, [DAY, "SSP", 1], header=("Datun", "Aktivitet", "Antal"))
    case.refused(
        "Fil: polisen.xlsx\n  Blad: Logg\n    - cell A1: Kolumnen ”Datum” saknas. "
        "Rubriken ”Datun” liknar ”Datum” – rätta rubriken till ”Datum”."
    )


def test_text_in_count(case: Case) -> None:
    log(case, [DAY, "SSP", "två"])
    case.refused(
        "Fil: polisen.xlsx\n  Blad: Logg\n    - cell C2, kolumn ”Antal”: ”två” är inget "
        "antal. Skriv ett heltal (0 eller större)."
    )


WHOLE = "Skriv ett heltal, 0 eller större (0 betyder att inget genomfördes den gången)"


def test_negative_and_fractional_counts(case: Case) -> None:
    log(case, [DAY, "SSP", -1], [DAY, "SSP", 1.5], [DAY, "SSP", 2_000_000])
    case.refused(
        "Fil: polisen.xlsx\n  Blad: Logg\n"
        f"    - cell C2, kolumn ”Antal”: Antal -1 är inte tillåtet. {WHOLE}.\n"
        f"    - cell C3, kolumn ”Antal”: Antal 1,5 är inte tillåtet. {WHOLE}.\n"
        f"    - cell C4, kolumn ”Antal”: Antal 2000000 är inte tillåtet. {WHOLE}, högst "
        "1 000 000.",
        3,
    )


def test_date_in_another_format_and_impossible_date(case: Case) -> None:
    log(case, ["14/6 2023", "SSP", 1], ["2023-02-30", "SSP", 1])
    case.refused(
        "Fil: polisen.xlsx\n  Blad: Logg\n"
        "    - cell A2, kolumn ”Datum”: ”14/6 2023” är inte ett datum i formen ÅÅÅÅ-MM-DD. "
        "Skriv t.ex. 2023-06-14 eller formatera cellen som datum i Excel.\n"
        "    - cell A3, kolumn ”Datum”: ”2023-02-30” är inget giltigt datum. Kontrollera månad "
        "och dag.",
        2,
    )


def test_unknown_activity_names_the_closest(case: Case) -> None:
    log(case, [DAY, "Trafikkontrol", 1])
    case.refused(
        "Fil: polisen.xlsx\n  Blad: Logg\n    - cell B2, kolumn ”Aktivitet”: Aktiviteten "
        "”Trafikkontrol” finns inte i löftet. Menade du ”Trafikkontroll”? Rätta cellen, eller "
        "lägg till namnet som alias under aktiviteten ”trafikkontroller” i medborgarlofte.toml: "
        'alias = [..., "Trafikkontrol"].'
    )


# --- whole workbooks and sheets ---------------------------------------------------------


def test_empty_workbook(case: Case) -> None:
    write_workbook(case.inputs / "polisen.xlsx", {"Blad1": []})
    case.refused(
        "Fil: polisen.xlsx\n  - Arbetsboken är tom: inget blad har något innehåll. "
        "Kontrollera att exporten blev rätt och exportera på nytt, eller ta bort filen "
        "ur inputs/."
    )


def test_headers_only(case: Case) -> None:
    log(case)
    write_workbook(case.inputs / "enkat.xlsx", {"Data": [SURVEY_HEADER]})
    case.refused(
        "Fil: enkat.xlsx\n  Blad: Data\n    - rad 2: Bladet har rubriker men inga rader med "
        "enkätvärden. Fyll i raderna eller ta bort filen.\n"
        "Fil: polisen.xlsx\n  Blad: Logg\n    - rad 2: Bladet har rubriker men inga rader med "
        "aktiviteter. Fyll i raderna eller ta bort filen.",
        2,
    )


def test_a_workbook_whose_only_data_is_on_a_hidden_sheet(case: Case) -> None:
    write_workbook(
        case.inputs / "polisen.xlsx",
        {"Logg": activity_rows([DAY, "SSP", 1]), "Blad2": []},
        hidden=["Logg"],
    )
    case.refused(
        "Fil: polisen.xlsx\n  - Arbetsboken har bara dolda blad med innehåll (”Logg”), "
        "och dolda blad läses inte. Om bladet ska med: högerklicka på en bladflik i "
        "Excel, välj Ta fram och spara."
    )


def test_hidden_sheet_is_ignored_and_said_so(tmp_path: Path) -> None:
    """Validation level; that the note reaches the PDF is checked in test_privacy."""
    path = write_workbook(
        tmp_path / "polisen.xlsx",
        {
            "Logg": activity_rows([DAY, "SSP", 1]),
            "Gammalt": activity_rows([DAY, "Okänd sak", "många"]),
        },
        hidden=["Gammalt"],
    )
    data = validate_workbooks([read_workbook(path)], load_promise(PROMISE), REPORT_DATE)
    assert len(data.activities) == 1
    assert data.notes == ("polisen.xlsx: bladet ”Gammalt” är dolt och lästes inte.",)


def test_merged_header_cells(case: Case) -> None:
    write_workbook(
        case.inputs / "polisen.xlsx",
        {
            "Logg": [
                ["Aktivitetslogg 2023"],
                ["Datum", "Aktivitet", None, "Antal"],
                [DAY, "SSP", "", 1],
            ]
        },
        merged={"Logg": ["A1:D1", "B2:C2"]},
    )
    case.refused(
        "Fil: polisen.xlsx\n  Blad: Logg\n    - cell B2: Rubrikcellerna B2:C2 är sammanfogade. "
        "Varje kolumn behöver en egen rubrik i en egen cell på rubrikraden: dela upp cellerna "
        "(Start → Sammanfoga och centrera → Dela upp celler) och skriv en rubrik i varje "
        "kolumn."
    )


def test_merged_cells_in_the_rows(case: Case) -> None:
    log(case, [DAY, "SSP", 1], [None, "SSP", 1], [None, "SSP", 1], merged={"Logg": ["A2:A4"]})
    case.refused(
        "Fil: polisen.xlsx\n  Blad: Logg\n    - cell A2, kolumn ”Datum”: Cellerna A2:A4 är "
        "sammanfogade, så bara A2 har ett värde och de andra cellerna blir tomma. Dela upp "
        "cellerna (Start → Sammanfoga och centrera → Dela upp celler) och fyll i värdet i varje "
        "cell."
    )


def test_error_cells_are_named_by_address(case: Case) -> None:
    log(
        case,
        [DAY, "SSP", "#DIV/0!"],
        [DAY, "#REF!", 1],
        ["#N/A", "#REF!", "#VALUE!"],
        [DAY, "SSP", 1, "", "", "#REF!"],
    )  # an error in Kommentar is harmless
    fix = (
        "i stället för ett värde (en formel som inte går att räkna ut). Rätta formeln eller "
        "skriv in värdet."
    )
    case.refused(
        "Fil: polisen.xlsx\n  Blad: Logg\n"
        f"    - cell C2, kolumn ”Antal”: Cellen innehåller felvärdet #DIV/0! {fix}\n"
        f"    - cell B3, kolumn ”Aktivitet”: Cellen innehåller felvärdet #REF! {fix}\n"
        f"    - cell A4, kolumn ”Datum”: Cellen innehåller felvärdet #N/A {fix}\n"
        f"    - cell B4, kolumn ”Aktivitet”: Cellen innehåller felvärdet #REF! {fix}\n"
        f"    - cell C4, kolumn ”Antal”: Cellen innehåller felvärdet #VALUE! {fix}",
        5,
    )


def test_error_cells_in_survey_data(case: Case) -> None:
    write_workbook(
        case.inputs / "enkat.xlsx",
        {
            "Data": [
                SURVEY_HEADER,
                [2023, "ELSA", "åk 7", "Alla", "elsa-trygg", "#DIV/0!", 99, ""],
                [2023, "ELSA", "åk 7", "Alla", "#REF!", 50, 99, ""],
            ]
        },
    )
    fix = (
        "i stället för ett värde (en formel som inte går att räkna ut). Rätta formeln eller "
        "skriv in värdet."
    )
    case.refused(
        "Fil: enkat.xlsx\n  Blad: Data\n"
        f"    - cell F2, kolumn ”Andel”: Cellen innehåller felvärdet #DIV/0! {fix}\n"
        f"    - cell E3, kolumn ”Indikator”: Cellen innehåller felvärdet #REF! {fix}",
        2,
    )


def test_error_cells_in_a_wide_survey_sheet(case: Case) -> None:
    write_workbook(
        case.inputs / "enkat.xlsx",
        {
            "Data": [
                ["Indikator", "Årskurs", "Kön", 2022, 2023],
                ["elsa-trygg", "åk 7", "Alla", "#DIV/0!", 82],
                ["elsa-trygg", "åk 7", "Flickor", 80, 81],
            ]
        },
    )
    case.refused(
        "Fil: enkat.xlsx\n  Blad: Data\n    - cell D2, kolumn ”Andel”: Cellen innehåller "
        "felvärdet #DIV/0! i stället för ett värde (en formel som inte går att räkna ut). "
        "Rätta formeln eller skriv in värdet."
    )


def test_too_many_problems_are_cut_per_file(case: Case) -> None:
    log(case, *[[DAY, "SSP", "x"] for _ in range(30)])
    shown = "".join(
        f"    - cell C{row}, kolumn ”Antal”: ”x” är inget antal. Skriv ett heltal "
        "(0 eller större).\n"
        for row in range(2, 27)
    )
    case.refused(
        f"Fil: polisen.xlsx\n  Blad: Logg\n{shown}  … och 5 fel till i samma fil "
        "(samma slag av fel brukar ha samma orsak: rätta de första och kör igen).",
        30,
    )


# --- files that are not what they say ---------------------------------------------------


def test_old_xls_is_read(tmp_path: Path) -> None:
    path = write_xls(
        tmp_path / "gammal.xls",
        {"Logg": activity_rows([DAY, "Trafikkontroll", 2], ["2023-03-04", "SSP", None])},
    )
    data = validate_workbooks([read_workbook(path)], load_promise(PROMISE), REPORT_DATE)
    assert list(data.activities["activity"]) == ["trafikkontroller", "ssp"]
    assert list(data.activities["count"]) == [2, 1]
    assert [d.date() for d in data.activities["date"]] == [DAY, dt.date(2023, 3, 4)]
    assert [(s.file, s.kind, s.rows) for s in data.sources] == [("gammal.xls", ACTIVITY, 2)]


def test_old_xls_problems_are_located_like_xlsx(case: Case) -> None:
    write_xls(case.inputs / "gammal.xls", {"Logg": activity_rows([DAY, "Trafikkontrol", 1])})
    case.refused(
        "Fil: gammal.xls\n  Blad: Logg\n    - cell B2, kolumn ”Aktivitet”: Aktiviteten "
        "”Trafikkontrol” finns inte i löftet. Menade du ”Trafikkontroll”? Rätta cellen, eller "
        "lägg till namnet som alias under aktiviteten ”trafikkontroller” i medborgarlofte.toml: "
        'alias = [..., "Trafikkontrol"].'
    )


def test_old_xls_renamed_to_xlsx_is_read(tmp_path: Path) -> None:
    path = write_xls(tmp_path / "polisen.xlsx", {"Logg": activity_rows([DAY, "SSP", 1])})
    assert read_workbook(path).sheets[0].rows[1][:3] == [DAY, "SSP", 1.0]


SAVE_AS = (
    "Öppna den i Excel och välj Arkiv → Spara som → Excel-arbetsbok (.xlsx), och lägg "
    "den sparade filen här i stället."
)


def test_csv_renamed_to_xlsx(case: Case) -> None:
    (case.inputs / "polisen.xlsx").write_text(
        "Datum;Aktivitet;Antal\n2023-01-02;SSP;1\n", encoding="utf-8"
    )
    case.refused(
        "Fil: polisen.xlsx\n  - Filen är inte en Excel-arbetsbok även om den heter så: "
        "den ser ut som en CSV-fil (text med värden åtskilda av semikolon eller komma). "
        "Byt filändelsen till .csv så läses den som CSV, eller öppna den i Excel och "
        "välj Arkiv → Spara som → Excel-arbetsbok (.xlsx)."
    )


def test_html_renamed_to_xlsx_or_xls(case: Case) -> None:
    page = "<html><body><table><tr><td>Datum</td><td>Aktivitet</td></tr></table></body></html>"
    (case.inputs / "kommunen.xls").write_text(page, encoding="utf-8")
    (case.inputs / "polisen.xlsx").write_text("\ufeff  <!DOCTYPE html>" + page, encoding="utf-8")
    html = (
        "  - Filen är inte en Excel-arbetsbok även om den heter så: den ser ut som en "
        "HTML-sida (en webbsida), som vissa system skapar när de ”exporterar till Excel”. "
        f"{SAVE_AS}"
    )
    case.refused(f"Fil: kommunen.xls\n{html}\nFil: polisen.xlsx\n{html}", 2)


def test_html_file_among_the_exports_is_not_skipped_silently(case: Case) -> None:
    """A lone HTML export must not make the run fall back to the example."""
    (case.inputs / "polisen.html").write_text(
        "<table><tr><td>Datum</td></tr></table>", encoding="utf-8"
    )
    case.refused(
        "Fil: polisen.html\n  - Filen är en HTML-sida och läses inte; bara "
        "kalkylblad (.xlsx, .xls, .ods) och CSV-filer läses. Öppna den i Excel och "
        "välj Arkiv → "
        "Spara som → Excel-arbetsbok (.xlsx), eller flytta den ur inputs/ om den inte "
        "hör till rapporten."
    )


def test_corrupt_zip(case: Case) -> None:
    path = log(case, [DAY, "SSP", 1])
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    case.refused(
        "Fil: polisen.xlsx\n  - Filen är skadad (ett trasigt eller ofullständigt "
        "zip-arkiv, som en .xlsx är) och kan inte öppnas. Exportera den på nytt från "
        "källsystemet, eller öppna den i Excel och spara en ny kopia."
    )


PASSWORD = (
    "  - Arbetsboken är lösenordsskyddad (krypterad) och kan inte läsas. Öppna den i "
    "Excel, välj Arkiv → Info → Skydda arbetsbok → Kryptera med lösenord, töm "
    "lösenordet och spara – alltså spara utan lösenord. Lägg den filen här i stället."
)


def test_password_protected_workbook(case: Case) -> None:
    encrypt_workbook(log(case, [DAY, "SSP", 1]))
    assert (case.inputs / "polisen.xlsx").read_bytes()[:4] == bytes.fromhex("d0cf11e0")
    case.refused(f"Fil: polisen.xlsx\n{PASSWORD}")


def test_ole_file_that_is_no_workbook(case: Case) -> None:
    (case.inputs / "polisen.xlsx").write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + bytes(504))
    case.refused(
        "Fil: polisen.xlsx\n  - Filen ser ut som en gammal Excel-arbetsbok (.xls) eller "
        "ett annat Office-dokument men kan inte läsas – den kan vara skadad. Öppna den i "
        "Excel och välj Arkiv → Spara som → Excel-arbetsbok (.xlsx), och lägg den "
        "sparade filen här i stället."
    )


# --- hostile files ----------------------------------------------------------------------


def test_zip_bomb_is_refused_before_unpacking(case: Case) -> None:
    """3 MB of zeros pack into a few KB; with a 2 MB limit the workbook is refused from the
    members' declared sizes alone."""
    path = rewrite_zip(
        log(case, [DAY, "SSP", 1]),
        lambda _name, data: data,
        extra={"xl/media/fyllnad.bin": bytes(3_000_000)},
    )
    assert path.stat().st_size < 100_000
    case.refused(
        "Fil: polisen.xlsx\n  - Filen packas upp till 3 MB, mer än gränsen 2 MB. En "
        "vanlig export är mycket mindre, så kontrollera att det är rätt fil. Är den "
        "rätt, höj gränsen: make report MAX_UNPACKED_MB=<antal MB> (eller "
        "--max-unpacked-mb <antal MB>).",
        1,
        "--max-unpacked-mb",
        "2",
    )


def test_unpacked_limit_must_be_positive(case: Case) -> None:
    run = case.run("--max-unpacked-mb", "0")
    assert run.code == EXIT_USAGE
    assert run.err == (
        "MAX_UNPACKED_MB=0 är ingen giltig gräns. Skriv ett antal megabyte, 1 "
        "eller mer (standard 1000).\n"
    )


BILLION_LAUGHS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1)) * 10 if i > 1 else b"&lol;" * 10)
        for i in range(1, 10)
    )
    + b"]>\n"
)


@pytest.mark.parametrize(
    "member", ["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "[Content_Types].xml"]
)
def test_xml_entity_bomb_is_refused_before_parsing(case: Case, member: str) -> None:
    def plant(name: str, data: bytes) -> bytes:
        return BILLION_LAUGHS + data.split(b"?>", 1)[-1] if name == member else data

    extra = {member: BILLION_LAUGHS + b"<sst/>"} if member == "xl/sharedStrings.xml" else None
    rewrite_zip(log(case, [DAY, "SSP", 1]), plant, extra)
    case.refused(
        f"Fil: polisen.xlsx\n  - Filen innehåller en DOCTYPE- eller ENTITY-deklaration "
        f"(i delen {member}). Sådant skriver Excel aldrig, och det kan användas för att "
        "få program att hänga (”XML-bomb”) eller läsa andra filer. Filen lästes inte. "
        "Exportera den på nytt från källsystemet, eller öppna den i Excel och spara en "
        "ny kopia."
    )


def test_a_stray_value_far_out_in_the_sheet(case: Case) -> None:
    """The parser allocates every cell from A1 to the farthest one: a value left in the
    last cell (XFD1048576) would ask for 17 billion cells and abort the process. The sheet
    is refused from a scan of its XML, before the parser sees it."""
    stray = (
        b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'
    )
    rewrite_zip(
        log(case, [DAY, "SSP", 1]),
        lambda name, data: (
            data.replace(b"</sheetData>", stray) if name == "xl/worksheets/sheet1.xml" else data
        ),
    )
    case.refused(
        "Fil: polisen.xlsx\n  Blad: Logg\n    - Bladet sträcker sig ända till cell "
        "XFD1048576 (17 180 miljoner celler räknat från A1), långt mer än en export "
        "brukar. Oftast finns ett värde, ett mellanslag eller en formel långt ut i "
        "bladet. Tryck Ctrl+End i Excel för att se var bladet slutar, ta bort raderna och "
        "kolumnerna efter tabellen och spara."
    )


def test_truncated_xls(case: Case) -> None:
    """A truncated .xls makes the Rust parser panic (a BaseException in Python): still a
    clean message."""
    path = write_xls(case.inputs / "gammal.xls", {"Logg": activity_rows([DAY, "SSP", 1])})
    path.write_bytes(path.read_bytes()[:1100])
    case.refused(
        "Fil: gammal.xls\n  - Filen ser ut som en gammal Excel-arbetsbok (.xls) eller "
        "ett annat Office-dokument men kan inte läsas – den kan vara skadad. Öppna den i "
        "Excel och välj Arkiv → Spara som → Excel-arbetsbok (.xlsx), och lägg den "
        "sparade filen här i stället."
    )


def test_broken_sheet_xml(case: Case) -> None:
    rewrite_zip(
        log(case, [DAY, "SSP", 1]),
        lambda name, data: (
            data.replace(b'<c r="A2"', b"<c r=A2") if name == "xl/worksheets/sheet1.xml" else data
        ),
    )
    case.refused(
        "Fil: polisen.xlsx\n  - Arbetsboken är skadad och kan inte läsas (teknisk "
        'detalj: XmlError: position 3: attribute value must be enclosed in `"` or '
        "`'`). Exportera den på nytt från källsystemet, eller öppna den i Excel och "
        "spara en ny kopia."
    )


# --- the promise file and several files together ----------------------------------------


def test_promise_file_syntax_error_names_line_and_column(case: Case) -> None:
    text = PROMISE.read_text(encoding="utf-8")
    broken = text.replace('titel = "Medborgarlöfte', 'titel "Medborgarlöfte', 1)
    line = next(n for n, row in enumerate(broken.splitlines(), 1) if row.startswith("titel "))
    (case.inputs / "medborgarlofte.toml").write_text(broken, encoding="utf-8")
    log(case, [DAY, "SSP", 1])
    case.refused(
        f"Fil: medborgarlofte.toml\n  - rad {line}: Syntaxfel i kolumn 7: "
        "det saknas ett = efter namnet. Jämför med raderna runt omkring och med exemplet i "
        "README."
    )


def test_two_files_with_different_values_for_the_same_survey_cell(case: Case) -> None:
    for name, value in (("elsa-a.xlsx", 80), ("elsa-b.xlsx", 81)):
        write_workbook(
            case.inputs / name,
            {"Data": [SURVEY_HEADER, [2022, "ELSA", "åk 7", "Alla", "elsa-trygg", value, 99, ""]]},
        )
    case.refused(
        "Fil: elsa-b.xlsx\n  Blad: Data\n    - cell F2, kolumn ”Andel”: Två olika värden "
        "för samma uppgift (elsa-trygg, åk 7, Alla, 2022, Hagfors): 80 i elsa-a.xlsx, "
        "blad ”Data”, cell F2 och 81 i elsa-b.xlsx, blad ”Data”, cell F2. Ta bort det "
        "felaktiga värdet."
    )


def test_all_problems_in_all_files_grouped_by_file_and_sheet(case: Case) -> None:
    (case.inputs / "a-trasig.xlsx").write_bytes(b"PK\x03\x04" + bytes(40))
    write_workbook(
        case.inputs / "b-logg.xlsx",
        {
            "Polisen": activity_rows([DAY, "SSP", -3]),
            "Kommunen": activity_rows([DAY, "Bowling", 1]),
        },
    )
    case.refused(
        "Fil: a-trasig.xlsx\n  - Filen är skadad (ett trasigt eller ofullständigt zip-arkiv, som "
        "en .xlsx är) och kan inte öppnas. Exportera den på nytt från källsystemet, eller öppna "
        "den i Excel och spara en ny kopia.\n"
        f"Fil: b-logg.xlsx\n  Blad: Polisen\n    - cell C2, kolumn ”Antal”: Antal -3 är inte "
        f"tillåtet. {WHOLE}.\n"
        "  Blad: Kommunen\n    - cell B2, kolumn ”Aktivitet”: Aktiviteten ”Bowling” finns inte "
        "i löftet. Rätta cellen, eller lägg till namnet som alias under den aktivitet det gäller "
        'i medborgarlofte.toml: alias = [..., "Bowling"].',
        3,
    )


# --- files that cannot be read ----------------------------------------------------------

LOCKED = (
    "Fil: polisen.xlsx\n  - Filen kan inte läsas: den är låst av ett annat program eller "
    "så saknas behörighet att läsa den. Stäng filen i Excel (och andra program som kan ha "
    "den öppen), kontrollera att ditt konto får läsa den och kör igen."
)


def test_locked_file(case: Case, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests run as root, for whom chmod 000 blocks nothing: a locked file (Excel on Windows
    holds an exclusive lock) is simulated by the error opening it raises."""
    locked = log(case, [DAY, "SSP", 1])
    real_open = Path.open

    def open_(self: Path, *args, **kwargs):
        if self == locked:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", open_)
    case.refused(LOCKED)


@pytest.mark.skipif(
    os.name != "posix" or os.geteuid() == 0, reason="root reads files whatever their permissions"
)
def test_unreadable_by_permissions(case: Case) -> None:
    path = log(case, [DAY, "SSP", 1])
    path.chmod(0)
    try:
        case.refused(LOCKED)
    finally:
        path.chmod(0o644)
