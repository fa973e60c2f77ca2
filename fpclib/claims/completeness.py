"""Is the registry complete? Every number in every block and endnote is a registered claim or named by a rule.

:func:`tokens` lists each number the text states (digits, number words, fractions and ordinals, through
:func:`~fpclib.numbers.numbers_in`), one row per place; :func:`classify` marks each as a ``claim`` (a
located claim's quote covers it and the claim's value is one of its readings) or by the first rule of
:data:`RULES` that holds (an endnote marker, list numbering, an article of a law, a date inside a citation, ...),
and leaves the rest ``unclassified``; :func:`summary` counts them per report for the corpus chapter.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from fpclib.claims.locate import locate
from fpclib.claims.registry import COLUMNS
from fpclib.corpus.build import Corpus
from fpclib.numbers import numbers_in

TOKEN_COLUMNS = ["report_id", "pub_id", "lang", "place", "block_id", "note_id", "kind", "start", "end", "written",
                 "value", "readings", "text"]


@dataclass(frozen=True)
class Token:
    """One number in its text: where it stands (``text[start:end]``), the kind of block, and its readings."""

    text: str
    start: int
    end: int
    written: str
    readings: tuple[float, ...]
    place: str
    kind: str
    lang: str
    duplicate: bool = False


@dataclass(frozen=True)
class Rule:
    """A named reason why a number is not a claim."""

    name: str
    description: str
    holds: Callable[[Token], bool]


_MONTHS = (r"January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|"
           r"Aug|Sept?|Oct|Nov|Dec|январ\w*|феврал\w*|март\w*|апрел\w*|ма[йяе]\w*|июн\w*|июл\w*|август\w*|"
           r"сентябр\w*|октябр\w*|ноябр\w*|декабр\w*|қаңтар\w*|ақпан\w*|наурыз\w*|сәуір\w*|мамыр\w*|маусым\w*|"
           r"шілде\w*|тамыз\w*|қыркүйек\w*|қазан\w*|қараша\w*|желтоқсан\w*|январь\w*|февраль\w*|апрель\w*|"
           r"июнь\w*|июль\w*|октябрь\w*|ноябрь\w*|декабрь\w*")
#: A URL, with a text fragment that may hold spaces ("#:~:text=The%20Kumtor...") and a bare domain ("24.kg").
_URL = re.compile(r"(?:https?://|www\.)\S+|\S*(?:#:~:text=|%20)\S*|(?<!\w)\w+\.(?:kg|kz|tj|uz|ru|com|org)\b",
                  re.IGNORECASE)
#: A document id or code: "A/HRC/44/9", "CCPR/C/KAZ/CO/2", "No. 123", "№ 45", "ISBN 978-...", "ст. 3-1".
_ID = re.compile(
    r"(?<!\w)(?:[A-Za-zА-Яа-я]+[/.]?\d*/[\w/.-]*\d[\w/.-]*|[A-Z]+\d*-[A-Z]+\d*-\d+/\d+|(?:No|Nos|Nr|№|N°|ISBN|ISSN|doi|DOI)\.?\s*:?\s*[\d\w/.-]*\d"
    r"[\d\w/.-]*|\d+(?:/\d+){2,})",
)
_PAGE = re.compile(r"(?:(?<!\w)(?:p|pp|page|pages|para|paras|стр|бб|бет)\.?\s*$|(?<!\w)(?:с|б)\.\s*$|"
                   r"(?:\(\d{4}\)|,\d{4}):\s*(?:\d+-)?$|(?<!\w)(?:pp|p|стр|бб)\.?\s*\d+[-–]$)", re.IGNORECASE)
_PAGE_AFTER = re.compile(r"^\s*-?(?:бет|бетте|беттер|бб|б\.|pp\b)", re.IGNORECASE)
_ARTICLE = re.compile(
    r"(?:(?<!\w)(?:Articles?|Art|Sections?|Clauses?|Chapters?|Parts?|Paragraphs?|Resolutions?|Protocol|Laws?\s+No|"
    r"стать[яиейю]|ст|част[ьи]|пункт[аеу]?|раздел\w*|глав[аыеу]|закон[аеу]?\s+№|резолюци[яие]|бабы|бап|тарау)\.?"
    r"(?:\s+\d+(?:\.\s?\d+)*[,.\s]*(?:and|and\s+|и|және|жана|or|-|–)?)*\s*$)",
    re.IGNORECASE,
)
_ARTICLE_AFTER = re.compile(r"^(?:\s+(?:және|жана|и|and)\s+\d+)?(?:\.\d+)*\s*-?(?:бап|бабы|бабын|бабына|бабында|"
                            r"бабымен|берене\w*|статья\w*|тармақ\w*|пункт\w*|тарау\w*|глава\w*)", re.IGNORECASE)
_LIST_START = re.compile(r"^\s*(?:\(?[\divxIVX]+[.)]|\d+(?:\.\d+)+)(?:\s|$)")
_ITEM = re.compile(r"(?:\b(?:tests?|goals?|SDGs?|recommendations?|tiers?|rounds?|pillars?|options?|steps?|"
                   r"stages?|phases?|principles?|questions?|annex|appendix|figure|table|box|"
                   r"Sustainable Development,|Иш-аракет\s+пла\w*)\s+(?:\d+\s*(?:,|and|or)\s*)*)$",
                   re.IGNORECASE)
_MARKER = re.compile(r"^\[\d+\]|^\d+\]")
#: Names that hold a number: "COVID-19", "G7", "G20", "P5", "Article 19" (the NGO), "Vision 2050", "Agenda 2030",
#: "Freedom in the World 2021", "Nations in Transit 2020", "Kazakhstan-2050", "COP26", "5G", "Expo 2017".
_NAME_BEFORE = re.compile(
    r"(?:COVID|Covid|КОВИД|SARS-CoV|G|P|COP|UN|Article|Vision|Agenda|Strategy|Стратеги\w*|Programme|Program|"
    r"Forum|Soft Power|Group of|Group|FHI|Tier|D-|ARTICLE|ARTICLR|АРТИКЛЬ|post-\d+/|Nord ?[Ss]tream|Number|"
    r"Democracies-|Session|Rule|Action Plan|SDG|Raiym|Rayima|\b\d+/|Expo|EXPO|ЭКСПО|Freedom in the World|"
    r"Freedom on the Net|Nations in Transit|FIW|NIT|Index|Report|Census|Games|"
    r"Kazakhstan|Казахстан|Қазақстан|Tajikistan|Таджикистан|Kyrgyzstan|Manifesto|Review|World Report|"
    r"Democracy Index|Press Freedom Index|Brotherhood)[\s-]?$"
)
#: Names spelled out in the translations: "Ковид-19", "Группа 24", "19-Макала" (Article 19), "Кырк Чоро" (the
#: Forty Knights), "правило 39" (Rule 39 of the European Court).
_NAMES = re.compile(r"Ковид-19|Групп\w*\s+24|19-Макала|Кырк\s+Чоро|правил\w*\s+39", re.IGNORECASE)
_NAME_AFTER = re.compile(r"^(?:G\b|-?(?:Strategy|Programme|Vision|Agenda)|\s+Downing|\s+Knights|\s+Eyes|/\d+|"
                         r"\s+(?:Russian\s+)?military\s+base)",
                         re.IGNORECASE)
_YEAR_OF_NAME = re.compile(
    r"^\s*(?:Strategy|Programme|Program|Agenda|Vision|Manifesto|Census|Olympics|Games|Expo|Integrated Review|"
    r"Spending Review|Index|Report|edition|Action Plan|National Action Plan|Elections? Observation|Budget|"
    r"Law|Act|Constitution|Concept|Conference|Summit|Forum|Global Peace Index|Parliament|Conservative-Liberal|"
    r"жылдардын\s+(?:консерватив|Парламент))",
    re.IGNORECASE,
)
_DATE_AROUND = re.compile(rf"(?:(?:{_MONTHS})\s*$)", re.IGNORECASE)
_DATE_AFTER = re.compile(rf"^(?:st|nd|rd|th|-го)?[\s-]*(?:of\s+)?(?:{_MONTHS})\b", re.IGNORECASE)
_TIME = re.compile(r"^[:.]\d\d\b|^\s*(?:am|pm|a\.m\.|p\.m\.)(?!\w)", re.IGNORECASE)


def _spans(pattern: re.Pattern[str], token: Token) -> bool:
    """True if a match of ``pattern`` in the token's text covers the token."""
    return any(m.start() <= token.start and token.end <= m.end() for m in pattern.finditer(token.text))


