"""What the report lacks, said in words: a year without activity rows, promised indicators
without survey values. These notes go with the dataset's own notes, so the command line,
`make check` and the report's Om underlaget say the same."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from .promise import Promise


def gap_notes(
    promise: Promise,
    rows: pd.DataFrame,
    year: int,
    activities: Sequence[Any],
    indicators: Sequence[Any],
) -> list[str]:
    notes = []
    if activities and all(a.count is None for a in activities):
        if not len(rows):
            notes.append(
                "Underlaget har inga rader ur aktivitetsloggar, så varje aktivitet har "
                f"”ingen uppgift” för {year}. Lägg aktivitetsloggarna i inputs/."
            )
        else:
            years = pd.to_datetime(rows["date"]).dt.year
            first, last = int(years.min()), int(years.max())
            span = str(first) if first == last else f"{first}–{last}"
            notes.append(
                f"Aktivitetsloggarna har inga rader för {year} (de täcker {span}), så varje "
                f"aktivitet har ”ingen uppgift” för {year}. Välj ett annat år med YEAR= eller "
                f"lägg till loggarna för {year}."
            )
    with_data = {i.indicator.id for i in indicators}
    missing = [i for i in promise.indicators if i.id not in with_data]
    if missing and not with_data:
        notes.append(
            f"Enkätdata saknas för alla {len(missing)} indikatorer som löftet följer upp, så "
            "avsnittet Ungas hälsa och drogvanor har inga diagram. Lägg enkätexporterna "
            "(ELSA, Elevers drogvanor) i inputs/."
        )
    elif missing:
        names = ", ".join(f"{i.label} ({i.id})" for i in missing)
        notes.append(
            f"Enkätdata saknas för {len(missing)} av löftets {len(promise.indicators)} "
            f"indikatorer: {names}."
        )
    return notes
