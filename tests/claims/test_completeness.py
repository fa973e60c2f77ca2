"""The registry's completeness: every number of every block and endnote is a claim or named by a rule."""

from __future__ import annotations

import pandas as pd
import pytest

from fpclib import Corpus
from fpclib.claims import COLUMNS, load_claims, locate
from fpclib.claims import completeness as cp
from fpclib.numbers import numbers_in


def token(text: str, written: str, place: str = "block", lang: str = "en", nth: int = 0) -> cp.Token:
    """The ``nth`` number written ``written`` in ``text``, as :func:`cp.tokens` would list it."""
    found = [n for n in numbers_in(text, lang) if n.written == written]
    number = found[nth]
    kind = {"note": "note", "heading": "heading"}.get(place, "paragraph")
    return cp.Token(text, number.start, number.end, number.written, (number.value, number.scaled),
                    "block" if place == "heading" else place, kind, lang)


#: (rule, text, the number's written form, place, lang): one case per rule, and a few more.
CASES = [
    ("endnote_marker", "as the report says [12] and", "12", "block", "en"),
    ("stray_note_mark", "only when people with 10 disabilities will start standing", "10", "block", "en"),
    ("url_or_id", "See https://www.rferl.org/a/30896794.html", "30896794", "note", "en"),
    ("url_or_id", "UN Human Rights Council, A/HRC/44/9, 2020", "44", "note", "en"),
    ("url_or_id", "Бишкектин мэри, 24.kg, октябрь 2020", "24", "note", "ky"),
    ("page_number", "British Politics, 12 (1). pp. 42-62.", "42", "note", "en"),
    ("page_number", "British Politics, 12 (1). pp. 42-62.", "62", "note", "en"),
    ("law_article", "criticised the Article 174 of the Criminal Code", "174", "block", "en"),
    ("law_article", "Қылмыстық кодекстің 174 -бабы", "174", "block", "kk"),
    ("law_article", "Баш мыйзамдын жаңы долбоорундагы 105-берене", "105", "block", "ky"),
    ("list_numbering", "1. Enhancing parliamentary cooperation", "1", "block", "en"),
    ("list_numbering", "the fund seeks to: 1) manage the risks", "1", "block", "en"),
    ("numbered_item", "results in test 2 proportional to the risk", "2", "block", "en"),
    ("name", "during the COVID-19 pandemic", "19", "block", "en"),
    ("name", "the Five Eyes alliance could expand", "Five", "block", "en"),
    ("name", "In the post-9/11 period the threats", "11", "block", "en"),
    ("year_as_name", "pledged in the Conservative’s 2019 Manifesto", "2019", "block", "en"),
    ("time_of_day", "By 3am the protesters had broken in", "3", "block", "en"),
    ("citation_date", "Bruce Pannier, Jeenbekov Failed, RFE/RL, October 2020, https://www.rferl.org/a/x", "2020",
     "note", "en"),
    ("citation_date", "Foreign Military Studies Office, (2020): 6-8, December 24, 2020.", "24", "note", "en"),
    ("citation_detail", "Official Development Assistance: Volume 684: debated on Thursday", "684", "note", "en"),
    ("idiom", "grassroots within communities, track two dialogue", "two", "block", "en"),
    ("pronoun_one", "Kazakhstan was one of the major beneficiaries", "one", "block", "en"),
    ("pronoun_one", "the last decade has been a conflicted one, with", "one", "block", "en"),
    ("pronoun_one", "No one may be forced to determine an ethnicity", "one", "block", "en"),
    ("pronoun_one", "себебінің бірі - 1991-1995 жылдар", "бірі", "block", "kk"),
    ("ordinal_word", "are taking place for the first time in July 2021", "first", "block", "en"),
    ("ordinal_word", "is covered in the second half of this introduction", "half", "block", "en"),
    ("anaphora", "the relationship between the two men swiftly fractured", "two", "block", "en"),
    ("anaphora", "нәтижесінде Қонаевтардың екеуі де қызметтерінен алынды", "екеуі", "block", "kk"),
    ("page_number", "Inclusive Approaches. Washington, DC: World Bank, pp25-33.", "33", "note", "en"),
    ("page_number", "Realpolitik: A History by John Bew, (408 pp, Oxford University Press, 2016)", "408", "note", "en"),
    ("page_number", "International Organization, 36,1,1982: 1-30.", "30", "note", "en"),
    ("citation_detail", "International Organization, 36,1,1982: 1-30.", "36,1", "note", "en"),
    ("citation_date", "Religious Composition by Country, 2010-2050, https://www.pewforum.org/x", "2050", "note", "en"),
    ("law_article", "The Constitution contains Article 14. 2 which promises", "2", "note", "en"),
    ("numbered_item", "The Global Goals for Sustainable Development, 16 Peace, Justice", "16", "note", "en"),
    ("name", "member states, “Indestructible Brotherhood 2019.” One of", "2019", "block", "en"),
    ("name", "the Kulob Regiment was relocated from the 201st Russian military base", "201st", "block", "en"),
    ("year_as_name", "such as the 2010-15 Conservative-Liberal Democrat coalition and the 2017-19 Parliament", "19",
     "note", "en"),
    ("heading_period", "2005- 2020", "2020", "heading", "en"),
    ("heading_period", "October 2020 onwards", "2020", "heading", "en"),
    ("idiom", "but it is now a third country and which will", "a third", "block", "en"),
    ("idiom", "Aid projects may provide more resources to one community than another", "one", "block", "en"),
    ("idiom", "a more resilient world, well on the path to net zero by 2050", "zero", "note", "en"),
    ("idiom", "Kyrgyz nationalist’s—one-sided narrative of the 2010 ethnic violence", "one-sided", "block", "en"),
    ("idiom", "Coronavirus brings bonanza of aid, but zero accountability", "zero", "note", "en"),
    ("idiom", "Бул жолкусунда бир гана добуштардын массалык түрдө", "бир", "block", "ky"),
    ("law_article", "Қылмыстық кодекстің 405 және 174-баптарына сәйкес", "405", "block", "kk"),
    ("law_article", "В соответствии с разделом 2 статьи 27 об источниках", "2", "block", "ru"),
    ("name", "Бирок, Ковид-19 пандемиясы бул маселелерди", "19", "block", "ky"),
    ("name", "Верховный суд запретил Политическое движение \"Группа 24\", которое", "24", "block", "ru"),
    ("time_of_day", "Таңкы маал саат үчтө эл Ак Үйдүн ичиндеги", "үчтө", "block", "ky"),
    ("citation_detail", "Универсальный периодический обзор Таджикистана, 39-я сессия Рабочей группы", "39-я", "note",
     "ru"),
    ("numbered_item", "демилгесине мүчө болгон, Иш-аракет плаы 1, https://www.opengovpartnership.org", "1", "note",
     "ky"),
    ("anaphora", "самых ожесточенных столкновений, которые происходили между двумя странами", "двумя", "block", "ru"),
]


