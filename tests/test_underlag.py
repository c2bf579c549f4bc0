"""The underlag workbook and the PDF's tables agree with each other and with the exports."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from report.app.pipeline import Options, build_report
from report.output.workbook import sheets
from tests.helpers import (
    PROJECT,
    REPORT_DATE,
    activity_rows,
    independent_activity_counts,
    inputs_folder,
    write_workbook,
)

STATUS_WORDS = "Genomförd|Delvis genomförd|Ej genomförd|Ingen uppgift"


def read_sheet(path: Path, name: str) -> list[tuple]:
    sheet = openpyxl.load_workbook(path)[name]
    return [tuple(row) for row in sheet.iter_rows(values_only=True)]


def test_underlag_agrees_with_the_exports_and_the_model(example_report) -> None:
    expected = independent_activity_counts(2023)
    model = example_report.result.model
    path = example_report.result.underlag
    assert path.name == "hagfors-lpo-torsby-2023-underlag.xlsx"
    activities = read_sheet(path, "Aktiviteter")
    assert activities[0][:4] == ("Fokusområde", "Aktivitet", "Ansvarig", "Antal 2023")
    by_name = {a.activity.name: a for a in model.activities}
    for row in activities[1:]:
        result = by_name[row[1]]
        assert row[3] == expected.get(result.activity.id)
        assert row[6] == result.status.label
    andt = read_sheet(path, "Per ansvarig part")
    for activity in model.activities:
        rows = [r for r in andt[1:] if r[1] == activity.activity.name]
        year_total = sum(r[3] or 0 for r in rows)
        assert year_total == expected.get(activity.activity.id, 0), activity.activity.id
        assert sum(r[4] or 0 for r in rows) == (activity.period_count or 0)
    months = read_sheet(path, "Per månad")
    for row in months[1:]:
        assert sum(row[1:13]) == row[13] == (by_name[row[0]].count or 0)


def test_underlag_is_formatted_for_pasting(example_report) -> None:
    book = openpyxl.load_workbook(example_report.result.underlag)
    assert book.sheetnames == [
        "Per ansvarig part",
        "Aktiviteter",
        "Per månad",
        "Per år",
        "Enkäter",
        "Utfall",
        "Utfall per månad",
        "Utfall veckodag och tid",
        "Utfall ur statistik",
        "Utfall ur statistik per år",
        "Exporter",
        "Dubbletter",
    ]
    andt = book["Per ansvarig part"]
    assert andt.freeze_panes == "A2"
    assert andt.column_dimensions["B"].width >= 40
    assert andt["D2"].number_format == "#,##0"
    assert book["Aktiviteter"]["F2"].number_format == "0%"
    assert all(cell.font.bold for cell in andt[1])


def test_underlag_holds_no_suppressed_value(example_report) -> None:
    survey = read_sheet(example_report.result.underlag, "Enkäter")
    gy2_2013 = [r for r in survey[1:] if r[3] == "gy 2" and r[6] == 2013 and r[5] == "Hagfors"]
    assert gy2_2013 == []  # the example's one small group hides the whole group
    assert all(r[7] is not None for r in survey[1:])
    assert len(survey) > 100


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils saknas")
def test_pdf_summary_table_agrees_with_sections_and_underlag(example_report) -> None:
    model = example_report.result.model
    text = subprocess.run(
        ["pdftotext", "-layout", str(example_report.pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    start = text.index("Aktiviteter 2023: antal genomförda mot årets mål")
    table = text[start : text.index("Status: genomförd vid minst", start)]
    pattern = re.compile(
        rf"^ *(\S.*?) {{2,}}\S.*? {{2,}}(\d+|–) +(\d+) +(\d+ %|–) +\S+ "
        rf"({STATUS_WORDS}) *$",
        re.M,
    )
    rows = pattern.findall(table.replace("\u00a0", " "))
    assert len(rows) == 9
    underlag = {r[1]: r for r in read_sheet(example_report.result.underlag, "Aktiviteter")[1:]}
    for prefix, count, target, _share, status in rows:
        (result,) = [a for a in model.activities if a.activity.name.startswith(prefix)]
        in_sheet = underlag[result.activity.name]
        assert count == ("–" if in_sheet[3] is None else str(in_sheet[3]))
        assert int(target) == round(in_sheet[4])
        assert status == in_sheet[6] == result.status.label


def test_cells_that_look_like_formulas_are_written_as_text(tmp_path: Path) -> None:
    inputs = inputs_folder(tmp_path)
    write_workbook(
        inputs / "=HYPERLINK(1).xlsx", {"@SUM": activity_rows([dt.date(2023, 1, 2), "SSP", 1])}
    )
    result = build_report(Options(inputs, tmp_path / "out", REPORT_DATE))
    sheet = openpyxl.load_workbook(result.underlag)["Exporter"]
    assert (sheet["A2"].value, sheet["A2"].data_type) == ("=HYPERLINK(1).xlsx", "s")
    assert (sheet["B2"].value, sheet["B2"].data_type) == ("@SUM", "s")


def test_sheets_are_pure_data(example_report) -> None:
    content = sheets(example_report.result.model)
    for sheet in content:
        assert all(len(row) == len(sheet.columns) for row in sheet.rows), sheet.name


def test_every_time_in_the_workbook_is_the_report_date(example_report) -> None:
    with zipfile.ZipFile(example_report.result.underlag) as archive:
        assert {info.date_time for info in archive.infolist()} == {
            (REPORT_DATE.year, REPORT_DATE.month, REPORT_DATE.day, 0, 0, 0)
        }
    properties = openpyxl.load_workbook(example_report.result.underlag).properties
    midnight = dt.datetime.combine(REPORT_DATE, dt.time())
    assert (properties.created, properties.modified) == (midnight, midnight)


def test_the_workbook_is_byte_identical_from_another_process(example_report, tmp_path) -> None:
    """The command line in a new process, at least two seconds later (zip times have a
    resolution of two seconds) and in another time zone (zip times are local), writes the
    bytes of the session's build. One fresh process, not two: the session's build is the
    other one, and each build costs several seconds."""
    first = example_report.result.underlag
    time.sleep(max(0.0, 2.5 - (time.time() - first.stat().st_mtime)))
    env = {**os.environ, "TZ": "Pacific/Chatham", "PYTHONHASHSEED": "4242"}
    args = [
        sys.executable,
        "-m",
        "report",
        "--inputs",
        str(example_report.inputs),
        "--outputs",
        str(tmp_path),
        "--date",
        REPORT_DATE.isoformat(),
    ]
    done = subprocess.run(args, cwd=PROJECT, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    assert (tmp_path / first.name).read_bytes() == first.read_bytes()
