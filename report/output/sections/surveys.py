"""Ungas hälsa och drogvanor: the survey indicators with detailed pages."""

from __future__ import annotations

from typing import Any

from report.model.report import ReportModel
from report.output.sections.common import Heading
from report.promise.types import Promise


def headings(promise: Promise) -> tuple[Heading, ...]:
    return (Heading("enkater", "Ungas hälsa och drogvanor"),)


def shown(model: ReportModel) -> bool:
    return bool(model.indicators or model.promise.indicators)


def view(model: ReportModel, heading: Heading) -> Any:
    return None
