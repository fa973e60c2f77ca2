"""Check every registered claim: locate it, read its figure back, and run each of its relations' checks."""

from __future__ import annotations

import math

import pandas as pd

from fpclib import reference as fh
from fpclib.claims.locate import locate
from fpclib.claims.registry import load_claims, relations
from fpclib.claims.relations import RELATIONS, Context
from fpclib.claims.verdict import Verdict, combine
from fpclib.corpus.build import Corpus


def check_claims(corpus: Corpus, reference: pd.DataFrame | None = None,
                 claims: pd.DataFrame | None = None) -> pd.DataFrame:
    """The registry's columns plus ``block``, ``verdict`` and ``reason`` for every claim.

    ``reference`` is a Freedom in the World table (:func:`fpclib.reference.load_fiw`; loaded when None).
    """
    fiw = fh.load_fiw() if reference is None else reference
    table = locate(load_claims() if claims is None else claims, corpus, errors="mark")
    published = corpus.publications.set_index("pub_id")["published"]
    context = Context(table.set_index("claim_id"), fiw, published.to_dict(), totals(table))
    verdicts = []
    for claim in table.itertuples(index=False):
        found: list[Verdict] = []
        if claim.block_id is None:
            found.append(Verdict("discrepancy", "quote not found in the text"))
        elif not claim.value_found:
            found.append(Verdict("discrepancy", f"value {claim.value:g} is not what the text says {claim.parsed}"))
        for kind, argument in relations(claim.relation):
            relation = RELATIONS.get(kind)
            found.append(relation.check(claim, argument, context) if relation
                         else Verdict("unverifiable", f"unknown relation {kind!r}"))
        if claim.claim_id in context.totals:
            found.append(context.totals[claim.claim_id])
        verdicts.append(combine(found))
    table["verdict"] = [v.verdict for v in verdicts]
    table["reason"] = [v.reason for v in verdicts]
    return table.rename(columns={"block_id": "block"})


def totals(table: pd.DataFrame) -> dict[str, Verdict]:
    """For each total named by ``total:`` relations, whether its parts add up to it (keyed by the total's id)."""
    parts: dict[str, list[float]] = {}
    for claim in table.itertuples(index=False):
        for kind, argument in relations(claim.relation):
            if kind == "total":
                parts.setdefault(argument, []).append(claim.value)
    values = table.set_index("claim_id")["value"]
    result = {}
    for total_id, items in parts.items():
        if total_id not in values.index:
            result[total_id] = Verdict("unverifiable", f"total {total_id} is not registered")
            continue
        total, added = values[total_id], sum(items)
        words = " + ".join(f"{v:g}" for v in items)
        result[total_id] = (
            Verdict("consistent", f"parts add up: {words} = {total:g}") if math.isclose(added, total, rel_tol=1e-6)
            else Verdict("discrepancy", f"parts add up to {added:g} ({words}), the text's total is {total:g}")
        )
    return result
