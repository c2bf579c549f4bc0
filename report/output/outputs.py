"""The report's outputs, in one list: each with its name, its file and how it is built.

An output is built at one of three moments (its `stage`):

- "model": by a worker process from the model alone, as soon as the model is built (the
  underlag workbook, the CSV attachments);
- "charts": by a worker once every chart is drawn (the HTML version, which embeds them);
- "main": laid out in this process while the workers draw (`prepare`: the PDF's pages, which
  fetch each chart as it is drawn) and finished last, with the "model" outputs at hand (the
  PDF, which carries the attachments).

A new output is a module with its build function and one line in OUTPUTS. Its file is named
`<promise id>-<year><suffix>` in the outputs folder; an output without a suffix lives inside
another (the attachments inside the PDF).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from markupsafe import Markup

from report.charts.svg import Chart, ChartSpec, font_path
from report.model.report import ReportModel
from report.output.attachments import report_attachments
from report.output.pdf import LaidOut, layout_pdf, write_pdf
from report.output.preview import preview_html
from report.output.render import TEMPLATES, ChartRef, chart_url, document_title, render_html
from report.output.workbook import workbook_bytes


@dataclass(frozen=True)
class Made:
    """What an output is built from: the model, the analyst's commentary per section, the
    drawn charts (for "charts" and "main" outputs) and the "model" outputs already built (for
    "main" outputs), by key."""

    model: ReportModel
    commentary: Mapping[str, Markup]
    charts: tuple[Chart, ...] = ()
    earlier: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Output:
    key: str
    label: str  # how the command names the file
    suffix: str | None  # its file: <promise id>-<year><suffix>; None: inside another output
    stage: Literal["model", "charts", "main"]
    build: Callable[..., Any]  # (Made) -> bytes, or for "main" (Made, prepared) -> bytes
    # "main": (model, commentary, chart specs, drawn charts by id) -> what `build` finishes.
    prepare: Callable[..., Any] | None = None


def workbook(made: Made) -> bytes:
    return workbook_bytes(made.model)


def attachments(made: Made) -> Any:
    return report_attachments(made.model)


def preview(made: Made) -> bytes:
    return preview_html(made.model, made.charts, made.commentary).encode("utf-8")


def pdf_pages(
    model: ReportModel,
    commentary: Mapping[str, Markup],
    specs: tuple[ChartSpec, ...],
    drawn: Mapping[str, Callable[[], str]],
) -> LaidOut:
    """The report's HTML laid out in pages, each chart fetched as the workers draw it."""
    html = render_html(
        model, {s.id: ChartRef(chart_url(s.id), s.alt) for s in specs}, commentary=commentary
    )
    return layout_pdf(
        html,
        base_url=TEMPLATES,
        allowed_dirs=(TEMPLATES, font_path().parent),
        generated={chart_url(chart_id): fetch for chart_id, fetch in drawn.items()},
    )


def pdf(made: Made, pages: LaidOut) -> bytes:
    return write_pdf(pages, document_title(made.model), made.earlier["attachments"])


OUTPUTS: tuple[Output, ...] = (
    Output("pdf", "PDF", ".pdf", "main", pdf, prepare=pdf_pages),
    Output("preview", "Förhandsvisning (HTML)", ".html", "charts", preview),
    Output("workbook", "Underlag (Excel)", "-underlag.xlsx", "model", workbook),
    Output("attachments", "Bilagor (CSV i PDF:en)", None, "model", attachments),
)
