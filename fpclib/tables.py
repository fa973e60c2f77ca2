"""Small, exact file interfaces shared by every stage: the manifest of sums, atomic writes, schema-checked CSV.

A folder of data files (``data/raw``, ``data/reference``) carries a ``MANIFEST.csv`` with each file's sha256 and
size; :func:`read_verified` returns a file's bytes only when both match. :func:`read_rows` reads a small CSV
whose header must be exactly the expected columns, with the line of every row, so a later check can name it.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from fpclib.errors import SourceError

MANIFEST = "MANIFEST.csv"
MANIFEST_FIELDS = ("file", "sha256", "bytes", "description")
_SHA256 = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True, slots=True)
class ManifestEntry:
    """One row of a ``MANIFEST.csv``: a file with its expected sha256 and size."""

    file: str
    sha256: str
    bytes: int
    description: str


def sha256_of(data: bytes) -> str:
    """The hex sha256 of ``data``.

    >>> sha256_of(b"")[:12]
    'e3b0c44298fc'
    """
    return hashlib.sha256(data).hexdigest()


def read_rows(path: Path, columns: Sequence[str]) -> list[tuple[int, dict[str, str]]]:
    """The rows of a UTF-8 CSV file whose header is exactly ``columns``, each with its 1-based line number.

    A missing file, a wrong header, a row of the wrong width or bad CSV is a :class:`SourceError` at that line.
    """
    if not path.is_file():
        raise SourceError(str(path), 1, 1, f"expected a CSV file with the columns {','.join(columns)}")
    data = path.read_bytes()
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise SourceError(str(path), line, 1, "invalid UTF-8: expected UTF-8 text") from None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[tuple[int, dict[str, str]]] = []
    try:
        header = tuple(next(reader, ()))
        if header != tuple(columns):
            raise SourceError(str(path), 1, 1, f"expected the header {','.join(columns)}, found {','.join(header)}")
        line = reader.line_num + 1
        for row in reader:
            if row:
                if len(row) != len(columns):
                    raise SourceError(str(path), line, 1,
                                      f"expected {len(columns)} fields ({','.join(columns)}), found {len(row)}")
                rows.append((line, dict(zip(columns, row))))
            line = reader.line_num + 1
    except csv.Error as error:
        raise SourceError(str(path), reader.line_num, 1, f"expected CSV: {error}") from None
    return rows


def read_manifest(folder: Path) -> tuple[ManifestEntry, ...]:
    """Read ``folder/MANIFEST.csv``; a missing or malformed file, header or row is a :class:`SourceError`.

    A listed path must stay inside ``folder``: no absolute path, no ``..``.
    """
    path = folder / MANIFEST
    entries = []
    for line, row in read_rows(path, MANIFEST_FIELDS):
        name = row["file"]
        if not name or Path(name).is_absolute() or ".." in Path(name).parts or "\\" in name or ":" in name:
            raise SourceError(str(path), line, 1, f"expected a file name inside {folder.name}/, found {name!r}")
        if not _SHA256.fullmatch(row["sha256"]) or not row["bytes"].isdigit():
            raise SourceError(str(path), line, 1,
                              "expected file,sha256,bytes,description with a 64-hex sha256 and bytes a whole number")
        entries.append(ManifestEntry(name, row["sha256"], int(row["bytes"]), row["description"]))
    return tuple(entries)


def write_manifest(folder: Path, entries: Sequence[ManifestEntry]) -> None:
    """Write ``folder/MANIFEST.csv`` atomically, one row per entry in the order given."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(MANIFEST_FIELDS)
    writer.writerows((e.file, e.sha256, e.bytes, e.description) for e in entries)
    atomic_write(folder / MANIFEST, out.getvalue().encode("utf-8"))


def manifest_entry(folder: Path, file: str, description: str) -> ManifestEntry:
    """The manifest row that describes ``folder/file`` as it is now."""
    data = (folder / file).read_bytes()
    return ManifestEntry(file, sha256_of(data), len(data), description)


def read_verified(folder: Path, entry: ManifestEntry) -> bytes:
    """The bytes of a manifest entry's file after checking that it lies inside ``folder`` (no link, of the file or
    of a folder on its path, leads outside), then its size and its sum; a mismatch names the file and both."""
    path = folder / entry.file
    if not path.resolve().is_relative_to(folder.resolve()):
        raise SourceError(str(path), 1, 1, f"expected a file inside {folder}, found a link pointing outside it")
    if not path.is_file():
        raise SourceError(str(path), 1, 1, f"expected the file listed in {MANIFEST}, but it is missing")
    data = path.read_bytes()
    actual = sha256_of(data)
    if actual != entry.sha256 or len(data) != entry.bytes:
        what = " and ".join(name for name, differs in (("size", len(data) != entry.bytes),
                                                      ("checksum", actual != entry.sha256)) if differs)
        raise SourceError(
            str(path), 1, 1,
            f"{what} mismatch: {MANIFEST} expects sha256 {entry.sha256} ({entry.bytes:,} bytes), the file has "
            f"{actual} ({len(data):,} bytes) (listed files are never edited; restore the original)",
        )
    return data


def unlisted(folder: Path, entries: Sequence[ManifestEntry], pattern: str = "*") -> list[str]:
    """Names of files in ``folder`` matching ``pattern`` that the manifest does not list (hidden files aside)."""
    listed = {entry.file for entry in entries} | {MANIFEST}
    return sorted(p.name for p in folder.glob(pattern)
                  if p.is_file() and p.name not in listed and not p.name.startswith("."))


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename: never half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp", delete=False)
    try:
        with handle:
            handle.write(data)
        os.replace(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise
