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
from datetime import datetime, timedelta
from typing import NoReturn
from urllib.parse import unquote_to_bytes

from fpclib.errors import SourceError
from fpclib.sources.model import Anomaly, Span

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
_DUMP_OPEN = re.compile(r"^Array \(\s*(?:\[0\] => WP_Post Object \(|\))", re.MULTILINE)
_OBJECT_OPEN = re.compile(r"\s*\[(\d+)\] => WP_Post Object \(")
_ANY_KEY = re.compile(r"\s*\[(\w+)\] =>")
_KEY_SHAPE = re.compile(r"\[(\w+)\] =>")
_CLOSE = re.compile(r"\s*\)")
_BAD_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")
_GUID_NUMBER = re.compile(r"[?&]p=([^&#\s]*)")
_ANY_OBJECT = re.compile(r"\[\d+\] => WP_Post Object \(")


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
    """True if ``text`` shows any evidence of a flattened ``print_r`` dump (see :func:`printr_evidence`)."""
    return printr_evidence(text)[0] > 0


def printr_evidence(text: str) -> tuple[int, int]:
    """How strongly ``text`` reads as a flattened ``print_r`` dump, and where: ``(2, offset)`` for a line opening
    ``Array ( [0] => WP_Post Object (`` (or an empty ``Array ( )``), ``(1, offset)`` for a line opening
    ``Array (`` only, ``(0, 0)`` for none."""
    strong = _DUMP_OPEN.search(text)
    if strong is not None:
        return 2, strong.start()
    weak = _ARRAY_OPEN.search(text)
    return (1, weak.start()) if weak is not None else (0, 0)


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
    _check_all_posts_read(text, name, posts)
    extra = _CLOSE.match(text, closing.end())
    if extra is not None:
        raise SourceError.at(name, text, extra.end() - 1,
                             "expected the page footer after the ')' closing the array, found another ')'")
    spans.append(Span(closing.end() - 1, closing.end(), "syntax"))
    spans.append(Span(closing.end(), len(text), "chrome", "page-footer"))
    return RawDump(tuple(posts), tuple(spans))


def _check_all_posts_read(text: str, name: str, posts: list[RawPost]) -> None:
    """Every ``[n] => WP_Post Object (`` in the file must open a parsed post: one standing in the page chrome or
    inside a value means the dump's shape was misread (or is quoted), and no post may be dropped silently."""
    heads = {post.start for post in posts}
    for opening in _ANY_OBJECT.finditer(text):
        if opening.end() not in heads:
            inside = next((post.index for post in posts if post.start <= opening.start() < post.end), None)
            where = "the page chrome outside the array" if inside is None else f"a value of post [{inside}]"
            raise SourceError.at(name, text, opening.start(), f"expected {len(posts)} WP_Post objects (as parsed), "
                                 f"found another '{opening.group(0)}' in {where}")


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
                f"post [{index}]: expected '[{key}] =>' (WP_Post key {number + 1} of {len(WP_POST_KEYS)}), "
                f"found {what}",
            )
        spans.append(Span(found.start(1) - 1, found.end(), "syntax"))
        value_start = found.end() + 1 if text.startswith(" ", found.end()) else found.end()
        if key not in MULTILINE_KEYS and text.startswith("Array (", value_start):
            raise SourceError.at(name, text, value_start, f"post [{index}]: expected a plain value for [{key}], "
                                 "found a nested 'Array (' (WP_Post fields hold no arrays)")
        value_end = _value_end(text, name, index, key, number, value_start, bound)
        _check_form(text, name, index, key, value_start, value_end)
        if key == "post_title" and not text[value_start:value_end].strip():
            raise SourceError.at(name, text, value_start, f"post [{index}]: expected a [post_title], found none")
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
        stray = _KEY_SHAPE.search(text, start, end)
        if stray is not None:
            what = "repeated or out of place" if stray.group(1) in WP_POST_KEYS else "not a WP_Post key"
            expected = f"'[{WP_POST_KEYS[number + 1]}] =>'" if number + 1 < len(WP_POST_KEYS) else "')'"
            raise SourceError.at(
                name, text, stray.start(),
                f"post [{index}]: expected {expected} after [{key}], found '{stray.group(0)}' ({what})",
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
    """Check a value against :data:`VALUE_FORMS` (numbers, dates no later than now), a slug's percent escapes
    and a guid's post number, so a damaged one fails here with its position."""
    value = text[start:end]
    if key == "post_name":
        _check_slug(text, name, index, start, end)
        return
    if key == "guid":
        number = _GUID_NUMBER.search(value)
        if number is not None and not number.group(1).isdigit():
            raise SourceError.at(name, text, start + number.start(1),
                                 f"post [{index}]: expected [guid] '?p=' to be a post number, found {value!r}")
        return
    if key not in VALUE_FORMS:
        return
    pattern, what = VALUE_FORMS[key]
    valid = pattern.fullmatch(value) is not None
    if valid and pattern is _DATETIME[0]:
        try:
            moment = datetime.strptime(value, "%Y-%m-%d %H:%M:%S")
        except ValueError:
            valid = False
        else:
            if moment > datetime.now() + timedelta(days=1):
                raise SourceError.at(name, text, start, f"post [{index}]: expected [{key}] no later than the "
                                     f"capture (today), found {value!r}")
    if not valid:
        raise SourceError.at(name, text, start, f"post [{index}]: expected [{key}] to be {what}, found {value!r}")


def _check_slug(text: str, name: str, index: int, start: int, end: int) -> None:
    """A slug's percent escapes must be ``%`` and two hex digits, and decode to UTF-8."""
    bad = _BAD_ESCAPE.search(text, start, end)
    if bad is not None:
        raise SourceError.at(name, text, bad.start(), f"post [{index}]: expected [post_name] percent escapes "
                             f"like '%d0', found {text[bad.start():bad.start() + 3]!r}")
    try:
        unquote_to_bytes(text[start:end]).decode("utf-8")
    except UnicodeDecodeError as error:
        raise SourceError.at(name, text, start, f"post [{index}]: expected [post_name] to decode to UTF-8, "
                             f"found invalid bytes at decoded offset {error.start}") from None


def post_anomalies(text: str, post: RawPost) -> tuple[Anomaly, ...]:
    """Suspect values a post may hold but that are reported: a modification earlier than the publication."""
    published, modified = post.value(text, "post_date_gmt"), post.value(text, "post_modified_gmt")
    if modified >= published or published.startswith("0000"):
        return ()
    return (Anomaly("modified-before-published", 0, post.fields["post_modified_gmt"][0],
                    f"post_modified_gmt {modified} is before post_date_gmt {published} (scheduled ahead?)"),)


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
