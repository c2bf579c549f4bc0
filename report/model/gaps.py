"""What the report lacks, said in words: a year without activity rows, promised indicators
without survey values. These notes go with the dataset's own notes, so the command line,
`make check` and the report's Om underlaget say the same."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from report.promise.types import Promise
from report.vocabulary import KNOWN_SURVEYS, closest, known_survey


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
            f"({', '.join(dict.fromkeys(i.survey for i in promise.indicators))}) i inputs/."
        )
    elif missing:
        names = ", ".join(f"{i.label} ({i.id})" for i in missing)
        notes.append(
            f"Enkätdata saknas för {len(missing)} av löftets {len(promise.indicators)} "
            f"indikatorer: {names}."
        )
    # A survey the report does not know is fine (Lupp, a region's own); one that looks
    # like a known one is probably a typo, and is said.
    unknown = [i for i in promise.indicators if known_survey(i.survey) is None]
    for survey in dict.fromkeys(i.survey for i in unknown):
        like = closest(survey, KNOWN_SURVEYS)
        if like is None:
            continue
        ids = ", ".join(i.id for i in unknown if i.survey == survey)
        notes.append(
            f"Undersökningen ”{survey}” ({ids}) liknar ”{like}” men är inte stavad som den, "
            "så den visas som en egen undersökning, utan beskrivning av årskurser och "
            f"intervall. Skriv ”{like}” i löftesfilen om det är den som menas."
        )
    return notes
