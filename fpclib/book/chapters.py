"""What a report's chapter shows, as data: its parts and languages, its figures, its Freedom House standing,
its claims on both axes (evidence, fidelity), its text, and the discrepancy register. The book's notebooks only
arrange these."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from fpclib import reference as fh
from fpclib.claims import findings, relations
from fpclib.corpus.build import Corpus
from fpclib.corpus.catalog import LANGUAGES, PARTS

PART_ORDER = {part: i for i, part in enumerate(PARTS)}
#: Language names, for headings and captions.


def parts(corpus: Corpus, report_id: str) -> pd.DataFrame:
    """The published parts of a report in reading order: part, pub_id, title, date, blocks, endnotes, words."""
    pubs = corpus.publications
    own = pubs[(pubs["report_id"] == report_id) & pubs["duplicate_of"].isna()]
    if own.empty:
        raise KeyError(f"no report {report_id!r}; see corpus.reports")
    words = corpus.blocks.assign(words=corpus.blocks["text"].str.split().str.len()).groupby("pub_id")["words"].sum()
    return (
        own.assign(order=own["part"].map(PART_ORDER), date=own["published"].dt.strftime("%Y-%m-%d"),
                   words=own["pub_id"].map(words), blocks=own["n_blocks"], endnotes=own["n_notes"])
        .sort_values("order")[["part", "pub_id", "title", "date", "lang", "blocks", "endnotes", "words"]]
        .reset_index(drop=True)
    )


def languages(corpus: Corpus, work_id: str) -> pd.DataFrame:
    """Every language version of a work: report_id, lang, first published, parts, endnotes."""
    versions = corpus.reports[corpus.reports["work_id"] == work_id]
    return versions.assign(
        date=versions["published"].dt.strftime("%Y-%m-%d"), parts=versions["parts"].map(", ".join),
        endnotes=versions["n_notes"],
    )[["report_id", "lang", "date", "parts", "endnotes"]].reset_index(drop=True)


@dataclass(frozen=True)
class Figure:
    """A total the text states and the parts it breaks it into, all read from the text."""

    total_id: str
    what: str
    unit: str
    total: float
    parts: pd.DataFrame
    evidence: str
    evidence_reason: str


def figures(checked: pd.DataFrame, report_id: str) -> list[Figure]:
    """The report's breakdowns: each registered total with its parts (``total:`` relations), with the check."""
    own = checked[checked["report_id"] == report_id]
    by_id = checked.set_index("claim_id")
    found: dict[str, list[tuple[str, float, str]]] = {}
    for claim in own.itertuples(index=False):
        for kind, argument in relations(claim.relation):
            if kind == "total" and argument in by_id.index:
                found.setdefault(argument, []).append((claim.claim_id, claim.value, claim.what))
    result = []
    for total_id, items in found.items():
        total = by_id.loc[total_id]
        frame = pd.DataFrame(items, columns=["claim_id", "value", "label"])
        result.append(Figure(total_id, total["what"], total["unit"], total["value"], frame, total["evidence"],
                             total["evidence_reason"]))
    return result


def figure_check(figure: Figure) -> pd.DataFrame:
    """A breakdown's parts, their sum and the stated total, then its evidence and the reason: the proof, as a table."""
    rows = [*zip(figure.parts["label"], figure.parts["value"].map("{:g}".format)),
            ("sum of the parts", f"{figure.parts['value'].sum():g}"),
            (f"total stated: {figure.what}", f"{figure.total:g}"),
            (f"evidence: {figure.evidence}", figure.evidence_reason)]
    return pd.DataFrame(rows, columns=["", figure.unit])


def standing(corpus: Corpus, report_id: str, fiw: pd.DataFrame | None = None) -> pd.DataFrame:
    """Freedom in the World for each country the report covers, in the edition current when it appeared."""
    table = fh.load_fiw() if fiw is None else fiw
    report = corpus.reports.set_index("report_id").loc[report_id]
    if pd.isna(report["published"]) or not report["countries"]:
        return pd.DataFrame(columns=["country", "edition", "covers", "status", "total", "pr", "cl", "rank"])
    edition = fh.edition_for(report["published"], "fiw")
    rows = []
    for country in report["countries"]:
        rank = fh.rank(table, country, edition)
        rows.append({
            "country": country, "edition": edition, "covers": fh.covers_year(edition),
            "status": fh.lookup(table, country, edition, "status"),
            "total": fh.lookup(table, country, edition, "total"),
            "pr": fh.lookup(table, country, edition, "pr"), "cl": fh.lookup(table, country, edition, "cl"),
            "rank": f"{rank.rank} of {rank.of}",
        })
    return pd.DataFrame(rows)


