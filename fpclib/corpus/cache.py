"""The parsed-corpus cache: keyed by the raw files' sums, every module of fpclib and the catalogue.

The key covers every ``.py`` file under ``fpclib/`` (subpackages included) and ``data/catalog``, so no stale
cache survives a code change anywhere in the package.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from fpclib import __version__, paths
from fpclib.tables import ManifestEntry, atomic_write

_FORMAT = "corpus-1"
PACKAGE = Path(__file__).resolve().parent.parent


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
    """Where the corpus of this key is cached."""
    return paths.cache_dir() / f"corpus-{key}.pickle"


def read(key: str) -> Any | None:
    """The cached corpus of ``key``, or None; a damaged file is removed so the next run rebuilds it."""
    path = path_for(key)
    if not path.is_file():
        return None
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, IndexError, TypeError, ValueError):
        path.unlink(missing_ok=True)
        return None


def write(key: str, corpus: Any) -> None:
    """Cache ``corpus`` under ``key``; a cache that cannot be written is skipped (it only saves time)."""
    try:
        atomic_write(path_for(key), pickle.dumps(corpus, protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:
        return
