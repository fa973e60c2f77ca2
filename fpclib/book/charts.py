"""Charts and tables for the book that render offline.

Altair's own HTML output loads Vega from a CDN, so an offline reader sees a blank chart. This module
provides instead:

- a shared Altair theme (``THEME``) so every chart in the book looks alike;
- an Altair renderer (``RENDERER``) whose output is a static SVG drawn now by vl-convert plus the
  Vega-Lite spec; the book's ``_static/fpc-charts.js`` redraws it live with the Vega bundle that
  ``javascript_bundle`` vendors into the book, so no page needs the network;
- small builders for the chart kinds the book uses (``bar``, ``timeline``) and an HTML-escaped,
  phone-scrollable ``table``.

Call ``enable()`` once at the top of a notebook; a chart left as a cell's last expression then
renders through ``RENDERER``.
"""

from __future__ import annotations

import copy
import html
import json
from dataclasses import dataclass
from typing import Any

import altair as alt
import pandas as pd
import vl_convert as vlc

from fpclib.book.html import Table, frame

THEME = "fpc"
RENDERER = "fpc-offline"
# The Vega-Lite line Altair writes specs for, e.g. "6.4"; the vendored bundle and the SVG fallback use it too.
VL_VERSION = ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])
# Width used where a spec asks for its container's width but there is no container (the static SVG).
STATIC_WIDTH = 560
# Longest category label in pixels: shorter in a narrow container (a phone), so the marks keep room.
LABEL_LIMIT = alt.ExprRef(f"containerSize()[0] > 0 && containerSize()[0] < {STATIC_WIDTH} ? 170 : 260")
# Colour-blind-safe categorical palette (Okabe-Ito).
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
# Fixed colours for the fields the book colours by most, so a value keeps its colour from chart to chart:
# field -> (legend title, value -> colour).
FIXED_COLOURS = {
    "lang": ("language", {"en": "#0072B2", "ru": "#D55E00", "kk": "#009E73", "ky": "#CC79A7"}),
}


def theme() -> alt.theme.ThemeConfig:
    """The book's Altair theme: readable type, light grid, colour-blind-safe colours."""
    return {
        "config": {
            "font": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
            "view": {"continuousWidth": STATIC_WIDTH, "continuousHeight": 300, "stroke": None},
            "range": {"category": PALETTE},
            "title": {"fontSize": 15, "anchor": "start", "offset": 10},
            "axis": {"labelFontSize": 12, "titleFontSize": 12, "gridColor": "#e6e6e6", "domainColor": "#888"},
            "legend": {"labelFontSize": 12, "titleFontSize": 12, "orient": "bottom", "columns": 3, "labelLimit": 160},
            "bar": {"color": PALETTE[0]},
            "point": {"size": 70, "filled": True},
        }
    }


def javascript_bundle() -> str:
    """Vega, Vega-Lite and vegaEmbed in one script that defines only ``window.vega*`` globals.

    vl-convert's bundle declares minified top-level names; wrapping it in a function keeps them from
    clashing with the other scripts of a page.
    """
    return "(function () {\n" + vlc.javascript_bundle(vl_version=VL_VERSION) + "\n})();\n"


