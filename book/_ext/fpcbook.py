"""Sphinx extension for the compendium's book.

- Vendors Vega, Vega-Lite and vegaEmbed (from vl-convert-python, via ``fpclib.charts``) into the
  book's ``_static/vega/`` so that charts draw with no network. The file is generated, not kept in
  git, and rewritten only when the installed vl-convert-python or altair changes (checked without
  importing them, which would slow down every no-change rebuild).
- Rewrites every page when a file of ``html_static_path`` changes: Sphinx copies static files only
  when some page is out of date, so an edited stylesheet or script would otherwise never reach
  ``_build/html`` (and pages would keep the old ``?v=`` checksum in their links).
- Lets the Makefile choose how notebooks execute: ``FPC_BOOK_EXECUTE=force`` (CI) or ``cache`` (local)
  overrides ``execute_notebooks`` from ``_config.yml``, which Jupyter Book's CLI cannot override.
"""

from __future__ import annotations

import hashlib
import os
from importlib.metadata import version
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment

BUNDLE = Path("book/_static/vega/vega-bundle.js")
EXECUTION_MODES = {"off", "auto", "cache", "force", "inline", "lazy"}


def choose_execution_mode(app: Sphinx, config: Config) -> None:
    """Apply ``FPC_BOOK_EXECUTE`` to myst-nb's execution mode, refusing unknown values."""
    mode = os.environ.get("FPC_BOOK_EXECUTE", "").strip()
    if not mode:
        return
    if mode not in EXECUTION_MODES:
        raise ValueError(f"FPC_BOOK_EXECUTE={mode!r}: expected one of {sorted(EXECUTION_MODES)}")
    config.nb_execution_mode = mode


def bundle_marker() -> str:
    """First line of the vendored bundle, naming the packages it was made from."""
    return f"/* Vega bundle from vl-convert-python {version('vl-convert-python')} for altair {version('altair')} */"


def vendor_bundle(app: Sphinx) -> None:
    """Write the Vega bundle into the book's static files unless the same one is already there."""
    path = Path(app.srcdir) / BUNDLE
    marker = bundle_marker()
    if path.is_file():
        with path.open(encoding="utf-8") as existing:
            if existing.readline().rstrip("\n") == marker:
                return
    from fpclib.book import charts  # imports altair: only when the bundle must be made

    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")  # dotfiles are never copied into the book
    partial.write_text(marker + "\n" + charts.javascript_bundle(), encoding="utf-8")
    partial.replace(path)


def static_digest(app: Sphinx) -> str:
    """SHA-256 over the names and bytes of every file in ``html_static_path``."""
    digest = hashlib.sha256()
    for entry in app.config.html_static_path:
        root = Path(app.confdir) / entry
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def outdated_when_static_changes(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """All pages, when the static files differ from those of the last build; none otherwise."""
    digest = static_digest(app)
    if getattr(env, "fpc_static_digest", None) == digest:
        return []
    env.fpc_static_digest = digest
    return sorted(env.found_docs)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("config-inited", choose_execution_mode, priority=100)
    app.connect("builder-inited", vendor_bundle)
    app.connect("env-get-outdated", outdated_when_static_changes)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
