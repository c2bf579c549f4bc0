"""The whole path, stage by stage: load -> validate -> model -> charts -> HTML -> PDF."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import Future
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from markupsafe import Markup

from report.app.feedback import Feedback, megabytes
from report.app.workers import Workers
from report.charts.catalogue import report_chart_specs
from report.charts.svg import Chart
from report.errors import InputError, Problem, UsageError
from report.format import count, long_date
from report.inputs.checks import drop_implausible
from report.inputs.dataset import Dataset
from report.inputs.folder import InputFolder, discover, not_a_workbook_problem
from report.inputs.promise_file import load_promise
from report.inputs.sheets import RawWorkbook
from report.inputs.validate import validate_workbooks
from report.inputs.workbook import DEFAULT_MAX_UNPACKED_MB, read_workbook
from report.model.report import ReportModel, build_model, default_year
from report.output.commentary import Commentary, load_commentary
from report.output.files import OutputFolder
from report.output.outputs import OUTPUTS, Made
from report.output.pdf import require_pdf_engine
from report.output.preview import preview_html
from report.promise.types import Promise
from report.resources import shipped_folder

EXAMPLE_DIR = shipped_folder("example")


@dataclass(frozen=True)
class Options:
    inputs: Path
    outputs: Path
    report_date: dt.date
    year: int | None = None
    example_dir: Path = EXAMPLE_DIR
    drop_duplicates: bool = False
    max_unpacked_mb: int = DEFAULT_MAX_UNPACKED_MB
    workers: int = 1  # processes drawing charts and side outputs beside the layout
    date_given: bool = True  # False: report_date is today's, no DATE was given
    period: bool = False  # add the whole promise period's section to any year's report


@dataclass(frozen=True)
class Written:
    """A file of the report: which output, what the command calls it, and where it is."""

    key: str
    label: str
    path: Path


@dataclass(frozen=True)
class Result:
    model: ReportModel
    files: tuple[Written, ...]  # in the order of OUTPUTS: the PDF first
    warnings: tuple[str, ...] = ()

    def path(self, key: str) -> Path:
        return next(f.path for f in self.files if f.key == key)

    @property
    def pdf(self) -> Path:
        return self.path("pdf")

    @property
    def html(self) -> Path:
        return self.path("preview")

    @property
    def underlag(self) -> Path:
        return self.path("workbook")


Log = Callable[[str], None]


def _quiet(_: str) -> None:
    return None


@dataclass(frozen=True)
class Inputs:
    """Everything one run reads from an inputs folder, from one listing of it and one
    reading of its promise file, handed down to the model (and to `make check`)."""

    promise: Promise  # the promise the report follows up (the example's, for the example)
    dataset: Dataset
    is_example: bool
    exports: tuple[Path, ...]  # the exports read: the folder's, or the example's
    commentary: Commentary
    folder_promise: Promise  # the folder's own promise file, checked for the example too


def read_inputs(
    options: Options,
    log: Log = _quiet,
    feedback: Feedback | None = None,
    folder: InputFolder | None = None,
    promise: Promise | None = None,
) -> Inputs:
    """Promise, validated data and commentary. When inputs/ holds no exports: the bundled
    example, its exports with its own promise file (example/medborgarlofte.toml), so it
    builds whatever the analyst has changed in theirs; theirs is read and checked all the
    same. Every problem of the exports and the commentary is reported together.
    `folder`, `promise`: inputs/ as this run listed it and its promise file as this run
    read it already (listed and read here otherwise)."""
    folder = folder or discover(options.inputs)
    if feedback is not None:
        _announce_large_files(folder, feedback)
    own = promise or load_promise(folder.promise)  # its problems alone are reported
    check_signed(options, own, folder.promise)
    # A CSV or HTML export alone in inputs/ must not quietly build the example instead.
    is_example = not folder.exports and not folder.not_workbooks
    if is_example:
        log(example_banner(options.inputs))
        example = discover(options.example_dir)
        promise, exports = load_promise(example.promise), example.exports
    else:
        promise, exports = own, folder.exports
    try:
        dataset = _read_exports(options, exports, folder.not_workbooks, promise)
    except InputError as error:
        more = _commentary_problems(options.inputs, promise)
        if more:
            raise InputError([*error.problems, *more]) from None
        raise
    commentary = load_commentary(options.inputs, promise)
    return Inputs(promise, dataset, is_example, exports, commentary, own)


def check_signed(options: Options, promise: Promise, path: Path) -> None:
    """A report date before the promise was signed is a mistake in the command (or, when
    the date is today's, in the promise file's signing date)."""
    if options.report_date >= promise.signed:
        return
    signed = f"{long_date(promise.signed)}, [lofte] tecknat i {path}"
    if not options.date_given:
        raise UsageError(
            f"Dagens datum ({long_date(options.report_date)}) ligger före den dag löftet "
            f"tecknades ({signed}). Rätta tecknat om datumet är fel, eller ange "
            "rapportdatumet med DATE=ÅÅÅÅ-MM-DD."
        )
    raise UsageError(
        f"DATE={options.report_date.isoformat()} ligger före den dag löftet tecknades "
        f"({signed}). Rapporten följer upp tiden efter det: skriv ett senare rapportdatum, "
        "eller utelämna DATE för dagens datum."
    )


def _read_exports(
    options: Options,
    exports: tuple[Path, ...],
    not_workbooks: tuple[Path, ...],
    promise: Promise,
) -> Dataset:
    problems: list[Problem] = [not_a_workbook_problem(p) for p in not_workbooks]
    workbooks: list[RawWorkbook] = []
    for path in exports:
        try:
            workbooks.append(read_workbook(path, options.max_unpacked_mb * 1_000_000))
        except InputError as error:
            problems.extend(error.problems)
    try:
        dataset = validate_workbooks(workbooks, promise, options.report_date)
        dataset = drop_implausible(dataset, promise, workbooks)
    except InputError as error:
        problems.extend(error.problems)
    if problems:
        order = {
            path.name: i
            for i, path in enumerate(sorted((*exports, *not_workbooks), key=lambda p: p.name))
        }
        raise InputError(sorted(problems, key=lambda p: order.get(p.file, -1)))
    return dataset


def example_banner(inputs: Path) -> str:
    line = "=" * 72
    return (
        f"{line}\n  OBS! {inputs}/ innehåller inga exporter (.xlsx, .xls, .ods, .csv).\n"
        "  Rapporten byggs på det medföljande EXEMPLET med FIKTIVA uppgifter.\n"
        "  Exemplet följer sin egen löftesfil; er medborgarlofte.toml är kontrollerad.\n"
        f"  Lägg era exporter i {inputs}/ för att bygga den riktiga rapporten.\n{line}"
    )


def build_report(
    options: Options,
    log: Log = _quiet,
    feedback: Feedback | None = None,
    folder: InputFolder | None = None,
    promise: Promise | None = None,
) -> Result:
    """The report from options.inputs (`folder`, `promise`: see read_inputs)."""
    fb = feedback or Feedback.silent()
    # The worker processes start first, and load the charting library while this process
    # reads the exports.
    with Workers(options.workers, prepare=prepare_worker) as workers:
        model, commentary = _model(options, log, fb, folder, promise)
        fb.start("Ritar diagram och bygger PDF")
        made, charts = _report_files(model, commentary.as_markup(), workers)
    fb.done(f"{charts} diagram, {megabytes(len(made['pdf']))}")
    # Every file is written only once all of them are built: a run that fails leaves the
    # previous report as it was.
    outputs = OutputFolder(options.outputs)
    stem = f"{model.promise.slug}-{model.year}"
    files = tuple(
        Written(o.key, o.label, outputs.write(f"{stem}{o.suffix}", made[o.key]))
        for o in OUTPUTS
        if o.suffix is not None
    )
    warnings = commentary.warnings(model.promise, bool(model.indicators))
    return Result(model, files, tuple(warnings))


def prepare_worker() -> None:
    """What the first jobs of a worker process (the charts) need, imported as it starts."""
    import matplotlib.figure  # noqa: F401


def _model(
    options: Options,
    log: Log,
    fb: Feedback,
    folder: InputFolder | None,
    promise: Promise | None,
) -> tuple[ReportModel, Commentary]:
    fb.start("Läser och kontrollerar indata")
    inputs = read_inputs(options, log, fb, folder, promise)
    fb.done(input_summary(inputs.dataset))
    year = options.year or default_year(inputs.dataset) or options.report_date.year
    fb.start(f"Beräknar resultaten för {year}")
    model = build_model(
        inputs.promise,
        inputs.dataset,
        year,
        options.report_date,
        inputs.is_example,
        drop_duplicate_rows=options.drop_duplicates,
        whole_period=options.period,
    )
    fb.done()
    return model, inputs.commentary


def build_preview(options: Options) -> str:
    """The HTML version alone, without the PDF and the workbook (the browser tests load it):
    the same model, charts and commentary as the preview that build_report writes."""
    model, commentary = _model(options, _quiet, Feedback.silent(), None, None)
    charts = tuple(Chart(s.id, s.draw(), s.alt) for s in report_chart_specs(model))
    return preview_html(model, charts, commentary.as_markup())


def _report_files(
    model: ReportModel, commentary: Mapping[str, Markup], workers: Workers
) -> tuple[dict[str, Any], int]:
    """Every output by key (see report/output/outputs.py), and how many charts. The charts
    first, in the order the layout asks for them, and the outputs of the model in the
    workers, while this process lays out the PDF (fetching each chart as it is drawn); the
    outputs that embed the charts while this process writes the PDF."""
    specs = report_chart_specs(model)
    drawn = {spec.id: workers.submit(spec.draw) for spec in specs}
    made = Made(model, commentary)
    pending = {o.key: workers.submit(o.build, made) for o in OUTPUTS if o.stage == "model"}
    require_pdf_engine()  # imported while the workers draw
    main = [o for o in OUTPUTS if o.stage == "main" and o.prepare is not None]
    fetch = {chart_id: future.result for chart_id, future in drawn.items()}
    prepared = {o.key: o.prepare(model, commentary, specs, fetch) for o in main if o.prepare}
    charts = tuple(Chart(s.id, drawn[s.id].result(), s.alt) for s in specs)
    drawn_made = replace(made, charts=charts)
    for o in OUTPUTS:
        if o.stage == "charts":
            pending[o.key] = workers.submit(o.build, drawn_made)
    built = {
        o.key: o.build(replace(drawn_made, earlier=Waited(pending)), prepared[o.key]) for o in main
    }
    return {**built, **{key: future.result() for key, future in pending.items()}}, len(specs)


class Waited(Mapping[str, Any]):
    """Outputs by key, each waited for only when it is asked for."""

    def __init__(self, futures: Mapping[str, Future[Any]]) -> None:
        self._futures = futures

    def __getitem__(self, key: str) -> Any:
        return self._futures[key].result()

    def __iter__(self) -> Iterator[str]:
        return iter(self._futures)

    def __len__(self) -> int:
        return len(self._futures)


def _commentary_problems(folder: Path, promise: Promise) -> list[Problem]:
    """The commentary file's problems, when the exports have problems of their own."""
    try:
        load_commentary(folder, promise)
    except InputError as error:
        return list(error.problems)
    return []


LARGE_INPUT_BYTES = 20_000_000


def _announce_large_files(folder: InputFolder, feedback: Feedback) -> None:
    """Large exports take a while to read: say so, file by file with -v."""
    sizes = [(path, path.stat().st_size) for path in folder.exports]
    total = sum(size for _, size in sizes)
    if total >= LARGE_INPUT_BYTES:
        feedback.info(
            f"  {len(sizes)} exporter, sammanlagt {megabytes(total)} – stora filer tar "
            "en stund att läsa."
        )
    for path, size in sizes:
        feedback.detail(f"{path.name} ({megabytes(size)})")


def input_summary(dataset: Dataset) -> str:
    files = len({s.file for s in dataset.sources})
    rows = sum(s.rows for s in dataset.sources)
    return f"{count(files, 'fil', 'filer')}, {count(rows, 'rad', 'rader')}"
