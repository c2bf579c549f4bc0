"""Nothing lost: a run that is killed while it writes the PDF leaves the previous report
intact and no partial file under the report's name."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers import PROJECT, activity_rows, checksums, inputs_folder, write_workbook

REPORT = "hagfors-lpo-torsby-2023.pdf"
PREVIOUS = b"%PDF-1.7\n% the report from an earlier run\n%%EOF\n"

# Runs the real command line in a child process, with one stage slowed down so the test can
# kill it there: "render" stops inside WeasyPrint's render(), "rename" after the complete PDF
# was written to its temporary file and just before os.replace() moves it into place.
CHILD = """
import os, sys, time
from pathlib import Path

flag, stage = Path(sys.argv[1]), sys.argv[2]

def pause(label):
    flag.write_text(label)
    time.sleep(300)

if stage == "rename":
    real_replace = os.replace
    def replace(src, dst, *args, **kwargs):
        if str(dst).endswith(".pdf"):
            pause("rename")
        return real_replace(src, dst, *args, **kwargs)
    os.replace = replace
else:
    import weasyprint
    real_render = weasyprint.HTML.render
    def render(self, *args, **kwargs):
        pause("render")
        return real_render(self, *args, **kwargs)
    weasyprint.HTML.render = render

from report.app.cli import main
sys.exit(main(sys.argv[3:]))
"""


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
@pytest.mark.parametrize("stage", ["render", "rename"])
def test_a_killed_run_leaves_the_previous_report_intact(tmp_path: Path, stage: str) -> None:
    inputs = inputs_folder(tmp_path)
    write_workbook(
        inputs / "polisen.xlsx",
        {
            "Logg": activity_rows(
                [dt.date(2023, 3, 1), "Trafikkontroll", 2], [dt.date(2023, 4, 2), "SSP", 1]
            )
        },
    )
    outputs = tmp_path / "outputs"
    outputs.mkdir()
    (outputs / REPORT).write_bytes(PREVIOUS)
    inputs_before = checksums(inputs)
    flag = tmp_path / "stage.flag"
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            CHILD,
            str(flag),
            stage,
            "--inputs",
            str(inputs),
            "--outputs",
            str(outputs),
            "--date",
            "2026-11-25",
        ],
        cwd=PROJECT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 240
        while not flag.exists():
            assert child.poll() is None, child.communicate()
            assert time.monotonic() < deadline, "the run never reached the PDF stage"
            time.sleep(0.05)
        assert flag.read_text() == stage
        temporary = sorted(outputs.glob(f".{REPORT}.*.tmp"))
        if stage == "rename":  # the complete new PDF waits in its temporary file
            assert len(temporary) == 1 and temporary[0].read_bytes().startswith(b"%PDF-")
        else:
            assert temporary == []
        child.send_signal(signal.SIGKILL)
        # Returns only when every process holding the pipes is gone: the chart workers
        # forked by the killed run must end themselves.
        child.communicate(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
            child.communicate()
    assert child.returncode == -signal.SIGKILL
    assert (outputs / REPORT).read_bytes() == PREVIOUS
    leftovers = {p.name for p in outputs.iterdir()} - {REPORT}
    assert all(name.startswith(f".{REPORT}.") and name.endswith(".tmp") for name in leftovers)
    assert checksums(inputs) == inputs_before
