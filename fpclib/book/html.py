"""HTML for the book's pages: report texts with an anchor on every block, endnote and note marker; claims tables
with an anchor per claim (its id), both verdict axes and schema.org ClaimReview JSON-LD; and plain tables that
read as cards on a phone. Every piece of corpus text is escaped."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape
from urllib.parse import urlparse

import numpy as np
import pandas as pd

from fpclib.corpus.build import Corpus
from fpclib.sources.text import marked_pieces

VERDICT_CLASSES = {
    "holds": "fpc-ok", "fails": "fpc-bad", "none": "fpc-na",
    "same": "fpc-ok", "changed": "fpc-bad", "missing": "fpc-bad", "n/a": "fpc-na",
}
# What a verdict label says, in words (shown as the label's tooltip and in ClaimReview ratings).
VERDICT_WORDS = {
    "holds": "the evidence agrees with the figure",
    "fails": "the evidence disagrees with the figure",
    "none": "no evidence to check it against",
    "same": "the translation states the same figure",
    "changed": "the translation changed the figure",
    "missing": "the translation leaves the figure out",
    "n/a": "not a translated figure",
}
CURRENCIES = {"USD": "US$", "EUR": "€", "GBP": "£"}
# Column headings a reader understands, for the corpus's and the checks' column names.
HEADINGS = {
    "pub_id": "publication", "report_id": "report", "work_id": "work", "claim_id": "claim", "lang": "language",
    "n_notes": "endnotes", "n_blocks": "blocks", "n_chars": "characters", "seq": "block", "en_seq": "English block",
    "tr_seq": "translated block", "en_written": "English, as written", "tr_written": "translation, as written",
    "en_text": "English text", "tr_text": "translated text", "en_value": "English figure",
    "tr_value": "translated figure",
    "pr": "political rights (0-40)", "cl": "civil liberties (0-60)", "total": "total (0-100)",
    "covers": "covers the year", "share": "share", "status": "status", "en_number": "English note",
    "tr_number": "translated note", "url": "address", "en_pub_id": "English id",
    "tr_pub_id": "translation id", "n_claims": "claims",
}
STATUS_WORDS = {"F": "Free", "PF": "Partly Free", "NF": "Not Free"}
_TAGS = {"heading": "h4", "paragraph": "p", "quote": "blockquote", "caption": "p", "table": "div"}
_URL = re.compile(r"https?://[^\s<>\"]+[^\s<>\".,;:)\]]")


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


def claim_anchor(claim_id: str) -> str:
    """The HTML id of a claim's row: ``claim-`` and its registry id, the same on every page that shows it.

    >>> claim_anchor("retreating-rights-kyrgyzstan-012")
    'claim-retreating-rights-kyrgyzstan-012'
    """
    return f"claim-{claim_id}"


def part_anchor(pub_id: str) -> str:
    """The HTML id of a publication's heading on its page."""
    return f"p-{pub_id}"


def number(value: float | int, unit: str = "") -> str:
    """A figure with its unit as a reader writes it: thousands separators from 10,000, no float artefacts,
    currency symbols, per cent signs.

    >>> number(152561.0, "USD million"), number(2020.0, "years"), number(12.5, "percent"), number(1e9, "EUR")
    ('US$152,561 million', '2020 years', '12.5%', '€1,000,000,000')
    >>> number(3.0, "KGS billion"), number(0.25, "share")
    ('KGS 3 billion', '0.25 share')
    """
    whole = float(value).is_integer()
    text = f"{int(value)}" if whole else f"{float(value):.10g}"
    if abs(float(value)) >= 10_000:
        text = f"{int(value):,}" if whole else f"{float(value):,.10g}"
    code, _, rest = unit.partition(" ")
    if unit.startswith("percent"):
        return f"{text}%{unit[len('percent'):]}"
    if code in CURRENCIES:
        return f"{CURRENCIES[code]}{text} {rest}".strip()
    if len(code) == 3 and code.isupper() and code.isalpha():
        return f"{code} {text} {rest}".strip()
    return f"{text} {unit}".strip()


