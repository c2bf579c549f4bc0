"""The places where the report grows, used the way docs/architecture.md says: a new section
is a module (here: functions in this file), a template and one line in the outline; a new
output is a build function and one line in the outputs list. Nothing else is edited, and
the contents list, the commentary headings, the files written and the command's summary
all follow."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from report.app.pipeline import Options, build_report
from report.charts.catalogue import report_chart_specs
from report.model.report import ReportModel
from report.output import outline, outputs
from report.output.commentary import parse_commentary
from report.output.outline import OUTLINE, Part, commentable_headings
from report.output.outputs import OUTPUTS, Made, Output
from report.output.render import TEMPLATES, ChartRef, chart_url, render_html
from report.output.sections.common import Heading
from report.promise.types import Promise
from tests.helpers import REPORT_DATE, inputs_folder, model_of, second_promise_inputs

# --- a made-up section: "Trygghetsvandringar", after the summary ---------------------------


@dataclass(frozen=True)
class WalksView:
    sentence: str


def walks_headings(promise: Promise) -> tuple[Heading, ...]:
    return (Heading("vandringar", f"Trygghetsvandringar i {promise.municipality}"),)


def walks_view(model: ReportModel, heading: Heading, standalone: bool) -> WalksView:
    return WalksView(f"{len(model.activities)} aktiviteter följdes upp {model.year_label}.")


WALKS_TEMPLATE = """{% from "sections/analysis.html.j2" import analysis with context %}
<section id="{{ s.heading.id }}" class="chapter">
  <h1>{{ s.heading.title }}</h1>
  <p class="lead">{{ s.view.sentence }}</p>
  {{ analysis(s.heading.id) }}
</section>
"""


@pytest.mark.parametrize("promise", ["example", "second"])
def test_a_section_is_a_module_a_template_and_one_line_in_the_outline(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, promise: str
) -> None:
    if promise == "example":
        inputs = inputs_folder(tmp_path)
        model = model_of(inputs, 2023, REPORT_DATE)
    else:
        inputs = second_promise_inputs(tmp_path)
        model = model_of(inputs, 2024, REPORT_DATE)
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    (templates / "sections" / "walks.html.j2").write_text(WALKS_TEMPLATE, encoding="utf-8")
    part = Part("walks.html.j2", walks_headings, walks_view, commentable=True)
    monkeypatch.setattr(outline, "OUTLINE", (OUTLINE[0], part, *OUTLINE[1:]))

    title = f"Trygghetsvandringar i {model.promise.municipality}"
    headings = commentable_headings(model.promise)
    assert [h.title for h in headings].index(title) == 1  # right after Sammanfattning
    commentary = parse_commentary(f"# {title}\n\nVandringarna gick bra.\n", model.promise)
    charts = {s.id: ChartRef(chart_url(s.id), s.alt) for s in report_chart_specs(model)}
    html = render_html(model, charts, templates, commentary.as_markup())

    toc = html[html.index('<nav class="toc"') : html.index("</nav>")]
    links = [line.strip() for line in toc.splitlines() if "<li>" in line]
    assert links[1] == f'<li><a href="#vandringar">{title}</a></li>'
    body = html[html.index('<section id="vandringar"') :]
    assert body.index(f"<h1>{title}</h1>") < body.index("Vandringarna gick bra.")
    assert f"{len(model.activities)} aktiviteter följdes upp {model.year_label}." in body
    # In the body too it stands right after the summary, before the next part's section.
    assert html.index('id="sammanfattning"') < html.index('id="vandringar"')
    assert html.index('id="vandringar"') < html.index(f'id="{headings[2].id}"')


# --- a made-up output: a one-line text summary beside the PDF -------------------------------


def summary_text(made: Made) -> bytes:
    """Built in a worker process from the model alone, like the workbook."""
    model = made.model
    return f"{model.promise.title}: {len(model.activities)} aktiviteter, {model.year}\n".encode()


def test_an_output_is_a_build_function_and_one_line_in_the_list(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    extra = Output("summary", "Sammandrag (text)", "-sammandrag.txt", "model", summary_text)
    monkeypatch.setattr(outputs, "OUTPUTS", (*OUTPUTS, extra))
    monkeypatch.setattr("report.app.pipeline.OUTPUTS", (*OUTPUTS, extra))
    inputs = second_promise_inputs(tmp_path)
    result = build_report(
        Options(inputs=inputs, outputs=tmp_path / "ut", report_date=REPORT_DATE, workers=1)
    )
    written = {w.key: w for w in result.files}
    assert list(written) == ["pdf", "preview", "workbook", "summary"]
    path = written["summary"].path
    assert path.name == f"{result.model.promise.slug}-{result.model.year}-sammandrag.txt"
    assert path.read_text(encoding="utf-8") == (
        f"{result.model.promise.title}: {len(result.model.activities)} aktiviteter, "
        f"{result.model.year}\n"
    )
    assert written["summary"].label == "Sammandrag (text)"
