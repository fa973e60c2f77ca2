"""Freedom House reference data: load the checked extracts, then rank, count, compare, look up and cite them.

The files live in ``data/reference`` with a ``MANIFEST.csv`` of sha256 sums; every loader checks the sum of
the bytes it parses, so a changed file fails loudly instead of shifting a figure. Freedom House publishes
the data; it carries no open licence, so every page that shows it should print :func:`citation`.

An *edition* is the report year: Freedom in the World (FIW) 2021, published in March 2021, covers 2020
(:func:`covers_year`). :func:`edition_for` says which edition was the latest on a given date.
"""

from __future__ import annotations

import csv
import difflib
import hashlib
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Literal

import pandas as pd

#: Default folder of the reference data: ``<repo>/data/reference``.
REF_DIR = Path(__file__).resolve().parent.parent / "data" / "reference"

MANIFEST = "MANIFEST.csv"
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


class ReferenceDataError(ValueError):
    """A reference file is missing, altered or malformed. The message names the file and what was expected."""

    def __init__(self, file: str | Path, message: str) -> None:
        self.file = str(file)
        self.message = message
        super().__init__(f"{file}: {message}")


class ReferenceLookupError(KeyError):
    """A country, edition or measure that the table does not hold; the message lists what it does hold."""

    def __str__(self) -> str:
        return str(self.args[0])


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
    path = (ref_dir or REF_DIR) / MANIFEST
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ReferenceDataError(path, "manifest not found") from None
    reader = csv.DictReader(io.StringIO(text))
    if reader.fieldnames != ["file", "sha256", "bytes", "description"]:
        raise ReferenceDataError(path, f"expected header file,sha256,bytes,description, found {reader.fieldnames}")
    entries: dict[str, tuple[str, int]] = {}
    for line, row in enumerate(reader, start=2):
        if not row["bytes"].isdigit() or len(row["sha256"]) != 64:
            raise ReferenceDataError(path, f"line {line}: expected a 64-hex sha256 and a byte count, got {row}")
        entries[row["file"]] = (row["sha256"], int(row["bytes"]))
    return entries


def _read_verified(name: str, ref_dir: Path | None) -> bytes:
    """The bytes of one reference file, after checking them against the manifest."""
    folder = ref_dir or REF_DIR
    path = folder / name
    expected = read_manifest(folder).get(name)
    if expected is None:
        raise ReferenceDataError(path, f"not listed in {MANIFEST}")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ReferenceDataError(path, "file not found") from None
    actual = hashlib.sha256(data).hexdigest()
    if actual != expected[0]:
        raise ReferenceDataError(path, f"sha256 differs from {MANIFEST}: expected {expected[0]}, actual {actual}")
    if len(data) != expected[1]:
        raise ReferenceDataError(path, f"size differs from {MANIFEST}: expected {expected[1]} bytes, "
                                       f"actual {len(data)}")
    return data


def verify_manifest(ref_dir: Path | None = None) -> list[str]:
    """Check every file the manifest lists, and that every CSV in the folder is listed; returns the names."""
    folder = ref_dir or REF_DIR
    listed = read_manifest(folder)
    unlisted = sorted(p.name for p in folder.glob("*.csv") if p.name != MANIFEST and p.name not in listed)
    if unlisted:
        raise ReferenceDataError(folder / MANIFEST, f"files not listed: {', '.join(unlisted)}")
    for name in listed:
        _read_verified(name, folder)
    return sorted(listed)


def _read_csv(name: str, ref_dir: Path | None, header: list[str], dtype: Mapping[str, str]) -> pd.DataFrame:
    """Parse a verified file with explicit dtypes, after checking its header."""
    data = _read_verified(name, ref_dir)
    path = (ref_dir or REF_DIR) / name
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
    out = _tidy_fiw(raw, (ref_dir or REF_DIR) / FIW_FILE)
    return out.sort_values(["edition", "country"], ignore_index=True)


