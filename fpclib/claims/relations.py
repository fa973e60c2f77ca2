"""The relation registry: each kind of relation a claim can have, the function that checks it, and what it is.

Adding a kind of check is one entry in :data:`RELATIONS` and one function ``check(claim, argument, context)``
that returns a :class:`~fpclib.claims.verdict.Verdict`. Each entry names its axis: ``fidelity`` (the claim is a
copy of another statement of the figure) or a kind of evidence (``reference``: a dataset; ``source``: a public
page; ``endnote``, ``arithmetic``, ``date``); a ``sanity`` check (a rank within its list, a score on its scale) can
make evidence fail but never hold. The registry's ``check`` column is derived from here (:func:`check_kind`), and
so is every dispatch in :func:`fpclib.claims.check.check_claims`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

import fpclib.claims.arithmetic as arithmetic
import fpclib.claims.cited as cited
import fpclib.claims.endnotes as endnotes
import fpclib.claims.external as external
import fpclib.claims.lists as lists
from fpclib.claims.syntax import relations
from fpclib.claims.verdict import Verdict
from fpclib.sources.text import MARKER

#: Units of a point in time: a date's "decade" is the 1990s, not ten years, so copies compare their values.
DATE_UNITS = frozenset({"year", "date", "decade", "century"})
#: The kinds of evidence, in the order the axes name them.
EVIDENCE_KINDS = ("reference", "source", "endnote", "arithmetic", "date")


@dataclass(frozen=True)
class Context:
    """What the checks read besides the claim: every located claim by id, reference tables, publication dates,
    the parts of each total, the endnotes' texts, per claim whose sentence cites no endnote the first one cited
    after it in its paragraph, and the corpus's blocks (for the lists that follow a claim)."""

    by_id: pd.DataFrame
    fiw: pd.DataFrame
    published: Mapping[str, pd.Timestamp]
    parts: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    notes: Mapping[tuple[str, int], str] = field(default_factory=dict)
    later_notes: Mapping[str, int] = field(default_factory=dict)
    blocks: pd.DataFrame | None = None


Check = Callable[[Any, str, Context], Verdict]
Classify = Callable[[str, str, Mapping[str, str]], str]
Targets = Callable[[str], list[str]]


@dataclass(frozen=True)
class Relation:
    """One kind of relation: how to check it, its registry ``check`` word, its axis and the claims it names.

    ``axis`` is ``fidelity`` or a kind of evidence (:data:`EVIDENCE_KINDS`); ``sanity`` marks a check that can
    only catch gross errors, so it may make evidence fail but never hold.
    """

    check: Check
    check_kind: Classify
    description: str
    axis: str
    sanity: bool = False
    targets: Targets = lambda _argument: []


def _fixed(name: str) -> Classify:
    """A kind of check that does not depend on the claims related."""
    return lambda _report, _argument, _report_of: name


def _one(argument: str) -> list[str]:
    """The claim a relation names (none for a ``?`` figure not registered yet)."""
    return [] if argument.startswith("?") else [argument]


def _pair(argument: str) -> list[str]:
    """The two claims of ``<a>/<b>``.

    >>> _pair("x-1/x-2")
    ['x-1', 'x-2']
    """
    return [] if argument.startswith("?") else [a for a in argument.split("/") if a]


def _first(argument: str) -> list[str]:
    """The claim named before the first ``:`` (``<id>:<rest>``)."""
    return _one(argument.split(":", 1)[0])


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


def check_total(claim: Any, argument: str, context: Context) -> Verdict:
    """``total:<id>``: this claim is a part of that total (all its parts must add up to it)."""
    return arithmetic.parts_sum(argument, context.by_id, context.parts.get(argument, ()), claim)


def check_parts(claim: Any, argument: str, context: Context) -> Verdict:
    """The total itself (added for every claim that parts name): its parts must add up to it."""
    return arithmetic.parts_sum(argument, context.by_id, context.parts.get(argument, ()), claim)


