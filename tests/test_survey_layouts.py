"""Survey data in the long and the wide layout: detected by headers, read into the same frame
and the same model."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from report.errors import InputError, Problem
from report.inputs.kinds.base import COUNT, VALUE
from report.inputs.kinds.survey_wide import WIDE, block_label, year_header
from report.inputs.promise_file import load_promise
from report.inputs.sheets import RawSheet, RawWorkbook
from report.inputs.validate import validate_workbooks
from report.inputs.workbook import read_workbook
from report.model.indicators import build_indicators
from tests.helpers import (
    PROMISE,
    REPORT_DATE,
    SURVEY_HEADER,
    example_survey_records,
    long_survey_rows,
    wide_survey_rows,
    write_workbook,
)

PROMISE_MODEL = load_promise(PROMISE)
KEY = ["area", "survey", "indicator", "grade", "sex", "year"]


def validate(*paths: Path):
    return validate_workbooks([read_workbook(p) for p in paths], PROMISE_MODEL, REPORT_DATE)


def validate_rows(*sheets: list) -> object:
    """Validate sheets given as rows, without writing files."""
    books = [
        RawWorkbook(Path(f"bok{i}.xlsx"), (RawSheet(f"bok{i}.xlsx", "Data", rows),))
        for i, rows in enumerate(sheets)
    ]
    return validate_workbooks(books, PROMISE_MODEL, REPORT_DATE)


def problems_of(*paths: Path) -> list[Problem]:
    with pytest.raises(InputError) as caught:
        validate(*paths)
    return list(caught.value.problems)


def values(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame without where each value came from, in a fixed order."""
    data = frame.drop(columns=["file", "sheet", "cell"]).sort_values(KEY)
    return data.reset_index(drop=True)


# --- headers ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (2019, (2019, None)),
        (2019.0, (2019, None)),
        ("2019", (2019, None)),
        (" 2021 ", (2021, None)),
        ("Andel 2019", (2019, VALUE)),
        ("2019 (%)", (2019, VALUE)),
        ("Andel (%) 2019", (2019, VALUE)),
        ("HT 2023", (2023, VALUE)),
        ("n 2019", (2019, COUNT)),
        ("N 2019", (2019, COUNT)),
        ("Antal svarande 2019", (2019, COUNT)),
        ("2019 n", (2019, COUNT)),
        ("Svarande 2019", (2019, COUNT)),
        ("antal 2021", (2021, COUNT)),
        ("Kommentar 2019", None),
        ("Indikator", None),
        (20190, None),
        (2019.5, None),
        (True, None),
        (None, None),
        ("Elevers drogvanor", None),
    ],
)
def test_year_headers(cell: object, expected: tuple | None) -> None:
    assert year_header(cell) == expected


@pytest.mark.parametrize(
    ("cell", "role"),
    [
        ("Antal svarande", COUNT),
        ("antal svarande (n)", COUNT),
        ("N", COUNT),
        ("Svarande", COUNT),
        ("Andel (%)", VALUE),
        ("Andel", VALUE),
        ("Procent", VALUE),
        ("Kön", None),
        ("", None),
        (2019, None),
    ],
)
def test_block_labels(cell: object, role: str | None) -> None:
    assert block_label(cell, {}) == role


# --- both layouts, the same data ---------------------------------------------------------

DRUG_SURVEY = example_survey_records("enkat-drogvanor.xlsx")
ELSA = example_survey_records("enkat-elsa.xlsx")


@pytest.mark.parametrize("counts", ["prefix", "block", "two-row"])
def test_wide_and_long_give_the_same_frame_and_model(tmp_path: Path, counts: str) -> None:
    records = DRUG_SURVEY + ELSA
    long = write_workbook(tmp_path / "lang.xlsx", {"Data": long_survey_rows(records)})
    wide = write_workbook(
        tmp_path / "bred.xlsx",
        {
            "Data": wide_survey_rows(
                records, counts=counts, year_as_text=counts == "block", title_rows=2
            )
        },
    )
    from_long, from_wide = validate(long), validate(wide)
    pd.testing.assert_frame_equal(values(from_long.survey), values(from_wide.survey))
    assert len(from_wide.survey) == len(records)
    assert from_wide.sources[0].kind == WIDE
    assert from_wide.notes == from_long.notes == ()
    assert build_indicators(PROMISE_MODEL, from_long.survey) == build_indicators(
        PROMISE_MODEL, from_wide.survey
    )


