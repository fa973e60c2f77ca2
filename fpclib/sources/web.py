"""Parse the plain-text captures of web pages (FPC site, news site) into articles, blocks, notes and spans.

A capture is one line per rendered element, with blank lines between them. The parser reads it line by line:

* **Article headers.** FPC layout: a title line, ``<Kind> by <Author>`` (e.g. "Article by Adam Hug") and a
  date line; if the body repeats the title as its first line, that line is content labelled ``title-repeat``
  (not a block). News layout: an optional section line (short, no final punctuation, not chrome), a title line,
  a ``Published`` line, then any of: ``on`` / "3 hours ago" (chrome ``dateline``), a date, ``By <Author>``.
  Every header after the first is an article the site appended as the reader scrolled (``position`` 'appended').
* **Article end.** A body runs until the next header or the first chrome line (``Continue Reading``,
  ``Footnotes``, ``Latest`` … see ``_CHROME``). Lines outside articles are chrome: a known line gets its own
  label, any other line the label of the chrome line above it (so teasers under "Latest" are
  ``latest-teasers``).
* **Blocks**, in order of precedence: a line from ``From our partner X`` on is the credit and author note
  (meta, not blocks); ``Table N …`` is a table caption, the next run of adjacent lines its rows; a line
  starting with a bullet is a list item (level = indentation // 2, at least 1: "  • " is level 1, as in
  ``fpclib.structure``); ``Photo by …`` is a caption; a heading (level 1) is a line of at most 100 characters,
  not ending in sentence punctuation (``. ! ? … , ;`` or a closing quote) and followed by another body line; a
  line wholly inside quotation marks is a quote; anything else a paragraph.
* **Notes.** The first body line that starts with ``[n]`` opens the endnotes; every later body line that does
  not start with ``[n]`` continues the note above it (the news site split notes over a blank line). Numbers
  should run 1, 2, 3 …; any that do not are kept and reported (``Document.anomalies``). Markers ``[n]`` inside
  block text are removed from ``Block.text`` and kept in ``note_refs``.
* **Flattened tables.** Each row is one line with its cells run together and empty cells dropped. The header
  is split where a lower-case letter meets an upper-case one ("treatiesKazakhstan"); a data row is a label
  followed by values from ``CELL_VALUES``. When a row has fewer values than value columns the capture does not
  say which columns are empty: the parser places the values in order from the first value column and leaves
  the remaining cells ``''`` (unknown). Such rows are listed in ``meta['table_note']``; no outside knowledge is
  used to place them.

Spans: titles, sections, bylines, dates, credits and block text are ``content``; ``[n]`` in text are
``markers``; endnote lines ``notes``; bullets ``syntax``; the rest ``chrome`` (lines of only no-break spaces
are chrome ``spacer``). Every non-whitespace character lies in exactly one span.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from fpclib.errors import SourceError
from fpclib.sources.model import Block, BlockKind, Document, Note, ParsedSource, Span
from fpclib.sources.notes import note_anomalies
from fpclib.sources.text import MARKER, clean_marked

#: The values a cell of a flattened treaty table can take (an empty cell leaves no trace in the capture).
CELL_VALUES: tuple[str, ...] = ("Accession", "Ratification", "Signed")

#: Chrome lines (exact text) and their span labels; any of them also ends an article body.
_CHROME: dict[str, str] = {
    "Skip to content": "skip-link",
    "Connect with us": "social",
    "Continue Reading": "continue-reading",
    "Comments": "comments",
    "Footnotes": "footnotes-heading",
    "Related Articles": "related-articles",
    "Join our mailing list": "mailing-list",
    "Publications": "menu",
    "Latest": "latest-teasers",
    "Trending": "trending-teasers",
}

#: Chrome lines that close an article (what follows them is chrome or the next article).
_TERMINAL = frozenset({"Continue Reading", "Comments", "Footnotes", "Related Articles"})

_AUTHOR = r"[A-Z][\w.'’-]*(?:(?:,| and| &)? [A-Z][\w.'’-]*)*"
_FPC_BYLINE = re.compile(rf"[A-Z][a-z]+ by (?P<author>{_AUTHOR})")
_NEWS_BYLINE = re.compile(rf"By (?P<author>{_AUTHOR})")
_DATE = re.compile(r"[A-Z][a-z]+ \d{1,2}, \d{4}|\d{1,2} [A-Z][a-z]+ \d{4}")
_DATE_FORMATS = ("%B %d, %Y", "%d %B %Y")
_DATELINE_WORD = re.compile(r"on|\d+ (?:min|hour|day|week|month|year)s? ago")
_NOTE_START = re.compile(r"\[(\d{1,3})\]")
_BULLET = re.compile(r"[•◦▪‣]\s+")
_CAPTION = re.compile(r"(?:Cover )?(?:Photo|Image|Picture)s? (?:by|credit|courtesy)\b", re.IGNORECASE)
_TABLE_CAPTION = re.compile(r"Table \d+\b")
_CREDIT = re.compile(r"From our partner \S.*")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_ROW = re.compile(rf"(?P<label>.*?)(?P<cells>(?:{'|'.join(CELL_VALUES)})+)")
_CELL = re.compile("|".join(CELL_VALUES))
_HEADING_MAX = 100
_SENTENCE_END = ".!?…,;\"”’"
_SECTION_MAX = 40


@dataclass(frozen=True, slots=True)
class _Line:
    """One non-blank line: its index in the file, offsets of its first/last non-space char, text, indentation."""

    no: int
    start: int
    end: int
    text: str
    indent: int


@dataclass(frozen=True, slots=True)
class _Header:
    """An article header: where it starts, where its body starts, its title, metadata and spans."""

    first: int
    body: int
    title: _Line
    meta: dict[str, str]
    spans: tuple[Span, ...]


def looks_like_web(text: str) -> bool:
    """True if ``text`` shows any evidence of a web capture (see :func:`web_evidence`)."""
    return web_evidence(text)[0] > 0


def web_evidence(text: str) -> tuple[int, int]:
    """How strongly ``text`` reads as a web capture, and where: ``(2, offset)`` for an article header (a title
    with a byline and a date, or with a 'Published' line and its dateline), ``(1, offset)`` for a known chrome
    line only (so a capture whose article is missing is read as one, and fails saying so), ``(0, 0)`` for none."""
    lines = _lines(text)[0]
    titles = _title_indices(lines)
    if titles:
        return 2, lines[titles[0]].start
    chrome = next((line for line in lines if line.text in _CHROME), None)
    return (1, chrome.start) if chrome is not None else (0, 0)


def parse_web(text: str, name: str) -> ParsedSource:
    """Parse one web capture into its articles (main first, then appended ones) and spans covering it."""
    lines, spans = _lines(text)
    headers = [_read_header(text, name, lines, t) for t in _title_indices(lines)]
    if not headers:
        where = lines[0].start if lines else 0
        raise SourceError.at(
            name, text, where,
            "no article found: expected a title followed by a byline ('Article by …') and a date, "
            "or a title followed by a 'Published' line",
        )
    documents: list[Document] = []
    done, label = 0, "page-header"
    for k, header in enumerate(headers):
        label = _chrome(lines[done:header.first], spans, label)
        stop = headers[k + 1].first if k + 1 < len(headers) else len(lines)
        end = next((i for i in range(header.body, stop) if lines[i].text in _CHROME), stop)
        _check_end(text, name, lines, header, end, stop)
        if end == header.body:
            found = repr(lines[end].text) if end < len(lines) else "end of file"
            where = lines[end].start if end < len(lines) else len(text.rstrip())
            raise SourceError.at(name, text, where,
                                 f"article {header.title.text!r}: expected body text after its header, found {found}")
        spans.extend(header.spans)
        meta = dict(header.meta, position="main" if k == 0 else "appended")
        documents.append(_article(text, name, lines[header.body:end], header.title, meta, spans))
        done = end
    _chrome(lines[done:], spans, label)
    return ParsedSource(name=name, kind="web", length=len(text), documents=tuple(documents),
                        spans=tuple(sorted(spans, key=lambda s: s.start)))


def _check_end(text: str, name: str, lines: list[_Line], header: _Header, end: int, stop: int) -> None:
    """An article must visibly end: at the next article, or at a chrome line after which the page goes on with
    chrome. A capture cut inside an article, or a chrome word standing inside one (so that article text would
    follow it as chrome), is an error naming the place."""
    title = header.title.text
    if end == len(lines) and end > header.body:
        last = lines[end - 1]
        raise SourceError.at(name, text, last.end, f"article {title!r}: the capture stops inside it: expected its "
                             "end (a line such as 'Continue Reading' or 'Footnotes') or the next article")
    if end == stop:
        return
    if lines[end].text not in _TERMINAL:
        later = next((i for i in range(end + 1, stop) if lines[i].text in _TERMINAL), None)
        if later is not None and end > header.body:
            raise SourceError.at(name, text, lines[end].start,
                                 f"article {title!r}: expected article text or its end, found the page-chrome line "
                                 f"{lines[end].text!r} inside it (the article ends at line {lines[later].no + 1})")
        return
    after = end + 1
    if after < stop and lines[after].text not in _CHROME and end > header.body:
        raise SourceError.at(name, text, lines[end].start,
                             f"article {title!r}: expected chrome or the next article after {lines[end].text!r}, "
                             f"found text ({lines[after].text[:30]!r}): a chrome word inside the article?")


def _lines(text: str) -> tuple[list[_Line], list[Span]]:
    """Non-blank lines of ``text``, and chrome spans over lines made only of no-break spaces."""
    lines: list[_Line] = []
    spacers: list[Span] = []
    offset = 0
    for no, raw in enumerate(text.split("\n")):
        stripped = raw.strip()
        if stripped:
            start = offset + raw.index(stripped[0])
            lines.append(_Line(no, start, start + len(stripped), stripped, start - offset))
        elif "\xa0" in raw:
            spacers.append(Span(offset + raw.index("\xa0"), offset + raw.rindex("\xa0") + 1, "chrome", "spacer"))
        offset += len(raw) + 1
    return lines, spacers


def _title_indices(lines: list[_Line]) -> list[int]:
    """Indices of the title lines of article headers (FPC or news layout), in file order."""
    found = []
    for i in range(len(lines) - 1):
        if lines[i].text in _CHROME or lines[i].text == "Published":
            continue
        fpc = (i + 2 < len(lines) and _FPC_BYLINE.fullmatch(lines[i + 1].text) is not None
               and _DATE.fullmatch(lines[i + 2].text) is not None)
        news = (lines[i + 1].text == "Published" and i + 2 < len(lines)
                and (_DATELINE_WORD.fullmatch(lines[i + 2].text) or _DATE.fullmatch(lines[i + 2].text)
                     or _NEWS_BYLINE.fullmatch(lines[i + 2].text)) is not None)
        if fpc or news:
            found.append(i)
    return found


def _read_header(text: str, name: str, lines: list[_Line], t: int) -> _Header:
    """Read the header whose title is ``lines[t]``: section, byline, author, date, and where the body starts."""
    title = lines[t]
    spans = [Span(title.start, title.end, "content", "title")]
    meta: dict[str, str] = {}
    first = t
    byline = _FPC_BYLINE.fullmatch(lines[t + 1].text)
    if byline is not None:
        date = lines[t + 2]
        meta.update(byline=byline[0], author=byline["author"], date=_iso_date(text, name, date))
        spans += [Span(lines[t + 1].start, lines[t + 1].end, "content", "byline"),
                  Span(date.start, date.end, "content", "date")]
        return _Header(first, t + 3, title, meta, tuple(spans))
    before = lines[t - 1] if t > 0 else None
    if (before is not None and len(before.text) <= _SECTION_MAX and before.text not in _CHROME
            and not before.text.endswith(tuple(_SENTENCE_END))):
        meta["section"] = before.text
        spans.append(Span(before.start, before.end, "content", "section"))
        first = t - 1
    elif len(title.text) <= _SECTION_MAX and not title.text.endswith(tuple(_SENTENCE_END)):
        raise SourceError.at(name, text, lines[t + 1].start, f"expected a title between the section {title.text!r} "
                             "and 'Published', found none (a section name is not a title)")
    spans.append(Span(lines[t + 1].start, lines[t + 1].end, "chrome", "dateline"))
    j = t + 2
    while j < len(lines):
        line = lines[j]
        if _DATELINE_WORD.fullmatch(line.text):
            spans.append(Span(line.start, line.end, "chrome", "dateline"))
        elif _DATE.fullmatch(line.text) and "date" not in meta:
            meta["date"] = _iso_date(text, name, line)
            spans.append(Span(line.start, line.end, "content", "date"))
        elif (m := _NEWS_BYLINE.fullmatch(line.text)) and "author" not in meta:
            meta.update(byline=line.text, author=m["author"])
            spans.append(Span(line.start, line.end, "content", "byline"))
        else:
            break
        j += 1
    return _Header(first, j, title, meta, tuple(spans))


def _iso_date(text: str, name: str, line: _Line) -> str:
    """The date on ``line`` as ISO ``YYYY-MM-DD``; SourceError if it is not a real date."""
    for fmt in _DATE_FORMATS:
        try:
            day = datetime.strptime(line.text, fmt).date()
        except ValueError:
            continue
        if day > date.today() + timedelta(days=1):
            raise SourceError.at(name, text, line.start,
                                 f"expected a date no later than the capture (today), got {line.text!r}")
        return day.isoformat()
    raise SourceError.at(name, text, line.start, f"expected a date like 'September 30, 2021', got {line.text!r}")


def _chrome(lines: list[_Line], spans: list[Span], label: str) -> str:
    """Add chrome spans for ``lines``; a line not in ``_CHROME`` takes the label above it. Returns the last label."""
    for line in lines:
        label = _CHROME.get(line.text, label)
        spans.append(Span(line.start, line.end, "chrome", label))
    return label


def _article(text: str, name: str, body: list[_Line], title: _Line, meta: dict[str, str],
             spans: list[Span]) -> Document:
    """Turn the body lines of one article into a Document, adding their spans to ``spans``."""
    notes_at = next((i for i, line in enumerate(body) if _NOTE_START.match(line.text)), len(body))
    blocks: list[Block] = []
    i = 0
    if _clean(body[0].text) == _clean(title.text):
        spans.append(Span(body[0].start, body[0].end, "content", "title-repeat"))
        i = 1
    while i < notes_at:
        line = body[i]
        if _CREDIT.fullmatch(line.text):
            rest = body[i + 1:notes_at]
            meta["credit"] = line.text
            spans.append(Span(line.start, line.end, "content", "credit"))
            if rest:
                meta["author_note"] = " ".join(_clean(r.text) for r in rest)
                spans.extend(Span(r.start, r.end, "content", "author-note") for r in rest)
            i = notes_at
        elif _TABLE_CAPTION.match(line.text):
            block, i = _table(text, name, body, i, notes_at, spans, meta)
            blocks.append(block)
        elif _BULLET.match(line.text):
            run = [line]
            while i + len(run) < notes_at and _BULLET.match(body[i + len(run)].text) \
                    and body[i + len(run)].no == run[-1].no + 1:
                run.append(body[i + len(run)])
            blocks.extend(_list_items(text, run, spans))
            i += len(run)
        else:
            blocks.append(_text_block(text, line, _kind(line.text, i + 1 < notes_at), spans))
            i += 1
    notes = _notes(body[notes_at:], spans)
    markers = [(block.raw_start, number) for block in blocks for number in block.note_refs]
    return Document(doc_id=_slug(text, name, title), title=_clean(title.text), blocks=tuple(blocks),
                    notes=notes, meta=meta, anomalies=note_anomalies(notes, markers))


def _kind(raw: str, followed: bool) -> BlockKind:
    """Kind of a single-line block: caption, heading, quote or paragraph (rules in the module docstring)."""
    clean = _clean(raw)
    if _CAPTION.match(clean):
        return "caption"
    if followed and len(clean) <= _HEADING_MAX and not clean.endswith(tuple(_SENTENCE_END)):
        return "heading"
    if clean[:1] in "“\"" and clean[-1:] in "”\"" and len(clean) > 1:
        return "quote"
    return "paragraph"


def _text_block(text: str, line: _Line, kind: BlockKind, spans: list[Span], start: int | None = None,
                level: int | None = None) -> Block:
    """A block from the text of ``line`` (from ``start`` on), adding content and marker spans."""
    start = line.start if start is None else start
    _content_spans(text, start, line.end, kind, spans)
    clean_text, refs, positions = clean_marked(text[start:line.end])
    return Block(kind=kind, text=clean_text, raw_start=start, raw_end=line.end,
                 level=(1 if kind == "heading" else 0) if level is None else level, note_refs=refs,
                 note_positions=positions)


def _list_items(text: str, run: list[_Line], spans: list[Span]) -> list[Block]:
    """List items of one run of adjacent bullet lines; every two columns of indentation are one level."""
    items = []
    for line in run:
        bullet = _BULLET.match(line.text)
        assert bullet is not None
        spans.append(Span(line.start, line.start + 1, "syntax", "bullet"))
        items.append(_text_block(text, line, "list_item", spans, start=line.start + bullet.end(),
                                 level=max(1, line.indent // 2)))
    return items


def _table(text: str, name: str, body: list[_Line], i: int, stop: int, spans: list[Span],
           meta: dict[str, str]) -> tuple[Block, int]:
    """The table whose caption is ``body[i]``: header and rows are the next run of adjacent lines."""
    caption = body[i]
    rows = [body[i + 1]] if i + 1 < stop else []
    while i + 1 + len(rows) < stop and body[i + 1 + len(rows)].no == rows[-1].no + 1:
        rows.append(body[i + 1 + len(rows)])
    if len(rows) < 2:
        raise SourceError.at(name, text, caption.end,
                             f"table {caption.text!r}: expected a header line and at least one row after it")
    refs = _content_spans(text, caption.start, caption.end, "table", spans)
    header = tuple(cell.strip() for cell in _CAMEL.split(_clean(rows[0].text)))
    width = len(header) - 1
    if width < 1:
        raise SourceError.at(name, text, rows[0].start,
                             "table header: expected a label column and value columns run together (camel case)")
    cells: list[tuple[str, ...]] = [header]
    short: list[str] = []
    for n, line in enumerate(rows[1:], start=1):
        match = _ROW.fullmatch(_clean(line.text))
        values = _CELL.findall(match["cells"]) if match else []
        label = (match["label"] + "".join(values[:-width])).strip() if match else ""
        if not label:
            raise SourceError.at(name, text, line.start, f"table row: expected a label followed by 1 to {width} "
                                 f"of {', '.join(CELL_VALUES)} run together")
        values = values[-width:]
        if len(values) < width:
            short.append(str(n))
        cells.append((label, *values, *[""] * (width - len(values))))
    for line in rows:
        refs += _content_spans(text, line.start, line.end, "table", spans)
    if short:
        meta["table_note"] = (f"{_clean(caption.text)}: row(s) {', '.join(short)} have fewer values than "
                              "columns; the capture does not say which cells are empty, so values are placed "
                              "from the first value column and the rest left ''")
    block = Block(kind="table", text=_clean(caption.text), raw_start=caption.start, raw_end=rows[-1].end,
                  note_refs=refs, rows=tuple(cells))
    return block, i + 1 + len(rows)


def _notes(lines: list[_Line], spans: list[Span]) -> tuple[Note, ...]:
    """Endnotes from the note lines of a body; a line without ``[n]`` continues the note above it. Numbers are
    kept as printed: a repeated or misordered one is reported by :func:`~fpclib.sources.notes.note_anomalies`."""
    groups: list[list[_Line]] = []
    for line in lines:
        spans.append(Span(line.start, line.end, "notes", "endnote"))
        if _NOTE_START.match(line.text):
            groups.append([line])
        else:
            groups[-1].append(line)
    notes = []
    for group in groups:
        head = _NOTE_START.match(group[0].text)
        assert head is not None
        body = " ".join([group[0].text[head.end():], *(line.text for line in group[1:])])
        notes.append(Note(number=int(head[1]), text=_clean(body), raw_start=group[0].start, raw_end=group[-1].end))
    return tuple(notes)


def _content_spans(text: str, start: int, end: int, label: str, spans: list[Span]) -> tuple[int, ...]:
    """Add content spans for ``text[start:end]`` split around ``[n]`` marker spans; return the marker numbers."""
    refs = []
    pos = start
    for m in MARKER.finditer(text, start, end):
        if text[pos:m.start()].strip():
            spans.append(Span(pos, m.start(), "content", label))
        spans.append(Span(m.start(), m.end(), "markers", "footnote-marker"))
        refs.append(int(m[1]))
        pos = m.end()
    if text[pos:end].strip():
        spans.append(Span(pos, end, "content", label))
    return tuple(refs)


def _clean(raw: str) -> str:
    """Text without ``[n]`` markers, with every run of whitespace (no-break spaces too) made one space."""
    return clean_marked(raw)[0]


def _slug(text: str, name: str, title: _Line) -> str:
    """Document id from the title: ASCII words in lower case joined by '-' ("Kazakhstan’s" -> "kazakhstans")."""
    ascii_title = unicodedata.normalize("NFKD", title.text).encode("ascii", "ignore").decode().replace("'", "")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    if not slug:
        raise SourceError.at(name, text, title.start,
                             f"title {title.text!r}: expected ASCII letters to make an id from")
    return slug
