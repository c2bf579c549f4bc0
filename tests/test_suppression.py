"""Small groups: no hidden value, and nothing it could be worked out from, reaches the model –
and so nothing reaches the charts, tables, sentences, PDF or anything built from the model."""

from __future__ import annotations

import dataclasses
import math
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from report.charts.survey_data import HIDDEN, chart_data, table_rows
from report.inputs.promise_file import load_promise
from report.model.indicators import Finding, SurveyPoint, build_indicators, key_findings
from tests.helpers import PROMISE

PROMISE_MODEL = load_promise(PROMISE)
THRESHOLD = PROMISE_MODEL.min_respondents
COLUMNS = ["year", "survey", "grade", "sex", "indicator", "value", "respondents", "area"]
HIDDEN_MARK = 0.37  # the fraction every value of a small group carries in these tests

INDICATORS = {
    "elsa-trygg": ("ELSA", ("åk 4", "åk 7"), (2019, 2020, 2021, 2022, 2023)),
    "ed-snus": ("Elevers drogvanor", ("åk 9", "gy 2"), (2019, 2021, 2023)),
}
SEXES = ("Flickor", "Pojkar", "Alla", "Vill ej ange")
AREAS = ("Hagfors", "Värmland")


@st.composite
def survey_cells(draw) -> dict[tuple, tuple[int | None, int]]:
    """(indicator, grade, year, area, sex) -> (respondents or None, whole percent)."""
    keys = [
        (ind, grade, year, area, sex)
        for ind, (_, grades, years) in INDICATORS.items()
        for grade in grades
        for year in years
        for area in AREAS
        for sex in SEXES
    ]
    chosen = draw(st.lists(st.sampled_from(keys), min_size=1, max_size=60, unique=True))
    counts = st.one_of(st.none(), st.integers(0, 12), st.integers(10, 300))
    return {key: (draw(counts), draw(st.integers(1, 98))) for key in chosen}


def frame_of(cells: dict[tuple, tuple[int | None, int]]) -> pd.DataFrame:
    """Values of small groups get a tell-tale fraction, so any trace of them is visible."""
    small = small_groups(cells)
    rows = []
    for (ind, grade, year, area, sex), (n, whole) in cells.items():
        value = whole + HIDDEN_MARK if (ind, grade, year, area) in small else float(whole)
        rows.append((year, INDICATORS[ind][0], grade, sex, ind, value, n, area))
    return pd.DataFrame(rows, columns=COLUMNS)


def small_groups(cells: dict[tuple, tuple[int | None, int]]) -> set[tuple]:
    return {key[:4] for key, (n, _) in cells.items() if n is not None and n < THRESHOLD}


