"""A promise with sixty activities, derived from the example promise (issue 16, item 3).

The example's focus areas, parties and settings stay; its activities, indicators and
outcomes are replaced by sixty activities spread unevenly over the three focus areas (30, 20
and 10), some of them with names of about 120 characters. The activity log has a row for
every activity in most months of 2022 and 2023, so every activity has counts to show.
"""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from pathlib import Path

from tests.helpers import PROMISE, activity_rows, inputs_folder, write_workbook

ACTIVITY_COUNT = 60
AREA_SHARES = (("trafik", 30), ("droger", 20), ("trygghet", 10))
LOG_YEARS = (2022, 2023)
# Some names are long, as people write them when a promise spells out who does what.
LONG_NAMES = (
    "Samverkan mellan polisen, kommunens fritidsgårdar, skolornas elevhälsa och "
    "föreningslivet om förebyggande insatser på helgerna",
    "Gemensamma trygghetsvandringar med fastighetsägare, bostadsbolag och boende i "
    "centrum och i bostadsområdena runt Älvstranden",
    "Uppföljning av orosanmälningar om unga i riskzon tillsammans med socialtjänsten, "
    "skolan och fritidsverksamheten under skolloven",
    "Riktade nykterhets- och hastighetskontroller vid infarterna till tätorten i "
    "samband med större evenemang och marknadsdagar",
)
TOPICS = (
    "Trafikkontroll",
    "Skolbesök",
    "Föräldramöte",
    "Trygghetsvandring",
    "Samverkansmöte",
    "Fotpatrull",
    "Informationsinsats",
    "Medborgardialog",
)
DROPPED_TABLES = ("[[aktiviteter]]", "[[indikatorer]]", "[[utfall]]")


def activity_name(index: int) -> str:
    """The name of activity `index` (0-based): every eleventh one long, all unique."""
    if index % 11 == 3:
        return f"{LONG_NAMES[(index // 11) % len(LONG_NAMES)]} ({index + 1})"
    return f"{TOPICS[index % len(TOPICS)]} {index + 1}"


def activity_areas() -> list[str]:
    """The focus area id of each activity, in order."""
    return [area for area, count in AREA_SHARES for _ in range(count)]


def yearly_target(index: int) -> int:
    return 4 + (index * 7) % 30


def _without_tables(text: str, tables: tuple[str, ...]) -> str:
    out, skipping = [], False
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped.startswith("["):
            skipping = stripped in tables
        if not skipping:
            out.append(line)
    return "".join(out).rstrip("\n") + "\n"


def sixty_activity_promise() -> str:
    """The example promise with sixty activities and neither indicators nor outcomes."""
    body = _without_tables(PROMISE.read_text(encoding="utf-8"), DROPPED_TABLES)
    for index, area in enumerate(activity_areas()):
        block = {
            "id": f"aktivitet-{index + 1:02d}",
            "fokusomrade": area,
            "namn": activity_name(index),
            "formulering": f"Aktiviteten {activity_name(index)} genomförs enligt löftet.",
            "ansvarig": ("Polisen", "Kommunen", "Kommunen och polisen")[index % 3],
            "mal_per_ar": yearly_target(index),
        }
        body += "\n[[aktiviteter]]\n" + "".join(
            f"{key} = {json.dumps(value, ensure_ascii=False)}\n" for key, value in block.items()
        )
    parsed = tomllib.loads(body)
    assert len(parsed["aktiviteter"]) == ACTIVITY_COUNT
    return body


def sixty_activity_log() -> list[tuple[dt.date, str, int, str]]:
    """(date, activity name, count, party): one row per activity and month, leaving out a
    few months so the counts differ between activities."""
    rows = []
    for index in range(ACTIVITY_COUNT):
        party = ("Polisen", "Kommunen", "Polisen och kommunen")[index % 3]
        for year in LOG_YEARS:
            for month in range(1, 13):
                if (index + month) % (2 + index % 4) == 0:
                    continue
                count = 1 + (index + month + year) % 3
                rows.append(
                    (dt.date(year, month, 1 + index % 27), activity_name(index), count, party)
                )
    return rows


def sixty_activity_inputs(root: Path) -> Path:
    """inputs/ with the sixty-activity promise and its activity log."""
    folder = inputs_folder(root, sixty_activity_promise())
    write_workbook(
        folder / "aktiviteter.xlsx",
        {
            "Aktiviteter": activity_rows(
                *((d, a, n, p, "", "") for d, a, n, p in sixty_activity_log())
            )
        },
    )
    return folder


def all_names() -> list[str]:
    return [activity_name(i) for i in range(ACTIVITY_COUNT)]
