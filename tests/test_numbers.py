"""Reading numbers back out of the text, in digits and in words, in four languages."""

import pytest

from fpclib.numbers import numbers_in


@pytest.mark.parametrize(
    ("text", "lang", "values"),
    [
        ("at 2,724,900 square kilometres it is the 9th largest", "en", [2724900, 9]),
        ("between 150,000-250,000 dead", "en", [150000, 250000]),
        ("ranks the country 198th out of 210", "en", [198, 210]),
        ("ten activists and twenty-one others", "en", [10, 21]),
        ("only 5.36% of the score", "en", [5.36]),
        ("двух человек и 1,5 млн", "ru", [2, 1.5]),
        ("он сказал, что 2 724 900", "ru", [2724900]),
        ("үш елде 30 жылдық, үшінші", "kk", [3, 30, 3]),
        ("экинчи жолу, беш адам", "ky", [2, 5]),
    ],
)
def test_values_as_written(text: str, lang: str, values: list[float]) -> None:
    assert [n.value for n in numbers_in(text, lang)] == values


def test_scale_words_give_the_scaled_value() -> None:
    (number,) = numbers_in("the UK provided £1.5 billion towards", "en")
    assert (number.value, number.scaled, number.written) == (1.5, 1.5e9, "1.5")


def test_a_pronoun_is_not_a_number_in_russian() -> None:
    assert numbers_in("он сказал", "ru") == []


@pytest.mark.parametrize(
    ("text", "value"),
    [("about a third of", 1 / 3), ("two thirds of the debt", 2 / 3), ("five and a half years", 5.5),
     ("at least a decade and a half", 1.5), ("almost half of", 0.5), ("one fifth", 0.2)],
)
def test_fractions_in_words(text: str, value: float) -> None:
    assert any(abs(n.value - value) < 1e-9 for n in numbers_in(text, "en"))


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("кампания ұйымдастырғаны үшін", "kk"),  # "for"
        ("аны эл эмне үчүн колдогонун", "ky"),  # "for"
        ("эмне үчун", "ky"),
        ("белгілі бір салада", "kk"),  # an article: "in a certain field"
        ("тағы бір әрекетке", "kk"),  # "another"
        ("бир нече жолу басым жасалган", "ky"),  # "several times"
        ("кээ бир көйгөйлөрдү", "ky"),  # "some"
        ("ар бир шайланган президент", "ky"),  # "each"
        ("бири бирин күчөткөн", "ky"),  # "each other"
        ("дагы бир жолу болуп", "ky"),  # "another way"
        ("Ұлы жүз, Орта жүзге, Кіші жүз бен", "kk"),  # the hordes
        ("іс жүзінде", "kk"),  # "in practice"
        ("иш жүзүндө", "ky"),
        ("дүние жүзінде", "kk"),  # "in the world"
        ("1916 жылғы Жетісу көтерілісі", "kk"),  # a region ("seven rivers"), the year aside
        ("Алтын Орданың", "kk"),  # the Golden Horde
        ("“Кумтөр” алтын кенинин", "ky"),  # gold
        ("эки тараптуу донор", "ky"),  # "bilateral"
        ("экинчи жагынан", "ky"),  # "on the other hand"
        ("бұл оқиға бірден шешілген жоқ", "kk"),  # "at once"
        ("на 2020 год пришлось", "ru"),  # "год" after a year is not "a year"
        ("долларов дохода в год", "ru"),  # "per year"
    ],
)
def test_known_non_numbers_in_kazakh_and_kyrgyz(text: str, lang: str) -> None:
    assert [n.written for n in numbers_in(text, lang) if not n.written.isdigit()] == []


@pytest.mark.parametrize(
    ("text", "lang", "values"),
    [("бір жыл бұрын", "kk", [1]), ("бир күн өтө электе", "ky", [1]), ("үш жылға дейін", "kk", [3]),
     ("үшінші", "kk", [3]), ("үчүнчү болгон", "ky", [3]), ("екі жүз адам", "kk", [2, 100]),
     ("шайлоочулардын үчтөн бир гана бөлүгү", "ky", [1 / 3]), ("Шарипов отсидит в тюрьме год", "ru", [1]),
     ("тоғыз дүнген мен бір қазақ қаза тапты", "kk", [9, 1]), ("Тек бір ғана күтпеген жағдай", "kk", [1])],
)
def test_number_words_still_count_beside_the_non_numbers(text: str, lang: str, values: list[float]) -> None:
    assert [n.value for n in numbers_in(text, lang)] == values


def test_a_number_word_takes_its_scale_word() -> None:
    found = numbers_in("Matraimov agreed to transfer two billion soms", "en")
    assert [(n.value, n.scaled) for n in found] == [(2, 2e9)], "'billion' is not read again on its own"


def test_two_digits_of_a_decade_also_read_as_its_year() -> None:
    for text, lang in (("squeezed off the airwaves in the late 90s", "en"), ("in the early 90’s", "en"),
                       ("90 -шы жылдардың соңында", "kk")):
        assert {n.value for n in numbers_in(text, lang)} == {90, 1990}, text
    assert {n.value for n in numbers_in("aged 90 years", "en")} == {90}
