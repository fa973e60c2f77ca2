"""Time parsing the 1.9 MB WordPress dump, alone and with the paragraph hints, and building the whole corpus.

Three timings, each the median of N runs (default 7) in this process, after one untimed warm-up run:

- the dump alone: ``parse_file(data/raw/fpc-author-adam-hug.printr.txt)``, no hints;
- the dump with hints: the same with the paragraph hints of the second extraction, as ``load_corpus`` parses it;
- the whole corpus uncached: ``build_corpus`` over the five raw files (read and verified beforehand).

Run from the repository: ``.venv/bin/python benchmarks/bench_parse.py [--runs N]``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Callable

from fpclib.corpus.build import build_corpus
from fpclib.corpus.catalog import load_catalog
from fpclib.paths import raw_dir
from fpclib.sources import decode, hints, parse_file
from fpclib.tables import read_manifest, read_verified

DUMP = raw_dir() / "fpc-author-adam-hug.printr.txt"
PARAGRAPHS = raw_dir() / "fpc-author-adam-hug.paragraphs.txt"


def median_seconds(task: Callable[[], object], runs: int) -> float:
    """Median wall-clock seconds of ``runs`` calls of ``task``, after one untimed call."""
    task()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        task()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timed runs of each task (default: 7)")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    paragraph_hints = hints(decode(PARAGRAPHS.read_bytes(), PARAGRAPHS.name))
    manifest = read_manifest(raw_dir())
    raw = {entry.file: read_verified(raw_dir(), entry) for entry in manifest}
    catalog = load_catalog()
    alone = median_seconds(lambda: parse_file(DUMP), args.runs)
    with_hints = median_seconds(lambda: parse_file(DUMP, paragraph_hints), args.runs)
    corpus = median_seconds(lambda: build_corpus(raw, manifest, catalog), args.runs)
    print(f"cores: {os.cpu_count()}, runs: {args.runs} (medians)")
    print(f"parse the dump alone        {alone:.3f} s")
    print(f"parse the dump with hints   {with_hints:.3f} s  ({len(paragraph_hints)} hints)")
    print(f"build_corpus, uncached      {corpus:.3f} s")


if __name__ == "__main__":
    main()
