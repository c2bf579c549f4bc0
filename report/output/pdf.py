"""HTML -> PDF with WeasyPrint, written atomically.

The PDF is archival and accessible in one file: PDF/A-3a (WeasyPrint's variant: tagged
structure, sRGB output intent, embedded fonts, XMP with pdfaid) that also declares PDF/UA-1
(pdfuaid in the XMP, with the extension schema PDF/A requires for it). Files passed as
attachments are embedded as PDF/A-3 associated files with the relationship "Data".

The same HTML, attachments and date give the same bytes: every time stamp (document dates,
attachment dates, and font tables when fontTools subsets them) comes from the document's own
date, and the file identifier is a hash of the content.

Only the project's own templates, fonts and generated charts may be fetched: cell text that
sneaks a URL into the HTML can read no local file and reach no network.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree as ET

from report.errors import RenderError, UsageError

PDF_VARIANT = "pdf/a-3a"
PDF_UA_PART = 1
ATTACHMENT_RELATIONSHIP = "Data"

# Explicit, so the PDF does not depend on the machine's MIME database (/etc/mime.types).
MIME_TYPES = {
    ".csv": "text/csv",
    ".toml": "application/toml",
    ".txt": "text/plain",
    ".json": "application/json",
}

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
PDFUAID = "http://www.aiim.org/pdfua/ns/id/"
PDFA_EXTENSION = "http://www.aiim.org/pdfa/ns/extension/"
PDFA_SCHEMA = "http://www.aiim.org/pdfa/ns/schema#"
PDFA_PROPERTY = "http://www.aiim.org/pdfa/ns/property#"


# The prefixes PDF/A prescribes for its extension schema container.
for _prefix, _uri in (
    ("pdfaExtension", PDFA_EXTENSION),
    ("pdfaSchema", PDFA_SCHEMA),
    ("pdfaProperty", PDFA_PROPERTY),
    ("pdfuaid", PDFUAID),
    ("rdf", RDF),
):
    ET.register_namespace(_prefix, _uri)


def make_fetcher(
    allowed_dirs: Iterable[Path], generated: Mapping[str, Callable[[], str]] | None = None
):  # -> weasyprint.urls.URLFetcher
    """A fetcher for the project's own files under `allowed_dirs` and for `generated`
    resources: URL -> a function giving the SVG text (the charts, which may still be being
    drawn by a worker process when layout starts; the function waits for them)."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    roots = tuple(Path(d).resolve() for d in allowed_dirs)
    made = dict(generated or {})

    class RestrictedFetcher(URLFetcher):
        """Serves the generated charts and file:// URLs under the allowed folders; refuses
        everything else."""

        refused: list[str]
        fetched: list[str]

        def __init__(self) -> None:
            super().__init__(allowed_protocols={"file"})
            self.refused = []
            self.fetched = []

        def fetch(self, url: str, headers=None):
            if url in made:
                self.fetched.append(url)
                return URLFetcherResponse(
                    url, made[url]().encode("utf-8"), {"Content-Type": "image/svg+xml"}
                )
            parts = urlsplit(url)
            path = Path(unquote(parts.path)).resolve() if parts.scheme == "file" else None
            if path is None or not any(path.is_relative_to(root) for root in roots):
                self.refused.append(url)
                raise ValueError(f"Refused resource outside the project: {url}")
            self.fetched.append(url)
            return super().fetch(url, headers)

    return RestrictedFetcher()


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def captured_weasyprint_errors():
    """WeasyPrint logs resource problems instead of raising: collect them."""
    logger = logging.getLogger("weasyprint")
    handler = _Collect()
    logger.addHandler(handler)
    try:
        yield handler.messages
    finally:
        logger.removeHandler(handler)


