"""Charts and side outputs drawn in worker processes beside the layout: the same files as
drawing everything in one process, and SVG that draws the same."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree as ET

import openpyxl
import pytest

from report.app.pipeline import Options, build_report, read_inputs
from report.app.workers import WORKER_NICENESS, Workers, can_fork
from report.charts.catalogue import report_chart_specs
from report.charts.lean_svg import declarations, lean_svg
from report.model.report import build_model, default_year
from report.output.pdf import make_fetcher
from report.output.render import chart_url
from tests.conftest import BuiltExample
from tests.helpers import PROJECT, REPORT_DATE

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}href"


def _pid(_: int) -> int:
    return os.getpid()


def _fail(text: str) -> None:
    raise ValueError(text)


def _mark_prepared() -> None:
    os.environ["MEDBORGARLOFTE_TEST_PREPARED"] = str(os.getpid())


def _prepared(_: int) -> tuple[str, str | None]:
    """This process's id and the one its `prepare` marked (None: not prepared)."""
    return str(os.getpid()), os.environ.get("MEDBORGARLOFTE_TEST_PREPARED")


@pytest.mark.skipif(not can_fork(), reason="worker processes are forked")
def test_each_worker_is_prepared_as_it_starts_and_this_process_is_not() -> None:
    # Each job reports its own process and mark together: which worker runs which job is
    # up to the pool (on a busy machine one worker may take every job).
    with Workers(2, prepare=_mark_prepared) as workers:
        seen = {workers.submit(_prepared, i).result() for i in range(8)}
    assert all(mark == pid for pid, mark in seen), seen
    assert str(os.getpid()) not in {pid for pid, _ in seen}
    assert _prepared(0)[1] is None


def test_one_worker_runs_each_job_at_once_in_this_process() -> None:
    with Workers(1) as workers:
        futures = [workers.submit(_pid, i) for i in range(3)]
        assert all(f.done() for f in futures)
        failed = workers.submit(_fail, "trasig")
    assert {f.result() for f in futures} == {os.getpid()}
    with pytest.raises(ValueError, match="trasig"):
        failed.result()


@pytest.mark.skipif(not can_fork(), reason="worker processes are forked")
def test_two_workers_run_jobs_in_other_processes_and_hand_back_errors() -> None:
    with Workers(2) as workers:
        pids = {workers.submit(_pid, i).result() for i in range(6)}
        failed = workers.submit(_fail, "trasig")
        with pytest.raises(ValueError, match="trasig"):
            failed.result()
    assert os.getpid() not in pids and 1 <= len(pids) <= 2


def _niceness(_: int) -> int:
    return os.nice(0)


@pytest.mark.skipif(not can_fork(), reason="worker processes are forked")
def test_workers_yield_the_processor_to_the_main_process() -> None:
    with Workers(2) as workers:
        nice = workers.submit(_niceness, 0).result()
    assert nice == os.nice(0) + WORKER_NICENESS


@pytest.mark.skipif(not can_fork(), reason="worker processes are forked")
def test_two_workers_build_the_same_files_as_one(
    example_report: BuiltExample, tmp_path: Path
) -> None:
    """The session's example is built with one worker; built again with two, the PDF and the
    HTML preview are the same bytes and the workbook holds the same cells."""
    options = Options(
        inputs=example_report.inputs, outputs=tmp_path, report_date=REPORT_DATE, workers=2
    )
    result = build_report(options)
    assert result.pdf.read_bytes() == example_report.pdf.read_bytes()
    assert result.html is not None and example_report.result.html is not None
    assert result.html.read_bytes() == example_report.result.html.read_bytes()
    one, two = (
        openpyxl.load_workbook(p) for p in (example_report.result.underlag, result.underlag)
    )
    assert one.sheetnames == two.sheetnames
    for name in one.sheetnames:
        assert list(one[name].values) == list(two[name].values), name


def _example_specs(example_report: BuiltExample):
    options = Options(
        inputs=example_report.inputs, outputs=Path("/nonexistent"), report_date=REPORT_DATE
    )
    read = read_inputs(options)
    model = build_model(
        read.promise, read.dataset, default_year(read.dataset), REPORT_DATE, read.is_example
    )
    return report_chart_specs(model)


def test_alt_text_is_known_before_the_chart_is_drawn(example_report: BuiltExample) -> None:
    specs = _example_specs(example_report)
    assert len({s.id for s in specs}) == len(specs) == 29
    assert all(len(s.alt) > 40 for s in specs)
    drawn = specs[0].chart()
    assert (drawn.id, drawn.alt) == (specs[0].id, specs[0].alt)
    assert drawn.svg.startswith("<?xml")


