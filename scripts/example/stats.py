"""The example's statistics tables (fictitious, with realistic orders of magnitude):
reported crimes per 1 000 inhabitants for the municipality and the county since 2015, with
the population (long layout, as from Brå), and Polisens trygghetsmätning's total index for
the municipality every other year, without respondents (wide layout, as from Kolada).

Vandalism falls after the promise is signed; outdoor assault stays where it was; the safety
index drifts a little. The municipality's name comes from the example's promise file. Drawn
with the example's seeded random numbers, so the files are the same on every run."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Final

from openpyxl import Workbook

from report.resources import shipped_folder
from scripts.example.rng import Rng

CRIMES_FILE: Final = "anmalda-brott.xlsx"
SAFETY_FILE: Final = "trygghetsmatning.xlsx"
CRIMES_HEADER: Final = ("År", "Område", "Brottstyp", "Enhet", "Värde", "Befolkning")
COUNTY: Final = "Värmlands län"
YEARS: Final = tuple(range(2015, 2025))
SIGNED_YEAR: Final = 2022

# Inhabitants: the municipality shrinks slowly, the county grows a little.
POPULATION: Final = (11_940, -45)  # 2015, change per year
COUNTY_POPULATION: Final = (277_000, 650)
# Reported crimes per 1 000 inhabitants and year, before the promise and after it: the
# municipality's, then the county's.
RATES: Final = {
    "Skadegörelse": ((9.6, 7.2), (10.3, 9.6)),
    "Misshandel utomhus": ((1.7, 1.6), (1.8, 1.7)),
}
SAFETY_YEARS: Final = (2017, 2019, 2021, 2023)
SAFETY_INDEX: Final = (1.74, 1.86, 1.81, 1.69)


def municipality_name(promise_file: Path | None = None) -> str:
    """The example's municipality, as its promise file names it."""
    path = promise_file or shipped_folder("example") / "medborgarlofte.toml"
    with path.open("rb") as f:
        return str(tomllib.load(f)["lofte"]["kommun"])


def population(base: tuple[int, int], year: int) -> int:
    return base[0] + base[1] * (year - YEARS[0])


def poisson(rng: Rng, mean: float) -> int:
    """A Poisson draw, approximated by a binomial with many trials."""
    trials = max(200, int(mean * 20))
    return rng.binomial(trials, mean / trials)


def crime_rows(rng: Rng, municipality: str) -> list[tuple[int, str, str, str, float, int]]:
    rows = []
    for crime, ((own_before, own_after), (county_before, county_after)) in RATES.items():
        for year in YEARS:
            after = year > SIGNED_YEAR
            for area, rate, base in (
                (municipality, own_after if after else own_before, POPULATION),
                (COUNTY, county_after if after else county_before, COUNTY_POPULATION),
            ):
                people = population(base, year)
                count = poisson(rng, rate * people / 1000)
                value = round(count / people * 1000, 1)
                rows.append((year, area, crime, "per 1 000 invånare", value, people))
    return rows


def crimes_workbook(rng: Rng, municipality: str) -> Workbook:
    wb = Workbook()
    ws = wb.active
    ws.title = "Anmälda brott"
    ws.append(("Anmälda brott per 1 000 invånare (fiktiva uppgifter)",))
    ws.append(CRIMES_HEADER)
    for row in crime_rows(rng, municipality):
        ws.append(row)
    for column, width in zip("ABCDEF", (8, 18, 22, 20, 10, 12), strict=True):
        ws.column_dimensions[column].width = width
    return wb


def safety_workbook(municipality: str) -> Workbook:
    wb = Workbook()
    ws = wb.active
    ws.title = "Trygghetsmätning"
    ws.append(("Område", "Indikator", "Enhet", *SAFETY_YEARS))
    ws.append((municipality, "Trygghetsindex", "index", *SAFETY_INDEX))
    for column, width in zip("ABCDEFG", (18, 20, 10, 8, 8, 8, 8), strict=True):
        ws.column_dimensions[column].width = width
    return wb