def static_spec(spec: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``spec`` with container-relative sizes replaced by fixed ones, for static rendering."""
    fixed = copy.deepcopy(spec)
    for key, value in (("width", STATIC_WIDTH), ("height", 300)):
        if fixed.get(key) == "container":
            fixed[key] = value
    return fixed


def to_html(spec: dict[str, Any]) -> str:
    """HTML for one chart as a numbered figure: a static SVG and the spec that the page script draws live in its
    place, under a caption holding the chart's title (taken out of the chart, so a long title wraps instead of
    being cut) and the caption (HTML) in ``usermeta`` (see ``captioned``); the book's stylesheet numbers the
    figures."""
    title = _title(spec)
    spec = {key: value for key, value in spec.items() if key != "title"}
    svg = vlc.vegalite_to_svg(static_spec(spec), vl_version=VL_VERSION)
    # No "<" inside <script>, so no text from the corpus can end the element or open a comment early.
    payload = json.dumps(spec, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c")
    caption = (spec.get("usermeta") or {}).get("caption")
    text = "".join((f"<strong>{html.escape(title)}.</strong>" if title else "", f" {caption}" if caption else ""))
    return (
        '<figure class="fpc-figure"><div class="fpc-chart">'
        f'<div class="fpc-chart-static">{svg}</div>'
        '<div class="fpc-chart-live"></div>'
        f'<script type="application/json" class="fpc-chart-spec">{payload}</script>'
        f'</div><figcaption class="fpc-chart-caption">{text}</figcaption></figure>'
    )


def _title(spec: dict[str, Any]) -> str | None:
    title = spec.get("title")
    text = title.get("text") if isinstance(title, dict) else title
    return " ".join(text) if isinstance(text, list) else text


@dataclass(frozen=True)
class Caption:
    """A caption written as HTML whose text is already escaped, for a caption that links to the paragraph or the
    endnote a chart draws on; a caption given as a plain ``str`` is escaped instead."""

    html: str


def caption_html(caption: str | Caption) -> str:
    """A caption as HTML: a ``Caption`` as it is, a plain string escaped.

    >>> caption_html("Parts <b> & whole"), caption_html(Caption('See <a href="#n-1">note 1</a>.'))
    ('Parts &lt;b&gt; &amp; whole', 'See <a href="#n-1">note 1</a>.')
    """
    return caption.html if isinstance(caption, Caption) else html.escape(caption)


def captioned(chart: alt.TopLevelMixin, caption: str | Caption | None) -> alt.TopLevelMixin:
    """``chart`` with its caption (what it shows, from which paragraph, note or data), kept as HTML in
    ``usermeta``, where ``to_html`` finds it."""
    return chart.properties(usermeta={"caption": caption_html(caption)}) if caption else chart


def wrap(text: str, width: int = 26) -> str:
    r"""A label broken into lines of at most about ``width`` characters (joined by newlines), at spaces and, in
    long ids, after hyphens, so long category names stay distinct instead of being cut to the same first words.

    >>> wrap("EU 2014-2020 programme allocation to Kyrgyzstan for education")
    'EU 2014-2020 programme\nallocation to Kyrgyzstan\nfor education'
    >>> wrap("retreating-rights-kyrgyzstan-ky")
    'retreating-rights-\nkyrgyzstan-ky'
    """
    words = []
    for word in str(text).split():
        while len(word) > width and "-" in word[1:width]:
            cut = word.rindex("-", 1, width) + 1
            words.append(word[:cut])
            word = word[cut:]
        words.append(word)
    lines: list[str] = []
    for word in words:
        joined = lines[-1] + ("" if lines and lines[-1].endswith("-") else " ") + word if lines else word
        if lines and len(joined) <= width:
            lines[-1] = joined
        else:
            lines.append(word)
    return "\n".join(lines)


def render(spec: dict[str, Any], **_metadata: Any) -> dict[str, str]:
    """Altair renderer: a MIME bundle whose HTML draws offline (see ``to_html``)."""
    return {"text/html": to_html(spec), "text/plain": f"<chart: {_title(spec) or 'untitled'}>"}


def enable() -> None:
    """Register and switch on the book's theme and offline renderer."""
    alt.theme.register(THEME, enable=True)(theme)
    alt.renderers.register(RENDERER, render)
    alt.renderers.enable(RENDERER)