def _before(token: Token, width: int = 40) -> str:
    return token.text[max(0, token.start - width):token.start]


def _after(token: Token, width: int = 40) -> str:
    return token.text[token.end:token.end + width]


def _is_year(token: Token) -> bool:
    """A four-digit figure between 1800 and 2039, as written ("2019", "2019-жылы", "1990-шы")."""
    return bool(re.fullmatch(r"(1[89]\d\d|20[0-3]\d)(?:-?\w{0,6})?", token.written))


def _range_end(token: Token) -> bool:
    """The two-digit end of a range of years ("19" in "2017-19")."""
    return bool(re.fullmatch(r"\d\d", token.written) and re.search(r"\b(?:19|20)\d\d[-–]$", _before(token, 6)))


def _date_part(token: Token) -> bool:
    """A day, month or year written as part of a calendar date ("12 March 2021", "March 2021", "12.03.2021")."""
    before, after = _before(token, 25), _after(token, 25)
    if _DATE_AROUND.search(before) or _DATE_AFTER.match(after):
        return True
    return bool(re.search(r"(?<![\d.])\d{1,2}[./]$", before) or re.match(r"^[./]\d{1,2}[./]\d{2,4}\b", after)
                or (re.fullmatch(r"\d{1,2}\.\d{2}", token.written) and re.match(r"^\.\d{4}\b", after)))


