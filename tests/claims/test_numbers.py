"""Reading numbers back out of the text, in digits and in words, in four languages."""

import pytest

from fpclib.claims.numbers import numbers_in


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