def publication(corpus: Corpus, pub_id: str) -> Table:
    """A publication's text under a heading naming its part, with a link to the original: blocks in order,
    list items as lists, tables as tables, endnote markers linked to the notes and back, under "Notes"."""
    blocks = corpus.blocks[corpus.blocks["pub_id"] == pub_id]
    markers = _Markers.of(corpus, pub_id)
    out: list[str] = [f'<div class="fpc-text" lang="{_lang(corpus, pub_id)}">', _part_heading(corpus, pub_id)]
    in_list = False
    for block in blocks.itertuples(index=False):
        body = markers.marked(block.text, block.note_refs, block.note_positions)
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
            css = {"caption": ' class="fpc-caption"', "heading": ' class="fpc-text-heading"'}.get(block.kind, "")
            out.append(f'<{tag} id="{anchor}"{css}>{body}</{tag}>')
    if in_list:
        out.append("</ul>")
    out.append(notes(corpus, pub_id, markers))
    out.append("</div>")
    return Table("\n".join(out))


def side_by_side(corpus: Corpus, alignment: pd.DataFrame, en_pub_id: str, tr_pub_id: str) -> Table:
    """A part of a work in English and in translation, row by row as aligned (rows stack on a phone). Every
    block of both sides appears once, in its own order; the endnotes of both editions follow, so that every
    marker of either column lands on its note on this page."""
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
    en_markers, tr_markers = _Markers.of(corpus, en_pub_id), _Markers.of(corpus, tr_pub_id)
    out = [f'<p class="fpc-part-meta">{_original_link(corpus, en_pub_id, "English original")} · '
           f'{_original_link(corpus, tr_pub_id, "this edition")}</p>', '<div class="fpc-sbs">']
    for en_seqs, tr_seqs in rows:
        left = "".join(_block_html(en.loc[s], en_markers) for s in en_seqs)
        right = "".join(_block_html(tr.loc[s], tr_markers) for s in tr_seqs)
        out.append(f'<div class="fpc-sbs-en" lang="en">{left}</div><div class="fpc-sbs-tr" lang="{lang}">{right}</div>')
    out.append("</div>")
    out.append('<div class="fpc-sbs-notes">')
    out.append(notes(corpus, en_pub_id, en_markers, heading="Notes of the English original"))
    out.append(notes(corpus, tr_pub_id, tr_markers, heading="Notes of this edition"))
    out.append("</div>")
    return Table("\n".join(out))


def notes(corpus: Corpus, pub_id: str, markers: _Markers | None = None, *, heading: str = "Notes") -> str:
    """A publication's endnotes under ``heading``: URLs as links, and a link back to each marker citing the note
    (as recorded in ``markers`` while the text was rendered)."""
    own = corpus.notes[corpus.notes["pub_id"] == pub_id]
    if own.empty:
        return ""
    lang = _lang(corpus, pub_id)
    out = [f'<p class="fpc-notes-heading" role="heading" aria-level="4">{escape(heading)}</p>',
           f'<ol class="fpc-notes" lang="{lang}">']
    for note in own.itertuples(index=False):
        cited = markers.cited.get(int(note.number), []) if markers else []
        back = "".join(f' <a class="fpc-backlink" href="#{marker}" aria-label="back to the text">'
                       f'↩{"" if i == 1 else i}</a>' for i, marker in enumerate(cited, 1))
        out.append(f'<li value="{note.number}" id="{note_anchor(pub_id, note.number)}">{linked(note.text)}{back}</li>')
    out.append("</ol>")
    return "\n".join(out)


def linked(text: str, *, short: bool = False) -> str:
    """Escaped text whose web addresses are links (opened as external links); ``short`` labels each link with its
    site alone (for verdict reasons, where a whole address would crowd the cell).

    >>> linked("See https://x.org/a?b=1&c=2, and <this>.")
    'See <a class="fpc-external" href="https://x.org/a?b=1&amp;c=2">https://x.org/a?b=1&amp;c=2</a>, and &lt;this&gt;.'
    >>> linked("Khovar, 2017, https://eng.khovar.tj/2017/10/x (a public page)", short=True)
    'Khovar, 2017, <a class="fpc-external" href="https://eng.khovar.tj/2017/10/x">eng.khovar.tj/…</a> (a public page)'
    """
    out, cursor = [], 0
    for match in _URL.finditer(text):
        out.append(escape(text[cursor:match.start()]))
        url = escape(match.group(0))
        label = escape(f"{urlparse(match.group(0)).netloc}/…") if short else url
        out.append(f'<a class="fpc-external" href="{url}">{label}</a>')
        cursor = match.end()
    out.append(escape(text[cursor:]))
    return "".join(out)