def _in_date(token: Token) -> bool:
    """A day, month, year or half of a calendar date ("12 March 2021", "the first half of 2019", "2014-15"): a
    claim whose unit is ``date`` accounts for every such part of its quote."""
    ordinal_day = re.fullmatch(r"(?:[1-9]|[12]\d|3[01])(?:st|nd|rd|th|-?(?:го|е|я))", token.written) is not None
    return (_is_year(token) or _date_part(token) or ordinal_day
            or bool(re.search(r"\d{4}\s?[-–/]\s?$", _before(token, 8)))
            or bool(re.fullmatch(r"[-–]\d{4}", token.written) and re.search(r"\d{4}\s?$", _before(token, 6)))
            or bool(re.match(r"^\s+(?:half|quarter|половин\w*|жарым\w*)\s+(?:of\s+)?\d{4}", _after(token, 24)))
            or bool(_HALF.fullmatch(token.written) and re.match(r"^\s+(?:of\s+)?\d{4}\b", _after(token, 8)))
            or bool(_DAY_RANGE.match(_after(token, 30))))


_HALF = re.compile(r"half|половин\w*|жарым\w*", re.IGNORECASE)
#: The first day of a range of days: "20th-24th March", "с 20 по 24 марта", "10 жана 14-октябрь".
_DAY_RANGE = re.compile(
    rf"^(?:st|nd|rd|th)?\s*(?:по|-|–|and|и|жана|және)\s*\d{{1,2}}(?:st|nd|rd|th)?[\s-]*(?:{_MONTHS})", re.IGNORECASE)


def _citation_date(token: Token) -> bool:
    """A year or date inside an endnote's reference (publication or access date, a dated title, the end of a
    range of years such as "2010-2050")."""
    return token.place == "note" and (_is_year(token) or _date_part(token) or bool(
        re.fullmatch(r"20\d\d", token.written) and re.search(r"\b(?:19|20)\d\d\s?[-–]\s?$", _before(token, 8))))


_DETAIL_BEFORE = re.compile(r"(?:Vol(?:ume)?|Issue|Iss|No|Series|Edition|Supplement)\.?\s*:?\s*$", re.IGNORECASE)
_DETAIL_AFTER = re.compile(r"^(?:st|nd|rd|th)?\s+(?:Session|session|edition|Edition|Meeting|meeting)\b|^\s*\(\d+\)|"
                           r"^,\d{4}:|^(?:-я|-й)?\s*-?(?:отуруму|сесси|айлампа)|^\s+номерлүү")


