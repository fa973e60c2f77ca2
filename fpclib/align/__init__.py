"""Translations against their English originals: blocks, endnotes and figures paired, and coverage."""

from fpclib.align.blocks import (
    ALIGN_COLUMNS,
    COVERAGE_COLUMNS,
    FIGURE_COLUMNS,
    NOTE_COLUMNS,
    PartPair,
    align,
    align_notes,
    compare_figures,
    coverage,
    part_pairs,
)

__all__ = ["ALIGN_COLUMNS", "COVERAGE_COLUMNS", "FIGURE_COLUMNS", "NOTE_COLUMNS", "PartPair", "align", "align_notes",
           "compare_figures", "coverage", "part_pairs"]
