"""The book's data to take away: the corpus tables and the checked claims as CSV and Parquet, described by a
Frictionless data package (``datapackage.json``, https://datapackage.org) with a Table Schema per CSV, and every
ClaimReview in one JSON-LD file. Written by the book's extension into the built site (``data/``)."""

from __future__ import annotations

import json
from html import escape
from pathlib import Path
from typing import Any

import pandas as pd

from fpclib.book import claimreview
from fpclib.book.html import Table
from fpclib.corpus import export
from fpclib.corpus.build import Corpus

CODE_LICENCE = {"name": "MIT", "path": "https://opensource.org/license/mit", "title": "MIT License"}
DATA_LICENCE = {"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
                "title": "Creative Commons Attribution 4.0"}
FPC_TEXT = ("The report texts (blocks, notes) are the Foreign Policy Centre's, © their authors and the FPC: "
            "not relicensed, kept for research and verification with attribution.")
DESCRIPTIONS = {
    "publications": "One row per published part (a WordPress post or a captured web article).",
    "reports": "One row per report in one language.",
    "blocks": "The text in reading order: one row per paragraph, heading, list item, quote, caption or table.",
    "notes": "The endnotes, with their URLs, the publisher they cite and the blocks citing them.",
    "accounting": "Every character of every raw capture, by category (text, notes, chrome, ...).",
    "anomalies": "What the parser found odd in the captures and set right or aside, with where it stands.",
    "claims": "Every registered quantitative claim, located in its block, read back and checked: the evidence "
              "axis (does the evidence agree?) and the fidelity axis (did a translation keep the figure?).",
}
FIELDS = {
    "claim_id": "Registry id of the claim; its anchor in the book is claim-<claim_id>.",
    "pub_id": "Publication holding the words (publications.pub_id).",
    "report_id": "Report in one language (reports.report_id).",
    "quote": "The exact words that state the figure.",
    "value": "The figure as registered.",
    "unit": "Unit of the figure.",
    "block": "Block stating the claim (blocks.block_id).",
    "evidence": "Evidence axis: holds, fails or none.",
    "evidence_reason": "Why the evidence verdict, in words.",
    "evidence_kind": "Kinds of evidence checked, ';'-joined: reference (a dataset), source (a public page), endnote, "
                     "arithmetic, date.",
    "fidelity": "Fidelity axis: same, changed, missing (a translation against its original) or n/a.",
    "fidelity_reason": "Why the fidelity verdict, in words.",
    "cited_note": "Number of the endnote the claim's sentence cites.",
}


def describe(name: str) -> str:
    """What a table holds, in a sentence.

    >>> describe("claims").startswith("Every registered quantitative claim")
    True
    """
    return DESCRIPTIONS.get(name, f"The corpus's {name} table (see fpclib.corpus.export).")


def downloads(names: tuple[str, ...], *, root: str = "../data/") -> Table:
    """A table of the package's tables, each with what it holds and links to its CSV and Parquet files."""
    rows = "".join(
        f'<tr><td data-label="table">{escape(name)}</td><td data-label="what">{escape(describe(name))}</td>'
        f'<td data-label="CSV"><a href="{root}csv/{escape(name)}.csv">{escape(name)}.csv</a></td>'
        f'<td data-label="Parquet"><a href="{root}parquet/{escape(name)}.parquet">{escape(name)}.parquet</a></td></tr>'
        for name in names
    )
    return Table('<div class="fpc-table-scroll fpc-cards"><table class="fpc-table"><thead><tr><th>table</th>'
                 f"<th>what</th><th>CSV</th><th>Parquet</th></tr></thead><tbody>{rows}</tbody></table></div>")


