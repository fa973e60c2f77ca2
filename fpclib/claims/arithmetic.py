"""Arithmetic that respects units and meaning: sums, shares, ratios, differences, inequalities, spans of years
and currency conversions between registered claims.

Figures are compared on their magnitude (``150`` ``thousand people`` is 150,000 people, ``two decades`` is 20
years), and only when they count the same thing: parts that count threats do not add up to a total of people.
"""

from __future__ import annotations

import math
import re
from typing import Any

import pandas as pd

from fpclib.claims.verdict import Verdict

#: Words of a unit that only scale it, and the unit words that say the same thing.
_SCALES = frozenset({"thousand", "million", "mn", "billion", "bn", "trillion", "m", "k"})
_SAME = {"person": "people", "persons": "people", "individuals": "people", "decades": "years", "decade": "years",
         "months": "years", "month": "years", "century": "years", "centuries": "years", "year": "years",
         "share": "percent", "fraction": "percent", "per cent": "percent"}
#: Units that are a share of something: a fraction (0.25) is 25 per cent.
_FRACTIONS = frozenset({"share", "fraction"})


def base_unit(unit: str) -> str:
    """What a unit counts, without its scale words: the thing parts and totals must share.

    >>> base_unit("USD million"), base_unit("million people"), base_unit("decades"), base_unit("Cases")
    ('usd', 'people', 'years', 'cases')
    """
    words = [w for w in re.findall(r"[a-z0-9%]+", str(unit).lower()) if w not in _SCALES]
    text = " ".join(words)
    return _SAME.get(text, text)


def _decimals(value: float) -> int:
    """Decimal places of a figure as written (``5.3`` has 1)."""
    text = f"{value:g}"
    return len(text.split(".")[1]) if "." in text and "e" not in text else 0


def _rounding(value: float) -> float:
    """Half a unit of the last digit a figure states: how far a rounded figure may lie from the exact one.

    >>> _rounding(5.3), _rounding(33.0)
    (0.05, 0.5)
    """
    return 0.5 * 10 ** -_decimals(value)


def _named(by_id: pd.DataFrame, claim: Any, claim_id: str) -> tuple[float, str, float]:
    """Value, unit and magnitude of a named claim, the claim being checked standing for itself."""
    if claim_id == claim.claim_id:
        return claim.value, claim.unit, claim.magnitude
    row = by_id.loc[claim_id]
    return row["value"], row["unit"], row["magnitude"]


def _stated(by_id: pd.DataFrame, claim: Any, claim_id: str) -> str:
    """What the registry says a claim's sentence counts (``counts:<thing>``), or ''."""
    relation = claim.relation if claim_id == claim.claim_id else by_id.loc[claim_id, "relation"]
    stated = re.search(r"(?:^|;)\s*counts:([^;]+)", str(relation or ""))
    return stated.group(1).strip() if stated else ""


def counted(by_id: pd.DataFrame, claim: Any, claim_id: str) -> str:
    """What a claim counts: the registry's ``counts:<thing>`` where it says (the text calls them "threats"),
    else its unit without scale words."""
    return _stated(by_id, claim, claim_id) or base_unit(_named(by_id, claim, claim_id)[1])


def parts_sum(total_id: str, by_id: pd.DataFrame, part_ids: tuple[str, ...], claim: Any) -> Verdict:
    """Whether the parts naming ``total_id`` add up to it, in magnitude, when they count the same thing."""
    total, _, total_magnitude = _named(by_id, claim, total_id)
    parts = [_named(by_id, claim, part) for part in part_ids]
    things = {counted(by_id, claim, part) for part in part_ids}
    words = " + ".join(f"{value:g}" for value, _, _ in parts)
    if things != {counted(by_id, claim, total_id)}:
        return Verdict("unverifiable", f"the parts count {', '.join(sorted(things))}, the total {total_id} counts "
                                       f"{counted(by_id, claim, total_id)}: they are not parts of it")
    added = sum(magnitude for _, _, magnitude in parts)
    if math.isclose(added, total_magnitude, rel_tol=1e-6):
        return Verdict("consistent", f"parts add up: {words} = {total:g}")
    named = _stated(by_id, claim, part_ids[0])
    return Verdict("discrepancy", f"parts{f' ({named})' if named else ''} add up to "
                                  f"{added / total_magnitude * total:g} ({words}), the text's total is {total:g}")


