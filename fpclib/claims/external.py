"""External checks of Freedom House claims: the figure, the edition it matches, and the tie rule of a rank.

A report that says "currently" means the latest edition published before the report; the check picks that
edition and says so. When the figure does not hold there, every other edition is tried, so the reason can say
which edition (if any) the report's figure came from.
"""

from __future__ import annotations

import re
from functools import cache

import pandas as pd

from fpclib import reference as fh
from fpclib.claims.verdict import Verdict

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
    when = f"FIW {edition} (covers {fh.covers_year(edition)})"
    if stated and current and stated > current:
        return Verdict("discrepancy", f"{when} was not yet published when the report appeared; latest was FIW {current}")
    value = claim.value
    if measure == "status":
        said = _status(f"{claim.what} {claim.quote}")
        actual = fh.lookup(fiw, country, edition, "status")
        if said is None:
            return Verdict("unverifiable", "no status word found in the claim")
        return Verdict("consistent" if said == actual else "discrepancy", f"{when}: {country} is {actual}, the text says {said}")
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
        elsewhere = f"; {value:g} matches no edition (nearest: FIW {nearest}, {_figure(fiw, country, nearest, measure)[1]})"
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
    """Check ``nit:<Country>:<measure>[:<edition>]`` (score 1-7, percentage 0-100, regime) against Nations in Transit."""
    country, measure, *rest = argument.split(":")
    nit = _nit()
    edition = int(rest[0]) if rest else int(nit["nit_edition"].max())
    rows = nit[(nit["country"] == country) & (nit["nit_edition"] == edition)]
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
