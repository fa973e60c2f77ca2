# Build and check the compendium. On a fresh machine: `make book`, then `make test` (see README.md).
SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DELETE_ON_ERROR:
.ONESHELL:
.DEFAULT_GOAL := book

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
CHROMIUM ?= /usr/bin/chromium
# Notebook execution: book/_ext/prerun.py executes every notebook not in the jupyter cache (all of them on a fresh
# clone, as under CI) in two warm kernels, and the build reads the cache; BOOK_EXECUTE=force re-runs each in a kernel
# of its own during the build instead (slower; the cache is then neither read nor written).
BOOK_EXECUTE ?= cache
JUPYTER_CACHE := _build/.jupyter_cache
CACHE_KEY := _build/.cache-key
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
# Builds and tests run with the network off where the machine allows it (see .ci/offline).
OFFLINE := .ci/offline

.PHONY: book pages test browser bench clean distclean

# The virtual environment, created once and refreshed when the pins change.
$(INSTALLED): pyproject.toml constraints.txt
	[ -x $(BIN)/python ] || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --constraint constraints.txt --editable '.[book,test]'
	touch $@

# Everything a build reads; the book is rebuilt only when one of these is newer than the last build.
BOOK_INPUTS := _config.yml _toc.yml $(shell find book fpclib data -type f -not -path '*/__pycache__/*' -not -path 'book/_static/vega/*' 2>/dev/null)
BUILT := _build/.built
# The book's notebooks, executed two at a time into the jupyter cache before a local build (book/_ext/prerun.py).
NOTEBOOKS := $(shell find book -name '*.md' -not -path 'book/_*' | LC_ALL=C sort)

# Build the book into _build/html, warnings as errors. The jupyter cache keys only on a notebook's
# code, so it is cleared (with the parsed pages that hold its outputs) whenever the content of
# fpclib/ or data/ changes. A failed build forgets its parsed pages, so that the next build reports
# the same errors again instead of passing on a stale environment.
book: $(BUILT)

$(BUILT): $(INSTALLED) $(BOOK_INPUTS)
	mkdir -p _build
	key=$$(find fpclib data -type f -not -path '*/__pycache__/*' -print0 | LC_ALL=C sort -z | xargs -0 -r sha256sum | sha256sum | cut -c1-64)
	if [ "$$key" != "$$(cat $(CACHE_KEY) 2>/dev/null || true)" ]; then
	  echo "fpclib/ or data/ changed since the last build: notebooks will be re-executed"
	  rm -rf $(JUPYTER_CACHE) _build/.doctrees
	  echo "$$key" > $(CACHE_KEY)
	fi
	$(BIN)/python -m fpclib.book.pages --check
	if [ "$(BOOK_EXECUTE)" = cache ]; then $(OFFLINE) $(BIN)/python book/_ext/prerun.py $(JUPYTER_CACHE) $(NOTEBOOKS); fi
	FPC_BOOK_EXECUTE=$(BOOK_EXECUTE) $(OFFLINE) $(BIN)/jupyter-book build . -W --keep-going \
	  || { rm -rf _build/.doctrees; exit 1; }
	touch $@

# The report and translation chapters, rewritten from their templates (book/_templates/) and front matter
# (data/catalog/chapters.csv); `make book` refuses to build while one differs.
pages: $(INSTALLED)
	$(BIN)/python -m fpclib.book.pages

# Headless Chromium for the browser test (Debian's package; Playwright drives it, downloads nothing).
browser:
	[ -x $(CHROMIUM) ] || { $(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q chromium; }

# Everything CI checks: the book builds with warnings as errors (a failing cell fails it), then pytest runs the
# unit tests, the checks of the executed notebooks and of the built HTML, and the browser test. The browser test
# (Chromium) runs beside the rest (one Python process), each on a core; its report follows. Either failing fails
# the target, and so does pytest's exit 5 (no tests) in either.
test: book browser
	$(OFFLINE) $(BIN)/python -m pytest -p no:cacheprovider -m browser > _build/browser-tests.log 2>&1 &
	browser=$$!
	status=0
	$(OFFLINE) $(BIN)/python -m pytest -m "not browser" || status=$$?
	wait $$browser || status=$$?
	echo "--- browser tests (pytest -m browser):"
	cat _build/browser-tests.log
	exit $$status

bench: $(INSTALLED)
	$(BIN)/python benchmarks/bench_build.py

clean:
	rm -rf _build book/_static/vega .cache/fpclib .pytest_cache .hypothesis
	find . -name __pycache__ -type d -not -path './$(VENV)/*' -prune -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV) *.egg-info
