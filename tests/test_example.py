"""Tests for the fictitious example exports (report/example.py and example/*.xlsx)."""

from __future__ import annotations

import datetime as dt
import tomllib
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from scripts.example.generate import main

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE_DIR = ROOT / "example"
PROMISE_FILE = EXAMPLE_DIR / "medborgarlofte.toml"

FILES = (
    "aktiviteter-polisen.xlsx",
    "aktiviteter-kommunen.xlsx",
    "enkat-elsa.xlsx",
    "enkat-drogvanor.xlsx",
    "klagomal-kommunen.xlsx",
    "anmalda-brott.xlsx",
    "trygghetsmatning.xlsx",
)
SURVEY_FILES = {"enkat-elsa.xlsx": "ELSA", "enkat-drogvanor.xlsx": "Drogvanor"}

EXPECTED_2023 = {
    "trafikkontroller": 66,
    "trafikmiljo": 0,
    "trafiksamverkan": 3,
    "ssp": 10,
    "tidig-upptackt": 5,
    "forebyggande": 23,
    "patrullering": 128,
    "trygghetsradet": 4,
    "naringsliv": 2,
}

Row = tuple[Any, ...]


def sheet_values(path: Path) -> dict[str, list[Row]]:
    wb = openpyxl.load_workbook(path, read_only=True)
    try:
        return {ws.title: list(ws.iter_rows(values_only=True)) for ws in wb.worksheets}
    finally:
        wb.close()


@pytest.fixture(scope="module")
def committed() -> dict[str, dict[str, list[Row]]]:
    return {name: sheet_values(EXAMPLE_DIR / name) for name in FILES}


@pytest.fixture(scope="module")
def promise() -> dict[str, Any]:
    with PROMISE_FILE.open("rb") as f:
        return tomllib.load(f)


@pytest.fixture(scope="module")
def activity_ids(promise: dict[str, Any]) -> dict[str, str]:
    """Every name an activity can have in an export (casefolded) -> activity id."""
    names: dict[str, str] = {}
    for activity in promise["aktiviteter"]:
        for name in (activity["id"], activity["namn"], *activity.get("alias", [])):
            names[name.casefold()] = activity["id"]
    return names


def records(rows: list[Row], header_row: int) -> list[dict[str, Any]]:
    header = rows[header_row]
    return [dict(zip(header, row, strict=True)) for row in rows[header_row + 1 :]]


def as_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value)


def police_records(committed: dict[str, dict[str, list[Row]]]) -> list[dict[str, Any]]:
    rows = committed["aktiviteter-polisen.xlsx"]["Aktivitetslogg"]
    return records(rows, 3)


def municipality_records(committed: dict[str, dict[str, list[Row]]]) -> list[dict[str, Any]]:
    return records(committed["aktiviteter-kommunen.xlsx"]["Blad1"], 0)


def yearly_totals(
    committed: dict[str, dict[str, list[Row]]], activity_ids: dict[str, str]
) -> dict[str, Counter[int]]:
    totals: dict[str, Counter[int]] = defaultdict(Counter)
    for rec in police_records(committed):
        activity = activity_ids[rec["Typ av aktivitet"].casefold()]
        totals[activity][as_date(rec["Händelsedatum"]).year] += rec["Antal tillfällen"]
    for rec in municipality_records(committed):
        activity = activity_ids[rec["Aktivitet"].casefold()]
        totals[activity][as_date(rec["Datum"]).year] += rec["Antal"] or 1
    return totals


def survey_records(committed: dict[str, dict[str, list[Row]]]) -> list[dict[str, Any]]:
    return [
        rec for name, sheet in SURVEY_FILES.items() for rec in records(committed[name][sheet], 0)
    ]


# ---------------------------------------------------------------------------
#  Determinism
# ---------------------------------------------------------------------------
def test_regenerated_files_equal_committed(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    committed: dict[str, dict[str, list[Row]]],
) -> None:
    outdir = tmp_path / "ut"
    assert main([str(outdir)]) == 0  # main prints the paths write_example returns
    printed = capsys.readouterr().out.splitlines()
    assert printed == [str(outdir / name) for name in FILES]
    assert sorted(p.name for p in outdir.iterdir()) == sorted(FILES)
    for name in FILES:
        assert sheet_values(outdir / name) == committed[name], name


