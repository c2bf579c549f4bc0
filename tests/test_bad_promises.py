"""The catalogue of bad promise files and command lines, end to end through the command line.

Every mistake in the promise file is run through `make check`, `make report` and `make
templates` (in-process, `report.app.cli.main`): each gives exit code 1 and the same exact Swedish
message, at the line where the mistake is (found in the broken text, not hard-coded), and no
report is written. Every mistake in the command gives exit code 2 and its exact message.
Hypothesis then checks that no promise file text and no argument list ends in exit code 3
or a traceback.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from report.app.cli import main
from report.errors import EXIT_INPUT, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE
from tests.helpers import PROMISE, CommandLine, Run, run_command

SHIPPED = PROMISE.read_text(encoding="utf-8")
TAIL = (
    "Rätta filerna ovan och kör `make report` igen. Ingen ny PDF skrevs; en tidigare "
    "rapport ligger kvar orörd.\n"
)
LOG = "Datum;Aktivitet;Antal\n2023-01-02;SSP-möte;2\n"  # one small activity export
DATE = "2025-02-01"


def folder(tmp_path: Path, promise: str = SHIPPED, log: str | None = LOG) -> Path:
    inputs = tmp_path / "inputs"
    inputs.mkdir(parents=True, exist_ok=True)
    (inputs / "medborgarlofte.toml").write_text(promise, encoding="utf-8")
    if log is not None:
        (inputs / "logg.csv").write_text(log, encoding="utf-8")
    return inputs


ENGLISH = re.compile(
    r"Traceback|Error\b|\b(the|of|is|and|not|expected|invalid|unrecognized|usage|"
    r"argument|directory|such|file|line|column|after)\b",
    re.IGNORECASE,
)


def assert_swedish(text: str) -> None:
    """No English sentence or traceback reaches the analyst (paths and names aside)."""
    words = re.sub(r"(/|\\)\S*|`[^`]*`|\[[^\]]*\]|”[^”]*”|\"[^\"]*\"|--[a-z-]+", " ", text)
    found = ENGLISH.search(words)
    assert not found, (found.group(0), text)


# --- mistakes in the promise file --------------------------------------------------------


def sub1(old, new):
    def f(t):
        assert old in t, old
        return t.replace(old, new, 1)

    return f


def nth(old, new, n):
    def f(t):
        parts = t.split(old)
        assert len(parts) > n, old
        return old.join(parts[:n]) + new + old.join(parts[n:])

    return f


def drop_block(start, end):
    def f(t):
        a = t.index(start)
        b = t.index(end, a + len(start))
        return t[:a] + t[b:]

    return f


SECOND_PARTY = '[[parter]]\nnamn = "Lokalpolisområde'
CASES = {
    "impossible-date": sub1("tecknat = 2022-06-14", "tecknat = 2022-13-45"),
    "date-with-slashes": sub1("tecknat = 2022-06-14", "tecknat = 2022/06/14"),
    "date-without-zeros": sub1("tecknat = 2022-06-14", "tecknat = 2022-6-14"),
    "decimal-comma": sub1("genomford_fran_procent = 100", "genomford_fran_procent = 87,5"),
    "missing-equals": sub1('titel = "Medborgarlöfte', 'titel "Medborgarlöfte'),
    "text-without-quotes": sub1('kommun = "Hagfors"', "kommun = Hagfors"),
    "backslash-in-text": sub1(
        'redovisas_i = "Genomförandeplanen', 'redovisas_i = "C:\\Planer\\Genomförandeplanen'
    ),
    "swedish-boolean": nth("lagre_ar_battre = true", "lagre_ar_battre = sant", 3),
    "unterminated-text": sub1('ort = "Torsby"', 'ort = "Torsby'),
    "unclosed-header": nth("\n[[indikatorer]]\n", "\n[[indikatorer]\n", 2),
    "table-twice": sub1("[enkater]\n", "[enkater]\nminsta_antal_svarande = 5\n[enkater]\n"),
    "key-twice": sub1("period_ar = 2\n", "period_ar = 2\nperiod_ar = 3\n"),
    "control-character": sub1('namn = "Tryggheten"', 'namn = "Trygg\x07heten"'),
    "percent-infinite": sub1("genomford_fran_procent = 100", "genomford_fran_procent = inf"),
    "percent-huge": sub1("genomford_fran_procent = 100", "genomford_fran_procent = 1e300"),
    "percent-nan": sub1("delvis_fran_procent = 50", "delvis_fran_procent = nan"),
    "partly-above-done": sub1("delvis_fran_procent = 50", "delvis_fran_procent = 120"),
    "party-date-as-text": sub1("datum = 2022-06-10", 'datum = "10 juni"'),
    "signing-date-quoted": sub1("tecknat = 2022-06-14", 'tecknat = "2022-06-14"'),
    "signing-date-impossible": sub1("tecknat = 2022-06-14", "tecknat = 9999-12-31"),
    "party-date-impossible": sub1("datum = 2022-06-10", "datum = 0202-06-10"),
    "signing-date-with-time": sub1("tecknat = 2022-06-14", "tecknat = 2022-06-14T10:00:00"),
    "duplicate-activity-id": sub1('id = "forebyggande"', 'id = "ssp"'),
    "duplicate-focus-area-id": sub1('id = "droger"\nnamn', 'id = "trafik"\nnamn'),
    "column-alias-is-another-column": sub1("datum = []", 'datum = ["Aktivitet"]'),
    "column-alias-twice": sub1("datum = []", 'datum = ["Dag"]\nplats = ["Dag"]'),
    "column-alias-not-a-list": sub1("datum = []", 'datum = "Händelsedag"'),
    "unknown-column-alias-key": sub1("datum = []", 'veckodag = ["Dag"]'),
    "one-party": drop_block(SECOND_PARTY, "# ---"),
    "no-parties": lambda t: "parter = []\n" + drop_block('[[parter]]\nnamn = "Hagfors', "# ---")(t),
    "id-with-newline": sub1('id = "hagfors-lpo-torsby"', 'id = "hagfors-lpo-torsby\\n"'),
    "id-with-spaces": sub1('id = "hagfors-lpo-torsby"', 'id = "Hagfors LPO"'),
    "responsible-as-list": sub1('ansvarig = "Polisen"', 'ansvarig = ["Polisen"]'),
    "responsible-unknown": sub1('ansvarig = "Kommunen"\n', 'ansvarig = "Skolan"\n'),
    "empty-title": sub1(
        'titel = "Medborgarlöfte Hagfors kommun och lokalpolisområde Torsby"', 'titel = "  "'
    ),
    "empty-activity-name": sub1('namn = "SSP-möten"', 'namn = ""'),
    "focus-area-without-activities": sub1(
        '[[fokusomraden]]\nid = "trygghet"',
        '[[fokusomraden]]\nid = "ovrigt"\nnamn = "Övrigt"\n\n[[fokusomraden]]\nid = "trygghet"',
    ),
    "unknown-focus-area": sub1('fokusomrade = "trygghet"', 'fokusomrade = "tryghet"'),
    "target-huge": sub1("mal_per_ar = 150", "mal_per_ar = 1e300"),
    "target-negative": sub1("mal_per_ar = 150", "mal_per_ar = -5"),
    "target-as-text": sub1("mal_per_ar = 150", 'mal_per_ar = "150"'),
    "period-zero": sub1("period_ar = 2", "period_ar = 0"),
    "min-respondents-text": sub1("minsta_antal_svarande = 10", 'minsta_antal_svarande = "tio"'),
    "alias-as-text": sub1('alias = ["SSP-möte", "SSP", "SSP möte"]', 'alias = "SSP-möte"'),
    "alias-empty-text": sub1('alias = ["SSP-möte", "SSP", "SSP möte"]', 'alias = ["SSP-möte", ""]'),
    "alias-of-two-activities": sub1(
        'alias = ["Trafikkontroll", "Hastighetskontroll"',
        'alias = ["Trafikkontroll", "SSP", "Hastighetskontroll"',
    ),
    "boolean-quoted": sub1("lagre_ar_battre = false", 'lagre_ar_battre = "false"'),
    "key-indicator-word": sub1(
        "lagre_ar_battre = false", 'lagre_ar_battre = false\nhuvudindikator = "ja"'
    ),
    "unknown-field": sub1("mal_per_ar = 60", "mal_per_aar = 60"),
    "unknown-section": lambda t: t + "\n[extra]\nx = 1\n",
    "section-as-array": sub1("[bedomning]", "[[bedomning]]"),
    "array-as-section": lambda t: t.replace("[[fokusomraden]]", "[fokusomraden]", 1).replace(
        "[[fokusomraden]]", "#", 2
    ),
}


# name: [(the line the message is about, its occurrence, the message), ...]
EXPECTED = {
    "impossible-date": [
        (
            "tecknat = 2022-13-45",
            1,
            "Syntaxfel i kolumn 15: datumet 2022-13-45 finns inte – skriv ÅÅÅÅ-MM-DD. Jämför "
            "med raderna runt omkring och med exemplet i README.",
        ),
    ],
    "date-with-slashes": [
        (
            "tecknat = 2022/06/14",
            1,
            "Syntaxfel i kolumn 15: 2022/06/14 går inte att läsa som datum – skriv "
            "ÅÅÅÅ-MM-DD utan citattecken, t.ex. 2022-06-14. Jämför med raderna runt omkring "
            "och med exemplet i README.",
        ),
    ],
    "date-without-zeros": [
        (
            "tecknat = 2022-6-14",
            1,
            "Syntaxfel i kolumn 15: skriv datumet som ÅÅÅÅ-MM-DD med två siffror för månad "
            "och dag, inte 2022-6-14. Jämför med raderna runt omkring och med exemplet i "
            "README.",
        ),
    ],
    "decimal-comma": [
        (
            "genomford_fran_procent = 87,5",
            1,
            "Syntaxfel i kolumn 28: skriv decimaltal med punkt: 87.5. Jämför med raderna "
            "runt omkring och med exemplet i README.",
        ),
    ],
    "missing-equals": [
        (
            'titel "Medborgarlöfte Hagfors kommun och lokalpolisområde Torsby"',
            1,
            "Syntaxfel i kolumn 7: det saknas ett = efter namnet. Jämför med raderna runt "
            "omkring och med exemplet i README.",
        ),
    ],
    "text-without-quotes": [
        (
            "kommun = Hagfors",
            1,
            'Syntaxfel i kolumn 10: text ska stå inom citattecken: "Hagfors". Jämför med '
            "raderna runt omkring och med exemplet i README.",
        ),
    ],
    "backslash-in-text": [
        (
            'redovisas_i = "C:\\Planer\\Genomförandeplanen för ANDT och brottsförebyggande arbete"',
            1,
            "Syntaxfel i kolumn 20: ett bakstreck \\ i en text ska skrivas dubbelt (\\\\), "
            "eller så skrivs texten inom enkla citattecken: 'C:\\mapp'. Jämför med raderna "
            "runt omkring och med exemplet i README.",
        ),
    ],
    "swedish-boolean": [
        (
            "lagre_ar_battre = sant",
            1,
            "Syntaxfel i kolumn 19: skriv true eller false med små bokstäver och utan "
            "citattecken. Jämför med raderna runt omkring och med exemplet i README.",
        ),
    ],
    "unterminated-text": [
        (
            'ort = "Torsby',
            1,
            "Syntaxfel i kolumn 14: en text saknar avslutande citattecken på samma rad. "
            "Jämför med raderna runt omkring och med exemplet i README.",
        ),
    ],
    "unclosed-header": [
        (
            "[[indikatorer]",
            1,
            "Syntaxfel i kolumn 14: [[…]] ska avslutas med ]] (dubbla hakparenteser). Jämför "
            "med raderna runt omkring och med exemplet i README.",
        ),
    ],
    "table-twice": [
        (
            "[enkater]",
            2,
            "Syntaxfel i kolumn 9: avsnittet finns redan tidigare i filen – ett avsnitt med "
            "enkla hakparenteser får bara finnas en gång. Jämför med raderna runt omkring "
            "och med exemplet i README.",
        ),
    ],
    "key-twice": [
        (
            "period_ar = 3",
            1,
            "Syntaxfel i kolumn 14: samma namn förekommer två gånger (eller både som "
            "[avsnitt] och som [[avsnitt]]). Jämför med raderna runt omkring och med "
            "exemplet i README.",
        ),
    ],
    "control-character": [
        (
            'namn = "Trygg\x07heten"',
            1,
            "Syntaxfel i kolumn 14: raden innehåller ett osynligt styrtecken – skriv om "
            "raden. Jämför med raderna runt omkring och med exemplet i README.",
        ),
    ],
    "percent-infinite": [
        (
            "genomford_fran_procent = inf",
            1,
            "[bedomning] genomford_fran_procent ska vara ett tal mellan 1 och 1000 (procent, "
            "utan citattecken; decimaler med punkt), inte inf.",
        ),
    ],
    "percent-huge": [
        (
            "genomford_fran_procent = 1e300",
            1,
            "[bedomning] genomford_fran_procent ska vara ett tal mellan 1 och 1000 (procent, "
            "utan citattecken; decimaler med punkt), inte 1e+300.",
        ),
    ],
    "percent-nan": [
        (
            "delvis_fran_procent = nan",
            1,
            "[bedomning] delvis_fran_procent ska vara ett tal mellan 0 och 1000 (procent, "
            "utan citattecken; decimaler med punkt), inte nan.",
        ),
    ],
    "partly-above-done": [
        (
            "delvis_fran_procent = 120",
            1,
            "[bedomning] delvis_fran_procent = 120 är större än genomford_fran_procent = "
            "100. Gränsen för delvis genomförd måste vara mellan 0 och gränsen för genomförd.",
        ),
    ],
    "party-date-as-text": [
        (
            'datum = "10 juni"',
            1,
            "Part nummer 2: datum ska vara ett datum skrivet ÅÅÅÅ-MM-DD utan citattecken, "
            "t.ex. datum = 2022-06-14, inte ”10 juni”.",
        ),
    ],
    "signing-date-quoted": [
        (
            'tecknat = "2022-06-14"',
            1,
            "[lofte] tecknat ska vara ett datum skrivet ÅÅÅÅ-MM-DD utan citattecken, t.ex. "
            "tecknat = 2022-06-14, inte ”2022-06-14”.",
        ),
    ],
    "signing-date-impossible": [
        (
            "tecknat = 9999-12-31",
            1,
            "[lofte] tecknat = 9999-12-31 kan inte stämma. Skriv dagen då löftet "
            "undertecknades, ÅÅÅÅ-MM-DD, t.ex. tecknat = 2022-06-14.",
        ),
    ],
    "party-date-impossible": [
        (
            "datum = 0202-06-10",
            1,
            "Part nummer 2: datum = 0202-06-10 kan inte stämma. Skriv dagen då löftet "
            "undertecknades, ÅÅÅÅ-MM-DD, t.ex. datum = 2022-06-14.",
        ),
    ],
    "signing-date-with-time": [
        (
            "tecknat = 2022-06-14T10:00:00",
            1,
            "[lofte] tecknat ska vara ett datum utan klockslag, t.ex. tecknat = 2022-06-14.",
        ),
    ],
    "duplicate-activity-id": [
        (
            'id = "ssp"',
            2,
            "Id ”ssp” används för mer än en aktivitet (nummer 4 och 6). Varje aktivitet "
            "behöver ett eget id.",
        ),
    ],
    "duplicate-focus-area-id": [
        (
            'id = "trafik"',
            2,
            "Id ”trafik” används för mer än ett fokusområde (nummer 1 och 2). Varje "
            "fokusområde behöver ett eget id.",
        ),
        (
            'fokusomrade = "droger"',
            1,
            "Aktiviteten ”ssp” pekar på fokusområdet ”droger”, som inte finns. Finns: "
            "trafik, trygghet.",
        ),
        (
            'fokusomrade = "droger"',
            2,
            "Aktiviteten ”tidig-upptackt” pekar på fokusområdet ”droger”, som inte finns. "
            "Finns: trafik, trygghet.",
        ),
        (
            'fokusomrade = "droger"',
            3,
            "Aktiviteten ”forebyggande” pekar på fokusområdet ”droger”, som inte finns. "
            "Finns: trafik, trygghet.",
        ),
    ],
    "column-alias-is-another-column": [
        (
            'datum = ["Aktivitet"]',
            1,
            "[kolumnalias] datum: rubriken ”Aktivitet” är redan namnet på kolumnen "
            "”Aktivitet”. En rubrik kan bara betyda en kolumn – ta bort den här eller välj "
            "en annan rubrik.",
        ),
    ],
    "column-alias-twice": [
        (
            'plats = ["Dag"]',
            1,
            "[kolumnalias] plats: rubriken ”Dag” är redan namnet på kolumnen ”Datum”. En "
            "rubrik kan bara betyda en kolumn – ta bort den här eller välj en annan rubrik.",
        ),
    ],
    "column-alias-not-a-list": [
        (
            'datum = "Händelsedag"',
            1,
            '[kolumnalias] datum ska vara en lista med text, t.ex. datum = ["Namn", "Annat '
            'namn"] (varje namn inom citattecken, inget tomt).',
        ),
    ],
    "unknown-column-alias-key": [
        (
            'veckodag = ["Dag"]',
            1,
            "[kolumnalias]: okänt fält veckodag. Tillåtna fält: aktivitet, andel, ansvarig, "
            "antal, antal_svarande, ar, arskurs, befolkning, datum, enhet, handelsetyp, "
            "indikator, klockslag, kommentar, kon, omrade, plats, undersokning.",
        ),
    ],
    "one-party": [
        (
            "[[parter]]",
            1,
            "Löftet har 1 part. Ett medborgarlöfte tecknas av kommunen och polisen: skriv in "
            "båda under [[parter]], en gång per part.",
        ),
    ],
    "no-parties": [
        (
            "parter = []",
            1,
            "Löftet har 0 parter. Ett medborgarlöfte tecknas av kommunen och polisen: skriv "
            "in båda under [[parter]], en gång per part.",
        ),
    ],
    "id-with-newline": [
        (
            'id = "hagfors-lpo-torsby\\n"',
            1,
            "[lofte] id får bara vara en rad (ta bort radbrytningen).",
        ),
    ],
    "id-with-spaces": [
        (
            'id = "Hagfors LPO"',
            1,
            "[lofte] id = ”Hagfors LPO” får bara innehålla a–z, 0–9, - och _ (inga "
            "mellanslag, radbrytningar, stora bokstäver eller å/ä/ö), eftersom det används i "
            "filnamn.",
        ),
    ],
    "responsible-as-list": [
        (
            'ansvarig = ["Polisen"]',
            1,
            "Aktiviteten ”trafikkontroller”: ansvarig ska vara en text inom citattecken, "
            't.ex. ansvarig = "…", inte en lista (en lista skrivs inte här: bara en text).',
        ),
    ],
    "responsible-unknown": [
        (
            'ansvarig = "Skolan"',
            1,
            "Aktiviteten ”trafikmiljo”: ansvarig = ”Skolan” – skriv Polisen, Kommunen eller "
            "båda (t.ex. ”Kommunen och polisen”).",
        ),
    ],
    "empty-title": [
        (
            'titel = "  "',
            1,
            "[lofte] titel är tom. Skriv en text mellan citattecknen.",
        ),
    ],
    "empty-activity-name": [
        (
            'namn = ""',
            1,
            "Aktiviteten ”ssp”: namn är tom. Skriv en text mellan citattecknen.",
        ),
    ],
    "focus-area-without-activities": [
        (
            'id = "ovrigt"',
            1,
            "Fokusområdet ”ovrigt” har inga aktiviteter. Lägg till en aktivitet med "
            'fokusomrade = "ovrigt", eller ta bort fokusområdet.',
        ),
    ],
    "unknown-focus-area": [
        (
            'fokusomrade = "tryghet"',
            1,
            "Aktiviteten ”patrullering” pekar på fokusområdet ”tryghet”, som inte finns. "
            "Finns: trafik, droger, trygghet.",
        ),
    ],
    "target-huge": [
        (
            "mal_per_ar = 1e300",
            1,
            "Aktiviteten ”patrullering”: mal_per_ar ska vara ett heltal mellan 0 och 100 000 "
            "(utan citattecken), inte 1e+300.",
        ),
    ],
    "target-negative": [
        (
            "mal_per_ar = -5",
            1,
            "Aktiviteten ”patrullering”: mal_per_ar ska vara ett heltal mellan 0 och 100 000 "
            "(utan citattecken), inte -5.",
        ),
    ],
    "target-as-text": [
        (
            'mal_per_ar = "150"',
            1,
            "Aktiviteten ”patrullering”: mal_per_ar ska vara ett heltal mellan 0 och 100 000 "
            "(utan citattecken), inte ”150”.",
        ),
    ],
    "period-zero": [
        (
            "period_ar = 0",
            1,
            "[lofte] period_ar ska vara ett heltal mellan 1 och 50 (utan citattecken), inte 0.",
        ),
    ],
    "min-respondents-text": [
        (
            'minsta_antal_svarande = "tio"',
            1,
            "[enkater] minsta_antal_svarande ska vara ett heltal mellan 1 och 10 000 (utan "
            "citattecken), inte ”tio”.",
        ),
    ],
    "alias-as-text": [
        (
            'alias = "SSP-möte"',
            1,
            'Aktiviteten ”ssp”: alias ska vara en lista med text, t.ex. alias = ["Namn", '
            '"Annat namn"] (varje namn inom citattecken, inget tomt).',
        ),
    ],
    "alias-empty-text": [
        (
            'alias = ["SSP-möte", ""]',
            1,
            'Aktiviteten ”ssp”: alias ska vara en lista med text, t.ex. alias = ["Namn", '
            '"Annat namn"] (varje namn inom citattecken, inget tomt).',
        ),
    ],
    "alias-of-two-activities": [
        (
            'id = "ssp"',
            1,
            "Namnet ”ssp” används för både ”trafikkontroller” och ”ssp”. Ett namn eller "
            "alias får bara höra till en aktivitet.",
        ),
    ],
    "boolean-quoted": [
        (
            'lagre_ar_battre = "false"',
            1,
            "Indikatorn ”elsa-trygg”: lagre_ar_battre ska vara true eller false (utan "
            "citattecken), inte ”false”.",
        ),
    ],
    "key-indicator-word": [
        (
            'huvudindikator = "ja"',
            1,
            "Indikatorn ”elsa-trygg”: huvudindikator ska vara true eller false (utan "
            "citattecken), inte ”ja”.",
        ),
    ],
    "unknown-field": [
        (
            "[[aktiviteter]]",
            1,
            "[[aktiviteter]] nummer 1 (id = ”trafikkontroller”): fältet mal_per_ar saknas.",
        ),
        (
            "mal_per_aar = 60",
            1,
            "[[aktiviteter]] nummer 1 (id = ”trafikkontroller”): okänt fält mal_per_aar. "
            "Tillåtna fält: alias, ansvarig, fokusomrade, formulering, id, mal_per_ar, namn.",
        ),
    ],
    "unknown-section": [
        (
            "[extra]",
            1,
            "Okänt avsnitt [extra]. Giltiga avsnitt: aktiviteter, bedomning, befolkning, "
            "enkater, fokusomraden, indikatorer, kolumnalias, lofte, parter, utfall. "
            "Kontrollera stavningen.",
        ),
    ],
    "section-as-array": [
        (
            "[[bedomning]]",
            1,
            "bedomning ska skrivas som ett avsnitt: [bedomning].",
        ),
    ],
    "array-as-section": [
        (
            'id = "droger"',
            1,
            "Syntaxfel i kolumn 14: samma namn förekommer två gånger (eller både som "
            "[avsnitt] och som [[avsnitt]]). Jämför med raderna runt omkring och med "
            "exemplet i README.",
        ),
    ],
}


def line_of(text: str, marker: str, occurrence: int) -> int:
    numbers = [n for n, line in enumerate(text.splitlines(), 1) if line == marker]
    assert len(numbers) >= occurrence, (marker, occurrence)
    return numbers[occurrence - 1]


@pytest.mark.parametrize("name", list(CASES))
def test_bad_promise(name: str, tmp_path: Path, cli: CommandLine) -> None:
    text = CASES[name](SHIPPED)
    inputs = folder(tmp_path, text)
    outputs = tmp_path / "outputs"
    body = "Fil: medborgarlofte.toml\n" + "\n".join(
        f"  - rad {line_of(text, marker, occurrence)}: {message}"
        for marker, occurrence, message in EXPECTED[name]
    )
    described = f"Rapporten kunde inte byggas: {len(EXPECTED[name])} problem i indata.\n\n"
    args = ("--inputs", str(inputs), "--outputs", str(outputs), "--date", DATE)

    report = cli(*args)
    assert (report.code, report.err) == (EXIT_INPUT, f"{described}{body}\n\n{TAIL}")
    assert not outputs.exists() or not list(outputs.glob("*.pdf"))

    check = cli("check", *args)
    assert check.code == EXIT_INPUT
    assert f"\n{body}\n\nRätta filerna ovan och kör `make check` igen." in check.out

    templates = cli("templates", *args)
    assert (templates.code, templates.err) == (EXIT_INPUT, f"{described}{body}\n\n{TAIL}")
    assert not (outputs / "mallar").exists()
    for text_out in (report.err, check.out):
        assert_swedish(text_out.replace(str(tmp_path), ""))


def test_the_catalogue_covers_every_case() -> None:
    assert set(CASES) == set(EXPECTED)
    assert len(CASES) >= 51


def test_promise_file_missing_is_a_directory_or_not_utf8(tmp_path: Path, cli: CommandLine) -> None:
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    got = cli("check", "--inputs", str(inputs), "--date", DATE)
    assert got.code == EXIT_INPUT
    assert (
        f"Fil: medborgarlofte.toml\n  - Löftesfilen medborgarlofte.toml finns inte i mappen "
        f"{inputs}. Lägg den där (inputs/medborgarlofte.toml följer med verktyget) eller ange "
        "rätt mapp med INPUTS=..." in got.out
    )
    (inputs / "medborgarlofte.toml").mkdir()
    got = cli("--inputs", str(inputs), "--outputs", str(tmp_path / "ut"), "--date", DATE)
    assert got.code == EXIT_INPUT
    assert (
        f"  - {inputs / 'medborgarlofte.toml'} är en mapp, inte en fil. Löftesfilen ska vara "
        "en textfil med det namnet." in got.err
    )
    (inputs / "medborgarlofte.toml").rmdir()
    (inputs / "medborgarlofte.toml").write_bytes(SHIPPED.encode("cp1252", errors="replace"))
    got = cli("templates", "--inputs", str(inputs), "--outputs", str(tmp_path / "ut"))
    assert got.code == EXIT_INPUT
    assert "Löftesfilen är inte sparad som UTF-8." in got.err


# --- mistakes in the command ---------------------------------------------------------------


def usage(tmp_path: Path) -> dict[str, tuple[list[str], str]]:
    """name: (arguments after the inputs and outputs, the exact message)."""
    afile = tmp_path / "en-fil.txt"
    afile.write_text("x", encoding="utf-8")
    promise = tmp_path / "inputs" / "medborgarlofte.toml"
    hint = "Skriv `python -m report --help` för hjälp."
    return {
        "outputs-is-a-file": (
            ["--outputs", str(afile), "--date", DATE],
            f"{afile} är en fil, inte en mapp, så inget kan skrivas där. Ange en mapp med "
            "OUTPUTS=... (--outputs), eller flytta filen.",
        ),
        "outputs-under-a-file": (
            ["--outputs", str(afile / "rapporter"), "--date", DATE],
            f"OUTPUTS={afile / 'rapporter'} kan inte skapas: {afile} är en fil, inte en mapp. "
            "Ange en annan mapp med OUTPUTS=... (--outputs).",
        ),
        "outputs-where-nothing-can-be-written": (
            ["--outputs", "/proc/medborgarlofte", "--date", DATE],
            "Inget kan skrivas i /proc/medborgarlofte: platsen finns inte. Välj en mapp du "
            "kan skriva i med OUTPUTS=... (--outputs), eller be om behörighet. Ingen ny "
            "rapport skrevs.",
        ),
        "year-superscript": (
            ["--year", "²", "--date", DATE],
            "YEAR=² är inget giltigt rapportår. Skriv ett år mellan 2000 och 2025, t.ex. "
            "YEAR=2023.",
        ),
        "year-in-words": (
            ["--year", "tjugo", "--date", DATE],
            "YEAR=tjugo är inget giltigt rapportår. Skriv ett år mellan 2000 och 2025, t.ex. "
            "YEAR=2023.",
        ),
        "year-after-the-date": (
            ["--year", "2026", "--date", DATE],
            "YEAR=2026 är inget giltigt rapportår. Skriv ett år mellan 2000 och 2025, t.ex. "
            "YEAR=2023.",
        ),
        "date-empty": (
            ["--date", ""],
            "DATE är tomt. Skriv ett rapportdatum ÅÅÅÅ-MM-DD, t.ex. DATE=2024-02-01, eller "
            "utelämna DATE för dagens datum.",
        ),
        "date-impossible": (
            ["--date", "2024-02-30"],
            "DATE=2024-02-30 är inget datum. Skriv ÅÅÅÅ-MM-DD, t.ex. DATE=2024-02-01.",
        ),
        "date-without-dashes": (
            ["--date", "20240201"],
            "DATE=20240201 är inget datum. Skriv ÅÅÅÅ-MM-DD, t.ex. DATE=2024-02-01.",
        ),
        "date-before-2000": (
            ["--date", "1999-01-01"],
            "DATE=1999-01-01 ligger före år 2000, före alla uppgifter rapporten kan läsa. "
            "Skriv rapportdatumet, t.ex. DATE=2024-02-01, eller utelämna DATE för dagens "
            "datum.",
        ),
        "date-before-the-signing": (
            ["--date", "2022-06-13"],
            "DATE=2022-06-13 ligger före den dag löftet tecknades (14 juni 2022, [lofte] "
            f"tecknat i {promise}). Rapporten följer upp tiden efter det: skriv ett senare "
            "rapportdatum, eller utelämna DATE för dagens datum.",
        ),
        "date-before-the-data": (
            ["--date", "2023-01-01"],
            "DATE=2023-01-01 ligger före uppgifterna i exporterna: 1 datum och årtal där är "
            "senare än rapportdatumet (det senaste 2023, det första i logg.csv, blad logg). "
            "Skriv ett rapportdatum efter uppgifterna, eller utelämna DATE för dagens datum.",
        ),
        "jobs-not-a-number": (
            ["--jobs", "två", "--date", DATE],
            f"Fel i kommandot: --jobs ska vara ett heltal, inte ”två”. Skriv t.ex. --jobs 2. "
            f"{hint}",
        ),
        "jobs-zero": (
            ["--jobs", "0", "--date", DATE],
            "JOBS=0 går inte: skriv hur många rapporter som ska byggas samtidigt, t.ex. JOBS=1.",
        ),
        "value-missing": (
            ["--date", DATE, "--year"],
            f"Fel i kommandot: --year behöver ett värde, t.ex. --year 2023. {hint}",
        ),
        "unknown-option": (
            ["--date", DATE, "--år", "2023"],
            "Fel i kommandot: ”--år”, ”2023” känns inte igen. Giltiga kommandon: report, "
            "check, templates; giltiga val: --inputs, --outputs, --year, --date, "
            f"--drop-duplicates, -v, -q, --jobs, --max-unpacked-mb. {hint}",
        ),
        "abbreviated-option": (
            ["--date", DATE, "--ye", "2023"],
            "Fel i kommandot: ”--ye”, ”2023” känns inte igen. Giltiga kommandon: report, "
            "check, templates; giltiga val: --inputs, --outputs, --year, --date, "
            f"--drop-duplicates, -v, -q, --jobs, --max-unpacked-mb. {hint}",
        ),
        "command-last": (
            ["--date", DATE, "check"],
            "Fel i kommandot: Kommandot check ska stå först: python -m report check "
            f"[--inputs …] [--outputs …]. {hint}",
        ),
        "flag-with-a-value": (
            ["--date", DATE, "--verbose=ja"],
            f"Fel i kommandot: --verbose tar inget värde: skriv bara --verbose. {hint}",
        ),
        "unpacked-limit-zero": (
            ["--date", DATE, "--max-unpacked-mb", "0"],
            "MAX_UNPACKED_MB=0 är ingen giltig gräns. Skriv ett antal megabyte, 1 eller mer "
            "(standard 1000).",
        ),
    }


USAGE_CASES = [
    "outputs-is-a-file",
    "outputs-under-a-file",
    "outputs-where-nothing-can-be-written",
    "year-superscript",
    "year-in-words",
    "year-after-the-date",
    "date-empty",
    "date-impossible",
    "date-without-dashes",
    "date-before-2000",
    "date-before-the-signing",
    "date-before-the-data",
    "jobs-not-a-number",
    "jobs-zero",
    "value-missing",
    "unknown-option",
    "abbreviated-option",
    "command-last",
    "flag-with-a-value",
    "unpacked-limit-zero",
]
OUTPUT_CASES = {"outputs-is-a-file", "outputs-under-a-file", "outputs-where-nothing-can-be-written"}


@pytest.mark.parametrize("name", USAGE_CASES)
def test_bad_command(name: str, tmp_path: Path, cli: CommandLine) -> None:
    inputs = folder(tmp_path)
    argv, message = usage(tmp_path)[name]
    commands = ["report"] if name in OUTPUT_CASES else ["report", "check"]
    for command in commands:
        got = cli(command, "--inputs", str(inputs), "--outputs", str(tmp_path / "ut"), *argv)
        assert (got.code, got.err) == (EXIT_USAGE, f"{message}\n"), command
        assert not list(tmp_path.glob("ut/*.pdf"))
        assert_swedish(got.err.replace(str(tmp_path), ""))


def test_missing_inputs_folder_is_named(tmp_path: Path, cli: CommandLine) -> None:
    missing = tmp_path / "indata"
    message = (
        f"Mappen {missing} finns inte. Skapa den och lägg löftesfilen medborgarlofte.toml "
        "där, eller ange rätt mapp med INPUTS=... (--inputs).\n"
    )
    for command in ("report", "check", "templates"):
        got = cli(command, "--inputs", str(missing), "--outputs", str(tmp_path / "ut"))
        assert (got.code, got.err) == (EXIT_USAGE, message), command
    afile = tmp_path / "en-fil"
    afile.write_text("x", encoding="utf-8")
    got = cli("check", "--inputs", str(afile))
    assert (got.code, got.err) == (
        EXIT_USAGE,
        f"INPUTS={afile} är en fil, inte en mapp. Ange mappen som innehåller "
        "medborgarlofte.toml och exporterna, t.ex. INPUTS=inputs.\n",
    )


def test_outputs_in_the_inputs_folder(tmp_path: Path, cli: CommandLine) -> None:
    inputs = folder(tmp_path)
    got = cli("--inputs", str(inputs), "--outputs", str(inputs), "--date", DATE)
    assert (got.code, got.err) == (
        EXIT_USAGE,
        f"OUTPUTS och INPUTS är samma mapp ({inputs}). Rapporten skulle då läsas som en "
        "export nästa gång: ange en egen mapp för rapporten, t.ex. OUTPUTS=outputs.\n",
    )
    assert sorted(p.name for p in inputs.iterdir()) == ["logg.csv", "medborgarlofte.toml"]


def test_help_is_swedish(capsys: pytest.CaptureFixture[str]) -> None:
    for command in ([], ["check"], ["templates"]):
        assert main([*command, "--help"]) == EXIT_OK
        text = capsys.readouterr().out
        assert text.startswith("Användning: python -m report")
        assert "visar den här hjälpen" in text and "\nval:\n" in text
        assert "usage" not in text and "show this help" not in text and "options" not in text


def test_every_problem_in_the_command_is_named_at_once(cli: CommandLine) -> None:
    code, _, err = cli("--jobs", "två", "--bogus", "--year")
    assert code == EXIT_USAGE
    assert "”--bogus” känns inte igen" in err
    assert "--year behöver ett värde, t.ex. --year 2023." in err
    assert "--jobs ska vara ett heltal, inte ”två”. Skriv t.ex. --jobs 2." in err
    assert err.count("Fel i kommandot:") == 1 and "Traceback" not in err


def test_help_shows_every_value_option_as_taking_a_value(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["--help"]) == EXIT_OK
    usage = " ".join(capsys.readouterr().out.split())
    for shown in ("[--inputs INPUTS]", "[--year YEAR]", "[--jobs JOBS]", "[--max-unpacked-mb MB]"):
        assert shown in usage
    assert "[--year [YEAR]]" not in usage


# --- make templates ------------------------------------------------------------------------


def test_templates_never_overwrite_what_the_analyst_wrote(tmp_path: Path, cli: CommandLine) -> None:
    inputs = folder(tmp_path, log=None)
    outputs = tmp_path / "ut"
    args = ("templates", "--inputs", str(inputs), "--outputs", str(outputs))
    assert cli(*args).code == EXIT_OK
    mallar = outputs / "mallar"
    starter = (mallar / "kommentarer.md").read_bytes()
    again = cli(*args)  # untouched templates are simply made anew
    assert again.code == EXIT_OK and "OBS" not in again.out
    assert sorted(p.name for p in mallar.iterdir()) == [
        "aktivitetslogg-mall.xlsx",
        "enkat-mall.xlsx",
        "handelselogg-mall.xlsx",
        "kommentarer.md",
        "statistik-mall.xlsx",
    ]

    (mallar / "kommentarer.md").write_text("# Sammanfattning\nMin analys.\n", encoding="utf-8")
    book = openpyxl.load_workbook(mallar / "aktivitetslogg-mall.xlsx")
    book.worksheets[0].append(["2023-01-02", "SSP-möten", 1])
    book.save(mallar / "aktivitetslogg-mall.xlsx")
    filled = (mallar / "aktivitetslogg-mall.xlsx").read_bytes()

    got = cli(*args)
    assert got.code == EXIT_OK
    assert (mallar / "kommentarer.md").read_text(encoding="utf-8") == (
        "# Sammanfattning\nMin analys.\n"
    )
    assert (mallar / "aktivitetslogg-mall.xlsx").read_bytes() == filled
    assert (mallar / "kommentarer-ny.md").read_bytes() == starter
    assert (mallar / "aktivitetslogg-mall-ny.xlsx").is_file()
    for name, new in (
        ("aktivitetslogg-mall.xlsx", "aktivitetslogg-mall-ny.xlsx"),
        ("kommentarer.md", "kommentarer-ny.md"),
    ):
        assert (
            f"  OBS: {mallar / name} har ändrats eller fyllts i, så den skrevs inte över. "
            f"Den nya mallen ligger bredvid som {new}.\n" in got.out
        )
    assert f"  {mallar / 'enkat-mall.xlsx'}\n" in got.out  # untouched: made anew
    assert f"  {mallar / 'handelselogg-mall.xlsx'}\n" in got.out


def test_templates_check_their_arguments_and_the_folder(tmp_path: Path, cli: CommandLine) -> None:
    inputs = folder(tmp_path, log=None)
    outputs = tmp_path / "ut"
    got = cli("templates", "--inputs", str(inputs), "--outputs", str(outputs), "--year", "x")
    assert (got.code, got.err) == (
        EXIT_USAGE,
        "YEAR=x är inget giltigt rapportår. Skriv ett år mellan 2000 och "
        f"{__import__('datetime').date.today().year}, t.ex. YEAR=2023.\n",
    )
    got = cli("templates", "--inputs", str(inputs), "--outputs", str(outputs), "--date", "")
    assert got.code == EXIT_USAGE and got.err.startswith("DATE är tomt.")
    outputs.mkdir()
    (outputs / "mallar").write_text("en fil", encoding="utf-8")
    got = cli("templates", "--inputs", str(inputs), "--outputs", str(outputs))
    assert (got.code, got.err) == (
        EXIT_USAGE,
        f"{outputs / 'mallar'} är en fil, inte en mapp, så inget kan skrivas där. Ange en "
        "mapp med OUTPUTS=... (--outputs), eller flytta filen.\n",
    )
    assert (outputs / "mallar").read_text(encoding="utf-8") == "en fil"


# --- nothing missing is silent -------------------------------------------------------------

SURVEY_ROWS = (
    "År;Undersökning;Årskurs;Kön;Indikator;Andel;Antal svarande;Område\n"
    "2023;ELSA;åk 7;Alla;elsa-trygg;85;102;Hagfors\n"
    "2022;ELSA;åk 7;Alla;elsa-trygg;80;99;Hagfors\n"
)
NO_ROWS_2023 = (
    "Underlaget har inga rader ur aktivitetsloggar, så varje aktivitet har ”ingen uppgift” "
    "för 2023. Lägg aktivitetsloggarna i inputs/."
)
NO_SURVEY = (
    "Enkätdata saknas för alla 9 indikatorer som löftet följer upp, så avsnittet Ungas hälsa "
    "och drogvanor har inga diagram. Lägg enkätexporterna (ELSA, Elevers drogvanor) i inputs/."
)


def test_survey_exports_only_are_said_everywhere(tmp_path: Path, cli: CommandLine) -> None:
    inputs = folder(tmp_path, log=None)
    (inputs / "enkat.csv").write_text(SURVEY_ROWS, encoding="utf-8")
    check = cli("check", "--inputs", str(inputs), "--date", DATE, "--year", "2023")
    assert check.code == EXIT_OK
    assert f"Att notera:\n  - {NO_ROWS_2023}\n" in check.out
    assert "Enkätdata saknas för 8 av löftets 9 indikatorer: har druckit alkohol" in check.out


def test_a_year_without_activity_rows_is_said(tmp_path: Path, cli: CommandLine) -> None:
    """A year of the promise period without a single activity row (the log has 2023 only)."""
    inputs = folder(tmp_path)
    check = cli("check", "--inputs", str(inputs), "--date", DATE, "--year", "2022")
    assert check.code == EXIT_OK
    assert (
        "  - Aktivitetsloggarna har inga rader för 2022 (de täcker 2023), så varje aktivitet "
        "har ”ingen uppgift” för 2022. Välj ett annat år med YEAR= eller lägg till loggarna "
        "för 2022.\n" in check.out
    )
    # A year outside the promise period is not a year without rows: it is refused (issue 12).
    outside = cli("check", "--inputs", str(inputs), "--date", DATE, "--year", "2010")
    assert outside.code == EXIT_INPUT
    assert "inga rader för 2010" not in outside.out


def test_activity_logs_only_keep_the_survey_section_with_a_sentence(
    tmp_path: Path, cli: CommandLine
) -> None:
    inputs = folder(tmp_path)
    outputs = tmp_path / "ut"
    check = cli("check", "--inputs", str(inputs), "--date", DATE)
    assert check.code == EXIT_OK and f"  - {NO_SURVEY}\n" in check.out
    assert "säger att de saknas" in check.out
    got = cli("--inputs", str(inputs), "--outputs", str(outputs), "--date", DATE, "-q")
    assert got.code == EXIT_OK, got.err
    assert f"  - {NO_SURVEY}\n" in got.out
    html = (outputs / "hagfors-lpo-torsby-2023.html").read_text(encoding="utf-8")
    section = html[html.index('id="enkater"') : html.index('id="underlag"')]
    assert "Ungas hälsa och drogvanor" in section
    assert "underlaget för den här rapporten har inga enkätvärden för dem" in section
    underlag = html[html.index('id="underlag"') :]
    assert NO_SURVEY in underlag
    assert '<a href="#enkater">Ungas hälsa och drogvanor</a>' in html


# --- no promise file and no argument list ends in an internal error ------------------------

LINES = SHIPPED.splitlines()
# Letters that cannot spell an English word, so a value echoed in a message is no false alarm.
SAFE_TEXT = st.text(alphabet="åäöÅÄÖ0123456789 -_.,:;!?\\\"'\n\t\x00#[]{}=", max_size=12)
VALUES = st.one_of(
    st.sampled_from(
        [
            "",
            '""',
            '"  "',
            '"\\n"',
            "[]",
            '[""]',
            '["Ö", 1]',
            "{}",
            '{ id = "ö" }',
            "true",
            "2022-13-45",
            "2022/06/14",
            "2022-06-14",
            "2022-06-14T10:00:00",
            "10:00:00",
            "87,5",
            "87.5",
            "1e300",
            "-1e300",
            "inf",
            "-inf",
            "nan",
            "-1",
            "0",
            "9999999999999999999999",
            '"Polisen"',
            '"ELSA"',
            '"trafik"',
            '"ssp"',
            '"SSP"',
            "'''",
            '"""',
            "[[",
        ]
    ),
    st.integers().map(str),
    st.floats().map(repr),
    SAFE_TEXT.map(lambda t: '"' + t.replace("\\", "\\\\").replace('"', '\\"') + '"'),
    SAFE_TEXT,
)


