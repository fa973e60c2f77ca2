"""Time ``load_corpus()`` in a fresh process against ``python -c "import pandas"``, and parsing the dump alone.

Run: ``.venv/bin/python benchmarks/bench_load.py [--runs N]``. Prints medians (seconds) and their ratio.
The first load parses and fills the cache (Arrow tables, see ``fpclib.corpus.cache``); the timed runs read the
cache, as a researcher's runs do, each right after one ``import pandas`` run.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

LOAD = "from fpclib import load_corpus; load_corpus()"
PANDAS = "import pandas"
PARSE = """
import time
from fpclib.sources import parse_file
from fpclib.paths import raw_dir
start = time.perf_counter()
parse_file(raw_dir() / 'fpc-author-adam-hug.printr.txt')
print(time.perf_counter() - start)
"""


def wall(code: str) -> float:
    """Seconds for a fresh interpreter to run ``code``."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    wall(LOAD)
    pairs = [(wall(PANDAS), wall(LOAD)) for _ in range(runs)]  # interleaved, so that load on the machine hits both
    pandas = statistics.median(p for p, _ in pairs)
    load = statistics.median(lo for _, lo in pairs)
    parse = statistics.median(
        float(subprocess.run([sys.executable, "-c", PARSE], check=True, capture_output=True, text=True).stdout)
        for _ in range(runs)
    )
    print(f"import pandas           median {pandas:.3f} s  ({runs} runs)")
    print(f"load_corpus() (cached)  median {load:.3f} s  = {load / pandas:.2f} x import pandas")
    print(f"parse the dump alone    median {parse:.3f} s")


if __name__ == "__main__":
    main()