@pytest.mark.parametrize(("rule", "text", "written", "place", "lang"), CASES)
def test_each_rule_names_what_it_classifies(rule: str, text: str, written: str, place: str, lang: str) -> None:
    assert cp.rule_for(token(text, written, place, lang)) == rule


def test_every_rule_has_a_case() -> None:
    named = {rule.name for rule in cp.RULES} - {"duplicate"}
    assert named == {case[0] for case in CASES}


def test_a_duplicate_capture_is_counted_in_its_original() -> None:
    number = token("Kazakhstan is home to 19 million people", "19")
    copy = cp.Token(number.text, number.start, number.end, number.written, number.readings, "block", "paragraph",
                    "en", duplicate=True)
    assert cp.rule_for(number) is None and cp.rule_for(copy) == "duplicate"


@pytest.mark.parametrize(
    ("text", "written", "place"),
    [("On May 17th 2016 protesters and environmental activists", "2016", "block"),  # a year an event happened
     ("Kazakhstan: 134 administrative prosecutions in 2020, Forum 18, May 2021", "134", "note"),  # a note's figure
     ("with foreign officials from many dozens of countries", "dozens", "block"),  # a word number counting
     ("led to the deaths of 1.5 million people", "1.5", "block")],
)
def test_figures_that_are_claims_are_named_by_no_rule(text: str, written: str, place: str) -> None:
    assert cp.rule_for(token(text, written, place)) is None


def claim(claim_id: str, pub_id: str, quote: str, value: float, unit: str = "people") -> dict:
    row = dict.fromkeys(COLUMNS, "")
    row.update(claim_id=claim_id, pub_id=pub_id, quote=quote, value=value, unit=unit, report_id="t")
    return row


def test_a_claim_covers_only_the_number_it_registers(corpus: Corpus) -> None:
    located = locate(pd.DataFrame([claim("t-1", "wp-5806", "198th out of 210", 198, "rank")]), corpus)
    found = cp.tokens(corpus)
    found = found[found["block_id"] == located.loc[0, "block_id"]]
    classified = cp.classify(found, located, corpus).set_index("written")
    assert classified.loc["198th", "claim_id"] == "t-1"
    assert classified.loc["210", "status"] == "unclassified"


