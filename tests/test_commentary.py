"""The analyst's commentary: parsed per section, placed in the right section of the PDF and
the HTML preview, and unable to inject markup, scripts, links or resources."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pikepdf
import pytest
from lxml import html as lxml_html

from report.app.pipeline import Options, read_inputs
from report.errors import InputError
from report.inputs.promise_file import load_promise
from report.output.commentary import (
    ANALYSIS_TITLE,
    load_commentary,
    parse_commentary,
    report_sections,
    starter_text,
)
from tests.helpers import (
    PROMISE,
    REPORT_DATE,
    SECTION_MARKERS,
    activity_rows,
    inputs_folder,
    write_workbook,
)

PROMISE_MODEL = load_promise(PROMISE)
needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) saknas"
)


def problems(text: str) -> list:
    with pytest.raises(InputError) as caught:
        parse_commentary(text, PROMISE_MODEL)
    return list(caught.value.problems)


def test_sections_are_the_reports_in_order() -> None:
    titles = [s.title for s in report_sections(PROMISE_MODEL)]
    assert titles == [
        "Sammanfattning",
        "Trafikmiljön",
        "Alkohol och droganvändningen",
        "Tryggheten",
        "Redovisning till genomförandeplanen",
        "Ungas hälsa och drogvanor",
        "Om underlaget",
    ]


def test_text_goes_to_its_section_with_headings_demoted() -> None:
    commentary = parse_commentary(
        "# Tryggheten\n\nEtt *stycke*.\n\n## Under\n\n### Djupare\n\n#  sammanfattning \nFörst.\n",
        PROMISE_MODEL,
    )
    html = dict(commentary.sections)
    assert list(html) == ["sammanfattning", "fokus-trygghet"]  # report order
    assert html["sammanfattning"] == "<p>Först.</p>"
    assert "<p>Ett <em>stycke</em>.</p>" in html["fokus-trygghet"]
    assert "<h3>Under</h3>" in html["fokus-trygghet"]
    assert "<h4>Djupare</h4>" in html["fokus-trygghet"]


def test_unknown_heading_is_an_error_listing_the_valid_ones() -> None:
    (problem,) = problems("# Sammanfattning\nText.\n\n# Trafikmiljö\nMer text.\n")
    assert (problem.file, problem.row) == ("kommentarer.md", 4)
    assert problem.message.startswith(
        "Rubriken ”# Trafikmiljö” motsvarar inget avsnitt i rapporten. Menade du ”# Trafikmiljön”?"
    )
    for section in report_sections(PROMISE_MODEL):
        assert f"”# {section.title}”" in problem.message


def test_duplicate_heading_and_text_before_the_first_heading() -> None:
    found = problems("Inledning utan rubrik.\n\n# Tryggheten\nA\n\n# tryggheten\nB\n")
    messages = sorted((p.row, p.message.split(".")[0]) for p in found)
    assert messages == [
        (1, "Texten står före den första rubriken och hör inte till något avsnitt"),
        (6, "Rubriken ”# Tryggheten” finns två gånger"),
    ]


def test_comments_are_dropped_and_keep_line_numbers() -> None:
    (problem,) = problems("<!-- rad 1\nrad 2\nrad 3 -->\n# Okänd\n")
    assert problem.row == 4
    commentary = parse_commentary(
        "<!-- dold -->\n# Sammanfattning\n<!-- dold\n -->\nSynlig\n", PROMISE_MODEL
    )
    assert commentary.sections == (("sammanfattning", "<p>Synlig</p>"),)


def test_starter_has_every_heading_and_adds_nothing_until_written_in() -> None:
    text = starter_text(PROMISE_MODEL)
    for section in report_sections(PROMISE_MODEL):
        assert f"\n# {section.title}\n" in text
    assert parse_commentary(text, PROMISE_MODEL).sections == ()
    filled = text.replace("# Tryggheten\n", "# Tryggheten\n\nPatrulleringen ökade.\n")
    assert parse_commentary(filled, PROMISE_MODEL).sections == (
        ("fokus-trygghet", "<p>Patrulleringen ökade.</p>"),
    )


@pytest.mark.parametrize(
    "attack",
    [
        "<script>alert(1)</script>",
        '<img src="file:///etc/passwd" onerror="alert(1)">',
        '<a href="javascript:alert(1)">x</a>',
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
        "[x](file:///etc/passwd)",
        "[x](//evil.example/)",
        "<javascript:alert(1)>",
        "![x](https://example.com/a.png)",
        "![x](file:///etc/passwd)",
        "<style>body{display:none}</style>",
        '<iframe src="https://example.com"></iframe>',
    ],
)
def test_no_markup_script_link_or_resource_gets_through(attack: str) -> None:
    commentary = parse_commentary(f"# Sammanfattning\n\n{attack}\n", PROMISE_MODEL)
    ((_, html),) = commentary.sections
    tree = lxml_html.fragment_fromstring(html, create_parent="div")
    tags = {el.tag for el in tree.iter()} - {"div", "p", "span"}
    assert not tags, (attack, html)
    assert not tree.xpath("//@href | //@src | //@onerror | //@style"), html


def test_safe_links_and_images_as_their_description() -> None:
    commentary = parse_commentary(
        "# Sammanfattning\n[Polisen](https://polisen.se/) och <mailto:a@b.se>. "
        "![Karta över centrum](https://example.com/karta.png)\n",
        PROMISE_MODEL,
    )
    ((_, html),) = commentary.sections
    assert '<a href="https://polisen.se/">Polisen</a>' in html
    assert '<a href="mailto:a@b.se">mailto:a@b.se</a>' in html
    assert '<span class="image-removed">[Bild: Karta över centrum]</span>' in html
    assert commentary.images_removed == 1
    assert "1 bild visas inte" in commentary.warnings(PROMISE_MODEL, True)[0]


def test_a_table_scrolls_in_a_named_box_the_keyboard_reaches() -> None:
    commentary = parse_commentary(
        "# Sammanfattning\n| År | Antal |\n|---|---:|\n| 2023 | 12 |\n\nEfter.\n", PROMISE_MODEL
    )
    ((_, html),) = commentary.sections
    box = lxml_html.fromstring(f"<div>{html}</div>").xpath("//table/..")[0]
    assert box.get("class") == "table-scroll" and box.get("tabindex") == "0"
    assert box.get("role") == "region" and box.get("aria-label") == "Tabell i analysen"
    assert box.xpath("table/thead/tr/th/text()") == ["År", "Antal"]
    assert html.endswith("</table>\n</div>\n<p>Efter.</p>")


def test_survey_commentary_without_survey_section_is_a_warning() -> None:
    """The survey section stays (saying the data is missing) while the promise follows
    indicators, so the text is shown; without indicators there is no section for it."""
    commentary = parse_commentary(
        "# Ungas hälsa och drogvanor\nText.\n", PROMISE_MODEL, "kommentarer.md"
    )
    assert commentary.warnings(PROMISE_MODEL, has_survey=True) == []
    assert commentary.warnings(PROMISE_MODEL, has_survey=False) == []
    no_indicators = replace(PROMISE_MODEL, indicators=())
    (warning,) = commentary.warnings(no_indicators, has_survey=False)
    assert "inte följer upp några enkätindikatorer" in warning


def test_windows_1252_file_and_missing_file(tmp_path: Path) -> None:
    assert load_commentary(tmp_path, PROMISE_MODEL).sections == ()
    (tmp_path / "kommentarer.md").write_bytes(
        "# Tryggheten\nÅtgärder i Älvdalen.\n".encode("cp1252")
    )
    commentary = load_commentary(tmp_path, PROMISE_MODEL)
    assert commentary.sections == (("fokus-trygghet", "<p>Åtgärder i Älvdalen.</p>"),)


def test_commentary_problems_are_reported_with_the_exports_problems(tmp_path: Path) -> None:
    inputs = inputs_folder(tmp_path)
    write_workbook(
        inputs / "logg.xlsx", {"Blad1": activity_rows([dt.date(2023, 1, 2), "Trafikkontrol", 1])}
    )
    (inputs / "kommentarer.md").write_text("# Trafiken\nText.\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_inputs(Options(inputs, tmp_path / "out", REPORT_DATE))
    assert [p.file for p in caught.value.problems] == ["logg.xlsx", "kommentarer.md"]


# --- in the built example (the session fixture has tests.helpers.COMMENTARY) ----------


def preview_tree(example_report):
    return lxml_html.parse(str(example_report.result.html)).getroot()


def test_commentary_sits_in_its_section_of_the_html(example_report) -> None:
    tree = preview_tree(example_report)
    for section_id, marker in SECTION_MARKERS.items():
        (box,) = tree.xpath(f'//section[@id="{section_id}"]/div[@class="analysis"]')
        assert box.findtext("h2") == ANALYSIS_TITLE
        assert marker in box.text_content(), section_id
    assert "HEMLIG-INSTRUKTION" not in lxml_html.tostring(tree, encoding="unicode")


def test_injection_attempts_are_inert_in_the_html(example_report) -> None:
    tree = preview_tree(example_report)
    assert not tree.xpath("//script | //iframe | //object | //embed")
    assert all(src.startswith("data:image/svg+xml;base64,") for src in tree.xpath("//img/@src"))
    hrefs = tree.xpath("//a/@href")
    assert all(h.startswith("#") or h == "https://polisen.se/" for h in hrefs), hrefs
    assert not tree.xpath("//@onerror")
    (box,) = tree.xpath('//section[@id="sammanfattning"]/div[@class="analysis"]')
    text = box.text_content()
    assert '<script>alert("skript")</script>' in text  # shown as text, not run
    assert "[Bild: extern bild]" in text
    assert box.xpath("h3")[0].text == "Underrubrik i sammanfattningen"


@needs_poppler
def test_commentary_sits_in_its_section_of_the_pdf(example_report) -> None:
    text = " ".join(
        subprocess.run(
            ["pdftotext", "-enc", "UTF-8", "-raw", str(example_report.pdf), "-"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.split()
    )
    headings = {
        "sammanfattning": "Sammanfattning Medborgarlöftet mellan",
        "fokus-trafik": "Trafikmiljön 3 aktiviteter.",
        "fokus-droger": "Alkohol och droganvändningen 3 aktiviteter.",
        "fokus-trygghet": "Tryggheten 3 aktiviteter.",
        "per-part": "Redovisning till genomförandeplanen Antalet",
        "enkater": "Ungas hälsa och drogvanor Löftet följs upp",
        "underlag": "Om underlaget Filer som användes",
    }
    starts = [text.index(h) for h in headings.values()]
    assert starts == sorted(starts)
    ends = [*starts[1:], len(text)]
    for (section_id, marker), start, end in zip(SECTION_MARKERS.items(), starts, ends, strict=True):
        where = text.index(f"{ANALYSIS_TITLE} {marker}")
        assert start < where < end, section_id
    assert "HEMLIG-INSTRUKTION" not in text


def test_pdf_links_are_internal_or_the_one_safe_web_link(example_report) -> None:
    uris = []
    with pikepdf.open(example_report.pdf) as pdf:
        for page in pdf.pages:
            for annot in page.get("/Annots", []):
                action = annot.get("/A")
                if action is not None and "/URI" in action:
                    uris.append(str(action.URI))
            resources = page.get("/Resources", {})
            for xobject in resources.get("/XObject", {}).values():
                assert xobject.get("/Subtype") != "/Image"
    assert uris == ["https://polisen.se/"]


def test_report_warnings_reach_the_result(example_report) -> None:
    assert example_report.result.warnings == (
        "kommentarer.md: 1 bild visas inte i rapporten (bara deras beskrivning). Lägg "
        "diagram och bilder i en bilaga i stället.",
    )
