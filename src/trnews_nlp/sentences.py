"""Sentence boundaries for news text that never fall inside a quotation.

spaCy's `sentencizer` starts a new sentence after every `.`, so `"... hazırız." ifadelerini kullandı`
becomes two sentences and a long quoted answer is cut into pieces, which separates quotes from the
verbs that attribute them. This component tracks quotation depth and only breaks outside quotes,
never between a closing mark and a lower-case continuation, and at a line break (headlines and
paragraphs carry no final period in scraped news), except a soft one: scraped pages keep the line
breaks around inline links as a break followed by a deep indent in mid-sentence (`ilk
tercihlerinin \n                Ak Parti \n               koalisyonu olduğunu söyledi`). When the NER has run before it, it never
starts a sentence inside an entity: `B. Hakan`, `G. Saray`, `1 No.lu Mahkeme` stay in one sentence.
"""

from __future__ import annotations

from typing import Callable, List, Optional, Set

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Token

from .text import AMBIGUOUS_QUOTES, CLOSING_QUOTES, OPENING_QUOTES

TERMINALS = frozenset({".", "!", "?", "…", "...", "?!", "!?", "!!", "??", "!!!"})
#: Characters of which any run ends a sentence (`?.`, `?..`, `!..`, `..`), as the terminals above.
TERMINAL_CHARS = frozenset(".!?…")
#: Dashes that open a line of dialogue when glued to the next word (`... dedi. -Neden?`).
DIALOGUE_DASHES = frozenset({"-", "–", "—"})
#: Quote marks of the single family; every other mark is of the double family (`"`, `“`, `«`, ...).
SINGLE_QUOTES = frozenset("'‘’‚‹›\u0091\u0092")


def is_terminal(text: str) -> bool:
    """A token that ends a sentence: `.`, `!`, `?`, `…` or any run of them (`?..`, `!.`)."""
    return text in TERMINALS or (bool(text) and all(ch in TERMINAL_CHARS for ch in text))


def quote_role(token: Token) -> Optional[str]:
    """'open', 'close' or None: whether a token opens or closes a quotation.

    Marks that open and close alike (`"`, `'`, `’`) are read from the spacing around them: a mark
    glued to the following word and not to the previous one opens; the reverse closes.
    """
    text = token.text
    if len(text) != 1:
        return None
    if text in OPENING_QUOTES:
        return "open"
    if text in CLOSING_QUOTES:
        return "close"
    if text not in AMBIGUOUS_QUOTES:
        return None
    doc = token.doc
    space_before = token.i == 0 or bool(doc[token.i - 1].whitespace_) or doc[token.i - 1].is_space
    glued_after = not token.whitespace_ and token.i + 1 < len(doc) and not doc[token.i + 1].is_space
    if space_before and glued_after:
        return "open"
    if not space_before and not glued_after:
        return "close"
    if token.i > 0 and doc[token.i - 1].text in "([{":
        return "open"
    # Glued on both sides or free-standing: the mark's role is unknown here.
    return "ambiguous"


def _starts_sentence(token: Token) -> bool:
    first = token.text[:1]
    if first.isupper() or first.isdigit() or quote_role(token) in ("open", "ambiguous"):
        return True
    # A dialogue dash or an opening bracket glued to a capitalised word: `-Neden?`, `(Sonra ...`.
    glued = not token.whitespace_ and token.i + 1 < len(token.doc)
    return (token.text in DIALOGUE_DASHES or token.text == "(") and glued and token.doc[token.i + 1].text[:1].isupper()


def _family(token: Token) -> str:
    return "single" if token.text in SINGLE_QUOTES else "double"


#: Spaces and tabs after a single line break from which the break is a scraped link's, not a line's end.
SOFT_BREAK_INDENT = 8


