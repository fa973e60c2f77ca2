"""Plain records shared by the parsers: what a raw file holds, with offsets back into it.

Every parser returns a :class:`ParsedSource`. Its spans tile the parts of the file they name; characters that
no span names must be whitespace (the accounting test proves it), so nothing is dropped silently.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

#: What a stretch of a raw file is, for accounting.
Category = Literal["content", "notes", "markers", "metadata", "syntax", "chrome"]

#: Kinds of text block, in reading order.
BlockKind = Literal["heading", "paragraph", "list_item", "quote", "table", "caption"]


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open range ``[start, end)`` of characters of the decoded raw file, with what it is."""

    start: int
    end: int
    category: Category
    label: str = ""


@dataclass(frozen=True, slots=True)
class Block:
    """One block of text: ``text`` is clean (no markers, whitespace normalised); offsets point into the raw file.

    ``note_positions[i]`` is where, in ``text``, the marker of ``note_refs[i]`` stood.
    """

    kind: BlockKind
    text: str
    raw_start: int
    raw_end: int
    level: int = 0
    note_refs: tuple[int, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    note_positions: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Note:
    """One endnote as printed: its number and clean text, with its raw offsets."""

    number: int
    text: str
    raw_start: int
    raw_end: int


@dataclass(frozen=True, slots=True)
class Anomaly:
    """Something odd the parser kept and reports rather than hides (an endnote list out of order, a suspect
    value): its kind, the note number (0 if none), the raw offset it is at, and a one-line description."""

    kind: str
    number: int
    offset: int
    message: str


@dataclass(frozen=True, slots=True)
class Document:
    """One published piece found in a raw file (a WordPress post or a web article)."""

    doc_id: str
    title: str
    blocks: tuple[Block, ...]
    notes: tuple[Note, ...]
    meta: dict[str, str] = field(default_factory=dict)
    anomalies: tuple[Anomaly, ...] = ()


@dataclass(frozen=True, slots=True)
class ParsedSource:
    """Everything parsed out of one raw file: its documents and the labelled spans that cover it."""

    name: str
    kind: Literal["printr", "paragraphs", "web"]
    length: int
    documents: tuple[Document, ...]
    spans: tuple[Span, ...]
