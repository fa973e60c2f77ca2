"""Endnotes beside their translations: paired in order by the sources they cite, then by their text.

Translators drop the odd endnote, so the notes of a part cannot be paired by number. :func:`align_notes` pairs
them Needleman-Wunsch style, and :func:`note_map` gives the block aligner the pairs as its strongest anchor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote

import pandas as pd

from fpclib.align.common import NOTE_COLUMNS, PartPair, Tables, part_pairs, words
from fpclib.align.params import DEFAULT, Params


def align_notes(corpus: Tables, work_id: str, lang: str | None = None, params: Params = DEFAULT) -> pd.DataFrame:
    """Each endnote of each part beside its translation: ``matched``, ``missing_in_translation`` or
    ``extra_in_translation``.

    Notes are paired in order (Needleman-Wunsch), scoring a shared URL highest and notes without URLs by the
    similarity of their text, so an "Ibid." pairs with an "Ibid.". ``url`` is the note's first URL (the English
    one when matched); ``same_urls`` says whether a matched pair cites exactly the same URLs.
    """
    rows = []
    for pair in part_pairs(corpus, work_id, lang):
        en, tr = _notes_of(corpus, pair.en_pub_id), _notes_of(corpus, pair.tr_pub_id)
        for a, b in _pair_notes(en, tr, params):
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


def note_map(corpus: Tables, pair: PartPair, params: Params = DEFAULT) -> dict[int, int]:
    """English note number -> translated note number, for the notes :func:`align_notes` pairs."""
    en, tr = _notes_of(corpus, pair.en_pub_id), _notes_of(corpus, pair.tr_pub_id)
    return {en[a].number: tr[b].number for a, b in _pair_notes(en, tr, params) if a is not None and b is not None}


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
    return [_Note(int(number), tuple(urls), frozenset(_url_key(url) for url in urls), words(text))
            for number, urls, text in zip(notes["number"], notes["urls"], notes["text"])]


def _url_key(url: str) -> str:
    """A URL without scheme, ``www.``, fragment, trailing slash or text glued on after a semicolon.

    >>> _url_key("https://www.example.org/a/#top")
    'example.org/a'
    >>> _url_key("HTTP://Example.org/caf%C3%A9;%20accessed%201%20May")
    'example.org/café'
    """
    key = unquote(url).strip().lower().split(";")[0].split("#")[0]
    return re.sub(r"^https?://(?:www\.)?", "", key).rstrip("/.")


def _note_score(a: _Note, b: _Note, params: Params = DEFAULT) -> float:
    """How well two notes match: a shared URL is strong; notes without URLs match on the words they share (an
    untranslated "Ibid." or book title), else by position.

    >>> ibid = _Note(1, (), frozenset(), frozenset({"ibid"}))
    >>> _note_score(ibid, ibid), _note_score(ibid, _Note(2, (), frozenset(), frozenset({"op", "cit"})))
    (2.5, 0.5)
    """
    if a.keys and b.keys:
        return params.note_url_match if a.keys & b.keys else params.note_url_mismatch
    if a.keys or b.keys:
        return params.note_url_mismatch
    shared = len(a.words & b.words)
    return params.note_text_base + params.note_text_weight * shared / max(len(a.words | b.words), 1)


def _pair_notes(en: list[_Note], tr: list[_Note], params: Params = DEFAULT) -> list[tuple[int | None, int | None]]:
    """Needleman-Wunsch over the two note sequences: pairs of indexes, None for a gap."""
    gap = params.note_gap
    n, m = len(en), len(tr)
    score = [[0.0] * (m + 1) for _ in range(n + 1)]
    move = [[""] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        score[i][0], move[i][0] = i * gap, "up"
    for j in range(1, m + 1):
        score[0][j], move[0][j] = j * gap, "left"
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            score[i][j], move[i][j] = max((score[i - 1][j - 1] + _note_score(en[i - 1], tr[j - 1], params), "diag"),
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
