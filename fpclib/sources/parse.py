"""One reader per layout behind the same small interface, detection built on them, and parsing any capture.

A :class:`Reader` knows its layout by positive evidence (``looks_like``) and parses decoded text into a
:class:`~fpclib.sources.model.ParsedSource`. :func:`detect` asks every reader: exactly one must recognise the text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from fpclib.errors import SourceError
from fpclib.sources.decode import decode
from fpclib.sources.model import Document, ParsedSource, Span
from fpclib.sources.paragraphs import looks_like_paragraphs, parse_paragraphs
from fpclib.sources.printr import looks_like_printr, parse_printr
from fpclib.sources.web import looks_like_web, parse_web
from fpclib.sources.wp_body import structure_post

#: Dump fields kept on each post's document.
POST_META = ("ID", "post_date_gmt", "post_modified_gmt", "post_name", "guid", "post_author", "comment_count")


@dataclass(frozen=True, slots=True)
class Reader:
    """A layout of raw capture: its name, how to recognise it, and how to parse it (``hints`` may be ignored)."""

    kind: str
    description: str
    looks_like: Callable[[str], bool]
    parse: Callable[[str, str, Sequence[str]], ParsedSource]


def parse_dump(text: str, name: str, hints: Sequence[str] = ()) -> ParsedSource:
    """The WordPress dump: each post's fields, and its body structured into blocks and endnotes."""
    dump = parse_printr(text, name)
    spans: list[Span] = list(dump.spans)
    documents = []
    for post in dump.posts:
        start, end = post.fields["post_content"]
        body = structure_post(text, start, end, hints)
        spans.extend(body.spans)
        meta = {key: post.value(text, key) for key in POST_META}
        documents.append(Document(f"wp-{meta['ID']}", post.value(text, "post_title"), body.blocks, body.notes, meta))
    return ParsedSource(name, "printr", len(text), tuple(documents), tuple(spans))


#: Every layout fpclib reads, in the order detection asks them.
READERS: tuple[Reader, ...] = (
    Reader("paragraphs", "a one-paragraph-a-line extraction", looks_like_paragraphs,
           lambda text, name, _hints: parse_paragraphs(text, name)),
    Reader("printr", "a WP_Post print_r dump", looks_like_printr, parse_dump),
    Reader("web", "a web text capture", looks_like_web, lambda text, name, _hints: parse_web(text, name)),
)


def detect(text: str, name: str) -> Reader:
    """The reader for ``text``: the first that recognises it; none is a :class:`SourceError` naming the layouts."""
    for reader in READERS:
        if reader.looks_like(text):
            return reader
    raise SourceError(
        name, 1, 1, "unknown source layout: expected " + ", ".join(r.description for r in READERS[:-1])
        + f" or {READERS[-1].description}",
    )


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
