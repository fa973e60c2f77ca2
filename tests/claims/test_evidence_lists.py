"""``items``: a count ("the seven principles are:") against the list that follows it, on small fixtures where it
must fail and hold, and on every registered claim that names it."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import pytest

from fpclib import Corpus
from fpclib.claims import RELATIONS, load_claims
from fpclib.claims.locate import locate
from fpclib.claims.relations import Context
from fpclib.errors import RegistryError

HEADER = "The seven principles of public life are:"


def blocks(*kinds: str, text: str = HEADER) -> pd.DataFrame:
    """A publication ``t`` whose first block is ``text`` and whose next blocks have these kinds (``sub``: a list
    item one level deeper)."""
    rows = [("paragraph", 0, text)] + [("list_item", 2, "a sub-item") if kind == "sub" else
                                       (kind, 1 if kind == "list_item" else 0, f"block of kind {kind}")
                                       for kind in kinds]
    return pd.DataFrame([{"block_id": f"t.{seq}", "pub_id": "t", "seq": seq, "kind": kind, "level": level,
                          "text": body} for seq, (kind, level, body) in enumerate(rows, start=1)])


def items(table: pd.DataFrame, argument: str = "", value: float = 7, quote: str = "seven principles"):
    """The ``items`` verdict for a claim of ``value`` in block ``t.1``."""
    claim = SimpleNamespace(claim_id="t-001", pub_id="t", block_id="t.1", quote=quote, value=value)
    context = Context(pd.DataFrame(), pd.DataFrame(), {}, blocks=table)
    return RELATIONS["items"].check(claim, argument, context)


def test_a_list_of_six_for_seven_fails_naming_the_blocks_counted() -> None:
    found = items(blocks(*["list_item"] * 6, "paragraph", "paragraph", "list_item"))
    assert found.verdict == "discrepancy"
    assert found.reason == "the list that follows t.1, blocks 2-7 of t, has 6 items, the text says 7"


def test_a_list_of_seven_holds() -> None:
    found = items(blocks(*["list_item"] * 7))
    assert found.verdict == "consistent"
    assert found.reason == "the list that follows t.1, blocks 2-8 of t, has 7 items"


def test_glosses_and_sub_items_are_not_items_and_a_heading_ends_the_list() -> None:
    table = blocks("list_item", "paragraph", "list_item", "sub", "sub", "list_item", "heading", "list_item")
    found = items(table, value=3)
    assert found.verdict == "consistent"
    assert found.reason == "the list that follows t.1, blocks 2, 4, 7 of t, has 3 items"


def test_no_list_after_the_claim_fails_and_a_named_block_moves_the_start() -> None:
    table = blocks("paragraph", "paragraph", *["list_item"] * 7)
    assert items(table).verdict == "discrepancy"
    assert "no list follows t.1" in items(table).reason
    assert items(table, "t.3").reason == "the list that follows t.3, blocks 4-10 of t, has 7 items"


def test_a_block_of_another_publication_is_a_registry_error() -> None:
    with pytest.raises(RegistryError, match=r"^t-001: items:wp-1\.3: expected a block of t"):
        items(blocks("list_item"), "wp-1.3")


def test_an_inline_list_is_counted_after_the_quote() -> None:
    six = "The seven principles: Selflessness, Integrity, Objectivity, Accountability, Openness and Honesty."
    found = items(blocks(text=six), "inline")
    assert found.verdict == "discrepancy"
    assert found.reason.startswith("the list that follows the quote in t.1 has 6 items (Selflessness; Integrity;")
    assert found.reason.endswith(", the text says 7")
    seven = six.replace(" and Honesty.", ", Honesty and Leadership.")
    assert items(blocks(text=seven), "inline").verdict == "consistent"
    assert items(blocks(text="The seven principles matter."), "inline").verdict == "discrepancy"


def test_without_the_corpus_blocks_the_count_is_unverifiable() -> None:
    claim = SimpleNamespace(claim_id="t-001", pub_id="t", block_id="t.1", quote="seven", value=7)
    found = RELATIONS["items"].check(claim, "", Context(pd.DataFrame(), pd.DataFrame(), {}))
    assert found.verdict == "unverifiable"


# ---------------------------------------------------------------- the registry


@pytest.fixture(scope="module")
def listed(corpus: Corpus) -> pd.DataFrame:
    """Every registered claim that names ``items``, located in the corpus."""
    registry = load_claims()
    named = registry[registry["relation"].str.contains(r"(?:^|;)items(?::|;|$)", regex=True)]
    return locate(named, corpus, errors="raise")


def test_every_registered_list_count_matches_its_list(corpus: Corpus, listed: pd.DataFrame) -> None:
    assert len(listed) >= 16
    context = Context(listed.set_index("claim_id"), pd.DataFrame(), {}, blocks=corpus.blocks)
    found = {}
    for claim in listed.itertuples(index=False):
        argument = next(a for part in claim.relation.split(";") for k, _, a in [part.partition(":")] if k == "items")
        found[claim.claim_id] = RELATIONS["items"].check(claim, argument, context)
    assert {cid: v.reason for cid, v in found.items() if v.verdict != "consistent"} == {}
    assert found["force-for-good-011"].reason == ("the list that follows wp-6268.56, blocks 57, 59, 61, 63 of "
                                                  "wp-6268, has 4 items")


def test_check_claims_gives_list_counts_arithmetic_evidence(checked_claims: pd.DataFrame, listed: pd.DataFrame) -> None:
    checked = checked_claims.set_index("claim_id").loc[listed["claim_id"]]
    assert (checked["evidence"] == "holds").all(), checked["evidence_reason"].to_dict()
    assert checked["evidence_kind"].str.contains("arithmetic").all()
