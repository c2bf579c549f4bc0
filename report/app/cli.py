"""Command line: parse arguments, run the pipeline, turn our errors into a message and an
exit code. The only place that catches broadly."""

from __future__ import annotations

import argparse
import datetime as dt
import errno
import os
import re
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, NoReturn, TextIO

from report.app.batch import (
    FolderResult,
    is_batch,
    label_of,
    promise_folders,
    report_folders,
    run_batch,
    summary_lines,
)
from report.app.batch import exit_code as batch_exit_code
from report.app.check import check_folder
from report.app.feedback import Feedback, duplicate_lines, seconds, write_crash_log
from report.app.pipeline import Options, Result, build_report
from report.app.workers import available_cores
from report.errors import (
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    Code,
    InputError,
    Problem,
    ReportError,
    UsageError,
)
from report.inputs.folder import PROMISE_FILE, InputFolder, discover
from report.inputs.promise_file import load_promise
from report.inputs.workbook import DEFAULT_MAX_UNPACKED_MB
from report.output.files import OutputFolder
from report.output.pdf import require_pdf_engine
from report.output.template_files import write_templates_safely

_EXAMPLES = {
    "--inputs": "--inputs inputs",
    "--outputs": "--outputs outputs",
    "--year": "--year 2023",
    "--date": "--date 2024-02-01",
    "--jobs": "--jobs 2",
    "--max-unpacked-mb": "--max-unpacked-mb 2000",
}
HELP_HINT = "Skriv `python -m report --help` för hjälp."


class _NoValue:
    """What an option that takes a value holds when the command gave it none."""

    def __repr__(self) -> str:
        return "<no value>"


NO_VALUE = _NoValue()
WHOLE_NUMBER_OPTIONS = ("jobs", "max_unpacked_mb")


def _missing_value(name: str) -> str:
    return f"{name} behöver ett värde, t.ex. {_EXAMPLES.get(name, name + ' …')}."


def _not_a_whole_number(name: str, value: str) -> str:
    return f"{name} ska vara ett heltal, inte ”{value}”. Skriv t.ex. {_EXAMPLES[name]}."


def _takes_no_value(name: str) -> str:
    return f"{name} tar inget värde: skriv bara {name}."


def _not_recognised(words: Sequence[str]) -> str:
    commands = [w for w in words if w in COMMANDS]
    if commands:
        return (
            f"Kommandot {commands[0]} ska stå först: python -m report {commands[0]} "
            "[--inputs …] [--outputs …]."
        )
    shown = ", ".join(f"”{w}”" for w in words)
    return (
        f"{shown} känns inte igen. Giltiga kommandon: {', '.join(COMMANDS)}; giltiga "
        "val: --inputs, --outputs, --year, --date, --drop-duplicates, -v, -q, --jobs, "
        "--max-unpacked-mb."
    )


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, prefix or "Användning: ")

    def _format_args(self, action: argparse.Action, default_metavar: str) -> str:
        # An option whose value may be left out only so that we can say it is missing is
        # shown as one that takes a value.
        if action.nargs == argparse.OPTIONAL and action.const is NO_VALUE:
            return self._metavar_formatter(action, default_metavar)(1)[0]
        return super()._format_args(action, default_metavar)


class _Parser(argparse.ArgumentParser):
    """Values are checked after parsing (parse_args below), so argparse meets no error of
    its own that it would word in English; should it meet one, the command is refused."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"Fel i kommandot: Kommandot går inte att läsa. {HELP_HINT}")


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
        add_help=False,
        allow_abbrev=False,
        formatter_class=_Formatter,
        exit_on_error=False,
    )
    parser._optionals.title = "val"
    declared = _add_options(parser)
    try:
        args, unknown = parser.parse_known_args(argv)
    except argparse.ArgumentError as error:  # only a flag given a value can get here
        name = declared.flag_named(error.argument_name)
        message = _takes_no_value(name) if name else "Kommandot går inte att läsa."
        raise UsageError(f"Fel i kommandot: {message} {HELP_HINT}") from None
    args.command = command
    messages = [_not_recognised(unknown)] if unknown else []
    for action in declared.valued:
        value = getattr(args, action.dest)
        name = action.option_strings[-1]
        if value is NO_VALUE:
            messages.append(_missing_value(name))
        elif action.dest in WHOLE_NUMBER_OPTIONS and isinstance(value, str):
            try:
                setattr(args, action.dest, int(value))
            except ValueError:
                messages.append(_not_a_whole_number(name, value))
    if messages:
        raise UsageError(f"Fel i kommandot: {' '.join(messages)} {HELP_HINT}")
    if args.jobs is not None and args.jobs < 1:
        raise UsageError(
            f"JOBS={args.jobs} går inte: skriv hur många rapporter som ska byggas "
            "samtidigt, t.ex. JOBS=1."
        )
    return args


@dataclass(frozen=True)
class _Declared:
    """The command's options: the flags (no value) and those that take a value."""

    flags: tuple[argparse.Action, ...]
    valued: tuple[argparse.Action, ...]

    def flag_named(self, argparse_name: str | None) -> str | None:
        """The flag argparse names so in its errors (e.g. "-v/--verbose"), as we show it."""
        for flag in self.flags:
            if "/".join(flag.option_strings) == argparse_name:
                return flag.option_strings[-1]
        return None


