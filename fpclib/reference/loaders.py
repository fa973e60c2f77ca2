"""Freedom House reference data: load the checked extracts (:mod:`fpclib.reference.lookups` ranks and cites them).

The files live in ``data/reference`` with a ``MANIFEST.csv`` of sha256 sums; every loader checks the sum of
the bytes it parses, so a changed file fails loudly instead of shifting a figure. Freedom House publishes
the data; it carries no open licence, so every page that shows it should print :func:`citation`.

An *edition* is the report year: Freedom in the World (FIW) 2021, published in March 2021, covers 2020
(:func:`covers_year`). :func:`edition_for` says which edition was the latest on a given date.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import pandas as pd

from fpclib import paths, tables
from fpclib.errors import ReferenceDataError, ReferenceLookupError

#: Default folder of the reference data: ``<repo>/data/reference``.
MANIFEST = tables.MANIFEST
FIW_FILE = "fiw_2013_2025_aggregate_scores.csv"
FIW_INDICATORS_FILE = "fiw_2020_2022_all_indicators.csv"
NIT_FILE = "nit_2020_democracy_scores.csv"
NIT_EXTRA_FILE = "nit_kyrgyzstan_2021_2022.csv"
PUBLICATIONS_FILE = "fh_publication_dates.csv"

Kind = Literal["fiw", "nit"]
Tie = Literal["competition", "alphabetical", "dense"]
Scope = Literal["all", "countries"]

#: Full report names, for citations.
REPORTS: dict[str, str] = {"fiw": "Freedom in the World", "nit": "Nations in Transit"}

#: One line of attribution for any page that shows the data.
ATTRIBUTION = (
    "Data: Freedom House, Freedom in the World and Nations in Transit (freedomhouse.org). "
    "Freedom House data carry no open licence; cite Freedom House as the source."
)

#: Other names the reports use, lower-cased, mapped to Freedom House's spelling.
ALIASES: dict[str, str] = {
    "kyrgyz republic": "Kyrgyzstan",
    "kirgizia": "Kyrgyzstan",
    "russian federation": "Russia",
    "republic of kazakhstan": "Kazakhstan",
    "republic of tajikistan": "Tajikistan",
    "republic of uzbekistan": "Uzbekistan",
    "czechia": "Czech Republic",
    "côte d'ivoire": "Cote d'Ivoire",
    "ivory coast": "Cote d'Ivoire",
    "gambia": "The Gambia",
    "swaziland": "Eswatini",
    "macedonia": "North Macedonia",
    "burma": "Myanmar",
    "türkiye": "Turkey",
    "cape verde": "Cabo Verde",
    "united states of america": "United States",
    "usa": "United States",
    "uk": "United Kingdom",
    "democratic republic of the congo": "Congo (Kinshasa)",
    "republic of the congo": "Congo (Brazzaville)",
}

STATUSES = ("F", "PF", "NF")
STATUS_NAMES = {"F": "Free", "PF": "Partly Free", "NF": "Not Free"}

_FIW_COLUMNS = {
    "Country/Territory": "country",
    "Region": "region",
    "C/T": "kind",
    "Edition": "edition",
    "Status": "status",
    "PR rating": "pr_rating",
    "CL rating": "cl_rating",
    "PR": "pr",
    "CL": "cl",
    "Total": "total",
}
_SUBCATEGORIES = {
    "A": ("A1", "A2", "A3"),
    "B": ("B1", "B2", "B3", "B4"),
    "C": ("C1", "C2", "C3"),
    "D": ("D1", "D2", "D3", "D4"),
    "E": ("E1", "E2", "E3"),
    "F": ("F1", "F2", "F3", "F4"),
    "G": ("G1", "G2", "G3", "G4"),
}
_INDICATOR_HEADER = [
    *list(_FIW_COLUMNS)[:7],
    *_SUBCATEGORIES["A"], "A", *_SUBCATEGORIES["B"], "B", *_SUBCATEGORIES["C"], "C", "Add Q", "Add A", "PR",
    *_SUBCATEGORIES["D"], "D", *_SUBCATEGORIES["E"], "E", *_SUBCATEGORIES["F"], "F",
    *_SUBCATEGORIES["G"], "G", "CL", "Total",
]
_NIT_COLUMNS = {
    "Country": "country",
    "NIT_edition": "nit_edition",
    "Democracy Percentage": "democracy_percentage",
    "Democracy Score": "democracy_score",
    "Democracy Percentage (rounded)": "democracy_percentage_rounded",
    "Regime Classification": "regime",
}
_NIT_EXTRA_HEADER = ["country", "nit_edition", "measure", "value", "basis", "source_url", "note"]
_PUBLICATIONS_HEADER = ["kind", "edition", "title", "published", "basis", "source_url", "note"]
_ID_COLUMNS = ("country", "region", "kind", "edition", "status")


@dataclass(frozen=True, slots=True)
class Rank:
    """Where one entry stands when an edition is sorted by Total, best first.

    ``span`` is the first and last ordinal place the tie block occupies (equal when nothing ties).
    """

    country: str
    edition: int
    rank: int
    of: int
    total: int
    tied_with: tuple[str, ...]
    span: tuple[int, int]
    tie: Tie
    scope: Scope


@dataclass(frozen=True, slots=True)
class Change:
    """One entry's values in two editions; ``before``/``after`` map measure -> value (None where blank)."""

    country: str
    from_edition: int
    to_edition: int
    before: Mapping[str, int | str | None]
    after: Mapping[str, int | str | None]

    @property
    def status_changed(self) -> bool:
        """True when the status (F / PF / NF) differs between the two editions."""
        return self.before["status"] != self.after["status"]

    def delta(self, measure: str) -> int:
        """``after - before`` for one numeric measure."""
        old, new = self.before.get(measure), self.after.get(measure)
        if not isinstance(old, int) or not isinstance(new, int):
            raise ReferenceLookupError(f"no numeric {measure!r} in both editions; measures: {sorted(self.before)}")
        return new - old

    def to_frame(self) -> pd.DataFrame:
        """One row per measure: measure, before, after, change (change is blank for text and blanks)."""
        rows = []
        for m, old in self.before.items():
            new = self.after[m]
            numeric = isinstance(old, int) and isinstance(new, int)
            rows.append((m, old, new, new - old if numeric else None))  # type: ignore[operator]
        frame = pd.DataFrame(rows, columns=["measure", "before", "after", "change"])
        frame["change"] = frame["change"].astype("Int64")
        return frame


