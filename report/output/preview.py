"""The report as one standalone HTML file, next to the PDF: for the website's summary page
(Swedish guidance recommends publishing an accessible HTML version beside any PDF).

The same template, model and commentary as the PDF, so the text is the same; charts are
embedded as data URIs and the style sheet inline, so the file refers to nothing outside
itself and can be mailed or uploaded on its own.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping

from markupsafe import Markup

from report.charts.svg import Chart
from report.model.report import ReportModel
from report.output.render import ChartRef, render_html


def data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def preview_html(
    model: ReportModel, charts: tuple[Chart, ...], commentary: Mapping[str, Markup] | None = None
) -> str:
    refs = {chart.id: ChartRef(data_uri(chart.svg), chart.alt) for chart in charts}
    return render_html(model, refs, commentary=commentary, standalone=True)
