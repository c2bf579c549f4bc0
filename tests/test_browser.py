"""The HTML version in a real browser (issue 16): Debian's headless Chromium, driven through
its chromedriver, loads the example's HTML version and the forty-indicator one
(scripts/gen_large.py, case survey-large) and axe-core checks them against WCAG 2.1 A and AA,
at a phone's width (390 CSS pixels) and a desktop's (1280). At 390 the page itself never
scrolls sideways; a wide table scrolls inside its own box, which the keyboard can reach.

Selenium (the project's dev extras) drives the browser, with the driver and the browser
named explicitly, so Selenium Manager never runs and nothing is downloaded. Chromium,
chromedriver and axe-core come from `make test-deps` (scripts/system-deps.sh). Without any
of them these tests are skipped with a message, except under CI, where a missing tool is a
broken install and fails.

BROWSER_SHOTS=FOLDER saves a full-page screenshot of each page at each width there, for a
person to look at.
"""

from __future__ import annotations

import base64
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from report.app.pipeline import Options, build_preview
from tests.helpers import PROJECT, REPORT_DATE, gen_large

try:
    from selenium import webdriver
except ImportError:  # a virtual environment without the dev extras: missing_tools() says so
    webdriver = None

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
# The machine may have no network: without the background-networking flags Chromium keeps
# trying (and failing) to reach its own services.
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
    "--force-device-scale-factor=1",
)
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
    if webdriver is None:
        return (
            "Selenium saknas i Python-miljön – installera utvecklingsberoendena: make setup "
            "(eller .venv/bin/python -m pip install -c constraints.txt -e '.[dev]')"
        )
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
def browser() -> Iterator[webdriver.Chrome]:
    """One chromedriver and one headless Chromium in a fresh profile, removed afterwards."""
    reason = missing_tools()
    if reason is not None:
        if os.environ.get("CI"):
            pytest.fail(f"{reason} (CI ska ha dem: make test installerar dem)")
        pytest.skip(reason)
    with tempfile.TemporaryDirectory(
        prefix="chromium-profile-", ignore_cleanup_errors=True
    ) as profile:
        options = webdriver.ChromeOptions()
        options.binary_location = str(CHROMIUM)
        for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--window-size={DESKTOP},900"):
            options.add_argument(flag)
        # With the driver's path given, Selenium Manager is never run (nothing is downloaded).
        service = webdriver.ChromeService(executable_path=str(CHROMEDRIVER))
        driver = webdriver.Chrome(options=options, service=service)
        try:
            driver.set_script_timeout(300)
            driver.set_page_load_timeout(120)
            # Selenium waits 120 s for chromedriver's answer by default, less than axe may get.
            driver.command_executor.client_config.timeout = 600
            yield driver
        finally:
            driver.quit()


@pytest.fixture(scope="module")
def pages(
    browser: webdriver.Chrome,
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
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


def load(browser: webdriver.Chrome, page: Path, width: int) -> None:
    """`page` in a viewport (not a window) exactly `width` CSS pixels wide."""
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": False},
    )
    browser.get(page.resolve().as_uri())
    assert browser.execute_script("return window.innerWidth") == width


def readable(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} – {len(v['nodes'])} element")
        for node in v["nodes"][:8]:
            first = (node["summary"] or "").splitlines()[1:2]
            lines.append(f"    {node['target']}: {first[0].strip() if first else ''}")
    return "\n".join(lines)


def save_shot(browser: webdriver.Chrome, name: str) -> None:
    """A PNG of the whole page's length, not only the viewport, in $BROWSER_SHOTS."""
    folder = os.environ.get("BROWSER_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        shot = browser.execute_cdp_cmd(
            "Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True}
        )
        (Path(folder) / f"{name}.png").write_bytes(base64.b64decode(shot["data"]))


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("page", PAGES)
def test_no_wcag_21_aa_violations(
    browser: webdriver.Chrome, pages: dict[str, Path], page: str, width: int
) -> None:
    load(browser, pages[page], width)
    browser.execute_script(AXE.read_text(encoding="utf-8"))
    violations = browser.execute_async_script(RUN_AXE, WCAG_TAGS)
    assert not isinstance(violations, dict), violations  # axe itself failed
    save_shot(browser, f"{page}-{width}")
    assert not violations, f"WCAG 2.1 A/AA, {page} vid {width} px:\n{readable(violations)}"


@pytest.mark.parametrize("page", PAGES)
def test_no_sideways_page_scroll_on_a_phone(
    browser: webdriver.Chrome, pages: dict[str, Path], page: str
) -> None:
    load(browser, pages[page], PHONE)
    found = browser.execute_script(OVERFLOW)
    assert not found["loose"], f"reach past the window's edge at {PHONE} px: {found['loose']}"
    assert found["scrollWidth"] <= found["innerWidth"]
    # The wide tables do scroll at this width, each in a box the keyboard reaches and a
    # screen reader names.
    assert found["boxes"], "no table scrolls sideways at 390 px: the check tests nothing"
    for box in found["boxes"]:
        assert box["box"] == "table-scroll", box
        assert box["tabindex"] == "0" and box["role"] == "region" and box["name"].strip(), box


def test_pages_hold_what_the_checks_must_see(
    browser: webdriver.Chrome, pages: dict[str, Path]
) -> None:
    """The overview table, the compact appendix, the outcome tables and the commentary are
    in the pages the checks above load."""
    count = "return document.querySelectorAll(arguments[0]).length"
    load(browser, pages["survey-large"], DESKTOP)
    assert browser.execute_script(count, "table.overview-table tbody tr:not(.group)") >= 40
    assert browser.execute_script(count, "#bilaga-indikatorer article.indicator.compact") >= 20
    assert (
        browser.execute_script(count, "#bilaga-indikatorer .table-scroll table.survey-table") >= 20
    )
    load(browser, pages["example"], DESKTOP)
    for selector in ("table.overview-table", "table.heat", "table.outcome-months", ".analysis"):
        assert browser.execute_script(count, selector) >= 1, selector
