"""Whitespace normalisation and footnote markers, shared by the parsers."""

from __future__ import annotations

import re
from collections.abc import Container

#: A footnote marker as the captures print it: ``[12]``.
MARKER = re.compile(r"\[(\d{1,3})\]")


def clean(text: str) -> str:
    """Collapse every run of whitespace (no-break spaces and newlines included) to one space, and strip."""
    return " ".join(text.split())


def clean_marked(raw: str, numbers: Container[int] | None = None) -> tuple[str, tuple[int, ...], tuple[int, ...]]:
    """Clean ``raw`` and take its footnote markers out: ``(text, note_refs, note_positions)``.

    A marker counts if its number is in ``numbers`` (every marker when None); ``note_positions`` gives, for each
    reference, the offset in the clean text where its marker stood, so a reference can be traced to its sentence.
    """
    parts: list[str] = []
    refs: list[int] = []
    positions: list[int] = []
    cursor = 0
    length = _CleanLength()
    for marker in MARKER.finditer(raw):
        number = int(marker.group(1))
        if numbers is not None and number not in numbers:
            continue
        parts.append(raw[cursor:marker.start()])
        refs.append(number)
        positions.append(length.add(parts[-1]))
        cursor = marker.end()
    parts.append(raw[cursor:])
    return clean("".join(parts)), tuple(refs), tuple(positions)


class _CleanLength:
    """The length of ``clean(a + b + …)`` kept up to date as pieces are added, without re-cleaning the prefix.

    >>> counter = _CleanLength()
    >>> [counter.add(piece) for piece in (" One", " two", "s ", "  ", "three ")]  # "One twos three"
    [3, 7, 8, 8, 14]
    """

    def __init__(self) -> None:
        self.chars = 0
        self.words = 0
        self.open = False

    def add(self, piece: str) -> int:
        """Add ``piece``; return the clean length of everything added so far."""
        words = piece.split()
        if words:
            joined = self.open and not piece[0].isspace()
            self.chars += sum(map(len, words))
            self.words += len(words) - joined
        if piece:
            self.open = not piece[-1].isspace() and self.words > 0
        return self.chars + max(self.words - 1, 0)


def marked_pieces(text: str, refs: tuple[int, ...], positions: tuple[int, ...]) -> list[tuple[str, int | None]]:
    """``text`` cut where each footnote marker stood: ``(segment, note number)`` pairs, the last number None.

    The one place that puts markers back, for the Markdown of ``fpc show`` and the HTML of the book.

    >>> marked_pieces("One. Two.", (1, 2), (4, 9))
    [('One.', 1), (' Two.', 2), ('', None)]
    """
    pieces: list[tuple[str, int | None]] = []
    cursor = 0
    for number, position in sorted(zip(refs, positions), key=lambda pair: pair[1]):
        pieces.append((text[cursor:position], number))
        cursor = position
    pieces.append((text[cursor:], None))
    return pieces
