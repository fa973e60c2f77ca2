"""The cited endnote as evidence for every claim whose sentence cites one (fpclib.claims.cited): what makes it
hold, what must stay ``none`` (figures matched by chance), and the one case where it fails."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import pytest

from fpclib.claims.cited import check_cited, mask, month_years

URL = "https://example.org/2019/10/31/a-3-b"


def claim(quote: str, value: float, unit: str = "year", what: str = "a test claim", note: int | None = 7,
          note_id: str | None = None, lang: str = "en", magnitude: float | None = None) -> SimpleNamespace:
    return SimpleNamespace(claim_id="t-1", pub_id="wp-1", quote=quote, value=value, unit=unit, what=what,
                           cited_note=note, note=None, note_id=note_id, lang=lang,
                           magnitude=value if magnitude is None else magnitude)


def verdict(c: SimpleNamespace, text: str) -> tuple[str, str]:
    found = check_cited(c, {("wp-1", 7): text})
    return found.verdict, found.reason


@pytest.mark.parametrize(("quote", "value", "unit", "text", "expected"), [
    ("arrested in September 2020 amid claims", 2020, "date",
     f"A. Writer, Ex-Minister detained, 24.kg, September 2020, {URL}", "gives September 2020"),
    ("In 2012 Ablyazov was found guilty", 2012, "year", f"R. Neate, Arrest warrant, The Guardian, February 2012, {URL}",
     "(\"… Arrest warrant, The Guardian, February 2012\") gives 2012"),
    ("with 139 cases reported in 2020", 2020, "year",
     f"F. Corley, Kazakhstan: 134 administrative prosecutions in 2020, Forum 18, February 2021, {URL}", "gives 2020"),
    ("a three year ban from holding public office", 3, "years",
     f"O. Gut, Matraimova will be banned from holding public office for 3 years, vb.kg, October 2020, {URL}",
     "states 3"),
    ("a list of 15 buildings in the whole city", 15, "buildings",
     f"Radio Ozodi, List of 15 historic buildings in Dushanbe, April 2016, {URL}", "states 15"),
    ("However by December 10th", 10, "date", f"24.kg, Vote set for 10 December 2020, {URL}", "dates it 10 December"),
    ("in the October 2020 election", 2020, "date", f"Shailoo, Elections, 4/10/2020, {URL}", "gives October 2020"),
])
def test_the_cited_endnote_holds(quote: str, value: float, unit: str, text: str, expected: str) -> None:
    found, reason = verdict(claim(quote, value, unit), text)
    assert found == "consistent" and expected in reason and reason.startswith("note 7 (")


@pytest.mark.parametrize(("quote", "value", "unit", "text"), [
    # a year only in a URL or an access date, or one end of a range in the text
    ("In 2019 the law was passed", 2019, "year", f"Ministry, The law, {URL}"),
    ("In 2019 the law was passed", 2019, "year", f"Ministry, The law, May 2020, {URL}, Accessed 3 May 2019"),
    ("the National Human Rights Action Plan 2019-2021", 2019, "year", f"EEAS, the EU's 2019 annual report, {URL}"),
    # a month and year in the text: the endnote must give that month, not only the year
    ("ban from holding public office from February 2020", 2020, "date",
     f"Currenttime, Ex-Deputy transferred $6 million, November 2020, {URL}; OCCRP, Fined, February 2021, {URL}"),
    # a year in an endnote that cites no source
    ("in changing world programme in 2020.", 2020, "year", "This is part of our research in 2020."),
    # a day with another month
    ("However by December 10th", 10, "date", f"24.kg, Referendum scheduled for January 10, 2021, {URL}"),
    # a small count without its unit word, a page number, a figure of a URL
    ("the deaths of five young girls", 5, "people", f"RFE/RL, Protest on 5 May, May 2019, {URL}"),
    ("sentences of 12 years", 12, "years", f"HRW, Report, p. 12, May 2019, {URL}"),
    ("the 31 activists detained", 31, "activists", f"HRW, Report, May 2019, {URL}"),
    # a decade is not a year
    ("in the late 1990s", 1990, "decade", f"Report on the 1990s, 1990, {URL}"),
])
def test_a_chance_match_stays_none(quote: str, value: float, unit: str, text: str) -> None:
    assert verdict(claim(quote, value, unit), text)[0] == "unverifiable"


def test_the_quote_of_an_endnote_is_not_evidence_for_itself() -> None:
    text = f"F. Corley, Kazakhstan: 134 administrative prosecutions in 2020, Forum 18, February 2021, {URL}"
    assert verdict(claim("134 administrative prosecutions", 134, "cases", note_id="wp-1.n7"), text)[0] == "unverifiable"


def test_an_endnote_title_with_another_count_of_the_same_thing_fails() -> None:
    text = f"F. Corley, Kazakhstan: 134 administrative prosecutions in 2020, Forum 18, February 2021, {URL}"
    found, reason = verdict(claim("with 139 administrative prosecutions reported", 139, "cases"), text)
    assert found == "discrepancy" and "states 134, the text 139" in reason
    # another count of something else, a part of a larger audience, or a rank against a list's size never fails
    assert verdict(claim("reach 97m and 112m people per week", 97, "million people", magnitude=97e6),
                   f"BBC reaches record global audience of 468.2m people every week, July 2020, {URL}")[0] \
        == "unverifiable"
    assert verdict(claim("the 22nd poorest country in the world", 22, "rank"),
                   f"Mapped: The 25 Poorest Countries in the World, 2021, {URL}")[0] == "unverifiable"


def test_masking_and_month_years() -> None:
    assert "2019" not in mask(f"Title, {URL}, accessed 3 May 2019")
    assert [m[:2] for m in month_years("2021 жылы 9 маусымда; в апреле 2020 года; 4/10/2020")] == \
        [(6, 2021), (4, 2020), (10, 2020)]


def test_every_claim_gets_its_cited_endnote(checked_claims: pd.DataFrame) -> None:
    checked = checked_claims.set_index("claim_id")
    arrested = checked.loc["retreating-rights-kyrgyzstan-190"]
    assert arrested["evidence"] == "holds" and "endnote" in arrested["evidence_kind"]
    assert "note 25 (" in arrested["evidence_reason"] and "September 2020" in arrested["evidence_reason"]
    assert checked.loc["retreating-rights-kyrgyzstan-241", "evidence"] == "none"
    assert checked.loc["protecting-uk-values-008", "evidence"] == "none"
    # an explicit endnote relation is checked instead, and can fail
    forum18 = checked.loc["retreating-rights-kazakhstan-137"]
    assert forum18["evidence"] == "fails" and "endnote 128 states 134" in forum18["evidence_reason"]
    named = r"(?:^|: |; )note \d+(?:, cited later in the paragraph)? \("
    cited = checked[checked["evidence_reason"].str.contains(named, regex=True)]
    assert len(cited) >= 200
    assert (cited["note_id"].isna()).all(), "a quote in an endnote is never evidence for itself"
    assert not cited["evidence_reason"].str.contains("http").any(), "no figure is read out of a URL"
    assert (cited.loc[cited["evidence"] == "holds", "evidence_kind"].str.contains("endnote")).all()


def test_a_sentence_without_a_marker_takes_the_next_endnote_of_its_paragraph() -> None:
    text = f"RFE/RL, Kyrgyz Police Disperse Mine Protest, October 2013, {URL}"
    found = check_cited(claim("In 2013 Japarov's campaign escalated", 2013, note=None), {("wp-1", 7): text}, later=7)
    assert found.verdict == "consistent" and found.reason.startswith("note 7, cited later in the paragraph (")
    assert check_cited(claim("In 2013 Japarov's campaign escalated", 2013, note=None), {("wp-1", 7): text}).verdict \
        == "unverifiable"
    assert check_cited(claim("in March 2013 the campaign escalated", 2013, "date", note=None), {("wp-1", 7): text},
                       later=7).verdict == "unverifiable"
