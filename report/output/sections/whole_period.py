"""Hela löftesperioden: every activity over the whole promise period."""

from __future__ import annotations

from typing import Any

from report.model.report import ReportModel
from report.output.sections.common import Heading
from report.promise.types import Promise


def headings(promise: Promise) -> tuple[Heading, ...]:
    return (Heading("perioden", "Hela löftesperioden"),)


def shown(model: ReportModel) -> bool:
    return model.period_review is not None


def view(model: ReportModel, heading: Heading, standalone: bool) -> Any:
    return None
