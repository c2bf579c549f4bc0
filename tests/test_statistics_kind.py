"""The Statistiktabell kind: long and wide layouts in .xlsx, .ods and CSV, Kolada and Brå
headers, units, every bad cell said in Swedish with its file, sheet, row and column, and a
header that never takes a survey table's place (the example inputs keep their kinds)."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from report.errors import InputError
from report.inputs.kinds import registry, statistics, statistics_cells, survey_long, survey_wide
from report.inputs.kinds.base import Header
from report.inputs.promise_file import load_promise
from report.inputs.sheets import RawSheet
from report.inputs.validate import validate_workbooks
from report.inputs.workbook import read_workbook
from report.output.excel_templates import template_bytes
from tests.helpers import PROJECT, REPORT_DATE, SECOND_PROMISE, write_workbook
from tests.test_stat_outcomes import OUTCOMES
from tests.test_templates import defined_list

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.fixture(scope="module")
def promise(tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("promise") / "medborgarlofte.toml"
    path.write_text(SECOND_PROMISE, encoding="utf-8")
    return load_promise(path)


def detect(*header: Any) -> Header | list | None:
    sheet = RawSheet("fil.xlsx", "Blad1", [["Titel"], list(header)])
    return registry.detect_header(sheet, registry.header_aliases(), REPORT_DATE)


@pytest.mark.parametrize(
    ("header", "kind"),
    [
        (["År", "Indikator", "Värde"], statistics.STATISTICS),
        (["Kommun", "Nyckeltal", "År", "Värde"], statistics.STATISTICS),  # Kolada, long
        (["Kommun", "KPI", "År", "Kön", "Värde"], statistics.STATISTICS),
        (["Område", "Brottstyp", "Enhet", "Period", "Värde", "Folkmängd"], statistics.STATISTICS),
        (["Kommun", "Nyckeltal", 2019, 2020, 2021], statistics.STATISTICS_WIDE),  # Kolada
        (["Område", "Indikator", "2023-01", "2023-02"], statistics.STATISTICS_WIDE),
        (["År", "Undersökning", "Årskurs", "Kön", "Indikator", "Andel"], survey_long.SURVEY),
        (["Indikator", "Årskurs", "Kön", 2021, 2023], survey_wide.WIDE),
        (["Undersökning", "Indikator", "Årskurs", "Kön", "Andel 2021"], survey_wide.WIDE),
    ],
)
def test_the_header_decides_between_statistics_and_surveys(header: list, kind: str) -> None:
    found = detect(*header)
    assert isinstance(found, Header) and found.kind == kind, found


def test_a_survey_header_missing_columns_is_still_a_survey() -> None:
    problems = detect("År", "Undersökning", "Indikator", "Andel")
    assert isinstance(problems, list)
    assert any("Årskurs" in p.message for p in problems)
    (problem,) = detect("År", "Årskurs", "Kön", "Indikator", "Värde", "Område")
    assert problem.message.startswith("Kolumnen ”Undersökning” saknas i rubrikraden.")


def test_the_example_inputs_keep_their_kinds() -> None:
    expected = {
        "aktiviteter-polisen.xlsx": "aktivitetslogg",
        "aktiviteter-kommunen.xlsx": "aktivitetslogg",
        "enkat-elsa.xlsx": "enkätdata",
        "enkat-drogvanor.xlsx": "enkätdata",
        "klagomal-kommunen.xlsx": "händelselogg",
        "anmalda-brott.xlsx": statistics.STATISTICS,
        "trygghetsmatning.xlsx": statistics.STATISTICS_WIDE,
    }
    table = registry.header_aliases()
    for name, kind in expected.items():
        book = read_workbook(PROJECT / "example" / name)
        found = [registry.detect_header(s, table, REPORT_DATE) for s in book.sheets]
        assert [f.kind for f in found if isinstance(f, Header)] == [kind], name


LONG = [
    ["Anmälda brott (Brå)"],
    ["År", "Område", "Brottstyp", "Enhet", "Värde", "Befolkning"],
    [2021, "Älvstad", "Skadegörelse", "per 1 000 invånare", "8,9", "24 100"],
    [2021, "Riket", "Skadegörelse", "per 100 000 invånare", 1050, 10_400_000],
    ["2023-05", "", "Skadegörelse", "antal", 17, None],
    [2022, "Älvstads kommun", "Trygghetsindex", "index", 1.8, None],
    [2022, "", "Otrygga", "%", "27 %", None],
    [2020, "Älvstad", "Skadegörelse", "per 1 000 invånare", "–", None],
]


def values(frame) -> list[tuple]:
    return list(
        zip(
            frame["year"],
            frame["month"],
            frame["indicator"],
            frame["value"],
            frame["unit"],
            frame["area"],
            frame["population"].astype(object).where(frame["population"].notna(), None),
            strict=True,
        )
    )


EXPECTED_LONG = [
    (2021, 0, "Skadegörelse", 8.9, "per 1 000 invånare", "Älvstad", 24100),
    (2021, 0, "Skadegörelse", 10.5, "per 1 000 invånare", "Riket", 10_400_000),
    (2023, 5, "Skadegörelse", 17.0, "antal", "Älvstad", None),
    (2022, 0, "Trygghetsindex", 1.8, "index", "Älvstad", None),
    (2022, 0, "Otrygga", 27.0, "andel", "Älvstad", None),
]


def read(promise, *paths: Path):
    return validate_workbooks([read_workbook(p) for p in paths], promise, REPORT_DATE)


def test_a_long_table_is_read_with_its_units(tmp_path: Path, promise) -> None:
    data = read(promise, write_workbook(tmp_path / "brott.xlsx", {"Brå": LONG}))
    assert values(data.statistics) == EXPECTED_LONG
    (note,) = data.notes
    assert "1 celler saknade värde eller var markerade som ej redovisade" in note
    (source,) = data.sources
    assert (source.kind, source.first, source.last) == (statistics.STATISTICS, "2021", "2023-05")


def test_a_csv_table_reads_exactly_as_the_workbook(tmp_path: Path, promise) -> None:
    lines = [";".join("" if c is None else str(c) for c in row) for row in LONG]
    path = tmp_path / "brott.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    assert values(read(promise, path).statistics) == EXPECTED_LONG


def kolada_wide() -> list[list]:
    return [
        ["Kommun", "Nyckeltal", "Enhet", "2019", 2020, "Värde 2021", "n 2021"],
        ["Älvstad", "Otrygga ute sent", "andel", 31, 30, 28, 310],
        ["Riket", "Otrygga ute sent", "andel", 27, ".", 26, 60000],
        ["Älvstad", "Folkmängd", "antal", 24000, 24100, 24200, None],
    ]


def test_a_wide_kolada_table_is_read_per_year(tmp_path: Path, promise) -> None:
    data = read(promise, write_workbook(tmp_path / "kolada.xlsx", {"Kolada": kolada_wide()}))
    frame = data.statistics
    shares = frame[frame["indicator"] == "Otrygga ute sent"]
    assert list(zip(shares["area"], shares["year"], shares["value"], strict=True)) == [
        ("Älvstad", 2019, 31.0),
        ("Älvstad", 2020, 30.0),
        ("Älvstad", 2021, 28.0),
        ("Riket", 2019, 27.0),
        ("Riket", 2021, 26.0),
    ]
    assert list(shares["respondents"].dropna()) == [310, 60000]
    population = frame[frame["indicator"] == "Folkmängd"]
    assert list(population["population"]) == [24000, 24100, 24200]


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
def test_an_ods_table_reads_as_the_workbook(tmp_path: Path, promise) -> None:
    original = write_workbook(tmp_path / "kolada.xlsx", {"Kolada": kolada_wide()})
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "ods",
            "--outdir",
            str(tmp_path / "ods"),
            str(original),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    ods = read(promise, tmp_path / "ods" / "kolada.ods").statistics
    xlsx = read(promise, original).statistics
    assert values(ods) == values(xlsx) and len(ods) == 8


def problems_of(tmp_path: Path, promise, rows: list[list]) -> list:
    path = write_workbook(tmp_path / "fel.xlsx", {"Statistik": rows})
    with pytest.raises(InputError) as caught:
        read(promise, path)
    return caught.value.problems


def test_every_bad_cell_is_named_at_once(tmp_path: Path, promise) -> None:
    rows = [
        ["År", "Indikator", "Område", "Enhet", "Värde", "Antal svarande", "Befolkning"],
        ["år 2021", "Skadegörelse", "", "antal", 12, None, None],
        [2021, "", "", "antal", 12, None, None],
        [2021, "Skadegörelse", "", "per dygn", "tolv", None, None],
        [2099, "Skadegörelse", "", "antal", -3, "många", "24 100,5"],
        ["2022-13", "Otrygga", "", "andel", 130, None, None],
        [2022, "Otrygga", "", "andel", 130, None, None],
    ]
    found = {(p.row, p.column_name): p for p in problems_of(tmp_path, promise, rows)}
    assert all(p.file == "fel.xlsx" and p.sheet == "Statistik" for p in found.values())
    assert sorted(found) == [
        (2, "År"),
        (3, "Indikator"),
        (4, "Enhet"),
        (4, "Värde"),
        (5, "Antal svarande"),
        (5, "Befolkning"),
        (5, "Värde"),
        (5, "År"),
        (6, "År"),
        (7, "Värde"),
    ]
    assert found[(2, "År")].message == (
        "”år 2021” är varken ett år eller en månad. Skriv t.ex. 2023 eller 2023-05."
    )
    assert found[(4, "Enhet")].message.startswith("Enheten ”per dygn” känns inte igen.")
    assert found[(4, "Värde")].message == "”tolv” är inget tal. Skriv värdet, t.ex. 12 eller 5,3."
    assert "Perioden 2099 är orimlig" in found[(5, "År")].message
    assert "negativt" in found[(5, "Värde")].message
    assert "ingen giltig månad" in found[(6, "År")].message
    assert found[(7, "Värde")].message == "Andelen 130 ligger utanför 0–100 %. Rätta värdet."
    assert found[(5, "Befolkning")].column == 6  # column G


def test_two_values_for_one_figure_point_at_both_cells(tmp_path: Path, promise) -> None:
    rows = [
        ["År", "Indikator", "Värde"],
        [2021, "Skadegörelse", 12],
        [2021, "skadegörelse", 12],  # the same value twice counts once
        [2021, "Skadegörelse", 14],
    ]
    path = write_workbook(tmp_path / "dubbel.xlsx", {"Brott": rows})
    with pytest.raises(InputError) as caught:
        read(promise, path)
    (problem,) = caught.value.problems
    assert (problem.row, problem.column) == (4, 2)
    assert "cell C2" in problem.message and "cell C4" in problem.message


def test_a_wide_header_with_a_year_twice_is_refused(tmp_path: Path, promise) -> None:
    rows = [["Kommun", "Nyckeltal", 2021, "Värde 2021"], ["Älvstad", "Brott", 1, 2]]
    (problem,) = problems_of(tmp_path, promise, rows)
    assert (problem.row, problem.column) == (1, 3)
    assert "Perioden 2021 har två kolumner (C och D)" in problem.message


def test_values_by_sex_are_left_out_with_a_note(tmp_path: Path, promise) -> None:
    rows = [
        ["Kommun", "KPI", "År", "Kön", "Värde"],
        ["Älvstad", "Otrygga", 2021, "T", 28],
        ["Älvstad", "Otrygga", 2021, "K", 31],
        ["Älvstad", "Otrygga", 2021, "M", 25],
    ]
    data = read(promise, write_workbook(tmp_path / "kolada.xlsx", {"Kolada": rows}))
    assert list(data.statistics["value"]) == [28.0]
    assert "2 rader för kvinnor eller män" in data.notes[0]


def test_a_filled_template_reads_back(tmp_path: Path, promise) -> None:
    book = openpyxl.load_workbook(io.BytesIO(template_bytes(statistics.KIND, promise)))
    rows = [
        [2021, "Skadegörelse", "", "per 1 000 invånare", 8.9, None, 24100],
        [2021, "Skadegörelse", "Riket", "per 1 000 invånare", 10.5, None, 10_400_000],
    ]
    kinds = sorted(
        c.type for c in book[statistics.STATISTICS_SHEET].data_validations.dataValidation
    )
    assert kinds == ["decimal", "list", "list", "whole"]
    assert defined_list(book, "Indikatorer") == ["Skadegörelse"]  # the promise has none
    assert defined_list(book, "Enheter")[:2] == ["antal", "per 1 000 invånare"]
    (tmp_path / "lofte.toml").write_text(SECOND_PROMISE + OUTCOMES, encoding="utf-8")
    with_outcomes = openpyxl.load_workbook(
        io.BytesIO(template_bytes(statistics.KIND, load_promise(tmp_path / "lofte.toml")))
    )
    assert defined_list(with_outcomes, "Indikatorer") == [
        "Anmälda våldsbrott",
        "Otrygga ute sent på kvällen",
        "Trygghetsindex",
        "Bostadsinbrott",
    ]
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row, start=1):
            book[statistics.STATISTICS_SHEET].cell(row=r, column=c, value=value)
    book.save(tmp_path / "statistik.xlsx")
    data = read(promise, tmp_path / "statistik.xlsx")
    assert values(data.statistics) == [
        (2021, 0, "Skadegörelse", 8.9, "per 1 000 invånare", "Älvstad", 24100),
        (2021, 0, "Skadegörelse", 10.5, "per 1 000 invånare", "Riket", 10_400_000),
    ]


@given(st.integers(1990, REPORT_DATE.year), st.integers(0, 12))
def test_every_period_reads_back_from_its_label(year: int, month: int) -> None:
    label = f"{year}-{month:02d}" if month else str(year)
    today = dt.date(REPORT_DATE.year, 12, 31)
    assert statistics_cells.parse_period(label, today) == ((year, month), None)
    if month:
        assert statistics_cells.parse_period(dt.date(year, month, 17), today) == (
            (year, month),
            None,
        )


@given(st.floats(0, 1e7, allow_nan=False), st.sampled_from([",", "."]))
def test_numbers_read_with_either_decimal_mark(value: float, mark: str) -> None:
    text = f"{value:.2f}".replace(".", mark)
    parsed, error = statistics_cells.parse_value(text)
    assert error is None and parsed == pytest.approx(round(value, 2))


def test_month_columns_typed_into_excel_as_dates_are_months(tmp_path: Path, promise) -> None:
    rows = [
        ["Område", "Indikator", dt.datetime(2024, 1, 1), dt.datetime(2024, 2, 1)],
        ["", "Inbrott", 4, 6],
    ]
    frame = read(promise, write_workbook(tmp_path / "m.xlsx", {"M": rows})).statistics
    assert list(zip(frame["year"], frame["month"], frame["value"], strict=True)) == [
        (2024, 1, 4.0),
        (2024, 2, 6.0),
    ]


@settings(max_examples=25, deadline=None)
@given(
    st.dictionaries(st.integers(2015, 2024), st.integers(0, 5000).map(lambda n: n / 10), min_size=1)
)
def test_long_and_wide_layouts_read_to_the_same_values(values: dict[int, float]) -> None:
    """The same figures written both ways give the same rows (cells aside)."""
    import tempfile

    years = sorted(values)
    long_rows = [["År", "Indikator", "Område", "Värde"]] + [
        [y, "Skadegörelse", "Riket", values[y]] for y in years
    ]
    wide_rows = [
        ["Indikator", "Område", *years],
        ["Skadegörelse", "Riket", *(values[y] for y in years)],
    ]
    with tempfile.TemporaryDirectory() as folder:
        promise_path = Path(folder) / "medborgarlofte.toml"
        promise_path.write_text(SECOND_PROMISE, encoding="utf-8")
        promise = load_promise(promise_path)
        long = read(promise, write_workbook(Path(folder) / "l.xlsx", {"L": long_rows}))
        wide = read(promise, write_workbook(Path(folder) / "w.xlsx", {"W": wide_rows}))
    columns = ["year", "month", "indicator", "value", "unit", "area"]
    assert long.statistics[columns].equals(wide.statistics[columns])
