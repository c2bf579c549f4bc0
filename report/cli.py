"""Command line: parse arguments, run the pipeline, turn our errors into a message and an
exit code. The only place that catches broadly."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import traceback
from pathlib import Path
from typing import TextIO

from .errors import EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, ReportError, UsageError
from .load import DEFAULT_MAX_UNPACKED_MB
from .model import ReportModel
from .pipeline import Options, build_report


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"Fel i kommandot: {message}. Skriv `python -m report --help` "
                         "för hjälp.")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = _Parser(prog="python -m report",
                     description="Bygger den årliga uppföljningsrapporten för medborgarlöftet.")
    parser.add_argument("--inputs", type=Path, default=Path("inputs"),
                        help="mapp med löftesfil och exporter (standard: inputs)")
    parser.add_argument("--outputs", type=Path, default=Path("outputs"),
                        help="mapp där rapporten skrivs (standard: outputs)")
    parser.add_argument("--year", help="rapportår (standard: senaste året i aktivitetsdata)")
    parser.add_argument("--date", help="rapportdatum ÅÅÅÅ-MM-DD (standard: i dag)")
    parser.add_argument("--drop-duplicates", action="store_true",
                        help="räkna bara den första av rader med samma datum, aktivitet, antal "
                             "och plats (misstänkta dubbletter)")
    parser.add_argument("--max-unpacked-mb", type=int, default=DEFAULT_MAX_UNPACKED_MB,
                        metavar="MB",
                        help="största tillåtna uppackade storlek per arbetsbok, skydd mot "
                             f"zip-bomber (standard: {DEFAULT_MAX_UNPACKED_MB})")
    parser.add_argument("--example-dir", type=Path, default=None, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def options_from(args: argparse.Namespace, today: dt.date) -> Options:
    report_date = today
    if args.date:
        try:
            report_date = dt.date.fromisoformat(args.date)
        except ValueError:
            raise UsageError(f"DATE={args.date} är inget datum. Skriv t.ex. "
                             "DATE=2024-02-01.") from None
    year = None
    if args.year:
        if not args.year.isdigit() or not 2000 <= int(args.year) <= report_date.year:
            raise UsageError(f"YEAR={args.year} är inget giltigt rapportår. Skriv ett år mellan "
                             f"2000 och {report_date.year}, t.ex. YEAR=2023.")
        year = int(args.year)
    if args.max_unpacked_mb < 1:
        raise UsageError(f"MAX_UNPACKED_MB={args.max_unpacked_mb} är ingen giltig gräns. Skriv "
                         f"ett antal megabyte, 1 eller mer (standard {DEFAULT_MAX_UNPACKED_MB}).")
    extra = {"example_dir": args.example_dir} if args.example_dir else {}
    return Options(inputs=args.inputs, outputs=args.outputs, report_date=report_date,
                   year=year, drop_duplicates=args.drop_duplicates,
                   max_unpacked_mb=args.max_unpacked_mb, **extra)


def main(argv: list[str] | None = None, stdout: TextIO | None = None,
         stderr: TextIO | None = None) -> int:
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    outputs = Path("outputs")
    try:
        args = parse_args(argv)
        outputs = args.outputs
        options = options_from(args, dt.date.today())
        result = build_report(options, log=lambda line: print(line, file=out))
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
        print("Ett internt fel inträffade – det är inte ditt fel. Ingen ny rapport skrevs; en "
              f"tidigare rapport ligger kvar orörd.\nDetaljerna finns i {log}. Skicka filen "
              "till den som förvaltar verktyget.", file=err)
        return EXIT_INTERNAL
    model = result.model
    for line in duplicate_lines(model):
        print(line, file=out)
    print(f"Klart: {result.pdf}", file=out)
    print(f"  Underlag (Excel): {result.underlag}", file=out)
    print(f"  År {model.year}, {len(model.activities)} aktiviteter, "
          f"{len(model.indicators)} enkätindikatorer.", file=out)
    if model.is_example:
        print("  OBS: rapporten bygger på FIKTIVA exempeluppgifter.", file=out)
    if model.notes:
        print("\nAtt notera om underlaget (står också i rapportens avsnitt Om underlaget):",
              file=out)
        for note in model.notes:
            print(f"  - {note}", file=out)
    return EXIT_OK


def duplicate_lines(model: ReportModel, limit: int = 10) -> list[str]:
    """Suspected duplicates, for the command's output (the report lists them too)."""
    if not model.duplicates:
        return []
    treated = ("bara den första i varje grupp räknades (--drop-duplicates)"
               if model.duplicates_dropped else
               "alla är medräknade; ta bort dubbletterna i exporten eller kör med "
               "DROP_DUPLICATES=1")
    lines = [f"Misstänkta dubbletter {model.year}: {len(model.duplicates)} grupper av rader med "
             f"samma datum, aktivitet, antal och plats ({treated})."]
    for dup in model.duplicates[:limit]:
        where = "; ".join(f"{f}, blad {s}, rad {r}" for f, s, r in dup.rows)
        lines.append(f"  - {dup.date.isoformat()} {dup.activity} (antal {dup.count}): {where}")
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
        log = Path(tempfile_dir()) / f"medborgarlofte-internt-fel-{stamp}.log"
        log.write_text(traceback.format_exc(), encoding="utf-8")
    return log


def tempfile_dir() -> str:
    import tempfile
    return tempfile.gettempdir()
