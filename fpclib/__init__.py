"""fpclib: the Foreign Policy Centre corpus (Central Asia human rights and UK foreign policy, 2020-2021) as tidy data.

Stages, one subpackage each: :mod:`fpclib.sources` (reading the raw captures), :mod:`fpclib.corpus` (the tidy
tables), :mod:`fpclib.claims` (the registry and its checks), :mod:`fpclib.reference` (public reference data),
:mod:`fpclib.align` (translations against their originals) and :mod:`fpclib.book` (the book's rendering, which
needs the ``book`` extra; nothing else imports it).

>>> from fpclib import load_corpus
>>> corpus = load_corpus()
>>> corpus.reports[["report_id", "lang", "parts"]]          # doctest: +SKIP
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from fpclib.errors import FpcError, SourceError

if TYPE_CHECKING:
    from fpclib.claims import check_claims, load_claims
    from fpclib.corpus import Corpus, load_corpus

__version__ = "0.2.0"
_LAZY = {"Corpus": "fpclib.corpus", "load_corpus": "fpclib.corpus", "load_claims": "fpclib.claims",
         "check_claims": "fpclib.claims"}
__all__ = ["Corpus", "FpcError", "SourceError", "check_claims", "load_claims", "load_corpus"]


def __getattr__(name: str) -> Any:
    """The verbs import pandas: load them on first use, so that ``fpc parse`` starts fast."""
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'fpclib' has no attribute {name!r}")
