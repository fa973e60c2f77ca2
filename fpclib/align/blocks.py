"""Translated blocks against English ones, aligned the way Gale and Church (1993) align sentences.

Translators merge and split paragraphs, so the parts cannot be paired block by block. :func:`align` runs
dynamic programming over monotone "beads" (1-1, 1-2, 2-1, ... blocks) whose score adds the log-likelihood of
the length ratio to rewards for shared anchors: endnotes citing the same source (the strongest), text repeated
from another part whose translation is already paired, distinctive numbers written in digits (years and dates
included), names left in Latin script, and structure (titles, list items, captions). Everything is
deterministic and local: no models, no network. :func:`coverage` summarises an alignment per part.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

import numpy as np
import pandas as pd

from fpclib.align.common import ALIGN_COLUMNS, ANCHORS, COVERAGE_COLUMNS, PartPair, Tables, part_pairs, words
from fpclib.align.notes import note_map
from fpclib.align.params import DEFAULT, Params
from fpclib.numbers import numbers_in

_LATIN_NAME = re.compile(r"\b[A-Z][A-Za-z]{2,}(?:[-'][A-Za-z]+)*\b|\b[A-Z]{2,}\b")
_STOP_NAMES = frozenset({"The", "This", "That", "These", "Those", "There", "However", "While", "With", "For", "And",
                         "But", "From", "Since", "After", "Before", "When", "Its", "His", "Her", "Their", "Government"})


def align(corpus: Tables, work_id: str, lang: str | None = None, params: Params = DEFAULT) -> pd.DataFrame:
    """For each English block of ``work_id``, the translated block(s) it corresponds to, one row per pair.

    An English block without a counterpart gets one row with ``tr_seq`` NA and method ``unaligned``. ``method``
    names the strongest evidence for the pair (``notes``, ``repeats``, ``numbers``, ``names``, ``structure``,
    ``length``) and ``confidence`` (0-1) follows from it. Parts are aligned twice: the second time, a block
    repeated from another part of the work (recommendations are listed in both the summary and the
    conclusions) is anchored to the translation it was paired with there. ``params`` holds every weight.
    """
    pairs = part_pairs(corpus, work_id, lang)
    sides = {pair: (_blocks_of(corpus, pair.en_pub_id, params), _blocks_of(corpus, pair.tr_pub_id, params))
             for pair in pairs}
    anchors = {pair: _anchors(*sides[pair], note_map(corpus, pair, params), params) for pair in pairs}
    first = {pair: _beads(*sides[pair], anchors[pair], params) for pair in pairs}
    beads = dict(first)
    for pair in pairs:
        memory = [(sides[other][0][b.en[0]].words, sides[other][1][b.tr[0]].words) for other in pairs
                  if other != pair and other.lang == pair.lang for b in first[other] if len(b.en) == len(b.tr) == 1]
        repeats = _repeats(*sides[pair], memory, params.repeat_likeness)
        for key in repeats:
            anchors[pair].setdefault(key, {})["repeats"] = params.repeat_weight
        if repeats:
            beads[pair] = _beads(*sides[pair], anchors[pair], params)
    rows = []
    for pair in pairs:
        en, tr = sides[pair]
        for bead in beads[pair]:
            anchored = any((i, j) in anchors[pair] for i in bead.en for j in bead.tr)
            for i in bead.en:
                if not bead.tr:
                    rows.append(_row(pair, en[i].seq, pd.NA, "unaligned", params.confidence["unaligned"]))
                for j in bead.tr:
                    rows.append(_row(pair, en[i].seq, tr[j].seq,
                                     *_evidence(en[i], tr[j], anchors[pair].get((i, j), {}), bead, anchored, params)))
    return pd.DataFrame(rows, columns=ALIGN_COLUMNS).astype({"en_seq": "int64", "tr_seq": "Int64"})


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


def _blocks_of(corpus: Tables, pub_id: str, params: Params = DEFAULT) -> list[_Block]:
    """The blocks of a publication in reading order, with their anchors."""
    blocks = corpus.blocks[corpus.blocks["pub_id"] == pub_id].sort_values("seq")
    lang = str(corpus.publications.loc[corpus.publications["pub_id"] == pub_id, "lang"].iloc[0])
    kinds = blocks["kind"].tolist()
    return [_Block(int(seq), kind, len(text), _is_title(kind, text, params.title_length),
                   kind == "list_item" and (k == 0 or kinds[k - 1] != "list_item"),
                   words(text), tuple(refs), _anchor_numbers(text, lang), _names(text))
            for k, (seq, kind, text, refs) in enumerate(zip(blocks["seq"], kinds, blocks["text"], blocks["note_refs"]))]


def _is_title(kind: str, text: str, longest: int) -> bool:
    """A heading, or a paragraph of at most ``longest`` characters without a final full stop.

    >>> _is_title("paragraph", "How we got here:", 40), _is_title("paragraph", "1997-2014", 8)
    (True, False)
    >>> _is_title("paragraph", "In 1985 he came.", 40), _is_title("heading", "A brief history of Tajikistan", 8)
    (False, True)
    """
    return kind == "heading" or (kind == "paragraph" and len(text) <= longest and not text.endswith("."))


def _anchor_numbers(text: str, lang: str) -> frozenset[float]:
    """The numbers written in digits (every reading), which survive translation unchanged."""
    if not any(c.isdigit() for c in text):
        return frozenset()
    return frozenset(round(n.scaled, 6) for n in numbers_in(text, lang) if any(c.isdigit() for c in n.written))


def _names(text: str) -> frozenset[str]:
    """Capitalised Latin-script words and acronyms (in a translation: those left untransliterated).

    >>> sorted(_names("The OSCE said Japarov won; Жапаров и COVID-19"))
    ['COVID', 'Japarov', 'OSCE']
    """
    return frozenset(word for word in _LATIN_NAME.findall(text) if word not in _STOP_NAMES)


def _anchors(en: list[_Block], tr: list[_Block], notes: dict[int, int],
             params: Params = DEFAULT) -> dict[tuple[int, int], dict[str, float]]:
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
            for j in cited.get(notes.get(number, -1), []):
                add(i, j, "notes", params.note_weight)
    for kind, weight in (("numbers", params.number_weight), ("names", params.name_weight)):
        en_count = Counter(value for block in en for value in getattr(block, kind))
        holders: dict[object, list[int]] = {}
        for j, block in enumerate(tr):
            for value in getattr(block, kind):
                holders.setdefault(value, []).append(j)
        for i, block in enumerate(en):
            for value in getattr(block, kind):
                spread = max(en_count[value], len(holders.get(value, ())))
                if value in holders and spread <= params.max_anchor_blocks:
                    for j in holders[value]:
                        add(i, j, kind, weight / spread)
    return anchors


def _repeats(en: list[_Block], tr: list[_Block],
             memory: list[tuple[frozenset[str], frozenset[str]]], likeness: float) -> set[tuple[int, int]]:
    """Block pairs whose English and translated texts both repeat a pair from ``memory`` (of other parts)."""
    found: set[tuple[int, int]] = set()
    for en_words, tr_words in memory:
        ours = [i for i, block in enumerate(en) if _alike(block.words, en_words, likeness)]
        theirs = [j for j, block in enumerate(tr) if _alike(block.words, tr_words, likeness)] if ours else []
        found.update((i, j) for i in ours for j in theirs)
    return found


def _alike(a: frozenset[str], b: frozenset[str], likeness: float) -> bool:
    """Whether two blocks are the same text give or take a few words: the Jaccard similarity of their words
    is at least ``likeness``.

    >>> five, six = frozenset("a b c d e".split()), frozenset("a b c d e f".split())
    >>> _alike(five, six, 0.8), _alike(five, six, 0.9), _alike(frozenset(), frozenset(), 0.8)
    (True, False, False)
    """
    if not a or not b or min(len(a), len(b)) < likeness * max(len(a), len(b)):
        return False
    shared = len(a & b)
    return shared >= likeness * (len(a) + len(b) - shared)


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
    """Cumulative sums with a leading 0.

    >>> _prefix([True, False, True]).tolist()
    [0.0, 1.0, 1.0, 2.0]
    """
    return np.concatenate([[0], np.cumsum(values)]).astype(float)


def _beads(en: list[_Block], tr: list[_Block], anchors: dict[tuple[int, int], dict[str, float]],
           params: Params = DEFAULT) -> list[_Bead]:
    """The best monotone segmentation of both block sequences into beads (dynamic programming).

    Every bead's own score is computed up front, one array per shape; the recursion then runs row by row over
    the English blocks, all translated positions at once, and the chain of translated blocks left unmatched
    within a row is a running maximum. Ties go to the earlier shape in ``params.beads``: the result is
    deterministic.
    """
    n, m = len(en), len(tr)
    left, right = _Side.of(en), _Side.of(tr)
    reward = np.zeros((n + 1, m + 1))
    for (i, j), kinds in anchors.items():
        reward[i + 1, j + 1] = sum(kinds.values())
    reward = reward.cumsum(axis=0).cumsum(axis=1)
    shapes = [shape for shape in params.beads if shape[0] > 0]
    own = [_bead_scores(en, tr, left, right, reward, a, b, params) for a, b in shapes]
    skip = _prefix([1] * m) * params.beads[(0, 1)]
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
        fit = float(_length_fit(left.at[i] - left.at[i - a], right.at[j] - right.at[j - b], ratio, params))
        beads.append(_Bead(tuple(range(i - a, i)), tuple(range(j - b, j)), fit))
        i, j = i - a, j - b
    return beads[::-1]


def _ratio(left: _Side, right: _Side) -> float:
    """Characters of translation per English character, over the whole part."""
    return float(right.at[-1] / max(left.at[-1], 1.0))


def _bead_scores(en: list[_Block], tr: list[_Block], left: _Side, right: _Side, reward: np.ndarray, a: int,
                 b: int, params: Params = DEFAULT) -> np.ndarray:
    """The score of every bead of shape (a, b) by where it ends: prior, length fit, anchors and structure."""
    n, m = len(en), len(tr)
    scores = np.full((n + 1, m + 1), -np.inf)
    if a > n or b > m:
        return scores
    i = np.arange(a, n + 1)[:, None]
    j = np.arange(b, m + 1)[None, :]
    score = np.array([[_prior(a, b, en[start].title, params)] for start in range(n + 1 - a)])
    score = score + _length_fit(left.at[i] - left.at[i - a], right.at[j] - right.at[j - b], _ratio(left, right),
                                params)
    score = score + reward[i, j] - reward[i - a, j] - reward[i, j - b] + reward[i - a, j - b]
    if b:
        score = score + _structure(left, right, i, a, j, b, params)
    if a == b == 1:
        score = score + _kind_scores(en, tr, params)
    scores[a:, b:] = score
    return scores


def _length_fit(l1: np.ndarray | float, l2: np.ndarray | float, ratio: float,
                params: Params = DEFAULT) -> np.ndarray:
    """Log-likelihood (up to a constant) of lengths ``l1``, ``l2`` under Gale and Church's normal model.

    Beyond ``params.robust`` standard deviations the penalty grows linearly, not quadratically (a Huber loss):
    translators do move sentences between paragraphs, and one lopsided pair must not outweigh an endnote. A
    block without counterpart (either length 0) costs only its bead's prior: translators add or drop whole
    paragraphs, and a length penalty would push those into a neighbour's bead instead.

    >>> float(_length_fit(100, 120, 1.2)) == float(_length_fit(100, 0, 1.2)) == 0  # a perfect fit; no counterpart
    True
    >>> [round(float(_length_fit(100, y, 1.2)), 3) for y in (150, 240)]  # quadratic within 2 sd, linear beyond
    [-0.333, -3.657]
    """
    l1, l2 = np.asarray(l1, dtype=float), np.asarray(l2, dtype=float)
    mean = np.maximum((l1 + l2 / ratio) / 2, 1.0)
    size = np.abs(l2 - ratio * l1) / np.sqrt(params.length_variance * mean)
    robust = params.robust
    fit = np.where(size <= robust, -(size ** 2) / 2, robust ** 2 / 2 - robust * size)
    return np.where((l1 == 0) | (l2 == 0), 0.0, fit)


def _prior(a: int, b: int, led_by_title: bool, params: Params = DEFAULT) -> float:
    """The prior of a bead shape, where an English title leading a longer run rides along almost for free.

    Translators often glue a heading to its first paragraph, or drop it: either way the English title belongs
    with the translated text of its section rather than alone.

    >>> round(_prior(2, 1, False), 2), round(_prior(2, 1, True), 2)  # log(0.04), log(0.7 * 0.5)
    (-3.22, -1.05)
    """
    beads = params.beads
    prior = beads[(a, b)]
    if led_by_title and a > 1 and b > 0 and (a - 1, b) in beads:
        prior = max(prior, beads[(a - 1, b)] + math.log(params.title_ride))
    return prior


def _structure(left: _Side, right: _Side, i: np.ndarray, a: int, ends: np.ndarray, b: int,
               params: Params = DEFAULT) -> np.ndarray:
    """Structure score of the beads pairing English blocks ``i-a..i`` with translated blocks ``ends-b..ends``.

    Titles on both sides are rewarded, on one side only penalised a little (parsers and translators glue
    headings to paragraphs); a bead running from body text into a new title spans two sections and is
    penalised, and so is a caption on one side only, or several list items on one side.
    """
    en_title = _Side.count(left.titles, i, a) > 0
    tr_title = _Side.count(right.titles, ends, b) > 0
    title, lists = params.title_weight, params.list_weight
    score = np.where(en_title & tr_title, title, np.where(en_title ^ tr_title, -title / 2, 0.0))
    score = score - title * (left.straddles(i, a).astype(float) + right.straddles(ends, b))
    en_caption = _Side.count(left.captions, i, a) > 0
    score = score - np.where(en_caption ^ (_Side.count(right.captions, ends, b) > 0), title, 0.0)
    crowded = (_Side.count(left.items, i, a) > 1).astype(float) + (_Side.count(right.items, ends, b) > 1)
    return score - 2 * lists * crowded


def _kind_scores(en: list[_Block], tr: list[_Block], params: Params = DEFAULT) -> np.ndarray:
    """For 1-1 beads (English by translated block): reward two list items, three times over when both open a
    list; penalise a list item paired with anything else, and a title paired with body text (beyond
    :func:`_structure`)."""
    def flags(blocks: list[_Block]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        return (np.array([b.kind == "list_item" for b in blocks], dtype=bool),
                np.array([b.list_start for b in blocks], dtype=bool), np.array([b.title for b in blocks], dtype=bool))

    (en_item, en_start, en_title), (tr_item, tr_start, tr_title) = flags(en), flags(tr)
    items = en_item[:, None] & tr_item[None, :]
    opening = en_start[:, None] & tr_start[None, :]
    score = np.where(items, params.list_weight * (1 + 2 * opening), 0.0)
    score -= np.where(en_item[:, None] ^ tr_item[None, :], params.list_weight, 0.0)
    neither = ~en_item[:, None] & ~tr_item[None, :]
    score -= np.where(neither & (en_title[:, None] ^ tr_title[None, :]), params.title_weight / 2, 0.0)
    return score


def _evidence(en: _Block, tr: _Block, kinds: dict[str, float], bead: _Bead, anchored: bool,
              params: Params = DEFAULT) -> tuple[str, float]:
    """The strongest evidence for pairing two blocks of a bead, and the confidence it earns.

    Without an anchor or matching structure the pair rests on length: 0.3 plus up to 0.4 for a good length fit,
    plus 0.15 when another pair of the same bead is anchored, times 0.9 for a bead that is not 1-1 (by default:
    ``params.length_base``, ``length_fit_weight``, ``length_anchored``, ``length_uneven``).
    """
    for method in ANCHORS:
        if method in kinds:
            return method, params.confidence[method]
    one_to_one = len(bead.en) == len(bead.tr) == 1
    if one_to_one and ((en.title and tr.title) or en.kind == tr.kind == "list_item"):
        return "structure", params.confidence["structure"]
    confidence = (params.length_base + params.length_fit_weight * math.exp(bead.length_fit)
                  + (params.length_anchored if anchored else 0.0))
    return "length", round(confidence * (1.0 if one_to_one else params.length_uneven), 3)


def _row(pair: PartPair, en_seq: int, tr_seq: object, method: str, confidence: float) -> dict[str, object]:
    """One row of :func:`align`."""
    return {"part": pair.part, "lang": pair.lang, "en_pub_id": pair.en_pub_id, "en_seq": en_seq,
            "tr_pub_id": pair.tr_pub_id, "tr_seq": tr_seq, "confidence": confidence, "method": method}

