"""Colours shared by our HTML views and by displaCy (the `spacy_displacy_colors` entry point).

Entity and span-group labels get fixed colours so a reader learns them once. Speakers get one hue
each, in order of first appearance: the first ten from a hand-picked set of hues far apart, the
rest spaced by the golden angle, so any two speakers of a document differ in hue.
"""

from __future__ import annotations

from typing import Dict, Iterable, List

#: Background colours of entity labels (light, so black text stays readable).
ENTITY_COLORS: Dict[str, str] = {"PER": "#f6c7d3", "ORG": "#bfe3f5", "LOC": "#c9eec0", "OTHER": "#e6dcf5"}

#: Quote types as labelled by the `doc.spans["quotes"]` group, and the cue group's label.
SPAN_COLORS: Dict[str, str] = {
    "direct": "#ffd98a",
    "indirect": "#ffe9c7",
    "mixed": "#f7c59f",
    "CUE": "#d9d9d9",
}

#: Quotes with no speaker (passive reporting): grey, and drawn dashed by the views.
UNATTRIBUTED = "#e4e4e4"

_FIRST_HUES = (210, 25, 130, 285, 0, 55, 175, 320, 95, 245)
_GOLDEN_ANGLE = 137.508


def speaker_hue(index: int) -> float:
    """The hue of the `index`-th speaker (0-based)."""
    if index < len(_FIRST_HUES):
        return float(_FIRST_HUES[index])
    return (_FIRST_HUES[-1] + (index - len(_FIRST_HUES) + 1) * _GOLDEN_ANGLE) % 360


def speaker_colors(names: Iterable[str]) -> Dict[str, Dict[str, str]]:
    """For each distinct name, in first-seen order: a light `fill` and a dark `ink` of one hue."""
    out: Dict[str, Dict[str, str]] = {}
    for name in names:
        if name not in out:
            hue = round(speaker_hue(len(out)), 1)
            out[name] = {"fill": f"hsl({hue}, 80%, 88%)", "ink": f"hsl({hue}, 70%, 32%)"}
    return out


def displacy_colors() -> Dict[str, str]:
    """Label colours for displaCy's `ent` and `span` styles (entry point `spacy_displacy_colors`).

    displaCy upper-cases labels before looking them up, so the quote types appear upper-cased too.
    """
    colors = dict(ENTITY_COLORS)
    colors.update({label.upper(): color for label, color in SPAN_COLORS.items()})
    return colors

