"""`make check`: what was found in inputs/, without rendering, with the same messages as
`make report`."""

from __future__ import annotations

import datetime as dt
import io
import re
import tomllib
from pathlib import Path

from report.cli import main
from tests.helpers import (
    PROMISE,
    activity_rows,
    independent_activity_counts,
    inputs_folder,
    promise_folder,
    write_workbook,
)

DATE = ["--date", "2026-11-25"]


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_check_lists_files_kinds_rows_periods_and_counts(tmp_path: Path) -> None:
    inputs = inputs_folder(tmp_path)
    outputs = tmp_path / "outputs"
    code, out, _ = run("check", "--inputs", str(inputs), "--outputs", str(outputs), *DATE)
    assert code == 0
    assert "innehåller inga exporter (.xlsx, .ods, .csv). `make report` bygger då EXEMPLET" in out
    assert (
        "  aktiviteter-polisen.xlsx – Excel-arbetsbok (.xlsx)\n"
        "    blad ”Aktivitetslogg”: aktivitetslogg, 506 rader, 2 januari 2021 – "
        "28 december 2023\n"
    ) in out
    assert "    blad ”ELSA”: enkätdata, 315 rader, 2016–2023\n" in out
    assert "Aktiviteter 2023:\n" in out
    promise = tomllib.loads(PROMISE.read_text(encoding="utf-8"))
    expected = independent_activity_counts(2023)
    for activity in promise["aktiviteter"]:
        count = expected.get(activity["id"])
        shown = "–" if count is None else str(count)
        assert re.search(
            rf"^  {re.escape(activity['namn'])}\s+{shown} av målet\s+"
            rf"{activity['mal_per_ar']}\b",
            out,
            re.M,
        ), activity["id"]
    assert "Ingen uppgift (inga rader 2023): Översyn av trafikmiljön." in out
    assert "4 grupper av misstänkta dubbletter 2023" in out
    assert "Kommentarer: kommentarer.md saknas" in out
    assert out.rstrip().endswith(
        "Allt går att läsa. Kör `make report` för att bygga rapporten (exemplet)."
    )
    assert not outputs.exists()  # nothing rendered, nothing written


def test_check_says_which_csv_dialect_it_detected(tmp_path: Path) -> None:
    inputs = inputs_folder(tmp_path)
    (inputs / "kommunen.csv").write_bytes(
        "Datum;Aktivitet;Antal\r\n2023-05-02;SSP-möte;2\r\n2023-06-01;Trafikkontroll;1,0\r\n".encode(
            "cp1252"
        )
    )
    (inputs / "system.csv").write_text(
        "Datum,Aktivitet,Antal\n2023-05-03,Patrullering,1.0\n", encoding="utf-8"
    )
    (inputs / "kommentarer.md").write_text("# Tryggheten\nText.\n", encoding="utf-8")
    code, out, _ = run("check", "--inputs", str(inputs), *DATE)
    assert code == 0, out
    assert (
        "  kommunen.csv – svensk Excel-CSV (semikolon mellan kolumnerna, Windows-1252 "
        "(äldre Excel), decimalkomma)\n    blad ”kommunen”: aktivitetslogg, 2 rader, "
        "2 maj 2023 – 1 juni 2023\n"
    ) in out
    assert "  system.csv – system-CSV (komma mellan kolumnerna, UTF-8, decimalpunkt)\n" in out
    # 2023 ended long before the report date: a whole year, with a warning (issue 12).
    assert "Aktiviteter 2023:" in out
    assert "Underlaget för 2023 slutar i juni 2023 (sista raden 1 juni 2023)" in out
    assert "Kommentarer: kommentarer.md – text under Tryggheten." in out


def bad_inputs(root: Path) -> Path:
    inputs = inputs_folder(root)
    add_bad_exports(inputs)
    return inputs


def add_bad_exports(inputs: Path) -> None:
    write_workbook(
        inputs / "polisen.xlsx",
        {
            "Logg": activity_rows(
                [dt.date(2023, 1, 2), "SSP", 1],
                header=("Datun", "Aktivitet", "Antal", "Ansvarig", "Plats", "Kommentar"),
            )
        },
    )
    write_workbook(
        inputs / "kommunen.xlsx",
        {"Blad1": activity_rows([dt.date(2023, 1, 2), "Trafikkontrol", 1])},
    )
    (inputs / "kommentarer.md").write_text("# Trafiken\n", encoding="utf-8")


def problem_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith(("Fil:", "  "))]


def test_check_reports_the_same_problems_as_report(tmp_path: Path) -> None:
    inputs = bad_inputs(tmp_path)
    code, out, _ = run("check", "--inputs", str(inputs), *DATE)
    report_code, _, report_err = run(
        "--inputs", str(inputs), "--outputs", str(tmp_path / "out"), *DATE
    )
    assert code == report_code == 1
    assert "Indata har 3 problem:" in out
    expected = problem_lines(report_err)
    assert len(expected) >= 5
    assert [line for line in problem_lines(out) if line in expected] == expected
    assert "  kommunen.xlsx: Excel-arbetsbok (.xlsx)" in out
    assert "Rubriken ”# Trafiken” motsvarar inget avsnitt i rapporten." in out
    assert out.rstrip().endswith(
        "Rätta filerna ovan och kör `make check` igen. Samma fel stoppar `make report`."
    )


def test_check_of_several_promises_summarises(tmp_path: Path) -> None:
    top = tmp_path / "inputs"
    good, bad = promise_folder(top, "good"), promise_folder(top, "bad")
    write_workbook(good / "logg.xlsx", {"Blad1": activity_rows([dt.date(2023, 1, 2), "SSP", 1])})
    add_bad_exports(bad)
    code, out, _ = run("check", "--inputs", str(top), *DATE)
    assert code == 1
    assert out.index(f"Kontroll av {bad}/") < out.index(f"Kontroll av {good}/")
    assert "Indata har 3 problem:" in out
    assert out.rstrip().endswith("Sammanfattning: 1 av 2 löften går att bygga. Rätta: bad.")
