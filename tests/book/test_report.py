"""Chapter data and sections: parts, figures, Freedom House standing, case counts, the discrepancy register, escaped
HTML, and the report and translation pages generated from their templates."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from fpclib import Corpus, paths
from fpclib.book import chapters, html, pages, sections
from fpclib.claims.cases import case_counts
from fpclib.errors import SourceError


def test_parts_in_reading_order(corpus: Corpus) -> None:
    parts = chapters.parts(corpus, "retreating-rights-kazakhstan")
    assert parts["part"].tolist() == ["summary", "introduction", "conclusions"]
    assert parts["endnotes"].tolist() == [0, 140, 12]


def test_kazakhstan_threats_by_group_add_up_to_the_people_not_the_threats(checked_claims: pd.DataFrame) -> None:
    """The text breaks "1,414 threats recorded against 684 people" into threats by group; the eight groups add up
    to the 684 people, not to the 1,414 threats, and the check says so (threats are not people)."""
    checked = checked_claims
    (figure,) = [f for f in chapters.figures(checked, "retreating-rights-kazakhstan") if f.unit == "threats"]
    people = checked.set_index("claim_id").loc["retreating-rights-kazakhstan-084", "value"]
    assert len(figure.parts) == 8 and figure.parts["value"].sum() == people == 684
    assert figure.total == 1414 and figure.evidence == "fails" and "684" in figure.evidence_reason


def test_standing_uses_the_edition_current_at_publication(corpus: Corpus) -> None:
    kyrgyzstan = chapters.standing(corpus, "retreating-rights-kyrgyzstan").iloc[0]
    assert (kyrgyzstan["edition"], kyrgyzstan["status"], kyrgyzstan["total"]) == (2020, "PF", 39)
    tajikistan = chapters.standing(corpus, "retreating-rights-tajikistan").iloc[0]
    assert (tajikistan["edition"], tajikistan["rank"]) == (2021, "198 of 210")


def test_case_counts_are_tidy_and_traced(corpus: Corpus, checked_claims: pd.DataFrame) -> None:
    checked = checked_claims
    counts = case_counts(checked, corpus)
    assert {"country", "year", "category", "value", "block", "claim_id", "evidence", "fidelity"} <= set(counts.columns)
    assert "verdict" not in counts.columns
    assert counts["block"].notna().all()
    kazakhstan_2020 = counts[(counts["country"] == "Kazakhstan") & (counts["year"] == 2020)]
    assert 684 in set(kazakhstan_2020["value"])


def test_report_headline_counts_are_evidence_with_fidelity_beside(checked_claims: pd.DataFrame) -> None:
    claims = chapters.claims(checked_claims, "retreating-rights-kazakhstan")
    (chart, table) = sections.report_figures(checked_claims, claims, "retreating-rights-kazakhstan").items[-2:]
    assert chart.to_dict()["title"] == "Registered figures by part and evidence"
    assert all(f">{label}<" in table._repr_html_() for label in (*sections.EVIDENCE, *sections.FIDELITY))
    assert ">verdict<" not in table._repr_html_()


def test_corpus_text_is_escaped_in_html(corpus: Corpus) -> None:
    blocks = corpus.blocks.copy()
    first = blocks.index[blocks["pub_id"] == "wp-5913"][0]
    blocks.loc[first, "text"] = "<script>alert(1)</script> & co"
    blocks.at[first, "note_refs"] = ()
    blocks.at[first, "note_positions"] = ()
    tampered = Corpus(corpus.publications, corpus.reports, blocks, corpus.notes, corpus.sources, corpus.manifest,
                      corpus.texts)
    page = html.publication(tampered, "wp-5913").html
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in page


def test_note_marks_link_to_their_notes(corpus: Corpus) -> None:
    page = html.publication(corpus, "wp-6111").html
    assert '<a href="#n-wp-6111-1">1</a>' in page and 'id="n-wp-6111-1"' in page


def test_report_and_translation_pages_are_generated_from_their_templates() -> None:
    """Regenerating the pages from book/_templates and data/catalog/chapters.csv changes nothing."""
    assert pages.stale() == {}, "run `make pages`"
    generated = set(pages.render(pages.load_chapters()))
    on_disk = {str(p.relative_to(pages.BOOK)) for folder in ("reports", "translations")
               for p in (pages.BOOK / folder).glob("*.md")}
    assert on_disk - generated == {"reports/news.md"}  # the news page gathers five articles: written by hand


def test_a_report_page_has_the_sections_its_work_calls_for() -> None:
    text = pages.render(pages.load_chapters())
    kyrgyzstan, uk = text["reports/retreating-rights-kyrgyzstan.md"], text["reports/force-for-good.md"]
    assert "## Freedom House standing" in kyrgyzstan and "## In Kyrgyz" in kyrgyzstan
    assert "## Freedom House standing" not in uk and "## In " not in uk
    assert 'WORK, LANG = "retreating-rights-tajikistan", "ru"' in text["translations/retreating-rights-tajikistan.md"]


def test_chapter_front_matter_naming_an_unknown_work_is_one_clear_line(tmp_path: Path) -> None:
    for name in ("works.csv", "parts.csv"):
        shutil.copy(paths.catalog_dir() / name, tmp_path / name)
    (tmp_path / "chapters.csv").write_text("work_id,lang,heading,blurb\nno-such-work,en,A heading,A blurb.\n",
                                           encoding="utf-8")
    with pytest.raises(SourceError) as error:
        pages.load_chapters(tmp_path)
    assert str(error.value).startswith(f"{tmp_path / 'chapters.csv'}:2:1: expected a work_id of works.csv")


def test_sections_show_their_items_in_order(corpus: Corpus, checked_claims: pd.DataFrame) -> None:
    overview = sections.report_overview(corpus, "retreating-rights-kazakhstan")
    assert [type(item) for item in overview.items] == [html.Table, html.Table]
    standing = sections.report_standing(corpus, chapters.claims(checked_claims, "force-for-good"), "force-for-good")
    assert [str(item.data) for item in standing.items] == ["*No dated edition applies.*",
                                                           "*The text states no Freedom House figure.*"]


def test_setup_gives_each_page_its_own_copy_of_the_checked_claims() -> None:
    _, first = sections.setup()
    first["page"] = "changed"
    _, second = sections.setup()
    assert "page" not in second.columns or (second["page"] != "changed").all()
