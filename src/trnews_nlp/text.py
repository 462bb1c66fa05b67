"""Character-level facts about Turkish news text, shared by every stage.

Scraped Turkish news mixes several apostrophe and quotation-mark characters (curly, guillemets,
and the Windows-1252 control characters U+0091..U+0094 that survive bad decoding). Every stage
compares words through the helpers here, so the pipeline treats those variants alike while the
original text, and therefore every character offset, stays untouched.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Tuple

#: Characters used as an apostrophe before a suffix (`Kalın’ın`, `İzmit´te`, U+0092 from cp1252).
APOSTROPHES = "'’‘`´\u0092ʼ′"

#: Opening quotation marks that are never closing ones.
OPENING_QUOTES = "“„«‹\u0093"
#: Closing quotation marks that are never opening ones.
CLOSING_QUOTES = "”»›\u0094"
#: Marks that open and close alike; their role comes from the context.
AMBIGUOUS_QUOTES = "\"'‘’‟\u0091\u0092"
#: Every character that can act as a quotation mark.
QUOTE_CHARS = OPENING_QUOTES + CLOSING_QUOTES + AMBIGUOUS_QUOTES
#: Dash tokens: hyphen, en dash, em dash (a dateline's `RADİKAL -`, an aside's ` – `).
DASHES = ("-", "–", "—")

_LOWER_MAP = str.maketrans({"İ": "i", "I": "ı"})
_UPPER_MAP = str.maketrans({"i": "İ", "ı": "I"})
_APOSTROPHE_MAP = str.maketrans({c: "'" for c in APOSTROPHES})


def tr_lower(text: str) -> str:
    """Lower-case Turkish text: `İ` → `i`, `I` → `ı`.

    Python's `str.lower()` maps `I` to `i` and `İ` to `i̇` (two code points), which breaks both
    comparisons and length-preserving offsets; this keeps one character per character.
    """
    return text.translate(_LOWER_MAP).lower()


@lru_cache(maxsize=1 << 16)
def word_key(text: str) -> str:
    """A token's text as the rules compare it: Turkish lower case, apostrophes normalised.

    Cached: the quote and entity rules ask for the same few thousand words hundreds of thousands
    of times per thousand articles."""
    return tr_lower(normalize_apostrophes(text))


def tr_upper(text: str) -> str:
    """Upper-case Turkish text: `i` → `İ`, `ı` → `I`."""
    return text.translate(_UPPER_MAP).upper()


def tr_title(word: str) -> str:
    """Capitalise the first letter the Turkish way and lower-case the rest (`İSTANBUL` → `İstanbul`)."""
    return tr_upper(word[:1]) + tr_lower(word[1:]) if word else word


def normalize_apostrophes(text: str) -> str:
    """Replace every apostrophe variant with `'`; the result has the same length as the input."""
    return text.translate(_APOSTROPHE_MAP)


def split_apostrophe(word: str) -> Tuple[str, str]:
    """Split `Erdoğan'ın` into (`Erdoğan`, `'ın`) at the last apostrophe that has letters on both sides.

    Returns (word, "") when there is no such apostrophe. The apostrophe stays with the suffix so that
    `len(stem)` is the character offset where a name ends inside its token.
    """
    for i in range(len(word) - 2, 0, -1):
        if word[i] in APOSTROPHES and word[i - 1].isalnum() and word[i + 1].isalpha():
            return word[:i], word[i:]
    return word, ""


def stem_length(word: str) -> int:
    """Length of `word` without its apostrophe suffix (`Türkiye'nin` → 7)."""
    return len(split_apostrophe(word)[0])