@st.composite
def promise_texts(draw: st.DrawFn) -> str:
    """The shipped promise with a few lines deleted, duplicated, changed or added."""
    lines = list(LINES)
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        i = draw(st.integers(min_value=0, max_value=len(lines) - 1))
        action = draw(st.sampled_from(["delete", "value", "value", "duplicate", "insert"]))
        if action == "delete":
            del lines[i]
        elif action == "duplicate":
            lines.insert(i, lines[i])
        elif action == "insert":
            key = draw(
                st.sampled_from(["id", "namn", "datum", "alias", "x", "[lofte]", "[[parter]]"])
            )
            value = draw(VALUES)
            lines.insert(i, key if key.startswith("[") else f"{key} = {value}")
        elif "=" in lines[i] and not lines[i].lstrip().startswith("#"):
            key = lines[i].split("=", 1)[0]
            lines[i] = f"{key}= {draw(VALUES)}"
        if not lines:
            lines = [""]
    return "\n".join(lines) + "\n"


def assert_handled(got: Run, tmp: str) -> None:
    assert got.code in (EXIT_OK, EXIT_INPUT, EXIT_USAGE), got
    assert got.code != EXIT_INTERNAL
    for text in (got.out, got.err):
        assert "Traceback" not in text and "internt fel" not in text
    assert_swedish(got.err.replace(tmp, ""))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(promise_texts())
