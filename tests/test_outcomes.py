"""Outcomes from an event log, for a second promise (Älvstad: noise complaints, signed
2023-03-01): counts before and during, the exact rate test, the sentence, weekday by time."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from report.inputs.promise_file import load_promise
from report.inputs.validate import validate_workbooks
from report.inputs.workbook import read_workbook
from report.model.event_outcomes import TIME_BANDS, event_outcome
from report.model.report import build_model
from report.model.significance import poisson_rates_p_value
from report.output.sections.heat import contrast, heat_colours
from tests.helpers import REPORT_DATE, SECOND_PROMISE, write_workbook
from tests.test_outcomes_promise import OUTCOMES


def noise_log() -> list[list]:
    """Every third day before the signing, every sixth day after it; a burglary every day
    (never counted); times on Saturday nights."""
    rows: list[list] = [["Händelsedatum", "Tid", "Kategori", "Antal", "Adress"]]
    day = dt.date(2022, 1, 1)
    while day <= dt.date(2024, 12, 31):
        step = 3 if day < dt.date(2023, 3, 1) else 6
        if (day - dt.date(2022, 1, 1)).days % step == 0:
            rows.append([day.isoformat(), "23:30", "Bullerklagomål", None, "Storgatan 1"])
        rows.append([day.isoformat(), None, "Inbrott", 1, None])
        day += dt.timedelta(days=1)
    return rows


def independent_counts(rows: list[list], signed: dt.date) -> tuple[int, int]:
    before = sum(1 for r in rows[1:] if r[2] == "Bullerklagomål" and r[0] < signed.isoformat())
    during = sum(1 for r in rows[1:] if r[2] == "Bullerklagomål" and r[0] >= signed.isoformat())
    return before, during


def test_the_second_promise_gets_its_outcome_from_its_log(tmp_path: Path) -> None:
    promise = load_promise(_promise(tmp_path))
    rows = noise_log()
    path = write_workbook(tmp_path / "buller.xlsx", {"Ärenden": rows})
    dataset = validate_workbooks([read_workbook(path)], promise, REPORT_DATE)
    model = build_model(promise, dataset, 2024, REPORT_DATE)
    (result,) = model.outcomes
    assert result.outcome.id == "buller" and model.outcomes_in("centrum") == (result,)
    n1, n2 = independent_counts(rows, promise.signed)
    assert (result.before.count, result.during.count) == (n1, n2)
    assert result.before.period.start == dt.date(2022, 1, 1)
    assert result.before.period.end == dt.date(2023, 2, 28)
    assert result.during.period.end == dt.date(2024, 12, 31)
    t1 = (dt.date(2023, 3, 1) - dt.date(2022, 1, 1)).days
    t2 = (dt.date(2025, 1, 1) - dt.date(2023, 3, 1)).days
    assert result.p_value == poisson_rates_p_value(n1, t1, n2, t2) < 0.001
    assert sum(m[2] for m in result.months) == n1 + n2 == result.total
    assert len(result.months) == 36
    assert "minskat" in result.sentence and "är säkerställd" in result.sentence
    assert "förbättring" in result.sentence
    # Every complaint at 23:30: the last time band, on the weekday of its date.
    assert result.timed == n1 + n2
    assert sum(map(sum, result.when)) == n1 + n2
    assert all(row[:-1] == (0,) * (len(TIME_BANDS) - 1) for row in result.when)


def _promise(tmp_path: Path) -> Path:
    path = tmp_path / "medborgarlofte.toml"
    path.write_text(SECOND_PROMISE + OUTCOMES, encoding="utf-8")
    return path


def frame(dates: list[str], types: list[str]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "date": pd.to_datetime(dates),
            "minute": pd.array([None] * len(dates), dtype="Int64"),
            "type": types,
            "count": [1] * len(dates),
        }
    )


def test_a_small_change_is_not_called_secured(tmp_path: Path) -> None:
    outcome = load_promise(_promise(tmp_path)).outcomes[0]
    events = frame(
        ["2022-06-01", "2022-09-01", "2023-01-05", "2023-05-01", "2023-08-01", "2023-12-31"],
        ["Bullerklagomål", "fyrverkerier", "Bullerklagomål", "Bullerklagomål", "Annat", "Annat"],
    )
    result = event_outcome(outcome, events, dt.date(2024, 12, 31), dt.date(2023, 3, 1))
    assert (result.before.count, result.during.count) == (3, 1)
    assert not result.secured and "inte säkerställd" in result.sentence
    assert result.when is None


def test_an_earlier_years_report_counts_to_the_end_of_that_year(tmp_path: Path) -> None:
    """A 2023 report written when 2024's rows are in: the log runs past 31 December 2023,
    so the days to the end of 2023 count as observed (no events on them is a count of
    zero), not only the days up to the year's last event."""
    outcome = load_promise(_promise(tmp_path)).outcomes[0]
    events = frame(
        ["2022-06-01", "2023-05-01", "2023-10-15", "2024-02-01"],
        ["Bullerklagomål", "Bullerklagomål", "Bullerklagomål", "Annat"],
    )
    result = event_outcome(outcome, events, dt.date(2023, 12, 31), dt.date(2023, 3, 1))
    assert result.during.period.end == dt.date(2023, 12, 31)
    assert result.during.count == 2
    alone = event_outcome(outcome, events.iloc[:3], dt.date(2023, 12, 31), dt.date(2023, 3, 1))
    assert alone.during.period.end == dt.date(2023, 10, 15)  # the log's own last day