def test_fixed_metadata() -> None:
    wb = openpyxl.load_workbook(EXAMPLE_DIR / "aktiviteter-polisen.xlsx")
    assert wb.properties.created == dt.datetime(2024, 1, 15, 8, 0)
    assert wb.properties.modified == dt.datetime(2024, 1, 15, 8, 0)


# ---------------------------------------------------------------------------
#  Activity logs
# ---------------------------------------------------------------------------
def test_police_log_layout(committed: dict[str, dict[str, list[Row]]]) -> None:
    rows = committed["aktiviteter-polisen.xlsx"]["Aktivitetslogg"]
    assert rows[0][0] == "Lpo Torsby – aktivitetslogg medborgarlöfte Hagfors"
    assert "FIKTIVA EXEMPELUPPGIFTER" in rows[1][0]
    assert all(value is None for value in rows[2])
    assert rows[3] == ("Händelsedatum", "Typ av aktivitet", "Antal tillfällen", "Plats")
    for rec in police_records(committed):
        assert isinstance(rec["Händelsedatum"], dt.datetime)
        assert rec["Antal tillfällen"] in (1, 2, 3)
        assert rec["Plats"]


def test_municipality_log_layout(committed: dict[str, dict[str, list[Row]]]) -> None:
    rows = committed["aktiviteter-kommunen.xlsx"]["Blad1"]
    assert rows[0] == ("Datum", "Aktivitet", "Antal", "Ansvarig", "Plats", "Kommentar")
    recs = municipality_records(committed)
    text_dates = [rec["Datum"] for rec in recs if isinstance(rec["Datum"], str)]
    assert len(text_dates) == 5
    for value in text_dates:
        assert dt.date.fromisoformat(value).isoformat() == value
    assert {rec["Ansvarig"] for rec in recs} == {"Kommunen", "Polisen och kommunen", None}
    assert any(rec["Antal"] is None for rec in recs)


def test_logs_cover_three_years(committed: dict[str, dict[str, list[Row]]]) -> None:
    dates = [as_date(rec["Händelsedatum"]) for rec in police_records(committed)]
    dates += [as_date(rec["Datum"]) for rec in municipality_records(committed)]
    assert min(dates) >= dt.date(2021, 1, 1)
    assert max(dates) <= dt.date(2023, 12, 31)
    by_month = Counter(d.month for d in dates)
    assert by_month[7] < min(count for month, count in by_month.items() if month != 7)


def test_activity_names_vary(committed: dict[str, dict[str, list[Row]]]) -> None:
    names = {rec["Typ av aktivitet"] for rec in police_records(committed)}
    assert "trafikkontroll" in names  # lower case, as typed by hand
    assert {"Trafikkontroll", "Hastighetskontroll", "Nykterhetskontroll"} <= names


def test_each_activity_in_exactly_one_file(
    committed: dict[str, dict[str, list[Row]]], activity_ids: dict[str, str]
) -> None:
    police = {activity_ids[r["Typ av aktivitet"].casefold()] for r in police_records(committed)}
    municipality = {
        activity_ids[r["Aktivitet"].casefold()] for r in municipality_records(committed)
    }
    assert police == {"trafikkontroller", "patrullering", "ssp", "trygghetsradet", "naringsliv"}
    assert municipality == {"trafikmiljo", "trafiksamverkan", "tidig-upptackt", "forebyggande"}


def test_yearly_totals_2023(
    committed: dict[str, dict[str, list[Row]]], activity_ids: dict[str, str]
) -> None:
    totals = yearly_totals(committed, activity_ids)
    assert {activity: totals[activity][2023] for activity in EXPECTED_2023} == EXPECTED_2023
    assert totals["trafikmiljo"][2021] > 0
    assert totals["trafikmiljo"][2022] > 0
    for activity in EXPECTED_2023:
        assert totals[activity][2021] > 0
        assert totals[activity][2022] > 0


