"""Issue 3: the activities follow-up – statuses, the promise period, parties, several
exports and duplicates, each checked against numbers computed here by hand."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from report.inputs.dataset import Dataset
from report.inputs.promise_file import load_promise, promise_from_text
from report.inputs.validate import validate_workbooks
from report.inputs.workbook import read_workbook
from report.model.report import build_activities, build_model, find_duplicates, source_shares
from report.model.status import DONE, NO_DATA, NOT_DONE, PARTLY
from report.promise.types import Promise
from report.vocabulary import BOTH
from tests.helpers import PROMISE, REPORT_DATE, write_workbook

PROMISE_MODEL = load_promise(PROMISE)


def frame(*rows: tuple, responsible: list | None = None) -> pd.DataFrame:
    data = pd.DataFrame(
        {
            "date": pd.to_datetime([r[0] for r in rows]),
            "activity": [r[1] for r in rows],
            "count": [r[2] for r in rows],
            "place": [r[3] if len(r) > 3 else "" for r in rows],
            "file": [r[4] if len(r) > 4 else "a.xlsx" for r in rows],
            "sheet": "Blad1",
            "row": range(2, 2 + len(rows)),
        }
    )
    data["responsible"] = responsible if responsible is not None else [None] * len(rows)
    return data


def results(data: pd.DataFrame, year: int, data_end: dt.date, promise=PROMISE_MODEL):
    return {r.activity.id: r for r in build_activities(promise, data, year, data_end)}


def test_boundaries_exactly_half_exactly_full_no_rows_and_a_zero_row() -> None:
    data = frame(
        ("2023-03-01", "naringsliv", 2),  # target 4: exactly 50 %
        ("2023-03-01", "ssp", 10),  # target 10: exactly 100 %
        ("2023-03-01", "trafiksamverkan", 0),  # a zero row: reported, none done
        ("2023-12-01", "trafikkontroller", 29),
    )  # 29/60 = 48 %
    got = results(data, 2023, dt.date(2023, 12, 31))
    assert (got["naringsliv"].fulfilment, got["naringsliv"].status) == (50.0, PARTLY)
    assert (got["ssp"].fulfilment, got["ssp"].status) == (100.0, DONE)
    assert (got["trafiksamverkan"].count, got["trafiksamverkan"].status) == (0, NOT_DONE)
    assert got["trafikkontroller"].status == NOT_DONE
    assert got["patrullering"].count is None and got["patrullering"].status == NO_DATA


def test_part_year_is_compared_with_a_pro_rated_target() -> None:
    data = frame(("2024-01-10", "ssp", 2), ("2024-05-31", "ssp", 2))  # data up to 31 May
    ssp = results(data, 2024, dt.date(2024, 5, 31), promise_signed(dt.date(2023, 6, 1)))["ssp"]
    assert ssp.target == pytest.approx(10 * 152 / 366)  # 4.15: 152 of 2024's 366 days
    assert ssp.fulfilment == pytest.approx(4 / (10 * 152 / 366) * 100)  # 96 %
    assert ssp.status == PARTLY


def promise_signed(day: dt.date) -> Promise:
    """The shipped promise, renewed with another signing date."""
    text = PROMISE.read_text(encoding="utf-8").replace(
        "tecknat = 2022-06-14", f"tecknat = {day.isoformat()}"
    )
    return promise_from_text(text)


def test_period_since_signing_mid_year_over_a_leap_year() -> None:
    promise = promise_signed(dt.date(2023, 9, 1))  # runs to 2025-08-31, over 29 Feb 2024
    assert promise.period_end == dt.date(2025, 8, 31)
    data = frame(
        ("2023-08-31", "ssp", 5),  # the day before signing: not in the period
        ("2023-09-01", "ssp", 1),
        ("2024-02-29", "ssp", 3),
        ("2024-12-31", "ssp", 4),
    )
    ssp = results(data, 2024, dt.date(2024, 12, 31), promise)["ssp"]
    assert ssp.count == 7
    assert ssp.period_count == 8
    # 122 of 2023's 365 days, then all 366 days of 2024
    assert ssp.period_target == pytest.approx(10 * 122 / 365 + 10)


def test_a_period_that_has_ended() -> None:
    promise = promise_signed(dt.date(2022, 6, 14))
    data = frame(
        ("2022-07-01", "ssp", 1),
        ("2024-06-13", "ssp", 2),
        ("2024-06-14", "ssp", 4),
        ("2024-10-01", "ssp", 8),
    )
    ssp = results(data, 2024, dt.date(2024, 10, 1), promise)["ssp"]
    assert ssp.count == 2  # only the days of 2024 inside the period count
    assert ssp.after_period == 12  # shown, never counted
    assert ssp.target == pytest.approx(10 * 165 / 366)  # 1 January–13 June 2024
    assert ssp.period_count == 3  # 2024-06-14 is the first day after the period
    model = build_model(promise, Dataset(data, pd.DataFrame(), ()), 2024, REPORT_DATE)
    assert model.period_ended
    assert model.period_end == dt.date(2024, 6, 13)
    model = build_model(
        promise, Dataset(data[data["date"] < "2024-01-01"], pd.DataFrame(), ()), 2023, REPORT_DATE
    )
    assert not model.period_ended


def test_who_did_it_from_ansvarig_or_the_promise() -> None:
    data = frame(
        ("2023-02-01", "ssp", 2),
        ("2023-03-01", "ssp", 3),
        ("2023-04-01", "ssp", 4),
        ("2023-05-01", "trafikkontroller", 7),
        responsible=["Polisen", "Kommunen", None, None],
    )
    got = results(data, 2023, dt.date(2023, 12, 31))
    assert [(p.party, p.count) for p in got["ssp"].by_party] == [
        ("Polisen", 2),
        ("Kommunen", 3),
        (BOTH, 4),
    ]
    assert [(p.party, p.count) for p in got["trafikkontroller"].by_party] == [("Polisen", 7)]


def test_two_exports_with_different_headers_are_merged(tmp_path: Path) -> None:
    police = write_workbook(
        tmp_path / "polisen.xlsx",
        {
            "Logg": [
                ["Händelsedatum", "Typ av aktivitet", "Antal tillfällen"],
                [dt.date(2023, 1, 5), "Trafikkontroll", 3],
                [dt.date(2023, 2, 5), "SSP-möte", 1],
            ]
        },
    )
    municipality = write_workbook(
        tmp_path / "kommunen.xlsx",
        {
            "Blad1": [
                ["Datum", "Aktivitet", "Antal", "Utförare"],
                ["2023-02-05", "SSP", 2, "Kommunen"],
                ["2023-03-01", "Översyn trafikmiljö", None, ""],
            ]
        },
    )
    dataset = validate_workbooks(
        [read_workbook(police), read_workbook(municipality)], PROMISE_MODEL, REPORT_DATE
    )
    model = build_model(PROMISE_MODEL, dataset, 2023, REPORT_DATE)
    counts = {a.activity.id: a.count for a in model.activities}
    assert counts["trafikkontroller"] == 3 and counts["ssp"] == 3 and counts["trafikmiljo"] == 1
    shares = {s.file: (s.rows, s.count, round(s.share, 1)) for s in model.source_shares}
    assert shares == {"polisen.xlsx": (2, 4, 57.1), "kommunen.xlsx": (2, 3, 42.9)}
    assert sum(s.share for s in model.source_shares) == pytest.approx(100)


def test_duplicates_within_and_across_files_are_listed_not_dropped() -> None:
    data = frame(
        ("2023-03-01", "ssp", 1, "Skolan", "a.xlsx"),
        ("2023-03-01", "ssp", 1, "Skolan", "b.xlsx"),  # across files
        ("2023-03-01", "ssp", 1, "Stationen", "a.xlsx"),  # other place: not a dup
        ("2023-03-01", "ssp", 2, "Skolan", "a.xlsx"),  # other count: not a dup
        ("2023-04-01", "patrullering", 1, "Torget", "a.xlsx"),
        ("2023-04-01", "patrullering", 1, "Torget", "a.xlsx"),  # within a file
        ("2022-04-01", "patrullering", 1, "Torget", "a.xlsx"),
        ("2022-04-01", "patrullering", 1, "Torget", "a.xlsx"),
    )  # other year
    found = find_duplicates(data, PROMISE_MODEL, 2023)
    assert [(d.date, d.activity, d.count, d.rows) for d in found] == [
        (dt.date(2023, 3, 1), "SSP-möten", 1, (("a.xlsx", "Blad1", 2), ("b.xlsx", "Blad1", 3))),
        (
            dt.date(2023, 4, 1),
            "Trygghetsskapande patrullering",
            1,
            (("a.xlsx", "Blad1", 6), ("a.xlsx", "Blad1", 7)),
        ),
    ]
    dataset = Dataset(data, pd.DataFrame(), ())
    kept = build_model(PROMISE_MODEL, dataset, 2023, REPORT_DATE)
    dropped = build_model(PROMISE_MODEL, dataset, 2023, REPORT_DATE, drop_duplicate_rows=True)
    count = {a.activity.id: a.count for a in kept.activities}
    assert (count["ssp"], count["patrullering"]) == (5, 2)
    count = {a.activity.id: a.count for a in dropped.activities}
    assert (count["ssp"], count["patrullering"]) == (4, 1)
    assert len(kept.duplicates) == len(dropped.duplicates) == 2
    assert dropped.duplicates_dropped and not kept.duplicates_dropped


def test_source_shares_of_an_empty_year() -> None:
    assert source_shares(frame(("2022-01-01", "ssp", 1)), 2023) == ()
