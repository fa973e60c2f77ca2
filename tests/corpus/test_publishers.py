"""Naming the publisher of a cited source."""

from fpclib.corpus.publishers import publisher, urls


def test_by_host() -> None:
    text = "Human Rights Watch, Kazakhstan: Feminist Group Denied Registration, September 2019, https://www.hrw.org/news/x"
    assert publisher(text, urls(text)) == "Human Rights Watch"
    assert publisher("x", ("https://rus.azattyq.org/a/1.html",)) == "RFE/RL"


def test_by_name_then_by_the_field_before_the_date() -> None:
    assert publisher("Freedom House, Nations in Transit 2020", ()) == "Freedom House"
    assert publisher("Wudan Yan, The nuclear sins, Nature, April 2019, https://n.example/x", ()) == "Nature"
    assert publisher("Ibid.", ()) is None


def test_urls_drop_trailing_punctuation() -> None:
    assert urls("See https://a.org/x; and https://b.org/y.") == ("https://a.org/x", "https://b.org/y")
