"""Swedish conventions everywhere, through Babel: 1 234, 12,5 %, 14 juni 2022, Swedish month
names in the charts, and no ISO dates or decimal points left in the report."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess

import pytest

from report import format as fmt
from report.charts.activities import area_spec, fulfilment_spec
from report.charts.svg import style_axes

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) saknas"
)
NBSP = "\u00a0"


def test_numbers_percent_and_dates() -> None:
    assert fmt.whole(1234) == f"1{NBSP}234"
    assert fmt.whole(1234567) == f"1{NBSP}234{NBSP}567"
    assert fmt.percent(12.5, 1) == f"12,5{NBSP}%"
    assert fmt.decimal(0.05, 2) == "0,05"
    assert fmt.signed(-3) == "−3"
    assert fmt.long_date(dt.date(2022, 6, 14)) == "14 juni 2022"
    assert fmt.short_date(dt.date(2021, 1, 2)) == "2 jan. 2021"
    assert fmt.date_text("2023-12-28") == "28 dec. 2023"
    assert fmt.date_text("2016") == "2016"
    assert [fmt.month_name(m, "wide") for m in (1, 5, 10)] == ["januari", "maj", "oktober"]
    assert fmt.count(1, "fil", "filer") == "1 fil"
    assert fmt.count(1500, "rad", "rader") == f"1{NBSP}500 rader"


def test_chart_axes_group_thousands_with_a_decimal_comma() -> None:
    from matplotlib.figure import Figure

    ax = Figure().add_subplot()
    ax.bar([1], [2500])
    style_axes(ax)
    formatter = ax.yaxis.get_major_formatter()
    assert formatter(1000, 0) == f"1{NBSP}000"
    assert formatter(2.5, 0) == "2,5"


def test_charts_speak_swedish(example_report) -> None:
    model = example_report.result.model
    area = area_spec(model.sections[0], model.year, "#000000").chart().svg
    for month in ("jan.", "feb.", "mars", "maj", "juni", "okt.", "dec."):
        assert f">{month}<" in area, month
    for english in ("Jan", "May", "Oct", "Dec"):
        assert f">{english}" not in area
    assert f">100{NBSP}%<" in fulfilment_spec(model).chart().svg


@needs_poppler
def test_no_iso_dates_or_decimal_points_in_the_report(example_report) -> None:
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(example_report.pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert not re.findall(r"\d{4}-\d{2}-\d{2}", text)
    assert not re.findall(r"\d\.\d", text)
    assert "14 juni 2022" in text
    assert "15 jan. 2021" in text  # the sources table
    assert "p < 0,05" in text
