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

from report import format as fmt
from report.charts.layout import fulfilment_parts, years_parts
from report.charts.survey_data import MAX_LINES, chart_data, compact_table_rows, table_rows
from report.charts.svg import area_colour, font_path
from report.model import statistics_outcomes as stat_outcomes
from report.model.event_outcomes import TIME_BANDS, WEEKDAYS, band_label, level_text
from report.model.report import ReportModel
from report.model.status import STATUSES
from report.output import texts
from report.output.commentary import ANALYSIS_TITLE
from report.output.outline import laid_out
from report.output.table_widths import APPENDIX_CH, PAGE_CH, table_columns
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
    env.globals.update(month_name=fmt.month_name, survey_table=table_rows, survey_chart=chart_data)
    env.globals.update(compact_table=compact_table_rows, max_lines=MAX_LINES)
    env.globals.update(table_columns=table_columns, page_ch=PAGE_CH, appendix_ch=APPENDIX_CH)
    env.globals.update(fulfilment_parts=fulfilment_parts, years_parts=years_parts)
    env.globals.update(texts.TEMPLATE_GLOBALS)
    env.globals.update(
        outcome_level=level_text,
        outcome_bands=[band_label(b) for b in TIME_BANDS],
        outcome_weekdays=[d.capitalize() for d in WEEKDAYS],
        heat_style=heat_style,
        stat_unit=stat_outcomes.unit_label,
        stat_level=stat_outcomes.level_text,
        stat_value=stat_outcomes.value_text,
        stat_comparison=stat_outcomes.comparison_text,
        stat_rows=stat_outcomes.table_rows,
        stat_brief=stat_outcomes.brief,
    )
    return env


# The weekday-by-time table: a cell's blue deepens with its count, from a tint to the full
# colour; its number is black or white, whichever contrasts more. With black and white text
# every background keeps at least 4.58:1, above WCAG's 4.5:1 for normal text.
HEAT_COLOUR = (31, 78, 121)
HEAT_LIGHTEST = 0.08


def _luminance(rgb: tuple[int, ...]) -> float:
    """WCAG 2.1 relative luminance of an sRGB colour."""

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first: tuple[int, ...], second: tuple[int, ...]) -> float:
    """WCAG 2.1 contrast ratio of two sRGB colours (1 to 21)."""
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def heat_colours(count: int, top: int) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    """Background and text colour of a cell holding `count` when the largest is `top`."""
    share = count / top if top else 0.0
    weight = HEAT_LIGHTEST + (1 - HEAT_LIGHTEST) * share
    r, g, b = (round(255 + (c - 255) * weight) for c in HEAT_COLOUR)
    background = (r, g, b)
    text = max(((0, 0, 0), (255, 255, 255)), key=lambda colour: contrast(colour, background))
    return background, text


def heat_style(count: int, top: int) -> str:
    background, text = heat_colours(count, top)
    return "background: #{:02x}{:02x}{:02x}; color: #{:02x}{:02x}{:02x}".format(*background, *text)


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
        parts=laid_out(model),
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
