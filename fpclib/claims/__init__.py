"""Claims: the registry of every figure the reports state, located in the text, read back and checked.

``data/claims/<report_id>.csv`` lists the claims (see ``data/claims/README.md``); :func:`locate` finds each quote
and reads its figure back (:func:`~fpclib.numbers.numbers_in`), and :func:`check_claims` runs the check
of every relation in :data:`~fpclib.claims.relations.RELATIONS` and judges each claim on two axes, fidelity and
evidence; :func:`findings` groups the failures into the discrepancy register.
"""

from fpclib.claims.check import AXIS_COLUMNS, check_claims
from fpclib.claims.findings import FINDING_COLUMNS, findings
from fpclib.claims.locate import locate
from fpclib.claims.registry import COLUMNS, load_claims, relations
from fpclib.claims.relations import RELATIONS, check_kind
from fpclib.claims.verdict import VERDICTS, Verdict

__all__ = ["AXIS_COLUMNS", "COLUMNS", "FINDING_COLUMNS", "RELATIONS", "VERDICTS", "Verdict", "check_claims",
           "check_kind", "findings", "load_claims", "locate", "relations"]
