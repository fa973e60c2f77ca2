"""Whitespace normalisation shared by the parsers, with a map back to raw offsets."""

from __future__ import annotations

import re

_SPACE = re.compile(r"\s+")


def clean(text: str) -> str:
    """Collapse every run of whitespace (no-break spaces and newlines included) to one space, and strip."""
    return _SPACE.sub(" ", text).strip()


def normalise_with_map(text: str) -> tuple[str, list[int]]:
    """``clean(text)`` together with, for each of its characters, the offset of that character in ``text``."""
    out: list[str] = []
    positions: list[int] = []
    pending = False
    for offset, char in enumerate(text):
        if char.isspace():
            pending = bool(out)
            continue
        if pending:
            out.append(" ")
            positions.append(offset - 1)
            pending = False
        out.append(char)
        positions.append(offset)
    return "".join(out), positions
