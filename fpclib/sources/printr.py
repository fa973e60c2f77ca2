"""Parse the PHP ``print_r`` dump of WordPress ``WP_Post`` objects on the FPC author page.

The dump's own syntax is ambiguous (post bodies contain ``[12]``, ``=>`` and brackets), so the parser relies on
the fixed key order of ``WP_Post`` and fails loudly, naming the position, as soon as that shape breaks: a key
missing, renamed, out of order or cut off by the end of the file, a post index out of sequence, a duplicate post
ID, or a number or date field that is not one. Values are returned as ranges of the decoded text (see
:func:`fpclib.sources.decode`); the post bodies are structured by :mod:`fpclib.structure`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import NoReturn

from fpclib.errors import SourceError
from fpclib.sources.model import Span

#: The keys of a WordPress ``WP_Post`` object, in the order ``print_r`` writes them.
WP_POST_KEYS: tuple[str, ...] = (
    "ID", "post_author", "post_date", "post_date_gmt", "post_content", "post_title", "post_excerpt",
    "post_status", "comment_status", "ping_status", "post_password", "post_name", "to_ping", "pinged",
    "post_modified", "post_modified_gmt", "post_content_filtered", "post_parent", "guid", "menu_order",
    "post_type", "post_mime_type", "comment_count", "filter",
)

#: Keys whose values may run over several lines.
MULTILINE_KEYS = frozenset({"post_content"})

#: What the one-line values of some keys must look like, and how to say so.
_DIGITS = (re.compile(r"\d+"), "a whole number")
_DATETIME = (re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}"), "a date and time YYYY-MM-DD HH:MM:SS")
VALUE_FORMS: dict[str, tuple[re.Pattern[str], str]] = {
    "ID": (re.compile(r"[1-9]\d*"), "a post number"), "post_author": _DIGITS, "post_parent": _DIGITS,
    "menu_order": (re.compile(r"-?\d+"), "a whole number"), "comment_count": _DIGITS,
    "post_date": _DATETIME, "post_date_gmt": _DATETIME, "post_modified": _DATETIME, "post_modified_gmt": _DATETIME,
}

_ARRAY_OPEN = re.compile(r"^Array \(", re.MULTILINE)
_OBJECT_OPEN = re.compile(r"\s*\[(\d+)\] => WP_Post Object \(")
_ANY_KEY = re.compile(r"\s*\[(\w+)\] =>")
_KEY_SHAPE = re.compile(r"\[(\w+)\] =>")
_CLOSE = re.compile(r"\s*\)")
_KNOWN_KEY = re.compile(r"\[(?:" + "|".join(WP_POST_KEYS) + r")\] =>")


@dataclass(frozen=True, slots=True)
class RawPost:
    """One ``WP_Post`` object: each key's value as a ``(start, end)`` range of the decoded file."""

    index: int
    fields: dict[str, tuple[int, int]]
    start: int
    end: int

    def value(self, text: str, key: str) -> str:
        """The value of ``key`` as it stands in ``text``."""
        start, end = self.fields[key]
        return text[start:end]


@dataclass(frozen=True, slots=True)
class RawDump:
    """The posts of a dump and the spans of its syntax, metadata and surrounding page chrome."""

    posts: tuple[RawPost, ...]
    spans: tuple[Span, ...]


def looks_like_printr(text: str) -> bool:
    """True if ``text`` holds a flattened ``print_r`` dump: a line starting ``Array (``."""
    return _ARRAY_OPEN.search(text) is not None


