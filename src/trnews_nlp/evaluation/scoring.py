"""Precision, recall and F1 shared by every evaluator (entities, quotes, speakers).

One definition keeps the numbers of different commands comparable: counts in, a plain dict out
(JSON-ready), and 0.0 rather than a division error when a set is empty.
"""

from __future__ import annotations

from collections import Counter
from typing import Dict, Hashable, Iterable, Mapping, Sequence, Tuple


def prf(tp: int, fp: int, fn: int) -> Dict[str, float]:
    """Precision, recall and F1 from true positives, false positives and false negatives.

    Returns `{"p", "r", "f", "tp", "fp", "fn"}`; a ratio with an empty denominator is 0.0.
    """
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": p, "r": r, "f": f, "tp": tp, "fp": fp, "fn": fn}


def mean_prf(units: Sequence[Mapping[str, float]]) -> Dict[str, float]:
    """Precision, recall and F1 averaged over units (documents), each weighing the same; 0.0
    when there are none. Complements the micro scores of `PRFCounter`, where a long unit counts most."""
    n = len(units) or 1
    return {key: sum(unit[key] for unit in units) / n for key in ("p", "r", "f")}


class PRFCounter:
    """Accumulates exact-match counts per label, for corpus-level (micro) scores.

    Items are hashable tuples whose last element is the label, e.g. `(doc_id, start, end, "PER")`;
    an item counts as correct only when the identical tuple is in both gold and predicted sets.
    """

    def __init__(self) -> None:
        self.tp: Counter = Counter()
        self.fp: Counter = Counter()
        self.fn: Counter = Counter()

    def add(self, gold: Iterable[Tuple[Hashable, ...]], pred: Iterable[Tuple[Hashable, ...]]) -> None:
        """Compare one unit (a sentence or a document) and add its counts."""
        gold_set, pred_set = set(gold), set(pred)
        for item in gold_set & pred_set:
            self.tp[item[-1]] += 1
        for item in pred_set - gold_set:
            self.fp[item[-1]] += 1
        for item in gold_set - pred_set:
            self.fn[item[-1]] += 1

    def labels(self) -> list:
        """Every label seen in gold or predictions, sorted."""
        return sorted(set(self.tp) | set(self.fp) | set(self.fn))

    def scores(self) -> Dict[str, Dict[str, float]]:
        """`{"ALL": micro scores, label: scores, ...}`."""
        result = {"ALL": prf(sum(self.tp.values()), sum(self.fp.values()), sum(self.fn.values()))}
        for label in self.labels():
            result[label] = prf(self.tp[label], self.fp[label], self.fn[label])
        return result


def format_prf_table(scores: Mapping[str, Mapping[str, float]], title: str = "") -> str:
    """A fixed-width table of P/R/F1 and counts, one row per label, micro-average first."""
    lines = [title] if title else []
    lines.append(f"{'label':<8} {'P':>7} {'R':>7} {'F1':>7} {'tp':>7} {'fp':>7} {'fn':>7}")
    for label, s in scores.items():
        lines.append(
            f"{label:<8} {s['p']:>7.4f} {s['r']:>7.4f} {s['f']:>7.4f} {s['tp']:>7d} {s['fp']:>7d} {s['fn']:>7d}"
        )
    return "\n".join(lines)
