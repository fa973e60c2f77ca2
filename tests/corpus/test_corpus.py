"""Real-data facts about the corpus: posts, languages, reports, endnotes, copies, accounting."""

from __future__ import annotations

import re

import pandas as pd

from fpclib import Corpus
from fpclib.paths import raw_dir
from fpclib.sources import hints, parse_text
from fpclib.sources.text import clean

NOTES_PER_POST = {
    6268: 27, 6155: 52, 6111: 1, 6087: 135, 6107: 11, 6062: 167, 6080: 14, 6003: 140, 5987: 12, 5913: 2, 5845: 185,
    5954: 24, 5806: 167, 5763: 15, 5636: 5, 5607: 185, 5533: 24, 5395: 34, 5355: 1, 5254: 49, 5032: 27, 4972: 28,
    4934: 10,
}


def posts(corpus: Corpus) -> pd.DataFrame:
    return corpus.publications[corpus.publications["wp_id"].notna()]


def test_the_dump_holds_forty_posts(corpus: Corpus) -> None:
    ids = posts(corpus)["wp_id"]
    assert len(ids) == 40 and ids.is_unique
    assert (ids.min(), ids.max()) == (4769, 6270)


def test_languages(corpus: Corpus) -> None:
    assert posts(corpus)["lang"].value_counts().to_dict() == {"en": 31, "kk": 3, "ru": 3, "ky": 3}


def test_endnotes_per_post(corpus: Corpus) -> None:
    counts = posts(corpus).set_index("wp_id")["n_notes"]
    assert counts[counts > 0].to_dict() == NOTES_PER_POST
    assert counts.sum() == 1315


def test_notes_are_numbered_up_to_1316_but_russian_tajikistan_conclusions_lack_note_3(corpus: Corpus) -> None:
    dump_notes = corpus.notes[corpus.notes["pub_id"].str.startswith("wp-")]
    assert dump_notes.groupby("pub_id")["number"].max().sum() == 1316
    assert 3 not in set(dump_notes.loc[dump_notes["pub_id"] == "wp-6080", "number"])


def test_kazakh_introduction_keeps_its_135_notes(corpus: Corpus) -> None:
    counts = corpus.publications.set_index("pub_id")["n_notes"]
    assert (counts["wp-6087"], counts["wp-6003"]) == (135, 140)


def test_every_marker_resolves_and_every_note_is_cited(corpus: Corpus) -> None:
    """All but one: the Russian Tajikistan conclusions cite [3], and the translation lost note 3."""
    cited = corpus.blocks.explode("note_refs").dropna(subset=["note_refs"])
    markers = set(zip(cited["pub_id"], cited["note_refs"].astype(int)))
    notes = set(zip(corpus.notes["pub_id"], corpus.notes["number"]))
    assert markers - notes == {("wp-6080", 3)}
    assert not corpus.blocks["text"].str.contains(r"\[\d{1,3}\]").any()
    uncited = notes - markers
    assert uncited == set(), sorted(uncited)[:10]
    assert corpus.notes["cited_in"].map(len).gt(0).all()


def test_publications_and_copies(corpus: Corpus) -> None:
    pubs = corpus.publications
    web = pubs[pubs["wp_id"].isna()]
    assert len(pubs) == 49 and len(web) == 9
    assert web["duplicate_of"].notna().sum() == 4
    copy = pubs.set_index("pub_id").loc["web-fpc-responding-to-retreating-rights-1"]
    assert copy["duplicate_of"] == "wp-6111"


def test_copies_report_their_differences(corpus: Corpus) -> None:
    dups = corpus.duplicates().set_index("pub_id")
    appended = dups[dups["duplicate_of"].str.startswith("web-")]
    assert appended["identical"].all() and len(appended) == 3
    fpc = dups.loc["web-fpc-responding-to-retreating-rights-1"]
    assert not fpc["identical"] and fpc["differences"]


def test_reports(corpus: Corpus) -> None:
    reports = corpus.reports.set_index("report_id")
    assert len(reports) == 21
    assert reports["work_id"].nunique() == 18
    translated = reports[reports["lang"] != "en"]
    assert sorted(translated.index) == [
        "retreating-rights-kazakhstan-kk", "retreating-rights-kyrgyzstan-ky", "retreating-rights-tajikistan-ru",
    ]
    for report_id in translated.index:
        assert reports.loc[report_id, "work_id"] in reports.index
        assert reports.loc[report_id, "parts"] == ("summary", "introduction", "conclusions")
    assert reports.loc["spotlight-uzbekistan", "parts"] == ("summary",)
    assert reports.loc["responding-to-retreating-rights", "countries"] == ("Kyrgyzstan", "Tajikistan", "Kazakhstan")


