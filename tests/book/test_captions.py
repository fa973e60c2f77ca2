"""Chart captions: every chart of the built book says what it shows and names its source; a breakdown's caption
names, and links on its page, the paragraph stating the total and the endnote its sentence cites."""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

from fpclib import Corpus, reference
from fpclib.book import chapters, charts, overviews, sections

#: A caption names its source in a "Data:" sentence: a registry or capture file, a corpus table or a dataset.
SOURCE = re.compile(r"Data: .*?(data/(claims|raw|reference)/|corpus\.\w+|Freedom House \(\d{4}\))")


class Figures(HTMLParser):
    """The chart captions of a page (text and link targets, in order) and every id on it."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.captions: list[tuple[str, list[str]]] = []
        self._caption: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(str(attributes["id"]))
        if tag == "figcaption" and "fpc-chart-caption" in (attributes.get("class") or ""):
            self._caption = []
            self.captions.append(("", []))
        elif tag == "a" and self._caption is not None:
            self.captions[-1][1].append(attributes.get("href") or "")

    def handle_data(self, data: str) -> None:
        if self._caption is not None:
            self._caption.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "figcaption" and self._caption is not None:
            self.captions[-1] = ("".join(self._caption), self.captions[-1][1])
            self._caption = None


@pytest.fixture(scope="module")
def site(request: pytest.FixtureRequest) -> Path:
    """The built book: ``FPC_BOOK_HTML`` if set (a build elsewhere), else the session's ``built_html``."""
    other = os.environ.get("FPC_BOOK_HTML")
    return Path(other) if other else request.getfixturevalue("built_html")


def figures(page: Path) -> Figures:
    parser = Figures()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def test_every_chart_in_the_book_has_a_caption_naming_its_source(site: Path) -> None:
    pages = {page: figures(page) for page in sorted((site / "book").rglob("*.html"))}
    charted = {page: found for page, found in pages.items() if found.captions}
    assert len(charted) >= 5, f"charts on only {len(charted)} pages"
    for page, found in charted.items():
        name = page.relative_to(site)
        assert page.read_text(encoding="utf-8").count('<figure class="fpc-figure">') == len(found.captions), name
        for text, links in found.captions:
            assert SOURCE.search(text), f"{name}: a chart's caption names no source: {text!r}"
            dead = [href for href in links if href.startswith("#") and href[1:] not in found.ids]
            assert not dead, f"{name}: caption links to no anchor of the page: {dead}"


def test_a_report_page_captions_its_breakdown_with_paragraph_and_endnote(site: Path) -> None:
    found = figures(site / "book" / "reports" / "retreating-rights-kyrgyzstan.html")
    breakdowns = [(text, links) for text, links in found.captions if "the total's sentence cites" in text]
    assert breakdowns, "no breakdown chart on the Kyrgyzstan report's page"
    text, links = breakdowns[0]
    assert "Introduction, paragraph 116" in text and "note 182" in text
    assert {"#b-wp-5607-116", "#n-wp-5607-182"} <= set(links)
    evidence = [text for text, _ in found.captions if text.startswith("Registered figures by part and evidence.")]
    assert evidence and "data/claims/retreating-rights-kyrgyzstan.csv" in evidence[0]


def test_breakdown_caption_names_the_paragraph_and_the_endnote(checked_claims: pd.DataFrame) -> None:
    (figure,) = chapters.figures(checked_claims, "retreating-rights-kyrgyzstan")
    caption = sections.breakdown_caption(checked_claims, figure).html
    assert '<a href="#b-wp-5607-116">Introduction, paragraph 116</a> states' in caption
    assert "the total's sentence cites <a href=\"#n-wp-5607-182\">note 182</a>." in caption
    assert '<a href="#claim-retreating-rights-kyrgyzstan-133">' in caption
    assert f"the {len(figure.parts)} claims of its parts, in data/claims/retreating-rights-kyrgyzstan.csv" in caption


def test_breakdown_caption_says_when_the_total_cites_no_endnote(checked_claims: pd.DataFrame) -> None:
    (figure,) = [f for f in chapters.figures(checked_claims, "retreating-rights-kazakhstan") if f.unit == "threats"]
    caption = sections.breakdown_caption(checked_claims, figure).html
    assert "Introduction, paragraph 75" in caption and "the total's sentence cites no endnote." in caption


def test_breakdown_caption_escapes_the_registry(checked_claims: pd.DataFrame) -> None:
    (figure,) = chapters.figures(checked_claims, "retreating-rights-kyrgyzstan")
    tampered = checked_claims.copy()
    tampered.loc[tampered["claim_id"] == figure.total_id, "report_id"] = "<script>x</script>"
    caption = sections.breakdown_caption(tampered, figure).html
    assert "<script>" not in caption and "data/claims/&lt;script&gt;x&lt;/script&gt;.csv" in caption


def test_a_plain_caption_is_escaped_and_a_caption_with_links_kept() -> None:
    data = pd.DataFrame({"label": ["a"], "value": [1]})
    plain = charts.to_html(charts.bar(data, category="label", value="value", title="T", caption="<b>&</b>").to_dict())
    assert "<strong>T.</strong> &lt;b&gt;&amp;&lt;/b&gt;</figcaption>" in plain
    linked = charts.Caption('See <a href="#n-x-1">note 1</a>.')
    html = charts.to_html(charts.bar(data, category="label", value="value", title="T", caption=linked).to_dict())
    assert '<strong>T.</strong> See <a href="#n-x-1">note 1</a>.</figcaption>' in html


def test_freedom_house_charts_cite_the_editions_they_draw(corpus: Corpus) -> None:
    fiw = reference.load_fiw()
    items = overviews.score_charts(corpus, fiw).items
    first, last = int(fiw["edition"].min()), int(fiw["edition"].max())
    for chart in items:
        caption = chart.to_dict()["usermeta"]["caption"]
        assert f"{reference.citation(first)} to {reference.citation(last)}" in caption
        assert f"data/reference/{reference.FIW_FILE}" in caption and "Dotted lines: 1 " in caption


def test_treaty_grid_caption_links_the_table_it_redraws(corpus: Corpus) -> None:
    caption = sections.treaty_grid(corpus, "news-human-rights-principles-vs-practices").to_dict()["usermeta"]["caption"]
    assert 'the table in <a href="#b-web-new-run-in-kazakhstan-3-3">Article, paragraph 3</a>' in caption
