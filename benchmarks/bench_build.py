"""Time `make book` from clean and with nothing changed, and the Sphinx build under it; print medians.

Three timings, each the median of N runs (default 3):

- clean build: `make book` with no _build/ (empty notebook cache, so every notebook executes);
- no-change rebuild: `make book` again right after, as a reader who reruns it would (make sees that
  no input changed and does not start Jupyter Book);
- no-change Sphinx build: `jupyter-book build` on the built tree, i.e. the cost of a rebuild forced
  past make (Python start-up, reading the environment, finding nothing to do).

Each run uses a fresh copy of the repository (no .git, _build or caches, and its own empty fpclib
cache) with the project's .venv linked in, so the repository's own _build/ is left alone. Run from
the repository after `make book`:

    .venv/bin/python benchmarks/bench_build.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SKIP = shutil.ignore_patterns(".git", ".venv", "_build", "__pycache__", ".cache", ".*_cache", ".hypothesis", "*.egg-info", "vega")


def timed(command: list[str], cwd: Path) -> float:
    """Run ``command`` in ``cwd`` as a local build does; seconds taken. Exits if it fails.

    fpclib's parsed-corpus cache goes beside the copy, so a clean build parses the raw files afresh.
    """
    environment = {
        **os.environ,
        "BOOK_EXECUTE": "cache",
        "FPC_BOOK_EXECUTE": "cache",
        "FPCLIB_CACHE_DIR": str(cwd.parent / "fpclib-cache"),
    }
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=environment, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed in {cwd}:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return seconds


def one_run(folder: Path) -> tuple[float, float, float]:
    """Clean `make book`, no-change `make book`, no-change `jupyter-book build` in a copy of the repository."""
    tree = folder / "repo"
    shutil.copytree(REPO, tree, ignore=SKIP)  # copy2 keeps mtimes, so make trusts the linked .venv
    (tree / ".venv").symlink_to(REPO / ".venv")
    clean = timed(["make", "book"], tree)
    rebuild = timed(["make", "book"], tree)
    sphinx = timed([str(REPO / ".venv" / "bin" / "jupyter-book"), "build", ".", "-W", "--keep-going", "-q"], tree)
    return clean, rebuild, sphinx


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs of each kind (default: 3)")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    if not (REPO / ".venv" / ".installed").is_file():
        sys.exit("no .venv: run `make book` first")
    runs = []
    for number in range(1, args.runs + 1):
        with tempfile.TemporaryDirectory(prefix="fpc-bench-") as folder:
            runs.append(one_run(Path(folder)))
        print("run {}/{}: clean {:.1f} s, no-change {:.2f} s, no-change sphinx {:.1f} s".format(number, args.runs, *runs[-1]))
    clean, rebuild, sphinx = (statistics.median(kind) for kind in zip(*runs))
    print(f"cores: {os.cpu_count()}, runs: {args.runs} (medians)")
    print(f"clean build (make book):          {clean:.1f} s")
    print(f"no-change rebuild (make book):    {rebuild:.2f} s ({100 * rebuild / clean:.1f}% of clean)")
    print(f"no-change jupyter-book build:     {sphinx:.1f} s ({100 * sphinx / clean:.0f}% of clean)")


if __name__ == "__main__":
    main()
