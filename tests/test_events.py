"""Händelselogg: header recognition, dates with and without time of day, a separate time
column, counts, every problem at once with file, sheet, row and column, privacy."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from report.errors import InputError
from report.inputs.csv_file import read_csv
from report.inputs.kinds import activity, events, registry
from report.inputs.kinds.base import Header
from report.inputs.promise_file import load_promise
from report.inputs.sheets import RawSheet
from report.inputs.validate import validate_workbooks
from report.inputs.workbook import read_workbook
from tests.helpers import PROMISE, REPORT_DATE, write_workbook

PROMISE_MODEL = load_promise(PROMISE)


def detect(*rows: list) -> Header | list | None:
    sheet = RawSheet("f.xlsx", "Blad1", [list(r) for r in rows])
    return registry.detect_header(sheet, registry.header_aliases(), REPORT_DATE)


@pytest.mark.parametrize(
    ("header", "kind"),
    [
        (["Datum", "Händelsetyp"], events.EVENTS),
        (["Datum", "Klockslag", "Ärendetyp", "Antal", "Plats", "Kommentar"], events.EVENTS),
        (["Händelsedatum", "Kategori", "Adress"], events.EVENTS),
        (["Datum", "Aktivitet", "Antal", "Plats"], activity.ACTIVITY),
    ],
)
def test_an_event_log_is_told_from_an_activity_log_by_its_header(header, kind) -> None:
    found = detect(["Export ur felanmälan"], header)
    assert isinstance(found, Header) and found.kind == kind


def test_an_event_log_without_a_date_column_is_named_as_incomplete() -> None:
    found = detect(["Händelsetyp", "Klockslag", "Plats"])
    assert isinstance(found, list) and "Datum" in found[0].message


def validate(tmp_path: Path, rows: list[list], name: str = "klagomal.xlsx"):
    path = write_workbook(tmp_path / name, {"Klagomål": rows})
    return validate_workbooks([read_workbook(path)], PROMISE_MODEL, REPORT_DATE)


def test_dates_times_and_counts_are_read(tmp_path: Path) -> None:
    dataset = validate(
        tmp_path,
        [
            ["Datum", "Klockslag", "Händelsetyp", "Antal", "Plats", "Kommentar"],
            ["2023-06-16 21:30", None, "Störande trafik", None, "Torget", "Bil med hög musik"],
            [dt.datetime(2023, 6, 17, 23, 5), None, "Hög musik från fordon", 2, None, None],
            [dt.date(2023, 6, 18), "01:15", "  Störande   trafik ", 1, None, None],
            ["2023-07-01", None, "Skadegörelse", 0, None, None],
            [dt.datetime(2023, 7, 2), "22.45", "Ordningsstörning", "3", None, None],
        ],
    )
    frame = dataset.events
    assert frame["date"].dt.date.tolist() == [
        dt.date(2023, 6, 16),
        dt.date(2023, 6, 17),
        dt.date(2023, 6, 18),
        dt.date(2023, 7, 1),
        dt.date(2023, 7, 2),
    ]
    minutes = [None if pd.isna(m) else int(m) for m in frame["minute"]]
    assert minutes == [21 * 60 + 30, 23 * 60 + 5, 75, None, 22 * 60 + 45]
    assert frame["type"].tolist() == [
        "Störande trafik",
        "Hög musik från fordon",
        "Störande trafik",
        "Skadegörelse",
        "Ordningsstörning",
    ]
    assert frame["count"].tolist() == [1, 2, 1, 0, 3]
    assert frame["row"].tolist() == [2, 3, 4, 5, 6]
    assert "place" not in frame and "Torget" not in frame.to_string()
    assert [s.kind for s in dataset.sources] == [events.EVENTS]
    source = dataset.sources[0]
    assert (source.rows, source.first, source.last) == (5, "2023-06-16", "2023-07-02")


def test_every_problem_is_reported_at_once_with_its_cell(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        validate(
            tmp_path,
            [
                ["Datum", "Klockslag", "Händelsetyp", "Antal"],
                ["2023-02-30", None, "Störande trafik", 1],
                ["2023-06-16 25:10", None, "Störande trafik", 1],
                ["2023-06-16", "kväll", "Störande trafik", 1],
                ["2023-06-16", None, None, 1],
                ["2023-06-16", None, "Störande trafik", -2],
                ["2030-01-01", None, "Störande trafik", 1],
            ],
        )
    problems = caught.value.problems
    where = [(p.row, p.column_name) for p in problems]
    assert where == [
        (2, "Datum"),
        (3, "Datum"),
        (4, "Klockslag"),
        (5, "Händelsetyp"),
        (6, "Antal"),
        (7, "Datum"),
    ]
    assert all(p.file == "klagomal.xlsx" and p.sheet == "Klagomål" for p in problems)
    assert "giltigt datum" in problems[0].message
    assert "klockslag" in problems[1].message
    assert "efter dagens datum" in problems[5].message


def test_a_personal_number_in_the_free_text_is_warned_about_never_shown(tmp_path: Path) -> None:
    dataset = validate(
        tmp_path,
        [
            ["Datum", "Händelsetyp", "Kommentar"],
            ["2023-06-16", "Störande trafik", "Anmälare 19800101-1231 ringde"],
        ],
    )
    warning = next(n for n in dataset.notes if "personnummer" in n)
    assert "C2" in warning and "1231" not in warning
    assert "1231" not in dataset.events.to_string()


def test_an_event_log_as_csv(tmp_path: Path) -> None:
    path = tmp_path / "handelser.csv"
    path.write_text(
        "Datum;Tid;Händelse;Antal\n2024-05-03;21:10;Störande trafik;1\n"
        "2024-05-04;;Hög musik från fordon;2\n",
        encoding="utf-8",
    )
    dataset = validate_workbooks([read_csv(path)], PROMISE_MODEL, REPORT_DATE)
    frame = dataset.events
    assert frame["count"].sum() == 3
    assert int(frame["minute"].iloc[0]) == 21 * 60 + 10
    assert frame["minute"].isna().tolist() == [False, True]


@pytest.mark.parametrize(
    ("cell", "minute"),
    [
        ("21:30", 21 * 60 + 30),
        ("7.05", 7 * 60 + 5),
        (dt.time(0, 0), 0),
        (dt.timedelta(hours=23, minutes=59), 23 * 60 + 59),
        (0.5, 12 * 60),
        (None, None),
    ],
)
def test_time_of_day_cells(cell, minute) -> None:
    assert events.parse_time_of_day(cell) == (minute, None)


@pytest.mark.parametrize("cell", ["24:00", "kväll", 1.5, "12:60"])
def test_bad_time_of_day_cells(cell) -> None:
    value, error = events.parse_time_of_day(cell)
    assert value is None and error


def test_the_events_template_is_read_back_as_an_event_log(tmp_path: Path) -> None:
    import io

    import openpyxl

    from report.output.excel_templates import template_bytes

    promise_text = PROMISE.read_text(encoding="utf-8")
    assert "[[utfall]]" in promise_text
    book = openpyxl.load_workbook(io.BytesIO(template_bytes(events.KIND, PROMISE_MODEL)))
    sheet = book[events.EVENTS_SHEET]
    header = [c.value for c in sheet[1] if c.value]
    assert header == [c.title for c in events.COLUMNS]
    lists = [c.value for c in book["Listor"]["A"] if c.value]
    assert "Störande trafik" in lists and "Hög musik från fordon" in lists
    sheet.append([dt.date(2023, 6, 16), dt.time(22, 10), "Störande trafik", 2])
    path = tmp_path / "mall.xlsx"
    book.save(path)
    dataset = validate_workbooks([read_workbook(path)], PROMISE_MODEL, REPORT_DATE)
    frame = dataset.events
    assert frame["count"].tolist() == [2] and int(frame["minute"].iloc[0]) == 22 * 60 + 10
