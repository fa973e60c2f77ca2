"""Write the corpus tables to CSV, Parquet or JSON, all or nothing."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    import pandas as pd

    from fpclib.corpus.build import Corpus

Format = Literal["csv", "parquet", "json"]
FORMATS: tuple[Format, ...] = ("csv", "parquet", "json")
TABLES = ("publications", "reports", "blocks", "notes", "accounting")


def tables(corpus: Corpus) -> dict[str, pd.DataFrame]:
    """The tables an export writes, by name."""
    return {
        "publications": corpus.publications,
        "reports": corpus.reports,
        "blocks": corpus.blocks,
        "notes": corpus.notes,
        "accounting": corpus.accounting(),
    }


def export(corpus: Corpus, out: Path, fmt: Format) -> list[Path]:
    """Write every table to ``out`` in ``fmt``; written to a temporary folder first and renamed into place,
    so a failure leaves ``out`` as it was. Returns the files written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: expected one of {', '.join(FORMATS)}")
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        for name, frame in tables(corpus).items():
            _write(frame, staging / f"{name}.{fmt}", fmt)
        if out.exists():
            retired = Path(tempfile.mkdtemp(prefix=f".{out.name}.old.", dir=out.parent))
            out.rename(retired / out.name)
            staging.rename(out)
            shutil.rmtree(retired)
        else:
            staging.rename(out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return sorted(out.iterdir())


def _write(frame: pd.DataFrame, path: Path, fmt: Format) -> None:
    """Write one table: nested tuples become lists (Parquet, JSON) or JSON text (CSV); times ISO 8601."""
    if fmt == "parquet":
        frame.map(lambda v: list(v) if isinstance(v, tuple) else v).to_parquet(path, index=False)
    elif fmt == "csv":
        frame.map(lambda v: json.dumps(_plain(v), ensure_ascii=False) if isinstance(v, tuple) else _plain(v)).to_csv(
            path, index=False, lineterminator="\n"
        )
    else:
        records = frame.map(_plain).to_dict(orient="records")
        path.write_text(json.dumps(records, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def _plain(value: object) -> object:
    """A JSON-friendly value: tuples to lists, timestamps to ISO text, missing values to None."""
    import pandas as pd

    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    if not isinstance(value, (list, str)) and pd.isna(value):
        return None
    return value