def bar(
    data: pd.DataFrame,
    *,
    category: str,
    value: str,
    title: str,
    category_title: str | None = None,
    value_title: str | None = None,
    colour: str | None = None,
    tooltip: list[str] | None = None,
    caption: str | Caption | None = None,
) -> alt.Chart:
    """Horizontal bars, longest first, stacked by ``colour`` if given; categories on the y axis, their labels
    wrapped onto lines, so long labels stay readable and distinct on a phone."""
    data = data.assign(**{category: data[category].map(wrap)})
    lines = int(data[category].str.count("\n").max()) + 1 if len(data) else 1
    encoding: dict[str, Any] = {
        "y": alt.Y(f"{category}:N", sort="-x", title=category_title,
                   axis=alt.Axis(labelLimit=LABEL_LIMIT, labelExpr="split(datum.label, '\\n')")),
        "x": alt.X(f"{value}:Q", title=value_title or value, axis=_value_axis(data[value])),
        "tooltip": tooltip or [category, *([colour] if colour else []), value],
    }
    if colour is not None:
        encoding["color"] = _colour(data, colour)
    chart = alt.Chart(data, title=title, width="container", height=alt.Step(22 + 14 * (lines - 1)))
    return captioned(chart.mark_bar().encode(**encoding), caption)


def timeline(
    data: pd.DataFrame,
    *,
    date: str,
    category: str,
    title: str,
    colour: str | None = None,
    category_title: str | None = None,
    tooltip: list[str] | None = None,
    caption: str | Caption | None = None,
) -> alt.Chart:
    """Dots on a time axis, one row per category (e.g. publications by report, coloured by language)."""
    date_tooltip = alt.Tooltip(f"{date}:T", format="%d %b %Y")
    encoding: dict[str, Any] = {
        "x": alt.X(f"{date}:T", title=None, axis=alt.Axis(format="%b %Y", labelAngle=0)),
        "y": alt.Y(f"{category}:N", title=category_title, axis=alt.Axis(labelLimit=LABEL_LIMIT), sort=None),
        "tooltip": [date_tooltip if field == date else field for field in tooltip or [category, date]],
    }
    if colour is not None:
        encoding["color"] = _colour(data, colour)
    chart = alt.Chart(data, title=title, width="container", height=alt.Step(22)).mark_point().encode(**encoding)
    return captioned(chart, caption)


def points(
    data: pd.DataFrame,
    *,
    x: str,
    y: str,
    title: str,
    colour: str | None = None,
    x_title: str | None = None,
    y_title: str | None = None,
    tooltip: list[str] | None = None,
    caption: str | Caption | None = None,
) -> alt.Chart:
    """A scatter of two quantities (e.g. a count against its year), coloured by ``colour`` if given."""
    encoding: dict[str, Any] = {
        "x": alt.X(f"{x}:Q", title=x_title or x, scale=alt.Scale(zero=False), axis=_value_axis(data[x])),
        "y": alt.Y(f"{y}:Q", title=y_title or y, axis=_value_axis(data[y])),
        "tooltip": tooltip or [*([colour] if colour else []), x, y],
    }
    if colour is not None:
        encoding["color"] = _colour(data, colour)
    return captioned(alt.Chart(data, title=title, width="container").mark_point().encode(**encoding), caption)


