"""Dump the visible text of every built page, or compare two dumps: the check that a refactoring changed no page.

    python benchmarks/page_text.py dump _build/html /tmp/before      # before the change
    python benchmarks/page_text.py dump _build/html /tmp/after       # after it
    python benchmarks/page_text.py diff /tmp/before /tmp/after       # pages whose text differs, with the lines
"""

from __future__ import annotations

import argparse
import difflib
import html
import re
import sys
from pathlib import Path

_ARTICLE = re.compile(r'<article class="bd-article">(.*?)</article>', re.S)
_HIDDEN = re.compile(r"<script.*?</script>|<style.*?</style>", re.S)
_TAG = re.compile(r"<[^>]+>")


def page_text(page: str) -> str:
    """The visible text of a page's article, one non-empty line per line."""
    match = _ARTICLE.search(page)
    body = _HIDDEN.sub("", match.group(1) if match else page)
    lines = (" ".join(line.split()) for line in html.unescape(_TAG.sub(" ", body)).splitlines())
    return "\n".join(line for line in lines if line) + "\n"


def dump(site: Path, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for page in sorted(site.rglob("*.html")):
        if {"_static", "_sources"} & set(page.parts):
            continue
        name = str(page.relative_to(site)).replace("/", "__") + ".txt"
        (out / name).write_text(page_text(page.read_text(encoding="utf-8")), encoding="utf-8")


def diff(before: Path, after: Path) -> int:
    names = sorted({p.name for p in before.glob("*.txt")} | {p.name for p in after.glob("*.txt")})
    changed = 0
    for name in names:
        a = (before / name).read_text(encoding="utf-8").splitlines() if (before / name).exists() else []
        b = (after / name).read_text(encoding="utf-8").splitlines() if (after / name).exists() else []
        if a != b:
            changed += 1
            sys.stdout.writelines(line + "\n" for line in difflib.unified_diff(a, b, name, name, n=0, lineterm=""))
    print(f"{changed} of {len(names)} pages differ")
    return 1 if changed else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=("dump", "diff"))
    parser.add_argument("first", type=Path)
    parser.add_argument("second", type=Path)
    args = parser.parse_args()
    if args.command == "dump":
        dump(args.first, args.second)
        return 0
    return diff(args.first, args.second)


if __name__ == "__main__":
    sys.exit(main())
