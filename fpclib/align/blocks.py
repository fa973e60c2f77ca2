"""Translations side by side: which translated blocks, endnotes and figures answer to which English ones.

Three Retreating Rights reports were republished in Kazakh, Russian and Kyrgyz, part by part. Translators merge
and split paragraphs, drop the odd endnote and now and then restate a figure, so the parts cannot be paired
block by block. :func:`align` pairs them the way Gale and Church (1993) align sentences: dynamic programming
over monotone "beads" (1-1, 1-2, 2-1, ... blocks) whose score adds the log-likelihood of the length ratio to
rewards for shared anchors: endnotes citing the same source (the strongest), text repeated from another part
whose translation is already paired, distinctive numbers written in digits (years and dates included), names
left in Latin script, and structure (titles, list items, captions). Everything is deterministic and local: no
models, no network.

:func:`align_notes` pairs the endnotes themselves (by URL, then text, in order); :func:`compare_figures` reads
the numbers of each English block and of its translation and says which are the same, changed, missing or
added; :func:`coverage` summarises an alignment per part.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import unquote

import numpy as np
import pandas as pd

from fpclib.claims.numbers import Number, numbers_in
from fpclib.corpus.catalog import PARTS

ALIGN_COLUMNS = ["part", "lang", "en_pub_id", "en_seq", "tr_pub_id", "tr_seq", "confidence", "method"]
NOTE_COLUMNS = ["part", "lang", "en_pub_id", "en_number", "tr_pub_id", "tr_number", "status", "url", "same_urls"]
FIGURE_COLUMNS = ["part", "lang", "en_pub_id", "en_seq", "tr_pub_id", "tr_seq", "value", "tr_value", "status",
                  "ambiguous", "en_written", "tr_written", "en_text", "tr_text"]
COVERAGE_COLUMNS = ["part", "lang", "en_pub_id", "tr_pub_id", "blocks", "aligned", "share", "anchored",
                    "mean_confidence"]
PART_ORDER = {part: i for i, part in enumerate(PARTS)}
#: Kinds of anchor, strongest first.
ANCHORS = ("notes", "repeats", "numbers", "names")

#: Bead shapes (English blocks, translated blocks) and their prior log-probabilities. These translators split
#: long paragraphs far more often than Gale and Church's sentences were split, hence the generous 1-n priors.
BEADS: dict[tuple[int, int], float] = {
    (1, 1): math.log(0.7), (1, 2): math.log(0.1), (1, 3): math.log(0.03), (1, 4): math.log(0.01),
    (1, 5): math.log(0.004), (1, 6): math.log(0.002), (2, 1): math.log(0.04), (3, 1): math.log(0.01),
    (2, 2): math.log(0.002), (1, 0): math.log(0.01), (0, 1): math.log(0.02),
}
#: Variance of the length difference per character (Gale and Church's s^2): the mean over beads anchored by
#: endnotes in the three works is 7-14.
LENGTH_VARIANCE = 12.0
#: Standard deviations of length misfit beyond which the penalty grows linearly rather than quadratically.
ROBUST = 2.0
#: Reward for each endnote an English block shares (by source) with a translated block.
NOTE_WEIGHT = 6.0
#: Reward for a shared number or Latin name, divided by how many blocks on either side hold it.
NUMBER_WEIGHT = 3.0
NAME_WEIGHT = 1.5
#: Reward for a block pair repeating a pair of another part of the work, and how alike (Jaccard similarity of
#: their words) the repeated texts must be.
REPEAT_WEIGHT = 4.0
REPEAT_LIKENESS = 0.8
#: Numbers or names in more blocks than this on either side are too common to anchor anything.
MAX_ANCHOR_BLOCKS = 3
#: Reward for titles on both sides of a bead (and the unit of the structure penalties).
TITLE_WEIGHT = 2.0
#: Factor on a bead's prior for carrying a leading English title along (see :func:`_prior`).
TITLE_RIDE = 0.5
#: Reward for a 1-1 pair of list items (three times as much for two openings of lists); penalty for a list item
#: paired with anything else, and for each side of a bead holding several list items (lists map item to item).
LIST_WEIGHT = 1.0
#: A paragraph this short and without a final full stop is a title the parser did not mark as a heading.
TITLE_LENGTH = 40
#: Confidence of a pair by the strongest evidence behind it ('length' pairs: see :func:`_evidence`).
CONFIDENCE = {"notes": 0.95, "repeats": 0.9, "numbers": 0.85, "names": 0.75, "structure": 0.7, "unaligned": 0.5}
#: Characters of context either side of a number in :func:`compare_figures`.
CONTEXT = 40
#: Numbers within this factor of each other are close enough for a restatement to count as ``changed``.
CLOSE_FACTOR = 2.0

_DASHES = "-−–—"
_RANGE = re.compile(rf"\s*[{_DASHES}/]\s*")
_DECADE = re.compile(r"\d0-[^\W\d_]")
_LATIN_NAME = re.compile(r"\b[A-Z][A-Za-z]{2,}(?:[-'][A-Za-z]+)*\b|\b[A-Z]{2,}\b")
_STOP_NAMES = frozenset({"The", "This", "That", "These", "Those", "There", "However", "While", "With", "For", "And",
                         "But", "From", "Since", "After", "Before", "When", "Its", "His", "Her", "Their", "Government"})


class Tables(Protocol):
    """What the aligner reads from a corpus (a :class:`fpclib.Corpus`, or anything with the same tables)."""

    @property
    def publications(self) -> pd.DataFrame:
        """One row per publication: ``pub_id``, ``work_id``, ``lang``, ``part``, ``duplicate_of``."""

    @property
    def blocks(self) -> pd.DataFrame:
        """Text in reading order: ``pub_id``, ``seq``, ``kind``, ``text``, ``note_refs``."""

    @property
    def notes(self) -> pd.DataFrame:
        """Endnotes: ``pub_id``, ``number``, ``urls``, ``text``."""


@dataclass(frozen=True)
class PartPair:
    """One part of a work in English and in one translation."""

    part: str
    lang: str
    en_pub_id: str
    tr_pub_id: str


def part_pairs(corpus: Tables, work_id: str, lang: str | None = None) -> list[PartPair]:
    """The parts of ``work_id`` published in English and in translation (``lang``, or every language)."""
    pubs = corpus.publications
    pubs = pubs[(pubs["work_id"] == work_id) & pubs["duplicate_of"].isna()]
    english = dict(zip(pubs.loc[pubs["lang"] == "en", "part"], pubs.loc[pubs["lang"] == "en", "pub_id"]))
    translated = pubs[pubs["lang"] != "en"]
    if lang:
        translated = translated[translated["lang"] == lang]
    pairs = [PartPair(part, tr_lang, english[part], pub_id)
             for part, tr_lang, pub_id in zip(translated["part"], translated["lang"], translated["pub_id"])
             if part in english]
    if not pairs:
        raise ValueError(f"work {work_id!r} has no part published both in English and in translation"
                         + (f" into {lang!r}" if lang else ""))
    return sorted(pairs, key=lambda p: (p.lang, PART_ORDER.get(p.part, len(PART_ORDER)), p.part))


def align(corpus: Tables, work_id: str, lang: str | None = None) -> pd.DataFrame:
    """For each English block of ``work_id``, the translated block(s) it corresponds to, one row per pair.

    An English block without a counterpart gets one row with ``tr_seq`` NA and method ``unaligned``. ``method``
    names the strongest evidence for the pair (``notes``, ``repeats``, ``numbers``, ``names``, ``structure``,
    ``length``) and ``confidence`` (0-1) follows from it. Parts are aligned twice: the second time, a block
    repeated from another part of the work (recommendations are listed in both the summary and the
    conclusions) is anchored to the translation it was paired with there.
    """
    pairs = part_pairs(corpus, work_id, lang)
    sides = {pair: (_blocks_of(corpus, pair.en_pub_id), _blocks_of(corpus, pair.tr_pub_id)) for pair in pairs}
    anchors = {pair: _anchors(*sides[pair], _note_map(corpus, pair)) for pair in pairs}
    first = {pair: _beads(*sides[pair], anchors[pair]) for pair in pairs}
    beads = dict(first)
    for pair in pairs:
        memory = [(sides[other][0][b.en[0]].words, sides[other][1][b.tr[0]].words) for other in pairs
                  if other != pair and other.lang == pair.lang for b in first[other] if len(b.en) == len(b.tr) == 1]
        repeats = _repeats(*sides[pair], memory)
        for key in repeats:
            anchors[pair].setdefault(key, {})["repeats"] = REPEAT_WEIGHT
        if repeats:
            beads[pair] = _beads(*sides[pair], anchors[pair])
    rows = []
    for pair in pairs:
        en, tr = sides[pair]
        for bead in beads[pair]:
            anchored = any((i, j) in anchors[pair] for i in bead.en for j in bead.tr)
            for i in bead.en:
                if not bead.tr:
                    rows.append(_row(pair, en[i].seq, pd.NA, "unaligned", CONFIDENCE["unaligned"]))
                for j in bead.tr:
                    rows.append(_row(pair, en[i].seq, tr[j].seq,
                                     *_evidence(en[i], tr[j], anchors[pair].get((i, j), {}), bead, anchored)))
    return pd.DataFrame(rows, columns=ALIGN_COLUMNS).astype({"en_seq": "int64", "tr_seq": "Int64"})


def align_notes(corpus: Tables, work_id: str, lang: str | None = None) -> pd.DataFrame:
    """Each endnote of each part beside its translation: ``matched``, ``missing_in_translation`` or
    ``extra_in_translation``.

    Notes are paired in order (Needleman-Wunsch), scoring a shared URL highest and notes without URLs by the
    similarity of their text, so an "Ibid." pairs with an "Ibid.". ``url`` is the note's first URL (the English
    one when matched); ``same_urls`` says whether a matched pair cites exactly the same URLs.
    """
    rows = []
    for pair in part_pairs(corpus, work_id, lang):
        en, tr = _notes_of(corpus, pair.en_pub_id), _notes_of(corpus, pair.tr_pub_id)
        for a, b in _pair_notes(en, tr):
            ours = en[a] if a is not None else None
            theirs = tr[b] if b is not None else None
            status = "matched" if ours and theirs else "missing_in_translation" if ours else "extra_in_translation"
            shown = ours or theirs
            assert shown is not None
            rows.append({"part": pair.part, "lang": pair.lang, "en_pub_id": pair.en_pub_id,
                         "en_number": ours.number if ours else pd.NA, "tr_pub_id": pair.tr_pub_id,
                         "tr_number": theirs.number if theirs else pd.NA, "status": status,
                         "url": shown.urls[0] if shown.urls else pd.NA,
                         "same_urls": ours.keys == theirs.keys if ours and theirs else pd.NA})
    return pd.DataFrame(rows, columns=NOTE_COLUMNS).astype(
        {"en_number": "Int64", "tr_number": "Int64", "url": "string", "same_urls": "boolean"})


def compare_figures(corpus: Tables, work_id: str, lang: str | None = None,
                    alignment: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every number of every English block against the numbers of its aligned translation.

    Blocks are compared in groups (an English block with every translated block aligned to it, and so on
    transitively). A number found on both sides (on its scaled value, any reading of an ambiguous one) is
    ``same``; one found only in English is ``missing``, or ``changed`` when exactly one unmatched number of the
    translation lies within a factor of two of it (or is the same figure with another scale word); one found
    only in the translation is ``added``. A number missing from one group and added in the next is ``same``
    (moved across a paragraph boundary). Translated blocks aligned to nothing form groups of their own.
    ``value``/``tr_value`` are scaled values (the translated reading nearest the English); ``ambiguous`` flags a
    translated figure that reads two ways ("152,561 млн": 152,561 or 152.561 million), so a ``same`` may rest
    on the reading a native reader would not choose. ``alignment`` (from :func:`align`) saves recomputing it.
    """
    alignment = align(corpus, work_id, lang) if alignment is None else alignment
    rows: list[dict[str, object]] = []
    for pair in part_pairs(corpus, work_id, lang):
        pairs = alignment[(alignment["en_pub_id"] == pair.en_pub_id) & (alignment["tr_pub_id"] == pair.tr_pub_id)]
        if pairs.empty:
            continue
        en_text, tr_text = _texts(corpus, pair.en_pub_id), _texts(corpus, pair.tr_pub_id)
        groups = _groups(pairs, list(tr_text))
        compared = [_compare(_figures([(seq, en_text[seq]) for seq in en_seqs], "en"),
                             _figures([(seq, tr_text[seq]) for seq in tr_seqs], pair.lang))
                    for en_seqs, tr_seqs in groups]
        for before, after in zip(compared, compared[1:]):
            _moved(before, after)
            _moved(after, before)
        for (en_seqs, tr_seqs), found in zip(groups, compared):
            rows.extend(_figure_row(pair, en, tr, status, en_seqs, tr_seqs, en_text, tr_text)
                        for en, tr, status in found)
    return pd.DataFrame(rows, columns=FIGURE_COLUMNS).astype(
        {"en_seq": "Int64", "tr_seq": "Int64", "value": "Float64", "tr_value": "Float64", "ambiguous": "bool"})


