"""Write the corpus tables to CSV, Parquet or JSON, all or nothing, and never delete what an export did not create.

An export folder holds the tables and a small manifest, ``.fpc-export.json``, naming them. ``--out`` may be a
folder that does not exist, an empty folder, or an earlier export (its manifest present and its files exactly
those it names): only then is it replaced. It may not be a file, the current folder, the repository or any folder
above either, nor the data folder or anything under it. The tables are written to a temporary folder beside
``out`` and renamed into place; the temporary folders a killed export left behind are removed by the next one.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from fpclib import paths
from fpclib.errors import ExportError

if TYPE_CHECKING:
    import pandas as pd

    from fpclib.corpus.build import Corpus

Format = Literal["csv", "parquet", "json"]
FORMATS: tuple[Format, ...] = ("csv", "parquet", "json")
TABLES = ("publications", "reports", "blocks", "notes", "accounting", "anomalies")
MARK = ".fpc-export.json"
_STAGING = ".fpc-export-new."
_RETIRED = ".fpc-export-old."


def tables(corpus: Corpus) -> dict[str, pd.DataFrame]:
    """The tables an export writes, by name."""
    return {
        "publications": corpus.publications,
        "reports": corpus.reports,
        "blocks": corpus.blocks,
        "notes": corpus.notes,
        "accounting": corpus.accounting(),
        "anomalies": corpus.anomalies,
    }


def export(corpus: Corpus, out: Path, fmt: Format) -> list[Path]:
    """Write every table to ``out`` in ``fmt``, replacing ``out`` only if it is empty or an earlier export.

    A refused target is an :class:`~fpclib.errors.ExportError` saying why; a failure while writing leaves
    ``out`` as it was. Returns the table files written.
    """
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}: expected one of {', '.join(FORMATS)}")
    out = Path(out).absolute()
    check_target(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(out)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}{_STAGING}", dir=out.parent))
    try:
        names = []
        for name, frame in tables(corpus).items():
            _write(frame, staging / f"{name}.{fmt}", fmt)
            names.append(f"{name}.{fmt}")
        mark = {"fpc_export": 1, "format": fmt, "files": names}
        (staging / MARK).write_text(json.dumps(mark, indent=1) + "\n", encoding="utf-8")
        if out.exists():
            retired = Path(tempfile.mkdtemp(prefix=f".{out.name}{_RETIRED}", dir=out.parent))
            retired.rmdir()
            out.rename(retired)
            staging.rename(out)
            shutil.rmtree(retired)
        else:
            staging.rename(out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return sorted(out / name for name in names)


def check_target(out: Path) -> None:
    """Refuse an ``out`` that an export may not replace (see the module docs), saying why in one line."""
    resolved = out.resolve()
    protected = {"the current folder": Path.cwd().resolve(), "the repository": paths.REPO.resolve()}
    for what, folder in protected.items():
        if resolved == folder or resolved in folder.parents:
            raise ExportError(f"{out}: refusing to export to {what} or a folder above it; expected a new folder")
    for data in {paths.data_dir().resolve(), (paths.REPO / "data").resolve()}:
        if resolved == data or resolved.is_relative_to(data):
            raise ExportError(f"{out}: refusing to export into the data folder {data}; expected a folder outside it")
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        raise ExportError(f"{out}: exists and is not a folder; expected a new folder or an earlier export")
    if out.is_dir() and any(out.iterdir()) and not is_export(out):
        raise ExportError(f"{out}: a folder that is not empty and not an earlier export (no valid {MARK}); "
                          "expected a new or empty folder")


def is_export(folder: Path) -> bool:
    """True if ``folder`` is an earlier export: its manifest is valid and its files are exactly those it names."""
    try:
        mark = json.loads((folder / MARK).read_text(encoding="utf-8"))
        files = set(mark["files"]) if isinstance(mark, dict) and mark.get("fpc_export") == 1 else None
    except (OSError, ValueError, KeyError, TypeError):
        return False
    if files is None or not all(isinstance(name, str) and "/" not in name for name in files):
        return False
    entries = list(folder.iterdir())
    return all(entry.is_file() and not entry.is_symlink() for entry in entries) and \
        {entry.name for entry in entries} == files | {MARK}


def remove_leftovers(out: Path) -> None:
    """Remove the temporary folders an export to ``out`` that was killed left beside it (and only those: each
    must hold nothing but table files, or be an earlier export)."""
    allowed = {f"{name}.{fmt}" for name in TABLES for fmt in FORMATS} | {MARK}
    for prefix in (_STAGING, _RETIRED):
        for leftover in out.parent.glob(f".{out.name}{prefix}*"):
            if leftover.is_symlink() or not leftover.is_dir():
                continue
            entries = list(leftover.iterdir())
            if is_export(leftover) or all(e.is_file() and not e.is_symlink() and e.name in allowed for e in entries):
                shutil.rmtree(leftover)


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
