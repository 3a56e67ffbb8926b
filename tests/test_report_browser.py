"""The HTML report in a real browser: Debian's chromium, headless, driven by playwright.

The report of the seeds loads from a file with no console error and no request, its tables and
timelines are drawn, a figure's link scrolls to its marked span, and screenshots at 1280 px (the
whole page, and its first 2000 px) are written under the test's tmp path. The report of hostile
documents opens no dialog and has no script and no event handler in its DOM. Without chromium or
playwright the tests are skipped, except in CI (CI=true), where `.ci/run` installs chromium and a
missing browser is a failure.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claims.cli import app
from tests.conftest import SEEDS
from tests.support.htmlaudit import HOSTILE_DOCS

CHROMIUM = Path(shutil.which("chromium") or "/usr/bin/chromium")
WIDTH = 1280


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; CI must run the browser test (.ci/run installs chromium)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed (pip install -e '.[test]')")
    if not CHROMIUM.exists():
        _unavailable(f"no chromium at {CHROMIUM} (apt-get install chromium)")
    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield instance
        instance.close()


class Visit:
    """A page that loaded ``path``, with what it said and tried on the way."""

    def __init__(self, browser, path: Path, height: int = 900):
        self.page = browser.new_page(viewport={"width": WIDTH, "height": height})
        self.console: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: self.console.append(f"{m.type}: {m.text}"))
        self.page.on("pageerror", lambda e: self.console.append(f"pageerror: {e}"))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.goto(path.as_uri(), wait_until="load")

    def errors(self) -> list[str]:
        return [m for m in self.console if m.startswith(("error", "pageerror", "warning"))]


def _report(tmp_path: Path, folder: Path) -> Path:
    runner = CliRunner()
    db, out = tmp_path / "claims.db", tmp_path / "report.html"
    assert runner.invoke(app, ["--db", str(db), "ingest", str(folder)]).exit_code == 0
    result = runner.invoke(app, ["--db", str(db), "report", "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_the_seeds_report_renders_in_chromium(browser, tmp_path):
    path = _report(tmp_path, SEEDS)
    visit = Visit(browser, path)
    page = visit.page
    assert visit.errors() == []
    assert visit.requests == [path.as_uri()]  # nothing is fetched: no font, no script, no image
    tables = page.locator("table.side")
    assert tables.count() >= 6
    for i in range(tables.count()):
        table = tables.nth(i)
        heads = table.locator("thead th").count()
        assert heads == table.locator("tbody td").count() >= 2  # one column per source, none dropped
        box = table.bounding_box()
        assert box and box["width"] > 200 and box["height"] > 40
    charts = page.locator('svg[aria-label^="Timeline: "]')
    assert charts.count() >= 3
    for i in range(charts.count()):
        box = charts.nth(i).bounding_box()
        assert box and box["width"] > 500 and box["height"] > 200
        assert charts.nth(i).locator("circle, rect").count() >= 2
    matrix = page.locator("table.matrix").bounding_box()
    assert matrix and matrix["height"] > 100
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH  # wide tables scroll in their box
    shot = tmp_path / "report-1280.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 50_000
    # the first 2000 px, what an editor sees first, at a size one can look at
    page.screenshot(path=str(tmp_path / "report-1280-top.png"), full_page=True,
                    clip={"x": 0, "y": 0, "width": WIDTH, "height": 2000})
    link = page.locator('table.side a[href^="#c-"]').first
    target = link.get_attribute("href")[1:]
    link.click()
    assert page.evaluate("location.hash") == f"#{target}"
    assert page.evaluate("document.querySelector(':target').tagName") == "MARK"
    top = page.evaluate("document.querySelector(':target').getBoundingClientRect().top")
    assert 0 <= top < 900  # scrolled into view
    assert page.evaluate("getComputedStyle(document.querySelector(':target').closest('.sent')).backgroundColor") \
        != page.evaluate("getComputedStyle(document.querySelector('.sent:not(:has(:target))')).backgroundColor")
    page.close()


def test_hostile_documents_run_nothing_in_chromium(browser, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    for name, text in HOSTILE_DOCS.items():
        (folder / name).write_text(text, encoding="utf-8")
    path = _report(tmp_path, folder)
    visit = Visit(browser, path)
    page = visit.page
    page.wait_for_timeout(300)  # an onload or onerror handler would have run by now
    assert visit.dialogs == [] and visit.errors() == []
    assert visit.requests == [path.as_uri()]  # the <img src=x> and <iframe> of the documents loaded nothing
    assert page.evaluate("document.scripts.length") == 0
    assert page.evaluate(
        "[...document.querySelectorAll('*')].filter(e => [...e.attributes].some(a => a.name.startsWith('on'))).length"
    ) == 0
    assert page.evaluate("document.querySelectorAll('img, iframe, object, embed').length") == 0
    assert page.evaluate("[...document.links].filter(a => !a.href.startsWith(location.href.split('#')[0])).length") == 0
    assert page.locator("body").is_visible()  # the document's <style>body{display:none}</style> is text
    assert "<script>alert('title')</script>" in page.locator("h1 + p + nav + *, main").first.inner_text()
    page.screenshot(path=str(tmp_path / "hostile-1280.png"), full_page=True)
    page.close()
