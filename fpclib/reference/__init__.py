"""Public reference data with provenance: Freedom House loaders (checked against their manifest) and look-ups,
and :mod:`fpclib.reference.datasets`, the catalogue of other publishers' datasets (TI, RSF, World Bank, CIA
Factbook, ONS, COVID-19) read through ``data/reference/datasets.csv``.

Files live in ``data/reference`` with a ``MANIFEST.csv`` of sizes and sums; every loader checks the bytes it
parses, so a changed file fails loudly instead of shifting a figure. Freedom House data carry no open licence:
every page that shows them prints :func:`citation`.
"""

from fpclib.errors import ReferenceDataError, ReferenceLookupError
from fpclib.reference.loaders import (
    ATTRIBUTION,
    FIW_FILE,
    FIW_INDICATORS_FILE,
    MANIFEST,
    NIT_EXTRA_FILE,
    NIT_FILE,
    PUBLICATIONS_FILE,
    REPORTS,
    STATUS_NAMES,
    STATUSES,
    Change,
    Kind,
    Rank,
    Scope,
    Tie,
    load_fiw,
    load_fiw_indicators,
    load_nit,
    load_nit_figures,
    load_publications,
    read_manifest,
    verify_manifest,
)
from fpclib.reference.lookups import (
    canonical_country,
    changes,
    citation,
    covers_year,
    edition_for,
    fiw_long,
    lookup,
    rank,
    status_changes,
    status_counts,
)

__all__ = [
    "ATTRIBUTION", "FIW_FILE", "FIW_INDICATORS_FILE", "MANIFEST", "NIT_EXTRA_FILE", "NIT_FILE", "PUBLICATIONS_FILE",
    "REPORTS", "STATUSES", "STATUS_NAMES", "Change", "Kind", "Rank", "ReferenceDataError", "ReferenceLookupError",
    "Scope", "Tie", "canonical_country", "changes", "citation", "covers_year", "edition_for", "fiw_long",
    "load_fiw", "load_fiw_indicators", "load_nit", "load_nit_figures", "load_publications", "lookup", "rank",
    "read_manifest", "status_changes", "status_counts", "verify_manifest",
]
