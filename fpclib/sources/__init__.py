"""Reading the raw captures: decode a file, detect its layout, parse it into documents and accounted spans."""

from fpclib.sources.decode import decode
from fpclib.sources.paragraphs import hints
from fpclib.sources.parse import READERS, Reader, detect, parse_dump, parse_file, parse_text

__all__ = ["READERS", "Reader", "decode", "detect", "hints", "parse_dump", "parse_file", "parse_text"]
