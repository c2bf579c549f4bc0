"""The example PDF as an archive and as an accessible document: the PDF/A-3a and PDF/UA-1
declarations, tagging, fonts, the attached numbers, bookmarks, and the same bytes from a
fresh process in another folder."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from html.parser import HTMLParser
from types import SimpleNamespace
from xml.etree import ElementTree as ET

import pikepdf
import pydyf
import pytest

from report.app.pipeline import Options, read_inputs
from report.charts.layout import activity_alt
from report.charts.svg import FONT_FAMILY, font_path
from report.model.report import ReportModel
from report.output import pdf as pdf_module
from report.output.attachments import cell, report_attachments
from report.output.commentary import load_commentary
from report.output.render import ChartRef, document_title, render_html
from tests.helpers import PROJECT, PROMISE, REPORT_DATE

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
PDFAID = "http://www.aiim.org/pdfa/ns/id/"
PDFUAID = "http://www.aiim.org/pdfua/ns/id/"
DC = "http://purl.org/dc/elements/1.1/"
PDFA_SCHEMA = "http://www.aiim.org/pdfa/ns/schema#"
PDFA_PROPERTY = "http://www.aiim.org/pdfa/ns/property#"

EXPECTED_FILES = {
    "aktiviteter.csv": "text/csv",
    "fokusomraden.csv": "text/csv",
    "aktiviteter-per-part.csv": "text/csv",
    "enkater.csv": "text/csv",
    "enkater-forandringar.csv": "text/csv",
    "underlag.csv": "text/csv",
    "underlag-andel-per-fil.csv": "text/csv",
    "utfall.csv": "text/csv",
    "utfall-per-manad.csv": "text/csv",
    "utfall-veckodag-tid.csv": "text/csv",
    "utfall-statistik.csv": "text/csv",
    "utfall-statistik-serier.csv": "text/csv",
    "medborgarlofte.toml": "application/toml",
}


@pytest.fixture(scope="module")
def pdf(example_report) -> Iterator[pikepdf.Pdf]:
    with pikepdf.open(example_report.pdf) as document:
        yield document


@pytest.fixture(scope="module")
def model(example_report) -> ReportModel:
    return example_report.result.model


@pytest.fixture(scope="module")
def attached(pdf) -> dict[str, bytes]:
    return {name: spec.get_file().read_bytes() for name, spec in pdf.attachments.items()}


def rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


def number(text: str) -> float | None:
    return None if text == "" else float(text)


def close(text: str, value: float | None) -> bool:
    if value is None:
        return text == ""
    return text != "" and abs(float(text) - value) <= 1e-6 * max(1.0, abs(value))


# --- XMP ----------------------------------------------------------------------------------


def xmp(pdf: pikepdf.Pdf) -> ET.Element:
    return ET.fromstring(pdf.Root.Metadata.read_bytes())


def xmp_simple(pdf: pikepdf.Pdf) -> dict[str, list[str]]:
    """Every simple property of every rdf:Description, attribute or element form."""
    found: dict[str, list[str]] = {}
    for description in xmp(pdf).iter(f"{{{RDF}}}Description"):
        for key, value in description.attrib.items():
            if key != f"{{{RDF}}}about":
                found.setdefault(key, []).append(value)
        for child in description:
            if len(child) == 0:
                found.setdefault(child.tag, []).append((child.text or "").strip())
    return found


def test_xmp_declares_pdfa_3a_and_pdfua_1(pdf):
    values = xmp_simple(pdf)
    assert values[f"{{{PDFAID}}}part"] == ["3"]
    assert values[f"{{{PDFAID}}}conformance"] == ["A"]
    assert values[f"{{{PDFUAID}}}part"] == ["1"]
    assert pdf.pdf_version == "1.7"


def test_pdfuaid_is_described_by_a_pdfa_extension_schema(pdf):
    schemas = [
        li
        for li in xmp(pdf).iter(f"{{{RDF}}}li")
        if li.findtext(f"{{{PDFA_SCHEMA}}}namespaceURI") == PDFUAID
    ]
    assert len(schemas) == 1, "PDF/A kräver ett pdfaExtension-schema för pdfuaid"
    schema = schemas[0]
    assert schema.findtext(f"{{{PDFA_SCHEMA}}}prefix") == "pdfuaid"
    assert schema.findtext(f"{{{PDFA_SCHEMA}}}schema")
    properties = {
        p.findtext(f"{{{PDFA_PROPERTY}}}name"): p
        for p in schema.iter(f"{{{RDF}}}li")
        if p.find(f"{{{PDFA_PROPERTY}}}name") is not None
    }
    assert set(properties) == {"part"}
    part = properties["part"]
    assert part.findtext(f"{{{PDFA_PROPERTY}}}valueType") == "Integer"
    assert part.findtext(f"{{{PDFA_PROPERTY}}}category") == "internal"
    assert part.findtext(f"{{{PDFA_PROPERTY}}}description")


def test_metadata_stream_is_not_compressed(pdf):
    assert "/Filter" not in pdf.Root.Metadata


def test_title_language_and_window_title(pdf, model):
    title = document_title(model)
    assert str(pdf.docinfo.Title) == title
    dc_title = xmp(pdf).find(f".//{{{DC}}}title//{{{RDF}}}li")
    assert dc_title is not None and dc_title.text == title
    assert str(pdf.Root.Lang) == "sv"
    assert pdf.Root.ViewerPreferences.DisplayDocTitle is True


def test_dates_are_the_report_date(pdf):
    day = REPORT_DATE.strftime("%Y%m%d")
    assert str(pdf.docinfo.CreationDate).startswith(f"D:{day}")
    assert str(pdf.docinfo.ModDate).startswith(f"D:{day}")
    values = xmp_simple(pdf)
    stamp = f"{REPORT_DATE.isoformat()}T00:00:00Z"
    assert values["{http://ns.adobe.com/xap/1.0/}CreateDate"] == [stamp]
    assert values["{http://ns.adobe.com/xap/1.0/}ModifyDate"] == [stamp]
    assert str(pdf.docinfo.CreationDate) == f"D:{day}000000Z"


def test_srgb_output_intent(pdf):
    intents = list(pdf.Root.OutputIntents)
    assert len(intents) == 1
    intent = intents[0]
    assert intent.S == "/GTS_PDFA1"
    profile = intent.DestOutputProfile
    assert int(profile.N) == 3
    icc = profile.read_bytes()
    assert icc[16:20] == b"RGB ", "utdataprofilen ska vara en RGB-profil"
    assert "sRGB" in str(intent.OutputConditionIdentifier) + str(intent.get("/Info", ""))


# --- structure ----------------------------------------------------------------------------


def structure_elements(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    found: list[pikepdf.Dictionary] = []
    seen: set[tuple[int, int]] = set()

    def visit(node) -> None:
        if isinstance(node, pikepdf.Array):
            for item in node:
                visit(item)
            return
        if not isinstance(node, pikepdf.Dictionary) or "/S" not in node:
            return  # marked-content reference or MCID
        if node.is_indirect:
            if node.objgen in seen:
                return
            seen.add(node.objgen)
        found.append(node)
        if "/K" in node:
            visit(node.K)

    visit(pdf.Root.StructTreeRoot.K)
    return found


def test_tagged_with_a_structure_tree(pdf):
    assert pdf.Root.MarkInfo.Marked is True
    root = pdf.Root.StructTreeRoot
    assert root.Type == "/StructTreeRoot"
    assert "/ParentTree" in root
    elements = structure_elements(pdf)
    assert elements[0].S == "/Document"
    kinds = {str(e.S) for e in elements}
    assert {"/H1", "/H2", "/P", "/Table", "/TH", "/TD", "/Figure"} <= kinds
    for page in pdf.pages:
        assert "/StructParents" in page.obj
        assert page.obj.get("/Tabs") == "/S"


def test_every_figure_has_alternative_text(pdf, model):
    figures = [e for e in structure_elements(pdf) if e.S == "/Figure"]
    assert len(figures) >= len(model.activities) + len(model.indicators)
    alts = [str(f.get("/Alt", "")).strip() for f in figures]
    missing = [i for i, alt in enumerate(alts) if not alt]
    assert not missing, f"Figure utan /Alt: nummer {missing}"
    for result in model.activities:
        assert activity_alt(result, model.year) in alts
    for result in model.indicators:
        for finding in result.findings:
            assert any(finding.sentence in alt for alt in alts), finding.sentence


def fonts_in(resources, seen: set[tuple[int, int]]) -> Iterator[pikepdf.Dictionary]:
    if resources is None or (resources.is_indirect and resources.objgen in seen):
        return
    if resources.is_indirect:
        seen.add(resources.objgen)
    yield from (resources.get("/Font") or {}).values()
    for xobject in (resources.get("/XObject") or {}).values():
        yield from fonts_in(xobject.get("/Resources"), seen)
    for pattern in (resources.get("/Pattern") or {}).values():
        if isinstance(pattern, pikepdf.Stream):
            yield from fonts_in(pattern.get("/Resources"), seen)


def test_every_font_is_embedded(pdf):
    seen: set[tuple[int, int]] = set()
    fonts = {}
    for page in pdf.pages:
        for font in fonts_in(page.obj.get("/Resources"), seen):
            fonts[font.objgen] = font
    assert fonts
    for font in fonts.values():
        if font.Subtype == "/Type3":
            continue
        described = font.DescendantFonts[0] if font.Subtype == "/Type0" else font
        descriptor = described.FontDescriptor
        assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), (
            f"teckensnittet {font.get('/BaseFont')} är inte inbäddat"
        )


def test_only_the_projects_font_family_is_embedded(pdf):
    """Fonts the system happens to have differ between machines, and with them the bytes:
    every embedded font must be the family the template loads from matplotlib's files."""
    family = FONT_FAMILY.replace(" ", "-")
    styles = ("", "-Bold", "-Italic", "-Oblique", "-Bold-Italic", "-Bold-Oblique")
    names = {
        str(font.BaseFont).lstrip("/").split("+", 1)[-1]
        for font in pdf.objects
        if isinstance(font, pikepdf.Dictionary)
        and font.get("/Type") == "/Font"
        and "/BaseFont" in font
    }
    assert names
    assert names <= {f"{family}{style}" for style in styles}, names


