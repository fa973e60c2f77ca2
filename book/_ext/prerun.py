"""Execute the book's notebooks two at a time into the jupyter cache that myst-nb reads.

myst-nb executes one notebook after another; on a machine with two cores a clean local build therefore spends
half its time waiting. ``make book`` runs this first in ``cache`` mode: every notebook whose code is not cached
yet is executed (in its own folder, as myst-nb would) by jupyter-cache's parallel executor, and the build then
finds each one cached. A notebook that fails here is simply not cached: the build executes it again and reports
the error in full. Usage: ``python book/_ext/prerun.py CACHE_DIR NOTEBOOK...``.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from jupyter_cache import get_cache
from jupyter_cache.executors import load_executor

TIMEOUT = 600


def main(cache_dir: str, notebooks: list[str]) -> int:
    cache = get_cache(cache_dir)
    wanted = {str(Path(nb).resolve()) for nb in notebooks}
    for record in cache.list_project_records():
        if record.uri not in wanted:
            cache.remove_nb_from_project(record.uri)
    for uri in sorted(wanted):
        cache.add_nb_to_project(uri, read_data={"name": "jupytext", "type": "plugin"})
    logging.basicConfig(level=logging.WARNING, format="prerun: %(message)s")
    result = load_executor("local-parallel", cache=cache, logger=logging.getLogger("prerun")).run_and_cache(
        timeout=TIMEOUT, allow_errors=False
    )
    print(f"prerun: executed {len(result.succeeded)} notebook(s) in parallel, {len(result.errored)} left to the build")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2:]))