def parse_printr(text: str, name: str) -> RawDump:
    """Parse every ``WP_Post`` of the dump in ``text`` (the decoded file ``name``)."""
    opening = _ARRAY_OPEN.search(text)
    if opening is None:
        raise SourceError.at(name, text, 0, "expected a line starting 'Array (' that opens the WP_Post dump")
    spans = [Span(0, opening.start(), "chrome", "page-header"), Span(opening.start(), opening.end(), "syntax")]
    posts: list[RawPost] = []
    seen_ids: dict[str, int] = {}
    pos = opening.end()
    while (head := _OBJECT_OPEN.match(text, pos)) is not None:
        if int(head.group(1)) != len(posts):
            raise SourceError.at(
                name, text, head.start(1) - 1, f"expected post index [{len(posts)}], found [{head.group(1)}]"
            )
        spans.append(Span(head.start(1) - 1, head.end(), "syntax"))
        post, post_spans, pos = _parse_post(text, name, len(posts), head.end())
        post_id = post.value(text, "ID")
        if post_id in seen_ids:
            raise SourceError.at(
                name, text, post.fields["ID"][0],
                f"duplicate post ID {post_id} (first seen in post [{seen_ids[post_id]}]); expected unique IDs",
            )
        seen_ids[post_id] = post.index
        posts.append(post)
        spans.extend(post_spans)
    closing = _CLOSE.match(text, pos)
    if closing is None:
        where, what = _found(text, pos, f"[{len(posts)}] => WP_Post Object (")
        raise SourceError.at(
            name, text, where, f"expected '[{len(posts)}] => WP_Post Object (' or ')' closing the array, found {what}"
        )
    if not posts:
        raise SourceError.at(name, text, closing.end() - 1, "expected at least one WP_Post object in the array")
    spans.append(Span(closing.end() - 1, closing.end(), "syntax"))
    spans.append(Span(closing.end(), len(text), "chrome", "page-footer"))
    return RawDump(tuple(posts), tuple(spans))


def _parse_post(text: str, name: str, index: int, pos: int) -> tuple[RawPost, list[Span], int]:
    """Parse the keys of one ``WP_Post`` starting at ``pos``; return it, its spans and where it ends."""
    start = pos
    bound = _find_object(text, index + 1, pos)
    fields: dict[str, tuple[int, int]] = {}
    spans: list[Span] = []
    for number, key in enumerate(WP_POST_KEYS):
        found = _ANY_KEY.match(text, pos)
        if found is None or found.group(1) != key:
            if found is None:
                where, what = _found(text, pos, f"[{key}] =>")
            else:
                where, what = found.start(1) - 1, f"'[{found.group(1)}] =>'"
            raise SourceError.at(
                name, text, where,
                f"post [{index}]: expected '[{key}] =>' (WP_Post key {number + 1} of {len(WP_POST_KEYS)}), found {what}",
            )
        spans.append(Span(found.start(1) - 1, found.end(), "syntax"))
        value_start = found.end() + 1 if text.startswith(" ", found.end()) else found.end()
        value_end = _value_end(text, name, index, key, number, value_start, bound)
        _check_form(text, name, index, key, value_start, value_end)
        fields[key] = (value_start, value_end)
        if key != "post_content" and value_end > value_start:
            spans.append(Span(value_start, value_end, "metadata", key))
        pos = value_end
    closing = _CLOSE.match(text, pos)
    if closing is None:
        where, what = _found(text, pos, ")")
        raise SourceError.at(name, text, where,
                             f"post [{index}]: expected ')' closing the WP_Post object, found {what}")
    spans.append(Span(closing.end() - 1, closing.end(), "syntax"))
    return RawPost(index, fields, start, closing.end()), spans, closing.end()


def _find_object(text: str, index: int, pos: int) -> int:
    """Where the object ``[index] => WP_Post Object (`` starts (with the whitespace before it) after ``pos``;
    the end of the file if there is none. A plain substring search: it runs over whole post bodies."""
    found = text.find(f"[{index}] => WP_Post Object (", pos)
    if found < 0:
        return len(text)
    while found > pos and text[found - 1].isspace():
        found -= 1
    return found


def _find_key(text: str, key: str, pos: int, bound: int) -> int:
    """Offset of the whitespace before the first ``[key] =>`` that has whitespace before it, inside
    ``text[pos:bound]``; -1 if there is none. A plain substring search, for speed over long bodies."""
    literal = f"[{key}] =>"
    found = text.find(literal, pos + 1, bound)
    while found >= 0 and not text[found - 1].isspace():
        found = text.find(literal, found + 1, bound)
    return found - 1 if found >= 0 else -1


