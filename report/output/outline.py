"""The outline of the report: which sections it has, in which order, with their titles,
whether the analyst may comment on them and when they are shown. The contents list, the
bodies (one template each, in templates/sections/), the headings of the commentary file
and the HTML version all follow OUTLINE.

A part of the outline is one section (Sammanfattning) or one per focus area. Its view, the
numbers and sentences its template lays out, is built in Python (report/output/sections/)
before anything is rendered.

Adding a section: a module in report/output/sections/ with its headings and its view, a
template in templates/sections/, and one line in OUTLINE.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from report.model.report import ReportModel
from report.output.sections import (
    appendix,
    focus,
    per_party,
    sources,
    summary,
    surveys,
    whole_period,
)
from report.output.sections.common import Heading, always
from report.promise.types import Promise


@dataclass(frozen=True)
class Part:
    """One part of the outline."""

    template: str  # in templates/sections/
    headings: Callable[[Promise], tuple[Heading, ...]]  # one per section of the part
    # What one section shows (in the PDF, or in the standalone HTML version).
    view: Callable[[ReportModel, Heading, bool], Any]
    shown: Callable[[ReportModel], bool] = always
    commentable: bool = False  # the analyst may write under its heading in kommentarer.md


OUTLINE: tuple[Part, ...] = (
    Part("summary.html.j2", summary.headings, summary.view, commentable=True),
    Part("whole_period.html.j2", whole_period.headings, whole_period.view, whole_period.shown),
    Part("focus.html.j2", focus.headings, focus.view, commentable=True),
    Part("per_party.html.j2", per_party.headings, per_party.view, commentable=True),
    Part("surveys.html.j2", surveys.headings, surveys.view, surveys.shown, commentable=True),
    Part("appendix.html.j2", appendix.headings, appendix.view, appendix.shown),
    Part("sources.html.j2", sources.headings, sources.view, commentable=True),
)


def commentable_headings(promise: Promise) -> tuple[Heading, ...]:
    """The headings the commentary file may use, in the report's order (whether or not the
    section is shown this year)."""
    return tuple(h for part in OUTLINE if part.commentable for h in part.headings(promise))


@dataclass(frozen=True)
class Section:
    """One section as the templates lay it out."""

    template: str  # sections/<name>.html.j2
    heading: Heading
    view: Any


@dataclass(frozen=True)
class Laid:
    """One part as the templates lay it out: its sections (none when it is not shown)."""

    sections: tuple[Section, ...]


def laid_out(model: ReportModel, standalone: bool = False) -> tuple[Laid, ...]:
    """Every part of the outline, with the sections the report shows and their views
    (`standalone`: for the HTML version)."""
    return tuple(
        Laid(
            tuple(
                Section(f"sections/{part.template}", heading, part.view(model, heading, standalone))
                for heading in part.headings(model.promise)
            )
            if part.shown(model)
            else ()
        )
        for part in OUTLINE
    )
