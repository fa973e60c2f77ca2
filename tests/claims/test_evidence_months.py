"""Dates are compared with their months: a translation that moves an event to another month of the same year has
changed the figure, and does not take its original's evidence; a date whose year holds fails on its month."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd

from fpclib.claims.relations import _months_differ


def _date(quote: str, value: int = 2020) -> SimpleNamespace:
    return SimpleNamespace(unit="date", value=value, quote=quote)


def test_the_months_of_two_statements_of_a_year_are_compared() -> None:
    english = {"unit": "date", "value": 2020, "quote": "would subsequently be arrested in September 2020"}
    assert _months_differ(_date("2020-жылдын ноябрь айында"), english) == ("November 2020", "September 2020")
    assert _months_differ(_date("в сентябре 2020 года"), english) is None
    assert _months_differ(_date("в 2020 году"), english) is None, "a statement without a month is not compared"
    assert _months_differ(SimpleNamespace(unit="people", value=2020, quote="May 2020"), english) is None


def test_a_translation_that_moved_a_date_has_changed_it(checked_claims: pd.DataFrame) -> None:
    moved = checked_claims.set_index("claim_id").loc["retreating-rights-kyrgyzstan-ky-208"]
    assert moved["fidelity"] == "changed"
    assert moved["fidelity_reason"] == "November 2020 here, September 2020 in retreating-rights-kyrgyzstan-190"
    assert moved["evidence"] == "none", "the original's endnote dates it September, so it lends nothing to November"
