"""Fuzzed workbooks: whatever the exports hold, a run ends in a complete report or in a clean
InputError with located Swedish messages – never another exception, never a partial file.

Most examples go through read_workbook → validate_workbooks → build_model directly (fast);
a handful go through the whole command line, rendering included.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import os
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from report.app.cli import main
from report.errors import EXIT_INPUT, EXIT_OK, Code, InputError, format_problems
from report.inputs.kinds.activity import ACTIVITY
from report.inputs.kinds.registry import columns_of
from report.inputs.kinds.survey_long import SURVEY
from report.inputs.promise_file import load_promise
from report.inputs.validate import validate_workbooks
from report.inputs.workbook import read_workbook
from report.model.report import build_model, default_year
from tests.helpers import (
    PROMISE,
    REPORT_DATE,
    activity_rows,
    inputs_folder,
    rewrite_zip,
    write_workbook,
    write_xls,
)

PROMISE_MODEL = load_promise(PROMISE)
FAST = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "30")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
FULL = settings(
    max_examples=int(os.environ.get("FUZZ_FULL_EXAMPLES", "2")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Text openpyxl can write (no control characters, no lone surrogates).
TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=24)
KNOWN = (
    [name for a in PROMISE_MODEL.activities for name in (a.id, a.name, *a.aliases)]
    + [i.id for i in PROMISE_MODEL.indicators]
    + [
        "2023-05-04",
        "2023-02-30",
        "14/6 2023",
        "Åk 9",
        "gy 2",
        "9",
        "ELSA",
        "Elevers drogvanor",
        "Alla",
        "Tjej",
        "Pojkar",
        "Värmland",
        "Hagfors",
        "23 %",
        "61,5",
        "Polisen",
        "Båda",
        "#DIV/0!",
        "#REF!",
        "811218-9876",
        "=1+1",
        " ",
        "nan",
        "inf",
        "-0",
        "1e400",
    ]
)
CELL = st.one_of(
    st.none(),
    st.just(""),
    TEXT,
    st.sampled_from(KNOWN),
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(allow_nan=True, allow_infinity=True),
    st.floats(min_value=0, max_value=100),
    st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(9999, 12, 31)),
    st.datetimes(min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2030, 12, 31)),
    st.booleans(),
)
HEADERS = {
    kind: [h for c in columns_of(kind) for h in (c.title, *c.aliases)]
    for kind in (ACTIVITY, SURVEY)
}
SHEET_NAME = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="[]:*?/\\'"),
    min_size=1,
    max_size=31,
).filter(lambda s: s.strip() and s != "History")


@st.composite
def sheet_rows(draw: st.DrawFn) -> list[list[Any]]:
    kind = draw(st.sampled_from([ACTIVITY, SURVEY]))
    header = draw(
        st.lists(
            st.one_of(st.sampled_from(HEADERS[kind]), TEXT),
            min_size=0,
            max_size=10,
            unique_by=str.casefold,
        )
    )
    titles = draw(st.lists(st.lists(CELL, max_size=3), max_size=3))
    body = draw(
        st.lists(st.lists(CELL, min_size=len(header), max_size=len(header) + 2), max_size=12)
    )
    return [*titles, header, *body] if header or body else titles


@st.composite
def workbooks(draw: st.DrawFn) -> tuple[dict[str, list[list[Any]]], list[str]]:
    names = draw(st.lists(SHEET_NAME, min_size=1, max_size=3, unique_by=str.casefold))
    sheets = {name: draw(sheet_rows()) for name in names}
    hidden = draw(st.lists(st.sampled_from(names), max_size=1))
    if len(hidden) == len(names):
        hidden = []
    return sheets, hidden


def check_outcome(paths: list[Path]) -> None:
    """A model, or an InputError whose every problem is located and readable."""
    try:
        books = [read_workbook(path) for path in paths]
        dataset = validate_workbooks(books, PROMISE_MODEL, REPORT_DATE)
        year = default_year(dataset) or REPORT_DATE.year
        model = build_model(PROMISE_MODEL, dataset, year, REPORT_DATE, False)
    except InputError as error:
        assert error.problems
        event(
            "input error: "
            + (
                "unrecognised"
                if any(p.code == Code.FILE_NOT_RECOGNISED for p in error.problems)
                else "located"
                if any(p.row for p in error.problems)
                else "other"
            )
        )
        for problem in error.problems:
            assert problem.message.strip() and problem.file
            assert problem.row is None or problem.row >= 1
        assert "Fil: " in format_problems(error.problems)
        return
    event(f"model: activities {not dataset.activities.empty}, survey {not dataset.survey.empty}")
    for result in model.activities:
        assert result.count is None or result.count >= 0
    assert all(math.isfinite(v) and 0 <= v <= 100 for v in dataset.survey["value"].dropna())


ALIASES = {c.key: [c.title, *c.aliases] for c in columns_of(ACTIVITY)}
SURVEY_ALIASES = {c.key: [c.title, *c.aliases] for c in columns_of(SURVEY)}


@st.composite
def plausible_logs(draw: st.DrawFn) -> list[list[Any]]:
    """Activity logs that are mostly valid: header in any order with any alias, free text
    and unknown columns full of odd unicode, sometimes a bad cell."""
    keys = draw(st.permutations(list(ALIASES)))
    header = [draw(st.sampled_from(ALIASES[k])) for k in keys] + [draw(TEXT)]
    names = [n for a in PROMISE_MODEL.activities for n in (a.name, *a.aliases)]
    values = {
        "datum": st.one_of(
            st.dates(min_value=dt.date(2021, 1, 1), max_value=dt.date(2023, 12, 31)),
            st.sampled_from(["2023-06-14", "2022-12-31"]),
        ),
        "aktivitet": st.sampled_from(names),
        "antal": st.one_of(st.none(), st.integers(1, 400)),
        "ansvarig": st.sampled_from(["", "Polisen", "Kommunen", "Båda", None]),
        "plats": TEXT,
        "kommentar": TEXT,
    }
    rows = [[draw(values[k]) for k in keys] + [draw(CELL)] for _ in range(draw(st.integers(1, 15)))]
    if draw(st.booleans()):
        rows[0][keys.index("antal")] = draw(CELL)
    return [header, *rows]


@st.composite
def plausible_surveys(draw: st.DrawFn) -> list[list[Any]]:
    """Survey data that is mostly valid: any column order and alias, odd groups and areas,
    unknown indicators, extreme respondent counts, percent as text or fraction."""
    keys = draw(st.permutations(list(SURVEY_ALIASES)))
    header = [draw(st.sampled_from(SURVEY_ALIASES[k])) for k in keys]
    indicators = [i.id for i in PROMISE_MODEL.indicators] + [
        i.label for i in PROMISE_MODEL.indicators
    ]
    values = {
        "ar": st.integers(1990, 2026),
        "undersokning": st.sampled_from(["ELSA", "Elevers drogvanor", "Elevs drogvanor", "elsa"]),
        "arskurs": st.sampled_from(["åk 4", "Åk 7", "9", "gy 1", "Gy2", "årskurs 9", 9.0]),
        "kon": st.one_of(
            st.sampled_from(["Flickor", "Pojkar", "Alla", "Tjej", "Kille"]), TEXT.filter(str.strip)
        ),
        "indikator": st.one_of(st.sampled_from(indicators), TEXT),
        "andel": st.one_of(st.floats(0, 100), st.sampled_from(["23,5 %", "0", "100", "7"])),
        "antal_svarande": st.one_of(st.none(), st.integers(0, 10**6)),
        "omrade": st.one_of(st.sampled_from(["", "Hagfors", "Värmland", "Riket", None]), TEXT),
    }
    rows = [[draw(values[k]) for k in keys] for _ in range(draw(st.integers(1, 25)))]
    return [header, *rows]


@FAST
@given(
    books=st.lists(
        st.one_of(
            workbooks(),
            plausible_logs().map(lambda rows: ({"Logg": rows}, [])),
            plausible_surveys().map(lambda rows: ({"Data": rows}, [])),
        ),
        min_size=1,
        max_size=3,
    )
)
def test_random_workbooks_end_in_a_model_or_a_clean_input_error(books) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        paths = [
            write_workbook(Path(tmp) / f"export-{i}.xlsx", sheets, hidden=hidden)
            for i, (sheets, hidden) in enumerate(books)
        ]
        check_outcome(paths)


# --- damaged files ------------------------------------------------------------------------

SNIPPETS = [
    b"<",
    b">",
    b'"',
    b"&",
    b"\xff\xfe",
    b'r="ZZZZ99999999"',
    b'<c r="A1" t="e"><v>',
    b'<mergeCell ref="A1:XFD1048576"/>',
    b'<dimension ref="A1:XFD1048576"/>',
    b"<!DOCTYPE x>",
    b"\x00" * 8,
]


def damage(data: bytes, how: str, at: float, snippet: bytes) -> bytes:
    i = int(at * len(data))
    if how == "truncate":
        return data[:i]
    if how == "insert":
        return data[:i] + snippet + data[i:]
    if how == "repeat":
        return data[:i] + data[i : i + 64] * 3 + data[i:]
    return data[:i] + bytes([(data[i] + 1) % 256]) + data[i + 1 :] if data[i:] else data


HOW = st.sampled_from(["truncate", "insert", "repeat", "flip"])


@FAST
@given(member=st.integers(0, 20), how=HOW, at=st.floats(0, 1), snippet=st.sampled_from(SNIPPETS))
def test_damaged_xlsx_gives_a_workbook_or_a_clean_input_error(member, how, at, snippet) -> None:
    """Broken XML, truncated members, far-away cells: never a crash of the parser."""
    with tempfile.TemporaryDirectory() as tmp:
        path = write_workbook(
            Path(tmp) / "export.xlsx",
            {
                "Logg": activity_rows(
                    [dt.date(2023, 1, 2), "SSP", 1], [dt.date(2023, 1, 3), "#REF!", 2]
                )
            },
            merged={"Logg": ["D2:E3"]},
        )
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
        target = names[member % len(names)]
        rewrite_zip(
            path, lambda name, data: damage(data, how, at, snippet) if name == target else data
        )
        try:
            read_workbook(path)
        except InputError as error:
            assert error.problems[0].message


@FAST
@given(how=HOW, at=st.floats(0, 1), snippet=st.sampled_from(SNIPPETS))
def test_damaged_xls_gives_a_workbook_or_a_clean_input_error(how, at, snippet) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = write_xls(
            Path(tmp) / "export.xls", {"Logg": activity_rows([dt.date(2023, 1, 2), "SSP", 1])}
        )
        path.write_bytes(damage(path.read_bytes(), how, at, snippet))
        try:
            read_workbook(path)
        except InputError as error:
            assert error.problems[0].message


# --- the whole command line -------------------------------------------------------------


@FULL
@given(log=plausible_logs(), unknown_indicator=TEXT)
def test_the_command_line_ends_in_a_complete_pdf_or_a_clean_error(log, unknown_indicator) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        inputs = inputs_folder(Path(tmp))
        write_workbook(inputs / "logg.xlsx", {"Logg": log})
        if unknown_indicator.strip():
            write_workbook(
                inputs / "enkat.xlsx",
                {
                    "Data": [
                        ["År", "Undersökning", "Årskurs", "Kön", "Indikator", "Andel"],
                        [2023, "ELSA", "åk 7", "Alla", "elsa-trygg", 80],
                        [2023, "ELSA", "åk 7", "Alla", unknown_indicator, 10],
                    ]
                },
            )
        outputs = Path(tmp) / "outputs"
        out, err = io.StringIO(), io.StringIO()
        code = main(
            ["--inputs", str(inputs), "--outputs", str(outputs), "--date", "2026-11-25"],
            stdout=out,
            stderr=err,
        )
        assert code in (EXIT_OK, EXIT_INPUT), err.getvalue()
        assert "Traceback" not in err.getvalue()
        files = sorted(outputs.iterdir()) if outputs.exists() else []
        if code == EXIT_OK:
            # the underlag sorts first, then the HTML preview and the PDF
            assert [f.suffix for f in files] == [".xlsx", ".html", ".pdf"]
            underlag, _html, pdf = files
            data = pdf.read_bytes()
            assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
            assert underlag.name.endswith("-underlag.xlsx")
            with zipfile.ZipFile(underlag) as archive:
                assert archive.testzip() is None
        else:
            assert files == []
            assert err.getvalue().startswith("Rapporten kunde inte byggas: ")
