"""Issue 12, item 2: the whole promise period – per promise year, in total against the
total target, with a status, and the surveys from before the signing to the latest
measurement; in the year the period ends, and with --period in any year."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import openpyxl
import pandas as pd
import pikepdf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from report.app.cli import main
from report.app.pipeline import Options, read_inputs
from report.inputs.dataset import Dataset
from report.inputs.promise_file import load_promise
from report.model.report import build_model
from report.model.status import DONE, PARTLY
from report.model.whole_period import period_review
from report.output.tables import report_tables
from tests.helpers import (
    PROMISE,
    SECOND_SIGNED,
    independent_activity_counts,
    inputs_folder,
    promise_and_data,
    second_counts,
    second_promise_inputs,
)

REPORT_DATE = dt.date(2025, 2, 1)
HAGFORS = load_promise(PROMISE)


@pytest.fixture(scope="module")
def example_data(tmp_path_factory: pytest.TempPathFactory):
    inputs = inputs_folder(tmp_path_factory.mktemp("example"))
    return promise_and_data(read_inputs(Options(inputs, inputs.parent / "out", REPORT_DATE)))


@pytest.fixture(scope="module")
def second_data(tmp_path_factory: pytest.TempPathFactory):
    inputs = second_promise_inputs(tmp_path_factory.mktemp("second"))
    return promise_and_data(read_inputs(Options(inputs, inputs.parent / "out", REPORT_DATE)))


def test_the_year_the_period_ends_has_the_section_other_years_only_when_asked(
    example_data,
) -> None:
    promise, dataset = example_data
    assert build_model(promise, dataset, 2024, REPORT_DATE).period_review is not None
    assert build_model(promise, dataset, 2023, REPORT_DATE).period_review is None
    review = build_model(promise, dataset, 2023, REPORT_DATE, whole_period=True).period_review
    assert review is not None


def test_promise_years_and_total_against_an_independent_count(example_data) -> None:
    promise, dataset = example_data
    review = build_model(promise, dataset, 2024, REPORT_DATE).period_review
    assert review.ended and review.counted == review.period
    assert [y.label for y in review.years] == [
        "År 1: 14 juni 2022–13 juni 2023",
        "År 2: 14 juni 2023–13 juni 2024",
    ]
    first = {
        k: independent_activity_counts(2022, first=dt.date(2022, 6, 14)).get(k, 0)
        + independent_activity_counts(2023, last=dt.date(2023, 6, 13)).get(k, 0)
        for k in (a.id for a in promise.activities)
    }
    second = independent_activity_counts(2023, first=dt.date(2023, 6, 14))
    for a in review.activities:
        ident = a.activity.id
        assert a.counts == (first[ident] or None, second.get(ident)), ident
        assert a.total == (first[ident] + second.get(ident, 0)) or None
        # by days per calendar year: 201 of 2022's 365, all of 2023, 165 of 2024's 366
        assert a.total_target == pytest.approx(
            a.activity.yearly_target * (201 / 365 + 1 + 165 / 366)
        )
    traffic = next(a for a in review.activities if a.activity.id == "trafikkontroller")
    assert (traffic.counts, traffic.total, traffic.status) == ((61, 36), 97, PARTLY)


def test_a_running_period_is_counted_to_the_end_of_the_last_rows_month(second_data) -> None:
    promise, dataset = second_data  # 1 March 2023–28 February 2026, rows to December 2024
    review = build_model(promise, dataset, 2024, REPORT_DATE, whole_period=True).period_review
    assert not review.ended
    assert review.counted.end == dt.date(2024, 12, 31)
    assert [y.complete for y in review.years] == [True, False]
    assert review.years[1].label == "År 2: 1 mars–31 december 2024 (hittills)"
    year_one = second_counts(SECOND_SIGNED, dt.date(2024, 2, 29))
    year_two = second_counts(dt.date(2024, 3, 1), dt.date(2024, 12, 31))
    for a in review.activities:
        assert a.counts == (year_one[a.activity.id], year_two[a.activity.id])
    walks = next(a for a in review.activities if a.activity.id == "kvallsvandring")
    assert walks.status == DONE  # 2 a month against 24 a year, thresholds 90/40


def test_survey_findings_compare_before_the_signing_with_the_latest(second_data) -> None:
    promise, dataset = second_data
    review = build_model(promise, dataset, 2024, REPORT_DATE, whole_period=True).period_review
    assert {(f.grade, f.previous_year, f.year) for f in review.findings} == {
        ("åk 8", 2022, 2024),
        ("gy 2", 2022, 2024),
    }
    grade8 = next(f for f in review.findings if f.grade == "åk 8")
    # 58 % (2022) to 49 % (2024), n = 240 each: a significant fall, worse (higher is better)
    assert grade8.significant and not grade8.better
    assert "En säkerställd minskning från 58\xa0% 2022 – en försämring." in grade8.sentence


def test_no_rows_is_ingen_uppgift_in_the_period_never_zero(second_data) -> None:
    promise, dataset = second_data
    rows = dataset.activities[dataset.activities["activity"] != "radet"]
    model = build_model(
        promise,
        Dataset(rows, dataset.survey, dataset.sources),
        2024,
        REPORT_DATE,
        whole_period=True,
    )
    review = period_review(model.promise, REPORT_DATE, model.data_end, model.indicators, rows)
    council = next(a for a in review.activities if a.activity.id == "radet")
    assert council.counts == (None, None) and council.total is None
    assert council.status.key == "none"
    assert "Ingen uppgift för hela perioden: Möten i rådet." in review.summary


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.dates(min_value=dt.date(2021, 1, 1), max_value=dt.date(2024, 12, 31)),
            st.sampled_from([a.id for a in HAGFORS.activities]),
            st.integers(0, 5),
        ),
        max_size=40,
    ),
    st.dates(min_value=dt.date(2022, 6, 14), max_value=dt.date(2026, 1, 1)),
)
def test_promise_years_add_up_to_the_total_and_the_counted_period(rows, report_date) -> None:
    data = pd.DataFrame(rows, columns=["date", "activity", "count"])
    data["date"] = pd.to_datetime(data["date"])
    data = data[data["date"] <= pd.Timestamp(report_date)]
    data = data.assign(place="", file="a.xlsx", sheet="Blad1", row=range(2, 2 + len(data)))
    year = min(report_date.year, 2024)
    model = build_model(
        HAGFORS, Dataset(data, pd.DataFrame(), ()), year, report_date, whole_period=True
    )
    review = model.period_review
    for a in review.activities:
        in_period = [
            n
            for d, i, n in rows
            if i == a.activity.id and review.counted.contains(d) and d <= report_date
        ]
        assert sum(c or 0 for c in a.counts) == (a.total or 0) == sum(in_period)
        assert (a.total is None) == (not in_period)
        assert sum(a.targets) == pytest.approx(a.total_target)


def test_section_workbook_and_attachments(tmp_path) -> None:
    inputs = inputs_folder(tmp_path)
    outputs = tmp_path / "out"
    code = main(
        [
            "--inputs", str(inputs), "--outputs", str(outputs), "--date", "2025-02-01",
            "--year", "2024", "--jobs", "1",
        ],
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )  # fmt: skip
    assert code == 0
    stem = outputs / "hagfors-lpo-torsby-2024"
    html = " ".join(re.sub(r"<[^>]+>", " ", stem.with_suffix(".html").read_text()).split())
    assert "Hela löftesperioden i korthet" in html
    assert (
        "Löftet gällde 14 juni 2022–13 juni 2024. Räknat över hela perioden nådde 0 av 9 "
        "aktiviteter målet för perioden (7 delvis genomförda, 2 ej genomförda)."
    ) in html
    assert "Trafikkontroller 61 mål 60 36 mål 60 97 mål 120, 81 %" in html
    assert "Enkäterna före och efter tecknandet" in html
    book = openpyxl.load_workbook(stem.parent / f"{stem.name}-underlag.xlsx")
    sheet = [r for r in book["Hela perioden"].iter_rows(values_only=True)]
    assert (sheet[19][:3]) == (
        "Trafikmiljön",
        "Trafikkontroller",
        "Hela perioden: 14 juni 2022–13 juni 2024",
    )
    assert sheet[19][5] == 97
    with pikepdf.open(stem.with_suffix(".pdf")) as pdf:
        files = {n: s.get_file().read_bytes() for n, s in pdf.attachments.items()}
    rows = list(csv.DictReader(io.StringIO(files["hela-perioden.csv"].decode())))
    total = next(
        r for r in rows if r["aktivitet"] == "Trafikkontroller" and r["loftesar"].startswith("Hela")
    )
    assert (total["antal"], total["fran"], total["till"]) == ("97", "2022-06-14", "2024-06-13")
    assert "hela-perioden-enkater.csv" in files
    model = build_model(
        *promise_and_data(read_inputs(Options(inputs, outputs, REPORT_DATE))), 2024, REPORT_DATE
    )
    sheets = [t.sheet for t in report_tables(model) if t.name.startswith("period_")]
    assert sheets == ["Hela perioden", "Enkäter över perioden"]
