"""Election dates from the Factbook as evidence (catalogue rows ``factbook_elections``), in the snapshot current at
publication, and faithful copies taking their original's evidence across every ``equals`` link."""

from __future__ import annotations

import pandas as pd

from fpclib import Corpus
from fpclib.claims import COLUMNS, check_claims
from fpclib.claims.syntax import relations
from fpclib.reference import datasets


def test_the_election_the_factbook_named_at_publication() -> None:
    def value(key: str, when: str) -> float:
        return datasets.value_for(f"factbook_elections:{key}", pd.Timestamp(when), "t").value

    assert value("Kyrgyzstan:legislative election day", "2021-02-28") == 4
    assert value("Kyrgyzstan:legislative election day", "2022-01-15") == 28
    assert value("Kazakhstan:legislative election year", "2021-01-01") == 2016
    assert value("Kazakhstan:legislative election year", "2021-07-22") == 2021
    assert value("Kyrgyzstan:next presidential election year", "2021-02-28") == 2021
    assert value("Kazakhstan:presidential election day", "2021-07-22") == 9


def test_an_election_date_holds_and_an_earlier_election_fails(corpus: Corpus, checked_claims: pd.DataFrame) -> None:
    checked = checked_claims.set_index("claim_id")
    day = checked.loc["retreating-rights-kyrgyzstan-237"]
    assert day["evidence"] == "holds" and "release 2020-11-24: Kyrgyzstan legislative election day: 4" in \
        day["evidence_reason"]
    row = dict.fromkeys(COLUMNS, "")
    row.update(claim_id="t-2016", pub_id="wp-6003", quote="so since the previous Parliamentary elections in 2016",
               value=2016, unit="year", relation="ref:factbook_elections:Kazakhstan:legislative election year",
               report_id="t", what="a test claim")
    earlier = check_claims(corpus, claims=pd.DataFrame([row])).set_index("claim_id").loc["t-2016"]
    reason = earlier["evidence_reason"]
    assert earlier["evidence"] == "fails" and "release 2021-06-01" in reason and "the text says 2016" in reason
    assert "release 2017-03-28" in reason, "the snapshot that does give 2016 is named"


def test_a_faithful_copy_takes_its_originals_evidence_across_every_equals_link(checked_claims: pd.DataFrame) -> None:
    checked = checked_claims.set_index("claim_id")
    links = [(cid, argument) for cid, relation in checked["relation"].items() for kind, argument in relations(relation)
             if kind == "equals" and argument in checked.index]
    assert len(links) > 900
    for copy, original in links:
        if checked.loc[copy, "fidelity"] == "same" and checked.loc[original, "evidence"] != "none":
            assert checked.loc[copy, "evidence"] != "none", (copy, original)


def test_a_date_whose_year_holds_fails_on_its_month(corpus: Corpus) -> None:
    row = dict.fromkeys(COLUMNS, "")
    row.update(pub_id="wp-6003", value=2019, unit="date", report_id="t", what="a test claim",
               relation="ref:factbook_elections:Kazakhstan:presidential election year")
    july = {**row, "claim_id": "t-july", "quote": "elections that would take place in July 2019"}
    june = {**row, "claim_id": "t-june", "quote": "the 2019 Presidential election"}
    checked = check_claims(corpus, claims=pd.DataFrame([july, june])).set_index("claim_id")
    assert checked.loc["t-july", "evidence"] == "fails"
    assert "month: June 2019, the text says July 2019" in checked.loc["t-july", "evidence_reason"]
    assert checked.loc["t-june", "evidence"] == "holds", "a quote without a month is judged on its year"
