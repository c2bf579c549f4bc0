"""The README's quick start, step by step: from an empty inputs/ to a filled template, a
passing `make check` and a PDF with the analyst's commentary."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from tests.helpers import PROJECT, inputs_folder

needs_tools = pytest.mark.skipif(
    shutil.which("make") is None or shutil.which("pdftotext") is None,
    reason="make eller poppler-utils saknas",
)


def make(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["make", "--no-print-directory", *args],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=600,
    )


@needs_tools
def test_from_empty_inputs_to_a_report_with_commentary(tmp_path: Path) -> None:
    inputs = inputs_folder(tmp_path)  # only the promise file, as in a fresh clone
    outputs = tmp_path / "outputs"
    folders = [f"INPUTS={inputs}", f"OUTPUTS={outputs}"]

    run = make("templates", *folders)  # step 2
    assert run.returncode == 0, run.stderr
    templates = outputs / "mallar"

    # Step 3: fill the activity template as Excel would save it, put it in inputs/.
    book = openpyxl.load_workbook(templates / "aktivitetslogg-mall.xlsx")
    sheet = book["Aktivitetslogg"]
    rows = [
        (dt.datetime(2024, 2, 5), "Trafikkontroller", 4, "Polisen"),
        (dt.datetime(2024, 2, 20), "SSP-möten", 1, "Polisen och kommunen"),
        (dt.datetime(2024, 3, 1), "Trygghetsskapande patrullering", 9, None),
    ]
    for r, values in enumerate(rows, start=2):
        for c, value in enumerate(values, start=1):
            sheet.cell(row=r, column=c, value=value)
    book.save(inputs / "aktiviteter-2024.xlsx")

    # Step 4: make check passes and shows the counts.
    run = make("check", *folders, "DATE=2024-03-10")
    assert run.returncode == 0, run.stdout + run.stderr
    assert (
        "blad ”Aktivitetslogg”: aktivitetslogg, 3 rader, 5 februari 2024 – 1 mars 2024"
        in run.stdout
    )
    assert "Allt går att läsa." in run.stdout

    # Step 5: the commentary starter, copied to inputs/ and written in.
    text = (templates / "kommentarer.md").read_text(encoding="utf-8")
    text = text.replace(
        "# Sammanfattning\n",
        "# Sammanfattning\n\nVåren började bra: **fyra** trafikkontroller redan i februari.\n",
    )
    (inputs / "kommentarer.md").write_text(text, encoding="utf-8")
    run = make("check", *folders, "DATE=2024-03-10")
    assert "Kommentarer: kommentarer.md – text under Sammanfattning." in run.stdout

    # Step 6: make report – stage lines, then the three files.
    run = make("report", *folders, "DATE=2024-03-10")
    assert run.returncode == 0, run.stderr
    assert re.search(
        r"Ritar diagram och bygger PDF … \d+ diagram, [\d,]+ MB – [\d,]+ s", run.stdout
    ), run.stdout
    pdf = outputs / "hagfors-lpo-torsby-2024.pdf"
    assert f"Klart: {pdf}" in run.stdout
    assert pdf.with_suffix(".html").is_file()
    assert (outputs / "hagfors-lpo-torsby-2024-underlag.xlsx").is_file()
    text = " ".join(
        subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(pdf), "-"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.split()
    )
    assert "Analys och bedömning Våren började bra: fyra trafikkontroller redan i februari." in text
    assert "Exempel – fiktiva uppgifter" not in text