def check_equals(claim: Any, argument: str, context: Context) -> Verdict:
    """``equals:<id>``: the same figure stated elsewhere (a translation, a copy, another report)."""
    if (early := _unregistered(argument)) is not None:
        return early
    by_id = context.by_id
    mine, theirs_count = _counts(claim.relation), _counts(by_id.loc[argument, "relation"])
    if mine and theirs_count and mine != theirs_count:
        return Verdict("discrepancy", f"{claim.value:g} counts {mine} here, {theirs_count} in {argument}")
    ours, other = claim.magnitude, by_id.loc[argument, "magnitude"]
    if claim.unit in DATE_UNITS and by_id.loc[argument, "unit"] in DATE_UNITS:
        ours, other = claim.value, by_id.loc[argument, "value"]
    if pd.isna(ours) and pd.isna(other):
        return Verdict("consistent", f"same status as {argument}")
    theirs = f"{by_id.loc[argument, 'value']:g} {by_id.loc[argument, 'unit']}"
    if not pd.isna(ours) and not pd.isna(other) and math.isclose(ours, other, rel_tol=1e-6):
        months = _months_differ(claim, by_id.loc[argument])
        if months:
            return Verdict("discrepancy", f"{months[0]} here, {months[1]} in {argument}")
        return Verdict("consistent", f"same figure as {argument} ({theirs})")
    return Verdict("discrepancy", f"{claim.value:g} {claim.unit} here, {theirs} in {argument}")


def _months_differ(claim: Any, other: Any) -> tuple[str, str] | None:
    """The months two statements of the same year give it, when both give one and they share none
    ("November 2020" against "September 2020"); None otherwise."""
    if claim.unit not in DATE_UNITS or other["unit"] not in DATE_UNITS:
        return None
    mine, theirs = cited.months_of(claim.quote, claim.value), cited.months_of(other["quote"], other["value"])
    if not mine or not theirs or mine & theirs:
        return None
    return cited.month_names(mine, claim.value), cited.month_names(theirs, other["value"])


def _counts(relation: str) -> str:
    """What a claim's sentence counts, where the registry says so (``counts:<thing>``)."""
    return next((argument for kind, argument in relations(relation) if kind == "counts"), "")


def check_counts(_claim: Any, argument: str, _context: Context) -> Verdict:
    """``counts:<thing>``: what the sentence counts; :func:`check_equals` compares it with the original's."""
    return Verdict("unverifiable", f"counts {argument}")


def check_rank_of(claim: Any, argument: str, context: Context) -> Verdict:
    """``rank_of:<id>``: a rank within a list of that size."""
    if (early := _unregistered(argument)) is not None:
        return early
    size = context.by_id.loc[argument, "value"]
    ok = 1 <= claim.value <= size
    return Verdict("consistent" if ok else "discrepancy",
                   f"rank {claim.value:g} {'within' if ok else 'outside'} a list of {size:g}")


def check_percent(claim: Any, argument: str, context: Context) -> Verdict:
    """``percent:<part>/<whole>``: a percentage against the two counts it is a share of."""
    if (early := _unregistered(argument)) is not None:
        return early
    return arithmetic.percent(claim, argument, context.by_id)


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


def check_ref(claim: Any, argument: str, context: Context) -> Verdict:
    """``ref:<dataset>:<country>:<measure>[:<period>]`` against a catalogued reference dataset, in the release
    current at publication (see ``data/reference/datasets.csv``)."""
    return external.check_reference(claim, argument, context.published.get(claim.pub_id))


def check_source(claim: Any, argument: str, context: Context) -> Verdict:
    """``source:<subject>:<measure>[@<period>]``: a fact transcribed by hand from one public page (the dataset
    ``sourced``, ``data/reference/sourced_*.csv``), from the page current at publication; pages that disagree are
    named."""
    return external.check_reference(claim, f"{SOURCED}:{argument}", context.published.get(claim.pub_id))


#: The dataset of facts transcribed from public pages, which :func:`check_source` reads.
SOURCED = "sourced"


def check_ref_rank(claim: Any, argument: str, context: Context) -> Verdict:
    """``ref_rank:<dataset>:<country>:<measure>[:<period>]``: a rank recomputed from the whole table."""
    return external.check_reference_rank(claim, argument, context.published.get(claim.pub_id))


