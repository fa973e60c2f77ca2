"""Every tuning constant of the aligner in one frozen object, passed down as ``params`` (as NLTK's
``gale_church.align_blocks`` takes ``params=``), so that a study of their effect needs no patching.

The defaults were tuned on the three Retreating Rights works and are what the book uses:

>>> DEFAULT.note_weight
6.0
>>> import dataclasses
>>> dataclasses.replace(DEFAULT, close_factor=1.5).close_factor
1.5
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field


def _beads() -> dict[tuple[int, int], float]:
    """The default bead shapes and their log-priors (see :attr:`Params.beads`)."""
    return {
        (1, 1): math.log(0.7), (1, 2): math.log(0.1), (1, 3): math.log(0.03), (1, 4): math.log(0.01),
        (1, 5): math.log(0.004), (1, 6): math.log(0.002), (2, 1): math.log(0.04), (3, 1): math.log(0.01),
        (2, 2): math.log(0.002), (1, 0): math.log(0.01), (0, 1): math.log(0.02),
    }


def _confidence() -> dict[str, float]:
    """The default confidence of a pair by its strongest evidence (see :attr:`Params.confidence`)."""
    return {"notes": 0.95, "repeats": 0.9, "numbers": 0.85, "names": 0.75, "structure": 0.7, "unaligned": 0.5}


@dataclass(frozen=True)
class Params:
    """Tuning constants of :func:`~fpclib.align.align`, :func:`~fpclib.align.align_notes` and
    :func:`~fpclib.align.compare_figures`; change one with :func:`dataclasses.replace`."""

    # Block alignment: beads and lengths ------------------------------------------------------------------------
    beads: Mapping[tuple[int, int], float] = field(default_factory=_beads)
    """Bead shapes (English blocks, translated blocks) and their prior log-probabilities, ties going to the
    earlier shape. These translators split long paragraphs far more often than Gale and Church's sentences were
    split, hence the generous 1-n priors. ``(0, 1)`` (a translated block alone) must be present."""
    length_variance: float = 12.0
    """Variance of the length difference per character (Gale and Church's s^2): the mean over beads anchored
    by endnotes in the three works is 7-14."""
    robust: float = 2.0
    """Standard deviations of length misfit beyond which the penalty grows linearly rather than quadratically."""

    # Block alignment: anchors ----------------------------------------------------------------------------------
    note_weight: float = 6.0
    """Reward for each endnote an English block shares (by source) with a translated block."""
    number_weight: float = 3.0
    """Reward for a shared number written in digits, divided by how many blocks on either side hold it."""
    name_weight: float = 1.5
    """Reward for a shared Latin-script name, divided by how many blocks on either side hold it."""
    repeat_weight: float = 4.0
    """Reward for a block pair repeating a pair of another part of the work."""
    repeat_likeness: float = 0.8
    """How alike (Jaccard similarity of their words) a repeated text must be to the one it repeats."""
    max_anchor_blocks: int = 3
    """Numbers or names in more blocks than this on either side are too common to anchor anything."""

    # Block alignment: structure --------------------------------------------------------------------------------
    title_weight: float = 2.0
    """Reward for titles on both sides of a bead (and the unit of the structure penalties)."""
    title_ride: float = 0.5
    """Factor on a bead's prior for carrying a leading English title along with the run after it."""
    list_weight: float = 1.0
    """Reward for a 1-1 pair of list items (three times as much for two openings of lists); penalty for a list
    item paired with anything else, and (twice) for each side of a bead holding several list items."""
    title_length: int = 40
    """A paragraph this short and without a final full stop is a title the parser did not mark as a heading."""

    # Block alignment: confidence -------------------------------------------------------------------------------
    confidence: Mapping[str, float] = field(default_factory=_confidence)
    """Confidence of a pair by the strongest evidence behind it (anchors, ``structure``, ``unaligned``)."""
    length_base: float = 0.3
    """Confidence of a pair resting on length alone, before the terms below."""
    length_fit_weight: float = 0.4
    """Confidence added for a perfect length fit (times the likelihood of the bead's length ratio)."""
    length_anchored: float = 0.15
    """Confidence added to a length pair when another pair of the same bead is anchored."""
    length_uneven: float = 0.9
    """Factor on the confidence of a length pair in a bead that is not 1-1."""

    # Endnotes --------------------------------------------------------------------------------------------------
    note_gap: float = -1.0
    """Score of an endnote left unpaired on either side (the gap of the Needleman-Wunsch alignment)."""
    note_url_match: float = 3.0
    """Score of two endnotes sharing a URL."""
    note_url_mismatch: float = -0.5
    """Score of two endnotes of which either has URLs and they share none."""
    note_text_base: float = 0.5
    """Score of two endnotes without URLs, before the words they share."""
    note_text_weight: float = 2.0
    """Score added to :attr:`note_text_base` for two notes without URLs, times the Jaccard similarity of their
    words (an untranslated "Ibid." or book title)."""

    # Figures ---------------------------------------------------------------------------------------------------
    close_factor: float = 2.0
    """Numbers within this factor of each other are close enough for a restatement to count as ``changed``."""
    context: int = 40
    """Characters of context either side of a number in the rows of ``compare_figures``."""


#: The parameters the book uses.
DEFAULT = Params()
