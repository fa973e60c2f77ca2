"""External checks: Freedom House claims (the figure, the edition it matches, the tie rule of a rank) and claims
against the catalogued reference datasets (:mod:`fpclib.reference.datasets`: values, recomputed ranks, list sizes,
upper bounds), each naming the edition or release it used.

A report that says "currently" means the latest edition published before the report; the check picks that
edition and says so. When the figure does not hold there, every other edition is tried, so the reason can say
which edition (if any) the report's figure came from. An edition the registry asks for that the data does not
hold is a :class:`~fpclib.errors.RegistryError` naming the claim.
"""

from __future__ import annotations

import re
from functools import cache

import pandas as pd

import fpclib.claims.cited as cited
from fpclib import reference as fh
from fpclib.claims.verdict import Verdict
from fpclib.errors import RegistryError
from fpclib.reference import datasets

STATUS_WORDS = (
    ("NF", re.compile(r"not free|несвобод|эркин эмес|еркін емес", re.IGNORECASE)),
    ("PF", re.compile(r"partly free|частично свобод|жарым-жартылай эркин|ішінара еркін", re.IGNORECASE)),
    ("F", re.compile(r"\bfree\b|свободн", re.IGNORECASE)),
)
TIES: tuple[fh.Tie, ...] = ("competition", "alphabetical")


def check_fiw(claim: object, argument: str, fiw: pd.DataFrame, published: pd.Timestamp | None) -> Verdict:
    """Check ``fiw:<Country>:<measure>[:<edition>]`` for one claim against Freedom in the World."""
    country, measure, *rest = argument.split(":")
    stated = int(rest[0]) if rest else None
    try:
        country = fh.canonical_country(country, fiw["country"].unique())
        current = fh.edition_for(published, "fiw") if published is not None and not pd.isna(published) else None
    except (fh.ReferenceLookupError, ValueError) as error:
        return Verdict("unverifiable", str(error))
    edition = stated or current
    if edition is None:
        return Verdict("unverifiable", "no publication date to choose an edition by")
    editions = {int(e) for e in fiw["edition"].unique()}
    if edition not in editions:
        raise RegistryError(f"{claim.claim_id}: fiw:{argument}: Freedom in the World {edition} is not in the reference "
                            f"data (editions {min(editions)}-{max(editions)})")
    when = f"FIW {edition} (covers {fh.covers_year(edition)})"
    if stated and current and stated > current:
        return Verdict("discrepancy",
                       f"{when} was not yet published when the report appeared; latest was FIW {current}")
    value = claim.value
    if measure == "status":
        said = _status(f"{claim.what} {claim.quote}")
        actual = fh.lookup(fiw, country, edition, "status")
        if said is None:
            return Verdict("unverifiable", "no status word found in the claim")
        return Verdict("consistent" if said == actual else "discrepancy",
                       f"{when}: {country} is {actual}, the text says {said}")
    figure = _figure(fiw, country, edition, measure)
    if figure is None:
        return Verdict("unverifiable", f"unknown Freedom House measure {measure!r}")
    if _matches(figure, value):
        return Verdict("consistent", f"{when}: {measure} {figure[1]}")
    editions = [int(e) for e in sorted(fiw["edition"].unique()) if e != edition]
    others = [e for e in editions if _matches(_figure(fiw, country, e, measure), value)]
    if others:
        elsewhere = f"; {value:g} matches FIW {', '.join(map(str, others))}"
    else:
        nearest = min(editions, key=lambda e: (_distance(_figure(fiw, country, e, measure), value), abs(e - edition)))
        shown = _figure(fiw, country, nearest, measure)
        elsewhere = f"; {value:g} matches no edition (nearest: FIW {nearest}, {shown[1] if shown else ''})"
    return Verdict("discrepancy", f"{when}: {measure} is {figure[1]}, the text says {value:g}{elsewhere}")


def _figure(fiw: pd.DataFrame, country: str, edition: int, measure: str) -> tuple[set[float], str] | None:
    """The values a measure takes (a rank under each tie rule) and how to describe them."""
    try:
        if measure in ("total", "pr", "cl"):
            value = fh.lookup(fiw, country, edition, measure)
            return ({float(value)}, f"{value}") if value is not None else (set(), "blank")
        if measure in ("rank", "rank_countries"):
            scope: fh.Scope = "all" if measure == "rank" else "countries"
            ranks = {tie: fh.rank(fiw, country, edition, tie=tie, scope=scope) for tie in TIES}
            first = ranks["competition"]
            rule = "under every tie rule" if len({r.rank for r in ranks.values()}) == 1 else ", ".join(
                f"{r.rank} by {tie} ranking" for tie, r in ranks.items())
            return {float(r.rank) for r in ranks.values()}, f"{first.rank} of {first.of} ({rule})"
    except fh.ReferenceLookupError:
        return set(), "no entry"
    return None