def check_ref_count(claim: Any, argument: str, _context: Context) -> Verdict:
    """``ref_count:<dataset>:<measure>@<period>``: the size of a list against the entries the dataset ranks."""
    return external.check_reference_count(claim, argument)


def check_below_ref(claim: Any, argument: str, context: Context) -> Verdict:
    """``below_ref:<dataset>:<country>:<measure>[@<period>]``: no larger than a reference value (money spent in
    a country against its GDP): a sanity check."""
    return external.check_below_reference(claim, argument, context.published.get(claim.pub_id))


def check_endnote(claim: Any, argument: str, context: Context) -> Verdict:
    """``endnote[:<n>]``: the figure against the numbers of the endnote its sentence cites (or note ``n``)."""
    return endnotes.check_figure(claim, argument, context.notes)


def check_endnote_date(claim: Any, argument: str, context: Context) -> Verdict:
    """``endnote_date[:<n>]``: a year or date against the date of the endnote it cites."""
    return endnotes.check_date(claim, argument, context.notes)


def check_at_least(claim: Any, argument: str, context: Context) -> Verdict:
    """``at_least:<id>``: this count can be no smaller than that one (incidents against the people they hit)."""
    return arithmetic.at_least(claim, argument, context.by_id)


def check_ratio(claim: Any, argument: str, context: Context) -> Verdict:
    """``ratio:<a>/<b>``: an "n-fold" or ratio against the two figures it relates."""
    return arithmetic.ratio(claim, argument, context.by_id)


def check_difference(claim: Any, argument: str, context: Context) -> Verdict:
    """``difference:<a>/<b>``: a change (increase, gap) against the two figures it is the difference of."""
    return arithmetic.difference(claim, argument, context.by_id)


def check_convert(claim: Any, argument: str, context: Context) -> Verdict:
    """``convert:<id>:<rate dataset>``: an amount in another currency against a reference exchange rate."""
    return arithmetic.convert(claim, argument, context.by_id, context.published.get(claim.pub_id))


def check_span(claim: Any, argument: str, context: Context) -> Verdict:
    """``span:<from>[-<to>]``: a span of years against the years it spans (``to`` defaults to publication)."""
    return arithmetic.span(claim, argument, context.published.get(claim.pub_id))


def check_items(claim: Any, argument: str, context: Context) -> Verdict:
    """``items[:<block_id>]``: a count ("the seven principles are:") against the items of the list that follows
    the claim's block, or the block named (:mod:`fpclib.claims.lists`)."""
    return lists.count_items(claim, argument, context.blocks)


def check_year(claim: Any, argument: str, context: Context) -> Verdict:
    """``year``: a year the text gives as past is no later than the publication (a sanity check)."""
    return arithmetic.year_by(claim, context.published.get(claim.pub_id))


def check_year_order(claim: Any, argument: str, context: Context) -> Verdict:
    """``after:<id>``: a year or date no earlier than the one it follows in the passage (a sanity check)."""
    return arithmetic.after(claim, argument, context.by_id)


def check_year_before(claim: Any, argument: str, context: Context) -> Verdict:
    """``before:<id>``: a year or date no later than the one that follows it in the passage (a sanity check)."""
    return arithmetic.before(claim, argument, context.by_id)


