"""Tests of fpclib.reference against the real Freedom House extracts in data/reference.

Every figure quoted in data/reference/README.md is checked here, so the README cannot drift from the data.
"""

from __future__ import annotations

import csv
import hashlib
import shutil
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from fpclib import reference as ref
from fpclib.errors import FpcError
from fpclib.paths import reference_dir
from fpclib.reference import ReferenceDataError, ReferenceLookupError, datasets


@pytest.fixture(scope="module")
def fiw() -> pd.DataFrame:
    return ref.load_fiw()


@pytest.fixture(scope="module")
def indicators() -> pd.DataFrame:
    return ref.load_fiw_indicators()


@pytest.fixture(scope="module")
def nit() -> pd.DataFrame:
    return ref.load_nit()


def _copy_ref(tmp_path: Path) -> Path:
    """A private copy of data/reference to tamper with."""
    folder = tmp_path / "reference"
    shutil.copytree(reference_dir(), folder)
    return folder


def _rewrite_manifest(folder: Path) -> None:
    """Make the manifest agree with the (edited) files, so a check past the checksum can be reached."""
    rows = list(csv.DictReader((folder / ref.MANIFEST).open(encoding="utf-8")))
    with (folder / ref.MANIFEST).open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=["file", "sha256", "bytes", "description"], lineterminator="\n")
        writer.writeheader()
        for row in rows:
            data = (folder / row["file"]).read_bytes()
            writer.writerow({**row, "sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)})


# ---------------------------------------------------------------- manifest


def test_manifest_lists_and_verifies_every_csv() -> None:
    listed = ref.verify_manifest()
    assert {"fh_publication_dates.csv", "fiw_2013_2025_aggregate_scores.csv", "fiw_2020_2022_all_indicators.csv",
            "nit_2020_democracy_scores.csv", "nit_kyrgyzstan_2021_2022.csv", "datasets.csv"} <= set(listed)
    assert set(datasets.catalogue()["file"]) <= set(listed)


def test_tampered_copy_names_file_and_both_sums(tmp_path: Path) -> None:
    folder = _copy_ref(tmp_path)
    target = folder / ref.FIW_FILE
    expected = ref.read_manifest(folder)[ref.FIW_FILE][0]
    target.write_bytes(target.read_bytes().replace(b"Kyrgyzstan,Eurasia,c,2021,NF,7,5,4,24,28",
                                                   b"Kyrgyzstan,Eurasia,c,2021,NF,7,5,5,24,29"))
    actual = hashlib.sha256(target.read_bytes()).hexdigest()
    assert actual != expected
    with pytest.raises(FpcError) as err:
        ref.load_fiw(folder)
    message = str(err.value)
    assert ref.FIW_FILE in message and expected in message and actual in message
    assert err.value.file == str(target)


def test_unlisted_and_missing_files_fail(tmp_path: Path) -> None:
    folder = _copy_ref(tmp_path)
    (folder / "extra.csv").write_text("a\n1\n", encoding="utf-8")
    with pytest.raises(ReferenceDataError, match=r"files not listed: extra\.csv"):
        ref.verify_manifest(folder)
    (folder / ref.NIT_FILE).unlink()
    with pytest.raises(FpcError, match=r"expected the file listed in MANIFEST\.csv, but it is missing"):
        ref.load_nit(folder)


def test_bad_value_names_file_and_line(tmp_path: Path) -> None:
    folder = _copy_ref(tmp_path)
    target = folder / ref.FIW_FILE
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("Afghanistan,Asia,c,2013,NF", "Afghanistan,Asia,c,2013,XF"), encoding="utf-8")
    _rewrite_manifest(folder)
    with pytest.raises(ReferenceDataError, match=rf"{ref.FIW_FILE}: line 3: Status must be F, PF or NF"):
        ref.load_fiw(folder)


def test_indicator_sums_are_checked(tmp_path: Path) -> None:
    folder = _copy_ref(tmp_path)
    target = folder / ref.FIW_INDICATORS_FILE
    lines = target.read_text(encoding="utf-8").splitlines(keepends=True)
    fields = lines[1].split(",")
    fields[fields.index("Abkhazia") + 7] = "3"  # A1 of the first row: 2 -> 3, so A no longer sums
    lines[1] = ",".join(fields)
    target.write_text("".join(lines), encoding="utf-8")
    _rewrite_manifest(folder)
    with pytest.raises(ReferenceDataError, match="line 2: A must equal A1 \\+ A2 \\+ A3"):
        ref.load_fiw_indicators(folder)


# ---------------------------------------------------------------- shape of the tables


def test_fiw_shape_and_types(fiw: pd.DataFrame) -> None:
    assert list(fiw.columns) == ["country", "region", "kind", "edition", "status",
                                 "pr_rating", "cl_rating", "pr", "cl", "total"]
    assert len(fiw) == 2723
    assert set(fiw["kind"]) == {"country", "territory"} and set(fiw["status"]) == {"F", "PF", "NF"}
    sizes = fiw.groupby("edition").size().to_dict()
    assert {e: sizes[e] for e in (2013, 2014, 2017, 2018, 2019)} == dict.fromkeys((2013, 2014, 2017, 2018, 2019), 209)
    assert {e: sizes[e] for e in (2015, 2016, 2020, 2021, 2022, 2023, 2024)} == dict.fromkeys(
        (2015, 2016, 2020, 2021, 2022, 2023, 2024), 210)
    assert sizes[2025] == 208
    assert set(fiw[fiw["kind"] == "country"].groupby("edition").size()) == {195}


def test_indicators_agree_with_aggregates(fiw: pd.DataFrame, indicators: pd.DataFrame) -> None:
    assert len(indicators) == 630 and len(indicators.columns) == 44
    merged = fiw.merge(indicators, on=["country", "edition"], suffixes=("", "_i"))
    assert len(merged) == 630
    for col in ("region", "kind", "status", "pr_rating", "cl_rating", "pr", "cl", "total"):
        assert (merged[col] == merged[f"{col}_i"]).all(), col
    assert indicators["add_a"].isna().all()
    assert int((indicators["add_q"] != 0).sum()) == 56


def test_fiw_long(fiw: pd.DataFrame) -> None:
    long = ref.fiw_long(fiw)
    assert list(long.columns) == ["country", "edition", "measure", "value"]
    assert len(long) == 5 * len(fiw)
    row = long[(long.country == "Kyrgyzstan") & (long.edition == 2021) & (long.measure == "total")]
    assert row["value"].tolist() == [28]


# ---------------------------------------------------------------- verified figures (README section 2)

VERIFIED = [
    # country, edition, total, pr, cl, status
    ("Kyrgyzstan", 2020, 39, 12, 27, "PF"), ("Kyrgyzstan", 2021, 28, 4, 24, "NF"),
    ("Kazakhstan", 2020, 23, 5, 18, "NF"), ("Kazakhstan", 2021, 23, 5, 18, "NF"),
    ("Tajikistan", 2020, 9, 0, 9, "NF"), ("Tajikistan", 2021, 8, 0, 8, "NF"),
    ("Uzbekistan", 2020, 10, 2, 8, "NF"), ("Uzbekistan", 2021, 11, 2, 9, "NF"),
    ("Russia", 2020, 20, 5, 15, "NF"), ("Russia", 2021, 20, 5, 15, "NF"),
    ("Turkmenistan", 2020, 2, 0, 2, "NF"), ("Turkmenistan", 2021, 2, 0, 2, "NF"),
]


@pytest.mark.parametrize(("country", "edition", "total", "pr", "cl", "status"), VERIFIED)
def test_verified_figures(fiw: pd.DataFrame, country: str, edition: int, total: int, pr: int, cl: int,
                          status: str) -> None:
    assert [ref.lookup(fiw, country, edition, m) for m in ("total", "pr", "cl", "status")] == [total, pr, cl, status]


@pytest.mark.parametrize(("country", "total"), [("Kyrgyzstan", 27), ("Kazakhstan", 23), ("Tajikistan", 8),
                                                ("Uzbekistan", 11), ("Russia", 19), ("Turkmenistan", 2)])
def test_fiw_2022(fiw: pd.DataFrame, country: str, total: int) -> None:
    assert (ref.lookup(fiw, country, 2022, "total"), ref.lookup(fiw, country, 2022, "status")) == (total, "NF")


def test_subcategories(indicators: pd.DataFrame) -> None:
    measures = ("a", "b", "c", "add_q", "pr", "d", "e", "f", "g", "cl")
    taj = {m: ref.lookup(indicators, "Tajikistan", 2021, m) for m in measures}
    assert taj == {"a": 0, "b": 0, "c": 0, "add_q": 0, "pr": 0, "d": 1, "e": 2, "f": 1, "g": 4, "cl": 8}
    assert ref.lookup(indicators, "China", 2021, "pr") == -2 and ref.lookup(indicators, "Syria", 2021, "pr") == -3
    china = [ref.lookup(indicators, "China", 2021, m) for m in ("a", "b", "c", "add_q")]
    assert china == [0, 0, 1, 3]


def test_kyrgyzstan_change(indicators: pd.DataFrame) -> None:
    change = ref.changes(indicators, "Kyrgyz Republic", 2020, 2021)
    measures = ("a", "b", "c", "add_q", "pr", "d", "e", "f", "g", "cl", "total")
    pairs = {m: (change.before[m], change.after[m]) for m in measures}
    assert pairs == {"a": (4, 2), "b": (5, 3), "c": (4, 0), "add_q": (1, 1), "pr": (12, 4), "d": (10, 10),
                     "e": (6, 5), "f": (4, 2), "g": (7, 7), "cl": (27, 24), "total": (39, 28)}
    assert change.status_changed and (change.before["status"], change.after["status"]) == ("PF", "NF")
    assert change.delta("total") == -11
    frame = change.to_frame().set_index("measure")
    assert frame.loc["total", "change"] == -11 and pd.isna(frame.loc["status", "change"])
    with pytest.raises(ReferenceLookupError):
        change.delta("status")


def test_changes_on_aggregates(fiw: pd.DataFrame) -> None:
    change = ref.changes(fiw, "Kazakhstan", 2020, 2021)
    assert not change.status_changed and change.delta("total") == 0


# ---------------------------------------------------------------- ranks


def test_tajikistan_2021_rank(fiw: pd.DataFrame) -> None:
    for tie in ("competition", "alphabetical"):
        got = ref.rank(fiw, "Tajikistan", 2021, tie=tie)
        assert (got.rank, got.of, got.total, got.tied_with, got.span) == (198, 210, 8, (), (198, 198))
    countries = ref.rank(fiw, "Tajikistan", 2021, scope="countries")
    assert (countries.rank, countries.of) == (187, 195)
    assert ref.rank(fiw, "Tajikistan", 2021, tie="dense").rank == 79  # "198th" cannot be a dense rank


def test_tajikistan_2021_neighbours_below(fiw: pd.DataFrame) -> None:
    e = fiw[fiw.edition == 2021]
    assert int((e.total > 8).sum()) == 197
    below = dict(zip(e.loc[e.total < 8, "country"], e.loc[e.total < 8, "total"], strict=True))
    assert below == {"Crimea": 7, "Saudi Arabia": 7, "Somalia": 7, "Equatorial Guinea": 5, "Eastern Donbas": 4,
                     "Western Sahara": 4, "North Korea": 3, "Eritrea": 2, "South Sudan": 2, "Turkmenistan": 2,
                     "Syria": 1, "Tibet": 1}


def test_tajikistan_2020_tie_with_libya(fiw: pd.DataFrame) -> None:
    competition = ref.rank(fiw, "Tajikistan", 2020)
    assert (competition.rank, competition.tied_with, competition.span) == (197, ("Libya",), (197, 198))
    assert ref.rank(fiw, "Tajikistan", 2020, tie="alphabetical").rank == 198
    assert ref.rank(fiw, "Libya", 2020, tie="alphabetical").rank == 197
    assert ref.rank(fiw, "Tajikistan", 2020, scope="countries").rank == 186


@pytest.mark.parametrize(("country", "place", "span"), [
    ("Kyrgyzstan", 156, (156, 160)), ("Kazakhstan", 167, (167, 168)), ("Russia", 172, (172, 175)),
    ("Uzbekistan", 189, (189, 192)), ("Turkmenistan", 206, (206, 208)),
])
def test_2021_competition_ranks(fiw: pd.DataFrame, country: str, place: int, span: tuple[int, int]) -> None:
    got = ref.rank(fiw, country, 2021)
    assert (got.rank, got.of, got.span) == (place, 210, span)


def test_kyrgyzstan_five_way_tie(fiw: pd.DataFrame) -> None:
    got = ref.rank(fiw, "Kyrgyzstan", 2021)
    assert got.total == 28 and got.tied_with == ("Brunei", "Myanmar", "Pakistani Kashmir", "Zimbabwe")
    assert ref.rank(fiw, "Kyrgyzstan", 2021, tie="alphabetical").rank == 157  # after Brunei


def test_rank_rejects_bad_arguments(fiw: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="tie must be"):
        ref.rank(fiw, "Russia", 2021, tie="olympic")  # type: ignore[arg-type]
    with pytest.raises(ReferenceLookupError, match="Tibet is a territory"):
        ref.rank(fiw, "Tibet", 2021, scope="countries")


# ---------------------------------------------------------------- counts, look-ups, editions, citation


def test_status_counts(fiw: pd.DataFrame) -> None:
    assert ref.status_counts(fiw, 2020) == {"F": 83, "PF": 63, "NF": 49}
    assert ref.status_counts(fiw, 2021) == {"F": 82, "PF": 59, "NF": 54}
    assert sum(ref.status_counts(fiw, 2021, scope="all").values()) == 210
    with pytest.raises(ReferenceLookupError, match="no edition 2012"):
        ref.status_counts(fiw, 2012)


def test_lookup_aliases_and_errors(fiw: pd.DataFrame) -> None:
    assert ref.lookup(fiw, "Kyrgyz Republic", 2021, "total") == 28
    assert ref.lookup(fiw, "  russian   federation ", 2021, "total") == 20
    assert ref.lookup(fiw, "KAZAKHSTAN", 2021, "kind") == "country"
    with pytest.raises(ReferenceLookupError, match="unknown country or territory 'Kyrgyzstn'; did you mean Kyrgyzstan"):
        ref.lookup(fiw, "Kyrgyzstn", 2021, "total")
    with pytest.raises(ReferenceLookupError, match=r"Kyrgyzstan has no entry for edition 2012; editions: \[2013,"):
        ref.lookup(fiw, "Kyrgyzstan", 2012, "total")
    with pytest.raises(ReferenceLookupError, match="unknown measure 'score'"):
        ref.lookup(fiw, "Kyrgyzstan", 2021, "score")


@pytest.mark.parametrize(("when", "kind", "edition"), [
    ("2021-02-28", "fiw", 2020),                # "currently" in late February 2021 means FIW 2020
    ("2021-07-22", "fiw", 2021),
    (date(2021, 3, 3), "fiw", 2020),            # a text of the release day is taken as written before it
    (date(2021, 3, 4), "fiw", 2021),
    (pd.Timestamp("2021-03-03T23:30", tz="UTC"), "fiw", 2020),
    (pd.Timestamp("2022-02-25T01:00", tz="Asia/Bishkek"), "fiw", 2021),  # still 24 Feb in UTC
    ("2020-03-05", "fiw", 2020),
    ("2020-01-15", "fiw", 2019),
    ("2021-03-10", "nit", 2020),
    ("2021-07-22", "nit", 2021),
])
def test_edition_for(when: object, kind: ref.Kind, edition: int) -> None:
    assert ref.edition_for(when, kind) == edition  # type: ignore[arg-type]


def test_edition_for_refuses_guesses() -> None:
    with pytest.raises(ReferenceLookupError, match="before the first tabulated fiw publication"):
        ref.edition_for("2018-12-31")
    with pytest.raises(ReferenceLookupError, match="tabulated up to edition 2022"):
        ref.edition_for("2023-06-01", "nit")
    with pytest.raises(ValueError, match="kind must be"):
        ref.edition_for("2021-06-01", "fotn")  # type: ignore[arg-type]


def test_publications_table() -> None:
    pubs = ref.load_publications().set_index(["kind", "edition"])
    assert pubs.loc[("fiw", 2020), "published"] == pd.Timestamp("2020-03-04")
    assert pubs.loc[("fiw", 2021), "published"] == pd.Timestamp("2021-03-03")
    assert pubs.loc[("fiw", 2022), "published"] == pd.Timestamp("2022-02-24")
    assert (pubs.loc[[("fiw", 2020), ("fiw", 2021), ("fiw", 2022), ("nit", 2020)], "basis"] == "verified").all()
    assert pubs["source_url"].str.startswith("https://").all()


def test_covers_year_and_citation() -> None:
    assert ref.covers_year(2021) == 2020 and ref.covers_year(2020) == 2019
    assert ref.citation(2021) == "Freedom House (2021), Freedom in the World 2021"
    assert ref.citation(2020, "nit") == "Freedom House (2020), Nations in Transit 2020"
    assert "cite Freedom House" in ref.ATTRIBUTION


# ---------------------------------------------------------------- Nations in Transit (README section 3)


def test_nit_2020_table(nit: pd.DataFrame) -> None:
    base = nit[nit.nit_edition == 2020]
    assert len(base) == 29 and (base["basis"] == "published").all()
    formula = (base["democracy_score"] - 1) / 6 * 100
    gap = (base["democracy_percentage"] - formula).abs()
    # A score rounded to 2 decimals moves the percentage by up to 0.005 / 6 * 100; its own rounding adds 0.005.
    assert (gap <= 0.005 / 6 * 100 + 0.005).all()
    assert round(gap.max(), 3) == 0.073 and base.loc[gap.idxmax(), "country"] == "Latvia"


@pytest.mark.parametrize(("country", "percentage", "score"), [
    ("Kyrgyzstan", 16.07, 1.96), ("Kazakhstan", 5.36, 1.32), ("Tajikistan", 2.98, 1.18),
    ("Uzbekistan", 2.38, 1.14), ("Russia", 6.55, 1.39), ("Turkmenistan", 0.00, 1.00),
])
def test_nit_2020_values(nit: pd.DataFrame, country: str, percentage: float, score: float) -> None:
    row = nit[(nit.country == country) & (nit.nit_edition == 2020)].iloc[0]
    assert (row.democracy_percentage, row.democracy_score) == (percentage, score)
    assert row.regime == "Consolidated Authoritarian Regime"


def test_nit_kyrgyzstan_2021_2022(nit: pd.DataFrame) -> None:
    kg = nit[nit.country == "Kyrgyzstan"].set_index("nit_edition")
    assert list(kg.index) == [2020, 2021, 2022]
    assert (kg.loc[2021, "democracy_percentage"], kg.loc[2021, "democracy_score"]) == (14.29, 1.86)
    assert kg.loc[2021, "democracy_percentage_rounded"] == 14
    assert (kg.loc[2022, "democracy_percentage"], kg.loc[2022, "democracy_score"]) == (12.50, 1.75)
    assert pd.isna(kg.loc[2022, "democracy_percentage_rounded"])
    assert set(kg["regime"]) == {"Consolidated Authoritarian Regime"}
    assert list(kg["basis"]) == ["published", "derived", "derived"]


def test_nit_derivation_reproduces() -> None:
    """14.29 follows from the published 1.75 and three 0.25 falls; 14 and 1.86 are its published roundings."""
    sum_2021 = 7 * 1.75 + 3 * 0.25
    assert sum_2021 == 13.0
    percentage = (sum_2021 / 7 - 1) / 6 * 100
    assert round(percentage, 2) == 14.29 and round(percentage) == 14 and round(sum_2021 / 7, 2) == 1.86
    assert round((1.75 - 1) / 6 * 100, 2) == 12.5


def test_nit_figures_basis_and_source() -> None:
    figures = ref.load_nit_figures().set_index(["nit_edition", "measure"])
    assert figures.loc[(2021, "democracy_score"), "basis"] == "published"
    assert figures.loc[(2021, "democracy_percentage_rounded"), "basis"] == "published"
    assert figures.loc[(2021, "democracy_percentage"), "basis"] == "derived"
    assert figures.loc[(2022, "democracy_score"), "basis"] == "published"
    assert set(figures["source_url"]) == {"https://freedomhouse.org/country/kyrgyzstan/nations-transit/2022"}


def test_nit_figure_of_wrong_type_fails(tmp_path: Path) -> None:
    folder = _copy_ref(tmp_path)
    target = folder / ref.NIT_EXTRA_FILE
    target.write_text(target.read_text(encoding="utf-8").replace(",1.86,published", ",n/a,published", 1),
                      encoding="utf-8")
    _rewrite_manifest(folder)
    with pytest.raises(ReferenceDataError, match=rf"{ref.NIT_EXTRA_FILE}: a value does not fit"):
        ref.load_nit(folder)
