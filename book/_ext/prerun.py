"""Execute the book's notebooks into the jupyter cache that myst-nb reads: two warm kernels, each many notebooks.

myst-nb starts one kernel per notebook and runs them one after another. Every kernel pays the same start-up
(Python, pandas, altair, fpclib, the corpus, the checked claims, vl-convert's JavaScript engine): about two
seconds a notebook, most of a clean build. ``make book`` runs this first instead: each notebook whose code is
not cached yet is executed by one of ``WORKERS`` processes, each driving one kernel for all its notebooks. Before
each notebook the kernel's namespace is emptied (``%reset -f``) and its working directory set to the notebook's
folder, as myst-nb would; only imported modules (and what they cache) carry over. The build then finds every
notebook cached. A notebook that fails here is not cached: the build executes it again in a fresh kernel of its
own and reports the error in full (``raise_on_error``), so a failing cell still fails the build.

Usage: ``python book/_ext/prerun.py CACHE_DIR NOTEBOOK...``; with ``FPC_PRERUN_VERBOSE=1`` it prints the time of
each notebook, and a failing cell's traceback in full. To execute one notebook and see its errors:
``FPC_PRERUN_VERBOSE=1 python book/_ext/prerun.py /tmp/one-cache book/corpus.md``.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import queue
import sys
import time
from pathlib import Path
from typing import Any

from jupyter_cache import get_cache
from jupyter_cache.base import CacheBundleIn
from nbclient import NotebookClient
from nbformat import NotebookNode

TIMEOUT = 600
WORKERS = 2
READER = {"name": "jupytext", "type": "plugin"}
TIMES = ".prerun-times.json"  # beside the cache (which the Makefile clears): seconds each notebook took last
RESET = "get_ipython().run_line_magic('reset', '-f')\nimport os as _os\n_os.chdir({cwd!r})\ndel _os"


class Kernel:
    """One kernel that executes notebook after notebook, from an empty namespace each time."""

    def __init__(self, kernel_name: str) -> None:
        self.kernel_name = kernel_name
        self.client: NotebookClient | None = None

    def _start(self, nb: NotebookNode, cwd: str) -> NotebookClient:
        client = NotebookClient(nb, timeout=TIMEOUT, kernel_name=self.kernel_name, allow_errors=False,
                                record_timing=False, resources={"metadata": {"path": cwd}})
        client.km = client.create_kernel_manager()
        client.start_new_kernel(cwd=cwd)
        client.start_new_kernel_client()
        client.owns_km = False  # keep the kernel between notebooks: execute() must not shut it down
        return client

    def run(self, nb: NotebookNode, cwd: str) -> NotebookNode:
        """Execute ``nb`` in place (raising the first cell error), as if in a fresh kernel started in ``cwd``."""
        client = self.client = self.client or self._start(nb, cwd)
        assert client.kc is not None
        reply = client.wait_for_reply(client.kc.execute(RESET.format(cwd=cwd), silent=True, store_history=False))
        if reply is None or reply["content"]["status"] != "ok":
            raise RuntimeError(f"could not reset the kernel for {cwd}")
        client.nb, client.resources = nb, {"metadata": {"path": cwd}}
        return client.execute()

    def stop(self) -> None:
        """Shut the kernel down (a failed notebook stops it, so the next one starts a fresh kernel)."""
        if self.client is not None and self.client.km is not None:
            self.client._cleanup_kernel()
        self.client = None


def worker(tasks: Any, results: Any) -> None:
    """Take ``(uri, notebook)`` tasks until ``None``; put ``(uri, executed notebook or None, seconds, error)``."""
    kernels: dict[str, Kernel] = {}
    try:
        while (task := tasks.get()) is not None:
            uri, nb = task
            kernel = kernels.setdefault(nb.metadata["kernelspec"]["name"], Kernel(nb.metadata["kernelspec"]["name"]))
            start = time.perf_counter()
            try:
                executed = kernel.run(nb, str(Path(uri).parent))
            except Exception as error:  # any failure: leave this notebook to the build, which reports it in full
                kernel.stop()
                message = f"{type(error).__name__}: {error}"
                results.put((uri, None, time.perf_counter() - start,
                             message if os.environ.get("FPC_PRERUN_VERBOSE") else message[:300]))
            else:
                results.put((uri, executed, time.perf_counter() - start, ""))
    finally:
        for kernel in kernels.values():
            kernel.stop()


def next_result(results: Any, processes: list[Any]) -> tuple[str, NotebookNode | None, float, str]:
    """The next result of a worker; ``queue.Empty`` once every worker has exited with nothing left to report."""
    while True:
        try:
            return results.get(timeout=1)
        except queue.Empty:
            if not any(process.is_alive() for process in processes):
                raise


def main(cache_dir: str, notebooks: list[str]) -> int:
    cache = get_cache(cache_dir)
    wanted = {str(Path(nb).resolve()) for nb in notebooks}
    for record in cache.list_project_records():
        if record.uri not in wanted:
            cache.remove_nb_from_project(record.uri)
    for uri in sorted(wanted):
        cache.add_nb_to_project(uri, read_data=READER)
    # A page without a kernelspec is plain Markdown to myst-nb, which executes nothing of it.
    pending = [(record.uri, nb) for record in cache.list_unexecuted()
               if "kernelspec" in (nb := cache.get_project_notebook(record.uri).nb).metadata]
    # The slowest notebooks of the last run first (new ones before all), so no worker is left with a long one at
    # the end.
    times_file = Path(cache_dir).parent / TIMES
    try:
        last = json.loads(times_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        last = {}
    pending.sort(key=lambda task: -last.get(os.path.relpath(task[0]), float("inf")))
    start = time.perf_counter()
    executed_count = 0
    if pending:
        context = multiprocessing.get_context("spawn")
        tasks, results = context.Queue(), context.Queue()
        for task in pending:
            tasks.put(task)
        processes = [context.Process(target=worker, args=(tasks, results)) for _ in range(min(WORKERS, len(pending)))]
        for process in processes:
            tasks.put(None)
            process.start()
        for _ in pending:
            try:
                uri, executed, seconds, error = next_result(results, processes)
            except queue.Empty:
                break
            if executed is None:
                print(f"prerun: {os.path.relpath(uri)}: {error} (left to the build)", file=sys.stderr)
                continue
            last[os.path.relpath(uri)] = round(seconds, 2)
            if os.environ.get("FPC_PRERUN_VERBOSE"):
                print(f"prerun: {os.path.relpath(uri)} {seconds:.2f} s", file=sys.stderr)
            cache.cache_notebook_bundle(CacheBundleIn(executed, uri, data={"execution_seconds": seconds}),
                                        check_validity=False, overwrite=True)
            executed_count += 1
        for process in processes:
            process.join(timeout=10)
            if process.is_alive():
                process.terminate()
        times_file.write_text(json.dumps(last, indent=0, sort_keys=True), encoding="utf-8")
    print(f"prerun: executed {executed_count} notebook(s) in {time.perf_counter() - start:.1f} s, "
          f"{len(pending) - executed_count} left to the build")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2:]))
