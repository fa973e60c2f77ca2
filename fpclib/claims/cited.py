"""The cited endnote as evidence, for every claim whose sentence cites one: a year the endnote gives, a day and
month it dates, or a count it states with the same unit word, makes the evidence hold; a count the endnote states
for the same noun that differs from the text's makes it fail.

The figure must stand in the endnote's own words: digits inside URLs, access dates ("Accessed 12 May 2021"), page,
paragraph and document numbers ("p. 12", "No. 45", "A/HRC/44/9") are left out, so that a figure matched by chance
does not count as evidence. A small count (ten or less) needs its unit word right after it; a larger one, its unit
word in the same source of the endnote. The quote of a claim that stands in the endnote itself is the endnote, not
evidence for it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any, NamedTuple

import pandas as pd

from fpclib.claims.verdict import Verdict
from fpclib.numbers import numbers_in
from fpclib.reference.datasets import MONTH_NAMES

#: Month names (English, Russian and Kyrgyz, Kazakh) by the start that identifies them, and their number.
MONTHS: dict[str, int] = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10,
    "nov": 11, "dec": 12, "январ": 1, "феврал": 2, "март": 3, "апрел": 4, "ма": 5, "июн": 6, "июл": 7,
    "август": 8, "сентябр": 9, "октябр": 10, "ноябр": 11, "декабр": 12, "қаңтар": 1, "ақпан": 2, "наурыз": 3,
    "сәуір": 4, "мамыр": 5, "маусым": 6, "шілде": 7, "тамыз": 8, "қыркүйек": 9, "қазан": 10, "қараша": 11,
    "желтоқсан": 12,
}
_MONTH = (r"(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|"
          r"apr|jun|jul|aug|sept?|oct|nov|dec|январ\w*|феврал\w*|март\w*|апрел\w*|ма[йяе]|июн\w*|июл\w*|август\w*|"
          r"сентябр\w*|октябр\w*|ноябр\w*|декабр\w*|қаңтар\w*|ақпан\w*|наурыз\w*|сәуір\w*|мамыр\w*|маусым\w*|"
          r"шілде\w*|тамыз\w*|қыркүйек\w*|қазан\w*|қараша\w*|желтоқсан\w*)")
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|-го|-ші|-сі|-чи|-сы)?"
#: A day and month: "4 October", "October 4th", "4th of October", "April the 16th", "4 октября", "4/10/2020".
_DAY_MONTH = re.compile(
    rf"(?<![\w/.]){_DAY}\s*(?:of\s+)?(?P<month>{_MONTH})\b|(?P<month2>{_MONTH})\.?\s+(?:the\s+)?"
    rf"(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?(?![\d/])|(?<![\w/.])(?P<day3>[0-3]?\d)[/.](?P<month3>[01]?\d)[/.](?:19|20)\d\d",
    re.IGNORECASE)
_MONTH_YEAR = re.compile(
    rf"(?<!\w)(?P<month>{_MONTH})\.?,?\s+(?:(?:the\s+)?[0-3]?\d(?:st|nd|rd|th)?,?\s+)?(?P<year>(?:19|20)\d\d)(?!\d)"
    rf"|(?<!\d)(?P<year2>(?:19|20)\d\d)(?:-?\s*(?:жылы|жылдың|жылдын|жылғы|жылгы|жыл|года|году|год|г\.))?\s+"
    rf"(?:[0-3]?\d\s*-?\w*\s+)?(?P<month2>{_MONTH})(?!\w)"
    rf"|(?<![\w/.])[0-3]?\d[/.](?P<month3>[01]?\d)[/.](?P<year3>(?:19|20)\d\d)(?!\d)",
    re.IGNORECASE)
#: A year that is one end of a range ("2019-2021", "2014-17", "2018–2022").
_RANGE = re.compile(r"(?:19|20)\d\d\s*[-–]\s*\d{2,4}(?!\d)|(?<!\d)\d{2,4}\s*[-–]\s*(?:19|20)\d\d(?!\d)")
#: Where an endnote's digits are not its figures: URLs and bare domains, access dates, pages, paragraphs,
#: document numbers and codes.
_NOT_FIGURES = re.compile(
    r"(?:https?://|www\.)\S+|\S*(?:#:~:text=|%20)\S*|(?<!\w)\w+\.(?:kg|kz|tj|uz|ru|com|org|net|info)\b"
    r"|(?:last\s+)?(?:accessed|retrieved|viewed|visited|дата обращения|просмотрено)(?:\s+on)?:?\s*[^;]*?(?:19|20)\d\d"
    r"|\b(?:pp?|paras?|vol|no|nos|art|стр|с|ст|п)\.\s*\d[\d\-–,]*|\b(?:pages?|paragraphs?|volume|issue|article|"
    r"section|chapter|annex|item|resolution)\s+\d[\d\-–,]*|№\s*\d+|\b[A-Z]+(?:/[\w.]+)+|\d+(?:[/.]\d+){2,}",
    re.IGNORECASE)
_URLS = re.compile(r"(?:https?://|www\.)\S+|\S*(?:#:~:text=|%20)\S*")
_YEAR = re.compile(r"(?<![\d/.-])(?P<year>(?:1[89]|20)\d\d)(?![\d/])")
_WORD = re.compile(r"[^\W\d_]{3,}|%|\$|£|€")
#: Words that say nothing about what a figure counts.
_STOP = frozenset({"the", "and", "for", "from", "with", "were", "was", "been", "more", "than", "about", "over",
                   "some", "almost", "nearly", "least", "out", "into", "per", "had", "has", "have", "that", "this",
                   "its", "their", "his", "her", "who", "which", "only", "another", "further", "other", "new", "just",
                   "around", "under", "also", "still", "после", "более", "около", "всего", "чем", "для", "его",
                   "are", "not", "all", "after", "before", "since", "between"})
#: Unit words that name the same thing (lower-case starts), so "12 лет" matches "12 годам" and "$3,000" USD.
_SAME = (("year", "лет", "год", "жыл"), ("percent", "per cent", "%", "процент", "пайыз"),
         ("usd", "dollar", "$", "доллар"), ("gbp", "pound", "£", "фунт"), ("eur", "euro", "€", "евро"),
         ("kgs", "som", "сом"), ("people", "person", "individual", "человек", "адам"))


class _Note(NamedTuple):
    number: int
    text: str
    masked: str
    name: str


def _note(claim: Any, notes: Mapping[tuple[str, int], str], later: int | None) -> _Note | None:
    """The endnote the claim's sentence cites (else its registered ``note``, else ``later``, the first cited after
    it in its paragraph), with its non-figures blanked and how a reason names it."""
    number = next((int(c) for c in (claim.cited_note, getattr(claim, "note", None))
                   if c is not None and not pd.isna(c) and c != ""), None)
    name = f"note {number}"
    if number is None and later is not None:
        number, name = later, f"note {later}, cited later in the paragraph"
    text = notes.get((claim.pub_id, number)) if number is not None else None
    if text is None or number is None:
        return None
    return _Note(number, text, mask(text), name)


def mask(text: str) -> str:
    """``text`` with every span whose digits are not figures (URLs, access dates, pages, document numbers)
    blanked, keeping the length so positions still point into the text.

    >>> mask("Forum 18, p. 12, https://x.org/2021/5, 134 cases, Accessed 3 May 2021").split()
    ['Forum', '18,', '134', 'cases,']
    """
    return _NOT_FIGURES.sub(lambda m: " " * len(m.group(0)), text)


def _excerpt(text: str, start: int, end: int, width: int = 45) -> str:
    """The endnote's words around ``text[start:end]``, within the source (``;``-separated) that holds it, without
    its URLs.

    >>> _excerpt("A. Writer, Detained, 24.kg, September 2020, https://24.kg/x", 28, 42, width=20)
    '… Detained, 24.kg, September 2020'
    """
    plain = _URLS.sub(lambda m: " " * len(m.group(0)), text)
    left = plain.rfind(";", 0, start) + 1
    right = plain.find(";", end)
    right = len(plain) if right < 0 else right
    a, b = max(left, start - width), min(right, end + width)
    if a > left:
        a = plain.find(" ", a, start) + 1 or a
    if b < right and plain.rfind(" ", end, b) > end:
        b = plain.rfind(" ", end, b)
    words = re.sub(r"\s+", " ", plain[a:b]).strip(" ,")
    more = plain[b:right].strip(" ,.;")
    return f"{'… ' if plain[left:a].strip() else ''}{words}{' …' if more else ''}"


def _source_of(text: str, start: int) -> str:
    """The source (one of the ``;``-separated references) of an endnote that holds position ``start``."""
    left = text.rfind(";", 0, start) + 1
    right = text.find(";", start)
    return text[left:len(text) if right < 0 else right]


def _stems(words: list[str]) -> set[str]:
    """What some words name: their five-letter starts, and the group of each unit word (:data:`_SAME`).

    >>> sorted(_stems(["years", "the", "jail"]))
    ['jail', 'year', 'years']
    """
    found = set()
    for word in (w.lower() for w in words):
        if word in _STOP:
            continue
        found.add(word[:5])
        found.update(group[0] for group in _SAME if any(word.startswith(g) for g in group))
    return found


def _unit_words(claim: Any) -> set[str]:
    """What the claim's figure counts: its unit and the words right after the figure in the quote."""
    words = _WORD.findall(str(claim.unit))
    for number in numbers_in(claim.quote, claim.lang):
        if _close(number.value, claim.value) or _close(number.scaled, claim.magnitude):
            words += _WORD.findall(claim.quote[max(0, number.start - 2):number.start])
            words += _WORD.findall(claim.quote[number.end:])[:2]
    return _stems([w for w in words if w.lower() not in ("thousand", "million", "billion", "tens", "hundreds")])


