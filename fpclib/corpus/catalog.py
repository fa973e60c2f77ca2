"""The curated catalogue: which work each published part belongs to, and what each work is about.

What a parser cannot know from the page (that post 6155 is the introduction of *Global Britain for an open
world?*, which countries a report covers) is kept in two small CSV files under ``data/catalog``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from fpclib import paths
from fpclib.errors import SourceError
from fpclib.tables import read_rows

PARTS = ("summary", "introduction", "conclusions", "article")
#: The languages of the corpus, by ISO 639-1 code, with their English names.
LANGUAGES = {"en": "English", "kk": "Kazakh", "ru": "Russian", "ky": "Kyrgyz"}

_KAZAKH = re.compile("[әғқұһі]", re.IGNORECASE)
_KYRGYZ = re.compile("[ңөү]", re.IGNORECASE)
_CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)
_LATIN = re.compile("[a-z]", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Work:
    """A work as the FPC (or the news site) published it, in any language."""

    work_id: str
    title: str
    series: str
    topic: str
    countries: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Catalog:
    """Works by id, and the (work, part) of each published piece by key (``wp-<ID>`` or ``title:<title>``)."""

    works: dict[str, Work]
    parts: dict[str, tuple[str, str]]

    def place(self, key: str, source: str) -> tuple[str, str]:
        """The ``(work_id, part)`` of a piece of ``source``; a piece missing from the catalogue is an error naming
        the raw file and the piece."""
        try:
            return self.parts[key]
        except KeyError:
            raise SourceError(
                source, 1, 1,
                f"{key!r} is not in the catalogue: expected a row key,work_id,part for it in data/catalog/parts.csv",
            ) from None


def load_catalog(catalog_dir: Path | None = None) -> Catalog:
    """Read ``works.csv`` and ``parts.csv``, checking that every part names a known work and part."""
    folder = catalog_dir or paths.catalog_dir()
    works = {
        row["work_id"]: Work(row["work_id"], row["title"], row["series"], row["topic"], _split(row["countries"]))
        for _, row in read_rows(folder / "works.csv", ("work_id", "title", "series", "topic", "countries"))
    }
    parts: dict[str, tuple[str, str]] = {}
    for line, row in read_rows(folder / "parts.csv", ("key", "work_id", "part")):
        if row["work_id"] not in works or row["part"] not in PARTS:
            raise SourceError(
                str(folder / "parts.csv"), line, 1, f"expected a known work_id and a part in {PARTS}, found {row}"
            )
        parts[row["key"]] = (row["work_id"], row["part"])
    return Catalog(works, parts)


def language(text: str) -> str:
    """ISO 639-1 code of a text by its letters: Kazakh and Kyrgyz by their own Cyrillic letters, else Russian or
    English."""
    cyrillic = len(_CYRILLIC.findall(text))
    if cyrillic < len(_LATIN.findall(text)):
        return "en"
    kazakh, kyrgyz = len(_KAZAKH.findall(text)), len(_KYRGYZ.findall(text))
    if kazakh > cyrillic / 200:
        return "kk"
    if kyrgyz > cyrillic / 200:
        return "ky"
    return "ru"


def _split(value: str) -> tuple[str, ...]:
    """``'a;b'`` -> ``('a', 'b')``."""
    return tuple(item for item in value.split(";") if item)
