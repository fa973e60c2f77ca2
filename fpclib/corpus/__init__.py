"""The corpus as tidy tables: build it from the raw captures (cached), the catalogue, export and Markdown.

The verbs are loaded on first use (they import pandas), so that ``fpc parse`` starts fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fpclib.corpus.build import Corpus, build_corpus, load_corpus
    from fpclib.corpus.catalog import PARTS, load_catalog
    from fpclib.corpus.export import export
    from fpclib.corpus.markdown import to_markdown

_PUBLIC = {"Corpus": "build", "build_corpus": "build", "load_corpus": "build", "PARTS": "catalog",
           "load_catalog": "catalog", "export": "export", "to_markdown": "markdown"}
__all__ = ["PARTS", "Corpus", "build_corpus", "export", "load_catalog", "load_corpus", "to_markdown"]


def __getattr__(name: str) -> Any:
    if name in _PUBLIC:
        return getattr(import_module(f"fpclib.corpus.{_PUBLIC[name]}"), name)
    raise AttributeError(f"module 'fpclib.corpus' has no attribute {name!r}")
