"""Character offsets of output spans, cut the way the annotation guidelines cut them."""

from __future__ import annotations

from typing import Tuple

from spacy.tokens import Span

from .text import stem_length


def trimmed_offsets(span: Span) -> Tuple[int, int]:
    """Offsets of a name mention without the apostrophe suffix of its last token.

    Tokens keep their suffix (`Erdoğan'ın`), but entity and speaker spans end at the apostrophe
    (`Erdoğan`); a suffix glued without apostrophe (`Erdoğandan`) stays inside the span.
    """
    last = span[-1]
    return span.start_char, last.idx + stem_length(last.text)