# ---------------------------------------------------------------- manifest and reading


def read_manifest(ref_dir: Path | None = None) -> dict[str, tuple[str, int]]:
    """``MANIFEST.csv`` as file name -> (sha256, bytes)."""
    return {e.file: (e.sha256, e.bytes) for e in tables.read_manifest(ref_dir or paths.reference_dir())}


def _read_verified(name: str, ref_dir: Path | None) -> bytes:
    """The bytes of one reference file, after checking its size and sum against the manifest."""
    folder = ref_dir or paths.reference_dir()
    entry = next((e for e in tables.read_manifest(folder) if e.file == name), None)
    if entry is None:
        raise ReferenceDataError(folder / name, f"not listed in {MANIFEST}")
    return tables.read_verified(folder, entry)


def verify_manifest(ref_dir: Path | None = None) -> list[str]:
    """Check every file the manifest lists, and that every CSV in the folder is listed; returns the names."""
    folder = ref_dir or paths.reference_dir()
    entries = tables.read_manifest(folder)
    extra = tables.unlisted(folder, entries, "*.csv")
    if extra:
        raise ReferenceDataError(folder / MANIFEST, f"files not listed: {', '.join(extra)}")
    for entry in entries:
        tables.read_verified(folder, entry)
    return sorted(e.file for e in entries)


def _read_csv(name: str, ref_dir: Path | None, header: list[str], dtype: Mapping[str, str]) -> pd.DataFrame:
    """Parse a verified file with explicit dtypes, after checking its header."""
    data = _read_verified(name, ref_dir)
    path = (ref_dir or paths.reference_dir()) / name
    found = next(csv.reader(io.StringIO(data.decode("utf-8"))), [])
    if found != header:
        raise ReferenceDataError(path, f"line 1: expected header {header}, found {found}")
    try:
        return pd.read_csv(io.BytesIO(data), dtype=dict(dtype), keep_default_na=False, na_values=[""])
    except ValueError as exc:
        raise ReferenceDataError(path, f"cannot parse with the expected types: {exc}") from None


