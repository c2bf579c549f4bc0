"""The whole path, stage by stage: load -> validate -> model -> charts -> HTML -> PDF."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .attachments import report_attachments
from .charts import build_charts, font_path
from .errors import InputError, Problem
from .load import (
    DEFAULT_MAX_UNPACKED_MB,
    RawWorkbook,
    discover,
    not_a_workbook_problem,
    read_workbook,
)
from .model import ReportModel, build_model, default_year
from .pdf import render_pdf, write_atomically
from .promise import Promise, load_promise
from .render import TEMPLATES, chart_refs, document_title, render_html
from .underlag import workbook_bytes
from .validate import Dataset, validate_workbooks

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


@dataclass(frozen=True)
class Result:
    pdf: Path
    underlag: Path
    model: ReportModel


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
    except InputError as error:
        problems.extend(error.problems)
    if problems:
        order = {path.name: i for i, path in enumerate(sorted(
            (*exports, *folder.not_workbooks), key=lambda p: p.name))}
        raise InputError(sorted(problems, key=lambda p: order.get(p.file, -1)))
    return promise, dataset, is_example


def example_banner(inputs: Path) -> str:
    line = "=" * 72
    return (f"{line}\n  OBS! {inputs}/ innehåller inga exporter (.xlsx, .xls).\n"
            "  Rapporten byggs på det medföljande EXEMPLET med FIKTIVA uppgifter.\n"
            f"  Lägg era exporter i {inputs}/ för att bygga den riktiga rapporten.\n{line}")


def build_report(options: Options, log: Log = _quiet) -> Result:
    promise, dataset, is_example = read_inputs(options, log)
    year = options.year or default_year(dataset) or options.report_date.year
    model = build_model(promise, dataset, year, options.report_date, is_example,
                        drop_duplicate_rows=options.drop_duplicates)
    charts = build_charts(model)
    target = options.outputs / f"{promise.slug}-{year}.pdf"
    underlag = options.outputs / f"{promise.slug}-{year}-underlag.xlsx"
    with tempfile.TemporaryDirectory(prefix="medborgarlofte-") as tmp:
        chart_dir = Path(tmp)
        for chart in charts:
            (chart_dir / chart.filename).write_text(chart.svg, encoding="utf-8")
        html = render_html(model, chart_refs(charts, chart_dir))
        pdf = render_pdf(html, base_url=TEMPLATES,
                         allowed_dirs=(TEMPLATES, font_path().parent, chart_dir),
                         title=document_title(model), attachments=report_attachments(model))
    workbook = workbook_bytes(model)
    write_atomically(target, pdf)
    write_atomically(underlag, workbook)
    return Result(target, underlag, model)
