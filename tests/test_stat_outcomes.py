"""Outcomes from statistics tables, for a second promise (Älvstad, signed 2023-03-01, three
years; Riket as reference): levels before and during, the test each unit gets (checked
against an independent computation), and the sentence that says why there is no test."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from report.inputs.promise_file import load_promise
from report.inputs.validate import validate_workbooks
from report.inputs.workbook import read_workbook
from report.model.overview import outcome_groups
from report.model.report import build_model
from report.model.significance import poisson_rates_p_value
from report.model.statistics_outcomes import Point, level_test, statistics_outcome
from tests.helpers import REPORT_DATE, SECOND_PROMISE, write_workbook

OUTCOMES = """
[[utfall]]
id = "vald"
namn = "Anmälda våldsbrott"
fokusomrade = "centrum"
kalla = "statistik"
enhet = "per 1 000 invånare"
lagre_ar_battre = true
indikator = "Anmälda våldsbrott"

[[utfall]]
id = "otrygg"
namn = "Otrygga ute sent på kvällen"
fokusomrade = "centrum"
kalla = "statistik"
enhet = "andel"
lagre_ar_battre = true

[[utfall]]
id = "trygghet"
namn = "Trygghetsindex"
fokusomrade = "skolvag"
kalla = "statistik"
enhet = "index"
lagre_ar_battre = true

