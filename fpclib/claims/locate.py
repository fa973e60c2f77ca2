"""Find each registered claim's quote in its publication and read its figure back out of the text."""

from __future__ import annotations

import math
import re
from typing import NamedTuple

import pandas as pd

from fpclib.claims.numbers import numbers_in
from fpclib.corpus.build import Corpus
from fpclib.errors import ClaimError


class _Block(NamedTuple):
    block_id: str
    seq: int
    text: str
    note_refs: tuple[int, ...]
    note_positions: tuple[int, ...]


def locate(claims: pd.DataFrame, corpus: Corpus, *, errors: str = "raise") -> pd.DataFrame:
    """Find each claim's quote in its publication; add ``block_id``, ``seq``, ``lang``, ``parsed`` (numbers read
    from the quote), ``value_found`` and ``cited_note`` (the endnote whose marker closes the quote's sentence).

    A quote that is not found raises :class:`ClaimError` (``errors='raise'``) or leaves ``block_id`` empty
    (``errors='mark'``).
    """
    langs = dict(zip(corpus.publications["pub_id"], corpus.publications["lang"]))
    part_of = dict(zip(corpus.publications["pub_id"], corpus.publications["part"]))
    columns = ["pub_id", "block_id", "seq", "text", "note_refs", "note_positions"]
    by_pub: dict[str, list[_Block]] = {}
    for row in zip(*(corpus.blocks[c].tolist() for c in columns)):
        by_pub.setdefault(row[0], []).append(_Block(*row[1:]))
    located, missing = [], []
    for claim in claims.itertuples(index=False):
        hit = next((b for b in by_pub.get(claim.pub_id, ()) if claim.quote in b.text), None)
        lang = langs.get(claim.pub_id, "en")
        if hit is None:
            missing.append(f"{claim.claim_id}: {claim.quote[:70]!r} not in {claim.pub_id}")
            located.append({"block_id": None, "seq": None, "part": part_of.get(claim.pub_id), "lang": lang,
                            "parsed": (), "value_found": False,
                            "magnitude": _magnitude(claim.value, claim.unit), "cited_note": None})
            continue
        numbers = numbers_in(claim.quote, lang)
        parsed = tuple(dict.fromkeys(v for n in numbers for v in (n.value, n.scaled)))
        start = hit.text.index(claim.quote)
        located.append({
            "block_id": hit.block_id, "seq": hit.seq, "part": part_of[claim.pub_id], "lang": lang, "parsed": parsed,
            "value_found": _found(claim.value, parsed, claim.unit),
            "magnitude": _magnitude(claim.value, claim.unit),
            "cited_note": _cited_note(hit.text, hit.note_refs, hit.note_positions, start + len(claim.quote)),
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
                "decade": 10.0, "decades": 10.0, "century": 100.0, "centuries": 100.0, "month": 1 / 12, "months": 1 / 12}


def _magnitude(value: float, unit: str) -> float:
    """The registered figure on a common footing, so that "150 thousand people" equals "150,000 people" and
    "two decades" equals "20 years"."""
    if pd.isna(value):
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
