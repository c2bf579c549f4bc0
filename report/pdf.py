"""HTML -> PDF with WeasyPrint, written atomically.

Only the project's own templates, fonts and generated charts may be fetched: cell text that
sneaks a URL into the HTML can read no local file and reach no network.
"""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Iterable
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .errors import RenderError

PDF_VARIANT = "pdf/a-3a"


def make_fetcher(allowed_dirs: Iterable[Path]):  # -> weasyprint.urls.URLFetcher
    from weasyprint.urls import URLFetcher

    roots = tuple(Path(d).resolve() for d in allowed_dirs)

    class RestrictedFetcher(URLFetcher):
        """Serves file:// URLs under the allowed folders; refuses everything else."""

        refused: list[str]
        fetched: list[str]

        def __init__(self) -> None:
            super().__init__(allowed_protocols={"file"})
            self.refused = []
            self.fetched = []

        def fetch(self, url: str, headers=None):
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


def render_pdf(html: str, base_url: Path, allowed_dirs: Iterable[Path], title: str) -> bytes:
    """The PDF as bytes."""
    from weasyprint import HTML

    fetcher = make_fetcher(allowed_dirs)
    with captured_weasyprint_errors() as errors:
        document = HTML(string=html, base_url=str(base_url), url_fetcher=fetcher).render()
        pdf = document.write_pdf(pdf_variant=PDF_VARIANT, uncompressed_pdf=False)
    own_errors = [e for e in errors if "Refused resource" not in e]
    if own_errors:
        raise RenderError("PDF:en kunde inte byggas: " + "; ".join(own_errors[:5]))
    return pdf


def write_atomically(target: Path, data: bytes) -> None:
    """Write to a temporary file next to the target and rename it into place, so a failing
    or killed run never leaves a partial file under the report's name."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