def _close(a: float, b: float) -> bool:
    return not pd.isna(a) and not pd.isna(b) and math.isclose(a, b, rel_tol=1e-6)


def _is_year(claim: Any) -> bool:
    return claim.unit in ("year", "date") and claim.value == int(claim.value) and 1800 <= claim.value <= 2100


def _is_day(claim: Any) -> bool:
    return claim.unit == "date" and claim.value == int(claim.value) and 1 <= claim.value <= 31


def month_of(match: re.Match[str]) -> int | None:
    """The month a :data:`_DAY_MONTH` match names (by name or number)."""
    if match.group("month3"):
        return int(match.group("month3"))
    return _month_number(match.group("month") or match.group("month2"))


def _month_number(name: str) -> int | None:
    """The number of a month by its name in any of the four languages ("Sept" 9, "қарашасында" 11)."""
    lower = name.lower()
    return next((n for start, n in sorted(MONTHS.items(), key=lambda kv: -len(kv[0])) if lower.startswith(start)),
                None)


def _day_month(text: str, day: int) -> list[tuple[int, re.Match[str]]]:
    """Every day-and-month in ``text`` for that day, with its month."""
    found = []
    for match in _DAY_MONTH.finditer(text):
        stated = match.group("day") or match.group("day2") or match.group("day3")
        month = month_of(match)
        if int(stated) == day and month is not None and 1 <= month <= 12:
            found.append((month, match))
    return found


