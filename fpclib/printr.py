"""Parse the PHP ``print_r`` dump of WordPress ``WP_Post`` objects on the FPC author page.

The dump's own syntax is ambiguous (post bodies contain ``[12]``, ``=>`` and brackets), so the parser relies on
the fixed key order of ``WP_Post`` and fails loudly, naming the position, as soon as that shape breaks. Values
are returned as raw offsets; the post bodies are structured by :mod:`fpclib.structure`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from fpclib.errors import SourceError
from fpclib.model import Span

#: The keys of a WordPress ``WP_Post`` object, in the order ``print_r`` writes them.
WP_POST_KEYS: tuple[str, ...] = (
    "ID", "post_author", "post_date", "post_date_gmt", "post_content", "post_title", "post_excerpt",
    "post_status", "comment_status", "ping_status", "post_password", "post_name", "to_ping", "pinged",
    "post_modified", "post_modified_gmt", "post_content_filtered", "post_parent", "guid", "menu_order",
    "post_type", "post_mime_type", "comment_count", "filter",
)

#: Keys whose values may run over several lines.
MULTILINE_KEYS = frozenset({"post_content"})

_ARRAY_OPEN = re.compile(r"^Array \(", re.MULTILINE)
_OBJECT_OPEN = re.compile(r"\s*\[(\d+)\] => WP_Post Object \(")
_ANY_KEY = re.compile(r"\s*\[(\w+)\] =>")
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
    """True if ``text`` holds a flattened ``print_r`` dump of ``WP_Post`` objects."""
    return _ARRAY_OPEN.search(text) is not None and "] => WP_Post Object (" in text


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
                name, text, head.start(1), f"expected post index [{len(posts)}], found [{head.group(1)}]"
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
        what = "end of file" if pos >= len(text.rstrip()) else repr(text[pos:pos + 20].strip())
        raise SourceError.at(
            name, text, pos, f"expected '[{len(posts)}] => WP_Post Object (' or ')' closing the array, found {what}"
        )
    if not posts:
        raise SourceError.at(name, text, pos, "expected at least one WP_Post object in the array")
    spans.append(Span(closing.end() - 1, closing.end(), "syntax"))
    spans.append(Span(closing.end(), len(text), "chrome", "page-footer"))
    return RawDump(tuple(posts), tuple(spans))


def _parse_post(text: str, name: str, index: int, pos: int) -> tuple[RawPost, list[Span], int]:
    """Parse the keys of one ``WP_Post`` starting at ``pos``; return it, its spans and where it ends."""
    start = pos
    next_object = _OBJECT_OPEN.pattern.replace(r"(\d+)", str(index + 1))
    bound_match = re.compile(next_object).search(text, pos)
    bound = bound_match.start() if bound_match else len(text)
    fields: dict[str, tuple[int, int]] = {}
    spans: list[Span] = []
    for number, key in enumerate(WP_POST_KEYS):
        found = _ANY_KEY.match(text, pos)
        if found is None or found.group(1) != key:
            what = f"'[{found.group(1)}] =>'" if found else _describe(text, pos)
            raise SourceError.at(
                name, text, found.start(1) - 1 if found else pos,
                f"post [{index}]: expected '[{key}] =>' (WP_Post key {number + 1} of {len(WP_POST_KEYS)}), found {what}",
            )
        spans.append(Span(found.start(1) - 1, found.end(), "syntax"))
        value_start = found.end() + 1 if text.startswith(" ", found.end()) else found.end()
        value_end = _value_end(text, name, index, key, number, value_start, bound)
        fields[key] = (value_start, value_end)
        if key != "post_content" and value_end > value_start:
            spans.append(Span(value_start, value_end, "metadata", key))
        pos = value_end
    closing = _CLOSE.match(text, pos)
    if closing is None:
        raise SourceError.at(name, text, pos, f"post [{index}]: expected ')' closing the WP_Post object, found {_describe(text, pos)}")
    spans.append(Span(closing.end() - 1, closing.end(), "syntax"))
    return RawPost(index, fields, start, closing.end()), spans, closing.end()


def _value_end(text: str, name: str, index: int, key: str, number: int, start: int, bound: int) -> int:
    """Where the value of ``key`` starting at ``start`` ends: before the next key, or the object's ``)``."""
    if number + 1 < len(WP_POST_KEYS):
        following = WP_POST_KEYS[number + 1]
        found = re.compile(r"\s\[" + following + r"\] =>").search(text, max(start - 1, 0), bound)
        if found is None:
            _unexpected(text, name, index, following, key, start, bound)
        end = max(found.start(), start)
    else:
        found = _CLOSE.search(text, start, bound)
        if found is None:
            raise SourceError.at(name, text, bound, f"post [{index}]: expected ')' closing the WP_Post object")
        end = found.start()
        while end > start and text[end - 1].isspace():
            end -= 1
    if key not in MULTILINE_KEYS:
        stray = _KNOWN_KEY.search(text, start, end)
        if stray is not None:
            raise SourceError.at(
                name, text, stray.start(),
                f"post [{index}]: expected '[{WP_POST_KEYS[number + 1]}] =>' after [{key}], found '{stray.group(0)}'",
            )
        if "\n" in text[start:end]:
            raise SourceError.at(
                name, text, text.index("\n", start), f"post [{index}]: expected the value of [{key}] on one line"
            )
    return end


def _unexpected(text: str, name: str, index: int, expected: str, after: str, start: int, bound: int) -> None:
    """Raise for a key that is not where it should be, pointing at whatever key stands there instead."""
    stray = _KNOWN_KEY.search(text, start, bound)
    if stray is not None:
        raise SourceError.at(
            name, text, stray.start(), f"post [{index}]: expected '[{expected}] =>' after [{after}], found '{stray.group(0)}'"
        )
    where = "end of file" if bound >= len(text) else "the next WP_Post object"
    raise SourceError.at(name, text, bound, f"post [{index}]: expected '[{expected}] =>' after [{after}] before {where}")


def _describe(text: str, pos: int) -> str:
    """A short description of what stands at ``pos``, for error messages."""
    rest = text[pos:pos + 30].strip()
    return repr(rest) if rest else "end of file"
