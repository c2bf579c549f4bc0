"""The whole path, stage by stage: load -> validate -> model -> charts -> HTML -> PDF."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from .attachments import report_attachments
from .charts import Chart, chart_specs, font_path
from .commentary import Commentary, load_commentary
from .errors import InputError, Problem
from .feedback import Feedback, megabytes
from .format import count
from .input_checks import drop_implausible
from .load import (
    DEFAULT_MAX_UNPACKED_MB,
    PROMISE_FILE,
    RawWorkbook,
    discover,
    not_a_workbook_problem,
    read_workbook,
)
from .model import ReportModel, build_model, default_year
from .pdf import layout_pdf, write_atomically, write_pdf
from .preview import preview_html
from .promise import Promise, load_promise
from .render import TEMPLATES, ChartRef, chart_url, document_title, render_html
from .underlag import workbook_bytes
from .validate import Dataset, validate_workbooks
from .workers import Workers

PROJECT = Path(__file__).resolve().parent.parent
EXAMPLE_DIR = PROJECT / "example"


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
    period: bool = False  # add the whole promise period's section to any year's report


@dataclass(frozen=True)
class Result:
    pdf: Path
    underlag: Path
    model: ReportModel
    html: Path | None = None
    warnings: tuple[str, ...] = ()


Log = Callable[[str], None]


def _quiet(_: str) -> None:
    return None


def read_inputs(options: Options, log: Log = _quiet) -> tuple[Promise, Dataset, bool]:
    """Promise and validated data; the bundled example when inputs/ holds no exports."""
    folder = discover(options.inputs)
    promise = load_promise(folder.promise)
    exports = folder.exports
    # A CSV or HTML export alone in inputs/ must not quietly build the example instead.
    problems: list[Problem] = [not_a_workbook_problem(p) for p in folder.not_workbooks]
    is_example = not exports and not problems
    if is_example:
        exports = discover(options.example_dir).exports
        log(example_banner(options.inputs))
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
            for i, path in enumerate(
                sorted((*exports, *folder.not_workbooks), key=lambda p: p.name)
            )
        }
        raise InputError(sorted(problems, key=lambda p: order.get(p.file, -1)))
    return promise, dataset, is_example


def example_banner(inputs: Path) -> str:
    line = "=" * 72
    return (
        f"{line}\n  OBS! {inputs}/ innehåller inga exporter (.xlsx, .xls, .ods, .csv).\n"
        "  Rapporten byggs på det medföljande EXEMPLET med FIKTIVA uppgifter.\n"
        f"  Lägg era exporter i {inputs}/ för att bygga den riktiga rapporten.\n{line}"
    )


def build_report(options: Options, log: Log = _quiet, feedback: Feedback | None = None) -> Result:
    fb = feedback or Feedback.silent()
    # The worker processes start first, and load the charting library while this process
    # reads the exports.
    with Workers(options.workers, prepare=prepare_worker) as workers:
        model, commentary = _model(options, log, fb)
        fb.start("Ritar diagram och bygger PDF")
        files = _report_files(model, commentary.as_markup(), workers)
    fb.done(f"{files.charts} diagram, {megabytes(len(files.pdf))}")
    stem = f"{model.promise.slug}-{model.year}"
    target, underlag, preview = (
        options.outputs / f"{stem}{suffix}" for suffix in (".pdf", "-underlag.xlsx", ".html")
    )
    for path, data in ((target, files.pdf), (underlag, files.workbook), (preview, files.preview)):
        write_atomically(path, data)
    warnings = commentary.warnings(model.promise, bool(model.indicators))
    return Result(target, underlag, model, preview, tuple(warnings))


def prepare_worker() -> None:
    """What the first jobs of a worker process (the charts) need, imported as it starts."""
    import matplotlib.figure  # noqa: F401


def _model(options: Options, log: Log, fb: Feedback) -> tuple[ReportModel, Commentary]:
    fb.start("Läser och kontrollerar indata")
    promise, dataset, is_example, commentary = read_all(options, log, fb)
    fb.done(input_summary(dataset))
    year = options.year or default_year(dataset) or options.report_date.year
    fb.start(f"Beräknar resultaten för {year}")
    model = build_model(
        promise,
        dataset,
        year,
        options.report_date,
        is_example,
        drop_duplicate_rows=options.drop_duplicates,
        whole_period=options.period,
    )
    fb.done()
    return model, commentary


@dataclass(frozen=True)
class ReportFiles:
    pdf: bytes
    workbook: bytes  # the underlag workbook
    preview: bytes  # the HTML preview
    charts: int


def _report_files(
    model: ReportModel, commentary: Mapping[str, Markup], workers: Workers
) -> ReportFiles:
    """The PDF, the underlag workbook and the HTML preview. Charts first, in the order the
    layout asks for them, then the workbook and the attachments, all in the workers while
    this process renders and lays out the HTML (fetching each chart as it is drawn); the
    preview, which embeds the charts, while this process writes the PDF."""
    specs = chart_specs(model)
    drawn = {spec.id: workers.submit(spec.draw) for spec in specs}
    workbook = workers.submit(workbook_bytes, model)
    attachments = workers.submit(report_attachments, model)
    html = render_html(
        model, {s.id: ChartRef(chart_url(s.id), s.alt) for s in specs}, commentary=commentary
    )
    laid_out = layout_pdf(
        html,
        base_url=TEMPLATES,
        allowed_dirs=(TEMPLATES, font_path().parent),
        generated={chart_url(i): f.result for i, f in drawn.items()},
    )
    charts = tuple(Chart(s.id, drawn[s.id].result(), s.alt) for s in specs)
    preview = workers.submit(preview_html, model, charts, commentary)
    pdf = write_pdf(laid_out, document_title(model), attachments.result())
    return ReportFiles(pdf, workbook.result(), preview.result().encode("utf-8"), len(specs))


def read_all(
    options: Options, log: Log = _quiet, feedback: Feedback | None = None
) -> tuple[Promise, Dataset, bool, Commentary]:
    """read_inputs plus the commentary file, every problem of both reported together."""
    if feedback is not None:
        _announce_large_files(options, feedback)
    try:
        promise, dataset, is_example = read_inputs(options, log)
    except InputError as error:
        more = _commentary_problems(options.inputs)
        if more:
            raise InputError([*error.problems, *more]) from None
        raise
    return promise, dataset, is_example, load_commentary(options.inputs, promise)


def _commentary_problems(folder: Path) -> list[Problem]:
    """The commentary file's problems, when the exports have problems of their own."""
    try:
        promise = load_promise(folder / PROMISE_FILE)
    except InputError:
        return []  # the promise file's own problems are reported already
    try:
        load_commentary(folder, promise)
    except InputError as error:
        return list(error.problems)
    return []


LARGE_INPUT_BYTES = 20_000_000


def _announce_large_files(options: Options, feedback: Feedback) -> None:
    """Large exports take a while to read: say so, file by file with -v."""
    try:
        exports = discover(options.inputs).exports
    except InputError:
        return
    sizes = [(path, path.stat().st_size) for path in exports]
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
