"""The sections of the chapters across the reports (the corpus, Freedom House, case counts, the discrepancy
register): each code cell of those pages is one or a few calls here. Sections are :class:`sections.Outputs`;
tables of claims pass through every column ``check_claims`` gives."""

from __future__ import annotations

from html import escape
from typing import Any

import pandas as pd

from fpclib import reference
from fpclib.book import chapters, charts, html
from fpclib.book.sections import Outputs, axis_counts, counts, evidence_caption
from fpclib.claims.cases import case_counts as _case_counts
from fpclib.corpus import Corpus

#: The countries of the Freedom House chapter: the five Central Asian states and Russia.
COUNTRIES = ["Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan", "Russia"]
LANGUAGE_ORDER = ["en", "kk", "ru", "ky"]
#: The character categories of the accounting, in the order the chapter shows them.
CATEGORIES = ["content", "markers", "notes", "metadata", "syntax", "chrome", "whitespace", "unclassified"]


def with_pages(table: pd.DataFrame, corpus: Corpus) -> pd.DataFrame:
    """``table`` with the page (relative to the book's root) that shows each row's report."""
    return table.assign(page=table["report_id"].map(lambda report_id: chapters.page_of(corpus, report_id)))


# The corpus chapter.

def works(corpus: Corpus) -> pd.DataFrame:
    """One row per work, in its original language, by date of first publication: its languages, parts, endnotes."""
    reports = corpus.reports
    originals = reports[reports["report_id"] == reports["work_id"]]
    languages = reports.groupby("work_id")["lang"].agg(
        lambda langs: ", ".join(sorted(set(langs), key=LANGUAGE_ORDER.index)))
    return (
        originals.assign(date=lambda d: d["published"].dt.strftime("%Y-%m-%d"),
                         languages=lambda d: d["work_id"].map(languages),
                         parts=lambda d: d["parts"].map(", ".join), endnotes=lambda d: d["n_notes"])
        .sort_values(["published", "title"], na_position="last")
        .reset_index(drop=True)
    )


def work_counts(corpus: Corpus, table: pd.DataFrame) -> dict[str, int]:
    """The counts the chapter's text quotes: reports, works, works also published in translation."""
    return {"n_reports": len(corpus.reports), "n_works": len(table),
            "n_translated": int(table["languages"].str.contains(",").sum())}


def works_table(table: pd.DataFrame) -> Any:
    """The works as the chapter lists them."""
    return charts.table(table[["title", "date", "languages", "parts", "endnotes"]],
                        caption="Reports, by date of first publication")


def canonical_publications(corpus: Corpus) -> pd.DataFrame:
    """Every published part that is not a copy of another."""
    return corpus.publications[corpus.publications["duplicate_of"].isna()]


def timeline(corpus: Corpus) -> Any:
    """Each dated part at its publication date, by report and coloured by language."""
    publications = canonical_publications(corpus)
    dated = publications[publications["published"].notna()]
    data = dated.rename(columns={"work_id": "report"})[["report", "published", "lang", "part", "title"]]
    caption = (f"Each published part of every report at its publication date, coloured by language; "
               f"{undated(corpus)} undated parts are left out. Data: the table corpus.publications (dates as the "
               "captures give them), copies of another part left out.")
    return charts.timeline(data, date="published", category="report", colour="lang",
                           title="Publication dates by report", tooltip=["title", "lang", "part", "published"],
                           caption=caption)


def undated(corpus: Corpus) -> int:
    """How many parts the timeline leaves out for want of a date."""
    return int(canonical_publications(corpus)["published"].isna().sum())


def endnotes_chart(table: pd.DataFrame) -> Any:
    """Endnotes per work."""
    return charts.bar(table.rename(columns={"work_id": "report"})[["report", "title", "endnotes", "date"]],
                      category="report", value="endnotes", title="Endnotes per report",
                      tooltip=["title", "date", "endnotes"],
                      caption="The endnotes of each report in its original language. Data: the table corpus.notes, "
                              "counted by report (the endnotes column of corpus.reports).")


