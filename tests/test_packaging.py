"""The project as others get it: `pip install .` gives a `medborgarlofte` command that works
from any folder, and the tests never read inputs/medborgarlofte.toml (the analyst edits it)."""

from __future__ import annotations

import os
import re
import shutil
import site
import subprocess
import sys
import sysconfig
import time
from importlib import metadata
from importlib.util import find_spec
from pathlib import Path

import pytest

from tests.helpers import PROJECT, PROMISE, REPORT_DATE

COPY_IGNORE = shutil.ignore_patterns(
    ".git", ".venv", "outputs", "build", "*.egg-info", "__pycache__", ".*cache", ".hypothesis"
)


def _can_build_wheels() -> bool:
    """Whether this environment's setuptools builds wheels by itself (from 70.1 on, or
    from 68 on, the version pyproject.toml asks for, with the `wheel` package)."""
    try:
        version = tuple(int(part) for part in metadata.version("setuptools").split(".")[:2])
    except (metadata.PackageNotFoundError, ValueError):
        return False
    return version >= (70, 1) or (version >= (68, 0) and find_spec("wheel") is not None)


def _wheel(project: Path, target: Path) -> Path:
    """The project's wheel: built with this environment's setuptools when it can build
    wheels, else in pip's isolated build environment (which needs the package index)."""
    base = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(target)]
    for extra in ([["--no-build-isolation"]] if _can_build_wheels() else []) + [[]]:
        done = subprocess.run(
            [*base, *extra, str(project)], capture_output=True, text=True, timeout=180
        )
        wheels = sorted(target.glob("medborgarlofte_rapport-*.whl"))
        if done.returncode == 0 and wheels:
            return wheels[0]
    pytest.skip(f"cannot build the wheel here (offline?): {done.stderr.strip()[-300:]}")


def test_pip_install_gives_a_command_that_builds_the_example_from_any_folder(
    tmp_path: Path,
) -> None:
    """The wheel installed (without its dependencies) into a fresh virtual environment that
    sees this environment's packages through a .pth file, then the command run from a
    folder that has nothing to do with the project."""
    started = time.monotonic()
    project = tmp_path / "projekt"  # a copy: building writes build/ and *.egg-info
    shutil.copytree(PROJECT, project, ignore=COPY_IGNORE)
    wheel = _wheel(project, tmp_path / "wheels")
    venv = tmp_path / "venv"
    subprocess.run(
        [sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120
    )
    python = venv / "bin" / "python"
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    ours = {sysconfig.get_paths()["purelib"], *site.getsitepackages()}
    (Path(purelib) / "deps.pth").write_text("\n".join(sorted(ours)) + "\n", encoding="utf-8")
    install = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--no-deps",
            "-q",
            "--no-index",
            str(wheel),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    if install.returncode != 0:  # pip too old for --python
        pytest.skip(f"cannot install into the new environment: {install.stderr[-300:]}")
    shutil.rmtree(project)  # nothing of the project left to fall back on

    elsewhere = tmp_path / "någon annanstans"
    inputs = elsewhere / "indata"
    inputs.mkdir(parents=True)
    shutil.copy(PROMISE, inputs / "medborgarlofte.toml")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    run = subprocess.run(
        [
            str(venv / "bin" / "medborgarlofte"),
            "--inputs",
            "indata",
            "--outputs",
            "utdata",
            "--date",
            REPORT_DATE.isoformat(),
        ],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Rapporten byggs på det medföljande EXEMPLET" in run.stdout
    pdf = elsewhere / "utdata" / "hagfors-lpo-torsby-2023.pdf"
    assert pdf.read_bytes().startswith(b"%PDF-")
    # The installed package found its own templates and example, not a checkout's.
    found = subprocess.run(
        [
            str(python),
            "-c",
            "from report.app import pipeline; from report.output import render; "
            "print(render.TEMPLATES); "
            "print(pipeline.EXAMPLE_DIR)",
        ],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert all(Path(path).is_relative_to(venv) for path in found), found
    assert time.monotonic() - started < 120


# Paths that would reach the analyst's promise file from a test: inputs/medborgarlofte.toml
# of the project, spelt as a path or as parts joined with `/`.
# The project's inputs/ folder reached from the checkout, or its promise file as a path of
# its own (a message that merely names the file, or a test's own tmp_path / "inputs", is fine).
ANALYSTS_PROMISE = re.compile(
    r"""(PROJECT|ROOT|HERE|parents?\[?\d?\]?)\s*/\s*["']inputs["']"""
    r"""|["'](\./)?inputs/medborgarlofte\.toml["']"""
)


def test_no_test_reads_the_analysts_promise_file() -> None:
    """The analyst is told to edit inputs/medborgarlofte.toml, so the tests take the
    example's own promise file (tests.helpers.PROMISE) instead."""
    assert PROMISE == PROJECT / "example" / "medborgarlofte.toml"
    offenders = [
        f"{path.name}:{number}: {line.strip()}"
        for path in sorted((PROJECT / "tests").glob("*.py"))
        if path.name != Path(__file__).name
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if ANALYSTS_PROMISE.search(line)
    ]
    assert offenders == []
    assert ANALYSTS_PROMISE.search('PROJECT / "inputs" / "medborgarlofte.toml"')
    assert ANALYSTS_PROMISE.search('Path("inputs/medborgarlofte.toml")')
    assert not ANALYSTS_PROMISE.search('tmp_path / "inputs" / "medborgarlofte.toml"')


def test_test_folders_hold_the_examples_promise_file(tmp_path: Path) -> None:
    from tests.helpers import inputs_folder, promise_folder

    inputs = inputs_folder(tmp_path)
    assert (inputs / "medborgarlofte.toml").read_bytes() == PROMISE.read_bytes()
    text = (promise_folder(inputs, "annat-id") / "medborgarlofte.toml").read_text("utf-8")
    assert text == PROMISE.read_text("utf-8").replace(
        'id = "hagfors-lpo-torsby"', 'id = "annat-id"'
    )
