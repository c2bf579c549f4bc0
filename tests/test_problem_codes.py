"""Every problem carries a code (and the offending value where there is one), and code that
tells problems apart reads the code, never the wording of the message."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from report.app.cli import date_before_data
from report.app.pipeline import Options
from report.errors import Code, InputError, Problem
from report.inputs.promise_file import promise_from_text
from report.inputs.validate import validate_workbooks
from report.inputs.workbook import read_workbook
from tests.helpers import (
    PROMISE,
    REPORT_DATE,
    SURVEY_HEADER,
    activity_rows,
    write_workbook,
)

EXAMPLE_PROMISE = promise_from_text(PROMISE.read_text(encoding="utf-8"))


def problems_of(path: Path) -> list[Problem]:
    with pytest.raises(InputError) as caught:
        validate_workbooks([read_workbook(path)], EXAMPLE_PROMISE, REPORT_DATE)
    return list(caught.value.problems)


def test_cell_problems_have_their_code_and_value(tmp_path: Path) -> None:
    path = write_workbook(
        tmp_path / "logg.xlsx",
        {
            "Logg": activity_rows(
                [dt.date(2023, 3, 1), "Okänd insats", 1, "Polisen"],
                [dt.date(2027, 1, 2), "SSP", -2, "Brandkåren"],
                ["", "SSP", 1, ""],
                ["2023-02-30", "SSP", "två", ""],
            )
        },
    )
    found = {(p.code, p.value) for p in problems_of(path)}
    assert found == {
        (Code.ACTIVITY_UNKNOWN, "Okänd insats"),
        (Code.DATE_AFTER_REPORT, dt.date(2027, 1, 2)),  # the date read, not the cell
        (Code.VALUE_OUT_OF_RANGE, -2),
        (Code.PARTY_UNKNOWN, "Brandkåren"),
        (Code.VALUE_MISSING, ""),
        (Code.VALUE_INVALID, "2023-02-30"),
        (Code.VALUE_INVALID, "två"),
    }


def test_header_and_file_problems_have_codes(tmp_path: Path) -> None:
    survey = write_workbook(
        tmp_path / "enkat.xlsx",
        {"Enkät": [[h for h in SURVEY_HEADER if h != "Årskurs"], [2023, "ELSA", "Alla"]]},
    )
    assert {p.code for p in problems_of(survey)} == {Code.COLUMN_MISSING}
    other = write_workbook(tmp_path / "annat.xlsx", {"Blad1": [["Namn", "Telefon"], ["a", 1]]})
    assert {p.code for p in problems_of(other)} == {Code.FILE_NOT_RECOGNISED}
    (tmp_path / "trasig.xlsx").write_bytes(b"PK\x03\x04 inte en zip")
    with pytest.raises(InputError) as caught:
        read_workbook(tmp_path / "trasig.xlsx")
    assert [p.code for p in caught.value.problems] == [Code.FILE_CORRUPT]


def test_promise_file_problems_have_codes_and_values() -> None:
    text = PROMISE.read_text(encoding="utf-8")
    text = text.replace("period_ar = 2", 'period_ar = "två"').replace(
        'id = "droger"', 'id = "trafik"'
    )
    text = text.replace("[enkater]", "[enkater]\nokand = 1", 1)
    with pytest.raises(InputError) as caught:
        promise_from_text(text)
    found = {(p.code, p.value) for p in caught.value.problems}
    assert (Code.FIELD_INVALID, "två") in found
    assert (Code.ID_TWICE, "trafik") in found
    assert (Code.FIELD_UNKNOWN, "okand") in found
    assert all(p.row for p in caught.value.problems)


def late(code: Code, message: str, value: object) -> Problem:
    return Problem("logg.xlsx", message, "Logg", 2, 0, code=code, value=value)


def test_a_report_date_before_the_data_is_known_by_codes_not_by_wording() -> None:
    options = Options(Path("in"), Path("out"), dt.date(2023, 1, 1))
    problems = [
        late(Code.DATE_AFTER_REPORT, "vilken text som helst", dt.date(2023, 5, 2)),
        late(Code.YEAR_OUT_OF_RANGE, "också en annan text", 2024),
    ]
    usage = date_before_data(problems, options)
    assert usage is not None and "det senaste 2024" in str(usage)
    # The wording of a date problem without its code is not one.
    wording = "Datumet 2023-05-02 ligger efter dagens datum (2023-01-01). Rätta datumet."
    assert date_before_data([late(Code.VALUE_INVALID, wording, "x")], options) is None
    # A year that is not later than the report date is the analyst's typo, not the date's.
    assert date_before_data([late(Code.YEAR_OUT_OF_RANGE, "", "1985")], options) is None
