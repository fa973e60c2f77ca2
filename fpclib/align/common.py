"""What the three jobs of the aligner share: the corpus tables they read, the parts a work has in both English
and translation, the columns of their results and the words of a text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

import pandas as pd

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


def words(text: str) -> frozenset[str]:
    """The distinct words of a text, lower-cased.

    >>> sorted(words("Ibid., p. 12; ibid."))
    ['12', 'ibid', 'p']
    """
    return frozenset(re.findall(r"[^\W_]+", text.lower()))
