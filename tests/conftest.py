"""Shared fixtures for the book tests: where the repository and the built book are."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
BUILT_HTML = REPO / "_build" / "html"


@pytest.fixture(scope="session")
def built_html() -> Path:
    """The built book; fails (rather than skips) when it is missing, since CI builds it first."""
    if not (BUILT_HTML / "index.html").is_file():
        pytest.fail(f"no built book at {BUILT_HTML}: run `make book` first")
    return BUILT_HTML
