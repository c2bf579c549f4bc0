"""Model + charts -> HTML, through Jinja templates in templates/ (see resources.py).

Templates see only the model and formatting helpers, never a DataFrame. Autoescape and
StrictUndefined are on: cell text can never become markup.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import Markup

from . import format as fmt
from . import stat_outcomes, texts
from .chartdata import MAX_LINES, chart_data, compact_table_rows, table_rows
from .charts import area_colour, font_path
from .commentary import ANALYSIS_TITLE
from .model import ReportModel
from .outcomes import TIME_BANDS, WEEKDAYS, band_label, level_text
from .resources import shipped_folder
from .status import STATUSES

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
    env.globals.update(month_name=fmt.month_name, survey_table=table_rows, survey_chart=chart_data)
    env.globals.update(compact_table=compact_table_rows, max_lines=MAX_LINES)
    env.globals.update(texts.TEMPLATE_GLOBALS)
    env.globals.update(
        outcome_level=level_text,
        outcome_bands=[band_label(b) for b in TIME_BANDS],
        outcome_weekdays=[d.capitalize() for d in WEEKDAYS],
        stat_unit=stat_outcomes.unit_label,
        stat_level=stat_outcomes.level_text,
        stat_value=stat_outcomes.value_text,
        stat_comparison=stat_outcomes.comparison_text,
        stat_rows=stat_outcomes.table_rows,
        stat_brief=stat_outcomes.brief,
    )
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
        m=model,
        p=model.promise,
        **texts.template_values(model),
        charts=charts,
        statuses=STATUSES,
        area_colour=lambda area_id: area_colour(model, area_id),
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