def _citation_detail(token: Token) -> bool:
    """Inside an endnote: a volume, issue or session number of the cited document ("Volume 684", "12 (1)",
    "39th Session")."""
    return token.place == "note" and bool(_DETAIL_BEFORE.search(_before(token, 12))
                                          or _DETAIL_AFTER.match(_after(token, 14)))


#: English "one" (and its Kazakh, Kyrgyz and Russian counterparts) as a pronoun or an indefinite article: "one of
#: the", "one another", "no one", "a human one", "One area ...", "бірі", "бири", "одним из".
_ONE_WORDS = re.compile(r"one|бірі\w*|бири\w*|бирин\w*|біреу\w*|одн\w+|один", re.IGNORECASE)
_ONE_AFTER = re.compile(
    r"^(?:\s+(?:of|another|by one|such|hand|who|that|which|where|way|day|or more|area|example|reason|difference|"
    r"thing|question|aspect|issue|problem|point|further|central|key|major|small|indicative|landmark|plank|"
    r"misstep|place|single|way|whose|ought|must|should|can|could|may|might|would|will)\b|[-—](?:sided|off)|\s*[.,;:)’”?!]|\s*$|\s+из\b)",
    re.IGNORECASE,
)
_ONE_BEFORE = re.compile(r"(?:\b(?:no|any|every|each|the|this|that|a|an|but|as|which|is|was|be|been|become|albeit|by|"
                         r"remains|all-?)\s+|\w+(?:al|ive|ed|ing|ful|ous|ic|er|an)\s+)$", re.IGNORECASE)


def _pronoun_one(token: Token) -> bool:
    """"One" as a pronoun or article, not a count (a counted "one Kazakh dead" is registered)."""
    if not _ONE_WORDS.fullmatch(token.written):
        return False
    if token.lang != "en":
        return token.written.lower() not in ("один", "одна", "одно") or bool(_ONE_AFTER.match(_after(token, 20)))
    return bool(_ONE_AFTER.match(_after(token, 20)) or _ONE_BEFORE.search(_before(token, 20)))


_ORDINAL_WORDS = re.compile(
    r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|firstly|secondly|first-\w+(?:-\w+)*|"
    r"бірінші\w*|екінші\w*|үшінші\w*|төртінші\w*|бесінші\w*|биринчи\w*|экинчи\w*|үчүнчү\w*|төртүнчү\w*|"
    r"первы\w+|втор\w+|трет\w+|четверт\w+",
    re.IGNORECASE,
)


def _ordinal_word(token: Token) -> bool:
    """An ordinal in words placing something in a sequence ("for the first time", "the second half", "First
    Secretary", "third countries"); a ranking that is a claim ("the ninth largest") is registered."""
    return bool(_ORDINAL_WORDS.fullmatch(token.written)) or (
        token.written.lower() == "half" and bool(re.search(r"\b(?:first|second)\s+$", _before(token, 10), re.I)))


_ANAPHORA = re.compile(r"(?:\b(?:the|these|those|latter|former|first|last|both)\s+)$", re.IGNORECASE)
_PAIR_WORDS = re.compile(r"two|екі\w*|екеу\w*|эки\w*|экөө\w*|двумя|двух|обе|оба|both", re.IGNORECASE)


def _anaphora(token: Token) -> bool:
    """"The two" pointing back at two things just named ("the two men", "between the two countries",
    "екеуі де", "экөө тең"), not a new count."""
    if not _PAIR_WORDS.fullmatch(token.written):
        return False
    after = _after(token, 8)
    return bool(_ANAPHORA.search(_before(token, 12)) or re.match(r"^\s+(?:де|да|тең)\b", after)
                or re.search(r"(?<!\w)между\s+$", _before(token, 8))
                or token.written.lower().startswith(("екеу", "экөө")))


