"""The registry of kinds of input: what each kind declares, that header detection, the
templates and the promise file's [kolumnalias] follow it, and that a new kind plugs in
through its own module and the registry alone."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from openpyxl import load_workbook

from report.errors import InputError
from report.inputs.dataset import Dataset, SourceSheet
from report.inputs.kinds import activity, events, registry, statistics, survey_long, survey_wide
from report.inputs.kinds.base import (
    Column,
    Header,
    Kind,
    Parsed,
    alias_table,
    find_header,
    keyed_candidate,
)
from report.inputs.kinds.cells import SheetInput, body_rows
from report.inputs.promise_file import load_promise
from report.inputs.sheets import RawSheet
from report.inputs.validate import validate_workbooks
from report.inputs.workbook import read_workbook
from report.output.excel_templates import template_bytes
from report.vocabulary import normalize_label
from tests.helpers import PROMISE, REPORT_DATE, activity_rows, write_workbook

PROMISE_MODEL = load_promise(PROMISE)


def sheet_of(*rows: list[Any]) -> RawSheet:
    return RawSheet("fil.xlsx", "Blad1", [list(r) for r in rows])


def test_the_registry_lists_the_six_kinds_in_order() -> None:
    assert [k.name for k in registry.KINDS] == [
        activity.ACTIVITY,
        survey_long.SURVEY,
        survey_wide.WIDE,
        events.EVENTS,
        statistics.STATISTICS,
        statistics.STATISTICS_WIDE,
    ]
    assert [t.name for t in registry.tables()] == ["activities", "survey", "events", "statistics"]


def test_every_kind_requires_columns_of_its_own() -> None:
    for kind in registry.KINDS:
        keys = {c.key for c in kind.columns}
        assert kind.required and set(kind.required) <= keys, kind.name


def test_no_header_text_names_two_columns() -> None:
    seen: dict[str, str] = {}
    for column in registry.every_column():
        for alias in (column.title, *column.aliases):
            key = seen.setdefault(normalize_label(alias), column.key)
            assert key == column.key, (alias, key, column.key)


@pytest.mark.parametrize(
    ("header", "kind"),
    [
        (["Datum", "Aktivitet", "Antal"], activity.ACTIVITY),
        (["År", "Undersökning", "Årskurs", "Kön", "Indikator", "Andel"], survey_long.SURVEY),
        (["Indikator", "Årskurs", "Kön", 2021, 2023], survey_wide.WIDE),
    ],
)
def test_each_kind_is_recognised_by_its_header_row(header: list[Any], kind: str) -> None:
    sheet = sheet_of(["Rapport"], header)
    found = registry.detect_header(sheet, registry.header_aliases(), REPORT_DATE)
    assert isinstance(found, Header)
    assert (found.kind, found.row) == (kind, 1)
    assert found.vocabulary == registry.kind_named(kind).columns


def aliased_promise(tmp_path: Path, keys: set[str]) -> Path:
    """The example's promise file with a [kolumnalias] entry for each key (and no other)."""
    text = PROMISE.read_text(encoding="utf-8")
    head, _, rest = text.partition("[kolumnalias]")
    rest = rest[rest.index("\n[") :] if "\n[" in rest else ""
    aliases = "".join(f'{key} = ["Egen rubrik för {key}"]\n' for key in sorted(keys))
    path = tmp_path / "medborgarlofte.toml"
    path.write_text(f"{head}[kolumnalias]\n{aliases}{rest}", encoding="utf-8")
    return path


def test_the_promise_file_may_alias_every_column_of_every_kind(tmp_path: Path) -> None:
    keys = {c.key for c in registry.all_columns()}
    promise = load_promise(aliased_promise(tmp_path, keys))
    assert {key for key, _ in promise.column_aliases} == keys
    with pytest.raises(InputError, match="okänt fält rond"):
        load_promise(aliased_promise(tmp_path, {"rond"}))


