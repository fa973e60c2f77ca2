"""Parse one raw capture of any supported layout into documents and accounted spans."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from fpclib.model import Document, ParsedSource, Span
from fpclib.paragraphs import parse_paragraphs
from fpclib.printr import parse_printr
from fpclib.sources import decode, detect
from fpclib.structure import structure_post
from fpclib.web import parse_web

#: Dump fields kept on each post's document.
POST_META = ("ID", "post_date_gmt", "post_modified_gmt", "post_name", "guid", "post_author", "comment_count")


def parse_text(text: str, name: str, hints: Sequence[str] = ()) -> ParsedSource:
    """Parse decoded ``text`` of file ``name``, detecting its layout; ``hints`` help cut dump bodies into paragraphs.

    Offsets in the result count characters of ``text`` (for a file: as :func:`fpclib.sources.decode` returns it).
    Malformed input raises :class:`fpclib.errors.SourceError` naming ``name``, the line and column, and what was
    expected there; no other exception escapes for any text.
    """
    kind = detect(text, name)
    if kind == "paragraphs":
        return parse_paragraphs(text, name)
    if kind == "web":
        return parse_web(text, name)
    return parse_dump(text, name, hints)


def parse_file(path: Path, hints: Sequence[str] = ()) -> ParsedSource:
    """Read, decode and parse one raw file (no manifest check: for files outside the corpus too).

    Errors name the file by its name alone, as they do when the corpus parses it.
    """
    return parse_text(decode(path.read_bytes(), path.name), path.name, hints)


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