def lines(
    data: pd.DataFrame,
    *,
    x: str,
    y: str,
    title: str,
    colour: str | None = None,
    y_title: str | None = None,
    marks: pd.DataFrame | None = None,
    mark_date: str = "date",
    mark_label: str = "label",
    caption: str | Caption | None = None,
) -> alt.LayerChart | alt.Chart:
    """Lines over time (``x`` holds dates), one per ``colour``; optionally vertical rules at the dates in
    ``marks`` (e.g. when reports were published), numbered in date order, the caption naming each by
    ``mark_label``."""
    encoding: dict[str, Any] = {
        "x": alt.X(f"{x}:T", title=None, axis=alt.Axis(labelAngle=0)),
        "y": alt.Y(f"{y}:Q", title=y_title or y, scale=alt.Scale(zero=False)),
        "tooltip": [*([colour] if colour else []), alt.Tooltip(f"{x}:T", format="%Y"), y],
    }
    if colour is not None:
        encoding["color"] = _colour(data, colour)
    series = alt.Chart(data).mark_line(point=True).encode(**encoding)
    if marks is None:
        return captioned(series.properties(title=title, width="container"), caption)
    base = alt.Chart(marks).encode(x=alt.X(f"{mark_date}:T"),
                                   tooltip=[mark_label, alt.Tooltip(f"{mark_date}:T", format="%d %b %Y")])
    rules = base.mark_rule(color="#777", strokeDash=[3, 3], opacity=0.7)
    # Numbered labels on four staggered rows, so close dates stay legible; the caption gives the key.
    labels = (base.transform_window(fpc_n="row_number()", sort=[alt.SortField(mark_date)])
              .transform_calculate(fpc_y="8 + (datum.fpc_n - 1) % 4 * 12")
              .mark_text(align="left", dx=2, fontSize=10, color="#444")
              .encode(text="fpc_n:N", y=alt.Y("fpc_y:Q", scale=None)))
    ordered = marks.sort_values(mark_date)
    key = "; ".join(f"{n} {label} ({pd.Timestamp(when).strftime('%d %b %Y').lstrip('0')})"
                    for n, (label, when) in enumerate(zip(ordered[mark_label], ordered[mark_date]), start=1))
    chart = alt.layer(rules, labels, series).properties(title=title, width="container")
    text = " ".join(part for part in (caption and caption_html(caption), html.escape(f"Dotted lines: {key}.")) if part)
    return captioned(chart, Caption(text))


def grid(data: pd.DataFrame, *, x: str, y: str, colour: str, title: str,
         caption: str | Caption | None = None) -> alt.Chart:
    """A grid of categories (e.g. treaties by country), each cell coloured by a category value."""
    chart = (
        alt.Chart(data, title=title, width="container", height=alt.Step(26))
        .mark_rect(stroke="white", strokeWidth=2)
        .encode(
            x=alt.X(f"{x}:N", title=None, axis=alt.Axis(orient="top", labelAngle=0)),
            y=alt.Y(f"{y}:N", title=None, sort=None, axis=alt.Axis(labelLimit=LABEL_LIMIT)),
            color=_neutral_missing(data, colour),
            tooltip=[y, x, colour],
        )
    )
    return captioned(chart, caption)


def _neutral_missing(data: pd.DataFrame, field: str) -> alt.Color:
    """Colours for the values of ``field``, with "(not given)" in a neutral grey rather than a palette colour."""
    values = sorted(set(data[field].dropna()), key=lambda v: (v == "(not given)", str(v)))
    palette = iter(PALETTE)
    colours = ["#d0d0d0" if v == "(not given)" else next(palette, "#000000") for v in values]
    return alt.Color(f"{field}:N", title=field, scale=alt.Scale(domain=values, range=colours))


def _value_axis(values: pd.Series) -> alt.Axis:
    """Axis for a quantity; whole numbers (counts, years) get whole-number ticks without separators."""
    numbers = values.dropna()
    whole = pd.api.types.is_integer_dtype(values) or (
        pd.api.types.is_float_dtype(values) and bool(numbers.eq(numbers.round()).all())
    )
    return alt.Axis(tickMinStep=1, format="d") if whole else alt.Axis()


def _colour(data: pd.DataFrame, field: str) -> alt.Color:
    """Colour encoding for ``field``; the fields of ``FIXED_COLOURS`` keep their colours in every chart."""
    if field in FIXED_COLOURS:
        legend, colours = FIXED_COLOURS[field]
        present = set(data[field].dropna())
        domain = [value for value in colours if value in present]
        extra = sorted(present - set(colours))
        if extra:
            raise ValueError(f"{field} has values without a fixed colour: {extra}")
        return alt.Color(f"{field}:N", title=legend, scale=alt.Scale(domain=domain, range=[colours[v] for v in domain]))
    return alt.Color(f"{field}:N")


def table(data: pd.DataFrame, *, caption: str | None = None, headings: dict[str, str] | None = None) -> Table:
    """``data`` as an HTML table with every cell escaped, readable headings and figures, in a box that scrolls
    sideways on a laptop and reads as cards on a phone (see ``fpclib.book.html.frame``)."""
    return frame(data, caption=caption, headings=headings)
