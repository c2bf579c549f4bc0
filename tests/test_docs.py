"""README stays true: every accepted column name and exit code is documented."""

from __future__ import annotations

from report import errors
from report.kinds.registry import all_columns
from report.promise import _SECTION_KEYS
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


def test_every_promise_section_and_field_is_documented() -> None:
    for section, (required, optional) in _SECTION_KEYS.items():
        assert f"[{section}]" in README, section
        if section == "kolumnalias":
            continue
        for key in required | optional:
            assert f"`{key}`" in README, (section, key)


def test_exit_codes_are_documented() -> None:
    for code in (errors.EXIT_OK, errors.EXIT_INPUT, errors.EXIT_USAGE, errors.EXIT_INTERNAL):
        assert f"| {code} |" in README


def test_every_command_and_new_file_is_documented() -> None:
    from report.cli import COMMANDS

    for command in COMMANDS:
        assert f"`make {command}" in README, command
    for name in (
        "aktivitetslogg-mall.xlsx",
        "enkat-mall.xlsx",
        "kommentarer.md",
        "<löftets id>-<år>.html",
        "<löftets id>-<år>-underlag.xlsx",
        "`*.csv`",
        "`*.ods`",
        "V=1",
    ):
        assert name in README, name


def test_every_commentary_heading_of_the_shipped_promise_is_documented() -> None:
    from report.commentary import report_sections
    from report.promise import load_promise
    from tests.helpers import PROMISE

    for section in report_sections(load_promise(PROMISE)):
        assert f"`# {section.title}`" in README or section.id.startswith("fokus-"), section
    assert "`# Trafikmiljön`" in README


def test_accepted_files_and_the_unpacked_limit_are_documented() -> None:
    from report.load import DEFAULT_MAX_UNPACKED_MB, EXPORT_SUFFIXES, NOT_WORKBOOK_SUFFIXES

    for suffix in (".xlsx", ".xls", ".ods", ".csv"):  # .xlsm goes without saying
        assert suffix in EXPORT_SUFFIXES and f"`*{suffix}`" in README, suffix
    for suffix in (".html", ".xlsb"):
        assert suffix in NOT_WORKBOOK_SUFFIXES and f"`{suffix}`" in README, suffix
    assert f"{DEFAULT_MAX_UNPACKED_MB:,} MB".replace(",", " ") in README
    assert "MAX_UNPACKED_MB=" in README and "--max-unpacked-mb" in README
