"""Checks of the built book (_build/html): it loads nothing from the network and its charts draw.

The static checks read the HTML; the browser test opens every page of the table of contents in
Debian's headless Chromium, driven by Playwright (which downloads no browser when given one), with
DNS and network switched off, and saves screenshots under _build/screenshots/. The last tests check
that the HTML which fpclib.charts puts into pages keeps corpus text escaped.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
import yaml

from fpclib.book import charts

REPO = Path(__file__).resolve().parents[2]

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = REPO / "_build" / "screenshots"
CDN_HOSTS = ("cdn.jsdelivr", "unpkg.com", "cdnjs")
CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root
    "--host-resolver-rules=MAP * ~NOTFOUND",  # no name resolves: nothing can reach a remote host
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
ALL_CHARTS_DONE = """() => [...document.querySelectorAll('.fpc-chart')].every(
    (chart) => chart.classList.contains('fpc-chart-drawn') || chart.classList.contains('fpc-chart-failed'))"""
DRAWN_CHARTS = """() => [...document.querySelectorAll('.fpc-chart')].map((chart) => {
    const view = chart.querySelector('.fpc-chart-live svg.marks, .fpc-chart-live canvas.marks');
    const box = view ? view.getBoundingClientRect() : {width: 0, height: 0};
    return {
        drawn: chart.classList.contains('fpc-chart-drawn'),
        marks: view ? view.querySelectorAll('.role-mark > *').length + (view.tagName === 'CANVAS' ? 1 : 0) : 0,
        width: box.width,
        height: box.height,
    };
})"""


def toc_pages() -> list[str]:
    """Doc names of every page in _toc.yml (root first), e.g. 'book/intro'."""
    toc = yaml.safe_load((REPO / "_toc.yml").read_text(encoding="utf-8"))

    def walk(entries: list[dict]) -> Iterator[str]:
        for entry in entries:
            if "file" in entry:
                yield entry["file"]
            for key in ("chapters", "sections", "parts"):
                yield from walk(entry.get(key, []))

    return [toc["root"], *walk(toc.get("chapters", []) + toc.get("parts", []))]


PAGES = toc_pages()


class ResourceLinks(HTMLParser):
    """Collects the URLs an HTML page loads as scripts, stylesheets, frames or preloads, and inline script text."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.inline_scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag in ("script", "iframe", "img") and found.get("src"):
            self.urls.append(found["src"] or "")
        if tag == "link" and found.get("href") and found.get("rel") in ("stylesheet", "preload", "modulepreload"):
            self.urls.append(found["href"] or "")
        self._in_script = tag == "script" and not found.get("src")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.inline_scripts.append(data)


def page_file(built_html: Path, doc: str) -> Path:
    path = built_html / f"{doc}.html"
    assert path.is_file(), f"page {doc} of _toc.yml was not built: {path} is missing"
    return path


def test_toc_pages_built(built_html: Path) -> None:
    for doc in PAGES:
        page_file(built_html, doc)


def test_no_page_loads_anything_remote(built_html: Path) -> None:
    pages = sorted(built_html.rglob("*.html"))
    assert pages
    remote = []
    for page in pages:
        links = ResourceLinks()
        links.feed(page.read_text(encoding="utf-8"))
        remote += [
            f"{page.relative_to(built_html)}: {url}"
            for url in links.urls
            if url.startswith(("http:", "https:", "//"))
        ]
        remote += [
            f"{page.relative_to(built_html)}: inline script mentions {host}"
            for script in links.inline_scripts
            for host in CDN_HOSTS
            if host in script
        ]
    assert not remote, "pages load resources from the network:\n" + "\n".join(remote)


