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
WIDTH, HEIGHT = 720, 360
LEFT, RIGHT, TOP, BOTTOM = 70, 20, 20, 90


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


def render(chart: Chart, *, chart_id: str = "chart") -> SafeString:
    values = [v for line in chart.lines for v in line.values if v is not None]
    values += [v for band in chart.bands for v in band.high if v is not None]
    low_values = [v for line in chart.lines for v in line.values if v is not None] + [
        v for band in chart.bands for v in band.low if v is not None
    ]
    y_min = min(0.0, min(low_values, default=0.0))
    y_max = _nice_max(max(values, default=1.0) * 1.05)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    n = max(len(chart.categories), 1)

    def x(i: int) -> float:
        return LEFT + (plot_w * (i + 0.5) / n)

    def y(v: float) -> float:
        return TOP + plot_h - (v - y_min) / (y_max - y_min) * plot_h

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" '
        f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" class="sendplan-chart">',
        f'<title id="{chart_id}-title">{escape(chart.title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(chart.description)}</desc>',
        f'<rect x="0" y="0" width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
    ]
    for k in range(5):
        v = y_min + (y_max - y_min) * k / 4
        yy = y(v)
        out.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{yy:.1f}" y2="{yy:.1f}" stroke="#b1b4b6" stroke-width="1"/>'
        )
        label = f"{v:,.0f}" if (y_max - y_min) >= 20 else f"{v:,.1f}"
        out.append(
            f'<text x="{LEFT - 8}" y="{yy + 4:.1f}" text-anchor="end" font-size="13" fill="#0b0c0c">'
            f"{escape(label + chart.unit_suffix)}</text>"
        )
    step = max(1, math.ceil(n / 12))
    for i, cat in enumerate(chart.categories):
        if i % step == 0 or i == n - 1:
            out.append(
                f'<text x="{x(i):.1f}" y="{TOP + plot_h + 20}" text-anchor="middle" font-size="13" fill="#0b0c0c">'
                f"{escape(cat)}</text>"
            )
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
    # Legend: sample line, marker and name for each series.
    legend_y = HEIGHT - 40
    legend_x = LEFT
    items = [(line.name, STYLES[i % len(STYLES)]) for i, line in enumerate(chart.lines)]
    for name, (colour, dash, shape) in items:
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(
            f'<line x1="{legend_x}" x2="{legend_x + 30}" y1="{legend_y}" y2="{legend_y}" stroke="{colour}" '
            f'stroke-width="3"{dash_attr}/>'
        )
        out.append(_marker(shape, legend_x + 15, legend_y, colour))
        out.append(
            f'<text x="{legend_x + 36}" y="{legend_y + 5}" font-size="13" fill="#0b0c0c">{escape(name)}</text>'
        )
        legend_x += 50 + 7 * len(name)
        if legend_x > WIDTH - 150:
            legend_x, legend_y = LEFT, legend_y + 22
    for band in chart.bands:
        out.append(
            f'<rect x="{legend_x}" y="{legend_y - 7}" width="30" height="14" fill="#1d70b8" fill-opacity="0.15" '
            f'stroke="#1d70b8" stroke-dasharray="3 3"/>'
        )
        out.append(
            f'<text x="{legend_x + 36}" y="{legend_y + 5}" font-size="13" fill="#0b0c0c">{escape(band.name)}</text>'
        )
    out.append("</svg>")
    return mark_safe("\n".join(out))  # noqa: S308 - every text above is escaped