def coverage(alignment: pd.DataFrame) -> pd.DataFrame:
    """Per part: English blocks, how many found a counterpart (``aligned``, ``share``), how many through an
    anchor (:data:`ANCHORS`), and the mean confidence of the pairs."""
    rows = []
    for (part, lang, en_pub, tr_pub), pairs in alignment.groupby(["part", "lang", "en_pub_id", "tr_pub_id"],
                                                                  sort=False):
        blocks = pairs.groupby("en_seq")
        aligned = blocks["tr_seq"].count() > 0
        anchored = blocks["method"].agg(lambda methods: bool(methods.isin(ANCHORS).any()))
        rows.append({"part": part, "lang": lang, "en_pub_id": en_pub, "tr_pub_id": tr_pub,
                     "blocks": len(aligned), "aligned": int(aligned.sum()), "share": float(aligned.mean()),
                     "anchored": int(anchored.sum()), "mean_confidence": float(pairs["confidence"].mean())})
    return pd.DataFrame(rows, columns=COVERAGE_COLUMNS)


# Endnotes -------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Note:
    """An endnote: its number, URLs (as printed and normalised) and the words of its text."""

    number: int
    urls: tuple[str, ...]
    keys: frozenset[str]
    words: frozenset[str]


def _notes_of(corpus: Tables, pub_id: str) -> list[_Note]:
    """The endnotes of a publication in number order."""
    notes = corpus.notes[corpus.notes["pub_id"] == pub_id].sort_values("number")
    return [_Note(int(number), tuple(urls), frozenset(_url_key(url) for url in urls), _words(text))
            for number, urls, text in zip(notes["number"], notes["urls"], notes["text"])]


