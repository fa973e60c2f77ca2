"""The ``fpc`` command: look at the corpus, show a publication, export the tables, parse one raw file."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from fpclib.corpus.export import FORMATS
from fpclib.errors import FpcError


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``fpc``; malformed input prints one line ``FILE:LINE:COL: message`` and exits 2."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args) or 0)
    except FpcError as error:
        print(f"fpc: {error}", file=sys.stderr)
        return 2
    except (OSError, ValueError) as error:
        print(f"fpc: {error}", file=sys.stderr)
        return 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="fpc", description="The FPC compendium's corpus from the command line.")
    parser.add_argument("--raw", type=Path, default=None, help="folder of raw captures (default: data/raw)")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")
    info = commands.add_parser("info", help="the reports as a table")
    info.set_defaults(run=_info)
    show = commands.add_parser("show", help="a publication as Markdown with its endnotes")
    show.add_argument("pub_id", help="e.g. wp-6111")
    show.set_defaults(run=_show)
    out = commands.add_parser("export", help="write all tables (publications, reports, blocks, notes, accounting)")
    out.add_argument("--format", choices=FORMATS, default="csv")
    out.add_argument("--out", type=Path, required=True, help="folder to create or replace")
    out.set_defaults(run=_export)
    claims = commands.add_parser("claims", help="the registered claims of a report (or all) with their verdicts")
    claims.add_argument("report", nargs="?", help="a report_id (default: every report)")
    claims.add_argument("--strict", action="store_true", help="exit 1 if any claim cannot be located")
    claims.add_argument("--verdict", choices=("consistent", "discrepancy", "unverifiable"), help="only these")
    claims.set_defaults(run=_claims)
    parse = commands.add_parser("parse", help="parse one raw file of any supported layout and summarise it")
    parse.add_argument("file", type=Path)
    parse.set_defaults(run=_parse)
    return parser


def _info(args: argparse.Namespace) -> int:
    from fpclib.corpus import load_corpus

    reports = load_corpus(args.raw).reports
    table = reports.assign(
        published=reports["published"].dt.strftime("%Y-%m-%d").fillna("—"),
        parts=reports["parts"].map(", ".join),
    )[["report_id", "lang", "published", "parts", "n_notes", "title"]]
    print(table.to_string(index=False))
    return 0


def _show(args: argparse.Namespace) -> int:
    from fpclib.corpus import load_corpus
    from fpclib.corpus.markdown import to_markdown

    corpus = load_corpus(args.raw)
    print(to_markdown(corpus, args.pub_id))
    return 0


def _export(args: argparse.Namespace) -> int:
    from fpclib.corpus import load_corpus
    from fpclib.corpus.export import export

    written = export(load_corpus(args.raw), args.out, args.format)
    print(f"wrote {len(written)} files to {args.out}: " + ", ".join(path.name for path in written))
    return 0


def _claims(args: argparse.Namespace) -> int:
    import pandas as pd

    from fpclib.claims import check_claims, load_claims
    from fpclib.corpus import load_corpus
    from fpclib.errors import NotFoundError

    claims = load_claims()
    if args.report:
        if args.report not in set(claims["report_id"]):
            raise NotFoundError(f"no claims registered for report {args.report!r}: expected one of "
                                f"{', '.join(sorted(set(claims['report_id'])))}")
        claims = claims[claims["report_id"] == args.report]
    checked = check_claims(load_corpus(args.raw), claims=claims)
    shown = checked if args.verdict is None else checked[checked["verdict"] == args.verdict]
    table = shown[["claim_id", "value", "unit", "verdict", "reason"]].assign(
        reason=shown["reason"].str.slice(0, 90), value=shown["value"].map(lambda v: "" if pd.isna(v) else f"{v:g}"))
    print(table.to_string(index=False))
    counts = checked["verdict"].value_counts()
    print("\n" + ", ".join(f"{counts.get(v, 0)} {v}" for v in ("consistent", "discrepancy", "unverifiable")))
    missing = checked[checked["block"].isna()]
    if args.strict and not missing.empty:
        print(f"fpc: {len(missing)} claim(s) not found in the text: {', '.join(missing['claim_id'][:10])}", file=sys.stderr)
        return 1
    return 0


def _parse(args: argparse.Namespace) -> int:
    from fpclib.sources import parse_file

    source = parse_file(args.file)
    print(f"{source.name}: {source.kind}, {source.length:,} characters, {len(source.documents)} documents")
    for document in source.documents:
        kinds = Counter(block.kind for block in document.blocks)
        summary = ", ".join(f"{count} {kind}" for kind, count in kinds.most_common())
        print(f"  {document.doc_id}: {document.title[:70]!r} — {len(document.blocks)} blocks ({summary}), {len(document.notes)} notes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
