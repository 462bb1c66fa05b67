"""What every set of quotes the component returns must satisfy, and the step that makes it so.

The rules (direct, indirect, `göre`, colon headlines) run independently, so on unusual text two of
them can claim overlapping words. A reader can only trust a result where:

1. every quote has content (start < end), inside the document;
2. no two quotes have the same content span;
3. no two quotes cross (each pair is disjoint, or one lies inside the other);
4. a quote inside another is a direct quote with a cue of its own (`Koçel, 'sorun yok' dedi`
   inside the quoted speech of someone else), never a second reading of the same words.

`consistent` keeps the most reliable of identical or crossing candidates and drops a nested one that
may not nest; `violations` names what is wrong with a finished list, for tests and fuzzing.
"""

from __future__ import annotations

from typing import Callable, List, Optional, Sequence, Tuple

from .analysis import Candidate

Range = Tuple[int, int]


def _crosses(a: Range, b: Range) -> bool:
    return a[0] < b[0] < a[1] < b[1] or b[0] < a[0] < b[1] < a[1]


def _inside(inner: Range, outer: Range) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1] and inner != outer


def _may_nest(inner_type: str, inner_cue: Optional[Range], outer_cue: Optional[Range]) -> bool:
    return inner_type == "direct" and inner_cue is not None and inner_cue != outer_cue


def conflict(
    a: Range, a_type: str, a_cue: Optional[Range], b: Range, b_type: str, b_cue: Optional[Range]
) -> Optional[str]:
    """Why two quotes cannot both stand, or None when they can."""
    if a == b:
        return "identical spans"
    if _crosses(a, b):
        return "crossing spans"
    if _inside(a, b) and not _may_nest(a_type, a_cue, b_cue):
        return "nested quote without its own cue, or not direct"
    if _inside(b, a) and not _may_nest(b_type, b_cue, a_cue):
        return "nested quote without its own cue, or not direct"
    return None


def consistent(candidates: Sequence[Candidate], confidence: Callable[[Candidate], float]) -> List[Candidate]:
    """The candidates that satisfy the invariants, in document order.

    Of two identical or crossing candidates the more reliable stays (by the rule's confidence, then
    the longer span, then the earlier one). A candidate inside another that may not nest there is
    dropped whatever its rule: the words belong to the report that contains them (`devletin verdiği
    sözleri tuttuğunu söyledi` is one report, not also a report of `sözleri`).
    """
    ranked = sorted(
        (c for c in candidates if c.content[0] < c.content[1]),
        key=lambda c: (-confidence(c), -(c.content[1] - c.content[0]), c.content[0]),
    )
    kept: List[Candidate] = []
    for c in ranked:
        if all(c.content != k.content and not _crosses(c.content, k.content) for k in kept):
            kept.append(c)
    nested = [
        c for c in kept
        if any(_inside(c.content, k.content) and not _may_nest(c.type, c.cue, k.cue) for k in kept)
    ]
    return sorted((c for c in kept if c not in nested), key=lambda c: (c.content[0], c.content[1]))


def violations(quotes: Sequence[dict], text: str) -> List[str]:
    """Every broken invariant of a finished record's `quotes` (JSON form, character offsets)."""
    problems = []
    for n, q in enumerate(quotes):
        for key in ("start", "end"):
            if not 0 <= q[key] <= len(text):
                problems.append(f"quote {n}: {key} {q[key]} outside the text")
        if q["start"] >= q["end"]:
            problems.append(f"quote {n}: empty span")
    for n, q in enumerate(quotes):
        for m in range(n + 1, len(quotes)):
            o = quotes[m]
            why = conflict(
                (q["start"], q["end"]), q["type"], _cue(q), (o["start"], o["end"]), o["type"], _cue(o)
            )
            if why:
                problems.append(f"quotes {n} and {m}: {why}")
    return problems


def _cue(q: dict) -> Optional[Range]:
    cue = q.get("cue")
    return (cue["start"], cue["end"]) if cue else None
