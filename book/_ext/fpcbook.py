"""Sphinx extension for the compendium's book.

- Vendors Vega, Vega-Lite and vegaEmbed (from vl-convert-python, via ``fpclib.charts``) into the
  book's ``_static/vega/`` so that charts draw with no network. The file is generated, not kept in
  git, and rewritten only when the installed vl-convert-python or altair changes (checked without
  importing them, which would slow down every no-change rebuild).
- Rewrites every page when a file of ``html_static_path`` changes: Sphinx copies static files only
  when some page is out of date, so an edited stylesheet or script would otherwise never reach
  ``_build/html`` (and pages would keep the old ``?v=`` checksum in their links).
- Lets the Makefile choose how notebooks execute: ``FPC_BOOK_EXECUTE=force`` (each notebook in a kernel of
  its own) or ``cache`` (the default: ``book/_ext/prerun.py`` fills the cache first)
  overrides ``execute_notebooks`` from ``_config.yml``, which Jupyter Book's CLI cannot override.
- Loads the chart scripts only on pages with a chart and the claims explorer's script only on its page.
- Adds to every page but the claims explorer the schema.org ClaimReview JSON-LD of each judged claim
  anchored on it (``fpclib.book.claimreview``), and writes the data to take away into the built site's ``data/``: CSV,
  Parquet, ``datapackage.json`` and ``claimreview.json`` (``fpclib.book.datapackage``).
"""

from __future__ import annotations

import hashlib
import os
import re
from collections import Counter
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment

BUNDLE = Path("book/_static/vega/vega-bundle.js")
CHART_SCRIPTS = ("vega/vega-bundle.js", "fpc-charts.js")
EXPLORER_PAGE = "book/claims"
CLAIM_ANCHOR = re.compile(r'<tr id="claim-([^"]+)"')
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


@cache
def checked_claims() -> tuple[Any, Any]:
    """The corpus and its checked claims, once per build (the very ones the notebooks compute)."""
    from fpclib.book import sections

    return sections.load()


def page_scripts(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """Per page: the chart scripts where a chart is, the explorer's script on its page, and the ClaimReview
    JSON-LD of the judged claims whose rows are anchored on the page."""
    body = context.get("body", "")
    if 'class="fpc-chart"' in body:
        for script in CHART_SCRIPTS:
            app.add_js_file(script)
    if pagename == EXPLORER_PAGE:
        app.add_js_file("fpc-explorer.js")
    anchored = CLAIM_ANCHOR.findall(body)
    if not anchored:
        return
    body = context["body"] = single_claim_anchors(body)
    if pagename == EXPLORER_PAGE:
        return  # every claim: its reviews would double the page; they are in data/claimreview.json
    from fpclib.book import claimreview

    corpus, checked = checked_claims()
    own = checked[checked["claim_id"].isin(set(anchored))]
    reviews = claimreview.reviews(own, corpus, page_url=lambda claim: f"#claim-{claim['claim_id']}")
    if reviews:
        context["body"] = body + (f'<script type="application/ld+json">{claimreview.script_json(reviews)}</script>')


def single_claim_anchors(body: str) -> str:
    """A page showing a claim in two tables (its report's Freedom House figures and all its claims) keeps the
    claim's anchor on the last one only, so ``#claim-<id>`` lands on one row.

    >>> single_claim_anchors('<tr id="claim-a"><tr id="claim-b"><tr id="claim-a">')
    '<tr data-claim="a"><tr id="claim-b"><tr id="claim-a">'
    """
    remaining = Counter(CLAIM_ANCHOR.findall(body))

    def keep_last(match: re.Match[str]) -> str:
        remaining[match.group(1)] -= 1
        return match.group(0) if remaining[match.group(1)] == 0 else f'<tr data-claim="{match.group(1)}"'

    return CLAIM_ANCHOR.sub(keep_last, body)


def write_data(app: Sphinx, exception: Exception | None) -> None:
    """Write the data package and the ClaimReview file into the built site's ``data/`` (HTML builds only)."""
    if exception is not None or app.builder.format != "html":
        return
    from fpclib.book import datapackage

    corpus, checked = checked_claims()
    datapackage.write(corpus, checked, Path(app.outdir) / "data", claims_page=f"../{EXPLORER_PAGE}.html")


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("config-inited", choose_execution_mode, priority=100)
    app.connect("builder-inited", vendor_bundle)
    app.connect("env-get-outdated", outdated_when_static_changes)
    app.connect("html-page-context", page_scripts)
    app.connect("build-finished", write_data)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
