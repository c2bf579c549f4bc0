"""Excel templates from the promise file: drop-downs and Excel's own validation, and a filled
template reads back unchanged through the real loader – also after LibreOffice has saved it
as .xlsx and as .ods."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from report.app.cli import main
from report.inputs.kinds import activity, survey_long
from report.inputs.promise_file import load_promise
from report.inputs.validate import validate_workbooks
from report.inputs.workbook import read_workbook
from report.output.excel_templates import GUIDE_SHEET, LISTS_SHEET, ROWS, template_bytes
from report.output.files import OutputFolder
from report.output.template_files import write_templates_safely
from tests.helpers import PROMISE, REPORT_DATE, inputs_folder

PROMISE_MODEL = load_promise(PROMISE)
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_libreoffice = pytest.mark.skipif(
    SOFFICE is None,
    reason="LibreOffice (soffice) saknas: `make test` installerar "
    "libreoffice-calc-nogui där det går (root och apt-get)",
)

ACTIVITY_ROWS = (
    (dt.datetime(2024, 1, 10), "Trafikkontroller", 3, "Polisen", "Centrum", "Riktad"),
    (dt.datetime(2024, 2, 1), "SSP-möten", None, "Polisen och kommunen", None, None),
    (dt.datetime(2024, 3, 5), "Trygghetsskapande patrullering", 12, None, "Torget", None),
    (
        dt.datetime(2024, 3, 6),
        "Samverkan med näringsliv och bostadsbolag",
        0,
        "Kommunen",
        None,
        "Inställt",
    ),
)
SURVEY_ROWS = (
    (2023, "ELSA", "åk 7", "Alla", "elsa-trygg", 85.5, 101, None),
    (2023, "ELSA", "åk 7", "Flickor", "elsa-trygg", 82.0, 50, None),
    (2023, "Elevers drogvanor", "gy 2", "Pojkar", "ed-vejp", 40.25, 48, "Riket"),
)


def book_of(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data))


def fill(data: bytes, sheet: str, rows, target: Path) -> Path:
    book = book_of(data)
    for r, values in enumerate(rows, start=2):
        for c, value in enumerate(values, start=1):
            book[sheet].cell(row=r, column=c, value=value)
    target.parent.mkdir(parents=True, exist_ok=True)
    book.save(target)
    return target


def validations(sheet) -> dict[str, object]:
    """Column letter -> its data validation."""
    found = {}
    for check in sheet.data_validations.dataValidation:
        (cells,) = str(check.sqref).split()
        assert cells.endswith(str(ROWS + 1)), cells
        found[cells[0]] = check
    return found


def defined_list(book, name: str) -> list[str]:
    sheet_name, cells = book.defined_names[name].attr_text.split("!")
    sheet = book[sheet_name.strip("'")]
    return [c.value for (c,) in sheet[cells.replace("$", "")]]


def test_activity_template_has_dropdowns_validation_and_a_frozen_header() -> None:
    book = book_of(template_bytes(activity.KIND, PROMISE_MODEL))
    assert book.sheetnames == [activity.ACTIVITY_SHEET, GUIDE_SHEET, LISTS_SHEET]
    assert book[LISTS_SHEET].sheet_state == "hidden"
    sheet = book[activity.ACTIVITY_SHEET]
    assert sheet.freeze_panes == "A2"
    assert [c.value for c in sheet[1]] == [
        "Datum",
        "Aktivitet",
        "Antal",
        "Ansvarig",
        "Plats",
        "Kommentar",
    ]
    checks = validations(sheet)
    assert sorted(checks) == ["A", "B", "C", "D"]
    assert (checks["A"].type, checks["A"].operator, checks["A"].formula2) == (
        "date",
        "between",
        "TODAY()",
    )
    assert (checks["C"].type, checks["C"].operator, checks["C"].formula1) == (
        "whole",
        "greaterThanOrEqual",
        "0",
    )
    assert checks["B"].type == checks["D"].type == "list"
    assert all(c.showErrorMessage and c.errorStyle == "stop" for c in checks.values())
    # The lists live on the hidden sheet, through a defined name: a list typed into the
    # validation itself may hold at most 255 characters (see the next test).
    names = [a.name for a in PROMISE_MODEL.activities]
    assert checks["B"].formula1 == "=Aktiviteter"
    assert defined_list(book, "Aktiviteter") == names
    assert defined_list(book, "Ansvariga") == ["Polisen", "Kommunen", "Polisen och kommunen"]
    assert sheet["A2"].number_format == "yyyy-mm-dd"


def test_a_long_activity_list_is_not_cut(tmp_path: Path) -> None:
    many = tuple(
        replace(a, id=f"{a.id}-{n}", name=f"{a.name} (variant {n})", aliases=())
        for n in range(5)
        for a in PROMISE_MODEL.activities
    )
    promise = replace(PROMISE_MODEL, activities=many)
    names = [a.name for a in many]
    assert len(",".join(names)) > 4 * 255
    book = book_of(template_bytes(activity.KIND, promise))
    assert defined_list(book, "Aktiviteter") == names
    path = fill(
        template_bytes(activity.KIND, promise),
        activity.ACTIVITY_SHEET,
        [(dt.datetime(2024, 1, 2), names[-1], 1, None, None, None)],
        tmp_path / "a.xlsx",
    )
    data = validate_workbooks([read_workbook(path)], promise, REPORT_DATE)
    assert list(data.activities["activity"]) == [many[-1].id]


def test_survey_template_lists_come_from_the_promise() -> None:
    book = book_of(template_bytes(survey_long.KIND, PROMISE_MODEL))
    assert book.sheetnames == [survey_long.SURVEY_SHEET, GUIDE_SHEET, LISTS_SHEET]
    sheet = book[survey_long.SURVEY_SHEET]
    assert sheet.freeze_panes == "A2"
    checks = validations(sheet)
    assert sorted(checks) == list("ABCDEFGH")
    assert defined_list(book, "Indikatorer") == [i.id for i in PROMISE_MODEL.indicators]
    assert defined_list(book, "Undersokningar") == ["ELSA", "Elevers drogvanor"]
    assert (checks["F"].type, checks["F"].formula1, checks["F"].formula2) == ("decimal", "0", "100")
    assert checks["H"].errorStyle == "information"  # other areas are allowed


def read_back(*paths: Path):
    books = [read_workbook(p) for p in paths]
    return books, validate_workbooks(books, PROMISE_MODEL, REPORT_DATE)


def activity_values(data) -> list[tuple]:
    frame = data.activities
    parties = [None if pd.isna(p) else p for p in frame["responsible"]]
    return list(
        zip(
            [d.date() for d in frame["date"]],
            frame["activity"],
            frame["count"],
            parties,
            frame["row"],
            strict=True,
        )
    )


EXPECTED_ACTIVITIES = [
    (dt.date(2024, 1, 10), "trafikkontroller", 3, "Polisen", 2),
    (dt.date(2024, 2, 1), "ssp", 1, "Polisen och kommunen", 3),
    (dt.date(2024, 3, 5), "patrullering", 12, None, 4),
    (dt.date(2024, 3, 6), "naringsliv", 0, "Kommunen", 5),
]
EXPECTED_SURVEY = [
    (2023, "elsa-trygg", "åk 7", "Alla", 85.5, 101, "Hagfors"),
    (2023, "elsa-trygg", "åk 7", "Flickor", 82.0, 50, "Hagfors"),
    (2023, "ed-vejp", "gy 2", "Pojkar", 40.25, 48, "Riket"),
]


def survey_values(data) -> list[tuple]:
    frame = data.survey
    return list(
        zip(
            frame["year"],
            frame["indicator"],
            frame["grade"],
            frame["sex"],
            frame["value"],
            frame["respondents"],
            frame["area"],
            strict=True,
        )
    )


def filled_templates(folder: Path) -> tuple[Path, Path]:
    return (
        fill(
            template_bytes(activity.KIND, PROMISE_MODEL),
            activity.ACTIVITY_SHEET,
            ACTIVITY_ROWS,
            folder / "aktiviteter.xlsx",
        ),
        fill(
            template_bytes(survey_long.KIND, PROMISE_MODEL),
            survey_long.SURVEY_SHEET,
            SURVEY_ROWS,
            folder / "enkat.xlsx",
        ),
    )


def test_filled_templates_read_back_unchanged(tmp_path: Path) -> None:
    activities, survey = filled_templates(tmp_path)
    books, data = read_back(activities, survey)
    # Only the data sheets are read: the guide (with its example rows) and the list sheet
    # are skipped without a word, so the examples are never counted.
    assert [[s.name for s in b.sheets] for b in books] == [
        [activity.ACTIVITY_SHEET],
        [survey_long.SURVEY_SHEET],
    ]
    assert data.notes == ()
    assert activity_values(data) == EXPECTED_ACTIVITIES
    assert survey_values(data) == EXPECTED_SURVEY


def test_an_empty_template_says_it_has_no_rows(tmp_path: Path) -> None:
    path = tmp_path / "tom.xlsx"
    path.write_bytes(template_bytes(activity.KIND, PROMISE_MODEL))
    from report.errors import InputError

    with pytest.raises(InputError) as caught:
        read_back(path)
    (problem,) = caught.value.problems
    assert (problem.sheet, problem.row) == (activity.ACTIVITY_SHEET, 2)
    assert "inga rader med aktiviteter" in problem.message


def soffice(convert_to: str, outdir: Path, *files: Path, profile: Path) -> None:
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            convert_to,
            "--outdir",
            str(outdir),
            *map(str, files),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )


@needs_libreoffice
def test_templates_saved_by_libreoffice_as_xlsx_and_ods_read_back_unchanged(tmp_path: Path) -> None:
    originals = filled_templates(tmp_path / "openpyxl")
    profile = tmp_path / "lo-profile"
    soffice("xlsx:Calc MS Excel 2007 XML", tmp_path / "xlsx", *originals, profile=profile)
    soffice("ods", tmp_path / "ods", *originals, profile=profile)
    for folder, suffix in (("xlsx", ".xlsx"), ("ods", ".ods")):
        paths = [tmp_path / folder / p.with_suffix(suffix).name for p in originals]
        books, data = read_back(*paths)
        assert [[s.name for s in b.sheets] for b in books] == [
            [activity.ACTIVITY_SHEET],
            [survey_long.SURVEY_SHEET],
        ], folder
        assert data.notes == (), folder
        assert activity_values(data) == EXPECTED_ACTIVITIES, folder
        assert survey_values(data) == EXPECTED_SURVEY, folder
    # LibreOffice keeps the drop-downs, the validation and the hidden list sheet. (Headless
    # it has no window, so it drops the frozen header: a person saving keeps it.)
    book = openpyxl.load_workbook(tmp_path / "xlsx" / "aktiviteter.xlsx")
    assert book[LISTS_SHEET].sheet_state == "hidden"
    assert defined_list(book, "Aktiviteter") == [a.name for a in PROMISE_MODEL.activities]
    kinds = sorted(c.type for c in book[activity.ACTIVITY_SHEET].data_validations.dataValidation)
    assert kinds == ["date", "list", "list", "whole"]


def test_make_templates_writes_both_workbooks_and_the_commentary_starter(
    tmp_path: Path, capsys
) -> None:
    inputs = inputs_folder(tmp_path)
    outputs = tmp_path / "outputs"
    assert main(["templates", "--inputs", str(inputs), "--outputs", str(outputs)]) == 0
    out = capsys.readouterr().out
    folder = outputs / "mallar"
    assert sorted(p.name for p in folder.iterdir()) == [
        "aktivitetslogg-mall.xlsx",
        "enkat-mall.xlsx",
        "handelselogg-mall.xlsx",
        "kommentarer.md",
        "statistik-mall.xlsx",
    ]
    for path in folder.iterdir():
        assert str(path) in out
    assert "# Tryggheten" in (folder / "kommentarer.md").read_text(encoding="utf-8")


def test_templates_for_several_promises_go_to_a_folder_each(tmp_path: Path) -> None:
    inputs = tmp_path / "inputs"
    for slug in ("hagfors", "torsby"):
        (inputs / slug).mkdir(parents=True)
        text = PROMISE.read_text(encoding="utf-8").replace(
            'id = "hagfors-lpo-torsby"', f'id = "{slug}"'
        )
        (inputs / slug / "medborgarlofte.toml").write_text(text, encoding="utf-8")
    assert (
        main(
            ["templates", "--inputs", str(inputs), "--outputs", str(tmp_path / "out")],
            stdout=io.StringIO(),
        )
        == 0
    )
    for slug in ("hagfors", "torsby"):
        assert (tmp_path / "out" / "mallar" / slug / "aktivitetslogg-mall.xlsx").is_file()


def test_write_templates_returns_the_written_paths(tmp_path: Path) -> None:
    paths = [w.path for w in write_templates_safely(PROMISE_MODEL, OutputFolder(tmp_path))]
    assert [p.name for p in paths] == [
        "aktivitetslogg-mall.xlsx",
        "enkat-mall.xlsx",
        "handelselogg-mall.xlsx",
        "statistik-mall.xlsx",
        "kommentarer.md",
    ]
    assert all(p.is_file() for p in paths)
