"""README stays true: every accepted column name and exit code is documented."""

from __future__ import annotations

from report import errors
from report.inputs.kinds import registry
from report.inputs.kinds.registry import all_columns
from report.promise.schema import SECTIONS
from tests.helpers import PROJECT

README = (PROJECT / "README.md").read_text(encoding="utf-8")


def test_readme_starts_with_the_two_commands() -> None:
    head = README[:600]
    assert "make report" in head and "make test" in head


def test_every_column_and_alias_is_documented() -> None:
    for column in all_columns():
        row = next(
            (line for line in README.splitlines() if line.startswith(f"| {column.title} |")), None
        )
        assert row is not None, column.title
        for alias in column.aliases:
            assert f"`{alias}`" in row, (column.title, alias)


def column_table_after(heading: str) -> list[list[str]]:
    """The cells of the rows of the first table below the README heading starting so."""
    lines = README.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(heading))
    rows = []
    for line in lines[start + 1 :]:
        if line.startswith("#"):
            break
        if line.startswith("|---"):
            continue
        if line.startswith("| "):
            rows.append([cell.strip() for cell in line.strip("|").split("|")])
        elif rows:
            break
    return rows[1:]  # without the header row


def test_readme_column_tables_follow_the_registry() -> None:
    """Every kind with columns of its own has a table under its heading ('### Aktivitetslogg',
    '### Enkätdata'), with its columns in order, required or not, and every alias."""
    documented = []
    for kind in registry.KINDS:
        if kind.columns in documented:  # the wide survey layout shares the survey's columns
            continue
        documented.append(kind.columns)
        rows = column_table_after(f"### {kind.name[0].upper()}{kind.name[1:]}")
        assert [row[0] for row in rows] == [c.title for c in kind.columns], kind.name
        for row, column in zip(rows, kind.columns, strict=True):
            assert row[1] == ("ja" if column.required else "nej"), column.title
            assert row[2].split(", ") == [f"`{a}`" for a in column.aliases], column.title
    assert len(documented) == 4


def test_every_promise_section_and_field_is_documented() -> None:
    """Each section of the field table (report/promise/schema.py) has a row in the README's
    table of the promise file, naming every field of the section."""
    rows = {
        line.split("|")[1].strip(): line for line in README.splitlines() if line.startswith("| `[")
    }
    for section in SECTIONS:
        row = rows.get(f"`{section.brackets}`")
        assert row is not None, section.name
        for field in section.fields:
            assert f"`{field.key}`" in row, (section.name, field.key)


def test_exit_codes_are_documented() -> None:
    for code in (errors.EXIT_OK, errors.EXIT_INPUT, errors.EXIT_USAGE, errors.EXIT_INTERNAL):
        assert f"| {code} |" in README


def test_every_command_and_new_file_is_documented() -> None:
    from report.app.cli import COMMANDS

    for command in COMMANDS:
        assert f"`make {command}" in README, command
    for name in (
        "aktivitetslogg-mall.xlsx",
        "enkat-mall.xlsx",
        "handelselogg-mall.xlsx",
        "statistik-mall.xlsx",
        "kommentarer.md",
        "<löftets id>-<år>.html",
        "<löftets id>-<år>-underlag.xlsx",
        "`*.csv`",
        "`*.ods`",
        "V=1",
    ):
        assert name in README, name


def test_every_commentary_heading_of_the_shipped_promise_is_documented() -> None:
    from report.inputs.promise_file import load_promise
    from report.output.commentary import report_sections
    from tests.helpers import PROMISE

    for section in report_sections(load_promise(PROMISE)):
        assert f"`# {section.title}`" in README or section.id.startswith("fokus-"), section
    assert "`# Trafikmiljön`" in README


def test_accepted_files_and_the_unpacked_limit_are_documented() -> None:
    from report.inputs.folder import EXPORT_SUFFIXES, NOT_WORKBOOK_SUFFIXES
    from report.inputs.workbook import DEFAULT_MAX_UNPACKED_MB

    for suffix in (".xlsx", ".xls", ".ods", ".csv"):  # .xlsm goes without saying
        assert suffix in EXPORT_SUFFIXES and f"`*{suffix}`" in README, suffix
    for suffix in (".html", ".xlsb"):
        assert suffix in NOT_WORKBOOK_SUFFIXES and f"`{suffix}`" in README, suffix
    assert f"{DEFAULT_MAX_UNPACKED_MB:,} MB".replace(",", " ") in README
    assert "MAX_UNPACKED_MB=" in README and "--max-unpacked-mb" in README
