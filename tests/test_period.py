"""Issue 12, item 1: the report year inside the promise period – the signing year and the
last year pro-rated by days, rows outside the period shown but never counted, a finished
year never pro-rated, survey findings only up to the report year, and the warnings about
signing dates. Checked on the example (Hagfors) and on a second, fictitious promise."""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
import re
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from report.app.pipeline import Options, read_inputs
from report.errors import InputError
from report.inputs.dataset import Dataset
from report.inputs.promise_file import load_promise
from report.model.period import ReportPeriod, calendar_year, promise_years, year_scope
from report.model.report import build_activities, build_model
from report.model.status import NO_DATA, target_for
from tests.helpers import (
    PROMISE,
    SECOND_SIGNED,
    CommandLine,
    independent_activity_counts,
    inputs_folder,
    promise_and_data,
    second_counts,
    second_promise_inputs,
)

HAGFORS = load_promise(PROMISE)
SIGNED = dt.date(2022, 6, 14)
REPORT_DATE = dt.date(2025, 2, 1)


@pytest.fixture(scope="module")
def example_data(tmp_path_factory: pytest.TempPathFactory):
    inputs = inputs_folder(tmp_path_factory.mktemp("example"))
    promise, dataset = promise_and_data(
        read_inputs(Options(inputs, inputs.parent / "out", REPORT_DATE))
    )
    return promise, dataset


@pytest.fixture(scope="module")
def second_data(tmp_path_factory: pytest.TempPathFactory):
    inputs = second_promise_inputs(tmp_path_factory.mktemp("second"))
    promise, dataset = promise_and_data(
        read_inputs(Options(inputs, inputs.parent / "out", REPORT_DATE))
    )
    return promise, dataset


def test_signing_year_counts_rows_from_the_signing_date_against_a_pro_rated_target(
    example_data,
) -> None:
    promise, dataset = example_data
    model = build_model(promise, dataset, 2022, REPORT_DATE)
    after = independent_activity_counts(2022, first=SIGNED)
    before = independent_activity_counts(2022, last=SIGNED - dt.timedelta(days=1))
    assert model.year_label == "14 juni–31 december 2022"
    for a in model.activities:
        assert a.count == after.get(a.activity.id), a.activity.id
        assert a.before_period == before.get(a.activity.id), a.activity.id
        assert a.target == pytest.approx(a.activity.yearly_target * 201 / 365)
    traffic = next(a for a in model.activities if a.activity.id == "trafikkontroller")
    assert (traffic.count, traffic.before_period, round(traffic.target)) == (31, 32, 33)


def test_last_year_counts_to_the_periods_end(second_data) -> None:
    promise, dataset = second_data  # 1 March 2023–29 February 2026, rows to December 2024
    model = build_model(promise, dataset, 2026, dt.date(2026, 5, 1))
    assert model.scope.covered == ReportPeriod(dt.date(2026, 1, 1), dt.date(2026, 2, 28))
    assert model.period_ended
    assert all(a.count is None and a.status == NO_DATA for a in model.activities)
    walks = next(a for a in model.activities if a.activity.id == "kvallsvandring")
    assert walks.target == pytest.approx(24 * 59 / 365)


