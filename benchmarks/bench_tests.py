"""Time the test suite in its three parts and print medians: the library tests, the notebooks, the browser.

The notebook tests check the notebooks the book build executed (its jupyter cache and built pages), so they take
seconds; executing the notebooks is part of `make book` (see benchmarks/bench_build.py). Run from the repository
after `make book` (the notebook and browser tests read the built book):

    .venv/bin/python benchmarks/bench_tests.py [--runs N] [--parts unit notebooks browser]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PARTS = {
    "unit": "not notebooks and not browser",
    "notebooks": "notebooks",
    "browser": "browser",
}


def timed(marker: str) -> float:
    """Seconds for one pytest run of the tests selected by ``marker``; exits if a test fails."""
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-m", marker],
                            cwd=REPO, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"pytest -m '{marker}' failed:\n{result.stdout[-3000:]}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs of each part (default: 3)")
    parser.add_argument("--parts", nargs="+", choices=PARTS, default=list(PARTS))
    args = parser.parse_args()
    for part in args.parts:
        seconds = [timed(PARTS[part]) for _ in range(args.runs)]
        print(f"{part:10s} median {statistics.median(seconds):6.1f} s  ({args.runs} runs)")


if __name__ == "__main__":
    main()