def _value_end(text: str, name: str, index: int, key: str, number: int, start: int, bound: int) -> int:
    """Where the value of ``key`` starting at ``start`` ends: before the next key, or the object's ``)``."""
    if number + 1 < len(WP_POST_KEYS):
        following = WP_POST_KEYS[number + 1]
        found = _find_key(text, following, max(start - 1, 0), bound)
        if found < 0:
            _unexpected(text, name, index, following, key, start, bound)
        end = max(found, start)
    else:
        closing = _CLOSE.search(text, start, bound)
        if closing is None:
            where, what = _bound(text, bound)
            raise SourceError.at(name, text, where,
                                 f"post [{index}]: expected ')' closing the WP_Post object before {what}")
        end = closing.start()
        while end > start and text[end - 1].isspace():
            end -= 1
    if key not in MULTILINE_KEYS:
        stray = _KNOWN_KEY.search(text, start, end)
        if stray is not None:
            raise SourceError.at(
                name, text, stray.start(),
                f"post [{index}]: expected '[{WP_POST_KEYS[number + 1]}] =>' after [{key}], found '{stray.group(0)}'",
            )
        newline = text.find("\n", start, end)
        if newline >= 0:
            raise SourceError.at(name, text, newline, f"post [{index}]: expected the value of [{key}] on one line")
    return end


def _unexpected(text: str, name: str, index: int, expected: str, after: str, start: int, bound: int) -> NoReturn:
    """Raise for a key that is not where it should be, pointing at what stands there instead.

    That is the first key-shaped ``[name] =>`` after the previous value (a renamed key; after ``post_content``,
    which may quote dump syntax, the last one on the line of the next key in place), else the next key in place
    itself (a missing key), else the end of the object or file (a truncated dump, perhaps cut inside the key).
    """
    later = WP_POST_KEYS[WP_POST_KEYS.index(expected) + 1:]
    anchor = re.compile(r"\[(?:" + "|".join(later) + r")\] =>").search(text, start, bound) if later else None
    region_end = anchor.start() if anchor else bound
    region_start = max(start, text.rfind("\n", start, region_end) + 1) if after in MULTILINE_KEYS else start
    shapes = list(_KEY_SHAPE.finditer(text, region_start, region_end))
    stray = (shapes[-1] if after in MULTILINE_KEYS else shapes[0]) if shapes else anchor
    if stray is not None:
        raise SourceError.at(name, text, stray.start(),
                             f"post [{index}]: expected '[{expected}] =>' after [{after}], found '{stray.group(0)}'")
    where, what = _bound(text, bound)
    tail = text[start:bound].rstrip()
    cut = tail[tail.rfind("["):] if "[" in tail else ""
    if what == "end of file" and cut and f"[{expected}] =>".startswith(cut):
        what = f"end of file inside {cut!r}"
    raise SourceError.at(name, text, where, f"post [{index}]: expected '[{expected}] =>' after [{after}], found {what}")


def _check_form(text: str, name: str, index: int, key: str, start: int, end: int) -> None:
    """Check a number or date value against :data:`VALUE_FORMS`, so a damaged one fails here with its position."""
    if key not in VALUE_FORMS:
        return
    pattern, what = VALUE_FORMS[key]
    value = text[start:end]
    valid = pattern.fullmatch(value) is not None
    if valid and pattern is _DATETIME[0]:
        try:
            datetime.strptime(value, "%Y-%m-%d %H:%M:%S")
        except ValueError:
            valid = False
    if not valid:
        raise SourceError.at(name, text, start, f"post [{index}]: expected [{key}] to be {what}, found {value!r}")


def _found(text: str, pos: int, expected: str) -> tuple[int, str]:
    """Where the text after ``pos`` starts and what it is, for an error: the end of the file (perhaps part-way
    through ``expected``, as when a dump is cut short) or the first characters that stand there."""
    rest = text[pos:].strip()
    if not rest:
        return len(text.rstrip()), "end of file"
    if expected.startswith(rest):
        return len(text.rstrip()), f"end of file inside {rest!r}"
    while text[pos].isspace():
        pos += 1
    return pos, repr(rest[:30])


def _bound(text: str, bound: int) -> tuple[int, str]:
    """Where a post's search bound lies and what it is: the end of the file, or the next WP_Post object."""
    if bound >= len(text):
        return len(text.rstrip()), "end of file"
    return bound, "the next WP_Post object"
