"""Hashes of everything the tool writes, for a set of fixed cases: run it before and after a
refactor and compare (`diff`). A refactor that changes no output prints the same lines.

    .venv/bin/python scripts/snapshot.py [--keep DIR] > before.txt

Cases: the bundled example (its own year, with --period, and 2022), a second fictitious
promise (2023 and 2024, with and without --period), that promise with statistics outcomes,
two promises at once (a batch), `templates` for both promises, and `check` for each. Every
output file is listed with its SHA-256; the command's own lines (without timings) and the
PDFs' attachments are hashed too.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import re
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from tests.helpers import (  # noqa: E402
    COMMENTARY,
    SECOND_PROMISE,
    inputs_folder,
    promise_folder,
    second_promise_inputs,
    write_workbook,
)

DATE = "2026-11-25"
TIMING = re.compile(r"\d+(,\d+)? s\b|\d+(,\d+)? MB\b")


def run(argv: list[str], root: Path) -> tuple[int, str, str]:
    """The command's exit code and its lines, without timings or the temporary folder."""
    from report.app.cli import main

    out, err = io.StringIO(), io.StringIO()
    code = main(argv, stdout=out, stderr=err)

    def stable(text: str) -> str:
        return TIMING.sub("<t>", text.replace(str(root), "<root>"))

    return code, stable(out.getvalue()), stable(err.getvalue())


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def attachments(pdf: Path) -> list[str]:
    import pikepdf

    with pikepdf.open(pdf) as document:
        return [
            f"    attachment {name} {digest(spec.get_file().read_bytes())}"
            for name, spec in sorted(document.attachments.items())
        ]


STAMPS = re.compile(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>")


def workbook_content(path: Path) -> str:
    """The members of an .xlsx without their times (the analyst's templates carry the time
    they were written)."""
    import zipfile

    with zipfile.ZipFile(path) as archive:
        data = b"".join(
            name.encode() + STAMPS.sub(b"", archive.read(name))
            for name in sorted(archive.namelist())
        )
    return digest(data)


def listing(folder: Path) -> list[str]:
    lines = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        template = path.suffix == ".xlsx" and "mallar" in path.parts
        shown = f"content {workbook_content(path)}" if template else digest(path.read_bytes())
        lines.append(f"  {path.relative_to(folder)} {shown}")
        if path.suffix == ".pdf":
            lines.extend(attachments(path))
    return lines


def example_inputs(root: Path) -> Path:
    inputs = inputs_folder(root)
    (inputs / "kommentarer.md").write_text(COMMENTARY, encoding="utf-8")
    return inputs


def statistics_inputs(root: Path) -> Path:
    from tests.test_second_promise_statistics import kolada_csv
    from tests.test_stat_outcomes import OUTCOMES, long_sheet

    inputs = inputs_folder(root, SECOND_PROMISE + OUTCOMES)
    write_workbook(
        inputs / "logg.xlsx",
        {"Logg": [["Datum", "Aktivitet", "Antal"], ["2024-03-01", "Kvällsvandring", 2]]},
    )
    (inputs / "kolada.csv").write_bytes(kolada_csv().encode("utf-8-sig"))
    write_workbook(inputs / "ntu.xlsx", {"NTU": long_sheet()})
    return inputs


def batch_inputs(root: Path) -> Path:
    inputs = root / "inputs"
    for slug in ("norr", "syd"):
        promise_folder(inputs, slug)
    shutil.copy(PROJECT / "example" / "aktiviteter-polisen.xlsx", inputs / "norr")
    shutil.copy(PROJECT / "example" / "aktiviteter-kommunen.xlsx", inputs / "syd")
    return inputs


def bad_inputs(root: Path) -> Path:
    """A log with a problem in every column, a survey with a year too late, a promise
    file with an unknown key: every message at once."""
    import datetime as dt

    from tests.helpers import long_survey_rows

    promise = (PROJECT / "example" / "medborgarlofte.toml").read_text(encoding="utf-8")
    inputs = inputs_folder(root, promise.replace("[enkater]", "[enkater]\nokand = 1", 1))
    rows = [
        ["Datum", "Aktivitet", "Antal", "Ansvarig"],
        ["2023-13-01", "Trafikkontroll", 1, "Polisen"],
        [dt.date(2023, 3, 1), "Okänd aktivitet", -2, "Brandkåren"],
        [dt.date(2030, 3, 1), "Trafikkontroller", "två", ""],
    ]
    write_workbook(inputs / "logg.xlsx", {"Logg": rows})
    survey = [(2031, "ELSA", "åk 7", "Alla", "x", 12.5, 100, "Hagfors")]
    write_workbook(inputs / "enkat.xlsx", {"Enkät": long_survey_rows(survey)})
    return inputs


def late_inputs(root: Path) -> Path:
    """Exports dated after the report date given."""
    inputs = inputs_folder(root)
    shutil.copy(PROJECT / "example" / "aktiviteter-polisen.xlsx", inputs)
    return inputs


CASES: list[tuple[str, Callable[[Path], Path], list[str]]] = [
    ("example", example_inputs, []),
    ("example-period", example_inputs, ["--period"]),
    ("example-2022", example_inputs, ["--year", "2022"]),
    ("second-2023-period", second_promise_inputs, ["--year", "2023", "--period"]),
    ("second-2024", second_promise_inputs, ["--year", "2024"]),
    ("second-statistics", statistics_inputs, ["--year", "2024"]),
    ("batch", batch_inputs, ["--jobs", "1"]),
    ("bad", bad_inputs, []),
    ("late", late_inputs, ["--date", "2022-08-01"]),
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="keep the built cases in this folder")
    args = parser.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix="snapshot-"))
    for name, make, extra in CASES:
        case = root / name
        shutil.rmtree(case, ignore_errors=True)
        inputs = make(case)
        outputs = case / "outputs"
        base = ["--inputs", str(inputs), "--outputs", str(outputs), "--date", DATE]
        code, out, err = run([*base, *extra], root)
        print(f"{name}: exit {code}, output {digest(out.encode())}, errors {digest(err.encode())}")
        if code:
            print("\n".join(f"  | {line}" for line in err.splitlines()))
        print("\n".join(listing(outputs)))
        if name in ("example", "second-2024", "second-statistics", "bad"):
            code, out, err = run(["check", *base], root)
            print(f"{name} check: exit {code}, output {digest(out.encode())}")
            templates = case / "templates"
            code, out, err = run(
                ["templates", "--inputs", str(inputs), "--outputs", str(templates)], root
            )
            print(f"{name} templates: exit {code}, output {digest(out.encode())}")
            print("\n".join(listing(templates)))
    if args.keep is None:
        shutil.rmtree(root)
    return 0


if __name__ == "__main__":
    sys.exit(main())
