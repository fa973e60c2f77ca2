"""Read the second extraction of the author page: one paragraph a line, used to find paragraph boundaries.

The extraction is de-duplicated and partly re-ordered, and some of its lines run whole posts (dump syntax
included) together, so it never supplies text of its own: it only offers *hints*, known paragraph texts that the
structure of a post body may be cut around.
"""

from __future__ import annotations

import re

from fpclib.sources.model import ParsedSource, Span
from fpclib.sources.printr import WP_POST_KEYS
from fpclib.sources.text import clean

_DUMP_LINE = re.compile(r"^(Array|\(|\)|\[\d+\] => WP_Post Object)$")
_KEY = re.compile(r"\[(?:" + "|".join(WP_POST_KEYS) + r")\] =>|\[\d+\] => WP_Post Object \(?")
_VALUE = re.compile(r"^\[(?P<key>\w+)\] =>(?P<value>.*)$")
_LIST = re.compile(r"^- ")
_NOTE = re.compile(r"^\[\d+\]\s*\S")
_ID_LINE = re.compile(r"^\[ID\] => \d+$", re.MULTILINE)
#: Lines shorter than this are too common to place a boundary by.
MIN_HINT = 20


def looks_like_paragraphs(text: str) -> bool:
    """True if ``text`` shows any evidence of the one-paragraph-a-line extraction (see :func:`paragraphs_evidence`)."""
    return paragraphs_evidence(text)[0] > 0


def paragraphs_evidence(text: str) -> tuple[int, int]:
    """How strongly ``text`` reads as the one-paragraph-a-line extraction, and where: ``(2, offset)`` for the
    dump printed one key a line (``Array``, ``(``, ``[0] => WP_Post Object``, ``(``, ``[ID] => <number>``),
    ``(1, offset)`` for a line ``[ID] => <number>`` alone, ``(0, 0)`` for none.

    Plain substring searches first, since every file is tested, the 1.9 MB dump too."""
    found = text.find("\nArray\n(\n[0] => WP_Post Object\n(\n[ID] => ")
    if found >= 0 and _ID_LINE.match(text, text.find("[ID] => ", found)):
        return 2, found + 1
    found = text.find("[ID] => ")
    while found >= 0:
        if _ID_LINE.match(text, found):
            return 1, found
        found = text.find("[ID] => ", found + 1)
    return 0, 0


def parse_paragraphs(text: str, name: str) -> ParsedSource:
    """Account for every line of the extraction; its paragraph lines are returned by :func:`hints`."""
    spans: list[Span] = []
    header_end = text.find("\nArray\n")
    header_end = 0 if header_end < 0 else header_end
    if header_end:
        spans.append(Span(0, header_end, "chrome", "page-header"))
    offset = header_end
    for line in text[header_end:].split("\n"):
        spans.extend(_line_spans(line, offset))
        offset += len(line) + 1
    return ParsedSource(name, "paragraphs", len(text), (), tuple(spans))


def _line_spans(line: str, offset: int) -> list[Span]:
    """Spans of one line: dump syntax, field values, endnotes or paragraph text."""
    if not line.strip():
        return []
    if _DUMP_LINE.match(line.strip()):
        return [Span(offset, offset + len(line), "syntax")]
    value = _VALUE.match(line)
    if value and value.group("key") in WP_POST_KEYS and value.group("key") != "post_content":
        return [Span(offset, offset + len(line), "metadata", value.group("key"))]
    if _NOTE.match(line):
        return [Span(offset, offset + len(line), "notes")]
    spans: list[Span] = []
    cursor = 0
    for key in _KEY.finditer(line):
        if key.start() > cursor:
            spans.append(Span(offset + cursor, offset + key.start(), "content"))
        spans.append(Span(offset + key.start(), offset + key.end(), "syntax"))
        cursor = key.end()
    if cursor < len(line):
        spans.append(Span(offset + cursor, offset + len(line), "content"))
    return spans


def hints(text: str) -> list[str]:
    """The paragraph texts of the extraction, whitespace-normalised, list dashes removed."""
    found: list[str] = []
    for line in text.split("\n"):
        if _DUMP_LINE.match(line.strip()) or _KEY.search(line) or _NOTE.match(line):
            continue
        hint = clean(_LIST.sub("", line))
        if len(hint) >= MIN_HINT:
            found.append(hint)
    return found
