"""Nothing leaks: planted markup, local-file URLs, personal identity numbers and free text
from the exports never reach the PDF, its attachments or the HTML, and the URL fetcher is
never asked for a file outside the project.

One report is built (through the command line) from exports with everything planted at
once; the tests below each check one promise about it.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pikepdf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from report.app.cli import main
from report.errors import EXIT_OK
from report.inputs.kinds.screening import is_personal_number, personal_number_cells
from report.inputs.sheets import RawSheet
from report.output import outputs as outputs_module
from report.output import pdf as pdf_module
from report.output.pdf import layout_pdf, write_pdf
from report.output.render import TEMPLATES
from tests.helpers import PROMISE, SURVEY_HEADER, activity_rows, checksums, write_workbook

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) saknas"
)

IMG = '<img src="file:///etc/passwd">'
LINK = '<link rel=attachment href="file:///etc/passwd">'
CSS = '<p style="background: url(file:///etc/passwd)">bakgrund</p>'
SHEET_TAG = "<b onmouseover=x>Logg"  # a sheet name cannot hold '/', so no URL here
# Valid check digits (Luhn), so each is a real-looking personal identity number.
PERSONAL_NUMBERS = ("811218-9876", "19811218+9876", "201001011236")
FREE_TEXT = (
    "Pratade med Kalle Hemligsson om saken",
    "Storgatan 7 hos familjen Hemligsson",
    "Handläggare Stina Dold",
)
DAY = dt.date(2023, 5, 4)


@dataclass(frozen=True)
class Planted:
    code: int
    out: str
    err: str
    pdf: Path
    underlag: Path
    html: str
    fetchers: list
    inputs_before: dict[str, str]
    inputs_after: dict[str, str]


def planted_promise() -> str:
    """The shipped promise with markup in a focus area's name, an activity's name and an
    indicator's label: text from the promise file reaches the PDF in many places."""
    text = PROMISE.read_text(encoding="utf-8")
    for old, planted_text in (
        ('namn = "Trafikmiljön"', IMG),
        ('namn = "Trafikkontroller"', LINK),
        ('namn = "känner sig trygga i skolan"', CSS),
    ):
        assert old in text, old
        text = text.replace(old, f'{old[:-1]} {toml_safe(planted_text)}"', 1)
    return text


def toml_safe(text: str) -> str:
    return text.replace('"', "'")


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> Planted:
    root = tmp_path_factory.mktemp("planted")
    inputs = root / "inputs"
    inputs.mkdir()
    (inputs / "medborgarlofte.toml").write_text(planted_promise(), encoding="utf-8")
    header = (*activity_rows()[0], "Handläggare")
    write_workbook(
        inputs / "kommunen.xlsx",
        {
            SHEET_TAG: [
                header,
                [DAY, "SSP", 1, "", FREE_TEXT[1], FREE_TEXT[0], FREE_TEXT[2]],
                [DAY, "Trafikkontroll", 2, "", "", f"Samtal med {PERSONAL_NUMBERS[0]}", ""],
                [DAY, "SSP", 1, "", "", "", PERSONAL_NUMBERS[1]],
            ],
            "Gömt": [["Personnummer"], [PERSONAL_NUMBERS[2]]],
        },
        hidden=["Gömt"],
    )
    write_workbook(
        inputs / "enkat.xlsx",
        {
            "Data": [
                SURVEY_HEADER,
                [2023, "ELSA", "åk 7", "Alla", "elsa-trygg", 80, 99, ""],
                [2023, "ELSA", "åk 7", "Alla", IMG, 10, 99, ""],
                [2023, "ELSA", "åk 7", "Alla", CSS, 10, 99, ""],
                [2023, "ELSA", "åk 7", "Alla", LINK, 10, 99, ""],
            ]
        },
    )
    html: list[str] = []
    fetchers: list = []
    real_render_html, real_make_fetcher = outputs_module.render_html, pdf_module.make_fetcher

    def spy_html(*args, **kwargs):
        html.append(real_render_html(*args, **kwargs))
        return html[-1]

    def spy_fetcher(*args, **kwargs):
        fetchers.append(real_make_fetcher(*args, **kwargs))
        return fetchers[-1]

    before = checksums(inputs)
    out, err = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(outputs_module, "render_html", spy_html)
        patch.setattr(pdf_module, "make_fetcher", spy_fetcher)
        code = main(
            ["--inputs", str(inputs), "--outputs", str(root / "outputs"), "--date", "2026-11-25"],
            stdout=out,
            stderr=err,
        )
    return Planted(
        code,
        out.getvalue(),
        err.getvalue(),
        root / "outputs" / "hagfors-lpo-torsby-2023.pdf",
        root / "outputs" / "hagfors-lpo-torsby-2023-underlag.xlsx",
        html[0] if html else "",
        fetchers,
        before,
        checksums(inputs),
    )