def original_publications(corpus: Corpus) -> pd.DataFrame:
    """The canonical parts of the original-language versions (a translation repeats its original's sources)."""
    reports = corpus.reports
    originals = reports[reports["report_id"] == reports["work_id"]]
    publications = canonical_publications(corpus)
    return publications[publications["report_id"].isin(originals["report_id"])]


def original_notes(corpus: Corpus) -> pd.DataFrame:
    """The endnotes of the original-language versions."""
    return corpus.notes[corpus.notes["pub_id"].isin(original_publications(corpus)["pub_id"])]


def endnotes_agree(corpus: Corpus, table: pd.DataFrame) -> bool:
    """Whether each work's endnote count is the number of its original-language notes."""
    own = original_publications(corpus)[["pub_id", "report_id"]]
    per_report = original_notes(corpus).merge(own, on="pub_id").groupby("report_id").size()
    return bool(table.set_index("report_id")["endnotes"].sub(per_report, fill_value=0).eq(0).all())


def top_publishers(notes: pd.DataFrame, top: int) -> pd.DataFrame:
    """The ``top`` publishers the endnotes cite most, with their counts."""
    return (notes["publisher"].dropna().value_counts().rename_axis("publisher").reset_index(name="endnotes")
            .head(top))


def publishers_chart(publishers: pd.DataFrame) -> Any:
    """The most-cited publishers as bars."""
    return charts.bar(publishers, category="publisher", value="endnotes",
                      title=f"Most-cited publishers (top {len(publishers)})",
                      value_title="endnotes citing the publisher",
                      caption=f"The {len(publishers)} publishers that the endnotes of the original-language versions "
                              "cite most. Data: the table corpus.notes (its publisher column, named from each "
                              "note's web address or wording).")


def accounting_adds_up(accounting: pd.DataFrame) -> bool:
    """Whether each raw file's categories add up to its length."""
    return bool((accounting[CATEGORIES].sum(axis=1) == accounting["length"]).all())


def accounting_section(accounting: pd.DataFrame) -> Outputs:
    """Every raw file's characters by category, as a table and a chart."""
    shares = accounting.melt(id_vars="source", value_vars=CATEGORIES[:-1], var_name="category", value_name="characters")
    return Outputs((charts.table(accounting, caption="Characters of each raw file, by category"),
                    charts.bar(shares, category="source", value="characters", colour="category",
                               title="Characters by category", category_title=None, value_title="characters",
                               caption="Each raw file's characters by category, as the table above gives them (none "
                                       "unclassified). Data: the captures in data/raw/, accounted for by the "
                                       "parsers (the table corpus.sources).")))


# The Freedom House chapter.

def central_asia_dates(corpus: Corpus) -> pd.DataFrame:
    """The publication date of every dated Central Asia report and translation: report, date."""
    reports = corpus.reports
    dated = reports[(reports["topic"] == "central-asia") & reports["published"].notna()]
    return dated.assign(report=dated["report_id"], date=dated["published"])[["report", "date"]]


def score_charts(corpus: Corpus, fiw: pd.DataFrame) -> Outputs:
    """One line chart per Freedom in the World measure, edition by edition, with the reports' dates marked."""
    scores = reference.fiw_long(fiw)
    scores = scores[scores["country"].isin(COUNTRIES)]
    published = central_asia_dates(corpus)
    measures = {"total": "Total score (0-100)", "pr": "Political rights (0-40)", "cl": "Civil liberties (0-60)"}
    items = []
    for measure, title in measures.items():
        data = scores[scores["measure"] == measure].assign(year=lambda d: d["edition"].astype(str) + "-03-01")
        caption = (f"The {title[0].lower()}{title[1:]} of each country in each edition, plotted at the edition's "
                   f"year. Data: {editions_cited(data['edition'])} (data/reference/{reference.FIW_FILE}).")
        items.append(charts.lines(data, x="year", y="value", colour="country", title=f"Freedom in the World: {title}",
                                  y_title=title, marks=published, mark_date="date", mark_label="report",
                                  caption=caption))
    return Outputs(tuple(items))


