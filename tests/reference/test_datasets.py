"""The catalogue of reference datasets beyond Freedom House: every row loads, vintages are respected, and a
damaged catalogue or file is one clear error."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from fpclib import tables
from fpclib.errors import FpcError, RegistryError
from fpclib.paths import reference_dir
from fpclib.reference import datasets


def test_every_catalogued_release_loads_with_values() -> None:
    loaded = datasets.load()
    counts = loaded.groupby("dataset").size()
    assert set(counts.index) == set(datasets.catalogue()["dataset"]) and (counts > 0).all()
    assert loaded["value"].notna().all()


def test_a_rank_is_recomputed_from_the_whole_table() -> None:
    place, of, found = datasets.rank_for("ti_cpi:Kyrgyzstan:score@2020", pd.Timestamp("2021-03-01"), "t")
    assert (place, of, found.value) == (124, 180, 31.0)
    assert datasets.printed_rank("ti_cpi", "Kyrgyzstan", found) == 124
    place, of, _ = datasets.rank_for("rsf_wpfi:Tajikistan:score", pd.Timestamp("2021-07-01"), "t")
    assert (place, of) == (162, 180), "RSF ranks from the lowest score"


def test_an_index_edition_not_yet_published_is_not_used() -> None:
    early = datasets.value_for("ti_cpi:Tajikistan:score", pd.Timestamp("2021-01-15"), "t")
    late = datasets.value_for("ti_cpi:Tajikistan:score", pd.Timestamp("2021-02-15"), "t")
    assert (early.period, late.period) == ("2019", "2020")


def test_a_release_after_the_report_is_named() -> None:
    found = datasets.value_for("wb_gdp:Kyrgyzstan:gdp@2019", pd.Timestamp("2021-02-28"), "t")
    assert found.after_publication and "released after the report (2021-02-28)" in found.cite
    snapshot = datasets.value_for("factbook:Kazakhstan:Population [people]", pd.Timestamp("2021-01-01"), "t")
    assert snapshot.release == "2020-11-24", "the Factbook snapshot current at the date"


def test_countries_are_matched_by_their_other_names() -> None:
    assert datasets.value_for("wb_gdp:Kyrgyzstan:gdp@2019", None, "t").value == pytest.approx(8.871e9, rel=1e-3)
    with pytest.raises(RegistryError, match="t: ref wb_gdp:Atlantis:gdp: wb_gdp has no country 'Atlantis'"):
        datasets.value_for("wb_gdp:Atlantis:gdp", None, "t")


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "reference"
    shutil.copytree(reference_dir(), folder)
    return folder


def test_a_catalogue_naming_a_missing_column_is_an_error(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    text = (folder / datasets.CATALOGUE).read_text(encoding="utf-8").replace(",Country Name,", ",Land Name,", 1)
    (folder / datasets.CATALOGUE).write_text(text, encoding="utf-8")
    entries = [tables.manifest_entry(folder, e.file, e.description) if e.file == datasets.CATALOGUE else e
               for e in tables.read_manifest(folder)]
    tables.write_manifest(folder, entries)
    with pytest.raises(FpcError, match="no column 'Land Name'"):
        datasets.load(folder)


def test_an_altered_dataset_fails_its_manifest(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    path = folder / "ti_cpi_2012_2020_timeseries.csv"
    path.write_bytes(path.read_bytes().replace(b"Kyrgyzstan,KGZ,ECA,31", b"Kyrgyzstan,KGZ,ECA,41"))
    with pytest.raises(FpcError, match=r"ti_cpi_2012_2020_timeseries\.csv"):
        datasets.load(folder)
