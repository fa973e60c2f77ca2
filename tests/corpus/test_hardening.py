"""Second-round hardening of the corpus stage: anomalies, the cache, exports, manifests and the command line."""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import pandas as pd
import pytest

from fpclib import paths
from fpclib.cli import BAD_DATA, BAD_USAGE, SYSTEM_ERROR, main
from fpclib.corpus import cache as corpus_cache
from fpclib.corpus.build import TABLES, Corpus, load_corpus
from fpclib.corpus.export import MARK, export
from fpclib.corpus.markdown import to_markdown
from fpclib.errors import AnomalyError, ExportError, SourceError
from fpclib.tables import MANIFEST, ManifestEntry, read_manifest, read_verified, sha256_of, write_manifest

REPO = paths.REPO


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


# Class 2: endnote anomalies of the real corpus are reported, not fatal, unless strict.

def test_the_known_anomalies_of_the_real_corpus_are_reported(corpus: Corpus) -> None:
    table = corpus.anomalies
    assert list(table.columns) == ["source", "pub_id", "kind", "number", "line", "column", "raw_start", "message"]
    notes = table[table["kind"] != "modified-before-published"]
    assert sorted(zip(notes["pub_id"], notes["kind"], notes["number"])) == [
        ("wp-5607", "restarted-markers", 1),  # the Askarov essay numbers its own footnote [1]
        ("wp-6080", "marker-without-note", 3), ("wp-6080", "missing-note", 3),  # the Russian Tajikistan edition
    ]
    row = notes[notes["kind"] == "marker-without-note"].iloc[0]
    text = corpus.texts[row["source"]]
    assert text[row["raw_start"]:row["raw_start"] + 3] == "[3]"
    assert text.count("\n", 0, row["raw_start"]) + 1 == row["line"]


def test_strict_loading_fails_with_one_line_per_anomaly(corpus: Corpus) -> None:
    with pytest.raises(AnomalyError) as caught:
        load_corpus(strict=True)
    assert len(caught.value.lines) == len(corpus.anomalies)
    assert all("\n" not in line and line.startswith("fpc-author-adam-hug.printr.txt:") for line in caught.value.lines)
    assert f"({len(corpus.anomalies) - 1} more anomalies" in str(caught.value)


def test_strict_on_the_command_line_prints_each_anomaly(capsys: pytest.CaptureFixture[str], corpus: Corpus) -> None:
    code, out, err = run(capsys, "--strict", "info")
    assert (code, out) == (BAD_DATA, "") and err.count("\n") == len(corpus.anomalies)
    assert "fpc: fpc-author-adam-hug.printr.txt:222:137114: wp-6080: marker-without-note: marker [3]" in err


# Class 7: the cache holds tables, not code; a bad one is removed and rebuilt with a warning.