class Headings(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[int, str]] = []
        self._open: tuple[int, list[str]] | None = None

    def handle_starttag(self, tag, attrs):
        if len(tag) == 2 and tag[0] == "h" and tag[1] in "123456":
            self._open = (int(tag[1]), [])

    def handle_endtag(self, tag):
        if self._open and tag == f"h{self._open[0]}":
            self.found.append((self._open[0], " ".join("".join(self._open[1]).split())))
            self._open = None

    def handle_data(self, data):
        if self._open:
            self._open[1].append(data)


class AnyChart(dict):
    def __missing__(self, key: str) -> ChartRef:
        return ChartRef("about:blank", key)


def test_bookmarks_match_the_headings(pdf, model, example_report):
    parser = Headings()
    commentary = load_commentary(example_report.inputs, model.promise).as_markup()
    parser.feed(render_html(model, AnyChart(), commentary=commentary))
    assert parser.found
    bookmarks: list[tuple[int, str]] = []

    def walk(items, depth: int) -> None:
        for item in items:
            bookmarks.append((depth, " ".join(item.title.split())))
            walk(item.children, depth + 1)

    with pdf.open_outline() as outline:
        walk(outline.root, 1)
    assert bookmarks == parser.found


# --- attachments --------------------------------------------------------------------------