def pdf_text(pdf: Path) -> str:
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    return " ".join(text.replace("\u00a0", " ").split())


def test_the_planted_report_is_built(planted: Planted) -> None:
    assert planted.code == EXIT_OK, planted.err
    assert planted.err == ""
    assert planted.pdf.read_bytes().startswith(b"%PDF-")
    assert planted.underlag.exists()


def test_inputs_are_never_modified(planted: Planted) -> None:
    assert planted.inputs_after == planted.inputs_before
    assert len(planted.inputs_before) == 3


def test_markup_in_the_html_is_escaped(planted: Planted) -> None:
    html = planted.html
    for planted_text in (IMG, LINK, CSS, SHEET_TAG):
        assert planted_text not in html
    assert "&lt;img src=&#34;file:///etc/passwd&#34;&gt;" in html
    assert "&lt;b onmouseover=x&gt;Logg" in html
    assert "url(file:///etc/passwd)" in html  # as text inside an escaped <p>, not as CSS
    assert "&lt;p style=" in html


def test_the_fetcher_was_never_asked_for_a_local_file(planted: Planted) -> None:
    (fetcher,) = planted.fetchers
    assert fetcher.fetched, "the fetcher served the project's own files"
    for url in fetcher.fetched + fetcher.refused:
        assert "passwd" not in url and "/etc/" not in url
    assert fetcher.refused == []


def attachments_of(pdf: Path) -> dict[str, bytes]:
    with pikepdf.open(pdf) as document:
        return {name: spec.get_file().read_bytes() for name, spec in document.attachments.items()}


def test_attachments_hold_only_our_own_numbers(planted: Planted) -> None:
    """The report embeds its own CSV files and the promise file; nothing fetched from a
    planted <link rel=attachment>, no free text, no personal number."""
    files = attachments_of(planted.pdf)
    assert files, "the report's own data files are attached"
    assert all(name.endswith((".csv", ".toml")) for name in files)
    for name, data in files.items():
        text = data.decode("utf-8")
        assert "root:x:0:0" not in text, name
        for secret in (*FREE_TEXT, *PERSONAL_NUMBERS, "Hemligsson"):
            assert secret not in text, (name, secret)
    assert b"root:x:0:0" not in planted.pdf.read_bytes()


@needs_poppler
def test_planted_markup_appears_as_plain_text(planted: Planted) -> None:
    text = pdf_text(planted.pdf)
    assert "<b onmouseover=x>Logg" in text  # the sheet name, in Om underlaget
    assert f"Trafikmiljön {toml_safe(IMG)}" in text  # a focus area's name
    assert "root:x:0:0" not in text


@needs_poppler
def test_personal_numbers_never_reach_the_pdf(planted: Planted) -> None:
    text = pdf_text(planted.pdf)
    digits = text.replace("-", "").replace("+", "").replace(" ", "")
    for number in PERSONAL_NUMBERS:
        assert number not in text
        assert number not in planted.html
        assert number.replace("-", "").replace("+", "")[-10:] not in digits


@needs_poppler
def test_free_text_never_reaches_the_pdf_or_html(planted: Planted) -> None:
    text = pdf_text(planted.pdf)
    for free in FREE_TEXT:
        assert free not in text
        assert free not in planted.html
    assert "Hemligsson" not in text and "Stina" not in text