def test_a_date_claim_covers_the_day_and_month_of_its_date(corpus: Corpus) -> None:
    quote = "On May 17th 2016 protesters"
    block = corpus.blocks[corpus.blocks["text"].str.contains(quote, regex=False)].iloc[0]
    located = locate(pd.DataFrame([claim("t-d", block["pub_id"], quote, 2016, "date")]), corpus)
    found = cp.tokens(corpus)
    classified = cp.classify(found[found["block_id"] == block["block_id"]], located, corpus)
    assert set(classified.loc[classified["claim_id"] == "t-d", "written"]) == {"17th", "2016"}


def test_a_quote_in_an_endnote_is_located_in_the_note(corpus: Corpus) -> None:
    note = corpus.notes[corpus.notes["text"].str.contains("134 administrative prosecutions", regex=False)].iloc[0]
    located = locate(pd.DataFrame([claim("t-n", note["pub_id"], "134 administrative prosecutions", 134)]), corpus)
    row = located.iloc[0]
    assert row["note_id"] == note["note_id"] and row["cited_note"] == note["number"] and row["value_found"]
    citing = corpus.blocks[(corpus.blocks["pub_id"] == note["pub_id"]) & corpus.blocks["seq"].isin(note["cited_in"])]
    assert row["block_id"] == citing.iloc[0]["block_id"]


def test_a_block_quote_has_no_note_id(corpus: Corpus) -> None:
    located = locate(pd.DataFrame([claim("t-b", "wp-5806", "198th out of 210", 198, "rank")]), corpus)
    assert located.loc[0, "note_id"] is None and located.loc[0, "block_id"] is not None


@pytest.fixture(scope="module")
def registry() -> pd.DataFrame:
    return load_claims()


@pytest.fixture(scope="module")
def classified(corpus: Corpus, registry: pd.DataFrame) -> pd.DataFrame:
    return cp.completeness(corpus, registry)


def test_every_number_in_the_text_is_a_claim_or_named_by_a_rule(classified: pd.DataFrame) -> None:
    left = classified[classified["status"] == "unclassified"]
    where = [f"{r.pub_id} {r.block_id or r.note_id}: {r.written!r} in …{r.text[max(0, r.start - 40):r.end + 30]}…"
             for r in left.itertuples(index=False)]
    assert not where, f"{len(where)} unclassified number(s):\n" + "\n".join(where[:40])


def test_every_registered_claim_accounts_for_a_number(classified: pd.DataFrame, registry: pd.DataFrame) -> None:
    unused = set(registry["claim_id"]) - set(classified["claim_id"].dropna())
    # a claim restating another claim's figure in the same quote accounts for no token of its own
    assert len(unused) <= len(registry) // 20, sorted(unused)[:20]


def test_the_summary_counts_every_number_once(corpus: Corpus, registry: pd.DataFrame,
                                              classified: pd.DataFrame) -> None:
    table = cp.summary(corpus, registry).set_index("report_id")
    rules = [rule.name for rule in cp.RULES]
    assert list(table.columns) == ["numbers", "claims", *rules, "unclassified"]
    assert (table["numbers"] == table[["claims", *rules, "unclassified"]].sum(axis=1)).all()
    assert table.loc["all", "numbers"] == len(classified)
    assert table.drop(index="all")["numbers"].sum() == len(classified)


def test_the_summary_reads_the_checked_registry_as_well(corpus: Corpus, registry: pd.DataFrame,
                                                       checked_claims: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(cp.summary(corpus, checked_claims), cp.summary(corpus, registry))


def test_a_range_of_years_read_as_a_negative_end_is_part_of_its_date() -> None:
    # the number reader takes "2014 -2015" as 2014 and -2015; a date claim on 2014 accounts for both
    assert cp._in_date(token("және 2014 -2015 жылдардағы Ресейдегі қаржылық дағдарыс", "-2015", lang="kk"))


def test_by_rule_accounts_for_every_number_once() -> None:
    summary = pd.DataFrame({"report_id": ["r", "all"], "numbers": [10, 10], "claims": [4, 4], "url_or_id": [6, 6],
                            "name": [0, 0], "unclassified": [0, 0]})
    table = cp.by_rule(summary)
    assert table["status"].tolist() == ["claims", "url_or_id", "unclassified"]
    assert table["numbers"].sum() == 10 and table.loc[0, "share"] == 0.4
