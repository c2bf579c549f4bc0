"""End to end: the example report's content, checked against the example exports read
independently (openpyxl + tomllib, not the project's loaders)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import tomllib
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path

import openpyxl
import pytest

from report.app.cli import main
from tests.helpers import (
    EXAMPLE,
    PROJECT,
    PROMISE,
    activity_rows,
    independent_activity_counts,
    inputs_folder,
    write_workbook,
)

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) saknas"
)


def pdf_text(pdf: Path, layout: bool = False, page: int | None = None) -> str:
    args = ["pdftotext", "-enc", "UTF-8"]
    if layout:
        args.append("-layout")
    if page is not None:
        args += ["-f", str(page), "-l", str(page)]
    return subprocess.run([*args, str(pdf), "-"], check=True, capture_output=True, text=True).stdout


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def flat(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def independent_latest_values() -> dict[tuple[str, str], tuple[int, float]]:
    """(indicator, grade) -> (year, value) of the latest Hagfors 'Alla' row."""
    latest: dict[tuple[str, str], tuple[int, float]] = {}
    for path in sorted(EXAMPLE.glob("enkat-*.xlsx")):
        rows = list(
            openpyxl.load_workbook(path, read_only=True).worksheets[0].iter_rows(values_only=True)
        )
        header = list(rows[0])
        col = {
            name: header.index(name)
            for name in ("År", "Årskurs", "Kön", "Indikator", "Andel", "Område")
        }
        for row in rows[1:]:
            if row[col["Område"]] != "Hagfors" or row[col["Kön"]] != "Alla":
                continue
            key = (row[col["Indikator"]], row[col["Årskurs"]])
            if key not in latest or row[col["År"]] > latest[key][0]:
                latest[key] = (row[col["År"]], row[col["Andel"]])
    return latest


def swedish_percent(value: float) -> str:
    return f"{Decimal(str(value)).quantize(Decimal(1), rounding=ROUND_HALF_EVEN)} %"


def test_example_model_counts_match_the_exports(example_report) -> None:
    expected = independent_activity_counts(2023)
    model = example_report.result.model
    assert model.year == 2023 and model.is_example
    for result in model.activities:
        assert result.count == expected.get(result.activity.id), result.activity.id


@needs_poppler
def test_every_activity_with_its_count_is_in_the_pdf(example_report) -> None:
    expected = independent_activity_counts(2023)
    promise = tomllib.loads(PROMISE.read_text(encoding="utf-8"))
    lines = pdf_text(example_report.pdf, layout=True).splitlines()
    found = {}
    for activity in promise["aktiviteter"]:
        heading = next(i for i, line in enumerate(lines) if line.strip() == activity["namn"])
        facts = next(line for line in lines[heading : heading + 20] if "Genomförda 2023" in line)
        found[activity["id"]] = facts
    for activity_id, facts in found.items():
        count = expected.get(activity_id)
        if count is None:
            assert "inga rader i underlaget" in facts, activity_id
        else:
            assert re.search(rf"Genomförda 2023\s+{count} av målet", facts), (activity_id, facts)
    assert len(found) == 9


@needs_poppler
def test_latest_survey_values_are_in_the_pdf(example_report) -> None:
    text = flat(pdf_text(example_report.pdf))
    latest = independent_latest_values()
    assert len(latest) == 3 + 2 + 2 + 6 * 2
    for (indicator, grade), (year, value) in latest.items():
        needle = f"i {grade} som"
        sentences = [s for s in re.findall(rf"Andelen elever {needle}[^.]*? var [^.]*?\.", text)]
        assert any(f"var {swedish_percent(value)} {year}" in s for s in sentences), (
            indicator,
            grade,
            year,
            value,
        )


@needs_poppler
def test_every_page_says_it_is_an_example(example_report) -> None:
    pages = page_count(example_report.pdf)
    assert pages >= 10
    for page in range(1, pages + 1):
        assert "Exempel – fiktiva uppgifter" in pdf_text(example_report.pdf, page=page), page


@needs_poppler
def test_report_structure_and_privacy(example_report) -> None:
    text = flat(pdf_text(example_report.pdf))
    for heading in (
        "Innehåll",
        "Sammanfattning",
        "Trafikmiljön",
        "Alkohol och droganvändningen",
        "Tryggheten",
        "Ungas hälsa och drogvanor",
        "Om underlaget",
    ):
        assert heading in text
    assert "Sida 3 av" in text
    assert "Jens Fischer" in text and "Henrik Gustavsson" in text
    for source in ("aktiviteter-polisen.xlsx", "aktiviteter-kommunen.xlsx", "enkat-elsa.xlsx"):
        assert source in text
    # Free text from the exports never reaches the report.
    kommunen = openpyxl.load_workbook(EXAMPLE / "aktiviteter-kommunen.xlsx", read_only=True)
    rows = list(kommunen.worksheets[0].iter_rows(values_only=True))
    comments = {r[5] for r in rows[1:] if r[5]}
    places = {r[4] for r in rows[1:] if r[4]}
    assert comments and places
    for free_text in comments | places:
        assert free_text not in text


def test_bad_inputs_give_located_swedish_messages_and_no_pdf(tmp_path: Path, capsys) -> None:
    inputs = inputs_folder(tmp_path)
    outputs = tmp_path / "outputs"
    outputs.mkdir()
    previous = outputs / "hagfors-lpo-torsby-2023.pdf"
    previous.write_bytes(b"%PDF previous report")
    write_workbook(
        inputs / "polisen.xlsx",
        {
            "Logg": activity_rows(
                [dt.date(2023, 1, 2), "SSP", 1],
                header=("Datun", "Aktivitet", "Antal", "Ansvarig", "Plats", "Kommentar"),
            )
        },
    )
    write_workbook(
        inputs / "kommunen.xlsx",
        {"Blad1": activity_rows([dt.date(2023, 1, 2), "Trafikkontrol", 1])},
    )
    code = main(
        [
            "--inputs",
            str(inputs),
            "--outputs",
            str(outputs),
            "--date",
            "2026-11-25",
            "--year",
            "2023",
        ]
    )
    err = capsys.readouterr().err
    assert code == 1
    assert "Traceback" not in err
    assert (
        "Fil: kommunen.xlsx\n  Blad: Blad1\n    - cell B2, kolumn ”Aktivitet”: Aktiviteten "
        "”Trafikkontrol” finns inte i löftet. Menade du ”Trafikkontroll”?" in err
    )
    assert (
        "Fil: polisen.xlsx\n  Blad: Logg\n    - cell A1: Kolumnen ”Datum” saknas. Rubriken "
        "”Datun” liknar ”Datum”" in err
    )
    assert "Ingen ny PDF skrevs" in err
    assert previous.read_bytes() == b"%PDF previous report"
    assert sorted(p.name for p in outputs.iterdir()) == ["hagfors-lpo-torsby-2023.pdf"]


def test_usage_errors(tmp_path: Path, capsys) -> None:
    assert main(["--year", "tjugo"]) == 2
    assert "YEAR=tjugo" in capsys.readouterr().err
    assert main(["--date", "2026-13-01"]) == 2
    assert main(["--okänd"]) == 2
    assert main(["--jobs", "0"]) == 2
    assert "JOBS=0" in capsys.readouterr().err


def test_internal_error_goes_to_a_log_not_the_screen(tmp_path: Path, capsys, monkeypatch) -> None:
    def explode(*_args, **_kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("report.app.cli.build_report", explode)
    code = main(["--outputs", str(tmp_path), "--date", "2026-11-25"])
    err = capsys.readouterr().err
    assert code == 3
    assert "Traceback" not in err and "boom" not in err
    (log,) = tmp_path.glob("internt-fel-*.log")
    assert "RuntimeError: boom" in log.read_text(encoding="utf-8")
    assert str(log) in err


@pytest.mark.skipif(shutil.which("make") is None, reason="make saknas")
def test_make_report_builds_the_example(tmp_path: Path) -> None:
    inputs = inputs_folder(tmp_path)
    outputs = tmp_path / "outputs"
    run = subprocess.run(
        [
            "make",
            "--no-print-directory",
            "report",
            f"INPUTS={inputs}",
            f"OUTPUTS={outputs}",
            "DATE=2026-11-25",
        ],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr
    assert "Rapporten byggs på det medföljande EXEMPLET med FIKTIVA uppgifter" in run.stdout
    pdf = outputs / "hagfors-lpo-torsby-2023.pdf"
    assert pdf.read_bytes().startswith(b"%PDF-")


@needs_poppler
def test_text_comes_out_in_reading_order(example_report) -> None:
    """In content-stream order (what a screen reader and copy-paste follow) every activity
    of the summary table comes with its own numbers, in the promise's order."""
    text = flat(pdf_text_raw(example_report.pdf))
    model = example_report.result.model
    position = 0
    for result in model.activities:
        name = text.index(result.activity.name.split()[0], position)
        numbers = f"{'–' if result.count is None else result.count}"
        following = text[name : name + 120]
        assert numbers in following and result.status.label in following, following
        position = name + 1
    headings = [
        "Innehåll",
        "Sammanfattning",
        "Trafikmiljön",
        "Alkohol och droganvändningen",
        "Tryggheten",
        "Redovisning till genomförandeplanen",
        "Ungas hälsa och drogvanor",
        "Om underlaget",
    ]
    assert text.index("Innehåll") < text.index("Sammanfattning Medborgarlöftet")
    position = text.index("Sammanfattning Medborgarlöftet")
    for heading in headings[2:]:  # each chapter heading comes after the one before it
        position = text.index(f"{heading} ", position + 1)  # ValueError if out of order


def pdf_text_raw(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
