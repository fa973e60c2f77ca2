"""Counting the list that follows a claim: "the seven principles are:" against the items printed after it.

The rule (one for every report): the list is the run of ``list_item`` blocks that starts at the block right after
the claim's block (or after the block a relation names) in the same publication. A single block that is not a list
item, between two items, is a gloss of the item before it (a paragraph explaining a test) and does not end the
list; a heading, two such blocks in a row, an item shallower than the first, or the end of the publication does.
Items nested deeper than the first are sub-items and are not counted.

A list written inline in the claim's own block (``items:inline``: "eight categories: lawyers, journalists, …")
is the first one, from the start of the quote, that opens at a colon, an opening bracket or a dash followed by a
space and has two items or more; it closes at the matching bracket, or else at the end of the sentence. Where it
has semicolons outside brackets they separate its items; else commas do, the last "and" or "or" outside brackets
separates the last two items, and what follows the last item (", which was …") is not one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import pandas as pd

from fpclib.claims.verdict import Verdict
from fpclib.errors import RegistryError


def list_items(following: Sequence[tuple[str, int]]) -> list[int]:
    """The positions, in ``following`` (the ``(kind, level)`` of each block after the anchor, in reading order),
    of the items of the list that starts right after it (see the module docs for the rule).

    >>> list_items([("list_item", 1), ("list_item", 1), ("paragraph", 0), ("list_item", 1)])
    [0, 1, 3]
    >>> list_items([("list_item", 1), ("list_item", 2), ("list_item", 1), ("paragraph", 0), ("paragraph", 0),
    ...             ("list_item", 1)])
    [0, 2]
    >>> list_items([("paragraph", 0), ("list_item", 1)])
    []
    >>> list_items([("list_item", 1), ("heading", 2), ("list_item", 1)])
    [0]
    """
    if not following or following[0][0] != "list_item":
        return []
    top = following[0][1]
    items: list[int] = []
    gloss = False
    for position, (kind, level) in enumerate(following):
        if (kind == "list_item" and level < top) or kind == "heading":
            break
        if kind != "list_item":
            if gloss:
                break
            gloss = True
            continue
        gloss = False
        if level == top:
            items.append(position)
    return items


#: Where an inline list opens: a colon, an opening bracket or a spaced dash.
_OPENS = re.compile(r":|\(|\s?[-–—]\s")


def _outside(text: str) -> list[bool]:
    """Per character of ``text``, whether it stands outside brackets and outside a quotation (‘…’; a ’ with no
    quotation open is an apostrophe).

    >>> "".join("x" if out else "." for out in _outside("a (b) ‘c’ People’s"))
    'xx...x...xxxxxxxxx'
    """
    flags, depth, quoted = [], 0, False
    for char in text:
        if char == "(":
            depth += 1
        elif char == "‘":
            quoted = True
        flags.append(depth == 0 and not quoted)
        if char == ")":
            depth -= 1
        elif char == "’":
            quoted = False
    return flags


def _top_level(text: str, separator: str) -> list[str]:
    """``text`` split at ``separator`` where it stands outside brackets and quotations (a closing bracket is
    taken as outside the bracket it closes).

    >>> _top_level("a (b; c); ‘d; e’; f", ";")
    ['a (b; c)', ' ‘d; e’', ' f']
    >>> _top_level("(x (y) z) w", ")")
    ['(x (y) z', ' w']
    """
    pieces, start, depth = [], 0, 0
    outside = _outside(text)
    for position, char in enumerate(text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        top = depth == 0 if separator == ")" else outside[position]
        if char == separator and top:
            pieces.append(text[start:position])
            start = position + 1
    return [*pieces, text[start:]]


def _last_two(text: str) -> list[str]:
    """The last piece of a list split at its last "and" or "or" outside brackets and quotations.

    >>> _last_two("stakeholders at home and abroad and Collaboration")
    ['stakeholders at home and abroad', 'Collaboration']
    >>> _last_two("Modernisation (reform and openness)")
    ['Modernisation (reform and openness)']
    >>> _last_two("the Migrants and the People’s Movement ‘Reforms and Development’")
    ['the Migrants', 'the People’s Movement ‘Reforms and Development’']
    """
    outside = _outside(text)
    cuts = [found for found in re.finditer(r"\s(?:and|or)\s", text) if outside[found.start()]]
    return [text] if not cuts else [text[:cuts[-1].start()], text[cuts[-1].end():]]


def _and(piece: str) -> bool:
    """Whether a list's piece begins with "and" or "or" (the last item after a serial comma or semicolon)."""
    return re.match(r"\s*(?:and|or)\s", piece) is not None


def _split(body: str) -> list[str]:
    """The items of one list's text (see the module docs)."""
    if len(_top_level(body, ";")) > 1:
        pieces = _top_level(body, ";")
    else:
        pieces = _top_level(body, ",")
        last = max((n for n, piece in enumerate(pieces) if _and(piece) or len(_last_two(piece)) > 1), default=None)
        if last is not None:
            pieces = pieces[:last + 1]
            if not _and(pieces[-1]):
                pieces = [*pieces[:-1], *_last_two(pieces[-1])]
    items = [re.sub(r"^(?:and|or)\s+", "", piece.strip()) for piece in pieces]
    return [item for item in items if item] if len(items) > 1 else []


