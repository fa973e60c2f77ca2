"""The sections of the report, translation and news chapters: each code cell of those pages is one call here.

A section is an :class:`Outputs`, the tables, charts and Markdown it shows in order; a cell that ends with one
displays each item. The data behind them comes from :mod:`fpclib.book.chapters` and :mod:`fpclib.align`, and
tables of claims pass through every column ``check_claims`` gives.
"""

from __future__ import annotations

import fcntl
import functools
import hashlib
import io
import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

import pandas as pd
from IPython.display import Markdown, display
from pyarrow import ArrowException

import fpclib
from fpclib import align, paths, reference
from fpclib.book import chapters, charts, html
from fpclib.claims import check_claims, findings, relations
from fpclib.corpus import Corpus, load_corpus
from fpclib.corpus.catalog import LANGUAGES
from fpclib.tables import atomic_write


@dataclass(frozen=True)
class Outputs:
    """What one cell shows, in order: tables, charts and Markdown."""

    items: tuple[Any, ...]

    def _ipython_display_(self) -> None:
        display(*self.items)


def setup() -> tuple[Corpus, pd.DataFrame]:
    """Switch on the book's charts; the corpus and every checked claim (:func:`load`)."""
    charts.enable()
    return load()


def load() -> tuple[Corpus, pd.DataFrame]:
    """The corpus and every checked claim (a copy, so a page may add columns), computed once per build.

    The book executes its notebooks in two kernels (``book/_ext/prerun.py``) and the build reads the claims too:
    the pair is kept in memory for the process and pickled into the fpclib cache under a key of every fpclib
    module and every data file (name, size, modification time), so a changed file is read afresh. A lock makes
    a second process wait for the first one's result rather than compute it again.
    """
    corpus, checked = _checked(_key())
    return corpus, checked.copy()


def _key() -> str:
    """A digest of fpclib's source and of the name, size and modification time of every data file."""
    digest = hashlib.sha256()
    for path in sorted(Path(fpclib.__file__).parent.rglob("*.py")):
        digest.update(str(path).encode() + b"\0" + path.read_bytes())
    for path in sorted(p for p in paths.data_dir().rglob("*") if p.is_file()):
        stat = path.stat()
        digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:16]


@functools.lru_cache(maxsize=1)
def _checked(key: str) -> tuple[Corpus, pd.DataFrame]:
    """The corpus (from its own cache) and the checked claims, kept as Parquet under ``key``: no pickle, so a cache
    file runs no code; a damaged one is computed afresh."""
    corpus = load_corpus()
    folder = paths.cache_dir()
    path = folder / f"checked-{key}.parquet"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        lock = (folder / "checked.lock").open("a")
    except OSError:  # no cache where there is no writable folder: compute
        return corpus, check_claims(corpus)
    with lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            checked = pd.read_parquet(path)
            checked["parsed"] = [tuple(values) for values in checked["parsed"]]
            return corpus, checked
        except (OSError, ValueError, KeyError, TypeError, ArrowException):
            path.unlink(missing_ok=True)
        checked = check_claims(corpus)
        for old in folder.glob("checked-*.p*"):
            old.unlink(missing_ok=True)
        buffer = io.BytesIO()
        checked.assign(parsed=[list(values) for values in checked["parsed"]]).to_parquet(buffer, index=False)
        atomic_write(path, buffer.getvalue())
        return corpus, checked


def located(claims: pd.DataFrame) -> bool:
    """Whether every claim was found in the text (a claim the text no longer holds has no block).

    >>> located(pd.DataFrame({"block": ["wp-6003.12", None]}))
    False
    """
    return bool(claims["block"].notna().all())


def claims_table(claims: pd.DataFrame, *, none: str = "None registered: see above.", **options: Any) -> Any:
    """The claims on both axes (``html.claims``), or a line in italics where there are none."""
    return html.claims(claims, **options) if len(claims) else Markdown(f"*{none}*")


def counts(table: pd.DataFrame, by: list[str], name: str) -> pd.DataFrame:
    """Rows of ``table`` counted by the columns ``by``, the count in column ``name``.

    >>> counts(pd.DataFrame({"evidence": ["holds", "fails", "holds"]}), ["evidence"], "claims")
      evidence  claims
    0    fails       1
    1    holds       2
    """
    return table.groupby(by, as_index=False).size().rename(columns={"size": name})


