"""What the book's landing page and claims explorer show, computed: the headline counts, one card per report
(date, languages, claims by evidence and fidelity, links), and every claim with the facets the explorer filters on."""

from __future__ import annotations

from html import escape

import pandas as pd

from fpclib.book import chapters
from fpclib.book.claimreview import judged
from fpclib.book.html import Table, verdict_label
from fpclib.corpus.build import Corpus
from fpclib.corpus.catalog import LANGUAGES

FACETS = (("report", "report"), ("country", "country"), ("source", "source"), ("evidence", "evidence"),
          ("fidelity", "fidelity"), ("kind", "kind of check"), ("lang", "language"))


def headline(corpus: Corpus, checked: pd.DataFrame) -> dict[str, int]:
    """The counts the landing page states: FPC reports, news articles, translations, claims; on the evidence axis
    how many could be checked, hold and fail; on the fidelity axis how many translated figures are the same,
    changed or missing; and how many nothing checks."""
    reports = corpus.reports
    news = reports["work_id"].str.startswith("news-")
    out = {
        "reports": int(reports.loc[~news, "work_id"].nunique()),
        "news": int(reports.loc[news, "work_id"].nunique()),
        "translations": int((reports["lang"] != "en").sum()),
        "claims": len(checked),
        "hold": int((checked["evidence"] == "holds").sum()),
        "fail": int((checked["evidence"] == "fails").sum()),
        "unchecked": int((~judged(checked)).sum()),
    }
    out["checked"] = out["hold"] + out["fail"]
    for label in ("same", "changed", "missing"):
        out[label] = int((checked["fidelity"] == label).sum())
    return out


def headline_text(numbers: dict[str, int]) -> str:
    """The landing page's statement of what was found, as HTML, from ``headline``."""
    n = numbers
    text = (f"<strong>What was found.</strong> {n['reports']} FPC reports, {n['translations']} of them also in "
            f"translation, and {n['news']} news articles state {n['claims']:,} quantitative claims. "
            f"{n['checked']:,} can be checked against evidence (reference data, a public page, an endnote, "
            f"arithmetic or a date): "
            f"<strong>{n['hold']:,} hold</strong> and <strong>{n['fail']:,} do not</strong>.")
    text += (f" Of the translations' figures compared with the English original, {n['same']:,} are the same, "
             f"<strong>{n['changed']:,} changed</strong> and <strong>{n['missing']:,} left out</strong>.")
    text += f" The other {n['unchecked']:,} are stated once, with nothing to check them against."
    return f'<p class="fpc-headline">{text}</p>'


def report_cards(corpus: Corpus, checked: pd.DataFrame) -> Table:
    """Every work as a card: title, date, languages, its claims by evidence (and, translated, fidelity), and links
    to its pages."""
    works = corpus.reports.sort_values("published", na_position="last")
    items = []
    news_done = False
    for work_id, versions in works.groupby("work_id", sort=False):
        english = versions[versions["lang"] == "en"].iloc[0]
        is_news = str(work_id).startswith("news-")
        if is_news and news_done:
            continue
        if is_news:
            news_done = True
            versions = works[works["work_id"].str.startswith("news-")]
            title, date = f"News articles ({len(versions)})", "captured from a Central Asia news site"
        else:
            title = str(english["title"])
            date = english["published"].strftime("%d %B %Y").lstrip("0") if not pd.isna(english["published"]) else ""
        own = checked[checked["report_id"].isin(versions["report_id"])]
        langs = ", ".join(LANGUAGES.get(lang, lang) for lang in dict.fromkeys(versions["lang"]))
        summary = _counts(own, "evidence", ("holds", "fails"))
        line = f"{len(own)} claims" if len(own) else "no quantitative claim registered"
        if len(own):
            line += f" · checked against evidence: {summary or 'none'}"
        fidelity = ""
        if (versions["lang"] != "en").any():
            kept = _counts(own, "fidelity", ("same", "changed", "missing"))
            fidelity = f'<span class="fpc-meta">translated figures: {kept}</span>'
        links = [f'<a href="{escape(chapters.page_of(corpus, str(english["report_id"])))}">'
                 f"{'the articles' if is_news else 'the report'}</a>"]
        links += [f'<a href="{escape(chapters.page_of(corpus, str(r.report_id)))}">{LANGUAGES.get(r.lang, r.lang)} '
                  "side by side</a>" for r in versions[versions["lang"] != "en"].itertuples()]
        items.append(f'<li><a href="{escape(chapters.page_of(corpus, str(english["report_id"])))}"><strong>'
                     f"{escape(title)}</strong></a><span class=\"fpc-meta\">{escape(date)} · {escape(langs)}</span>"
                     f'<span class="fpc-meta">{line}</span>{fidelity}'
                     f'<span class="fpc-meta">{" · ".join(links)}</span></li>')
    return Table(f'<ul class="fpc-reports">{"".join(items)}</ul>')


def _counts(claims: pd.DataFrame, column: str, labels: tuple[str, ...]) -> str:
    """How many claims carry each of ``labels`` in ``column``, as verdict labels with their counts."""
    counts = claims[column].value_counts()
    return " ".join(f"{verdict_label(label)} {counts[label]}" for label in labels if counts.get(label, 0))


def explorer_claims(corpus: Corpus, checked: pd.DataFrame, *, root: str = "") -> pd.DataFrame:
    """Every claim with the page that shows its text and the countries its report covers (the explorer's facets)."""
    countries = corpus.reports.set_index("report_id")["countries"]
    return checked.assign(
        page=checked["report_id"].map(lambda r: chapters.page_of(corpus, r, root=root)),
        countries=checked["report_id"].map(lambda r: ", ".join(countries.get(r, ()))),
    )


def explorer_controls(checked: pd.DataFrame) -> Table:
    """The explorer's filters: one list per facet the claims have (the script fills in the choices), and words."""
    present = {"report": "report_id", "country": "countries", "source": "source", "evidence": "evidence",
               "fidelity": "fidelity", "kind": "check", "lang": "lang"}
    if "evidence_kind" in checked.columns:
        present["kind"] = "evidence_kind"
    fields = [f'<label>{escape(label)}<select data-facet="{facet}"><option value="">all</option></select></label>'
              for facet, label in FACETS if present[facet] in checked.columns or facet == "country"]
    return Table('<form class="fpc-explorer" role="search" onsubmit="return false">' + "".join(fields)
                 + '<label>words<input type="search" placeholder="e.g. torture"></label>'
                 '<button type="reset">show all</button><p class="fpc-explorer-count" aria-live="polite"></p></form>')
