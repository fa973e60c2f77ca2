"""The figures of the evidence issue, computed from the data: the share of registered claims with evidence
(``holds`` or ``fails``), the counts per kind of evidence and per fidelity, the findings of the register (one line
each), and what could not be checked, by unit.

    .venv/bin/python benchmarks/evidence.py [--findings]
"""

from __future__ import annotations

import argparse

from fpclib import load_corpus
from fpclib.claims import check_claims, findings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--findings", action="store_true", help="print every finding, one line each")
    args = parser.parse_args()
    checked = check_claims(load_corpus())
    judged = checked["evidence"].isin(["holds", "fails"])
    print(f"claims {len(checked):,}; evidence holds or fails for {judged.sum():,} ({judged.mean():.1%})")
    print("evidence:", checked["evidence"].value_counts().to_dict())
    kinds = checked.loc[judged, "evidence_kind"].str.split(";").explode().value_counts()
    print("kinds (a claim may have several):", kinds.to_dict())
    print("fidelity:", checked["fidelity"].value_counts().to_dict())
    english = checked[checked["lang"] == "en"]
    share = english["evidence"].isin(["holds", "fails"]).mean()
    print(f"English claims with evidence: {share:.1%} of {len(english):,}")
    unchecked = checked.loc[~judged, "unit"].value_counts()
    print("no evidence, by unit:", unchecked.head(12).to_dict())
    register = findings(checked)
    print(f"findings: {len(register)}")
    if args.findings:
        for row in register.itertuples(index=False):
            axis = f"evidence {row.evidence}" if row.evidence == "fails" else f"fidelity {row.fidelity}"
            print(f"  {row.finding_id} {row.claim_id}: {row.what} [{axis}; {len(row.instances)} instance(s)]")


if __name__ == "__main__":
    main()
