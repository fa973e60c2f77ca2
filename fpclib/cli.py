"""The ``fpc`` command: look at the corpus, show a publication, export the tables, check the claims, parse one raw
file, record an edited sourced-facts file.

Every error is one line on stderr, ``fpc: …``, and the exit code says what kind it is (see :data:`EXIT_CODES`).
"""

from __future__ import annotations

import argparse
import os
import sys
import warnings
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from fpclib.corpus.export import FORMATS
from fpclib.errors import AnomalyError, FpcError, NotFoundError, UsageError

if TYPE_CHECKING:
    from fpclib.corpus.build import Corpus

#: Exit codes, one per kind of outcome.
OK, CHECK_FAILED, BAD_DATA, BAD_USAGE, SYSTEM_ERROR, INTERNAL_ERROR = 0, 1, 2, 3, 4, 5
EXIT_CODES = {
    OK: "success",
    CHECK_FAILED: "a check asked for failed (claims --strict: a claim not found in the text)",
    BAD_DATA: "bad data: a raw capture, manifest, catalogue, claims registry or reference file is malformed or "
              "altered (FILE:LINE:COL: what was expected), or the corpus holds anomalies under --strict",
    BAD_USAGE: "bad usage: an unknown option or command, an id the data does not hold, a refused export target",
    SYSTEM_ERROR: "system error: a file or folder could not be read or written (permissions, disk full)",
    INTERNAL_ERROR: "internal error: a bug in fpclib (set FPC_TRACEBACK=1 to see the traceback)",
}


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line and the usage exit code."""

    def error(self, message: str) -> NoReturn:
        print(f"fpc: usage: {message} (see fpc --help)", file=sys.stderr)
        sys.exit(BAD_USAGE)


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``fpc``; every error prints one line ``fpc: …`` and returns its exit code (:data:`EXIT_CODES`)."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as done:
        return done.code if isinstance(done.code, int) else BAD_USAGE
    try:
        with warnings.catch_warnings():
            warnings.showwarning = _one_line_warning
            return int(args.run(args) or 0)
    except AnomalyError as error:
        for line in error.lines:
            print(f"fpc: {line}", file=sys.stderr)
        return BAD_DATA
    except (UsageError, NotFoundError) as error:
        print(f"fpc: {error}", file=sys.stderr)
        return BAD_USAGE
    except FpcError as error:
        print(f"fpc: {error}", file=sys.stderr)
        return BAD_DATA
    except OSError as error:
        where = f" {error.filename}" if error.filename else ""
        print(f"fpc: system error:{where}: {error.strerror or error}", file=sys.stderr)
        return SYSTEM_ERROR
    except KeyboardInterrupt:
        print("fpc: interrupted", file=sys.stderr)
        return 130
    except Exception as error:  # the one place a bug is turned into one line and an exit code
        if os.environ.get("FPC_TRACEBACK"):
            raise
        message = " ".join(str(error).split())
        print(f"fpc: internal error (a bug in fpclib): {type(error).__name__}: {message}", file=sys.stderr)
        return INTERNAL_ERROR


def _one_line_warning(message: Warning | str, *_: object, **__: object) -> None:
    """Print a warning (such as a rebuilt cache) as one line on stderr."""
    print(f"fpc: warning: {message}", file=sys.stderr)


def _parser() -> argparse.ArgumentParser:
    codes = "\n".join(f"  {code}  {meaning}" for code, meaning in EXIT_CODES.items())
    parser = _Parser(prog="fpc", description="The FPC compendium's corpus from the command line.",
                     epilog=f"exit codes:\n{codes}", formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--raw", type=Path, default=None, help="folder of raw captures (default: data/raw)")
    parser.add_argument("--strict", action="store_true", dest="corpus_strict",
                        help="fail (exit 2, one line each) if the corpus holds anomalies (odd endnote lists, "
                             "suspect values) instead of only listing them in Corpus.anomalies")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")
    info = commands.add_parser("info", help="the reports as a table")
    info.set_defaults(run=_info)
    show = commands.add_parser("show", help="a publication as Markdown with its endnotes")
    show.add_argument("pub_id", help="e.g. wp-6111")
    show.set_defaults(run=_show)
    out = commands.add_parser("export", help="write all tables (publications, reports, blocks, notes, accounting, "
                                             "anomalies)")
    out.add_argument("--format", choices=FORMATS, default="csv")
    out.add_argument("--out", type=Path, required=True,
                     help="a new or empty folder, or an earlier export to replace (never anything else)")
    out.set_defaults(run=_export)
    claims = commands.add_parser("claims", help="the registered claims of a report (or all): fidelity and evidence")
    claims.add_argument("report", nargs="?", help="a report_id (default: every report)")
    claims.add_argument("--strict", action="store_true",
                        help="exit 2 on any registry error, exit 1 if any claim cannot be located")
    claims.add_argument("--evidence", choices=("holds", "fails", "none"), help="only claims with this evidence")
    claims.add_argument("--fidelity", choices=("same", "changed", "missing", "n/a"),
                        help="only claims whose copy of the original is this")
    claims.set_defaults(run=_claims)
    manifest = commands.add_parser("manifest", help="record the size and sha256 of the reference files this "
                                                    "project writes (sourced_*.csv, datasets.csv) after an edit")
    manifest.add_argument("files", nargs="+", type=Path, help="files of data/reference, e.g. sourced_uk.csv")
    manifest.set_defaults(run=_manifest)
    parse = commands.add_parser("parse", help="parse one raw file of any supported layout and summarise it")
    parse.add_argument("file", type=Path)
    parse.set_defaults(run=_parse)
    return parser


def _corpus(args: argparse.Namespace) -> Corpus:
    """The corpus of ``--raw``, strict if ``--strict`` was given before the command."""
    from fpclib.corpus import load_corpus

    return load_corpus(args.raw, strict=args.corpus_strict)


def _info(args: argparse.Namespace) -> int:
    reports = _corpus(args).reports
    table = reports.assign(
        published=reports["published"].dt.strftime("%Y-%m-%d").fillna("—"),
        parts=reports["parts"].map(", ".join),
    )[["report_id", "lang", "published", "parts", "n_notes", "title"]]
    print(table.to_string(index=False))
    return 0


def _show(args: argparse.Namespace) -> int:
    from fpclib.corpus.markdown import to_markdown

    print(to_markdown(_corpus(args), args.pub_id))
    return 0


def _export(args: argparse.Namespace) -> int:
    from fpclib.corpus.export import check_target, export

    check_target(args.out.absolute())
    written = export(_corpus(args), args.out, args.format)
    print(f"wrote {len(written)} files to {args.out}: " + ", ".join(path.name for path in written))
    return 0


def _claims(args: argparse.Namespace) -> int:
    import pandas as pd

    from fpclib.claims import check_claims, load_claims

    claims = load_claims()
    if args.report:
        if args.report not in set(claims["report_id"]):
            raise NotFoundError(f"no claims registered for report {args.report!r}: expected one of "
                                f"{', '.join(sorted(set(claims['report_id'])))}")
        claims = claims[claims["report_id"] == args.report]
    checked = check_claims(_corpus(args), claims=claims)
    shown = checked
    if args.evidence:
        shown = shown[shown["evidence"] == args.evidence]
    if args.fidelity:
        shown = shown[shown["fidelity"] == args.fidelity]
    table = shown[["claim_id", "value", "unit", "fidelity", "evidence", "evidence_kind", "evidence_reason"]].assign(
        evidence_reason=shown["evidence_reason"].str.slice(0, 80),
        value=shown["value"].map(lambda v: "" if pd.isna(v) else f"{v:g}"))
    print(table.to_string(index=False))
    for axis, names in (("evidence", ("holds", "fails", "none")), ("fidelity", ("same", "changed", "missing", "n/a"))):
        counts = checked[axis].value_counts()
        print(f"{axis}: " + ", ".join(f"{counts.get(v, 0)} {v}" for v in names))
    missing = checked[checked["block"].isna() | ~checked["value_found"].astype(bool)]
    if args.strict and not missing.empty:
        print(f"fpc: {len(missing)} claim(s) not found in the text or not read back: "
              f"{', '.join(missing['claim_id'][:10])}", file=sys.stderr)
        return CHECK_FAILED
    return 0


#: The reference files this project writes itself; every other file is a copy of published data, never edited.
OWN_REFERENCE = ("sourced_*.csv", "datasets.csv")


def _manifest(args: argparse.Namespace) -> int:
    from fpclib import paths, tables

    folder = paths.reference_dir()
    entries = {entry.file: entry for entry in tables.read_manifest(folder)}
    for file in args.files:
        name = file.name
        if file.parent not in (Path(), folder) or not any(Path(name).match(p) for p in OWN_REFERENCE):
            raise UsageError(f"{file}: expected a file of {folder} this project writes ({', '.join(OWN_REFERENCE)}); "
                             "a copy of published data keeps its manifest row")
        if not (folder / name).is_file():
            raise NotFoundError(f"{folder / name}: no such file")
        description = entries[name].description if name in entries else (
            "Facts transcribed by hand from public sources, one per row, each with its source and URL")
        entries[name] = tables.manifest_entry(folder, name, description)
        print(f"{name}: {entries[name].bytes:,} bytes, sha256 {entries[name].sha256}")
    tables.write_manifest(folder, list(entries.values()))
    return 0


def _parse(args: argparse.Namespace) -> int:
    from fpclib.sources import parse_file

    source = parse_file(args.file)
    print(f"{source.name}: {source.kind}, {source.length:,} characters, {len(source.documents)} documents")
    for document in source.documents:
        kinds = Counter(block.kind for block in document.blocks)
        summary = ", ".join(f"{count} {kind}" for kind, count in kinds.most_common())
        print(f"  {document.doc_id}: {document.title[:70]!r} — {len(document.blocks)} blocks ({summary}), "
              f"{len(document.notes)} notes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
