"""A publication as Markdown: what ``fpc show`` prints."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fpclib.sources.text import marked_pieces

if TYPE_CHECKING:
    from fpclib.corpus.build import Corpus


def to_markdown(corpus: Corpus, pub_id: str) -> str:
    """A publication as Markdown: title, facts, blocks in reading order, endnotes."""
    import pandas as pd

    pub = corpus.publication(pub_id)
    date = "" if pd.isna(pub["published"]) else pub["published"].strftime("%Y-%m-%d")
    lines = [f"# {pub['title']}", "", f"*{pub_id} · {pub['lang']} · {pub['part']} · {date} · {pub['source']}*", ""]
    for block in corpus.blocks[corpus.blocks["pub_id"] == pub_id].itertuples():
        text = with_note_marks(block.text, block.note_refs, block.note_positions)
        if block.kind == "heading":
            lines += [f"## {text}", ""]
        elif block.kind == "list_item":
            lines += ["  " * (block.level - 1) + f"- {text}"]
        elif block.kind == "quote":
            lines += [f"> {text}", ""]
        elif block.kind == "table":
            lines += [f"{text}", "", *_table(block.rows), ""]
        else:
            lines += [text, ""]
    notes = corpus.notes[corpus.notes["pub_id"] == pub_id]
    if not notes.empty:
        lines += ["", "---", ""] + [f"[^{n.number}]: {n.text}" for n in notes.itertuples()]
    return "\n".join(lines).rstrip() + "\n"


def with_note_marks(text: str, refs: tuple[int, ...], positions: tuple[int, ...]) -> str:
    """``text`` with a Markdown footnote mark ``[^n]`` where each reference's marker stood."""
    return "".join(piece + (f"[^{number}]" if number is not None else "") for piece, number in marked_pieces(text, refs, positions))


def _table(rows: tuple[tuple[str, ...], ...]) -> list[str]:
    """A Markdown table of rows (the first is the header)."""
    if not rows:
        return []
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * len(rows[0])]
    return lines + ["| " + " | ".join(row) + " |" for row in rows[1:]]
