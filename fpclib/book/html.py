"""HTML for the book's report pages: the text with an anchor on every block and endnote, and the claims table
linking to them. Every piece of corpus text is escaped."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

import pandas as pd

from fpclib.corpus.build import Corpus
from fpclib.sources.text import marked_pieces

VERDICT_CLASSES = {"consistent": "fpc-ok", "discrepancy": "fpc-bad", "unverifiable": "fpc-na"}
_TAGS = {"heading": "h4", "paragraph": "p", "quote": "blockquote", "caption": "p", "table": "div"}


@dataclass(frozen=True)
class Table:
    """HTML for a table, shown by Jupyter and myst-nb through ``_repr_html_``."""

    html: str

    def _repr_html_(self) -> str:
        return self.html


def block_anchor(block_id: str) -> str:
    """The HTML id of a block (``wp-6003.12`` -> ``b-wp-6003-12``)."""
    return "b-" + block_id.replace(".", "-")


def note_anchor(pub_id: str, number: int) -> str:
    """The HTML id of an endnote."""
    return f"n-{pub_id}-{number}"


def publication(corpus: Corpus, pub_id: str) -> Table:
    """A publication's text: blocks in order, list items as lists, tables as tables, endnote marks linked to the
    endnotes below, each block and note with an anchor."""
    blocks = corpus.blocks[corpus.blocks["pub_id"] == pub_id]
    out: list[str] = [f'<div class="fpc-text" lang="{_lang(corpus, pub_id)}">']
    in_list = False
    for block in blocks.itertuples(index=False):
        body = _marked(block.text, block.note_refs, block.note_positions, pub_id)
        anchor = block_anchor(block.block_id)
        if block.kind == "list_item":
            if not in_list:
                out.append("<ul>")
                in_list = True
            indent = f' style="margin-left:{(block.level - 1) * 1.2}rem"' if block.level > 1 else ""
            out.append(f'<li id="{anchor}"{indent}>{body}</li>')
            continue
        if in_list:
            out.append("</ul>")
            in_list = False
        if block.kind == "table":
            out.append(f'<div id="{anchor}"><p class="fpc-table-caption">{body}</p>{_rows(block.rows)}</div>')
        else:
            tag = _TAGS.get(block.kind, "p")
            css = ' class="fpc-caption"' if block.kind == "caption" else ""
            out.append(f'<{tag} id="{anchor}"{css}>{body}</{tag}>')
    if in_list:
        out.append("</ul>")
    notes = corpus.notes[corpus.notes["pub_id"] == pub_id]
    if not notes.empty:
        out.append('<ol class="fpc-notes">')
        for note in notes.itertuples(index=False):
            out.append(f'<li value="{note.number}" id="{note_anchor(pub_id, note.number)}">{escape(note.text)}</li>')
        out.append("</ol>")
    out.append("</div>")
    return Table("\n".join(out))


def side_by_side(corpus: Corpus, alignment: pd.DataFrame, en_pub_id: str, tr_pub_id: str) -> Table:
    """A part of a work in English and in translation, row by row as aligned (rows stack on a phone). Every
    block of both sides appears once, in its own order; the translation's endnotes follow."""
    pairs = alignment[(alignment["en_pub_id"] == en_pub_id) & (alignment["tr_pub_id"] == tr_pub_id)]
    en = corpus.blocks[corpus.blocks["pub_id"] == en_pub_id].set_index("seq")
    tr = corpus.blocks[corpus.blocks["pub_id"] == tr_pub_id].set_index("seq")
    rows: list[tuple[list[int], list[int]]] = []
    shown: set[int] = set()
    for en_seq in en.index:
        matched = sorted(int(s) for s in pairs.loc[pairs["en_seq"] == en_seq, "tr_seq"].dropna() if int(s) not in shown)
        shown.update(matched)
        rows.append(([en_seq], matched))
    leftovers = [s for s in tr.index if s not in shown]
    for seq in leftovers:
        at = next((i for i, (_, t) in enumerate(rows) if t and t[0] > seq), len(rows))
        rows.insert(at, ([], [seq]))
    lang = _lang(corpus, tr_pub_id)
    out = ['<div class="fpc-sbs">']
    for en_seqs, tr_seqs in rows:
        left = "".join(_block_html(en.loc[s], en_pub_id) for s in en_seqs)
        right = "".join(_block_html(tr.loc[s], tr_pub_id) for s in tr_seqs)
        out.append(f'<div class="fpc-sbs-en" lang="en">{left}</div><div class="fpc-sbs-tr" lang="{lang}">{right}</div>')
    out.append("</div>")
    notes = corpus.notes[corpus.notes["pub_id"] == tr_pub_id]
    if not notes.empty:
        out.append(f'<ol class="fpc-notes" lang="{lang}">')
        out += [f'<li value="{n.number}" id="{note_anchor(tr_pub_id, n.number)}">{escape(n.text)}</li>'
                for n in notes.itertuples(index=False)]
        out.append("</ol>")
    return Table("\n".join(out))