@pytest.mark.parametrize("kind", [k for k in registry.KINDS if k.template], ids=lambda k: k.name)
def test_every_template_has_the_columns_it_declares(kind) -> None:
    """A kind's template has its columns in the declared order; each column of the template
    has what the template needs (width, prompt)."""
    book = load_workbook(io.BytesIO(template_bytes(kind, PROMISE_MODEL)), read_only=True)
    first = next(book[kind.template.sheet].iter_rows(min_row=1, max_row=1, values_only=True))
    titles = {c.key: c.title for c in kind.columns}
    assert [v for v in first if v is not None] == [titles[k] for k in kind.template.columns]
    assert all(c.template for c in kind.columns if c.key in kind.template.columns)


def test_the_activity_and_survey_templates_take_every_column_of_their_kind() -> None:
    for kind in (activity.KIND, survey_long.KIND):
        assert kind.template is not None
        assert kind.template.columns == tuple(c.key for c in kind.columns)


# --- a fifth kind, added the way registry.py's docstring says --------------------------

ROUND_COLUMNS = (
    Column("rond", "Rond", "vaktlogg", True, ("rondtyp",), "Typ av rond."),
    Column("klocktid", "Klocktid", "vaktlogg", True, ("vaktens tid",), "När ronden gicks."),
)


def parse_rounds(given: SheetInput) -> Parsed:
    """A guard's rounds as events of the event log's table (one each)."""
    sheet, header = given.sheet, given.header
    rows = body_rows(sheet, header, given.screen)
    records = [
        (
            dt.date.fromisoformat(row[header.columns["klocktid"]]),
            None,
            row[header.columns["rond"]],
            1,
            sheet.file,
            sheet.name,
            excel_row,
        )
        for excel_row, row in rows
    ]
    frame = pd.DataFrame(records, columns=list(events.EVENT_FRAME_COLUMNS))
    return Parsed(frame, SourceSheet(sheet.file, sheet.name, "vaktlogg", len(rows), "–", "–"))


ROUNDS = Kind(
    name="vaktlogg",
    columns=ROUND_COLUMNS,
    required=("rond", "klocktid"),
    table=events.EVENT_TABLE,
    candidate=keyed_candidate(c.key for c in ROUND_COLUMNS),
    parse=parse_rounds,
)


def test_header_detection_takes_a_new_kind_from_the_list_it_is_given() -> None:
    sheet = sheet_of(["Rondtyp", "Vaktens tid"], ["Inbrott", "2024-05-01"])
    kinds = (*registry.KINDS, ROUNDS)
    table = {**registry.header_aliases(), **alias_table(ROUND_COLUMNS)}
    found = find_header(sheet, table, kinds, REPORT_DATE)
    assert isinstance(found, Header) and found.kind == "vaktlogg"
    assert registry.detect_header(sheet, registry.header_aliases(), REPORT_DATE) is None


def test_a_kind_added_to_the_registry_is_validated_into_the_table_it_declares(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(registry, "KINDS", (*registry.KINDS, ROUNDS))
    aliased = load_promise(aliased_promise(tmp_path, {"rond", "klocktid"}))
    assert {key for key, _ in aliased.column_aliases} == {"rond", "klocktid"}
    rounds = write_workbook(
        tmp_path / "ronder.xlsx",
        {
            "Ronder": [
                ["Rond", "Klocktid"],
                ["Inbrott", "2024-05-01"],
                ["Skadegörelse", "2024-06-02"],
            ]
        },
    )
    log = write_workbook(
        tmp_path / "logg.xlsx", {"Logg": activity_rows((dt.date(2024, 3, 1), "ssp", 1))}
    )
    dataset = validate_workbooks(
        [read_workbook(rounds), read_workbook(log)], PROMISE_MODEL, REPORT_DATE
    )
    assert dataset.events["type"].tolist() == ["Inbrott", "Skadegörelse"]
    assert len(dataset.activities) == 1
    assert [s.kind for s in dataset.sources] == ["vaktlogg", activity.ACTIVITY]


def test_every_table_of_the_kinds_is_a_field_of_the_dataset() -> None:
    fields = {f.name: f for f in dataclasses.fields(Dataset)}
    for table in registry.tables():
        assert table.name in fields, table.name