def test_attachments_are_associated_data_files(pdf, model):
    specs = dict(pdf.attachments.items())
    assert set(specs) == set(EXPECTED_FILES)
    associated = {spec.objgen for spec in pdf.Root.AF}
    for name, spec in specs.items():
        assert spec.obj.objgen in associated, f"{name} saknas i /AF"
        assert spec.obj.AFRelationship == "/Data"
        assert str(spec.obj.UF) == name
        assert spec.description
        file = spec.get_file()
        assert file.mime_type == EXPECTED_FILES[name]
        assert file.creation_date.date() == REPORT_DATE
        assert file.mod_date.date() == REPORT_DATE


def test_attachments_are_the_pure_modules_output(attached, model):
    assert attached == {f.name: f.data for f in report_attachments(model)}
    for name, data in attached.items():
        data.decode("utf-8")  # UTF-8 throughout
        if name.endswith(".csv"):
            assert data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b"")


def test_activities_csv_equals_the_model(attached, model):
    table = rows(attached["aktiviteter.csv"])
    years = sorted({y for a in model.activities for y, _ in a.yearly_counts})
    assert list(table[0]) == [
        "aktivitet_id",
        "aktivitet",
        "fokusomrade",
        "ansvarig",
        "ar",
        "antal",
        "mal",
        "mal_per_helar",
        "andel_av_mal_procent",
        "status",
        "antal_sedan_tecknande",
        "mal_sedan_tecknande",
        *(f"antal_{model.year}-{m:02d}" for m in range(1, 13)),
        *(f"antal_helar_{y}" for y in years),
    ]
    assert [r["aktivitet_id"] for r in table] == [a.activity.id for a in model.activities]
    for row, a in zip(table, model.activities, strict=True):
        assert (row["aktivitet"], row["fokusomrade"], row["ansvarig"], row["status"]) == (
            a.activity.name,
            a.focus_area.name,
            a.activity.responsible_text,
            a.status.label,
        )
        assert int(row["ar"]) == model.year
        assert number(row["antal"]) == a.count
        assert close(row["mal"], a.target)
        assert int(row["mal_per_helar"]) == a.activity.yearly_target
        assert close(row["andel_av_mal_procent"], a.fulfilment)
        assert number(row["antal_sedan_tecknande"]) == a.period_count
        if a.period_count is not None:
            assert close(row["mal_sedan_tecknande"], a.period_target)
        months = [int(row[f"antal_{model.year}-{m:02d}"]) for m in range(1, 13)]
        assert months == list(a.monthly)
        assert sum(months) == (a.count or 0)
        per_year = dict(a.yearly_counts)
        assert [number(row[f"antal_helar_{y}"]) for y in years] == [per_year.get(y) for y in years]


