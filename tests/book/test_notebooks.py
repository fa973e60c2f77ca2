"""Every notebook of the book executes without a cell error.

The notebooks are MyST Markdown files; jupytext reads them and nbclient runs them in a fresh kernel,
with the notebook's folder as working directory (as myst-nb does when it builds the book). A failing
cell, including a failing ``assert`` about the data, fails the test.
"""

from __future__ import annotations

from pathlib import Path

import jupytext
import pytest
from nbclient import NotebookClient

BOOK = Path(__file__).resolve().parents[2] / "book"


def is_notebook(path: Path) -> bool:
    """A book page is a notebook when its front matter names a kernel (otherwise myst-nb won't run it)."""
    return "kernelspec" in jupytext.read(path).metadata


NOTEBOOKS = sorted(path for path in BOOK.rglob("*.md") if not path.relative_to(BOOK).parts[0].startswith("_") and is_notebook(path))
pytestmark = pytest.mark.notebooks


def test_book_has_notebooks() -> None:
    assert NOTEBOOKS, f"no MyST notebook (with a kernelspec) in {BOOK}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: str(path.relative_to(BOOK).with_suffix("")))
def test_notebook_executes(path: Path) -> None:
    notebook = jupytext.read(path)
    client = NotebookClient(
        notebook,
        timeout=600,
        kernel_name=notebook.metadata["kernelspec"]["name"],
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()  # raises CellExecutionError, with the cell and its traceback, on the first failing cell
