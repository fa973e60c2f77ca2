"""The claims registry: every quantitative claim of every report, located in the text and checked.

``data/claims/<report_id>.csv`` lists the claims (see ``data/claims/README.md``). :func:`locate` finds each quote
in its publication's blocks and reads the figure back out of it, so the registry cannot drift from the text;
:func:`check_claims` gives each claim a verdict from its relations: arithmetic (parts and totals, percentages,
ranks within a list), the same figure elsewhere (a translation, a copy, another report), Freedom House data, and
the scale a score belongs on.
"""

from __future__ import annotations

import csv
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from fpclib.corpus import Corpus
from fpclib.errors import SourceError
from fpclib.numbers import numbers_in
from fpclib.text import MARKER

DEFAULT_CLAIMS_DIR = Path(__file__).resolve().parent.parent / "data" / "claims"
COLUMNS = ("claim_id", "pub_id", "quote", "value", "unit", "what", "note", "source", "check", "relation")
VERDICTS = ("consistent", "discrepancy", "unverifiable")


class _Block(NamedTuple):
    block_id: str
    seq: int
    text: str
    note_refs: tuple[int, ...]
    note_positions: tuple[int, ...]


class ClaimError(LookupError):
    """Claims that cannot be located in the corpus (listed in the message, one per line)."""


@dataclass(frozen=True, slots=True)
class Verdict:
    """What one check found."""

    verdict: str
    reason: str