# ---------------------------------------------------------------------------
#  Surveys
# ---------------------------------------------------------------------------
def test_survey_layout_and_types(
    committed: dict[str, dict[str, list[Row]]], promise: dict[str, Any]
) -> None:
    survey_of = {ind["id"]: ind["undersokning"] for ind in promise["indikatorer"]}
    for name, sheet in SURVEY_FILES.items():
        assert list(committed[name]) == [sheet]
        assert committed[name][sheet][0] == (
            "År",
            "Undersökning",
            "Årskurs",
            "Kön",
            "Indikator",
            "Andel",
            "Antal svarande",
            "Område",
        )
    for rec in survey_records(committed):
        assert type(rec["År"]) is int
        assert type(rec["Antal svarande"]) is int
        assert isinstance(rec["Andel"], int | float)
        assert 0 <= rec["Andel"] <= 100
        assert round(rec["Andel"], 1) == rec["Andel"]
        assert survey_of[rec["Indikator"]] == rec["Undersökning"]
        assert rec["Kön"] in ("Flickor", "Pojkar", "Alla")
        assert rec["Område"] in ("Hagfors", "Värmland")


def test_all_rows_consistent_with_sexes(committed: dict[str, dict[str, list[Row]]]) -> None:
    groups: dict[tuple[Any, ...], dict[str, dict[str, Any]]] = defaultdict(dict)
    for rec in survey_records(committed):
        key = tuple(rec[c] for c in ("Undersökning", "År", "Årskurs", "Indikator", "Område"))
        assert rec["Kön"] not in groups[key]
        groups[key][rec["Kön"]] = rec
    for key, by_sex in groups.items():
        assert set(by_sex) == {"Flickor", "Pojkar", "Alla"}, key
        girls, boys, both = by_sex["Flickor"], by_sex["Pojkar"], by_sex["Alla"]
        n = girls["Antal svarande"] + boys["Antal svarande"]
        assert both["Antal svarande"] == n, key
        weighted = (
            girls["Andel"] * girls["Antal svarande"] + boys["Andel"] * boys["Antal svarande"]
        ) / n
        # Each published share is rounded to 0.1: at most 0.05 + 0.05 apart.
        assert abs(both["Andel"] - weighted) <= 0.1 + 1e-9, key


def test_exactly_one_small_group(committed: dict[str, dict[str, list[Row]]]) -> None:
    small = [rec for rec in survey_records(committed) if rec["Antal svarande"] < 10]
    groups = {
        tuple(rec[c] for c in ("Undersökning", "År", "Årskurs", "Område", "Kön")) for rec in small
    }
    assert groups == {("Elevers drogvanor", 2013, "gy 2", "Hagfors", "Flickor")}
    assert {rec["Antal svarande"] for rec in small} == {8}
    indicators_2013 = {
        rec["Indikator"]
        for rec in survey_records(committed)
        if rec["Undersökning"] == "Elevers drogvanor" and rec["År"] == 2013
    }
    assert {rec["Indikator"] for rec in small} == indicators_2013


def test_survey_years(committed: dict[str, dict[str, list[Row]]]) -> None:
    years: dict[tuple[str, str], set[int]] = defaultdict(set)
    for rec in survey_records(committed):
        years[(rec["Undersökning"], rec["Område"])].add(rec["År"])
    assert years[("ELSA", "Hagfors")] == set(range(2016, 2024)) - {2020}
    assert years[("ELSA", "Värmland")] == set(range(2016, 2024))
    assert years[("Elevers drogvanor", "Hagfors")] == set(range(2013, 2024, 2))
    assert years[("Elevers drogvanor", "Värmland")] == set(range(2013, 2024, 2))
    vaping = {rec["År"] for rec in survey_records(committed) if rec["Indikator"] == "ed-vejp"}
    assert vaping == {2019, 2021, 2023}