def is_line_break(token: Token) -> bool:
    """A whitespace token that ends a line: any line break but a soft one (see the module notes).

    A soft break is one line break followed by at least `SOFT_BREAK_INDENT` spaces or tabs, after
    a word that ends no sentence (no terminal, colon or closing mark before it)."""
    if not token.is_space or "\n" not in token.text:
        return False
    indent = token.text.partition("\n")[2]
    if "\n" in indent or len(indent) < SOFT_BREAK_INDENT or indent.strip(" \t"):
        return True
    doc, k = token.doc, token.i - 1
    while k >= 0 and doc[k].is_space:
        k -= 1
    return k < 0 or doc[k].text[-1] in ".!?…:;" or quote_role(doc[k]) is not None


def unclosed_free_marks(doc: Doc) -> Set[int]:
    """Free-standing or doubly glued quote marks (`' Genel Başkanı ...`) that no later mark of their
    family closes within the paragraph: typos or stray marks, which open no quotation.

    A mark glued to the next word alone (`"Hazırız`) still opens a quote that runs to the end of
    its paragraph, since a quotation may go on in the next paragraph without a closing mark.
    """
    unmatched: Set[int] = set()
    stack: List[Token] = []
    for token in doc:
        if is_line_break(token):
            unmatched.update(t.i for t in stack if quote_role(t) == "ambiguous")
            stack = []
            continue
        role = quote_role(token)
        if role is None:
            continue
        same = [k for k, t in enumerate(stack) if _family(t) == _family(token)]
        if role == "open" or (role == "ambiguous" and not same):
            stack.append(token)
        elif same:
            del stack[same[-1]:]
        elif role == "close" and stack:
            stack.pop()
    unmatched.update(t.i for t in stack if quote_role(t) == "ambiguous")
    return unmatched


def sentence_starts(doc: Doc) -> List[bool]:
    """Sentence-start flags for every token of `doc`."""
    starts = [False] * len(doc)
    depth = 0
    break_pending = False
    stray = unclosed_free_marks(doc)
    for token in doc:
        i = token.i
        if i == 0:
            starts[i] = True
        elif is_line_break(token):
            # A line break ends the sentence; an unclosed quote does not run into the next paragraph.
            depth, break_pending = 0, True
            continue
        elif break_pending and not token.is_space and not is_terminal(token.text):
            # `?.`, `!..` written as separate tokens stay with the sentence they end.
            starts[i] = True
            break_pending = False
        role = None if i in stray else quote_role(token)
        if role == "open" or (role == "ambiguous" and depth == 0):
            depth += 1
        elif role in ("close", "ambiguous") and depth > 0:
            depth -= 1
            if depth == 0 and _follows_terminal(doc, i):
                break_pending = _next_word_starts_sentence(doc, i)
        elif is_terminal(token.text) and depth == 0:
            break_pending = _next_word_starts_sentence(doc, i)
    for ent in doc.ents:
        if not any(token.is_space for token in ent):  # a line break still ends the sentence
            starts[ent.start + 1 : ent.end] = [False] * (len(ent) - 1)
    return starts


def _follows_terminal(doc: Doc, i: int) -> bool:
    return i > 0 and is_terminal(doc[i - 1].text)


def _next_word_starts_sentence(doc: Doc, i: int) -> bool:
    for token in doc[i + 1 :]:
        if token.is_space:
            return True
        if is_terminal(token.text) or quote_role(token) == "close":
            continue
        return _starts_sentence(token)
    return False


class QuoteAwareSentencizer:
    """Pipeline component setting `token.is_sent_start` from `sentence_starts`.

    It has no state, so it needs no `to_disk`: `nlp.to_disk` saves its config entry alone.
    """

    def __init__(self, nlp: Language, name: str = "trnews_sentencizer") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        # One array write: setting `token.is_sent_start` token by token re-scans the doc each time.
        if len(doc):
            flags = numpy.array([[1 if s else -1] for s in sentence_starts(doc)], dtype="int64")
            doc.from_array([SENT_START], flags.view("uint64"))
        return doc


@Language.factory("trnews_sentencizer", assigns=["token.is_sent_start", "doc.sents"])
def make_sentencizer(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """Registered factory (entry point `trnews_sentencizer`)."""
    return QuoteAwareSentencizer(nlp, name)
