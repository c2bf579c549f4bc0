"""What a count means against its target: the statuses, the one pro-rating rule for targets
and the sums the counts are taken from. Shared by the year's model and the whole period."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from report.model.period import ReportPeriod, calendar_year


@dataclass(frozen=True)
class Status:
    key: str  # done | partly | not | none – stable, used for CSS classes
    label: str
    symbol: str


DONE = Status("done", "Genomförd", "✓")
PARTLY = Status("partly", "Delvis genomförd", "◐")
NOT_DONE = Status("not", "Ej genomförd", "✗")
NO_DATA = Status("none", "Ingen uppgift", "?")
STATUSES = (DONE, PARTLY, NOT_DONE, NO_DATA)


def assess(
    count: int | None, target: float, done_from: float, partly_from: float
) -> tuple[float | None, Status]:
    """Fulfilment in percent and status. No rows at all is 'ingen uppgift', never zero."""
    if count is None:
        return None, NO_DATA
    if target <= 0:
        return None, DONE
    fulfilment = round(count / target * 100, 9)
    if fulfilment >= done_from:
        return fulfilment, DONE
    if fulfilment >= partly_from:
        return fulfilment, PARTLY
    return fulfilment, NOT_DONE


def target_for(yearly_target: float, period: ReportPeriod) -> float:
    """The target for any span of days: per calendar year it touches, the yearly target
    times its days in that year over the year's days (the one pro-rating rule)."""
    total = 0.0
    for year in range(period.start.year, period.end.year + 1):
        part = calendar_year(year).clip(period)
        if part is not None:
            total += yearly_target * part.fraction_of_year()
    return total


def summed_counts(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per date, activity and stated party, with the rows' counts summed.
    build_activities only ever sums counts over such rows, so it finds the same from far
    fewer rows: a million-row log holds some fifty thousand of them."""
    if frame.empty:
        return frame
    keys = [key for key in ("date", "activity", "responsible") if key in frame]
    return frame.groupby(keys, dropna=False, sort=False)["count"].sum().reset_index()
