"""Overlapping character spans as properly nested HTML.

A view draws several layers over one text (quotes, and inside them speaker mentions and cues), and
spans of different layers may cross. HTML elements must nest, so a span that crosses another's
boundary is closed there and reopened after it; every piece carries the same attributes, and the
first and last pieces are told apart so labels are drawn once.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Sequence


def esc(value: object) -> str:
    """Text or attribute value escaped for HTML (quotes included)."""
    return html.escape(str(value), quote=True)


def attrs(values: Dict[str, object]) -> str:
    """` name="value"` pairs, escaped, skipping None values."""
    return "".join(f' {name}="{esc(value)}"' for name, value in values.items() if value is not None)


@dataclass
class Mark:
    """One span to draw: `[start, end)` in the text, its layer (lower is outer) and its element.

    `tag` and `attributes` make the element; `first_only` attributes (such as `id`) go on the first
    piece only, and `after` (such as a label) is written right after the last piece closes.
    """

    start: int
    end: int
    layer: int
    tag: str
    attributes: Dict[str, object]
    first_only: Dict[str, object] = field(default_factory=dict)
    after: str = ""

    def open(self, first: bool) -> str:
        extra = self.first_only if first else {"data-cont": "1"}
        return f"<{self.tag}{attrs(self.attributes)}{attrs(extra)}>"


def nest(text: str, marks: Sequence[Mark], escape: Callable[[str], str] = esc) -> str:
    """`text` with every mark drawn; crossing marks are split so the elements nest."""
    marks = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    starts: Dict[int, List[Mark]] = {}
    for mark in marks:
        starts.setdefault(mark.start, []).append(mark)
    points = sorted({0, len(text)} | {m.start for m in marks} | {m.end for m in marks})
    out: List[str] = []
    stack: List[Mark] = []
    previous = 0
    for point in points:
        out.append(escape(text[previous:point]))
        previous = point
        if any(m.end == point for m in stack):
            reopen: List[Mark] = []
            while any(m.end == point for m in stack):
                mark = stack.pop()
                out.append(f"</{mark.tag}>")
                if mark.end == point:
                    out.append(mark.after)
                else:
                    reopen.append(mark)
            for mark in reversed(reopen):
                out.append(mark.open(first=False))
                stack.append(mark)
        for mark in sorted(starts.get(point, []), key=lambda m: (m.layer, -m.end)):
            out.append(mark.open(first=True))
            stack.append(mark)
    return "".join(out)