def test_nothing_private_or_active_reaches_the_html_preview(planted: Planted) -> None:
    """The standalone HTML (for the municipality's web site) is published too."""
    page = planted.pdf.with_suffix(".html").read_text(encoding="utf-8")
    for secret in (*FREE_TEXT, *PERSONAL_NUMBERS, "Hemligsson", "root:x:0:0"):
        assert secret not in page, secret
    for planted_text in (IMG, LINK, CSS, SHEET_TAG, toml_safe(IMG), toml_safe(LINK)):
        assert planted_text not in page, planted_text
    assert "&lt;b onmouseover=x&gt;Logg" in page


def test_nothing_private_reaches_the_underlag_workbook(planted: Planted) -> None:
    book = openpyxl.load_workbook(planted.underlag)
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    texts = [str(cell.value) for cell in cells if cell.value is not None]
    assert texts
    everything = "\n".join(texts)
    for secret in (*FREE_TEXT, *PERSONAL_NUMBERS, "Hemligsson", "Stina"):
        assert secret not in everything, secret
    assert "root:x:0:0" not in everything
    for cell in cells:  # formula-like text is stored as text
        if isinstance(cell.value, str) and cell.value.startswith(("=", "+", "-", "@")):
            assert cell.data_type == "s", cell.coordinate


WARNING = (
    "VARNING – personuppgifter: kommunen.xlsx, bladet ”{sheet}”, cell {cells}: ser ut att "
    "innehålla personnummer. Exporten innehåller alltså personuppgifter, och sådana ska "
    "inte ligga i den här mappen. Ta bort dem ur exporten (eller be om en export utan "
    "dem) och radera filen när rapporten är klar. Rapporten visar aldrig numren."
)


def test_personal_numbers_are_warned_about_by_cell(planted: Planted) -> None:
    visible = WARNING.format(sheet=SHEET_TAG, cells="F3, G4")
    hidden = WARNING.format(sheet="Gömt", cells="A2")
    assert f"  - {visible}\n" in planted.out
    assert f"  - {hidden}\n" in planted.out
    for number in PERSONAL_NUMBERS:
        assert number not in planted.out


@needs_poppler
def test_the_notes_reach_the_report(planted: Planted) -> None:
    text = pdf_text(planted.pdf)
    assert "kommunen.xlsx: bladet ”Gömt” är dolt och lästes inte." in text
    assert WARNING.format(sheet="Gömt", cells="A2") in text
    assert "kommunen.xlsx: bladet ”Gömt” är dolt och lästes inte." in planted.out