def editions_cited(editions: pd.Series) -> str:
    """The Freedom in the World editions in ``editions``, first to last, as Freedom House asks to be cited.

    >>> editions_cited(pd.Series([2014, 2013, 2025]))
    'Freedom House (2013), Freedom in the World 2013 to Freedom House (2025), Freedom in the World 2025'
    """
    first, last = int(editions.min()), int(editions.max())
    return reference.citation(first) if first == last else f"{reference.citation(first)} to {reference.citation(last)}"


def status_table(changes: pd.DataFrame, fiw: pd.DataFrame) -> Any:
    """The status changes, captioned with the editions they span."""
    span = f"{fiw['edition'].min()}-{fiw['edition'].max()}"
    return charts.table(changes, caption=f"Status changes, Freedom in the World {span}")


def nit_table(nit: pd.DataFrame) -> Any:
    """Nations in Transit scores of the chapter's countries."""
    return charts.table(nit[nit["country"].isin(COUNTRIES)], caption="Nations in Transit democracy scores")


def external_claims(corpus: Corpus, checked: pd.DataFrame) -> pd.DataFrame:
    """Every claim checked against Freedom House's data, with the page of its report."""
    return with_pages(checked[checked["check"].str.contains("external")], corpus)


def sources(fiw: pd.DataFrame, nit: pd.DataFrame) -> str:
    """The citation of the Freedom House editions the chapter uses."""
    editions = sorted(fiw["edition"].unique())
    return (f"Source: {reference.citation(editions[0])} to {reference.citation(editions[-1])}; "
            f"{reference.citation(int(nit['nit_edition'].min()), 'nit')}. "
            "Data files and provenance in data/reference/.")


# The case counts chapter.

#: Where the case counts come from, for the chapter's captions.
CASES_DATA = ("the registered claims of the English reports (data/claims/*.csv) that count people, cases or "
              "other things, with country, year and category read from their sentences (fpclib.claims.cases)")

def case_counts(corpus: Corpus, checked: pd.DataFrame) -> pd.DataFrame:
    """The tidy table of counts (:func:`fpclib.claims.cases.case_counts`), with the page of each report."""
    return with_pages(_case_counts(checked, corpus), corpus)


def counts_by_category(table: pd.DataFrame) -> Any:
    """Registered counts by category and country, as bars."""
    by_country = counts(table.fillna({"country": "(none named)"}), ["category", "country"], "counts")
    return charts.bar(by_country, category="category", value="counts", colour="country",
                      title="Registered counts by category and country", category_title=None, value_title="counts",
                      caption="How many registered counts each category has, by the country "
                              f"they count. Data: {CASES_DATA}.")


def comparable_counts(table: pd.DataFrame) -> Outputs:
    """Counts sharing a category, country and year, and the people killed by year."""
    dated = table.dropna(subset=["country", "year"])
    comparable = dated.groupby(["category", "country", "year"]).filter(lambda group: len(group) > 1)
    killed = dated[dated["category"] == "killed"]
    return Outputs((
        charts.table(comparable[["country", "year", "category", "value", "unit", "what", "report_id"]],
                     caption="Counts sharing a category, country and year"),
        charts.points(killed, x="year", y="value", colour="country", title="People killed, as the reports count them",
                      y_title="people", tooltip=["what", "value", "year", "report_id"],
                      caption="Each registered count of people killed, at the year it counts, by country. "
                              f"Data: {CASES_DATA}."),
    ))


# The discrepancy register.

#: Which side the evidence supports, in words (see :func:`fpclib.claims.findings`).
SIDES = {"original": "the original", "translation": "the translation (or copy)", "neither": "neither",
         "": "no evidence either way"}