def load_fiw_indicators(ref_dir: Path | None = None) -> pd.DataFrame:
    """FIW editions 2020-2022 with every indicator, columns in lower snake case (a1 ... g4, a ... g, add_q).

    ``add_q`` is recorded as points *deducted*: pr = a + b + c - add_q (checked on load). ``add_a`` is blank.
    """
    strings = {"Country/Territory", "Region", "C/T", "Status"}
    dtype = {c: "str" if c in strings else "Int64" if c == "Add A" else "int64" for c in _INDICATOR_HEADER}
    raw = _read_csv(FIW_INDICATORS_FILE, ref_dir, _INDICATOR_HEADER, dtype)
    path = (ref_dir or REF_DIR) / FIW_INDICATORS_FILE
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
    path = (ref_dir or REF_DIR) / NIT_EXTRA_FILE
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
    path = (ref_dir or REF_DIR) / NIT_EXTRA_FILE
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
    path = (ref_dir or REF_DIR) / PUBLICATIONS_FILE
    _check(path, ~out["kind"].isin(list(REPORTS)), "kind must be fiw or nit")
    _check(path, ~out["basis"].isin(["verified", "assumed"]), "basis must be verified or assumed")
    _check(path, out.duplicated(["kind", "edition"]), "duplicate edition")
    try:
        out["published"] = pd.to_datetime(out["published"], format="%Y-%m-%d")
    except ValueError as exc:
        raise ReferenceDataError(path, f"published must be YYYY-MM-DD: {exc}") from None
    _check(path, out["published"].dt.year != out["edition"], "an edition is published in its own year")
    return out


# ---------------------------------------------------------------- names, look-ups and editions


def canonical_country(name: str, known: Iterable[str]) -> str:
    """Freedom House's spelling of ``name``: exact or case-insensitive match, else :data:`ALIASES`."""
    names = {str(k).casefold(): str(k) for k in known}
    key = " ".join(name.split()).casefold()
    if key in names:
        return names[key]
    alias = ALIASES.get(key)
    if alias is not None and alias.casefold() in names:
        return names[alias.casefold()]
    close = difflib.get_close_matches(name, list(names.values()), n=3)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise ReferenceLookupError(f"unknown country or territory {name!r}{hint}")


def _row(table: pd.DataFrame, country: str, edition: int) -> pd.Series:
    """The one row of ``country`` in ``edition``, with errors that say what exists."""
    name = canonical_country(country, table["country"].unique())
    rows = table[(table["country"] == name) & (table["edition"] == edition)]
    if rows.empty:
        editions = sorted(int(e) for e in table.loc[table["country"] == name, "edition"])
        raise ReferenceLookupError(f"{name} has no entry for edition {edition}; editions: {editions}")
    return rows.iloc[0]


def _plain(value: object) -> int | str | None:
    """A table cell as a plain Python value (numpy ints become int, blanks None)."""
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return None
    if isinstance(value, str):
        return value
    return int(value)  # type: ignore[call-overload]


def lookup(table: pd.DataFrame, country: str, edition: int, measure: str) -> int | str | None:
    """One value, e.g. ``lookup(fiw, 'Kyrgyz Republic', 2021, 'total') == 28``."""
    if measure not in table.columns:
        raise ReferenceLookupError(f"unknown measure {measure!r}; columns: {list(table.columns)}")
    return _plain(_row(table, country, edition)[measure])


def fiw_long(table: pd.DataFrame) -> pd.DataFrame:
    """The numeric measures of an FIW table in long form: country, edition, measure, value (Int64)."""
    measures = [c for c in table.columns if c not in _ID_COLUMNS]
    out = table.melt(id_vars=["country", "edition"], value_vars=measures, var_name="measure", value_name="value")
    out["value"] = out["value"].astype("Int64")
    return out


def rank(
    fiw: pd.DataFrame,
    country: str,
    edition: int,
    *,
    tie: Tie = "competition",
    scope: Scope = "all",
) -> Rank:
    """Rank of ``country`` by Total in one edition, best first. Freedom House publishes no rank, so say the rule.

    Tie rules:
      * ``competition`` ("1224"): 1 + the number of entries with a strictly higher Total; all tied entries share it.
      * ``alphabetical``: tied entries take consecutive places in alphabetical order of name.
      * ``dense`` ("1223"): 1 + the number of distinct Totals strictly higher.
    Scope ``all`` ranks countries and territories together (210 entries in FIW 2021); ``countries`` ranks the
    195 countries only. ``tied_with`` lists the other entries in scope with the same Total.
    """
    if tie not in ("competition", "alphabetical", "dense"):
        raise ValueError(f"tie must be competition, alphabetical or dense, not {tie!r}")
    if scope not in ("all", "countries"):
        raise ValueError(f"scope must be all or countries, not {scope!r}")
    name = str(_row(fiw, country, edition)["country"])
    pool = fiw[fiw["edition"] == edition]
    if scope == "countries":
        pool = pool[pool["kind"] == "country"]
        if name not in set(pool["country"]):
            raise ReferenceLookupError(f"{name} is a territory, so it has no rank with scope='countries'")
    total = int(pool.loc[pool["country"] == name, "total"].iloc[0])
    higher = pool["total"] > total
    tied = tuple(sorted((str(c) for c in pool.loc[pool["total"] == total, "country"] if c != name), key=str.casefold))
    first = int(higher.sum()) + 1
    if tie == "competition":
        place = first
    elif tie == "alphabetical":
        place = first + sum(1 for t in tied if t.casefold() < name.casefold())
    else:
        place = int(pool.loc[higher, "total"].nunique()) + 1
    return Rank(name, edition, place, len(pool), total, tied, (first, first + len(tied)), tie, scope)


