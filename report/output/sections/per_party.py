"""What each party did, for the plan where the counts are reported."""

from __future__ import annotations

from dataclasses import dataclass

from report.model.report import ReportModel
from report.output.sections.common import Heading
from report.output.texts import per_party_heading, per_party_target
from report.promise.types import Promise


@dataclass(frozen=True)
class PerPartyView:
    target: str  # where the counts are reported: 'genomförandeplanen för …'


def headings(promise: Promise) -> tuple[Heading, ...]:
    return (Heading("per-part", per_party_heading(promise)),)


def view(model: ReportModel, heading: Heading, standalone: bool) -> PerPartyView:
    return PerPartyView(per_party_target(model.promise))