#: Every kind of relation: its check, its kind of check, its axis. See ``data/claims/README.md`` for the syntax.
RELATIONS: dict[str, Relation] = {
    "total": Relation(check_total, _fixed("arithmetic"), "a part of that total; all parts must add up to it",
                      "arithmetic", targets=_one),
    "percent": Relation(check_percent, _fixed("arithmetic"), "a percentage of two registered counts", "arithmetic",
                        targets=_pair),
    "rank_of": Relation(check_rank_of, _fixed("arithmetic"), "a rank within a list of that size", "arithmetic",
                        sanity=True, targets=_one),
    "at_least": Relation(check_at_least, _fixed("arithmetic"), "no smaller than a related count", "arithmetic",
                         sanity=True, targets=_one),
    "ratio": Relation(check_ratio, _fixed("arithmetic"), "a ratio or n-fold of two registered figures",
                      "arithmetic", targets=_pair),
    "difference": Relation(check_difference, _fixed("arithmetic"), "the difference of two registered figures",
                           "arithmetic", targets=_pair),
    "convert": Relation(check_convert, _fixed("arithmetic"), "a currency conversion at a reference rate",
                        "arithmetic", targets=_first),
    "items": Relation(check_items, _fixed("arithmetic"), "a count of the items of the list that follows",
                      "arithmetic"),
    "span": Relation(check_span, _fixed("arithmetic"), "a span of years against the years it spans", "date"),
    "equals": Relation(check_equals, _copy_kind, "the same figure stated elsewhere", "fidelity", targets=_one),
    "fiw": Relation(check_fiw, _fixed("external"), "Freedom in the World", "reference"),
    "fiw_below": Relation(check_fiw_below, _fixed("external"), "neighbours scoring below in Freedom in the World",
                          "reference"),
    "nit": Relation(check_nit, _fixed("external"), "Nations in Transit", "reference"),
    "ref": Relation(check_ref, _fixed("external"), "a catalogued reference dataset", "reference"),
    "source": Relation(check_source, _fixed("external"), "a fact transcribed from a public page", "source"),
    "ref_rank": Relation(check_ref_rank, _fixed("external"), "a rank recomputed from a reference dataset",
                         "reference"),
    "ref_count": Relation(check_ref_count, _fixed("external"), "the size of a list in a reference dataset",
                          "reference"),
    "below_ref": Relation(check_below_ref, _fixed("external"), "no larger than a reference value", "reference",
                          sanity=True),
    "counts": Relation(check_counts, _fixed(""), "what the sentence counts, compared by equals", "fidelity"),
    "endnote": Relation(check_endnote, _fixed("endnote"), "the numbers of the cited endnote", "endnote"),
    "endnote_date": Relation(check_endnote_date, _fixed("endnote"), "the date of the cited endnote", "date"),
    "year": Relation(check_year, _fixed("date"), "a past year no later than the publication", "date", sanity=True),
    "after": Relation(check_year_order, _fixed("date"), "a year no earlier than the one it follows", "date",
                      sanity=True, targets=_one),
    "before": Relation(check_year_before, _fixed("date"), "a year no later than the one that follows it", "date",
                       sanity=True, targets=_one),
    "scale": Relation(check_scale, _fixed("scale"), "a score on a known scale", "arithmetic", sanity=True),
}

#: The check every total gets from the parts that name it (not written in the registry).
PARTS = Relation(check_parts, _fixed("arithmetic"), "the sum of the parts that name it", "arithmetic")


def check_cited(claim: Any, _argument: str, context: Context) -> Verdict:
    """The endnote the claim's sentence cites, for every claim that names no ``endnote`` relation of its own."""
    return cited.check_cited(claim, context.notes, context.later_notes.get(claim.claim_id))


#: The check every claim whose sentence cites an endnote gets from it (not written in the registry).
CITED = Relation(check_cited, _fixed("endnote"), "the year, date or count the cited endnote gives", "endnote")


def check_kind(report_id: str, relation: str, report_of: Mapping[str, str]) -> str:
    """What the registry's ``check`` column must say for a claim, derived from its relations (``;``-separated):
    ``arithmetic``, ``cross-language`` (a translation against its English original), ``cross-report``,
    ``restated`` (elsewhere in the same report), ``external`` (reference data), ``endnote``, ``date``, ``scale``,
    or ``none``.

    >>> check_kind("r-ky", "equals:r-001", {"r-001": "r"})
    'cross-language'
    >>> check_kind("r", "total:r-009;fiw:Kyrgyzstan:pr", {})
    'arithmetic;external'
    """
    kinds = [RELATIONS[kind].check_kind(report_id, argument, report_of)
             for kind, argument in relations(relation) if kind in RELATIONS]
    return ";".join(dict.fromkeys(k for k in kinds if k)) or "none"
