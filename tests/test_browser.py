"""The explorer in a real headless Chromium (Debian's chromium, driven by Playwright): from the
overview to the Turkey-Syria dyad and on to an article. Screenshots go to test-artifacts/."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

pytestmark = pytest.mark.model

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def base_url(demo_store):
    from detente.web.app import create_app, serving

    with serving(create_app(demo_store)) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        reason = "Debian's chromium is not installed (make test installs it: scripts/install_chromium.sh)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    pg.errors = errors
    yield pg
    context.close()


def _ready(page) -> None:
    page.wait_for_selector("body[data-ready]", timeout=20_000)
    assert page.get_attribute("body", "data-ready") == "1", page.inner_text("main")


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)


def test_browser_overview_to_dyad_to_article(page, base_url):
    page.goto(base_url + "/")
    _ready(page)
    assert page.locator("svg.network g.node[data-code=TUR]").count() == 1
    assert page.locator("svg.network g.node[data-code=SYR]").count() == 1
    assert page.locator("svg.network path.edge[data-source=TUR][data-target=SYR]").count() == 1
    _shot(page, "overview")

    page.locator("table.edges a", has_text="TUR → SYR").click()
    page.wait_for_url("**/dyad?a=TUR&b=SYR")
    _ready(page)
    assert page.locator("h1").inner_text() == "TUR – SYR"
    assert page.locator("svg.series rect.quad").count() > 0
    ledger = page.locator("ol.ledger").inner_text()
    assert "diplomatic ties broken" in ledger and "2011" in ledger
    rows = page.locator("table.events tbody tr")
    assert rows.count() > 5
    assert page.locator("table.events mark.trigger").count() > 0
    assert page.locator("table.events mark.actor").count() > 0
    _shot(page, "dyad")

    link = page.locator("table.events a.article-link").first
    title = link.inner_text()
    link.click()
    page.wait_for_url("**/articles/**")
    _ready(page)
    assert page.locator("h1").inner_text() == title
    assert page.locator(".article-text mark.event").count() > 0
    assert page.locator("table.events tbody tr").count() > 0
    _shot(page, "article")
    assert not page.errors


def test_browser_edge_click_opens_the_dyad(page, base_url):
    page.goto(base_url + "/")
    _ready(page)
    page.locator("path.edge[data-source=SYR][data-target=TUR]").dispatch_event("click")
    page.wait_for_url("**/dyad?a=SYR&b=TUR")
    _ready(page)
    assert page.locator("h1").inner_text() == "SYR – TUR"


def test_browser_filters_narrow_the_network(page, base_url):
    page.goto(base_url + "/")
    _ready(page)
    every = page.locator("path.edge").count()
    page.select_option("select[name=roots]", ["18", "19", "20"])
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/?roots=18%2C19%2C20")
    _ready(page)
    assert 0 < page.locator("path.edge").count() < every
    page.locator("svg.network g.node[data-code=TUR]").dispatch_event("click")
    page.wait_for_url("**/?actor=TUR")
    _ready(page)
    assert page.locator("h1").inner_text() == "Relations of TUR"


def test_browser_markup_in_articles_is_text(page, base_url):
    page.goto(base_url + "/articles/hostile-markup")
    _ready(page)
    text = page.locator(".article-text").inner_text()
    assert "<script>" in text and "onerror=" in text
    assert page.locator("main img").count() == 0 and page.locator("main script").count() == 0
    assert page.evaluate("window.__detente_xss") is None
    page.goto(base_url + "/search?q=onerror")
    _ready(page)
    assert page.evaluate("window.__detente_xss") is None
    _shot(page, "hostile-article")


def test_browser_bad_dyad_shows_the_error(page, base_url):
    page.goto(base_url + "/dyad?a=ZZZ&b=SYR")
    page.wait_for_selector("body[data-ready]")
    assert "no events with actor ZZZ" in page.locator("p.error").inner_text()
