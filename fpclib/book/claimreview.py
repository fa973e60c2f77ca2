"""The judged claims as schema.org ``ClaimReview`` items (https://schema.org/ClaimReview): the words of the claim,
where it appeared (the original publication), the evidence its sentence cites, and both axes in words, so that
fact-checking tools can read the compendium's checks. A claim is judged when a check could hold or fail on it:
claims with no evidence and no original to compare with (nothing to check against) are not reviews."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pandas as pd

from fpclib.book.html import VERDICT_WORDS
from fpclib.corpus.build import Corpus

REVIEWER = {"@type": "Organization", "name": "fpc-compendium"}
JUDGED = {"evidence": ("holds", "fails"), "fidelity": ("same", "changed", "missing")}


def judged(table: pd.DataFrame) -> pd.Series:
    """Which claims a check could hold or fail on: evidence holds or fails, or fidelity is not ``n/a``.

    >>> judged(pd.DataFrame({"evidence": ["holds", "none", "none", "fails"],
    ...                      "fidelity": ["n/a", "n/a", "changed", "n/a"]})).tolist()
    [True, False, True, True]
    """
    mask = pd.Series(False, index=table.index)
    for axis in JUDGED:
        mask |= table[axis].isin(JUDGED[axis])
    return mask


def rating(claim: dict[str, Any]) -> dict[str, Any]:
    """The verdict as a schema.org ``Rating``: the labels of each axis in words, the reasons as explanation.

    >>> rating({"evidence": "fails", "evidence_reason": "parts sum to 9, total 10", "fidelity": "n/a"})["alternateName"]
    'Fails: the evidence disagrees with the figure'
    """
    words, reasons = [], []
    for axis in [axis for axis in ("evidence", "fidelity") if claim.get(axis) in VERDICT_WORDS]:
        label = claim[axis]
        if axis == "fidelity" and label == "n/a":
            continue
        words.append(f"{label.capitalize()}: {VERDICT_WORDS.get(label, label)}")
        reason = claim.get(f"{axis}_reason")
        if isinstance(reason, str) and reason:
            reasons.append(reason)
    return {"@type": "Rating", "alternateName": "; ".join(words), "ratingExplanation": "; ".join(reasons)}


def review(claim: dict[str, Any], pub: dict[str, Any], note: dict[str, Any] | None, url: str) -> dict[str, Any]:
    """One claim as a ``ClaimReview``; ``pub`` is its publication's row, ``note`` the endnote its sentence cites."""
    appearance: dict[str, Any] = {"@type": "CreativeWork", "name": pub.get("title"), "inLanguage": claim.get("lang")}
    if isinstance(pub.get("url"), str):
        appearance["url"] = pub["url"]
    if isinstance(pub.get("published"), pd.Timestamp) and not pd.isna(pub["published"]):
        appearance["datePublished"] = pub["published"].strftime("%Y-%m-%d")
    author = pub.get("author") if isinstance(pub.get("author"), str) and pub.get("author") else "Foreign Policy Centre"
    item = {"@type": "Claim", "author": {"@type": "Organization" if author == "Foreign Policy Centre" else "Person",
                                         "name": author},
            "appearance": appearance, "firstAppearance": appearance}
    out: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "identifier": claim["claim_id"],
        "url": url,
        "claimReviewed": claim["quote"],
        "author": REVIEWER,
        "itemReviewed": item,
        "reviewRating": rating(claim),
    }
    if note is not None:
        evidence = [{"@type": "CreativeWork", "url": address} for address in note.get("urls", ())]
        out["isBasedOn"] = [{"@type": "CreativeWork", "name": f"endnote {note['number']}: {note['text']}"}, *evidence]
    return out


def reviews(table: pd.DataFrame, corpus: Corpus, *, page_url: Callable[[dict[str, Any]], str]) -> list[dict[str, Any]]:
    """A ``ClaimReview`` for every judged claim of ``table``; ``page_url`` gives the address of a claim's anchor."""
    pubs = corpus.publications.set_index("pub_id")
    notes = corpus.notes.set_index(["pub_id", "number"])
    out = []
    for claim in table[judged(table)].to_dict(orient="records"):
        cited = claim.get("cited_note")
        number = cited if cited is not None and not pd.isna(cited) else claim.get("note")
        key = (claim["pub_id"], int(number)) if number is not None and not pd.isna(number) else None
        note = {"number": key[1], **notes.loc[key].to_dict()} if key is not None and key in notes.index else None
        pub = pubs.loc[claim["pub_id"]].to_dict()
        out.append(review(claim, pub, note, page_url(claim)))
    return out


def script_json(items: list[dict[str, Any]]) -> str:
    """JSON for inside a ``<script>`` element: no ``<``, so no corpus text can close it.

    >>> script_json([{"claimReviewed": "</script>"}])
    '[{"claimReviewed": "\\\\u003c/script>"}]'
    """
    return json.dumps(items, ensure_ascii=False).replace("<", "\\u003c")


def document(items: list[dict[str, Any]]) -> dict[str, Any]:
    """Every review in one JSON-LD document (the book's downloadable ``claimreview.json``)."""
    return {"@context": "https://schema.org", "@graph": [{k: v for k, v in item.items() if k != "@context"}
                                                         for item in items]}
