"""Small inline SVG and table charts for the corpus report: no scripts, no external files."""

from __future__ import annotations

from typing import Dict, List, Optional, Sequence, Tuple

from .markup import esc

BAR_HEIGHT = 18
LABEL_WIDTH = 230
BAR_WIDTH = 420


def bar_chart(rows: Sequence[Tuple[str, Sequence[int]]], series: Sequence[str], colors: Dict[str, str],
              *, title: str, href: Optional[Sequence[str]] = None) -> str:
    """Horizontal bars, one row per label, each bar stacked from `series`; hover shows the counts.

    `rows` are (label, counts in `series` order); `href`, when given, links each row's label.
    """
    if not rows:
        return ""
    top = max(sum(counts) for _, counts in rows) or 1
    height = BAR_HEIGHT * len(rows) + 24
    parts: List[str] = [
        f'<svg class="trn-chart" role="img" xmlns="http://www.w3.org/2000/svg" width="{LABEL_WIDTH + BAR_WIDTH + 60}"'
        f' height="{height}" font-size="12" font-family="system-ui, sans-serif"><title>{esc(title)}</title>'
    ]
    for n, (label, counts) in enumerate(rows):
        y = n * BAR_HEIGHT
        shown = _short(label, 34)
        text = f'<text x="{LABEL_WIDTH - 6}" y="{y + 13}" text-anchor="end">{esc(shown)}</text>'
        parts.append(f'<a href="{esc(href[n])}">{text}</a>' if href else text)
        x = float(LABEL_WIDTH)
        for name, count in zip(series, counts):
            if count:
                w = BAR_WIDTH * count / top
                parts.append(f'<rect x="{x:.1f}" y="{y + 2}" width="{w:.1f}" height="{BAR_HEIGHT - 4}" '
                             f'fill="{colors[name]}"><title>{esc(label)}: {count} {esc(name)}</title></rect>')
                x += w
        parts.append(f'<text x="{x + 4:.1f}" y="{y + 13}">{sum(counts)}</text>')
    legend_y = len(rows) * BAR_HEIGHT + 16
    x = LABEL_WIDTH
    for name in series if len(series) > 1 else ():
        parts.append(f'<rect x="{x}" y="{legend_y - 10}" width="10" height="10" fill="{colors[name]}"/>'
                     f'<text x="{x + 14}" y="{legend_y}">{esc(name)}</text>')
        x += 24 + 7 * len(name)
    parts.append("</svg>")
    return "".join(parts)


def heatmap(rows: Sequence[str], columns: Sequence[str], counts: Dict[Tuple[str, str], int], *,
            caption: str) -> str:
    """A table whose cells are shaded by count (darker is more); empty cells stay blank."""
    if not rows or not columns:
        return ""
    top = max(counts.values(), default=0) or 1
    head = "".join(f'<th class="col" scope="col" title="{esc(c)}">{esc(_short(c, 28))}</th>' for c in columns)
    body = []
    for row in rows:
        cells = []
        for column in columns:
            count = counts.get((row, column), 0)
            if count:
                alpha = 0.12 + 0.88 * count / top
                ink = "#fff" if alpha > 0.55 else "#111"
                cells.append(f'<td class="c" style="background: rgba(31, 91, 153, {alpha:.2f}); color: {ink}" '
                             f'title="{esc(row)} and {esc(column)}: {count} documents">{count}</td>')
            else:
                cells.append('<td class="c"></td>')
        body.append(f'<tr><th scope="row">{esc(row)}</th>{"".join(cells)}</tr>')
    return (f'<table class="trn-heat"><caption class="meta">{esc(caption)}</caption>'
            f'<thead><tr><th></th>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>')


def _short(label: str, limit: int) -> str:
    """`label` cut to `limit` characters with an ellipsis; the full text goes in a tooltip."""
    return label if len(label) <= limit else label[: limit - 1] + "…"
