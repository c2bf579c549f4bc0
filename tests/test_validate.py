"""Loading and validating exports: headers found by content, every problem located."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from report.errors import Code, Fault, InputError, Problem
from report.inputs.kinds.activity import ACTIVITY
from report.inputs.kinds.cells import parse_count, parse_date, parse_percent
from report.inputs.kinds.survey_long import SURVEY, parse_grade, parse_sex
from report.inputs.promise_file import load_promise
from report.inputs.validate import validate_workbooks
from report.inputs.workbook import read_workbook
from report.vocabulary import BOTH
from tests.helpers import PROMISE, REPORT_DATE, SURVEY_HEADER, activity_rows, write_workbook

PROMISE_MODEL = load_promise(PROMISE)


def validate(*paths: Path):
    return validate_workbooks([read_workbook(p) for p in paths], PROMISE_MODEL, REPORT_DATE)


def problems_of(*paths: Path) -> list[Problem]:
    with pytest.raises(InputError) as caught:
        validate(*paths)
    return list(caught.value.problems)


def test_header_below_title_rows_with_aliases_any_case(tmp_path: Path) -> None:
    path = write_workbook(
        tmp_path / "polisen.xlsx",
        {
            "Logg": [
                ["Aktivitetslogg Lpo Torsby"],
                ["Utdrag 2024-01-15"],
                [],
                [],
                ["  HÄNDELSEDATUM ", "Typ av  aktivitet", "antal tillfällen", "Plats"],
                [dt.datetime(2023, 3, 1, 10, 30), "trafikkontroll", 2, "Centrum"],
                ["2023-03-05", "SSP-MÖTE", None, ""],
            ]
        },
    )
    data = validate(path)
    frame = data.activities
    assert list(frame["activity"]) == ["trafikkontroller", "ssp"]
    assert list(frame["count"]) == [2, 1]
    assert [d.date() for d in frame["date"]] == [dt.date(2023, 3, 1), dt.date(2023, 3, 5)]
    assert list(frame["row"]) == [6, 7]
    (source,) = data.sources
    assert (source.kind, source.rows, source.first, source.last) == (
        ACTIVITY,
        2,
        "2023-03-01",
        "2023-03-05",
    )


def test_misspelled_header_names_cell_and_closest_match(tmp_path: Path) -> None:
    path = write_workbook(
        tmp_path / "logg.xlsx",
        {
            "Blad1": activity_rows(
                [dt.date(2023, 1, 2), "SSP", 1, "", "", ""],
                header=("Datun", "Aktivitet", "Antal", "Ansvarig", "Plats", "Kommentar"),
            )
        },
    )
    (problem,) = problems_of(path)
    assert (problem.file, problem.sheet, problem.cell) == ("logg.xlsx", "Blad1", "A1")
    assert problem.message == (
        "Kolumnen ”Datum” saknas. Rubriken ”Datun” liknar ”Datum” – rätta rubriken till ”Datum”."
    )


def test_unknown_activity_names_closest_and_alias_fix(tmp_path: Path) -> None:
    path = write_workbook(
        tmp_path / "logg.xlsx",
        {
            "Blad1": activity_rows(
                [dt.date(2023, 1, 2), "Trafikkontrol", 1], [dt.date(2023, 1, 3), "Bowling", 1]
            )
        },
    )
    first, second = problems_of(path)
    assert (first.cell, first.column_name) == ("B2", "Aktivitet")
    assert "Aktiviteten ”Trafikkontrol” finns inte i löftet. Menade du ”Trafikkontroll”?" in (
        first.message
    )
    assert 'alias = [..., "Trafikkontrol"]' in first.message
    assert second.cell == "B3"
    assert "”Bowling”" in second.message


def test_all_problems_in_all_files_at_once(tmp_path: Path) -> None:
    bad_cells = write_workbook(
        tmp_path / "a.xlsx",
        {
            "Blad1": activity_rows(
                ["2023-02-30", "SSP", 1],
                ["14/6 2023", "SSP", 1],
                [dt.date(2023, 1, 1), "SSP", "två"],
                [dt.date(2023, 1, 1), "SSP", -1],
                [dt.date(2023, 1, 1), "SSP", 1.5],
                [dt.date(2030, 1, 1), "SSP", 1],
                [dt.date(1999, 1, 1), "SSP", 1],
                [dt.date(2023, 1, 1), "SSP", 1, "Skolan"],
            )
        },
    )
    only_headers = write_workbook(tmp_path / "b.xlsx", {"Blad1": activity_rows()})
    found = problems_of(bad_cells, only_headers)
    located = [(p.file, p.cell) for p in found]
    assert located == [
        ("a.xlsx", "A2"),
        ("a.xlsx", "A3"),
        ("a.xlsx", "C4"),
        ("a.xlsx", "C5"),
        ("a.xlsx", "C6"),
        ("a.xlsx", "A7"),
        ("a.xlsx", "A8"),
        ("a.xlsx", "D9"),
        ("b.xlsx", None),
    ]
    assert "”2023-02-30” är inget giltigt datum" in found[0].message
    assert "ÅÅÅÅ-MM-DD" in found[1].message
    assert "”två” är inget antal" in found[2].message
    assert "efter dagens datum" in found[5].message
    assert "före år 2000" in found[6].message
    assert "”Skolan” är ingen känd ansvarig part" in found[7].message
    assert "inga rader" in found[8].message


def test_responsible_is_normalised(tmp_path: Path) -> None:
    path = write_workbook(
        tmp_path / "k.xlsx",
        {
            "Blad1": activity_rows(
                [dt.date(2023, 1, 1), "SSP", 1, "Båda"],
                [dt.date(2023, 1, 2), "SSP", 1, "polisen"],
                [dt.date(2023, 1, 3), "SSP", 1, None],
            )
        },
    )
    responsible = validate(path).activities["responsible"]
    assert [None if pd.isna(v) else v for v in responsible] == [BOTH, "Polisen", None]


def test_unrecognised_file_and_hidden_sheet(tmp_path: Path) -> None:
    other = write_workbook(tmp_path / "budget.xlsx", {"Budget": [["Konto", "Belopp"], [1, 2]]})
    (problem,) = problems_of(other)
    assert problem.file == "budget.xlsx"
    assert "Filen känns inte igen" in problem.message
    assert "”Konto”, ”Belopp”" in problem.message
    mixed = write_workbook(
        tmp_path / "mixed.xlsx",
        {
            "Logg": activity_rows([dt.date(2023, 1, 1), "SSP", 1]),
            "Gammalt": activity_rows([dt.date(2023, 1, 1), "Okänd sak", 1]),
        },
        hidden=["Gammalt"],
    )
    data = validate(mixed)
    assert len(data.activities) == 1
    assert data.notes == ("mixed.xlsx: bladet ”Gammalt” är dolt och lästes inte.",)


def test_not_an_xlsx(tmp_path: Path) -> None:
    fake = tmp_path / "export.xlsx"
    fake.write_text("Datum;Aktivitet\n2023-01-01;SSP\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_workbook(fake)
    assert "inte en Excel-arbetsbok" in caught.value.problems[0].message
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    with pytest.raises(InputError) as caught:
        read_workbook(broken)
    assert "skadad" in caught.value.problems[0].message


def survey_rows(*rows):
    return [SURVEY_HEADER, *rows]


def test_survey_long_format_normalises_what_people_type(tmp_path: Path) -> None:
    path = write_workbook(
        tmp_path / "enkat.xlsx",
        {
            "Data": survey_rows(
                [2023, "Elevers drogvanor", "Åk 9", "Tjejer", "ed-alkohol", 33.3, 48, ""],
                [
                    2023,
                    "Elevs drogvanor",
                    "gymnasiet år 2",
                    "Killar",
                    "ed-alkohol",
                    "61,5 %",
                    40,
                    "Hagfors",
                ],
                [2023, "ELSA", "7", "Totalt", "känner sig trygga i skolan", "88", 99, "Värmland"],
                [2023, "ELSA", "åk 7", "Alla", "okänd indikator", 10, 99, ""],
            )
        },
    )
    data = validate(path)
    survey = data.survey.sort_values("value")
    assert list(survey["grade"]) == ["åk 9", "gy 2", "åk 7"]
    assert list(survey["sex"]) == ["Flickor", "Pojkar", "Alla"]
    assert list(survey["indicator"]) == ["ed-alkohol", "ed-alkohol", "elsa-trygg"]
    assert list(survey["value"]) == [33.3, 61.5, 88.0]
    assert list(survey["area"]) == ["Hagfors", "Hagfors", "Värmland"]
    assert data.sources[0].kind == SURVEY
    assert any("”okänd indikator”" in n for n in data.notes)


def test_percent_formatted_fractions_become_percent(tmp_path: Path) -> None:
    path = write_workbook(
        tmp_path / "enkat.xlsx",
        {
            "Data": survey_rows(
                [2023, "ELSA", "åk 7", "Alla", "elsa-trygg", 0.881, 99, ""],
                [2022, "ELSA", "åk 7", "Alla", "elsa-trygg", 0.9, 99, ""],
            )
        },
    )
    data = validate(path)
    assert sorted(data.survey["value"].round(6)) == [88.1, 90.0]
    assert any("räknades om till procent" in n for n in data.notes)


def test_survey_out_of_range_and_conflicting_values(tmp_path: Path) -> None:
    first = write_workbook(
        tmp_path / "a.xlsx",
        {
            "Data": survey_rows(
                [2023, "ELSA", "åk 7", "Alla", "elsa-trygg", 120, 99, ""],
                [2022, "ELSA", "åk 7", "Alla", "elsa-trygg", 80, 99, ""],
            )
        },
    )
    second = write_workbook(
        tmp_path / "b.xlsx",
        {"Data": survey_rows([2022, "ELSA", "åk 7", "Alla", "elsa-trygg", 81, 99, ""])},
    )
    found = problems_of(first, second)
    assert [(p.file, p.cell) for p in found] == [("a.xlsx", "F2"), ("b.xlsx", "F2")]
    assert "Andelen 120 ligger utanför 0–100 %" in found[0].message
    assert "80 i a.xlsx, blad ”Data”, cell F3 och 81 i b.xlsx, blad ”Data”, cell F2" in (
        found[1].message
    )


@pytest.mark.parametrize(
    ("typed", "grade"),
    [
        ("Åk 9", "åk 9"),
        ("årskurs 9", "åk 9"),
        ("9", "åk 9"),
        (9.0, "åk 9"),
        ("ÅK.4", "åk 4"),
        ("Gy2", "gy 2"),
        ("gymnasiet år 2", "gy 2"),
        ("GY 1", "gy 1"),
        ("gy åk 1", "gy 1"),
        ("F-klass", "förskoleklass"),
        ("Åk 10", None),
        ("okänd", None),
    ],
)
def test_grades(typed: object, grade: str | None) -> None:
    assert parse_grade(typed) == grade


@pytest.mark.parametrize(
    ("typed", "sex"),
    [
        ("Tjej", "Flickor"),
        ("flicka", "Flickor"),
        ("Flickor", "Flickor"),
        ("Kille", "Pojkar"),
        ("Pojke", "Pojkar"),
        ("POJKAR", "Pojkar"),
        ("Totalt", "Alla"),
        ("Samtliga", "Alla"),
        ("alla", "Alla"),
        ("Vill ej ange", "Vill ej ange"),
        ("", None),
    ],
)
def test_sexes(typed: str, sex: str | None) -> None:
    assert parse_sex(typed) == sex


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        (23, 23.0),
        (23.5, 23.5),
        ("23 %", 23.0),
        ("23,5", 23.5),
        ("23,5\u00a0%", 23.5),
        ("abc", None),
        ("", None),
        (float("nan"), None),
    ],
)
def test_percent_values(typed: object, value: float | None) -> None:
    assert parse_percent(typed)[0] == value


@pytest.mark.parametrize(
    ("typed", "count"),
    [
        (None, 1),
        ("", 1),
        (1.0, 1),
        ("3", 3),
        (0, 0),
        (-2, None),
        (1.5, None),
        ("x", None),
        (True, None),
    ],
)
def test_counts(typed: object, count: int | None) -> None:
    assert parse_count(typed)[0] == count


def test_dates() -> None:
    assert parse_date(dt.datetime(2023, 5, 1, 12)) == (dt.date(2023, 5, 1), None)
    assert parse_date("2024-02-29")[0] == dt.date(2024, 2, 29)
    assert parse_date("2023-02-29")[0] is None
    assert parse_date(45000.0)[0] is None


def test_parse_column_parses_each_distinct_value_once_and_keeps_types_apart() -> None:
    from report.inputs.kinds.cells import parse_column

    calls: list[object] = []

    boolean = Fault(Code.VALUE_INVALID, "bool")

    def parse(cell: object) -> tuple[object, Fault | None]:
        calls.append(cell)
        return (None, boolean) if isinstance(cell, bool) else (cell, None)

    column = parse_column([1, 1, 1.0, True, "x", "x", None], parse)
    assert column.to_list() == [1, 1, 1.0, None, "x", "x", None]
    assert [type(v) for v in column.to_list()[:3]] == [int, int, float]
    assert column.errors_at() == [(3, boolean, True)]
    assert calls == [1, 1.0, True, "x", None]
    calls.clear()
    column = parse_column([2.0, 2.0, "2", 3.0], parse)
    assert (column.to_list(), column.errors_at()) == ([2.0, 2.0, "2", 3.0], [])
    assert calls == [2.0, "2", 3.0]  # one number type: keyed by value alone
    calls.clear()
    assert parse_column([[1], [1]], parse).to_list() == [[1], [1]]  # unhashable: one by one
    assert calls == [[1], [1]]