def test_the_fetcher_refuses_local_files_and_the_network(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Raw HTML that asks for local files and the network (what unescaped cell text could
    do): every such request is refused, and nothing is embedded."""
    fetchers = []
    real = pdf_module.make_fetcher
    monkeypatch.setattr(
        pdf_module, "make_fetcher", lambda *args: fetchers.append(real(*args)) or fetchers[-1]
    )
    secret = tmp_path / "hemlig.txt"
    secret.write_text("HEMLIGT INNEHÅLL", encoding="utf-8")
    html = (
        '<html lang="sv"><head><title>t</title>'
        f'<meta name="dcterms.created" content="2026-11-25">{LINK}'
        f'<link rel="attachment" href="{secret.as_uri()}">'
        '<link rel="stylesheet" href="https://example.invalid/x.css">'
        "<style>body { background: url(file:///etc/passwd) }</style></head>"
        f'<body><p>Text</p>{IMG}<img src="{secret.as_uri()}" alt="x">'
        '<img src="http://127.0.0.1:9/x.png" alt="y"></body></html>'
    )
    pdf = write_pdf(layout_pdf(html, base_url=TEMPLATES, allowed_dirs=(TEMPLATES,)), "t")
    (fetcher,) = fetchers
    assert fetcher.fetched == []
    assert set(fetcher.refused) == {
        "file:///etc/passwd",
        secret.as_uri(),
        "https://example.invalid/x.css",
        "http://127.0.0.1:9/x.png",
    }
    assert b"HEMLIGT" not in pdf and b"root:x:0:0" not in pdf
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    assert attachments_of(path) == {}


# --- the personal-number scan itself ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("811218-9876", True),
        ("811218+9876", True),
        ("19811218-9876", True),
        ("198112189876", True),
        ("Samtal med 811218-9876 i dag", True),
        ("811278-9873", True),  # coordination number (day + 60)
        ("811218-9877", False),  # wrong check digit
        ("8112189876", False),  # ten digits without a separator: too many false alarms
        ("811318-9876", False),  # month 13
        ("2023-06-14", False),
        ("ärende 2023-123456", False),
        ("1811218-9876", False),
        ("20230614-12345", False),
    ],
)
def test_personal_number_shapes(text: str, found: bool) -> None:
    sheet = RawSheet("f.xlsx", "Blad1", [["Rubrik", "Annat"], [1.0, text]])
    assert personal_number_cells(sheet) == ([(1, 1)] if found else [])


def test_personal_number_as_a_whole_number_after_an_equal_integer() -> None:
    # An integer cell is never scanned, but an equal float after it is: values are told
    # apart by type when a column mixes number types.
    rows = [["Rubrik"], [198112189876], [198112189876.0], [True], [1.0]]
    assert personal_number_cells(RawSheet("f.xlsx", "Blad1", rows)) == [(2, 0)]


def test_personal_number_typed_as_a_number_and_ragged_rows() -> None:
    sheet = RawSheet(
        "f.xlsx",
        "Blad1",
        [["a"], [], [None, 198112189876.0, "x"], [dt.date(2023, 1, 1), 5.0, "811218-9876"]],
    )
    assert personal_number_cells(sheet) == [(2, 1), (3, 2)]


def test_luhn() -> None:
    assert is_personal_number("8112189876")
    assert not is_personal_number("8112189875")


def test_personal_number_scan_in_blocks_keeps_cell_addresses(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from report.inputs.kinds import screening

    monkeypatch.setattr(screening, "_SCAN_BLOCK_CELLS", 3)
    rows = [["x", None] for _ in range(10)]
    rows[2][1], rows[3][0], rows[9][1] = "811218-9876", 198112189876.0, "19811218+9876"
    assert personal_number_cells(RawSheet("f.xlsx", "Blad1", rows)) == [(2, 1), (3, 0), (9, 1)]


def _reference_personal_number_cells(rows: list[list[object]]) -> list[tuple[int, int]]:
    """The scan as it was before it went column by column: every cell of every row."""
    width = max(map(len, rows), default=0)
    found = []
    for r, row in enumerate(rows):
        for c, cell in enumerate([*row, *([None] * (width - len(row)))]):
            text = (
                cell
                if cell.__class__ is str
                else f"{cell:.0f}"
                if cell.__class__ is float and 1.8e11 <= cell < 2.1e11
                else ""
            )
            if any(
                is_personal_number((m.group(1) or m.group(2)) + m.group(3))
                for m in _PATTERN.finditer(text.encode())
            ):
                found.append((r, c))
    return found


_PATTERN = re.compile(rb"(?<![\d-])(?:(?:18|19|20)(\d{6})[-+]?|(\d{6})[-+])(\d{4})(?!\d)")
_CELLS = st.one_of(
    st.sampled_from(
        [
            "811218-9876",
            "19811218+9876",
            "198112189876",
            "811218-9877",
            "x",
            "ärende 811218-9876 igen",
            "",
            " ",
            "2023-06-14",
            "Polisen",
        ]
    ),
    st.sampled_from([198112189876.0, 198112189877.0, 198112189876, 5.0, 1.0, True, None]),
    st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 1, 1)),
    st.text(alphabet="0123456789-+ x", max_size=14),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(_CELLS, max_size=4), max_size=12), st.integers(1, 5))
def test_personal_number_scan_finds_what_a_cell_by_cell_scan_finds(
    rows: list[list[object]], block: int
) -> None:
    from report.inputs.kinds import screening

    original = screening._SCAN_BLOCK_CELLS
    screening._SCAN_BLOCK_CELLS = block  # small blocks: text and other blocks in a column
    try:
        found = personal_number_cells(RawSheet("f.xlsx", "Blad1", rows))
    finally:
        screening._SCAN_BLOCK_CELLS = original
    assert found == _reference_personal_number_cells(rows)
