"""Model + charts -> HTML, through Jinja templates in templates/.

Templates see only the model and formatting helpers, never a DataFrame. Autoescape and
StrictUndefined are on: cell text can never become markup.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import jinja2

from . import format as fmt
from .chartdata import chart_data, table_rows
from .charts import Chart, area_colour, font_path
from .model import STATUSES, ReportModel

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
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
        whole=fmt.whole, percent=fmt.percent, signed=fmt.signed, long_date=fmt.long_date,
        decimal=fmt.decimal,
    )
    env.globals.update(month_name=fmt.month_name, survey_table=table_rows,
                       survey_chart=chart_data)
    return env


def chart_refs(charts: tuple[Chart, ...], chart_dir: Path) -> dict[str, ChartRef]:
    return {c.id: ChartRef((chart_dir / c.filename).resolve().as_uri(), c.alt) for c in charts}


def render_html(model: ReportModel, charts: Mapping[str, ChartRef],
                templates: Path = TEMPLATES) -> str:
    env = environment(templates)
    template = env.get_template("report.html.j2")
    font_dir = font_path().parent
    return template.render(
        m=model,
        p=model.promise,
        charts=charts,
        statuses=STATUSES,
        area_colour=lambda area_id: area_colour(model, area_id),
        example_mark=EXAMPLE_MARK,
        css_url=(templates / "report.css").resolve().as_uri(),
        font_urls={style: (font_dir / f"DejaVuSans{suffix}.ttf").resolve().as_uri()
                   for style, suffix in (("regular", ""), ("bold", "-Bold"),
                                         ("italic", "-Oblique"),
                                         ("bolditalic", "-BoldOblique"))},
        document_title=document_title(model),
    )


def document_title(model: ReportModel) -> str:
    return f"Uppföljning av medborgarlöftet {model.year} – {model.promise.municipality}"
