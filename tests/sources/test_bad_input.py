"""Damaged copies of the real raw files: each parses exactly like the clean file, or stops with one line.

Every case below is one of the real captures with one kind of damage, written under a temporary folder (data/raw
is never touched). A case either

* parses to the same result as the clean file: a UTF-8 byte-order mark, CRLF or lone CR line ends, a page footer
  cut short. ``decode`` drops the mark and makes every line end LF before anything is parsed, so offsets
  (``raw_start``/``raw_end``, spans) count characters of that decoded, newline-normalised text and are *equal* to
  the clean file's, not shifted by the removed characters; or
* fails with exactly one stderr line ``fpc: FILE:LINE:COL: message``, exit code 2, no traceback and nothing
  written, where LINE:COL (1-based, the column in characters) is the place of the damage: the truncation point,
  the renamed key, the bad byte.

Each case goes through ``fpc parse FILE`` in a subprocess and in-process, and through ``load_corpus`` and
``fpc --raw DIR export`` in a copy of the raw folder with a regenerated MANIFEST.csv.
"""

from __future__ import annotations

import csv
import hashlib
import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from fpclib import Corpus, SourceError, load_corpus
from fpclib.cli import main
from fpclib.paths import raw_dir
from fpclib.sources import parse_file, parse_text
from fpclib.sources.printr import parse_printr
from fpclib.tables import MANIFEST, read_manifest

REPO = Path(__file__).resolve().parents[2]
DUMP = "fpc-author-adam-hug.printr.txt"
PARAGRAPHS = "fpc-author-adam-hug.paragraphs.txt"
FPC = "fpc-responding-to-retreating-rights.html.txt"
NEWS = "new-run-in-kazakhstan.html.txt"


def raw_bytes(name: str) -> bytes:
    return (raw_dir() / name).read_bytes()


