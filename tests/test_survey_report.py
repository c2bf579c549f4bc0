"""End to end, survey part: every survey number printed in the example PDF matches the
example exports, read independently (openpyxl + tomllib), and hidden cells are absent."""

from __future__ import annotations

import itertools
import re
import tomllib
from collections import defaultdict
from decimal import ROUND_HALF_EVEN, Decimal

import pikepdf
import pytest

from tests.helpers import PROMISE, example_survey_records
from tests.test_report import flat, needs_poppler, pdf_text

PROMISE_TOML = tomllib.loads(PROMISE.read_text(encoding="utf-8"))
THRESHOLD = PROMISE_TOML["enkater"]["minsta_antal_svarande"]
MUNICIPALITY = PROMISE_TOML["lofte"]["kommun"]
RECORDS = example_survey_records("enkat-elsa.xlsx") + example_survey_records("enkat-drogvanor.xlsx")
ROW = re.compile(r"^\s*(åk \d|gy \d)\s{2,}(Flickor|Pojkar|Alla|[^\s].*?, alla)\s{2,}(.+)$")
CELL = re.compile(r"(\d+)\s?%|–\*|·")


def whole_percent(value: float) -> str:
    return f"{Decimal(str(value)).quantize(Decimal(1), rounding=ROUND_HALF_EVEN)} %"


def expected_cells() -> tuple[dict[tuple, str], list[tuple]]:
    """Every cell the survey tables should print, and the rows in report order.

    Key: (indicator, grade, group, year) with group Flickor / Pojkar / Alla for the
    municipality and "<area>, alla" for a reference area."""
    by_key = {}
    small = set()
    survey_years: dict[str, set[int]] = defaultdict(set)
    for year, survey, grade, sex, indicator, value, n, area in RECORDS:
        group = sex if area == MUNICIPALITY else f"{area}, {sex.lower()}"
        by_key[(indicator, grade, group, year)] = value
        survey_years[survey].add(year)
        if n is not None and n < THRESHOLD:
            small.add((indicator, grade, area, year))
    cells: dict[tuple, str] = {}
    rows: list[tuple] = []
    for spec in PROMISE_TOML["indikatorer"]:
        ind = spec["id"]
        local_years = sorted(
            {y for y, _, _, _, i, _, _, a in RECORDS if i == ind and a == MUNICIPALITY}
        )
        if not local_years:
            continue
        rhythm = sorted(survey_years[spec["undersokning"]])
        step = min(b - a for a, b in itertools.pairwise(rhythm))
        years = list(range(local_years[0], local_years[-1] + 1, step))[-8:]
        grades = sorted(
            {g for _, _, g, _, i, _, _, _ in RECORDS if i == ind},
            key=lambda g: (g.startswith("gy"), g),
        )
        areas = sorted({a for *_, i, _, _, a in RECORDS if i == ind} - {MUNICIPALITY})
        for grade in grades:
            groups = ["Flickor", "Pojkar", "Alla", *(f"{a}, alla" for a in areas)]
            for group in groups:
                area = MUNICIPALITY if "," not in group else group.split(",")[0]
                row = []
                for year in years:
                    key = (ind, grade, group, year)
                    if (ind, grade, area, year) in small:
                        text = "–*"
                    elif key in by_key:
                        text = whole_percent(by_key[key])
                    else:
                        text = "·"
                    cells[key] = text
                    row.append(text)
                rows.append((grade, group, tuple(row)))
    return cells, rows


@needs_poppler
def test_every_survey_table_cell_in_the_pdf_matches_the_exports(example_report) -> None:
    _, expected = expected_cells()
    printed = []
    for line in pdf_text(example_report.pdf, layout=True).splitlines():
        match = ROW.match(line.replace("\u00a0", " "))
        if match:
            cells = tuple(
                m.group(0) if not m.group(1) else f"{m.group(1)} %"
                for m in CELL.finditer(match.group(3))
            )
            printed.append((match.group(1), match.group(2), cells))
    assert len(expected) == 3 * 4 + 2 * 2 * 4 + 6 * 2 * 4
    assert printed == expected
    hidden = [row for row in printed if "–*" in row[2]]
    assert len(hidden) == 5 * 3  # gy 2 2013 girls, boys and all, for five indicators