def check_cited(claim: Any, notes: Mapping[tuple[str, int], str], later: int | None = None) -> Verdict:
    """The claim's figure against the endnote its sentence cites (or, when it cites none, ``later``, the first
    endnote cited after it in its paragraph): ``consistent`` when the endnote gives the year,
    the day and month, or the count with its unit word; ``discrepancy`` when it states another count of the same
    noun and not the text's; else ``unverifiable``."""
    if isinstance(getattr(claim, "note_id", None), str) or claim.unit in ("decade", "century", "status"):
        return Verdict("unverifiable", "")
    note = _note(claim, notes, later)
    if note is None:
        return Verdict("unverifiable", "")
    if _is_year(claim):
        return _year(claim, note)
    if _is_day(claim):
        return _day(claim, note)
    if claim.unit in ("year", "date"):
        return Verdict("unverifiable", "")
    return _count(claim, note)


def month_years(text: str) -> list[tuple[int, int, int, int]]:
    """Every month and year written together in ``text``: month, year, start, end.

    >>> [m[:2] for m in month_years("released in February 2021; 2020 жылдың қарашасында; 4/10/2020")]
    [(2, 2021), (11, 2020), (10, 2020)]
    """
    found = []
    for match in _MONTH_YEAR.finditer(text):
        if match.group("month3"):
            month = int(match.group("month3"))
        else:
            month = _month_number(match.group("month") or match.group("month2"))
        year = int(match.group("year") or match.group("year2") or match.group("year3"))
        if month is not None and 1 <= month <= 12:
            found.append((month, year, match.start(), match.end()))
    return found


def months_of(text: str, year: float) -> set[int]:
    """The months ``text`` gives ``year``.

    >>> sorted(months_of("held in July 2019, not in June 2020", 2019))
    [7]
    >>> sorted(months_of("в марте 2020 года и в апреле 2020 года", 2020))
    [3, 4]
    """
    return {month for month, stated, _, _ in month_years(text) if stated == year}


