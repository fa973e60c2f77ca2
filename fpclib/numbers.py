"""Find the numbers a sentence states, in digits or in words, in English, Russian, Kazakh and Kyrgyz.

Used by the claims registry so that a registered value is always read back out of the text: "2,724,900",
"1.5", "198th", "(-2.6 per cent)", "ten", "ten-year", "двух", "троих", "три с половиной", "үш жарым",
"үчтөн бир", "tens of thousands", "150,000-250,000" (two numbers). A scale word multiplies what precedes it
("1.5 billion", "210 тыс."): ``value`` keeps the figure as written, ``scaled`` the product. Where a comma is
ambiguous ("372,350 млн" reads as 372.35 in Russian usage and as 372350 in English usage) both readings are
returned at the same place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

EN: dict[str, float] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000, "million": 1e6,
    "billion": 1e9, "dozen": 12, "half": 0.5, "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5,
    "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "twice": 2, "thrice": 3, "double": 2,
    "triple": 3, "hundreds": 100, "thousands": 1000, "millions": 1e6, "billions": 1e9, "dozens": 12,
}
KK: dict[str, float] = {
    "бір": 1, "екі": 2, "үш": 3, "төрт": 4, "бес": 5, "алты": 6, "жеті": 7, "сегіз": 8, "тоғыз": 9, "он": 10,
    "жиырма": 20, "отыз": 30, "қырық": 40, "елу": 50, "алпыс": 60, "жетпіс": 70, "сексен": 80, "тоқсан": 90,
    "жүз": 100, "мың": 1000, "онжылдық": 10, "біреу": 1, "екеу": 2, "үшеу": 3, "төртеу": 4, "бесеу": 5,
}
KY: dict[str, float] = {
    "бир": 1, "эки": 2, "үч": 3, "төрт": 4, "беш": 5, "алты": 6, "жети": 7, "сегиз": 8, "тогуз": 9, "он": 10,
    "жыйырма": 20, "отуз": 30, "кырк": 40, "элүү": 50, "алтымыш": 60, "жетимиш": 70, "сексен": 80, "токсон": 90,
    "жүз": 100, "миң": 1000, "экөө": 2, "үчөө": 3, "төртөө": 4, "бешөө": 5,
}
#: Russian forms, with the cases and collective forms the texts use.
RU: dict[str, float] = {
    "ноль": 0, "нуля": 0, "нулю": 0, "нулем": 0, "один": 1, "одна": 1, "одно": 1, "одного": 1, "одной": 1,
    "одному": 1, "одним": 1, "два": 2, "две": 2, "двух": 2, "двум": 2, "двумя": 2, "двое": 2, "двоих": 2,
    "три": 3, "трех": 3, "трёх": 3, "трем": 3, "тремя": 3, "трое": 3, "троих": 3, "четыре": 4, "четырех": 4,
    "четырёх": 4, "четверо": 4, "четверых": 4, "пять": 5, "пяти": 5, "пятеро": 5, "шесть": 6, "шести": 6,
    "семь": 7, "семи": 7, "восемь": 8, "восьми": 8, "девять": 9, "девяти": 9, "десять": 10, "десяти": 10,
    "двадцать": 20, "двадцати": 20, "тридцать": 30, "тридцати": 30, "сорок": 40, "сорока": 40, "пятьдесят": 50,
    "сто": 100, "ста": 100, "двести": 200, "триста": 300, "сотни": 100, "сотен": 100, "тысяча": 1000,
    "тысячи": 1000, "тысяч": 1000, "миллион": 1e6, "миллиона": 1e6, "миллионов": 1e6, "треть": 1 / 3,
    "трети": 1 / 3, "половина": 0.5, "половины": 0.5, "половину": 0.5, "половине": 0.5, "второй": 2, "вторым": 2,
    "второго": 2, "второе": 2, "третий": 3, "третьим": 3, "третьей": 3, "третьего": 3, "тройную": 3,
    "тройной": 3, "десятки": 10, "год": 1,
}
#: Russian compounds of a number stem and a unit ("девятилетняя", "двухгодичная", "восьмимесячному").
_RU_COMPOUND = re.compile(
    r"(?P<stem>одно|двух|трех|трёх|четырех|пяти|шести|семи|восьми|девяти|десяти|двадцати|тридцати|сорока|ста)"
    r"(?:лет|летн|месячн|годичн|кратн|дневн|недельн)\w*$"
)
#: Case and possessive endings of Kazakh and Kyrgyz number words ("жүзден", "екеуін", "миңдин", "үшінші").
_TURKIC_ENDINGS = re.compile(
    r"(?:ын|ін|ун|үн|н)?(?:шы|ші|чи|чы|чу|чү)|(?:ы|і|и|у|ү|сы|сі|сү|су)?(?:н|ны|ні|нү|ну)?"
    r"(?:ден|дан|тен|тан|нен|нан|дөн|дон|төн|тон|ге|ға|ке|қа|гә|го|гө|ко|кө|да|де|та|те|до|дө|то|тө|"
    r"ның|нің|дың|дің|тың|тің|дин|дын|тин|тын|дун|дүн|тун|түн|ны|ні|ды|ді|ты|ті|ду|дү|ту|тү)?"
)
LANGS: dict[str, dict[str, float]] = {"en": EN, "ru": RU, "kk": KK, "ky": KY}
#: Words that look like a number word with an ending but are not numbers: Kazakh "оның" (his), "үшін" and
#: Kyrgyz "үчүн" (for), "бірге" (together), "бірде" (once, sometimes), "бірден" (at once).
_NOT_NUMBERS = frozenset({"оның", "онда", "оны", "онан", "одан", "ондай", "ондо", "анын", "бірге", "бирге", "үшін",
                          "үчүн", "үчун", "бірде", "бирде", "бірден", "бирден"})
#: Words that start like a number word but name something else, with any ending: "алтын" (gold, "Алтын Орда"),
#: "Жетісу" (a region, "seven rivers").
_NOT_NUMBER_STEMS = re.compile(r"алтын|жетісу|жетису|жети-?суу", re.IGNORECASE)
#: Phrases whose number words are not numbers: "дүйнө жүзү", "дүние жүзі", "әлем жүзі" (the whole world), "іс
#: жүзінде", "иш жүзүндө" (in practice), "Ұлы/Орта/Кіші жүз" (the hordes), "(жүз / жүз)", "бири бирин" (each
#: other), "кээ бир", "ар бир", "әр бір" (some, each), "бирден бир" (the only), "эки тараптуу", "екі жақты"
#: (bilateral, not "екі жақтан", from both sides), "бир/бір жагынан" (on the one hand), "экинчи жагынан" (on the
#: other hand), "дагы/тағы бір" (another), "жүзүн ачкан" (showed the face of), and Russian "год" after a year
#: ("2020 год") or in "в год" (per year).
_NOT_NUMBER_PHRASES = re.compile(
    r"(?:дүйнө|дүние|әлем|іс|иш) жүз\w*|(?:Ұлы|Орта|Кіші|әр түрлі) жүз\w*|\(жүз / жүз\)|"
    r"(?<!\w)(?:бири|бирин) бир\w*|(?<!\w)(?:кээ|ар|әр) (?:бир|бір)\w*|(?<!\w)бирден бир\w*|"
    r"(?<!\w)(?:эки тараптуу|екі жақты)(?!\w)|(?<!\w)(?:бир|бір|экинчи|екінші) жа[гғ]ынан|(?<!\w)жүзүн ач|"
    r"(?<!\w)(?:дагы|тағы) (?:бир|бір)(?!\w)|\d\s+год(?!\w)|(?<!\w)в год(?!\w)",
    re.IGNORECASE,
)
#: "бір"/"бир" is an article ("a", "a certain") unless it counts a measure that follows it ("бір жыл", one year).
_ARTICLES = frozenset({"бір", "бир"})
_COUNTED_AFTER = re.compile(
    r"\s+(?:жыл|ай|күн|апта|жума|сағат|саат|минут|мың|миң|миллион|миллиард|млн|млрд|пайыз|адам|киши|рет|"
    r"жарым|ғана|гана)",
    re.IGNORECASE,
)
#: ... or when it follows another count in a list ("тоғыз дүнген мен бір қазақ", nine Dungans and one Kazakh).
_COUNT_BEFORE = re.compile(
    r"(?:\d|\b(?:екі|үш|төрт|бес|алты|жеті|сегіз|тоғыз|он|эки|үч|беш|жети|сегиз|тогуз))\s+\S+\s+"
    r"(?:мен|менен|және|жана)\s+$",
    re.IGNORECASE,
)
#: Phrases: value and the languages they belong to.
_PHRASES: tuple[tuple[re.Pattern[str], float, str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), value, langs)
    for pattern, value, langs in (
        (r"\btens of thousands\b", 1e4, "en"), (r"\bhundreds of thousands\b", 1e5, "en"),
        (r"\ba decade\b", 1, "en"), (r"\bдесятки тысяч\b", 1e4, "ru"), (r"\bсотни тысяч\b", 1e5, "ru"),
        (r"\b(?:одна|одной) десят(?:ая|ой)\b", 0.1, "ru"), (r"\b(?:одна|одной) пят(?:ая|ой)\b", 0.2, "ru"),
        (r"\b(?:одна|одной) четверт(?:ь|и)\b", 0.25, "ru"), (r"\bдве трети\b", 2 / 3, "ru"),
        (r"\bүчтөн бир\b", 1 / 3, "ky"), (r"\bүчтөн эки\b", 2 / 3, "ky"), (r"\bүштен бір\b", 1 / 3, "kk"),
        (r"\bүштен екі\b", 2 / 3, "kk"), (r"\bбір жарым\b", 1.5, "kk"), (r"\bбир жарым\b", 1.5, "ky"),
    )
)
#: "N and a half", "N с половиной", "N жарым": a number followed by a half.
_HALF_AFTER = re.compile(r"\s+(?:and (?:an? )?half|с половиной|жарым)\b", re.IGNORECASE)
#: English fractions: "a third", "two thirds", "one fifth", "a decade and a half".
_FRACTION = re.compile(
    r"\b(?:(?P<unit>decade|century|year) and a half|(?P<count>a|one|two|three) (?P<part>third|thirds|quarter|"
    r"quarters|fifth|fifths|tenth|tenths))\b",
    re.IGNORECASE,
)
_PARTS = {"third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fifth": 5, "fifths": 5, "tenth": 10, "tenths": 10}
_DIGITS = re.compile(
    r"(?:(?<=[(\s])(?P<sign>[-−–]))?(?<![\w.,])"
    r"(?P<num>\d{1,3}(?:(?:,|\u00a0| |\u202f)\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?)"
    r"(?P<suffix>(?:st|nd|rd|th|-?(?:ші|шы|сы|сі|чи|чы|нчи|нчы|инчи|ынчы|ый|ий|ой|го|ом|е|я|х|м))(?![^\W\d_]))?(?!\d)",
    re.IGNORECASE,
)
_THOUSANDS_THEN_UNITS = re.compile(r"\s*тыс\.\s*(?P<rest>\d{1,3})\b")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)
SCALES: dict[str, float] = {
    "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9, "m": 1e6, "k": 1e3,
    "тыс": 1e3, "тысяч": 1e3, "млн": 1e6, "миллион": 1e6, "млрд": 1e9, "миллиард": 1e9, "мың": 1e3, "миң": 1e3,
}
_SCALE_AFTER = re.compile(
    r"\s*(?P<scale>thousand|million|billion|trillion|bn|m|k|тысяч\w*|тыс|миллион\w*|млн|миллиард\w*|млрд|мың\w*|миң\w*)"
    r"(?:\.|\b)",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Number:
    """A number found in a text: the figure as written, the scaled value, and where it stands."""

    value: float
    scaled: float
    start: int
    end: int
    written: str


def numbers_in(text: str, lang: str | None = None) -> list[Number]:
    """Every number in ``text``, in order, for ``lang`` (``en``, ``ru``, ``kk``, ``ky``; all four when None)."""
    langs = (lang,) if lang else tuple(LANGS)
    found: list[Number] = []
    for match in _DIGITS.finditer(text):
        found.extend(_digit_numbers(text, match, langs))
    for pattern, value, phrase_lang in _PHRASES:
        if phrase_lang in langs:
            found.extend(_scaled(text, value, m.start(), m.end()) for m in pattern.finditer(text))
    if "en" in langs:
        found.extend(_fraction(m) for m in _FRACTION.finditer(text))
    taken = [(n.start, (scale.end() if (scale := _SCALE_AFTER.match(text, n.end)) else n.end)) for n in found]
    taken += [(m.start(), m.end()) for m in _NOT_NUMBER_PHRASES.finditer(text)]
    for match in _WORD.finditer(text):
        if any(a <= match.start() < b for a, b in taken) or _not_a_count(text, match):
            continue
        value = word_value(match.group(0), lang)
        if value is not None:
            found.append(_scaled(text, value, match.start(), match.end()))
            if scale := _SCALE_AFTER.match(text, match.end()):
                taken.append((match.end(), scale.end()))
    return sorted(_with_halves(text, found), key=lambda n: (n.start, n.value))


def word_value(word: str, lang: str | None = None) -> float | None:
    """The value of one number word in ``lang`` (any of the four when None), or None."""
    lower = word.lower()
    for code in (lang,) if lang else tuple(LANGS):
        table = LANGS[code]
        if lower in table:
            return table[lower]
        if code == "en" and "-" in lower:
            parts = lower.split("-")
            if len(parts) == 2 and parts[0] in table and parts[1] in table and table[parts[0]] >= 20 > table[parts[1]]:
                return table[parts[0]] + table[parts[1]]
            if parts[0] in table:
                return table[parts[0]]
        if code == "ru":
            compound = _RU_COMPOUND.match(lower)
            if compound:
                return RU.get(compound.group("stem"), {"одно": 1.0, "трёх": 3.0}.get(compound.group("stem")))
        if code in ("kk", "ky") and (lower in _NOT_NUMBERS or _NOT_NUMBER_STEMS.match(lower)):
            continue
        if code in ("kk", "ky"):
            for cut in range(len(lower) - 1, 1, -1):
                stem, ending = lower[:cut], lower[cut:]
                if stem in table and stem != "он" and _TURKIC_ENDINGS.fullmatch(ending):
                    return table[stem]
    return None


def _not_a_count(text: str, match: re.Match[str]) -> bool:
    """True for a Kazakh or Kyrgyz article "бір"/"бир" that counts nothing ("белгілі бір салада", in a certain
    field), as opposed to "бір жыл" (one year) and "бір ғана" (only one)."""
    return (match.group(0).lower() in _ARTICLES and not _COUNTED_AFTER.match(text, match.end())
            and not _COUNT_BEFORE.search(text[max(0, match.start() - 40):match.start()]))


def _digit_numbers(text: str, match: re.Match[str], langs: tuple[str, ...]) -> list[Number]:
    """A number in digits: ``2,724,900`` and ``2 724 900`` are thousands, ``1,5`` a decimal comma; an ambiguous
    ``372,350`` gives both readings outside English."""
    raw = match.group("num")
    sign = -1.0 if match.group("sign") else 1.0
    start = match.start("sign") if match.group("sign") else match.start("num")
    compact = re.sub(r"[\u00a0 \u202f]", "", raw)
    readings: list[float]
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", compact):
        readings = [float(compact.replace(",", ""))]
        if re.fullmatch(r"\d{1,3},\d{3}", compact) and set(langs) - {"en"}:
            readings.append(float(compact.replace(",", ".")))
    else:
        readings = [float(compact.replace(",", "."))]
    rest = _THOUSANDS_THEN_UNITS.match(text, match.end())
    if rest:
        value = readings[0] * 1000 + float(rest.group("rest"))
        return [Number(value, value, start, rest.end(), text[start:rest.end()])]
    found = [_scaled(text, sign * value, start, match.end()) for value in readings]
    if re.fullmatch(r"[2-9]0", compact) and _DECADE_AFTER.match(text, match.end()):
        found.append(Number(1900.0 + readings[0], 1900.0 + readings[0], start, match.end(), match.group(0)))
    return found


#: What makes two digits a decade of the 1900s: "the 90s", "90’s", "90 -шы жылдар" (the nineties).
_DECADE_AFTER = re.compile(r"[’']?s\b|\s*-?(?:шы|ші|чы|чи)?\s+жылдар")


def _fraction(match: re.Match[str]) -> Number:
    """The value of an English fraction in words."""
    if match.group("unit"):
        value = 1.5
    else:
        count = 1.0 if match.group("count").lower() in ("a", "one") else EN[match.group("count").lower()]
        value = count / _PARTS[match.group("part").lower()]
    return Number(value, value, match.start(), match.end(), match.group(0))


def _with_halves(text: str, found: list[Number]) -> list[Number]:
    """Add N + 0.5 for each number followed by "and a half", "с половиной" or "жарым"."""
    extra = [
        Number(n.value + 0.5, n.scaled + 0.5, n.start, half.end(), text[n.start:half.end()])
        for n in found if (half := _HALF_AFTER.match(text, n.end))
    ]
    return found + extra


def _scaled(text: str, value: float, start: int, end: int) -> Number:
    """Attach a following scale word ("1.5 billion", "210 тыс.") to a number."""
    scale = _SCALE_AFTER.match(text, end)
    factor = 1.0
    if scale:
        word = scale.group("scale").lower()
        factor = next((v for k, v in SCALES.items() if word == k or (len(k) > 2 and word.startswith(k))), 1.0)
    return Number(value, value * factor, start, end, text[start:end])
