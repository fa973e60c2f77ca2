"""fpclib: the Foreign Policy Centre corpus (Central Asia human rights and UK foreign policy, 2020-2021) as tidy data.

>>> from fpclib import load_corpus
>>> corpus = load_corpus()
>>> corpus.reports[["report_id", "lang", "parts"]]          # doctest: +SKIP
"""

from fpclib.corpus import Corpus, load_corpus
from fpclib.errors import SourceError

__all__ = ["Corpus", "SourceError", "load_corpus"]
__version__ = "0.1.0"