def test_second_promise_first_year_against_an_independent_count(second_data) -> None:
    promise, dataset = second_data
    model = build_model(promise, dataset, 2023, REPORT_DATE)
    expected = second_counts(SECOND_SIGNED, dt.date(2023, 12, 31))
    before = second_counts(dt.date(2023, 1, 1), SECOND_SIGNED - dt.timedelta(days=1))
    assert model.year_label == "1 mars–31 december 2023"
    for a in model.activities:
        assert a.count == expected[a.activity.id]
        assert a.before_period == before.get(a.activity.id)
        assert a.target == pytest.approx(a.activity.yearly_target * 306 / 365)
    # A full year: every row counts, against the whole target.
    model = build_model(promise, dataset, 2024, REPORT_DATE)
    expected = second_counts(dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    assert {a.activity.id: a.count for a in model.activities} == expected
    assert all(a.target == a.activity.yearly_target for a in model.activities)
    assert not model.partial_year and model.year_label == "2024"


def test_a_year_wholly_outside_the_period_is_a_clear_error(
    example_data, tmp_path, cli: CommandLine
) -> None:
    promise, dataset = example_data
    with pytest.raises(InputError) as raised:
        build_model(promise, dataset, 2025, dt.date(2025, 6, 1))
    message = str(raised.value.problems[0].message)
    assert "Rapportåret 2025 ligger helt efter löftesperioden 14 juni 2022–13 juni 2024" in message
    assert "tecknat = ÅÅÅÅ-MM-DD" in message
    inputs = inputs_folder(tmp_path)
    code, out, err = cli(
        "--inputs", str(inputs), "--outputs", str(tmp_path / "o"), "--date", "2025-02-01",
        "--year", "2021",
    )  # fmt: skip
    assert code == 1
    assert "Rapportåret 2021 ligger helt före löftesperioden" in err
    code, out, _ = cli("check", "--inputs", str(inputs), "--date", "2025-02-01", "--year", "2021")
    assert code == 1 and "Rapportåret 2021 ligger helt före löftesperioden" in out


def test_survey_findings_of_an_earlier_year_use_measurements_up_to_that_year(
    example_data, second_data
) -> None:
    for (promise, dataset), year in ((example_data, 2022), (second_data, 2023)):
        model = build_model(promise, dataset, year, REPORT_DATE)
        assert model.indicators
        for indicator in model.indicators:
            assert all(p.year <= year for s in indicator.series for p in s.points)
            assert all(f.year <= year for f in indicator.findings)
    promise, dataset = second_data
    latest = build_model(promise, dataset, 2023, REPORT_DATE).indicators[0].findings
    assert {f.year for f in latest} == {2023}


def test_a_finished_year_whose_rows_stop_early_is_a_whole_year_with_a_warning(
    second_data,
) -> None:
    promise, dataset = second_data
    rows = dataset.activities[dataset.activities["date"] <= "2024-01-31"]
    short = Dataset(rows, dataset.survey, dataset.sources)
    model = build_model(promise, short, 2024, dt.date(2025, 2, 1))
    assert not model.partial_year
    assert all(a.target == a.activity.yearly_target for a in model.activities)
    assert any("slutar i januari 2024" in note for note in model.notes)
    # The same rows while 2024 is still running: pro-rated to January (31 of 366 days).
    model = build_model(promise, short, 2024, dt.date(2024, 2, 10))
    assert model.partial_year
    walks = next(a for a in model.activities if a.activity.id == "kvallsvandring")
    assert walks.target == pytest.approx(24 * 31 / 366)
    assert not any("slutar i" in note for note in model.notes)


def test_no_rows_since_signing_is_ingen_uppgift_never_zero(second_data) -> None:
    promise, dataset = second_data
    rows = dataset.activities[dataset.activities["activity"] != "radet"]
    model = build_model(promise, Dataset(rows, dataset.survey, dataset.sources), 2024, REPORT_DATE)
    council = next(a for a in model.activities if a.activity.id == "radet")
    assert council.count is None and council.period_count is None
    assert all(r.period_count is None for r in model.andt_rows if r.activity == "Möten i rådet")


def test_signing_after_all_data_or_implausibly_old_is_a_warning(second_data) -> None:
    promise, dataset = second_data
    early = dataset.activities[dataset.activities["date"] < "2023-02-01"]
    model = build_model(promise, Dataset(early, dataset.survey, dataset.sources), 2023, REPORT_DATE)
    assert any("efter den sista raden" in note for note in model.notes)
    old = promise.__class__(**{**promise.__dict__, "signed": dt.date(1850, 6, 1)})
    with pytest.raises(InputError):
        build_model(old, dataset, 2023, REPORT_DATE)
    old = promise.__class__(
        **{**promise.__dict__, "signed": dt.date(1850, 6, 1), "period_years": 200}
    )
    model = build_model(old, dataset, 2023, REPORT_DATE)
    assert any("verkar orimligt" in note for note in model.notes)


@settings(deadline=None)
@given(
    st.dates(min_value=dt.date(2001, 1, 1), max_value=dt.date(2030, 12, 31)),
    st.integers(1, 5),
    st.integers(0, 500),
)
def test_the_years_targets_add_up_to_the_whole_periods(
    signed: dt.date, years: int, target: int
) -> None:
    """Pro-rating by days: the report years' targets over the calendar years the period
    touches add up to period_ar whole years' targets, and the promise years tile the
    period without a gap or an overlap."""
    promise = HAGFORS.__class__(**{**HAGFORS.__dict__, "signed": signed, "period_years": years})
    after = dt.date(2100, 1, 1)
    total = sum(
        target * year_scope(promise, y, after, None).fraction
        for y in range(signed.year, promise.period_end.year + 1)
    )
    whole_years = sum(
        target_for(target, p) for p in promise_years(promise)
    )  # each promise year's own target
    assert total == pytest.approx(whole_years, abs=1e-6)
    # A promise year holds 365 or 366 days; the total is within a day's target per year.
    assert total == pytest.approx(target * years, abs=target * years / 365 + 1e-9)
    spans = promise_years(promise)
    assert spans[0].start == signed and spans[-1].end == promise.period_end
    assert all(b.start - a.end == dt.timedelta(days=1) for a, b in itertools.pairwise(spans))


@settings(deadline=None)
@given(
    st.lists(
        st.tuples(
            st.dates(min_value=dt.date(2022, 1, 1), max_value=dt.date(2024, 12, 31)),
            st.sampled_from([a.id for a in HAGFORS.activities]),
            st.integers(0, 5),
        ),
        max_size=40,
    )
)
def test_counted_and_outside_rows_add_up_to_the_calendar_year(rows) -> None:
    data = pd.DataFrame(rows, columns=["date", "activity", "count"])
    data["date"] = pd.to_datetime(data["date"])
    for year in (2022, 2023, 2024):
        scope = year_scope(HAGFORS, year, REPORT_DATE, None)
        for a in build_activities(HAGFORS, data, year, None, scope):
            in_year = [n for d, i, n in rows if i == a.activity.id and d.year == year]
            parts = [a.count, a.before_period, a.after_period]
            assert sum(p or 0 for p in parts) == sum(in_year)
            assert (a.count is None) == (
                not any(scope.covered.contains(d) for d, i, _ in rows if i == a.activity.id)
            )


def test_report_period_value() -> None:
    part = ReportPeriod(dt.date(2022, 6, 14), dt.date(2022, 12, 31))
    assert part.days == 201 and part.fraction_of_year() == 201 / 365
    assert part.months()[0] == (2022, 6) and len(part.months()) == 7
    assert part.previous() == ReportPeriod(dt.date(2021, 6, 14), dt.date(2021, 12, 31))
    assert part.contains(dt.date(2022, 6, 14)) and not part.contains(dt.date(2022, 6, 13))
    assert calendar_year(2024).fraction_of_year() == 1.0
    assert calendar.isleap(2024) and calendar_year(2024).days == 366


def test_the_pdf_html_and_check_say_which_dates_the_year_covers(
    tmp_path: Path, cli: CommandLine
) -> None:
    inputs = inputs_folder(tmp_path)
    outputs = tmp_path / "out"
    code, out, _ = cli(
        "--inputs", str(inputs), "--outputs", str(outputs), "--date", "2025-02-01",
        "--year", "2022", "--jobs", "1",
    )  # fmt: skip
    assert code == 0
    html = (outputs / "hagfors-lpo-torsby-2022.html").read_text(encoding="utf-8")
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    assert "Året som följs upp 14 juni–31 december 2022" in text
    assert "Aktiviteter 14 juni–31 december 2022" in text
    assert "Genomförda 14 juni–31 december 2022 31 av målet 33" in text
    assert "före löftet: 32" in text
    assert (
        "Genomförda aktiviteter per ansvarig part, 14 juni–31 december 2022 och sedan "
        "löftet tecknades (14 juni–31 december 2022)"
    ) in text
    code, out, _ = cli("check", "--inputs", str(inputs), "--date", "2025-02-01", "--year", "2022")
    assert "Aktiviteter 14 juni–31 december 2022 (målen omräknade till de dagarna):" in out
    assert re.search(r"Trafikkontroller\s+31 av målet\s+33 .*före löftet: 32", out)
