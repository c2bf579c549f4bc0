"""Model + charts -> HTML, through Jinja templates in templates/ (see resources.py).

report.html.j2 lays out the cover and the contents list, then every section of the outline
(report/output/outline.py) with its own template in templates/sections/ and its view, built
in Python before rendering. Templates see the views, the model's plain data and the Swedish
number and date filters, never a DataFrame and no other Python helper. Autoescape and
StrictUndefined are on: cell text can never become markup.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import Markup

from report import format as fmt
from report.charts.svg import font_path
from report.model.report import ReportModel
from report.output.commentary import ANALYSIS_TITLE
from report.output.outline import laid_out
from report.resources import shipped_folder

TEMPLATES = shipped_folder("templates")
EXAMPLE_MARK = "Exempel – fiktiva uppgifter"


@dataclass(frozen=True)
class ChartRef:
    url: str
    alt: str


def environment(templates: Path = TEMPLATES) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        whole=fmt.whole,
        percent=fmt.percent,
        signed=fmt.signed,
        long_date=fmt.long_date,
        decimal=fmt.decimal,
    )
    env.filters.update(date_text=fmt.date_text)
    return env


CHART_SCHEME = "chart"


def chart_url(chart_id: str) -> str:
    """Where the PDF's HTML refers to a chart: a name only the report's URL fetcher serves
    (the charts are handed to it in memory, never written to disk)."""
    return f"{CHART_SCHEME}:{chart_id}.svg"


def render_html(
    model: ReportModel,
    charts: Mapping[str, ChartRef],
    templates: Path = TEMPLATES,
    commentary: Mapping[str, Markup] | None = None,
    standalone: bool = False,
) -> str:
    """The report's HTML. `standalone`: style sheets inline and no font files, for the HTML
    preview (chart URLs are then data URIs)."""
    env = environment(templates)
    template = env.get_template("report.html.j2")
    font_dir = font_path().parent
    return template.render(
        parts=laid_out(model, standalone),
        m=model,
        p=model.promise,
        charts=charts,
        example_mark=EXAMPLE_MARK,
        css_url=(templates / "report.css").resolve().as_uri(),
        font_urls={
            style: (font_dir / f"DejaVuSans{suffix}.ttf").resolve().as_uri()
            for style, suffix in (
                ("regular", ""),
                ("bold", "-Bold"),
                ("italic", "-Oblique"),
                ("bolditalic", "-BoldOblique"),
            )
        },
        document_title=document_title(model),
        commentary=commentary or {},
        analysis_title=ANALYSIS_TITLE,
        standalone=standalone,
        inline_css=Markup(
            "\n".join(
                (templates / name).read_text(encoding="utf-8")
                for name in ("report.css", "preview.css")
            )
        )
        if standalone
        else "",
    )


def document_title(model: ReportModel) -> str:
    return f"Uppföljning av medborgarlöftet {model.year} – {model.promise.municipality}"
