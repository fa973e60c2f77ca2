"""Chapter data: parts, figures, Freedom House standing, case counts, the discrepancy register, escaped HTML."""

from __future__ import annotations

import pandas as pd

from fpclib import Corpus
from fpclib.book import chapters as report
from fpclib.book import html
from fpclib.claims.cases import case_counts


def test_parts_in_reading_order(corpus: Corpus) -> None:
    parts = report.parts(corpus, "retreating-rights-kazakhstan")
    assert parts["part"].tolist() == ["summary", "introduction", "conclusions"]
    assert parts["endnotes"].tolist() == [0, 140, 12]


def test_kazakhstan_threats_by_group_add_up_to_the_people_threatened(checked_claims: pd.DataFrame) -> None:
    checked = checked_claims
    (figure,) = [f for f in report.figures(checked, "retreating-rights-kazakhstan") if f.unit == "people"]
    assert figure.parts["value"].sum() == figure.total and figure.verdict == "consistent"
    assert len(figure.parts) == 8


def test_standing_uses_the_edition_current_at_publication(corpus: Corpus) -> None:
    kyrgyzstan = report.standing(corpus, "retreating-rights-kyrgyzstan").iloc[0]
    assert (kyrgyzstan["edition"], kyrgyzstan["status"], kyrgyzstan["total"]) == (2020, "PF", 39)
    tajikistan = report.standing(corpus, "retreating-rights-tajikistan").iloc[0]
    assert (tajikistan["edition"], tajikistan["rank"]) == (2021, "198 of 210")


def test_case_counts_are_tidy_and_traced(corpus: Corpus, checked_claims: pd.DataFrame) -> None:
    checked = checked_claims
    counts = case_counts(checked, corpus)
    assert {"country", "year", "category", "value", "block", "claim_id"} <= set(counts.columns)
    assert counts["block"].notna().all()
    kazakhstan_2020 = counts[(counts["country"] == "Kazakhstan") & (counts["year"] == 2020)]
    assert 684 in set(kazakhstan_2020["value"])


def test_discrepancy_register_shows_the_evidence(corpus: Corpus, checked_claims: pd.DataFrame) -> None:
    checked = checked_claims
    register = report.discrepancies(checked, corpus).set_index("claim_id")
    ru = register.loc["retreating-rights-tajikistan-ru-157"]
    assert "retreating-rights-tajikistan-150" in ru["evidence"] and ru["page"] == "translations/retreating-rights-tajikistan.html"


def test_corpus_text_is_escaped_in_html(corpus: Corpus) -> None:
    blocks = corpus.blocks.copy()
    first = blocks.index[blocks["pub_id"] == "wp-5913"][0]
    blocks.loc[first, "text"] = "<script>alert(1)</script> & co"
    blocks.at[first, "note_refs"] = ()
    blocks.at[first, "note_positions"] = ()
    tampered = Corpus(corpus.publications, corpus.reports, blocks, corpus.notes, corpus.sources, corpus.manifest, corpus.texts)
    page = html.publication(tampered, "wp-5913").html
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in page


def test_note_marks_link_to_their_notes(corpus: Corpus) -> None:
    page = html.publication(corpus, "wp-6111").html
    assert '<a href="#n-wp-6111-1">1</a>' in page and 'id="n-wp-6111-1"' in page
