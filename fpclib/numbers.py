"""Find the numbers a sentence states, in digits or in words, in English, Russian, Kazakh and Kyrgyz.

Used by the claims registry so that a registered value is always read back out of the text: "2,724,900",
"1.5", "198th", "ten", "двух", "үш", "150,000-250,000" (two numbers). Scale words multiply what precedes
them ("1.5 billion" -> 1.5e9 as ``scaled``; ``value`` keeps 1.5, the figure as written).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Number words by language. Russian words are matched by stem (their case endings vary); see ``_RU_STEMS``.
EN: dict[str, float] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12, "half": 0.5,
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "twice": 2, "thrice": 3, "double": 2, "triple": 3,
}
KK: dict[str, float] = {
    "бір": 1, "екі": 2, "үш": 3, "төрт": 4, "бес": 5, "алты": 6, "жеті": 7, "сегіз": 8, "тоғыз": 9, "он": 10,
    "жиырма": 20, "отыз": 30, "қырық": 40, "елу": 50, "алпыс": 60, "жетпіс": 70, "сексен": 80, "тоқсан": 90,
    "жүз": 100, "мың": 1000,
}
KY: dict[str, float] = {
    "бир": 1, "эки": 2, "үч": 3, "төрт": 4, "беш": 5, "алты": 6, "жети": 7, "сегиз": 8, "тогуз": 9, "он": 10,
    "жыйырма": 20, "отуз": 30, "кырк": 40, "элүү": 50, "алтымыш": 60, "жетимиш": 70, "сексен": 80, "токсон": 90,
    "жүз": 100, "миң": 1000,
}
WORDS: dict[str, dict[str, float]] = {"en": EN, "kk": KK, "ky": KY, "ru": {}}
#: Ordinal endings of Kazakh and Kyrgyz number words ("үшінші" third, "экинчи" second).
_TURKIC_ORDINALS = (re.compile(r"н(?:шы|ші|чи|чы|чу|чү)$"), re.compile(r"(?:ы|і|и|у|ү)н(?:шы|ші|чи|чы|чу|чү)$"))
#: Russian stems (case endings vary): stem -> value. Longest stems are tried first.
_RU_STEMS: dict[str, float] = {
    "ноль": 0, "нол": 0, "один": 1, "одн": 1, "дв": 2, "тр": 3, "четыр": 4, "пят": 5, "шест": 6, "сем": 7,
    "восем": 8, "девят": 9, "десят": 10, "одиннадцат": 11, "двенадцат": 12, "тринадцат": 13, "четырнадцат": 14,
    "пятнадцат": 15, "шестнадцат": 16, "семнадцат": 17, "восемнадцат": 18, "девятнадцат": 19, "двадцат": 20,
    "тридцат": 30, "сорок": 40, "пятьдесят": 50, "шестьдесят": 60, "семьдесят": 70, "восемьдесят": 80,
    "девяносто": 90, "сто": 100, "двест": 200, "трист": 300,
}
_RU_WORD = re.compile(
    r"\b(?:один|одна|одно|одного|одной|одному|одним|два|две|двух|двум|двумя|три|трех|трёх|трем|тремя|четыре|четырех|"
    r"четырёх|пять|пяти|пятью|шесть|шести|семь|семи|восемь|восьми|девять|девяти|десять|десяти|"
    r"(?:одиннадцат|двенадцат|тринадцат|четырнадцат|пятнадцат|шестнадцат|семнадцат|восемнадцат|девятнадцат|"
    r"двадцат|тридцат)(?:ь|и|ью)|сорок|сорока|пятьдесят|пятидесяти|шестьдесят|семьдесят|восемьдесят|девяносто|"
    r"сто|ста|двести|двухсот|триста|трехсот)\b",
    re.IGNORECASE,
)
_RU_VALUES = {
    "одна": 1, "одно": 1, "две": 2, "двух": 2, "двум": 2, "двумя": 2, "два": 2, "три": 3, "трех": 3, "трёх": 3,
    "трем": 3, "тремя": 3, "четыре": 4, "четырех": 4, "четырёх": 4, "восьми": 8, "сорока": 40,
    "пятидесяти": 50, "ста": 100, "двести": 200, "двухсот": 200, "триста": 300, "трехсот": 300,
}
#: Scale words: figure as written times the scale gives ``scaled``.
SCALES: dict[str, float] = {
    "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "m": 1e6, "bn": 1e9, "k": 1e3,
    "тысяч": 1e3, "тыс": 1e3, "миллион": 1e6, "млн": 1e6, "миллиард": 1e9, "млрд": 1e9,
    "мың": 1e3, "миң": 1e3, "миллиондаган": 1e6,
}
_DIGITS = re.compile(
    r"(?<![\w.,])(?P<num>\d{1,3}(?:(?:,|\u00a0| |\u202f)\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?)"
    r"(?P<suffix>st|nd|rd|th|-?(?:ші|шы|сы|сі|чи|чы|нчи|нчы|инчи|ынчы|ый|ий|ой|го|ом|е|я|х|м))?(?![\d])",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)?", re.UNICODE)
_SCALE_AFTER = re.compile(r"\s*(?P<scale>thousand|million|billion|trillion|bn|m|k|тысяч\w*|тыс\.?|миллион\w*|млн\.?|"
                          r"миллиард\w*|млрд\.?|мың|миң)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Number:
    """A number found in a text: the figure as written, the scaled value, and where it stands."""

    value: float
    scaled: float
    start: int
    end: int
    written: str


#: English fractions written in words: "a third", "two thirds", "five and a half", "a decade and a half".
_FRACTION = re.compile(
    r"\b(?:(?P<unit>decade|century|year) and a half|(?P<whole>[a-z]+|\d+) and an? half|"
    r"(?P<count>a|one|two|three) (?P<part>half|third|thirds|quarter|quarters|fifth|fifths|tenth|tenths))\b",
    re.IGNORECASE,
)
_PARTS = {"half": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fifth": 5, "fifths": 5, "tenth": 10, "tenths": 10}


def numbers_in(text: str, lang: str | None = None) -> list[Number]:
    """Every number in ``text``, in order: digits (thousands separators, decimals, ordinals), number words
    of ``lang`` (``en``, ``ru``, ``kk``, ``ky``; all four when None) and English fractions in words."""
    found = [_digit_number(text, m) for m in _DIGITS.finditer(text)]
    if lang in (None, "en"):
        found += [n for n in (_fraction(m) for m in _FRACTION.finditer(text)) if n is not None]
    taken = [(n.start, n.end) for n in found]
    for m in _WORD.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        value = word_value(m.group(0), lang)
        if value is not None:
            found.append(_scaled(text, value, m.start(), m.end()))
    return sorted(found, key=lambda n: n.start)


def word_value(word: str, lang: str | None = None) -> float | None:
    """The value of one number word in ``lang`` (any of the four languages when None), or None."""
    lower = word.lower()
    for code in (lang,) if lang else tuple(WORDS):
        table = WORDS[code]
        if lower in table:
            return table[lower]
        if code == "en" and "-" in lower:
            tens, _, unit = lower.partition("-")
            if tens in table and unit in table and table[tens] >= 20 and table[unit] < 10:
                return table[tens] + table[unit]
        if code in ("kk", "ky"):
            for ordinal in _TURKIC_ORDINALS:
                stem = ordinal.sub("", lower)
                if stem != lower and stem in table:
                    return table[stem]
    if lang in (None, "ru") and _RU_WORD.fullmatch(lower):
        if lower in _RU_VALUES:
            return _RU_VALUES[lower]
        for stem in sorted(_RU_STEMS, key=len, reverse=True):
            if lower.startswith(stem):
                return _RU_STEMS[stem]
    return None


def _fraction(match: re.Match[str]) -> Number | None:
    """The value of a fraction in words, or None if its words are not numbers."""
    if match.group("unit"):
        value = 1.5
    elif match.group("part"):
        count = 1.0 if match.group("count").lower() in ("a", "one") else WORDS["en"][match.group("count").lower()]
        value = count / _PARTS[match.group("part").lower()]
    else:
        whole = match.group("whole")
        base = float(whole) if whole.isdigit() else WORDS["en"].get(whole.lower())
        if base is None:
            return None
        value = base + 0.5
    return Number(value, value, match.start(), match.end(), match.group(0))


def _digit_number(text: str, match: re.Match[str]) -> Number:
    """A number written in digits: ``2,724,900`` and ``2 724 900`` are thousands; ``1,5`` is a decimal comma."""
    raw = match.group("num")
    compact = re.sub(r"[\u00a0 \u202f]", "", raw)
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", compact):
        value = float(compact.replace(",", ""))
    else:
        value = float(compact.replace(",", "."))
    return _scaled(text, value, match.start("num"), match.end())


def _scaled(text: str, value: float, start: int, end: int) -> Number:
    """Attach a following scale word ("1.5 billion") to a number."""
    scale = _SCALE_AFTER.match(text, end)
    factor = 1.0
    if scale:
        word = scale.group("scale").lower().rstrip(".")
        factor = next((v for k, v in SCALES.items() if word.startswith(k) and (len(k) > 1 or word == k)), 1.0)
    return Number(value, value * factor, start, end, text[start:end])