#: Number words in fixed phrases that count nothing: "track two", "two-way", "fall between two stools", "not a
#: million miles", "zero-sum", "one-party", "double-hatted", "double bill", "first-past-the-post", "a third country"
#: (outside a union), "to one community than another", "one-sided", Kyrgyz "бир гана" (only) and "бир күндө" (on the
#: same day).
_IDIOMS = re.compile(r"track two|two[- ]way|between two stools|a million miles|zero-sum|one-party|double-hatted|"
                     r"double bill|first-past-the-post|once a quarter|net zero|zero accountability|one-sided|"
                     r"(?:a\s+)?third countr(?:y|ies)|"
                     r"(?:one|бір|бир)\s+\w+\s+(?:than|or|to|from)\s+another|бир\s+гана|бір\s+ғана|бир\s+күндө|"
                     r"бир\s+адамдын\s+бир\s+нече", re.IGNORECASE)


#: A note number the source page left inside a sentence, where no count is meant ("people with 10 disabilities").
_STRAY_MARK = re.compile(r"people with \d{1,2} disabilities")


RULES: tuple[Rule, ...] = (
    Rule("duplicate", "the publication is a second capture of another one, whose numbers are counted there",
         lambda t: t.duplicate),
    Rule("endnote_marker", "a note mark left in the text (\"[12]\")",
         lambda t: bool(_MARKER.match(t.text[max(0, t.start - 1):t.end + 1]))),
    Rule("stray_note_mark", "a note number the source left inside a sentence (\"people with 10 disabilities\")",
         lambda t: _spans(_STRAY_MARK, t)),
    Rule("url_or_id", "part of a URL or of a document id (\"A/HRC/44/9\", \"No. 123\", \"ISBN ...\")",
         lambda t: _spans(_URL, t) or _spans(_ID, t)),
    Rule("page_number", "a page or paragraph of a cited document (\"p. 12\", \"pp. 3-5\", \"12-бет\")",
         lambda t: bool(_PAGE.search(_before(t, 12)) or _PAGE_AFTER.match(_after(t, 10)))),
    Rule("law_article", "the number of an article, section, part or chapter of a law or treaty (\"Article 174\", "
         "\"статья 174\", \"174-бабы\")",
         lambda t: bool(_ARTICLE.search(_before(t, 60)) or _ARTICLE_AFTER.match(_after(t, 14)))),
    Rule("list_numbering", "the number of a list item or section (\"1.\", \"2)\", \"3.1\", \"seeks to: 1) manage\")",
         lambda t: (t.start <= 2 and bool(_LIST_START.match(t.text)))
         or bool(re.match(r"^\)", _after(t, 1)) and re.search(r"(?:^|[\s:;(])$", _before(t, 1)))),
    Rule("numbered_item", "an item named by its number: a test, goal, recommendation, tier, round or pillar "
         "(\"test 2\", \"Goal 16\", \"Tier 1\")",
         lambda t: bool(_ITEM.search(_before(t, 30)))),
    Rule("name", "a number inside a name (\"COVID-19\", \"G7\", \"Article 19\", \"Vision 2050\", \"FIW 2021\")",
         lambda t: bool(_NAME_BEFORE.search(_before(t, 30)) or _NAME_AFTER.match(_after(t, 24))) or _spans(_NAMES, t)),
    Rule("year_as_name", "a year that names something rather than dating an event (\"the 2020 programme\", "
         "\"the 2019 Manifesto\", \"the 2017-19 Parliament\")",
         lambda t: (_is_year(t) or _range_end(t)) and bool(_YEAR_OF_NAME.match(_after(t, 30)))),
    Rule("heading_period", "a year or period that titles a section (\"2005- 2020\", \"October 2020 onwards\")",
         lambda t: t.kind == "heading" and _is_year(t) and len(t.text) <= 60),
    Rule("time_of_day", "a clock time (\"10:30\", \"9 pm\", \"саат үчтө\")",
         lambda t: bool(_TIME.match(_after(t, 6)) or re.search(r"(?<!\w)саат\s+$", _before(t, 8)))),
    Rule("citation_date", "a year or date inside an endnote's reference (when the cited work was published or "
         "read)", _citation_date),
    Rule("citation_detail", "inside an endnote's reference: a volume, issue or session number", _citation_detail),
    Rule("idiom", "a number word in a fixed phrase (\"track two\", \"two-way\", \"zero-sum\", \"one-party\")",
         lambda t: _spans(_IDIOMS, t)),
    Rule("pronoun_one", "\"one\" as a pronoun or article (\"one of the\", \"no one\", \"a human one\", \"бірі\")",
         _pronoun_one),
    Rule("ordinal_word", "an ordinal in words placing something in a sequence (\"for the first time\", \"the "
         "second half\")", _ordinal_word),
    Rule("anaphora", "\"the two\" pointing back at two things just named (\"the two men\", \"екеуі де\")", _anaphora),
)