def _block_html(block: pd.Series, pub_id: str) -> str:
    """One block as a paragraph-like element with its anchor (for the side-by-side reader)."""
    body = _marked(block["text"], block["note_refs"], block["note_positions"], pub_id)
    tag = "h4" if block["kind"] == "heading" else "p"
    prefix = "• " if block["kind"] == "list_item" else ""
    return f'<{tag} id="{block_anchor(block["block_id"])}">{prefix}{body}</{tag}>'


def claims(table: pd.DataFrame, *, caption: str | None = None, href: str = "", extra: tuple[str, ...] = ()) -> Table:
    """Claims with their verdicts; each links to its block and, where cited, its endnote: on the same page, on
    the page ``href``, or on the page in the table's ``page`` column (relative to the page showing the table).
    ``extra`` columns are shown after *what*."""
    head = ("<tr><th>claim</th><th>figure</th><th>what</th>" + "".join(f"<th>{escape(c)}</th>" for c in extra)
            + "<th>verdict</th><th>why</th><th>where</th></tr>")
    rows = []
    for claim in table.itertuples(index=False):
        page = getattr(claim, "page", href) or href
        value = "" if pd.isna(claim.value) else f"{claim.value:g}"
        figure = escape(f"{value} {claim.unit}".strip())
        where = []
        if isinstance(claim.block, str):
            where.append(f'<a href="{escape(page)}#{block_anchor(claim.block)}">¶ {escape(claim.block)}</a>')
        cited = getattr(claim, "cited_note", None)
        note = cited if cited is not None and not pd.isna(cited) else claim.note
        if not pd.isna(note):
            where.append(f'<a href="{escape(page)}#{note_anchor(claim.pub_id, int(note))}">note {int(note)}</a>')
        verdict = f'<span class="fpc-verdict {VERDICT_CLASSES[claim.verdict]}">{escape(claim.verdict)}</span>'
        rows.append(
            f"<tr><td>{escape(claim.claim_id)}<br><q>{escape(claim.quote)}</q></td><td>{figure}</td>"
            f"<td>{escape(str(claim.what))}</td>"
            + "".join(f"<td>{escape(_text(getattr(claim, column)))}</td>" for column in extra)
            + f"<td>{verdict}</td><td>{escape(claim.reason)}</td>"
            f"<td>{' · '.join(where)}</td></tr>"
        )
    title = f'<p class="fpc-table-caption">{escape(caption)}</p>' if caption else ""
    return Table(f'<div class="fpc-table-scroll">{title}<table class="fpc-table fpc-claims">'
                 f'<thead>{head}</thead><tbody>{"".join(rows)}</tbody></table></div>')


def _text(value: object) -> str:
    """A cell as text ('' for missing values)."""
    if value is None or (not isinstance(value, (str, tuple)) and pd.isna(value)):
        return ""
    return f"{value:g}" if isinstance(value, float) else str(value)


def _marked(text: str, refs: tuple[int, ...], positions: tuple[int, ...], pub_id: str) -> str:
    """Escaped text with a linked superscript where each endnote marker stood."""
    return "".join(
        escape(piece) + (f'<sup><a href="#{note_anchor(pub_id, number)}">{number}</a></sup>' if number is not None else "")
        for piece, number in marked_pieces(text, refs, positions)
    )


def _rows(rows: tuple[tuple[str, ...], ...]) -> str:
    if not rows:
        return ""
    head = "".join(f"<th>{escape(cell)}</th>" for cell in rows[0])
    body = "".join("<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>" for row in rows[1:])
    return f'<div class="fpc-table-scroll"><table class="fpc-table"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>'


def _lang(corpus: Corpus, pub_id: str) -> str:
    return str(corpus.publications.set_index("pub_id").loc[pub_id, "lang"])
