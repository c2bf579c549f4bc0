"""Checks on the workbook file itself: file kinds, XML prologs, error cells and extents."""

from __future__ import annotations

import io
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from report.inputs import container


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"PK\x03\x04rest", "zip"),
        (bytes.fromhex("d0cf11e0a1b11ae1"), "ole"),
        (b"%PDF-1.7", "pdf"),
        (b"Datum;Aktivitet\n2023-01-02;SSP\n", "csv"),
        ("\ufeffDatum,Aktivitet\r\n".encode(), "csv"),
        (b"\t<html><body>", "html"),
        (b"<table><tr><td>1</td></tr></table>", "html"),
        (
            b'<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">',
            "xml2003",
        ),
        (b'<?xml version="1.0"?><root/>', "xml"),
        (b"Bara lite text", "text"),
        (bytes(range(256)), "unknown"),
    ],
)
def test_sniff(head: bytes, kind: str) -> None:
    assert container.sniff(head) == kind


@pytest.mark.parametrize(
    ("head", "declares"),
    [
        (b'<?xml version="1.0"?><root/>', False),
        (b'<?xml version="1.0"?>\n<!-- a comment -->\n<!DOCTYPE x [<!ENTITY a "b">]><r/>', True),
        (b'\xef\xbb\xbf<?xml version="1.0"?><!DOCTYPE x><r/>', True),
        ('<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x><r/>'.encode("utf-16"), True),
        (b'<?xml version="1.0"?><root><!DOCTYPE x></root>', False),  # not in the prolog
        (b"<!---->  <r/>", False),
        (b"\x89PNG\r\n\x1a\n", False),
        (b"", False),
        (b"<!-- " + b"x" * container.PROLOG_BYTES, None),  # prolog longer than we read
    ],
)
def test_prolog(head: bytes, declares: bool | None) -> None:
    assert container.prolog_declares_doctype(head[: container.PROLOG_BYTES]) is declares


def sheet_zip(xml: bytes) -> zipfile.ZipFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("s.xml", xml)
    return zipfile.ZipFile(buffer)


ERRORS = (
    b'<worksheet><sheetData><row r="1"><c r="A1" s="2" t="e"><f>1/0</f><v>#DIV/0!</v>'
    b'</c><c r="AB12" t="e"><v>#REF!</v></c><c r="C1" t="s"><v>1</v></c></row>'
    b'<x:c t="e" r="D4"><x:v>#N/A</x:v></x:c></sheetData></worksheet>'
)


@pytest.mark.parametrize("chunk", [7, 64, 4 * 1024 * 1024])
def test_error_cells_across_chunk_boundaries(chunk: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(container, "CHUNK", chunk)
    assert container.scan_sheet(sheet_zip(ERRORS), "s.xml").errors == [
        (0, 0, "#DIV/0!"),
        (11, 27, "#REF!"),
        (3, 3, "#N/A"),
    ]


@pytest.mark.parametrize(
    ("xml", "rows", "columns"),
    [
        (b'<row r="3"><c r="B3"/></row>', 3, 0),
        (b'<row r="2"><c r="XFD2"/></row><row r="1048576"><c r="A1048576"/></row>', 1048576, 16384),
        (b'<row r="1"><c r="A99999999"/></row>', 99999999, 0),  # a cell far below its row tag
        (b"<row r='1'><c r='zz1'/></row>", 1, 702),  # single quotes and lower case
        (b'<row r="1"><c\tr = "ZZZZ7"/></row>', 7, 475254),  # white space around "="
        (b'<row r="1"><c r="A1"/><c s="1"r="ABC1"/></row>', 1, 731),  # no space before r
    ],
)
def test_sheet_extent(xml: bytes, rows: int, columns: int) -> None:
    scan = container.scan_sheet(
        sheet_zip(b"<worksheet><sheetData>" + xml + b"</sheetData></worksheet>"), "s.xml"
    )
    assert (scan.rows, scan.columns) == (rows, columns)


# The numpy pass (_quick_scan) must find exactly what the regex pass finds whenever it
# answers at all; chunks it cannot decide go to the regex pass.
_FRAGMENTS = st.sampled_from(
    [
        b'<row r="',
        b'<c r="',
        b"<c r='",
        b'" s="1" t="s"><v>',
        b"</v></c>",
        b"</row>",
        b'"',
        b"'",
        b"r=",
        b'r="',
        b"r='",
        b"=",
        b" ",
        b"\t",
        b"\n",
        b"r",
        b"A",
        b"z",
        b"Q",
        b"AB",
        b"xfd",
        b"1",
        b"0",
        b"7",
        b"12",
        b"1048576",
        b"9999999",
        b"00000012",
        b"123456789012345678",
        b'xmlns:r="http://x"',
        b't="e"',
        b"<v>#REF!</v>",
        b"\x00",
        b">",
        b"<",
        b"x",
        b"5",
        b"12345",
        b't="',
        b"e",
        b"t",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_FRAGMENTS, max_size=40).map(b"".join))
def test_quick_extent_agrees_with_the_regex_pass(data: bytes) -> None:
    quick, has_errors = container._quick_scan(data + container._PADDING, len(data))
    exact = container.SheetScan([])
    container._regex_extent(data, exact)
    if quick is not None:
        assert (quick, 0) == (exact.rows, exact.columns)
    assert has_errors == (b't="e"' in data)


@pytest.mark.parametrize(
    ("data", "rows"),
    [
        (b'<row r="12"><c r="A12" s="1"><v>3</v></c><c r="E12" t="s"><v>4</v></c></row>', 12),
        (b'<row r="999999"><c r="A999999"/></row><row r="17"/>', 999999),  # not in order
        (b'<row r="5x"><c r="B3"/>', 0),  # not a row number: no closing quote
        (b'<row r="1"><c r="C0000001"/>', None),  # seven row digits: the regex pass decides
        (b'<row r="1"><c r="C123456"/><c r="D12345x7"/>', 1),  # six digits: no regex pass
        (b'<row r="1"><c r="AA1"/>', None),  # two column letters: the regex pass decides
        (b'<row r ="1">', None),  # white space next to "="
        (b"", 0),
    ],
)
def test_quick_extent(data: bytes, rows: int | None) -> None:
    assert container._quick_scan(data + container._PADDING, len(data))[0] == rows


def test_extent_of_a_large_sheet_in_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    rows = b"".join(
        b'<row r="%d"><c r="A%d" s="1"><v>45000</v></c><c r="B%d" t="s"><v>%d</v>'
        b"</c></row>" % (n, n, n, n % 7)
        for n in range(1, 30_001)
    )
    monkeypatch.setattr(container, "CHUNK", 64 * 1024)
    scan = container.scan_sheet(
        sheet_zip(
            b'<worksheet xmlns:r="http://x"><sheetData>' + rows + b"</sheetData></worksheet>"
        ),
        "s.xml",
    )
    assert (scan.rows, scan.columns, scan.errors) == (30_000, 0, [])