def rule_for(token: Token) -> str | None:
    """The name of the first rule of :data:`RULES` that classifies ``token`` as not a claim, or None.

    >>> text = "See Article 174 of the Criminal Code, https://x.org/2021/5"
    >>> rule_for(Token(text, 12, 15, "174", (174.0,), "note", "note", "en"))
    'law_article'
    """
    return next((rule.name for rule in RULES if rule.holds(token)), None)


def tokens(corpus: Corpus) -> pd.DataFrame:
    """Every number of every block and endnote (:data:`TOKEN_COLUMNS`), one row per place in the text.

    Readings that start at the same place are one token (its ``readings`` keep each value and scaled value),
    and a number inside another's span ("13 тыс. 308") is part of it.
    """
    pubs = corpus.publications.set_index("pub_id")
    rows: list[dict[str, object]] = []
    places = [("block", b.pub_id, b.block_id, None, b.kind, b.text) for b in corpus.blocks.itertuples(index=False)]
    places += [("note", n.pub_id, None, n.note_id, "note", n.text) for n in corpus.notes.itertuples(index=False)]
    for place, pub_id, block_id, note_id, kind, text in places:
        lang = str(pubs.at[pub_id, "lang"])
        for start, end, written, readings in _numbers(text, lang):
            rows.append({"report_id": pubs.at[pub_id, "report_id"], "pub_id": pub_id, "lang": lang, "place": place,
                         "block_id": block_id, "note_id": note_id, "kind": kind, "start": start, "end": end,
                         "written": written, "value": readings[0], "readings": readings, "text": text})
    return pd.DataFrame(rows, columns=TOKEN_COLUMNS)


def _numbers(text: str, lang: str) -> list[tuple[int, int, str, tuple[float, ...]]]:
    """The numbers of one text as (start, end, written, readings), nested spans dropped."""
    at: dict[int, list] = {}
    for number in numbers_in(text, lang):
        at.setdefault(number.start, []).append(number)
    found: list[tuple[int, int, str, tuple[float, ...]]] = []
    for start, numbers in sorted(at.items()):
        if found and start < found[-1][1]:
            continue
        end = max(n.end for n in numbers)
        readings = tuple(dict.fromkeys(v for n in numbers for v in (n.value, n.scaled)))
        found.append((start, end, max((n.written for n in numbers), key=len), readings))
    return found


def classify(found: pd.DataFrame, located: pd.DataFrame, corpus: Corpus) -> pd.DataFrame:
    """``found`` (from :func:`tokens`) with ``status`` (``claim``, a rule's name, or ``unclassified``) and
    ``claim_id``.

    ``located`` is the registry after :func:`~fpclib.claims.locate.locate` (or :func:`check_claims`, whose
    ``block`` column is its ``block_id``): a token is a claim when the quote of a claim of its publication
    covers it in the block or note that holds the quote and the claim's value is one of its readings.
    """
    located = located.rename(columns={"block": "block_id"}) if "block_id" not in located else located
    quotes = _quote_spans(located, corpus)
    duplicate = set(corpus.publications.loc[corpus.publications["duplicate_of"].notna(), "pub_id"])
    statuses, claim_ids = [], []
    for row in found.itertuples(index=False):
        key = row.note_id if row.place == "note" else row.block_id
        token = Token(row.text, row.start, row.end, row.written, row.readings, row.place, row.kind, row.lang,
                      row.pub_id in duplicate)
        claim_id = next((cid for start, end, value, unit, cid in quotes.get(key, ())
                         if start <= row.start and row.end <= end
                         and (_matches(value, row.readings) or (unit == "date" and _in_date(token)))), None)
        if claim_id is not None:
            statuses.append("claim")
            claim_ids.append(claim_id)
            continue
        statuses.append(rule_for(token) or "unclassified")
        claim_ids.append(None)
    return found.assign(status=statuses, claim_id=claim_ids)