[[utfall]]
id = "inbrott"
namn = "Bostadsinbrott"
fokusomrade = "centrum"
kalla = "statistik"
enhet = "antal"
lagre_ar_battre = true
"""

# Kolada-style wide export: per 100 000 inhabitants, Älvstad and Riket, with population rows.
VIOLENCE = {2018: 1210, 2019: 1180, 2020: 1250, 2021: 1190, 2022: 1230, 2023: 990, 2024: 940}
RIKET = {2018: 1100, 2019: 1120, 2020: 1080, 2021: 1060, 2022: 1090, 2023: 1100, 2024: 1080}
POPULATION = {y: 24_000 + 100 * (y - 2018) for y in VIOLENCE}
RIKET_POP = {y: 10_200_000 + 50_000 * (y - 2018) for y in VIOLENCE}
YEARS = sorted(VIOLENCE)


def kolada_sheet() -> list[list]:
    return [
        ["Kolada: nyckeltal för Älvstad"],
        ["Kommun", "Nyckeltal", "Enhet", *YEARS],
        ["Älvstad", "Anmälda våldsbrott", "per 100 000 invånare", *(VIOLENCE[y] for y in YEARS)],
        ["Riket", "Anmälda våldsbrott", "per 100 000 invånare", *(RIKET[y] for y in YEARS)],
        ["Älvstads kommun", "Folkmängd", "antal", *(POPULATION[y] for y in YEARS)],
        ["Riket", "Folkmängd", "antal", *(RIKET_POP[y] for y in YEARS)],
        ["Älvstad", "Bostadsinbrott", "antal", 40, 44, 38, 41, 35, 20, 18],
    ]


def long_sheet() -> list[list]:
    return [
        ["År", "Indikator", "Område", "Värde", "Antal svarande", "Enhet"],
        [2019, "Otrygga ute sent på kvällen", "", "31", 300, "procent"],
        [2021, "Otrygga ute sent på kvällen", "", "29,5", 310, "procent"],
        [2023, "Otrygga ute sent på kvällen", "", "27", 295, "procent"],
        [2024, "Otrygga ute sent på kvällen", "", "26 %", 305, "procent"],
        [2019, "Otrygga ute sent på kvällen", "Riket", 28, 60_000, "procent"],
        [2024, "Otrygga ute sent på kvällen", "Riket", 27, 61_000, "procent"],
        [2019, "Trygghetsindex", "", 1.9, None, "index"],
        [2022, "Trygghetsindex", "", 1.8, None, "index"],
        [2024, "Trygghetsindex", "", 1.6, None, "index"],
    ]


def model_of(tmp_path: Path, sheets: dict[str, list[list]], extra: str = ""):
    promise_path = tmp_path / "medborgarlofte.toml"
    promise_path.write_text(SECOND_PROMISE + OUTCOMES + extra, encoding="utf-8")
    promise = load_promise(promise_path)
    path = write_workbook(tmp_path / "statistik.xlsx", sheets)
    dataset = validate_workbooks([read_workbook(path)], promise, REPORT_DATE)
    return build_model(promise, dataset, 2024, REPORT_DATE)


def test_a_rate_is_tested_with_population_years(tmp_path: Path) -> None:
    model = model_of(tmp_path, {"Kolada": kolada_sheet()})
    result = next(r for r in model.statistics if r.outcome.id == "vald")
    assert result.series.area == "Älvstad" and result.reference.area == "Riket"
    # per 100 000 became per 1 000
    assert [p.value for p in result.series.points] == [VIOLENCE[y] / 100 for y in YEARS]
    # 2023 holds the signing (1 March): in neither level
    assert [p.year for p in result.before.points] == [2018, 2019, 2020, 2021, 2022]
    assert [p.year for p in result.during.points] == [2024]
    assert [p.year for p in result.straddling] == [2023]
    before = range(2018, 2023)
    n1 = round(sum(VIOLENCE[y] / 100_000 * POPULATION[y] for y in before))
    n2 = round(VIOLENCE[2024] / 100_000 * POPULATION[2024])
    t1, t2 = sum(POPULATION[y] for y in before), POPULATION[2024]
    assert result.p_value == poisson_rates_p_value(n1, t1, n2, t2)
    # the independent computation: the conditional binomial in exact integers (the
    # populations are whole numbers, so every probability is an integer over (t1 + t2)^n)
    n = n1 + n2
    weights = [math.comb(n, k) * t1**k * t2 ** (n - k) for k in range(n + 1)]
    observed = weights[n1]
    extreme = sum(w for w in weights if w * 10_000_000 <= observed * 10_000_001)
    assert math.isclose(result.p_value, extreme / (t1 + t2) ** n, rel_tol=1e-9)
    assert result.secured and result.better
    assert "befolkningsår" in result.test
    assert "Förändringen är säkerställd" in result.sentence and "minskning" in result.sentence
    assert "2023, då löftet tecknades, räknas till ingen av delarna" in result.sentence
    assert "(snitt 2018–2022)" in result.sentence and "(2024)" in result.sentence
    comparison = result.comparison
    assert comparison.area == "Riket" and comparison.point.year == 2024
    assert comparison.secured  # 9.4 against 10.8 per 1 000, on 24 600 inhabitants


def test_a_rate_without_population_is_not_tested_and_says_why(tmp_path: Path) -> None:
    sheet = [row for row in kolada_sheet() if row[1:2] != ["Folkmängd"]]
    model = model_of(tmp_path, {"Kolada": sheet})
    result = next(r for r in model.statistics if r.outcome.id == "vald")
    assert result.p_value is None and not result.secured and result.better is None
    assert "befolkningen saknas för 2018, 2019, 2020, 2021, 2022, 2024" in result.sentence
    assert "Om nivån har förändrats kan inte avgöras" in result.sentence
    assert "minskning" not in result.sentence and "säkerställd" not in result.sentence


def test_the_promise_file_gives_the_municipality_population(tmp_path: Path) -> None:
    sheet = [row for row in kolada_sheet() if row[1:2] != ["Folkmängd"]]
    extra = "\n[befolkning]\n" + "\n".join(f"{y} = {POPULATION[y]}" for y in YEARS) + "\n"
    model = model_of(tmp_path, {"Kolada": sheet}, extra)
    result = next(r for r in model.statistics if r.outcome.id == "vald")
    assert result.p_value is not None and result.secured
    assert result.comparison.p_value is None  # Riket's population is not known


def test_a_count_uses_the_years_as_exposure(tmp_path: Path) -> None:
    model = model_of(tmp_path, {"Kolada": kolada_sheet()})
    result = next(r for r in model.statistics if r.outcome.id == "inbrott")
    assert result.before.value == (40 + 44 + 38 + 41 + 35) / 5
    # a population is known for every year: population-years
    t1 = sum(POPULATION[y] for y in range(2018, 2023))
    assert result.p_value == poisson_rates_p_value(198, t1, 18, POPULATION[2024])
    assert result.comparison is None  # no reference for this indicator


def test_a_share_is_tested_with_the_two_proportion_test(tmp_path: Path) -> None:
    model = model_of(tmp_path, {"NTU": long_sheet()})
    result = next(r for r in model.statistics if r.outcome.id == "otrygg")
    assert result.before.value == (31 * 300 + 29.5 * 310) / 610
    assert result.during.value == 26.0  # 2023 holds the signing
    assert result.test == "test av två andelar" and result.p_value is not None
    assert not result.secured
    assert "Skillnaden är inte säkerställd" in result.sentence
    assert "minskning" not in result.sentence
    assert result.comparison.area == "Riket" and result.comparison.p_value is not None


def test_an_index_without_respondents_is_never_tested(tmp_path: Path) -> None:
    model = model_of(tmp_path, {"NTU": long_sheet()})
    result = next(r for r in model.statistics if r.outcome.id == "trygghet")
    assert result.p_value is None and result.before.value == 1.85
    assert "ett index utan antal svarande kan inte testas" in result.sentence
    assert model.statistics_in("skolvag") == (result,)


def test_the_overview_has_one_row_per_outcome(tmp_path: Path) -> None:
    model = model_of(tmp_path, {"Kolada": kolada_sheet(), "NTU": long_sheet()})
    groups = outcome_groups(model.outcomes, model.statistics)
    assert [g.label for g in groups] == [r.outcome.name for r in model.statistics]
    vald = next(g for g in groups if g.label == "Anmälda våldsbrott")
    (row,) = vald.rows
    assert row.value_text == "9,4 (2024)" and row.grade == "Per 1 000 invånare"
    assert row.change.text == "Säkerställd minskning – förbättring" and row.change.better
    assert row.reference.text == "Säkerställt lägre – bättre" and row.reference_area == "Riket"
    index = next(g for g in groups if g.label == "Trygghetsindex")
    assert index.rows[0].change.text == "Kan inte prövas" and index.rows[0].change.better is None


def test_outcomes_without_their_rows_are_named_in_the_notes(tmp_path: Path) -> None:
    model = model_of(tmp_path, {"NTU": long_sheet()})
    notes = [n for n in model.notes if n.startswith("Utfallet")]
    assert (
        "Utfallet ”Anmälda våldsbrott” visas inte: statistiktabellerna har ingen indikator "
        "som heter ”Anmälda våldsbrott”. Skriv indikatorns namn som i tabellen under "
        "indikator i [[utfall]]." in notes
    )


def _points(values: list[int], first: int) -> tuple[Point, ...]:
    return tuple(Point(first + i, 0, float(v)) for i, v in enumerate(values))


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.integers(0, 400), min_size=1, max_size=6),
    st.lists(st.integers(0, 400), min_size=1, max_size=6),
)
def test_count_tests_are_symmetric_and_a_probability(before: list[int], during: list[int]) -> None:
    p, name, reason = level_test("antal", _points(before, 2010), _points(during, 2020))
    q, _, _ = level_test("antal", _points(during, 2010), _points(before, 2020))
    assert p is not None and 0 <= p <= 1 and name and not reason
    assert abs(p - q) < 1e-9


@settings(max_examples=40, deadline=None)
@given(st.lists(st.floats(0, 6), min_size=1, max_size=5))
def test_an_index_is_never_called_secured(values: list[float]) -> None:
    points = tuple(Point(2010 + i, 0, v) for i, v in enumerate(values))
    later = tuple(Point(2020 + i, 0, v / 2) for i, v in enumerate(values))
    p, name, reason = level_test("index", points, later)
    assert p is None and name == "" and "index" in reason


def test_months_are_levels_too(tmp_path: Path) -> None:
    promise_path = tmp_path / "medborgarlofte.toml"
    promise_path.write_text(SECOND_PROMISE + OUTCOMES, encoding="utf-8")
    promise = load_promise(promise_path)
    months = [(2022, m) for m in range(1, 13)] + [(2023, m) for m in range(1, 13)]
    table = pd.DataFrame(
        {
            "year": [y for y, _ in months],
            "month": [m for _, m in months],
            "indicator": "Bostadsinbrott",
            "value": [4.0] * 14 + [1.0] * 10,
            "unit": None,
            "area": "Älvstad",
            "respondents": pd.array([None] * 24, dtype="Int64"),
            "population": pd.array([None] * 24, dtype="Int64"),
        }
    )
    outcome = next(o for o in promise.outcomes if o.id == "inbrott")
    result = statistics_outcome(outcome, table, promise, dt.date(2023, 12, 31))
    assert result.monthly and result.before.label == "2022-01–2023-02"
    assert result.during.label == "2023-03–2023-12" and not result.straddling
    assert math.isclose(result.p_value, poisson_rates_p_value(56, 14 / 12, 10, 10 / 12))
    assert "per månad" in result.sentence


def test_shares_of_few_respondents_are_hidden_and_counted_in_the_notes(tmp_path: Path) -> None:
    sheet = long_sheet()
    sheet[2][4] = 9  # 2021: fewer than the promise's 15
    model = model_of(tmp_path, {"NTU": sheet})
    result = next(r for r in model.statistics if r.outcome.id == "otrygg")
    assert [p.year for p in result.series.points] == [2019, 2023, 2024]
    assert result.hidden == 1
    assert (
        "Utfallet ”Otrygga ute sent på kvällen”: 1 värde med färre än 15 svarande visas inte."
        in model.notes
    )


def test_one_value_per_period_when_a_row_also_names_its_unit(tmp_path: Path) -> None:
    promise_path = tmp_path / "medborgarlofte.toml"
    promise_path.write_text(SECOND_PROMISE + OUTCOMES, encoding="utf-8")
    promise = load_promise(promise_path)
    table = pd.DataFrame(
        {
            "year": [2021, 2021, 2024],
            "month": [0, 0, 0],
            "indicator": "Bostadsinbrott",
            "value": [40.0, 41.0, 20.0],
            "unit": [None, "antal", None],
            "area": "Älvstad",
            "respondents": pd.array([None] * 3, dtype="Int64"),
            "population": pd.array([None] * 3, dtype="Int64"),
        }
    )
    outcome = next(o for o in promise.outcomes if o.id == "inbrott")
    result = statistics_outcome(outcome, table, promise, dt.date(2024, 12, 31))
    assert [(p.year, p.value) for p in result.series.points] == [(2021, 41.0), (2024, 20.0)]
    assert result.p_value == poisson_rates_p_value(41, 1.0, 20, 1.0)


def test_a_count_with_some_populations_missing_uses_the_years() -> None:
    before = (Point(2020, 0, 30.0, population=10_000), Point(2021, 0, 34.0))
    during = (Point(2024, 0, 20.0, population=10_200),)
    p, name, reason = level_test("antal", before, during)
    assert p == poisson_rates_p_value(64, 2.0, 20, 1.0) and "antalet år" in name
    assert reason == ""
