"""What every quote rule looks up in a document: tokens by character, its own sentence bounds,
quotation marks, cues, and the candidates the rules produce.

The quote component keeps its own sentence segmentation (outside quotations only, and at line
breaks), so it gives the same answers with or without `trnews_sentencizer` in the pipeline.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, Tuple

from spacy.tokens import Doc, Span

from ..sentences import is_line_break
from ..text import QUOTE_CHARS, split_apostrophe, tr_lower
from .lexicon import CueLexicon, CueMatch
from .marks import find_quoted
from .model import SpeakerData
from .speakers import (
    EXTRA_KEY,
    all_mentions,
    is_title_word,
    mention_at,
    speaker_from_entity,
    speaker_ending_at,
    speaker_mentions,
    title_before,
    word,
)


TERMINALS = frozenset({".", "!", "?", "…", "...", "?!", "!?"})
HIGH_VOWEL = "[ıiuü]"
LOW_VOWEL = "[ae]"
INTRO_WORDS = frozenset({"şu", "şunu", "şunları", "şunlar", "şöyle", "aşağıdaki"})


@dataclass
class Candidate:
    """A quote found by a rule, before the speaker passes fill in dropped and section speakers."""

    content: Tuple[int, int]
    type: str
    cue: Optional[Tuple[int, int]]
    speaker: Optional[SpeakerData]
    rule: str
    resolve: str = "explicit"  # explicit | dropped | asker | none | section
    cue_match: Optional[CueMatch] = field(default=None, repr=False)


class Analysis:
    """Per-document lookups shared by the rules: sentences, marks, cues, lines."""

    def __init__(self, doc: Doc, lexicon: CueLexicon) -> None:
        self.doc = doc
        self.text = doc.text
        self.starts = [t.idx for t in doc]
        self.quoted = find_quoted(self.text)
        self.cues = lexicon.find_all(doc)
        self.cue_at: Dict[int, CueMatch] = {}
        for match in self.cues:
            for i in range(match.start, match.end):
                self.cue_at[i] = match
        self.protected = self._protected_tokens()
        self.sent_start, self.sent_end = self._sentences()
        doc.user_data[EXTRA_KEY] = participle_names(doc, self.cues)

    def token_at(self, char: int) -> int:
        """Index of the token that contains (or starts after) character `char`."""
        i = bisect.bisect_right(self.starts, char) - 1
        return max(i, 0)

    def tokens_of(self, start: int, end: int) -> Tuple[int, int]:
        """Token range covering characters [start, end)."""
        first = self.token_at(start)
        if self.doc[first].idx + len(self.doc[first]) <= start:
            first += 1
        last = self.token_at(end - 1)
        return first, last + 1

    def _protected_tokens(self) -> List[bool]:
        """Tokens inside a top-level quotation (marks included): no sentence ends there."""
        flags = [False] * len(self.doc)
        for q in self.quoted:
            if q.depth:
                continue
            start = q.open_mark.pos if q.open_mark else q.start
            end = q.close_mark.end if q.close_mark else q.end
            a, b = self.tokens_of(start, end)
            for i in range(a, b):
                flags[i] = True
        return flags

    def _sentences(self) -> Tuple[List[int], List[int]]:
        """Sentence start and end token for every token (own segmentation: outside quotes only)."""
        doc = self.doc
        bounds = [0]
        for i in range(len(doc) - 1):
            token = doc[i]
            newline = "\n" in token.whitespace_ or is_line_break(token)
            terminal = token.text in TERMINALS and not self.protected[i]
            nxt = doc[i + 1]
            if terminal and (nxt.is_space or nxt.text[:1].isupper() or nxt.text[:1].isdigit() or not nxt.is_alpha):
                bounds.append(i + 1)
            elif newline and not (self.protected[i] and self.protected[i + 1]):
                bounds.append(i + 1)
        bounds.append(len(doc))
        starts, ends = [0] * len(doc), [0] * len(doc)
        for a, b in zip(bounds, bounds[1:]):
            for i in range(a, b):
                starts[i], ends[i] = a, b
        return starts, ends

    def line_of(self, char: int) -> Tuple[int, int]:
        start = self.text.rfind("\n", 0, char) + 1
        end = self.text.find("\n", char)
        return start, len(self.text) if end < 0 else end

    def word(self, i: int) -> str:
        return word(self.doc[i]) if 0 <= i < len(self.doc) else ""


def participle_names(doc: Doc, cues: Sequence[CueMatch]) -> List[List]:
    """Person names that NER missed (or took for places), found by two patterns of news prose.

    - After a reporting participle: `... olduğunu söyleyen Ceyhan, ...` (Ceyhan is also a city).
    - After a title: `Ekonomist Selin Arıkan'a göre`, `Genel Müdürü Eşref Zeka,`: two or three
      capitalised words that are not themselves a title or an institution.
    Every other occurrence of such a name's surname in the document becomes a person mention too,
    and a lone surname NER tagged as a person takes the titled full name.
    """
    names: Dict[str, str] = {}
    full: List[Tuple[int, int, str]] = []
    for start, end in _titled_names(doc):
        words = [split_apostrophe(t.text)[0] for t in doc[start:end] if not t.is_space]
        name = " ".join(words)
        names.setdefault(tr_lower(words[-1]), name)
        full.append((start, end, name))
    persons = {tr_lower(m.text.split()[-1]): m for m in all_mentions(doc) if m.label_ == "PER"}
    for cue in cues:
        if cue.form != "participle" or cue.kind != "verb":
            continue
        i = cue.end
        while i < len(doc) and i - cue.end < 6 and doc[i].text[:1].isupper() and doc[i].is_alpha:
            i += 1
        if i == cue.end or i >= len(doc) or doc[i].text != "," or mention_at(doc, i - 1) is not None:
            continue  # (a titled name found above covers its own tokens: it is not re-read here)
        last = tr_lower(doc[i - 1].text)
        if last in _NOT_NAMES or len(last) < 3:
            continue
        known = persons.get(last)
        if last not in names:
            names[last] = _canonical_text(known) if known is not None else doc[i - 1].text

    extra = [[s, e, "PER", name] for s, e, name in full]
    covered = {i for s, e, _ in full for i in range(s, e)}
    for i, text in enumerate(t.text for t in doc) if names else ():
        if not text[:1].isupper() or i in covered:
            continue
        stem = tr_lower(split_apostrophe(text)[0])
        if stem not in names:
            continue
        tagged = mention_at(doc, i)
        if tagged is None:
            extra.append([i, i + 1, "PER", names[stem]])
        elif _lone_person(tagged) and " " in names[stem]:
            # NER found the lone surname but missed the titled full name: the full name wins.
            extra.append([tagged.start, tagged.end, "PER", names[stem]])
    return sorted(extra)


def _lone_person(mention: Optional[Span]) -> bool:
    """A one-token person mention: often a surname whose full name NER missed nearby."""
    return mention is not None and mention.label_ == "PER" and len(mention) == 1


def _titled_names(doc: Doc) -> List[Tuple[int, int]]:
    """Token ranges of untagged `TITLE Ad Soyad` names (two or three capitalised words)."""
    found = []
    for token in doc:
        if not is_title_word(token):
            continue
        i, words = token.i + 1, []
        while i < len(doc) and len(words) < 3:
            if doc[i].is_space:
                i += 1
                continue
            text = split_apostrophe(doc[i].text)[0]
            if not (text[:1].isupper() and text.isalpha() and text != text.upper()) or is_title_word(doc[i]):
                break
            tagged = mention_at(doc, i)
            if _lone_person(tagged) and words:
                words.append(i)  # `Selin [Arıkan'a]`: NER (or a repeat of it) has the surname alone
                break
            if _INSTITUTION.search(tr_lower(text)) or tagged is not None:
                words = words if len(words) >= 2 else []
                break
            words.append(i)
            if split_apostrophe(doc[i].text)[1]:
                break  # `Arıkan'a`: the suffix ends the name
            i += 1
        if 2 <= len(words) <= 3 and _name_ends(doc, words):
            found.append((words[0], words[-1] + 1))
    return found


def _name_ends(doc: Doc, words: List[int]) -> bool:
    """The run is a whole person name: on one line, not in a place case, not followed by more of
    a title or an institution (`Energy İcra Kurulu`, `Çankaya Köşkü'nde`)."""
    if "\n" in doc[words[0] : words[-1] + 1].text:
        return False
    suffix = tr_lower(split_apostrophe(doc[words[-1]].text)[1])
    if re.fullmatch(r"'n?[dt][ae]n?", suffix):
        return False
    nxt = next((t for t in doc[words[-1] + 1 : words[-1] + 3] if not t.is_space), None)
    return nxt is None or not (nxt.text[:1].isupper() or is_title_word(nxt))


#: Words that end an institution's name, not a person's (`Yönetim Kurulu`, `Ticaret Odası`).
_INSTITUTION = re.compile(
    r"(?:kurul|bakanlı|derne|banka|odas|parti|üniversite|enstitü|vakf|birli|müdürlü|başkanlı|"
    r"şirket|holding|grub|meclis|konsey|komisyon|ajans|gazete|belediye|valili|federasyon|daire|köşk|"
    r"saray|hudut)"
)


def _canonical_text(mention) -> str:
    return speaker_from_entity(mention).name


#: Capitalised words after a participle that are not names (`belirten Bakanlık,` is handled as ORG).
_NOT_NAMES = frozenset("bakan başkan bakanlık genel müdür ise de da".split())


def skip(doc: Doc, i: int, end: int, skippable: str = ",") -> int:
    while i < end and (doc[i].is_space or doc[i].text in skippable):
        i += 1
    return i


def trim(doc: Doc, start: int, end: int) -> Tuple[int, int]:
    """Content without surrounding spaces, dashes, bullets and final punctuation."""
    while start < end and (doc[start].is_space or doc[start].text in "-–—*•,:;"):
        start += 1
    while end > start and (doc[end - 1].is_space or doc[end - 1].text in ".,;:!?…-–—" or is_mark(doc[end - 1].text)):
        end -= 1
    return start, end


def is_mark(text: str) -> bool:
    return bool(text) and all(c in QUOTE_CHARS for c in text)


def shouting(token) -> bool:
    letters = [c for c in token.text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def title_start(a: Analysis, ent) -> int:
    return title_before(a.doc, ent.start)[1]


def entity_ending_at(a: Analysis, i: int):
    """The person or body mention whose last token is `i`."""
    return speaker_ending_at(a.doc, i) if i >= 0 else None


def claimed_spans(cands: Sequence[Candidate]) -> List[Tuple[int, int]]:
    spans = []
    for c in cands:
        spans.append(c.content)
        if c.cue:
            spans.append(c.cue)
    return spans
