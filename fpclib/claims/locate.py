"""Find each registered claim's quote in its publication and read its figure back out of the text."""

from __future__ import annotations

import math
import re
from typing import NamedTuple

import pandas as pd

from fpclib.corpus.build import Corpus
from fpclib.errors import ClaimError
from fpclib.numbers import numbers_in


class _Block(NamedTuple):
    block_id: str
    seq: int
    text: str
    note_refs: tuple[int, ...]
    note_positions: tuple[int, ...]


class _Note(NamedTuple):
    note_id: str
    number: int
    text: str
    cited_in: tuple[int, ...]


def locate(claims: pd.DataFrame, corpus: Corpus, *, errors: str = "raise") -> pd.DataFrame:
    """Find each claim's quote in its publication's blocks, or else in its endnotes; add ``block_id``, ``seq``,
    ``lang``, ``parsed`` (numbers read from the quote), ``value_found``, ``cited_note`` (the endnote whose marker
    closes the quote's sentence) and ``note_id`` (the endnote that holds the quote, None for a block's quote).

    A quote in an endnote is placed at the first block citing that note (``block_id``, ``seq``) and cites that
    note. A quote that is not found raises :class:`ClaimError` (``errors='raise'``) or leaves ``block_id`` empty
    (``errors='mark'``).
    """
    langs = dict(zip(corpus.publications["pub_id"], corpus.publications["lang"]))
    part_of = dict(zip(corpus.publications["pub_id"], corpus.publications["part"]))
    columns = ["pub_id", "block_id", "seq", "text", "note_refs", "note_positions"]
    by_pub: dict[str, list[_Block]] = {}
    for row in zip(*(corpus.blocks[c].tolist() for c in columns)):
        by_pub.setdefault(row[0], []).append(_Block(*row[1:]))
    notes_of: dict[str, list[_Note]] = {}
    for row in zip(*(corpus.notes[c].tolist() for c in ("pub_id", "note_id", "number", "text", "cited_in"))):
        notes_of.setdefault(row[0], []).append(_Note(*row[1:]))
    located, missing = [], []
    for claim in claims.itertuples(index=False):
        blocks = by_pub.get(claim.pub_id, [])
        hit = next((b for b in blocks if claim.quote in b.text), None)
        note = None if hit else next((n for n in notes_of.get(claim.pub_id, ()) if claim.quote in n.text), None)
        lang = langs.get(claim.pub_id, "en")
        if hit is None and note is None:
            missing.append(f"{claim.claim_id}: {claim.quote[:70]!r} not in {claim.pub_id}")
            located.append({"block_id": None, "seq": None, "part": part_of.get(claim.pub_id), "lang": lang,
                            "parsed": (), "value_found": False,
                            "magnitude": _magnitude(claim.value, claim.unit), "cited_note": None, "note_id": None})
            continue
        numbers = numbers_in(claim.quote, lang)
        parsed = tuple(dict.fromkeys(v for n in numbers for v in (n.value, n.scaled)))
        if note is not None:
            citing = next((b for b in blocks if b.seq in note.cited_in), blocks[0] if blocks else None)
            place = {"block_id": citing.block_id if citing else note.note_id, "seq": citing.seq if citing else None,
                     "cited_note": note.number, "note_id": note.note_id}
        else:
            assert hit is not None
            end = hit.text.index(claim.quote) + len(claim.quote)
            place = {"block_id": hit.block_id, "seq": hit.seq, "note_id": None,
                     "cited_note": _cited_note(hit.text, hit.note_refs, hit.note_positions, end)}
        located.append({
            "block_id": place["block_id"], "seq": place["seq"], "part": part_of[claim.pub_id], "lang": lang,
            "parsed": parsed, "value_found": _found(claim.value, parsed, claim.unit),
            "magnitude": _magnitude(claim.value, claim.unit), "cited_note": place["cited_note"],
            "note_id": place["note_id"],
        })
    if missing and errors == "raise":
        raise ClaimError(f"{len(missing)} claim(s) not found in the corpus: " + "; ".join(missing))
    return pd.concat([claims.reset_index(drop=True), pd.DataFrame(located)], axis=1)


def _found(value: float, parsed: tuple[float, ...], unit: str) -> bool:
    """True if the registered value is among the numbers read from the quote (statuses have no value)."""
    if pd.isna(value):
        return unit == "status"
    return any(math.isclose(value, p, rel_tol=1e-3, abs_tol=1e-3) for p in parsed)


#: Words of a unit that scale its figure: "USD million", "thousand people", "decades" (of years).
UNIT_FACTORS = {"thousand": 1e3, "million": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12,
                "decade": 10.0, "decades": 10.0, "century": 100.0, "centuries": 100.0, "month": 1 / 12,
                "months": 1 / 12}
#: Units that name a point in time: their value is a year (the 2010s are "2010 decade"), never scaled.
TIME_POINTS = frozenset({"date", "year", "decade"})


def _magnitude(value: float, unit: str) -> float:
    """The registered figure on a common footing, so that "150 thousand people" equals "150,000 people" and
    "two decades" equals "20 years"; a date stays its year.

    >>> _magnitude(2, "decades"), _magnitude(150, "thousand people"), _magnitude(2010, "decade")
    (20.0, 150000.0, 2010)
    """
    if pd.isna(value) or str(unit).strip().lower() in TIME_POINTS:
        return value
    factor = 1.0
    for word in re.findall(r"[a-z]+", str(unit).lower()):
        factor *= UNIT_FACTORS.get(word, 1.0)
    return value * factor


def _cited_note(text: str, refs: tuple[int, ...], positions: tuple[int, ...], quote_end: int) -> int | None:
    """The endnote marked at the end of the sentence that holds the quote, if any."""
    sentence_end = re.search(r"[.!?…](?:\s|$)", text[quote_end:])
    limit = quote_end + (sentence_end.end() if sentence_end else len(text))
    for number, position in sorted(zip(refs, positions), key=lambda pair: pair[1]):
        if quote_end <= position <= limit:
            return number
    return None
