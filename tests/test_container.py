"""Checks on the workbook file itself: file kinds, XML prologs, error cells and extents."""

from __future__ import annotations

import io
import zipfile

import pytest

from report import container


@pytest.mark.parametrize(("head", "kind"), [
    (b"PK\x03\x04rest", "zip"), (bytes.fromhex("d0cf11e0a1b11ae1"), "ole"),
    (b"%PDF-1.7", "pdf"), (b"Datum;Aktivitet\n2023-01-02;SSP\n", "csv"),
    ("\ufeffDatum,Aktivitet\r\n".encode(), "csv"), (b"\t<html><body>", "html"),
    (b"<table><tr><td>1</td></tr></table>", "html"),
    (b'<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">',
     "xml2003"),
    (b'<?xml version="1.0"?><root/>', "xml"), (b"Bara lite text", "text"),
    (bytes(range(256)), "unknown"),
])
def test_sniff(head: bytes, kind: str) -> None:
    assert container.sniff(head) == kind


@pytest.mark.parametrize(("head", "declares"), [
    (b'<?xml version="1.0"?><root/>', False),
    (b'<?xml version="1.0"?>\n<!-- a comment -->\n<!DOCTYPE x [<!ENTITY a "b">]><r/>', True),
    (b'\xef\xbb\xbf<?xml version="1.0"?><!DOCTYPE x><r/>', True),
    ('<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x><r/>'.encode("utf-16"), True),
    (b'<?xml version="1.0"?><root><!DOCTYPE x></root>', False),  # not in the prolog
    (b"<!---->  <r/>", False), (b"\x89PNG\r\n\x1a\n", False), (b"", False),
    (b"<!-- " + b"x" * container.PROLOG_BYTES, None),  # prolog longer than we read
])
def test_prolog(head: bytes, declares: bool | None) -> None:
    assert container.prolog_declares_doctype(head[: container.PROLOG_BYTES]) is declares


def sheet_zip(xml: bytes) -> zipfile.ZipFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("s.xml", xml)
    return zipfile.ZipFile(buffer)


ERRORS = (b'<worksheet><sheetData><row r="1"><c r="A1" s="2" t="e"><f>1/0</f><v>#DIV/0!</v>'
          b'</c><c r="AB12" t="e"><v>#REF!</v></c><c r="C1" t="s"><v>1</v></c></row>'
          b'<x:c t="e" r="D4"><x:v>#N/A</x:v></x:c></sheetData></worksheet>')


@pytest.mark.parametrize("chunk", [7, 64, 4 * 1024 * 1024])
def test_error_cells_across_chunk_boundaries(chunk: int, monkeypatch: pytest.MonkeyPatch
                                             ) -> None:
    monkeypatch.setattr(container, "CHUNK", chunk)
    assert container.error_cells(sheet_zip(ERRORS), "s.xml") == [
        (0, 0, "#DIV/0!"), (11, 27, "#REF!"), (3, 3, "#N/A")]


@pytest.mark.parametrize(("xml", "rows", "columns"), [
    (b'<row r="3"><c r="B3"/></row>', 3, 0),
    (b'<row r="2"><c r="XFD2"/></row><row r="1048576"><c r="A1048576"/></row>', 1048576,
     16384),
    (b'<row r="1"><c r="A99999999"/></row>', 99999999, 0),  # a cell far below its row tag
    (b"<row r='1'><c r='zz1'/></row>", 1, 702),  # single quotes and lower case
    (b'<row r="1"><c\tr = "ZZZZ7"/></row>', 7, 475254),  # white space around "="
    (b'<row r="1"><c r="A1"/><c s="1"r="ABC1"/></row>', 1, 731),  # no space before r
])
def test_sheet_extent(xml: bytes, rows: int, columns: int) -> None:
    scan = container.scan_sheet(sheet_zip(b"<worksheet><sheetData>" + xml
                                          + b"</sheetData></worksheet>"), "s.xml")
    assert (scan.rows, scan.columns) == (rows, columns)
