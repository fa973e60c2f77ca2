"""What a check finds about a claim, and how several findings combine into one verdict."""

from __future__ import annotations

from dataclasses import dataclass

#: The verdicts, strongest first: a discrepancy anywhere wins, then consistency.
VERDICTS = ("consistent", "discrepancy", "unverifiable")


@dataclass(frozen=True, slots=True)
class Verdict:
    """What one check found."""

    verdict: str
    reason: str


def combine(found: list[Verdict]) -> Verdict:
    """A discrepancy anywhere wins; then consistency; a claim with nothing to check is unverifiable.

    >>> combine([Verdict("consistent", "a"), Verdict("discrepancy", "b")])
    Verdict(verdict='discrepancy', reason='b')
    >>> combine([]).verdict
    'unverifiable'
    """
    for verdict in ("discrepancy", "consistent"):
        reasons = [v.reason for v in found if v.verdict == verdict]
        if reasons:
            return Verdict(verdict, "; ".join(dict.fromkeys(reasons)))
    reasons = [v.reason for v in found]
    return Verdict("unverifiable", "; ".join(reasons) if reasons else "stated only: nothing to check it against")