def test_a_log_that_starts_after_the_signing_has_no_test(tmp_path: Path) -> None:
    outcome = load_promise(_promise(tmp_path)).outcomes[0]
    events = frame(["2023-06-01", "2023-07-01"], ["Bullerklagomål", "Bullerklagomål"])
    result = event_outcome(outcome, events, dt.date(2024, 12, 31), dt.date(2023, 3, 1))
    assert result.before is None and result.p_value is None
    assert "ingen nivå före löftet" in result.sentence


def test_the_report_shows_the_outcome_with_its_chart_tables_and_files(tmp_path: Path) -> None:
    import io
    import re

    import openpyxl

    from report.app.cli import main
    from tests.helpers import ACTIVITY_HEADER, second_activity_rows

    inputs, outputs = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    _promise(inputs)
    write_workbook(inputs / "buller.xlsx", {"Ärenden": noise_log()})
    write_workbook(
        inputs / "logg.xlsx",
        {"Logg": [list(ACTIVITY_HEADER[:4]), *map(list, second_activity_rows())]},
    )
    out, err = io.StringIO(), io.StringIO()
    code = main(
        ["--inputs", str(inputs), "--outputs", str(outputs), "--date", "2025-02-01"],
        stdout=out,
        stderr=err,
    )
    assert code == 0, err.getvalue()
    html = (outputs / "alvstad-norra-2024.html").read_text(encoding="utf-8")
    section = html[html.index('id="utfall-buller"') :]
    assert "Utfall: Klagomål på buller i centrum" in section
    assert "142 händelser, 122 per år (1 januari 2022–28 februari 2023)" in section
    assert "112 händelser, 61 per år (1 mars 2023–31 december 2024)" in section
    assert "förändringen är säkerställd" in section and "p &lt; 0,001" in section
    alt = re.search(r'<img src="[^"]*" alt="([^"]*)"', section)
    assert alt and alt.group(1).startswith("Klagomål på buller i centrum: antal händelser per")
    assert "Före löftet (1 januari 2022–28 februari 2023): 142 händelser" in alt.group(1)
    assert "händelser per månad (diagrammets siffror)" in section
    assert "När händelserna inträffar" in section and "Lördag" in section
    assert "Storgatan" not in html  # the place is read, never printed
    book = openpyxl.load_workbook(outputs / "alvstad-norra-2024-underlag.xlsx", read_only=True)
    assert {"Utfall", "Utfall per månad", "Utfall veckodag och tid"} <= set(book.sheetnames)
    rows = list(book["Utfall"].iter_rows(min_row=2, values_only=True))
    assert [(r[0], r[7], r[11], r[14]) for r in rows] == [("buller", 142, 112, True)]
    import pikepdf

    with pikepdf.open(outputs / "alvstad-norra-2024.pdf") as pdf:
        files = {n: s.get_file().read_bytes().decode("utf-8") for n, s in pdf.attachments.items()}
    assert {"utfall.csv", "utfall-per-manad.csv", "utfall-veckodag-tid.csv"} <= set(files)
    assert files["utfall.csv"].splitlines()[1].startswith("buller,")
    monthly = files["utfall-per-manad.csv"].splitlines()
    assert len(monthly) == 1 + 36


def test_outcomes_without_their_data_are_named_in_the_notes(tmp_path: Path) -> None:
    promise = load_promise(_promise(tmp_path))
    path = write_workbook(
        tmp_path / "logg.xlsx",
        {"Logg": [["Datum", "Aktivitet", "Antal"], ["2024-03-01", "Kvällsvandring", 1]]},
    )
    dataset = validate_workbooks([read_workbook(path)], promise, REPORT_DATE)
    model = build_model(promise, dataset, 2024, REPORT_DATE)
    assert model.outcomes == ()
    notes = [n for n in model.notes if n.startswith("Utfallet")]
    assert notes == [
        "Utfallet ”Klagomål på buller i centrum” visas inte: ingen händelselogg finns bland "
        "indata. Lägg loggen i inputs/ (`make templates` skriver en mall).",
        "Utfallet ”Anmälda skadegörelsebrott” visas inte: ingen statistiktabell finns bland "
        "indata. Lägg tabellen i inputs/ (`make templates` skriver en mall).",
        "Utfallet ”Trygghetsindex” visas inte: ingen statistiktabell finns bland indata. Lägg "
        "tabellen i inputs/ (`make templates` skriver en mall).",
    ]


def test_every_heat_cell_keeps_wcag_contrast() -> None:
    """The weekday-by-time table: the blue deepens with the count, and every number keeps at
    least 4.5:1 against its cell (WCAG 2.1 AA for normal text), light or dark."""
    colours = [heat_colours(n, 1000) for n in range(1001)]
    assert min(contrast(text, background) for background, text in colours) >= 4.5
    lightest, darkest = colours[0][0], colours[-1][0]
    assert sum(lightest) > sum(darkest)
    assert {text for _, text in colours} == {(0, 0, 0), (255, 255, 255)}
    assert heat_colours(0, 0) == colours[0]  # a table of zeros: the lightest tint
    assert contrast((0, 0, 0), (255, 255, 255)) == pytest.approx(21)