def pdfua_descriptions(part: int = PDF_UA_PART) -> list[ET.Element]:
    """rdf:Description elements declaring PDF/UA `part`, and the PDF/A extension schema that
    describes the pdfuaid namespace (PDF/A-2/3 accept only properties of predefined schemas
    or of schemas described in the file)."""
    about = {f"{{{RDF}}}about": ""}
    resource = {f"{{{RDF}}}parseType": "Resource"}
    ident = ET.Element(f"{{{RDF}}}Description", about)
    ident.set(f"{{{PDFUAID}}}part", str(part))

    extension = ET.Element(f"{{{RDF}}}Description", about)
    bag = ET.SubElement(ET.SubElement(extension, f"{{{PDFA_EXTENSION}}}schemas"), f"{{{RDF}}}Bag")
    schema = ET.SubElement(bag, f"{{{RDF}}}li", resource)
    for name, text in (
        ("schema", "PDF/UA Universal Accessibility Schema"),
        ("namespaceURI", PDFUAID),
        ("prefix", "pdfuaid"),
    ):
        ET.SubElement(schema, f"{{{PDFA_SCHEMA}}}{name}").text = text
    properties = ET.SubElement(ET.SubElement(schema, f"{{{PDFA_SCHEMA}}}property"), f"{{{RDF}}}Seq")
    prop = ET.SubElement(properties, f"{{{RDF}}}li", resource)
    for name, text in (
        ("name", "part"),
        ("valueType", "Integer"),
        ("category", "internal"),
        ("description", "Indicates, which part of ISO 14289 standard is followed"),
    ):
        ET.SubElement(prop, f"{{{PDFA_PROPERTY}}}{name}").text = text
    return [ident, extension]


def archival_metadata(metadata):  # weasyprint DocumentMetadata -> subclass instance
    """The document's metadata, writing an XMP packet that declares PDF/UA-1 next to PDF/A,
    uncompressed (PDF/A: a metadata stream has no Filter, so any tool can find it)."""
    from weasyprint.pdf.metadata import DocumentMetadata

    class ArchivalMetadata(DocumentMetadata):
        def include_in_pdf(self, pdf, variant, version, conformance, compress):
            super().include_in_pdf(pdf, variant, version, conformance, compress=False)

        def generate_rdf_metadata(self, variant, version, conformance):
            rdf = ET.fromstring(super().generate_rdf_metadata(variant, version, conformance))
            if variant == "a":
                rdf.extend(pdfua_descriptions())
            return ET.tostring(rdf, encoding="utf-8")

    copy = ArchivalMetadata()
    copy.__dict__.update(vars(metadata))
    return copy


def _attachment(name: str, data: bytes, description: str, when: dt.datetime):
    """A weasyprint Attachment with fixed dates and a MIME type that does not depend on the
    machine. A new one per render: WeasyPrint reads its source once."""
    from weasyprint import Attachment

    mime = MIME_TYPES.get(Path(name).suffix.lower(), "application/octet-stream")

    @contextmanager
    def source() -> Iterator[tuple[BytesIO, None, None, str]]:
        yield BytesIO(data), None, None, mime

    naive_utc = when.astimezone(dt.UTC).replace(tzinfo=None)  # WeasyPrint writes ...Z
    attachment = Attachment(
        string=data,
        name=name,
        description=description,
        created=naive_utc,
        modified=naive_utc,
        relationship=ATTACHMENT_RELATIONSHIP,
    )
    attachment.source = source()
    return attachment


def full_timestamp(w3c_date: str | None) -> str | None:
    """'2026-11-25' -> '2026-11-25T00:00:00Z': a date with a time and a time zone, so the
    XMP dates and the document information dates (PDF/A wants them equivalent) cannot be
    read differently by a validator."""
    if w3c_date and len(w3c_date.strip()) == 10:
        return f"{w3c_date.strip()}T00:00:00Z"
    return w3c_date


def document_date(metadata) -> dt.datetime:
    """The document's own date (<meta name=dcterms.modified|created>), as midnight UTC."""
    text = metadata.modified or metadata.created
    if not text:
        raise RenderError(
            "PDF:en kunde inte byggas: HTML-dokumentet saknar datum (dcterms.created)."
        )
    parts = [int(part) for part in text.strip()[:10].split("-")]  # YYYY[-MM[-DD]]
    year, month, day = (*parts, 1, 1)[:3]
    return dt.datetime(year, month, day, tzinfo=dt.UTC)


@contextmanager
def source_date_epoch(when: dt.datetime) -> Iterator[None]:
    """SOURCE_DATE_EPOCH for the libraries that stamp the time (fontTools writes it into
    the font's head table when it subsets instead of HarfBuzz), restored afterwards."""
    key = "SOURCE_DATE_EPOCH"
    previous = os.environ.get(key)
    os.environ[key] = str(int(when.timestamp()))
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = previous


