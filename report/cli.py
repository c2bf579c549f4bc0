"""Command line: parse arguments, run the pipeline, turn our errors into a message and an
exit code. The only place that catches broadly."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import traceback
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from .batch import (
    Outcome,
    is_batch,
    label_of,
    promise_folders,
    report_folders,
    run_batch,
    summary_lines,
)
from .batch import exit_code as batch_exit_code
from .check import check_folder
from .errors import EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, ReportError, UsageError
from .feedback import Feedback, seconds
from .format import long_date
from .load import DEFAULT_MAX_UNPACKED_MB, PROMISE_FILE
from .model import ReportModel
from .pipeline import Options, build_report
from .promise import load_promise
from .workers import available_cores
from .xlsx_templates import write_templates


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"Fel i kommandot: {message}. Skriv `python -m report --help` för hjälp.")


COMMANDS = {
    "report": "bygger rapporten (standard)",
    "check": "kontrollerar allt i inputs/ utan att bygga rapporten",
    "templates": "skriver Excel-mallar och en kommentarsmall till outputs/mallar/",
}


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    argv = list(sys.argv[1:] if argv is None else argv)
    command = argv.pop(0) if argv and argv[0] in COMMANDS else "report"
    parser = _Parser(
        prog="python -m report" + ("" if command == "report" else f" {command}"),
        description="Bygger den årliga uppföljningsrapporten för medborgarlöftet. "
        "Kommandon: " + "; ".join(f"{name} – {text}" for name, text in COMMANDS.items()),
    )
    parser.add_argument(
        "--inputs",
        type=Path,
        default=Path("inputs"),
        help="mapp med löftesfil och exporter (standard: inputs)",
    )
    parser.add_argument(
        "--outputs",
        type=Path,
        default=Path("outputs"),
        help="mapp där rapporten skrivs (standard: outputs)",
    )
    parser.add_argument("--year", help="rapportår (standard: senaste året i aktivitetsdata)")
    parser.add_argument("--date", help="rapportdatum ÅÅÅÅ-MM-DD (standard: i dag)")
    parser.add_argument(
        "--drop-duplicates",
        action="store_true",
        help="räkna bara den första av rader med samma datum, aktivitet, antal "
        "och plats (misstänkta dubbletter)",
    )
    parser.add_argument(
        "--period",
        action="store_true",
        help="lägg till avsnittet om hela löftesperioden (det finns alltid med året "
        "då perioden slutar)",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="berätta mer om varje steg")
    parser.add_argument(
        "-q", "--quiet", action="store_true", help="skriv bara fel och slutresultat"
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=None,
        help="hur många processer som arbetar samtidigt: med ett löfte "
        "ritar de diagrammen medan PDF:en byggs, med flera löften "
        "bygger var och en en rapport (standard: en per processorkärna)",
    )
    parser.add_argument(
        "--max-unpacked-mb",
        type=int,
        default=DEFAULT_MAX_UNPACKED_MB,
        metavar="MB",
        help="största tillåtna uppackade storlek per arbetsbok, skydd mot "
        f"zip-bomber (standard: {DEFAULT_MAX_UNPACKED_MB})",
    )
    parser.add_argument("--example-dir", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.command = command
    if args.jobs is not None and args.jobs < 1:
        raise UsageError(
            f"JOBS={args.jobs} går inte: skriv hur många rapporter som ska byggas "
            "samtidigt, t.ex. JOBS=1."
        )
    return args


def options_from(args: argparse.Namespace, today: dt.date) -> Options:
    report_date = today
    if args.date:
        try:
            report_date = dt.date.fromisoformat(args.date)
        except ValueError:
            raise UsageError(
                f"DATE={args.date} är inget datum. Skriv t.ex. DATE=2024-02-01."
            ) from None
    year = None
    if args.year:
        if not args.year.isdigit() or not 2000 <= int(args.year) <= report_date.year:
            raise UsageError(
                f"YEAR={args.year} är inget giltigt rapportår. Skriv ett år mellan "
                f"2000 och {report_date.year}, t.ex. YEAR=2023."
            )
        year = int(args.year)
    if args.max_unpacked_mb < 1:
        raise UsageError(
            f"MAX_UNPACKED_MB={args.max_unpacked_mb} är ingen giltig gräns. Skriv "
            f"ett antal megabyte, 1 eller mer (standard {DEFAULT_MAX_UNPACKED_MB})."
        )
    extra = {"example_dir": args.example_dir} if args.example_dir else {}
    return Options(
        inputs=args.inputs,
        outputs=args.outputs,
        report_date=report_date,
        year=year,
        drop_duplicates=args.drop_duplicates,
        period=args.period,
        max_unpacked_mb=args.max_unpacked_mb,
        workers=args.jobs or available_cores(),
        **extra,
    )


def main(
    argv: list[str] | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None
) -> int:
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    outputs = Path("outputs")
    try:
        args = parse_args(argv)
        outputs = args.outputs
        feedback = Feedback(None if args.quiet else out, verbose=args.verbose)
        if args.command == "templates":
            return run_templates(args, out)
        options = options_from(args, dt.date.today())
        if args.command == "check":
            return run_check(options, out)
        folders = report_folders(options.inputs)
        if is_batch(options.inputs, folders):
            return run_several(options, folders, feedback, out, args.jobs)
        result = build_report(options, log=feedback.info, feedback=feedback)
    except ReportError as error:
        print(str(error), file=err)
        return error.exit_code
    except SystemExit as exit_:  # --help
        return EXIT_OK if exit_.code in (0, None) else EXIT_USAGE
    except KeyboardInterrupt:
        print("Avbrutet. Ingen ny rapport skrevs; en tidigare rapport ligger kvar.", file=err)
        return EXIT_INTERNAL
    except Exception:
        log = write_crash_log(outputs)
        print(
            "Ett internt fel inträffade – det är inte ditt fel. Ingen ny rapport skrevs; en "
            f"tidigare rapport ligger kvar orörd.\nDetaljerna finns i {log}. Skicka filen "
            "till den som förvaltar verktyget.",
            file=err,
        )
        return EXIT_INTERNAL
    model = result.model
    for line in duplicate_lines(model):
        print(line, file=out)
    for warning in result.warnings:
        print(f"OBS: {warning}", file=out)
    print(f"Klart: {result.pdf}", file=out)
    print(f"  Förhandsvisning (HTML): {result.html}", file=out)
    print(f"  Underlag (Excel): {result.underlag}", file=out)
    print(
        f"  År {model.year}, {len(model.activities)} aktiviteter, "
        f"{len(model.indicators)} enkätindikatorer.",
        file=out,
    )
    if model.is_example:
        print("  OBS: rapporten bygger på FIKTIVA exempeluppgifter.", file=out)
    if model.notes:
        print(
            "\nAtt notera om underlaget (står också i rapportens avsnitt Om underlaget):", file=out
        )
        for note in model.notes:
            print(f"  - {note}", file=out)
    return EXIT_OK


def run_several(
    options: Options, folders: list[Path], feedback: Feedback, out: TextIO, jobs: int | None
) -> int:
    """One report per promise folder, in parallel; a summary of all at the end."""

    def done(outcome: Outcome, finished: int, total: int) -> None:
        mark = "✓" if outcome.ok else "✗"
        what = (
            f"{outcome.pdf} ({seconds(outcome.seconds)})"
            if outcome.ok
            else outcome.message.splitlines()[0]
        )
        feedback.info(f"[{finished}/{total}] {mark} {outcome.label}: {what}")
        for stage in outcome.stages:
            feedback.detail(stage.line())
        for line in outcome.lines:
            feedback.detail(line)

    feedback.info(
        f"{len(folders)} löften i {options.inputs}/: "
        + ", ".join(label_of(f, options.inputs) for f in folders)
    )
    outcomes = run_batch(options, folders, feedback, workers=jobs, on_done=done)
    print("\n".join(["", *summary_lines(outcomes)]), file=out)
    return batch_exit_code(outcomes)


def run_check(options: Options, out: TextIO) -> int:
    folders = report_folders(options.inputs)
    several = is_batch(options.inputs, folders)
    results = []
    for folder in folders:
        result = check_folder(replace(options, inputs=folder), allow_example=not several)
        results.append((folder, result))
        print("\n".join(result.lines), file=out)
        if several:
            print("", file=out)
    if several:
        good = [label_of(f, options.inputs) for f, r in results if r.ok]
        bad = [label_of(f, options.inputs) for f, r in results if not r.ok]
        print(
            f"Sammanfattning: {len(good)} av {len(results)} löften går att bygga."
            + (f" Rätta: {', '.join(bad)}." if bad else ""),
            file=out,
        )
    return max(r.exit_code for _, r in results)


def run_templates(args: argparse.Namespace, out: TextIO) -> int:
    """Templates for every promise in inputs/ (outputs/mallar/, or a folder per promise)."""
    folders = promise_folders(args.inputs) or [args.inputs]
    several = len(folders) > 1
    for folder in folders:
        promise = load_promise(folder / PROMISE_FILE)
        target = args.outputs / "mallar" / (promise.slug if several else "")
        written = write_templates(promise, target)
        print(f"Mallar för {promise.title}:", file=out)
        for path in written:
            print(f"  {path}", file=out)
    print(
        "Så gör du: fyll i mallarna (eller skicka dem till den som för loggen), lägg dem i "
        "inputs/ och kör `make check`. Kommentarsmallen (kommentarer.md) kopierar du till "
        "inputs/ och skriver din analys i, under rubrikerna.",
        file=out,
    )
    return EXIT_OK


def duplicate_lines(model: ReportModel, limit: int = 10) -> list[str]:
    """Suspected duplicates, for the command's output (the report lists them too)."""
    if not model.duplicates:
        return []
    treated = (
        "bara den första i varje grupp räknades (--drop-duplicates)"
        if model.duplicates_dropped
        else "alla är medräknade; ta bort dubbletterna i exporten eller kör med DROP_DUPLICATES=1"
    )
    lines = [
        f"Misstänkta dubbletter {model.year}: {len(model.duplicates)} grupper av rader med "
        f"samma datum, aktivitet, antal och plats ({treated})."
    ]
    for dup in model.duplicates[:limit]:
        where = "; ".join(f"{f}, blad {s}, rad {r}" for f, s, r in dup.rows)
        lines.append(f"  - {long_date(dup.date)} {dup.activity} (antal {dup.count}): {where}")
    if len(model.duplicates) > limit:
        lines.append(f"  … och {len(model.duplicates) - limit} grupper till (se rapporten).")
    return lines


def write_crash_log(outputs: Path) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    try:
        outputs.mkdir(parents=True, exist_ok=True)
        log = outputs / f"internt-fel-{stamp}.log"
        log.write_text(traceback.format_exc(), encoding="utf-8")
    except OSError:
        log = Path(tempfile.gettempdir()) / f"medborgarlofte-internt-fel-{stamp}.log"
        log.write_text(traceback.format_exc(), encoding="utf-8")
    return log
