"""The claims registry: one CSV per report in ``data/claims`` (see its README), read and checked for shape.

:func:`load_claims` reads every file, each row with the file and line it came from, so any later error can name
it. :func:`relations` parses a row's ``relation`` column.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from fpclib import paths
from fpclib.errors import SourceError
from fpclib.tables import read_rows

COLUMNS = ("claim_id", "pub_id", "quote", "value", "unit", "what", "note", "source", "check", "relation")


def load_claims(claims_dir: Path | str | None = None) -> pd.DataFrame:
    """Every registered claim, with its ``report_id`` (the file's name); ids must be unique across files."""
    folder = Path(claims_dir) if claims_dir is not None else paths.claims_dir()
    rows = []
    for path in sorted(folder.glob("*.csv")):
        for line, row in read_rows(path, COLUMNS):
            rows.append({**row, "report_id": path.stem, "_where": f"{path}:{line}"})
    claims = pd.DataFrame(rows, columns=[*COLUMNS, "report_id", "_where"])
    duplicated = claims[claims["claim_id"].duplicated(keep=False)]
    if not duplicated.empty:
        first = duplicated.iloc[0]
        file, line = first["_where"].rsplit(":", 1)
        raise SourceError(file, int(line), 1, f"duplicate claim_id {first['claim_id']!r}: expected unique ids")
    claims["value"] = pd.to_numeric(claims["value"].replace("", None), errors="coerce")
    claims["note"] = pd.to_numeric(claims["note"].replace("", None), errors="coerce").astype("Int64")
    return claims.drop(columns="_where")


def relations(relation: str) -> list[tuple[str, str]]:
    """A ``relation`` cell as ``(kind, argument)`` pairs.

    >>> relations("total:a;fiw:Kyrgyzstan:pr")
    [('total', 'a'), ('fiw', 'Kyrgyzstan:pr')]
    >>> relations("")
    []
    """
    parts = [part.strip() for part in (relation or "").split(";") if part.strip()]
    return [(kind, argument) for kind, _, argument in (part.partition(":") for part in parts)]
