"""The figures of each English block against those of its translation: same, changed, missing or added.

Translators now and then restate a figure ("20.2 years" as "20 years and 2 months") or drop one.
:func:`compare_figures` reads the numbers of each group of aligned blocks on both sides, the readings a range
or decade implies included, and pairs them.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import pandas as pd

from fpclib.align.blocks import align
from fpclib.align.common import FIGURE_COLUMNS, PartPair, Tables, part_pairs
from fpclib.align.params import DEFAULT, Params
from fpclib.numbers import Number, numbers_in

_DASHES = "-−–—"
_RANGE = re.compile(rf"\s*[{_DASHES}/]\s*")
_DECADE = re.compile(r"\d0-[^\W\d_]")


def compare_figures(corpus: Tables, work_id: str, lang: str | None = None, alignment: pd.DataFrame | None = None,
                    params: Params = DEFAULT) -> pd.DataFrame:
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
    ``params.close_factor`` sets "within a factor of two" and ``params.context`` the text shown around a number.
    """
    alignment = align(corpus, work_id, lang, params) if alignment is None else alignment
    rows: list[dict[str, object]] = []
    for pair in part_pairs(corpus, work_id, lang):
        pairs = alignment[(alignment["en_pub_id"] == pair.en_pub_id) & (alignment["tr_pub_id"] == pair.tr_pub_id)]
        if pairs.empty:
            continue
        en_text, tr_text = _texts(corpus, pair.en_pub_id), _texts(corpus, pair.tr_pub_id)
        groups = _groups(pairs, list(tr_text))
        compared = [_compare(_figures([(seq, en_text[seq]) for seq in en_seqs], "en"),
                             _figures([(seq, tr_text[seq]) for seq in tr_seqs], pair.lang), params.close_factor)
                    for en_seqs, tr_seqs in groups]
        for before, after in zip(compared, compared[1:]):
            _moved(before, after)
            _moved(after, before)
        for (en_seqs, tr_seqs), found in zip(groups, compared):
            rows.extend(_figure_row(pair, en, tr, status, en_seqs, tr_seqs, en_text, tr_text, params.context)
                        for en, tr, status in found)
    return pd.DataFrame(rows, columns=FIGURE_COLUMNS).astype(
        {"en_seq": "Int64", "tr_seq": "Int64", "value": "Float64", "tr_value": "Float64", "ambiguous": "bool"})


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


def _compare(en: list[_Figure], tr: list[_Figure],
             factor: float) -> list[tuple[_Figure | None, _Figure | None, str]]:
    """Pair the numbers of a group: same, changed (within ``factor``), missing (English only) or added
    (translation only).

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
                if t not in match.values() and t not in changed.values() and _close(figure, other, factor)]
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


def _close(a: _Figure, b: _Figure, factor: float) -> bool:
    """Whether two figures have readings of the same sign within ``factor`` of each other, or are the same
    figure with another scale word ("$2.4" against "2,4 миллион").

    >>> def number(scaled: float, plain: float) -> _Figure:
    ...     return _Figure(1, 0, 1, "", (scaled,), plain, 0.0, False)
    >>> _close(number(684, 684), number(648, 648), 2.0), _close(number(684, 684), number(648, 648), 1.05)
    (True, False)
    >>> _close(number(2.4e9, 2.4), number(2.4e6, 2.4), 2.0), _close(number(5, 5), number(-6, 6), 2.0)
    (True, False)
    """
    return a.plain == b.plain or any(x * y > 0 and max(abs(x), abs(y)) <= factor * min(abs(x), abs(y))
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
                tr_seqs: list[int], en_text: dict[int, str], tr_text: dict[int, str],
                context: int) -> dict[str, object]:
    """One row of :func:`compare_figures`; a figure on one side only takes the other side's first block."""
    return {"part": pair.part, "lang": pair.lang, "en_pub_id": pair.en_pub_id,
            "en_seq": en.seq if en else (en_seqs[0] if en_seqs else pd.NA), "tr_pub_id": pair.tr_pub_id,
            "tr_seq": tr.seq if tr else (tr_seqs[0] if tr_seqs else pd.NA),
            "value": en.scaled[0] if en else pd.NA, "status": status,
            "tr_value": _nearest(en, tr) if en and tr else tr.scaled[0] if tr else pd.NA,
            "ambiguous": tr.ambiguous if tr else False,
            "en_written": en.written if en else pd.NA, "tr_written": tr.written if tr else pd.NA,
            "en_text": _context(en_text[en.seq], en, context) if en else pd.NA,
            "tr_text": _context(tr_text[tr.seq], tr, context) if tr else pd.NA}


def _context(text: str, figure: _Figure, context: int) -> str:
    """The figure with ``context`` characters either side.

    >>> _context("In 2019 there were 1,414 threats.", _Figure(1, 19, 24, "1,414", (1414.0,), 1414.0, 0.5, False), 6)
    '… were 1,414 threa…'
    """
    start, end = max(figure.start - context, 0), min(figure.end + context, len(text))
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")
