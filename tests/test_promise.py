"""The promise file: the shipped one is complete, and every kind of mistake is explained."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from report.errors import InputError
from report.inputs.promise_file import load_promise
from report.promise.types import add_years
from report.vocabulary import MUNICIPALITY, POLICE, parse_responsible
from tests.helpers import PROMISE

SHIPPED = PROMISE.read_text(encoding="utf-8")


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "medborgarlofte.toml"
    path.write_text(text, encoding="utf-8")
    return path


def messages(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(InputError) as caught:
        load_promise(write(tmp_path, text))
    return [p.message for p in caught.value.problems]


def test_shipped_promise_holds_the_seed() -> None:
    promise = load_promise(PROMISE)
    assert promise.signed == dt.date(2022, 6, 14)
    assert promise.period_end == dt.date(2024, 6, 13)
    assert promise.forum == "Trygghetsrådet"
    assert [p.signatory for p in promise.parties] == ["Jens Fischer", "Henrik Gustavsson"]
    assert [a.name for a in promise.focus_areas] == [
        "Trafikmiljön",
        "Alkohol och droganvändningen",
        "Tryggheten",
    ]
    assert len(promise.activities) == 9
    assert [
        sum(a.focus_area == area.id for a in promise.activities) for area in promise.focus_areas
    ] == [3, 3, 3]
    assert promise.activity("trafikkontroller").responsible == {POLICE}
    assert promise.activity("trafikmiljo").responsible == {MUNICIPALITY}
    assert promise.activity("ssp").responsible == {POLICE, MUNICIPALITY}
    assert all(a.yearly_target > 0 and a.aliases for a in promise.activities)
    assert {i.survey for i in promise.indicators} == {"ELSA", "Elevers drogvanor"}
    assert not promise.indicator("elsa-trygg").lower_is_better
    assert promise.indicator("ed-alkohol").lower_is_better
    assert promise.min_respondents == 10


def test_syntax_error_names_line_and_column(tmp_path: Path) -> None:
    broken = SHIPPED.replace('titel = "Medborgarlöfte', 'titel "Medborgarlöfte', 1)
    line = next(n for n, text in enumerate(broken.splitlines(), 1) if text.startswith("titel "))
    with pytest.raises(InputError) as caught:
        load_promise(write(tmp_path, broken))
    (problem,) = caught.value.problems
    assert problem.row == line
    assert problem.message.startswith("Syntaxfel i kolumn 7: det saknas ett = efter namnet.")


def test_unknown_key_missing_field_duplicate_and_bad_reference(tmp_path: Path) -> None:
    text = SHIPPED.replace("mal_per_ar = 60", "mal_per_aar = 60", 1).replace(
        'id = "trafikmiljo"\nfokusomrade = "trafik"', 'id = "ssp"\nfokusomrade = "trafikk"', 1
    )
    found = messages(tmp_path, text)
    assert any("okänt fält mal_per_aar" in m for m in found)
    assert any("fältet mal_per_ar saknas" in m for m in found)
    text = SHIPPED.replace(
        'id = "trafikmiljo"\nfokusomrade = "trafik"', 'id = "ssp"\nfokusomrade = "trafikk"', 1
    )
    found = messages(tmp_path, text)
    assert any("”trafikk”, som inte finns" in m for m in found)
    assert any("Id ”ssp” används för mer än en aktivitet" in m for m in found)


def test_problem_points_at_the_line(tmp_path: Path) -> None:
    text = SHIPPED.replace(
        'ansvarig = "Polisen"\nmal_per_ar = 60', 'ansvarig = "Skolan"\nmal_per_ar = 60', 1
    )
    with pytest.raises(InputError) as caught:
        load_promise(write(tmp_path, text))
    (problem,) = caught.value.problems
    assert "ansvarig = ”Skolan”" in problem.message
    assert text.splitlines()[problem.row - 1] == 'ansvarig = "Skolan"'


def test_unknown_section_and_wrong_types(tmp_path: Path) -> None:
    text = SHIPPED + "\n[extra]\nx = 1\n"
    text = text.replace("minsta_antal_svarande = 10", 'minsta_antal_svarande = "tio"')
    found = messages(tmp_path, text)
    assert any("Okänt avsnitt [extra]" in m for m in found)
    assert any("minsta_antal_svarande ska vara ett heltal" in m for m in found)


def test_alias_used_by_two_activities(tmp_path: Path) -> None:
    text = SHIPPED.replace(
        'alias = ["Trafikkontroll", "Hastighetskontroll"',
        'alias = ["Trafikkontroll", "SSP", "Hastighetskontroll"',
        1,
    )
    assert any(
        "används för både ”trafikkontroller” och ”ssp”" in m for m in messages(tmp_path, text)
    )


def test_missing_promise_file_and_wrong_encoding(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"saknas\.toml finns inte i mappen"):
        load_promise(tmp_path / "saknas.toml")
    path = tmp_path / "medborgarlofte.toml"
    path.write_bytes(SHIPPED.encode("cp1252", errors="replace"))
    with pytest.raises(InputError, match="UTF-8"):
        load_promise(path)


def test_shipped_file_parses_as_plain_toml() -> None:
    data = tomllib.loads(SHIPPED)
    assert {a["fokusomrade"] for a in data["aktiviteter"]} == {
        f["id"] for f in data["fokusomraden"]
    }


@pytest.mark.parametrize(
    ("text", "parties"),
    [
        ("Polisen", {POLICE}),
        ("Kommunen", {MUNICIPALITY}),
        ("Kommunen och polisen", {POLICE, MUNICIPALITY}),
        ("Polisen och kommunen", {POLICE, MUNICIPALITY}),
        ("Båda", {POLICE, MUNICIPALITY}),
        ("Skolan", set()),
    ],
)
def test_parse_responsible(text: str, parties: set[str]) -> None:
    assert parse_responsible(text) == parties


def test_period_over_leap_day() -> None:
    assert add_years(dt.date(2024, 2, 29), 2) == dt.date(2026, 2, 28)
    assert add_years(dt.date(2022, 6, 14), 2) == dt.date(2024, 6, 14)


@given(
    st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2090, 12, 31)),
    st.integers(min_value=1, max_value=5),
)
def test_add_years_keeps_month_and_moves_years(day: dt.date, years: int) -> None:
    later = add_years(day, years)
    assert later.year == day.year + years
    assert later.month == day.month
    assert later.day == day.day or (day.month, day.day, later.day) == (2, 29, 28)