def _quote_spans(located: pd.DataFrame, corpus: Corpus) -> dict[str, list[tuple[int, int, float, str, str]]]:
    """Block or note id -> (start, end, value, unit, claim_id) of each located claim's quote, at its first place."""
    texts = dict(zip(corpus.blocks["block_id"], corpus.blocks["text"]))
    texts.update(zip(corpus.notes["note_id"], corpus.notes["text"]))
    note_ids = located["note_id"] if "note_id" in located else pd.Series([None] * len(located), index=located.index)
    spans: dict[str, list[tuple[int, int, float, str, str]]] = {}
    for claim_id, quote, value, magnitude, unit, block_id, note_id in zip(
            located["claim_id"], located["quote"], located["value"], located.get("magnitude", located["value"]),
            located["unit"], located["block_id"], note_ids):
        key = note_id if isinstance(note_id, str) else block_id
        text = texts.get(key) if isinstance(key, str) else None
        if text is None or quote not in text:
            continue
        start = text.index(quote)
        for figure in {value, magnitude}:
            spans.setdefault(key, []).append((start, start + len(quote), figure, unit, claim_id))
    return spans


def _matches(value: float, readings: tuple[float, ...]) -> bool:
    """True if a registered value is one of a token's readings (statuses without a value match any word).

    >>> _matches(2724900.0, (2724900.0,)), _matches(1.5, (1.5, 1.5e9)), _matches(3.0, (4.0,))
    (True, True, False)
    """
    return not pd.isna(value) and any(math.isclose(value, r, rel_tol=1e-3, abs_tol=1e-3) for r in readings)


def completeness(corpus: Corpus, claims: pd.DataFrame) -> pd.DataFrame:
    """Every number token classified (:func:`classify`), from the registry or an already located or checked one
    (located again when it does not say which endnote holds a quote)."""
    if "note_id" in claims and ("block_id" in claims or "block" in claims):
        located = claims
    else:
        located = locate(claims[[c for c in (*COLUMNS, "report_id") if c in claims]], corpus, errors="mark")
    return classify(tokens(corpus), located, corpus)


def summary(corpus: Corpus, checked_or_claims: pd.DataFrame) -> pd.DataFrame:
    """Per report: ``numbers`` seen, how many are ``claims``, one column per rule of :data:`RULES`, and
    ``unclassified``; a last row ``all`` sums them."""
    classified = completeness(corpus, checked_or_claims)
    counts = pd.crosstab(classified["report_id"], classified["status"])
    columns = ["claim", *(rule.name for rule in RULES), "unclassified"]
    counts = counts.reindex(columns=columns, fill_value=0)
    order = [r for r in corpus.reports["report_id"] if r in counts.index]
    table = counts.loc[order].rename(columns={"claim": "claims"})
    table.insert(0, "numbers", table.sum(axis=1))
    table.loc["all"] = table.sum()
    return table.reset_index(names="report_id").rename_axis(columns=None)


def by_rule(summary_table: pd.DataFrame) -> pd.DataFrame:
    """From :func:`summary`'s ``all`` row: how many numbers are claims and how many each rule classified, with the
    rule's description and share of all numbers, largest first (claims, then rules, then ``unclassified``)."""
    total = summary_table.set_index("report_id").loc["all"]
    described = {"claims": "a registered claim", **{r.name: r.description for r in RULES},
                 "unclassified": "neither a claim nor named by a rule (the build fails on any)"}
    rows = [(name, text, int(total.get(name, 0)), total.get(name, 0) / total["numbers"])
            for name, text in described.items()]
    table = pd.DataFrame(rows, columns=["status", "what it covers", "numbers", "share"])
    return table[(table["numbers"] > 0) | table["status"].isin(["claims", "unclassified"])].reset_index(drop=True)
