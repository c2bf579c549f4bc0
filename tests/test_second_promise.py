"""Issue 12, items 1–3 on a second, fictitious promise (Älvstad: other focus areas and
activities, one survey, another reference area, another forum and plan, signed 1 March 2023
for three years): its first-year and full-year reports count what an independent count
finds, and no word of the Hagfors promise or the example reaches any of its outputs."""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
from pathlib import Path

import openpyxl
import pikepdf
import pytest

from report.app.cli import main
from tests.helpers import HAGFORS_WORDS, SECOND_SIGNED, second_counts, second_promise_inputs


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    root = tmp_path_factory.mktemp("second")
    inputs = second_promise_inputs(root)
    outputs = root / "outputs"
    for year in (2023, 2024):
        code = main(
            [
                "--inputs", str(inputs), "--outputs", str(outputs), "--date", "2025-02-01",
                "--year", str(year), "--jobs", "1", "--period",
            ],
            stdout=io.StringIO(),
            stderr=io.StringIO(),
        )  # fmt: skip
        assert code == 0
    return {year: outputs / f"alvstad-norra-{year}" for year in (2023, 2024)}


def every_text(stem: Path) -> dict[str, str]:
    """The PDF's text, the HTML, every cell of the underlag workbook and every attachment."""
    pdf = stem.with_suffix(".pdf")
    texts = {
        "pdf": subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True
        ).stdout,
        "html": stem.with_suffix(".html").read_text(encoding="utf-8"),
    }
    book = openpyxl.load_workbook(stem.parent / f"{stem.name}-underlag.xlsx")
    texts["underlag"] = "\n".join(
        f"{ws.title}: " + " | ".join(str(c) for c in row if c is not None)
        for ws in book.worksheets
        for row in ws.iter_rows(values_only=True)
    )
    with pikepdf.open(pdf) as document:
        for name, spec in document.attachments.items():
            texts[name] = spec.get_file().read_bytes().decode("utf-8")
            texts[f"{name} (beskrivning)"] = str(spec.description)
    return texts


@pytest.mark.parametrize("year", [2023, 2024])
def test_no_hagfors_word_in_any_output(built, year: int) -> None:
    for where, text in every_text(built[year]).items():
        folded = text.casefold()  # ids and class names too ("andt" was one)
        for word in HAGFORS_WORDS:
            assert word.casefold() not in folded, (year, where, word)


def test_text_comes_from_the_promise_and_the_data(built) -> None:
    texts = every_text(built[2023])
    pdf = " ".join(texts["pdf"].split())
    assert "Uppföljning till Brottsförebyggande rådet i Älvstad".upper() in pdf.upper()
    assert "Redovisning till folkhälsoplanen" in pdf
    assert "för folkhälsoplanen för Älvstad" in pdf
    assert "Löftet följs upp med en elevenkät i underlaget. Lupp finns i åk 8 och" in pdf
    assert "ungefär 240 svarande per årskurs" in pdf
    assert "Riket" in pdf
    assert "Per ansvarig part" in texts["underlag"]


def test_first_and_full_year_counts_match_an_independent_count(built) -> None:
    for year, first in ((2023, SECOND_SIGNED), (2024, dt.date(2024, 1, 1))):
        expected = second_counts(first, dt.date(year, 12, 31))
        text = every_text(built[year])
        csv_rows = text["aktiviteter.csv"].splitlines()
        header = csv_rows[0].split(",")
        for line in csv_rows[1:]:
            row = dict(zip(header, line.split(","), strict=True))
            assert int(row["antal"]) == expected[row["aktivitet_id"]], (year, row)
    pdf = " ".join(every_text(built[2023])["pdf"].split())
    assert "Året som följs upp 1 mars–31 december 2023" in pdf
    assert "före löftet: 4" in pdf
    html = every_text(built[2023])["html"]
    html = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert "Genomförda 1 mars–31 december 2023 20 av målet 20" in html