def evidence_by_report(checked: pd.DataFrame, register: pd.DataFrame) -> Outputs:
    """Every report's claims on the evidence axis (holds, fails, none) with fidelity beside (same, changed,
    missing) and the findings of the register whose original it states, as a table; and the evidence as bars."""
    table = axis_counts(checked, ["report_id"])
    table["findings"] = table["report_id"].map(register["report_id"].value_counts()).fillna(0).astype(int)
    return Outputs((charts.table(table, caption="Claims by report: evidence, fidelity beside, and findings"),
                    charts.bar(counts(checked, ["report_id", "evidence"], "claims"), category="report_id",
                               value="claims", colour="evidence", title="Evidence by report", category_title=None,
                               value_title="claims", caption=evidence_caption(None, "report"))))


#: The register's columns and their shares of its width.
COLUMNS = (("finding", 7), ("what", 15), ("the original's figure, and where", 25), ("evidence", 23), ("supports", 10),
           ("fidelity", 20))
#: On a phone a finding and its instances read as one card (the rows join); a laptop shows rows as they are.
JOINED = ('style="margin-bottom:0;border-bottom:0;border-radius:0.4rem 0.4rem 0 0"',
          'style="border-top:1px dashed #ddd;border-radius:0 0 0.4rem 0.4rem"')


def register_table(checked: pd.DataFrame, corpus: Corpus, register: pd.DataFrame) -> html.Table:
    """The discrepancy register, one row per finding: what, the original's figure (linked to its claim's row on
    its page), the evidence with its reason and kind, which side it supports, the fidelity; and beneath it its
    instances, originals before translations, each linked to its claim's row. Rows read as cards on a phone."""
    head = "<tr>" + "".join(f'<th style="width:{width}%">{escape(name)}</th>' for name, width in COLUMNS) + "</tr>"
    bodies = []
    for _, finding in register.iterrows():
        instances = chapters.instances(checked, corpus, finding)
        link = f'{escape(finding["page"])}#{html.claim_anchor(finding["claim_id"])}'
        quote = instances.loc[instances["claim_id"] == finding["claim_id"], "quote"].iloc[0]
        kind = f" ({finding['evidence_kind'].replace(';', ', ')})" if finding["evidence_kind"] else ""
        cells = [f'<td data-label="finding"><strong>{escape(finding["finding_id"])}</strong></td>',
                 f'<td data-label="what">{escape(finding["what"])}</td>',
                 f'<td data-label="original">{escape(html.number(finding["value"], finding["unit"]))} '
                 f'<a class="fpc-claim-link" href="{link}" title="the claim on its page">'
                 f'{escape(finding["claim_id"])}</a><q>{escape(quote)}</q></td>',
                 f'<td data-label="evidence">{html.verdict_label(finding["evidence"])}{escape(kind)}'
                 f'<span class="fpc-reason">{escape(finding["evidence_reason"])}</span></td>',
                 f'<td data-label="supports">{escape(SIDES.get(finding["side"], finding["side"]))}</td>',
                 f'<td data-label="fidelity">{html.verdict_label(finding["fidelity"])}'
                 f'<span class="fpc-reason">{escape(finding["fidelity_reason"])}</span></td>']
        items = []
        for instance in instances.to_dict(orient="records"):
            href = f'{escape(instance["page"])}#{html.claim_anchor(instance["claim_id"])}'
            items.append(f'<li lang="{escape(instance["lang"])}"><a class="fpc-claim-link" href="{href}">'
                         f'{escape(instance["claim_id"])}</a> {escape(instance["role"])}: '
                         f'{escape(html.number(instance["value"], instance["unit"]))} '
                         f'{html.verdict_label(instance["evidence"])} {html.verdict_label(instance["fidelity"])}</li>')
        beneath = f'<td data-label="instances" colspan="{len(COLUMNS)}"><ol>{"".join(items)}</ol></td>'
        bodies.append(f'<tbody id="finding-{escape(finding["finding_id"])}"><tr {JOINED[0]}>{"".join(cells)}</tr>'
                      f'<tr {JOINED[1]}>{beneath}</tr></tbody>')
    caption = f'<p class="fpc-table-caption">{len(register)} findings, each with its instances beneath it</p>'
    return html.Table(f'<div class="fpc-table-scroll fpc-cards">{caption}<table class="fpc-table fpc-claims">'
                      f'<thead>{head}</thead>{"".join(bodies)}</table></div>')