def test_lean_svg_keeps_every_drawing_element_and_property(example_report: BuiltExample) -> None:
    """Each chart's SVG as matplotlib writes it (style attributes, one style sheet, a group
    per artist) and as the report keeps it: drawing element for drawing element the same
    tags, text and properties."""
    import matplotlib

    from report.charts import svg as charts

    spec = next(s for s in _example_specs(example_report) if s.id.startswith("indikator-"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(charts, "lean_svg", lambda svg: svg)
        raw = spec.draw()
    kept = spec.draw()
    assert kept == lean_svg(raw)
    assert ' style="' in raw and ' style="' not in kept and "<style" not in kept
    assert "<g id=" in raw and "<g id=" not in kept and "xlink" not in kept

    def drawn(svg: str) -> list[ET.Element]:
        skipped = {"g", "style", "metadata", "RDF", "Work", "type", "format", "date", "defs"}
        return [e for e in ET.fromstring(svg).iter() if e.tag.rsplit("}")[-1] not in skipped]

    before, after = drawn(raw), drawn(kept)
    assert len(before) > 50
    assert len(ET.fromstring(kept).findall(".//*")) < 0.7 * len(ET.fromstring(raw).findall(".//*"))
    assert [e.tag for e in before] == [e.tag for e in after]
    for old, new in zip(before, after, strict=True):
        expected = {k: v for k, v in old.attrib.items() if k != "style"}
        expected |= declarations(old.get("style", ""))
        if XLINK in expected:
            expected["href"] = expected.pop(XLINK)
        if re.fullmatch(r"rotate\(-?0 \S+ \S+\)", expected.get("transform", "")):
            del expected["transform"]
        if old.tag == f"{SVG}svg":
            expected |= {"stroke-linejoin": "round", "stroke-linecap": "butt"}
        assert new.attrib == expected
        assert (new.text or "").strip() == (old.text or "").strip()
    assert matplotlib.__version__  # the test ran against the installed matplotlib


def test_lean_svg_leaves_text_and_other_style_sheets_alone() -> None:
    ns = 'xmlns="http://www.w3.org/2000/svg"'
    svg = f'<svg {ns}><text x="1">style="a: b" &amp; &lt;g id="x"&gt;</text></svg>'
    assert 'style="a: b" &amp; &lt;g id="x"&gt;</text>' in lean_svg(svg)
    other = (
        f"<svg {ns}><defs><style>path{{fill: red}}</style></defs>"
        '<path style="fill: #fff; stroke: none"/></svg>'
    )
    kept = lean_svg(other)
    assert "<style>path{fill: red}</style>" in kept and "stroke-linejoin" not in kept
    assert '<path fill="#fff" stroke="none" />' in kept


def test_the_fetcher_serves_generated_charts_and_nothing_under_their_scheme(tmp_path: Path) -> None:
    calls: list[str] = []
    fetcher = make_fetcher((tmp_path,), {chart_url("a"): lambda: calls.append("a") or "<svg/>"})
    response = fetcher.fetch(chart_url("a"))
    assert response.read() == b"<svg/>" and response.content_type == "image/svg+xml"
    assert calls == ["a"] and fetcher.fetched == [chart_url("a")]
    with pytest.raises(ValueError, match="Refused"):
        fetcher.fetch(chart_url("b"))
    assert fetcher.refused == [chart_url("b")]


def test_chart_urls_are_absolute_and_distinct() -> None:
    urls = {chart_url(i) for i in ("a", "b", "indikator-x")}
    assert len(urls) == 3
    assert all(re.fullmatch(r"chart:[\w-]+\.svg", u) for u in urls)


def test_the_report_font_is_the_one_matplotlib_draws_with() -> None:
    import matplotlib

    from report.charts.svg import font_path

    assert font_path() == Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
    assert font_path().is_file()


def test_the_main_process_does_not_load_matplotlib_until_it_draws() -> None:
    """The main process lays out the PDF; matplotlib (a third of a second to import) is
    loaded by the chart workers, or on the first chart drawn in process."""
    code = (
        "import sys, report.app.cli, report.app.pipeline; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'matplotlib'))"
    )
    shown = subprocess.run(
        [sys.executable, "-c", code], cwd=PROJECT, capture_output=True, text=True, check=True
    )
    assert shown.stdout.strip() == "[]"