def _as_percent(value: float, unit: str) -> float:
    """A share as a percentage: ``0.25`` ``share`` is 25."""
    return 100 * value if base_unit(unit) == "percent" and str(unit).lower() in _FRACTIONS else value


def percent(claim: Any, argument: str, by_id: pd.DataFrame) -> Verdict:
    """``percent:<part>/<whole>``: a percentage (or share) against the two counts it is a share of."""
    part_id, _, whole_id = argument.partition("/")
    part, part_unit, part_magnitude = _named(by_id, claim, part_id)
    _, whole_unit, whole_magnitude = _named(by_id, claim, whole_id)
    if base_unit(part_unit) != base_unit(whole_unit):
        return Verdict("unverifiable", f"{part_id} counts {base_unit(part_unit)}, {whole_id} counts "
                                       f"{base_unit(whole_unit)}: one is not a share of the other")
    share = 100 * part_magnitude / whole_magnitude
    stated = _as_percent(claim.value, claim.unit)
    ok = abs(share - stated) < max(0.5, _rounding(stated)) + 1e-9
    whole = by_id.loc[whole_id, "value"] if whole_id in by_id.index else float("nan")
    return Verdict("consistent" if ok else "discrepancy",
                   f"{part:g} of {whole:g} is {share:.1f}%" + ("" if ok else f", the text says {stated:g}%"))


def at_least(claim: Any, argument: str, by_id: pd.DataFrame) -> Verdict:
    """``at_least:<id>``: no smaller than a related count (the incidents against the people they hit)."""
    other, unit, magnitude = _named(by_id, claim, argument)
    ok = claim.magnitude >= magnitude
    return Verdict("consistent" if ok else "discrepancy",
                   f"{claim.value:g} {claim.unit} {'is no fewer than' if ok else 'is fewer than'} the {other:g} "
                   f"{unit} of {argument}")


def ratio(claim: Any, argument: str, by_id: pd.DataFrame) -> Verdict:
    """``ratio:<a>/<b>``: an n-fold (or ratio) against ``a / b``, to the precision the text states it."""
    a_id, _, b_id = argument.partition("/")
    a, a_unit, a_magnitude = _named(by_id, claim, a_id)
    b, b_unit, b_magnitude = _named(by_id, claim, b_id)
    if base_unit(a_unit) != base_unit(b_unit):
        return Verdict("unverifiable", f"{a_id} counts {base_unit(a_unit)}, {b_id} {base_unit(b_unit)}: no ratio")
    exact = a_magnitude / b_magnitude
    ok = abs(exact - claim.value) <= max(_rounding(claim.value), 0.05 * exact) + 1e-9
    return Verdict("consistent" if ok else "discrepancy",
                   f"{a:g} / {b:g} = {exact:.2f}" + ("" if ok else f", the text says {claim.value:g}"))


def difference(claim: Any, argument: str, by_id: pd.DataFrame) -> Verdict:
    """``difference:<a>/<b>``: a change or gap against ``a - b`` (in the claim's own unit)."""
    a_id, _, b_id = argument.partition("/")
    a, a_unit, a_magnitude = _named(by_id, claim, a_id)
    b, b_unit, b_magnitude = _named(by_id, claim, b_id)
    if not base_unit(a_unit) == base_unit(b_unit) == base_unit(claim.unit):
        return Verdict("unverifiable", f"{a_id}, {b_id} and the claim do not count the same thing")
    scale = claim.magnitude / claim.value if claim.value else 1.0
    exact = (a_magnitude - b_magnitude) / scale
    ok = abs(exact - claim.value) <= _rounding(claim.value) + 1e-9
    return Verdict("consistent" if ok else "discrepancy",
                   f"{a:g} - {b:g} = {exact:g}" + ("" if ok else f", the text says {claim.value:g}"))


