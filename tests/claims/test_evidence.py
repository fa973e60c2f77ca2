"""The two axes, fidelity and evidence: each kind of evidence on real claims and on a small case where it must fail,
copies taking (never lending) evidence, and the discrepancy register."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from fpclib import Corpus
from fpclib.claims import AXIS_COLUMNS, COLUMNS, FINDING_COLUMNS, RELATIONS, check_claims, findings
from fpclib.claims.relations import EVIDENCE_KINDS
from fpclib.reference import datasets


@pytest.fixture(scope="module")
def checked(checked_claims: pd.DataFrame) -> pd.DataFrame:
    return checked_claims.set_index("claim_id")


@pytest.fixture(scope="module")
def register(checked_claims: pd.DataFrame) -> pd.DataFrame:
    return findings(checked_claims)


def claim(claim_id: str, pub_id: str, quote: str, value: float | None, relation: str = "", unit: str = "people",
          note: object = None) -> dict:
    row = dict.fromkeys(COLUMNS, "")
    row.update(claim_id=claim_id, pub_id=pub_id, quote=quote, value=value, unit=unit, relation=relation,
               report_id="t", what="a test claim", note=note)
    return row


def check(corpus: Corpus, *rows: dict) -> pd.DataFrame:
    return check_claims(corpus, claims=pd.DataFrame(rows)).set_index("claim_id")


# ---------------------------------------------------------------- the interface


def test_every_claim_has_both_axes(checked: pd.DataFrame) -> None:
    assert set(AXIS_COLUMNS) <= set(checked.columns)
    assert set(checked["fidelity"]) <= {"same", "changed", "missing", "n/a"}
    assert set(checked["evidence"]) <= {"holds", "fails", "none"}
    kinds = {k for value in checked["evidence_kind"] for k in value.split(";") if k}
    assert kinds <= set(EVIDENCE_KINDS)
    assert (checked.loc[checked["evidence"] == "none", "evidence_kind"] == "").all()
    assert (checked.loc[checked["evidence"] != "none", "evidence_kind"] != "").all()
    assert (checked.loc[checked["fidelity"] != "n/a", "fidelity_reason"] != "").all()


def test_every_relation_names_its_axis() -> None:
    assert {r.axis for r in RELATIONS.values()} <= {"fidelity", *EVIDENCE_KINDS}


def test_a_faithful_copy_takes_its_originals_evidence_and_never_lends_it(corpus: Corpus) -> None:
    result = check(corpus,
                   claim("t-en", "wp-5806", "with a score of 0 for political rights", 0, "fiw:Tajikistan:pr",
                         unit="score"),
                   claim("t-copy", "wp-5806", "with a score of 0 for political rights", 0, "equals:t-en", unit="score"),
                   claim("t-orig", "wp-5806", "198th out of 210", 198, unit="rank"),
                   claim("t-lender", "wp-5806", "198th out of 210", 198, "equals:t-orig;fiw:Tajikistan:rank",
                         unit="rank"))
    copy = result.loc["t-copy"]
    assert copy["fidelity"] == "same" and copy["evidence"] == "holds"
    assert copy["evidence_reason"].startswith("as its original t-en") and copy["evidence_kind"] == "reference"
    assert result.loc["t-en", "fidelity"] == "n/a"
    assert result.loc["t-lender", "evidence"] == "holds" and result.loc["t-orig", "evidence"] == "none"


def test_a_changed_copy_is_put_to_its_originals_evidence(checked: pd.DataFrame) -> None:
    copy = checked.loc["retreating-rights-tajikistan-ru-157"]
    assert copy["fidelity"] == "changed" and "retreating-rights-tajikistan-150" in copy["fidelity_reason"]
    assert "evidence with this copy's 152.561" in copy["evidence_reason"]


def test_sanity_checks_can_fail_but_never_hold(corpus: Corpus) -> None:
    result = check(corpus,
                   claim("t-score", "wp-5806", "with a score of 0 for political rights", 0, "scale:0-40", unit="score"),
                   claim("t-big", "wp-5806", "with a score of 0 for political rights", 0, "scale:1-7", unit="score"))
    assert result.loc["t-score", "evidence"] == "none"
    assert result.loc["t-big", "evidence"] == "fails" and result.loc["t-big", "evidence_kind"] == "arithmetic"


# ---------------------------------------------------------------- reference data beyond Freedom House


def test_ranks_are_recomputed_from_the_whole_table(checked: pd.DataFrame) -> None:
    cpi = checked.loc["retreating-rights-tajikistan-074"]
    assert cpi["evidence"] == "holds" and "CPI 2020" in cpi["evidence_reason"]
    assert "rank 149 of 180" in cpi["evidence_reason"]
    rsf = checked.loc["retreating-rights-kazakhstan-114"]
    assert rsf["evidence"] == "holds" and "rank 155 of 180, recomputed" in rsf["evidence_reason"]
    assert checked.loc["retreating-rights-tajikistan-075", "evidence"] == "holds"


def test_a_wrong_rank_fails_against_the_reference(corpus: Corpus) -> None:
    result = check(corpus, claim("t-cpi", "wp-5806", "198th out of 210", 198, "ref_rank:ti_cpi:Tajikistan:score@2020",
                                 unit="rank"))
    row = result.loc["t-cpi"]
    assert row["evidence"] == "fails" and "rank 149 of 180" in row["evidence_reason"]


def test_the_release_current_at_publication_is_used_and_named() -> None:
    before = datasets.value_for("rsf_wpfi:Tajikistan:rank", pd.Timestamp("2020-06-01"), "t")
    after = datasets.value_for("rsf_wpfi:Tajikistan:rank", pd.Timestamp("2021-06-01"), "t")
    assert (before.period, before.value) == ("2020", 161.0) and (after.period, after.value) == ("2021", 162.0)
    oda = datasets.value_for("uk_oda:United Kingdom:oda_pct_gni@2019", pd.Timestamp("2021-06-01"), "t")
    assert oda.others and "40a9af99" in oda.others[0], "releases that disagree are both shown"


def test_a_figure_checked_against_a_later_release_only_does_not_fail(checked: pd.DataFrame) -> None:
    row = checked.loc["retreating-rights-kyrgyzstan-013"]
    assert row["evidence"] == "none" and "released after the report" in row["evidence_reason"]


def test_a_share_of_gdp_is_not_a_share_of_gni(checked: pd.DataFrame) -> None:
    assert checked.loc["global-britain-open-world-008", "evidence"] == "fails"
    assert "share of GDP" in checked.loc["global-britain-open-world-008", "evidence_reason"]
    assert checked.loc["building-on-integrated-review-003", "evidence"] == "holds"


def test_a_factbook_figure_holds_and_another_fails(checked: pd.DataFrame) -> None:
    assert checked.loc["retreating-rights-kazakhstan-004", "evidence"] == "holds"
    border = checked.loc["retreating-rights-tajikistan-137"]
    assert border["evidence"] == "fails" and "984" in border["evidence_reason"]


def test_adding_a_dataset_is_a_catalogue_row() -> None:
    catalogue = datasets.catalogue()
    assert {"ti_cpi", "rsf_wpfi", "wb_gdp", "factbook", "uk_oda"} <= set(catalogue["dataset"])
    loaded = datasets.load()
    assert set(loaded["dataset"]) == set(catalogue["dataset"])


# ---------------------------------------------------------------- the cited endnote


def test_a_figure_against_its_endnote(checked: pd.DataFrame) -> None:
    assert checked.loc["retreating-rights-tajikistan-112", "evidence"] == "holds"
    forum18 = checked.loc["retreating-rights-kazakhstan-137"]
    assert forum18["evidence"] == "fails" and "endnote 128 states 134" in forum18["evidence_reason"]


def test_an_endnote_that_states_another_count_or_date_fails(corpus: Corpus) -> None:
    result = check(corpus,
                   claim("t-none", "wp-5806", "198th out of 210", 198, "endnote", unit="rank"),
                   claim("t-note", "wp-5806", "198th out of 210", 198, "endnote:109", unit="rank"),
                   claim("t-date", "wp-5806", "to 162nd in 2021", 2021, "endnote_date:109", unit="year"))
    assert result.loc["t-none", "evidence"] == "none" and "states no figure" in result.loc["t-none", "evidence_reason"]
    note = result.loc["t-note"]
    assert note["evidence"] == "fails" and "endnote 109 states 12" in note["evidence_reason"]
    date = result.loc["t-date"]
    assert date["evidence"] == "fails" and "endnote 109 is dated 2018" in date["evidence_reason"]


# ---------------------------------------------------------------- arithmetic with units and meaning


def test_parts_must_count_what_the_total_counts(corpus: Corpus) -> None:
    result = check(corpus,
                   claim("t-total", "wp-6003", "684", 684),
                   claim("t-a", "wp-6003", "482", 482, "total:t-total", unit="threats"),
                   claim("t-b", "wp-6003", "64", 202, "total:t-total"))
    assert result.loc["t-total", "evidence"] == "none" and "not parts of it" in result.loc["t-total", "evidence_reason"]


def test_money_totals_add_up_across_scales(corpus: Corpus) -> None:
    result = check(corpus,
                   claim("t-bn", "wp-5533", "which at $1.7bn is a relatively small figure", 1.7, unit="USD billion"),
                   claim("t-m1", "wp-5607", "($13.3 million or 33 per cent)", 13.3, "total:t-bn", unit="USD million"),
                   claim("t-m2", "wp-5607", "Education ($9.07 million 23 per cent)", 9.07, "total:t-bn",
                         unit="USD million"))
    total = result.loc["t-bn"]
    assert total["evidence"] == "fails" and "parts add up to 0.02237" in total["evidence_reason"]


def test_conversions_ratios_differences_and_inequalities(checked: pd.DataFrame, corpus: Corpus) -> None:
    budget = checked.loc["news-prospects-extremism-central-asia-004"]
    assert budget["evidence"] == "fails" and "KZT per USD 2018" in budget["evidence_reason"]
    assert checked.loc["news-prospects-extremism-central-asia-008", "evidence"] == "holds"
    pub, quote = "web-prospects-fight-against-extremism-central-asia-1", "from 79 in 2010 to 422 in 2017"
    result = check(corpus,
                   claim("t-79", pub, quote, 79),
                   claim("t-422", pub, quote, 422),
                   claim("t-fold", pub, "has increased 5.3-fold", 5.3, "ratio:t-79/t-422", unit="fold"),
                   claim("t-gap", pub, quote, 79, "difference:t-422/t-79"),
                   claim("t-few", pub, quote, 79, "at_least:t-422"))
    assert result.loc["t-fold", "evidence"] == "fails" and "79 / 422 = 0.19" in result.loc["t-fold", "evidence_reason"]
    assert result.loc["t-gap", "evidence"] == "fails" and "422 - 79 = 343" in result.loc["t-gap", "evidence_reason"]
    assert result.loc["t-few", "evidence"] == "fails"


def test_spans_of_years_against_the_dates_they_span(checked: pd.DataFrame, corpus: Corpus) -> None:
    assert checked.loc["retreating-rights-kazakhstan-001", "evidence"] == "holds"
    quote = "Over the last 30 years Kazakhstan’s ruling elite has delivered substantial economic growth"
    result = check(corpus, claim("t-span", "wp-6005", quote, 30, "span:1995", unit="years"),
                   claim("t-dec", "wp-6005", quote, 30, "span:1991-2021", unit="years"))
    span = result.loc["t-span"]
    assert span["evidence"] == "fails" and "1995 to publication" in span["evidence_reason"]
    assert result.loc["t-dec", "evidence"] == "holds"


# ---------------------------------------------------------------- years and dates


def test_a_year_out_of_order_in_its_passage_fails(checked: pd.DataFrame, corpus: Corpus) -> None:
    row = checked.loc["retreating-rights-kazakhstan-181"]
    assert row["evidence"] == "fails" and row["evidence_kind"] == "date"
    result = check(corpus, claim("t-year", "wp-5636", "Prime Minister’s ‘vision for the UK in 2030’", 2030, "year",
                                 unit="year"))
    year = result.loc["t-year"]
    assert year["evidence"] == "fails" and "after the publication" in year["evidence_reason"]


# ---------------------------------------------------------------- fidelity from the alignment


def test_the_alignment_reaches_fidelity(checked: pd.DataFrame) -> None:
    dropped = checked.loc["retreating-rights-kazakhstan-kk-036"]
    assert dropped["fidelity"] == "missing" and "drops its endnote 15" in dropped["fidelity_reason"]
    changed = checked.loc["retreating-rights-kazakhstan-181"]
    assert changed["fidelity"] == "changed" and "gives 1920 for 2020" in changed["fidelity_reason"]


def test_a_translation_that_counts_something_else_changed(checked: pd.DataFrame) -> None:
    row = checked.loc["retreating-rights-kyrgyzstan-ky-108"]
    assert row["fidelity"] == "changed" and "dead and injured" in row["fidelity_reason"]


# ---------------------------------------------------------------- the register


def test_one_row_per_finding_with_its_instances(register: pd.DataFrame, checked: pd.DataFrame) -> None:
    assert list(register.columns) == FINDING_COLUMNS
    assert register["finding_id"].is_unique
    instances = [cid for group in register["instances"] for cid in group]
    assert len(instances) == len(set(instances)), "a claim belongs to one finding"
    for row in register.itertuples():
        langs = [checked.loc[cid, "lang"] for cid in row.instances]
        assert langs == sorted(langs, key=lambda lang: lang != "en"), "originals before translations"
        assert row.claim_id == row.instances[0] or checked.loc[row.claim_id, "lang"] == "en"
    problems = checked[(checked["evidence"] == "fails") | checked["fidelity"].isin(["changed", "missing"])]
    assert set(problems.index) <= set(instances)


def test_a_total_and_its_parts_in_two_languages_is_one_finding(register: pd.DataFrame) -> None:
    row = register.set_index("claim_id").loc["retreating-rights-kyrgyzstan-133"]
    assert len(row["instances"]) == 8 and row["side"] == "neither"


def test_the_register_says_which_side_the_evidence_supports(register: pd.DataFrame) -> None:
    by_claim = register.set_index("claim_id")
    assert by_claim.loc["retreating-rights-tajikistan-150", "side"] == "translation"
    assert by_claim.loc["retreating-rights-kazakhstan-181", "side"] == "translation"


#: Words with which the registry's ``what`` describes a problem in the report.
PROBLEM = re.compile(r"as printed|should be ['‘\"]|\btypo\b|\bdiffers\b|makes it|headline says", re.IGNORECASE)


def test_a_what_that_describes_a_problem_is_found_by_a_relation(checked: pd.DataFrame) -> None:
    described = checked[checked["what"].str.contains(PROBLEM)]
    passing = described[(described["evidence"] != "fails") & ~described["fidelity"].isin(["changed", "missing"])]
    assert len(described) >= 4
    assert passing.empty, "registry prose names a problem no check finds:\n" + passing["what"].to_string()
