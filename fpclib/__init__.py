"""fpclib: the Foreign Policy Centre corpus (Central Asia human rights and UK foreign policy, 2020-2021) as tidy data.

>>> from fpclib import load_corpus
>>> corpus = load_corpus()
>>> corpus.reports[["report_id", "lang", "parts"]]          # doctest: +SKIP
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fpclib.errors import SourceError

if TYPE_CHECKING:
    from fpclib.corpus import Corpus, load_corpus

__all__ = ["Corpus", "SourceError", "load_corpus"]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    """``Corpus`` and ``load_corpus`` import pandas: load them on first use, so that ``fpc parse`` starts fast."""
    if name in ("Corpus", "load_corpus"):
        from fpclib import corpus

        return getattr(corpus, name)
    raise AttributeError(f"module 'fpclib' has no attribute {name!r}")
