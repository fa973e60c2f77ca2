"""The parsed-corpus cache: plain tables, never code. Keyed by the raw files, every module of fpclib and the catalogue.

One folder per key, ``corpus-<key>/``: a small ``header.json`` (format, key, library version, and for each table
its file's size, sha256 and column dtypes) and one Arrow IPC file per table. Reading it runs no code from the
file (no pickle): a file that is damaged, foreign (another key or format) or does not match its header is removed
with a one-line warning and the corpus rebuilt, so a bad cache never reaches the caller nor fails a later run.
Writing goes through a temporary folder and a rename, and removes the caches of other keys (stale ones).

The key covers the names, sizes and sums of the raw files, the library version, every ``.py`` file under
``fpclib/`` (subpackages included) and ``data/catalog``, so no stale cache survives a change to any of them.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
import warnings
from collections.abc import Mapping, Sequence
from pathlib import Path

import pandas as pd
import pyarrow as pa

from fpclib import __version__, paths
from fpclib.tables import ManifestEntry, sha256_of

_FORMAT = "corpus-arrow-1"
HEADER = "header.json"
PACKAGE = Path(__file__).resolve().parent.parent
#: Columns holding tuples (of numbers or strings, or of tuples of strings for table rows), per table.
TUPLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "blocks": ("note_refs", "note_positions", "rows"), "notes": ("urls", "cited_in"),
    "reports": ("parts", "pub_ids", "countries"),
}
NESTED = frozenset({("blocks", "rows")})


class CacheWarning(UserWarning):
    """A cache file was unreadable, foreign or stale: it was removed and the corpus rebuilt."""


def key(manifest: Sequence[ManifestEntry]) -> str:
    """The cache key for these raw files, this library's source and version, and the catalogue."""
    digest = hashlib.sha256(f"{_FORMAT}:{__version__}".encode())
    for entry in manifest:
        digest.update(f"{entry.file}:{entry.bytes}:{entry.sha256}\n".encode())
    inputs = sorted(PACKAGE.rglob("*.py")) + sorted(paths.catalog_dir().glob("*.csv"))
    for path in inputs:
        digest.update(str(path.relative_to(path.anchor)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def path_for(key: str) -> Path:
    """The folder that caches the corpus of this key."""
    return paths.cache_dir() / f"corpus-{key}"


def read(key: str, names: Sequence[str]) -> dict[str, pd.DataFrame] | None:
    """The cached tables ``names`` of ``key``, or None when there is no cache; a bad one is removed (warning)."""
    folder = path_for(key)
    if not folder.exists():
        return None
    try:
        return _read(folder, key, names)
    except (OSError, ValueError, KeyError, TypeError, pa.ArrowException) as error:
        _discard(folder, f"{type(error).__name__}: {error}")
        return None


def write(key: str, frames: Mapping[str, pd.DataFrame]) -> None:
    """Cache ``frames`` under ``key`` and remove other keys' caches; a cache that cannot be written is skipped."""
    folder = path_for(key)
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    except OSError:
        return
    try:
        header: dict[str, object] = {"format": _FORMAT, "key": key, "version": __version__, "tables": {}}
        for name, frame in frames.items():
            data = _to_arrow(name, frame)
            (staging / f"{name}.arrow").write_bytes(data)
            header["tables"][name] = {"bytes": len(data), "sha256": sha256_of(data),  # type: ignore[index]
                                      "dtypes": {column: str(dtype) for column, dtype in frame.dtypes.items()}}
        (staging / HEADER).write_text(json.dumps(header, indent=1), encoding="utf-8")
        staging.rename(folder)
    except OSError:
        shutil.rmtree(staging, ignore_errors=True)
        return
    for other in folder.parent.glob("corpus-*"):
        if other != folder:
            _remove(other)
    for leftover in folder.parent.glob(".corpus-*"):
        if leftover != staging:
            _remove(leftover)


def _read(folder: Path, key: str, names: Sequence[str]) -> dict[str, pd.DataFrame]:
    """Read and check every table of the cache folder; any mismatch is a ValueError saying what."""
    header = json.loads((folder / HEADER).read_text(encoding="utf-8"))
    if not isinstance(header, dict) or header.get("format") != _FORMAT or header.get("key") != key:
        raise ValueError(f"expected a {_FORMAT} cache of key {key}")
    tables = header["tables"]
    if sorted(tables) != sorted(names):
        raise ValueError(f"expected the tables {', '.join(sorted(names))}")
    frames = {}
    for name in names:
        entry = tables[name]
        data = (folder / f"{name}.arrow").read_bytes()
        if len(data) != entry["bytes"] or sha256_of(data) != entry["sha256"]:
            raise ValueError(f"{name}.arrow does not match its size and sha256 in {HEADER}")
        frames[name] = _from_arrow(name, data, entry["dtypes"])
    return frames


def _to_arrow(name: str, frame: pd.DataFrame) -> bytes:
    """One table as the bytes of an Arrow IPC file (tuples become lists)."""
    plain = frame.copy()
    for column in TUPLE_COLUMNS.get(name, ()):
        nested = (name, column) in NESTED
        plain[column] = [[list(row) for row in value] if nested else list(value) for value in plain[column]]
    sink = pa.BufferOutputStream()
    table = pa.Table.from_pandas(plain, preserve_index=False)
    with pa.ipc.new_file(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


def _from_arrow(name: str, data: bytes, dtypes: Mapping[str, str]) -> pd.DataFrame:
    """A table back from Arrow IPC bytes, with its columns, dtypes and tuples as written."""
    table = pa.ipc.open_file(pa.BufferReader(data)).read_all()
    if table.column_names != list(dtypes):
        raise ValueError(f"{name}.arrow: expected the columns {', '.join(dtypes)}")
    frame = table.to_pandas()
    for column in TUPLE_COLUMNS.get(name, ()):
        values = table.column(column).to_pylist()
        nested = (name, column) in NESTED
        frame[column] = [tuple(map(tuple, value)) if nested else tuple(value) for value in values]
    changed = {column: dtype for column, dtype in dtypes.items() if str(frame[column].dtype) != dtype}
    return frame.astype(changed) if changed else frame


def _discard(folder: Path, reason: str) -> None:
    """Remove a bad cache folder, saying so in one line."""
    _remove(folder)
    warnings.warn(f"fpclib: removed an unreadable corpus cache {folder.name} ({reason}); rebuilding it",
                  CacheWarning, stacklevel=3)


def _remove(path: Path) -> None:
    """Remove a cache file or folder, if it is still there."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)
