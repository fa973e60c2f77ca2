"""Reference datasets beyond Freedom House, read through one catalogue: adding a dataset is a file in
``data/reference`` (listed in its manifest) and a row of ``datasets.csv``, not new code.

Each catalogue row says how to read one release of one dataset into tidy rows (country, measure, period, value).
Its fields name columns of the file, or give a literal after ``=`` (``=CPI 2020``); ``a+b`` joins two columns
(``field+unit`` reads "Area/total [km2]"); ``column~regex`` reads the first group of a regex in a text column
(the year of an independence date). ``layout`` is ``wide`` (one column per period: ``measure`` holds
``name=regex`` pairs, ``;``-separated, whose group is the period) or ``long`` (one value per row). ``filter``
keeps rows with ``column=value``. ``release`` and ``released`` name the release and its date (a column for a file
holding several snapshots); ``editions`` says when the edition of a period appeared (``+1-01-28``: the CPI of
year p on 28 January of p + 1), for indices whose editions are periods; ``lower_is_better`` lists the measures
ranked from the lowest; ``base`` names what a share is a share of (``GNI``), so a text that gives it as a share
of something else fails.

:func:`value_for` answers ``<dataset>:<country>:<measure>[@<period>]`` in the release current at a date, and
names the release; :func:`rank_for` recomputes a rank from the whole table.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from fpclib import paths, tables
from fpclib.errors import ReferenceDataError, RegistryError
from fpclib.reference.loaders import ALIASES

CATALOGUE = "datasets.csv"
CATALOGUE_COLUMNS = ("dataset", "file", "publisher", "title", "release", "released", "layout", "country", "period",
                     "measure", "value", "filter", "editions", "lower_is_better", "base", "licence")
TIDY_COLUMNS = ["dataset", "release", "released", "country", "measure", "period", "value", "published"]


@dataclass(frozen=True, slots=True)
class Found:
    """A reference value, where it came from (``cite``), and what other releases say when they differ."""

    value: float
    period: str
    release: str
    cite: str
    others: tuple[str, ...] = ()
    after_publication: bool = False


def catalogue(ref_dir: Path | None = None) -> pd.DataFrame:
    """The datasets catalogue, one row per release of a dataset (see the module docstring)."""
    folder = ref_dir or paths.reference_dir()
    rows = [row for _, row in tables.read_rows(folder / CATALOGUE, CATALOGUE_COLUMNS)]
    return pd.DataFrame(rows, columns=list(CATALOGUE_COLUMNS))


def _verified_csv(folder: Path, name: str) -> pd.DataFrame:
    """A catalogued file, after checking its size and sum against the manifest."""
    entry = next((e for e in tables.read_manifest(folder) if e.file == name), None)
    if entry is None:
        raise ReferenceDataError(folder / name, f"not listed in {tables.MANIFEST}")
    return pd.read_csv(io.BytesIO(tables.read_verified(folder, entry)), dtype=str, keep_default_na=False)


def _column(raw: pd.DataFrame, spec: str, path: Path) -> pd.Series:
    """A column named in the catalogue (``a+b`` joins two as "a [b]"), or a literal (``=text``)."""
    if spec.startswith("="):
        return pd.Series(spec[1:], index=raw.index)
    names = spec.split("+")
    for name in names:
        if name not in raw.columns:
            raise ReferenceDataError(path, f"line 1: no column {name!r} (catalogue); columns: {list(raw.columns)}")
    joined = raw[names[0]]
    for name in names[1:]:
        joined = joined + " [" + raw[name] + "]"
    return joined


def _extracted(raw: pd.DataFrame, spec: str, path: Path) -> pd.Series:
    """A value column, or the first group of a regex in it (``value~\\b(\\d{4})\\b``: the year in a text)."""
    column, _, pattern = spec.partition("~")
    values = _column(raw, column, path)
    return values.str.extract(pattern, expand=False) if pattern else values


#: English month names, read as their numbers (a Factbook date "9 June 2019" gives the month 6).
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December")
_MONTH_NUMBERS = {name.casefold(): str(number) for number, name in enumerate(MONTH_NAMES, start=1)}


def _number(text: pd.Series) -> pd.Series:
    """Figures as written ("2,724,900") as floats, and month names as their numbers; blanks NA.

    >>> _number(pd.Series(["2,724,900", "June", ""])).tolist()
    [2724900.0, 6.0, nan]
    """
    cleaned = text.str.replace(",", "", regex=False).str.strip()
    cleaned = cleaned.map(lambda word: _MONTH_NUMBERS.get(word.casefold(), word) if isinstance(word, str) else word)
    return pd.to_numeric(cleaned.replace("", None), errors="coerce")


def _edition_date(period: str, rule: str) -> pd.Timestamp:
    """When the edition of a period was published, by a rule such as ``+1-01-28``.

    >>> _edition_date("2020", "+1-01-28")
    Timestamp('2021-01-28 00:00:00')
    """
    match = re.fullmatch(r"\+(\d)-(\d\d)-(\d\d)", rule)
    if match is None or not period.isdigit():
        return pd.NaT
    return pd.Timestamp(int(period) + int(match.group(1)), int(match.group(2)), int(match.group(3)))


def _tidy(entry: pd.Series, folder: Path) -> pd.DataFrame:
    """One catalogued release as tidy rows."""
    path = folder / entry["file"]
    raw = _verified_csv(folder, entry["file"])
    for condition in filter(None, entry["filter"].split(";")):
        column, _, wanted = condition.partition("=")
        raw = raw[_column(raw, column, path) == wanted]
    country = _column(raw, entry["country"], path)
    if entry["layout"] == "wide":
        parts = []
        for pair in entry["measure"].split(";"):
            name, _, pattern = pair.partition("=")
            for column in raw.columns:
                match = re.fullmatch(pattern, column)
                if match:
                    parts.append(pd.DataFrame({"country": country, "measure": name, "period": match.group(1),
                                               "value": _number(raw[column]),
                                               "_r": _column(raw, entry["release"], path),
                                               "_d": _column(raw, entry["released"], path)}))
        out = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=TIDY_COLUMNS)
    elif entry["layout"] == "long":
        out = pd.DataFrame({"country": country, "measure": _column(raw, entry["measure"], path),
                            "period": _column(raw, entry["period"] or "=", path),
                            "value": _number(_extracted(raw, entry["value"], path)),
                            "_r": _column(raw, entry["release"], path), "_d": _column(raw, entry["released"], path)})
    else:
        raise ReferenceDataError(folder / CATALOGUE,
                                 f"{entry['dataset']}: layout {entry['layout']!r}: expected wide or long")
    out = out.dropna(subset=["value"])
    out.insert(0, "dataset", entry["dataset"])
    out["release"] = out.pop("_r")
    out["released"] = pd.to_datetime(out.pop("_d"), errors="coerce")
    out["published"] = [_edition_date(p, entry["editions"]) for p in out["period"]]
    return out[TIDY_COLUMNS]


@cache
def _catalogue_cached() -> pd.DataFrame:
    return catalogue()


@cache
def load(ref_dir: Path | None = None) -> pd.DataFrame:
    """Every catalogued dataset as tidy rows: dataset, release, released, country, measure, period, value,
    published (the date the period's edition appeared, for indices)."""
    folder = ref_dir or paths.reference_dir()
    frames = [_tidy(entry, folder) for _, entry in catalogue(folder).iterrows()]
    return pd.concat(frames, ignore_index=True)


@cache
def _entry(dataset: str) -> pd.Series:
    known = _catalogue_cached()
    rows = known[known["dataset"] == dataset]
    if rows.empty:
        raise KeyError(f"unknown dataset {dataset!r}; catalogued: {', '.join(sorted(set(known['dataset'])))}")
    return rows.iloc[0]


def _country(rows: pd.DataFrame, name: str) -> str | None:
    """The dataset's spelling of a country (exact, case-insensitive, an alias, or its ISO code)."""
    names = {str(c).casefold(): str(c) for c in rows["country"].unique()}
    key = name.casefold()
    canonical = ALIASES.get(key, name).casefold()
    spellings = [key, canonical, *(alias for alias, to in ALIASES.items() if to.casefold() == canonical)]
    return next((names[s] for s in spellings if s in names), None)


def parse_key(key: str) -> tuple[str, str, str, str | None]:
    """``<dataset>:<country>:<measure>[@<period>]`` as its four parts (the measure may hold colons, and may be
    the start of a longer name that only one measure has).

    >>> parse_key("ti_cpi:Kazakhstan:score@2020")
    ('ti_cpi', 'Kazakhstan', 'score', '2020')
    >>> parse_key("factbook:Kazakhstan:Ethnic groups: Kazakh (Qazaq) [percent]")
    ('factbook', 'Kazakhstan', 'Ethnic groups: Kazakh (Qazaq) [percent]', None)
    """
    dataset, _, rest = key.partition(":")
    country, _, measure = rest.partition(":")
    measure, at, period = measure.rpartition("@") if "@" in measure else (measure, "", "")
    return dataset, country, measure, period if at else None


@cache
def _groups() -> dict[str, tuple[pd.DataFrame, dict[str, pd.DataFrame]]]:
    """The loaded rows by dataset, each with its rows by country, so that a key is looked up without a scan."""
    return {dataset: (rows, {country: part for country, part in rows.groupby("country", sort=False)})
            for dataset, rows in load().groupby("dataset", sort=False)}


def _rows(key: str, claim_id: str) -> tuple[pd.DataFrame, str, str, str | None, str]:
    """The tidy rows of a key's dataset, country and measure; a key the data cannot answer is a RegistryError."""
    dataset, country, measure, period = parse_key(key)
    groups = _groups()
    if dataset not in groups:
        raise RegistryError(f"{claim_id}: ref {key}: no dataset {dataset!r}; catalogued: "
                            f"{', '.join(sorted(groups))}")
    name = _country(groups[dataset][0], country)
    if name is None:
        raise RegistryError(f"{claim_id}: ref {key}: {dataset} has no country {country!r}")
    rows = groups[dataset][1][name]
    starting = sorted(m for m in set(rows["measure"]) if m.startswith(measure))
    if measure not in set(rows["measure"]) and len(starting) == 1:
        measure = starting[0]
    if measure not in set(rows["measure"]):
        raise RegistryError(f"{claim_id}: ref {key}: {dataset} has no measure {measure!r} for {name}; measures: "
                            f"{', '.join(sorted(set(rows['measure']))[:12])}")
    rows = rows[rows["measure"] == measure]
    if period is not None and period not in set(rows["period"]):
        raise RegistryError(f"{claim_id}: ref {key}: {dataset} has no {measure} of {name} for {period}; "
                            f"it holds {', '.join(sorted(set(rows['period'])))}")
    return rows, dataset, name, period, measure


def has_measure(dataset: str, country: str, measure: str) -> bool:
    """Whether a dataset holds that measure for that country (in any release)."""
    groups = _groups()
    name = _country(groups[dataset][0], country) if dataset in groups else None
    return name is not None and bool((groups[dataset][1][name]["measure"] == measure).any())


def describe(dataset: str) -> str:
    """Publisher and title of a catalogued dataset, for a reason."""
    entry = _entry(dataset)
    return f"{entry['publisher']}, {entry['title']}"


def base_of(dataset: str) -> str:
    """What a dataset's shares are shares of (``GNI``, ``GDP``), or '' when it gives no shares."""
    return str(_entry(dataset)["base"])


def count(dataset: str, measure: str, period: str, claim_id: str) -> tuple[int, str]:
    """How many countries have a value of ``measure`` for ``period`` in the earliest release that has it (later
    copies may hold only the countries still ranked)."""
    data = load()
    rows = data[(data["dataset"] == dataset) & (data["measure"] == measure) & (data["period"] == period)]
    if rows.empty:
        raise RegistryError(f"{claim_id}: ref_count {dataset}:{measure}@{period}: no such measure and period")
    release = rows.sort_values("released")["release"].iloc[0]
    return int((rows["release"] == release).sum()), str(release)


def _naive(published: pd.Timestamp | None) -> pd.Timestamp | None:
    """A publication date without its time zone (reference dates have none), or None."""
    if published is None or pd.isna(published):
        return None
    stamp = pd.Timestamp(published)
    return stamp if stamp.tzinfo is None else stamp.tz_convert(None)


class _Row(NamedTuple):
    """One tidy row of a reference series, as plain values (a series is a handful of rows: no frame needed)."""

    release: str
    released: pd.Timestamp
    period: str
    value: float
    published: pd.Timestamp


@cache
def _series(dataset: str, name: str, measure: str) -> tuple[_Row, ...]:
    """The rows of one dataset, country and measure, in the order the catalogue reads them."""
    rows = _groups()[dataset][1][name]
    rows = rows[rows["measure"] == measure]
    return tuple(_Row(*values) for values in zip(rows["release"], rows["released"], rows["period"],
                                                 rows["value"].astype(float), rows["published"]))


def _by_release_date(row: _Row) -> tuple[bool, pd.Timestamp]:
    """Sort key: by release date, undated releases last (as pandas sorts NaT)."""
    return (pd.isna(row.released), pd.Timestamp.min if pd.isna(row.released) else row.released)


def _pick(rows: tuple[_Row, ...], published: pd.Timestamp | None, period: str | None) -> tuple[_Row, str]:
    """The row current at ``published``, with a note on its vintage.

    An index whose editions are periods (``editions`` in the catalogue) is read in the named period, or the latest
    whose edition had appeared; every release holds the same edition, so the latest release holding it is used.
    A revised series is read in the release current at ``published`` (the latest released before it, else the
    earliest, saying so), in the named period or its latest one.
    """
    when = _naive(published)
    if any(not pd.isna(r.published) for r in rows):
        known = [r for r in rows if not pd.isna(r.published) and r.published < when] if when is not None else rows
        period = period or max(r.period for r in (known or rows))
        return sorted((r for r in rows if r.period == period), key=_by_release_date)[-1], ""
    first = {}
    for row in rows:
        first.setdefault(row.release, row)
    releases = sorted(first.values(), key=_by_release_date)
    before = [r for r in releases if not pd.isna(r.released) and r.released < when] if when is not None else releases
    chosen = before[-1] if before else releases[0]
    undated = all(pd.isna(r.released) for r in releases)
    note = ("" if before or when is None else ", release date not known" if undated
            else f", released after the report ({when:%Y-%m-%d}); no earlier release is held")
    here = [r for r in rows if r.release == chosen.release]
    period = period or max(r.period for r in here)
    row = [r for r in here if r.period == period]
    if not row:
        row = sorted((r for r in rows if r.period == period), key=_by_release_date)
        note = f", the period {period} is not in release {chosen.release}"
    return row[0], note


def value_for(key: str, published: pd.Timestamp | None, claim_id: str) -> Found:
    """The value a key names in the release current at ``published``; other releases that differ are listed (in
    the same period, or for a key without one, each release's latest)."""
    _, dataset, name, period, measure = _rows(key, claim_id)
    rows = _series(dataset, name, measure)
    row, note = _pick(rows, published, period)
    if period is not None or any(not pd.isna(r.published) for r in rows):
        other = [r for r in rows if r.period == row.period]
    else:
        latest: dict[str, _Row] = {}
        for candidate in sorted(rows, key=lambda r: r.period):
            latest[candidate.release] = candidate
        other = list(latest.values())
    others = tuple(f"{r.value:,.10g} in release {r.release}" + (f" ({r.period})" if r.period and r.period != row.period
                                                                 else "")
                   for r in other if r.release != row.release and r.value != row.value)
    edition = "" if pd.isna(row.published) else f", edition published {row.published:%Y-%m-%d}"
    what = " ".join(part for part in (name, measure, str(row.period)) if part)
    later = "released after the report" in note
    if _entry(dataset)["release"] == "source":
        dated = note.replace("released after the report", "dated after the report").replace(
            "release date not known", "undated")
        cite = f"{row.release} ({describe(dataset)}{dated}): {what}"
    else:
        cite = f"{describe(dataset)}, release {row.release}{note}: {what}{edition}"
    return Found(float(row.value), str(row.period), str(row.release), cite, others, later)


def rank_for(key: str, published: pd.Timestamp | None, claim_id: str) -> tuple[int, int, Found]:
    """The competition rank (1 + how many score better) of a country on a measure, recomputed from every
    country of the same release and period, the number ranked, and the value ranked."""
    _, dataset, name, _, measure = _rows(key, claim_id)
    period = _pick(_series(dataset, name, measure), published, None)[0].period
    found = value_for(key if "@" in key else f"{key}@{period}", published, claim_id)
    data = load()
    table = data[(data["dataset"] == dataset) & (data["measure"] == measure) & (data["release"] == found.release)
                 & (data["period"] == found.period)]
    lower = measure in _entry(dataset)["lower_is_better"].split(";")
    better = (table["value"] < found.value) if lower else (table["value"] > found.value)
    return int(better.sum()) + 1, len(table), found


def series(key: str, claim_id: str) -> list[tuple[str, str, float]]:
    """Every (period, release, value) of a key's country and measure, for saying where a figure came from."""
    rows = _rows(key, claim_id)[0].sort_values(["period", "released"])
    return list(zip(rows["period"], rows["release"], rows["value"].astype(float)))


def printed_rank(dataset: str, country: str, found: Found) -> float | None:
    """The rank the publisher printed (measure ``rank``) in the same release and period, if the data has one."""
    data = load()
    rows = data[(data["dataset"] == dataset) & (data["measure"] == "rank") & (data["release"] == found.release)
                & (data["period"] == found.period)]
    name = _country(rows, country) if not rows.empty else None
    hit = rows[rows["country"] == name]
    return float(hit["value"].iloc[0]) if not hit.empty else None