def claims(
    table: pd.DataFrame,
    *,
    caption: str | None = None,
    href: str = "",
    extra: tuple[str, ...] = (),
    anchors: bool = True,
) -> Table:
    """Claims with their verdicts; each links to its block and, where cited, its endnote: on the same page, on
    the page ``href``, or on the page in the table's ``page`` column (relative to the page showing the table).
    ``extra`` columns are shown after *what*. Each row carries the claim's anchor (``claim_anchor``), its id a
    link to it, unless ``anchors`` is false (a second table of the same claims on one page: the id then links to
    the claim's row on its page); and ``data-*`` facets for filtering.
    Both verdict axes are shown where the table has them, ``evidence`` and ``fidelity``, each label with its
    reason.
    (The book's extension adds the ClaimReview JSON-LD of every anchored claim to its page.)"""
    axes = [axis for axis in ("evidence", "fidelity") if is_axis(table, axis)]
    extra = tuple(column for column in extra if column not in axes)
    head = ('<tr><th class="fpc-col-claim">claim</th><th class="fpc-col-figure">figure</th>'
            '<th class="fpc-col-what">what it counts</th>'
            + "".join(f'<th class="fpc-col-extra">{escape(heading(c))}</th>' for c in extra)
            + "".join(f'<th class="fpc-col-verdict">{axis}</th>' for axis in axes)
            + '<th class="fpc-col-where">where</th></tr>')
    rows = []
    for claim in table.to_dict(orient="records"):
        page = claim.get("page", href) or href
        label = [heading(c) for c in extra]
        link = ("" if anchors else escape(page)) + f"#{claim_anchor(claim['claim_id'])}"
        cells = [f'<td data-label="claim"><a class="fpc-claim-link" href="{link}" title="link to this claim">'
                 f'{escape(claim["claim_id"])}</a><q>{escape(claim["quote"])}</q></td>',
                 f'<td data-label="figure">{escape(_figure(claim))}</td>',
                 f'<td data-label="what it counts">{escape(_text(claim["what"]))}</td>']
        cells += [f'<td data-label="{escape(name)}">{escape(_text(claim.get(column)))}</td>'
                  for name, column in zip(label, extra)]
        for axis in axes:
            reason = claim.get(f"{axis}_reason", "")
            cells.append(f'<td data-label="{axis}">{verdict_label(claim[axis], explain=False)}'
                         f'<span class="fpc-reason">{linked(_text(reason), short=True)}</span></td>')
        cells.append(f'<td data-label="where">{where(claim, page)}</td>')
        anchor = f' id="{claim_anchor(claim["claim_id"])}"' if anchors else ""
        rows.append(f"<tr{anchor}{_facets(claim)}>{''.join(cells)}</tr>")
    title = f'<p class="fpc-table-caption">{escape(caption)}</p>' if caption else ""
    return Table(f'<div class="fpc-table-scroll fpc-cards">{title}<table class="fpc-table fpc-claims">'
                 f'<thead>{head}</thead><tbody>{"".join(rows)}</tbody></table></div>')


def is_axis(table: pd.DataFrame, column: str) -> bool:
    """Whether ``column`` of a claims table is a verdict axis: present, and holding only verdict labels (a table
    may use the same name for something else, e.g. the evidence beside a discrepancy).

    >>> is_axis(pd.DataFrame({"evidence": ["holds", "none"]}), "evidence")
    True
    >>> is_axis(pd.DataFrame({"evidence": ["x-002: 'the same figure' (12 people)"]}), "evidence")
    False
    """
    return column in table.columns and bool(table[column].dropna().isin(VERDICT_CLASSES.keys()).all())


