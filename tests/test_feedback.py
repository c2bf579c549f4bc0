"""Feedback while a report is built: a line per stage with its time, a progress bar on a
terminal, a final summary with the output paths; nothing from the pipeline unless asked."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

from report.app.cli import main
from report.app.feedback import Feedback, bar, seconds
from report.app.pipeline import Options, build_report
from tests.helpers import REPORT_DATE, activity_rows, inputs_folder, write_workbook

STAGE = r"[\w ()åäöÅÄÖ-]+ … (?:[^–\n]+ – )?\d+,\d s"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_stage_lines_say_what_and_how_long() -> None:
    out = io.StringIO()
    feedback = Feedback(out)
    feedback.start("Ritar diagram")
    feedback.done("17 diagram")
    feedback.start("Bygger PDF")
    feedback.info("En rad mitt i steget")
    stage = feedback.done()
    lines = out.getvalue().splitlines()
    assert re.fullmatch(r"Ritar diagram … 17 diagram – \d,\d s", lines[0])
    assert lines[1:3] == ["Bygger PDF …", "En rad mitt i steget"]
    assert re.fullmatch(r"Bygger PDF … \d,\d s", lines[3])
    assert [s.what for s in feedback.stages] == ["Ritar diagram", "Bygger PDF"]
    assert stage is feedback.stages[-1]


def test_verbose_details_and_progress_bar() -> None:
    quiet, loud, terminal = io.StringIO(), io.StringIO(), Terminal()
    Feedback(quiet).detail("syns inte")
    Feedback(loud, verbose=True).detail("syns")
    assert quiet.getvalue() == "" and loud.getvalue() == "  syns\n"
    on_terminal = Feedback(terminal)
    on_terminal.progress(1, 4, "a klar")
    on_terminal.info("[2/4] ✓ b")  # a line printed while the bar is shown goes above it
    on_terminal.progress(4, 4, "d klar")
    bar_line = "  [██████░░░░░░░░░░░░░░░░░░] 1/4 a klar"
    assert terminal.getvalue() == (f"\r\x1b[2K{bar_line}\r\x1b[2K[2/4] ✓ b\n{bar_line}\r\x1b[2K")
    plain = io.StringIO()
    Feedback(plain).progress(1, 4, "a klar")  # not a terminal: no bar, no noise
    assert plain.getvalue() == ""
    assert bar(3, 3, width=4) == "[████] 3/3"
    assert seconds(12.345) == "12,3 s"


def test_the_pipeline_is_silent_unless_given_feedback(tmp_path: Path, capsys) -> None:
    inputs = inputs_folder(tmp_path)
    write_workbook(inputs / "logg.xlsx", {"Blad1": activity_rows([dt.date(2023, 3, 2), "SSP", 2])})
    feedback = Feedback.silent()
    build_report(Options(inputs, tmp_path / "out", REPORT_DATE), feedback=feedback)
    assert capsys.readouterr() == ("", "")
    assert [s.what for s in feedback.stages] == [
        "Läser och kontrollerar indata",
        "Beräknar resultaten för 2023",
        "Ritar diagram och bygger PDF",
    ]


def test_command_prints_stages_and_a_summary_with_paths(tmp_path: Path, monkeypatch) -> None:
    inputs = inputs_folder(tmp_path)
    outputs = tmp_path / "outputs"
    write_workbook(inputs / "logg.xlsx", {"Blad1": activity_rows([dt.date(2023, 3, 2), "SSP", 2])})
    args = ["--inputs", str(inputs), "--outputs", str(outputs), "--date", "2026-11-25"]
    out = io.StringIO()
    assert main(args, out, io.StringIO()) == 0
    lines = out.getvalue().splitlines()
    stages = [line for line in lines if re.fullmatch(STAGE, line)]
    assert len(stages) == 3, lines
    assert lines[0].startswith("Läser och kontrollerar indata … 1 fil, 1 rad – ")
    assert lines[3:6] == [
        f"Klart: {outputs / 'hagfors-lpo-torsby-2023.pdf'}",
        f"  Förhandsvisning (HTML): {outputs / 'hagfors-lpo-torsby-2023.html'}",
        f"  Underlag (Excel): {outputs / 'hagfors-lpo-torsby-2023-underlag.xlsx'}",
    ]
    monkeypatch.setattr("report.output.outputs.write_pdf", lambda *a, **k: b"%PDF-1.7 stub")
    quiet = io.StringIO()
    assert main([*args, "-q"], quiet, io.StringIO()) == 0
    assert quiet.getvalue().splitlines()[0].startswith("Klart: ")
    verbose = io.StringIO()
    assert main([*args, "-v"], verbose, io.StringIO()) == 0
    assert "  logg.xlsx (0,0 MB)" in verbose.getvalue()


def test_an_error_inside_a_stage_starts_on_a_line_of_its_own(tmp_path) -> None:
    """Stage lines go to stdout and errors to stderr; on a terminal both land on one screen,
    so a stage cut short by an error ends its line first."""
    import io

    from report.app.cli import main
    from tests.helpers import PROMISE

    inputs = tmp_path / "inputs"
    inputs.mkdir()
    (inputs / "medborgarlofte.toml").write_bytes(PROMISE.read_bytes())
    screen = io.StringIO()
    code = main(
        ["--inputs", str(inputs), "--outputs", str(tmp_path / "out"), "--date", "2021-01-01"],
        stdout=screen,
        stderr=screen,
    )
    assert code == 2
    assert screen.getvalue().startswith("Läser och kontrollerar indata …\nDATE=2021-01-01 ")


def test_abandon_ends_an_open_stage_once() -> None:
    import io

    from report.app.feedback import Feedback

    stream = io.StringIO()
    feedback = Feedback(stream)
    feedback.abandon()  # nothing open: nothing written
    feedback.start("Ritar")
    feedback.abandon()
    feedback.abandon()
    assert stream.getvalue() == "Ritar …\n"