def test_focus_areas_csv_sums_the_activities(attached, model):
    table = rows(attached["fokusomraden.csv"])
    assert [r["fokusomrade"] for r in table] == [s.area.name for s in model.sections]
    for row, section in zip(table, model.sections, strict=True):
        months = [int(row[f"antal_{model.year}-{m:02d}"]) for m in range(1, 13)]
        assert months == [sum(a.monthly[m] for a in section.activities) for m in range(12)]
        assert int(row["antal"]) == sum(a.count or 0 for a in section.activities)
        assert int(row["mal_per_helar"]) == sum(
            a.activity.yearly_target for a in section.activities
        )


def test_parties_csv_equals_the_implementation_plan_table(attached, model):
    table = rows(attached["aktiviteter-per-part.csv"])
    assert list(table[0]) == [
        "fokusomrade",
        "aktivitet",
        "ansvarig_part",
        f"antal_{model.year}",
        "antal_sedan_tecknande",
    ]
    assert [
        (
            r["fokusomrade"],
            r["aktivitet"],
            r["ansvarig_part"],
            number(r[f"antal_{model.year}"]),
            number(r["antal_sedan_tecknande"]),
        )
        for r in table
    ] == [(r.area, r.activity, r.party, r.count, r.period_count) for r in model.andt_rows]
    for a in model.activities:  # the parties add up to the activity
        if a.count is not None and a.by_party:
            assert sum(pc.count for pc in a.by_party) == a.count


def test_survey_csv_holds_every_shown_value_and_no_hidden_one(attached, model):
    table = rows(attached["enkater.csv"])
    keyed = {
        (r["indikator_id"], r["enkat"], r["arskurs"], r["kon"], r["omrade"], r["ar"]): r
        for r in table
    }
    assert len(keyed) == len(table), "dubbletter i enkater.csv"
    shown, hidden = {}, set()
    for result in model.indicators:
        for s in result.series:
            for p in s.points:
                key = (result.indicator.id, s.survey, s.grade, s.sex, s.area, str(p.year))
                if p.suppressed or p.value is None:
                    hidden.add(key)
                else:
                    shown[key] = (result, s, p)
    assert hidden, "exemplet ska ha dolda värden, annars prövas inget här"
    assert not hidden & set(keyed), "ett dolt enkätvärde finns i bilagan"
    assert set(keyed) == set(shown)
    for key, (result, s, p) in shown.items():
        row = keyed[key]
        assert row["indikator"] == result.indicator.label
        assert row["referens"] == ("ja" if s.is_reference else "nej")
        assert close(row["andel_procent"], p.value)
        assert number(row["antal_svarande"]) == p.respondents
        assert close(row["ki95_lag_procent"], p.low)
        assert close(row["ki95_hog_procent"], p.high)


