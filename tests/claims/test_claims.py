"""The claims registry: every claim located and read back from the text, and each kind of check, failing too."""

from __future__ import annotations

import pandas as pd
import pytest

from fpclib import Corpus
from fpclib.claims import COLUMNS, check_claims, check_kind, load_claims, locate, relations
from fpclib.errors import ClaimError
from fpclib.paths import claims_dir


@pytest.fixture(scope="module")
def checked(checked_claims: pd.DataFrame) -> pd.DataFrame:
    return checked_claims.set_index("claim_id")


def claim(claim_id: str, pub_id: str, quote: str, value: float | None, relation: str = "",
          unit: str = "people") -> dict:
    row = dict.fromkeys(COLUMNS, "")
    row.update(claim_id=claim_id, pub_id=pub_id, quote=quote, value=value, unit=unit, relation=relation, report_id="t")
    return row


def check(corpus: Corpus, *rows: dict) -> pd.DataFrame:
    return check_claims(corpus, claims=pd.DataFrame(rows)).set_index("claim_id")


def test_every_registered_claim_is_located_and_read_from_the_text(corpus: Corpus) -> None:
    located = locate(load_claims(), corpus)
    assert len(located) > 1000
    assert located["block_id"].notna().all()
    unread = located.loc[~located["value_found"], ["claim_id", "value", "quote"]]
    assert unread.empty, unread.head().to_string()


def test_every_report_has_a_registry(corpus: Corpus) -> None:
    registries = {path.stem for path in claims_dir().glob("*.csv")}
    assert set(corpus.reports["report_id"]) == registries


def test_a_quote_not_in_the_text_is_an_error(corpus: Corpus) -> None:
    rows = pd.DataFrame([claim("t-1", "wp-6003", "this sentence is not in the report", 1)])
    with pytest.raises(ClaimError, match="t-1"):
        locate(rows, corpus)


def test_relations_are_parsed() -> None:
    assert relations("total:a-1; fiw:Kyrgyzstan:pr:2020") == [("total", "a-1"), ("fiw", "Kyrgyzstan:pr:2020")]


def test_parts_that_do_not_add_up_fail_on_evidence(corpus: Corpus) -> None:
    result = check(corpus,
                   claim("t-total", "wp-6003", "684", 684),
                   claim("t-a", "wp-6003", "482", 482, "total:t-total"),
                   claim("t-b", "wp-6003", "64", 64, "total:t-total"))
    assert result.loc["t-total", "evidence"] == "fails" and result.loc["t-total", "evidence_kind"] == "arithmetic"
    assert result.loc["t-a", "evidence"] == "fails" and "546" in result.loc["t-a", "evidence_reason"]
    assert not {"verdict", "reason"} & set(result.columns), "the two axes are the only verdicts"


def test_the_kadyr_kasiyet_groups_the_text_calls_threats_do_not_add_up_to_the_threats(checked: pd.DataFrame) -> None:
    total = checked.loc["retreating-rights-kazakhstan-083"]
    assert total["value"] == 1414 and total["evidence"] == "fails"
    assert "parts (threats) add up to 684" in total["evidence_reason"]


def test_a_translation_that_changed_a_figure_is_changed(checked: pd.DataFrame) -> None:
    assert checked.loc["retreating-rights-tajikistan-ru-157", "fidelity"] == "changed"
    faithful = checked.loc["retreating-rights-tajikistan-ru-083"]
    assert faithful["fidelity"] == "same" and faithful["evidence"] == "holds"


def test_freedom_house_rank_holds_for_the_edition_current_at_publication(checked: pd.DataFrame) -> None:
    row = checked.loc["retreating-rights-tajikistan-080"]
    reason = row["evidence_reason"]
    assert row["evidence"] == "holds" and "FIW 2021" in reason and "198 of 210" in reason


def test_a_score_on_the_wrong_scale_and_the_wrong_edition_fails(checked: pd.DataFrame) -> None:
    row = checked.loc["retreating-rights-kyrgyzstan-016"]
    assert row["evidence"] == "fails"
    assert "pr is 12, the text says 11" in row["evidence_reason"] and "out of 100" in row["evidence_reason"]