def raw_text(name: str) -> str:
    return raw_bytes(name).decode("utf-8")


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of character ``offset`` of ``text``."""
    before = text[:offset]
    return before.count("\n") + 1, len(before.rsplit("\n", 1)[-1]) + 1


def end_of(text: str) -> tuple[int, int]:
    """Where a file cut short ends: just after its last non-blank character."""
    return position(text, len(text.rstrip()))


@dataclass(frozen=True)
class Case:
    """A damaged copy of raw file ``file``: it fails at ``at`` with ``message`` in the error, or (``at`` None) it
    parses like the clean file."""

    file: str
    data: bytes
    at: tuple[int, int] | None = None
    message: str = ""


def dump_cases() -> dict[str, Case]:
    text, data = raw_text(DUMP), raw_bytes(DUMP)
    post5 = text.index("[5] => WP_Post Object (")
    array_end = text.index("))\nArticles") + 1

    def edit(old: str, new: str, start: int = post5) -> str:
        """The dump with the first ``old`` after ``start`` replaced by ``new``."""
        at = text.index(old, start)
        return text[:at] + new + text[at + len(old):]

    def failing(damaged: str, at: tuple[int, int], message: str) -> Case:
        return Case(DUMP, damaged.encode(), at, message)

    cases: dict[str, Case] = {}
    cut = text[:text.index("[post_content] => ", post5) + 5000]
    cases["dump-cut-inside-a-body"] = failing(
        cut, end_of(cut), "post [5]: expected '[post_title] =>' after [post_content], found end of file")
    cut = text[:text.index("[post_modified] =>", post5) + len("[post_mod")]
    cases["dump-cut-inside-a-key"] = failing(
        cut, end_of(cut),
        "post [5]: expected '[post_modified] =>' after [pinged], found end of file inside '[post_mod'")
    cut = text[:text.index("[post_status] => publish", post5) + len("[post_status] => publish")]
    cases["dump-cut-after-a-value"] = failing(
        cut, end_of(cut), "post [5]: expected '[comment_status] =>' after [post_status], found end of file")
    cut = text[:text.index("[6] => WP_Post Object (") + len("[6] => WP_Po")]
    cases["dump-cut-inside-an-object-header"] = failing(
        cut, end_of(cut), "expected '[6] => WP_Post Object (' or ')' closing the array, found end of file inside")
    cut = text[:array_end]
    cases["dump-cut-before-the-array-closes"] = failing(
        cut, end_of(cut), "expected '[40] => WP_Post Object (' or ')' closing the array, found end of file")
    cases["dump-cut-in-the-footer"] = Case(DUMP, text[:text.index("Article by Adam Hug", array_end)].encode())
    cut_bytes = data[:data.index("Құқықтық".encode(), data.index(b"))\nArticles")) + 1]
    prefix = cut_bytes[:-1].decode()
    cases["dump-cut-inside-a-character"] = Case(
        DUMP, cut_bytes, position(prefix, len(prefix)), "file ends inside a UTF-8 character")

    damaged = edit(" [post_excerpt] =>", "")
    cases["dump-key-removed"] = failing(
        damaged, position(damaged, damaged.index("[post_status]", post5)),
        "post [5]: expected '[post_excerpt] =>' after [post_title], found '[post_status] =>'")
    damaged = edit("[post_status] =>", "[post_state] =>")
    cases["dump-key-renamed"] = failing(
        damaged, position(damaged, damaged.index("[post_state]")),
        "post [5]: expected '[post_status] =>' after [post_excerpt], found '[post_state] =>'")
    damaged = edit("[post_title] =>", "[post_titel] =>")
    cases["dump-key-after-the-body-renamed"] = failing(
        damaged, position(damaged, damaged.index("[post_titel]")),
        "post [5]: expected '[post_title] =>' after [post_content], found '[post_titel] =>'")
    damaged = edit("[ID] =>", "[Id] =>")
    cases["dump-first-key-renamed"] = failing(
        damaged, position(damaged, damaged.index("[Id]")),
        "post [5]: expected '[ID] =>' (WP_Post key 1 of 24), found '[Id] =>'")
    damaged = edit("[post_status] => publish [comment_status] =>", "[comment_status] => publish [post_status] =>")
    cases["dump-keys-swapped"] = failing(
        damaged, position(damaged, damaged.index("[comment_status]", post5)),
        "post [5]: expected '[post_status] =>' after [post_excerpt], found '[comment_status] =>'")
    name_value = text.index("[post_name] => ", post5) + len("[post_name] => ") + 4
    damaged = text[:name_value] + "\n" + text[name_value:]
    cases["dump-value-on-two-lines"] = failing(
        damaged, position(damaged, name_value), "post [5]: expected the value of [post_name] on one line")

    damaged = edit("[ID] => 6268 ", "[ID] => 6270 ", 0)
    cases["dump-duplicate-post-id"] = failing(
        damaged, position(damaged, damaged.index("6270 [post_author]", damaged.index("[1] =>"))),
        "duplicate post ID 6270 (first seen in post [0]); expected unique IDs")
    damaged = (text.replace("[1] => WP_Post Object", "[#] => WP_Post Object", 1)
               .replace("[2] => WP_Post Object", "[1] => WP_Post Object", 1)
               .replace("[#] => WP_Post Object", "[2] => WP_Post Object", 1))
    cases["dump-post-index-out-of-order"] = failing(
        damaged, position(damaged, damaged.index("[2] => WP_Post Object")), "expected post index [1], found [2]")
    damaged = edit("[ID] => 6268 ", "[ID] => 62x8 ", 0)
    cases["dump-id-not-a-number"] = failing(
        damaged, position(damaged, damaged.index("62x8")), "post [1]: expected [ID] to be a post number, found '62x8'")
    damaged = edit("[post_date_gmt] => 2021-12-05 23:09:36", "[post_date_gmt] => 2021-13-05 23:09:36", 0)
    cases["dump-date-not-a-date"] = failing(
        damaged, position(damaged, damaged.index("2021-13-05")),
        "post [1]: expected [post_date_gmt] to be a date and time YYYY-MM-DD HH:MM:SS, found '2021-13-05 23:09:36'")
    damaged = text[:text.index("Array (")] + "Array ( )\n" + text[array_end + 1:]
    cases["dump-without-posts"] = failing(
        damaged, position(damaged, damaged.index("Array ( )") + 8), "expected at least one WP_Post object in the array")

    at = data.index(b" ", data.index(b"[post_content] => ", data.index(b"[5] => WP_Post")) + 4000)
    cases["dump-invalid-utf8-byte"] = Case(
        DUMP, data[:at] + b"\xff" + data[at:], position(text, len(data[:at].decode())),
        f"invalid UTF-8 (byte 0xff at offset {at}); expected UTF-8 text")
    cases["dump-nul-bytes"] = Case(
        DUMP, data[:at] + b"\x00\x00" + data[at:], position(text, len(data[:at].decode())),
        "binary data (control character U+0000): expected a text capture")
    cases["dump-utf8-bom"] = Case(DUMP, b"\xef\xbb\xbf" + data)
    cases["dump-crlf-line-ends"] = Case(DUMP, data.replace(b"\n", b"\r\n"))
    cases["dump-cr-line-ends"] = Case(DUMP, data.replace(b"\n", b"\r"))
    return cases


def other_cases() -> dict[str, Case]:
    paragraphs, fpc, news = raw_text(PARAGRAPHS), raw_text(FPC), raw_text(NEWS)
    dump_line = re.compile(r"^(Array|\(|\)|\[\d+\] => WP_Post Object|\[\w+\] => .*)$")
    without_dump = "\n".join(line for line in paragraphs.split("\n") if not dump_line.match(line))
    fpc_lines = fpc.split("\n")
    chrome_only = "\n".join(fpc_lines[:1] + fpc_lines[fpc_lines.index("Footnotes"):])
    bad_date = fpc.replace("September 30, 2021", "September 31, 2021", 1)
    header_only = news[:news.index("\non\n") + 5]
    return {
        "empty-file": Case(NEWS, b"", (1, 1), "empty file: expected a raw capture"),
        "blank-file": Case(NEWS, b" \n\t\n\n", (1, 1), "empty file: expected a raw capture"),
        "binary-file": Case(FPC, b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, (1, 1),
                            "invalid UTF-8 (byte 0x89 at offset 0); expected UTF-8 text"),
        "paragraphs-without-dump-lines": Case(PARAGRAPHS, without_dump.encode(), (1, 1), "unknown source layout"),
        "paragraphs-crlf-and-bom": Case(PARAGRAPHS, b"\xef\xbb\xbf" + paragraphs.replace("\n", "\r\n").encode()),
        "web-chrome-only": Case(FPC, chrome_only.encode(), (1, 1), "no article found: expected a title followed by"),
        "web-impossible-date": Case(FPC, bad_date.encode(), position(bad_date, bad_date.index("September 31")),
                                    "expected a date like 'September 30, 2021', got 'September 31, 2021'"),
        "web-cut-after-a-header": Case(NEWS, header_only.encode(), end_of(header_only),
                                       "article 'New run in Kazakhstan?': expected body text after its header, "
                                       "found end of file"),
        "web-bom-and-crlf": Case(NEWS, b"\xef\xbb\xbf" + news.replace("\n", "\r\n").encode()),
    }


CASES = {**dump_cases(), **other_cases()}
FAILING = sorted(name for name, case in CASES.items() if case.at is not None)
PARSING = sorted(name for name, case in CASES.items() if case.at is None)


def expected_line(name: str) -> str:
    case = CASES[name]
    assert case.at is not None
    return f"fpc: {case.file}:{case.at[0]}:{case.at[1]}: "


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each damaged copy on disk, under its raw file's name in a folder of its own."""
    root = tmp_path_factory.mktemp("damaged")
    paths = {}
    for name, case in CASES.items():
        (root / name).mkdir()
        paths[name] = root / name / case.file
        paths[name].write_bytes(case.data)
    return paths


