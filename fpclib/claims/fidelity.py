"""Fidelity from the alignment: figures a translation changed or dropped, and endnotes it dropped, reach the
fidelity axis of the claims concerned (:func:`fpclib.align.compare_figures`, :func:`fpclib.align.align_notes`)."""

from __future__ import annotations

import math
from collections.abc import MutableMapping

import pandas as pd

from fpclib import align
from fpclib.claims.evidence import Fidelity
from fpclib.claims.syntax import relations
from fpclib.corpus.build import Corpus
from fpclib.corpus.catalog import LANGUAGES

#: Units whose figures translations write in other forms than digits.
_UNREAD = frozenset({"century", "decade", "decades"})


def _translated_works(corpus: Corpus, table: pd.DataFrame) -> list[tuple[str, str]]:
    """(work, language) of every translation of a work whose English claims are in ``table``."""
    pubs = corpus.publications
    english = set(table.loc[table["lang"] == "en", "pub_id"])
    works = set(pubs.loc[pubs["pub_id"].isin(english), "work_id"])
    tr = pubs[pubs["work_id"].isin(works) & (pubs["lang"] != "en") & pubs["duplicate_of"].isna()]
    return sorted(set(zip(tr["work_id"], tr["lang"])))


def from_alignment(corpus: Corpus, table: pd.DataFrame, fidelities: MutableMapping[str, Fidelity]) -> None:
    """Mark in ``fidelities``: an English claim whose figure its translation changed or dropped (when no
    translated claim restates it), and a faithful translated claim whose endnote the translation dropped."""
    copied = {(lang, target) for cid, lang, rel in zip(table["claim_id"], table["lang"], table["relation"])
              for kind, target in relations(rel) if kind == "equals" and lang != "en"}
    rows = {row.claim_id: row for row in table.itertuples(index=False)}
    for work, lang in _translated_works(corpus, table):
        figures = align.compare_figures(corpus, work, lang)
        notes = align.align_notes(corpus, work, lang)
        dropped = notes[notes["status"] == "missing_in_translation"]
        dropped_notes = set(zip(dropped["en_pub_id"], dropped["en_number"].astype(int)))
        english_pubs = set(figures["en_pub_id"]) | set(notes["en_pub_id"])
        for claim in rows.values():
            if claim.lang != "en" or claim.pub_id not in english_pubs or claim.seq is None or pd.isna(claim.seq):
                continue
            if (lang, claim.claim_id) not in copied and fidelities[claim.claim_id].status == "n/a":
                found = _figure(figures, claim)
                if found is not None:
                    fidelities[claim.claim_id] = _dropped_or_changed(found, claim, lang)
        for cid, fid in list(fidelities.items()):
            copy = rows[cid]
            original = rows.get(fid.original) if fid.original else None
            if (fid.status != "same" or copy.lang != lang or original is None or original.cited_note is None
                    or pd.isna(original.cited_note)):
                continue
            if (original.pub_id, int(original.cited_note)) in dropped_notes:
                fidelities[cid] = Fidelity("missing", f"{fid.reason}, but the {LANGUAGES[lang]} text drops its "
                                           f"endnote {int(original.cited_note)} ({original.pub_id})", fid.original)


def _figure(figures: pd.DataFrame, claim: object) -> pd.Series | None:
    """The alignment's row for an English claim's figure (its block, its value), if it was changed or dropped;
    only figures written in digits, since the aligner cannot pair "millions" or "hundreds" reliably, and not
    centuries, decades or days of the month, which translations write otherwise (XIII ғасыр, 2000-жылдары)."""
    if claim.unit in _UNREAD or (claim.unit == "date" and claim.value <= 31):
        return None
    here = figures[(figures["en_pub_id"] == claim.pub_id) & (figures["en_seq"] == claim.seq)]
    for _, row in here.iterrows():
        value = row["value"]
        if pd.isna(value) or not any(math.isclose(float(value), v, rel_tol=1e-6)
                                     for v in (claim.value, claim.magnitude) if not pd.isna(v)):
            continue
        written = str(row["en_written"])
        return row if row["status"] in ("missing", "changed") and any(ch.isdigit() for ch in written) else None
    return None


def _dropped_or_changed(row: pd.Series, claim: object, lang: str) -> Fidelity:
    """The fidelity of an English claim whose translation dropped or changed its figure."""
    where = f"the {LANGUAGES[lang]} edition ({row['tr_pub_id']}"
    if row["status"] == "changed":
        return Fidelity("changed", f"{where}, block {row['tr_seq']}) gives {row['tr_value']:g} for {claim.value:g}"
                        f" ({row['tr_written']!s})", None, float(row["tr_value"]) / (claim.magnitude / claim.value)
                        if claim.value else float(row["tr_value"]))
    return Fidelity("missing", f"{where}) drops the figure {claim.value:g} of block {claim.seq}", None)
