"""The model builder: statuses, periods, suppression and the statistics behind findings."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from report.inputs.promise_file import load_promise
from report.model.indicators import build_indicators, key_findings, measurement_years, suppress
from report.model.period import ReportPeriod, year_scope
from report.model.report import build_activities
from report.model.significance import two_proportion_p_value, wilson_interval
from report.model.status import DONE, NO_DATA, NOT_DONE, PARTLY, assess, target_for
from tests.helpers import PROMISE

PROMISE_MODEL = load_promise(PROMISE)


@pytest.mark.parametrize(
    ("count", "target", "status"),
    [
        (10, 10, DONE),
        (11, 10, DONE),
        (9, 10, PARTLY),
        (5, 10, PARTLY),
        (2, 4, PARTLY),
        (4, 10, NOT_DONE),
        (0, 10, NOT_DONE),
        (None, 10, NO_DATA),
    ],
)
def test_status_boundaries(count: int | None, target: int, status) -> None:
    assert assess(count, target, 100, 50)[1] == status


def test_status_with_pro_rated_target_exactly_at_boundaries() -> None:
    # Data through 31 May 2023 (151 of 365 days): target 365 becomes 151; 151 is 100 %.
    part = ReportPeriod(dt.date(2023, 1, 1), dt.date(2023, 5, 31))
    target = target_for(365, part)
    assert target == pytest.approx(151)
    assert assess(151, target, 100, 50) == (100.0, DONE)
    assert assess(75, target, 100, 50)[1] == NOT_DONE
    assert assess(76, target, 100, 50)[1] == PARTLY


@given(st.integers(0, 10_000), st.integers(1, 1000), st.integers(1, 1000))
def test_status_is_monotonic_in_count(count: int, extra: int, target: int) -> None:
    order = [NOT_DONE, PARTLY, DONE]
    _, low = assess(count, target, 100, 50)
    _, high = assess(count + extra, target, 100, 50)
    assert order.index(high) >= order.index(low)


def test_a_running_year_is_counted_to_the_end_of_the_last_rows_month() -> None:
    promise = PROMISE_MODEL  # signed 2022-06-14, ends 2024-06-13
    scope = year_scope(promise, 2023, dt.date(2023, 12, 1), dt.date(2023, 5, 20))
    assert scope.running and scope.counted == ReportPeriod(
        dt.date(2023, 1, 1), dt.date(2023, 5, 31)
    )
    # The same rows, reported after the year ended: a finished year, never pro-rated.
    scope = year_scope(promise, 2023, dt.date(2024, 2, 1), dt.date(2023, 5, 20))
    assert not scope.running and scope.counted == scope.calendar
    # The signing year counts from the signing date, the last year to the period's end.
    assert year_scope(promise, 2022, dt.date(2025, 2, 1), None).counted == ReportPeriod(
        dt.date(2022, 6, 14), dt.date(2022, 12, 31)
    )
    assert year_scope(promise, 2024, dt.date(2025, 2, 1), None).counted == ReportPeriod(
        dt.date(2024, 1, 1), dt.date(2024, 6, 13)
    )


def frame(rows: list[tuple[str, str, int]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "date": pd.to_datetime([r[0] for r in rows]),
            "activity": [r[1] for r in rows],
            "count": [r[2] for r in rows],
        }
    )


def test_activity_counts_period_and_history() -> None:
    data = frame(
        [
            ("2022-03-01", "ssp", 4),  # before signing: history only
            ("2022-07-01", "ssp", 3),
            ("2023-01-10", "ssp", 2),
            ("2023-01-20", "ssp", 1),
            ("2023-11-05", "ssp", 5),
            ("2023-02-01", "trafikkontroller", 60),
        ]
    )
    results = {
        r.activity.id: r for r in build_activities(PROMISE_MODEL, data, 2023, dt.date(2023, 11, 5))
    }
    ssp = results["ssp"]
    assert ssp.count == 8
    assert ssp.monthly[0] == 3 and ssp.monthly[10] == 5 and sum(ssp.monthly) == 8
    assert ssp.target == pytest.approx(10 * 334 / 365)  # 1 January–30 November
    assert ssp.status == PARTLY  # 8 of 9.15 = 87 %
    assert ssp.period_count == 11  # 2022-03-01 is before the signing
    assert ssp.period_target == pytest.approx(10 * 201 / 365 + 10 * 334 / 365)
    assert ssp.yearly_counts == ((2022, 7), (2023, 8))
    assert ssp.change_vs_last_year == 1
    assert results["trafikkontroller"].status == DONE
    assert results["patrullering"].status == NO_DATA
    assert results["patrullering"].count is None


def test_a_report_year_shows_no_later_year() -> None:
    """A report for 2022 written when 2023's rows are in: its history stops at 2022 (the
    later year belongs to a later report), its own counts are untouched."""
    data = frame(
        [
            ("2021-05-01", "ssp", 2),
            ("2022-07-01", "ssp", 3),
            ("2023-01-10", "ssp", 9),
        ]
    )
    ssp = next(
        r
        for r in build_activities(PROMISE_MODEL, data, 2022, dt.date(2023, 1, 10))
        if r.activity.id == "ssp"
    )
    assert ssp.yearly_counts == ((2021, 2), (2022, 3))
    assert ssp.count == 3


def survey(rows: list[tuple]) -> pd.DataFrame:
    columns = ["year", "survey", "grade", "sex", "indicator", "value", "respondents", "area"]
    return pd.DataFrame(rows, columns=columns)


def test_small_groups_and_their_complements_are_suppressed() -> None:
    data = survey(
        [
            (2013, "Elevers drogvanor", "gy 2", "Flickor", "ed-alkohol", 75.0, 8, "Hagfors"),
            (2013, "Elevers drogvanor", "gy 2", "Pojkar", "ed-alkohol", 70.0, 40, "Hagfors"),
            (2013, "Elevers drogvanor", "gy 2", "Alla", "ed-alkohol", 70.8, 48, "Hagfors"),
            (2015, "Elevers drogvanor", "gy 2", "Alla", "ed-alkohol", 66.0, 50, "Hagfors"),
            (2013, "Elevers drogvanor", "gy 2", "Alla", "ed-alkohol", 72.0, 900, "Värmland"),
        ]
    )
    hidden = suppress(data, 10)
    assert list(hidden["suppressed"]) == [True, True, True, False, False]
    assert hidden["value"].isna().tolist() == [True, True, True, False, False]
    (result,) = build_indicators(PROMISE_MODEL, data)
    shown = [p.value for s in result.series for p in s.points]
    assert 75.0 not in shown and 70.0 not in shown and 70.8 not in shown
    assert result.has_suppressed


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["Flickor", "Pojkar", "Alla"]),
            st.integers(2015, 2018),
            st.integers(0, 60),
            st.integers(0, 100),
        ),
        min_size=1,
        max_size=20,
        unique_by=lambda r: (r[0], r[1]),
    )
)
def test_no_value_from_a_small_group_reaches_the_model(rows) -> None:
    data = survey(
        [
            (year, "ELSA", "åk 7", sex, "elsa-trygg", float(value), n, "Hagfors")
            for sex, year, n, value in rows
        ]
    )
    (result,) = build_indicators(PROMISE_MODEL, data)
    small_years = {year for _, year, n, _ in rows if n < 10}
    for series in result.series:
        for point in series.points:
            if point.year in small_years:
                assert point.value is None and point.respondents is None
            else:
                assert point.value is not None


def test_wilson_interval_against_hand_computed_values() -> None:
    # p = 0.5, n = 100: centre 0.5, half-width 1.96*sqrt(.0025 + 1.96²/40000)/(1 + 1.96²/100)
    low, high = wilson_interval(50, 100)
    assert low == pytest.approx(40.3831, abs=1e-3)
    assert high == pytest.approx(59.6169, abs=1e-3)
    # p = 0.1, n = 50 (statsmodels proportion_confint(5, 50, method="wilson"))
    low, high = wilson_interval(10, 50)
    assert low == pytest.approx(4.3474, abs=1e-3)
    assert high == pytest.approx(21.3596, abs=1e-3)
    assert wilson_interval(0, 40)[0] == 0.0


def test_two_proportion_test_against_hand_computed_values() -> None:
    # 34/100 vs 20/100: pooled 0.27, z = 0.14/sqrt(.27*.73*.02) = 2.2300, p = 0.02575
    assert two_proportion_p_value(34, 100, 20, 100) == pytest.approx(0.02575, abs=1e-4)
    # 33 % of 50 vs 28 % of 50: well inside chance
    assert two_proportion_p_value(33, 50, 28, 50) > 0.5
    assert two_proportion_p_value(50, 10, 50, 10) == pytest.approx(1.0)
    z = 0.05 / math.sqrt(0.5 * 0.5 * (2 / 1000))
    assert two_proportion_p_value(52.5, 1000, 47.5, 1000) == pytest.approx(
        math.erfc(z / math.sqrt(2))
    )


def test_findings_know_the_direction_and_the_evidence() -> None:
    data = survey(
        [
            (2021, "Elevers drogvanor", "gy 2", "Alla", "ed-vejp", 30.0, 100, "Hagfors"),
            (2023, "Elevers drogvanor", "gy 2", "Alla", "ed-vejp", 51.0, 100, "Hagfors"),
            (2023, "Elevers drogvanor", "gy 2", "Alla", "ed-vejp", 51.7, 2000, "Värmland"),
            (2022, "ELSA", "åk 7", "Alla", "elsa-trygg", 90.0, 50, "Hagfors"),
            (2023, "ELSA", "åk 7", "Alla", "elsa-trygg", 86.0, 50, "Hagfors"),
        ]
    )
    results = {r.indicator.id: r for r in build_indicators(PROMISE_MODEL, data)}
    (vejp,) = results["ed-vejp"].findings
    assert vejp.significant and vejp.better is False
    assert vejp.sentence == (
        "Andelen elever i gy 2 som har vejpat (e-cigarett) de senaste 12 månaderna var "
        "51\u00a0% 2023 (Värmland 52\u00a0%), en säkerställd ökning från 30\u00a0% 2021 – "
        "en försämring."
    )
    (trygg,) = results["elsa-trygg"].findings
    assert trygg.significant is False
    assert trygg.sentence.endswith("ingen säkerställd förändring sedan 2022.")


def test_measurement_years_keep_gaps_and_rhythm() -> None:
    yearly = survey(
        [
            (y, "ELSA", "åk 7", "Alla", "elsa-trygg", 90.0, 50, "Hagfors")
            for y in (2016, 2017, 2018, 2019, 2021, 2022)
        ]
    )
    (result,) = build_indicators(PROMISE_MODEL, yearly)
    assert measurement_years(result.series) == (2016, 2017, 2018, 2019, 2020, 2021, 2022)
    biennial = survey(
        [
            (y, "Elevers drogvanor", "åk 9", "Alla", "ed-rokt", 9.0, 90, "Hagfors")
            for y in (2013, 2015, 2019)
        ]
    )
    (result,) = build_indicators(PROMISE_MODEL, biennial)
    assert result.table_years == (2013, 2015, 2017, 2019)


def normal_p(z: float) -> float:
    """Two-sided p-value from the standard normal, independently of report.stats."""
    from statistics import NormalDist

    return 2 * (1 - NormalDist().cdf(abs(z)))


@pytest.mark.parametrize(
    ("percent", "n", "low", "high"),
    [
        # p = 1: low = 1 / (1 + z²/n), high = 1
        (100, 30, 100 / (1 + 1.959963984540054**2 / 30), 100.0),
        # p = 0: low = 0, high = (z²/n) / (1 + z²/n)
        (0, 10, 0.0, 100 * (0.3841458820694124 / (1 + 0.3841458820694124))),
        # p = 0.3, n = 200 by hand: denominator 1 + z²/200 = 1.019207, centre
        # (0.3 + z²/400) / 1.019207 = 0.303769, half-width z·√(0.21/200 + z²/160000) / 1.019207
        # = 0.063022
        (30, 200, 24.0747, 36.6791),
    ],
)
def test_wilson_interval_edges_and_a_textbook_case(percent, n, low, high) -> None:
    got = wilson_interval(percent, n)
    assert got[0] == pytest.approx(low, abs=1e-3)
    assert got[1] == pytest.approx(high, abs=1e-3)


@pytest.mark.parametrize(
    ("a", "n_a", "b", "n_b"),
    [
        (60, 100, 34, 100),
        (16, 95, 7, 2400),
        (79, 95, 86, 2300),
        (12, 48, 20, 44),
    ],
)
def test_two_proportion_test_against_the_normal_distribution(a, n_a, b, n_b) -> None:
    pooled = (a / 100 * n_a + b / 100 * n_b) / (n_a + n_b)
    z = (a - b) / 100 / math.sqrt(pooled * (1 - pooled) * (1 / n_a + 1 / n_b))
    assert two_proportion_p_value(a, n_a, b, n_b) == pytest.approx(normal_p(z), rel=1e-6)


def test_the_municipality_is_compared_with_the_reference_area() -> None:
    data = survey(
        [
            (2021, "Elevers drogvanor", "åk 9", "Alla", "ed-rokt", 7.0, 90, "Hagfors"),
            (2023, "Elevers drogvanor", "åk 9", "Alla", "ed-rokt", 16.0, 95, "Hagfors"),
            (2023, "Elevers drogvanor", "åk 9", "Alla", "ed-rokt", 7.0, 2400, "Värmland"),
            (2023, "ELSA", "gy 1", "Alla", "elsa-trygg", 90.0, 100, "Hagfors"),
            (2023, "ELSA", "gy 1", "Alla", "elsa-trygg", 80.0, 2000, "Värmland"),
            (2023, "ELSA", "åk 7", "Alla", "elsa-trygg", 84.0, 100, "Hagfors"),
            (2023, "ELSA", "åk 7", "Alla", "elsa-trygg", 86.0, 2000, "Värmland"),
            (2023, "ELSA", "åk 4", "Alla", "elsa-trygg", 84.0, None, "Hagfors"),
            (2023, "ELSA", "åk 4", "Alla", "elsa-trygg", 95.0, 2000, "Värmland"),
        ]
    )
    results = {r.indicator.id: r for r in build_indicators(PROMISE_MODEL, data)}
    (smoking,) = results["ed-rokt"].findings
    pooled = (0.16 * 95 + 0.07 * 2400) / 2495
    z = 0.09 / math.sqrt(pooled * (1 - pooled) * (1 / 95 + 1 / 2400))
    assert smoking.reference_p_value == pytest.approx(normal_p(z), rel=1e-6)
    assert smoking.reference_significant and smoking.reference_better is False
    assert smoking.sentence == (
        "Andelen elever i åk 9 som har rökt de senaste 12 månaderna var 16\u00a0% 2023, "
        "säkerställt högre än i Värmland (7\u00a0%), vilket är sämre. Ingen säkerställd "
        "förändring sedan 2021."
    )
    assert smoking.signals == (("Sämre än Värmland", False, smoking.reference_p_value),)
    safe = {f.grade: f for f in results["elsa-trygg"].findings}
    assert safe["gy 1"].reference_better is True  # higher is better for feeling safe
    assert "säkerställt högre än i Värmland (80\u00a0%), vilket är bättre." in (
        safe["gy 1"].sentence
    )
    assert safe["åk 7"].reference_significant is False
    assert safe["åk 7"].sentence.startswith(
        "Andelen elever i åk 7 som känner sig trygga i skolan var 84\u00a0% 2023 "
        "(Värmland 86\u00a0%), första mätningen"
    )
    assert safe["åk 4"].reference_significant is None  # no count in Hagfors: not tested
    assert "(Värmland 95\u00a0%)" in safe["åk 4"].sentence


def test_a_significant_difference_between_girls_and_boys_is_told() -> None:
    rows = [
        (2023, "Elevers drogvanor", "gy 2", sex, "ed-snus", value, n, "Hagfors")
        for sex, value, n in (("Flickor", 12.0, 50), ("Pojkar", 40.0, 50), ("Alla", 26.0, 100))
    ]
    rows += [
        (2023, "Elevers drogvanor", "åk 9", sex, "ed-snus", value, n, "Hagfors")
        for sex, value, n in (("Flickor", 12.0, 50), ("Pojkar", 16.0, 50), ("Alla", 14.0, 100))
    ]
    findings = {f.grade: f for f in build_indicators(PROMISE_MODEL, survey(rows))[0].findings}
    assert findings["gy 2"].sex_significant
    assert findings["gy 2"].sentence.endswith(
        " Bland flickorna var andelen 12\u00a0% och bland pojkarna 40\u00a0%, en säkerställd "
        "skillnad mellan könen."
    )
    assert findings["åk 9"].sex_significant is False
    assert "flickorna" not in findings["åk 9"].sentence


def test_key_findings_put_worse_first_then_the_strongest_evidence() -> None:
    rows = []
    # vaping up strongly (worse), smoking down (better, strong), snus higher than Värmland
    # (worse, weaker), feeling safe: no difference at all.
    for indicator, grade, values in (
        ("ed-vejp", "gy 2", (30.0, 60.0)),
        ("ed-rokt", "gy 2", (40.0, 10.0)),
        ("ed-snus", "gy 2", (20.0, 22.0)),
    ):
        rows += [
            (year, "Elevers drogvanor", grade, "Alla", indicator, value, 100, "Hagfors")
            for year, value in zip((2021, 2023), values, strict=True)
        ]
    rows.append((2023, "Elevers drogvanor", "gy 2", "Alla", "ed-snus", 12.0, 3000, "Värmland"))
    rows += [(y, "ELSA", "åk 7", "Alla", "elsa-trygg", 88.0, 90, "Hagfors") for y in (2022, 2023)]
    indicators = build_indicators(PROMISE_MODEL, survey(rows))
    ordered = [f.indicator.id for f in key_findings(indicators)]
    assert ordered == ["ed-vejp", "ed-snus", "ed-rokt"]
    assert [f.indicator.id for f in key_findings(indicators, limit=2)] == ["ed-vejp", "ed-snus"]


@given(
    st.lists(
        st.tuples(
            st.dates(min_value=dt.date(2021, 1, 1), max_value=dt.date(2024, 6, 30)),
            st.sampled_from([a.id for a in PROMISE_MODEL.activities]),
            st.integers(0, 5),
            st.sampled_from([None, "Polisen", "Kommunen", "Polisen och kommunen"]),
        ),
        max_size=60,
    ),
    st.integers(2022, 2024),  # the years the promise period touches
)
def test_activities_from_summed_rows_equal_those_from_every_row(rows, year: int) -> None:
    """build_activities sums rows with the same date, activity and party first (a million
    rows become some fifty thousand); the results are those of every row."""
    from report.model import report as model

    data = pd.DataFrame(rows, columns=["date", "activity", "count", "responsible"])
    data["date"] = pd.to_datetime(data["date"])
    data_end = max((r[0] for r in rows), default=None)
    summed = build_activities(PROMISE_MODEL, data, year, data_end)
    original = model.summed_counts
    model.summed_counts = lambda frame: frame
    try:
        assert summed == build_activities(PROMISE_MODEL, data, year, data_end)
    finally:
        model.summed_counts = original
