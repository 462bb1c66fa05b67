"""Choosing one of zeyrek's analyses for a token in context.

With a trained pipeline, the analysis that agrees best with the tagger's UPOS, the morphologizer's
features and the lemmatizer's lemma wins; without one (a blank pipeline) the choice falls back on
the token's own shape (capitalisation inside a sentence suggests a name) and on simplicity: fewer
morphemes (`mahalle` over `mahal+le`), then zeyrek's order. Readings equal in all of that are
told apart by how common their lemma is in the UD training data (`lemma_counts.tsv`: `biliyorum`
is `bil`, not `bile`; `şeyi` is `şey`, not `şe`), never by dictionary order. A word written in
lower case is never read as a name. Weights were set on UD BOUN and IMST dev (see
docs/morphology.md); a penalty for derivations alone was tried and lowered accuracy with and
without a tagger, so there is none.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Dict, Sequence, Tuple

from ..datafiles import data_lines
from ..text import tr_lower
from .analysis import Analysis

@dataclass(frozen=True)
class Weights:
    """How much each kind of evidence counts; only relative sizes matter."""

    pos: float = 2.0
    lemma: float = 5.0
    feats: float = 2.0
    guess: float = 0.5
    morphemes: float = 0.05
    name_shape: float = 1.5
    frequency: float = 0.045  # below one morpheme: it breaks ties only
    order: float = 0.01


#: (lower-cased lemma, UPOS) → count in the UD training data; see `training/lemma_counts.py`.
LEMMA_COUNTS = Path(__file__).with_name("lemma_counts.tsv")


@lru_cache(maxsize=1)
def lemma_counts() -> Tuple[Dict[Tuple[str, str], int], float]:
    """The lemma count table and the log1p of its largest count, read once.

    The largest count is kept with the table because `lemma_frequency` runs for every reading of
    every new word form: taking the maximum there was an eighth of a first pass."""
    counts: Dict[Tuple[str, str], int] = {}
    for line in data_lines(LEMMA_COUNTS):
        lemma, pos, count = line.split("\t")
        counts[(lemma, pos)] = int(count)
    return counts, math.log1p(max(counts.values(), default=1))


def lemma_frequency(analysis: Analysis) -> float:
    """How common the reading's lemma is with its UPOS, on a log scale in [0, 1]."""
    counts, log_top = lemma_counts()
    return math.log1p(counts.get((tr_lower(analysis.lemma), analysis.pos), 0)) / log_top


@dataclass(frozen=True)
class Context:
    """What the pipeline already knows about a token (empty strings when it knows nothing)."""

    text: str
    pos: str = ""
    lemma: str = ""
    feats: Dict[str, str] = field(default_factory=dict)
    sent_start: bool = False


def score(analysis: Analysis, index: int, ctx: Context, weights: Weights) -> float:
    """Higher is better. Every term is bounded, so one piece of evidence cannot drown the rest."""
    total = -weights.order * index
    if analysis.guess:
        total -= weights.guess
    total -= weights.morphemes * len(analysis.morphemes)
    total += weights.frequency * lemma_frequency(analysis)
    if ctx.pos:
        total += weights.pos * (analysis.pos == ctx.pos)
        total -= weights.name_shape * (analysis.pos == "PROPN" and not ctx.text[:1].isupper())
    else:
        total += weights.name_shape * _name_shape(analysis, ctx)
    if ctx.lemma:
        total += weights.lemma * (tr_lower(analysis.lemma) == tr_lower(ctx.lemma))
    if ctx.feats:
        total += weights.feats * _feats_agreement(analysis.feats_dict, ctx.feats)
    return total


def _name_shape(analysis: Analysis, ctx: Context) -> float:
    """+1 for a name reading of a capitalised word inside a sentence, -1 for one written lower."""
    if analysis.pos != "PROPN":
        return 0.0
    capital = ctx.text[:1].isupper()
    if capital and not ctx.sent_start:
        return 1.0
    return -1.0 if not capital else 0.0


def _feats_agreement(ours: Dict[str, str], theirs: Dict[str, str]) -> float:
    """(agreeing − disagreeing) / all features either side names, in [-1, 1]."""
    keys = set(ours) | set(theirs)
    if not keys:
        return 0.0
    agree = sum(ours.get(k) == theirs.get(k) for k in keys)
    return (2 * agree - len(keys)) / len(keys)


def choose(analyses: Sequence[Analysis], ctx: Context, weights: Weights = Weights()) -> int:
    """Index of the best analysis (the first on ties), or -1 when there is none."""
    best, best_score = -1, float("-inf")
    for index, analysis in enumerate(analyses):
        value = score(analysis, index, ctx, weights)
        if value > best_score:
            best, best_score = index, value
    return best
