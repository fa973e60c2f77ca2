"""The whole corpus as tidy tables: publications, reports, blocks and endnotes, with stable string ids.

:func:`load_corpus` verifies the raw files against their manifest, parses them (or reads the parsed tables from
a cache keyed by the files' sums and the library's own source), and links each copy of a piece to one canonical
publication.

Tables (one row per thing):

``publications``
    ``pub_id`` (``wp-6111``; ``web-<capture>-<n>`` for the n-th article of a web capture), ``source`` (raw file),
    ``wp_id`` (nullable), ``title``, ``slug`` (percent-decoded), ``url``, ``published``/``modified`` (UTC, from
    ``post_date_gmt``/``post_modified_gmt``; NaT where a capture has no date), ``lang`` (en, ru, kk, ky),
    ``report_id``, ``work_id``, ``part`` (summary, introduction, conclusions, article), ``author``, ``section``,
    ``duplicate_of`` (the canonical ``pub_id`` of a copy), ``n_blocks``, ``n_notes``, ``n_chars``.
``reports``
    one row per report in one language: ``report_id`` (the ``work_id`` for English, ``<work_id>-<lang>`` for a
    translation), ``work_id``, ``title``, ``lang``, ``published`` (first part), ``parts``, ``pub_ids``,
    ``countries``, ``topic``, ``series``, ``n_notes``.
``blocks``
    text in reading order: ``block_id`` (``<pub_id>.<seq>``), ``pub_id``, ``seq`` (from 1), ``kind`` (heading,
    paragraph, list_item, quote, table, caption), ``level``, ``text`` (clean), ``note_refs``, ``note_positions``
    (where in ``text`` each reference's marker stood), ``rows`` (tables),
    ``raw_start``/``raw_end`` (character offsets into the decoded raw file).
``notes``
    ``note_id`` (``<pub_id>.n<number>``; ``-2``, ``-3`` … appended to a repeated number), ``pub_id``, ``number``,
    ``text``, ``urls``, ``publisher`` (best effort), ``raw_start``, ``raw_end``, ``cited_in`` (block seqs).
``sources``
    one row per raw file: ``source``, ``kind`` (its layout), ``length`` (characters), ``n_documents``, and its
    characters by category (``content`` … ``whitespace``, ``unclassified``), which :meth:`Corpus.accounting` gives.
``anomalies``
    what the parsers kept but found odd, one row each: ``source``, ``pub_id``, ``kind`` (see
    :data:`fpclib.sources.notes.NOTE_ANOMALIES`, and ``modified-before-published``), ``number`` (the endnote, 0 if
    none), ``line``/``column`` (1-based) and ``raw_start`` in the raw file, and ``message``.
    ``load_corpus(strict=True)`` fails on the first of them.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote

import pandas as pd

from fpclib import paths
from fpclib.corpus import cache as corpus_cache
from fpclib.corpus.catalog import PARTS, Catalog, language, load_catalog
from fpclib.corpus.publishers import publisher, urls
from fpclib.errors import AnomalyError, NotFoundError, SourceError
from fpclib.sources.decode import decode
from fpclib.tables import MANIFEST, ManifestEntry, read_manifest, read_verified, unlisted

if TYPE_CHECKING:
    from fpclib.sources.model import Anomaly, Document, ParsedSource

ACCOUNTING_CATEGORIES = ("content", "markers", "notes", "metadata", "syntax", "chrome", "whitespace")
AUTHOR = "Adam Hug"
#: The columns of ``Corpus.anomalies``.
ANOMALY_COLUMNS = ("source", "pub_id", "kind", "number", "line", "column", "raw_start", "message")
#: The tables a corpus holds (and its cache stores).
TABLES = ("publications", "reports", "blocks", "notes", "sources", "anomalies")


def _no_anomalies() -> pd.DataFrame:
    """An empty ``anomalies`` table."""
    return _anomaly_table([])


@dataclass(frozen=True)
class Corpus:
    """The parsed corpus. Every table has stable string ids; see the module docs for the columns.

    ``sources`` has one row per raw file (its layout and characters by category, for :meth:`accounting`),
    ``anomalies`` what the parsers kept but found odd, and ``texts`` each raw file as decoded (so
    ``texts[source][raw_start:raw_end]`` is a block's raw text). Everything but ``manifest`` and ``texts`` is
    cached as tables (:mod:`fpclib.corpus.cache`).
    """

    publications: pd.DataFrame
    reports: pd.DataFrame
    blocks: pd.DataFrame
    notes: pd.DataFrame
    sources: pd.DataFrame
    manifest: tuple[ManifestEntry, ...]
    texts: dict[str, str]
    anomalies: pd.DataFrame = field(default_factory=_no_anomalies)

    def accounting(self) -> pd.DataFrame:
        """Characters of each raw file by category; each row adds up to the file's length.

        Whitespace is counted apart wherever it stands; ``unclassified`` counts non-blank text no span names
        (always 0: the parsers fail rather than drop text).
        """
        columns = ["source", "length", *ACCOUNTING_CATEGORIES, "unclassified"]
        return self.sources[columns].reset_index(drop=True)

    def duplicates(self) -> pd.DataFrame:
        """Each copy of a piece beside its canonical publication, with whether their texts differ and how."""
        rows = []
        copies = self.publications.dropna(subset=["duplicate_of"])
        for copy in copies.itertuples():
            ours = self.text_of(copy.pub_id)
            theirs = self.text_of(copy.duplicate_of)
            rows.append({"pub_id": copy.pub_id, "duplicate_of": copy.duplicate_of, "identical": ours == theirs,
                         "differences": _differences(theirs, ours)})
        return pd.DataFrame(rows, columns=["pub_id", "duplicate_of", "identical", "differences"])

    def text_of(self, pub_id: str) -> list[str]:
        """The block texts of a publication, in reading order."""
        return self.blocks.loc[self.blocks["pub_id"] == pub_id, "text"].tolist()

    def publication(self, pub_id: str) -> pd.Series:
        """One row of ``publications``; an unknown id is a :class:`~fpclib.errors.NotFoundError` naming a few known."""
        found = self.publications[self.publications["pub_id"] == pub_id]
        if found.empty:
            known = ", ".join(self.publications["pub_id"].head(3))
            raise NotFoundError(f"no publication {pub_id!r}: expected a pub_id such as {known} (see `fpc info`)")
        return found.iloc[0]

    def report(self, report_id: str) -> pd.Series:
        """One row of ``reports``; an unknown id is a :class:`~fpclib.errors.NotFoundError` listing the known ones."""
        found = self.reports[self.reports["report_id"] == report_id]
        if found.empty:
            raise NotFoundError(f"no report {report_id!r}: expected one of {', '.join(self.reports['report_id'])}")
        return found.iloc[0]


def load_corpus(raw_dir: Path | str | None = None, *, cache: bool = True, strict: bool = False) -> Corpus:
    """Load the corpus from ``raw_dir`` (default: :func:`fpclib.paths.raw_dir`), verifying every size and sum.

    ``strict``: any anomaly (``Corpus.anomalies``) is an :class:`~fpclib.errors.AnomalyError` naming the first
    and holding one line for each; by default they are only reported in the table.
    """
    folder = Path(raw_dir) if raw_dir is not None else paths.raw_dir()
    manifest = read_manifest(folder)
    extra = unlisted(folder, manifest)
    if extra:
        raise SourceError(str(folder / extra[0]), 1, 1,
                          f"not listed in {MANIFEST}: expected every raw file to have a row with its sha256")
    raw = {entry.file: read_verified(folder, entry) for entry in manifest}
    key = corpus_cache.key(manifest)
    tables = corpus_cache.read(key, TABLES) if cache else None
    if tables is not None:
        corpus = Corpus(**tables, manifest=manifest, texts={name: decode(data, name) for name, data in raw.items()})
    else:
        corpus = build_corpus(raw, manifest, load_catalog())
        if cache:
            corpus_cache.write(key, {name: getattr(corpus, name) for name in TABLES})
    if strict and not corpus.anomalies.empty:
        raise AnomalyError(anomaly_lines(corpus.anomalies))
    return corpus


def anomaly_lines(anomalies: pd.DataFrame) -> tuple[str, ...]:
    """One line per anomaly, ``FILE:LINE:COL: pub_id: kind: message``."""
    return tuple(f"{a.source}:{a.line}:{a.column}: {a.pub_id}: {a.kind}: {a.message}" for a in anomalies.itertuples())


def build_corpus(raw: dict[str, bytes], manifest: tuple[ManifestEntry, ...], catalog: Catalog) -> Corpus:
    """Parse the raw files and assemble the tables."""
    from fpclib.sources.paragraphs import hints as paragraph_hints
    from fpclib.sources.parse import parse_text

    texts = {name: decode(data, name) for name, data in raw.items()}
    hints: list[str] = []
    for name, text in texts.items():
        if name.endswith(".paragraphs.txt"):
            hints = paragraph_hints(text)
    parsed = tuple(parse_text(texts[name], name, hints) for name in sorted(texts))
    records = [(source, document) for source in parsed for document in source.documents]
    pub_rows, block_rows, note_rows, anomaly_rows = [], [], [], []
    for source, document in records:
        pub_id = _pub_id(source, document, records)
        pub_rows.append(_publication(source, document, pub_id, catalog))
        block_rows.extend(_blocks(pub_id, document))
        note_rows.extend(_notes(pub_id, document))
        anomaly_rows.extend(_anomaly_row(source.name, texts[source.name], pub_id, a) for a in document.anomalies)
    publications = _link_duplicates(pd.DataFrame(pub_rows))
    blocks = pd.DataFrame(block_rows)
    notes = _cite(pd.DataFrame(note_rows), blocks)
    reports = _reports(publications, catalog)
    return Corpus(_typed(publications), reports, blocks, notes, sources_table(parsed, texts), manifest, texts,
                  _anomaly_table(anomaly_rows))


def sources_table(sources: tuple[ParsedSource, ...], texts: dict[str, str]) -> pd.DataFrame:
    """The ``sources`` table: per raw file its layout, length, documents and characters by category (whitespace
    counted apart), adding up to the file's length."""
    rows = []
    codes = {name: i + 1 for i, name in enumerate(ACCOUNTING_CATEGORIES)}
    names = {code: name for name, code in codes.items()}
    for source in sources:
        owner = bytearray(source.length)
        for span in sorted(source.spans, key=lambda s: s.start - s.end):
            owner[span.start:span.end] = bytes([codes[span.category]]) * (span.end - span.start)
        text = texts[source.name]
        counts = dict.fromkeys((*ACCOUNTING_CATEGORIES, "unclassified"), 0)
        for char, code in zip(text, owner):
            if char.isspace():
                counts["whitespace"] += 1
            elif code:
                counts[names[code]] += 1
            else:
                counts["unclassified"] += 1
        rows.append({"source": source.name, "kind": source.kind, "length": source.length,
                     "n_documents": len(source.documents), **counts})
    return pd.DataFrame(rows)


def _anomaly_row(source: str, text: str, pub_id: str, anomaly: Anomaly) -> dict[str, object]:
    """One row of ``anomalies``, with the 1-based line and column of its offset."""
    line = text.count("\n", 0, anomaly.offset) + 1
    column = anomaly.offset - (text.rfind("\n", 0, anomaly.offset) + 1) + 1
    return {"source": source, "pub_id": pub_id, "kind": anomaly.kind, "number": anomaly.number, "line": line,
            "column": column, "raw_start": anomaly.offset, "message": anomaly.message}


def _anomaly_table(rows: list[dict[str, object]]) -> pd.DataFrame:
    """The ``anomalies`` table of ``rows``, with its columns and dtypes even when empty."""
    frame = pd.DataFrame(rows, columns=list(ANOMALY_COLUMNS))
    return frame.astype({"source": object, "pub_id": object, "kind": object, "number": "int64", "line": "int64",
                         "column": "int64", "raw_start": "int64", "message": object})


def _pub_id(source: ParsedSource, document: Document, records: list[tuple[ParsedSource, Document]]) -> str:
    """``wp-<ID>`` for a post; ``web-<capture>-<n>`` for the n-th article of a web capture."""
    if source.kind == "printr":
        return document.doc_id
    stem = source.name.removesuffix(".txt").removesuffix(".html")
    position = [d for s, d in records if s is source].index(document) + 1
    return f"web-{stem}-{position}"


def _publication(source: ParsedSource, document: Document, pub_id: str, catalog: Catalog) -> dict[str, object]:
    """One row of ``publications``."""
    meta = document.meta
    key = pub_id if source.kind == "printr" else f"title:{document.title}"
    work_id, part = catalog.place(key, source.name)
    text = " ".join(block.text for block in document.blocks)
    lang = language(document.title + " " + text)
    is_post = source.kind == "printr"
    return {
        "pub_id": pub_id,
        "source": source.name,
        "wp_id": int(meta["ID"]) if is_post else None,
        "title": document.title,
        "slug": unquote(meta["post_name"]) if is_post else document.doc_id,
        "url": meta["guid"] if is_post else meta.get("url"),
        "published": _utc(meta.get("post_date_gmt") if is_post else meta.get("date")),
        "modified": _utc(meta.get("post_modified_gmt")) if is_post else pd.NaT,
        "lang": lang,
        "report_id": work_id if lang == "en" else f"{work_id}-{lang}",
        "work_id": work_id,
        "part": part,
        "author": AUTHOR if is_post else meta.get("author"),
        "section": meta.get("section"),
        "n_blocks": len(document.blocks),
        "n_notes": len(document.notes),
        "n_chars": len(text),
    }


def _utc(value: str | None) -> pd.Timestamp:
    """A timezone-aware UTC timestamp, or NaT where the capture has no date."""
    return pd.Timestamp(value, tz="UTC") if value else pd.NaT


def _blocks(pub_id: str, document: Document) -> list[dict[str, object]]:
    """Rows of ``blocks`` for one document, numbered from 1 in reading order."""
    return [
        {"block_id": f"{pub_id}.{seq}", "pub_id": pub_id, "seq": seq, "kind": block.kind, "level": block.level,
         "text": block.text, "note_refs": block.note_refs, "note_positions": block.note_positions, "rows": block.rows,
         "raw_start": block.raw_start, "raw_end": block.raw_end}
        for seq, block in enumerate(document.blocks, start=1)
    ]


def _notes(pub_id: str, document: Document) -> list[dict[str, object]]:
    """Rows of ``notes`` for one document; a repeated number gets ``-2``, ``-3`` … on its id (it stays a note)."""
    rows = []
    seen: dict[int, int] = {}
    for note in document.notes:
        links = urls(note.text)
        seen[note.number] = seen.get(note.number, 0) + 1
        suffix = "" if seen[note.number] == 1 else f"-{seen[note.number]}"
        rows.append({"note_id": f"{pub_id}.n{note.number}{suffix}", "pub_id": pub_id, "number": note.number,
                     "text": note.text, "urls": links, "publisher": publisher(note.text, links),
                     "raw_start": note.raw_start, "raw_end": note.raw_end})
    return rows


def _cite(notes: pd.DataFrame, blocks: pd.DataFrame) -> pd.DataFrame:
    """Add ``cited_in``: the block seqs that cite each note."""
    cited: dict[tuple[str, int], list[int]] = {}
    for pub_id, seq, refs in blocks[["pub_id", "seq", "note_refs"]].itertuples(index=False):
        for number in refs:
            cited.setdefault((pub_id, number), []).append(seq)
    notes = notes.copy()
    notes["cited_in"] = [tuple(cited.get((p, n), ())) for p, n in zip(notes["pub_id"], notes["number"])]
    return notes


def _link_duplicates(publications: pd.DataFrame) -> pd.DataFrame:
    """Point each copy of a piece at its canonical row: the dump's post, else the first capture holding it."""
    canonical: dict[str, str] = {}
    duplicate_of = []
    order = publications.assign(_post=publications["wp_id"].isna()).sort_values(["_post", "source"], kind="stable")
    for row in order.itertuples():
        key = row.title.strip().lower()
        duplicate_of.append((row.Index, canonical.get(key)))
        canonical.setdefault(key, row.pub_id)
    result = publications.copy()
    result["duplicate_of"] = pd.Series(dict(duplicate_of), dtype="string")
    return result


def _reports(publications: pd.DataFrame, catalog: Catalog) -> pd.DataFrame:
    """One row per report in one language, its parts in reading order (copies join their canonical report)."""
    order = {part: i for i, part in enumerate(PARTS)}
    rows = []
    canonical = publications[publications["duplicate_of"].isna()]
    for report_id, group in canonical.groupby("report_id", sort=False):
        work = catalog.works[group["work_id"].iloc[0]]
        parts = tuple(sorted(group["part"], key=order.__getitem__))
        rows.append({"report_id": report_id, "work_id": work.work_id, "title": work.title,
                     "lang": group["lang"].iloc[0], "published": group["published"].min(), "parts": parts,
                     "pub_ids": tuple(group.sort_values("part", key=lambda s: s.map(order))["pub_id"]),
                     "countries": work.countries, "topic": work.topic, "series": work.series,
                     "n_notes": int(group["n_notes"].sum())})
    return pd.DataFrame(rows).sort_values(["published", "report_id"], na_position="last", ignore_index=True)


def _typed(publications: pd.DataFrame) -> pd.DataFrame:
    """Give ``publications`` its dtypes: nullable ints and strings, UTC timestamps."""
    typed = publications.astype({"wp_id": "Int64", "section": "string", "author": "string", "url": "string"})
    columns = ["pub_id", "source", "wp_id", "title", "slug", "url", "published", "modified", "lang", "report_id",
               "work_id", "part", "author", "section", "duplicate_of", "n_blocks", "n_notes", "n_chars"]
    return typed[columns]


def _differences(canonical: list[str], copy: list[str]) -> str:
    """A one-line summary of how a copy's blocks differ from the canonical ones ('' when identical)."""
    if canonical == copy:
        return ""
    changes = []
    matcher = difflib.SequenceMatcher(a=canonical, b=copy, autojunk=False)
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if tag != "equal":
            changes.append(f"{tag} blocks {a1 + 1}-{a2} -> {b1 + 1}-{b2}")
    return "; ".join(changes)