def _words(text: str) -> frozenset[str]:
    """The distinct words of a text, lower-cased."""
    return frozenset(re.findall(r"[^\W_]+", text.lower()))


def _url_key(url: str) -> str:
    """A URL without scheme, ``www.``, fragment, trailing slash or text glued on after a semicolon."""
    key = unquote(url).strip().lower().split(";")[0].split("#")[0]
    return re.sub(r"^https?://(?:www\.)?", "", key).rstrip("/.")


def _note_score(a: _Note, b: _Note) -> float:
    """How well two notes match: a shared URL is strong; notes without URLs match on the words they share (an
    untranslated "Ibid." or book title), else by position."""
    if a.keys and b.keys:
        return 3.0 if a.keys & b.keys else -0.5
    if a.keys or b.keys:
        return -0.5
    shared = len(a.words & b.words)
    return 0.5 + 2.0 * shared / max(len(a.words | b.words), 1)


def _pair_notes(en: list[_Note], tr: list[_Note]) -> list[tuple[int | None, int | None]]:
    """Needleman-Wunsch over the two note sequences (gap -1): pairs of indexes, None for a gap."""
    gap = -1.0
    n, m = len(en), len(tr)
    score = [[0.0] * (m + 1) for _ in range(n + 1)]
    move = [[""] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        score[i][0], move[i][0] = i * gap, "up"
    for j in range(1, m + 1):
        score[0][j], move[0][j] = j * gap, "left"
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            score[i][j], move[i][j] = max((score[i - 1][j - 1] + _note_score(en[i - 1], tr[j - 1]), "diag"),
                                          (score[i - 1][j] + gap, "up"), (score[i][j - 1] + gap, "left"))
    pairs: list[tuple[int | None, int | None]] = []
    i, j = n, m
    while i or j:
        step = move[i][j]
        if step == "diag":
            i, j = i - 1, j - 1
            pairs.append((i, j))
        elif step == "up":
            i -= 1
            pairs.append((i, None))
        else:
            j -= 1
            pairs.append((None, j))
    return pairs[::-1]


def _note_map(corpus: Tables, pair: PartPair) -> dict[int, int]:
    """English note number -> translated note number, for the notes :func:`_pair_notes` pairs."""
    en, tr = _notes_of(corpus, pair.en_pub_id), _notes_of(corpus, pair.tr_pub_id)
    return {en[a].number: tr[b].number for a, b in _pair_notes(en, tr) if a is not None and b is not None}


# Blocks and anchors ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Block:
    """What the aligner knows of one block."""

    seq: int
    kind: str
    length: int
    title: bool
    list_start: bool
    words: frozenset[str]
    notes: tuple[int, ...]
    numbers: frozenset[float]
    names: frozenset[str]


def _blocks_of(corpus: Tables, pub_id: str) -> list[_Block]:
    """The blocks of a publication in reading order, with their anchors."""
    blocks = corpus.blocks[corpus.blocks["pub_id"] == pub_id].sort_values("seq")
    lang = str(corpus.publications.loc[corpus.publications["pub_id"] == pub_id, "lang"].iloc[0])
    kinds = blocks["kind"].tolist()
    return [_Block(int(seq), kind, len(text), _is_title(kind, text),
                   kind == "list_item" and (k == 0 or kinds[k - 1] != "list_item"),
                   _words(text), tuple(refs), _anchor_numbers(text, lang), _names(text))
            for k, (seq, kind, text, refs) in enumerate(zip(blocks["seq"], kinds, blocks["text"], blocks["note_refs"]))]


def _is_title(kind: str, text: str) -> bool:
    """A heading, or a short paragraph without a final full stop ("How we got here:", "1997-2014")."""
    return kind == "heading" or (kind == "paragraph" and len(text) <= TITLE_LENGTH and not text.endswith("."))


def _anchor_numbers(text: str, lang: str) -> frozenset[float]:
    """The numbers written in digits (every reading), which survive translation unchanged."""
    if not any(c.isdigit() for c in text):
        return frozenset()
    return frozenset(round(n.scaled, 6) for n in numbers_in(text, lang) if any(c.isdigit() for c in n.written))


def _names(text: str) -> frozenset[str]:
    """Capitalised Latin-script words and acronyms (in a translation: those left untransliterated)."""
    return frozenset(word for word in _LATIN_NAME.findall(text) if word not in _STOP_NAMES)


def _anchors(en: list[_Block], tr: list[_Block], note_map: dict[int, int]) -> dict[tuple[int, int], dict[str, float]]:
    """Rewards for each (English, translated) block pair sharing anchors, by kind of anchor."""
    anchors: dict[tuple[int, int], dict[str, float]] = {}

    def add(i: int, j: int, kind: str, weight: float) -> None:
        cell = anchors.setdefault((i, j), {})
        cell[kind] = cell.get(kind, 0.0) + weight

    cited: dict[int, list[int]] = {}
    for j, block in enumerate(tr):
        for number in block.notes:
            cited.setdefault(number, []).append(j)
    for i, block in enumerate(en):
        for number in block.notes:
            for j in cited.get(note_map.get(number, -1), []):
                add(i, j, "notes", NOTE_WEIGHT)
    for kind, weight in (("numbers", NUMBER_WEIGHT), ("names", NAME_WEIGHT)):
        en_count = Counter(value for block in en for value in getattr(block, kind))
        holders: dict[object, list[int]] = {}
        for j, block in enumerate(tr):
            for value in getattr(block, kind):
                holders.setdefault(value, []).append(j)
        for i, block in enumerate(en):
            for value in getattr(block, kind):
                spread = max(en_count[value], len(holders.get(value, ())))
                if value in holders and spread <= MAX_ANCHOR_BLOCKS:
                    for j in holders[value]:
                        add(i, j, kind, weight / spread)
    return anchors


def _repeats(en: list[_Block], tr: list[_Block],
             memory: list[tuple[frozenset[str], frozenset[str]]]) -> set[tuple[int, int]]:
    """Block pairs whose English and translated texts both repeat a pair from ``memory`` (of other parts)."""
    found: set[tuple[int, int]] = set()
    for en_words, tr_words in memory:
        ours = [i for i, block in enumerate(en) if _alike(block.words, en_words)]
        theirs = [j for j, block in enumerate(tr) if _alike(block.words, tr_words)] if ours else []
        found.update((i, j) for i in ours for j in theirs)
    return found


def _alike(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two blocks are the same text give or take a few words (Jaccard similarity of their words)."""
    if not a or not b or min(len(a), len(b)) < REPEAT_LIKENESS * max(len(a), len(b)):
        return False
    shared = len(a & b)
    return shared >= REPEAT_LIKENESS * (len(a) + len(b) - shared)


# Dynamic programming --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Bead:
    """A run of English blocks paired with a run of translated blocks (either run may be empty)."""

    en: tuple[int, ...]
    tr: tuple[int, ...]
    length_fit: float


@dataclass(frozen=True)
class _Side:
    """Prefix sums over one side's blocks, so that any run of blocks is summarised in constant time."""

    at: np.ndarray
    titles: np.ndarray
    opens: np.ndarray
    captions: np.ndarray
    items: np.ndarray

    @classmethod
    def of(cls, blocks: list[_Block]) -> _Side:
        """The prefix sums of lengths, titles, titles that follow body text, captions and list items."""
        title = [b.title for b in blocks]
        opens = [t and k > 0 and not title[k - 1] for k, t in enumerate(title)]
        return cls(_prefix([b.length for b in blocks]), _prefix(title), _prefix(opens),
                   _prefix([b.kind == "caption" for b in blocks]), _prefix([b.kind == "list_item" for b in blocks]))

    @staticmethod
    def count(field: np.ndarray, end: np.ndarray | int, size: int) -> np.ndarray:
        """How many of the ``size`` blocks before ``end`` have ``field``."""
        return np.asarray(field[end] - field[np.asarray(end) - size])

    def straddles(self, end: np.ndarray | int, size: int) -> np.ndarray:
        """Whether the run of ``size`` blocks before ``end`` holds a title after body text (two sections)."""
        if size < 2:
            return np.zeros(np.shape(end), dtype=bool)
        return self.count(self.opens, end, size - 1) > 0


def _prefix(values: list[int] | list[bool]) -> np.ndarray:
    """Cumulative sums with a leading 0."""
    return np.concatenate([[0], np.cumsum(values)]).astype(float)


def _beads(en: list[_Block], tr: list[_Block], anchors: dict[tuple[int, int], dict[str, float]]) -> list[_Bead]:
    """The best monotone segmentation of both block sequences into beads (dynamic programming).

    Every bead's own score is computed up front, one array per shape; the recursion then runs row by row over
    the English blocks, all translated positions at once, and the chain of translated blocks left unmatched
    within a row is a running maximum. Ties go to the earlier shape in :data:`BEADS`: the result is
    deterministic.
    """
    n, m = len(en), len(tr)
    left, right = _Side.of(en), _Side.of(tr)
    reward = np.zeros((n + 1, m + 1))
    for (i, j), kinds in anchors.items():
        reward[i + 1, j + 1] = sum(kinds.values())
    reward = reward.cumsum(axis=0).cumsum(axis=1)
    shapes = [shape for shape in BEADS if shape[0] > 0]
    own = [_bead_scores(en, tr, left, right, reward, a, b) for a, b in shapes]
    skip = _prefix([1] * m) * BEADS[(0, 1)]
    best = np.full((n + 1, m + 1), -np.inf)
    back = np.full((n + 1, m + 1), -1, dtype=np.int8)
    best[0] = skip
    for i in range(1, n + 1):
        top = np.full(m + 1, -np.inf)
        step = np.full(m + 1, -1, dtype=np.int8)
        for k, (a, b) in enumerate(shapes):
            if a > i or b > m:
                continue
            score = best[i - a, :m + 1 - b] + own[k][i, b:]
            better = score > top[b:]
            top[b:] = np.where(better, score, top[b:])
            step[b:] = np.where(better, k, step[b:])
        best[i] = skip + np.maximum.accumulate(top - skip)
        step[best[i] > top + 1e-9] = -1
        back[i] = step
    ratio = _ratio(left, right)
    beads: list[_Bead] = []
    i, j = n, m
    while i or j:
        a, b = (0, 1) if back[i, j] == -1 else shapes[back[i, j]]
        fit = float(_length_fit(left.at[i] - left.at[i - a], right.at[j] - right.at[j - b], ratio))
        beads.append(_Bead(tuple(range(i - a, i)), tuple(range(j - b, j)), fit))
        i, j = i - a, j - b
    return beads[::-1]


def _ratio(left: _Side, right: _Side) -> float:
    """Characters of translation per English character, over the whole part."""
    return float(right.at[-1] / max(left.at[-1], 1.0))


def _bead_scores(en: list[_Block], tr: list[_Block], left: _Side, right: _Side, reward: np.ndarray, a: int,
                 b: int) -> np.ndarray:
    """The score of every bead of shape (a, b) by where it ends: prior, length fit, anchors and structure."""
    n, m = len(en), len(tr)
    scores = np.full((n + 1, m + 1), -np.inf)
    if a > n or b > m:
        return scores
    i = np.arange(a, n + 1)[:, None]
    j = np.arange(b, m + 1)[None, :]
    score = np.array([[_prior(a, b, en[start].title)] for start in range(n + 1 - a)])
    score = score + _length_fit(left.at[i] - left.at[i - a], right.at[j] - right.at[j - b], _ratio(left, right))
    score = score + reward[i, j] - reward[i - a, j] - reward[i, j - b] + reward[i - a, j - b]
    if b:
        score = score + _structure(left, right, i, a, j, b)
    if a == b == 1:
        score = score + _kind_scores(en, tr)
    scores[a:, b:] = score
    return scores


def _length_fit(l1: np.ndarray | float, l2: np.ndarray | float, ratio: float) -> np.ndarray:
    """Log-likelihood (up to a constant) of lengths ``l1``, ``l2`` under Gale and Church's normal model.

    Beyond :data:`ROBUST` standard deviations the penalty grows linearly, not quadratically (a Huber loss):
    translators do move sentences between paragraphs, and one lopsided pair must not outweigh an endnote. A
    block without counterpart (either length 0) costs only its bead's prior: translators add or drop whole
    paragraphs, and a length penalty would push those into a neighbour's bead instead.
    """
    l1, l2 = np.asarray(l1, dtype=float), np.asarray(l2, dtype=float)
    mean = np.maximum((l1 + l2 / ratio) / 2, 1.0)
    size = np.abs(l2 - ratio * l1) / np.sqrt(LENGTH_VARIANCE * mean)
    fit = np.where(size <= ROBUST, -(size ** 2) / 2, ROBUST ** 2 / 2 - ROBUST * size)
    return np.where((l1 == 0) | (l2 == 0), 0.0, fit)


def _prior(a: int, b: int, led_by_title: bool) -> float:
    """The prior of a bead shape, where an English title leading a longer run rides along almost for free.

    Translators often glue a heading to its first paragraph, or drop it: either way the English title belongs
    with the translated text of its section rather than alone.
    """
    prior = BEADS[(a, b)]
    if led_by_title and a > 1 and b > 0 and (a - 1, b) in BEADS:
        prior = max(prior, BEADS[(a - 1, b)] + math.log(TITLE_RIDE))
    return prior


def _structure(left: _Side, right: _Side, i: np.ndarray, a: int, ends: np.ndarray, b: int) -> np.ndarray:
    """Structure score of the beads pairing English blocks ``i-a..i`` with translated blocks ``ends-b..ends``.

    Titles on both sides are rewarded, on one side only penalised a little (parsers and translators glue
    headings to paragraphs); a bead running from body text into a new title spans two sections and is
    penalised, and so is a caption on one side only, or several list items on one side.
    """
    en_title = _Side.count(left.titles, i, a) > 0
    tr_title = _Side.count(right.titles, ends, b) > 0
    score = np.where(en_title & tr_title, TITLE_WEIGHT, np.where(en_title ^ tr_title, -TITLE_WEIGHT / 2, 0.0))
    score = score - TITLE_WEIGHT * (left.straddles(i, a).astype(float) + right.straddles(ends, b))
    en_caption = _Side.count(left.captions, i, a) > 0
    score = score - np.where(en_caption ^ (_Side.count(right.captions, ends, b) > 0), TITLE_WEIGHT, 0.0)
    crowded = (_Side.count(left.items, i, a) > 1).astype(float) + (_Side.count(right.items, ends, b) > 1)
    return score - 2 * LIST_WEIGHT * crowded


def _kind_scores(en: list[_Block], tr: list[_Block]) -> np.ndarray:
    """For 1-1 beads (English by translated block): reward two list items, three times over when both open a
    list; penalise a list item paired with anything else, and a title paired with body text (beyond
    :func:`_structure`)."""
    def flags(blocks: list[_Block]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        return (np.array([b.kind == "list_item" for b in blocks], dtype=bool),
                np.array([b.list_start for b in blocks], dtype=bool), np.array([b.title for b in blocks], dtype=bool))

    (en_item, en_start, en_title), (tr_item, tr_start, tr_title) = flags(en), flags(tr)
    items = en_item[:, None] & tr_item[None, :]
    opening = en_start[:, None] & tr_start[None, :]
    score = np.where(items, LIST_WEIGHT * (1 + 2 * opening), 0.0)
    score -= np.where(en_item[:, None] ^ tr_item[None, :], LIST_WEIGHT, 0.0)
    neither = ~en_item[:, None] & ~tr_item[None, :]
    score -= np.where(neither & (en_title[:, None] ^ tr_title[None, :]), TITLE_WEIGHT / 2, 0.0)
    return score


def _evidence(en: _Block, tr: _Block, kinds: dict[str, float], bead: _Bead, anchored: bool) -> tuple[str, float]:
    """The strongest evidence for pairing two blocks of a bead, and the confidence it earns.

    Without an anchor or matching structure the pair rests on length: 0.3 plus up to 0.4 for a good length fit,
    plus 0.15 when another pair of the same bead is anchored, times 0.9 for a bead that is not 1-1.
    """
    for method in ANCHORS:
        if method in kinds:
            return method, CONFIDENCE[method]
    one_to_one = len(bead.en) == len(bead.tr) == 1
    if one_to_one and ((en.title and tr.title) or en.kind == tr.kind == "list_item"):
        return "structure", CONFIDENCE["structure"]
    confidence = 0.3 + 0.4 * math.exp(bead.length_fit) + (0.15 if anchored else 0.0)
    return "length", round(confidence * (1.0 if one_to_one else 0.9), 3)


def _row(pair: PartPair, en_seq: int, tr_seq: object, method: str, confidence: float) -> dict[str, object]:
    """One row of :func:`align`."""
    return {"part": pair.part, "lang": pair.lang, "en_pub_id": pair.en_pub_id, "en_seq": en_seq,
            "tr_pub_id": pair.tr_pub_id, "tr_seq": tr_seq, "confidence": confidence, "method": method}


# Figures --------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Figure:
    """A number at one place of a block: every reading of it, its figure before scaling, its place (0-1) in
    the text of its group, and whether the text itself is ambiguous ("152,561" in Russian)."""

    seq: int
    start: int
    end: int
    written: str
    scaled: tuple[float, ...]
    plain: float
    place: float
    ambiguous: bool


@dataclass
class _Reading:
    """A number being read: the readings can still grow (see :func:`_read_range`)."""

    start: int
    end: int
    written: str
    readings: list[float]
    value: float
    ambiguous: bool


def _texts(corpus: Tables, pub_id: str) -> dict[int, str]:
    """Block seq -> clean text, in reading order."""
    blocks = corpus.blocks[corpus.blocks["pub_id"] == pub_id].sort_values("seq")
    return dict(zip(blocks["seq"].astype(int), blocks["text"]))


def _figures(blocks: list[tuple[int, str]], lang: str) -> list[_Figure]:
    """The numbers of a group of blocks, placed by their relative position in the group's text.

    Readings that start at the same place are one figure; a number inside another's span ("13 тыс. 308") and
    a leftover note marker ("[3]") are skipped. Ranges and decades get the readings a translator may write
    out: "2014-15" and "2020/21" also read 2015 and 2021, "150-250 thousand" also 150,000, "2014 -2015" is
    not minus 2015, and "30-жылдары" (the 30s) also reads 1930.
    """
    total = max(sum(len(text) for _, text in blocks), 1)
    figures: list[_Figure] = []
    offset = 0
    for seq, text in blocks:
        at: dict[int, list[Number]] = {}
        for number in numbers_in(text, lang):
            at.setdefault(number.start, []).append(number)
        found: list[_Reading] = []
        for start, numbers in sorted(at.items()):
            end = max(n.end for n in numbers)
            if (found and start < found[-1].end) or (text[start - 1:start] == "[" and text[end:end + 1] == "]"):
                continue
            plain = {n.scaled for n in numbers if n.end == numbers[0].end}
            found.append(_Reading(start, end, max((n.written for n in numbers), key=len),
                                  list(dict.fromkeys(n.scaled for n in numbers)), numbers[0].value, len(plain) > 1))
        for k, reading in enumerate(found):
            gap = text[found[k - 1].end:reading.start] if k else "x"
            if _RANGE.fullmatch(gap) or (not gap.strip() and reading.written[:1] in _DASHES):
                _read_range(found[k - 1], reading)
            if _DECADE.match(text, reading.start) and reading.value in range(10, 100, 10):
                reading.readings.append(1900 + reading.value)
        figures.extend(_Figure(seq, r.start, r.end, r.written, tuple(dict.fromkeys(r.readings)), abs(r.value),
                               (offset + r.start) / total, r.ambiguous) for r in found)
        offset += len(text)
    return figures


def _read_range(first: _Reading, last: _Reading) -> None:
    """Add the readings a range "A-B" implies: B positive, B a shortened year, A scaled like B."""
    if last.readings[0] < 0:
        last.readings[:] = [abs(r) for r in last.readings]
        last.value = abs(last.value)
    digits = re.sub(r"\D", "", last.written)
    if 1000 <= first.value < 2100 and len(digits) == 2 and first.value % 100 < last.value < 100:
        last.readings.append(first.value // 100 * 100 + last.value)
    if last.value and last.readings[0] != last.value and first.readings[0] == first.value:
        first.readings.append(first.value * last.readings[0] / last.value)


def _groups(pairs: pd.DataFrame, tr_seqs: list[int]) -> list[tuple[list[int], list[int]]]:
    """Connected groups of aligned blocks as (English seqs, translated seqs), in reading order.

    Blocks aligned to nothing make groups of their own: English ones with no translated seqs, translated ones
    with no English seqs (placed before the first group that follows them in the translation).
    """
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(node: tuple[str, int]) -> tuple[str, int]:
        while parent.setdefault(node, node) != node:
            node = parent[node]
        return node

    for en_seq, tr_seq in zip(pairs["en_seq"], pairs["tr_seq"]):
        root = find(("en", int(en_seq)))
        if not pd.isna(tr_seq):
            parent[find(("tr", int(tr_seq)))] = root
    for seq in tr_seqs:
        find(("tr", seq))
    members: dict[tuple[str, int], list[tuple[str, int]]] = {}
    for node in list(parent):
        members.setdefault(find(node), []).append(node)
    groups = [(sorted(s for side, s in nodes if side == "en"), sorted(s for side, s in nodes if side == "tr"))
              for nodes in members.values()]
    english = sorted((g for g in groups if g[0]), key=lambda g: g[0][0])
    alone = sorted((g for g in groups if not g[0]), key=lambda g: g[1][0])
    ordered: list[tuple[list[int], list[int]]] = []
    for group in english:
        while alone and group[1] and alone[0][1][0] < group[1][0]:
            ordered.append(alone.pop(0))
        ordered.append(group)
    return ordered + alone


def _compare(en: list[_Figure], tr: list[_Figure]) -> list[tuple[_Figure | None, _Figure | None, str]]:
    """Pair the numbers of a group: same, changed, missing (English only) or added (translation only).

    Equal numbers pair nearest first (by place in the group), so a repeated year pairs with its own mention.
    """
    candidates = sorted((abs(a.place - b.place), k, t) for k, a in enumerate(en) for t, b in enumerate(tr)
                        if _same(a, b))
    match: dict[int, int] = {}
    for _, k, t in candidates:
        if k not in match and t not in match.values():
            match[k] = t
    changed: dict[int, int] = {}
    for k, figure in enumerate(en):
        if k in match:
            continue
        free = [t for t, other in enumerate(tr)
                if t not in match.values() and t not in changed.values() and _close(figure, other)]
        if len(free) == 1:
            changed[k] = free[0]
    result: list[tuple[_Figure | None, _Figure | None, str]] = []
    for k, figure in enumerate(en):
        if k in match:
            result.append((figure, tr[match[k]], "same"))
        elif k in changed:
            result.append((figure, tr[changed[k]], "changed"))
        else:
            result.append((figure, None, "missing"))
    taken = set(match.values()) | set(changed.values())
    result.extend((None, other, "added") for t, other in enumerate(tr) if t not in taken)
    return result


def _same(a: _Figure, b: _Figure) -> bool:
    """Whether two figures share a reading."""
    return _shared(a, b) is not None


def _nearest(a: _Figure, b: _Figure) -> float:
    """The reading of ``b`` nearest (by ratio) to a reading of ``a``: the one a comparison rests on."""
    return min(b.scaled, key=lambda y: min(abs(math.log(abs(y) / abs(x))) if x and y and x * y > 0 else math.inf
                                           for x in a.scaled))


def _shared(a: _Figure, b: _Figure) -> float | None:
    """The first reading of ``b`` that ``a`` shares, if any."""
    return next((y for y in b.scaled for x in a.scaled if math.isclose(x, y, rel_tol=1e-9)), None)


def _close(a: _Figure, b: _Figure) -> bool:
    """Whether two figures have readings of the same sign within :data:`CLOSE_FACTOR` of each other, or are the
    same figure with another scale word ("$2.4" against "2,4 миллион")."""
    return a.plain == b.plain or any(x * y > 0 and max(abs(x), abs(y)) <= CLOSE_FACTOR * min(abs(x), abs(y))
                                     for x in a.scaled for y in b.scaled)


def _moved(here: list[tuple[_Figure | None, _Figure | None, str]],
           there: list[tuple[_Figure | None, _Figure | None, str]]) -> None:
    """Pair a number missing from one group with the same number added in a neighbouring group (moved across a
    paragraph boundary by the translator or by the alignment): both become one ``same`` row in ``here``."""
    for k, (en, _, status) in enumerate(here):
        if status != "missing" or en is None:
            continue
        found = next((m for m, (_, tr, other) in enumerate(there)
                      if other == "added" and tr is not None and _same(en, tr)), None)
        if found is not None:
            here[k] = (en, there[found][1], "same")
            del there[found]


def _figure_row(pair: PartPair, en: _Figure | None, tr: _Figure | None, status: str, en_seqs: list[int],
                tr_seqs: list[int], en_text: dict[int, str], tr_text: dict[int, str]) -> dict[str, object]:
    """One row of :func:`compare_figures`; a figure on one side only takes the other side's first block."""
    return {"part": pair.part, "lang": pair.lang, "en_pub_id": pair.en_pub_id,
            "en_seq": en.seq if en else (en_seqs[0] if en_seqs else pd.NA), "tr_pub_id": pair.tr_pub_id,
            "tr_seq": tr.seq if tr else (tr_seqs[0] if tr_seqs else pd.NA),
            "value": en.scaled[0] if en else pd.NA, "status": status,
            "tr_value": _nearest(en, tr) if en and tr else tr.scaled[0] if tr else pd.NA,
            "ambiguous": tr.ambiguous if tr else False,
            "en_written": en.written if en else pd.NA, "tr_written": tr.written if tr else pd.NA,
            "en_text": _context(en_text[en.seq], en) if en else pd.NA,
            "tr_text": _context(tr_text[tr.seq], tr) if tr else pd.NA}


def _context(text: str, figure: _Figure) -> str:
    """The figure with :data:`CONTEXT` characters either side."""
    start, end = max(figure.start - CONTEXT, 0), min(figure.end + CONTEXT, len(text))
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")