@needs_poppler
def test_every_number_in_the_survey_sentences_matches_the_exports(example_report) -> None:
    cells, _ = expected_cells()
    text = flat(pdf_text(example_report.pdf))
    names = {spec["id"]: spec["namn"] for spec in PROMISE_TOML["indikatorer"]}
    labels = {(names[ind], grade): ind for _, _, grade, _, ind, *_ in RECORDS}
    # A finding ends with what happened since the previous measurement, and maybe a
    # sentence about girls and boys.
    sentence = re.compile(
        r"Andelen elever i (åk \d|gy \d) som (.+?) var (\d+ %) (\d{4})"
        r"(.*?(?:sedan \d{4}|i serien|för få svarande\)|kan inte prövas\)"
        r"|en försämring|en förbättring)\.(?: Bland flickorna[^.]*\.)?)"
    )
    checked = 0
    for match in sentence.finditer(text):
        grade, label, value, year, rest = match.groups()
        indicator = labels[(label, grade)]
        year = int(year)
        numbers = [value]
        assert cells[(indicator, grade, "Alla", year)] == value
        for area, ref in re.findall(r"(?:\(|än i )(\w+) \(?(\d+ %)\)", rest):
            assert cells[(indicator, grade, f"{area}, alla", year)] == ref
            numbers.append(ref)
        for before, then in re.findall(r"(?:från|jämfört med) (\d+ %) (\d{4})", rest):
            assert cells[(indicator, grade, "Alla", int(then))] == before
            numbers.append(before)
        for girls, boys in re.findall(
            r"flickorna var andelen (\d+ %) och bland pojkarna "
            r"(\d+ %)",
            rest,
        ):
            assert cells[(indicator, grade, "Flickor", year)] == girls
            assert cells[(indicator, grade, "Pojkar", year)] == boys
            numbers += [girls, boys]
        assert len(re.findall(r"\d+ %", match.group(0))) == len(numbers), match.group(0)
        checked += 1
    # 19 grade × indicator findings on the indicator pages and the strongest again in the
    # summary (alternative texts are not in the text layer).
    assert checked == 19 + len(example_report.result.model.key_findings)


def structure_elements(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    found = []

    def walk(node) -> None:
        if isinstance(node, pikepdf.Array):
            for kid in node:
                walk(kid)
        elif isinstance(node, pikepdf.Dictionary):
            if "/S" in node:
                found.append(node)
            if "/K" in node:
                walk(node["/K"])

    walk(pdf.Root["/StructTreeRoot"].get("/K"))
    return found


def test_every_survey_chart_has_its_sentences_as_alt_text_and_a_table(example_report) -> None:
    model = example_report.result.model
    with pikepdf.open(example_report.pdf) as pdf:
        elements = structure_elements(pdf)
        alts = [str(e.get("/Alt", "")) for e in elements if e["/S"] == "/Figure"]
        tables = sum(1 for e in elements if e["/S"] == "/Table")
    # one fulfilment chart, a month and a year chart per focus area, one per activity, one
    # per indicator and one per outcome (the example has the complaints from an event log
    # and three from statistics tables)
    assert (len(model.outcomes), len(model.statistics)) == (1, 3)
    assert len(alts) == (
        1
        + 2 * len(model.sections)
        + len(model.activities)
        + len(model.indicators)
        + len(model.outcomes)
        + len(model.statistics)
    )
    assert all(alt.strip() for alt in alts)
    for result in model.indicators:
        alt = next(a for a in alts if result.findings[0].sentence in a)
        for finding in result.findings:
            assert finding.sentence in alt
        assert "Alla värden finns i tabellen under diagrammet." in alt
    # the summary table, a facts table per activity, a table per indicator, the sources
    # (a table that continues on the next page is tagged as one more)
    assert tables >= 1 + len(model.activities) + len(model.indicators) + 1


@pytest.mark.parametrize("word", ["Lägre andel är bättre", "Högre andel är bättre"])
@needs_poppler
def test_direction_is_written_beside_every_chart(example_report, word: str) -> None:
    text = flat(pdf_text(example_report.pdf))
    ids = [
        i for i in PROMISE_TOML["indikatorer"] if i["lagre_ar_battre"] == (word.startswith("Lägre"))
    ]
    # in the heading area, the chart itself and its caption
    assert text.count(word) >= 3 * len(ids)
