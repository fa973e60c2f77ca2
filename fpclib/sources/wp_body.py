"""Recover the structure a WordPress post body lost in the dump: headings, paragraphs, lists, endnotes.

``post_content`` runs paragraphs together and flattens lists. What survives, and what this module reads:

* list items stand on lines of their own, ``"  • "`` (nesting by indentation, two spaces a level) or ``"  1. "``;
* an empty spacer paragraph leaves a no-break space (``\\xa0``) between two paragraphs;
* paragraphs and headings otherwise meet with no space at all (``"…Kazakhstan.The vast…"``,
  ``"…history of KazakhstanThe vast…"``): a sentence end, or a lower-case letter, touching a capital;
* the endnotes run together at the end of the body, ``[1] …[2] …``, numbered upwards from 1;
* paragraphs that met with a plain space are found with ``hints``: known paragraph texts from a second
  extraction of the same page (:mod:`fpclib.paragraphs`).

Every boundary rule is deliberately conservative; what cannot be told apart stays one paragraph.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from fpclib.sources.model import Anomaly, Block, BlockKind, Note, Span
from fpclib.sources.notes import note_anomalies
from fpclib.sources.text import MARKER, clean, clean_marked

#: Two or more whitespace characters: where a body and its clean text shift apart.
_WIDE_SPACE = re.compile(r"\s\s+")
_BULLETS = re.compile(r"(?:\s*(?:•|\d{1,2}\.)\s+)+")
_LIST_LINE = re.compile(r"(?P<indent>[ \t]*)(?P<bullet>•|\d{1,2}\.)[ \t\xa0]+")
_UPPER = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІЇЄЎ"
#: Letters of Kazakh and Kyrgyz that Russian lacks.
_TURKIC = re.compile("[әғқңөұүһі]")
_LOWER = "a-zа-яёәғқңөұүһіїєўß"
# The join patterns below start by consuming one character (a capital, a sentence end, a space) and check the
# characters around it with lookarounds: a pattern that starts with a character class lets the regex engine skip
# quickly to the places worth trying, which makes scanning a whole dump several times faster.
#: A sentence end touching the capital that opens the next paragraph, ``"Zhuz).The"``: the cut is at ``m.end()``.
_SENTENCE_JOIN = re.compile(rf"[.!?…](?<=[{_LOWER}0-9)\]”’\"»][.!?…])(?=[‘“«\"]?[{_UPPER}][{_LOWER}])")
#: A footnote marker touching the capital that opens the next paragraph, ``"[1]The"``: the cut is at ``m.end()``.
_MARKER_JOIN = re.compile(rf"\](?=[{_UPPER}][{_LOWER}])")
#: A lower-case letter (or ``?``, ``)``) touching a capital, perhaps after an opening quote: a heading or caption
#: meets its neighbour. The join is at ``m.start()``.
_WORD_JOIN = re.compile(
    rf"[‘“«{_UPPER}](?<=[{_LOWER}0-9?)’”:].)"
    rf"(?=(?<=[‘“«])[{_UPPER}][{_LOWER}{_UPPER}]|(?<=[{_UPPER}])[{_LOWER}{_UPPER} ])"
)
#: A lower-case letter touching a year, ``"Адам укуктары2020-жылы"``: the join is at ``m.start()``.
_YEAR_JOIN = re.compile(rf"[12](?<=[{_LOWER}].)(?=\d{{3}}\b)")
#: An acronym touching the capital of the next word, ``"Свобода СМИКак"``: the join is at ``m.start()``. Not in
#: Kazakh or Kyrgyz, where an acronym takes its case ending directly (``"ЕККУнун"``, ``"УКМКдан"``).
_ACRONYM_JOIN = re.compile(rf"[{_UPPER}](?<=[{_UPPER}]{{3}})(?=[{_LOWER}]{{2}})")
#: The part before the capital of a CamelCase word or name: ``openDemocracy``, ``McGlinchey``, ``O’Connor``.
_CAMEL_HEAD = re.compile(
    rf"(?:^|(?<=[\s(#/«“‘\"{_LOWER}-]))(?:open|Whats|[{_UPPER}]{{1,2}}[{_LOWER}]{{0,3}}|[{_UPPER}]’|#\w+)$"
)
#: A spacer: a run of spaces holding a no-break space, between a sentence end and the capital opening the next
#: paragraph (the run starts with the no-break space, or one follows later in it).
_SPACER = re.compile(
    rf"[ \xa0](?<=[.!?…:;”’\"»)\]].)(?:(?<=\xa0)|(?=[ \xa0]*\xa0))[ \xa0]*(?=[‘“«\"(\[]?[{_UPPER}0-9])"
)
#: A footnote marker opening a line of the body (after the first): where an endnote label would stand.
_LINE_MARKER = re.compile(r"^[^\S\n]*\[(\d{1,3})\]", re.MULTILINE)
#: Where a sentence may end inside a run of text (a heading starts after it).
_SENTENCE_END = re.compile(r"[.!?…:;”’\"»)\]](?:\[\d{1,3}\])*\s+")
_CAPTION = re.compile(
    r"(Image|Photo|Фотография|Фото|Сурет|Сүрөт)\b.*(\(CC\)|Creative Commons)", re.IGNORECASE | re.DOTALL
)
#: The longest image caption: a caption must show its licence within this many characters.
MAX_CAPTION = 400
#: The longest text taken for a heading that opens a line or follows a spacer.
MAX_HEADING = 150
#: The longest heading found at the end of a run of sentences (the last "sentence" of a run).
MAX_RUN_HEADING = 80


@dataclass(frozen=True, slots=True)
class Structured:
    """A post body as blocks and endnotes, with the spans that account for every character of it."""

    blocks: tuple[Block, ...]
    notes: tuple[Note, ...]
    spans: tuple[Span, ...]
    anomalies: tuple[Anomaly, ...] = ()


def structure_post(text: str, start: int, end: int, hints: Sequence[str] | HintIndex = ()) -> Structured:
    """Structure the body ``text[start:end]``; offsets in the result are offsets into ``text``. ``hints`` may be
    given as a :class:`HintIndex`, built once for all the posts of a dump."""
    notes_start = _notes_start(text, start, end)
    notes = _split_notes(text, notes_start, end) if notes_start < end else ()
    numbers = set(range(1, max((note.number for note in notes), default=0) + 1))
    turkic = _TURKIC.search(text, start, notes_start) is not None
    pieces = list(_pieces(text, start, notes_start, HintIndex.of(hints), turkic))
    blocks = tuple(_block(text, a, b, kind, level, numbers) for a, b, kind, level in pieces)
    blocks = tuple(block for block in blocks if block.text)
    spans = [*_marker_spans(text, start, notes_start, numbers)]
    covered = start
    for block in blocks:
        spans.extend(_gaps(text, covered, block.raw_start))
        spans.append(Span(block.raw_start, block.raw_end, "content", block.kind))
        covered = block.raw_end
    spans.extend(_gaps(text, covered, notes_start))
    spans.extend(Span(note.raw_start, note.raw_end, "notes", str(note.number)) for note in notes)
    markers = [(m.start(), int(m.group(1))) for m in MARKER.finditer(text, start, notes_start)]
    labels = tuple(Anomaly("marker-opens-line", int(m.group(1)), m.start(1) - 1, f"marker [{m.group(1)}] opens a "
                           "line, as an endnote label does (an endnote read as body text?)")
                   for m in _LINE_MARKER.finditer(text, start, notes_start))
    return Structured(blocks, notes, tuple(spans), note_anomalies(notes, markers) + labels)


def _gaps(text: str, start: int, end: int) -> list[Span]:
    """Spans for text between blocks: list bullets are syntax; anything else is content no block holds,
    which the no-text-dropped test reports."""
    stretch = text[start:end]
    if not stretch.strip():
        return []
    if _BULLETS.fullmatch(stretch):
        return [Span(start, end, "syntax", "bullet")]
    return [Span(start, end, "content", "unassigned")]


def _notes_start(text: str, start: int, end: int) -> int:
    """Where the endnotes begin: the last ``[1]`` that some marker precedes (the text cites before it lists).

    The numbers after it need not go up: a repeated or misordered endnote stays an endnote and is reported."""
    first = MARKER.search(text, start, end)
    last_one = text.rfind("[1]", start, end)
    if first is None or last_one <= first.start():
        return end
    return last_one


def _split_notes(text: str, start: int, end: int) -> tuple[Note, ...]:
    """Split the run of endnotes ``[1] …[2] …`` into notes: every marker in it labels one."""
    labels = [(m.start(), m.end(), int(m.group(1))) for m in MARKER.finditer(text, start, end)]
    notes = []
    for i, (label_start, label_end, number) in enumerate(labels):
        note_end = labels[i + 1][0] if i + 1 < len(labels) else end
        body = text[label_end:note_end]
        stripped_end = label_end + len(body.rstrip())
        notes.append(Note(number, clean(body), label_start, stripped_end))
    return tuple(notes)


def _pieces(
    text: str, start: int, end: int, hints: HintIndex, turkic: bool
) -> Iterable[tuple[int, int, BlockKind, int]]:
    """Yield ``(start, end, kind, level)`` for each block of the body before the notes."""
    line_start = start
    hint_spans = _hint_spans(text, start, end, hints)
    while line_start < end:
        line_end = text.find("\n", line_start, end)
        line_end = end if line_end < 0 else line_end
        bullet = _LIST_LINE.match(text, line_start, line_end)
        if bullet and bullet.group("indent"):
            level = max(1, len(bullet.group("indent").expandtabs(2)) // 2)
            yield bullet.end(), line_end, "list_item", level
        else:
            yield from _paragraphs(text, line_start, line_end, hint_spans, turkic)
        line_start = line_end + 1


@dataclass(frozen=True, slots=True)
class HintIndex:
    """Known paragraph texts (hints) by the first of their inner words, so that a body is checked only against the
    hints that can stand in it: the cost of finding hints grows with the body, not with bodies × hints."""

    by_word: dict[str, tuple[str, ...]]
    short: tuple[str, ...]

    @classmethod
    def of(cls, hints: Sequence[str] | HintIndex) -> HintIndex:
        """The index of ``hints`` (an index is returned as it is).

        >>> index = HintIndex.of(["one two three", "a b", "x two y"])
        >>> index.by_word, index.short
        ({'two': ('one two three', 'x two y')}, ('a b',))
        """
        if isinstance(hints, HintIndex):
            return hints
        by_word: dict[str, list[str]] = {}
        short = []
        for hint in hints:
            inner = _inner_words(hint)
            if inner:
                by_word.setdefault(inner[0], []).append(hint)
            elif hint:
                short.append(hint)
        return cls({word: tuple(found) for word, found in by_word.items()}, tuple(short))

    def candidates(self, words: set[str]) -> list[str]:
        """The hints whose inner words are all among ``words``."""
        found = list(self.short)
        for word in words & self.by_word.keys():
            found += [hint for hint in self.by_word[word] if words.issuperset(_inner_words(hint))]
        return found


def _hint_spans(text: str, start: int, end: int, hints: HintIndex) -> list[tuple[int, int]]:
    """Raw ``(start, end)`` of each place a known paragraph (a hint) stands inside the body.

    Hints are clean text (:func:`fpclib.text.clean`), so they are looked for in the clean body: its words joined
    by single spaces. A hint of three or more words can only stand there if its inner words are words of the body,
    which rules out most hints at once (see :class:`HintIndex`). A match is mapped back to raw offsets through the
    runs of two or more whitespace characters, the only places where the body and its clean text shift apart.
    """
    if not hints.by_word and not hints.short:
        return []
    body = text[start:end]
    words = body.split()
    normal = " ".join(words)
    shift = len(body) - len(body.lstrip())
    starts, shifts = [0], [shift]
    for run in _WIDE_SPACE.finditer(body, shift + 1):
        shift += run.end() - run.start() - 1
        starts.append(run.end() - shift)
        shifts.append(shift)
    spans: list[tuple[int, int]] = []
    for hint in hints.candidates(set(words)):
        found = normal.find(hint)
        while found >= 0:
            last = found + len(hint) - 1
            first_raw = found + shifts[bisect_right(starts, found) - 1]
            last_raw = last + shifts[bisect_right(starts, last) - 1]
            spans.append((start + first_raw, start + last_raw + 1))
            found = normal.find(hint, found + 1)
    return spans


@lru_cache(maxsize=4096)
def _inner_words(hint: str) -> tuple[str, ...]:
    """The words of ``hint`` but its first and last (which may stand inside longer words of the body)."""
    return tuple(hint.split(" ")[1:-1])


def _paragraphs(
    text: str, start: int, end: int, hint_spans: list[tuple[int, int]], turkic: bool
) -> Iterable[tuple[int, int, BlockKind, int]]:
    """Split one line of run-together paragraphs and headings into blocks; a known paragraph is never cut inside.
    ``turkic``: the body is Kazakh or Kyrgyz, where an acronym meeting lower case is a case ending, not a join."""
    cuts = {start, end} | {c for span in hint_spans for c in span if start < c < end}
    for m in _SPACER.finditer(text, start, end):
        cuts.update({m.start(), m.end()})
    for pattern in (_SENTENCE_JOIN, _MARKER_JOIN):
        cuts.update(m.end() for m in pattern.finditer(text, start, end))
    ordered = sorted(cuts)
    heading_cuts: set[int] = set()
    patterns = (_WORD_JOIN, _YEAR_JOIN) if turkic else (_WORD_JOIN, _YEAR_JOIN, _ACRONYM_JOIN)
    joins = sorted((m for pattern in patterns for m in pattern.finditer(text, start, end)), key=lambda m: m.start())
    for m in joins:
        if _inside_camel_word(text, m.start()) or (text[m.start() - 1] in "’”:" and text[m.start() - 2].isspace()):
            continue
        below = bisect_left(ordered, m.start())
        heading = _heading_before(text, start, m.start(), ordered[below - 1] if below else start)
        if heading is not None:
            _add_cut(ordered, cuts, heading)
            _add_cut(ordered, cuts, m.start())
            heading_cuts.add(heading)
        elif _CAPTION.match(text, m.start(), min(end, m.start() + MAX_CAPTION)):
            _add_cut(ordered, cuts, m.start())
    inside = _open_union(hint_spans)
    kept = [c for c in ordered if c in (start, end) or not _within(inside, c)]
    for a, b in zip(kept, kept[1:]):
        piece = text[a:b]
        if not piece.strip():
            continue
        yield a, b, _kind(piece, a in heading_cuts), 1 if a in heading_cuts else 0


def _add_cut(ordered: list[int], cuts: set[int], cut: int) -> None:
    """Add ``cut`` to the sorted list ``ordered`` and the set ``cuts`` (new cuts fall near the end: cheap)."""
    if cut not in cuts:
        cuts.add(cut)
        insort(ordered, cut)


def _open_union(spans: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """The union of the open ranges ``(a, b)`` as sorted, disjoint ``(starts, ends)`` (touching ranges stay apart).

    >>> _open_union([(5, 9), (1, 3), (2, 4), (4, 6)])
    ([1, 4], [4, 9])
    """
    starts: list[int] = []
    ends: list[int] = []
    for a, b in sorted(spans):
        if starts and a < ends[-1]:
            ends[-1] = max(ends[-1], b)
        else:
            starts.append(a)
            ends.append(b)
    return starts, ends


def _within(union: tuple[list[int], list[int]], point: int) -> bool:
    """True if ``point`` lies strictly inside one of the ranges of ``union`` (from :func:`_open_union`).

    >>> [_within(([1, 4], [4, 9]), p) for p in (1, 2, 4, 5, 9)]
    [False, True, False, True, False]
    """
    starts, ends = union
    i = bisect_left(starts, point) - 1
    return i >= 0 and point < ends[i]


def _inside_camel_word(text: str, join: int) -> bool:
    """True if the capital at ``join`` is inside one word (a name, a brand, a hashtag), not a join."""
    return _CAMEL_HEAD.search(text, max(0, join - 12), join) is not None


def _heading_before(text: str, start: int, join: int, floor: int) -> int | None:
    """The start of a heading ending at ``join``, if the text just before it reads as one.

    The heading is the run after the last sentence end before ``join`` or, failing that (it would start in lower
    case, as after "Current situation: corruption…"), the run from ``floor``, the last cut before ``join``.
    """
    window_start = max(floor, join - MAX_HEADING)
    ends = list(_SENTENCE_END.finditer(text, window_start, join))
    candidates = [window_start + 0 if not ends else ends[-1].end()]
    if ends and join - floor <= MAX_HEADING:
        candidates.append(floor)
    if not ends and window_start > floor:
        return None
    for head_start in candidates:
        candidate = text[head_start:join].strip()
        if not candidate or candidate[0].islower() or len(candidate) < 3:
            continue
        if candidate[-1] in ".,;" or MARKER.search(candidate):
            return None
        if head_start > floor and len(candidate) > MAX_RUN_HEADING:
            return None
        return head_start
    return None


def _kind(piece: str, is_heading: bool) -> BlockKind:
    """The kind of a paragraph-like piece of text."""
    stripped = piece.strip()
    if is_heading:
        return "heading"
    if _CAPTION.match(stripped):
        return "caption"
    bare = MARKER.sub("", stripped).strip()
    if len(bare) > 2 and bare[0] in "‘“«\"" and bare[-1] in "’”»\"":
        return "quote"
    return "paragraph"


def _block(text: str, start: int, end: int, kind: BlockKind, level: int, numbers: set[int]) -> Block:
    """Make a block of ``text[start:end]``: clean text, cited note numbers, trimmed raw offsets."""
    raw = text[start:end]
    left = len(raw) - len(raw.lstrip())
    right = len(raw.rstrip())
    clean_text, refs, positions = clean_marked(raw, numbers)
    return Block(kind, clean_text, start + left, start + right, level, refs, note_positions=positions)


def _marker_spans(text: str, start: int, end: int, numbers: set[int]) -> Iterable[Span]:
    """Spans of the footnote markers in the body (they are removed from block text)."""
    for m in MARKER.finditer(text, start, end):
        if int(m.group(1)) in numbers:
            yield Span(m.start(), m.end(), "markers", m.group(1))