def _eol_safe(cls: type) -> type:
    """A subclass of a pydyf stream class whose data never ends in CR right before the
    end-of-line marker that precedes `endstream`: pydyf writes "data\\nendstream", and when
    the data (for instance compressed bytes) ends with CR, the marker reads as CR LF and the
    data as one byte shorter than /Length (PDF/A 6.1.7.1). Writing CR LF as the marker then
    keeps /Length exact. Other streams are written byte for byte as before."""
    stream_data = cls.data  # type: ignore[attr-defined]  # pydyf's Stream.data property

    def data(self: Any) -> bytes:
        raw: bytes = stream_data.fget(self)
        end = b"\nendstream"
        if raw.endswith(b"\r" + end):
            raw = raw[: -len(end)] + b"\r" + end
        return raw

    return type(f"EolSafe{cls.__name__}", (cls,), {"data": property(data), "eol_safe": True})


def finish(document, pdf) -> None:
    """WeasyPrint finisher: runs on the pydyf objects before the file is written."""
    import pydyf

    safe: dict[type, type] = {}  # one subclass per stream class of the document
    for item in pdf.objects:
        if isinstance(item, pydyf.Stream) and not getattr(item, "eol_safe", False):
            kind = type(item)
            item.__class__ = safe.setdefault(kind, safe.get(kind) or _eol_safe(kind))


def require_pdf_engine() -> None:
    """WeasyPrint and its system libraries (Pango, HarfBuzz), or a message on what to
    install instead of a failure deep inside an import. A single report imports it only
    once its charts are being drawn (see pipeline._report_files): the import then costs
    no time the report waits for."""
    try:
        import weasyprint  # noqa: F401
    except ImportError:
        raise UsageError(
            "Python-paketet weasyprint saknas, så PDF:en kan inte byggas. Kör `make setup` "
            "(eller `make report`, som installerar det) i projektets mapp."
        ) from None
    except OSError as error:
        library = re.search(r"'([^']+)'", str(error))
        name = f" ({library.group(1)})" if library else ""
        raise UsageError(
            f"Ett systembibliotek som PDF-motorn WeasyPrint behöver saknas{name}. På "
            "Ubuntu/Debian (även WSL): sudo apt install libpango-1.0-0 libpangoft2-1.0-0 "
            "libharfbuzz-subset0 – och kör sedan kommandot igen."
        ) from None


@dataclass(frozen=True)
class LaidOut:
    """A document laid out in pages, and the problems WeasyPrint logged while doing it."""

    document: Any  # weasyprint.document.Document
    errors: tuple[str, ...]


def layout_pdf(
    html: str,
    base_url: Path,
    allowed_dirs: Iterable[Path],
    generated: Mapping[str, Callable[[], str]] | None = None,
) -> LaidOut:
    """The HTML laid out in pages. `generated`: the charts, see make_fetcher."""
    from weasyprint import HTML

    fetcher = make_fetcher(allowed_dirs, generated)
    with captured_weasyprint_errors() as errors:
        document = HTML(string=html, base_url=str(base_url), url_fetcher=fetcher).render()
    return LaidOut(document, tuple(errors))


def write_pdf(
    laid_out: LaidOut, title: str, attachments: Sequence[tuple[str, bytes, str]] = ()
) -> bytes:
    """The laid-out document as PDF bytes. `attachments`: (file name, content, description)
    each, embedded as associated files with the date of the document."""
    document = laid_out.document
    with captured_weasyprint_errors() as errors:
        document.metadata = archival_metadata(document.metadata)
        document.metadata.title = title
        document.metadata.created = full_timestamp(document.metadata.created)
        document.metadata.modified = full_timestamp(document.metadata.modified)
        when = document_date(document.metadata)
        files = [
            _attachment(name, data, description, when) for name, data, description in attachments
        ]
        with source_date_epoch(when):
            pdf = document.write_pdf(
                pdf_variant=PDF_VARIANT, uncompressed_pdf=False, attachments=files, finisher=finish
            )
    own_errors = [e for e in (*laid_out.errors, *errors) if "Refused resource" not in e]
    if own_errors:
        raise RenderError("PDF:en kunde inte byggas: " + "; ".join(own_errors[:5]))
    return pdf