def _check(path: Path, bad: pd.Series, message: str) -> None:
    """Raise naming the first offending data line (1-based, header is line 1) when ``bad`` has any True."""
    if bad.any():
        first = int(bad.to_numpy().nonzero()[0][0])
        raise ReferenceDataError(path, f"line {first + 2}: {message} ({int(bad.sum())} row(s))")


def _tidy_fiw(raw: pd.DataFrame, path: Path) -> pd.DataFrame:
    """Shared checks and renames for both FIW files."""
    _check(path, raw[list(_FIW_COLUMNS)[:5]].isna().any(axis=1), "blank identifier or status")
    _check(path, ~raw["C/T"].isin(["c", "t"]), "C/T must be c or t")
    _check(path, ~raw["Status"].isin(STATUSES), "Status must be F, PF or NF")
    _check(path, raw.duplicated(["Country/Territory", "Edition"]), "duplicate country and edition")
    _check(path, raw["Total"] != raw["PR"] + raw["CL"], "Total must equal PR + CL")
    out = raw.rename(columns=_FIW_COLUMNS)
    out["kind"] = out["kind"].map({"c": "country", "t": "territory"}).astype("str")
    return out


def load_fiw(ref_dir: Path | None = None) -> pd.DataFrame:
    """FIW aggregate scores, one row per entry and edition (2013-2025), sorted by edition then country.

    Columns: country, region, kind ('country' | 'territory'), edition (int), status ('F' | 'PF' | 'NF'),
    pr_rating, cl_rating (1-7, 1 = most free), pr (0-40, may be negative), cl (0-60), total (0-100).
    """
    ints = ["Edition", "PR rating", "CL rating", "PR", "CL", "Total"]
    dtype = {c: ("int64" if c in ints else "str") for c in _FIW_COLUMNS}
    raw = _read_csv(FIW_FILE, ref_dir, list(_FIW_COLUMNS), dtype)
    out = _tidy_fiw(raw, (ref_dir or paths.reference_dir()) / FIW_FILE)
    return out.sort_values(["edition", "country"], ignore_index=True)


def load_fiw_indicators(ref_dir: Path | None = None) -> pd.DataFrame:
    """FIW editions 2020-2022 with every indicator, columns in lower snake case (a1 ... g4, a ... g, add_q).

    ``add_q`` is recorded as points *deducted*: pr = a + b + c - add_q (checked on load). ``add_a`` is blank.
    """
    strings = {"Country/Territory", "Region", "C/T", "Status"}
    dtype = {c: "str" if c in strings else "Int64" if c == "Add A" else "int64" for c in _INDICATOR_HEADER}
    raw = _read_csv(FIW_INDICATORS_FILE, ref_dir, _INDICATOR_HEADER, dtype)
    path = (ref_dir or paths.reference_dir()) / FIW_INDICATORS_FILE
    for sub, items in _SUBCATEGORIES.items():
        _check(path, raw[list(items)].sum(axis=1) != raw[sub], f"{sub} must equal {' + '.join(items)}")
    _check(path, raw["A"] + raw["B"] + raw["C"] - raw["Add Q"] != raw["PR"], "PR must equal A + B + C - Add Q")
    _check(path, raw[["D", "E", "F", "G"]].sum(axis=1) != raw["CL"], "CL must equal D + E + F + G")
    out = _tidy_fiw(raw, path)
    out.columns = [c.lower().replace(" ", "_") for c in out.columns]
    return out.sort_values(["edition", "country"], ignore_index=True)


