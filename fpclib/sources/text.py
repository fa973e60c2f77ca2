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
    for marker in MARKER.finditer(raw):
        number = int(marker.group(1))
        if numbers is not None and number not in numbers:
            continue
        parts.append(raw[cursor:marker.start()])
        refs.append(number)
        positions.append(len(clean("".join(parts))))
        cursor = marker.end()
    parts.append(raw[cursor:])
    return clean("".join(parts)), tuple(refs), tuple(positions)


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
