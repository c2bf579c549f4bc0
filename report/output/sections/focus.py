"""One section per focus area: its activities and its outcomes."""

from __future__ import annotations

from typing import Any

from report.model.report import ReportModel
from report.output.sections.common import Heading
from report.promise.types import Promise

PREFIX = "fokus-"


def headings(promise: Promise) -> tuple[Heading, ...]:
    return tuple(Heading(f"{PREFIX}{area.id}", area.name) for area in promise.focus_areas)


def view(model: ReportModel, heading: Heading) -> Any:
    return next(s for s in model.sections if f"{PREFIX}{s.area.id}" == heading.id)