def tables(corpus: Corpus, checked: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Every table the package holds, by name: the corpus export's and the checked claims."""
    return {**export.tables(corpus), "claims": checked}


def field_type(values: pd.Series) -> str:
    """The Table Schema type of a column, from its dtype (tuples are written as JSON arrays).

    >>> field_type(pd.Series([1, 2])), field_type(pd.Series([1.5])), field_type(pd.Series([(1,), ()]))
    ('integer', 'number', 'array')
    """
    if pd.api.types.is_bool_dtype(values):
        return "boolean"
    if pd.api.types.is_integer_dtype(values):
        return "integer"
    if pd.api.types.is_float_dtype(values):
        return "number"
    if pd.api.types.is_datetime64_any_dtype(values):
        return "datetime"
    present = values.dropna()
    if len(present) and present.map(lambda v: isinstance(v, tuple)).all():
        return "array"
    if len(present) and present.map(lambda v: isinstance(v, bool)).all():
        return "boolean"
    return "string"


def schema(frame: pd.DataFrame) -> dict[str, Any]:
    """A Table Schema for ``frame``: each column's name, type and, where known, description."""
    fields = []
    for column in frame.columns:
        entry: dict[str, Any] = {"name": str(column), "type": field_type(frame[column])}
        if entry["type"] == "datetime":
            entry["format"] = "any"
        if column in FIELDS:
            entry["description"] = FIELDS[str(column)]
        fields.append(entry)
    return {"fields": fields, "missingValues": [""]}


def write(corpus: Corpus, checked: pd.DataFrame, out: Path, *, claims_page: str) -> Path:
    """Write CSV and Parquet copies of every table, ``claimreview.json`` and ``datapackage.json`` into ``out``;
    ``claims_page`` is the address of the claims explorer relative to ``out``. Returns the descriptor's path."""
    for folder in ("csv", "parquet"):
        (out / folder).mkdir(parents=True, exist_ok=True)
    for name, frame in tables(corpus, checked).items():
        _write(frame, out, name)
    reviews = claimreview.reviews(checked, corpus, page_url=lambda claim: f"{claims_page}#claim-{claim['claim_id']}")
    (out / "claimreview.json").write_text(json.dumps(claimreview.document(reviews), ensure_ascii=False, indent=1)
                                          + "\n", encoding="utf-8")
    resources = []
    for name, frame in tables(corpus, checked).items():
        resource: dict[str, Any] = {"name": name, "path": f"csv/{name}.csv", "format": "csv", "mediatype": "text/csv",
                                    "encoding": "utf-8", "description": describe(name), "schema": schema(frame)}
        if name in ("blocks", "notes"):
            resource["licenses"] = [{"name": "other-closed", "title": FPC_TEXT}]
        resources.append(resource)
    descriptor = {
        "name": "fpc-compendium",
        "title": "FPC compendium: Central Asia and UK foreign policy, 2020-2021",
        "description": "The Foreign Policy Centre's reports as tidy tables, with every quantitative claim checked. "
                       "Parquet copies of each table are in parquet/; every judged claim as schema.org ClaimReview "
                       "in claimreview.json.",
        "licenses": [DATA_LICENCE],
        "resources": resources,
    }
    path = out / "datapackage.json"
    path.write_text(json.dumps(descriptor, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path


def _write(frame: pd.DataFrame, out: Path, name: str) -> None:
    """One table as ``csv/<name>.csv`` (tuples as JSON arrays, typed columns as pandas writes them, so the
    schema's types hold) and ``parquet/<name>.parquet`` (tuples as lists)."""
    as_csv, as_parquet = frame.copy(), frame.copy()
    for column in frame.columns:
        if frame[column].dtype == object:
            as_csv[column] = frame[column].map(lambda v: json.dumps(list(v), ensure_ascii=False)
                                               if isinstance(v, tuple) else v)
            as_parquet[column] = frame[column].map(lambda v: list(v) if isinstance(v, tuple) else v)
    as_csv.to_csv(out / "csv" / f"{name}.csv", index=False, lineterminator="\n")
    as_parquet.to_parquet(out / "parquet" / f"{name}.parquet", index=False)
