"""Static charts for the review page: small inline SVG drawn offline with matplotlib's SVG
backend (no display, no JavaScript). Each chart gets a title and axis labels; the data is a few
aggregated points (the SQL aggregates them, never Python). Text stays text (svg.fonttype none),
so a chart is a few kilobytes and its words can be read back from the page.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass

import matplotlib
from markupsafe import Markup, escape
from matplotlib import colormaps
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure
from matplotlib.patches import Patch

MAX_LABEL = 58  # characters of a category label; the full text is in the tables


@dataclass
class Chart:
    key: str  # the figure's id on the page
    title: str
    svg: Markup
    caption: str = ""


def _short(label: str) -> str:
    label = " ".join(str(label).split())
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…"


def _figure(width: float, height: float):
    fig = Figure(figsize=(width, height), dpi=72, layout="constrained")
    return fig, fig.add_subplot()


def _svg(fig, key: str, title: str) -> Markup:
    buf = io.StringIO()
    # hashsalt: the ids inside each chart's SVG are stable from run to run and differ between
    # charts of one page (clip paths are referenced by id)
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": f"sis-review-{key}"}):
        FigureCanvasSVG(fig).print_svg(buf, metadata={"Date": None, "Creator": None})
    text = buf.getvalue()
    start = text.index("<svg")
    label = str(escape(title))
    svg = text[start:].replace("<svg ", f'<svg role="img" aria-label="{label}" class="chart" ', 1)
    return Markup(_scoped_ids(svg, key))


def _scoped_ids(svg: str, key: str) -> str:
    """Every id of the chart (matplotlib numbers them per figure: axes_1, patch_1, ...) and every
    reference to one prefixed with the chart's key, so that ids stay unique on a page of charts."""

    def scoped(m: re.Match) -> str:
        return f"{m.group(1)}{key}-{m.group(2)}{m.group(3)}"

    svg = re.sub(r'(\bid=")([^"]+)(")', scoped, svg)
    svg = re.sub(r'(href="#)([^"]+)(")', scoped, svg)
    return re.sub(r"(url\(#)([^)]+)(\))", scoped, svg)


def _style(ax, title: str, xlabel: str, ylabel: str) -> None:
    ax.set_title(title, fontsize=12, loc="left", fontweight="bold")
    ax.set_xlabel(xlabel, fontsize=10)
    ax.set_ylabel(ylabel, fontsize=10)
    ax.tick_params(labelsize=9)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def bar_chart(
    key: str,
    title: str,
    *,
    labels: Sequence[str],
    values: Sequence[int],
    xlabel: str,
    ylabel: str,
    colors: Sequence[str] | None = None,
    legend: Sequence[tuple[str, str]] = (),
    horizontal: bool = True,
    caption: str = "",
) -> Chart:
    """One bar per category (horizontal: categories top to bottom in the given order)."""
    n = max(len(labels), 1)
    if horizontal:
        fig, ax = _figure(9.0, min(1.2 + 0.28 * n, 11.0))
        ys = list(range(len(labels)))
        bars = ax.barh(ys, values, color=list(colors) if colors else "#4c78a8", height=0.7)
        ax.set_yticks(ys, [_short(x) for x in labels])
        ax.invert_yaxis()
        ax.bar_label(bars, labels=[f"{v:,}" for v in values], padding=3, fontsize=8)
        ax.margins(x=0.12)
    else:
        fig, ax = _figure(min(3.0 + 0.45 * n, 9.0), 3.6)
        xs = list(range(len(labels)))
        bars = ax.bar(xs, values, color=list(colors) if colors else "#4c78a8", width=0.7)
        ax.set_xticks(xs, [_short(x) for x in labels], rotation=0 if n <= 14 else 60)
        ax.bar_label(bars, labels=[f"{v:,}" for v in values], padding=2, fontsize=8)
        ax.margins(y=0.15)
    if legend:
        ax.legend(
            handles=[Patch(color=c, label=lab) for lab, c in legend],
            fontsize=8,
            loc="lower right",
            frameon=False,
        )
    _style(ax, title, xlabel, ylabel)
    return Chart(key, title, _svg(fig, key, title), caption)


def stacked_bars(
    key: str,
    title: str,
    *,
    groups: Sequence[str],
    series: Sequence[str],
    counts: dict[tuple[str, str], int],
    xlabel: str,
    ylabel: str,
    legend_title: str,
    caption: str = "",
) -> Chart:
    """One horizontal bar per group, stacked by series (in the given order, a sequential palette:
    the order of the series reads as light to dark)."""
    fig, ax = _figure(9.0, min(1.6 + 0.42 * max(len(groups), 1), 11.0))
    cmap = colormaps["viridis"]
    ys = list(range(len(groups)))
    left = [0] * len(groups)
    for i, s in enumerate(series):
        vals = [counts.get((g, s), 0) for g in groups]
        color = cmap(0.92 - 0.85 * i / max(len(series) - 1, 1))
        ax.barh(ys, vals, left=left, color=color, height=0.7, label=str(s), edgecolor="white", linewidth=0.5)
        left = [a + b for a, b in zip(left, vals)]
    ax.set_yticks(ys, [_short(g) for g in groups])
    ax.invert_yaxis()
    for y, total in zip(ys, left):
        ax.text(total, y, f" {total:,}", va="center", fontsize=8)
    ax.margins(x=0.1)
    ax.legend(
        title=legend_title,
        fontsize=8,
        title_fontsize=8,
        ncols=1,
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
        frameon=False,
    )
    _style(ax, title, xlabel, ylabel)
    return Chart(key, title, _svg(fig, key, title), caption)


@dataclass
class BoxStats:
    label: str
    n: int
    low: float
    q1: float
    med: float
    q3: float
    high: float
    mean: float


def box_chart(
    key: str, title: str, *, stats: Sequence[BoxStats], xlabel: str, ylabel: str, caption: str = ""
) -> Chart:
    """Box plots from quartiles computed in SQL (whiskers: the smallest and the largest value)."""
    fig, ax = _figure(9.0, min(1.6 + 0.42 * max(len(stats), 1), 11.0))
    ax.bxp(
        [
            {
                "label": _short(f"{s.label} ({s.n:,})"),
                "whislo": s.low,
                "q1": s.q1,
                "med": s.med,
                "q3": s.q3,
                "whishi": s.high,
                "mean": s.mean,
                "fliers": [],
            }
            for s in stats
        ],
        orientation="horizontal",
        showmeans=True,
        patch_artist=True,
        boxprops={"facecolor": "#a6c8e8", "edgecolor": "#2b5c8a"},
        medianprops={"color": "#b3261e", "linewidth": 1.6},
        meanprops={"marker": "D", "markerfacecolor": "#333", "markeredgecolor": "#333", "markersize": 4},
    )
    ax.invert_yaxis()
    _style(ax, title, xlabel, ylabel)
    return Chart(key, title, _svg(fig, key, title), caption)
