"""Check every registered claim on two axes: fidelity (does a copy agree with its original?) and evidence (is the
figure supported by something independent of the report repeating itself?).

Each relation of a claim is checked (:data:`~fpclib.claims.relations.RELATIONS`) and lands on its axis; every
claim whose sentence (or, failing that, paragraph) cites an endnote is also put to that endnote
(:mod:`fpclib.claims.cited`), unless it names an endnote relation of its own. A copy
equal to its original takes the original's evidence, saying so; a copy never lends evidence. A copy that changed
the figure is checked against its original's evidence with its own figure, so the evidence says which side is
wrong. A claim whose figure cannot be read back from the text fails on evidence, saying why.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

import fpclib.claims.evidence as axes
import fpclib.claims.fidelity as fidelity
from fpclib import reference as fh
from fpclib.claims.evidence import Checked, Evidence
from fpclib.claims.locate import locate
from fpclib.claims.registry import load_claims, relations, validate_frame
from fpclib.claims.relations import CITED, PARTS, RELATIONS, Context
from fpclib.corpus.build import Corpus

#: The columns :func:`check_claims` adds for the two axes.
AXIS_COLUMNS = ("fidelity", "fidelity_reason", "evidence", "evidence_reason", "evidence_kind")


def check_claims(corpus: Corpus, reference: pd.DataFrame | None = None,
                 claims: pd.DataFrame | None = None) -> pd.DataFrame:
    """The registry's columns plus ``block`` and the two axes (:data:`AXIS_COLUMNS`).

    ``reference`` is a Freedom in the World table (:func:`fpclib.reference.load_fiw`; loaded when None).
    ``claims`` defaults to the whole registry; claims it relates to but does not hold are read from the
    registry for context and not returned. A damaged table (a duplicate id, an empty quote, a value that is not
    a number, a relation to a claim that does not exist) or a reference edition the registry asks for that the
    data does not hold raises :class:`~fpclib.errors.RegistryError` naming the claim.
    """
    fiw = fh.load_fiw() if reference is None else reference
    wanted = load_claims() if claims is None else claims
    claims_and_context = _with_context(wanted)
    validate_frame(claims_and_context)
    table = locate(claims_and_context, corpus, errors="mark")
    published = corpus.publications.set_index("pub_id")["published"]
    notes = {(p, int(n)): t for p, n, t in zip(corpus.notes["pub_id"], corpus.notes["number"], corpus.notes["text"])}
    context = Context(table.set_index("claim_id"), fiw, published.to_dict(), _parts(table), notes,
                      _later_notes(table, corpus), blocks=corpus.blocks)
    found = {claim.claim_id: _checks(claim, context) for claim in table.itertuples(index=False)}
    unread = {cid: why for cid, why in zip(table["claim_id"], _unread(table)) if why}
    own = {cid: Evidence("fails", unread[cid], "") if cid in unread else axes.own_evidence(results)
           for cid, results in found.items()}
    fidelities = {cid: axes.fidelity_of(results) for cid, results in found.items()}
    fidelity.from_alignment(corpus, table, fidelities)
    resolved = axes.resolve(table, own, fidelities, lambda claim: _checks(claim, context))
    for column, values in zip(AXIS_COLUMNS, zip(*(resolved[cid] for cid in table["claim_id"]))):
        table[column] = list(values)
    table = table[table["claim_id"].isin(set(wanted["claim_id"]))].reset_index(drop=True)
    return table.rename(columns={"block_id": "block"})


def _with_context(claims: pd.DataFrame) -> pd.DataFrame:
    """``claims`` plus every registered claim they relate to (transitively) that they do not hold."""
    have = set(claims["claim_id"])
    named = {t for rel in claims["relation"] for kind, arg in relations(rel) if kind in RELATIONS
             for t in RELATIONS[kind].targets(arg)}
    if named <= have:
        return claims
    registry = load_claims().set_index("claim_id", drop=False)
    extra: list[str] = []
    todo = sorted(named - have)
    while todo:
        cid = todo.pop()
        if cid in have or cid not in registry.index:
            continue
        have.add(cid)
        extra.append(cid)
        todo.extend(t for kind, arg in relations(registry.loc[cid, "relation"]) if kind in RELATIONS
                    for t in RELATIONS[kind].targets(arg) if t not in have)
    return pd.concat([claims, registry.loc[extra].reset_index(drop=True)], ignore_index=True) if extra else claims


def _parts(table: pd.DataFrame) -> dict[str, tuple[str, ...]]:
    """The parts that name each total (``total:<id>``), in registry order."""
    parts: dict[str, list[str]] = {}
    for claim_id, relation in zip(table["claim_id"], table["relation"]):
        for kind, argument in relations(relation):
            if kind == "total":
                parts.setdefault(argument, []).append(claim_id)
    return {total: tuple(ids) for total, ids in parts.items()}


def _later_notes(table: pd.DataFrame, corpus: Corpus) -> dict[str, int]:
    """Per claim whose sentence cites no endnote (and whose quote is not in one), the first endnote marked after
    its quote in the same paragraph."""
    blocks = {b: (text, sorted(zip(positions, refs))) for b, text, refs, positions in
              zip(corpus.blocks["block_id"], corpus.blocks["text"], corpus.blocks["note_refs"],
                  corpus.blocks["note_positions"])}
    later = {}
    for claim in table.itertuples(index=False):
        if claim.block_id not in blocks or isinstance(claim.note_id, str) or not pd.isna(claim.cited_note):
            continue
        text, marks = blocks[claim.block_id]
        if claim.quote not in text:
            continue
        end = text.index(claim.quote) + len(claim.quote)
        after = [number for position, number in marks if position >= end]
        if after:
            later[claim.claim_id] = int(after[0])
    return later


def _checks(claim: Any, context: Context) -> list[Checked]:
    """Every check of one claim: its relations, the sum of its parts when it is a total, and the endnote its
    sentence cites (:data:`~fpclib.claims.relations.CITED`) when that endnote gives its figure or another one
    and the claim names no endnote relation of its own."""
    if claim.block_id is None or not claim.value_found:
        return []
    results = [Checked(RELATIONS[kind], argument, RELATIONS[kind].check(claim, argument, context))
               for kind, argument in relations(claim.relation)]
    if claim.claim_id in context.parts:
        results.append(Checked(PARTS, claim.claim_id, PARTS.check(claim, claim.claim_id, context)))
    if not any(kind in ("endnote", "endnote_date") for kind, _ in relations(claim.relation)):
        found = CITED.check(claim, "", context)
        if found.verdict != "unverifiable":
            results.append(Checked(CITED, "", found))
    return results


def _unread(table: pd.DataFrame) -> list[str]:
    """Per claim, why its figure could not be read from the text ('' when it was)."""
    return ["quote not found in the text" if block is None
            else f"value {value:g} is not what the text says {parsed}" if not ok else ""
            for block, ok, value, parsed in zip(table["block_id"], table["value_found"], table["value"],
                                                table["parsed"])]
