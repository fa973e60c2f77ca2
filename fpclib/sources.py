"""The raw captures on disk: the manifest of their sums, strict decoding, and which parser reads which file."""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from fpclib.errors import SourceError

#: The repository's raw captures.
DEFAULT_RAW_DIR = Path(__file__).resolve().parent.parent / "data" / "raw"
MANIFEST = "MANIFEST.csv"
MANIFEST_FIELDS = ("file", "sha256", "bytes", "description")
#: Control characters no text capture holds (tab, newline, vertical tab, form feed and carriage return are text).
_BINARY = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
#: Every byte but those control characters: deleting them from a file's bytes is a fast test for binary data.
_TEXT_BYTES = bytes(byte for byte in range(256) if not _BINARY.match(chr(byte)))


@dataclass(frozen=True, slots=True)
class ManifestEntry:
    """One row of ``MANIFEST.csv``: a raw file with its expected sha256 and size."""

    file: str
    sha256: str
    bytes: int
    description: str


def read_manifest(raw_dir: Path) -> tuple[ManifestEntry, ...]:
    """Read ``raw_dir/MANIFEST.csv``; a missing or malformed file, header or row is a :class:`SourceError`."""
    path = raw_dir / MANIFEST
    if not path.is_file():
        raise SourceError(str(path), 1, 1, f"expected a manifest of the raw files ({', '.join(MANIFEST_FIELDS)})")
    data = path.read_bytes()
    reader = csv.reader(io.StringIO(decode(data, str(path)) if data.strip() else "", newline=""))
    try:
        header = tuple(next(reader, ()))
        if header != MANIFEST_FIELDS:
            raise SourceError(
                str(path), 1, 1, f"expected the header {','.join(MANIFEST_FIELDS)}, found {','.join(header)}"
            )
        entries = []
        for row in reader:
            if not row:
                continue
            try:
                file, sha256, size, description = row
                entries.append(ManifestEntry(file, sha256, int(size), description))
            except ValueError:
                raise SourceError(
                    str(path), reader.line_num, 1, "expected file,sha256,bytes,description with bytes a whole number"
                ) from None
    except csv.Error as error:
        raise SourceError(str(path), reader.line_num, 1, f"expected CSV: {error}") from None
    return tuple(entries)


def sha256_of(data: bytes) -> str:
    """The hex sha256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


def read_verified(raw_dir: Path, entry: ManifestEntry) -> bytes:
    """The bytes of a manifest entry's file, after checking its sum: a mismatch names the file and both sums."""
    path = raw_dir / entry.file
    if not path.is_file():
        raise SourceError(str(path), 1, 1, f"expected the raw file listed in {MANIFEST}, but it is missing")
    data = path.read_bytes()
    actual = sha256_of(data)
    if actual != entry.sha256:
        raise SourceError(
            str(path), 1, 1,
            f"checksum mismatch: {MANIFEST} expects sha256 {entry.sha256} ({entry.bytes:,} bytes), the file has "
            f"{actual} ({len(data):,} bytes) (raw captures are never edited; restore the original)",
        )
    return data


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
        raise SourceError(name, 1, 1, "empty file: expected a raw capture (WP_Post dump, paragraph extraction or web capture)")
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


def detect(text: str, name: str) -> str:
    """Which layout ``text`` has: ``'printr'``, ``'paragraphs'`` or ``'web'``; anything else is a :class:`SourceError`."""
    from fpclib.paragraphs import looks_like_paragraphs
    from fpclib.printr import looks_like_printr
    from fpclib.web import looks_like_web

    checks: tuple[tuple[str, Callable[[str], bool]], ...] = (
        ("paragraphs", looks_like_paragraphs), ("printr", looks_like_printr), ("web", looks_like_web),
    )
    for kind, check in checks:
        if check(text):
            return kind
    raise SourceError(
        name, 1, 1,
        "unknown source layout: expected a WP_Post print_r dump, a one-paragraph-a-line extraction or a web text capture",
    )