def inline_items(text: str) -> list[str]:
    """The items of the first list that opens in ``text`` (a claim's quote and what follows it), by the module's
    rule.

    >>> inline_items("eight defenders: lawyers, journalists, trade unions, and public figures. Each of them")
    ['lawyers', 'journalists', 'trade unions', 'public figures']
    >>> inline_items("principles (Selflessness, Integrity and Leadership), except where")
    ['Selflessness', 'Integrity', 'Leadership']
    >>> inline_items("as: Personality (leaders, elites); Protectionism (wealth); and Modernisation (reform and change)")
    ['Personality (leaders, elites)', 'Protectionism (wealth)', 'Modernisation (reform and change)']
    >>> inline_items("four ‘Cs’- a Culture of openness, Coherence, Cooperation at home and abroad and Collaboration;")
    ['a Culture of openness', 'Coherence', 'Cooperation at home and abroad', 'Collaboration']
    >>> inline_items("seven challenges: Girls' education; Science, research; and Trade and economic development.")
    ["Girls' education", 'Science, research', 'Trade and economic development']
    >>> inline_items("three hordes (Juz) would emerge: the Senior, the Middle and the Junior Horde (Kishi juz).")
    ['the Senior', 'the Middle', 'the Junior Horde (Kishi juz)']
    >>> inline_items("sectors: Education, Rule of Law and Rural Development’, which was supplemented by a package.")
    ['Education', 'Rule of Law', 'Rural Development’']
    >>> inline_items("with no list.")
    []
    """
    for opened in _OPENS.finditer(text):
        rest = text[opened.end():]
        if opened.group() == "(":
            body = _top_level(f"({rest}", ")")[0][1:] if ")" in rest else ""
        else:
            body = re.split(r"\.(?:\s|$)", rest, maxsplit=1)[0]
        items = _split(body.strip().rstrip(";:,"))
        if items:
            return items
    return []


def _span(seqs: list[int]) -> str:
    """Block numbers as runs: ``57-63`` or ``5, 7, 9``.

    >>> _span([4, 5, 6]), _span([57, 59, 61, 63]), _span([3])
    ('4-6', '57, 59, 61, 63', '3')
    """
    if len(seqs) > 1 and seqs == list(range(seqs[0], seqs[-1] + 1)):
        return f"{seqs[0]}-{seqs[-1]}"
    return ", ".join(str(s) for s in seqs)


def count_items(claim: Any, argument: str, blocks: pd.DataFrame | None) -> Verdict:
    """``items[:<block_id>]``: the claim's count against the items of the list that follows its block (or the
    block named), naming the blocks counted. A named block that is not in the claim's publication is a
    :class:`~fpclib.errors.RegistryError`."""
    if blocks is None:
        return Verdict("unverifiable", "the corpus's blocks were not given to the check")
    if argument == "inline":
        return _count_inline(claim, blocks)
    anchor = argument or claim.block_id
    own = blocks[blocks["pub_id"] == claim.pub_id].sort_values("seq")
    ids = own["block_id"].tolist()
    if anchor not in ids:
        raise RegistryError(f"{claim.claim_id}: items:{argument}: expected a block of {claim.pub_id} "
                            f"such as {ids[0] if ids else claim.pub_id + '.1'}")
    start = ids.index(anchor) + 1
    after = own.iloc[start:]
    found = [int(after["seq"].iloc[p]) for p in list_items(list(zip(after["kind"], after["level"])))]
    if not found:
        return Verdict("discrepancy", f"no list follows {anchor}, yet the text counts {claim.value:g}")
    where = f"the list that follows {anchor}, blocks {_span(found)} of {claim.pub_id}"
    ok = len(found) == claim.value
    said = "" if ok else f", the text says {claim.value:g}"
    return Verdict("consistent" if ok else "discrepancy",
                   f"{where}, has {len(found)} items{said}")


def _count_inline(claim: Any, blocks: pd.DataFrame) -> Verdict:
    """``items:inline``: the claim's count against the list written right after its quote in its own block."""
    text = blocks.loc[blocks["block_id"] == claim.block_id, "text"]
    if text.empty or claim.quote not in text.iloc[0]:
        raise RegistryError(f"{claim.claim_id}: items:inline: expected the quote in a block of {claim.pub_id}, "
                            "not in an endnote")
    found = inline_items(text.iloc[0][text.iloc[0].index(claim.quote):])
    if not found:
        return Verdict("discrepancy", f"no list follows the quote in {claim.block_id}, yet the text counts "
                                      f"{claim.value:g}")
    ok = len(found) == claim.value
    said = "" if ok else f", the text says {claim.value:g}"
    shown = "; ".join(item[:40] for item in found)
    return Verdict("consistent" if ok else "discrepancy",
                   f"the list that follows the quote in {claim.block_id} has {len(found)} items ({shown}){said}")
