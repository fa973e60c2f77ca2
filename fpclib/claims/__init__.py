"""Claims: the registry of every figure the reports state, located in the text, read back and checked.

``data/claims/<report_id>.csv`` lists the claims (see ``data/claims/README.md``); :func:`locate` finds each quote
and reads its figure back (:func:`~fpclib.claims.numbers.numbers_in`), and :func:`check_claims` runs the check
of every relation in :data:`~fpclib.claims.relations.RELATIONS`.
"""

from fpclib.claims.check import check_claims
from fpclib.claims.locate import locate
from fpclib.claims.registry import COLUMNS, load_claims, relations
from fpclib.claims.relations import RELATIONS, check_kind
from fpclib.claims.verdict import VERDICTS, Verdict

__all__ = ["COLUMNS", "RELATIONS", "VERDICTS", "Verdict", "check_claims", "check_kind", "load_claims", "locate",
           "relations"]
