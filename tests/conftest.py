"""Shared fixtures. The example report is built once per test session."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from report.app.pipeline import Options, Result, build_report
from tests.helpers import COMMENTARY, REPORT_DATE, CommandLine, inputs_folder, run_command


@dataclass(frozen=True)
class BuiltExample:
    result: Result
    inputs: Path
    outputs: Path

    @property
    def pdf(self) -> Path:
        return self.result.pdf


@pytest.fixture(scope="session")
def example_report(tmp_path_factory: pytest.TempPathFactory) -> BuiltExample:
    """The bundled example built through the pipeline into a temporary folder, with a
    commentary file (tests.helpers.COMMENTARY) in inputs/."""
    root = tmp_path_factory.mktemp("example")
    inputs = inputs_folder(root)
    (inputs / "kommentarer.md").write_text(COMMENTARY, encoding="utf-8")
    outputs = root / "outputs"
    result = build_report(Options(inputs=inputs, outputs=outputs, report_date=REPORT_DATE))
    return BuiltExample(result, inputs, outputs)


@pytest.fixture
def cli() -> CommandLine:
    """The command line, run in this process: cli("check", "--inputs", ...) -> Run(code,
    out, err)."""
    return run_command
