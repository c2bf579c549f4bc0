"""The HTML preview next to the PDF: the same text, standalone, and the underlag beside it."""

from __future__ import annotations

import base64
import difflib
import re
import shutil
import subprocess

import pytest
from lxml import etree
from lxml import html as lxml_html

from report.app.pipeline import Options, build_preview
from report.output.render import EXAMPLE_MARK
from tests.helpers import REPORT_DATE

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) saknas"
)

# Leaf elements that hold the report's text; each must appear in the PDF, in order.
TEXT_BLOCKS = {
    "p",
    "li",
    "td",
    "th",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "caption",
    "figcaption",
    "blockquote",
    "dt",
    "dd",
}
SVG_TEXT = "{http://www.w3.org/2000/svg}text"


def words(text: str) -> list[str]:
    return text.replace("\u00a0", " ").split()


def chapter_words(tree) -> list[str]:
    """The words of every leaf text element of the main sections, in document order."""
    found = []
    for section in tree.xpath('//section[contains(@class, "chapter")]'):
        for element in section.iter():
            if not isinstance(element.tag, str) or element.tag not in TEXT_BLOCKS:
                continue
            if any(
                isinstance(d.tag, str) and d.tag in TEXT_BLOCKS for d in element.iterdescendants()
            ):
                continue
            found += words(element.text_content())
    return found


def pdf_only_words(tree) -> set[str]:
    """Words the PDF may have that the HTML's text does not: every chart's text (inside the
    SVGs in the HTML), table headers (repeated on each page a table continues on), list
    bullets and the running header and footer."""
    allowed = {"•", "Sida", "av", *words(EXAMPLE_MARK), *words(tree.findtext(".//title"))}
    for src in tree.xpath("//img/@src"):
        svg = etree.fromstring(base64.b64decode(src.split(",", 1)[1]))
        for text in svg.iter(SVG_TEXT):
            allowed.update(words("".join(text.itertext())))
    for header in tree.xpath("//thead//th"):
        allowed.update(words(header.text_content()))
    return allowed


def pdf_words(pdf) -> list[str]:
    """The PDF's words in content order; a word broken at a line end after '-' or '/' is
    joined again."""
    raw = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-raw", str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    joined: list[str] = []
    for word in words(raw):
        if joined and len(joined[-1]) > 1 and joined[-1].endswith(("-", "/")):
            joined[-1] += word
        else:
            joined.append(word)
    return joined


@needs_poppler
def test_html_text_equals_the_pdf_text(example_report) -> None:
    """The PDF's text is the HTML's: every word of the main sections, in the same order,
    and nothing more but the charts' text, repeated table headers, page numbers and the
    running header."""
    tree = lxml_html.parse(str(example_report.result.html)).getroot()
    html = chapter_words(tree)
    assert len(html) > 3000
    pdf = pdf_words(example_report.pdf)
    pdf = pdf[pdf.index(html[0], pdf.index("Sammanfattning") + 1) :]  # past the contents
    allowed = pdf_only_words(tree)
    matcher = difflib.SequenceMatcher(None, html, pdf, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        ours, theirs = html[i1:i2], pdf[j1:j2]
        if op == "replace" and "".join(ours) == "".join(theirs):
            continue  # only broken differently across lines ("av- och", "](")
        assert not ours, f"not in the PDF: {' '.join(ours)[:160]}"
        extra = [w for w in theirs if w not in allowed and not re.fullmatch(r"\d+", w)]
        assert not extra, f"in the PDF but not in the HTML: {' '.join(theirs)[:160]}"


def test_preview_refers_to_nothing_outside_itself(example_report) -> None:
    result = example_report.result
    assert result.html == result.pdf.with_suffix(".html")
    text = result.html.read_text(encoding="utf-8")
    tree = lxml_html.fromstring(text)
    assert tree.get("lang") == "sv"
    assert not tree.xpath("//link | //script | //iframe | //object")
    images = tree.xpath("//img")
    # 25 + the complaints + three outcomes from statistics tables
    assert len(images) == 29 and all(i.get("alt") for i in images)
    assert all(i.get("src").startswith("data:image/svg+xml;base64,") for i in images)
    styles = " ".join(tree.xpath("//style/text()"))
    assert "url(" not in styles and "@import" not in styles and "@font-face" not in styles
    assert not tree.xpath("//@*[contains(., 'file:') or contains(., 'http:')]")


def test_underlag_workbook_is_written_beside_the_pdf(example_report) -> None:
    result = example_report.result
    assert result.underlag == result.pdf.with_name(result.pdf.stem + "-underlag.xlsx")
    assert result.underlag.read_bytes().startswith(b"PK")
    assert sorted(p.name for p in example_report.outputs.iterdir()) == [
        "hagfors-lpo-torsby-2023-underlag.xlsx",
        "hagfors-lpo-torsby-2023.html",
        "hagfors-lpo-torsby-2023.pdf",
    ]


def test_build_preview_writes_the_same_html(example_report, tmp_path) -> None:
    """The HTML version alone (what the browser tests load for the large case) is the one
    the whole build writes."""
    options = Options(inputs=example_report.inputs, outputs=tmp_path, report_date=REPORT_DATE)
    assert build_preview(options) == example_report.result.html.read_text(encoding="utf-8")
