"""Reading the raw captures: decode a file, detect its layout, parse it into documents and accounted spans.

The readers are loaded on first use, so that loading the corpus from its cache compiles none of their patterns
(``decode``, which the cached corpus needs too, is loaded at once: it shares its module's name).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from fpclib.sources.decode import decode

if TYPE_CHECKING:
    from fpclib.sources.paragraphs import hints
    from fpclib.sources.parse import READERS, Reader, detect, parse_dump, parse_file, parse_text

_PUBLIC = {"hints": "paragraphs", "READERS": "parse", "Reader": "parse", "detect": "parse",
           "parse_dump": "parse", "parse_file": "parse", "parse_text": "parse"}
__all__ = ["READERS", "Reader", "decode", "detect", "hints", "parse_dump", "parse_file", "parse_text"]


def __getattr__(name: str) -> Any:
    if name in _PUBLIC:
        return getattr(import_module(f"fpclib.sources.{_PUBLIC[name]}"), name)
    raise AttributeError(f"module 'fpclib.sources' has no attribute {name!r}")
