"""The discrepancy register: one row per finding, its instances beneath it (originals before translations), each
instance linked to its claim's row on the page that shows it, and the counts of the overview on both axes."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd
import pytest

from fpclib import Corpus
from fpclib.book import chapters, overviews, sections
from fpclib.claims import findings

ROW = re.compile(r'<tbody id="finding-(F\d+)">(.*?)</tbody>', re.S)
HREF = re.compile(r'href="([^"#]*)#(claim-[^"]+)"')


@pytest.fixture(scope="module")
def register(corpus: Corpus, checked_claims: pd.DataFrame) -> pd.DataFrame:
    return chapters.register(checked_claims, corpus)


@pytest.fixture(scope="module")
def table_html(corpus: Corpus, checked_claims: pd.DataFrame, register: pd.DataFrame) -> str:
    return overviews.register_table(checked_claims, corpus, register).html


def test_one_row_per_finding(checked_claims: pd.DataFrame, register: pd.DataFrame, table_html: str) -> None:
    rows = ROW.findall(table_html)
    assert len(register) == len(findings(checked_claims)) == len(rows) > 0
    assert [finding for finding, _ in rows] == register["finding_id"].tolist()


def test_instances_list_originals_before_translations(checked_claims: pd.DataFrame, corpus: Corpus,
                                                      register: pd.DataFrame, table_html: str) -> None:
    lang = checked_claims.set_index("claim_id")["lang"]
    for (_, finding), (_, row) in zip(register.iterrows(), ROW.findall(table_html)):
        listed = [claim_id for _, claim_id in HREF.findall(row.split("<ol>", 1)[1])]
        assert listed == [f"claim-{c}" for c in finding["instances"]], finding["finding_id"]
        translated = [lang[c] != "en" for c in finding["instances"]]
        assert translated == sorted(translated), f"{finding['finding_id']}: a translation before an original"
        roles = chapters.instances(checked_claims, corpus, finding)["role"]
        assert roles[[not t for t in translated]].isin(set(chapters.ROLES.values()) | {
            "the original's figure", "the total", "same passage"}).all()
        assert roles[translated].str.endswith(" translation").all()


def test_tajikistan_russian_copy_is_an_instance_of_its_english_finding(checked_claims: pd.DataFrame,
                                                                        corpus: Corpus,
                                                                        register: pd.DataFrame) -> None:
    (finding,) = [f for _, f in register.iterrows() if "retreating-rights-tajikistan-ru-157" in f["instances"]]
    assert "retreating-rights-tajikistan-150" in finding["instances"]
    instances = chapters.instances(checked_claims, corpus, finding).set_index("claim_id")
    assert instances.loc["retreating-rights-tajikistan-ru-157", "page"] == \
        "translations/retreating-rights-tajikistan.html"
    assert instances.loc["retreating-rights-tajikistan-ru-157", "role"] == "Russian translation"


def test_overview_counts_evidence_with_fidelity_beside(checked_claims: pd.DataFrame) -> None:
    table = sections.axis_counts(checked_claims, ["report_id"]).set_index("report_id")
    assert list(table.columns) == ["claims", "holds", "fails", "none", "same", "changed", "missing"]
    assert (table[["holds", "fails", "none"]].sum(axis=1) == table["claims"]).all()
    assert table["claims"].sum() == len(checked_claims)


def test_every_instance_link_lands_on_a_claim_row(built_html: Path) -> None:
    page = built_html / "book" / "discrepancies.html"
    text = page.read_text(encoding="utf-8")
    rows = ROW.findall(text)
    assert rows, "the built register has no finding"
    anchors: dict[Path, str] = {}
    for finding, row in rows:
        for target, anchor in HREF.findall(row):
            path = (page.parent / urlsplit(target).path).resolve() if target else page
            if path not in anchors:
                assert path.is_file(), f"{finding}: {target} is not a built page"
                anchors[path] = path.read_text(encoding="utf-8")
            assert f'id="{anchor}"' in anchors[path], f"{finding}: no {anchor} on {target}"