def test_no_promise_file_gives_an_internal_error(text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        inputs = folder(Path(tmp), text)
        got = run_command("check", "--inputs", str(inputs), "--date", DATE)
        assert_handled(got, tmp)
        templates = run_command("templates", "--inputs", str(inputs), "--outputs", f"{tmp}/ut")
        assert_handled(templates, tmp)
        # A promise file the templates refuse, the check refuses too. The check may also
        # refuse a good promise file for the export's sake (a deleted alias no longer names
        # the log's "SSP-möte"), but then no problem is the promise file's.
        if templates.code != EXIT_OK:
            assert got.code != EXIT_OK
        elif got.code != EXIT_OK:
            assert "Fil: medborgarlofte.toml" not in got.out, got.out


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(promise_texts())
def test_what_check_passes_report_builds(text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        inputs = folder(Path(tmp), text)
        check = run_command("check", "--inputs", str(inputs), "--date", DATE)
        assert_handled(check, tmp)
        if check.code != EXIT_OK:
            return
        report = run_command(
            "--inputs", str(inputs), "--outputs", f"{tmp}/ut", "--date", DATE, "-q"
        )
        assert_handled(report, tmp)
        assert report.code == EXIT_OK, report.err


TOKENS = st.sampled_from(
    [
        "check",
        "templates",
        "report",
        "--inputs",
        "--outputs",
        "--year",
        "--date",
        "--jobs",
        "--max-unpacked-mb",
        "--drop-duplicates",
        "-v",
        "-q",
        "-h",
        "--verbose=1",
        "--ye",
        "²",
        "٢٠٢٣",
        "2023",
        "1999",
        "",
        " ",
        "-1",
        "0",
        "x",
        "2025-02-01",
        "2023-01-01",
        "2022-01-01",
        "1999-01-01",
        "2024-02-30",
        "/proc/medborgarlofte",
        "/dev/null",
        "INPUTS",
        "OUTPUTS",
        "FILE",
    ]
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(TOKENS, max_size=7))
def test_no_argument_list_gives_an_internal_error(tokens: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        # an export with one unknown activity: a run that gets as far as the data stops there
        inputs = folder(Path(tmp), log="Datum;Aktivitet;Antal\n2023-01-02;Bowling;2\n")
        afile = Path(tmp) / "fil"
        afile.write_text("x", encoding="utf-8")
        places = {"INPUTS": str(inputs), "OUTPUTS": f"{tmp}/ut", "FILE": str(afile)}
        argv = [places.get(t, t) for t in tokens]
        if "--inputs" not in argv:
            argv += ["--inputs", str(inputs)]
        if "--outputs" not in argv:
            argv += ["--outputs", f"{tmp}/ut"]
        got = run_command(*argv)
        assert_handled(got, tmp)


def test_todays_date_before_the_signing(tmp_path: Path, cli: CommandLine) -> None:
    text = SHIPPED.replace("tecknat = 2022-06-14", "tecknat = 2199-01-01")
    inputs = folder(tmp_path, text)
    today = __import__("report.format", fromlist=["long_date"]).long_date(
        __import__("datetime").date.today()
    )
    message = (
        f"Dagens datum ({today}) ligger före den dag löftet tecknades (1 januari 2199, "
        f"[lofte] tecknat i {inputs / 'medborgarlofte.toml'}). Rätta tecknat om datumet är "
        "fel, eller ange rapportdatumet med DATE=ÅÅÅÅ-MM-DD.\n"
    )
    for command in ("report", "check"):
        got = cli(command, "--inputs", str(inputs), "--outputs", str(tmp_path / "ut"))
        assert (got.code, got.err) == (EXIT_USAGE, message), command


# --- the machine it runs on ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("raised", "message"),
    [
        (
            OSError("cannot load library 'libpango-1.0-0': libpango-1.0-0: cannot open"),
            "Ett systembibliotek som PDF-motorn WeasyPrint behöver saknas (libpango-1.0-0). "
            "På Ubuntu/Debian (även WSL): sudo apt install libpango-1.0-0 libpangoft2-1.0-0 "
            "libharfbuzz-subset0 – och kör sedan kommandot igen.\n",
        ),
        (
            ImportError("No module named 'weasyprint'"),
            "Python-paketet weasyprint saknas, så PDF:en kan inte byggas. Kör `make setup` "
            "(eller `make report`, som installerar det) i projektets mapp.\n",
        ),
    ],
)
def test_missing_pdf_engine_says_what_to_install(
    raised: Exception,
    message: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    cli: CommandLine,
) -> None:
    import builtins

    real_import = builtins.__import__

    def fake_import(name, *args, **kwargs):
        if name == "weasyprint":
            raise raised
        return real_import(name, *args, **kwargs)

    monkeypatch.delitem(__import__("sys").modules, "weasyprint", raising=False)
    monkeypatch.setattr(builtins, "__import__", fake_import)
    inputs = folder(tmp_path)
    got = cli("--inputs", str(inputs), "--outputs", str(tmp_path / "ut"), "--date", DATE)
    assert (got.code, got.err) == (EXIT_USAGE, message)


def test_an_old_python_is_told_what_to_do(tmp_path: Path) -> None:
    """__main__ checks the version before importing anything that needs 3.11."""
    import subprocess
    import sys

    source = (PROMISE.parent.parent / "report" / "__main__.py").read_text(encoding="utf-8")
    fake = source.replace("sys.version_info < (3, 11)", "sys.version_info < (99, 0)")
    script = tmp_path / "main.py"
    script.write_text(fake.replace("from .cli import main", "main = None"), encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True)
    assert done.returncode == EXIT_USAGE
    assert done.stderr.startswith("Verktyget behöver Python 3.11 eller senare, men det här är")
    assert "sudo apt install python3 python3-venv" in done.stderr


def test_a_write_that_fails_midway_is_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: CommandLine
) -> None:
    """The folder was writable when the run started, but the disk filled up (or a network
    drive went away) before the PDF was written: a message, not an internal error."""
    outputs = tmp_path / "ut"

    def full(target: Path, _data: bytes) -> None:
        raise OSError(28, "No space left on device", str(target))

    monkeypatch.setattr("report.output.files.write_atomically", full)
    inputs = folder(tmp_path)
    got = cli("--inputs", str(inputs), "--outputs", str(outputs), "--date", DATE, "-q")
    assert (got.code, got.err) == (
        EXIT_USAGE,
        f"Inget kan skrivas i {outputs}: disken är full. Välj en mapp du kan skriva i med "
        "OUTPUTS=... (--outputs), eller be om behörighet. Ingen ny rapport skrevs.\n",
    )


def test_ctrl_c_is_an_interruption_not_an_internal_error(
    tmp_path, monkeypatch, cli: CommandLine
) -> None:
    """Ctrl-C is the analyst's own doing: exit 130 with a Swedish sentence, never exit 3, and
    nothing written (a previous report stays)."""
    inputs = folder(tmp_path)
    outputs = tmp_path / "out"
    outputs.mkdir()
    (outputs / "tidigare.pdf").write_bytes(b"%PDF-1.7 old")

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("report.app.cli.build_report", interrupted)
    result = cli("--inputs", str(inputs), "--outputs", str(outputs), "--date", DATE)
    assert result.code == 130 != EXIT_INTERNAL
    assert result.err == "Avbrutet. Ingen ny rapport skrevs; en tidigare rapport ligger kvar.\n"
    assert sorted(p.name for p in outputs.iterdir()) == ["tidigare.pdf"]


def test_a_survey_the_report_does_not_know_is_built_and_said(
    tmp_path: Path, cli: CommandLine
) -> None:
    """Another survey (Lupp, a region's own) or a typo: the promise is accepted (issue 12
    follows promises with other surveys), and check names the survey and the known ones."""
    text = SHIPPED.replace(
        'undersokning = "Elevers drogvanor"', 'undersokning = "Elevers drogvanr"'
    )
    assert text != SHIPPED
    inputs = folder(tmp_path, text)
    result = cli("check", "--inputs", str(inputs), "--date", DATE)
    assert result.code == EXIT_OK, result.out + result.err
    assert "Undersökningen ”Elevers drogvanr” (ed-" in result.out
    assert "liknar ”Elevers drogvanor” men är inte stavad som den" in result.out
    lupp = folder(
        tmp_path / "lupp", SHIPPED.replace('undersokning = "ELSA"', 'undersokning = "Lupp"')
    )
    result = cli("check", "--inputs", str(lupp), "--date", DATE)
    assert result.code == EXIT_OK, result.out + result.err
    assert "Lupp" not in result.out.split("Löftesfil")[0] and "liknar" not in result.out
