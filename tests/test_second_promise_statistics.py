"""Outcomes from statistics tables in a second, fictitious promise's report (Älvstad, signed
1 March 2023 for three years, Riket as reference, a Kolada-style wide CSV export and a long
workbook): the sections, the overview rows, the workbook and the attachments hold what an
independent computation finds, and no word of the Hagfors promise or the example."""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path

import openpyxl
import pikepdf
import pytest

from report.app.cli import main
from tests.helpers import HAGFORS_WORDS, SECOND_PROMISE, inputs_folder, write_workbook
from tests.test_second_promise import every_text
from tests.test_stat_outcomes import (
    OUTCOMES,
    POPULATION,
    RIKET,
    RIKET_POP,
    VIOLENCE,
    YEARS,
    long_sheet,
)


def kolada_csv() -> str:
    """As Kolada exports it: semicolons, a column per year, per 100 000 inhabitants."""
    rows = [
        ["Kommun", "Nyckeltal", "Enhet", *YEARS],
        ["Älvstad", "Anmälda våldsbrott", "per 100 000 invånare", *(VIOLENCE[y] for y in YEARS)],
        ["Riket", "Anmälda våldsbrott", "per 100 000 invånare", *(RIKET[y] for y in YEARS)],
        ["Älvstads kommun", "Folkmängd", "antal", *(POPULATION[y] for y in YEARS)],
        ["Riket", "Folkmängd", "antal", *(RIKET_POP[y] for y in YEARS)],
    ]
    return "\r\n".join(";".join(str(c) for c in row) for row in rows) + "\r\n"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("second-statistics")
    inputs = inputs_folder(root, SECOND_PROMISE + OUTCOMES)
    write_workbook(
        inputs / "logg.xlsx",
        {"Logg": [["Datum", "Aktivitet", "Antal"], ["2024-03-01", "Kvällsvandring", 2]]},
    )
    (inputs / "kolada.csv").write_bytes(kolada_csv().encode("utf-8-sig"))
    write_workbook(inputs / "ntu.xlsx", {"NTU": long_sheet()})
    outputs = root / "outputs"
    code = main(
        [
            "--inputs", str(inputs), "--outputs", str(outputs), "--date", "2025-02-01",
            "--year", "2024", "--jobs", "1",
        ],
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )  # fmt: skip
    assert code == 0
    return outputs / "alvstad-norra-2024"


def test_no_hagfors_word_in_any_output(built: Path) -> None:
    for where, text in every_text(built).items():
        for word in HAGFORS_WORDS:
            assert word.casefold() not in text.casefold(), (where, word)


def test_the_pdf_shows_each_outcome_with_its_test(built: Path) -> None:
    pdf = " ".join(every_text(built)["pdf"].split())
    for name in ("Anmälda våldsbrott", "Otrygga ute sent på kvällen", "Trygghetsindex"):
        assert f"Utfall: {name}" in pdf
    assert "2023, då löftet tecknades, räknas till ingen av delarna" in pdf
    assert "med befolkningsår som exponering" in pdf
    assert "ett index utan antal svarande kan inte testas" in pdf
    assert "Utfall i korthet" in pdf and "Alla indikatorer i korthet" in pdf
    assert "Mot Riket" in pdf
    # the overview names the change and the position in words, never by colour alone
    html = every_text(built)["html"]
    overview = html[html.index('id="indikatorer-i-korthet"') : html.index("Utfall i korthet")]
    assert '<span class="trend-word">Säkerställd minskning – förbättring</span>' in overview
    assert '<span class="trend-word">Säkerställt lägre – bättre</span>' in overview
    assert "Alla utfall, i sin egen enhet" in overview  # no survey values in this report


def test_the_attachments_hold_the_tested_levels(built: Path) -> None:
    with pikepdf.open(built.with_suffix(".pdf")) as pdf:
        files = {n: s.get_file().read_bytes().decode("utf-8") for n, s in pdf.attachments.items()}
    rows = {r["utfall_id"]: r for r in csv.DictReader(io.StringIO(files["utfall-statistik.csv"]))}
    assert set(rows) == {"vald", "otrygg", "trygghet"}
    vald = rows["vald"]
    assert (vald["fore_fran"], vald["fore_till"], vald["under_fran"]) == ("2018", "2022", "2024")
    # independently: counts from the rates and populations, the conditional binomial
    before = range(2018, 2023)
    n1 = round(sum(VIOLENCE[y] / 100_000 * POPULATION[y] for y in before))
    n2 = round(VIOLENCE[2024] / 100_000 * POPULATION[2024])
    t1, t2 = sum(POPULATION[y] for y in before), POPULATION[2024]
    weights = [math.comb(n1 + n2, k) * t1**k * t2 ** (n1 + n2 - k) for k in range(n1 + n2 + 1)]
    extreme = sum(w for w in weights if w * 10_000_000 <= weights[n1] * 10_000_001)
    assert float(vald["p_varde"]) == pytest.approx(extreme / (t1 + t2) ** (n1 + n2), rel=0.01)
    assert vald["sakerstalld"] in ("True", "true", "sant", "1", "ja", "Ja")
    assert rows["trygghet"]["p_varde"] == ""
    series = list(csv.DictReader(io.StringIO(files["utfall-statistik-serier.csv"])))
    riket = [r for r in series if r["utfall_id"] == "vald" and r["omrade"] == "Riket"]
    assert [float(r["varde"]) for r in riket] == [RIKET[y] / 100 for y in YEARS]


def test_the_workbook_has_the_outcome_sheets(built: Path) -> None:
    book = openpyxl.load_workbook(built.parent / f"{built.name}-underlag.xlsx", read_only=True)
    assert {"Utfall ur statistik", "Utfall ur statistik per år"} <= set(book.sheetnames)
    rows = list(book["Utfall ur statistik"].iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in rows] == ["vald", "otrygg", "trygghet"]
