"""Session fixtures shared by every test folder: the corpus, the checked claims, a writable copy of the raw data,
and the built book."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from fpclib import paths
from fpclib.claims import check_claims
from fpclib.corpus import Corpus, load_corpus

REPO = paths.REPO
BUILT_HTML = REPO / "_build" / "html"


@pytest.fixture(scope="session")
def corpus() -> Corpus:
    """The repository's corpus, loaded once per test session."""
    return load_corpus()


@pytest.fixture(scope="session")
def checked_claims(corpus: Corpus) -> pd.DataFrame:
    """Every registered claim, checked once per test session (one row per claim, in registry order)."""
    return check_claims(corpus)


@pytest.fixture
def raw_copy(tmp_path: Path) -> Path:
    """A writable copy of ``data/raw`` to damage (the repository's own captures are never touched)."""
    folder = tmp_path / "raw"
    shutil.copytree(paths.raw_dir(), folder)
    return folder


@pytest.fixture(scope="session")
def built_html() -> Path:
    """The built book; fails (rather than skips) when it is missing, since CI builds it first."""
    if not (BUILT_HTML / "index.html").is_file():
        pytest.fail(f"no built book at {BUILT_HTML}: run `make book` first")
    return BUILT_HTML