def load_claims(claims_dir: Path | str | None = None) -> pd.DataFrame:
    """Every registered claim, with its ``report_id`` (the file's name); ids must be unique across files."""
    folder = Path(claims_dir) if claims_dir is not None else DEFAULT_CLAIMS_DIR
    rows = []
    for path in sorted(folder.glob("*.csv")):
        with path.open(newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            if tuple(reader.fieldnames or ()) != COLUMNS:
                raise SourceError(str(path), 1, 1, f"expected the header {','.join(COLUMNS)}")
            for line, row in enumerate(reader, start=2):
                rows.append({**row, "report_id": path.stem, "_where": f"{path.name}:{line}"})
    claims = pd.DataFrame(rows, columns=[*COLUMNS, "report_id", "_where"])
    duplicated = claims[claims["claim_id"].duplicated(keep=False)]
    if not duplicated.empty:
        first = duplicated.iloc[0]
        file, line = first["_where"].split(":")
        raise SourceError(file, int(line), 1, f"duplicate claim_id {first['claim_id']!r}: expected unique ids")
    claims["value"] = pd.to_numeric(claims["value"].replace("", None), errors="coerce")
    claims["note"] = pd.to_numeric(claims["note"].replace("", None), errors="coerce").astype("Int64")
    return claims.drop(columns="_where")


def locate(claims: pd.DataFrame, corpus: Corpus, *, errors: str = "raise") -> pd.DataFrame:
    """Find each claim's quote in its publication; add ``block_id``, ``seq``, ``lang``, ``parsed`` (numbers read
    from the quote), ``value_found`` and ``cited_note`` (the endnote whose marker closes the quote's sentence).

    A quote that is not found raises :class:`ClaimError` (``errors='raise'``) or leaves ``block_id`` empty
    (``errors='mark'``).
    """
    langs = dict(zip(corpus.publications["pub_id"], corpus.publications["lang"]))
    part_of = dict(zip(corpus.publications["pub_id"], corpus.publications["part"]))
    columns = ["pub_id", "block_id", "seq", "text", "note_refs", "note_positions"]
    by_pub: dict[str, list[_Block]] = {}
    for row in zip(*(corpus.blocks[c].tolist() for c in columns)):
        by_pub.setdefault(row[0], []).append(_Block(*row[1:]))
    located, missing = [], []
    for claim in claims.itertuples(index=False):
        hit = next((b for b in by_pub.get(claim.pub_id, ()) if claim.quote in b.text), None)
        lang = langs.get(claim.pub_id, "en")
        if hit is None:
            missing.append(f"{claim.claim_id}: {claim.quote[:70]!r} not in {claim.pub_id}")
            located.append({"block_id": None, "seq": None, "part": part_of.get(claim.pub_id), "lang": lang,
                            "parsed": (), "value_found": False,
                            "magnitude": _magnitude(claim.value, claim.unit), "cited_note": None})
            continue
        numbers = numbers_in(claim.quote, lang)
        parsed = tuple(dict.fromkeys(v for n in numbers for v in (n.value, n.scaled)))
        start = hit.text.index(claim.quote)
        located.append({
            "block_id": hit.block_id, "seq": hit.seq, "part": part_of[claim.pub_id], "lang": lang, "parsed": parsed,
            "value_found": _found(claim.value, parsed, claim.unit),
            "magnitude": _magnitude(claim.value, claim.unit),
            "cited_note": _cited_note(hit.text, hit.note_refs, hit.note_positions, start + len(claim.quote)),
        })
    if missing and errors == "raise":
        raise ClaimError(f"{len(missing)} claim(s) not found in the corpus:\n" + "\n".join(missing))
    return pd.concat([claims.reset_index(drop=True), pd.DataFrame(located)], axis=1)


def _found(value: float, parsed: tuple[float, ...], unit: str) -> bool:
    """True if the registered value is among the numbers read from the quote (statuses have no value)."""
    if pd.isna(value):
        return unit == "status"
    return any(math.isclose(value, p, rel_tol=1e-3, abs_tol=1e-3) for p in parsed)


#: Words of a unit that scale its figure: "USD million", "thousand people", "decades" (of years).
UNIT_FACTORS = {"thousand": 1e3, "million": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12,
                "decade": 10.0, "decades": 10.0, "century": 100.0, "centuries": 100.0, "month": 1 / 12, "months": 1 / 12}


def _magnitude(value: float, unit: str) -> float:
    """The registered figure on a common footing, so that "150 thousand people" equals "150,000 people" and
    "two decades" equals "20 years"."""
    if pd.isna(value):
        return value
    factor = 1.0
    for word in re.findall(r"[a-z]+", str(unit).lower()):
        factor *= UNIT_FACTORS.get(word, 1.0)
    return value * factor


def _cited_note(text: str, refs: tuple[int, ...], positions: tuple[int, ...], quote_end: int) -> int | None:
    """The endnote marked at the end of the sentence that holds the quote, if any."""
    sentence_end = re.search(r"[.!?…](?:\s|$)", text[quote_end:])
    limit = quote_end + (sentence_end.end() if sentence_end else len(text))
    for number, position in sorted(zip(refs, positions), key=lambda pair: pair[1]):
        if quote_end <= position <= limit:
            return number
    return None


def check_claims(corpus: Corpus, reference: pd.DataFrame | None = None,
                 claims: pd.DataFrame | None = None) -> pd.DataFrame:
    """The registry's columns plus ``block``, ``verdict`` and ``reason`` for every claim.

    ``reference`` is a Freedom in the World table (:func:`fpclib.reference.load_fiw`; loaded when None).
    """
    from fpclib import reference as fh

    fiw = fh.load_fiw() if reference is None else reference
    table = locate(load_claims() if claims is None else claims, corpus, errors="mark")
    by_id = table.set_index("claim_id")
    published = corpus.publications.set_index("pub_id")["published"]
    totals = _totals(table)
    verdicts = []
    for claim in table.itertuples(index=False):
        found: list[Verdict] = []
        if claim.block_id is None:
            found.append(Verdict("discrepancy", "quote not found in the text"))
        elif not claim.value_found:
            found.append(Verdict("discrepancy", f"value {claim.value:g} is not what the text says {claim.parsed}"))
        for kind, argument in relations(claim.relation):
            found.append(_check_one(kind, argument, claim, by_id, fiw, published, totals))
        if claim.claim_id in totals:
            found.append(totals[claim.claim_id])
        verdicts.append(_combine(found))
    table["verdict"] = [v.verdict for v in verdicts]
    table["reason"] = [v.reason for v in verdicts]
    return table.rename(columns={"block_id": "block"})


def relations(relation: str) -> list[tuple[str, str]]:
    """``'total:a;fiw:Kyrgyzstan:pr'`` -> ``[('total', 'a'), ('fiw', 'Kyrgyzstan:pr')]``."""
    parts = [part.strip() for part in (relation or "").split(";") if part.strip()]
    return [tuple(part.split(":", 1)) if ":" in part else (part, "") for part in parts]  # type: ignore[misc]


_TRANSLATION = re.compile(r"-(kk|ru|ky)$")


def check_kind(report_id: str, relation: str, report_of: dict[str, str]) -> str:
    """What the registry's ``check`` column must say for a claim, derived from its relations (``;``-separated):
    ``arithmetic``, ``cross-language`` (a translation against its English original), ``cross-report``,
    ``restated`` (elsewhere in the same report), ``external`` (Freedom House), ``scale``, or ``none``."""
    kinds = []
    for kind, argument in relations(relation):
        if kind in ("total", "percent", "rank_of"):
            kinds.append("arithmetic")
        elif kind == "equals":
            other = report_of.get(argument)
            translated = _TRANSLATION.search(report_id) is not None
            if other is None:
                kinds.append("cross-language" if translated else "restated")
            elif other == report_id:
                kinds.append("restated")
            elif translated and _TRANSLATION.sub("", report_id) == other:
                kinds.append("cross-language")
            else:
                kinds.append("cross-report")
        elif kind in ("fiw", "fiw_below", "nit"):
            kinds.append("external")
        elif kind == "scale":
            kinds.append("scale")
    return ";".join(dict.fromkeys(kinds)) or "none"


def _totals(table: pd.DataFrame) -> dict[str, Verdict]:
    """For each total named by ``total:`` relations, whether its parts add up to it (keyed by the total's id)."""
    parts: dict[str, list[float]] = {}
    for claim in table.itertuples(index=False):
        for kind, argument in relations(claim.relation):
            if kind == "total":
                parts.setdefault(argument, []).append(claim.value)
    values = table.set_index("claim_id")["value"]
    result = {}
    for total_id, items in parts.items():
        if total_id not in values.index:
            result[total_id] = Verdict("unverifiable", f"total {total_id} is not registered")
            continue
        total, added = values[total_id], sum(items)
        words = " + ".join(f"{v:g}" for v in items)
        result[total_id] = (
            Verdict("consistent", f"parts add up: {words} = {total:g}") if math.isclose(added, total, rel_tol=1e-6)
            else Verdict("discrepancy", f"parts add up to {added:g} ({words}), the text's total is {total:g}")
        )
    return result


def _check_one(kind: str, argument: str, claim: object, by_id: pd.DataFrame, fiw: pd.DataFrame,
               published: pd.Series, totals: dict[str, Verdict]) -> Verdict:
    """One relation of one claim."""
    value = getattr(claim, "value")
    if kind == "total":
        return totals.get(argument, Verdict("unverifiable", f"total {argument} is not registered"))
    if kind in ("equals", "rank_of", "percent") and argument.startswith("?"):
        return Verdict("unverifiable", f"the figure it restates is not registered yet ({argument[1:][:40]})")
    if kind == "equals":
        if argument not in by_id.index:
            return Verdict("unverifiable", f"{argument} is not registered")
        ours, other = getattr(claim, "magnitude"), by_id.loc[argument, "magnitude"]
        if pd.isna(ours) and pd.isna(other):
            return Verdict("consistent", f"same status as {argument}")
        if not pd.isna(ours) and not pd.isna(other) and math.isclose(ours, other, rel_tol=1e-6):
            return Verdict("consistent", f"same figure as {argument} ({by_id.loc[argument, 'value']:g} {by_id.loc[argument, 'unit']})")
        return Verdict("discrepancy", f"{value:g} {getattr(claim, 'unit')} here, {by_id.loc[argument, 'value']:g} {by_id.loc[argument, 'unit']} in {argument}")
    if kind == "rank_of":
        if argument not in by_id.index:
            return Verdict("unverifiable", f"{argument} is not registered")
        size = by_id.loc[argument, "value"]
        ok = 1 <= value <= size
        return Verdict("consistent" if ok else "discrepancy", f"rank {value:g} {'within' if ok else 'outside'} a list of {size:g}")
    if kind == "percent":
        part_id, _, whole_id = argument.partition("/")
        if part_id not in by_id.index or whole_id not in by_id.index:
            return Verdict("unverifiable", f"{argument}: a count is not registered")
        share = 100 * by_id.loc[part_id, "value"] / by_id.loc[whole_id, "value"]
        ok = abs(share - value) < 0.5 + 1e-9
        return Verdict("consistent" if ok else "discrepancy", f"{by_id.loc[part_id, 'value']:g} of {by_id.loc[whole_id, 'value']:g} is {share:.1f}%")
    if kind == "scale":
        low, _, high = argument.partition("-")
        return _scale(claim, float(low), float(high))
    if kind == "fiw":
        from fpclib.checks import check_fiw

        return check_fiw(claim, argument, fiw, published.get(getattr(claim, "pub_id")))
    if kind == "fiw_below":
        from fpclib.checks import check_fiw_below

        return check_fiw_below(claim, argument, fiw, published.get(getattr(claim, "pub_id")))
    if kind == "nit":
        from fpclib.checks import check_nit

        return check_nit(claim, argument)
    return Verdict("unverifiable", f"unknown relation {kind!r}")


#: A stated maximum: "11 out of 100", "8/100", "из 100", "100 баллдык системасында" (on a 100-point system).
_OUT_OF = re.compile(r"(?:out of|/|из)\s*(?P<a>\d+)|(?P<b>\d+)[\s-]*(?:баллдык|балдық|балльн|point)", re.IGNORECASE)


def _scale(claim: object, low: float, high: float) -> Verdict:
    """A score must lie on its scale, and the text must not present it on another one ("11 out of 100")."""
    value, quote = getattr(claim, "value"), MARKER.sub("", getattr(claim, "quote"))
    if not low <= value <= high:
        return Verdict("discrepancy", f"{value:g} is outside the scale {low:g}-{high:g}")
    stated = _OUT_OF.search(quote)
    maximum = stated and (stated.group("a") or stated.group("b"))
    if maximum and float(maximum) != high:
        return Verdict("discrepancy", f"a {low:g}-{high:g} score presented out of {maximum}")
    return Verdict("consistent", f"within the scale {low:g}-{high:g}")


def _combine(found: list[Verdict]) -> Verdict:
    """A discrepancy anywhere wins; then consistency; a claim with nothing to check is unverifiable."""
    for verdict in ("discrepancy", "consistent"):
        reasons = [v.reason for v in found if v.verdict == verdict]
        if reasons:
            return Verdict(verdict, "; ".join(dict.fromkeys(reasons)))
    reasons = [v.reason for v in found]
    return Verdict("unverifiable", "; ".join(reasons) if reasons else "stated only: nothing to check it against")