def verdict_label(verdict: object, *, explain: bool = True) -> str:
    """A verdict as a coloured label, with its meaning in words as the tooltip if ``explain`` ('' for none).

    >>> verdict_label("fails", explain=False)
    '<span class="fpc-verdict fpc-bad">fails</span>'
    """
    if not isinstance(verdict, str) or not verdict:
        return ""
    css = VERDICT_CLASSES.get(verdict, "fpc-na")
    tip = f' title="{escape(VERDICT_WORDS.get(verdict, verdict))}"' if explain else ""
    return f'<span class="fpc-verdict {css}"{tip}>{escape(verdict)}</span>'


def heading(column: str) -> str:
    """A column's heading for readers.

    >>> heading("pub_id"), heading("tr_written"), heading("first_seen")
    ('publication', 'translation, as written', 'first seen')
    """
    return HEADINGS.get(column, column.replace("_", " "))


def frame(data: pd.DataFrame, *, caption: str | None = None, headings: dict[str, str] | None = None) -> Table:
    """``data`` as an escaped HTML table: readable headings, figures without float artefacts, nothing shown for
    a missing value, Freedom House status codes in words; on a phone each row reads as a card."""
    names = {column: (headings or {}).get(column, heading(str(column))) for column in data.columns}
    numeric = {column for column in data.columns if pd.api.types.is_numeric_dtype(data[column])
               and not pd.api.types.is_bool_dtype(data[column])}
    head = "".join(f'<th{" class=fpc-num" if c in numeric else ""}>{escape(names[c])}</th>' for c in data.columns)
    body = []
    for row in data.itertuples(index=False):
        cells = []
        for column, value in zip(data.columns, row):
            text = _cell(value, status=column == "status")
            css = (' class="fpc-num"' if column in numeric else ' class="fpc-nowrap"' if len(text) <= 14
                   else ' class="fpc-break"' if max(map(len, text.split()), default=0) > 24 else "")
            cells.append(f'<td data-label="{escape(names[column])}"{css}>{escape(text)}</td>')
        body.append(f"<tr>{''.join(cells)}</tr>")
    title = f'<p class="fpc-table-caption">{escape(caption)}</p>' if caption else ""
    empty = '<p class="fpc-empty">(none)</p>' if data.empty else ""
    table = "" if data.empty else (f'<table class="fpc-table"><thead><tr>{head}</tr></thead>'
                                   f'<tbody>{"".join(body)}</tbody></table>')
    return Table(f'<div class="fpc-table-scroll fpc-cards">{title}{table}{empty}</div>')


def _cell(value: object, *, status: bool = False) -> str:
    """A table cell as text: nothing for missing values, figures as ``number`` writes them, lists joined by commas.

    >>> _cell(np.int64(15504)), _cell(5000.0), _cell(pd.NA), _cell(("a", "b")), _cell("NF", status=True)
    ('15,504', '5000', '', 'a, b', 'Not Free')
    """
    if isinstance(value, (tuple, list)):
        return ", ".join(_cell(item) for item in value)
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if isinstance(value, np.integer | np.floating):
        value = value.item()
    if isinstance(value, (int, float)):
        return number(value)
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    if status and isinstance(value, str):
        return STATUS_WORDS.get(value, value)
    return str(value)


def _figure(claim: dict) -> str:
    value = claim.get("value")
    if value is None or pd.isna(value):
        return _text(claim.get("unit"))
    return number(float(value), _text(claim.get("unit")))


def where(claim: dict, page: str) -> str:
    """Links, in words, to the paragraph stating a claim and to the endnote its sentence cites."""
    links = []
    block = claim.get("block")
    if isinstance(block, str):
        part = _text(claim.get("part")).capitalize() or "Text"
        paragraph = block.rsplit(".", 1)[-1]
        target = f"{escape(page)}#{block_anchor(block)}"
        links.append(f'<a href="{target}">{escape(part)}, paragraph {escape(paragraph)}</a>')
    cited = claim.get("cited_note")
    note = cited if cited is not None and not pd.isna(cited) else claim.get("note")
    if note is not None and not pd.isna(note):
        links.append(f'<a href="{escape(page)}#{note_anchor(claim["pub_id"], int(note))}">note {int(note)}</a>')
    return " · ".join(links)


