"""The `fpc` command: tables, Markdown, atomic exports, and one-line errors for bad input."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from fpclib import SourceError, load_corpus
from fpclib.cli import main
from fpclib.paths import raw_dir

DUMP = raw_dir() / "fpc-author-adam-hug.printr.txt"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_info_lists_the_reports(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "info")
    assert code == 0
    assert "retreating-rights-kazakhstan-kk" in out and "summary, introduction, conclusions" in out


def test_show_prints_markdown_with_endnotes(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", "wp-6111")
    assert code == 0
    assert out.startswith("# Responding to retreating rights")
    assert "## Key recommendations for Tajikistan, Kyrgyzstan and Kazakhstan" in out
    assert "[^1]: European Parliament, RC-B9-0144/2021" in out


def test_parse_summarises_any_layout(capsys: pytest.CaptureFixture[str]) -> None:
    for name, expected in [("new-run-in-kazakhstan.html.txt", "4 documents"), (DUMP.name, "40 documents")]:
        code, out, _ = run(capsys, "parse", str(raw_dir() / name))
        assert code == 0 and expected in out


@pytest.mark.parametrize("fmt", ["csv", "parquet", "json"])
def test_export_writes_every_table(tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    out_dir = tmp_path / "export"
    code, _, _ = run(capsys, "export", "--format", fmt, "--out", str(out_dir))
    assert code == 0
    assert sorted(p.name for p in out_dir.iterdir()) == sorted(
        [".fpc-export.json", *(f"{t}.{fmt}" for t in ("accounting", "anomalies", "blocks", "notes", "publications",
                                                     "reports"))]
    )
    if fmt == "parquet":
        assert len(pd.read_parquet(out_dir / "reports.parquet")) == 21


def test_two_exports_are_byte_identical(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("a", "b"):
        run(capsys, "export", "--format", "csv", "--out", str(tmp_path / name))
    for path in (tmp_path / "a").iterdir():
        assert path.read_bytes() == (tmp_path / "b" / path.name).read_bytes()


def test_a_failed_export_leaves_nothing_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from fpclib.corpus import export as export_module

    def explode(*_: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(export_module, "_write", explode)
    with pytest.raises(OSError):
        export_module.export(load_corpus(), tmp_path / "out", "csv")
    assert list(tmp_path.iterdir()) == []


def bad_file(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


BAD_INPUTS = {
    "empty": (b"", "empty file"),
    "invalid-utf8": (b"Skip to content\n\nAdam \xff Hug\n", "invalid UTF-8"),
    "unknown-layout": (b"just some text\n", "unknown source layout"),
    "truncated-dump": (DUMP.read_bytes()[:400_000], "expected"),
    "missing-key": (DUMP.read_bytes().replace(b" [post_excerpt] =>", b"", 1), "[post_excerpt]"),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_is_one_line_and_exit_2(tmp_path: Path, case: str, capsys: pytest.CaptureFixture[str]) -> None:
    data, expected = BAD_INPUTS[case]
    path = bad_file(tmp_path, f"{case}.txt", data)
    code, out, err = run(capsys, "parse", str(path))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and expected in err
    assert err.startswith(f"fpc: {path.name}:") and "Traceback" not in err


def test_checksum_mismatch_names_the_file_and_both_sums(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(raw_dir(), raw)
    (raw / "new-run-in-kazakhstan.html.txt").write_bytes(b"tampered\n")
    with pytest.raises(SourceError) as caught:
        load_corpus(raw, cache=False)
    message = str(caught.value)
    assert "new-run-in-kazakhstan.html.txt" in message and "checksum mismatch" in message
    assert "69a9343ffc36af99138798c7f3374a075bcda5251731885cdfda8b8466ef354d" in message


def test_console_errors_have_no_traceback(tmp_path: Path) -> None:
    path = bad_file(tmp_path, "empty.txt", b"")
    done = subprocess.run([sys.executable, "-m", "fpclib.cli", "parse", str(path)], capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stderr.strip() == (f"fpc: {path.name}:1:1: empty file: expected a raw capture (WP_Post dump, "
                                   "paragraph extraction or web capture)")


def test_a_raw_file_missing_from_the_manifest_is_an_error(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(raw_dir(), raw)
    (raw / "extra.txt").write_text("a stray capture\n", encoding="utf-8")
    with pytest.raises(SourceError, match=r"extra\.txt:1:1: not listed in MANIFEST\.csv"):
        load_corpus(raw, cache=False)


def test_claims_prints_both_axes_and_filters_by_them(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "claims", "retreating-rights-kyrgyzstan")
    assert code == 0 and "fidelity" in out.splitlines()[0] and "evidence" in out.splitlines()[0]
    *_, evidence, fidelity = out.rstrip().splitlines()
    assert evidence.startswith("evidence: ") and fidelity.startswith("fidelity: ")
    code, out, _ = run(capsys, "claims", "retreating-rights-kyrgyzstan", "--evidence", "fails")
    rows = [line.split() for line in out.splitlines()[1:] if line.startswith("retreating-rights-kyrgyzstan-")]
    assert code == 0 and rows and all("fails" in row for row in rows)


def test_claims_of_an_unknown_report_is_bad_usage(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "claims", "no-such-report")
    assert code == 3 and err.count("\n") == 1 and "no claims registered for report 'no-such-report'" in err


def test_manifest_records_an_edited_sourced_file_and_refuses_published_copies(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from fpclib import tables
    from fpclib.paths import data_dir

    data = tmp_path / "data"
    shutil.copytree(data_dir() / "reference", data / "reference")
    monkeypatch.setenv("FPC_DATA_DIR", str(data))
    sourced = data / "reference" / "sourced_uk.csv"
    sourced.write_text(sourced.read_text(encoding="utf-8") + sourced.read_text(encoding="utf-8").split("\n")[1]
                       .replace(",", ",x ", 1) + "\n", encoding="utf-8")
    code, out, _ = run(capsys, "manifest", "sourced_uk.csv")
    assert code == 0 and out.startswith("sourced_uk.csv: ")
    entry = next(e for e in tables.read_manifest(data / "reference") if e.file == "sourced_uk.csv")
    assert tables.read_verified(data / "reference", entry) == sourced.read_bytes()
    code, _, err = run(capsys, "manifest", "ti_cpi_2012_2020_timeseries.csv")
    assert code == 3 and "a copy of published data keeps its manifest row" in err
