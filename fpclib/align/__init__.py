"""Translations against their English originals: blocks, endnotes and figures paired, and coverage.

Three Retreating Rights reports were republished in Kazakh, Russian and Kyrgyz, part by part. One module per
job: :mod:`~fpclib.align.blocks` (:func:`align`, Gale-Church style, and :func:`coverage`),
:mod:`~fpclib.align.notes` (:func:`align_notes`) and :mod:`~fpclib.align.figures` (:func:`compare_figures`);
:mod:`~fpclib.align.common` holds what they share, and every tuning constant is a field of :class:`Params`
(``params=``, by default :data:`DEFAULT`).
"""

from fpclib.align.blocks import align, coverage
from fpclib.align.common import ALIGN_COLUMNS, COVERAGE_COLUMNS, FIGURE_COLUMNS, NOTE_COLUMNS, PartPair, part_pairs
from fpclib.align.figures import compare_figures
from fpclib.align.notes import align_notes
from fpclib.align.params import DEFAULT, Params

__all__ = ["ALIGN_COLUMNS", "COVERAGE_COLUMNS", "DEFAULT", "FIGURE_COLUMNS", "NOTE_COLUMNS", "Params", "PartPair",
           "align", "align_notes", "compare_figures", "coverage", "part_pairs"]
