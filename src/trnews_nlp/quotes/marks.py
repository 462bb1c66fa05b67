"""Quotation marks in raw news text: which character opens, which closes, and what they enclose.

Scraped Turkish news uses every mark there is (" “ ” « » ‘ ’ ' „, `''`, and U+0093/U+0094 from cp1252
pages), uses `”` to open as often as to close, puts the same character inside itself
(`"... Oradan "böl, parçala" bir şeyler ..."`), leaves quotes unclosed, runs a quotation over several
paragraphs and writes suffix apostrophes after a space (`Anayasa 'daki`). So the role of a mark is
read from its surroundings first (glued to the next word: opens; glued to the previous one: closes)
and from the character only when the surroundings say nothing. Marks then pair on a stack by family
(double marks with double, single with single), which gives nesting for free.

Everything here works on character offsets of the original text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import List, Optional, Tuple

from ..text import CLOSING_QUOTES, OPENING_QUOTES, QUOTE_CHARS

DOUBLE_MARKS = "\"“”„«»‟\u0093\u0094"
_OPEN_CONTEXT = "([{-—–/:;,*•…"
_CLOSE_CONTEXT = ".,;:!?)]}…-—–"
_SUFFIX_APOSTROPHE = re.compile(r"[a-zçğıöşüâîû]{1,5}(?=[\s.,;:!?)]|$)")
#: Lines shorter than this without final punctuation are headings, which end a running quotation.
HEADING_MAX_WORDS = 10
_FINAL_PUNCT = ".!?…:;,\"“”'’»\u0094"


@dataclass(frozen=True)
class Mark:
    """One quotation mark: position, length (2 for `''`), family and role."""

    pos: int
    length: int
    family: str  # "double" | "single"
    role: str  # "open" | "close" | "either"

    @property
    def end(self) -> int:
        return self.pos + self.length


@dataclass(frozen=True)
class Quoted:
    """Text enclosed by quotation marks (marks excluded), possibly missing one of its marks."""

    start: int
    end: int
    open_mark: Optional[Mark]
    close_mark: Optional[Mark]
    depth: int
    orphan: bool = False  # a closing mark whose opening mark the page lost


def find_marks(text: str) -> List[Mark]:
    """Every quotation mark of `text` with its role; apostrophes inside or after words are skipped."""
    marks: List[Mark] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char not in QUOTE_CHARS:
            i += 1
            continue
        length = 2 if i + 1 < len(text) and text[i + 1] == char and char not in DOUBLE_MARKS else 1
        family = "double" if length == 2 or char in DOUBLE_MARKS else "single"
        mark = _classify(text, i, length, family)
        if mark is not None:
            marks.append(mark)
        i += length
    return marks


def _classify(text: str, i: int, length: int, family: str) -> Optional[Mark]:
    prev = text[i - 1] if i > 0 else "\n"
    nxt = text[i + length] if i + length < len(text) else "\n"
    if family == "single" and prev.isalnum() and nxt.isalpha():
        return None  # Kalın’ın, Of’tan
    if family == "single" and prev in CLOSING_QUOTES + '"' and _SUFFIX_APOSTROPHE.match(text, i + 1):
        return None  # `"Cumhuriyet"'e`: the suffix of a quoted title, after its closing mark
    if family == "single" and prev.isspace() and _SUFFIX_APOSTROPHE.match(text, i + 1):
        before = text[:i].rstrip().split()
        if before and before[-1][-1].isalnum() and (before[-1][:1].isupper() or before[-1][:1].isdigit()):
            return None  # Anayasa 'daki, Ege 'de
    opens = (prev.isspace() or prev in _OPEN_CONTEXT or prev in QUOTE_CHARS) and not nxt.isspace()
    closes = not prev.isspace() and (nxt.isspace() or nxt in _CLOSE_CONTEXT or nxt in QUOTE_CHARS)
    if opens and not closes:
        role = "open"
    elif closes and not opens:
        role = "close"
    elif text[i] in OPENING_QUOTES:
        role = "open"
    elif text[i] in CLOSING_QUOTES:
        role = "close"
    else:
        role = "either"
    return Mark(i, length, family, role)


def _line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def _starts_line(text: str, pos: int) -> bool:
    return not text[_line_start(text, pos) : pos].strip(" \t\xa0-–—*•")


def pair_marks(text: str, marks: List[Mark]) -> List[Quoted]:
    """Pair marks into quotations (nested ones included), in order of their opening position.

    An opening mark left open at the end of its paragraph ends there, unless a later paragraph
    closes it before anything else opens: that is one quotation running over several paragraphs.
    A paragraph that starts with a new opening mark ends the previous unclosed quotation.
    """
    stack: List[Mark] = []
    found: List[Tuple[Optional[Mark], Optional[Mark], int]] = []
    for mark in marks:
        role = mark.role
        if role == "either":
            role = "close" if any(m.family == mark.family for m in stack) else "open"
        if role == "open":
            if _starts_line(text, mark.pos):
                for old in [m for m in stack if m.family == mark.family and "\n" in text[m.pos : mark.pos]]:
                    stack.remove(old)
                    found.append((old, None, _depth(stack, old)))
            stack.append(mark)
            continue
        opener = next((m for m in reversed(stack) if m.family == mark.family), None)
        if opener is None:
            found.append((None, mark, len(stack)))
            continue
        while stack[-1] is not opener:
            dropped = stack.pop()
            found.append((dropped, None, len(stack)))
        stack.pop()
        found.append((opener, mark, len(stack)))
    for index, mark in enumerate(stack):
        found.append((mark, None, index))
    quoted = [_quoted(text, o, c, d) for o, c, d in found]
    return sorted((q for q in quoted if q is not None), key=lambda q: (q.start, -q.end))


def _depth(stack: List[Mark], mark: Mark) -> int:
    return sum(1 for m in stack if m.pos < mark.pos)


def _quoted(text: str, open_mark: Optional[Mark], close_mark: Optional[Mark], depth: int) -> Optional[Quoted]:
    if open_mark is not None:
        start = open_mark.end
        end = close_mark.pos if close_mark is not None else _line_end(text, start)
    else:
        if close_mark is None or depth > 0:
            return None
        end = close_mark.pos
        start = _orphan_start(text, end)
    start, end = _strip(text, start, end)
    if end <= start:
        return None
    return Quoted(start, end, open_mark, close_mark, depth, orphan=open_mark is None)


def _orphan_start(text: str, end: int) -> int:
    """Where a quotation that lost its opening mark begins: after the last colon, the last comma
    followed by the double space the lost mark left, or the line start."""
    line_start = _line_start(text, end)
    segment = text[line_start:end]
    cuts = [segment.rfind(": ") + 2, segment.rfind(",  ") + 3]
    return line_start + max([c for c in cuts if c > 1] or [0])


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


def _strip(text: str, start: int, end: int) -> Tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in "-–—*•"):
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def is_heading(line: str) -> bool:
    """A short line without final punctuation, or in capitals: a heading or a byline, not text."""
    stripped = line.strip(" \t\xa0")
    if not stripped:
        return False
    words = stripped.split()
    if len(words) > HEADING_MAX_WORDS:
        return False
    letters = [c for c in stripped if c.isalpha()]
    shouting = len(words) >= 2 and len(letters) >= 6 and all(c.isupper() for c in letters)
    return shouting or stripped[-1] not in _FINAL_PUNCT


def _between_sentences(text: str, start: int, pos: int, line_end: int) -> bool:
    """A heading follows a finished sentence and precedes a capitalised one; a short line inside a
    sentence (`Milletin vekili olarak \n Ankara \n 'ya dönüyoruz`) is a scraping artefact."""
    before = text[start:pos].rstrip()
    after = text[line_end:].lstrip()
    return bool(before) and before[-1] in ".!?…:" and (not after or after[0].isupper() or after[0].isdigit())


def split_at_headings(text: str, start: int, end: int) -> List[Tuple[int, int]]:
    """Cut a quotation that runs over several paragraphs where a heading line interrupts it."""
    if "\n" not in text[start:end]:
        return [(start, end)]
    pieces: List[Tuple[int, int]] = []
    piece_start: Optional[int] = start
    pos = start
    while pos < end:
        line_end = min(_line_end(text, pos), end)
        line = text[pos:line_end]
        if pos != start and line_end != end and is_heading(line) and _between_sentences(text, start, pos, line_end):
            if piece_start is not None and piece_start < pos:
                pieces.append(_strip(text, piece_start, pos))
            piece_start = None
        elif piece_start is None and line.strip():
            piece_start = pos
        pos = line_end + 1
    if piece_start is not None and piece_start < end:
        pieces.append(_strip(text, piece_start, end))
    return [(s, e) for s, e in pieces if e > s]


def find_quoted(text: str) -> List[Quoted]:
    """All quotations of `text`, multi-paragraph ones cut at interrupting headings."""
    result: List[Quoted] = []
    for quoted in pair_marks(text, find_marks(text)):
        pieces = split_at_headings(text, quoted.start, quoted.end)
        for n, (start, end) in enumerate(pieces):
            result.append(
                Quoted(
                    start,
                    end,
                    quoted.open_mark if n == 0 else None,
                    quoted.close_mark if n == len(pieces) - 1 else None,
                    quoted.depth,
                )
            )
    return result
