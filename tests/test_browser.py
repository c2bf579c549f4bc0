"""The HTML version in a real browser (issue 16): Debian's headless Chromium, driven through
its chromedriver, loads the example's HTML version and the forty-indicator one
(scripts/gen_large.py, case survey-large) and axe-core checks them against WCAG 2.1 A and AA,
at a phone's width (390 CSS pixels) and a desktop's (1280). At 390 the page itself never
scrolls sideways; a wide table scrolls inside its own box, which the keyboard can reach.

Chromium, chromedriver and axe-core come from `make test-deps` (scripts/system-deps.sh).
Without them these tests are skipped with a message, except under CI, where a missing tool
is a broken install and fails.

BROWSER_SHOTS=FOLDER saves a full-page screenshot of each page at each width there, for a
person to look at.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from report.pipeline import Options, build_preview
from tests.helpers import PROJECT, REPORT_DATE
from tests.webdriver import CHROMEDRIVER, CHROMIUM, Browser

AXE = PROJECT / "tests" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
PHONE, DESKTOP = 390, 1280
WIDTHS = (PHONE, DESKTOP)
PAGES = ("example", "survey-large")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

RUN_AXE = """
const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})
  .then(result => done(result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary})),
  }))), error => done({error: String(error)}));
"""

# Every element that reaches past the right edge of the window, unless a box that clips or
# scrolls sideways holds it; and every such box that scrolls, with what a keyboard and a
# screen reader need of it.
OVERFLOW = """
const width = window.innerWidth, loose = [], boxes = [];
const clipping = el => ['auto', 'scroll', 'hidden'].includes(getComputedStyle(el).overflowX);
for (const el of document.body.querySelectorAll('*')) {
  if (el.getBoundingClientRect().right > width + 0.5) {
    let box = el.parentElement;
    while (box && !clipping(box)) box = box.parentElement;
    if (!box) loose.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
                         + (el.className && typeof el.className === 'string'
                            ? '.' + el.className.trim().split(/\\s+/).join('.') : ''));
  }
  if (clipping(el) && el.scrollWidth > el.clientWidth + 1) {
    const labelledBy = document.getElementById(el.getAttribute('aria-labelledby') || '');
    boxes.push({
      box: el.className, tabindex: el.getAttribute('tabindex'), role: el.getAttribute('role'),
      name: el.getAttribute('aria-label') || (labelledBy ? labelledBy.textContent : ''),
    });
  }
}
return {loose: loose.slice(0, 20), boxes: boxes,
        scrollWidth: document.documentElement.scrollWidth, innerWidth: width};
"""


def missing_tools() -> str | None:
    """Why the browser tests cannot run here, in Swedish, or None."""
    absent = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not os.access(p, os.X_OK)]
    if absent:
        return (
            f"Chromium/chromedriver saknas ({', '.join(absent)}) – kör make test-deps som "
            "root (apt-get install chromium chromium-driver)"
        )
    if not AXE.is_file():
        return "axe-core saknas i tests/browser/node_modules – kör make test-deps (npm ci)"
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    reason = missing_tools()
    if reason is not None:
        if os.environ.get("CI"):
            pytest.fail(f"{reason} (CI ska ha dem: make test installerar dem)")
        pytest.skip(reason)
    with Browser(DESKTOP, 900) as started:
        yield started


def gen_large() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_large", PROJECT / "scripts" / "gen_large.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def pages(
    browser: Browser, request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Path]:
    """The example's HTML version as the pipeline wrote it, and the forty-indicator case's,
    built without its PDF. (The session's example is asked for here, after the browser, so
    that missing tools skip before anything is built.)"""
    example_report = request.getfixturevalue("example_report")
    root = tmp_path_factory.mktemp("browser")
    cases = gen_large().ensure_cases(
        cache=root / "cases", cases=("survey-large",), log=lambda _: None
    )
    large = root / "survey-large.html"
    options = Options(inputs=cases["survey-large"], outputs=root, report_date=REPORT_DATE)
    large.write_text(build_preview(options), encoding="utf-8")
    return {"example": example_report.result.html, "survey-large": large}


def load(browser: Browser, page: Path, width: int) -> None:
    browser.resize(width, 900)
    browser.open(page.resolve().as_uri())
    assert browser.run("return window.innerWidth") == width


def readable(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} – {len(v['nodes'])} element")
        for node in v["nodes"][:8]:
            first = (node["summary"] or "").splitlines()[1:2]
            lines.append(f"    {node['target']}: {first[0].strip() if first else ''}")
    return "\n".join(lines)


def save_shot(browser: Browser, name: str) -> None:
    folder = os.environ.get("BROWSER_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        browser.screenshot(Path(folder) / f"{name}.png", full_page=True)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("page", PAGES)
def test_no_wcag_21_aa_violations(
    browser: Browser, pages: dict[str, Path], page: str, width: int
) -> None:
    load(browser, pages[page], width)
    browser.run(AXE.read_text(encoding="utf-8"))
    violations = browser.run_async(RUN_AXE, WCAG_TAGS)
    assert not isinstance(violations, dict), violations  # axe itself failed
    save_shot(browser, f"{page}-{width}")
    assert not violations, f"WCAG 2.1 A/AA, {page} vid {width} px:\n{readable(violations)}"


@pytest.mark.parametrize("page", PAGES)
def test_no_sideways_page_scroll_on_a_phone(
    browser: Browser, pages: dict[str, Path], page: str
) -> None:
    load(browser, pages[page], PHONE)
    found = browser.run(OVERFLOW)
    assert not found["loose"], f"reach past the window's edge at {PHONE} px: {found['loose']}"
    assert found["scrollWidth"] <= found["innerWidth"]
    # The wide tables do scroll at this width, each in a box the keyboard reaches and a
    # screen reader names.
    assert found["boxes"], "no table scrolls sideways at 390 px: the check tests nothing"
    for box in found["boxes"]:
        assert box["box"] == "table-scroll", box
        assert box["tabindex"] == "0" and box["role"] == "region" and box["name"].strip(), box


def test_pages_hold_what_the_checks_must_see(browser: Browser, pages: dict[str, Path]) -> None:
    """The overview table, the compact appendix, the outcome tables and the commentary are
    in the pages the checks above load."""
    count = "return document.querySelectorAll(arguments[0]).length"
    load(browser, pages["survey-large"], DESKTOP)
    assert browser.run(count, "table.overview-table tbody tr:not(.group)") >= 40
    assert browser.run(count, "#bilaga-indikatorer article.indicator.compact") >= 20
    assert browser.run(count, "#bilaga-indikatorer .table-scroll table.survey-table") >= 20
    load(browser, pages["example"], DESKTOP)
    for selector in ("table.overview-table", "table.heat", "table.outcome-months", ".analysis"):
        assert browser.run(count, selector) >= 1, selector
