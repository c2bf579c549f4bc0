"""Bilaga: övriga indikatorer, the other indicators in short."""

from __future__ import annotations

from typing import Any

from report.model.report import ReportModel
from report.output.sections.common import Heading
from report.promise.types import Promise


def headings(promise: Promise) -> tuple[Heading, ...]:
    return (Heading("bilaga-indikatorer", "Bilaga: övriga indikatorer"),)


def shown(model: ReportModel) -> bool:
    return bool(model.appendix_indicators)


def view(model: ReportModel, heading: Heading) -> Any:
    return None