def _facets(claim: dict) -> str:
    """``data-*`` attributes the claims explorer filters on (only those the table has)."""
    facets = {"report": claim.get("report_id"), "evidence": claim.get("evidence"),
              "fidelity": claim.get("fidelity"), "kind": claim.get("evidence_kind", claim.get("check")),
              "source": claim.get("source"), "country": claim.get("countries"), "lang": claim.get("lang")}
    out = []
    for name, value in facets.items():
        text = _cell(value) if isinstance(value, (tuple, list)) else _text(value)
        if text:
            out.append(f' data-{name}="{escape(text)}"')
    return "".join(out)


def _text(value: object) -> str:
    """A cell as text ('' for missing values)."""
    if value is None or (not isinstance(value, (str, tuple)) and pd.isna(value)):
        return ""
    return number(value) if isinstance(value, float) else str(value)


@dataclass
class _Markers:
    """Note markers of one publication as rendered on a page: each gets an id, so a note can link back to it."""

    pub_id: str
    known: frozenset[int] = frozenset()
    cited: dict[int, list[str]] = field(default_factory=dict)

    @classmethod
    def of(cls, corpus: Corpus, pub_id: str) -> _Markers:
        """Markers of ``pub_id``, knowing which of its notes exist (a marker without its note is not a link)."""
        return cls(pub_id, frozenset(int(n) for n in corpus.notes.loc[corpus.notes["pub_id"] == pub_id, "number"]))

    def marked(self, text: str, refs: tuple[int, ...], positions: tuple[int, ...]) -> str:
        """Escaped text with a linked superscript where each endnote marker stood."""
        out = []
        for piece, note in marked_pieces(text, refs, positions):
            out.append(escape(piece))
            if note is not None and note not in self.known:
                out.append(f'<sup class="fpc-no-note" title="the capture holds no note {note}">{note}</sup>')
            elif note is not None:
                ids = self.cited.setdefault(note, [])
                marker = f"r-{self.pub_id}-{note}" + (f"-{len(ids) + 1}" if ids else "")
                ids.append(marker)
                out.append(f'<sup id="{marker}"><a href="#{note_anchor(self.pub_id, note)}">{note}</a></sup>')
        return "".join(out)


def _block_html(block: pd.Series, markers: _Markers) -> str:
    """One block as a paragraph-like element with its anchor (for the side-by-side reader)."""
    body = markers.marked(block["text"], block["note_refs"], block["note_positions"])
    tag = "h4" if block["kind"] == "heading" else "p"
    prefix = "• " if block["kind"] == "list_item" else ""
    return f'<{tag} id="{block_anchor(block["block_id"])}">{prefix}{body}</{tag}>'


def _part_heading(corpus: Corpus, pub_id: str) -> str:
    """A publication's title as a heading, with its date and a link to the original."""
    pub = corpus.publications.set_index("pub_id").loc[pub_id]
    date = pub["published"].strftime("%d %B %Y").lstrip("0") if not pd.isna(pub["published"]) else ""
    meta = " · ".join(p for p in (_text(pub["part"]).capitalize(), date, _original_link(corpus, pub_id)) if p)
    return (f'<h3 class="fpc-part" id="{part_anchor(pub_id)}">{escape(_text(pub["title"]))}</h3>'
            f'<p class="fpc-part-meta">{meta}</p>')


def _original_link(corpus: Corpus, pub_id: str, label: str = "the original") -> str:
    url = corpus.publications.set_index("pub_id").loc[pub_id, "url"]
    if not isinstance(url, str) or not url.startswith(("http://", "https://")):
        return ""
    return f'<a class="fpc-external" href="{escape(url)}">{escape(label)} ↗</a>'


def _rows(rows: tuple[tuple[str, ...], ...]) -> str:
    if not rows:
        return ""
    head = "".join(f"<th>{escape(cell)}</th>" for cell in rows[0])
    body = "".join("<tr>" + "".join(f'<td data-label="{escape(label)}">{escape(cell)}</td>'
                                    for label, cell in zip(rows[0], row)) + "</tr>" for row in rows[1:])
    return (f'<div class="fpc-table-scroll fpc-cards"><table class="fpc-table"><thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table></div>")


def _lang(corpus: Corpus, pub_id: str) -> str:
    return str(corpus.publications.set_index("pub_id").loc[pub_id, "lang"])

