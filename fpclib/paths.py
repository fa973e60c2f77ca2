"""Where the compendium's data lives: one place, read when asked, so ``FPC_DATA_DIR`` can point elsewhere.

``FPC_DATA_DIR`` names a folder laid out like the repository's ``data/`` (``raw/``, ``claims/``, ``reference/``,
``catalog/``); ``FPCLIB_CACHE_DIR`` moves the parsed-corpus cache.
"""

from __future__ import annotations

import os
from pathlib import Path

#: The repository (the folder holding ``fpclib/``).
REPO = Path(__file__).resolve().parent.parent
DATA_ENV = "FPC_DATA_DIR"
CACHE_ENV = "FPCLIB_CACHE_DIR"


def data_dir() -> Path:
    """The data folder: ``$FPC_DATA_DIR`` if set, else the repository's ``data/``."""
    return Path(os.environ.get(DATA_ENV) or REPO / "data")


def raw_dir() -> Path:
    """The raw captures (never edited; checked against their ``MANIFEST.csv``)."""
    return data_dir() / "raw"


def claims_dir() -> Path:
    """The claims registry, one CSV per report."""
    return data_dir() / "claims"


def reference_dir() -> Path:
    """Public reference data with provenance and a ``MANIFEST.csv``."""
    return data_dir() / "reference"


def catalog_dir() -> Path:
    """The curated catalogue of works and parts."""
    return data_dir() / "catalog"


def cache_dir() -> Path:
    """Where the parsed corpus is cached: ``$FPCLIB_CACHE_DIR``, else ``.cache/fpclib`` in the repository."""
    return Path(os.environ.get(CACHE_ENV) or REPO / ".cache" / "fpclib")
