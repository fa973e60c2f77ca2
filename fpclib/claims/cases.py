"""Case counts across the reports: every counted person, case, organisation or event, as one tidy table.

From the checked claims, the counts of people and cases (detained, threatened, prosecuted, killed…), of NGOs,
journalists, websites and the like are kept, with the country, the year and a category read off the report, the
quote and its paragraph: the country a single-country report covers or the one the sentence names, the year the
sentence states, a category from the claim's words.
"""

from __future__ import annotations

import re

import pandas as pd

from fpclib.corpus.build import Corpus

#: Units that count people, cases or organisations (not money, shares, spans of time or ranks).
COUNT_UNITS = frozenset({
    "people", "cases", "ngos", "deaths", "threats", "members", "journalists", "activists", "prisoners", "arrests",
    "protesters", "protestors", "websites", "signatures", "mosques", "candidates", "mps", "houses", "detainees",
    "victims", "organisations", "organizations", "students", "thousand people", "million people", "incidents",
    "convictions", "prosecutions", "attacks", "refugees", "migrants", "killed", "injured", "sites", "channels",
})
#: Category -> words of a claim that place it there (first match wins).
CATEGORIES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.IGNORECASE))
    for name, pattern in (
        ("killed", r"\bkill|\bdead\b|\bdeath|\bdied\b|murder"),
        ("detained", r"detain|arrest|custody|held\b"),
        ("prosecuted", r"prosecut|convict|sentenc|charged|criminal case|trial|jail|prison"),
        ("threatened or attacked", r"threat|attack|harass|assault|intimidat|pressure"),
        ("journalists and media", r"journalist|media|website|blog|channel"),
        ("civil society organisations", r"\bNGO|organi[sz]ation|association|union"),
        ("protest", r"protest|demonstrat|rall|picket"),
        ("elections and politics", r"vote|voter|election|seat|candidate|\bMP|signature|party|parties"),
        ("migration and displacement", r"migra|refugee|flee|displac|evacuat"),
    )
)
COUNTRIES = ("Kazakhstan", "Kyrgyzstan", "Tajikistan", "Uzbekistan", "Turkmenistan", "Afghanistan", "Russia", "China")
#: The two axes of a checked claim (:data:`fpclib.claims.check.AXIS_COLUMNS`), passed through.
AXES = ("evidence", "evidence_reason", "evidence_kind", "fidelity", "fidelity_reason")
_YEAR = re.compile(r"\b(19[89]\d|20[0-2]\d)\b")


def case_counts(checked: pd.DataFrame, corpus: Corpus) -> pd.DataFrame:
    """Counted things of every report: report_id, country, year, category, value, unit, what, quote, the two
    axes (:data:`AXES`), claim_id, pub_id, block, note. Translations are left out (their figures are checked
    against the originals)."""
    reports = corpus.reports.set_index("report_id")
    texts = dict(zip(corpus.blocks["block_id"], corpus.blocks["text"]))
    counted = checked[checked["unit"].str.lower().isin(COUNT_UNITS) & (checked["lang"] == "en")]
    rows = []
    for claim in counted.itertuples(index=False):
        sentence = _sentence(texts.get(claim.block, ""), claim.quote)
        covered = reports.loc[claim.report_id, "countries"] if claim.report_id in reports.index else ()
        paragraph = texts.get(claim.block, "")
        rows.append({
            "report_id": claim.report_id, "country": _country(sentence, claim.what, covered),
            "year": _year(claim.quote, sentence, paragraph),
            "category": _category(f"{claim.what} {claim.quote} {claim.unit}"),
            "value": claim.value, "unit": claim.unit, "what": claim.what, "quote": claim.quote,
            **{axis: getattr(claim, axis) for axis in AXES},
            "claim_id": claim.claim_id, "pub_id": claim.pub_id, "block": claim.block,
            "note": claim.cited_note if not pd.isna(claim.cited_note) else claim.note,
        })
    table = pd.DataFrame(rows)
    table["year"] = table["year"].astype("Int64")
    return table.sort_values(["country", "year", "category", "report_id"], na_position="last", ignore_index=True)


def _sentence(text: str, quote: str) -> str:
    """The sentence of ``text`` that holds ``quote``."""
    at = text.find(quote)
    if at < 0:
        return quote
    start = max(text.rfind(". ", 0, at) + 2, 0)
    end = text.find(". ", at + len(quote))
    return text[start:end if end >= 0 else len(text)]


def _country(sentence: str, what: str, covered: tuple[str, ...]) -> str | None:
    """The country a count is about: one named in the claim or its sentence, else the report's only country."""
    for text in (what, sentence):
        named = [c for c in COUNTRIES if c in text]
        if len(named) == 1:
            return named[0]
    return covered[0] if len(covered) == 1 else None


def _year(quote: str, sentence: str, paragraph: str) -> int | None:
    """The year a count belongs to: stated in the quote, else the only year its sentence (or paragraph) states."""
    for text in (quote, sentence, paragraph):
        years = set(_YEAR.findall(text))
        if len(years) == 1:
            return int(years.pop())
    return None


def _category(words: str) -> str:
    for name, pattern in CATEGORIES:
        if pattern.search(words):
            return name
    return "other counts"
