"""CSV exports: both dialects detected, and every cell through the same validation as Excel."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from report.errors import InputError
from report.inputs.csv_file import decode, detect_separator, read_csv_with_format
from report.inputs.folder import discover
from report.inputs.promise_file import load_promise
from report.inputs.validate import validate_workbooks
from report.inputs.workbook import read_workbook
from tests.helpers import PROMISE, REPORT_DATE, SURVEY_HEADER, activity_rows, write_workbook

PROMISE_MODEL = load_promise(PROMISE)

SWEDISH_ACTIVITIES = (
    "Aktivitetslogg Hagfors kommun – utdrag\r\n"
    "Datum;Aktivitet;Antal;Ansvarig;Plats;Kommentar\r\n"
    '2023-01-02;SSP-möte;2;Kommunen;Älvskolan;"Möte; uppföljning"\r\n'
    "2023-02-03;Översyn trafikmiljö;1;Kommunen;Storgatan;\r\n"
    "2023-03-04;Trygghetsrådet;;Båda;;\r\n"
)
SWEDISH_SURVEY = (
    ";".join(SURVEY_HEADER) + "\r\n"
    "2023;ELSA;åk 7;Alla;elsa-trygg;85,5;102;Hagfors\r\n"
    "2023;ELSA;åk 7;Flickor;elsa-trygg;81,25;50;\r\n"
    "2023;ELSA;åk 7;Alla;elsa-trygg;79 %;1 034;Värmland\r\n"
)
SYSTEM_ACTIVITIES = (
    "Datum,Aktivitet,Antal,Ansvarig\n"
    "2023-03-01 10:30,Patrullering,3,Polisen\n"
    '2023-03-02T08:00:00,"Trafikkontroll, riktad",1,Polisen\n'
    "2023-03-05,Trafikkontroll,2,\n"
)


def write(path: Path, text: str, encoding: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


def validate(*paths: Path):
    return validate_workbooks([read_workbook(p) for p in paths], PROMISE_MODEL, REPORT_DATE)


@pytest.mark.parametrize(
    ("encoding", "label"),
    [("utf-8-sig", "UTF-8 med BOM"), ("cp1252", "Windows-1252 (äldre Excel)")],
)
def test_swedish_excel_csv_is_detected_and_read(tmp_path: Path, encoding: str, label: str) -> None:
    path = write(tmp_path / "kommunen.csv", SWEDISH_ACTIVITIES, encoding)
    book, found = read_csv_with_format(path)
    assert (found.separator, found.encoding_label) == (";", label)
    assert found.describe().startswith("svensk Excel-CSV (semikolon mellan kolumnerna, " + label)
    (sheet,) = book.sheets
    assert sheet.name == "kommunen"
    assert sheet.rows[2] == [
        "2023-01-02",
        "SSP-möte",
        "2",
        "Kommunen",
        "Älvskolan",
        "Möte; uppföljning",
    ]
    frame = validate(path).activities
    assert list(frame["activity"]) == ["ssp", "trafikmiljo", "trygghetsradet"]
    assert list(frame["count"]) == [2, 1, 1]
    assert list(frame["responsible"]) == ["Kommunen", "Kommunen", "Polisen och kommunen"]
    assert list(frame["row"]) == [3, 4, 5]


def test_comma_decimals_and_text_numbers_are_validated_like_excel_cells(tmp_path: Path) -> None:
    csv_path = write(tmp_path / "csv" / "enkat.csv", SWEDISH_SURVEY, "utf-8-sig")
    xlsx_path = write_workbook(
        tmp_path / "xlsx" / "enkat.xlsx",
        {
            "enkat": [
                SURVEY_HEADER,
                (2023, "ELSA", "åk 7", "Alla", "elsa-trygg", 85.5, 102, "Hagfors"),
                (2023, "ELSA", "åk 7", "Flickor", "elsa-trygg", 81.25, 50, None),
                (2023, "ELSA", "åk 7", "Alla", "elsa-trygg", "79 %", 1034, "Värmland"),
            ]
        },
    )
    _, found = read_csv_with_format(csv_path)
    assert found.decimal_comma is True
    from_csv = validate(csv_path).survey.drop(columns=["file"])
    from_xlsx = validate(xlsx_path).survey.drop(columns=["file"])
    assert list(from_csv["value"]) == [85.5, 81.25, 79.0]
    assert list(from_csv["respondents"]) == [102, 50, 1034]
    assert from_csv.astype(str).equals(from_xlsx.astype(str))


def test_system_csv_comma_utf8_with_date_times(tmp_path: Path) -> None:
    path = write(tmp_path / "system.csv", SYSTEM_ACTIVITIES, "utf-8")
    _, found = read_csv_with_format(path)
    assert found.describe() == "system-CSV (komma mellan kolumnerna, UTF-8)"
    with pytest.raises(InputError) as caught:
        validate(path)
    (problem,) = caught.value.problems
    assert (problem.file, problem.sheet, problem.cell) == ("system.csv", "system", "B3")
    assert "Aktiviteten ”Trafikkontroll, riktad” finns inte i löftet" in problem.message
    fixed = write(tmp_path / "system.csv", SYSTEM_ACTIVITIES.replace(", riktad", ""), "utf-8")
    frame = validate(fixed).activities
    assert [d.date() for d in frame["date"]] == [
        dt.date(2023, 3, 1),
        dt.date(2023, 3, 2),
        dt.date(2023, 3, 5),
    ]
    assert list(frame["count"]) == [3, 1, 2]


def test_problems_in_a_csv_read_exactly_as_in_a_workbook(tmp_path: Path) -> None:
    rows = [("2023-13-01", "Trafikkontrol", "2,5", "Polisen")]
    text = "Datum;Aktivitet;Antal;Ansvarig\r\n" + "\r\n".join(";".join(r) for r in rows)
    csv_path = write(tmp_path / "a" / "logg.csv", text, "utf-8-sig")
    xlsx_path = write_workbook(
        tmp_path / "b" / "logg.xlsx",
        {"logg": activity_rows(*rows, header=("Datum", "Aktivitet", "Antal", "Ansvarig"))},
    )
    messages = []
    for path in (csv_path, xlsx_path):
        with pytest.raises(InputError) as caught:
            validate(path)
        messages.append([(p.cell, p.message) for p in caught.value.problems])
    assert messages[0] == messages[1]
    assert len(messages[0]) == 3


def test_separator_detection_ignores_title_rows_and_decimal_commas() -> None:
    assert detect_separator("Titel\nA;B;C\n1,5;2,5;3\n4;5,25;6\n") == ";"
    assert detect_separator("A,B,C\n1.5,2,3\n") == ","
    assert detect_separator("A\tB\n1,5\t2\n") == "\t"


def test_excels_sep_line_decides_the_separator(tmp_path: Path) -> None:
    path = write(tmp_path / "a.csv", "sep=,\r\nDatum,Aktivitet\r\n2023-01-02,SSP\r\n", "utf-8")
    book, found = read_csv_with_format(path)
    assert found.separator == ","
    assert book.sheets[0].rows[0] == ["Datum", "Aktivitet"]
    assert list(validate(path).activities["row"]) == [2]  # rows as Excel shows them


def test_encoding_trial() -> None:
    assert decode("Å;Ä".encode("utf-8-sig"))[1:] == ("utf-8-sig", "UTF-8 med BOM")
    assert decode("Å;Ä".encode())[1] == "utf-8"
    assert decode("Å;Ä".encode("cp1252"))[1] == "cp1252"
    assert decode("Å\tÄ".encode("utf-16"))[0] == "Å\tÄ"


def test_unreadable_csv_files_say_what_to_do(tmp_path: Path) -> None:
    binary = tmp_path / "bild.csv"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    empty = tmp_path / "tom.csv"
    empty.write_bytes(b"\xef\xbb\xbf\r\n")
    for path, needle in ((binary, "ingen textfil"), (empty, "Filen är tom")):
        with pytest.raises(InputError) as caught:
            read_workbook(path)
        (problem,) = caught.value.problems
        assert problem.file == path.name and needle in problem.message


def test_csv_and_ods_files_are_discovered(tmp_path: Path) -> None:
    for name in ("a.csv", "b.ods", "c.xlsx", "d.txt", "~$e.xlsx"):
        (tmp_path / name).write_bytes(b"")
    assert [p.name for p in discover(tmp_path).exports] == ["a.csv", "b.ods", "c.xlsx"]