def _add_options(parser: argparse.ArgumentParser) -> _Declared:
    def flag(*names: str, **kw: Any) -> argparse.Action:
        return parser.add_argument(*names, **kw)

    def valued(*names: str, **kw: Any) -> argparse.Action:
        # Its value may be left out only so that the missing value is ours to report.
        return parser.add_argument(*names, nargs="?", const=NO_VALUE, **kw)

    actions = (
        flag("-h", "--help", action="help", help="visar den här hjälpen"),
        valued(
            "--inputs",
            type=Path,
            default=Path("inputs"),
            help="mapp med löftesfil och exporter (standard: inputs)",
        ),
        valued(
            "--outputs",
            type=Path,
            default=Path("outputs"),
            help="mapp där rapporten skrivs (standard: outputs)",
        ),
        valued("--year", help="rapportår (standard: senaste året i aktivitetsdata)"),
        valued("--date", help="rapportdatum ÅÅÅÅ-MM-DD (standard: i dag)"),
        flag(
            "--drop-duplicates",
            action="store_true",
            help="räkna bara den första av rader med samma datum, aktivitet, antal "
            "och plats (misstänkta dubbletter)",
        ),
        flag(
            "--period",
            action="store_true",
            help="lägg till avsnittet om hela löftesperioden (det finns alltid med året "
            "då perioden slutar)",
        ),
        flag("-v", "--verbose", action="store_true", help="berätta mer om varje steg"),
        flag("-q", "--quiet", action="store_true", help="skriv bara fel och slutresultat"),
        valued(
            "--jobs",
            default=None,
            help="hur många processer som arbetar samtidigt: med ett löfte "
            "ritar de diagrammen medan PDF:en byggs, med flera löften "
            "bygger var och en en rapport (standard: en per processorkärna)",
        ),
        valued(
            "--max-unpacked-mb",
            default=DEFAULT_MAX_UNPACKED_MB,
            metavar="MB",
            help="största tillåtna uppackade storlek per arbetsbok, skydd mot "
            f"zip-bomber (standard: {DEFAULT_MAX_UNPACKED_MB})",
        ),
        valued("--example-dir", type=Path, default=None, help=argparse.SUPPRESS),
    )
    return _Declared(
        flags=tuple(a for a in actions if a.nargs == 0),
        valued=tuple(a for a in actions if a.const is NO_VALUE),
    )


def options_from(args: argparse.Namespace, today: dt.date) -> Options:
    report_date = today
    if args.date is not None:
        if not args.date.strip():
            raise UsageError(
                "DATE är tomt. Skriv ett rapportdatum ÅÅÅÅ-MM-DD, t.ex. DATE=2024-02-01, "
                "eller utelämna DATE för dagens datum."
            )
        try:
            if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", args.date.strip()):
                raise ValueError(args.date)
            report_date = dt.date.fromisoformat(args.date.strip())
        except ValueError:
            raise UsageError(
                f"DATE={args.date} är inget datum. Skriv ÅÅÅÅ-MM-DD, t.ex. DATE=2024-02-01."
            ) from None
        if report_date.year < 2000:
            raise UsageError(
                f"DATE={args.date} ligger före år 2000, före alla uppgifter rapporten kan "
                "läsa. Skriv rapportdatumet, t.ex. DATE=2024-02-01, eller utelämna DATE för "
                "dagens datum."
            )
    year = None
    if args.year is not None:
        if (
            not re.fullmatch(r"[0-9]{4}", args.year.strip())
            or not 2000 <= int(args.year) <= report_date.year
        ):
            raise UsageError(
                f"YEAR={args.year} är inget giltigt rapportår. Skriv ett år mellan "
                f"2000 och {report_date.year}, t.ex. YEAR=2023."
            )
        year = int(args.year.strip())
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
        date_given=args.date is not None,
        **extra,
    )


