"""The claims registry: one CSV per report in ``data/claims`` (see its README), read and checked for shape.

:func:`load_claims` reads every file, each row with the file and line it came from, so any later error can name
it, and checks that every relation is of a known kind and names registered claims. :func:`relations`
(from :mod:`fpclib.claims.syntax`) parses a row's ``relation`` column.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from fpclib import paths
from fpclib.claims.relations import RELATIONS, SOURCED
from fpclib.claims.syntax import relations
from fpclib.errors import RegistryError
from fpclib.tables import read_rows

__all__ = ["COLUMNS", "load_claims", "relations", "validate_frame", "validate_relations"]

COLUMNS = ("claim_id", "pub_id", "quote", "value", "unit", "what", "note", "source", "check", "relation")


def load_claims(claims_dir: Path | str | None = None) -> pd.DataFrame:
    """Every registered claim, with its ``report_id`` (the file's name), after checking every row's shape.

    A missing field, a value that is not a number (empty only for a ``status``), a note that is not an endnote
    number, a duplicate claim id or a relation to a claim that does not exist is a :class:`RegistryError` naming
    ``FILE:LINE:COL`` (or the claim id).
    """
    folder = Path(claims_dir) if claims_dir is not None else paths.claims_dir()
    rows = []
    seen: dict[str, str] = {}
    for path in sorted(folder.glob("*.csv")):
        lines = path.read_text(encoding="utf-8").splitlines()
        for line, row in read_rows(path, COLUMNS):
            where = f"{path}:{line}"
            problem = _row_problem(row)
            if problem is not None:
                column, message = problem
                raise RegistryError(f"{where}:{_field_column(lines[line - 1], COLUMNS.index(column))}: {message}")
            if row["claim_id"] in seen:
                raise RegistryError(f"{where}:1: duplicate claim_id {row['claim_id']!r} (first at "
                                    f"{seen[row['claim_id']]}): expected unique ids")
            seen[row["claim_id"]] = where
            rows.append({**row, "report_id": path.stem})
    claims = pd.DataFrame(rows, columns=[*COLUMNS, "report_id"])
    claims["value"] = pd.to_numeric(claims["value"].replace("", None), errors="coerce")
    claims["note"] = pd.to_numeric(claims["note"].replace("", None), errors="coerce").astype("Int64")
    validate_relations(claims, where=seen)
    return claims


#: Fields every row must fill.
REQUIRED = ("claim_id", "pub_id", "quote", "unit", "what")


def _row_problem(row: dict[str, str]) -> tuple[str, str] | None:
    """The first field of a registry row that is wrong, and what was expected (None when the row is sound).

    >>> _row_problem({"claim_id": "a-1", "pub_id": "wp-1", "quote": "", "unit": "people", "what": "x", "value": "1",
    ...               "note": ""})
    ('quote', 'empty quote: expected the fragment of text that states the figure')
    >>> _row_problem({"claim_id": "a-1", "pub_id": "wp-1", "quote": "q", "unit": "people", "what": "x", "value": "ten",
    ...               "note": ""})[0]
    'value'
    """
    for column in REQUIRED:
        if not row[column].strip():
            what = "the fragment of text that states the figure" if column == "quote" else f"a {column}"
            return column, f"empty {column}: expected {what}"
    value = row["value"].strip()
    if not value and row["unit"] != "status":
        return "value", "empty value: expected a number (empty only for the unit status)"
    if value and not _is_number(value):
        return "value", f"value {value!r} is not a number: expected digits such as 2724900 or 1.5"
    note = row["note"].strip()
    if note and not note.isdigit():
        return "note", f"note {note!r}: expected an endnote number or nothing"
    return None


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return text.lower() not in ("nan", "inf", "-inf", "infinity")


def _field_column(line: str, index: int) -> int:
    """The 1-based character column where field ``index`` of a raw CSV line starts.

    >>> _field_column('a,"b,c",d', 2)
    9
    """
    quoted, field = False, 0
    for position, char in enumerate(line):
        if field == index:
            return position + 1
        if char == '"':
            quoted = not quoted
        elif char == "," and not quoted:
            field += 1
    return len(line) + 1


def validate_frame(claims: pd.DataFrame) -> None:
    """The checks of :func:`load_claims` for a table built elsewhere: unique ids, a quote and a publication for
    every claim, and a number for every value but a status's; a :class:`RegistryError` names the claim."""
    duplicated = claims.loc[claims["claim_id"].duplicated(), "claim_id"]
    if not duplicated.empty:
        raise RegistryError(f"{duplicated.iloc[0]}: duplicate claim_id: expected unique ids")
    for row in claims.itertuples(index=False):
        for column in ("pub_id", "quote"):
            if not str(getattr(row, column) or "").strip():
                raise RegistryError(f"{row.claim_id}: empty {column}")
        if pd.isna(pd.to_numeric(row.value, errors="coerce")) and row.unit != "status":
            raise RegistryError(f"{row.claim_id}: value {row.value!r} is not a number")
    validate_relations(claims)


def validate_relations(claims: pd.DataFrame, where: dict[str, str] | None = None) -> None:
    """Every relation must be of a known kind and name claims that exist: else a :class:`RegistryError`
    naming the claim (with its file and line when known) and the relation."""
    ids = set(claims["claim_id"])
    for claim_id, relation in zip(claims["claim_id"], claims["relation"]):
        for kind, argument in relations(relation):
            at = f"{where[claim_id]}: " if where and claim_id in where else ""
            if kind not in RELATIONS:
                raise RegistryError(f"{at}{claim_id}: unknown relation {kind!r}: expected one of "
                                    f"{', '.join(RELATIONS)}")
            missing = [t for t in RELATIONS[kind].targets(argument) if t not in ids]
            if missing:
                raise RegistryError(f"{at}{claim_id}: relation {kind}:{argument} names {missing[0]}, "
                                    "which is not a registered claim")
            if kind == "ref" and argument.startswith(f"{SOURCED}:"):
                raise RegistryError(f"{at}{claim_id}: relation ref:{argument}: expected source:"
                                    f"{argument.partition(':')[2]} (a fact from a public page is named as one)")
