"""Every notebook of the book was executed by the last build, with its current code and without an error.

The book build executes each notebook once (``book/_ext/prerun.py``, then myst-nb with ``raise_on_error``, so a
failing cell, including a failing ``assert`` about the data, fails ``make book``) and keeps the executed
notebooks in its jupyter cache. These tests read that cache instead of executing everything a second time: each
notebook, read as the build reads it, must match an executed notebook whose outputs hold no error and nothing
written to stderr, and its page must have been built. ``make test`` builds the book first.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import jupytext
import pytest
from jupyter_cache import get_cache
from jupyter_cache.base import JupyterCacheAbstract

from fpclib import paths

BOOK = paths.REPO / "book"
CACHE = paths.REPO / "_build" / ".jupyter_cache"


def is_notebook(path: Path) -> bool:
    """A book page is a notebook when its front matter names a kernel (otherwise myst-nb won't run it)."""
    return "kernelspec" in jupytext.read(path).metadata


NOTEBOOKS = sorted(path for path in BOOK.rglob("*.md")
                   if not path.relative_to(BOOK).parts[0].startswith("_") and is_notebook(path))
pytestmark = pytest.mark.notebooks


def test_book_has_notebooks() -> None:
    assert NOTEBOOKS, f"no MyST notebook (with a kernelspec) in {BOOK}"


@pytest.fixture(scope="module")
def cache() -> JupyterCacheAbstract:
    """The build's jupyter cache; fails (rather than skips) when there is none, since CI builds the book first."""
    if not (CACHE / "global.db").is_file():
        pytest.fail(f"no executed notebooks in {CACHE}: run `make book` first")
    return get_cache(str(CACHE))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: str(path.relative_to(BOOK).with_suffix("")))
def test_notebook_was_executed_cleanly(path: Path, cache: JupyterCacheAbstract, built_html: Path) -> None:
    notebook = jupytext.read(path)
    try:
        cache.match_cache_notebook(notebook)
    except KeyError:
        pytest.fail(f"{path.relative_to(paths.REPO)}: its current code was not executed by the last build; "
                    "run `make book`")
    _, executed = cache.merge_match_into_notebook(notebook)
    code = [cell for cell in executed.cells if cell.cell_type == "code"]
    problems = [f"cell {index}: {output.get('ename', output.get('name'))}: "
                f"{output.get('evalue', output.get('text', ''))[:300]}"
                for index, cell in enumerate(code) for output in cell.outputs
                if output.output_type == "error" or (output.output_type == "stream" and output.name == "stderr")]
    assert not problems, f"{path.relative_to(paths.REPO)}: " + "; ".join(problems)
    shown = [cell for cell in code if "remove-cell" not in cell.metadata.get("tags", [])]
    assert not shown or any(cell.outputs for cell in shown), f"{path.relative_to(paths.REPO)}: no cell shows anything"
    page = built_html / path.relative_to(paths.REPO).with_suffix(".html")
    assert page.is_file(), f"{page} was not built"


def test_prerun_starts_each_notebook_from_an_empty_namespace(tmp_path: Path) -> None:
    """Two notebooks in one warm kernel: the second cannot see the first's names, so it fails and is left
    uncached (for the build to execute and report); the first is cached with its output."""
    header = "---\nkernelspec:\n  display_name: Python 3\n  language: python\n  name: python3\n---\n\n"
    first, second = tmp_path / "a.md", tmp_path / "b.md"
    first.write_text(header + "```{code-cell} ipython3\nSHARED = 41\nSHARED + 1\n```\n", encoding="utf-8")
    second.write_text(header + "```{code-cell} ipython3\nSHARED\n```\n", encoding="utf-8")
    done = subprocess.run([sys.executable, str(BOOK / "_ext" / "prerun.py"), str(tmp_path / "cache"), str(first),
                           str(second)], capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "executed 1 notebook(s)" in done.stdout and "1 left to the build" in done.stdout
    assert "b.md: CellExecutionError" in done.stderr and "NameError" in done.stderr
    cache = get_cache(str(tmp_path / "cache"))
    _, executed = cache.merge_match_into_notebook(jupytext.read(first))
    assert executed.cells[0].outputs[0]["data"]["text/plain"] == "42"
    with pytest.raises(KeyError):
        cache.match_cache_notebook(jupytext.read(second))
