"""What every section shares: its heading."""

from __future__ import annotations

from dataclasses import dataclass

from report.model.report import ReportModel


@dataclass(frozen=True)
class Heading:
    id: str  # the section's anchor in the report, and in the commentary's
    title: str  # its heading, and the heading to use in the commentary file


def always(model: ReportModel) -> bool:
    return True