#: How far a conversion may lie from the reference rate: rates move within a year.
CONVERSION_TOLERANCE = 0.15


def convert(claim: Any, argument: str, by_id: pd.DataFrame, published: pd.Timestamp | None) -> Verdict:
    """``convert:<id>:<dataset>:<country>:<measure>[:<period>]``: this amount is that one in another currency,
    at the reference exchange rate (units of the other currency per unit of this one) of the period."""
    from fpclib.reference import datasets

    source_id, _, rate_key = argument.partition(":")
    amount, unit, magnitude = _named(by_id, claim, source_id)
    rate = datasets.value_for(rate_key, published, claim.claim_id)
    expected = magnitude / rate.value
    ok = abs(claim.magnitude - expected) <= CONVERSION_TOLERANCE * expected
    shown = expected / (claim.magnitude / claim.value) if claim.value else expected
    return Verdict("consistent" if ok else "discrepancy",
                   f"{amount:g} {unit} at {rate.value:g} per unit ({rate.cite}) is {shown:.3g} {claim.unit}"
                   + ("" if ok else f", the text says {claim.value:g}"))


#: Years a span may differ from the dates it spans: "30 years" of a span that began in 1991 and runs to mid-2021.
SPAN_TOLERANCE = 1.0


def span(claim: Any, argument: str, published: pd.Timestamp | None) -> Verdict:
    """``span:<from>[-<to>]``: a span of years against the years it runs between; ``to`` is the year of
    publication when left out. ``from`` may be a reference key (``factbook_dates:Kazakhstan:independence year``)."""
    from fpclib.reference import datasets

    years = re.fullmatch(r"(\d{3,4})(?:-(\d{3,4}))?", argument)
    if years:
        first, last = years.group(1), years.group(2) or ""
    else:
        found = datasets.value_for(argument, published, claim.claim_id)
        first, last = f"{found.value:.0f} ({found.cite})", ""
    if not last and (published is None or pd.isna(published)):
        return Verdict("unverifiable", "no publication date to count the span to")
    end = int(last) if last else published.year
    expected = end - int(first[:4].strip())
    ok = abs(claim.magnitude - expected) <= SPAN_TOLERANCE
    until = f"{end}" if last else f"publication ({published:%Y-%m-%d})"
    return Verdict("consistent" if ok else "discrepancy",
                   f"{first} to {until} is {expected} years" + ("" if ok else f", the text says {claim.magnitude:g}"))


def year_by(claim: Any, published: pd.Timestamp | None) -> Verdict:
    """``year``: a year the text gives as past cannot be after the year of publication."""
    if published is None or pd.isna(published):
        return Verdict("unverifiable", "no publication date to compare the year with")
    ok = claim.value <= published.year
    return Verdict("consistent" if ok else "discrepancy",
                   f"{claim.value:g} is {'not after' if ok else 'after'} the publication ({published:%Y-%m-%d})")


def after(claim: Any, argument: str, by_id: pd.DataFrame) -> Verdict:
    """``after:<id>``: a year no earlier than the year it follows in its sequence."""
    other = by_id.loc[argument, "value"]
    ok = claim.value >= other
    return Verdict("consistent" if ok else "discrepancy",
                   f"{claim.value:g} {'follows' if ok else 'comes before'} {other:g} ({argument})")


def before(claim: Any, argument: str, by_id: pd.DataFrame) -> Verdict:
    """``before:<id>``: a year no later than the year that follows it in its sequence."""
    other = by_id.loc[argument, "value"]
    ok = claim.value <= other
    return Verdict("consistent" if ok else "discrepancy",
                   f"{claim.value:g} {'precedes' if ok else 'comes after'} {other:g} ({argument}), which follows it")