def test_wide_without_counts_and_without_survey_or_area_columns(tmp_path: Path) -> None:
    records = [r for r in DRUG_SURVEY if r[7] == "Hagfors"]
    rows = wide_survey_rows(records, counts="none")
    rows = [row[1:4] + row[5:] for row in rows]  # drop Undersökning and Område
    data = validate(write_workbook(tmp_path / "bred.xlsx", {"Blad1": rows}))
    expected = pd.DataFrame.from_records(
        [(y, s, g, x, i, float(v), None, a) for y, s, g, x, i, v, _, a in records],
        columns=["year", "survey", "grade", "sex", "indicator", "value", "respondents", "area"],
    )
    got = values(data.survey).drop(columns=["respondents"])
    want = expected.sort_values(KEY).reset_index(drop=True).drop(columns=["respondents"])
    pd.testing.assert_frame_equal(got, want, check_dtype=False)
    assert data.survey["respondents"].isna().all()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.sampled_from([2016, 2017, 2019, 2021, 2023]),
            st.sampled_from(
                [
                    ("ELSA", "elsa-trygg", "åk 7"),
                    ("ELSA", "elsa-snus", "gy 1"),
                    ("Elevers drogvanor", "ed-snus", "åk 9"),
                ]
            ),
            st.sampled_from(["Flickor", "Pojkar", "Alla", "Vill ej ange"]),
            st.sampled_from(["Hagfors", "Värmland"]),
            st.integers(0, 1000),
            st.one_of(st.none(), st.integers(0, 400)),
        ),
        min_size=1,
        max_size=30,
        unique_by=lambda r: (r[0], r[1], r[2], r[3]),
    ),
    st.sampled_from(["prefix", "block", "two-row"]),
    st.booleans(),
)
def test_any_data_reads_the_same_in_both_layouts(rows, counts: str, as_text: bool) -> None:
    records = [
        (year, survey, grade, sex, indicator, tenths / 10, n, area)
        for year, (survey, indicator, grade), sex, area, tenths, n in rows
    ]
    if all(r[5] <= 1 for r in records):  # all-fraction sheets are read as percent-formatted
        records[0] = (*records[0][:5], 50.0, *records[0][6:])
    from_long = validate_rows(long_survey_rows(records))
    from_wide = validate_rows(wide_survey_rows(records, counts=counts, year_as_text=as_text))
    pd.testing.assert_frame_equal(values(from_long.survey), values(from_wide.survey))
    assert build_indicators(PROMISE_MODEL, from_long.survey) == build_indicators(
        PROMISE_MODEL, from_wide.survey
    )


# --- what people type in the wide layout -------------------------------------------------


def test_wide_normalises_cells_and_skips_unpublished(tmp_path: Path) -> None:
    path = write_workbook(
        tmp_path / "bred.xlsx",
        {
            "Data": [
                ["Elevers drogvanor, Hagfors"],
                [
                    "Indikator",
                    "Årskurs",
                    "Kön",
                    "HT 2019",
                    "HT 2021",
                    "HT 2023",
                    "N 2019",
                    "N 2021",
                    "N 2023",
                ],
                [
                    "Har snusat de senaste 30 dagarna",
                    "Åk 9",
                    "Tjejer",
                    "12,5 %",
                    ".",
                    14,
                    48,
                    None,
                    "50",
                ],
                ["ed-snus", "årskurs 9", "Killar", 20, "", "–", 44, None, None],
                ["ed-snus", "9", "Totalt", 16.3, None, 15.0, 92, None, 95],
                ["ed-snus", "9", "Vill ej ange", None, None, 15.0, None, None, "."],
                ["Källa: Region Värmland"],
            ]
        },
    )
    data = validate(path)
    survey = values(data.survey)
    assert list(survey["year"]) == [2019, 2023, 2019, 2023, 2019, 2023]
    assert list(survey["sex"]) == ["Alla", "Alla", "Flickor", "Flickor", "Pojkar", "Vill ej ange"]
    assert list(survey["grade"]) == ["åk 9"] * 6
    assert list(survey["survey"]) == ["Elevers drogvanor"] * 6
    assert list(survey["value"]) == [16.3, 15.0, 12.5, 14.0, 20.0, 15.0]
    assert [None if pd.isna(n) else n for n in survey["respondents"]] == [92, 95, 48, 50, 44, None]
    assert sorted(data.survey["cell"]) == ["D3", "D4", "D5", "F3", "F5", "F6"]
    assert any("2 celler var markerade som ej redovisade" in n for n in data.notes)


def test_wide_percent_formatted_fractions(tmp_path: Path) -> None:
    path = write_workbook(
        tmp_path / "bred.xlsx",
        {
            "Data": [
                ["Indikator", "Årskurs", "Kön", 2022, 2023],
                ["elsa-trygg", "åk 7", "Alla", 0.9, 0.881],
            ]
        },
    )
    data = validate(path)
    assert sorted(data.survey["value"].round(6)) == [88.1, 90.0]
    assert any("räknades om till procent" in n for n in data.notes)


def test_wide_problems_name_their_cells(tmp_path: Path) -> None:
    bad_values = write_workbook(
        tmp_path / "a.xlsx",
        {
            "Data": [
                ["Indikator", "Årskurs", "Kön", 2022, 2023],
                ["elsa-trygg", "åk 7", "Alla", 120, "mycket"],
                ["elsa-trygg", "åk 12", "Alla", 80, 81],
                ["har druckit alkohol de senaste 12 månaderna", "åk 7", "Alla", 5, 4],
            ]
        },
    )
    found = problems_of(bad_values)
    located = [(p.cell, p.column_name) for p in found]
    assert located == [("E2", "Andel"), ("B3", "Årskurs"), ("A4", "Indikator"), ("D2", "Andel")]
    assert "”mycket” är ingen andel" in found[0].message
    assert "”åk 12” är ingen känd årskurs" in found[1].message
    assert "finns i flera undersökningar (ELSA, Elevers drogvanor)" in found[2].message
    assert "Andelen 120 ligger utanför 0–100 %" in found[3].message


