"""Bilaga: övriga indikatorer, the other indicators in short."""

from __future__ import annotations

from dataclasses import dataclass

from report.model.report import ReportModel
from report.output.sections.common import Heading
from report.output.sections.surveys import IndicatorView, indicator_view
from report.promise.types import Promise


@dataclass(frozen=True)
class AppendixView:
    indicators: tuple[IndicatorView, ...]  # compact in the PDF, every year in the HTML
    marked: bool  # the promise marks its key indicators (huvudindikator)


def headings(promise: Promise) -> tuple[Heading, ...]:
    return (Heading("bilaga-indikatorer", "Bilaga: övriga indikatorer"),)


def shown(model: ReportModel) -> bool:
    return bool(model.appendix_indicators)


def view(model: ReportModel, heading: Heading, standalone: bool) -> AppendixView:
    return AppendixView(
        tuple(indicator_view(r, compact=not standalone) for r in model.appendix_indicators),
        any(i.key for i in model.promise.indicators),
    )