def flagged(claims: pd.DataFrame) -> pd.Series:
    """Which claims a check found wrong: evidence fails, or the copy changed or left out the figure.

    >>> flagged(pd.DataFrame({"evidence": ["fails", "holds", "none", "none"],
    ...                       "fidelity": ["n/a", "same", "changed", "n/a"]})).tolist()
    [True, False, True, False]
    """
    return (claims["evidence"] == "fails") | claims["fidelity"].isin(["changed", "missing"])


#: The labels of the two verdict axes, in the order the counts show them: evidence, then fidelity beside it.
EVIDENCE = ("holds", "fails", "none")
FIDELITY = ("same", "changed", "missing")


def axis_counts(claims: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Claims counted by the columns ``by``: how many, then on the evidence axis how many hold, fail or have none,
    and beside it on the fidelity axis how many translated figures are the same, changed or missing.

    >>> axis_counts(pd.DataFrame({"part": ["a", "a", "b"], "evidence": ["holds", "fails", "none"],
    ...                           "fidelity": ["n/a", "changed", "same"]}), ["part"])
      part  claims  holds  fails  none  same  changed  missing
    0    a       2      1      1     0     0        1        0
    1    b       1      0      0     1     1        0        0
    """
    grouped = claims.groupby(by, sort=True)
    table = grouped.size().rename("claims").to_frame()
    for column, labels in (("evidence", EVIDENCE), ("fidelity", FIDELITY)):
        for label in labels:
            table[label] = grouped[column].agg(lambda values, label=label: int((values == label).sum()))
    return table.reset_index()


# Report chapters.

def report_overview(corpus: Corpus, report_id: str) -> Outputs:
    """A report's parts (with their length and endnotes) and its language versions."""
    return Outputs((charts.table(chapters.parts(corpus, report_id).drop(columns="lang"), caption="Parts"),
                    charts.table(chapters.languages(corpus, report_id), caption="Language versions")))


def report_figures(checked: pd.DataFrame, claims: pd.DataFrame, report_id: str) -> Outputs:
    """Each breakdown the text gives, drawn and checked against its total; then the claims by part and evidence,
    with the fidelity of their translations beside."""
    items: list[Any] = []
    for figure in chapters.figures(checked, report_id):
        items.append(charts.bar(figure.parts, category="label", value="value", title=f"{figure.what} ({figure.unit})",
                                category_title=None, value_title=figure.unit,
                                caption=breakdown_caption(checked, figure)))
        items.append(charts.table(chapters.figure_check(figure), caption="Do the parts add up?"))
    by_part = counts(claims, ["part", "evidence"], "claims")
    if len(by_part):
        items.append(charts.bar(by_part, category="part", value="claims", colour="evidence",
                                title="Registered figures by part and evidence", category_title=None,
                                value_title="claims", caption=evidence_caption(report_id, "part")))
        items.append(charts.table(axis_counts(claims, ["part"]),
                                  caption="Registered figures by part: evidence, and fidelity in translation"))
    else:
        items.append(Markdown("*The text states no quantitative claim: it has figures only as dates.*"))
    return Outputs(tuple(items))


def paragraph_link(block_id: str, part: str) -> str:
    """A link, in words, to a paragraph on the same page: "Introduction, paragraph 12" (as the claims tables say).

    >>> paragraph_link("wp-6003.12", "introduction")
    '<a href="#b-wp-6003-12">Introduction, paragraph 12</a>'
    """
    return html.where({"block": block_id, "part": part}, "")


def breakdown_caption(checked: pd.DataFrame, figure: chapters.Figure) -> charts.Caption:
    """A breakdown chart's caption: the paragraph that states the total (and any others stating its parts) and the
    endnote the total's sentence cites, each linked on the page, and the registered claims the bars draw."""
    by_id = checked.set_index("claim_id", drop=False)
    total = by_id.loc[figure.total_id]
    stated = paragraph_link(total["block"], total["part"])
    parts = by_id.loc[figure.parts["claim_id"]].drop_duplicates("block")
    others = [paragraph_link(row.block, row.part) for row in parts.itertuples(index=False)
              if isinstance(row.block, str) and row.block != total["block"]]
    note = html.where({"cited_note": total["cited_note"], "note": total["note"], "pub_id": total["pub_id"]}, "")
    text = (f"The parts of the total ({escape(html.number(figure.total, figure.unit))}) that {stated} states"
            + (f"; the parts as {', '.join(others)} states them" if others else "")
            + (f"; the total's sentence cites {note}." if note else "; the total's sentence cites no endnote.")
            + f' Data: the registered claim <a href="#{html.claim_anchor(figure.total_id)}">'
            f"{escape(figure.total_id)}</a> (the total) and the {len(figure.parts)} claims of its parts, in "
            f"data/claims/{escape(total['report_id'])}.csv, each figure as read from the text.")
    return charts.Caption(text)


def evidence_caption(report_id: str | None, by: str) -> str:
    """The caption of a chart of registered claims counted by ``by`` and evidence, naming the registry file(s).

    >>> evidence_caption("force-for-good", "part")[:62]
    'The registered claims of the report, counted by part and by ev'
    """
    words = ", ".join(f"{label} ({html.VERDICT_WORDS[label]})" for label in EVIDENCE)
    whose, data = ("of the report", f"data/claims/{report_id}.csv") if report_id else ("of every report",
                                                                                       "data/claims/*.csv")
    return (f"The registered claims {whose}, counted by {by} and by evidence: {words}. Data: the claims of "
            f"{data}, each checked by fpclib.")


#: The relations that put a figure to Freedom House's data.
FREEDOM_HOUSE = frozenset({"fiw", "fiw_below", "nit"})


def report_standing(corpus: Corpus, claims: pd.DataFrame, report_id: str) -> Outputs:
    """Freedom in the World for the report's countries at publication, and its Freedom House figures checked."""
    standing = chapters.standing(corpus, report_id)
    if len(standing):
        items: list[Any] = [charts.table(standing, caption="Freedom in the World at publication"),
                            Markdown(f"Source: {reference.citation(int(standing['edition'].iloc[0]))}.")]
    else:
        items = [Markdown("*No dated edition applies.*")]
    freedom_house = claims[claims["relation"].map(lambda text: any(k in FREEDOM_HOUSE for k, _ in relations(text)))]
    items.append(claims_table(freedom_house, none="The text states no Freedom House figure.",
                              caption="Freedom House figures in the text"))
    return Outputs(tuple(items))


def translated_claims(checked: pd.DataFrame, report_id: str, lang: str) -> Outputs:
    """A translation's figures counted on both axes (evidence, fidelity beside), and those that differ from this
    English original."""
    translated = chapters.claims(checked, f"{report_id}-{lang}")
    return Outputs((
        charts.table(axis_counts(translated, ["part"]),
                     caption=f"The {LANGUAGES[lang]} edition's figures: evidence, and fidelity to the English"),
        html.claims(translated[flagged(translated)],
                    caption="Figures that differ from the English original", href=f"../translations/{report_id}.html"),
    ))


def publications(corpus: Corpus, pub_ids: Iterable[str], headings: Iterable[str] | None = None) -> Outputs:
    """The texts of publications, each under its heading (a Markdown ``###``) where headings are given."""
    items: list[Any] = []
    for pub_id, heading in zip(pub_ids, itertools.repeat(None) if headings is None else headings):
        if heading is not None:
            items.append(Markdown(f"### {heading}"))
        items.append(html.publication(corpus, pub_id))
    return Outputs(tuple(items))


def report_text(corpus: Corpus, report_id: str) -> Outputs:
    """A report's text, part after part."""
    return publications(corpus, chapters.parts(corpus, report_id)["pub_id"])


# Translation chapters.

@dataclass(frozen=True)
class Translation:
    """A translation set against its English original: blocks paired, coverage, endnotes and figures compared."""

    work_id: str
    lang: str
    alignment: pd.DataFrame
    coverage: pd.DataFrame
    notes: pd.DataFrame
    figures: pd.DataFrame

    @property
    def language(self) -> str:
        return LANGUAGES[self.lang]


def translation(corpus: Corpus, work_id: str, lang: str) -> Translation:
    """Align the ``lang`` edition of ``work_id`` with its English original (:mod:`fpclib.align`)."""
    alignment = align.align(corpus, work_id, lang)
    return Translation(work_id, lang, alignment, align.coverage(alignment), align.align_notes(corpus, work_id, lang),
                       align.compare_figures(corpus, work_id, lang))


def alignment_coverage(pair: Translation) -> Outputs:
    """The share of English blocks aligned, per part, as a table and a chart."""
    coverage = pair.coverage
    return Outputs((
        charts.table(coverage, caption="Alignment coverage"),
        charts.bar(coverage.assign(share=coverage["share"].round(3)), category="part", value="share",
                   title="Share of English blocks aligned", category_title=None, value_title="share of blocks",
                   caption=f"The share of each part's English blocks that the alignment pairs with a block of the "
                           f"{pair.language} edition. Data: the blocks of both editions (corpus.blocks), aligned by "
                           "fpclib.align."),
    ))


def endnote_differences(pair: Translation) -> Outputs:
    """Endnotes by part and status, and those present in one edition only."""
    differing = pair.notes[pair.notes["status"] != "matched"]
    return Outputs((
        charts.table(counts(pair.notes, ["part", "status"], "notes"), caption="Endnotes by part"),
        charts.table(differing, caption="Endnotes that differ") if len(differing)
        else Markdown("*Every endnote matches.*"),
    ))


def figure_differences(pair: Translation, checked: pd.DataFrame) -> Outputs:
    """Numbers by part and status, those that differ, and the registered claims of the discrepancy register: those
    whose check failed and the other instances of their findings (each register entry links to its row here)."""
    figures = pair.figures
    translated = chapters.claims(checked, f"{pair.work_id}-{pair.lang}")
    listed = {claim_id for group in findings(checked)["instances"] for claim_id in group}
    columns = ["part", "en_seq", "tr_seq", "status", "en_written", "tr_written", "en_text", "tr_text"]
    return Outputs((
        charts.table(counts(figures, ["part", "status"], "numbers"), caption="Numbers by part and status"),
        charts.table(figures[figures["status"] != "same"][columns], caption="Numbers that differ"),
        html.claims(translated[flagged(translated) | translated["claim_id"].isin(listed)],
                    caption="Registered figures in the discrepancy register"),
    ))


def untranslated(pair: Translation, corpus: Corpus) -> Any:
    """The English blocks that no block of the translation answers to."""
    missing = pair.alignment[pair.alignment["tr_seq"].isna()].merge(
        corpus.blocks[["pub_id", "seq", "kind", "text"]], left_on=["en_pub_id", "en_seq"], right_on=["pub_id", "seq"])
    if not len(missing):
        return Markdown("*None.*")
    return charts.table(missing[["part", "en_seq", "kind", "text"]], caption="English blocks without a counterpart")


def side_by_side(pair: Translation, corpus: Corpus) -> Outputs:
    """Each part, English and translation side by side, under its heading."""
    items: list[Any] = []
    for part in align.part_pairs(corpus, pair.work_id, pair.lang):
        items += [Markdown(f"### {part.part.capitalize()}"),
                  html.side_by_side(corpus, pair.alignment, part.en_pub_id, part.tr_pub_id)]
    return Outputs(tuple(items))


# The news chapter.

def news_articles(corpus: Corpus) -> pd.DataFrame:
    """The news articles (one report each), in the corpus's order."""
    return corpus.reports[corpus.reports["work_id"].str.startswith("news-")].reset_index(drop=True)


def news_copies(corpus: Corpus, news: pd.DataFrame) -> Outputs:
    """The articles, and the copies the second capture holds of the appended ones."""
    copies = corpus.duplicates()
    copies = copies[copies["pub_id"].str.startswith("web-") & copies["duplicate_of"].str.startswith("web-")]
    return Outputs((
        charts.table(news[["report_id", "title", "countries"]].assign(countries=news["countries"].map(", ".join)),
                     caption="Articles"),
        charts.table(copies, caption="The appended articles in the second capture, against the first"),
    ))


def treaty_grid(corpus: Corpus, report_id: str) -> Any:
    """The table of UN treaties an article gives, redrawn as a grid of country by treaty."""
    tables = chapters.table_blocks(corpus, report_id)
    where = ", ".join(paragraph_link(row.block_id, row.part) for row in tables.itertuples(index=False))
    caption = charts.Caption(f"Each treaty's status in each country as the table in {where} gives it, grey where the "
                             "table gives none. Data: that table's cells, as the corpus holds them (corpus.blocks).")
    return charts.grid(chapters.table_cells(corpus, report_id), x="country", y="treaty", colour="status",
                       title="UN treaties by country (as the article's table gives them)", caption=caption)


def news_claims(checked: pd.DataFrame, news: pd.DataFrame) -> Outputs:
    """Each article's claims under its title."""
    items: list[Any] = []
    for row in news.itertuples():
        items += [Markdown(f"### {row.title}"),
                  claims_table(chapters.claims(checked, row.report_id), none="No quantitative claim.")]
    return Outputs(tuple(items))


def news_texts(corpus: Corpus, news: pd.DataFrame) -> Outputs:
    """Each article's text under its title."""
    return publications(corpus, [pub_ids[0] for pub_ids in news["pub_ids"]], news["title"])