def test_chart_pages_load_the_vendored_bundle(built_html: Path) -> None:
    bundle = built_html / "_static" / "vega" / "vega-bundle.js"
    assert bundle.is_file(), "the Vega bundle was not vendored into _static"
    assert "window.vegaEmbed" in bundle.read_text(encoding="utf-8")
    chart_pages = [doc for doc in PAGES if 'class="fpc-chart"' in page_file(built_html, doc).read_text("utf-8")]
    assert chart_pages, "no page of the book has a chart"
    for doc in chart_pages:
        links = ResourceLinks()
        links.feed(page_file(built_html, doc).read_text(encoding="utf-8"))
        scripts = [url.split("?")[0] for url in links.urls]
        assert any(url.endswith("_static/vega/vega-bundle.js") for url in scripts), doc
        assert any(url.endswith("_static/fpc-charts.js") for url in scripts), doc


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium from Debian; `make test` installs it when missing."""
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser` (apt-get install chromium)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def visit(browser, url: str, viewport: dict[str, int], screenshot: Path) -> tuple[list[str], object]:
    """Open ``url`` offline, wait for its charts, save a screenshot of the first screen; return problems, page."""
    context = browser.new_context(viewport=viewport, offline=True)
    problems: list[str] = []

    def block_remote(route) -> None:
        problems.append(f"request to the network: {route.request.url}")
        route.abort()

    context.route(lambda url: not url.startswith(("file:", "data:", "about:", "blob:")), block_remote)
    page = context.new_page()
    page.on("console", lambda message: message.type == "error" and problems.append(f"console error: {message.text}"))
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on("requestfailed", lambda request: problems.append(f"failed request: {request.url} {request.failure}"))
    page.goto(url, wait_until="load")
    try:
        page.wait_for_function(ALL_CHARTS_DONE, timeout=20_000)
    except Exception as error:
        problems.append(f"charts not drawn in time: {error}")
    screenshot.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(screenshot))  # the first screen: long report pages would take seconds each
    return problems, page


@pytest.mark.browser
@pytest.mark.parametrize("doc", ["index", *PAGES])
def test_page_draws_offline_without_errors(browser, built_html: Path, doc: str) -> None:
    target = built_html / "index.html" if doc == "index" else page_file(built_html, doc)
    name = doc.replace("/", "-")
    problems, page = visit(browser, target.as_uri(), DESKTOP, SCREENSHOTS / f"{name}.png")
    charts = page.evaluate(DRAWN_CHARTS)
    page.context.close()
    assert not problems, "\n".join(problems)
    for number, chart in enumerate(charts, start=1):
        assert chart["drawn"] and chart["marks"] > 0, f"{doc}: chart {number} has no drawn view: {chart}"
        assert chart["width"] > 100 and chart["height"] > 50, f"{doc}: chart {number} is too small: {chart}"


@pytest.mark.browser
@pytest.mark.parametrize("doc", PAGES)
def test_page_fits_a_phone(browser, built_html: Path, doc: str) -> None:
    shot = SCREENSHOTS / f"{doc.replace('/', '-')}-phone.png"
    problems, page = visit(browser, page_file(built_html, doc).as_uri(), PHONE, shot)
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    page.context.close()
    assert not problems, "\n".join(problems)
    assert overflow <= 1, f"{doc} is {overflow}px wider than a phone screen: wide content must scroll in its own box"


def test_corpus_page_has_its_charts_and_table(built_html: Path) -> None:
    text = page_file(built_html, "book/corpus").read_text(encoding="utf-8")
    assert text.count('class="fpc-chart"') >= 3, "the corpus chapter should show its three charts"
    assert 'class="fpc-table-scroll' in text


HOSTILE = 'Rights </script><script>alert(1)</script> <!-- & "quotes"'


def test_chart_html_keeps_corpus_text_inside_its_spec() -> None:
    chart = charts.bar(pd.DataFrame({"title": [HOSTILE], "n": [3]}), category="title", value="n", title=HOSTILE)
    html = charts.to_html(chart.to_dict())
    spec_start = html.index('<script type="application/json" class="fpc-chart-spec">') + len(
        '<script type="application/json" class="fpc-chart-spec">'
    )
    payload = html[spec_start : html.index("</script>", spec_start)]
    assert "<" not in payload, "the spec must not contain '<' inside its <script>"
    assert "</script><script>alert(1)</script>" in json.dumps(json.loads(payload)), "the text reaches the data"
    assert "<script>alert" not in html
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in html[html.index("<figcaption"):]


def test_table_escapes_corpus_text() -> None:
    html = charts.table(pd.DataFrame({"title": [HOSTILE], "n": [1]}), caption=HOSTILE)._repr_html_()
    assert "<script>" not in html and "<!--" not in html
    assert html.count("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;") == 2  # caption and cell
    assert html.startswith('<div class="fpc-table-scroll')


@pytest.mark.browser
def test_corpus_text_with_markup_renders_literally(browser, tmp_path: Path) -> None:
    """Text that looks like markup reaches the page as text: no script runs, the reader sees the characters."""
    from fpclib import load_corpus
    from fpclib.book import html
    from fpclib.corpus import Corpus

    corpus = load_corpus()
    blocks = corpus.blocks.copy()
    first = blocks.index[blocks["pub_id"] == "wp-5913"][0]
    blocks.loc[first, "text"] = "<script>document.title='pwned'</script> Tom & Jerry <b>bold?</b>"
    blocks.at[first, "note_refs"], blocks.at[first, "note_positions"] = (), ()
    tampered = Corpus(corpus.publications, corpus.reports, blocks, corpus.notes, corpus.sources, corpus.manifest,
                      corpus.texts)
    page_path = tmp_path / "page.html"
    text = html.publication(tampered, "wp-5913").html
    page_path.write_text(f"<!doctype html><title>fixture</title>{text}", encoding="utf-8")
    problems, page = visit(browser, page_path.as_uri(), DESKTOP, SCREENSHOTS / "escaping-fixture.png")
    shown = page.inner_text(".fpc-text p:not(.fpc-part-meta)")
    title = page.title()
    bold = page.locator(".fpc-text b").count()
    page.context.close()
    assert not problems, "\n".join(problems)
    assert title == "fixture" and bold == 0
    assert shown.startswith("<script>document.title='pwned'</script> Tom & Jerry <b>bold?</b>")
