"""The relation registry: each kind of relation a claim can have, the function that checks it, and its kind of check.

Adding a kind of check is one entry in :data:`RELATIONS` and one function ``check(claim, argument, context)``
that returns a :class:`~fpclib.claims.verdict.Verdict`. The registry's ``check`` column is derived from here
(:func:`check_kind`), and so is every dispatch in :func:`fpclib.claims.check.check_claims`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from fpclib.claims import external
from fpclib.claims.registry import relations
from fpclib.claims.verdict import Verdict
from fpclib.sources.text import MARKER


@dataclass(frozen=True)
class Context:
    """What the checks read besides the claim: every located claim by id, reference tables, publication dates,
    and the verdict of each total computed from its parts."""

    by_id: pd.DataFrame
    fiw: pd.DataFrame
    published: Mapping[str, pd.Timestamp]
    totals: Mapping[str, Verdict]


Check = Callable[[Any, str, Context], Verdict]
Classify = Callable[[str, str, Mapping[str, str]], str]


@dataclass(frozen=True)
class Relation:
    """One kind of relation: how to check it and what kind of check it is (the registry's ``check`` column)."""

    check: Check
    check_kind: Classify
    description: str


def _fixed(name: str) -> Classify:
    """A kind of check that does not depend on the claims related."""
    return lambda _report, _argument, _report_of: name


_TRANSLATION = re.compile(r"-(kk|ru|ky)$")


def _copy_kind(report_id: str, argument: str, report_of: Mapping[str, str]) -> str:
    """``cross-language``, ``restated`` or ``cross-report``: where the other statement of the figure stands."""
    other = report_of.get(argument)
    translated = _TRANSLATION.search(report_id) is not None
    if other is None:
        return "cross-language" if translated else "restated"
    if other == report_id:
        return "restated"
    if translated and _TRANSLATION.sub("", report_id) == other:
        return "cross-language"
    return "cross-report"


def _unregistered(argument: str) -> Verdict | None:
    """The verdict for a relation to a figure marked not yet registered (``?...``)."""
    if argument.startswith("?"):
        return Verdict("unverifiable", f"the figure it restates is not registered yet ({argument[1:][:40]})")
    return None


def check_total(_claim: Any, argument: str, context: Context) -> Verdict:
    """``total:<id>``: this claim is a part of that total (all its parts must add up to it)."""
    return context.totals.get(argument, Verdict("unverifiable", f"total {argument} is not registered"))


def check_equals(claim: Any, argument: str, context: Context) -> Verdict:
    """``equals:<id>``: the same figure stated elsewhere (a translation, a copy, another report)."""
    if (early := _unregistered(argument)) is not None:
        return early
    by_id = context.by_id
    if argument not in by_id.index:
        return Verdict("unverifiable", f"{argument} is not registered")
    ours, other = claim.magnitude, by_id.loc[argument, "magnitude"]
    if pd.isna(ours) and pd.isna(other):
        return Verdict("consistent", f"same status as {argument}")
    theirs = f"{by_id.loc[argument, 'value']:g} {by_id.loc[argument, 'unit']}"
    if not pd.isna(ours) and not pd.isna(other) and math.isclose(ours, other, rel_tol=1e-6):
        return Verdict("consistent", f"same figure as {argument} ({theirs})")
    return Verdict("discrepancy", f"{claim.value:g} {claim.unit} here, {theirs} in {argument}")


def check_rank_of(claim: Any, argument: str, context: Context) -> Verdict:
    """``rank_of:<id>``: a rank within a list of that size."""
    if (early := _unregistered(argument)) is not None:
        return early
    if argument not in context.by_id.index:
        return Verdict("unverifiable", f"{argument} is not registered")
    size = context.by_id.loc[argument, "value"]
    ok = 1 <= claim.value <= size
    return Verdict("consistent" if ok else "discrepancy", f"rank {claim.value:g} {'within' if ok else 'outside'} a list of {size:g}")


def check_percent(claim: Any, argument: str, context: Context) -> Verdict:
    """``percent:<part>/<whole>``: a percentage against the two counts it is a share of."""
    if (early := _unregistered(argument)) is not None:
        return early
    by_id = context.by_id
    part_id, _, whole_id = argument.partition("/")
    if part_id not in by_id.index or whole_id not in by_id.index:
        return Verdict("unverifiable", f"{argument}: a count is not registered")
    part, whole = by_id.loc[part_id, "value"], by_id.loc[whole_id, "value"]
    share = 100 * part / whole
    ok = abs(share - claim.value) < 0.5 + 1e-9
    return Verdict("consistent" if ok else "discrepancy", f"{part:g} of {whole:g} is {share:.1f}%")


#: A stated maximum: "11 out of 100", "8/100", "из 100", "100 баллдык системасында" (on a 100-point system).
_OUT_OF = re.compile(r"(?:out of|/|из)\s*(?P<a>\d+)|(?P<b>\d+)[\s-]*(?:баллдык|балдық|балльн|point)", re.IGNORECASE)


def check_scale(claim: Any, argument: str, _context: Context) -> Verdict:
    """``scale:<min>-<max>``: a score must lie on its scale, and the text must not present it on another one."""
    low_text, _, high_text = argument.partition("-")
    low, high = float(low_text), float(high_text)
    value, quote = claim.value, MARKER.sub("", claim.quote)
    if not low <= value <= high:
        return Verdict("discrepancy", f"{value:g} is outside the scale {low:g}-{high:g}")
    stated = _OUT_OF.search(quote)
    maximum = stated and (stated.group("a") or stated.group("b"))
    if maximum and float(maximum) != high:
        return Verdict("discrepancy", f"a {low:g}-{high:g} score presented out of {maximum}")
    return Verdict("consistent", f"within the scale {low:g}-{high:g}")


def check_fiw(claim: Any, argument: str, context: Context) -> Verdict:
    """``fiw:<Country>:<measure>[:<edition>]`` against Freedom in the World."""
    return external.check_fiw(claim, argument, context.fiw, context.published.get(claim.pub_id))


def check_fiw_below(claim: Any, argument: str, context: Context) -> Verdict:
    """``fiw_below:<Country>:<Other>,...``: how many of the others score below the country."""
    return external.check_fiw_below(claim, argument, context.fiw, context.published.get(claim.pub_id))


def check_nit(claim: Any, argument: str, _context: Context) -> Verdict:
    """``nit:<Country>:<measure>[:<edition>]`` against Nations in Transit."""
    return external.check_nit(claim, argument)


#: Every kind of relation: its check and its kind of check. See ``data/claims/README.md`` for the syntax.
RELATIONS: dict[str, Relation] = {
    "total": Relation(check_total, _fixed("arithmetic"), "a part of that total; all parts must add up to it"),
    "percent": Relation(check_percent, _fixed("arithmetic"), "a percentage of two registered counts"),
    "rank_of": Relation(check_rank_of, _fixed("arithmetic"), "a rank within a list of that size"),
    "equals": Relation(check_equals, _copy_kind, "the same figure stated elsewhere"),
    "fiw": Relation(check_fiw, _fixed("external"), "Freedom in the World"),
    "fiw_below": Relation(check_fiw_below, _fixed("external"), "neighbours scoring below in Freedom in the World"),
    "nit": Relation(check_nit, _fixed("external"), "Nations in Transit"),
    "scale": Relation(check_scale, _fixed("scale"), "a score on a known scale"),
}


def check_kind(report_id: str, relation: str, report_of: Mapping[str, str]) -> str:
    """What the registry's ``check`` column must say for a claim, derived from its relations (``;``-separated):
    ``arithmetic``, ``cross-language`` (a translation against its English original), ``cross-report``,
    ``restated`` (elsewhere in the same report), ``external`` (reference data), ``scale``, or ``none``.

    >>> check_kind("r-ky", "equals:r-001", {"r-001": "r"})
    'cross-language'
    >>> check_kind("r", "total:r-009;fiw:Kyrgyzstan:pr", {})
    'arithmetic;external'
    """
    kinds = [RELATIONS[kind].check_kind(report_id, argument, report_of)
             for kind, argument in relations(relation) if kind in RELATIONS]
    return ";".join(dict.fromkeys(kinds)) or "none"