def test_findings_csv_equals_the_model(attached, model):
    table = rows(attached["enkater-forandringar.csv"])
    findings = [f for r in model.indicators for f in r.findings]
    assert len(table) == len(findings)
    yes_no = {True: "ja", False: "nej", None: ""}
    for row, f in zip(table, findings, strict=True):
        assert (row["indikator_id"], row["arskurs"], int(row["ar"])) == (
            f.indicator.id,
            f.grade,
            f.year,
        )
        assert close(row["andel_procent"], f.value)
        assert number(row["jamforelsear"]) == f.previous_year
        assert close(row["andel_jamforelsear"], f.previous_value)
        assert close(row["forandring_procentenheter"], f.change)
        assert row["sakerstalld"] == yes_no[f.significant]
        assert close(row["p_varde"], f.p_value)
        assert row["battre"] == yes_no[f.better]
        assert row["referensomrade"] == (f.reference_area or "")
        assert close(row["andel_referensomrade"], f.reference_value)
        assert row["i_sammanfattningen"] == yes_no[f in model.key_findings]
    assert sum(r["i_sammanfattningen"] == "ja" for r in table) == len(model.key_findings)


def test_sources_csv_equals_the_model(attached, model):
    table = rows(attached["underlag.csv"])
    assert [
        (r["fil"], r["blad"], r["innehall"], int(r["rader"]), r["fran"], r["till"]) for r in table
    ] == [(s.file, s.sheet, s.kind, s.rows, s.first, s.last) for s in model.sources]


def test_source_shares_csv_equals_the_model(attached, model):
    table = rows(attached["underlag-andel-per-fil.csv"])
    assert [(r["fil"], int(r["rader"]), int(r[f"aktiviteter_{model.year}"])) for r in table] == [
        (s.file, s.rows, s.count) for s in model.source_shares
    ]
    for row, share in zip(table, model.source_shares, strict=True):
        assert close(row["andel_procent"], share.share)
    if model.source_shares:
        assert abs(sum(s.share for s in model.source_shares) - 100) < 1e-6


def test_promise_file_is_attached_as_read(attached):
    assert attached["medborgarlofte.toml"] == PROMISE.read_text(encoding="utf-8").encode()


def test_no_free_text_from_the_exports(attached, example_report, model):
    """Places typed into the activity logs never reach an attachment (the survey's area
    names are categories the report shows, so they are not counted as free text)."""
    options = Options(
        inputs=example_report.inputs, outputs=example_report.outputs, report_date=REPORT_DATE
    )
    dataset = read_inputs(options).dataset
    categories = {s.area for r in model.indicators for s in r.series}
    places = {str(p) for p in dataset.activities["place"].dropna()} - categories
    assert places
    text = b"".join(data for name, data in attached.items() if name.endswith(".csv"))
    leaked = sorted(p for p in places if p.encode() in text)
    assert not leaked


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        (True, "ja"),
        (False, "nej"),
        (3, "3"),
        (12.5, "12.5"),
        (60.0, "60"),
        (1 / 3, "0.333333"),
        (-1e-9, "0"),
        (92.48459958932239, "92.4846"),
        ("ä", "ä"),
    ],
)
def test_csv_cells(value, text):
    assert cell(value) == text


# --- a real validator, where it is installed ----------------------------------------------


@pytest.mark.parametrize("profile", ["PDF_A_3A", "PDF_UA_1"])
def test_page_validator_finds_no_failure(example_report, profile):
    page = pytest.importorskip(
        "page", reason="page-validation (PDF/A- och PDF/UA-validator) är inte installerat"
    )
    report = page.validate_pdf(
        str(example_report.pdf), profile=getattr(page.ValidationProfile, profile)
    )
    failures = [f"[{f.rule_id}] {f.message}" for f in report.failures]
    assert not failures, "\n".join(failures)


# --- same input, same bytes ---------------------------------------------------------------