@pytest.fixture(scope="module")
def console(written: dict[str, Path]) -> dict[str, subprocess.CompletedProcess[str]]:
    """``python -m fpclib.cli parse FILE`` for every failing case, run a few at a time."""
    def run(name: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "fpclib.cli", "parse", str(written[name])],
                              capture_output=True, text=True, cwd=REPO, timeout=120)

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        return dict(zip(FAILING, pool.map(run, FAILING)))


def test_there_are_enough_cases() -> None:
    assert len(CASES) >= 20 and len(FAILING) >= 20 and len(PARSING) >= 5
    assert len({case.data for case in CASES.values()}) == len(CASES)


@pytest.mark.parametrize("name", FAILING)
def test_the_command_prints_one_line_with_the_place_of_the_damage(
    name: str, written: dict[str, Path], console: dict[str, subprocess.CompletedProcess[str]],
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = main(["parse", str(written[name])])
    out, err = capsys.readouterr()
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and err.startswith(expected_line(name)), err
    assert CASES[name].message in err
    done = console[name]
    assert (done.returncode, done.stdout, done.stderr) == (2, "", err)
    assert list(written[name].parent.iterdir()) == [written[name]]


@pytest.mark.parametrize("name", PARSING)
def test_a_harmless_difference_parses_like_the_clean_file(
    name: str, written: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    case = CASES[name]
    clean = parse_file(raw_dir() / case.file)
    damaged = parse_file(written[name])
    footer_cut = name == "dump-cut-in-the-footer"
    assert damaged.documents == clean.documents
    assert damaged == clean or footer_cut
    assert main(["parse", str(raw_dir() / case.file)]) == 0
    expected = capsys.readouterr().out
    assert main(["parse", str(written[name])]) == 0
    out, err = capsys.readouterr()
    assert err == "" and (out == expected or (footer_cut and out.split("\n")[1:] == expected.split("\n")[1:]))


def raw_copy(folder: Path, case: Case) -> Path:
    """A copy of data/raw with the damaged file in place and MANIFEST.csv regenerated to match it."""
    raw = folder / "raw"
    shutil.copytree(raw_dir(), raw)
    target = raw / case.file
    target.chmod(0o644)
    target.write_bytes(case.data)
    rows = [(e.file, hashlib.sha256((raw / e.file).read_bytes()).hexdigest(), (raw / e.file).stat().st_size,
             e.description) for e in read_manifest(raw_dir())]
    with (raw / MANIFEST).open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerows([("file", "sha256", "bytes", "description"), *rows])
    return raw


@pytest.mark.parametrize("name", FAILING)
def test_the_corpus_and_an_export_stop_at_the_same_place(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("FPCLIB_CACHE_DIR", str(tmp_path / "cache"))
    raw = raw_copy(tmp_path, CASES[name])
    with pytest.raises(SourceError) as caught:
        load_corpus(raw, cache=False)
    assert f"fpc: {caught.value}\n".startswith(expected_line(name)) and CASES[name].message in str(caught.value)
    out = tmp_path / "export"
    assert main(["--raw", str(raw), "export", "--out", str(out)]) == 2
    assert capsys.readouterr() == ("", f"fpc: {caught.value}\n")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["raw"]


@pytest.mark.parametrize("name", PARSING)
def test_the_corpus_of_a_harmless_difference_is_the_clean_corpus(name: str, tmp_path: Path, corpus: Corpus) -> None:
    damaged = load_corpus(raw_copy(tmp_path, CASES[name]), cache=False)
    for table in ("publications", "reports", "blocks", "notes"):
        pd_equal = getattr(damaged, table).equals(getattr(corpus, table))
        assert pd_equal, table


def test_a_paragraph_extraction_cut_short_only_offers_fewer_hints(tmp_path: Path, corpus: Corpus) -> None:
    """The extraction never supplies text, only paragraph boundaries, so a copy cut short is accepted."""
    text = raw_text(PARAGRAPHS)
    damaged = load_corpus(raw_copy(tmp_path, Case(PARAGRAPHS, text[:len(text) // 2].encode())), cache=False)
    assert damaged.publications[["pub_id", "title"]].equals(corpus.publications[["pub_id", "title"]])
    assert damaged.notes[["note_id", "text"]].equals(corpus.notes[["note_id", "text"]])


def test_every_cut_inside_the_dump_is_reported_where_the_file_ends() -> None:
    text = raw_text(DUMP)
    start, stop = text.index("Array (") + len("Array ("), text.index("))\nArticles") + 1
    post3 = text.index("[3] => WP_Post Object (")
    tail = text.index("[post_title] =>", post3)
    cuts = [*range(start, stop, (stop - start) // 150), *range(post3 - 2, post3 + 300), *range(tail - 3, tail + 700)]
    for cut in cuts:
        with pytest.raises(SourceError) as caught:
            parse_printr(text[:cut], DUMP)
        assert (caught.value.line, caught.value.column) == end_of(text[:cut]), (cut, str(caught.value))


@pytest.mark.parametrize("name", [FPC, NEWS, "prospects-fight-against-extremism-central-asia.html.txt", PARAGRAPHS])
def test_a_capture_cut_at_any_line_parses_or_fails_cleanly(name: str) -> None:
    """A web capture or the extraction cut short may still be well formed; if not, the error is a SourceError."""
    text = raw_text(name)
    ends = [m.start() for m in re.finditer("\n", text)]
    for end in ends[:: max(1, len(ends) // 120)]:
        try:
            parse_text(text[:end], name)
        except SourceError as error:
            assert "\n" not in str(error) and error.file == name


def manifest_error(raw: Path, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["--raw", str(raw), "info"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1
    return err


def test_a_file_that_does_not_match_the_manifest_names_itself_and_both_sums(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(raw_dir(), raw)
    target = raw / DUMP
    target.chmod(0o644)
    target.write_bytes(raw_bytes(DUMP).replace(b"\n", b"\r\n"))
    entry = next(e for e in read_manifest(raw) if e.file == DUMP)
    err = manifest_error(raw, capsys)
    assert err.startswith(f"fpc: {target}:1:1: size and checksum mismatch")
    assert entry.sha256 in err and hashlib.sha256(target.read_bytes()).hexdigest() in err
    assert f"({entry.bytes:,} bytes)" in err and f"({target.stat().st_size:,} bytes)" in err


def test_a_missing_file_or_a_broken_manifest_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(raw_dir(), raw)
    (raw / NEWS).unlink()
    assert "expected the file listed in MANIFEST.csv, but it is missing" in manifest_error(raw, capsys)
    manifest = raw / MANIFEST
    manifest.write_text("file,sha256,bytes,description\nx.txt,abc,many,\n", encoding="utf-8")
    assert manifest_error(raw, capsys).startswith(f"fpc: {manifest}:2:1: expected file,sha256,bytes,description")
    manifest.write_bytes(b"file,sha256\n")
    assert f"{manifest}:1:1: expected the header file,sha256,bytes,description" in manifest_error(raw, capsys)
    manifest.write_bytes(b"file,sha256,bytes,description\n\xff\n")
    assert f"{manifest}:2:1: invalid UTF-8" in manifest_error(raw, capsys)
