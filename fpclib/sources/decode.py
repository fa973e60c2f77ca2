"""Strict decoding of a raw capture: UTF-8, newline-normalised, no binary data."""

from __future__ import annotations

import re

from fpclib.errors import SourceError

#: Control characters no text capture holds (tab, newline, vertical tab, form feed and carriage return are text).
_BINARY = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
#: Every byte but those control characters: deleting them from a file's bytes is a fast test for binary data.
_TEXT_BYTES = bytes(byte for byte in range(256) if not _BINARY.match(chr(byte)))


def decode(data: bytes, name: str) -> str:
    """Decode a raw file as the parsers read it: strict UTF-8, newline-normalised.

    A UTF-8 byte-order mark is dropped and CRLF or lone CR line ends become LF, so such a copy parses exactly like
    the clean file, with the same documents, blocks and offsets. Every offset the parsers return (spans,
    ``raw_start``/``raw_end``) counts characters of this decoded, normalised text, and so does every error position
    (1-based line and column). Empty files, invalid or truncated UTF-8 and binary data are a :class:`SourceError`.
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        prefix = _normalise(data[: error.start].decode("utf-8"))
        if error.reason == "unexpected end of data":
            problem = f"file ends inside a UTF-8 character (offset {error.start}), as if cut short"
        else:
            problem = f"invalid UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start})"
        raise SourceError.at(name, prefix, len(prefix), f"{problem}; expected UTF-8 text") from None
    text = _normalise(text)
    if not text.strip():
        raise SourceError(name, 1, 1,
                          "empty file: expected a raw capture (WP_Post dump, paragraph extraction or web capture)")
    control = _BINARY.search(text) if data.translate(None, _TEXT_BYTES) else None
    if control is not None:
        character = f"U+{ord(control.group()):04X}"
        raise SourceError.at(
            name, text, control.start(), f"binary data (control character {character}): expected a text capture"
        )
    return text


def _normalise(text: str) -> str:
    """``text`` without a leading byte-order mark, with CRLF and lone CR line ends made LF."""
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
