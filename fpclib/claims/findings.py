"""The discrepancy register: one row per finding, with its instances (parts, copies, translations) grouped
beneath it, originals first, and which side the evidence supports."""

from __future__ import annotations

import re

import pandas as pd

from fpclib.claims.syntax import relations

FINDING_COLUMNS = ["finding_id", "claim_id", "report_id", "what", "value", "unit", "evidence", "evidence_reason",
                   "evidence_kind", "fidelity", "fidelity_reason", "instances", "side"]
#: Worst first: the fidelity a finding shows is the worst of its instances'.
_FIDELITY_ORDER = ("changed", "missing", "same", "n/a")
#: How a fidelity reason says the translation's figure was put to the original's evidence (see evidence.py).
_COPY_PASSES = "'s evidence with this copy's"
#: How a fidelity reason names an endnote the translation dropped (see fidelity.py).
_DROPPED_NOTE = re.compile(r"drops its endnote (\d+) \((\S+)\)")
#: How it names a block whose figures the translation dropped.
_DROPPED_FIGURE = re.compile(r"\((\S+)\) drops the figure \S+ of block (\d+)")
#: Relations that make two claims instances of one finding.
_GROUPING = ("equals", "total")


def _is_problem(evidence: str, fidelity: str) -> bool:
    return evidence == "fails" or fidelity in ("changed", "missing")


def _groups(checked: pd.DataFrame) -> list[list[str]]:
    """Claims joined by ``equals`` (a copy and its original) and ``total`` (a part and its total), failing claims
    of one quote (one sentence's figures), and figures of one block or one endnote a translation dropped; in
    registry order."""
    parent = {cid: cid for cid in checked["claim_id"]}

    def root(cid: str) -> str:
        while parent[cid] != cid:
            parent[cid] = parent[parent[cid]]
            cid = parent[cid]
        return cid

    for cid, relation in zip(checked["claim_id"], checked["relation"]):
        for kind, target in relations(relation):
            if kind in _GROUPING and target in parent:
                parent[root(cid)] = root(target)
    first: dict[tuple[str, ...], str] = {}
    for cid, pub, quote, evidence, fidelity, why in zip(checked["claim_id"], checked["pub_id"], checked["quote"],
                                                        checked["evidence"], checked["fidelity"],
                                                        checked["fidelity_reason"]):
        if not _is_problem(evidence, fidelity):
            continue
        keys = [("quote", pub, quote)]
        for kind, pattern in (("note", _DROPPED_NOTE), ("block", _DROPPED_FIGURE)):
            dropped = pattern.search(why)
            if fidelity == "missing" and dropped:
                keys.append((kind, pub, *dropped.groups()))
        for key in keys:
            parent[root(cid)] = root(first.setdefault(key, cid))
    groups: dict[str, list[str]] = {}
    for cid in checked["claim_id"]:
        groups.setdefault(root(cid), []).append(cid)
    return list(groups.values())


def _side(head: pd.Series, members: pd.DataFrame) -> str:
    """Which side the evidence supports: the original, the translation (or copy), neither, or '' (no evidence)."""
    copies = members[(members["claim_id"] != head["claim_id"]) & members["fidelity"].isin(["changed", "missing"])]
    if head["fidelity"] in ("changed", "missing") and copies.empty:
        if head["evidence"] == "fails" and _COPY_PASSES in head["fidelity_reason"]:
            return "translation"
        return "original" if head["evidence"] == "holds" else "neither" if head["evidence"] == "fails" else ""
    if copies.empty:
        return "neither" if head["evidence"] == "fails" else ""
    copy_evidence = set(copies["evidence"])
    rechecked = copies["evidence_reason"].str.contains(_COPY_PASSES, regex=False)
    if head["evidence"] == "holds" and "holds" not in copy_evidence:
        return "original"
    passed = bool((rechecked & (copies["evidence"] != "fails")).any())
    if head["evidence"] == "fails" and ("holds" in copy_evidence or passed):
        return "translation"
    if head["evidence"] == "fails" and copy_evidence == {"fails"}:
        return "neither"
    return ""


def findings(checked: pd.DataFrame) -> pd.DataFrame:
    """One row per finding in :func:`~fpclib.claims.check_claims`'s result: a figure whose evidence fails or
    whose copy changed or dropped it, with every claim of its group as ``instances`` (originals first, then
    translations), the original's evidence beside the worst fidelity, and the ``side`` the evidence supports."""
    order = {cid: i for i, cid in enumerate(checked["claim_id"])}
    totals = {t for relation in checked["relation"] for kind, t in relations(relation) if kind == "total"}
    by_id = checked.set_index("claim_id", drop=False)
    rows = []
    for group in _groups(checked):
        members = by_id.loc[group]
        problems = members[[_is_problem(e, f) for e, f in zip(members["evidence"], members["fidelity"])]]
        if problems.empty:
            continue
        originals = members[members["lang"] == "en"]
        heads = problems[problems["lang"] == "en"]
        heads = heads.loc[sorted(heads.index, key=lambda cid: (cid not in totals, order[cid]))]
        head = (heads if not heads.empty else originals if not originals.empty else problems).iloc[0]
        instances = tuple(sorted(group, key=lambda cid: (by_id.loc[cid, "lang"] != "en", order[cid])))
        worst = min(members["fidelity"], key=_FIDELITY_ORDER.index)
        reasons = [r for r in members.loc[members["fidelity"] == worst, "fidelity_reason"] if r]
        rows.append({"claim_id": head["claim_id"], "report_id": head["report_id"], "what": head["what"],
                     "value": head["value"], "unit": head["unit"], "evidence": head["evidence"],
                     "evidence_reason": head["evidence_reason"], "evidence_kind": head["evidence_kind"],
                     "fidelity": worst, "fidelity_reason": "; ".join(dict.fromkeys(reasons)),
                     "instances": instances, "side": _side(head, members), "_order": order[head["claim_id"]]})
    table = pd.DataFrame(rows, columns=[*FINDING_COLUMNS[1:], "_order"]).sort_values("_order", ignore_index=True)
    table.insert(0, "finding_id", [f"F{i + 1:03d}" for i in range(len(table))])
    return table.drop(columns="_order")[FINDING_COLUMNS]
