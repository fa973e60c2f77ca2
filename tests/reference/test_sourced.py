"""Facts transcribed by hand from public sources (``data/reference/sourced_*.csv``, dataset ``sourced``): every row
names its page, dates it, says what it states in a few words, and is independent of the reports; a fact is read
like any other release, so a text that differs from it fails, and a later source is named as such."""

from __future__ import annotations

import csv
import re
from types import SimpleNamespace
from urllib.parse import urlparse

import pandas as pd
import pytest

from fpclib import Corpus
from fpclib.claims import COLUMNS as COLUMNS_OF_CLAIMS
from fpclib.claims import check_claims
from fpclib.claims.external import check_reference
from fpclib.claims.registry import validate_relations
from fpclib.claims.relations import RELATIONS
from fpclib.errors import RegistryError
from fpclib.paths import reference_dir
from fpclib.reference import datasets

COLUMNS = ["subject", "measure", "period", "value", "source", "date", "says"]
#: Hosts whose pages are the reports or copies of them: never evidence.
NOT_INDEPENDENT = ("fpc.org.uk",)
IRPT = "Tajikistan:IRPT banned by the Supreme Court (year)"


def _rows() -> list[tuple[str, int, dict[str, str]]]:
    found = []
    for path in sorted(reference_dir().glob("sourced_*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            assert reader.fieldnames == COLUMNS, path.name
            found += [(path.name, line, row) for line, row in enumerate(reader, start=2)]
    return found


def test_every_sourced_file_is_catalogued() -> None:
    files = {p.name for p in reference_dir().glob("sourced_*.csv")}
    catalogued = set(datasets.catalogue().query("dataset == 'sourced'")["file"])
    assert files == catalogued


def _problem(row: dict[str, str]) -> str | None:
    """What is wrong with one sourced row (None when it is sound)."""
    if not (row["subject"].strip() and row["measure"].strip()):
        return "empty subject or measure"
    if not re.fullmatch(r"-?\d[\d,]*(?:\.\d+)?", row["value"]):
        return f"value {row['value']!r} is not a number"
    parsed = urlparse(row["source"].rsplit(" ", 1)[-1])
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        return "the source must end with its URL"
    if parsed.netloc.removeprefix("www.").endswith(NOT_INDEPENDENT):
        return f"{parsed.netloc} is the report itself"
    if row["date"] and not re.fullmatch(r"(?:19|20)\d\d-\d\d-\d\d", row["date"]):
        return f"date {row['date']!r}: expected YYYY-MM-DD or nothing"
    if not 0 < len(row["says"].split()) <= 25:
        return "says what the page states in 1 to 25 words"
    return None


def test_every_sourced_fact_names_its_page_and_date() -> None:
    problems = [f"{name}:{line}: {problem}" for name, line, row in _rows() if (problem := _problem(row))]
    assert not problems, "\n".join(problems)


def test_a_row_without_its_page_or_with_the_report_as_its_page_is_caught() -> None:
    row = {"subject": "Tajikistan", "measure": "x (year)", "period": "", "value": "2015", "date": "2015-09-30",
           "source": 'RFE/RL, "Title", 30 September 2015, https://www.rferl.org/a/1.html', "says": "banned in 2015"}
    assert _problem(row) is None
    assert _problem({**row, "source": 'RFE/RL, "Title"'}) == "the source must end with its URL"
    assert _problem({**row, "source": "FPC, https://fpc.org.uk/x"}) == "fpc.org.uk is the report itself"
    assert _problem({**row, "date": "30/09/2015"}).startswith("date")


def test_no_fact_is_entered_twice_from_the_same_source() -> None:
    keys = [(r["subject"].casefold(), r["measure"].casefold(), r["period"], r["source"]) for _, _, r in _rows()]
    assert len(keys) == len(set(keys))


def _claim(value: float, quote: str = "banned in 2015") -> SimpleNamespace:
    return SimpleNamespace(claim_id="t", value=value, magnitude=value, unit="year", quote=quote)


def test_a_sourced_fact_holds_or_fails_and_names_its_source() -> None:
    key = "sourced:Tajikistan:IRPT banned by the Supreme Court (year)"
    published = pd.Timestamp("2021-03-01")
    holds = check_reference(_claim(2015), key, published)
    assert holds.verdict == "consistent" and holds.reason.startswith("Khovar")
    assert "https://eng.khovar.tj/" in holds.reason
    fails = check_reference(_claim(2016, "banned in 2016"), key, published)
    assert fails.verdict == "discrepancy" and "the text says 2016" in fails.reason


def test_a_source_dated_after_the_report_is_named_so() -> None:
    found = datasets.value_for("sourced:Tajikistan:IRPT banned by the Supreme Court (year)",
                               pd.Timestamp("2016-01-01"), "t")
    assert found.after_publication and "dated after the report (2016-01-01)" in found.cite



def test_the_audit_matches_the_facts_held() -> None:
    with (reference_dir() / "audit_sourced_facts_2026-12.csv").open(encoding="utf-8", newline="") as handle:
        audit = list(csv.DictReader(handle))
    held = {(name, r["subject"], r["measure"], r["value"]) for name, _, r in _rows()}
    statuses = {r["status"] for r in audit}
    assert len(audit) == 100 and statuses <= {"confirmed", "not_found"}
    for row in audit:
        key = (row["file"], row["subject"], row["measure"], row["value"])
        assert (key in held) == (row["status"] == "confirmed"), key


def test_a_fact_from_a_page_is_its_own_kind_of_evidence(corpus: Corpus) -> None:
    row = dict.fromkeys(COLUMNS_OF_CLAIMS, "")
    row.update(pub_id="wp-5806", quote="prior to its banning in 2015", unit="year", report_id="t", what="a test")
    holds = {**row, "claim_id": "t-2015", "value": 2015, "relation": f"source:{IRPT}"}
    fails = {**row, "claim_id": "t-2016", "value": 2016, "quote": "as Presidential Chief of Staff since 2016",
             "relation": f"source:{IRPT}"}
    checked = check_claims(corpus, claims=pd.DataFrame([holds, fails])).set_index("claim_id")
    assert RELATIONS["source"].axis == "source"
    assert checked.loc["t-2015", ["evidence", "evidence_kind"]].tolist() == ["holds", "source"]
    assert checked.loc["t-2016", "evidence"] == "fails" and "the text says 2016" in checked.loc["t-2016",
                                                                                                "evidence_reason"]


def test_a_page_fact_named_as_a_dataset_is_an_error() -> None:
    claims = pd.DataFrame([{**dict.fromkeys(COLUMNS_OF_CLAIMS, ""), "claim_id": "t-1",
                            "relation": f"ref:sourced:{IRPT}"}])
    with pytest.raises(RegistryError, match=r"t-1: relation ref:sourced:Tajikistan:IRPT .*: expected source:"):
        validate_relations(claims)
