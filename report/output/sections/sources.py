"""Om underlaget: the files read, suspected duplicates, notes and how things are judged."""

from __future__ import annotations

from typing import Any

from report.model.report import ReportModel
from report.output.sections.common import Heading
from report.promise.types import Promise


def headings(promise: Promise) -> tuple[Heading, ...]:
    return (Heading("underlag", "Om underlaget"),)


def view(model: ReportModel, heading: Heading) -> Any:
    return None