def test_titles_dates_and_slugs(corpus: Corpus) -> None:
    pubs = corpus.publications.set_index("pub_id")
    assert pubs.loc["wp-6003", "title"] == "Retreating Rights - Kazakhstan: Introduction"
    assert pubs.loc["wp-6003", "published"] == pd.Timestamp("2021-07-22 10:09:46", tz="UTC")
    assert str(pubs["published"].dt.tz) == "UTC"
    assert pubs.loc["wp-4769", "published"] == pd.Timestamp("2020-07-13 23:15:17", tz="UTC")
    assert pubs.loc["wp-6270", "modified"] == pd.Timestamp("2021-12-10 18:33:25", tz="UTC")
    assert pubs.loc["wp-6087", "slug"].startswith("кіріспе")
    assert pubs.loc["wp-6085", "title"] == "Құқықтық шегініс - Қазақстанд: Талдамалы жазба"


def test_block_text_is_clean(corpus: Corpus) -> None:
    text = corpus.blocks["text"]
    assert not text.str.contains("\xa0").any()
    assert not text.str.contains(r"\s{2,}").any()
    assert not text.str.contains("<[a-z/][^>]*>").any()
    assert set(corpus.blocks["kind"]) <= {"heading", "paragraph", "list_item", "quote", "table", "caption"}


def test_block_offsets_trace_back_to_the_raw_text(corpus: Corpus) -> None:
    marker = re.compile(r"\[\d{1,3}\]")
    for row in corpus.blocks.sample(300, random_state=1).itertuples():
        source = corpus.publications.set_index("pub_id").loc[row.pub_id, "source"]
        raw = corpus.texts[source][row.raw_start:row.raw_end]
        if row.kind != "table":
            assert clean(marker.sub("", raw)).replace(" ", "") == row.text.replace(" ", "")


def test_accounting_classifies_every_character(corpus: Corpus) -> None:
    table = corpus.accounting().set_index("source")
    categories = ["content", "markers", "notes", "metadata", "syntax", "chrome", "whitespace", "unclassified"]
    assert (table[categories].sum(axis=1) == table["length"]).all()
    assert (table["unclassified"] == 0).all()
    assert set(table.index) == {entry.file for entry in corpus.manifest}


def test_no_content_text_is_dropped(corpus: Corpus) -> None:
    """Every non-blank character of a content span reappears in the blocks, in order."""
    for name in corpus.sources.loc[corpus.sources["kind"] == "printr", "source"]:
        text = corpus.texts[name]
        source = parse_text(text, name)
        content = "".join(text[s.start:s.end] for s in source.spans if s.category == "content")
        blocks = "".join(b.text for d in source.documents for b in d.blocks)
        squeeze = lambda s: re.sub(r"\s+|\[\d{1,3}\]", "", s)  # noqa: E731
        assert squeeze(content) == squeeze(blocks)


def test_second_extraction_paragraphs_are_blocks(corpus: Corpus) -> None:
    """Target: every line of the second extraction that belongs to one post is exactly one block."""
    extraction = (raw_dir() / "fpc-author-adam-hug.paragraphs.txt").read_text(encoding="utf-8")
    marker = re.compile(r"\[\d{1,3}\]")
    dump = corpus.blocks[corpus.blocks["pub_id"].str.startswith("wp-")]
    bodies = {pub_id: " ".join(group["text"]) for pub_id, group in dump.groupby("pub_id")}
    block_texts = set(dump["text"])
    belonging = [h for h in (clean(marker.sub("", line)) for line in hints(extraction))
                 if any(h in body for body in bodies.values())]
    assert len(belonging) >= 270
    # One line of the extraction runs together what the dump itself prints on three lines (the Kadyr-Kasiyet
    # box: its title, its byline, its text); the blocks keep the dump's three.
    missed = [h[:59] for h in belonging if h not in block_texts]
    assert missed == ["Monitoring the security situation of human rights defenders"], missed