def claims(checked: pd.DataFrame, report_id: str) -> pd.DataFrame:
    """The report's claims in reading order, with where each stands (block and endnote) and both axes."""
    own = checked[checked["report_id"] == report_id]
    return (
        own.assign(_order=own["part"].map(PART_ORDER))
        .sort_values(["_order", "seq"], kind="stable")
        .drop(columns="_order")
        .reset_index(drop=True)
    )


def page_of(corpus: Corpus, report_id: str, *, root: str = "") -> str:
    """The book page that shows a report's text: its chapter, or its translation's side-by-side chapter."""
    report = corpus.reports.set_index("report_id").loc[report_id]
    folder = "translations" if report["lang"] != "en" else "reports"
    work = "news" if str(report["work_id"]).startswith("news-") else report["work_id"]
    return f"{root}{folder}/{work}.html"


#: How the register names an instance's part in its finding, by the relation joining it to another instance.
ROLES = {"total": "part of the total", "equals": "copy"}


def register(checked: pd.DataFrame, corpus: Corpus, *, root: str = "") -> pd.DataFrame:
    """The discrepancy register: one row per finding (:func:`fpclib.claims.findings`), with the page that shows
    the original's claim (``page``, relative to ``root``)."""
    table = findings(checked)
    return table.assign(page=table["report_id"].map(lambda r: page_of(corpus, r, root=root)))


def instances(checked: pd.DataFrame, corpus: Corpus, finding: pd.Series, *, root: str = "") -> pd.DataFrame:
    """The claims of one finding in its order (originals, then translations): each with its role in the finding
    (the original's figure, the total, a part of it, a copy, a translation, or a figure of the same passage),
    its language, figure, both verdict axes and the page that shows it."""
    by_id = checked.set_index("claim_id", drop=False)
    members = by_id.loc[list(finding["instances"])]
    totals = {target for relation in members["relation"] for kind, target in relations(relation) if kind == "total"}
    roles = []
    for claim in members.itertuples(index=False):
        kinds = [kind for kind, target in relations(claim.relation) if target in members.index and kind in ROLES]
        roles.append("the original's figure" if claim.claim_id == finding["claim_id"]
                     else f"{LANGUAGES.get(claim.lang, claim.lang)} translation" if claim.lang != "en"
                     else "the total" if claim.claim_id in totals
                     else ROLES[kinds[0]] if kinds else "same passage")
    return members.assign(role=roles, page=members["report_id"].map(lambda r: page_of(corpus, r, root=root)))[
        ["claim_id", "role", "lang", "quote", "value", "unit", "evidence", "fidelity", "report_id", "page"]
    ].reset_index(drop=True)


def table_blocks(corpus: Corpus, report_id: str) -> pd.DataFrame:
    """The blocks of a report that are tables, with the part of the text each stands in."""
    pub_ids = corpus.reports.set_index("report_id").loc[report_id, "pub_ids"]
    tables = corpus.blocks[corpus.blocks["pub_id"].isin(pub_ids) & (corpus.blocks["kind"] == "table")]
    return tables.assign(part=tables["pub_id"].map(corpus.publications.set_index("pub_id")["part"]))


def table_cells(corpus: Corpus, report_id: str) -> pd.DataFrame:
    """The tables of a report in long form: treaty (row label), country (column), status (cell, '' unknown)."""
    rows = []
    for block in table_blocks(corpus, report_id).itertuples(index=False):
        header, *body = block.rows
        for cells in body:
            for column, cell in zip(header[1:], cells[1:]):
                rows.append({"treaty": cells[0], "country": column, "status": cell or "(not given)"})
    return pd.DataFrame(rows, columns=["treaty", "country", "status"])
