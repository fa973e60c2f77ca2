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

from fpclib.claims.external import check_reference
from fpclib.paths import reference_dir
from fpclib.reference import datasets

COLUMNS = ["subject", "measure", "period", "value", "source", "date", "says"]
#: Hosts whose pages are the reports or copies of them: never evidence.
NOT_INDEPENDENT = ("fpc.org.uk",)


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


@pytest.mark.parametrize(("name", "line", "row"), _rows(), ids=lambda v: v if isinstance(v, str) else "")
def test_a_sourced_fact_names_its_page_and_date(name: str, line: int, row: dict[str, str]) -> None:
    where = f"{name}:{line}"
    assert row["subject"].strip() and row["measure"].strip(), where
    assert re.fullmatch(r"-?\d[\d,]*(?:\.\d+)?", row["value"]), f"{where}: value {row['value']!r} is not a number"
    url = row["source"].rsplit(" ", 1)[-1]
    parsed = urlparse(url)
    assert parsed.scheme in ("http", "https") and parsed.netloc, f"{where}: the source must end with its URL"
    assert not parsed.netloc.removeprefix("www.").endswith(NOT_INDEPENDENT), f"{where}: {parsed.netloc} is the report"
    assert row["date"] == "" or pd.Timestamp(row["date"]) <= pd.Timestamp("2026-12-31"), where
    assert 0 < len(row["says"].split()) <= 25, f"{where}: says what the page states in at most 25 words"


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

