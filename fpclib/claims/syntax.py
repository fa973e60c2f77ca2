"""The syntax of the registry's ``relation`` column: ``kind:argument`` pairs separated by ``;``."""

from __future__ import annotations


def relations(relation: str) -> list[tuple[str, str]]:
    """A ``relation`` cell as ``(kind, argument)`` pairs.

    >>> relations("total:a;fiw:Kyrgyzstan:pr")
    [('total', 'a'), ('fiw', 'Kyrgyzstan:pr')]
    >>> relations("")
    []
    """
    parts = [part.strip() for part in (relation or "").split(";") if part.strip()]
    return [(kind, argument) for kind, _, argument in (part.partition(":") for part in parts)]