def test_an_edition_not_yet_published_fails(corpus: Corpus) -> None:
    result = check(corpus, claim("t-fiw", "wp-5806", "with a score of 0 for political rights", 0,
                                 "fiw:Tajikistan:pr:2022", unit="score"))
    assert result.loc["t-fiw", "evidence"] == "fails"
    assert "not yet published" in result.loc["t-fiw", "evidence_reason"]


def test_rank_within_its_list_and_percentages(corpus: Corpus) -> None:
    result = check(corpus,
                   claim("t-rank", "wp-5806", "198th", 198, "rank_of:t-size", unit="rank"),
                   claim("t-size", "wp-5806", "out of 210", 210, unit="entries"),
                   claim("t-bad", "wp-5806", "out of 210", 210, "rank_of:t-rank", unit="rank"))
    assert result.loc["t-rank", "evidence"] == "none", "a rank within its list is a sanity check: it never holds"
    assert result.loc["t-bad", "evidence"] == "fails"
    assert "outside a list of 198" in result.loc["t-bad", "evidence_reason"]


def test_a_value_the_text_does_not_state_fails(corpus: Corpus) -> None:
    result = check(corpus, claim("t-v", "wp-5806", "198th out of 210", 199, unit="rank"))
    assert result.loc["t-v", "evidence"] == "fails"
    assert "value 199 is not what the text says" in result.loc["t-v", "evidence_reason"]


def test_claims_trace_to_their_endnote(corpus: Corpus) -> None:
    located = locate(pd.DataFrame([claim("t-n", "wp-5806", "198th out of 210", 198)]), corpus)
    assert located.loc[0, "cited_note"] == 71


def test_percentages_against_their_counts(checked: pd.DataFrame, corpus: Corpus) -> None:
    assert checked.loc["retreating-rights-kyrgyzstan-141", "evidence"] == "holds"
    assert "13.3 of 40.17 is 33.1%" in checked.loc["retreating-rights-kyrgyzstan-141", "evidence_reason"]
    result = check(corpus,
                   claim("t-part", "wp-5607", "$13.3 million", 13.3, unit="USD million"),
                   claim("t-whole", "wp-5607", "$13.3 million", 13.3, unit="USD million"),
                   claim("t-pct", "wp-5607", "33 per cent", 33, "percent:t-part/t-whole", unit="percent"))
    assert result.loc["t-pct", "evidence"] == "fails" and "100.0%" in result.loc["t-pct", "evidence_reason"]


def test_a_claim_with_nothing_to_check_has_no_evidence(corpus: Corpus) -> None:
    result = check(corpus, claim("t-u", "wp-5806", "198th out of 210", 198, unit="rank"))
    assert result.loc["t-u", "evidence"] == "none" and result.loc["t-u", "fidelity"] == "n/a"


def test_the_check_column_says_what_the_relations_check() -> None:
    claims = load_claims()
    report_of = dict(zip(claims["claim_id"], claims["report_id"]))
    derived = [check_kind(r, rel, report_of) for r, rel in zip(claims["report_id"], claims["relation"])]
    wrong = claims.loc[claims["check"] != derived, ["claim_id", "check", "relation"]]
    assert wrong.empty, wrong.head().to_string()


def test_relations_point_at_registered_claims() -> None:
    claims = load_claims()
    ids = set(claims["claim_id"])
    dangling = [(c, a) for c, rel in zip(claims["claim_id"], claims["relation"])
                for kind, a in relations(rel)
                if kind in ("equals", "total", "rank_of") and not a.startswith("?") and a not in ids]
    assert not dangling, dangling[:5]


def test_a_ranking_among_neighbours_is_checked_against_freedom_house(checked: pd.DataFrame, corpus: Corpus) -> None:
    row = checked.loc["retreating-rights-kazakhstan-069"]
    assert row["evidence"] == "holds" and "Kazakhstan 23" in row["evidence_reason"]
    result = check(corpus, claim("t-below", "wp-6003", "three of its Central Asian neighbours", 3,
                                 "fiw_below:Kazakhstan:Kyrgyzstan,Tajikistan,Turkmenistan,Uzbekistan,Russia",
                                 unit="countries"))
    assert result.loc["t-below", "evidence"] == "fails" and "4 below" in result.loc["t-below", "evidence_reason"]