def month_names(months: set[int], year: float) -> str:
    """Months of a year in words, in order.

    >>> month_names({11, 9}, 2020)
    'September 2020, November 2020'
    """
    return ", ".join(f"{MONTH_NAMES[month - 1]} {year:g}" for month in sorted(months))


def _year(claim: Any, note: _Note) -> Verdict:
    """A year: one end of a range never; one the quote gives with its month, only when the endnote gives that
    month and year; else the year anywhere in the endnote's words, in an endnote that cites a source (a URL)."""
    year = int(claim.value)
    if any(str(year) in m.group(0) for m in _RANGE.finditer(claim.quote)):
        return Verdict("unverifiable", "")
    months = months_of(claim.quote, year)
    if months:
        plain = _URLS.sub(lambda m: " " * len(m.group(0)), note.text)
        for month, stated, start, end in month_years(plain):
            numeric = re.fullmatch(r"[\d/.]+", plain[start:end]) is not None
            if stated == year and month in months and (numeric or not note.masked[start:end].isspace()):
                return Verdict("consistent", f'{note.name} ("{_excerpt(note.text, start, end)}") '
                                             f"gives {month_names({month}, year)}")
        return Verdict("unverifiable", "")
    if not _URLS.search(note.text):
        return Verdict("unverifiable", "")
    for match in _YEAR.finditer(note.masked):
        if int(match.group("year")) == year:
            return Verdict("consistent", f'{note.name} ("{_excerpt(note.text, match.start(), match.end())}") '
                                         f"gives {year}")
    return Verdict("unverifiable", "")


def _day(claim: Any, note: _Note) -> Verdict:
    day = int(claim.value)
    mine = {month for month, _ in _day_month(claim.quote, day)} or {m for m, _ in _day_month(claim.what, day)}
    for month, match in _day_month(_URLS.sub(lambda m: " " * len(m.group(0)), note.text), day):
        if month in mine and (match.group("day3") or not note.masked[match.start():match.end()].isspace()):
            return Verdict("consistent", f'{note.name} ("{_excerpt(note.text, match.start(), match.end())}") '
                                         f"dates it {day} {MONTH_NAMES[month - 1]}")
    return Verdict("unverifiable", "")


def _count(claim: Any, note: _Note) -> Verdict:
    wanted = _unit_words(claim)
    figures = [n for n in numbers_in(note.masked, claim.lang)
               if not (n.value == int(n.value) and 1800 <= n.value <= 2100 and n.written.isdigit())]
    for number in figures:
        if not (_close(number.value, claim.value) or _close(number.scaled, claim.magnitude)):
            continue
        after = _WORD.findall(note.masked[number.end:number.end + 40])
        before = _WORD.findall(note.masked[max(0, number.start - 2):number.start])
        near = _stems(before + after[:1]) if claim.value <= 10 else _stems(before + after[:3])
        if claim.value > 10 and not near & wanted:
            near = _stems(_WORD.findall(_source_of(note.masked, number.start)))
        if near & wanted:
            return Verdict("consistent", f'{note.name} ("{_excerpt(note.text, number.start, number.end)}") '
                                         f"states {claim.value:g}")
    noun = _nouns_after(claim.quote, claim.lang, claim.value)
    if len(noun) < 2 or claim.unit == "rank" or claim.value <= 10:
        return Verdict("unverifiable", "")
    for number in figures:
        if number.value > 10 and _nouns_after(note.masked, claim.lang, number.value, number.start) == noun:
            return Verdict("discrepancy", f'{note.name} ("{_excerpt(note.text, number.start, number.end)}") '
                                          f"states {number.value:g}, the text {claim.value:g}")
    return Verdict("unverifiable", "")


def _nouns_after(text: str, lang: str, value: float, start: int = 0) -> tuple[str, ...]:
    """The five-letter starts of the two words right after a figure, when they are words of at least four
    letters and the figure is not one end of a range ("139 administrative cases" -> ``("admin", "cases")``).

    >>> _nouns_after("with 139 administrative cases reported", "en", 139)
    ('admin', 'cases')
    >>> _nouns_after("between 30-50 per cent of income", "en", 30)
    ()
    """
    for number in numbers_in(text[start:], lang):
        if _close(number.value, value):
            rest = text[start + number.end:start + number.end + 40]
            if re.match(r"\s*(?:[-–]|to\b|and\b|or\b|до\b|и\b)", rest):
                return ()
            words = _WORD.findall(rest)[:2]
            return tuple(w.lower()[:5] for w in words) if all(len(w) >= 4 for w in words) else ()
    return ()
