"""Charts of an audit as inline SVG, drawn with matplotlib.

matplotlib draws on the machine that runs the audit and writes plain SVG: the report
needs no JavaScript, no chart library and no network to open, prints as it shows, and
still shows in a mail client or an archive years later. Text stays text in the SVG
(selectable, read by screen readers, in the page's font), and each chart carries a
title and description for assistive technology.

matplotlib is imported only when a report is drawn, so ``check`` never pays for it. It
comes with the ``html`` extra (``pip install 'brandvoice[html]'``): :func:`load` says so when
it is missing.
"""

from __future__ import annotations

import calendar
import html
import io
import math
import re
from typing import Iterable, Mapping, Sequence

from ..extras import require

#: Most groups (departments, channels...) a chart compares; the largest are kept.
MOST_GROUPS = 12
#: Most rules in the rules-by-group chart.
MOST_RULES = 12

_INK = "#1f2933"
_GRID = "#d9dee3"
_BLUE = "#1f5fa8"
_ORANGE = "#c4500a"
_GREY = "#7b8794"
_TARGET = "#cfe8d4"

_STYLE = {
    "svg.fonttype": "none",  # text as text: selectable, readable, in the page's font
    "text.parse_math": False,  # "$" in a name is a dollar sign, not TeX
    "font.family": "sans-serif",
    "font.size": 10,
    "text.color": _INK,
    "axes.edgecolor": _GREY,
    "axes.labelcolor": _INK,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "xtick.color": _INK,
    "ytick.color": _INK,
    "grid.color": _GRID,
    "grid.linewidth": 0.8,
    "axes.axisbelow": True,  # grid lines behind the data
}


def load() -> None:
    """Import matplotlib now, before any work: :class:`~brandvoice.extras.MissingExtra`
    ("brandvoice audit --html needs the 'html' extra: ...") when it is not installed."""
    require("html")


def _figure(width: float, height: float):
    from matplotlib.figure import Figure  # no pyplot: no global state, no GUI backend

    return Figure(figsize=(width, height), layout="constrained")


def to_svg(figure, name: str, title: str, description: str) -> str:
    """``figure`` as an ``<svg>`` element to put in a page: no XML prolog or metadata,
    its ids prefixed with ``name`` (so charts on one page never share one), scalable,
    with a title and description for screen readers."""
    import matplotlib

    out = io.StringIO()
    with matplotlib.rc_context({**_STYLE, "svg.hashsalt": name}):
        figure.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
    svg = out.getvalue()
    svg = svg[svg.index("<svg"):]
    svg = re.sub(r"\s*<metadata>.*?</metadata>", "", svg, flags=re.S)
    ids = set(re.findall(r'\bid="([^"]+)"', svg))
    svg = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{name}-{m[1]}"', svg)
    svg = re.sub(r"(href=\"#|url\(#)([^\")]+)",
                 lambda m: f"{m[1]}{name}-{m[2]}" if m[2] in ids else m[0], svg)
    width = float(re.search(r'<svg [^>]*?width="([\d.]+)pt"', svg)[1])
    svg = re.sub(r'<svg ([^>]*?)width="[^"]+" height="[^"]+"',
                 rf'<svg role="img" aria-labelledby="{name}-title {name}-desc" class="chart" '
                 rf'style="max-width: {width * 4 / 3:.0f}px" \1', svg, count=1)
    head = (f'<title id="{name}-title">{html.escape(title)}</title>'
            f'<desc id="{name}-desc">{html.escape(description)}</desc>')
    return svg.replace(">", ">" + head, 1).strip()


def score_distribution(scores: Mapping[str, Sequence[float]], name: str) -> object:
    """One box per group: the spread of its replies' scores (0-100), the mean as a dot."""
    import matplotlib

    labels = list(scores)
    with matplotlib.rc_context(_STYLE):
        figure = _figure(7.5, 0.9 + 0.42 * len(labels))
        axes = figure.subplots()
        data = [list(scores[label]) for label in labels][::-1]
        axes.boxplot(data, orientation="horizontal", widths=0.55, patch_artist=True,
                     showmeans=True, showfliers=True,
                     boxprops={"facecolor": "#dbe8f6", "edgecolor": _BLUE},
                     medianprops={"color": _BLUE, "linewidth": 2},
                     whiskerprops={"color": _BLUE}, capprops={"color": _BLUE},
                     flierprops={"marker": ".", "markersize": 4, "markeredgecolor": _GREY},
                     meanprops={"marker": "D", "markersize": 5, "markerfacecolor": _ORANGE,
                                "markeredgecolor": _ORANGE})
        axes.set_yticks(range(1, len(labels) + 1),
                        [f"{label} ({len(scores[label]):,})" for label in labels][::-1])
        axes.set_xlim(-2, 102)
        axes.set_xlabel("score (median: line, mean: diamond)")
        axes.grid(axis="x")
    return figure


