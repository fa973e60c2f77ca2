"""The book as a reader meets it: every internal link and anchor resolves, every claim has its anchor and its
ClaimReview, the data package validates, tables show no raw dataframe values, the landing page lists every
report, and (in Chromium) the phone menu and page contents open, the explorer filters and a link's target is
highlighted. ``FPC_BOOK_HTML`` points the checks at another build of the book (default ``_build/html``)."""

from __future__ import annotations

import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pandas as pd
import pytest
from test_book import CHROMIUM_ARGS, PAGES, PHONE

from fpclib import Corpus
from fpclib.book import claimreview, html, landing
from fpclib.book.chapters import page_of

DESKTOP = {"width": 1366, "height": 900}
READER_PAGES = ["book/intro", "book/reports/retreating-rights-kyrgyzstan",
                "book/translations/retreating-rights-kyrgyzstan", "book/discrepancies", "book/claims"]


@pytest.fixture(scope="module")
def site(request: pytest.FixtureRequest) -> Path:
    """The built book: ``FPC_BOOK_HTML`` if set, else the session's ``built_html``."""
    other = os.environ.get("FPC_BOOK_HTML")
    return Path(other) if other else request.getfixturevalue("built_html")


def screenshots(site: Path) -> Path:
    """Where the browser tests save screenshots: beside the built site (``_build/screenshots`` by default)."""
    folder = site.parent / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class Links(HTMLParser):
    """The ids of a page and the links it makes (``href`` of ``a`` and ``link``, ``src`` of scripts and images)."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.add(found["id"] or "")
        if tag == "a" and found.get("name"):
            self.ids.add(found["name"] or "")
        target = found.get("href") if tag in ("a", "link") else found.get("src") if tag in ("script", "img") else None
        if target:
            self.links.append(target)


def parsed(path: Path) -> Links:
    links = Links()
    links.feed(path.read_text(encoding="utf-8"))
    return links


def dead_links(site: Path) -> tuple[list[str], int]:
    """Every internal link of the site whose file or anchor is missing, and how many links were followed."""
    pages = {path: parsed(path) for path in site.rglob("*.html") if not {"_sources", "_static"} & set(path.parts)}
    dead, followed = [], 0
    for path, links in pages.items():
        for link in links.links:
            parts = urlsplit(link)
            if parts.scheme or link.startswith("//"):
                continue
            followed += 1
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            if not target.exists():
                dead.append(f"{path.relative_to(site)}: {link} (no such file)")
            elif parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else parsed(target).ids
                if unquote(parts.fragment) not in ids:
                    dead.append(f"{path.relative_to(site)}: {link} (no such anchor)")
    return dead, followed


def test_every_internal_link_and_anchor_resolves(site: Path) -> None:
    dead, followed = dead_links(site)
    assert followed > 10_000, f"only {followed} links followed: is the book built?"
    assert not dead, f"{len(dead)} dead internal links of {followed}, e.g.:\n" + "\n".join(dead[:40])


def test_no_page_repeats_an_id(site: Path) -> None:
    repeated = []
    for doc in PAGES:
        text = (site / f"{doc}.html").read_text(encoding="utf-8")
        ids = re.findall(r' id="([^"]+)"', text)
        repeated += [f"{doc}: {i}" for i in sorted({i for i in ids if ids.count(i) > 1})]
    assert not repeated, "ids twice on a page (a link lands on the first only):\n" + "\n".join(repeated[:30])


def test_every_claim_has_its_anchor_in_the_explorer(site: Path, checked_claims: pd.DataFrame) -> None:
    ids = parsed(site / "book" / "claims.html").ids
    missing = [c for c in checked_claims["claim_id"] if html.claim_anchor(c) not in ids]
    assert not missing, f"{len(missing)} claims without an anchor on the explorer page, e.g. {missing[:5]}"


def test_english_claims_are_anchored_on_their_report_page(
    site: Path, corpus: Corpus, checked_claims: pd.DataFrame
) -> None:
    english = checked_claims[checked_claims["lang"] == "en"]
    missing = []
    for report_id, own in english.groupby("report_id"):
        ids = parsed(site / "book" / page_of(corpus, report_id)).ids
        missing += [c for c in own["claim_id"] if html.claim_anchor(c) not in ids]
    assert not missing, f"{len(missing)} English claims without an anchor on their report page, e.g. {missing[:5]}"


def test_claimreview_file_holds_every_judged_claim(site: Path) -> None:
    document = json.loads((site / "data" / "claimreview.json").read_text(encoding="utf-8"))
    items = document["@graph"]
    claims = pd.read_parquet(site / "data" / "parquet" / "claims.parquet")  # the claims of the same build
    assert document["@context"] == "https://schema.org"
    assert len(items) == int(claimreview.judged(claims).sum()) > 100
    for item in items:
        assert item["@type"] == "ClaimReview" and item["claimReviewed"]
        assert item["reviewRating"]["alternateName"], item["identifier"]
        assert item["url"].startswith("../book/claims.html#claim-")
        appearance = item["itemReviewed"]["appearance"]
        assert appearance["name"] and appearance.get("url", "https://").startswith("https://"), item["identifier"]
    with_url = sum("url" in item["itemReviewed"]["appearance"] for item in items)
    assert with_url >= 0.9 * len(items), f"only {with_url} of {len(items)} reviews link the original publication"


def test_pages_carry_the_claimreview_of_their_claims(site: Path) -> None:
    text = (site / "book" / "reports" / "retreating-rights-kyrgyzstan.html").read_text(encoding="utf-8")
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', text, flags=re.S)
    assert len(scripts) == 1
    reviews = json.loads(scripts[0])
    assert all(r["@type"] == "ClaimReview" and r["url"].startswith("#claim-") for r in reviews)
    anchored = set(re.findall(r'<tr id="claim-([^"]+)"', text))
    assert {r["identifier"] for r in reviews} <= anchored


def test_data_package_validates(site: Path) -> None:
    from frictionless import Package, validate

    descriptor = site / "data" / "datapackage.json"
    report = validate(str(descriptor))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:20]
    package = Package(str(descriptor))
    names = {resource.name for resource in package.resources}
    assert {"claims", "reports", "publications", "blocks", "notes", "accounting"} <= names
    fields = {field.name for field in package.get_resource("claims").schema.fields}
    assert {"claim_id", "quote", "evidence", "evidence_reason", "fidelity", "fidelity_reason"} <= fields
    for resource in package.resources:
        assert (site / "data" / resource.path.replace("csv/", "parquet/").replace(".csv", ".parquet")).is_file()


def test_tables_show_no_raw_dataframe_values(site: Path) -> None:
    raw = re.compile(r"<td[^>]*>(?:&lt;NA&gt;|nan|NaT|None|\d+\.0|\d+\.\d{6})</td>")
    found = []
    for doc in PAGES:
        text = (site / f"{doc}.html").read_text(encoding="utf-8")
        found += [f"{doc}: {m}" for m in raw.findall(text)[:3]]
        assert "¶ wp-" not in text, f"{doc}: a link labelled with an internal id"
    assert not found, "raw values in table cells:\n" + "\n".join(found[:30])


def test_landing_page_lists_and_links_every_report(site: Path, corpus: Corpus) -> None:
    page = site / "book" / "intro.html"
    links = parsed(page).links
    text = page.read_text(encoding="utf-8")
    for report in corpus.reports.itertuples():
        assert page_of(corpus, report.report_id) in links, f"the landing page does not link {report.report_id}"
    assert "What was found" in text and "claims.html" in " ".join(links) and "method.html" in " ".join(links)
    assert "MANIFEST" not in text, "provenance belongs on the method page"


def test_report_text_has_part_headings_notes_heading_and_original_links(site: Path) -> None:
    text = (site / "book" / "reports" / "retreating-rights-kyrgyzstan.html").read_text(encoding="utf-8")
    assert text.count('class="fpc-part"') >= 3
    assert ">Notes</p>" in text and 'class="fpc-backlink"' in text
    assert 'class="fpc-external" href="https://fpc.org.uk/' in text


# Unit checks of the HTML builders (no built book needed).


def test_claims_rows_are_anchored_and_show_both_axes(checked_claims: pd.DataFrame) -> None:
    sample = checked_claims.head(3)
    table = html.claims(sample).html
    for claim_id in sample["claim_id"]:
        assert f'<tr id="claim-{claim_id}"' in table and f'href="#claim-{claim_id}"' in table
    if "evidence" in sample.columns:
        assert '"fpc-col-verdict">evidence</th>' in table and '"fpc-col-verdict">fidelity</th>' in table
    assert "paragraph" in table and "¶" not in table
    assert 'id="claim-' not in html.claims(sample, anchors=False).html


def test_side_by_side_shows_the_english_notes_it_links_to(corpus: Corpus) -> None:
    from fpclib import align

    work, lang = "retreating-rights-kyrgyzstan", "ky"
    alignment = align.align(corpus, work, lang)
    pair = align.part_pairs(corpus, work, lang)[1]
    page = html.side_by_side(corpus, alignment, pair.en_pub_id, pair.tr_pub_id).html
    targets = set(re.findall(r'href="#([^"]+)"', page))
    ids = set(re.findall(r' id="([^"]+)"', page))
    assert targets and targets <= ids, sorted(targets - ids)[:5]


def test_explorer_claims_know_their_page_and_countries(corpus: Corpus, checked_claims: pd.DataFrame) -> None:
    claims = landing.explorer_claims(corpus, checked_claims)
    kyrgyz = claims[claims["report_id"] == "retreating-rights-kyrgyzstan-ky"].iloc[0]
    assert kyrgyz["page"] == "translations/retreating-rights-kyrgyzstan.html" and kyrgyz["countries"] == "Kyrgyzstan"


# In Chromium.


@pytest.fixture(scope="module")
def phone_browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


ON_SCREEN = """(selector) => [...document.querySelectorAll(selector)].filter((el) => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && box.left >= 0 && box.right <= window.innerWidth
        && box.top >= 0 && box.bottom <= window.innerHeight && getComputedStyle(el).visibility !== 'hidden';
}).length"""


def open_page(browser, url: str, viewport: dict[str, int]):
    context = browser.new_context(viewport=viewport, offline=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url, wait_until="load")
    return page, errors


@pytest.mark.browser
@pytest.mark.parametrize(("toggle", "links"), [(".primary-toggle", ".bd-docs-nav a"),
                                                (".secondary-toggle", "#pst-page-toc-nav a")])
def test_phone_menus_open(phone_browser, site: Path, toggle: str, links: str) -> None:
    report = site / "book" / "reports" / "retreating-rights-kyrgyzstan.html"
    page, errors = open_page(phone_browser, report.as_uri(), PHONE)
    assert page.evaluate(ON_SCREEN, links) == 0, "the navigation is on screen before the button is tapped"
    buttons = page.locator(f"{toggle}:visible")
    assert buttons.count() >= 1, f"no visible {toggle} on a phone"
    buttons.first.click()
    page.wait_for_timeout(400)
    shown = page.evaluate(ON_SCREEN, links)
    name = toggle.strip(".")
    page.screenshot(path=str(screenshots(site) / f"reader-{name}-open-phone.png"))
    page.context.close()
    assert not errors, errors
    assert shown >= 3, f"tapping {toggle} shows {shown} navigation links on screen"


@pytest.mark.browser
def test_explorer_filters_by_report_and_words(phone_browser, site: Path) -> None:
    page, errors = open_page(phone_browser, (site / "book" / "claims.html").as_uri(), DESKTOP)
    total = page.locator("table.fpc-claims tbody tr").count()
    page.select_option('select[data-facet="report"]', "retreating-rights-kyrgyzstan")
    visible = page.locator("table.fpc-claims tbody tr:visible")
    shown = visible.count()
    reports = set(page.eval_on_selector_all("table.fpc-claims tbody tr:not([hidden])",
                                            "rows => rows.map(r => r.dataset.report)"))
    count = page.inner_text(".fpc-explorer-count")
    word = page.inner_text("table.fpc-claims tbody tr:not([hidden]) td:nth-child(3)").split()[-1]
    page.fill(".fpc-explorer input[type=search]", word)
    narrower = page.locator("table.fpc-claims tbody tr:visible").count()
    page.context.close()
    assert not errors, errors
    assert 0 < shown < total and reports == {"retreating-rights-kyrgyzstan"}
    assert count == f"{shown} of {total} claims shown"
    assert 0 < narrower < shown, f"words {word!r}: {narrower} of {shown}"


@pytest.mark.browser
def test_a_claim_link_lands_on_a_highlighted_row(phone_browser, site: Path, checked_claims: pd.DataFrame) -> None:
    claim_id = checked_claims["claim_id"].iloc[0]
    url = (site / "book" / "claims.html").as_uri() + f"#claim-{claim_id}"
    page, errors = open_page(phone_browser, url, DESKTOP)
    background = page.evaluate(f"() => getComputedStyle(document.getElementById('claim-{claim_id}')).backgroundColor")
    top = page.evaluate(f"() => document.getElementById('claim-{claim_id}').getBoundingClientRect().top")
    page.context.close()
    assert not errors, errors
    assert background not in ("rgba(0, 0, 0, 0)", "transparent") and 0 <= top < DESKTOP["height"]


@pytest.mark.browser
@pytest.mark.parametrize("doc", READER_PAGES)
@pytest.mark.parametrize(("size", "viewport"), [("desktop", DESKTOP), ("phone", PHONE)])
def test_reader_pages_fit(phone_browser, site: Path, doc: str, size: str, viewport: dict[str, int]) -> None:
    """Screenshots of the pages a reader meets first; no table's key column is cut off at 1366 px."""
    page, errors = open_page(phone_browser, (site / f"{doc}.html").as_uri(), viewport)
    page.screenshot(path=str(screenshots(site) / f"reader-{doc.replace('/', '-')}-{size}.png"))
    hidden = page.evaluate("""() => [...document.querySelectorAll('table.fpc-claims')].filter((t) => {
        const box = t.closest('.fpc-table-scroll'); return box && box.scrollWidth > box.clientWidth + 2; }).length""")
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    page.context.close()
    assert not errors, errors
    assert overflow <= 1
    if size == "desktop":
        assert hidden == 0, f"{doc}: {hidden} claims tables scroll sideways at 1366 px"