def test_same_bytes_from_a_fresh_process_in_another_folder(example_report, tmp_path):
    """The CLI in a new process gives the bytes of the session's in-process build, with
    another hash seed, time zone and temp folder, from a copy of the project in another
    folder (as a second machine would have it). One fresh process, not two: the session's
    build is the other one, and each build costs about ten seconds."""
    copy = tmp_path / "elsewhere" / "projekt"
    shutil.copytree(
        PROJECT,
        copy,
        ignore=shutil.ignore_patterns(
            ".git", ".venv", "outputs", ".*cache", ".hypothesis", "*.egg-info", "__pycache__"
        ),
    )
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = {
        **os.environ,
        "PYTHONHASHSEED": "4242",
        "TZ": "Pacific/Chatham",
        "TMPDIR": str(temp),
        "LC_ALL": "C.UTF-8",
    }
    env.pop("SOURCE_DATE_EPOCH", None)
    out = tmp_path / "out"
    probe = (
        "import runpy, sys, report; assert report.__file__.startswith(sys.argv[1]); "
        "sys.argv[1:2] = []; runpy.run_module('report', run_name='__main__')"
    )
    args = [
        sys.executable,
        "-c",
        probe,
        str(copy),
        "--date",
        REPORT_DATE.isoformat(),
        "--inputs",
        str(example_report.inputs),
        "--outputs",
        str(out),
    ]
    done = subprocess.run(args, cwd=copy, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    assert (out / example_report.pdf.name).read_bytes() == example_report.pdf.read_bytes()


def test_font_subsetting_by_fonttools_is_reproducible(monkeypatch, tmp_path):
    """Without libharfbuzz-subset WeasyPrint subsets with fontTools, which stamps the clock
    into each font unless SOURCE_DATE_EPOCH is set: write_pdf sets it from the document's
    date, so a moving clock changes nothing."""
    import fontTools.misc.timeTools as time_tools
    import weasyprint.pdf.fonts as weasy_fonts
    from weasyprint import HTML

    monkeypatch.setattr(weasy_fonts, "harfbuzz_subset", None)
    clock = iter(range(1_600_000_000, 1_700_000_000, 86_400 * 50))
    monkeypatch.setattr(time_tools, "time", SimpleNamespace(time=lambda: next(clock)))
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    font = font_path()
    html = (
        f'<html lang="sv"><head><title>Prov</title>'
        f'<meta name="dcterms.created" content="{REPORT_DATE.isoformat()}">'
        f'<style>@font-face {{ font-family: Prov; src: url("{font.as_uri()}"); }}'
        f"body {{ font-family: Prov; }}</style></head><body><h1>Rubrik</h1>"
        f"<p>Åtta älgar öster om ån.</p></body></html>"
    )

    def render() -> bytes:
        laid_out = pdf_module.layout_pdf(html, base_url=tmp_path, allowed_dirs=(font.parent,))
        return pdf_module.write_pdf(laid_out, "Prov", [("a.csv", b"x\r\n", "A")])

    assert render() == render()
    assert "SOURCE_DATE_EPOCH" not in os.environ  # restored

    def plain() -> bytes:  # control: WeasyPrint alone follows the clock
        return HTML(string=html, base_url=str(tmp_path)).render().write_pdf()

    assert plain() != plain()


def test_stream_data_ending_in_cr_keeps_its_length_exact():
    plain = pydyf.Stream([b"q Q"])
    risky = pydyf.Stream([b"abc\r"])
    before = plain.data
    pdf_module.finish(None, SimpleNamespace(objects=[plain, risky, pydyf.Dictionary()]))
    assert plain.data == before
    assert risky.data.endswith(b"stream\nabc\r\r\nendstream")
    assert b"/Length 4" in risky.data
    pdf_module.finish(None, SimpleNamespace(objects=[risky]))  # idempotent
    assert risky.data.endswith(b"abc\r\r\nendstream")


def test_report_file_is_readable_by_others(example_report):
    umask = os.umask(0o022)
    os.umask(umask)
    assert example_report.pdf.stat().st_mode & 0o777 == 0o666 & ~umask


def test_an_output_is_written_only_inside_its_folder(tmp_path) -> None:
    from report.output.files import OutputFolder

    folder = OutputFolder(tmp_path / "ut")
    assert folder.write("rapport.pdf", b"%PDF") == tmp_path / "ut" / "rapport.pdf"
    assert folder.write("mallar/x.md", b"x").read_bytes() == b"x"
    for name in ("../utanför.pdf", "/tmp/utanför.pdf", "mallar/../../utanför.pdf", "."):
        with pytest.raises(ValueError):
            folder.write(name, b"x")
    assert not (tmp_path / "utanför.pdf").exists()