def test_survey_grades(committed: dict[str, dict[str, list[Row]]]) -> None:
    grades: dict[str, set[str]] = defaultdict(set)
    for rec in survey_records(committed):
        grades[rec["Indikator"]].add(rec["Årskurs"])
    assert grades["elsa-trygg"] == {"åk 4", "åk 7", "gy 1"}
    assert grades["elsa-alkohol"] == grades["elsa-snus"] == {"åk 7", "gy 1"}
    for indicator in ("ed-alkohol", "ed-rokt", "ed-vejp", "ed-snus", "ed-narkotika"):
        assert grades[indicator] == {"åk 9", "gy 2"}
    assert grades["ed-erbjuden-narkotika"] == {"åk 9", "gy 2"}


def test_the_complaint_log_has_the_shape_the_promise_describes(
    committed: dict[str, dict[str, list[Row]]],
) -> None:
    """Fridays and Saturdays in the evening, a summer peak, falling after the signing."""
    import datetime as dt

    rows = committed["klagomal-kommunen.xlsx"]["Klagomål"]
    assert rows[0] == ("Datum", "Händelsetyp", "Plats", "Kommentar")
    times = [r[0] for r in rows[1:] if r[1] in ("Störande trafik", "Hög musik från fordon")]
    weekend_evenings = sum(
        1
        for t in times
        if (t.weekday() in (4, 5) and t.hour >= 18) or (t.weekday() in (5, 6) and t.hour < 5)
    )
    assert weekend_evenings / len(times) > 0.4
    summer = sum(1 for t in times if t.month in (6, 7, 8))
    assert summer / len(times) > 0.35
    signed = dt.datetime(2022, 6, 14)
    before = sum(1 for t in times if t < signed) / (signed - dt.datetime(2019, 1, 1)).days
    during = sum(1 for t in times if t >= signed) / (dt.datetime(2024, 1, 1) - signed).days
    assert during < 0.85 * before


def test_the_statistics_tables_are_realistic_and_name_the_promises_municipality(
    committed: dict[str, dict[str, list[Row]]], promise: dict[str, Any]
) -> None:
    """Reported crimes per 1 000 inhabitants since 2015 for the municipality and the county,
    with the population behind each rate; a safety index every other year."""
    municipality = promise["lofte"]["kommun"]
    rows = records(committed["anmalda-brott.xlsx"]["Anmälda brott"], 1)
    assert {r["Område"] for r in rows} == {municipality, "Värmlands län"}
    assert {r["År"] for r in rows} == set(range(2015, 2025))
    for r in rows:
        people = r["Befolkning"]
        own = r["Område"] == municipality
        assert (10_000 <= people <= 13_000) if own else (250_000 <= people <= 300_000)
        low, high = (5, 15) if r["Brottstyp"] == "Skadegörelse" else (0.5, 4)
        assert low <= r["Värde"] <= high, r
        # a rate of whole crimes, rounded to one decimal
        count = r["Värde"] * people / 1000
        assert abs(count - round(count)) <= 0.05 * people / 1000 + 1e-9
    wanted = {u["indikator"] for u in promise["utfall"] if u["kalla"] == "statistik"}
    safety = committed["trygghetsmatning.xlsx"]["Trygghetsmätning"]
    assert safety[0][:3] == ("Område", "Indikator", "Enhet")
    assert wanted == {r["Brottstyp"] for r in rows} | {safety[1][1]}
    assert safety[1][0] == municipality and all(0 <= v <= 6 for v in safety[1][3:])


def test_the_statistics_follow_another_promise_file(tmp_path: Path) -> None:
    from scripts.example.rng import Rng
    from scripts.example.stats import crime_rows, municipality_name

    text = PROMISE_FILE.read_text(encoding="utf-8")
    other = tmp_path / "medborgarlofte.toml"
    other.write_text(text.replace('kommun = "Hagfors"', 'kommun = "Älvstad"'), encoding="utf-8")
    assert municipality_name(other) == "Älvstad"
    rows = crime_rows(Rng(1), "Älvstad")
    assert {r[1] for r in rows} == {"Älvstad", "Värmlands län"}
    assert crime_rows(Rng(1), "Älvstad") == rows  # seeded: the same every time