def tone_by_group(means: Mapping[str, tuple[float | None, float | None]],
                  replies: Mapping[str, int], name: str) -> object:
    """Two panels, a bar per group in each: mean sentiment (-1..1) and mean politeness
    (0..1), the value written at the end of each bar."""
    import matplotlib

    labels = list(means)
    with matplotlib.rc_context(_STYLE):
        figure = _figure(7.5, 0.9 + 0.42 * len(labels))
        left, right = figure.subplots(1, 2, sharey=True)
        rows = range(len(labels))[::-1]
        for axes, index, limits, colour, title in (
                (left, 0, (-1, 1), _BLUE, "mean sentiment"),
                (right, 1, (0, 1), _ORANGE, "mean politeness")):
            values = [means[label][index] or 0.0 for label in labels]
            axes.barh(list(rows), values, color=colour, height=0.6)
            for row, value in zip(rows, values):
                axes.annotate(f"{value:.2f}", (value, row), xytext=(3 if value >= 0 else -3, 0),
                              textcoords="offset points", va="center",
                              ha="left" if value >= 0 else "right")
            axes.set_xlim(*limits)
            axes.set_xlabel(title)
            axes.grid(axis="x")
        left.set_yticks(list(rows), [f"{label} ({replies[label]:,})" for label in labels])
        left.axvline(0, color=_GREY, linewidth=0.8)
    return figure


def _padded(period: str) -> str:
    """``YYYY-MM`` or ``YYYY`` with four digits of year (a year may come written short,
    "1-01"), so that the keys sort as the dates do."""
    year, dash, month = period.partition("-")
    return f"{int(year):04d}" + (f"-{int(month):02d}" if dash else "")


def _months(first: str, last: str) -> list[str]:
    """Every month from ``first`` to ``last`` (``YYYY-MM``)."""
    year, month = map(int, first.split("-"))
    months = []
    while (current := f"{year:04d}-{month:02d}") <= last:
        months.append(current)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _month_label(value: str) -> str:
    year, month = value.split("-")
    return f"{calendar.month_abbr[int(month)]}\n{year}"


def _years(first: str, last: str) -> list[str]:
    """Every year from ``first`` to ``last`` (``YYYY``)."""
    return [f"{year:04d}" for year in range(int(first), int(last) + 1)]


def thin_below(replies: Iterable[int]) -> int:
    """The fewest replies a period needs not to be drawn as thin: a tenth of the busiest
    period's (rounded up)."""
    return math.ceil(max(replies, default=0) / THIN_SHARE)


#: A period with fewer replies than the busiest one's divided by this is drawn as thin.
THIN_SHARE = 10
_LIGHT_GREY = "#c8ced4"


