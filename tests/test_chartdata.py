"""Chart data and tables of the survey indicators: honest time axes, and every number a chart
prints is in its table."""

from __future__ import annotations

import itertools

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from report.charts.survey_data import (
    HIDDEN,
    NO_MEASUREMENT,
    chart_data,
    line_years,
    spread,
    table_rows,
)
from report.inputs.promise_file import load_promise
from report.model.indicators import build_indicators
from tests.helpers import PROMISE

PROMISE_MODEL = load_promise(PROMISE)
COLUMNS = ["year", "survey", "grade", "sex", "indicator", "value", "respondents", "area"]


def indicator(rows: list[tuple], indicator_id: str | None = None):
    results = build_indicators(PROMISE_MODEL, pd.DataFrame(rows, columns=COLUMNS))
    if indicator_id is None:
        (result,) = results
        return result
    return next(r for r in results if r.indicator.id == indicator_id)


def elsa(
    year: int,
    value: float,
    grade: str = "åk 7",
    area: str = "Hagfors",
    n: int = 90,
    sex: str = "Alla",
    indicator_id: str = "elsa-trygg",
) -> tuple:
    return (year, "ELSA", grade, sex, indicator_id, value, n, area)


def drug(
    year: int,
    value: float,
    grade: str = "åk 9",
    area: str = "Hagfors",
    n: int = 90,
    sex: str = "Alla",
) -> tuple:
    return (year, "Elevers drogvanor", grade, sex, "ed-rokt", value, n, area)


def test_a_missing_year_in_a_yearly_series_is_a_gap_in_line_and_band() -> None:
    result = indicator(
        [elsa(y, 85.0 + i) for i, y in enumerate((2016, 2017, 2018, 2019, 2021, 2022, 2023))]
        + [elsa(y, 86.0, area="Värmland", n=2000) for y in range(2016, 2024)]
    )
    data = chart_data(result)
    local, reference = data.lines
    assert local.years == tuple(range(2016, 2024))
    assert local.values[4] is None and None not in local.values[:4] + local.values[5:]
    assert [band.years for band in local.bands] == [(2016, 2017, 2018, 2019), (2021, 2022, 2023)]
    assert reference.is_reference and None not in reference.values
    assert data.ticks == tuple(range(2016, 2024))
    assert [row.cells[4] for row in table_rows(result)] == [NO_MEASUREMENT, "86\u00a0%"]


def test_the_rhythm_is_the_surveys_not_the_series() -> None:
    """A yearly survey's series measured only 2019 and 2021 still has a gap at 2020."""
    result = indicator(
        [
            elsa(2019, 80.0, grade="gy 1"),
            elsa(2021, 82.0, grade="gy 1"),
            elsa(2019, 85.0),
            elsa(2020, 84.0),
            elsa(2021, 86.0),
        ]
    )
    gy1 = next(line for line in chart_data(result).lines if line.grade == "gy 1")
    assert gy1.years == (2019, 2020, 2021)
    assert gy1.values == (80.0, None, 82.0)
    assert [b.years for b in gy1.bands] == [(2019,), (2021,)]  # drawn as error bars


def test_a_biennial_survey_sits_on_its_own_years() -> None:
    result = indicator(
        [
            drug(2013, 12.0),
            drug(2015, 11.0),
            drug(2019, 8.0),
            drug(2021, 7.0),
            drug(2023, 7.5, n=95),
        ]
    )
    (line,) = chart_data(result).lines
    assert line.years == (2013, 2015, 2017, 2019, 2021, 2023)
    assert line.values == (12.0, 11.0, None, 8.0, 7.0, 7.5)
    assert result.table_years == line.years
    assert chart_data(result).ticks == line.years


def test_a_hidden_value_is_a_gap_too() -> None:
    rows = [drug(y, 20.0, n=40, sex=s) for y in (2019, 2021, 2023) for s in ("Flickor", "Pojkar")]
    rows += [drug(y, 20.0, n=80) for y in (2019, 2021, 2023)]
    rows[2] = drug(2021, 25.0, n=7, sex="Flickor")
    result = indicator(rows)
    (line,) = chart_data(result).lines
    assert line.values == (20.0, None, 20.0)
    assert [b.years for b in line.bands] == [(2019,), (2023,)]
    assert {row.group: row.cells[1] for row in table_rows(result)} == {
        "Flickor": HIDDEN,
        "Pojkar": HIDDEN,
        "Alla": HIDDEN,
    }


def test_series_from_different_surveys_are_separate_lines() -> None:
    rows = [
        (2021, "Elevers drogvanor", "gy 2", "Alla", "ed-alkohol", 68.0, 100, "Hagfors"),
        (2023, "Elevers drogvanor", "gy 2", "Alla", "ed-alkohol", 61.0, 100, "Hagfors"),
        (2022, "ELSA", "gy 2", "Alla", "ed-alkohol", 40.0, 100, "Hagfors"),
        (2023, "ELSA", "gy 2", "Alla", "ed-alkohol", 41.0, 100, "Hagfors"),
    ]
    result = indicator(rows)
    lines = chart_data(result).lines
    assert sorted((line.survey, line.years) for line in lines) == [
        ("ELSA", (2022, 2023)),
        ("Elevers drogvanor", (2021, 2023)),
    ]
    assert sorted(line.label for line in lines) == [
        "gy 2 (ELSA) Hagfors",
        "gy 2 (Elevers drogvanor) Hagfors",
    ]
    assert len(result.findings) == 2
    assert sorted(row.grade for row in table_rows(result)) == [
        "gy 2 (ELSA)",
        "gy 2 (Elevers drogvanor)",
    ]


