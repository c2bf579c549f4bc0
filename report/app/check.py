"""`make check`: validate everything in inputs/ and say what was found, without rendering.

Reads through exactly the code `make report` uses (pipeline.read_inputs), so the problems and
their wording are the same; then lists each file, what it was recognised as, its rows and
period, the year's count per activity, and everything worth a second look.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from report.app.pipeline import Options, read_inputs
from report.errors import InputError, Problem, format_problems
from report.format import long_date, percent, whole
from report.inputs.dataset import Dataset, SourceSheet
from report.inputs.folder import PROMISE_FILE, InputFolder, discover
from report.inputs.kinds.registry import kind_named
from report.model.report import ReportModel, build_model, default_year
from report.output.commentary import COMMENTARY_FILE, report_sections
from report.promise.types import Promise

FORMATS = {
    ".xlsx": "Excel-arbetsbok (.xlsx)",
    ".xlsm": "Excel-arbetsbok med makron (.xlsm)",
    ".xls": "gammal Excel-arbetsbok (.xls)",
    ".ods": "OpenDocument-kalkylblad (.ods, t.ex. från LibreOffice)",
}


@dataclass(frozen=True)
class CheckResult:
    ok: bool
    lines: tuple[str, ...]
    exit_code: int
    problems: tuple[Problem, ...] = ()  # the inputs' problems, when it is not ok


def file_format(path: Path) -> str:
    """What kind of file this is, as detected (CSV: dialect and encoding)."""
    if path.suffix.lower() == ".csv":
        from report.inputs.csv_file import read_csv_with_format

        try:
            return read_csv_with_format(path)[1].describe()
        except InputError:
            return "CSV (kan inte läsas, se nedan)"
    return FORMATS.get(path.suffix.lower(), path.suffix)


def period_text(source: SourceSheet) -> str:
    if source.first == "–":
        return "inga rader"
    if kind_named(source.kind).by_day:
        first, last = (long_date(dt.date.fromisoformat(d)) for d in (source.first, source.last))
        return f"{first} – {last}"
    return source.first if source.first == source.last else f"{source.first}–{source.last}"


def check_folder(
    options: Options, allow_example: bool = True, listing: InputFolder | None = None
) -> CheckResult:
    """Everything `make check` says about one folder with a promise file (`listing`: the
    folder as this run listed it already)."""
    folder = options.inputs
    lines = [f"Kontroll av {folder}/"]
    banner: list[str] = []
    exports: tuple[Path, ...] = ()
    try:
        listing = listing or discover(folder)
        exports = listing.exports
        if not exports and not allow_example:
            lines.append("  Mappen har en löftesfil men inga exporter (.xlsx, .ods, .csv).")
            return CheckResult(False, tuple(lines), 1)
        inputs = read_inputs(options, banner.append, folder=listing)
    except InputError as error:
        lines += refused_lines(exports, error.problems)
        return CheckResult(False, tuple(lines), error.exit_code, error.problems)
    promise, dataset, is_example = inputs.promise, inputs.dataset, inputs.is_example
    own = inputs.folder_promise
    year = options.year or default_year(dataset) or options.report_date.year
    try:
        model = build_model(
            promise,
            dataset,
            year,
            options.report_date,
            is_example,
            drop_duplicate_rows=options.drop_duplicates,
        )
    except InputError as error:  # a report year outside the promise period
        lines += ["", format_problems(error.problems)]
        return CheckResult(False, tuple(lines), error.exit_code)
    lines += promise_lines(folder, own, is_example)
    lines += ["", "Filer:", *file_lines(dataset, inputs.exports)]
    lines += ["", *activity_lines(model), survey_line(model, promise), *outcome_lines(model)]
    lines.append(commentary_line(folder, inputs.commentary.section_ids, promise))
    warnings = [
        *model.notes,
        *duplicate_summary(model),
        *inputs.commentary.warnings(promise, bool(model.indicators)),
    ]
    if warnings:
        lines += ["", "Att notera:", *(f"  - {w}" for w in warnings)]
    lines += [
        "",
        "Allt går att läsa. Kör `make report` för att bygga rapporten"
        f"{' (exemplet)' if is_example else ''}.",
    ]
    return CheckResult(True, tuple(lines), 0)


def refused_lines(exports: tuple[Path, ...], problems: Sequence[Problem]) -> list[str]:
    return [
        *(f"  {path.name}: {file_format(path)}" for path in exports),
        "",
        f"Indata har {len(problems)} problem:",
        "",
        format_problems(problems),
        "",
        "Rätta filerna ovan och kör `make check` igen. Samma fel stoppar `make report`.",
    ]


def promise_lines(folder: Path, own: Promise, is_example: bool) -> list[str]:
    lines = [
        f"  Löftesfil: {PROMISE_FILE} – {own.title} (id {own.slug}): "
        f"{len(own.focus_areas)} fokusområden, {len(own.activities)} "
        f"aktiviteter, {len(own.indicators)} enkätindikatorer."
    ]
    if is_example:
        lines += [
            "",
            f"  {folder}/ innehåller inga exporter (.xlsx, .ods, .csv). `make report` "
            "bygger då EXEMPLET med fiktiva uppgifter och exemplets egen löftesfil. Lägg "
            "era exporter i mappen.",
        ]
    return lines


def file_lines(dataset: Dataset, exports: Sequence[Path]) -> list[str]:
    """Each file read, with its format, and each sheet with its kind, rows and period."""
    by_file: dict[str, list[SourceSheet]] = {}
    for source in dataset.sources:
        by_file.setdefault(source.file, []).append(source)
    paths = {p.name: p for p in exports}
    lines = []
    for file, sources in by_file.items():
        lines.append(f"  {file} – {file_format(paths[file]) if file in paths else ''}")
        for s in sources:
            lines.append(f"    blad ”{s.sheet}”: {s.kind}, {whole(s.rows)} rader, {period_text(s)}")
    return lines


def survey_line(model: ReportModel, promise: Promise) -> str:
    if not model.indicators:
        return (
            "Enkätdata: inga värden för löftets indikatorer (avsnittet Ungas hälsa "
            "och drogvanor säger att de saknas)."
        )
    years = sorted({p.year for i in model.indicators for s in i.local_series for p in s.points})
    return (
        f"Enkätdata: {len(model.indicators)} av {len(promise.indicators)} "
        f"indikatorer har värden, {years[0]}–{years[-1]}."
    )


def outcome_lines(model: ReportModel) -> list[str]:
    """One line per outcome: its events before and during the promise, or its statistics."""
    lines = []
    for r in model.outcomes:
        lines.append(
            f"Utfall ”{r.outcome.name}”: {whole(r.total)} händelser"
            + (
                f", {whole(r.before.count)} före och {whole(r.during.count)} under löftet."
                if r.before and r.during
                else "."
            )
        )
    for stat in model.statistics:
        lines.append(
            f"Utfall ”{stat.outcome.name}” (statistik, {stat.outcome.unit}): {stat.series.area} "
            f"{stat.series.points[0].label}–{stat.latest.label}"
            + (f", jämförelse {stat.reference.area}" if stat.reference else "")
            + (
                f"; före löftet {stat.before.label}, under löftet {stat.during.label}"
                if stat.before and stat.during
                else "; saknar värden före eller under löftet"
            )
            + ("." if stat.p_value is not None else f" (inget test: {stat.reason}).")
        )
    return lines


def activity_lines(model: ReportModel) -> list[str]:
    partial = " (målen omräknade till de dagarna)" if model.partial_year else ""
    lines = [f"Aktiviteter {model.year_label}{partial}:"]
    width = max(len(a.activity.name) for a in model.activities)
    for a in model.activities:
        count = "–" if a.count is None else whole(a.count)
        share = f" ({percent(a.fulfilment)})" if a.fulfilment is not None else ""
        outside = "".join(
            f", {word}: {whole(n)}"
            for word, n in (("före löftet", a.before_period), ("efter löftet", a.after_period))
            if n is not None
        )
        lines.append(
            f"  {a.activity.name:<{width}}  {count:>6} av målet {whole(a.target):>4}"
            f"{share:<9} {a.status.label}" + (f" ({outside[2:]}, räknas inte)" if outside else "")
        )
    missing = [a.activity.name for a in model.activities if a.count is None]
    if missing:
        lines.append(
            f"  Ingen uppgift (inga rader {model.year_label}): {', '.join(missing)}. "
            "Saknas en export?"
        )
    return lines


def duplicate_summary(model: ReportModel) -> list[str]:
    if not model.duplicates:
        return []
    return [
        f"{len(model.duplicates)} grupper av misstänkta dubbletter {model.year} (samma "
        "datum, aktivitet, antal och plats). `make report` listar dem; DROP_DUPLICATES=1 "
        "räknar bara den första i varje grupp."
    ]


def commentary_line(folder: Path, section_ids: Sequence[str], promise) -> str:
    if not (folder / COMMENTARY_FILE).is_file():
        return (
            f"Kommentarer: {COMMENTARY_FILE} saknas (frivillig; `make templates` skriver en mall)."
        )
    titles = [s.title for s in report_sections(promise) if s.id in section_ids]
    if not titles:
        return f"Kommentarer: {COMMENTARY_FILE} finns men har ingen text under rubrikerna."
    return f"Kommentarer: {COMMENTARY_FILE} – text under {', '.join(titles)}."
