"""Rules that find quotes in a tokenised, entity-tagged `Doc` and attribute them.

The order follows how Turkish news reports speech:
1. quotation marks (`marks.py`) give direct quotes when a cue follows them (`"..." dedi`), a colon
   introduces them (`şunları söyledi: "..."`), or they stand alone as a headline or a paragraph;
   short marked phrases with none of these are scare quotes or titles and are left out;
2. a reporting verb after a nominalised complement gives an indirect quote
   (`Kalın, Türkiye'nin hazır olduğunu belirtti`), passive verbs give unattributed ones
   (`hazır olduğu belirtildi`), and a marked phrase inside the complement makes it mixed;
3. `X'e göre, ...`, colon headlines (`Erdoğan: ...`) and colon introductions without marks;
4. where two rules claim the same words, the invariants of `invariants.py` keep the more reliable;
5. speakers: the cue's subject (`KONUŞMACI, ... FİİL`), the name after a participle
   (`belirten Dinçer`), the asker of a question, the genitive owner of a nominal report; a dropped
   subject takes the most recent speaker, and a headline quote the speaker of its section.
"""

from __future__ import annotations

from typing import List

from spacy.tokens import Doc

from .analysis import Analysis, claimed_spans
from .attribution import resolve, rule_confidence
from .direct import colon_headlines, direct_quotes
from .indirect import colon_indirect, gore_quotes, indirect_quotes, merge_mixed
from .invariants import consistent
from .lexicon import CueLexicon
from .model import QuoteData
from .speakers import EXTRA_KEY


def find_quotes(doc: Doc, lexicon: CueLexicon) -> List[QuoteData]:
    """All quotes of a document, in document order."""
    a = Analysis(doc, lexicon)
    direct, leftovers = direct_quotes(a)
    headlines = colon_headlines(a)
    indirect = merge_mixed(a, direct, indirect_quotes(a, direct + headlines, leftovers))
    taken = claimed_spans(direct + headlines + indirect)
    gore = gore_quotes(a, taken)
    colon = colon_indirect(a, claimed_spans(direct + headlines + indirect + gore))
    candidates = consistent(direct + headlines + indirect + gore + colon, rule_confidence)
    quotes = resolve(a, candidates)
    doc.user_data.pop(EXTRA_KEY, None)
    return quotes
