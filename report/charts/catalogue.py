"""Every chart of the report, in the order the report shows them: one entry per group of
charts in CHARTS. A new chart is a module of its own (its spec, drawing and alternative
text) and one line here; the sections ask for the charts by id.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from report.charts.activities import activity_specs, focus_area_specs, fulfilment_specs
from report.charts.outcomes import outcome_specs
from report.charts.surveys import indicator_specs
from report.charts.svg import ChartSpec
from report.model.report import ReportModel

CHARTS: tuple[Callable[[ReportModel], Iterable[ChartSpec]], ...] = (
    fulfilment_specs,  # Sammanfattning: share of the year's target per activity
    focus_area_specs,  # each focus area: per month, and per calendar year
    activity_specs,  # each activity: per month
    indicator_specs,  # each survey indicator: its series per grade
    outcome_specs,  # each outcome: per month or per year, before and during the promise
)


def report_chart_specs(model: ReportModel) -> tuple[ChartSpec, ...]:
    """Every chart of the report, in the order the layout asks for them."""
    return tuple(spec for charts in CHARTS for spec in charts(model))