def load_nit_figures(ref_dir: Path | None = None) -> pd.DataFrame:
    """The hand-entered NIT figures beyond the 2020 file, one per row, each with basis and source_url.

    Columns: country, nit_edition, measure, value (text as written), basis ('published' | 'derived'),
    source_url, note (the quotation or the derivation).
    """
    dtype = {c: ("int64" if c == "nit_edition" else "str") for c in _NIT_EXTRA_HEADER}
    out = _read_csv(NIT_EXTRA_FILE, ref_dir, _NIT_EXTRA_HEADER, dtype)
    path = (ref_dir or paths.reference_dir()) / NIT_EXTRA_FILE
    _check(path, out.isna().any(axis=1), "blank field")
    _check(path, ~out["basis"].isin(["published", "derived"]), "basis must be published or derived")
    _check(path, ~out["measure"].isin(list(_NIT_COLUMNS.values())[2:]), "unknown measure")
    _check(path, ~out["source_url"].str.startswith("https://"), "source_url must be an https URL")
    _check(path, out.duplicated(["country", "nit_edition", "measure"]), "duplicate figure")
    return out


def load_nit(ref_dir: Path | None = None) -> pd.DataFrame:
    """Nations in Transit democracy scores: the 29 countries of NIT 2020, plus Kyrgyzstan for NIT 2021 and 2022.

    Columns: country, nit_edition, democracy_percentage (0-100), democracy_score (1-7, 7 = most democratic),
    democracy_percentage_rounded (blank where not published), regime, basis ('published', or 'derived' when
    any figure in the row is our derivation: see :func:`load_nit_figures`).
    """
    dtype = {
        "Country": "str", "NIT_edition": "int64", "Democracy Percentage": "float64", "Democracy Score": "float64",
        "Democracy Percentage (rounded)": "Int64", "Regime Classification": "str",
    }
    base = _read_csv(NIT_FILE, ref_dir, list(_NIT_COLUMNS), dtype).rename(columns=_NIT_COLUMNS)
    base["basis"] = "published"
    figures = load_nit_figures(ref_dir)
    wide = figures.pivot(index=["country", "nit_edition"], columns="measure", values="value").reset_index()
    wide.columns.name = None
    any_derived = figures.assign(derived=figures["basis"] == "derived").groupby(["country", "nit_edition"])["derived"]
    basis = any_derived.any().map({True: "derived", False: "published"}).rename("basis")
    wide = wide.merge(basis.reset_index(), on=["country", "nit_edition"])
    path = (ref_dir or paths.reference_dir()) / NIT_EXTRA_FILE
    overlap = wide.merge(base, on=["country", "nit_edition"])
    if len(overlap):
        repeated = list(zip(overlap["country"], overlap["nit_edition"], strict=True))
        raise ReferenceDataError(path, f"repeats rows of {NIT_FILE}: {repeated}")
    try:
        extra = wide.reindex(columns=base.columns).astype(base.dtypes.to_dict())
    except (ValueError, TypeError) as exc:
        raise ReferenceDataError(path, f"a value does not fit its measure's type: {exc}") from None
    return pd.concat([base, extra], ignore_index=True).sort_values(["nit_edition", "country"], ignore_index=True)


def load_publications(ref_dir: Path | None = None) -> pd.DataFrame:
    """Publication dates of the FIW and NIT editions: kind, edition, title, published, basis, source_url, note.

    ``basis`` is 'verified' (a dated report of the release was found) or 'assumed' (see ``note``).
    """
    dtype = {c: ("int64" if c == "edition" else "str") for c in _PUBLICATIONS_HEADER}
    out = _read_csv(PUBLICATIONS_FILE, ref_dir, _PUBLICATIONS_HEADER, dtype)
    path = (ref_dir or paths.reference_dir()) / PUBLICATIONS_FILE
    _check(path, ~out["kind"].isin(list(REPORTS)), "kind must be fiw or nit")
    _check(path, ~out["basis"].isin(["verified", "assumed"]), "basis must be verified or assumed")
    _check(path, out.duplicated(["kind", "edition"]), "duplicate edition")
    try:
        out["published"] = pd.to_datetime(out["published"], format="%Y-%m-%d")
    except ValueError as exc:
        raise ReferenceDataError(path, f"published must be YYYY-MM-DD: {exc}") from None
    _check(path, out["published"].dt.year != out["edition"], "an edition is published in its own year")
    return out