def walk(obj: Any) -> Iterator[Any]:
    """Every dataclass instance reachable from obj."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        yield obj
        for field in dataclasses.fields(obj):
            yield from walk(getattr(obj, field.name))
    elif isinstance(obj, tuple | list):
        for item in obj:
            yield from walk(item)


def has_mark(value: float | None) -> bool:
    return value is not None and math.isclose(value % 1, HIDDEN_MARK, abs_tol=1e-9)


def reconstruct(
    shown: dict[tuple, tuple[float, int]], categories: dict[tuple, set[str]]
) -> dict[tuple, float]:
    """What an attacker works out from what is shown: in a group, Alla times its count is
    the sum over the sexes, so one missing sex follows from Alla and all the others."""
    found = {}
    for group, sexes in categories.items():
        if (*group, "Alla") not in shown:
            continue
        total_value, total_n = shown[(*group, "Alla")]
        missing = [s for s in sexes - {"Alla"} if (*group, s) not in shown]
        if len(missing) != 1:
            continue
        known = [shown[(*group, s)] for s in sexes - {"Alla"} - set(missing)]
        rest_n = total_n - sum(n for _, n in known)
        if rest_n > 0:
            found[(*group, missing[0])] = (
                total_value * total_n - sum(v * n for v, n in known)
            ) / rest_n
    return found


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(survey_cells())
def test_no_hidden_value_can_be_worked_out_from_the_model(cells) -> None:
    small = small_groups(cells)
    results = build_indicators(PROMISE_MODEL, frame_of(cells))
    shown: dict[tuple, tuple[float, int]] = {}
    for result in results:
        for series in result.series:
            for point in series.points:
                key = (result.indicator.id, series.grade, point.year, series.area, series.sex)
                assert key in cells
                n, whole = cells[key]
                if key[:4] in small:
                    # The whole group is hidden: value, count and interval.
                    assert point.suppressed
                    assert (point.value, point.respondents, point.low, point.high) == (
                        None,
                        None,
                        None,
                        None,
                    )
                else:
                    assert not point.suppressed
                    assert point.value == whole and point.respondents == n
                    assert (point.low is None) == (not n)
                    if n:
                        shown[key] = (point.value, n)
    # Nothing anywhere in the model carries a hidden value or a small count.
    for node in walk((results, key_findings(results))):
        if isinstance(node, SurveyPoint):
            assert not has_mark(node.value)
            assert node.respondents is None or node.respondents >= THRESHOLD
        if isinstance(node, Finding):
            for value in (
                node.value,
                node.previous_value,
                node.reference_value,
                node.girls,
                node.boys,
            ):
                assert not has_mark(value), node.sentence
    # Working back from what is shown gives no hidden value.
    categories: dict[tuple, set[str]] = defaultdict(set)
    for key in cells:
        categories[key[:4]].add(key[4])
    for key in reconstruct(shown, categories):
        assert key[:4] not in small
    # Charts and tables built from the model show a gap and a dash, never the value.
    for result in results:
        data = chart_data(result)
        for line in data.lines:
            for year, value in zip(line.years, line.values, strict=True):
                group = (result.indicator.id, line.grade, year, line.area)
                assert (value is None) if group in small else not has_mark(value)
            for band in line.bands:
                for year in band.years:
                    assert (result.indicator.id, line.grade, year, line.area) not in small
        for label in data.labels:
            assert not has_mark(label.value)
        for row in table_rows(result):
            area, sex = (
                (row.group.removesuffix(", alla"), "Alla")
                if row.is_reference
                else ("Hagfors", row.group)
            )
            for year, cell in zip(result.table_years, row.cells, strict=True):
                key = (result.indicator.id, row.grade, year, area, sex)
                if key in cells and key[:4] in small:
                    assert cell == HIDDEN


def test_the_attacker_in_the_property_would_find_an_unprotected_value() -> None:
    """The reconstruction above is a real attack: with only the small cell itself hidden,
    Alla and Pojkar with their counts give Flickor back."""
    shown = {
        ("i", "åk 9", 2023, "Hagfors", "Alla"): (30.0, 48),
        ("i", "åk 9", 2023, "Hagfors", "Pojkar"): (25.0, 40),
    }
    categories = {("i", "åk 9", 2023, "Hagfors"): {"Alla", "Pojkar", "Flickor"}}
    (value,) = reconstruct(shown, categories).values()
    assert value == (30.0 * 48 - 25.0 * 40) / 8  # 55 % of the 8 girls


def test_example_small_group_is_hidden_everywhere(example_report) -> None:
    """The example's one small group (Elevers drogvanor, gy 2, 2013, girls n = 8): the whole
    group is hidden for every indicator, in the model, the charts and the tables."""
    model = example_report.result.model
    drug_survey = [
        i
        for i in model.indicators
        if i.indicator.survey == "Elevers drogvanor" and i.table_years[0] == 2013
    ]  # vaping is asked from 2019
    assert len(drug_survey) == 5
    for result in drug_survey:
        assert result.has_suppressed
        for series in result.series:
            point = series.at(2013)
            hidden = series.grade == "gy 2" and not series.is_reference
            assert point is not None
            assert point.suppressed == hidden
            if hidden:
                assert (point.value, point.respondents, point.low, point.high) == (
                    None,
                    None,
                    None,
                    None,
                )
        gy2 = next(
            line
            for line in chart_data(result).lines
            if line.grade == "gy 2" and not line.is_reference
        )
        assert gy2.years[0] == 2013 and gy2.values[0] is None
        hidden_rows = [r for r in table_rows(result) if r.grade == "gy 2" and not r.is_reference]
        assert [r.cells[0] for r in hidden_rows] == [HIDDEN] * 3
    for node in walk(model):
        if isinstance(node, SurveyPoint) and node.respondents is not None:
            assert node.respondents >= THRESHOLD