def test_line_years_within_a_window() -> None:
    result = indicator([drug(y, 10.0) for y in (2013, 2015, 2017, 2019, 2021, 2023)])
    (series,) = result.series
    assert line_years(series, 2016, 2023) == (2017, 2019, 2021, 2023)
    assert line_years(series, 2024, 2030) == ()


def test_tables_have_every_group_and_the_reference_rows() -> None:
    rows = [elsa(2023, v, sex=s, n=45) for s, v in (("Flickor", 80.0), ("Pojkar", 90.0))]
    rows += [
        elsa(2023, 85.0),
        elsa(2023, 86.4, area="Värmland", n=2000),
        elsa(2023, 90.0, area="Värmland", n=1000, sex="Flickor"),
        elsa(2023, 70.0, grade="gy 1", area="Riket", n=9000),
    ]
    result = indicator(rows)
    assert [(r.grade, r.group, r.is_reference, r.cells) for r in table_rows(result)] == [
        ("åk 7", "Flickor", False, ("80\u00a0%",)),
        ("åk 7", "Pojkar", False, ("90\u00a0%",)),
        ("åk 7", "Alla", False, ("85\u00a0%",)),
        ("åk 7", "Värmland, alla", True, ("86\u00a0%",)),
        ("gy 1", "Riket, alla", True, ("70\u00a0%",)),
    ]


def test_the_axis_starts_at_zero_unless_every_share_is_high() -> None:
    low = chart_data(indicator([drug(2021, 7.0), drug(2023, 16.0)]))
    assert low.y_min == 0 and low.y_max == pytest.approx(
        max(10.0, 1.15 * low.lines[0].bands[0].high[-1])
    )
    high = chart_data(indicator([elsa(2022, 90.0, n=50), elsa(2023, 79.0, n=50)]))
    lowest = min(high.lines[0].bands[0].low)
    assert 0 < high.y_min <= lowest - 10 and high.y_min % 10 == 0
    assert high.y_max == 100


def test_value_labels_are_spread_and_printed_in_the_table() -> None:
    rows = [
        elsa(y, v, grade=g)
        for g, vs in (("åk 4", (88.0, 88.2)), ("åk 7", (87.6, 79.0)), ("gy 1", (90.0, 88.4)))
        for y, v in zip((2022, 2023), vs, strict=True)
    ]
    result = indicator(rows)
    data = chart_data(result)
    positions = sorted(label.y for label in data.labels)
    gap = 0.065 * (data.y_max - data.y_min)
    assert all(b - a >= gap - 1e-9 for a, b in itertools.pairwise(positions))
    assert_labels_in_table(result)


def assert_labels_in_table(result) -> None:
    data = chart_data(result)
    rows = {(r.grade, r.group): r.cells for r in table_rows(result)}
    years = list(result.table_years)
    assert data.labels
    for label in data.labels:
        line = data.lines[label.line]
        assert not line.is_reference
        assert rows[(line.grade, "Alla")][years.index(label.year)] == label.text


def test_every_chart_label_of_the_example_is_in_its_table(example_report) -> None:
    for result in example_report.result.model.indicators:
        assert_labels_in_table(result)
        data = chart_data(result)
        assert {line.grade for line in data.lines if not line.is_reference} == {
            label_line.grade for label_line in (data.lines[lb.line] for lb in data.labels)
        }


@given(st.lists(st.floats(0, 100), min_size=1, max_size=6), st.floats(0.5, 10))
def test_spread_keeps_order_and_distance(values: list[float], gap: float) -> None:
    placed = spread(values, gap, 0.0, 100.0)
    order = sorted(range(len(values)), key=lambda i: values[i])
    ys = [placed[i] for i in order]
    assert all(b - a >= gap - 1e-9 for a, b in itertools.pairwise(ys))
    assert min(placed) >= 0.0
    if (len(values) - 1) * gap <= 100:
        assert max(placed) <= 100.0 + 1e-9


def test_an_indicator_with_only_reference_data_still_has_a_chart_and_table() -> None:
    from report.charts.surveys import indicator_spec

    result = indicator([elsa(y, 86.0, area="Värmland", n=2000) for y in (2022, 2023)])
    assert result.table_years == (2022, 2023) and not result.findings
    data = chart_data(result)
    assert [line.is_reference for line in data.lines] == [True] and not data.labels
    assert [r.group for r in table_rows(result)] == ["Värmland, alla"]
    chart = indicator_spec(result).chart()
    assert chart.svg.startswith("<?xml") and "inga visade värden" in chart.alt


def test_a_chart_whose_values_are_all_hidden_draws_no_line() -> None:
    from report.charts.surveys import indicator_spec

    result = indicator([elsa(2023, 50.0, n=5, sex="Flickor"), elsa(2023, 60.0, n=40)])
    data = chart_data(result)
    assert [line.values for line in data.lines] == [(None,)] and not data.labels
    chart = indicator_spec(result).chart()
    assert "50" not in chart.alt and "60" not in chart.alt