def main(
    argv: list[str] | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None
) -> int:
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    outputs = Path("outputs")
    feedback = Feedback.silent()
    try:
        args = parse_args(argv)
        outputs = args.outputs
        feedback = Feedback(None if args.quiet else out, verbose=args.verbose)
        return run(args, feedback, out)
    except ReportError as error:
        feedback.abandon()
        print(str(error), file=err)
        return error.exit_code
    except SystemExit as exit_:  # --help
        return EXIT_OK if exit_.code in (0, None) else EXIT_USAGE
    except KeyboardInterrupt:
        feedback.abandon()
        print("Avbrutet. Ingen ny rapport skrevs; en tidigare rapport ligger kvar.", file=err)
        return EXIT_INTERRUPTED
    except OSError as error:
        feedback.abandon()
        if not _concerns(error, outputs):
            return _internal_error(outputs, err)
        print(cannot_write(outputs, error), file=err)
        return EXIT_USAGE
    except Exception:
        feedback.abandon()
        return _internal_error(outputs, err)


def run(args: argparse.Namespace, feedback: Feedback, out: TextIO) -> int:
    """The command the arguments name: the templates, the check, one report or several."""
    check_inputs_folder(args.inputs)
    options = options_from(args, dt.date.today())
    if args.command == "templates":
        return run_templates(args, out)
    explicit_date = args.date is not None
    listing = list_inputs(options.inputs)
    if args.command == "check":
        return run_check(options, out, listing, explicit_date)
    if options.outputs.resolve() == options.inputs.resolve():
        raise UsageError(
            f"OUTPUTS och INPUTS är samma mapp ({options.inputs}). Rapporten skulle då "
            "läsas som en export nästa gång: ange en egen mapp för rapporten, t.ex. "
            "OUTPUTS=outputs."
        )
    prepare_outputs(options.outputs)
    folders = report_folders(options.inputs, listing)
    if is_batch(options.inputs, folders):
        require_pdf_engine()  # before the batch's workers fork, so they inherit it
        return run_several(options, folders, feedback, out, args.jobs)
    try:
        result = build_report(options, log=feedback.info, feedback=feedback, folder=listing)
    except InputError as error:
        usage = date_before_data(error.problems, options) if explicit_date else None
        raise usage or error from None
    print_result(result, out)
    return EXIT_OK


def print_result(result: Result, out: TextIO) -> None:
    """The files written, what the report covers, and what the analyst should know."""
    model = result.model
    for line in duplicate_lines(model):
        print(line, file=out)
    for warning in result.warnings:
        print(f"OBS: {warning}", file=out)
    first, *others = result.files  # the PDF first
    print(f"Klart: {first.path}", file=out)
    for written in others:
        print(f"  {written.label}: {written.path}", file=out)
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


def run_several(
    options: Options, folders: list[Path], feedback: Feedback, out: TextIO, jobs: int | None
) -> int:
    """One report per promise folder, in parallel; a summary of all at the end."""

    def done(result: FolderResult, finished: int, total: int) -> None:
        mark = "✓" if result.ok else "✗"
        what = (
            f"{result.files[0].path} ({seconds(result.seconds)})"
            if result.ok
            else result.message.splitlines()[0]
        )
        feedback.info(f"[{finished}/{total}] {mark} {result.label}: {what}")
        for stage in result.stages:
            feedback.detail(stage.line())
        for line in result.lines:
            feedback.detail(line)

    feedback.info(
        f"{len(folders)} löften i {options.inputs}/: "
        + ", ".join(label_of(f, options.inputs) for f in folders)
    )
    results = run_batch(options, folders, feedback, workers=jobs, on_done=done)
    print("\n".join(["", *summary_lines(results)]), file=out)
    return batch_exit_code(results)


def list_inputs(inputs: Path) -> InputFolder | None:
    """inputs/ listed, once for the whole run; None when it cannot be (a missing folder,
    reported where the report reads its inputs)."""
    try:
        return discover(inputs)
    except InputError:
        return None


def run_check(
    options: Options,
    out: TextIO,
    listing: InputFolder | None = None,
    explicit_date: bool = False,
) -> int:
    folders = report_folders(options.inputs, listing)
    several = is_batch(options.inputs, folders)
    results = []
    for folder in folders:
        result = check_folder(
            replace(options, inputs=folder),
            allow_example=not several,
            listing=listing if folder == options.inputs else None,
        )
        usage = date_before_data(result.problems, options) if explicit_date else None
        if usage:
            raise usage
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
    """Templates for every promise in inputs/ (outputs/mallar/, or a folder per promise).
    A template the analyst has filled in or edited is left as it is; the new one is
    written beside it."""
    folders = promise_folders(args.inputs) or [args.inputs]
    several = len(folders) > 1
    promises = [load_promise(folder / PROMISE_FILE) for folder in folders]
    for promise in promises:
        target = args.outputs / "mallar" / (promise.slug if several else "")
        prepare_outputs(target)
        written = write_templates_safely(promise, OutputFolder(target))
        print(f"Mallar för {promise.title}:", file=out)
        for item in written:
            print(f"  {item.path}", file=out)
        for item in written:
            if item.kept:
                print(
                    f"  OBS: {item.kept} har ändrats eller fyllts i, så den skrevs inte över. "
                    f"Den nya mallen ligger bredvid som {item.path.name}.",
                    file=out,
                )
    print(
        "Så gör du: fyll i mallarna (eller skicka dem till den som för loggen), lägg dem i "
        "inputs/ och kör `make check`. Kommentarsmallen (kommentarer.md) kopierar du till "
        "inputs/ och skriver din analys i, under rubrikerna.",
        file=out,
    )
    return EXIT_OK


