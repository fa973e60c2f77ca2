"""Recovering structure from a run-together post body: the smallest inputs that show each rule."""

from __future__ import annotations

from fpclib.sources.wp_body import structure_post


def blocks(body: str, hints: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    result = structure_post(body, 0, len(body), hints)
    return [(b.kind, b.text) for b in result.blocks]


def test_sentence_touching_a_capital_starts_a_paragraph() -> None:
    assert blocks("First paragraph (Uly juz).The second one.") == [
        ("paragraph", "First paragraph (Uly juz)."), ("paragraph", "The second one."),
    ]


def test_spacer_no_break_space_between_sentences_starts_a_paragraph() -> None:
    assert blocks("One.\xa0Two.") == [("paragraph", "One."), ("paragraph", "Two.")]


def test_no_break_space_inside_a_sentence_is_a_space() -> None:
    assert blocks("at home and\xa0overseas, said.") == [("paragraph", "at home and overseas, said.")]


def test_heading_run_into_its_paragraph() -> None:
    body = "End of intro.\xa0A very brief history of KazakhstanThe vast expanse is large."
    assert blocks(body) == [
        ("paragraph", "End of intro."), ("heading", "A very brief history of Kazakhstan"),
        ("paragraph", "The vast expanse is large."),
    ]


def test_heading_after_a_sentence_in_the_same_run() -> None:
    body = "Limits placed on the UK. Fragile countries in a changing worldGlobally, conflict rose."
    assert blocks(body) == [
        ("paragraph", "Limits placed on the UK."), ("heading", "Fragile countries in a changing world"),
        ("paragraph", "Globally, conflict rose."),
    ]


def test_camel_case_names_are_not_headings() -> None:
    body = "A report by openDemocracy and a channel on YouTube cited Eric McGlinchey and Devin O’Connor."
    assert blocks(body) == [("paragraph", body)]


def test_bullets_nest_by_indentation() -> None:
    body = "The UK should:\n  • act;\n    • now;\n  1. first test\nAfter."
    assert blocks(body) == [
        ("paragraph", "The UK should:"), ("list_item", "act;"), ("list_item", "now;"),
        ("list_item", "first test"), ("paragraph", "After."),
    ]
    levels = [b.level for b in structure_post(body, 0, len(body)).blocks]
    assert levels == [0, 1, 2, 1, 0]


def test_markers_become_note_refs_and_notes_are_split() -> None:
    body = ("Claim one.[1] Claim two [2] here.\xa0Image by X under (CC).\xa0[1] First note, https://a.org/x"
            "[2] Second [sic] note.")
    result = structure_post(body, 0, len(body))
    assert [(b.kind, b.text, b.note_refs) for b in result.blocks] == [
        ("paragraph", "Claim one. Claim two here.", (1, 2)), ("caption", "Image by X under (CC).", ()),
    ]
    assert [(n.number, n.text) for n in result.notes] == [(1, "First note, https://a.org/x"), (2, "Second [sic] note.")]


def test_a_note_label_missing_from_the_notes_is_kept_as_printed() -> None:
    """The marker of a lost note is still a marker (its reference is kept, its note is not invented)."""
    body = "A.[1] B.[2] C.[3]\xa0[1] one[2] two[4] four"
    result = structure_post(body, 0, len(body))
    assert [n.number for n in result.notes] == [1, 2, 4]
    assert result.blocks[0].note_refs == (1, 2, 3) and result.blocks[0].text == "A. B. C."


def test_hints_cut_paragraphs_that_met_with_a_space() -> None:
    body = "The first paragraph ends here. The second paragraph starts here and goes on."
    assert blocks(body, ("The second paragraph starts here and goes on.",)) == [
        ("paragraph", "The first paragraph ends here."), ("paragraph", "The second paragraph starts here and goes on."),
    ]


def test_offsets_point_at_the_raw_text() -> None:
    body = "Intro.\xa0Second para.[1]\xa0[1] Note."
    result = structure_post(body, 0, len(body))
    for block in result.blocks:
        assert body[block.raw_start:block.raw_end].replace("[1]", "") == block.text


def test_note_positions_trace_each_reference_to_its_sentence() -> None:
    body = "First claim.[1] Second claim [2] here.\xa0[1] a[2] b"
    (block,) = structure_post(body, 0, len(body)).blocks
    assert block.note_refs == (1, 2)
    assert [block.text[:p] for p in block.note_positions] == ["First claim.", "First claim. Second claim"]


def test_heading_with_a_colon_is_read_from_the_cut() -> None:
    body = "Конец.\xa0Текущая ситуация: коррупция и контрольСегодня Таджикистан – это страна."
    assert blocks(body)[1] == ("heading", "Текущая ситуация: коррупция и контроль")


def test_acronym_touching_the_next_paragraph() -> None:
    body = "Конец.\xa0Свобода СМИКак и в случае с другими свободами."
    assert blocks(body)[1:] == [("heading", "Свобода СМИ"), ("paragraph", "Как и в случае с другими свободами.")]