def status_counts(fiw: pd.DataFrame, edition: int, scope: Scope = "countries") -> dict[str, int]:
    """Number of Free, Partly Free and Not Free entries in one edition, as ``{'F': n, 'PF': n, 'NF': n}``."""
    pool = fiw[fiw["edition"] == edition]
    if pool.empty:
        raise ReferenceLookupError(f"no edition {edition}; editions: {sorted(int(e) for e in fiw['edition'].unique())}")
    if scope == "countries":
        pool = pool[pool["kind"] == "country"]
    counts = pool["status"].value_counts()
    return {s: int(counts.get(s, 0)) for s in STATUSES}


def changes(table: pd.DataFrame, country: str, from_edition: int, to_edition: int) -> Change:
    """Scores and status of one entry in two editions (works on :func:`load_fiw` and :func:`load_fiw_indicators`)."""
    before, after = _row(table, country, from_edition), _row(table, country, to_edition)
    measures = [c for c in table.columns if c not in ("country", "region", "kind", "edition")]
    return Change(
        str(before["country"]), from_edition, to_edition,
        {m: _plain(before[m]) for m in measures}, {m: _plain(after[m]) for m in measures},
    )


def covers_year(edition: int) -> int:
    """The calendar year an FIW or NIT edition assesses: the year before the edition (FIW 2021 covers 2020)."""
    return edition - 1


def edition_for(when: date | datetime | str | pd.Timestamp, kind: Kind = "fiw", *, ref_dir: Path | None = None) -> int:
    """The latest edition of ``kind`` published strictly before ``when``: what a text of that date calls current.

    Dates come from ``fh_publication_dates.csv`` (some are assumed; see its ``basis``). A text dated on a
    publication day gets the previous edition. Dates before the first tabulated edition, or in a year after
    the last, raise, because the answer would be a guess.
    """
    day = pd.Timestamp(when)
    if day.tzinfo is not None:
        day = day.tz_convert("UTC").tz_localize(None)
    day = day.normalize()
    pubs = load_publications(ref_dir)
    pubs = pubs[pubs["kind"] == kind]
    if pubs.empty:
        raise ValueError(f"kind must be one of {sorted(REPORTS)}, not {kind!r}")
    if day.year > int(pubs["edition"].max()):
        raise ReferenceLookupError(
            f"{day.date()}: publication dates of {kind} are tabulated up to edition {int(pubs['edition'].max())}; "
            f"add later editions to {PUBLICATIONS_FILE}")
    earlier = pubs[pubs["published"] < day]
    if earlier.empty:
        raise ReferenceLookupError(
            f"{day.date()} is before the first tabulated {kind} publication ({pubs['published'].min().date()})")
    return int(earlier["edition"].max())


def citation(edition: int, kind: Kind = "fiw") -> str:
    """The citation for one edition, e.g. ``citation(2021) == 'Freedom House (2021), Freedom in the World 2021'``.

    Editions are published in their own year, so the year in brackets is the edition.
    """
    if kind not in REPORTS:
        raise ValueError(f"kind must be one of {sorted(REPORTS)}, not {kind!r}")
    return f"Freedom House ({edition}), {REPORTS[kind]} {edition}"


def status_changes(fiw: pd.DataFrame, countries: Iterable[str]) -> pd.DataFrame:
    """Every change of status between consecutive editions for ``countries``: country, from/to edition and
    status, and the totals either side."""
    names = [canonical_country(c, fiw["country"].unique()) for c in countries]
    rows = []
    for name in names:
        series = fiw[fiw["country"] == name].sort_values("edition")
        for before, after in zip(series.itertuples(index=False), series.iloc[1:].itertuples(index=False)):
            if before.status != after.status:
                rows.append({"country": name, "from_edition": before.edition, "to_edition": after.edition,
                             "from_status": STATUS_NAMES[before.status], "to_status": STATUS_NAMES[after.status],
                             "from_total": before.total, "to_total": after.total})
    return pd.DataFrame(rows, columns=["country", "from_edition", "to_edition", "from_status", "to_status",
                                       "from_total", "to_total"])
