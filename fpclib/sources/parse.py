"""One reader per layout behind the same small interface, detection built on them, and parsing any capture.

A :class:`Reader` knows its layout by positive evidence (``evidence``) and parses decoded text into a
:class:`~fpclib.sources.model.ParsedSource`. :func:`detect` asks every reader: exactly one must recognise the text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from fpclib.errors import SourceError
from fpclib.sources.decode import decode
from fpclib.sources.model import Document, ParsedSource, Span
from fpclib.sources.paragraphs import paragraphs_evidence, parse_paragraphs
from fpclib.sources.printr import parse_printr, post_anomalies, printr_evidence
from fpclib.sources.web import parse_web, web_evidence
from fpclib.sources.wp_body import HintIndex, structure_post

#: Dump fields kept on each post's document.
POST_META = ("ID", "post_date_gmt", "post_modified_gmt", "post_name", "guid", "post_author", "comment_count")


@dataclass(frozen=True, slots=True)
class Reader:
    """A layout of raw capture: its name, how strongly a text shows it, and how to parse it (``hints`` may be
    ignored). ``evidence(text)`` is ``(level, offset)``: 2 for the layout's own structure, 1 for a hint of it
    only (enough to parse and fail with the layout's own message), 0 for none; ``offset`` is where it stands."""

    kind: str
    description: str
    evidence: Callable[[str], tuple[int, int]]
    parse: Callable[[str, str, Sequence[str]], ParsedSource]

    def looks_like(self, text: str) -> bool:
        """True if ``text`` shows any evidence of this layout."""
        return self.evidence(text)[0] > 0


def parse_dump(text: str, name: str, hints: Sequence[str] = ()) -> ParsedSource:
    """The WordPress dump: each post's fields, and its body structured into blocks and endnotes."""
    dump = parse_printr(text, name)
    index = HintIndex.of(hints)
    spans: list[Span] = list(dump.spans)
    documents = []
    for post in dump.posts:
        start, end = post.fields["post_content"]
        body = structure_post(text, start, end, index)
        spans.extend(body.spans)
        meta = {key: post.value(text, key) for key in POST_META}
        documents.append(Document(f"wp-{meta['ID']}", post.value(text, "post_title"), body.blocks, body.notes, meta,
                                  body.anomalies + post_anomalies(text, post)))
    return ParsedSource(name, "printr", len(text), tuple(documents), tuple(spans))


#: Every layout fpclib reads.
READERS: tuple[Reader, ...] = (
    Reader("paragraphs", "a one-paragraph-a-line extraction", paragraphs_evidence,
           lambda text, name, _hints: parse_paragraphs(text, name)),
    Reader("printr", "a WP_Post print_r dump", printr_evidence, parse_dump),
    Reader("web", "a web text capture", web_evidence, lambda text, name, _hints: parse_web(text, name)),
)


def detect(text: str, name: str) -> Reader:
    """The reader for ``text``: the one layout whose own structure it shows (else the one it hints at).

    Two layouts with their structure in one file is an ambiguous file, and no evidence at all an unknown one:
    each a :class:`SourceError` naming the candidates (and where their evidence stands).
    """
    scored = [(reader, *reader.evidence(text)) for reader in READERS]
    for level in (2, 1):
        found = [(reader, offset) for reader, score, offset in scored if score == level]
        if len(found) == 1:
            return found[0][0]
        if len(found) > 1:
            where = [f"{reader.description} ({_line_of(text, offset)})" for reader, offset in found]
            what = "has the structure of" if level == 2 else "hints at"
            raise SourceError(name, 1, 1, f"ambiguous source layout: the file {what} {' and '.join(where)}; "
                              "expected the evidence of exactly one")
    raise SourceError(
        name, 1, 1, "unknown source layout: expected " + ", ".join(r.description for r in READERS[:-1])
        + f" or {READERS[-1].description}",
    )


def _line_of(text: str, offset: int) -> str:
    """``'line N'`` for character ``offset`` of ``text``.

    >>> _line_of("a\\nb", 2)
    'line 2'
    """
    return f"line {text.count(chr(10), 0, offset) + 1}"


def parse_text(text: str, name: str, hints: Sequence[str] = ()) -> ParsedSource:
    """Parse decoded ``text`` of file ``name``, detecting its layout; ``hints`` help cut dump bodies into paragraphs.

    Offsets in the result count characters of ``text`` (for a file: as :func:`fpclib.sources.decode` returns it).
    Malformed input raises :class:`fpclib.errors.SourceError` naming ``name``, the line and column, and what was
    expected there; no other exception escapes for any text.
    """
    return detect(text, name).parse(text, name, hints)


def parse_file(path: Path, hints: Sequence[str] = ()) -> ParsedSource:
    """Read, decode and parse one raw file (no manifest check: for files outside the corpus too).

    Errors name the file by its name alone, as they do when the corpus parses it.
    """
    try:
        data = path.read_bytes()
    except OSError as error:
        raise SourceError(str(path), 1, 1, f"expected a readable file: {error.strerror or error}") from None
    return parse_text(decode(data, path.name), path.name, hints)
