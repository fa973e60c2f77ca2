"""The print_r dump parser: hand-made edge cases, errors with positions, and a round-trip property."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fpclib.errors import SourceError
from fpclib.sources.printr import WP_POST_KEYS, parse_printr


def render(posts: list[dict[str, str]], header: str = "Page header\n\n", footer: str = "\nArticles\nfooter") -> str:
    """Render posts the way the capture flattened ``print_r``: one space between keys, bodies verbatim."""
    objects = []
    for index, post in enumerate(posts):
        fields = " ".join(f"[{key}] => {post[key]}" if post[key] else f"[{key}] =>" for key in WP_POST_KEYS)
        objects.append(f"[{index}] => WP_Post Object ( {fields} )")
    return header + "Array ( " + "".join(objects) + ")" + footer


def post(**values: str) -> dict[str, str]:
    """A post with plausible defaults for every key."""
    base = {key: "" for key in WP_POST_KEYS}
    base.update(ID="101", post_author="3", post_date="2021-01-01 10:00:00", post_date_gmt="2021-01-01 09:00:00",
                post_content="Body.", post_title="Title", post_status="publish", post_name="title",
                post_modified="2021-01-02 10:00:00", post_modified_gmt="2021-01-02 09:00:00", post_parent="0",
                guid="https://fpc.org.uk/?p=101", menu_order="0", post_type="post", comment_count="0", filter="raw")
    base.update(values)
    return base


def values(text: str) -> list[dict[str, str]]:
    dump = parse_printr(text, "dump.txt")
    return [{key: p.value(text, key) for key in WP_POST_KEYS} for p in dump.posts]


@pytest.mark.parametrize(
    "content",
    [
        "Cited twice.[12] Then [13] again.",
        "A body with => arrows and [ID] => lookalikes.",
        "Array ( [0] => not an object )",
        "Parentheses (nested (twice)) and a closing ) alone.",
        "First line\n\nafter a blank line\n  • a bullet\n",
        "[1] Starts with a note marker",
    ],
)
def test_body_that_looks_like_dump_syntax_is_kept_verbatim(content: str) -> None:
    posts = [post(post_content=content), post(ID="102", post_title="Second")]
    parsed = values(render(posts))
    assert [p["post_content"] for p in parsed] == [content, "Body."]
    assert [p["ID"] for p in parsed] == ["101", "102"]


def test_empty_values_stay_empty() -> None:
    parsed = values(render([post(post_excerpt="", post_password="")]))
    assert parsed[0]["post_excerpt"] == "" and parsed[0]["post_password"] == ""
    assert parsed[0]["post_status"] == "publish"


def test_spans_name_header_and_footer_as_chrome() -> None:
    text = render([post()])
    dump = parse_printr(text, "dump.txt")
    chrome = [text[s.start:s.end] for s in dump.spans if s.category == "chrome"]
    assert chrome[0].startswith("Page header") and chrome[-1].endswith("footer")


def error(text: str) -> SourceError:
    with pytest.raises(SourceError) as caught:
        parse_printr(text, "dump.txt")
    return caught.value


def test_missing_key_names_the_key_and_position() -> None:
    text = render([post()]).replace(" [post_excerpt] =>", "")
    failure = error(text)
    assert "post_excerpt" in failure.message and failure.file == "dump.txt"
    assert str(failure).startswith("dump.txt:3:") and "found '[post_status] =>'" in failure.message


def test_swapped_keys_are_reported() -> None:
    text = render([post()]).replace("[post_status] => publish [comment_status] => ",
                                    "[comment_status] => publish [post_status] => ")
    failure = error(text)
    assert "expected '[post_status] =>'" in failure.message and "found '[comment_status] =>'" in failure.message


def test_truncated_dump_says_what_was_expected() -> None:
    text = render([post(), post(ID="102")])
    failure = error(text[: text.index("[post_modified]", text.index("[1] =>"))])
    assert "post [1]" in failure.message and "end of file" in failure.message


def test_missing_title_does_not_swallow_the_next_post() -> None:
    text = render([post(), post(ID="102")])
    first_title = text.index(" [post_title]")
    failure = error(text[:first_title] + text[text.index(" [post_excerpt]", first_title):])
    assert "post [0]" in failure.message and "post_title" in failure.message


def test_duplicate_post_id_is_an_error() -> None:
    failure = error(render([post(), post()]))
    assert "duplicate post ID 101" in failure.message


def test_no_array_is_an_error() -> None:
    failure = error("Just a page\nwith no dump\n")
    assert failure.line == 1 and "Array (" in failure.message


_line = st.text(st.characters(codec="utf-8", exclude_characters="\n\r", exclude_categories=("Cs", "Cc", "Zl", "Zp")),
                max_size=30).map(str.strip)
_body = st.lists(
    st.one_of(_line, st.sampled_from(
        ["[12]", " => ", "Array (", ")", "(", "\n", "\n\n", "\n  • ", "[ID]", "WP_Post Object"])),
    max_size=25,
).map("".join).map(str.strip)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(_body, _line.filter(bool), _line), min_size=1, max_size=4))
def test_round_trip_through_a_print_r_renderer(generated: list[tuple[str, str, str]]) -> None:
    posts = [
        post(ID=str(1000 + i), post_content=body, post_title=title, post_excerpt=excerpt)
        for i, (body, title, excerpt) in enumerate(generated)
    ]
    assert values(render(posts)) == posts
