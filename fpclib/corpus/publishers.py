"""Best-effort naming of who published a cited source, from its URL's host or the note's wording."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

#: Host suffix -> publisher. The first matching suffix wins, so list more specific hosts first.
HOSTS: tuple[tuple[str, str], ...] = (
    ("freedomhouse.org", "Freedom House"),
    ("hrw.org", "Human Rights Watch"),
    ("amnesty.org", "Amnesty International"),
    ("rferl.org", "RFE/RL"), ("azattyq.org", "RFE/RL"), ("azattyk.org", "RFE/RL"), ("ozodi.org", "RFE/RL"),
    ("ozodlik.org", "RFE/RL"), ("svoboda.org", "RFE/RL"), ("currenttime.tv", "RFE/RL"),
    ("eurasianet.org", "Eurasianet"), ("thediplomat.com", "The Diplomat"), ("opendemocracy.net", "openDemocracy"),
    ("osce.org", "OSCE"), ("un.org", "United Nations"), ("ohchr.org", "UN OHCHR"), ("ilo.org", "ILO"),
    ("worldbank.org", "World Bank"), ("imf.org", "IMF"), ("ebrd.com", "EBRD"), ("adb.org", "Asian Development Bank"),
    ("transparency.org", "Transparency International"), ("rsf.org", "Reporters Without Borders"),
    ("cpj.org", "Committee to Protect Journalists"), ("iphronline.org", "IPHR"), ("forum18.org", "Forum 18"),
    ("state.gov", "U.S. Department of State"), ("uscirf.gov", "USCIRF"), ("gov.uk", "UK Government"),
    ("parliament.uk", "UK Parliament"), ("europarl.europa.eu", "European Parliament"), ("europa.eu", "European Union"),
    ("bbc.co.uk", "BBC"), ("bbc.com", "BBC"), ("theguardian.com", "The Guardian"), ("reuters.com", "Reuters"),
    ("ft.com", "Financial Times"), ("thetimes.co.uk", "The Times"), ("nytimes.com", "The New York Times"),
    ("washingtonpost.com", "The Washington Post"), ("foreignpolicy.com", "Foreign Policy"),
    ("fpc.org.uk", "Foreign Policy Centre"), ("legislationline.org", "Legislationline"), ("24.kg", "24.kg"),
    ("kloop.kg", "Kloop"), ("akipress.com", "AKIpress"), ("vlast.kz", "Vlast.kz"), ("asiaplustj.info", "Asia-Plus"),
    ("kun.uz", "Kun.uz"), ("gazeta.uz", "Gazeta.uz"), ("rusi.org", "RUSI"), ("chathamhouse.org", "Chatham House"),
    ("crisisgroup.org", "International Crisis Group"), ("twitter.com", "Twitter"), ("facebook.com", "Facebook"),
    ("youtube.com", "YouTube"), ("occrp.org", "OCCRP"), ("justiceforjournalists.org", "Justice for Journalists"),
    ("jfj.fund", "Justice for Journalists"),
)
#: Publishers named in a note's text when it has no URL (or an unknown host).
NAMES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), name)
    for pattern, name in (
        (r"\bFreedom House\b|Фридом Хаус", "Freedom House"),
        (r"Human Rights Watch|Хьюман Райтс Вотч", "Human Rights Watch"),
        (r"\bRFE/RL\b|Radio Free Europe|Radio Azattyk|Radio Ozodi|Радио Свобода|Азаттык", "RFE/RL"),
        (r"\bEurasianet\b", "Eurasianet"), (r"Amnesty International", "Amnesty International"),
        (r"\bOSCE\b|ОБСЕ|ЕҚЫҰ", "OSCE"), (r"Reporters without Borders|\bRSF\b", "Reporters Without Borders"),
    )
)
#: "…, Title, Publisher, Month Year, https://…": the field before the date names the publisher.
_BEFORE_DATE = re.compile(
    r",\s*(?P<name>[^,;:]{2,60}?),\s*(?:\d{1,2}\s+)?(?:January|February|March|April|May|June|July|August|September|"
    r"October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?\s+\d{4}"
)
_URL = re.compile(r"https?://[^\s\]\)<>\"”“]+")


def urls(text: str) -> tuple[str, ...]:
    """The URLs in a note, trailing punctuation removed."""
    return tuple(url.rstrip(".,;:’'") for url in _URL.findall(text))


def publisher(text: str, links: tuple[str, ...]) -> str | None:
    """The publisher of the first source a note cites: by URL host, a known name, or the field before the date."""
    for link in links:
        host = (urlsplit(link).hostname or "").lower()
        for suffix, name in HOSTS:
            if host == suffix or host.endswith("." + suffix):
                return name
    for pattern, name in NAMES:
        if pattern.search(text):
            return name
    field = _BEFORE_DATE.search(text)
    return field.group("name").strip() if field else None
