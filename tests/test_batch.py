"""Several promises: a report per folder, built in parallel; one bad folder stops no other,
and the summary says which were built and which failed and why."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
from pathlib import Path

import pytest

from report.app import cli
from report.app.batch import plan, promise_folders, report_folders, workers_for
from report.app.cli import main
from report.app.workers import available_cores
from report.errors import Code, InputError, Problem
from tests.helpers import (
    activity_rows,
    inputs_folder,
    promise_folder,
    rewrite_zip,
    write_workbook,
)

DATE = ["--date", "2026-11-25"]


def small_log(folder: Path, activity: str = "SSP") -> None:
    write_workbook(
        folder / "logg.xlsx",
        {
            "Blad1": activity_rows(
                [dt.date(2023, 3, 2), activity, 2], [dt.date(2023, 5, 2), "Patrullering", 5]
            )
        },
    )


def test_which_folders_are_reports(tmp_path: Path) -> None:
    inputs = inputs_folder(tmp_path)  # the shipped promise, no exports
    assert report_folders(inputs) == [inputs]  # the simple case (builds the example)
    b, a = promise_folder(inputs, "b"), promise_folder(inputs, "a")
    (inputs / "ingen-lofte").mkdir()
    promise_folder(inputs, ".dold")
    # inputs/ itself holds the promise file but no exports: only the folders are reports.
    assert report_folders(inputs) == [a, b]
    assert promise_folders(inputs) == [inputs, a, b]
    small_log(inputs)
    assert report_folders(inputs) == [inputs, a, b]


def test_workers_are_capped_by_cores_and_folders(tmp_path: Path) -> None:
    assert workers_for(3, cores=2) == 2
    assert workers_for(1, cores=8) == 1
    assert workers_for(0, cores=8) == 1


def test_available_cores_respects_a_containers_cpu_quota(tmp_path: Path) -> None:
    """cgroup v2 (cpu.max) or v1 (cpu.cfs_quota_us / cpu.cfs_period_us), rounded up; the
    one function the batch and the single report both ask."""
    missing = tmp_path / "saknas"
    affinity = available_cores(missing, missing)
    assert affinity >= 1
    quota = tmp_path / "cpu.max"
    quota.write_text("150000 100000\n")  # a container allowed 1.5 cores
    assert available_cores(quota, missing) == min(2, affinity)
    quota.write_text("50000 100000\n")  # half a core still gets one process
    assert available_cores(quota, missing) == 1
    quota.write_text("max 100000\n")
    assert available_cores(quota, missing) == affinity
    v1 = tmp_path / "cpu"
    v1.mkdir()
    (v1 / "cpu.cfs_period_us").write_text("100000\n")
    (v1 / "cpu.cfs_quota_us").write_text("100000\n")  # one core
    assert available_cores(missing, v1) == 1
    (v1 / "cpu.cfs_quota_us").write_text("-1\n")  # no quota
    assert available_cores(missing, v1) == affinity
    (v1 / "cpu.cfs_quota_us").write_text("tjugo\n")
    assert available_cores(missing, v1) == affinity
    assert cli.available_cores is available_cores  # --jobs' default


def test_clashing_ids_and_broken_promise_files_fail_before_building(tmp_path: Path) -> None:
    inputs = tmp_path / "inputs"
    one, two, ok = (promise_folder(inputs, s) for s in ("ett", "tva", "ok"))
    for folder in (one, two):
        path = folder / "medborgarlofte.toml"
        path.write_text(
            path.read_text(encoding="utf-8").replace(f'id = "{folder.name}"', 'id = "samma"'),
            encoding="utf-8",
        )
    broken = promise_folder(inputs, "trasig")
    (broken / "medborgarlofte.toml").write_text("[lofte\n", encoding="utf-8")
    buildable, failed = plan(inputs, report_folders(inputs))
    assert list(buildable) == [ok]
    assert buildable[ok].slug == "ok"
    by_folder = {o.folder.name: o for o in failed}
    assert sorted(by_folder) == ["ett", "trasig", "tva"]
    assert "har samma id ”samma”" in by_folder["ett"].message
    assert "ett/medborgarlofte.toml, tva/medborgarlofte.toml" in by_folder["tva"].message
    assert "rad 1" in by_folder["trasig"].message
    assert all(o.exit_code == 1 for o in failed)


def test_a_batch_of_three_with_one_broken(tmp_path: Path) -> None:
    inputs = tmp_path / "inputs"
    outputs = tmp_path / "outputs"
    for slug in ("hagfors", "sunne", "torsby"):
        small_log(promise_folder(inputs, slug), "Trafikkontrol" if slug == "sunne" else "SSP")
    out, err = io.StringIO(), io.StringIO()
    code = main(["--inputs", str(inputs), "--outputs", str(outputs), *DATE], out, err)
    text = out.getvalue()
    assert code == 1, text + err.getvalue()
    assert f"3 löften i {inputs}/: hagfors, sunne, torsby" in text
    assert "Bygger 3 rapporter, 2 åt gången …" in text
    progress = re.findall(r"^\[(\d)/3\] ([✓✗]) (\w+):", text, re.M)
    assert [p[0] for p in progress] == ["1", "2", "3"]
    assert sorted(p[1:] for p in progress) == [("✓", "hagfors"), ("✓", "torsby"), ("✗", "sunne")]
    summary = text[text.index("Sammanfattning: 2 av 3 rapporter byggdes.") :]
    for slug in ("hagfors", "torsby"):
        for name in (f"{slug}-2023.pdf", f"{slug}-2023.html", f"{slug}-2023-underlag.xlsx"):
            assert (outputs / name).is_file()
            assert str(outputs / name) in summary
    failed = summary[summary.index("Misslyckades") :]
    assert "✗ sunne" in failed
    assert (
        "cell B2, kolumn ”Aktivitet”: Aktiviteten ”Trafikkontrol” finns inte i löftet. "
        "Menade du ”Trafikkontroll”?"
    ) in failed
    assert not list(outputs.glob("sunne*"))


def test_a_promise_folder_without_exports_fails_instead_of_building_the_example(
    tmp_path: Path,
) -> None:
    inputs = tmp_path / "inputs"
    promise_folder(inputs, "tom")
    small_log(promise_folder(inputs, "bad"), "Okänd aktivitet")
    out = io.StringIO()
    code = main(
        ["--inputs", str(inputs), "--outputs", str(tmp_path / "out"), "-q", *DATE],
        out,
        io.StringIO(),
    )
    assert code == 1
    assert "Sammanfattning: 0 av 2 rapporter byggdes." in out.getvalue()
    assert "Mappen har en löftesfil men inga exporter" in out.getvalue()


@pytest.mark.parametrize("jobs", ["1"])
def test_one_worker_builds_in_process(tmp_path: Path, jobs: str) -> None:
    inputs = tmp_path / "inputs"
    small_log(promise_folder(inputs, "a"))
    small_log(promise_folder(inputs, "b"), "Trafikkontrol")
    out = io.StringIO()
    code = main(
        ["--inputs", str(inputs), "--outputs", str(tmp_path / "out"), "--jobs", jobs, "-v", *DATE],
        out,
        io.StringIO(),
    )
    text = out.getvalue()
    assert code == 1
    assert "Bygger 2 rapporter, 1 åt gången …" in text
    # -v: each folder's stages, with their times, after it is done
    assert re.search(
        r"^\s+Ritar diagram och bygger PDF … \d+ diagram, [\d,]+ MB – [\d,]+ s$", text, re.M
    ), text


def test_every_folder_gets_the_runs_options_including_the_unpacked_limit(tmp_path: Path) -> None:
    """--max-unpacked-mb (and the other options) reach every folder's report: 3 MB of zeros
    pack into a few KB, and with a 2 MB limit both folders refuse the workbook."""
    inputs = tmp_path / "inputs"
    for slug in ("hagfors", "sunne"):
        folder = promise_folder(inputs, slug)
        small_log(folder)
        rewrite_zip(
            folder / "logg.xlsx",
            lambda _name, data: data,
            extra={"xl/media/fyllnad.bin": bytes(3_000_000)},
        )
    out, err = io.StringIO(), io.StringIO()
    code = main(
        [
            "--inputs",
            str(inputs),
            "--outputs",
            str(tmp_path / "outputs"),
            *DATE,
            "--max-unpacked-mb",
            "2",
            "--jobs",
            "1",
        ],
        out,
        err,
    )
    text = out.getvalue()
    assert code == 1, text + err.getvalue()
    assert text.count("Filen packas upp till 3 MB, mer än gränsen 2 MB.") == 2, text
    assert "Sammanfattning: 0 av 2 rapporter byggdes." in text


def test_build_folder_takes_the_runs_options_as_a_template(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from report.app import pipeline
    from report.app.batch import build_folder

    seen = []

    def build_report(options: pipeline.Options, **_: object) -> None:
        seen.append(options)
        raise InputError([Problem("x", "stopp", code=Code.FILE_UNREADABLE)])

    monkeypatch.setattr(pipeline, "build_report", build_report)
    template = pipeline.Options(
        inputs=tmp_path,
        outputs=tmp_path / "ut",
        report_date=dt.date(2026, 11, 25),
        year=2023,
        drop_duplicates=True,
        max_unpacked_mb=7,
        workers=2,
    )
    folder = promise_folder(tmp_path, "hagfors")
    small_log(folder)
    outcome = build_folder(folder, "hagfors", template, False)
    assert outcome.exit_code == 1 and "stopp" in outcome.message
    # one process per report: the batch's pool already keeps every core busy
    assert seen == [dataclasses.replace(template, inputs=folder, workers=1)]


def test_a_batch_lists_each_folder_once_and_reads_each_promise_file_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The plan reads every promise file (for the ids); each report takes it from there."""
    from collections import Counter

    inputs = tmp_path / "inputs"
    folders = [promise_folder(inputs, slug) for slug in ("hagfors", "sunne")]
    for folder in folders:
        small_log(folder)
    listed: Counter[Path] = Counter()
    read: Counter[Path] = Counter()
    iterdir, read_bytes = Path.iterdir, Path.read_bytes

    def counting_iterdir(self: Path):
        listed[self.resolve()] += 1
        return iterdir(self)

    def counting_read_bytes(self: Path) -> bytes:
        read[self.resolve()] += 1
        return read_bytes(self)

    monkeypatch.setattr(Path, "iterdir", counting_iterdir)
    monkeypatch.setattr(Path, "read_bytes", counting_read_bytes)
    argv = ["--inputs", str(inputs), "--outputs", str(tmp_path / "out"), "--jobs", "1", *DATE]
    out, err = io.StringIO(), io.StringIO()
    assert main(argv, out, err) == 0, out.getvalue() + err.getvalue()
    for folder in (inputs, *folders):
        assert listed[folder.resolve()] == 1, folder
    for folder in folders:
        assert read[(folder / "medborgarlofte.toml").resolve()] == 1, folder
