"""What each party did, for the plan where the counts are reported."""

from __future__ import annotations

from typing import Any

from report.model.report import ReportModel
from report.output.sections.common import Heading
from report.output.texts import per_party_heading
from report.promise.types import Promise


def headings(promise: Promise) -> tuple[Heading, ...]:
    return (Heading("per-part", per_party_heading(promise)),)


def view(model: ReportModel, heading: Heading) -> Any:
    return None
