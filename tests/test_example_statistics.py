"""The example report shows its outcomes from statistics tables: a section each in Tryggheten
with the levels, the tested sentence, the chart's alt text and data table, computed the same
way an independent reading of the example's files computes them."""

from __future__ import annotations

import csv
import io
import math

import openpyxl
import pikepdf

from tests.helpers import PROJECT
from tests.test_report import flat, needs_poppler, pdf_text

SIGNED_YEAR = 2022  # the example's promise: 14 June 2022


def crimes(name: str) -> dict[int, tuple[float, int]]:
    """Year -> (rate per 1 000, population) for the municipality, read straight from the file."""
    book = openpyxl.load_workbook(PROJECT / "example" / "anmalda-brott.xlsx", read_only=True)
    rows = list(book.worksheets[0].iter_rows(min_row=3, values_only=True))
    return {r[0]: (r[4], r[5]) for r in rows if r[1] == "Hagfors" and r[2] == name}


def swedish(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


@needs_poppler
def test_the_pdf_has_a_section_per_statistics_outcome(example_report) -> None:
    text = flat(pdf_text(example_report.pdf))
    for name in (
        "Anmälda skadegörelsebrott",
        "Anmäld misshandel utomhus",
        "Polisens trygghetsindex",
    ):
        assert f"Utfall: {name}" in text, name
    rates = crimes("Skadegörelse")
    before = [y for y in rates if y < SIGNED_YEAR]
    weighted = sum(rates[y][0] * rates[y][1] for y in before) / sum(rates[y][1] for y in before)
    assert (
        f"Före löftet var nivån {swedish(weighted)} per 1 000 invånare (snitt 2015–2021), under "
        f"löftet {swedish(rates[2023][0])} per 1 000 invånare (2023). 2022, då löftet tecknades, "
        "räknas till ingen av delarna." in text
    )
    assert "Om nivån har förändrats kan inte avgöras: ett index utan antal svarande" in text
    assert "Anmälda skadegörelsebrott: per 1 000 invånare och år (diagrammets siffror)" in text


def test_the_attached_p_value_is_the_exact_test_on_the_files_counts(example_report) -> None:
    with pikepdf.open(example_report.pdf) as pdf:
        files = {n: s.get_file().read_bytes().decode("utf-8") for n, s in pdf.attachments.items()}
    rows = {r["utfall_id"]: r for r in csv.DictReader(io.StringIO(files["utfall-statistik.csv"]))}
    assert list(rows) == ["skadegorelse", "misshandel-utomhus", "trygghetsindex"]
    rates = crimes("Skadegörelse")
    before = [y for y in rates if y < SIGNED_YEAR]
    n1 = round(sum(rates[y][0] * rates[y][1] / 1000 for y in before))
    n2 = round(rates[2023][0] * rates[2023][1] / 1000)
    t1, t2 = sum(rates[y][1] for y in before), rates[2023][1]
    weights = [math.comb(n1 + n2, k) * t1**k * t2 ** (n1 + n2 - k) for k in range(n1 + n2 + 1)]
    extreme = sum(w for w in weights if w * 10_000_000 <= weights[n1] * 10_000_001)
    p = extreme / (t1 + t2) ** (n1 + n2)
    assert math.isclose(float(rows["skadegorelse"]["p_varde"]), p, rel_tol=0.01, abs_tol=1e-4)
    assert rows["trygghetsindex"]["p_varde"] == ""
    assert "index utan antal svarande" in rows["trygghetsindex"]["utan_test_for_att"]


def test_the_chart_alt_texts_state_their_periods(example_report) -> None:
    from report.charts.outcomes import statistics_alt

    for result in example_report.result.model.statistics:
        alt = statistics_alt(result)
        assert f"{result.series.points[0].label}–{result.latest.label}" in alt
        assert "Före löftet:" in alt and "Under löftet:" in alt
