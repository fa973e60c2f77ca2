"""The two axes of a claim from the checks of its relations: fidelity (a copy against its original) and evidence
(the figure against something independent), with evidence passed from an original to its faithful copies."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

import pandas as pd

from fpclib.claims.arithmetic import base_unit
from fpclib.claims.relations import DATE_UNITS, EVIDENCE_KINDS, Relation
from fpclib.claims.verdict import Verdict


class Checked(NamedTuple):
    """One relation of a claim, its argument and what its check found."""

    relation: Relation
    argument: str
    verdict: Verdict


class Evidence(NamedTuple):
    """The evidence axis: ``holds`` | ``fails`` | ``none``, the evidence named, and its kinds (``;``-joined)."""

    status: str
    reason: str
    kind: str


class Fidelity(NamedTuple):
    """The fidelity axis: ``same`` | ``changed`` | ``missing`` | ``n/a``, why, and the original compared with."""

    status: str
    reason: str
    original: str | None
    copy_value: float | None = None


NONE = Evidence("none", "", "")
#: How a changed copy's reason starts when its figure was put to its original's evidence.
COPY_FIGURE = "{original}'s evidence with this copy's {value:g}: "
NO_COPY = Fidelity("n/a", "", None)


def _kinds(found: list[Checked]) -> str:
    """The kinds of evidence of some checks, in the order of :data:`EVIDENCE_KINDS`."""
    named = {c.relation.axis for c in found}
    return ";".join(kind for kind in EVIDENCE_KINDS if kind in named)


def _join(found: list[Checked]) -> str:
    return "; ".join(dict.fromkeys(c.verdict.reason for c in found))


def own_evidence(found: list[Checked]) -> Evidence:
    """A claim's own evidence: ``fails`` if any check fails, ``holds`` if a check that matched the figure
    itself holds (sanity checks never make it hold), else ``none`` with what was tried."""
    checks = [c for c in found if c.relation.axis != "fidelity"]
    failed = [c for c in checks if c.verdict.verdict == "discrepancy"]
    if failed:
        return Evidence("fails", _join(failed), _kinds(failed))
    held = [c for c in checks if c.verdict.verdict == "consistent" and not c.relation.sanity]
    if held:
        return Evidence("holds", _join(held), _kinds(held))
    return Evidence("none", _join(checks), "")


def fidelity_of(found: list[Checked]) -> Fidelity:
    """A copy's fidelity from its ``equals`` checks: ``changed`` if any differs, ``same`` if all agree."""
    copies = [c for c in found if c.relation.axis == "fidelity" and c.relation.targets(c.argument)]
    changed = [c for c in copies if c.verdict.verdict == "discrepancy"]
    if changed:
        return Fidelity("changed", _join(changed), changed[0].argument)
    same = [c for c in copies if c.verdict.verdict == "consistent"]
    if same:
        return Fidelity("same", _join(same), same[0].argument)
    return Fidelity("n/a", _join(copies), None)


def resolve(table: pd.DataFrame, own: Mapping[str, Evidence], fidelities: Mapping[str, Fidelity],
            recheck: Callable[[Any], list[Checked]]) -> dict[str, tuple[str, str, str, str, str]]:
    """Per claim: fidelity, its reason, evidence, its reason and kinds. A faithful copy without evidence of its
    own takes its original's, saying so; a changed copy is checked against its original's evidence with its
    own figure (``recheck`` runs a claim's checks), so the evidence says which side is wrong."""
    rows = {row.claim_id: row for row in table.itertuples(index=False)}
    done: dict[str, Evidence] = {}

    def evidence(claim_id: str, seen: frozenset[str]) -> Evidence:
        if claim_id in done:
            return done[claim_id]
        mine, fid = own[claim_id], fidelities[claim_id]
        result = mine
        original = fid.original
        if mine.status == "none" and original in rows and original not in seen:
            theirs = evidence(original, seen | {claim_id})
            if fid.status == "same" and theirs.status != "none":
                result = Evidence(theirs.status, f"as its original {original}: {theirs.reason}", theirs.kind)
            elif fid.status == "changed" and theirs.status != "none":
                result = _with_copy_figure(rows[claim_id], rows[original], recheck) or mine
        done[claim_id] = result
        return result

    out = {}
    for claim_id in rows:
        fid = fidelities[claim_id]
        found = evidence(claim_id, frozenset())
        if fid.copy_value is not None and found.status == "fails":
            copy = rows[claim_id]._replace(value=fid.copy_value, magnitude=fid.copy_value * _scale(rows[claim_id]))
            theirs = _with_copy_figure(copy, rows[claim_id], recheck)
            if theirs is not None and theirs.status != "fails":
                fid = fid._replace(reason=f"{fid.reason}; {theirs.reason}")
            elif theirs is not None:
                fid = fid._replace(reason=f"{fid.reason}; the translation's {fid.copy_value:g} fails as well")
        out[claim_id] = (fid.status, fid.reason, found.status, found.reason, found.kind)
    return out


def _scale(claim: Any) -> float:
    """What one unit of a claim's value is worth (its magnitude over its value)."""
    return claim.magnitude / claim.value if claim.value else 1.0


def _with_copy_figure(copy: Any, original: Any, recheck: Callable[[Any], list[Checked]]) -> Evidence | None:
    """The original's evidence checked with the copy's figure (None when the two count different things)."""
    if base_unit(copy.unit) != base_unit(original.unit):
        return None
    # A date is read with its month, so the copy's own words are put to the original's evidence.
    words = copy.quote if copy.unit in DATE_UNITS else original.quote
    checks = recheck(original._replace(value=copy.value, magnitude=copy.magnitude, quote=words))
    found = own_evidence(checks)
    passed = [c for c in checks if c.relation.axis != "fidelity" and c.verdict.verdict == "consistent"]
    if found.status == "none" and not passed:
        return None
    reason = found.reason if found.status != "none" else "; ".join(c.verdict.reason for c in passed)
    return Evidence(found.status, f"{COPY_FIGURE.format(original=original.claim_id, value=copy.value)}{reason}",
                    found.kind)

