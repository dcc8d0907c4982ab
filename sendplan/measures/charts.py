"""Server-rendered, accessible SVG line charts (no JavaScript, no colour-only meaning).

Each line has its own dash pattern and marker shape as well as colour, a legend inside the SVG names
them, and the SVG carries ``role="img"`` with ``<title>`` and ``<desc>``. Pages always show the same
figures as a table beside the chart.
"""

import math
from dataclasses import dataclass, field
from html import escape

from django.utils.safestring import SafeString, mark_safe

# GOV.UK Design System colours, each paired with a dash pattern and marker.
STYLES = [
    ("#1d70b8", "", "circle"),  # blue, solid
    ("#0b0c0c", "8 4", "square"),  # black, dashed
    ("#d4351c", "2 3", "triangle"),  # red, dotted
    ("#00703c", "10 3 2 3", "diamond"),  # green, dash-dot
    ("#4c2c92", "4 2", "circle"),
]
# Drawn in a 480-unit-wide viewBox and scaled to the width of its container (width 100%, at most
# 560 px wide on the page): 17-unit text is about 12 px on a 375 px phone and 20 px on a desktop.
WIDTH = 480
FONT = 17
CHAR = 0.6 * FONT  # average width of a character, for layout
RIGHT, TOP, PLOT_HEIGHT = 16, 16, 220
LEGEND_ROW = FONT + 10


@dataclass
class Line:
    name: str
    values: list[float | None]  # one per category, None = no figure


@dataclass
class Band:
    name: str
    low: list[float | None]
    high: list[float | None]


@dataclass
class Chart:
    title: str
    description: str
    categories: list[str]
    lines: list[Line]
    unit_suffix: str = ""
    bands: list[Band] = field(default_factory=list)


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    exp = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * exp:
            return step * exp
    return 10 * exp


def _marker(shape: str, x: float, y: float, colour: str) -> str:
    if shape == "square":
        return f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" fill="{colour}"/>'
    if shape == "triangle":
        return f'<path d="M{x:.1f} {y - 5:.1f} L{x + 5:.1f} {y + 4:.1f} L{x - 5:.1f} {y + 4:.1f} Z" fill="{colour}"/>'
    if shape == "diamond":
        return f'<path d="M{x:.1f} {y - 5:.1f} L{x + 5:.1f} {y:.1f} L{x:.1f} {y + 5:.1f} L{x - 5:.1f} {y:.1f} Z" fill="{colour}"/>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{colour}"/>'


