"""Tiny server-rendered SVG charts (bars and pies) with an accessible title and description; no JavaScript."""

import math

from markupsafe import Markup, escape

PALETTE = ("#1f5f99", "#c9545a", "#e0a030", "#3c8c5a", "#7a5ea8", "#4aa3b5", "#a0522d", "#8c8c8c", "#d16ba5")
BAR_ROW, BAR_LEFT, BAR_SPAN, WIDTH = 28, 230, 260, 560


def _svg(chart_id: str, title: str, desc: str, height: float, body: list[str]) -> Markup:
    """The <svg> element: role img, labelled by its <title> and described by its <desc>."""
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height:.0f}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" class="chart">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>'
    )
    return Markup(head + "".join(body) + "</svg>")  # noqa: S704 - every text part is escaped above and below


def bar_chart(chart_id: str, title: str, bars: list[tuple[str, float]]) -> Markup:
    """Horizontal bars, one per label, scaled to the largest value; the description lists every value."""
    top = max((value for _, value in bars), default=0) or 1
    desc = "; ".join(f"{label}: {value:g}" for label, value in bars)
    body = []
    for index, (label, value) in enumerate(bars):
        y, width = index * BAR_ROW + 6, BAR_SPAN * value / top
        name = label if len(label) <= 32 else label[:31] + "…"
        body.append(
            f"<g><title>{escape(label)}: {value:g}</title>"
            f'<text x="0" y="{y + 15}" font-size="13" fill="#1d2733">{escape(name)}</text>'
            f'<rect x="{BAR_LEFT}" y="{y + 3}" width="{max(width, 1):.1f}" height="{BAR_ROW - 10}" rx="3" '
            f'fill="{PALETTE[0]}"></rect>'
            f'<text x="{BAR_LEFT + width + 6:.1f}" y="{y + 15}" font-size="13" fill="#1d2733">'
            f"{value:g}</text></g>"
        )
    return _svg(chart_id, title, desc, max(len(bars), 1) * BAR_ROW + 12, body)


def pie_chart(chart_id: str, title: str, slices: list[tuple[str, float]]) -> Markup:
    """A pie of shares with a legend (label, value, percent); empty slices are left out."""
    shown = [(label, value) for label, value in slices if value > 0]
    total = sum(value for _, value in shown)
    desc = (
        "; ".join(f"{label}: {value:g} ({100 * value / total:.1f}%)" for label, value in shown)
        if total
        else "—"
    )
    body, angle = [], -math.pi / 2
    for index, (label, value) in enumerate(shown):
        share, colour = value / total, PALETTE[index % len(PALETTE)]
        body.append(f"<g><title>{escape(label)}: {value:g} ({100 * share:.1f}%)</title>")
        body.append(_slice(angle, share, colour) + "</g>")
        angle += 2 * math.pi * share
        y = 20 + index * 22
        body.append(
            f'<rect x="200" y="{y - 11}" width="14" height="14" fill="{colour}"></rect>'
            f'<text x="222" y="{y}" font-size="13" fill="#1d2733">{escape(label)}: {value:g} '
            f"({100 * share:.1f}%)</text>"
        )
    height = max(180, 30 + len(shown) * 22)
    return _svg(chart_id, title, desc, height, body)


def _slice(start: float, share: float, colour: str, cx: int = 90, cy: int = 90, r: int = 80) -> str:
    """One slice as a path (a whole circle when the share is 100 %)."""
    if share >= 0.9999:
        return f'<circle cx="{cx}" cy="{cy}" r="{r}" fill="{colour}"></circle>'
    end = start + 2 * math.pi * share
    x1, y1 = cx + r * math.cos(start), cy + r * math.sin(start)
    x2, y2 = cx + r * math.cos(end), cy + r * math.sin(end)
    large = 1 if share > 0.5 else 0
    arc = f"M{cx},{cy} L{x1:.2f},{y1:.2f} A{r},{r} 0 {large} 1 {x2:.2f},{y2:.2f} Z"
    return f'<path d="{arc}" fill="{colour}"></path>'
