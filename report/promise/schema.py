"""The promise file's sections and fields, declared once: for each field its section, key,
type, range, default and meaning. The structure check (which sections and keys exist and
which are required), the reading of every value and the README's table of the promise file
(checked by tests/test_docs.py) all follow this table.
"""

from __future__ import annotations

from report.promise.fields import Field, PromiseSection, Type
from report.promise.types import COUNT, EVENT_LOG, INDEX, RATE, SHARE, STATISTICS
from report.vocabulary import normalize_label, parse_responsible

# [[utfall]] kalla and enhet: the words accepted, folded, and what they mean.
SOURCES = {
    "händelselogg": EVENT_LOG,
    "handelselogg": EVENT_LOG,
    "statistik": STATISTICS,
    "statistiktabell": STATISTICS,
}
UNITS = {
    "antal": COUNT,
    "per 1 000 invånare": RATE,
    "per 1000 invånare": RATE,
    "per 1 000 inv.": RATE,
    "index": INDEX,
    "andel": SHARE,
}


def _source(text: str) -> str | None:
    return SOURCES.get(normalize_label(text))


def _unit(text: str) -> str | None:
    return UNITS.get(normalize_label(text))


def _parties(text: str) -> str | None:
    """The text as written, when it names the police, the municipality or both."""
    return text if parse_responsible(text) else None


def _fields(section: str, *rows: tuple) -> tuple[Field, ...]:
    return tuple(Field(section, *row) for row in rows)


T = Type
SECTIONS: tuple[PromiseSection, ...] = (
    PromiseSection(
        "lofte",
        entries=False,
        required=True,
        fields=_fields(
            "lofte",
            ("id", T.ID, "används i filnamnet, a–z, 0–9, -"),
            ("titel", T.TEXT, "löftets titel"),
            ("kommun", T.TEXT, "kommunens namn"),
            ("tecknat", T.DATE, "datum då löftet gäller från"),
            ("period_ar", T.WHOLE, "löftesperiodens längd i år", False, 1, 50, 2),
            (
                "uppfoljningsforum",
                T.TEXT_OR_EMPTY,
                "försättsbladets ”Uppföljning till …”; utan det står ”Årlig uppföljning”",
                False,
                0,
                0,
                "",
            ),
            (
                "redovisas_i",
                T.TEXT_OR_EMPTY,
                "planen där antalet per part redovisas: avsnittets rubrik blir ”Redovisning "
                "till” och det första ordet, t.ex. ”Redovisning till genomförandeplanen”; "
                "utan det ”Redovisning per ansvarig part”",
                False,
                0,
                0,
                "",
            ),
        ),
    ),
    PromiseSection(
        "parter",
        entries=True,
        required=True,
        noun="Part",
        definite="Parten",
        one="en part",
        fields=_fields(
            "parter",
            ("namn", T.TEXT, "partens namn"),
            ("undertecknare", T.TEXT, "den som skrev under"),
            ("roll", T.TEXT, "undertecknarens roll"),
            ("ort", T.TEXT, "orten där löftet skrevs under"),
            ("datum", T.DATE, "dagen partens undertecknare skrev under"),
        ),
    ),
    PromiseSection(
        "bedomning",
        entries=False,
        required=False,
        fields=_fields(
            "bedomning",
            ("genomford_fran_procent", T.PERCENT, "genomförd från", False, 1, 1000, 100),
            ("delvis_fran_procent", T.PERCENT, "delvis genomförd från", False, 0, 1000, 50),
        ),
    ),
    PromiseSection(
        "enkater",
        entries=False,
        required=False,
        fields=_fields(
            "enkater",
            (
                "minsta_antal_svarande",
                T.WHOLE,
                "färre svarande än så visas inte",
                False,
                1,
                10_000,
                10,
            ),
        ),
    ),
    # Keys of their own: every column key of the kinds of input, and years.
    PromiseSection("kolumnalias", entries=False, required=False, fields=()),
    PromiseSection("befolkning", entries=False, required=False, fields=()),
    PromiseSection(
        "fokusomraden",
        entries=True,
        required=True,
        noun="Fokusområde",
        definite="Fokusområdet",
        one="ett fokusområde",
        fields=_fields(
            "fokusomraden",
            ("id", T.ID, "fokusområdets id"),
            ("namn", T.TEXT, "fokusområdets namn"),
        ),
    ),
    PromiseSection(
        "aktiviteter",
        entries=True,
        required=True,
        noun="Aktivitet",
        definite="Aktiviteten",
        one="en aktivitet",
        fields=(
            *_fields(
                "aktiviteter",
                ("id", T.ID, "aktivitetens id"),
                ("fokusomrade", T.TEXT, "id för fokusområdet den hör till"),
                ("namn", T.TEXT, "aktivitetens namn"),
                ("formulering", T.LONG_TEXT, "löftets text"),
            ),
            Field(
                "aktiviteter",
                "ansvarig",
                T.CHOICE,
                "Polisen / Kommunen / båda",
                choose=_parties,
                choices="skriv Polisen, Kommunen eller båda (t.ex. ”Kommunen och polisen”).",
            ),
            *_fields(
                "aktiviteter",
                ("mal_per_ar", T.WHOLE, "målet per år", True, 0, 100_000),
                ("alias", T.TEXTS, "andra namn på aktiviteten i exporterna (lista)", False),
            ),
        ),
    ),
    PromiseSection(
        "indikatorer",
        entries=True,
        required=False,
        noun="Indikator",
        definite="Indikatorn",
        one="en indikator",
        fields=_fields(
            "indikatorer",
            ("id", T.ID, "indikatorns id"),
            ("namn", T.TEXT, "”andel elever som …”"),
            ("undersokning", T.TEXT, "undersökningen"),
            ("lagre_ar_battre", T.BOOL, "true/false"),
            ("huvudindikator", T.BOOL, "true/false: egna sidor i rapporten", False, 0, 0, False),
        ),
    ),
    PromiseSection(
        "utfall",
        entries=True,
        required=False,
        noun="Utfall",
        definite="Utfallet",
        one="ett utfall",
        fields=(
            *_fields(
                "utfall",
                ("id", T.ID, "utfallets id"),
                ("namn", T.TEXT, "utfallets namn"),
                ("fokusomrade", T.TEXT, "id för fokusområdet det hör till"),
            ),
            Field(
                "utfall",
                "kalla",
                T.CHOICE,
                "”händelselogg” eller ”statistik”",
                choose=_source,
                choices="skriv ”händelselogg” (räknas ur en händelselogg) eller ”statistik” "
                "(värden ur en statistiktabell).",
            ),
            Field(
                "utfall",
                "enhet",
                T.CHOICE,
                "”antal”, ”per 1 000 invånare”, ”index” eller ”andel”",
                choose=_unit,
                choices="skriv ”antal”, ”per 1 000 invånare”, ”index” eller ”andel”.",
            ),
            *_fields(
                "utfall",
                ("lagre_ar_battre", T.BOOL, "true/false"),
                ("handelsetyper", T.TEXTS, "lista; krävs för en händelselogg", False),
                (
                    "indikator",
                    T.TEXT_OR_EMPTY,
                    "för statistik: indikatorns namn i statistiktabellen, standard `namn`",
                    False,
                ),
            ),
        ),
    ),
)


def section(name: str) -> PromiseSection:
    return next(s for s in SECTIONS if s.name == name)