def monthly_trend(months: Mapping[str, tuple[int, float | None, float | None]],
                  sentiment_target: tuple[float | None, float | None], *,
                  every: bool = True) -> object:
    """Pass rate, mean sentiment and replies per month (``YYYY-MM`` -> (replies, pass
    rate, mean sentiment)) or per year (``YYYY`` -> ...); with ``every``, the periods
    without replies are gaps, not zeros; without it, only those with replies are drawn.
    A period with few replies (:func:`thin_below`) is drawn so it does not pass for a
    full one: hollow points, a light bar with its count written on it, and a legend."""
    import matplotlib

    months = {_padded(period): values for period, values in months.items()}
    yearly = "-" not in min(months)
    axis = (sorted(months) if not every
            else (_years if yearly else _months)(min(months), max(months)))
    places = range(len(axis))
    replies = [months[m][0] if m in months else 0 for m in axis]
    rates = [math.nan if m not in months or months[m][1] is None else 100 * months[m][1]
             for m in axis]
    sentiment = [math.nan if m not in months or months[m][2] is None else months[m][2]
                 for m in axis]
    few = thin_below(replies)
    thin = [0 < n < few for n in replies]

    def hollow(axes, values: list[float], color: str) -> None:
        """Thin periods' points drawn over the line as hollow circles."""
        points = [(x, v) for x, v, t in zip(places, values, thin) if t and not math.isnan(v)]
        if points:
            xs, ys = zip(*points)
            axes.plot(xs, ys, linestyle="none", marker="o", markersize=7,
                      markerfacecolor="white", markeredgecolor=color, markeredgewidth=1.5,
                      label=f"fewer than {few:,} replies")

    with matplotlib.rc_context(_STYLE):
        figure = _figure(7.5, 5.4)
        top, middle, bottom = figure.subplots(3, 1, sharex=True,
                                              gridspec_kw={"height_ratios": [3, 3, 2]})
        for axes in (top, middle, bottom):
            axes.grid(axis="y")
        top.plot(places, rates, color=_BLUE, marker="o", linewidth=2)
        hollow(top, rates, _BLUE)
        if any(thin):
            top.legend(loc="lower left", frameon=False, fontsize=8)
        top.set_ylim(min([r for r in rates if not math.isnan(r)] + [80]) - 5, 102)
        top.set_ylabel("pass rate (%)")
        low, high = sentiment_target
        if low is not None or high is not None:
            middle.axhspan(-1 if low is None else low, 1 if high is None else high,
                           color=_TARGET, label="persona's target")
            middle.legend(loc="lower left", frameon=False, fontsize=8)
        middle.plot(places, sentiment, color=_ORANGE, marker="o", linewidth=2)
        hollow(middle, sentiment, _ORANGE)
        known = [s for s in sentiment if not math.isnan(s)]
        middle.set_ylim(max(-1, min(known + [0]) - 0.15), min(1, max(known + [0.5]) + 0.15))
        middle.axhline(0, color=_GREY, linewidth=0.8)
        middle.set_ylabel("mean sentiment")
        bottom.bar(places, replies, width=0.7,
                   color=[_LIGHT_GREY if t else _GREY for t in thin],
                   edgecolor=[_GREY if t else "none" for t in thin], linewidth=0.8)
        for x, n, t in zip(places, replies, thin):
            if t:
                bottom.annotate(f"{n:,}", (x, n), xytext=(0, 2), textcoords="offset points",
                                ha="center", va="bottom", fontsize=7, color=_INK)
        bottom.set_ylabel("replies")
        step = max(1, math.ceil(len(axis) / 12))  # at most a dozen labels
        bottom.set_xticks(places[::step], [m if yearly else _month_label(m)
                                           for m in axis[::step]])
        bottom.set_xlim(-0.6, len(axis) - 0.4)
    return figure


def rules_by_group(counts: Mapping[str, Mapping[str, float]], name: str) -> object:
    """Findings per 100 replies: a row per rule, a column per group (``rule -> group ->
    rate``), the number written in each cell."""
    import matplotlib

    rules = list(counts)
    groups = list(dict.fromkeys(g for row in counts.values() for g in row))
    values = [[counts[rule].get(group, 0.0) for group in groups] for rule in rules]
    highest = max((v for row in values for v in row), default=0) or 1
    with matplotlib.rc_context(_STYLE):
        figure = _figure(max(5.5, 2.2 + 0.85 * len(groups)), 1.0 + 0.36 * len(rules))
        axes = figure.subplots()
        # vector cells (an image would be a bitmap inside the SVG)
        axes.pcolormesh(values, cmap="OrRd", vmin=0, vmax=highest, edgecolors="white",
                        linewidth=1.5)
        axes.invert_yaxis()
        axes.set_xticks([i + 0.5 for i in range(len(groups))], groups, rotation=30,
                        ha="right")
        axes.set_yticks([i + 0.5 for i in range(len(rules))], rules)
        axes.tick_params(length=0)
        for spine in axes.spines.values():
            spine.set_visible(False)
        for row, line in enumerate(values):
            for column, value in enumerate(line):
                dark = value > 0.6 * highest
                axes.text(column + 0.5, row + 0.5, f"{value:g}" if value else "",
                          ha="center", va="center", fontsize=8,
                          color="white" if dark else _INK)
        axes.set_xlabel(f"{name} (findings per 100 replies in each cell)")
    return figure
