"""Issue 12, item 4: implausible input is caught, not counted – an Antal far beyond the
activity's usual rows, a formula without a computed value, two columns meaning the same
thing. Each through `make check`, `make report` and, for the warning, Om underlaget; on the
Hagfors promise and on the second promise."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pandas as pd

from report.inputs.checks import formula_cells, implausible_rows
from report.inputs.promise_file import load_promise
from tests.helpers import (
    PROMISE,
    SECOND_PROMISE,
    CommandLine,
    activity_rows,
    inputs_folder,
    write_workbook,
)

DATE = ["--date", "2024-02-01"]


def flat(text: str) -> str:
    return " ".join(text.split())


def typo_log(inputs: Path, name: str, big: int) -> Path:
    rows = [(dt.date(2023, m, 3), name, 1, "", "", "") for m in range(1, 12)]
    rows.insert(3, (dt.date(2023, 4, 20), name, big, "", "", ""))  # Excel row 5
    return write_workbook(inputs / "logg.xlsx", {"Logg": activity_rows(*rows)})


def test_an_implausible_antal_is_a_warning_naming_the_cell_and_is_not_counted(
    tmp_path: Path,
    cli: CommandLine,
) -> None:
    inputs = inputs_folder(tmp_path)
    typo_log(inputs, "Trafikkontroll", 1_000_000)
    code, out, _ = cli("check", "--inputs", str(inputs), *DATE, "--year", "2023")
    assert code == 0
    text = flat(out)
    assert (
        "logg.xlsx, blad Logg, cell C5: Antal 1 000 000 för Trafikkontroller är orimligt högt "
        "– mer än årsmålet (60) och mer än 10 gånger det vanliga antalet per rad (median 1). "
        "Raden räknas inte."
    ) in text
    assert re.search(r"Trafikkontroller\s+11 av målet\s+60", out)
    outputs = tmp_path / "out"
    code, out, _ = cli(
        "--inputs", str(inputs), "--outputs", str(outputs), *DATE, "--year", "2023",
        "--jobs", "1",
    )  # fmt: skip
    assert code == 0 and "cell C5: Antal 1 000 000" in flat(out)
    html = flat(re.sub(r"<[^>]+>", " ", (outputs / "hagfors-lpo-torsby-2023.html").read_text()))
    assert "Att notera om underlaget" in html and "cell C5: Antal 1 000 000" in html
    assert "4 166" not in html  # no absurd fulfilment


def test_the_rule_on_the_second_promise() -> None:

    from report.inputs.promise_file import promise_from_text

    promise = promise_from_text(SECOND_PROMISE)
    frame = pd.DataFrame(
        {
            "activity": ["radet"] * 5 + ["kvallsvandring"] * 3,
            "count": [1, 1, 1, 12, 11, 2, 2, 25],
        }
    )
    # radet: target 6, median 1 -> 12 and 11 exceed both; kvallsvandring: target 24,
    # median 2 -> 25 > 24 and > 20
    assert implausible_rows(frame, promise).tolist() == [False] * 3 + [True, True] + [
        False,
        False,
        True,
    ]
    # the Hagfors target 150 for patrols: 100 patrols in one row is within the target
    hagfors = load_promise(PROMISE)
    frame = pd.DataFrame({"activity": ["patrullering"] * 3, "count": [1, 1, 100]})
    assert not implausible_rows(frame, hagfors).any()


def test_a_formula_without_a_value_is_an_error_naming_the_cell(
    tmp_path: Path, cli: CommandLine
) -> None:
    inputs = inputs_folder(tmp_path)
    # openpyxl writes formulas without a computed value, as some export systems do
    write_workbook(
        inputs / "logg.xlsx",
        {"Logg": activity_rows((dt.date(2023, 3, 1), "SSP-möte", "=1+1", "", "", ""))},
    )
    code, out, _ = cli("check", "--inputs", str(inputs), *DATE)
    assert code == 1
    text = flat(out)
    assert "cell C2, kolumn ”Antal”: Cellen innehåller en formel (=1+1) utan uträknat värde" in (
        text
    )
    assert "Öppna filen i Excel och spara den" in text
    code, _, err = cli("--inputs", str(inputs), "--outputs", str(tmp_path / "o"), *DATE)
    assert code == 1 and "formel (=1+1) utan uträknat värde" in flat(err)


def test_formula_cells_with_a_value_are_fine() -> None:
    xml = (
        b'<row r="2"><c r="C2"><f>1+1</f><v>2</v></c><c r="D2"><f>A1</f></c>'
        b'<c r="E2" t="str"><f t="shared" si="0"/></c><c r="F2"><f>B1</f><v></v></c></row>'
    )
    assert formula_cells(xml) == [(1, 3, "=A1"), (1, 4, "="), (1, 5, "=B1")]
    assert formula_cells(b'<row r="2"><c r="A2"><v>1</v></c></row>') == []


def test_two_columns_meaning_the_same_thing_are_an_error_naming_both(
    tmp_path: Path, cli: CommandLine
) -> None:
    inputs = inputs_folder(tmp_path)
    write_workbook(
        inputs / "logg.xlsx",
        {
            "Logg": [
                ("Datum", "Aktivitet", "Antal", "Händelsedatum"),
                (dt.date(2023, 3, 1), "SSP-möte", 1, dt.date(2023, 3, 2)),
            ]
        },
    )
    code, out, _ = cli("check", "--inputs", str(inputs), *DATE)
    assert code == 1
    assert (
        "Kolumnerna ”Datum” (A1) och ”Händelsedatum” (D1) betyder samma sak, så rapporten "
        "kan inte veta vilken som gäller."
    ) in flat(out)


def test_two_columns_on_the_second_promise(tmp_path: Path, cli: CommandLine) -> None:
    inputs = inputs_folder(tmp_path, SECOND_PROMISE)
    write_workbook(
        inputs / "logg.xlsx",
        {
            "Logg": [
                ("Datum", "Aktivitet", "Antal", "Typ av aktivitet"),
                (dt.date(2023, 3, 1), "Kvällsvandring", 1, "Rådsmöte"),
            ]
        },
    )
    code, out, _ = cli("check", "--inputs", str(inputs), *DATE)
    assert code == 1
    assert "Kolumnerna ”Aktivitet” (B1) och ”Typ av aktivitet” (D1) betyder samma sak" in (
        flat(out)
    )
