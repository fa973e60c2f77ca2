"""A publication as Markdown: what ``fpc show`` prints. Corpus text is escaped: it shows as written, never as
Markdown or HTML of its own (no raw ``<script>``, no footnote definition or link a text could forge)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from fpclib.sources.text import marked_pieces

if TYPE_CHECKING:
    from fpclib.corpus.build import Corpus

#: Characters that make Markdown (CommonMark with footnotes and tables) or HTML of plain text, wherever they stand.
_INLINE = re.compile(r"([\\`*_\[\]<>|~!])")
#: What makes a block of a line's start: a heading, quote, list item, thematic break or footnote definition.
_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d+[.)])")


def escape(text: str) -> str:
    """``text`` as Markdown that renders to exactly ``text``: markup characters backslash-escaped, ``&`` as an
    entity, and a block marker at its start escaped.

    >>> escape("<script>alert(1)</script> [^1]: forged & *bold*")
    '\\\\<script\\\\>alert(1)\\\\</script\\\\> \\\\[^1\\\\]: forged &amp; \\\\*bold\\\\*'
    >>> escape("# not a heading"), escape("1. not a list")
    ('\\\\# not a heading', '1\\\\. not a list')
    """
    escaped = _INLINE.sub(r"\\\1", text.replace("&", "&amp;"))
    return _LINE_START.sub(lambda m: m.group(1) + (m.group(2)[:-1] + "\\" + m.group(2)[-1]), escaped, count=1)


def to_markdown(corpus: Corpus, pub_id: str) -> str:
    """A publication as Markdown: title, facts, blocks in reading order, endnotes (all corpus text escaped)."""
    import pandas as pd

    pub = corpus.publication(pub_id)
    date = "" if pd.isna(pub["published"]) else pub["published"].strftime("%Y-%m-%d")
    facts = escape(f"{pub_id} · {pub['lang']} · {pub['part']} · {date} · {pub['source']}")
    lines = [f"# {escape(pub['title'])}", "", f"*{facts}*", ""]
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
        lines += ["", "---", ""] + [f"[^{_label(n.note_id)}]: {escape(n.text)}" for n in notes.itertuples()]
    return "\n".join(lines).rstrip() + "\n"


def with_note_marks(text: str, refs: tuple[int, ...], positions: tuple[int, ...]) -> str:
    """``text`` escaped, with a Markdown footnote mark ``[^n]`` where each reference's marker stood.

    >>> with_note_marks("A [^9] B.", (1,), (9,))
    'A \\\\[^9\\\\] B.[^1]'
    """
    return "".join(escape(piece) + (f"[^{number}]" if number is not None else "")
                   for piece, number in marked_pieces(text, refs, positions))


def _label(note_id: str) -> str:
    """The footnote label of a note: its number, with ``-2`` … for a repeated number (``wp-1.n3-2`` -> ``3-2``).

    >>> _label("wp-1.n3-2")
    '3-2'
    """
    return note_id.rsplit(".n", 1)[1]


def _table(rows: tuple[tuple[str, ...], ...]) -> list[str]:
    """A Markdown table of rows (the first is the header), cells escaped."""
    if not rows:
        return []
    lines = ["| " + " | ".join(map(escape, rows[0])) + " |", "|" + "---|" * len(rows[0])]
    return lines + ["| " + " | ".join(map(escape, row)) + " |" for row in rows[1:]]