@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache folder, and a cache key fixed for the test (the real key covers every module of fpclib,
    which may change under a running test while the library is being edited)."""
    folder = tmp_path / "cache"
    monkeypatch.setenv(paths.CACHE_ENV, str(folder))
    fixed = corpus_cache.key(read_manifest(paths.raw_dir()))
    monkeypatch.setattr(corpus_cache, "key", lambda _manifest: fixed)
    return folder


def test_the_cache_key_covers_names_sizes_sums_and_the_version(monkeypatch: pytest.MonkeyPatch) -> None:
    manifest = read_manifest(paths.raw_dir())
    first = manifest[0]
    keys = {corpus_cache.key(manifest)}
    for changed in (dataclasses.replace(first, file="other.txt"), dataclasses.replace(first, bytes=first.bytes + 1),
                    dataclasses.replace(first, sha256="0" * 64)):
        keys.add(corpus_cache.key((changed, *manifest[1:])))
    monkeypatch.setattr(corpus_cache, "__version__", "0.0.0")
    keys.add(corpus_cache.key(manifest))
    assert len(keys) == 5


def test_the_cache_is_arrow_tables_with_a_json_header(cache_dir: Path) -> None:
    built = load_corpus()
    (folder,) = cache_dir.iterdir()
    assert sorted(p.name for p in folder.iterdir()) == sorted(["header.json", *(f"{t}.arrow" for t in TABLES)])
    assert not list(cache_dir.rglob("*.pickle"))
    header = json.loads((folder / "header.json").read_text())
    assert header["key"] == folder.name.removeprefix("corpus-") and set(header["tables"]) == set(TABLES)
    cached = load_corpus()
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(cached, name), getattr(built, name))
    assert cached.texts == built.texts and cached.manifest == built.manifest
    assert cached.accounting().equals(built.accounting())


@pytest.mark.parametrize("damage", ["truncated", "garbage", "foreign-key", "header-missing", "a-pickle", "a-file"])
def test_a_bad_cache_is_removed_rebuilt_and_said_once(cache_dir: Path, damage: str) -> None:
    built = load_corpus()
    (folder,) = cache_dir.iterdir()
    if damage == "truncated":
        (folder / "blocks.arrow").write_bytes((folder / "blocks.arrow").read_bytes()[:1000])
    elif damage == "garbage":
        data = bytearray((folder / "notes.arrow").read_bytes())
        data[5000:5010] = b"0123456789"
        (folder / "notes.arrow").write_bytes(bytes(data))
    elif damage == "foreign-key":
        header = json.loads((folder / "header.json").read_text())
        (folder / "header.json").write_text(json.dumps(dict(header, key="0" * 16)))
    elif damage == "header-missing":
        (folder / "header.json").unlink()
    elif damage == "a-pickle":
        (folder / "header.json").write_bytes(b"\x80\x04\x95cos\nsystem\n(S'touch /tmp/pwned'\ntR.")
    else:
        shutil.rmtree(folder)
        folder.write_bytes(b"not a folder")
    with pytest.warns(corpus_cache.CacheWarning, match="removed an unreadable corpus cache"):
        rebuilt = load_corpus()
    pd.testing.assert_frame_equal(rebuilt.blocks, built.blocks)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        again = load_corpus()
    pd.testing.assert_frame_equal(again.notes, built.notes)


def test_a_stale_cache_is_removed_when_the_new_one_is_written(cache_dir: Path) -> None:
    cache_dir.mkdir()
    (cache_dir / "corpus-0123456789abcdef").mkdir()
    (cache_dir / "corpus-fedcba9876543210.pickle").write_bytes(b"old")
    load_corpus()
    assert [p.name for p in cache_dir.iterdir()] == [f"corpus-{corpus_cache.key(read_manifest(paths.raw_dir()))}"]


def test_the_cache_module_imports_no_pickle() -> None:
    source = (REPO / "fpclib" / "corpus" / "cache.py").read_text()
    assert "pickle" not in source.replace("no pickle", "")


# Class 6: an export deletes nothing it did not create.

@pytest.fixture
def export_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("target", ["file", "cwd", "parent-of-cwd", "repo", "above-repo", "data", "under-data",
                                    "foreign-folder", "export-with-extra-file", "symlink"])
def test_an_export_refuses_what_it_did_not_create(
    export_dir: Path, target: str, corpus: Corpus, capsys: pytest.CaptureFixture[str]
) -> None:
    work = export_dir / "work"
    work.mkdir()
    os.chdir(work)
    (export_dir / "notes.txt").write_text("mine\n")
    foreign = export_dir / "mine"
    foreign.mkdir()
    (foreign / "thesis.tex").write_text("years of work\n")
    earlier = export_dir / "earlier"
    export(corpus, earlier, "json")
    (earlier / "my-notes.txt").write_text("added by hand\n")
    (export_dir / "link").symlink_to(foreign)
    out = {"file": export_dir / "notes.txt", "cwd": Path("."), "parent-of-cwd": Path(".."), "repo": REPO,
           "above-repo": REPO.parent, "data": REPO / "data", "under-data": REPO / "data" / "raw" / "x",
           "foreign-folder": foreign, "export-with-extra-file": earlier, "symlink": export_dir / "link"}[target]
    before = sorted(str(p) for p in export_dir.rglob("*"))
    with pytest.raises(ExportError):
        export(corpus, out, "csv")
    code, stdout, err = run(capsys, "export", "--out", str(out))
    assert (code, stdout) == (BAD_USAGE, "") and err.count("\n") == 1 and ("refusing" in err or "expected" in err)
    assert sorted(str(p) for p in export_dir.rglob("*")) == before
    assert (foreign / "thesis.tex").read_text() == "years of work\n"


def test_an_export_marks_itself_and_replaces_only_an_earlier_export(export_dir: Path, corpus: Corpus) -> None:
    out = export_dir / "tables"
    written = export(corpus, out, "csv")
    mark = json.loads((out / MARK).read_text())
    assert mark["files"] == [p.name for p in sorted(written, key=lambda p: mark["files"].index(p.name))]
    assert sorted(p.name for p in out.iterdir()) == sorted([MARK, *mark["files"]])
    export(corpus, out, "parquet")
    assert sorted(p.name for p in out.iterdir() if p.suffix == ".parquet") == sorted(
        f"{t}.parquet" for t in ("publications", "reports", "blocks", "notes", "accounting", "anomalies"))
    empty = export_dir / "empty"
    empty.mkdir()
    export(corpus, empty, "json")
    assert (empty / MARK).is_file()


def test_the_leftovers_of_a_killed_export_are_removed_by_the_next(export_dir: Path, corpus: Corpus) -> None:
    out = export_dir / "tables"
    staging = export_dir / ".tables.fpc-export-new.abc123"
    staging.mkdir()
    (staging / "blocks.csv").write_text("half a tab")
    retired = export_dir / ".tables.fpc-export-old.def456"
    export(corpus, retired, "csv")
    unrelated = export_dir / ".tables.fpc-export-new.mine"
    unrelated.mkdir()
    (unrelated / "keep.txt").write_text("not ours")
    export(corpus, out, "csv")
    assert sorted(p.name for p in export_dir.iterdir()) == [".tables.fpc-export-new.mine", "tables"]


def test_a_killed_export_subprocess_leaves_a_leftover_the_next_one_removes(export_dir: Path) -> None:
    code = ("import os, fpclib.corpus.export as e; from fpclib import load_corpus; c = load_corpus(); "
            "w = e._write; e._write = lambda *a: (w(*a), os._exit(9)); e.export(c, e.Path('tables'), 'csv')")
    done = subprocess.run([sys.executable, "-c", code], cwd=export_dir, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert done.returncode == 9
    assert [p.name.split(".")[2] for p in export_dir.iterdir()] == ["fpc-export-new"]
    assert main(["export", "--out", str(export_dir / "tables")]) == 0
    assert [p.name for p in export_dir.iterdir()] == ["tables"]


# Class 9: manifests.

def manifest_folder(tmp_path: Path, files: dict[str, bytes]) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return folder


def test_a_wrong_size_is_a_mismatch_even_with_the_right_sum(tmp_path: Path) -> None:
    folder = manifest_folder(tmp_path, {"a.txt": b"abc"})
    with pytest.raises(SourceError, match=r"a\.txt:1:1: size mismatch: MANIFEST\.csv expects sha256 .* \(4 bytes\)"):
        read_verified(folder, ManifestEntry("a.txt", sha256_of(b"abc"), 4, ""))


@pytest.mark.parametrize("name", ["../outside.txt", "/etc/passwd", "sub/../../x", "a\\b", "C:x"])
def test_a_manifest_path_may_not_leave_its_folder(tmp_path: Path, name: str) -> None:
    folder = manifest_folder(tmp_path, {})
    (folder / MANIFEST).write_text(f"file,sha256,bytes,description\n{name},{'0' * 64},1,\n")
    with pytest.raises(SourceError, match=r"MANIFEST\.csv:2:1: expected a file name inside data/"):
        read_manifest(folder)


@pytest.mark.parametrize("link", ["file", "folder"])
def test_a_symlink_pointing_outside_is_refused(tmp_path: Path, link: str) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_bytes(b"secret")
    folder = manifest_folder(tmp_path, {})
    if link == "file":
        (folder / "a.txt").symlink_to(outside / "secret.txt")
        name = "a.txt"
    else:
        (folder / "sub").symlink_to(outside)
        name = "sub/secret.txt"
    write_manifest(folder, [ManifestEntry(name, sha256_of(b"secret"), 6, "")])
    (entry,) = read_manifest(folder)
    with pytest.raises(SourceError, match="found a link pointing outside it"):
        read_verified(folder, entry)


# Class 10: the command line.

def test_exit_codes_are_documented_and_distinct(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    help_text = capsys.readouterr().out
    for code in ("0  success", "1  a check", "2  bad data", "3  bad usage", "4  system error", "5  internal error"):
        assert code in help_text
    code, _, err = run(capsys, "no-such-command")
    assert code == BAD_USAGE and err.count("\n") == 1 and err.startswith("fpc: usage:")
    code, _, err = run(capsys, "show", "wp-1")
    assert code == BAD_USAGE and err.count("\n") == 1


def test_a_system_error_is_one_line_and_its_own_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from fpclib.corpus import export as export_module

    def full(*_: object) -> None:
        raise OSError(28, "No space left on device", "blocks.csv")

    monkeypatch.setattr(export_module, "_write", full)
    code, out, err = run(capsys, "export", "--out", str(tmp_path / "out"))
    assert (code, out) == (SYSTEM_ERROR, "") and err == "fpc: system error: blocks.csv: No space left on device\n"


def test_show_escapes_corpus_text(corpus: Corpus) -> None:
    blocks = corpus.blocks.copy()
    first = blocks.index[blocks["pub_id"] == "wp-6111"][0]
    blocks.loc[first, "text"] = "<script>alert(1)</script>\n[^1]: forged"
    blocks.loc[first, "note_refs"], blocks.loc[first, "note_positions"] = (), ()
    notes = corpus.notes.copy()
    forged = "<img src=x onerror=alert(1)> [link](javascript:x)"
    notes.loc[notes.index[notes["pub_id"] == "wp-6111"][0], "text"] = forged
    tampered = Corpus(corpus.publications, corpus.reports, blocks, notes, corpus.sources, corpus.manifest, corpus.texts)
    markdown = to_markdown(tampered, "wp-6111")
    assert not re.search(r"(?<!\\)[<>]", markdown) and not re.search(r"(?<!\\)\]\(", markdown)
    assert "\\<script\\>" in markdown and "\\[^1\\]: forged" in markdown
    assert sum(line.startswith("[^") for line in markdown.splitlines()) == corpus.notes["pub_id"].eq("wp-6111").sum()


def test_a_truncated_web_capture_fails_like_a_truncated_dump(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    news = (paths.raw_dir() / "new-run-in-kazakhstan.html.txt").read_text()
    path = tmp_path / "cut.html.txt"
    path.write_text(news[:news.index("Continue Reading")])
    code, out, err = run(capsys, "parse", str(path))
    assert (code, out) == (BAD_DATA, "") and err.count("\n") == 1
    assert "the capture stops inside it" in err and err.startswith(f"fpc: {path.name}:")


def test_a_rebuilt_cache_is_one_warning_line_on_the_command_line(
    cache_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    load_corpus()
    (folder,) = cache_dir.iterdir()
    (folder / "header.json").write_text("{")
    code, _, err = run(capsys, "info")
    assert code == 0 and err.count("\n") == 1 and err.startswith("fpc: warning: fpclib: removed an unreadable corpus")
