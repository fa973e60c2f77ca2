"""Freedom House look-ups: country names, values, ranks with their tie rules, editions and citations."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from fpclib.errors import ReferenceLookupError
from fpclib.reference.loaders import (
    _ID_COLUMNS,
    ALIASES,
    PUBLICATIONS_FILE,
    REPORTS,
    STATUS_NAMES,
    STATUSES,
    Change,
    Kind,
    Rank,
    Scope,
    Tie,
    load_publications,
)


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
