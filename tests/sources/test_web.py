"""Tests of fpclib.web: the three real web captures, span accounting, and small hand-made edge cases."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from fpclib.errors import SourceError
from fpclib.sources.model import Block, Document, ParsedSource
from fpclib.sources.parse import detect
from fpclib.sources.web import CELL_VALUES, looks_like_web, parse_web, web_evidence

RAW = Path(__file__).resolve().parents[2] / "data" / "raw"
FPC = "fpc-responding-to-retreating-rights.html.txt"
NEW_RUN = "new-run-in-kazakhstan.html.txt"
PROSPECTS = "prospects-fight-against-extremism-central-asia.html.txt"
WEB_FILES = (FPC, NEW_RUN, PROSPECTS)
APPENDED_TITLES = (
    "Chronicles of Revolt in Kyrgyzstan: Implications and Consequences",
    "The State of Human rights in Kyrgyzstan, Kazakhstan and Uzbekistan: Principles vs. Practices",
    "Kazakhstan’s government is determined to enhance engagement with civil society",
)


@cache
def raw(name: str) -> str:
    return (RAW / name).read_text(encoding="utf-8")


@cache
def parsed(name: str) -> ParsedSource:
    return parse_web(raw(name), name)


def doc(name: str, index: int) -> Document:
    return parsed(name).documents[index]


def all_blocks(source: ParsedSource) -> list[Block]:
    return [block for document in source.documents for block in document.blocks]


def check_accounting(source: ParsedSource, text: str) -> None:
    """Spans are ordered and disjoint; each non-whitespace char is in exactly one; the rest is whitespace."""
    assert source.length == len(text)
    covered = [0] * len(text)
    for before, after in zip(source.spans, source.spans[1:]):
        assert before.end <= after.start, (before, after)
    for span in source.spans:
        assert 0 <= span.start < span.end <= len(text)
        assert span.label, span
        for i in range(span.start, span.end):
            covered[i] += 1
    uncovered = [i for i, n in enumerate(covered) if n == 0]
    assert all(text[i].isspace() for i in uncovered), [text[i] for i in uncovered if not text[i].isspace()][:20]
    by_category = Counter[str]()
    for span in source.spans:
        by_category[span.category] += span.end - span.start
    assert sum(by_category.values()) + len(uncovered) == len(text)


# --- real data -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "count"), [(FPC, 1), (NEW_RUN, 4), (PROSPECTS, 4)])
def test_number_of_articles(name: str, count: int) -> None:
    assert len(parsed(name).documents) == count
    positions = [d.meta["position"] for d in parsed(name).documents]
    assert positions == ["main"] + ["appended"] * (count - 1)


def test_fpc_article_header() -> None:
    article = doc(FPC, 0)
    assert article.title == "Responding to retreating rights in Kyrgyzstan, Tajikistan and Kazakhstan"
    assert article.doc_id == "responding-to-retreating-rights-in-kyrgyzstan-tajikistan-and-kazakhstan"
    assert article.meta == {"byline": "Article by Adam Hug", "author": "Adam Hug", "date": "2021-09-30",
                            "position": "main"}


@pytest.mark.parametrize(("name", "title", "doc_id"), [
    (NEW_RUN, "New run in Kazakhstan?", "new-run-in-kazakhstan"),
    (PROSPECTS, "Prospects for the Fight against Extremism and Terrorism in the Central Asian Region",
     "prospects-for-the-fight-against-extremism-and-terrorism-in-the-central-asian-region"),
])
def test_news_titles_sections_and_missing_dates(name: str, title: str, doc_id: str) -> None:
    documents = parsed(name).documents
    assert (documents[0].title, documents[0].doc_id) == (title, doc_id)
    assert tuple(d.title for d in documents[1:]) == APPENDED_TITLES
    assert documents[3].doc_id == "kazakhstans-government-is-determined-to-enhance-engagement-with-civil-society"
    for document in documents:
        assert document.meta["section"] == "Central Asia"
        assert "date" not in document.meta and "author" not in document.meta  # "Published … on" with no date


def test_prospects_partner_credit_and_author_note() -> None:
    meta = doc(PROSPECTS, 0).meta
    assert meta["credit"] == "From our partner RIAC"
    assert meta["author_note"].startswith("Ph.D. in History, Expert, Institute of International Studies")
    assert not any("RIAC" in block.text for block in doc(PROSPECTS, 0).blocks)


def test_appended_articles_identical_in_both_news_captures() -> None:
    def content(document: Document) -> tuple[object, ...]:
        blocks = tuple((b.kind, b.text, b.level, b.note_refs, b.rows) for b in document.blocks)
        return document.doc_id, document.title, blocks, tuple((n.number, n.text) for n in document.notes)

    for left, right in zip(parsed(NEW_RUN).documents[1:], parsed(PROSPECTS).documents[1:], strict=True):
        assert content(left) == content(right)
        assert left.meta == right.meta


@pytest.mark.parametrize(("name", "counts"), [(FPC, [38]), (NEW_RUN, [21, 24, 14, 14]),
                                               (PROSPECTS, [47, 24, 14, 14])])
def test_block_counts(name: str, counts: list[int]) -> None:
    assert [len(d.blocks) for d in parsed(name).documents] == counts


def test_fpc_blocks_and_bullet_lists() -> None:
    blocks = doc(FPC, 0).blocks
    assert Counter(b.kind for b in blocks) == {"paragraph": 17, "list_item": 17, "heading": 3, "caption": 1}
    runs = [len(group) for kind, group in _groupby_kind(blocks) if kind == "list_item"]
    assert runs == [8, 9]
    assert all(b.level == 1 for b in blocks if b.kind == "list_item")
    assert [b.text for b in blocks if b.kind == "heading"] == [
        "Key recommendations for Tajikistan, Kyrgyzstan and Kazakhstan",
        "Recommendations for international institutions, Western partners and donors:",
        "The publications:",
    ]
    first_item = next(b for b in blocks if b.kind == "list_item")
    assert first_item.text.startswith("Address widespread corruption")
    assert blocks[-1] == Block("caption", "Photo by David Mulder, published under Creative Commons with no "
                               "changes made.", blocks[-1].raw_start, blocks[-1].raw_end)
    assert blocks[0].text.startswith("Over the course of 2021")  # the repeated title is not a block


def test_fpc_endnote_and_marker() -> None:
    text, article = raw(FPC), doc(FPC, 0)
    (note,) = article.notes
    assert (note.number, note.text) == (1, "European Parliament, RC-B9-0144/2021, "
                                           "https://www.europarl.europa.eu/doceo/document/RC-9-2021-0144_EN.html")
    assert text[note.raw_start:note.raw_end].startswith("[1] European")
    (citing,) = [b for b in article.blocks if b.note_refs]
    assert citing.note_refs == (1,)
    assert "(albeit the jury remains clearly out on the extent to which it will lead to change in practice). Such" \
        in citing.text
    markers = [s for s in parsed(FPC).spans if s.category == "markers"]
    assert [text[s.start:s.end] for s in markers] == ["[1]"]


def test_news_headings_and_notes_split_over_lines() -> None:
    chronicles = doc(NEW_RUN, 1)
    assert [b.text for b in chronicles.blocks if b.kind == "heading"] == [
        "I Theoretical Analysis:", "II Research Methodology:", "III Introduction:", "IV Revolts in Kyrgyzstan:",
        "V Implications:", "VI Conclusion:"]
    assert [n.number for n in chronicles.notes] == [1, 2, 3, 4, 5, 6]
    assert chronicles.notes[0].text == ("Matthew Stein, “Revolutions of Kyrgyzstan Timeline: An Open Source Look at "
                                        "Key Events,” Foreign Military Studies Office, (2020): 1-3, December 24, 2020.")
    assert sorted(r for b in chronicles.blocks for r in b.note_refs) == [1, 2, 3, 4, 5, 6]
    assert Counter(b.kind for b in chronicles.blocks)["list_item"] == 9
    assert [b.text for b in doc(PROSPECTS, 0).blocks if b.kind == "heading"] == [
        "Kazakhstan: Effective Peacekeeping Measures", "Tajikistan: Situation Under Control So Far",
        "Uzbekistan: Iron-Fisted Control", "Kyrgyzstan: Bad Influence from Neighbours", "Turkmenistan", "Forecast"]


@pytest.mark.parametrize("name", [NEW_RUN, PROSPECTS])
def test_treaty_table(name: str) -> None:
    article = doc(name, 2)
    (table,) = [b for b in article.blocks if b.kind == "table"]
    assert table.text == "Table 1 (UN Treaty Body Database)"
    header, *rows = table.rows
    assert header == ("Human rights treaties", "Kazakhstan", "Kyrgyzstan", "Uzbekistan")
    assert len(rows) == 9 and all(len(row) == 4 for row in rows)
    assert all(cell in (*CELL_VALUES, "") for row in rows for cell in row[1:])
    assert rows[0] == ("Convention against Torture and Other Cruel, Inhuman or Degrading Treatment or Punishment",
                       "Accession", "Accession", "Accession")
    assert rows[1] == ("Optional Protocol of the Convention against Torture", "Ratification", "Ratification", "")
    assert rows[3] == ("Convention for the Protection of All Persons from Enforced Disappearance", "Accession", "", "")
    assert rows[8] == ("Convention on the Rights of Persons with Disabilities", "Ratification", "Signed", "Signed")
    assert "row(s) 2, 4 have fewer values than columns" in article.meta["table_note"]


@pytest.mark.parametrize("name", WEB_FILES)
def test_accounting(name: str) -> None:
    check_accounting(parsed(name), raw(name))


@pytest.mark.parametrize("name", WEB_FILES)
def test_clean_text_and_offsets(name: str) -> None:
    text, source = raw(name), parsed(name)
    marker = re.compile(r"\[\d+\]")
    for document in source.documents:
        strings = [document.title, *(n.text for n in document.notes)]
        strings += [cell for b in document.blocks for cell in (b.text, *(c for row in b.rows for c in row))]
        for s in strings:
            assert not marker.search(s) and "\xa0" not in s and "  " not in s and s == s.strip(), s
        for b in document.blocks:
            assert not text[b.raw_start].isspace() and not text[b.raw_end - 1].isspace()
            if b.kind != "table":
                assert " ".join(marker.sub("", text[b.raw_start:b.raw_end]).split()) == b.text
        for n in document.notes:
            assert text[n.raw_start:n.raw_end].startswith(f"[{n.number}]")
        assert {r for b in document.blocks for r in b.note_refs} == {n.number for n in document.notes}


def test_chrome_labels() -> None:
    def labels(name: str) -> set[str]:
        return {s.label for s in parsed(name).spans if s.category == "chrome"}

    assert labels(FPC) == {"skip-link", "spacer", "footnotes-heading", "related-articles", "mailing-list"}
    assert labels(NEW_RUN) == {"social", "dateline", "continue-reading", "menu", "latest-teasers", "trending-teasers"}
    assert labels(PROSPECTS) == labels(NEW_RUN) | {"comments"}


def test_every_raw_file_is_detected_as_its_layout() -> None:
    for name in WEB_FILES:
        assert web_evidence(raw(name))[0] == 2 and detect(raw(name), name).kind == "web"
    for name, kind in (("fpc-author-adam-hug.printr.txt", "printr"),
                       ("fpc-author-adam-hug.paragraphs.txt", "paragraphs")):
        text = (RAW / name).read_text(encoding="utf-8")
        assert web_evidence(text)[0] < 2 and detect(text, name).kind == kind


# --- hand-made fixtures ------------------------------------------------------------------------------------

NEWS_HEADER = "Connect with us\n\nCentral Asia\n\nA Test Title\n\nPublished\n\non\n\n"


def parse_fixture(text: str) -> ParsedSource:
    source = parse_web(text, "fixture.txt")
    check_accounting(source, text)
    return source


def test_no_article_raises_with_position() -> None:
    text = "\n\n  Some site chrome\n\nA paragraph without any article header.\n"
    assert not looks_like_web(text)
    with pytest.raises(SourceError) as error:
        parse_web(text, "empty.html.txt")
    assert (error.value.file, error.value.line, error.value.column) == ("empty.html.txt", 3, 3)
    assert "no article found: expected a title followed by" in str(error.value)


def test_note_split_over_lines_is_joined() -> None:
    text = NEWS_HEADER + ("Body text cites a source[1] and another[2].\n\n\n[1]Jane Roe, “A Long Title: Part\n\n"
                          "Two,” Publisher, 2020.\n\n[2] Ibid.\n\nContinue Reading\n")
    (article,) = parse_fixture(text).documents
    assert article.meta == {"section": "Central Asia", "position": "main"}
    assert [(n.number, n.text) for n in article.notes] == [
        (1, "Jane Roe, “A Long Title: Part Two,” Publisher, 2020."), (2, "Ibid.")]
    assert article.blocks[0].text == "Body text cites a source and another."
    assert article.blocks[0].note_refs == (1, 2)


def test_bullet_list_levels_and_heading() -> None:
    text = NEWS_HEADER + ("Things to do:\n\n  • first item;\n  • second item:\n    • nested item\n  • last item.\n\n"
                          "A closing paragraph.\n\nContinue Reading\n")
    blocks = parse_fixture(text).documents[0].blocks
    assert [(b.kind, b.level, b.text) for b in blocks] == [
        ("heading", 1, "Things to do:"), ("list_item", 1, "first item;"), ("list_item", 1, "second item:"),
        ("list_item", 2, "nested item"), ("list_item", 1, "last item."), ("paragraph", 0, "A closing paragraph.")]


def test_table_row_with_fewer_cells() -> None:
    text = NEWS_HEADER + ("Intro.\n\n\xa0Table 2 (Test)\n\nTreatyAlphaBeta\nFirst conventionSignedAccession\n"
                          "Second conventionRatification\n\nAfter the table.\n\nContinue Reading\n")
    article = parse_fixture(text).documents[0]
    table = article.blocks[1]
    assert table.kind == "table" and table.text == "Table 2 (Test)"
    assert table.rows == (("Treaty", "Alpha", "Beta"), ("First convention", "Signed", "Accession"),
                          ("Second convention", "Ratification", ""))
    assert article.meta["table_note"].startswith("Table 2 (Test): row(s) 2 have fewer values")


def test_fpc_layout_with_spacers_and_chrome() -> None:
    text = ("Skip to content\n\nA Title\n\nReport by Jane Roe and John Doe\n\n1 March 2021\n\nA Title\n\n"
            "Body.[1]\n\n\xa0\n\n[1] A source.\n\nFootnotes\n    Related Articles\n")
    source = parse_fixture(text)
    (article,) = source.documents
    assert article.meta["author"] == "Jane Roe and John Doe" and article.meta["date"] == "2021-03-01"
    assert [b.text for b in article.blocks] == ["Body."]
    assert {s.label for s in source.spans} >= {"title-repeat", "spacer", "footnote-marker", "endnote"}


def test_news_header_with_date_author_and_quote() -> None:
    text = ("Central Asia\n\nDated Title\n\nPublished\n\n2 hours ago\n\non\n\nApril 20, 2021\n\nBy Jane Roe\n\n"
            "“A paragraph that is wholly a quotation.”\n\nBy 2020 the text had begun.\n\nComments\n")
    (article,) = parse_fixture(text).documents
    assert article.meta == {"section": "Central Asia", "date": "2021-04-20", "byline": "By Jane Roe",
                            "author": "Jane Roe", "position": "main"}
    assert [b.kind for b in article.blocks] == ["quote", "paragraph"]


def test_bad_date_raises() -> None:
    with pytest.raises(SourceError, match="expected a date"):
        parse_web("T\n\nArticle by A B\n\nFebruary 30, 2021\n\nBody.\n", "bad.txt")


def test_notes_out_of_order_stay_notes_and_are_reported() -> None:
    article = parse_web(NEWS_HEADER + "Body.[1]\n\n[1] One.\n\n[3] Three.\n\n[3] Again.\n\nFootnotes\n",
                        "notes.txt").documents[0]
    assert [(n.number, n.text) for n in article.notes] == [(1, "One."), (3, "Three."), (3, "Again.")]
    assert [(a.kind, a.number) for a in article.anomalies] == [
        ("repeated-note", 3), ("missing-note", 2), ("uncited-note", 3), ("uncited-note", 3)]


def test_table_row_without_values_raises() -> None:
    with pytest.raises(SourceError, match="table row") as error:
        parse_web(NEWS_HEADER + "Table 1\n\nTreatyAlpha\nNo values here\n\nComments\n", "table.txt")
    assert error.value.line == 14


def _groupby_kind(blocks: tuple[Block, ...]) -> list[tuple[str, list[Block]]]:
    """Runs of adjacent blocks of the same kind."""
    runs: list[tuple[str, list[Block]]] = []
    for block in blocks:
        if runs and runs[-1][0] == block.kind:
            runs[-1][1].append(block)
        else:
            runs.append((block.kind, [block]))
    return runs
