"""The cited endnote as evidence: a figure against the numbers its endnote states (a title that gives another
count), and a year against the date the endnote gives its source."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

import pandas as pd

from fpclib.claims.verdict import Verdict
from fpclib.errors import RegistryError
from fpclib.numbers import numbers_in

_URL = re.compile(r"https?://\S+|\bwww\.\S+")
_MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|december|"
           "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")
#: The date an endnote gives its source: "May 2021", "12 March 2020", "March 3, 2021", or a bare year before the URL.
_DATED = re.compile(rf"\b(?:\d{{1,2}}\s+)?(?:{_MONTHS})\.?\s+(?:\d{{1,2}},?\s+)?(?P<year>(?:19|20)\d\d)\b",
                    re.IGNORECASE)
_YEAR = re.compile(r"\b(?P<year>(?:19|20)\d\d)\b")


def _note(claim: Any, argument: str, notes: Mapping[tuple[str, int], str]) -> tuple[int, str] | None:
    """The endnote a relation names (``argument``), else the one the claim's sentence cites, else its ``note``."""
    candidates = [argument, claim.cited_note, getattr(claim, "note", None)]
    number = next((int(c) for c in candidates if c not in (None, "") and not pd.isna(c)), None)
    if number is None:
        return None
    text = notes.get((claim.pub_id, number))
    if text is None:
        raise RegistryError(f"{claim.claim_id}: endnote {number} is not an endnote of {claim.pub_id}")
    return number, text


def _title(text: str) -> str:
    """An endnote without its URLs, shortened for a reason."""
    plain = _URL.sub("", text).strip(" ,.")
    return plain if len(plain) <= 90 else plain[:87] + "..."


def figures_in(text: str) -> list[float]:
    """The figures an endnote states, leaving out its URLs and its years.

    >>> figures_in("Kazakhstan: 134 administrative prosecutions in 2020, May 2021, https://x.org/2021/5")
    [134.0]
    """
    plain = _URL.sub(" ", text)
    found = []
    for number in numbers_in(plain, "en"):
        if number.value == int(number.value) and 1900 <= number.value <= 2100:
            continue
        found.extend(dict.fromkeys((number.value, number.scaled)))
    return found


def check_figure(claim: Any, argument: str, notes: Mapping[tuple[str, int], str]) -> Verdict:
    """``endnote[:<n>]``: the figure must be among the numbers its endnote states."""
    found = _note(claim, argument, notes)
    if found is None:
        return Verdict("unverifiable", "the sentence cites no endnote")
    number, text = found
    figures = figures_in(text)
    if not figures:
        return Verdict("unverifiable", f"endnote {number} states no figure ({_title(text)})")
    if any(math.isclose(claim.value, f, rel_tol=1e-3) or math.isclose(claim.magnitude, f, rel_tol=1e-3)
           for f in figures):
        return Verdict("consistent", f"endnote {number} states {claim.value:g}: {_title(text)}")
    stated = ", ".join(f"{f:g}" for f in dict.fromkeys(figures))
    return Verdict("discrepancy", f"endnote {number} states {stated}, the text {claim.value:g}: {_title(text)}")


def date_of(text: str) -> int | None:
    """The year an endnote dates its source (the last "Month YYYY" outside its URLs, else its last year).

    >>> date_of("Forum 18, Kazakhstan: 134 prosecutions, May 2021, https://forum18.org/archive.php?2020")
    2021
    >>> date_of("no date here") is None
    True
    """
    plain = _URL.sub(" ", text)
    dated = list(_DATED.finditer(plain)) or list(_YEAR.finditer(plain))
    return int(dated[-1].group("year")) if dated else None


def check_date(claim: Any, argument: str, notes: Mapping[tuple[str, int], str]) -> Verdict:
    """``endnote_date[:<n>]``: the year the text gives the document it cites must be the endnote's date, or a year
    the endnote names ("Freedom in the World 2021")."""
    found = _note(claim, argument, notes)
    if found is None:
        return Verdict("unverifiable", "the sentence cites no endnote")
    number, text = found
    year, stated = date_of(text), int(claim.value)
    if year is None and not _YEAR.search(_URL.sub(" ", text)):
        return Verdict("unverifiable", f"endnote {number} gives no date ({_title(text)})")
    if stated == year:
        return Verdict("consistent", f"endnote {number} is dated {year}: {_title(text)}")
    if re.search(rf"\b{stated}\b", _URL.sub(" ", text)):
        return Verdict("consistent", f"endnote {number} names {stated}: {_title(text)}")
    return Verdict("discrepancy", f"endnote {number} is dated {year}, the text says {stated}: {_title(text)}")
