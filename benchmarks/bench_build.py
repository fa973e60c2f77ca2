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
import hashlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SKIP = shutil.ignore_patterns(".git", ".venv", "_build", "__pycache__", ".cache", ".*_cache", ".hypothesis",
                              "*.egg-info", "vega")


def timed(command: list[str], cwd: Path) -> float:
    """Run ``command`` in ``cwd`` as a local build does; seconds taken. Exits if it fails.

    fpclib's parsed-corpus cache goes beside the copy, so a clean build parses the raw files afresh; the copy's
    own fpclib comes first on the path (the linked .venv holds an editable install of the repository's).
    """
    environment = {
        **os.environ,
        "BOOK_EXECUTE": "cache",
        "FPC_BOOK_EXECUTE": "cache",
        "FPCLIB_CACHE_DIR": str(cwd.parent / "fpclib-cache"),
        "PYTHONPATH": str(cwd),
    }
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=environment, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed in {cwd}:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return seconds


class _Text(HTMLParser):
    """The text a reader sees in a page (scripts and styles left out)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._skip += tag in ("script", "style")

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag in ("script", "style") and self._skip > 0

    def handle_data(self, data: str) -> None:
        if not self._skip and data.strip():
            self.parts.append(" ".join(data.split()))


def fingerprint(html_dir: Path) -> dict[str, tuple[str, str]]:
    """Per built page: the sha256 of its bytes and of its visible text, to compare two builds."""
    pages = {}
    for page in sorted(html_dir.rglob("*.html")):
        parser = _Text()
        raw = page.read_text(encoding="utf-8")
        parser.feed(raw)
        text = "\n".join(parser.parts)
        pages[str(page.relative_to(html_dir))] = (hashlib.sha256(raw.encode()).hexdigest(),
                                                  hashlib.sha256(text.encode()).hexdigest())
    return pages


def one_run(folder: Path) -> tuple[tuple[float, float, float], dict[str, tuple[str, str]]]:
    """Clean `make book`, no-change `make book`, no-change `jupyter-book build` in a copy of the repository;
    with the fingerprint of the clean build's pages."""
    tree = folder / "repo"
    shutil.copytree(REPO, tree, ignore=SKIP)  # copy2 keeps mtimes, so make trusts the linked .venv
    (tree / ".venv").symlink_to(REPO / ".venv")
    # `-o`: never reinstall the linked .venv from the copy (that would point its editable install at the copy).
    make = ["make", "-o", ".venv/.installed", "book"]
    clean = timed(make, tree)
    pages = fingerprint(tree / "_build" / "html")
    rebuild = timed(make, tree)
    sphinx = timed([str(REPO / ".venv" / "bin" / "jupyter-book"), "build", ".", "-W", "--keep-going", "-q"], tree)
    return (clean, rebuild, sphinx), pages


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs of each kind (default: 3)")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    if not (REPO / ".venv" / ".installed").is_file():
        sys.exit("no .venv: run `make book` first")
    runs, prints = [], []
    for number in range(1, args.runs + 1):
        with tempfile.TemporaryDirectory(prefix="fpc-bench-") as folder:
            times, pages = one_run(Path(folder))
        runs.append(times)
        prints.append(pages)
        clean, rebuild, sphinx = times
        print(f"run {number}/{args.runs}: clean {clean:.1f} s, no-change {rebuild:.2f} s, "
              f"no-change sphinx {sphinx:.1f} s")
    clean, rebuild, sphinx = (statistics.median(kind) for kind in zip(*runs))
    print(f"cores: {os.cpu_count()}, runs: {args.runs} (medians)")
    print(f"clean build (make book):          {clean:.1f} s")
    print(f"no-change rebuild (make book):    {rebuild:.2f} s ({100 * rebuild / clean:.1f}% of clean)")
    print(f"no-change jupyter-book build:     {sphinx:.1f} s ({100 * sphinx / clean:.0f}% of clean)")
    first = prints[0]
    same_pages = all(set(p) == set(first) for p in prints)
    same_bytes = sum(all(p.get(page, ("",))[0] == first[page][0] for p in prints) for page in first)
    same_text = sum(all(p.get(page, ("", ""))[1] == first[page][1] for p in prints) for page in first)
    print(f"determinism: {len(first)} pages, same set in every run: {same_pages}; "
          f"identical bytes: {same_bytes}/{len(first)}; identical text: {same_text}/{len(first)}")
    differing = sorted(page for page in first if any(p.get(page, ("",))[0] != first[page][0] for p in prints))
    if differing:
        print(f"pages whose bytes differ between runs: {', '.join(differing)}")


if __name__ == "__main__":
    main()
