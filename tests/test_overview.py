"""Alla indikatorer i korthet: one row per indicator and grade, in one table on one page of
the example, with 'säkerställd' only where the test was run and said so."""

from __future__ import annotations

import re
import tomllib
from html.parser import HTMLParser

from report.model.indicators import Finding
from report.model.overview import change_judgement, reference_judgement
from report.promise.types import Indicator
from tests.helpers import PROMISE
from tests.test_report import (
    flat,
    independent_latest_values,
    needs_poppler,
    pdf_text,
    swedish_percent,
)

SMOKING = Indicator("elsa-rok", "har rökt", "ELSA", True)


def finding(**changes) -> Finding:
    values = dict(
        indicator=SMOKING,
        grade="åk 9",
        year=2023,
        value=20.0,
        previous_year=2022,
        previous_value=10.0,
        change=10.0,
        significant=True,
        better=False,
        reference_area="Värmland",
        reference_value=12.0,
        p_value=0.001,
        sentence="",
        reference_p_value=0.01,
        reference_significant=True,
        reference_better=False,
    )
    return Finding(**{**values, **changes})


def test_a_tested_change_is_called_saekerstaelld_with_its_direction_and_verdict() -> None:
    j = change_judgement(finding())
    assert (j.symbol, j.text, j.better) == ("▲", "Säkerställd ökning – försämring", False)
    j = change_judgement(finding(value=5.0, change=-5.0, better=True))
    assert (j.symbol, j.text, j.better) == ("▼", "Säkerställd minskning – förbättring", True)


def test_an_untested_or_insignificant_change_is_never_called_saekerstaelld() -> None:
    cases = {
        "Ingen säkerställd förändring": finding(significant=False, better=None),
        "Kan inte prövas": finding(significant=None, better=None, p_value=None),
        "Första mätningen": finding(previous_year=None, previous_value=None, change=None),
        "Förra värdet visas inte": finding(previous_value=None, change=None, significant=None),
    }
    for text, f in cases.items():
        j = change_judgement(f)
        assert j.text == text and j.better is None
        assert "äkerställd " not in j.text or j.text.startswith("Ingen")


def test_the_reference_area_is_judged_by_the_same_test() -> None:
    j = reference_judgement(finding())
    assert (j.symbol, j.text, j.better) == ("▲", "Säkerställt högre – sämre", False)
    j = reference_judgement(finding(reference_significant=False, reference_better=None))
    assert (j.symbol, j.text, j.better) == ("=", "Ingen säkerställd skillnad", None)
    j = reference_judgement(finding(reference_significant=None, reference_better=None))
    assert j.text == "Kan inte prövas" and j.better is None
    j = reference_judgement(finding(reference_value=None, reference_area=None))
    assert j.text == "Ingen jämförelse"


def test_the_model_has_one_row_per_indicator_and_grade(example_report) -> None:
    model = example_report.result.model
    rows = [(g.anchor, r.grade) for g in model.overview for r in g.rows]
    expected = [
        (f"indikator-{i.indicator.id}", f.grade) for i in model.indicators for f in i.findings
    ]
    # then one row per outcome: the complaints, two crime rates and the safety index
    outcomes = [
        ("utfall-klagomal-trafik", "Händelser per år"),
        ("utfall-skadegorelse", "Per 1 000 invånare"),
        ("utfall-misshandel-utomhus", "Per 1 000 invånare"),
        ("utfall-trygghetsindex", "Index"),
    ]
    assert rows == expected + outcomes
    assert len(rows) == len(set(rows)) == 19 + 4
    assert model.overview_reference == "Värmland"  # the surveys'; outcomes name their own


@needs_poppler
def test_every_indicator_of_the_promise_file_is_on_one_page_in_one_table(example_report) -> None:
    labels = [i["namn"] for i in tomllib.loads(PROMISE.read_text("utf-8"))["indikatorer"]]
    count = int(
        re.search(r"Pages:\s+(\d+)", _pdfinfo(example_report.pdf)).group(1)  # type: ignore[union-attr]
    )
    overview_pages = [
        n
        for n in range(1, count + 1)
        if "Alla indikatorer i korthet" in flat(pdf_text(example_report.pdf, page=n))
    ]
    assert len(overview_pages) == 1
    page = flat(pdf_text(example_report.pdf, page=overview_pages[0]))
    table = page.split("Alla indikatorer och årskurser, andel i procent", 1)[1]
    for label in labels:
        assert f"Andel som {label}" in table, label
    # Every latest value, with its year, read straight from the example's survey files.
    for (_, grade), (year, value) in independent_latest_values().items():
        assert f"{grade} {swedish_percent(value)} ({year})" in table, (grade, value, year)


def _pdfinfo(pdf) -> str:
    import subprocess

    return subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout


class _Cells(HTMLParser):
    """The overview table's header cells and their scope, and whether it has a thead."""

    def __init__(self) -> None:
        super().__init__()
        self.inside = False
        self.scopes: list[str | None] = []
        self.thead = False

    def handle_starttag(self, tag, attrs) -> None:
        attrs = dict(attrs)
        if tag == "table" and attrs.get("class") == "overview-table":
            self.inside = True
        elif self.inside and tag == "th":
            self.scopes.append(attrs.get("scope"))
        elif self.inside and tag == "thead":
            self.thead = True

    def handle_endtag(self, tag) -> None:
        if tag == "table":
            self.inside = False


def test_the_overview_is_a_real_table_with_headers(example_report) -> None:
    html = example_report.result.html.read_text("utf-8")  # type: ignore[union-attr]
    cells = _Cells()
    cells.feed(html)
    assert cells.thead
    assert cells.scopes and None not in cells.scopes
    assert cells.scopes.count("col") == 6
    # nine indicators and four outcomes, a row per grade and one per outcome
    assert cells.scopes.count("rowgroup") == 9 + 4 and cells.scopes.count("row") == 19 + 4


def _result(ident: str, key: bool = False):
    from report.model.indicators import IndicatorResult

    return IndicatorResult(Indicator(ident, ident, "ELSA", True, key), (), (), (), False)


def test_key_indicators_are_the_marked_ones_else_the_first_twelve() -> None:
    from report.model.indicators import split_key

    many = tuple(_result(f"i{n}") for n in range(40))
    detailed, compact = split_key(many)
    assert [r.indicator.id for r in detailed] == [f"i{n}" for n in range(12)]
    assert [r.indicator.id for r in compact] == [f"i{n}" for n in range(12, 40)]
    few = many[:12]
    assert split_key(few) == (few, ())
    marked = tuple(_result(f"i{n}", key=n in (3, 30)) for n in range(40))
    detailed, compact = split_key(marked)
    assert [r.indicator.id for r in detailed] == ["i3", "i30"]
    assert len(compact) == 38


def test_no_chart_of_the_example_carries_more_than_six_lines(example_report) -> None:
    from report.charts.survey_data import MAX_LINES, chart_data, panels, uses_multiples

    model = example_report.result.model
    for result in model.indicators:
        data = chart_data(result)
        key = result in model.key_indicators
        if uses_multiples(data, key):
            assert all(len(p.lines) <= MAX_LINES for p in panels(data))
        else:
            assert len(data.lines) <= MAX_LINES
