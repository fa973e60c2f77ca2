"""Parsing cost against input size: the WordPress dump at 1×, 5× and 20× its size, time and peak memory.

The larger dumps repeat the dump's 40 posts with new post indices and IDs, so they parse as one valid dump of
200 or 800 posts. For each size: the median seconds of N parses (default 5, after one untimed parse), seconds per
input MB, and the peak memory the parse allocates (``tracemalloc``, one separate parse) per input MB. A linear
parser keeps both per-MB figures flat as the size grows.

Run from the repository: ``.venv/bin/python benchmarks/bench_scaling.py [--runs N] [--sizes 1 5 20]``.
"""

from __future__ import annotations

import argparse
import re
import statistics
import time
import tracemalloc

from fpclib.paths import raw_dir
from fpclib.sources import decode, parse_text
from fpclib.sources.printr import parse_printr

DUMP = raw_dir() / "fpc-author-adam-hug.printr.txt"
_ID = re.compile(r"\[ID\] => (\d+)")


def scaled_dump(text: str, times: int) -> str:
    """The dump with its posts repeated ``times`` times, renumbered and with distinct IDs."""
    dump = parse_printr(text, DUMP.name)
    first, last = dump.posts[0], dump.posts[-1]
    head = text[:text.rindex("[0] => WP_Post Object (", 0, first.start)]
    objects = []
    for copy in range(times):
        for post in dump.posts:
            post_id = int(post.value(text, "ID")) + copy * 100_000
            body = _ID.sub(f"[ID] => {post_id}", text[post.start:post.end], 1)
            objects.append(f"[{copy * len(dump.posts) + post.index}] => WP_Post Object ({body}")
    return head + " ".join(objects) + text[last.end:]


def median_seconds(text: str, runs: int) -> float:
    """Median seconds of ``runs`` parses of ``text``, after one untimed parse."""
    parse_text(text, DUMP.name)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        parse_text(text, DUMP.name)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def peak_bytes(text: str) -> int:
    """The peak memory one parse of ``text`` allocates, in bytes."""
    tracemalloc.start()
    try:
        parse_text(text, DUMP.name)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed parses of each size (default: 5)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 5, 20], help="multiples of the dump")
    args = parser.parse_args(argv)
    if args.runs < 1 or min(args.sizes) < 1:
        parser.error("--runs and --sizes must be at least 1")
    text = decode(DUMP.read_bytes(), DUMP.name)
    print(f"{'size':>5} {'input MB':>9} {'posts':>6} {'median s':>9} {'s per MB':>9} {'peak MB':>8} {'peak/input':>10}")
    for times in args.sizes:
        scaled = scaled_dump(text, times)
        megabytes = len(scaled.encode()) / 1e6
        seconds = median_seconds(scaled, args.runs)
        peak = peak_bytes(scaled) / 1e6
        posts = len(parse_text(scaled, DUMP.name).documents)
        print(f"{times:>4}x {megabytes:>9.1f} {posts:>6} {seconds:>9.3f} {seconds / megabytes:>9.3f} "
              f"{peak:>8.1f} {peak / megabytes:>10.1f}")


if __name__ == "__main__":
    main()
