"""The raw captures on disk: the manifest of their sums, strict decoding, and which parser reads which file."""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from fpclib.errors import SourceError

#: The repository's raw captures.
DEFAULT_RAW_DIR = Path(__file__).resolve().parent.parent / "data" / "raw"
MANIFEST = "MANIFEST.csv"
MANIFEST_FIELDS = ("file", "sha256", "bytes", "description")


@dataclass(frozen=True, slots=True)
class ManifestEntry:
    """One row of ``MANIFEST.csv``: a raw file with its expected sha256 and size."""

    file: str
    sha256: str
    bytes: int
    description: str


def read_manifest(raw_dir: Path) -> tuple[ManifestEntry, ...]:
    """Read ``raw_dir/MANIFEST.csv``; a missing file or column is a :class:`SourceError`."""
    path = raw_dir / MANIFEST
    if not path.is_file():
        raise SourceError(str(path), 1, 1, f"expected a manifest of the raw files ({', '.join(MANIFEST_FIELDS)})")
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != MANIFEST_FIELDS:
            raise SourceError(str(path), 1, 1, f"expected the header {','.join(MANIFEST_FIELDS)}")
        entries = []
        for line, row in enumerate(reader, start=2):
            try:
                entries.append(ManifestEntry(row["file"], row["sha256"], int(row["bytes"]), row["description"]))
            except (TypeError, ValueError):
                raise SourceError(str(path), line, 1, "expected file,sha256,bytes,description with bytes a whole number") from None
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
            f"checksum mismatch: {MANIFEST} expects sha256 {entry.sha256}, the file has {actual} "
            "(raw captures are never edited; restore the original)",
        )
    return data


def decode(data: bytes, name: str) -> str:
    """Decode UTF-8 strictly. A BOM is dropped and CRLF/CR line ends become LF, so they parse like the clean file."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        prefix = data[: error.start].decode("utf-8", errors="replace")
        raise SourceError.at(
            name, prefix, len(prefix), f"invalid UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start}); expected UTF-8 text"
        ) from None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise SourceError(name, 1, 1, "empty file: expected a raw capture (WP_Post dump, paragraph extraction or web capture)")
    if "\x00" in text:
        raise SourceError.at(name, text, text.index("\x00"), "binary data (NUL byte): expected a text capture")
    return text


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
