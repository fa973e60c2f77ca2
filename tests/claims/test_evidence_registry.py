"""Registry and reference damage: one line naming the file, line and column (or the claim id), never a traceback
and never a silently different verdict."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from fpclib import Corpus
from fpclib import reference as fh
from fpclib.claims import COLUMNS, check_claims, load_claims
from fpclib.errors import FpcError, RegistryError

HEADER = ",".join(COLUMNS)
GOOD = "x-1,wp-5806,198th out of 210,198,rank,a rank,,,none,"


def registry(tmp_path: Path, *lines: str) -> Path:
    folder = tmp_path / "claims"
    folder.mkdir()
    (folder / "x.csv").write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize(("line", "expected"), [
    ("x-2,wp-5806,,198,rank,a rank,,,none,", r"x\.csv:3:13: empty quote"),
    ("x-2,wp-5806,198th,ten,rank,a rank,,,none,", r"x\.csv:3:19: value 'ten' is not a number"),
    ("x-2,wp-5806,198th,,rank,a rank,,,none,", r"x\.csv:3:19: empty value"),
    ("x-2,wp-5806,198th,198,,a rank,,,none,", r"x\.csv:3:23: empty unit"),
    ("x-2,wp-5806,198th,198,rank,a rank,7a,,none,", r"x\.csv:3:\d+: note '7a'"),
    ("x-1,wp-5806,198th,198,rank,a rank,,,none,", r"x\.csv:3:1: duplicate claim_id 'x-1'"),
    ("x-2,wp-5806,198th,198,rank,a rank,,,none,equals:x-404", r"x\.csv:3: x-2: relation equals:x-404 names x-404"),
    ("x-2,wp-5806,198th,198,rank,a rank,,,none,sideways:x-1", r"x-2: unknown relation 'sideways'"),
])
def test_a_damaged_registry_row_is_one_line_naming_where(tmp_path: Path, line: str, expected: str) -> None:
    with pytest.raises(RegistryError, match=expected) as caught:
        load_claims(registry(tmp_path, GOOD, line))
    assert "\n" not in str(caught.value)


def test_a_row_with_missing_fields_names_its_line(tmp_path: Path) -> None:
    with pytest.raises(FpcError, match=r"x\.csv:3:1: expected 10 fields"):
        load_claims(registry(tmp_path, GOOD, "x-2,wp-5806,198th"))


def test_a_relation_to_a_claim_that_does_not_exist_names_both(corpus: Corpus) -> None:
    rows = pd.DataFrame([{**dict.fromkeys(COLUMNS, ""), "claim_id": "t-1", "pub_id": "wp-5806", "quote": "198th",
                          "value": 198, "unit": "rank", "what": "a rank", "relation": "total:t-missing",
                          "report_id": "t"}])
    with pytest.raises(RegistryError, match="t-1: relation total:t-missing names t-missing"):
        check_claims(corpus, claims=rows)


@pytest.mark.parametrize(("relation", "expected"), [
    ("fiw:Tajikistan:pr:2030", "t-1: fiw:Tajikistan:pr:2030: Freedom in the World 2030 is not in the reference data"),
    ("ref:ti_cpi:Tajikistan:score@2031",
     "t-1: ref ti_cpi:Tajikistan:score@2031: ti_cpi has no score of Tajikistan for 2031"),
    ("ref:no_such_data:Tajikistan:score", "t-1: ref no_such_data:Tajikistan:score: no dataset 'no_such_data'"),
    ("ref_count:rsf_wpfi:rank@1999", "t-1: ref_count rsf_wpfi:rank@1999: no such measure and period"),
])
def test_a_reference_edition_the_registry_asks_for_must_exist(corpus: Corpus, relation: str, expected: str) -> None:
    rows = pd.DataFrame([{**dict.fromkeys(COLUMNS, ""), "claim_id": "t-1", "pub_id": "wp-5806",
                          "quote": "with a score of 0 for political rights", "value": 0, "unit": "score",
                          "what": "a score", "relation": relation, "report_id": "t"}])
    with pytest.raises(RegistryError, match=expected.replace("(", r"\(")):
        check_claims(corpus, claims=rows)


def test_a_reference_file_missing_the_current_edition_is_an_error(corpus: Corpus) -> None:
    fiw = fh.load_fiw()
    rows = pd.DataFrame([{**dict.fromkeys(COLUMNS, ""), "claim_id": "t-1", "pub_id": "wp-5806",
                          "quote": "with a score of 0 for political rights", "value": 0, "unit": "score",
                          "what": "a score", "relation": "fiw:Tajikistan:pr", "report_id": "t"}])
    with pytest.raises(RegistryError, match="t-1: fiw:Tajikistan:pr: Freedom in the World 2021 is not in"):
        check_claims(corpus, reference=fiw[fiw["edition"] != 2021], claims=rows)


@pytest.mark.parametrize(("change", "expected"), [
    ({"quote": ""}, "t-1: empty quote"),
    ({"value": "ten"}, "t-1: value 'ten' is not a number"),
])
def test_check_claims_refuses_a_damaged_table(corpus: Corpus, change: dict, expected: str) -> None:
    row = {**dict.fromkeys(COLUMNS, ""), "claim_id": "t-1", "pub_id": "wp-5806", "quote": "198th", "value": 198,
           "unit": "rank", "what": "a rank", "report_id": "t"}
    with pytest.raises(RegistryError, match=expected):
        check_claims(corpus, claims=pd.DataFrame([{**row, **change}]))
    with pytest.raises(RegistryError, match="t-1: duplicate claim_id"):
        check_claims(corpus, claims=pd.DataFrame([row, row]))
