"""The report and translation chapters, written from one template each and each work's front matter.

``book/_templates/report.md.j2`` and ``translation.md.j2`` (Jinja2) are filled in from ``data/catalog/chapters.csv``
(one row per chapter: the work, its language, and for an English chapter its heading and opening paragraph) and
``data/catalog/works.csv`` (a report covering countries gets a Freedom House section). A work with a row in
another language gets a translation chapter, and its English chapter a section on the translation's figures.

``python -m fpclib.book.pages`` (``make pages``) rewrites the pages that differ; ``--check`` only lists them and
exits 1 if there is one, which is how the tests keep the pages in ``book/`` generated.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from fpclib import paths
from fpclib.corpus.catalog import LANGUAGES, load_catalog
from fpclib.errors import FpcError, SourceError
from fpclib.tables import atomic_write, read_rows

BOOK = paths.REPO / "book"
TEMPLATES = BOOK / "_templates"
COLUMNS = ("work_id", "lang", "heading", "blurb")


@dataclass(frozen=True)
class Chapter:
    """One chapter's front matter: the work, the language of the edition it shows, its heading and first paragraph."""

    work_id: str
    lang: str
    heading: str
    blurb: str

    @property
    def language(self) -> str:
        return LANGUAGES[self.lang]

    @property
    def page(self) -> str:
        """The page's path in ``book/``.

        >>> Chapter("retreating-rights-kazakhstan", "kk", "", "").page
        'translations/retreating-rights-kazakhstan.md'
        """
        return f"{'reports' if self.lang == 'en' else 'translations'}/{self.work_id}.md"


def load_chapters(catalog_dir: Path | None = None) -> list[Chapter]:
    """Read ``chapters.csv``: every work known to the catalogue, a known language, an English chapter with a
    heading and a paragraph for each work, and at most one chapter per work and language."""
    folder = catalog_dir or paths.catalog_dir()
    path = folder / "chapters.csv"
    works = load_catalog(folder).works
    chapters: list[Chapter] = []
    for line, row in read_rows(path, COLUMNS):
        chapter = Chapter(**row)
        if chapter.work_id not in works:
            raise SourceError(str(path), line, 1, f"expected a work_id of works.csv, found {chapter.work_id!r}")
        if chapter.lang not in LANGUAGES:
            raise SourceError(str(path), line, 1, f"expected a language in {sorted(LANGUAGES)}, found {chapter.lang!r}")
        if (chapter.lang == "en") != bool(chapter.heading and chapter.blurb):
            raise SourceError(str(path), line, 1, "expected a heading and a blurb for an English chapter, none for a "
                                                  "translation (its heading is the English one's)")
        if any((c.work_id, c.lang) == (chapter.work_id, chapter.lang) for c in chapters):
            raise SourceError(str(path), line, 1, f"expected one chapter of {chapter.work_id!r} in {chapter.lang!r}")
        chapters.append(chapter)
    english = {c.work_id for c in chapters if c.lang == "en"}
    for chapter in chapters:
        if chapter.work_id not in english:
            raise SourceError(str(path), 1, 1,
                              f"expected an English chapter of {chapter.work_id!r} for its translation")
    return chapters


def render(chapters: list[Chapter], templates: Path = TEMPLATES) -> dict[str, str]:
    """The text of every chapter page, by its path in ``book/``."""
    environment = Environment(loader=FileSystemLoader(templates), keep_trailing_newline=True, trim_blocks=True,
                              undefined=StrictUndefined, autoescape=False)
    works = load_catalog().works
    english = {c.work_id: c for c in chapters if c.lang == "en"}
    pages = {}
    for chapter in chapters:
        if chapter.lang == "en":
            text = environment.get_template("report.md.j2").render(
                chapter=chapter, countries=works[chapter.work_id].countries,
                translations=[c for c in chapters if c.work_id == chapter.work_id and c.lang != "en"])
        else:
            text = environment.get_template("translation.md.j2").render(chapter=chapter,
                                                                        original=english[chapter.work_id])
        pages[chapter.page] = text
    return pages


def stale(book: Path = BOOK) -> dict[str, str]:
    """The generated pages whose file in ``book`` is missing or differs, with their new text."""
    pages = render(load_chapters())
    return {page: text for page, text in pages.items()
            if not (book / page).is_file() or (book / page).read_text(encoding="utf-8") != text}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="list the pages that differ and exit 1 if any does")
    args = parser.parse_args(argv)
    try:
        changed = stale()
    except FpcError as error:
        print(error, file=sys.stderr)
        return 2
    for page, text in sorted(changed.items()):
        if args.check:
            print(f"book/{page}: differs from its template; run `make pages`", file=sys.stderr)
        else:
            atomic_write(BOOK / page, text.encode("utf-8"))
            (BOOK / page).chmod(0o644)  # as git checks it out, not the temporary file's 0600
            print(f"wrote book/{page}")
    return 1 if args.check and changed else 0


if __name__ == "__main__":
    sys.exit(main())