def _wrap(text: str, width: float) -> list[str]:
    """Words of ``text`` in lines of at most ``width`` units."""
    lines: list[str] = []
    for word in text.split():
        if lines and (len(lines[-1]) + 1 + len(word)) * CHAR <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def _text(x: float, y: float, lines: list[str], anchor: str = "start") -> str:
    spans = "".join(
        f'<tspan x="{x:.1f}" dy="{0 if i == 0 else FONT + 3}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{FONT}" fill="#0b0c0c">{spans}</text>'


def render(chart: Chart, *, chart_id: str = "chart") -> SafeString:
    values = [v for line in chart.lines for v in line.values if v is not None]
    values += [v for band in chart.bands for v in band.high if v is not None]
    low_values = [v for line in chart.lines for v in line.values if v is not None] + [
        v for band in chart.bands for v in band.low if v is not None
    ]
    y_min = min(0.0, min(low_values, default=0.0))
    y_max = _nice_max(max(values, default=1.0) * 1.05)
    ticks = []
    for k in range(5):
        v = y_min + (y_max - y_min) * k / 4
        label = f"{v:,.0f}" if (y_max - y_min) >= 20 else f"{v:,.1f}"
        ticks.append((v, label + chart.unit_suffix))
    left = 12 + CHAR * max(len(label) for _, label in ticks)
    plot_w, plot_h = WIDTH - left - RIGHT, PLOT_HEIGHT
    n = max(len(chart.categories), 1)

    def x(i: int) -> float:
        return left + (plot_w * (i + 0.5) / n)

    def y(v: float) -> float:
        return TOP + plot_h - (v - y_min) / (y_max - y_min) * plot_h

    # Legend laid out first: its rows set the height.
    entries = [(line.name, STYLES[i % len(STYLES)], None) for i, line in enumerate(chart.lines)]
    entries += [(band.name, None, band) for band in chart.bands]
    legend: list[tuple[float, float, str, tuple | None, list[str]]] = []
    lx, row_top = 8.0, TOP + plot_h + FONT + 22
    for name, style, _band in entries:
        words = _wrap(name, WIDTH - 8 - 44)
        item_w = 44 + CHAR * max(len(w) for w in words) + 16
        if lx > 8 and lx + item_w > WIDTH:
            lx, row_top = 8.0, row_top + LEGEND_ROW
        legend.append((lx, row_top, name, style, words))
        if len(words) > 1:
            row_top += (FONT + 3) * (len(words) - 1)
        lx += item_w
    height = row_top + LEGEND_ROW

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height:.0f}" width="100%" '
        f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" class="sendplan-chart" '
        f'font-family="system-ui, Segoe UI, Roboto, Helvetica, Arial, sans-serif">',
        f'<title id="{chart_id}-title">{escape(chart.title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(chart.description)}</desc>',
        f'<rect x="0" y="0" width="{WIDTH}" height="{height:.0f}" fill="#ffffff"/>',
    ]
    for v, label in ticks:
        yy = y(v)
        out.append(
            f'<line x1="{left:.1f}" x2="{WIDTH - RIGHT}" y1="{yy:.1f}" y2="{yy:.1f}" stroke="#b1b4b6" stroke-width="1"/>'
        )
        out.append(_text(left - 6, yy + FONT * 0.35, [label], "end"))
    # Category labels: as many as fit side by side, always the latest.
    label_w = CHAR * max((len(c) for c in chart.categories), default=1) + 12
    step = max(1, math.ceil(n / max(1, int(plot_w // label_w))))
    for i, cat in enumerate(chart.categories):
        if (n - 1 - i) % step == 0:
            out.append(_text(x(i), TOP + plot_h + FONT + 6, [cat], "middle"))
    for band in chart.bands:
        pts = [
            (i, lo, hi) for i, (lo, hi) in enumerate(zip(band.low, band.high, strict=True)) if lo is not None
        ]
        if pts:
            upper = " ".join(f"{x(i):.1f},{y(hi):.1f}" for i, _, hi in pts)
            lower = " ".join(f"{x(i):.1f},{y(lo):.1f}" for i, lo, _ in reversed(pts))
            out.append(
                f'<polygon points="{upper} {lower}" fill="#1d70b8" fill-opacity="0.15" stroke="#1d70b8" stroke-dasharray="3 3"/>'
            )
    for index, line in enumerate(chart.lines):
        colour, dash, shape = STYLES[index % len(STYLES)]
        segment: list[str] = []
        segments = []
        for i, v in enumerate(line.values):
            if v is None:
                if segment:
                    segments.append(segment)
                segment = []
            else:
                segment.append(f"{x(i):.1f},{y(v):.1f}")
        if segment:
            segments.append(segment)
        for seg in segments:
            if len(seg) > 1:
                dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
                out.append(
                    f'<polyline points="{" ".join(seg)}" fill="none" stroke="{colour}" stroke-width="3"{dash_attr}/>'
                )
        for i, v in enumerate(line.values):
            if v is not None:
                out.append(_marker(shape, x(i), y(v), colour))
    # Legend: sample line and marker (or shaded band) and the name of each series.
    for lx, ly, _name, style, words in legend:
        if style is None:
            out.append(
                f'<rect x="{lx:.1f}" y="{ly - 7:.1f}" width="36" height="14" fill="#1d70b8" fill-opacity="0.15" '
                f'stroke="#1d70b8" stroke-dasharray="3 3"/>'
            )
        else:
            colour, dash, shape = style
            dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
            out.append(
                f'<line x1="{lx:.1f}" x2="{lx + 36:.1f}" y1="{ly:.1f}" y2="{ly:.1f}" stroke="{colour}" '
                f'stroke-width="3"{dash_attr}/>'
            )
            out.append(_marker(shape, lx + 18, ly, colour))
        out.append(_text(lx + 44, ly + FONT * 0.35, words))
    out.append("</svg>")
    return mark_safe("\n".join(out))  # noqa: S308 - every text above is escaped