def _distance(figure: tuple[set[float], str] | None, value: float) -> float:
    """How far ``value`` is from a measure's value(s) in one edition."""
    return min((abs(v - value) for v in figure[0]), default=float("inf")) if figure else float("inf")


def _matches(figure: tuple[set[float], str] | None, value: float) -> bool:
    return figure is not None and not pd.isna(value) and float(value) in figure[0]


def _status(text: str) -> str | None:
    for code, pattern in STATUS_WORDS:
        if pattern.search(text):
            return code
    return None


def check_nit(claim: object, argument: str) -> Verdict:
    """Check ``nit:<Country>:<measure>[:<edition>]`` (score 1-7, percentage 0-100, regime) against Nations in
    Transit."""
    country, measure, *rest = argument.split(":")
    nit = _nit()
    edition = int(rest[0]) if rest else int(nit["nit_edition"].max())
    rows = nit[(nit["country"] == country) & (nit["nit_edition"] == edition)]
    if rows.empty and rest:
        raise RegistryError(f"{claim.claim_id}: nit:{argument}: no Nations in Transit {edition} entry for {country} "
                            f"in the reference data (editions {sorted(set(nit['nit_edition']))})")
    if rows.empty:
        return Verdict("unverifiable", f"no Nations in Transit {edition} entry for {country}")
    row = rows.iloc[0]
    when = f"NIT {edition} (covers {edition - 1})"
    if measure == "regime":
        said = f"{claim.what} {claim.quote}".casefold()
        ok = row["regime"].casefold() in said
        return Verdict("consistent" if ok else "discrepancy", f"{when}: {row['regime']}")
    column = {"score": "democracy_score", "percentage": "democracy_percentage"}.get(measure)
    if column is None:
        return Verdict("unverifiable", f"unknown Nations in Transit measure {measure!r}")
    actual, value = float(row[column]), claim.value
    ok = abs(actual - value) < 0.5 * 10 ** -_decimals(value) + 1e-9
    return Verdict("consistent" if ok else "discrepancy", f"{when}: {measure} {actual:g}, the text says {value:g}")


@cache
def _nit() -> pd.DataFrame:
    """Nations in Transit, read (and its sums verified) once per process rather than once per claim."""
    return fh.load_nit()


def _decimals(value: float) -> int:
    text = f"{value:g}"
    return len(text.split(".")[1]) if "." in text else 0


def check_fiw_below(claim: object, argument: str, fiw: pd.DataFrame, published: pd.Timestamp | None) -> Verdict:
    """Check ``fiw_below:<Country>:<Other>,<Other>…``: the claim's value is how many of the others score below
    the country (Freedom in the World total, in the edition current at publication)."""
    country, others = argument.split(":", 1)
    if published is None or pd.isna(published):
        return Verdict("unverifiable", "no publication date to choose an edition by")
    edition = fh.edition_for(published, "fiw")
    own = fh.lookup(fiw, country, edition, "total")
    totals = {other: fh.lookup(fiw, other, edition, "total") for other in others.split(",")}
    below = sorted(name for name, total in totals.items() if total < own)
    listing = ", ".join(f"{name} {total}" for name, total in totals.items())
    reason = f"FIW {edition} (covers {fh.covers_year(edition)}): {country} {own}; {listing}: {len(below)} below"
    return Verdict("consistent" if len(below) == claim.value else "discrepancy", reason)


def _scale(claim: object) -> float:
    """How much one unit of the claim's value is worth (``USD billion``: 1e9)."""
    return claim.magnitude / claim.value if claim.value else 1.0


def _close(claim: object, reference: float) -> bool:
    """True when the reference value, written to the precision of the claim, is the claim's figure."""
    text = f"{claim.value:g}"
    decimals = len(text.split(".")[1]) if "." in text and "e" not in text else 0
    return abs(claim.magnitude - reference) <= (0.5 * 10 ** -decimals) * _scale(claim) * (1 + 1e-9)


