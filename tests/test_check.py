"""`make check`: what was found in inputs/, without rendering, with the same messages as
`make report`."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections import Counter
from pathlib import Path

import pytest

from tests.helpers import (
    PROMISE,
    CommandLine,
    activity_rows,
    independent_activity_counts,
    inputs_folder,
    promise_folder,
    write_workbook,
)

DATE = ["--date", "2026-11-25"]


def test_check_lists_files_kinds_rows_periods_and_counts(tmp_path: Path, cli: CommandLine) -> None:
    inputs = inputs_folder(tmp_path)
    outputs = tmp_path / "outputs"
    code, out, _ = cli("check", "--inputs", str(inputs), "--outputs", str(outputs), *DATE)
    assert code == 0
    assert "innehåller inga exporter (.xlsx, .ods, .csv). `make report` bygger då EXEMPLET" in out
    assert (
        "  aktiviteter-polisen.xlsx – Excel-arbetsbok (.xlsx)\n"
        "    blad ”Aktivitetslogg”: aktivitetslogg, 506 rader, 2 januari 2021 – "
        "28 december 2023\n"
    ) in out
    assert "    blad ”ELSA”: enkätdata, 315 rader, 2016–2023\n" in out
    assert "    blad ”Anmälda brott”: statistiktabell, 40 rader, 2015–2024\n" in out
    assert "    blad ”Trygghetsmätning”: statistiktabell, brett format, 4 rader, 2017–2023\n" in out
    assert (
        "Utfall ”Anmälda skadegörelsebrott” (statistik, per 1 000 invånare): Hagfors "
        "2015–2023, jämförelse Värmlands län; före löftet 2015–2021, under löftet 2023.\n"
    ) in out
    assert (
        "Utfall ”Polisens trygghetsindex” (statistik, index): Hagfors 2017–2023; före löftet "
        "2017–2021, under löftet 2023 (inget test: ett index utan antal svarande kan inte "
        "testas).\n"
    ) in out
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


def test_check_says_which_csv_dialect_it_detected(tmp_path: Path, cli: CommandLine) -> None:
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
    code, out, _ = cli("check", "--inputs", str(inputs), *DATE)
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


def test_check_reports_the_same_problems_as_report(tmp_path: Path, cli: CommandLine) -> None:
    inputs = bad_inputs(tmp_path)
    code, out, _ = cli("check", "--inputs", str(inputs), *DATE)
    report_code, _, report_err = cli(
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


def test_check_of_several_promises_summarises(tmp_path: Path, cli: CommandLine) -> None:
    top = tmp_path / "inputs"
    good, bad = promise_folder(top, "good"), promise_folder(top, "bad")
    write_workbook(good / "logg.xlsx", {"Blad1": activity_rows([dt.date(2023, 1, 2), "SSP", 1])})
    add_bad_exports(bad)
    code, out, _ = cli("check", "--inputs", str(top), *DATE)
    assert code == 1
    assert out.index(f"Kontroll av {bad}/") < out.index(f"Kontroll av {good}/")
    assert "Indata har 3 problem:" in out
    assert out.rstrip().endswith("Sammanfattning: 1 av 2 löften går att bygga. Rätta: bad.")


@pytest.mark.parametrize(
    ("command", "with_export"),
    [("check", False), ("check", True), ("report", True)],
)
def test_one_run_lists_the_inputs_folder_once_and_reads_the_promise_file_once(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: str,
    with_export: bool,
    cli: CommandLine,
) -> None:
    """The folder is listed and its promise file read and parsed once per run, the result
    handed down (the example's folder, in example mode, once too)."""
    from report.app.pipeline import EXAMPLE_DIR
    from report.inputs import promise_file as promise_module

    inputs = inputs_folder(tmp_path)
    if with_export:
        write_workbook(
            inputs / "logg.xlsx", {"Blad1": activity_rows([dt.date(2023, 3, 2), "SSP", 2])}
        )
    listed: Counter[Path] = Counter()
    read: Counter[Path] = Counter()
    parsed: list[str] = []
    iterdir, read_bytes, parse = Path.iterdir, Path.read_bytes, promise_module.parse_promise

    def counting_iterdir(self: Path):
        listed[self.resolve()] += 1
        return iterdir(self)

    def counting_read_bytes(self: Path) -> bytes:
        read[self.resolve()] += 1
        return read_bytes(self)

    def counting_parse(*args, **kwargs):
        parsed.append(args[2] if len(args) > 2 else kwargs.get("file", ""))
        return parse(*args, **kwargs)

    monkeypatch.setattr(Path, "iterdir", counting_iterdir)
    monkeypatch.setattr(Path, "read_bytes", counting_read_bytes)
    monkeypatch.setattr(promise_module, "parse_promise", counting_parse)
    args = [command, "--inputs", str(inputs), "--outputs", str(tmp_path / "out"), "--jobs", "1"]
    code, out, err = cli(*args, *DATE)
    assert code == 0, out + err
    assert listed[inputs.resolve()] == 1
    assert listed[EXAMPLE_DIR.resolve()] == (0 if with_export else 1)
    assert read[(inputs / "medborgarlofte.toml").resolve()] == 1
    assert read[(EXAMPLE_DIR / "medborgarlofte.toml").resolve()] == (0 if with_export else 1)
    assert len(parsed) == (1 if with_export else 2)  # the example's own promise file too


def test_the_example_builds_after_the_analyst_edits_the_promise_file(
    tmp_path: Path, cli: CommandLine
) -> None:
    """The README tells the analyst to edit the promise file in inputs/ first: with no
    exports yet, the example still builds on its own promise file, while theirs is checked
    (its summary shown, its mistakes reported)."""
    text = PROMISE.read_text(encoding="utf-8")
    edited = (
        text.replace('id = "hagfors-lpo-torsby"', 'id = "sunne"')
        .replace('namn = "Trafikkontroller"', 'namn = "Hastighetskontroller"')
        .replace('titel = "Medborgarlöfte Hagfors', 'titel = "Medborgarlöfte Sunne')
    )
    assert edited.count("Sunne") == 1 and "Hastighetskontroller" in edited
    inputs = inputs_folder(tmp_path, edited)
    code, out, err = cli("check", "--inputs", str(inputs), *DATE)
    assert code == 0, out + err
    assert "  Löftesfil: medborgarlofte.toml – Medborgarlöfte Sunne" in out
    assert "(id sunne)" in out
    assert "EXEMPLET med fiktiva uppgifter och exemplets egen löftesfil" in out
    assert re.search(r"^  Trafikkontroller\s+66 av målet", out, re.M), out
    (inputs / "medborgarlofte.toml").write_text(edited + "\n[okänt\n", encoding="utf-8")
    code, out, err = cli("check", "--inputs", str(inputs), *DATE)
    assert code == 1
    assert "Fil: medborgarlofte.toml\n  - rad " in out and "Syntaxfel i kolumn" in out