# --- the command's own mistakes and the machine it runs on ---------------------------------


def check_inputs_folder(inputs: Path) -> None:
    if not inputs.exists():
        raise UsageError(
            f"Mappen {inputs} finns inte. Skapa den och lägg löftesfilen {PROMISE_FILE} "
            "där, eller ange rätt mapp med INPUTS=... (--inputs)."
        )
    if not inputs.is_dir():
        raise UsageError(
            f"INPUTS={inputs} är en fil, inte en mapp. Ange mappen som innehåller "
            f"{PROMISE_FILE} och exporterna, t.ex. INPUTS=inputs."
        )


def date_before_data(problems: Sequence[Problem], options: Options) -> UsageError | None:
    """One message about the date given, instead of one per cell, when every problem in
    the exports is a date or a survey's year later than that report date."""
    latest: list[dt.date] = []
    for problem in problems:
        if problem.code == Code.DATE_AFTER_REPORT:
            latest.append(problem.value)
            continue
        if problem.code != Code.YEAR_OUT_OF_RANGE:
            return None
        try:
            value = float(str(problem.value).strip())
        except ValueError:
            return None
        if not value.is_integer() or not 2000 <= value <= 2100:
            return None
        if value <= options.report_date.year:
            return None
        latest.append(dt.date(int(value), 1, 1))
    if not latest:
        return None
    first = problems[0]
    where = f"{first.file}" + (f", blad {first.sheet}" if first.sheet else "")
    return UsageError(
        f"DATE={options.report_date.isoformat()} ligger före uppgifterna i exporterna: "
        f"{len(latest)} datum och årtal där är senare än rapportdatumet (det senaste "
        f"{max(latest).year}, det första i {where}). Skriv ett rapportdatum efter "
        "uppgifterna, eller utelämna DATE för dagens datum."
    )


def prepare_outputs(folder: Path) -> None:
    """The outputs folder exists (or can be made) and can be written to."""
    if folder.exists() and not folder.is_dir():
        raise UsageError(
            f"{folder} är en fil, inte en mapp, så inget kan skrivas där. Ange en mapp med "
            "OUTPUTS=... (--outputs), eller flytta filen."
        )
    parent = folder
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    if parent.exists() and not parent.is_dir():
        raise UsageError(
            f"OUTPUTS={folder} kan inte skapas: {parent} är en fil, inte en mapp. Ange en "
            "annan mapp med OUTPUTS=... (--outputs)."
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as error:
        raise UsageError(cannot_write(folder, error)) from None


def cannot_write(folder: Path, error: OSError) -> str:
    reasons = {
        errno.EACCES: "du saknar skrivbehörighet där",
        errno.EPERM: "du saknar skrivbehörighet där",
        errno.EROFS: "platsen går bara att läsa",
        errno.ENOSPC: "disken är full",
        errno.EDQUOT: "diskkvoten är slut",
        errno.ENOTDIR: "en del av sökvägen är en fil, inte en mapp",
        errno.ENOENT: "platsen finns inte",
    }
    reason = reasons.get(error.errno or 0, "mappen kan inte skapas eller skrivas")
    return (
        f"Inget kan skrivas i {folder}: {reason}. Välj en mapp du kan skriva i med "
        "OUTPUTS=... (--outputs), eller be om behörighet. Ingen ny rapport skrevs."
    )


def _concerns(error: OSError, outputs: Path) -> bool:
    """Whether an OSError is about writing in the outputs folder."""
    for name in (error.filename, error.filename2):
        if name is None:
            continue
        try:
            path = Path(os.fsdecode(name)).resolve()
            if path == outputs.resolve() or outputs.resolve() in path.parents:
                return True
        except (OSError, ValueError, RuntimeError):
            continue
    return False


def _internal_error(outputs: Path, err: TextIO) -> int:
    log = write_crash_log(outputs)
    print(
        "Ett internt fel inträffade – det är inte ditt fel. Ingen ny rapport skrevs; en "
        f"tidigare rapport ligger kvar orörd.\nDetaljerna finns i {log}. Skicka filen "
        "till den som förvaltar verktyget.",
        file=err,
    )
    return EXIT_INTERNAL
