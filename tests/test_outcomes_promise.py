"""[[utfall]] in the promise file: read into Outcomes, every mistake said at its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from report.errors import InputError
from report.inputs.promise_file import load_promise
from report.promise.types import COUNT, EVENT_LOG, INDEX, RATE, STATISTICS
from tests.helpers import SECOND_PROMISE

OUTCOMES = """
[[utfall]]
id = "buller"
namn = "Klagomål på buller i centrum"
fokusomrade = "centrum"
kalla = "Händelselogg"
enhet = "antal"
lagre_ar_battre = true
handelsetyper = ["Bullerklagomål", "Fyrverkerier"]

[[utfall]]
id = "skadegorelse"
namn = "Anmälda skadegörelsebrott"
fokusomrade = "centrum"
kalla = "statistik"
enhet = "per 1000 invånare"
lagre_ar_battre = true
indikator = "Skadegörelse"

[[utfall]]
id = "trygghet"
namn = "Trygghetsindex"
fokusomrade = "skolvag"
kalla = "statistik"
enhet = "index"
lagre_ar_battre = true
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "medborgarlofte.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_outcomes_are_read(tmp_path: Path) -> None:
    promise = load_promise(write(tmp_path, SECOND_PROMISE + OUTCOMES))
    buller, skade, trygg = promise.outcomes
    assert (buller.id, buller.source, buller.unit) == ("buller", EVENT_LOG, COUNT)
    assert buller.event_types == ("Bullerklagomål", "Fyrverkerier")
    assert buller.counts(" bullerklagomål ") and not buller.counts("Skadegörelse")
    assert (skade.source, skade.unit, skade.indicator) == (STATISTICS, RATE, "Skadegörelse")
    assert (trygg.unit, trygg.indicator, trygg.focus_area) == (INDEX, "Trygghetsindex", "skolvag")
    assert [o.id for o in promise.outcomes_in("centrum")] == ["buller", "skadegorelse"]


def test_a_promise_without_outcomes_has_none(tmp_path: Path) -> None:
    assert load_promise(write(tmp_path, SECOND_PROMISE)).outcomes == ()


def line_of(text: str, needle: str, after: str = "") -> int:
    start = text.index(after) if after else 0
    return text[: text.index(needle, start)].count("\n") + 1


@pytest.mark.parametrize(
    ("old", "new", "key", "expected"),
    [
        ('kalla = "Händelselogg"', 'kalla = "Excel"', "kalla", "skriv ”händelselogg”"),
        ('enhet = "antal"', 'enhet = "stycken"', "enhet", "skriv ”antal”, ”per 1 000 invånare”"),
        ('enhet = "antal"', 'enhet = "index"', "enhet", 'enhet = "antal"'),
        ('handelsetyper = ["Bullerklagomål", "Fyrverkerier"]', "", None, "saknar"),
        ('fokusomrade = "centrum"', 'fokusomrade = "torget"', "fokusomrade", "”torget”, som"),
        ("lagre_ar_battre = true", 'lagre_ar_battre = "ja"', "lagre_ar_battre", "true eller"),
    ],
)
def test_a_mistake_in_an_outcome_is_said_at_its_line(
    tmp_path: Path, old: str, new: str, key: str | None, expected: str
) -> None:
    text = SECOND_PROMISE + OUTCOMES.replace(old, new, 1)
    with pytest.raises(InputError) as caught:
        load_promise(write(tmp_path, text))
    (problem,) = caught.value.problems
    assert expected in problem.message
    assert problem.message.startswith("Utfallet ”buller”")
    assert problem.row == line_of(text, f"{key} =" if key else "[[utfall]]", after="[[utfall]]")


def test_event_types_on_a_statistics_outcome_and_a_missing_field(tmp_path: Path) -> None:
    text = SECOND_PROMISE + OUTCOMES.replace(
        'indikator = "Skadegörelse"', 'handelsetyper = ["Skadegörelse"]'
    ).replace('enhet = "index"\n', "")
    with pytest.raises(InputError) as caught:
        load_promise(write(tmp_path, text))
    messages = [p.message for p in caught.value.problems]
    assert any("handelsetyper gäller bara" in m for m in messages)
    assert any("(id = ”trygghet”): fältet enhet saknas" in m for m in messages)


def test_two_outcomes_with_one_id(tmp_path: Path) -> None:
    text = SECOND_PROMISE + OUTCOMES.replace('id = "trygghet"', 'id = "buller"')
    with pytest.raises(InputError) as caught:
        load_promise(write(tmp_path, text))
    (problem,) = caught.value.problems
    assert "mer än ett utfall" in problem.message
    assert problem.row == text[: text.rindex('id = "buller"')].count("\n") + 1


def test_the_population_is_read_per_year(tmp_path: Path) -> None:
    text = SECOND_PROMISE + OUTCOMES + "\n[befolkning]\n2022 = 24300\n2021 = 24200\n"
    assert load_promise(write(tmp_path, text)).population == ((2021, 24200), (2022, 24300))
    assert load_promise(write(tmp_path, SECOND_PROMISE)).population == ()


def test_a_mistake_in_the_population_is_said_at_its_line(tmp_path: Path) -> None:
    text = (
        SECOND_PROMISE
        + OUTCOMES
        + '\n[befolkning]\n2021 = 24200\n2022 = "24 300"\nforra = 24000\n2023 = 0\n'
    )
    with pytest.raises(InputError) as caught:
        load_promise(write(tmp_path, text))
    found = sorted((p.row, p.message) for p in caught.value.problems)
    assert found == [
        (
            line_of(text, "2022 ="),
            "[befolkning] 2022 ska vara ett heltal mellan 1 och 100 000 000 (utan "
            "citattecken), inte ”24 300”.",
        ),
        (
            line_of(text, "forra ="),
            "[befolkning]: ”forra” är inget år. Skriv året och antalet invånare, t.ex. "
            "2021 = 11643.",
        ),
        (
            line_of(text, "2023 ="),
            "[befolkning] 2023 ska vara ett heltal mellan 1 och 100 000 000 (utan "
            "citattecken), inte 0.",
        ),
    ]