def test_wide_header_problems(tmp_path: Path) -> None:
    twice = write_workbook(
        tmp_path / "a.xlsx",
        {
            "Data": [
                ["Indikator", "Årskurs", "Kön", 2021, 2023, 2023],
                ["elsa-trygg", "åk 7", "Alla", 80, 81, 82],
            ]
        },
    )
    (problem,) = problems_of(twice)
    assert problem.cell == "F1"
    assert "Året 2023 har två kolumner med andelar (E och F)" in problem.message
    orphan = write_workbook(
        tmp_path / "b.xlsx",
        {
            "Data": [
                ["Indikator", "Årskurs", "Kön", 2023, "n 2021", "n 2023", 2031],
                ["elsa-trygg", "åk 7", "Alla", 80, 50, 51, 2],
            ]
        },
    )
    first, second = problems_of(orphan)
    assert first.cell == "G1" and "Årtalet 2031 i rubriken är orimligt" in first.message
    assert (
        second.cell == "E1"
        and "antal svarande för 2021 men det finns ingen kolumn med andelar för 2021"
        in second.message
    )
    no_kon = write_workbook(
        tmp_path / "c.xlsx", {"Data": [["Indikator", "Årskurs", 2023], ["elsa-trygg", "åk 7", 80]]}
    )
    (problem,) = problems_of(no_kon)
    assert "Kolumnen ”Kön” saknas i rubrikraden" in problem.message


def test_wide_and_long_conflict_names_both_cells(tmp_path: Path) -> None:
    long = write_workbook(
        tmp_path / "lang.xlsx",
        {"Data": [SURVEY_HEADER, [2023, "ELSA", "åk 7", "Alla", "elsa-trygg", 80, 99, ""]]},
    )
    wide = write_workbook(
        tmp_path / "bred.xlsx",
        {
            "Data": [
                ["Indikator", "Årskurs", "Kön", 2022, 2023],
                ["elsa-trygg", "åk 7", "Alla", 79, 82],
            ]
        },
    )
    (problem,) = problems_of(long, wide)
    assert "80 i lang.xlsx, blad ”Data”, cell F2 och 82 i bred.xlsx, blad ”Data”, cell E2" in (
        problem.message
    )


def test_a_survey_named_in_the_row_is_kept_apart(tmp_path: Path) -> None:
    """An indicator reported by another survey than the promise says stays its own series."""
    path = write_workbook(
        tmp_path / "lang.xlsx",
        {
            "Data": [
                SURVEY_HEADER,
                [2021, "Elevers drogvanor", "gy 2", "Alla", "ed-alkohol", 68, 100, ""],
                [2023, "Elevs drogvanor", "gy 2", "Alla", "ed-alkohol", 61, 100, ""],
                [2022, "ELSA", "gy 2", "Alla", "ed-alkohol", 40, 100, ""],
            ]
        },
    )
    data = validate(path)
    assert sorted(set(data.survey["survey"])) == ["ELSA", "Elevers drogvanor"]
    (result,) = build_indicators(PROMISE_MODEL, data.survey)
    assert sorted((s.survey, tuple(p.year for p in s.points)) for s in result.series) == [
        ("ELSA", (2022,)),
        ("Elevers drogvanor", (2021, 2023)),
    ]
    sentences = sorted(f.sentence for f in result.findings)
    assert sentences[0].startswith("Andelen elever i gy 2 (ELSA) som har druckit alkohol")
    assert sentences[1].startswith("Andelen elever i gy 2 som har druckit alkohol")


def test_the_example_with_a_wide_drug_survey_gives_the_same_report_model(
    tmp_path: Path, example_report
) -> None:
    """Through the pipeline: the example's drug survey rewritten in the wide layout (a
    second block of respondent counts) gives the same model as the long original."""
    import shutil

    from report.app.pipeline import Options, read_inputs
    from report.model.report import build_model
    from tests.helpers import EXAMPLE, inputs_folder

    inputs = inputs_folder(tmp_path)
    for name in ("aktiviteter-polisen.xlsx", "aktiviteter-kommunen.xlsx", "enkat-elsa.xlsx"):
        shutil.copy(EXAMPLE / name, inputs / name)
    write_workbook(
        inputs / "drogvanor-brett.xlsx",
        {"Drogvanor": wide_survey_rows(DRUG_SURVEY, counts="block", title_rows=1)},
    )
    read = read_inputs(Options(inputs, tmp_path / "out", REPORT_DATE))
    assert not read.is_example
    expected = example_report.result.model
    model = build_model(read.promise, read.dataset, expected.year, REPORT_DATE)
    assert model.indicators == expected.indicators
    assert model.key_findings == expected.key_findings
