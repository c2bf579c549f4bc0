"""The HTML preview next to the PDF: the same text, standalone, and the underlag beside it."""

from __future__ import annotations

import base64
import re
import shutil
import subprocess

import pytest
from lxml import etree
from lxml import html as lxml_html

from report.render import EXAMPLE_MARK

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                   reason="poppler-utils (pdftotext) saknas")

# Leaf elements that hold the report's text; each must appear in the PDF, in order.
TEXT_BLOCKS = {"p", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "caption",
               "figcaption", "blockquote", "dt", "dd"}
SVG_TEXT = "{http://www.w3.org/2000/svg}text"


def squash(text: str) -> str:
    """Text without any whitespace: line breaks and hyphenation points in the PDF (after
    '-' or '/') and the HTML's source layout then compare equal."""
    return re.sub(r"\s+", "", text)


def chapter_blocks(tree) -> list[str]:
    blocks = []
    for section in tree.xpath('//section[contains(@class, "chapter")]'):
        for element in section.iter():
            if not isinstance(element.tag, str) or element.tag not in TEXT_BLOCKS:
                continue
            if any(isinstance(d.tag, str) and d.tag in TEXT_BLOCKS
                   for d in element.iterdescendants()):
                continue
            text = squash(element.text_content())
            if text:
                blocks.append(text)
    return blocks


def chart_labels(tree) -> list[str]:
    """Every text of every chart, from the SVGs embedded in the preview."""
    labels = set()
    for src in tree.xpath("//img/@src"):
        svg = etree.fromstring(base64.b64decode(src.split(",", 1)[1]))
        labels.update(squash("".join(t.itertext())) for t in svg.iter(SVG_TEXT))
    return sorted(labels - {""}, key=len, reverse=True)


def pdf_stream(pdf, title: str) -> str:
    """The PDF's text in content order, without the running header, page numbers and list
    bullets (CSS-generated, not text in the HTML)."""
    raw = subprocess.run(["pdftotext", "-enc", "UTF-8", "-raw", str(pdf), "-"], check=True,
                         capture_output=True, text=True).stdout
    stream = re.sub(r"Sida\d+av\d+", "", squash(raw).replace("•", ""))
    for running in (title, EXAMPLE_MARK):
        stream = stream.replace(squash(running), "")
    return stream


@needs_poppler
def test_html_text_equals_the_pdf_text(example_report) -> None:
    """Every text block of the main sections is in the PDF, in the same order, and what is
    in the PDF between them is only chart text (which the HTML holds inside its SVGs)."""
    tree = lxml_html.parse(str(example_report.result.html)).getroot()
    blocks = chapter_blocks(tree)
    assert len(blocks) > 500
    stream = pdf_stream(example_report.pdf, tree.findtext(".//title"))
    position = stream.index(blocks[0] + blocks[1])  # past the table of contents
    between = []
    for block in blocks:
        found = stream.find(block, position)
        assert found >= 0, f"not in the PDF (in this order): {block[:120]}"
        between.append(stream[position:found])
        position = found + len(block)
    between.append(stream[position:])
    labels = chart_labels(tree)
    assert len(labels) > 50
    for chunk in between:
        rest = chunk
        for label in labels:
            rest = rest.replace(label, "")
        assert rest == "", f"in the PDF but not in the HTML: {chunk[:160]}"


def test_preview_refers_to_nothing_outside_itself(example_report) -> None:
    result = example_report.result
    assert result.html == result.pdf.with_suffix(".html")
    text = result.html.read_text(encoding="utf-8")
    tree = lxml_html.fromstring(text)
    assert tree.get("lang") == "sv"
    assert not tree.xpath("//link | //script | //iframe | //object")
    images = tree.xpath("//img")
    assert len(images) == 25 and all(i.get("alt") for i in images)
    assert all(i.get("src").startswith("data:image/svg+xml;base64,") for i in images)
    styles = " ".join(tree.xpath("//style/text()"))
    assert "url(" not in styles and "@import" not in styles and "@font-face" not in styles
    assert not tree.xpath("//@*[contains(., 'file:') or contains(., 'http:')]")


def test_underlag_workbook_is_written_beside_the_pdf(example_report) -> None:
    result = example_report.result
    assert result.underlag == result.pdf.with_name(result.pdf.stem + "-underlag.xlsx")
    assert result.underlag.read_bytes().startswith(b"PK")
    assert sorted(p.name for p in example_report.outputs.iterdir()) == [
        "hagfors-lpo-torsby-2023-underlag.xlsx", "hagfors-lpo-torsby-2023.html",
        "hagfors-lpo-torsby-2023.pdf"]