def check_reference(claim: object, argument: str, published: pd.Timestamp | None) -> Verdict:
    """``ref:<dataset>:<country>:<measure>[@<period>]`` against a catalogued dataset, in the release current at
    publication; when the figure does not hold there, the periods and releases it does match are named."""
    found = datasets.value_for(argument, published, claim.claim_id)
    shown = found.value / _scale(claim)
    others = f" (other releases: {'; '.join(found.others)})" if found.others else ""
    dataset = datasets.parse_key(argument)[0]
    stated = _base_stated(claim.quote)
    base = datasets.base_of(dataset)
    if base and stated and stated != base:
        return Verdict("discrepancy", f"the text gives a share of {stated}; {found.cite} is a share of {base} "
                                      f"({shown:.4g} {claim.unit})")
    if _close(claim, found.value):
        month = _month_check(claim, argument, published)
        if month is not None:
            return month
        return Verdict("consistent", f"{found.cite}: {shown:.4g} {claim.unit}{others}")
    if found.after_publication:
        return Verdict("unverifiable", f"{found.cite}: {shown:.4g} {claim.unit}, the text says {claim.value:g}; the "
                                       "release the report could have used is not held")
    matches = [f"{period} (release {release})" for period, release, value in datasets.series(argument, claim.claim_id)
               if _close(claim, value)]
    elsewhere = f"; {claim.value:g} matches {', '.join(matches)}" if matches else ""
    return Verdict("discrepancy", f"{found.cite}: {shown:.4g} {claim.unit}, the text says {claim.value:g}"
                                  f"{elsewhere}{others}")


def _month_check(claim: object, argument: str, published: pd.Timestamp | None) -> Verdict | None:
    """A year that held, of a date whose quote gives its month: the month against the dataset's month of the same
    event (the measure with "month" for "year"), when it has one; None when there is nothing to compare.

    A date "in July 2019" of an election held on 9 June 2019 fails here, although its year holds.
    """
    dataset, country, measure, period = datasets.parse_key(argument)
    if claim.unit != "date" or "year" not in measure:
        return None
    sibling = measure.replace("year", "month")
    months = cited.months_of(claim.quote, claim.value)
    if not months or not datasets.has_measure(dataset, country, sibling):
        return None
    key = f"{dataset}:{country}:{sibling}" + (f"@{period}" if period else "")
    found = datasets.value_for(key, published, claim.claim_id)
    given = cited.month_names({int(found.value)}, claim.value)
    if int(found.value) in months:
        return Verdict("consistent", f"{found.cite}: {given}")
    return Verdict("discrepancy", f"{found.cite}: {given}, the text says {cited.month_names(months, claim.value)}")


def check_reference_rank(claim: object, argument: str, published: pd.Timestamp | None) -> Verdict:
    """``ref_rank:<dataset>:<country>:<measure>[@<period>]``: a rank recomputed from the whole table (1 + the
    number of entries scoring better), beside the rank the publisher printed where the dataset has one."""
    place, of, found = datasets.rank_for(argument, published, claim.claim_id)
    dataset, country, _, _ = datasets.parse_key(argument)
    printed = datasets.printed_rank(dataset, country, found)
    also = f"; the publisher's rank: {printed:g}" if printed is not None and printed != place else ""
    reason = f"{found.cite} = {found.value:g}: rank {place} of {of}, recomputed{also}"
    ok = claim.value == place or (printed is not None and claim.value == printed)
    return Verdict("consistent" if ok else "discrepancy", reason + ("" if ok else f", the text says {claim.value:g}"))


#: How a text names the base of a share.
_BASES = {"GNI": re.compile(r"\bGNI\b|national income", re.IGNORECASE),
          "GDP": re.compile(r"\bGDP\b|gross domestic product", re.IGNORECASE)}


def _base_stated(quote: str) -> str | None:
    """The base a quote gives a share of (GDP or GNI), if it names one.

    >>> _base_stated("from 0.7 per cent of GDP to 0.5"), _base_stated("0.7 per cent of national income")
    ('GDP', 'GNI')
    """
    return next((base for base, pattern in _BASES.items() if pattern.search(quote)), None)


def check_reference_count(claim: object, argument: str) -> Verdict:
    """``ref_count:<dataset>:<measure>@<period>``: how many entries the dataset ranks on a measure in a period."""
    dataset, _, rest = argument.partition(":")
    measure, _, period = rest.partition("@")
    count, release = datasets.count(dataset, measure, period, claim.claim_id)
    ok = claim.value == count
    reason = f"{datasets.describe(dataset)}, release {release}: {count} entries have a {measure} for {period}"
    return Verdict("consistent" if ok else "discrepancy", reason + ("" if ok else f", the text says {claim.value:g}"))


def check_below_reference(claim: object, argument: str, published: pd.Timestamp | None) -> Verdict:
    """``below_ref:<key>``: the figure is no larger than a reference value (a sanity check)."""
    found = datasets.value_for(argument, published, claim.claim_id)
    ok = claim.magnitude <= found.value
    return Verdict("consistent" if ok else "discrepancy",
                   f"{claim.value:g} {claim.unit} is {'no more than' if ok else 'more than'} {found.cite}: "
                   f"{found.value:.4g}")