@pytest.mark.browser
def test_report_text_headings_are_in_the_page_contents(phone_browser, site: Path) -> None:
    report = site / "book" / "reports" / "retreating-rights-kyrgyzstan.html"
    page, errors = open_page(phone_browser, report.as_uri(), DESKTOP)
    parts = page.locator('#pst-page-toc-nav a[href^="#p-"]').count()
    headings = page.locator('#pst-page-toc-nav a[href^="#b-"]').count()
    page.context.close()
    assert not errors, errors
    assert parts >= 3 and headings >= 3, f"{parts} part titles and {headings} headings in the page's contents"


def test_charts_are_numbered_figures_with_captions(site: Path) -> None:
    text = (site / "book" / "freedom-house.html").read_text(encoding="utf-8")
    figures = text.count('<figure class="fpc-figure">')
    captions = re.findall(r'<figcaption class="fpc-chart-caption">(.*?)</figcaption>', text, flags=re.S)
    assert figures >= 3 and len(captions) == figures and all(captions)
    assert any("Dotted lines: 1 " in caption for caption in captions), "the publication lines are not named"
    for doc in PAGES:
        page = (site / f"{doc}.html").read_text(encoding="utf-8")
        has_chart = 'class="fpc-chart"' in page
        assert has_chart == ("vega-bundle.js" in page), f"{doc}: chart library and charts do not go together"
