"""Rules that find quotes in a tokenised, entity-tagged `Doc` and attribute them.

The order follows how Turkish news reports speech:
1. quotation marks (`marks.py`) give direct quotes when a cue follows them (`"..." dedi`), a colon
   introduces them (`şunları söyledi: "..."`), or they stand alone as a headline or a paragraph;
   short marked phrases with none of these are scare quotes or titles and are left out;
2. a reporting verb after a nominalised complement gives an indirect quote
   (`Kalın, Türkiye'nin hazır olduğunu belirtti`), passive verbs give unattributed ones
   (`hazır olduğu belirtildi`), and a marked phrase inside the complement makes it mixed;
3. `X'e göre, ...`, colon headlines (`Erdoğan: ...`) and colon introductions without marks;
4. speakers: the cue's subject (`KONUŞMACI, ... FİİL`), the name after a participle
   (`belirten Dinçer`), the asker of a question, the genitive owner of a nominal report; a dropped
   subject takes the most recent speaker, and a headline quote the speaker of its section.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace
from typing import Dict, List, Optional, Sequence, Tuple

from spacy.tokens import Doc

from ..entities import MENTIONS_KEY, canonical_of
from ..text import QUOTE_CHARS, split_apostrophe, tr_lower
from .lexicon import CueLexicon, CueMatch
from .marks import Quoted, find_quoted, is_heading
from .model import QuoteData, SpeakerData
from .speakers import (
    EXTRA_KEY,
    all_mentions,
    entities_in,
    genitive_speaker,
    inside_title,
    is_dateline,
    is_nominative,
    is_source_word,
    mention_at,
    mentions_of,
    parse_subject,
    source_phrase,
    speaker_after,
    speaker_from_entity,
    speaker_mentions,
    subject_in,
    title_before,
    word,
)

TERMINALS = frozenset({".", "!", "?", "…", "...", "?!", "!?"})
_H = "[ıiuü]"
_A = "[ae]"
#: Nominalised complements of an active reporting verb (`olduğunu`, `olacağını`, `ulaşmasını`).
ACTIVE_HEAD = re.compile(
    rf"\w*(?:[dt]{_H}ğ{_H}|[dt]{_H}kl{_A}r{_H}|{_A}c{_A}ğ{_H}|{_A}c{_A}kl{_A}r{_H}|m{_A}s{_H}|m{_A}l{_A}r{_H})"
    rf"(?:n{_H}|n{_A}|n{_H}n)$|\w*m{_A}kl{_A}$"
)
#: Complements of a passive or nominal cue (`olduğu belirtildi`, `ulaşması bekleniyor`).
PASSIVE_HEAD = re.compile(
    rf"\w*(?:[dt]{_H}ğ{_H}|[dt]{_H}kl{_A}r{_H}|{_A}c{_A}ğ{_H}|{_A}c{_A}kl{_A}r{_H}|m{_A}s{_H}|m{_A}l{_A}r{_H})$"
)
_SPEECH_LOCATIVE = re.compile(
    r"(?:açıklama|konuşma|sunum|toplantı|görüşme|mesaj|paylaşım|röportaj|demeç|değerlendirme|"
    r"bildiri|yazı|basın|program|tören|etkinlik|mülakat|oturum|panel|zirve|kurul|söyleşi|yayın|"
    r"televizyon|açılış|kongre|miting|hitab|beyanat|rapor|fezleke|haber)\w*(?:d[ae]|t[ae])$"
)
_CONVERB = re.compile(rf"\w+(?:y?{_A}r{_A}k|y?{_H}p|rken|y?{_H}nc{_A}|m{_A}d{_A}n|{_A}r{_A}k)$")
_INTRO_WORDS = frozenset({"şu", "şunu", "şunları", "şunlar", "şöyle", "aşağıdaki"})
#: Cues whose passive participle still reports (`... olduğu iddia edilen kayıtlar`).
_CLAIM = re.compile(r"iddia|sür-")
_EVALUATIVE = frozenset({"değerlendir", "nitelendir", "tanımla", "yorumla"})
_OPENING_ADVERBS = frozenset(
    {("daha", "sonra"), ("öte", "yandan"), ("diğer", "yandan"), ("ayrıca",), ("ancak",), ("bununla", "birlikte")}
)
_LINKERS = frozenset({"diye", "şeklinde", "biçiminde", "gibi"})
_ADVERBS_AFTER_SUBJECT = frozenset({"ise", "da", "de", "ayrıca"})
_HEADLINE_NOUNS = re.compile(r"(?:açıklama|mesaj|tepki|çağrı|uyarı|söz|yorum|cevab|cevap|yanıt)\w*")

#: Confidence of each rule; the evaluation reports precision per bucket on the dev set.
CONFIDENCE = {
    "direct_cue_explicit": 0.95,
    "direct_cue_dropped": 0.85,
    "direct_intro": 0.9,
    "direct_nested": 0.8,
    "direct_colon_headline": 0.85,
    "direct_section_headline": 0.7,
    "direct_bare": 0.55,
    "indirect_explicit": 0.85,
    "indirect_dropped": 0.75,
    "indirect_passive": 0.75,
    "indirect_gore": 0.7,
    "indirect_colon": 0.6,
    "mixed": 0.8,
}


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
            newline = "\n" in token.whitespace_ or (token.is_space and "\n" in token.text)
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
    """Names that NER missed or took for places, found after reporting participles.

    `... olduğunu söyleyen Ceyhan, ...`: the capitalised words between a reporting participle and
    its comma name the speaker (Ceyhan is also a city, so NER may call it LOC). Every other
    occurrence of that name in the document becomes a person mention as well.
    """
    names: Dict[str, str] = {}
    persons = {tr_lower(m.text.split()[-1]): m for m in all_mentions(doc) if m.label_ == "PER"}
    for cue in cues:
        if cue.form != "participle" or cue.kind != "verb":
            continue
        i = cue.end
        while i < len(doc) and i - cue.end < 6 and doc[i].text[:1].isupper() and doc[i].is_alpha:
            i += 1
        if i == cue.end or i >= len(doc) or doc[i].text != "," or mention_at(doc, i - 1) is not None:
            continue
        last = tr_lower(doc[i - 1].text)
        if last in _NOT_NAMES or len(last) < 3:
            continue
        known = persons.get(last)
        names[last] = _canonical_text(known) if known is not None else doc[i - 1].text
    extra = []
    for token in doc:
        stem = tr_lower(split_apostrophe(token.text)[0])
        if stem in names and token.text[:1].isupper() and mention_at(doc, token.i) is None:
            extra.append([token.i, token.i + 1, "PER", names[stem]])
    return extra


def _canonical_text(mention) -> str:
    return speaker_from_entity(mention).name


#: Capitalised words after a participle that are not names (`belirten Bakanlık,` is handled as ORG).
_NOT_NAMES = frozenset("bakan başkan bakanlık genel müdür ise de da".split())


def _skip(doc: Doc, i: int, end: int, skippable: str = ",") -> int:
    while i < end and (doc[i].is_space or doc[i].text in skippable):
        i += 1
    return i


def _trim(doc: Doc, start: int, end: int) -> Tuple[int, int]:
    """Content without surrounding spaces, dashes, bullets and final punctuation."""
    while start < end and (doc[start].is_space or doc[start].text in "-–—*•,:;"):
        start += 1
    while end > start and (doc[end - 1].is_space or doc[end - 1].text in ".,;:!?…-–—" or _is_mark(doc[end - 1].text)):
        end -= 1
    return start, end


def _is_mark(text: str) -> bool:
    return bool(text) and all(c in QUOTE_CHARS for c in text)


# ----------------------------------------------------------------------------------------------
# Direct quotes


def _cue_after(a: Analysis, i: int) -> Optional[Tuple[Tuple[int, int], CueMatch]]:
    """The cue that follows a closing mark: `" dedi`, `", diye konuştu`, `" şeklinde konuştu`."""
    doc = a.doc
    j = _skip(doc, i, len(doc), ",")
    if j >= len(doc) or "\n" in a.text[doc[i - 1].idx : doc[j].idx] or doc[j].text[:1].isupper():
        return None  # a capitalised word or a new line after the quote starts something else
    linker = a.word(j) if a.word(j) in _LINKERS else None
    k = j + 1 if linker else j
    k = _skip(doc, k, len(doc), ",")
    match = a.cue_at.get(k)
    if match is not None and match.start == k:
        start = j if linker in ("diye", "şeklinde", "biçiminde") else match.start
        return (start, match.end), match
    if linker == "diye" and (k >= len(doc) or doc[k].text in TERMINALS):
        return (j, j + 1), None
    return None


def _intro_before(a: Analysis, open_char: int) -> Optional[Tuple[int, int]]:
    """Token range of the sentence that introduces a quotation with a colon or `şu ...` phrase."""
    doc = a.doc
    i = a.token_at(open_char) - 1
    while i >= 0 and (doc[i].is_space or doc[i].text in "-–—*•"):
        i -= 1
    if i >= 0 and doc[i].text == ":":
        return a.sent_start[i], i
    return None


def _intro_sentence(a: Analysis, start: int, end: int) -> Optional[CueMatch]:
    """The reporting cue of an introducing sentence (`şunları söyledi`, `şu cevabı vermişti`)."""
    cues = [m for m in a.cues if start <= m.start < end]
    return cues[-1] if cues else None


def _is_block(a: Analysis, q: Quoted) -> bool:
    """The quotation fills its line(s): nothing but marks, dashes and spaces around it."""
    line_start, _ = a.line_of(q.start)
    _, line_end = a.line_of(max(q.end - 1, q.start))
    before = a.text[line_start : q.open_mark.pos if q.open_mark else q.start]
    after = a.text[q.close_mark.end if q.close_mark else q.end : line_end]
    return not before.strip(" \t\xa0-–—*•") and not after.strip(" \t\xa0.,;:!?…-–—")


def _standalone(a: Analysis, q: Quoted) -> bool:
    """A quotation between two sentences (`... kullandı. "Enflasyona da katkı" Açıklamada, ...`).

    Flattened scraped pages put sub-headings and free-standing quoted sentences inline; they are
    told from titles and scare quotes by what surrounds them: a finished sentence before, and a
    capitalised word or nothing after.
    """
    if q.open_mark is None or q.close_mark is None:
        return False
    before = a.text[: q.open_mark.pos].rstrip(" \t\xa0\u200b")
    after = a.text[q.close_mark.end :].lstrip(" \t\xa0\u200b")
    starts_clear = not before or before[-1] in ".!?…\n" or before[-1] in "\"”»\u0094'’"
    ends_clear = not after or after[0] == "\n" or after[0].isupper() or after[0].isdigit() or after[0] in QUOTE_CHARS
    return starts_clear and ends_clear


def _previous_lines(a: Analysis, char: int, count: int) -> List[Tuple[int, int]]:
    """Up to `count` non-empty, non-heading lines before the line of `char` (nearest first)."""
    lines = []
    start, _ = a.line_of(char)
    pos = start - 1
    while pos > 0 and len(lines) < count:
        line_start, line_end = a.line_of(pos)
        line = a.text[line_start:line_end]
        if line.strip() and not is_heading(line):
            lines.append((line_start, line_end))
        pos = line_start - 1
    return lines


def _is_quote_line(a: Analysis, line_start: int, line_end: int) -> bool:
    """The line holds a quotation from its start (a previous block of the same speech)."""
    return any(q.depth == 0 and q.open_mark is not None and q.open_mark.pos <= line_start + 8
               and q.open_mark.pos >= line_start for q in a.quoted)


def _pending_intro(a: Analysis, q: Quoted) -> Optional[Tuple[Tuple[int, int], CueMatch]]:
    """A sentence in the last lines ending in `şunları söyledi:` or `şu cevabı vermişti.`."""
    for line_start, line_end in _previous_lines(a, q.start, 6):
        if _is_quote_line(a, line_start, line_end):
            continue  # a block quote before this one: the introduction may be further up
        first, last = a.tokens_of(line_start, line_end)
        j = last - 1
        while j > first and (a.doc[j].is_space or a.doc[j].text in ".:"):
            j -= 1
        match = a.cue_at.get(j)
        if match is None or match.end != j + 1:
            continue
        window = {a.word(k) for k in range(max(first, match.start - 3), match.start)}
        if window & _INTRO_WORDS or a.doc[min(j + 1, last - 1)].text == ":":
            return (a.sent_start[j], j + 1), match
        if _is_mark(a.doc[first].text) or any(_is_mark(a.doc[k].text) for k in range(first, last)):
            return None
    return None


def direct_quotes(a: Analysis) -> Tuple[List[Candidate], List[Quoted]]:
    """Direct quote candidates, and the marked phrases left for mixed quotes or scare quotes."""
    found: List[Candidate] = []
    leftovers: List[Quoted] = []
    for q in a.quoted:
        candidate = _direct(a, q)
        if candidate is None:
            leftovers.append(q)
        else:
            found.append(candidate)
    return found, leftovers


def _direct(a: Analysis, q: Quoted) -> Optional[Candidate]:
    doc = a.doc
    # A direct quote is everything inside the marks, its final punctuation included.
    content = a.tokens_of(q.start, q.end)
    if content[1] <= content[0]:
        return None
    after = a.token_at(q.close_mark.end) if q.close_mark else content[1]
    if q.close_mark and doc[after].idx < q.close_mark.end:
        after += 1
    cue = _cue_after(a, after) if q.close_mark else None
    n_words = sum(1 for t in doc[content[0] : content[1]] if t.is_alpha)
    if q.depth:
        return _nested(a, q, content, cue) if cue and cue[1] is not None else None
    if cue is not None:
        return _attributed(a, q, content, cue)
    if q.orphan:
        return None  # without its opening mark, only a following cue makes it a quote
    intro = _intro_before(a, q.open_mark.pos if q.open_mark else q.start)
    if intro is not None:
        match = _intro_sentence(a, *intro)
        return _from_intro(a, content, intro, match)
    block = _is_block(a, q)
    if block or _standalone(a, q):
        pending = _pending_intro(a, q) if block else None
        if pending is not None:
            return _from_intro(a, content, pending[0], pending[1])
        if n_words <= 15 and not re.search(r"[.!?]\s+\S", a.text[q.start : q.end]):
            return Candidate(content, "direct", None, None, "direct_section_headline", resolve="section")
        return Candidate(content, "direct", None, None, "direct_bare", resolve="dropped")
    opened_after_comma = q.open_mark is not None and doc[max(a.token_at(q.open_mark.pos) - 1, 0)].text == ","
    if opened_after_comma and (n_words >= 5 or re.search(r"[.!?]", a.text[q.start : q.end])):
        start = a.sent_start[content[0]]
        speaker = subject_in(doc, start, content[0])
        return Candidate(content, "direct", None, speaker, "direct_bare", resolve="explicit" if speaker else "dropped")
    return None


def _attributed(a: Analysis, q: Quoted, content: Tuple[int, int], cue: Tuple[Tuple[int, int], Optional[CueMatch]]) -> Candidate:
    doc = a.doc
    (cue_start, cue_end), match = cue
    speaker = None
    rule = "direct_cue_explicit"
    open_tok = a.token_at(q.open_mark.pos) if q.open_mark else content[0]
    sent_start = a.sent_start[open_tok]
    if match is not None and match.kind == "question":
        speaker = genitive_speaker(doc, open_tok, sent_start)
        return Candidate(content, "direct", (cue_start, cue_end), speaker, rule, resolve="explicit" if speaker else "asker", cue_match=match)
    if match is not None and match.passive:
        return Candidate(content, "direct", (cue_start, cue_end), None, rule, resolve="none", cue_match=match)
    if match is not None and match.form == "participle":
        speaker = speaker_after(doc, cue_end, a.sent_end[cue_end - 1])
    if speaker is None:
        speaker = subject_in(doc, sent_start, open_tok, cue=open_tok)
    if speaker is None and match is not None and match.form == "finite":
        speaker = speaker_after(doc, cue_end, a.sent_end[cue_end - 1])  # `"...", dedi Bakan Demir.`
    if speaker is None and match is not None:
        speaker = parse_subject(doc, match.end - 1, sent_start, a.sent_end[cue_start])
        if speaker is not None and speaker.mention and content[0] <= speaker.mention[0] < content[1]:
            speaker = None  # a name inside the quotation is not its speaker
    if speaker is None:
        return Candidate(content, "direct", (cue_start, cue_end), None, "direct_cue_dropped", resolve="dropped", cue_match=match)
    return Candidate(content, "direct", (cue_start, cue_end), speaker, rule, cue_match=match)


def _nested(a: Analysis, q: Quoted, content: Tuple[int, int], cue) -> Optional[Candidate]:
    """A third party quoted inside a quotation (`Koçel, 'sorun yok' dedi`), only with a cue."""
    (cue_start, cue_end), match = cue
    if match.form == "participle" and a.word(match.end - 1).endswith(("ler", "lar")):
        return None  # `'bırakın ölsünler' diyenler gibi`: a description, not a report
    doc = a.doc
    open_tok = a.token_at(q.open_mark.pos)
    start = open_tok
    while start > 0 and doc[start - 1].text not in TERMINALS and not _is_mark(doc[start - 1].text):
        start -= 1
    speaker = subject_in(doc, start, open_tok, cue=open_tok)
    if speaker is None:
        for i in range(start, open_tok):
            if is_source_word(doc[i]):
                speaker = source_phrase(doc, i, start)
                break
    return Candidate(content, "direct", (cue_start, cue_end), speaker, "direct_nested", resolve="explicit" if speaker else "dropped", cue_match=match)


def _from_intro(a: Analysis, content, intro: Tuple[int, int], match: Optional[CueMatch]) -> Candidate:
    doc = a.doc
    start, end = intro
    speaker = None
    cue = (match.start, match.end) if match else None
    if match is not None and match.form == "participle":
        speaker = speaker_after(doc, match.end, end)
    if speaker is None:
        speaker = subject_in(doc, start, match.start if match else end, cue=match.start if match else end)
    if match is not None and match.passive:
        return Candidate(content, "direct", cue, None, "direct_intro", resolve="none", cue_match=match)
    return Candidate(content, "direct", cue, speaker, "direct_intro", resolve="explicit" if speaker else "dropped", cue_match=match)


# ----------------------------------------------------------------------------------------------
# Indirect quotes


_BETWEEN_HEAD_AND_CUE = frozenset(
    "da de ise bir kez daha ilk yine ayrıca bugün dün özellikle açıkça yönündeki yönünde "
    "konusundaki şeklindeki biçimindeki".split()
)


def _head_before(a: Analysis, match: CueMatch) -> Optional[int]:
    """The nominalised complement right before a cue (`olduğunu` in `olduğunu belirtti`).

    Passive, nominal and noun-compound cues (`belirtildi`, `iddiasıyla`, `uyarısında bulundu`,
    `sorusu`) take a complement without case (`olduğu`, `olması`); active verbs an accusative or
    dative one (`olduğunu`, `olduğuna`).
    """
    i = match.start - 1
    skipped = 0
    while i >= 0 and (a.doc[i].is_space or a.word(i) in _BETWEEN_HEAD_AND_CUE) and skipped < 3:
        i -= 1
        skipped += 1
    if i < 0:
        return None
    w = a.word(i)
    if w == "olarak" and match.entry.stem in _EVALUATIVE:
        return i  # `anlaşmayı çok geç olarak değerlendirdi`
    bare = (
        match.passive
        or match.kind in ("noun", "question")
        or match.form == "nominal"
        or bool(match.entry.words and re.search(r"(?:d|t|n)[ae]$", match.entry.words[-1][0]))
    )
    if ACTIVE_HEAD.fullmatch(w) or (bare and PASSIVE_HEAD.fullmatch(w)):
        return i
    return None


def _is_reporting(a: Analysis, match: CueMatch) -> bool:
    """A cue that governs a complement: only such a cue closes the clause before a new content."""
    return match.kind == "verb" and _head_before(a, match) is not None


def _listed(a: Analysis, comma: int) -> bool:
    """`Kılıçdaroğlu, CHP , MHP ve HDP'nin`: the comma after `CHP` is inside a list, because `CHP`
    itself follows a comma or the list goes on with `ve`; the comma after `Kılıçdaroğlu` is not."""
    doc = a.doc
    nxt = comma + 1
    while nxt < len(doc) and doc[nxt].is_space:
        nxt += 1
    if nxt < len(doc) and a.word(nxt) in ("ve", "veya", "ile"):
        return True
    prev = next((m for m in all_mentions(doc) if m.end == comma), None)
    before = prev.start - 1 if prev is not None else -1
    return before >= 0 and (doc[before].text == "," or a.word(before) in ("ve", "veya"))


def _after_participle(a: Analysis, ent) -> bool:
    """`... olduğunu belirten Hammond bu ...`: a name right after a reporting participle."""
    start = _title_start(a, ent)
    cue = a.cue_at.get(start - 1)
    return cue is not None and cue.form == "participle"


def _content_start(
    a: Analysis, head: int, floor: int, passive_relative: bool = False
) -> Tuple[int, Optional[SpeakerData]]:
    """Where the reported content begins, scanning left from its head, and a subject found there.

    The content runs back to the clause boundary: the subject and its comma (`Dinçer, ...`), a
    preceding reporting converb (`... belirterek, ...`), a speech setting (`yaptığı açıklamada,`),
    `X'e göre,`, or the sentence start. Commas inside the content (lists, a genitive subject)
    do not end it.
    """
    doc = a.doc
    j = head - 1
    while j >= floor:
        token = doc[j]
        cue = a.cue_at.get(j)
        if cue is not None and cue.end == j + 1 and cue.form in ("converb", "finite", "participle") and _is_reporting(a, cue):
            return _skip(doc, j + 1, head, ","), None
        if token.text == ":":
            return j + 1, None
        previous_cue = a.cue_at.get(j - 1)
        if a.word(j) == "ve" and j > floor and (
            _CONVERB.fullmatch(a.word(j - 1)) or (previous_cue is not None and previous_cue.form in ("finite", "converb"))
        ):
            return j + 1, None
        if j > floor and _shouting(doc[j]) and _shouting(doc[j - 1]) and doc[j + 1].text[:1].isupper() and not _shouting(doc[j + 1]):
            return j + 1, None  # `ZİYARETE GELİYORLAR  Yurtiçi talebi ...`: an inline heading ends here
        if a.word(j) in ("önce", "sonra") and j > floor and re.search(r"(?:m[ae]d[ae]n|[dt][ıiuü]kt[ae]n)$", a.word(j - 1)):
            return _skip(doc, j + 1, head, ","), None  # `... çıkmadan önce bunun ...`
        if passive_relative and re.fullmatch(r"\w{2,}y?[ae]n", a.word(j)):
            return j + 1, None  # `... ortaya çıkan [... olduğu] iddia edilen kayıtlar`
        if token.text == "," and j > floor:
            found = _comma_boundary(a, j, floor)
            if found is not None:
                return found
        ent = _entity_ending_at(a, j)
        if ent is not None and _bare_subject(a, ent, floor):
            return j + 1, speaker_from_entity(ent)
        if j == _phrase_end(a, floor) and _bare_source(a, floor, j):
            # `Gelişmekte olan ülkeler anlaşmayı ...`: a source phrase opening the clause
            return j + 1, source_phrase(doc, j, floor)
        j -= 1
    return floor, None


def _bare_subject(a: Analysis, ent, floor: int) -> bool:
    """A subject without its comma: `Hammond ayrıca ...`, `Kaan Urgancıoğlu ise ...`, a name right
    after a reporting participle; never a name that goes on as a longer name (`MEB Stratejik ...`)."""
    doc = a.doc
    nxt = doc[ent.end] if ent.end < len(doc) else None
    if nxt is None or nxt.text == "," or not is_nominative(ent) or inside_title(doc, ent) or is_dateline(doc, ent):
        return False
    if nxt.text[:1].isupper():
        return False
    return _title_start(a, ent) == floor or _after_participle(a, ent) or a.word(ent.end) in ("ise", "da", "de", "ayrıca")


def _bare_source(a: Analysis, floor: int, j: int) -> bool:
    """A plural source noun in the nominative ending a name-free phrase at the clause start."""
    doc = a.doc
    if not is_source_word(doc[j]) or not re.search(r"l[ae]r[ıi]?$", a.word(j)):
        return False
    if any(mention_at(doc, k) is not None for k in range(floor, j + 1)):
        return False
    return j + 1 < len(doc) and doc[j + 1].text != ","


def _phrase_end(a: Analysis, floor: int) -> int:
    """Last token of a short lower-case noun phrase opening the clause (up to four words)."""
    j = floor
    while j + 1 < len(a.doc) and j - floor < 3 and a.doc[j + 1].is_alpha and not a.doc[j + 1].text[:1].isupper():
        if is_source_word(a.doc[j]):
            return j
        j += 1
    return j


def _first_person(word: str) -> bool:
    return bool(re.search(r"(?:[dt][ıiuü][mk]|yor(?:um|uz)|[ae]c[ae][ğk](?:ım|im|ız|iz)|m[ıiuü]ş(?:ım|im|ız|iz))$", word))


def _after_dateline(a: Analysis, start: int, head: int) -> int:
    """Past an agency dateline that opens a paragraph: `RADİKAL -`, `ANKARA (AA) -`."""
    for k in range(start, min(start + 5, head)):
        token = a.doc[k].text
        if token in ("-", "–", "—") and k > start:
            return k + 1
        if not (_shouting(a.doc[k]) or token in "()" or a.doc[k].is_space):
            break
    return start


def _skip_setting(a: Analysis, start: int, head: int) -> int:
    """Skip what opens the content but is not reported: adverbs after the subject, a discourse
    adverb (`Daha sonra`), the speech setting without its comma (`açılış konuşmasında`)."""
    k = _after_dateline(a, start, head)
    while k < head and (a.word(k) in _ADVERBS_AFTER_SUBJECT or a.doc[k].text == ","):
        k += 1
    if k + 1 < head and (a.word(k), a.word(k + 1)) in _OPENING_ADVERBS:
        k += 2
    elif k < head and (a.word(k),) in _OPENING_ADVERBS:
        k += 1
    for n in range(k, min(k + 3, head)):
        if _SPEECH_LOCATIVE.fullmatch(a.word(n)) and not (n + 1 < len(a.doc) and a.doc[n + 1].text == ","):
            return n + 1 if n + 1 < head else k
    return k


def _shouting(token) -> bool:
    letters = [c for c in token.text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _clause_subject(a: Analysis, floor: int):
    """`Kılıçdaroğlu, CHP, MHP ve ...`: a name (with its title) that opens the clause with a comma."""
    for ent in speaker_mentions(a.doc):
        if ent.start >= floor and _title_start(a, ent) == floor:
            if ent.end < len(a.doc) and a.doc[ent.end].text == "," and is_nominative(ent):
                return ent
            return None
        if ent.start > floor + 8:
            break
    return None


def _comma_boundary(a: Analysis, j: int, floor: int) -> Optional[Tuple[int, Optional[SpeakerData]]]:
    """Whether the comma at `j` closes the part before the content, and the subject it closes."""
    doc = a.doc
    prev = j - 1
    ent = _entity_ending_at(a, prev)
    if ent is not None and is_nominative(ent) and not _listed(a, j):
        opener = _clause_subject(a, floor)
        if opener is None or opener.start == ent.start:
            return j + 1, speaker_from_entity(ent)
    pw = a.word(prev)
    if pw in ("ise", "da", "de"):
        ent = _entity_ending_at(a, prev - 1)
        if ent is not None and is_nominative(ent):
            return j + 1, speaker_from_entity(ent)
    if is_source_word(doc[prev]) and a.sent_start[prev] == _phrase_floor(a, prev):
        return j + 1, source_phrase(doc, prev, a.sent_start[prev])
    if _SPEECH_LOCATIVE.fullmatch(pw) or _CONVERB.fullmatch(pw) or pw == "göre":
        return j + 1, None
    return None


def _phrase_floor(a: Analysis, head: int) -> int:
    i = head
    while i > a.sent_start[head] and a.doc[i - 1].is_alpha and head - i < 3:
        i -= 1
    return i


def _title_start(a: Analysis, ent) -> int:
    return title_before(a.doc, ent.start)[1]


def _entity_ending_at(a: Analysis, i: int):
    """The person or body mention whose last token is `i`."""
    if i < 0:
        return None
    return next((m for m in speaker_mentions(a.doc) if m.end == i + 1), None)


def indirect_quotes(a: Analysis, direct: Sequence[Candidate], leftovers: Sequence[Quoted]) -> List[Candidate]:
    """Indirect and mixed quotes governed by reporting cues outside direct quotations."""
    doc = a.doc
    taken = _taken(direct)
    found = []
    for match in a.cues:
        said = _diye_clause(a, match, taken)
        if said is not None:
            found.append(said)
            continue
        if a.protected[match.start] or match.form == "relative" or match.kind == "frame":
            continue
        if _first_person(a.word(match.end - 1)):
            continue  # `... önermek istiyorum`, `söyledik`: the speaker's own words, not a report
        if match.passive and match.form == "participle" and not _CLAIM.search(match.entry.phrase):
            continue  # `sunuculuk yapması istenen Musk`: a relative clause, not a report
        head = _head_before(a, match)
        if head is None:
            continue
        floor = a.sent_start[head]
        start, subject = _content_start(a, head, floor, passive_relative=match.passive and match.form == "participle")
        start = _skip_setting(a, start, head)
        if match.form == "nominal" or match.kind == "question":
            owner = genitive_speaker(doc, head, floor)
            if owner is not None and owner.mention is not None and owner.mention[1] <= head and _opens_clause(a, owner.mention[0], floor):
                start, subject = max(start, owner.mention[1]), owner
            elif match.kind != "question":
                continue
        start = _after_taken(a, start, head, taken)
        content = _trim(doc, start, head + 1)
        if content[1] - content[0] < 2 or any(s < content[1] and content[0] < e for s, e in taken):
            continue
        mixed = any(a.tokens_of(q.start, q.end)[0] >= content[0] and a.tokens_of(q.start, q.end)[1] <= content[1] for q in leftovers)
        qtype = "mixed" if mixed else "indirect"
        cue = (match.start, match.end)
        if match.kind in ("question", "noun"):
            # The asker of a question, the owner of a claim: only a genitive says who (`X'in sorusu`).
            owner = subject if subject is not None and match.form != "participle" and _is_genitive_owner(a, subject) else None
            found.append(Candidate(content, qtype, cue, owner, "indirect_explicit" if owner else "indirect_passive", resolve="explicit" if owner else "none", cue_match=match))
            continue
        if match.passive:
            source = None if match.form == "participle" else _setting_source(a, floor, content[0])
            rule = "indirect_explicit" if source else "indirect_passive"
            found.append(Candidate(content, qtype, cue, source, rule, resolve="explicit" if source else "none", cue_match=match))
            continue
        speaker = None
        if match.form == "participle":
            speaker = speaker_after(doc, match.end, a.sent_end[match.end - 1])
        speaker = speaker or subject or subject_in(doc, floor, content[0], cue=match.start)
        if speaker is None:
            speaker = parse_subject(doc, match.end - 1, floor, content[0])
        if speaker is None and match.form == "converb":
            # `... söyleyerek konuşmasına başlayan Tesla'nın kurucusu Musk, ...`: the main clause's subject
            speaker = subject_in(doc, match.end, a.sent_end[match.start], cue=match.end, comma_only=True)
        rule = "mixed" if mixed else ("indirect_explicit" if speaker else "indirect_dropped")
        resolve = "explicit" if speaker else ("none" if match.kind == "noun" else "dropped")
        found.append(Candidate(content, qtype, cue, speaker, rule, resolve=resolve, cue_match=match))
    return found


def _diye_clause(a: Analysis, match: CueMatch, taken: Sequence[Tuple[int, int]]) -> Optional[Candidate]:
    """Speech without marks before `diye konuştu`: `... göz yummayacağız diye konuştu` (indirect)."""
    doc = a.doc
    k = match.start - 1
    if k < 1 or a.word(k) != "diye" or a.protected[match.start] or match.form not in ("finite", "converb"):
        return None
    if not doc[k - 1].is_alpha or any(s <= k - 1 < e for s, e in taken):
        return None
    floor = a.sent_start[k - 1]
    start, subject = _content_start(a, k - 1, floor)
    content = _trim(doc, _skip_setting(a, start, k - 1), k)
    if content[1] - content[0] < 3:
        return None
    speaker = subject or subject_in(doc, floor, content[0], cue=k)
    return Candidate(content, "indirect", (k, match.end), speaker, "indirect_explicit" if speaker else "indirect_dropped", resolve="explicit" if speaker else "dropped", cue_match=match)


def _opens_clause(a: Analysis, i: int, floor: int) -> bool:
    """Token `i` (or the title before it) begins its clause: the sentence start or after a comma."""
    while i > floor and (a.doc[i - 1].text[:1].isupper() or a.doc[i - 1].is_space):
        i -= 1
    return i == floor or a.doc[i - 1].text == ","


def _after_taken(a: Analysis, start: int, head: int, taken: Sequence[Tuple[int, int]]) -> int:
    """Move a content start past a direct quote that ends inside it (an inline heading before it)."""
    for s, e in taken:
        if s < head and start < e <= head:
            start = e
    while start < head and (a.doc[start].is_space or _is_mark(a.doc[start].text) or a.doc[start].text in ",.;:"):
        start += 1
    return start


def _is_genitive_owner(a: Analysis, speaker: SpeakerData) -> bool:
    if speaker.mention is None:
        return False
    return bool(re.search(r"n?[ıiuü]n$", a.word(speaker.mention[1] - 1)))


def _setting_source(a: Analysis, start: int, end: int) -> Optional[SpeakerData]:
    """The source named in the setting of a passive report.

    `Babacan'ın haberinde ... ortaya atıldı`, `MÜSİAD'dan yapılan yazılı açıklamada ... kullanıldı`:
    a genitive or ablative name before a speech noun in the locative.
    """
    doc = a.doc
    for i in range(start, end):
        if not _SPEECH_LOCATIVE.fullmatch(a.word(i)):
            continue
        owner = genitive_speaker(doc, i, max(start, i - 2))
        if owner is not None and owner.mention is not None and owner.mention[1] >= i - 1:
            return owner
        agent = next((k for k in range(i - 1, max(start, i - 5) - 1, -1) if a.word(k) == "tarafından"), None)
        if agent is not None:
            ent = _entity_ending_at(a, agent - 1)
            if ent is not None:
                return speaker_from_entity(ent)  # `TEB Merkez Heyeti tarafından yapılan açıklamada`
        for k in range(i - 1, max(start, i - 5) - 1, -1):
            ent = _entity_ending_at(a, k)
            if ent is not None and re.search(r"[dt][ae]n$", a.word(k)):
                return speaker_from_entity(ent)
    return None


def merge_mixed(a: Analysis, direct: List[Candidate], indirect: List[Candidate]) -> List[Candidate]:
    """`Bakan, “tuzakları bozduk” diyerek sürecin sürdüğünü söyledi`: one mixed quote.

    A quotation attached by `diyerek`/`diye` to the reported content that follows it is part of
    that content; the pair becomes one mixed quote and the quotation is not reported twice.
    """
    merged = []
    for quote in indirect:
        before = [d for d in direct if d.cue and d.cue_match is not None and d.cue_match.entry.stem == "de"
                  and d.cue_match.form == "converb" and _skip(a.doc, d.cue[1], len(a.doc), ",") == quote.content[0]]
        if before and quote.type != "mixed":
            d = before[0]
            direct.remove(d)
            quote.content = (d.content[0], quote.content[1])
            quote.type = "mixed"
            quote.rule = "mixed"
            quote.speaker = quote.speaker or d.speaker
        merged.append(quote)
    return merged


def _taken(cands: Sequence[Candidate]) -> List[Tuple[int, int]]:
    spans = []
    for c in cands:
        spans.append(c.content)
        if c.cue:
            spans.append(c.cue)
    return spans


def gore_quotes(a: Analysis, taken: Sequence[Tuple[int, int]]) -> List[Candidate]:
    """`Uzmanlara göre, ...`, `X'in açıklamasına göre ...`: the rest of the sentence is reported."""
    doc = a.doc
    found = []
    for i, token in enumerate(doc):
        if a.word(i) != "göre" or i == 0 or a.protected[i] or any(s <= i < e for s, e in taken):
            continue
        source = _gore_source(a, i - 1)
        if source is None:
            continue
        start = _skip(doc, i + 1, len(doc), ",")
        content = _trim(doc, start, a.sent_end[i])
        if content[1] - content[0] < 3:
            continue
        found.append(Candidate(content, "indirect", (i, i + 1), source, "indirect_gore"))
    return found


def _gore_source(a: Analysis, i: int) -> Optional[SpeakerData]:
    """The source of `göre`: a named entity, a source phrase, or the owner of `açıklama`/`bilgi`."""
    doc = a.doc
    floor = a.sent_start[i]
    ent = _entity_ending_at(a, i)
    if ent is not None:
        start = _title_start(a, ent)
        descriptors = doc[floor:start]
        if len(descriptors) <= 4 and all(t.is_alpha for t in descriptors) or doc[start - 1].text == ",":
            return speaker_from_entity(ent)
        return None
    w = a.word(i)
    if is_source_word(doc[i]):
        phrase = source_phrase(doc, i, floor, case="dative")
        if phrase.mention and (phrase.mention[0] == floor or doc[phrase.mention[0] - 1].is_alpha):
            return phrase
    if re.match(r"(?:açıklama|bilgi|ifade|iddia|habe|beyan|değerlendirme|tahmin)", w):
        owner = genitive_speaker(doc, i, floor)
        if owner is not None:
            return owner
        if i >= 2 and re.search(r"(?:edinilen|alınan|gelen)$", a.word(i - 1)):
            head = i - 2
            if is_source_word(doc[head]):
                return source_phrase(doc, head, floor, case="ablative")
            ent = _entity_ending_at(a, head)
            if ent is not None:
                return speaker_from_entity(ent)
    return None


def colon_headlines(a: Analysis) -> List[Candidate]:
    """`Erdoğan: Açlık grevleri şantajdır`, `Başkan Erdoğandan ... açıklaması: ...`.

    A headline stands at the start of a line. Scraped pages repeat it at the top of the body, glued
    to what follows (`BMD: X\n\nHaberler BMD: X BMD: X Bloomberg ...`); a repeat is recognised
    anywhere in a line by its content, and ends where that content ends.
    """
    doc = a.doc
    found: List[Candidate] = []
    seen: List[str] = []
    resume = 0
    for colon_tok, token in enumerate(doc):
        if token.text != ":" or a.protected[colon_tok] or colon_tok + 1 >= len(doc):
            continue
        line_start, line_end = a.line_of(token.idx)
        first = max(a.tokens_of(line_start, line_end)[0], resume)
        left = a.text[doc[first].idx : token.idx]
        if not left.strip() or len(left.split()) > 10 or re.search(r"[.!?\"“”]", left):
            continue
        speaker = _headline_speaker(a, first, colon_tok)
        if speaker is None:
            continue
        rest_start = doc[colon_tok + 1].idx
        rest = a.text[rest_start:line_end]
        repeat = next((p for p in seen if rest.startswith(p)), None)
        if repeat is not None:
            end = rest_start + len(repeat)
        elif first == a.tokens_of(line_start, line_end)[0]:
            end = line_start + _first_half(a.text[line_start:line_end])
        else:
            continue
        content = _trim(doc, *a.tokens_of(rest_start, end))
        if content[1] - content[0] < 2 or any(a.protected[k] for k in range(*content)):
            continue
        seen.append(a.text[doc[content[0]].idx : doc[content[1] - 1].idx + len(doc[content[1] - 1])])
        resume = content[1]
        found.append(Candidate(content, "direct", None, speaker, "direct_colon_headline"))
    return found


def _headline_speaker(a: Analysis, first: int, colon_tok: int) -> Optional[SpeakerData]:
    """Who a headline quotes: the name before the colon, the ablative source of `... açıklaması:`,
    or the person the article introduces with the title alone (`Bakan:`)."""
    ents = entities_in(a.doc, first, colon_tok)
    noun_headline = bool(_HEADLINE_NOUNS.fullmatch(a.word(colon_tok - 1)))
    speaker = _ablative_source(a, first, colon_tok) if noun_headline else None
    if speaker is None and ents and (ents[-1].end == colon_tok or noun_headline):
        speaker = speaker_from_entity(ents[-1])
    if speaker is None and not ents:
        speaker = _titled_person(a, [a.word(k) for k in range(first, colon_tok)])
    return speaker


def _titled_person(a: Analysis, words: Sequence[str]) -> Optional[SpeakerData]:
    """`Bakan: ...`: the person the article introduces with that title (`Sağlık Bakanı Ayşe Demirtaş`)."""
    if not words or len(words) > 2 or not all(re.fullmatch(r"\w+", w) for w in words):
        return None
    key = words[-1]
    for mention in speaker_mentions(a.doc):
        if mention.label_ != "PER":
            continue
        title, _ = title_before(a.doc, mention.start)
        if title and any(t.startswith(key) for t in tr_lower(title).split()):
            return replace(speaker_from_entity(mention), mention=None)
    return None


def _first_half(line: str) -> int:
    """Length of a line's own text when scraping glued it twice (`Başlık: içerikBaşlık: içerik`)."""
    half = len(line) // 2
    if len(line) % 2 == 0 and half > 10 and line[:half] == line[half:]:
        return half
    return len(line)


def _ablative_source(a: Analysis, start: int, end: int) -> Optional[SpeakerData]:
    """`Başkan Erdoğandan ... açıklaması:` the statement's source, in the ablative."""
    for i in range(start, end):
        token = a.doc[i]
        if not token.text[:1].isupper() or not re.search(r"[dt][ae]n$", a.word(i)):
            continue
        mention = mention_at(a.doc, i)
        name = canonical_of(a.doc[i : i + 1])
        known = {m[3]: m[2] for m in a.doc.user_data.get(MENTIONS_KEY) or []}
        if name in known and known[name] in ("PER", "ORG"):
            title, _ = title_before(a.doc, i)
            return SpeakerData(name, known[name], title, (i, i + 1))
        if mention is not None and mention.start == i:
            return speaker_from_entity(mention)
    return None


def colon_indirect(a: Analysis, taken: Sequence[Tuple[int, int]]) -> List[Candidate]:
    """`Babacan'ın haberinde şu iddialar ortaya atılmıştı: <paragraph>`: reported, unmarked."""
    doc = a.doc
    found = []
    for match in a.cues:
        j = _skip(doc, match.end, len(doc), "")
        if j >= len(doc) or doc[j].text != ":" or a.protected[match.start] or match.kind == "question":
            continue
        if not ({a.word(k) for k in range(max(0, match.start - 3), match.start)} & _INTRO_WORDS):
            continue
        k = _skip(doc, j + 1, len(doc), "")
        if k >= len(doc) or _is_mark(doc[k].text) or any(s <= k < e for s, e in taken):
            continue
        line_start, line_end = a.line_of(doc[k].idx)
        if is_heading(a.text[line_start:line_end]):
            continue
        content = _trim(doc, k, a.tokens_of(line_start, line_end)[1])
        if content[1] - content[0] < 3:
            continue
        floor = a.sent_start[match.start]
        speaker = subject_in(doc, floor, match.start, cue=match.start) or _setting_source(a, floor, match.start)
        found.append(Candidate(content, "indirect", (match.start, match.end), speaker, "indirect_colon", resolve="explicit" if speaker else "dropped", cue_match=match))
    return found


# ----------------------------------------------------------------------------------------------
# Speaker passes


def _subject_events(a: Analysis) -> List[Tuple[int, SpeakerData]]:
    """Sentences that open with a named subject (`Erdoğan, ...`): candidates for dropped subjects."""
    events = []
    seen = set()
    for i in range(len(a.doc)):
        start = a.sent_start[i]
        if start in seen:
            continue
        seen.add(start)
        speaker = None
        for ent in entities_in(a.doc, start, min(a.sent_end[i], start + 8)):
            if _title_start(a, ent) == start and is_nominative(ent) and not is_dateline(a.doc, ent):
                speaker = speaker_from_entity(ent)
            break
        if speaker is not None:
            events.append((start, speaker))
    return events


def resolve(a: Analysis, candidates: List[Candidate]) -> List[QuoteData]:
    """Fill dropped, asker and section speakers; attach nearest mentions; compute confidence."""
    candidates.sort(key=lambda c: (c.content[0], c.content[1]))
    events = _subject_events(a)
    for c in candidates:
        if c.speaker is not None and c.speaker.mention is not None:
            events.append((c.speaker.mention[0], c.speaker))
    events.sort(key=lambda e: e[0])
    askers = [(c.speaker.mention[0] if c.speaker.mention else c.content[0], c.speaker) for c in candidates if c.cue_match is not None and c.cue_match.kind == "question" and c.speaker]
    for c in candidates:
        anchor = min(c.content[0], c.cue[0] if c.cue else c.content[0])
        if c.resolve == "dropped":
            previous = [s for pos, s in events if pos < anchor]
            if _plural_cue(a, c):
                # `... duyurdular`: a plural verb wants a group or a body, not the last person
                previous = [s for s in previous if s.label != "PER"] or previous
            if previous:
                c.speaker = _with_nearest_mention(a, previous[-1], anchor)
        elif c.resolve == "asker":
            previous = [s for pos, s in askers if pos < anchor]
            c.speaker = replace(previous[-1], mention=None) if previous else None
    for n, c in enumerate(candidates):
        if c.resolve != "section":
            continue
        later = [o.speaker for o in candidates[n + 1 :] if o.speaker is not None and o.resolve != "section"]
        earlier = [o.speaker for o in candidates[:n] if o.speaker is not None and o.resolve != "section"]
        chosen = later[0] if later else (earlier[-1] if earlier else None)
        c.speaker = replace(chosen, mention=None) if chosen else None
    titles = _titles_by_name(a)
    for c in candidates:
        if c.speaker is not None and c.speaker.title is None and titles.get(c.speaker.name):
            anchor = c.content[0]
            known = titles[c.speaker.name]
            before = [t for pos, t in known if pos <= anchor]
            c.speaker = replace(c.speaker, title=before[-1] if before else known[0][1])
    return [_finish(a, c) for c in candidates]


def _titles_by_name(a: Analysis) -> Dict[str, List[Tuple[int, str]]]:
    """Titles the article gives each person (`MİT Başkanı İbrahim Kalın`), for mentions without one
    (`Kalın'ın ... hatırlatması`)."""
    titles: Dict[str, List[Tuple[int, str]]] = {}
    for mention in speaker_mentions(a.doc):
        if mention.label_ != "PER":
            continue
        speaker = speaker_from_entity(mention)
        if speaker.title:
            titles.setdefault(speaker.name, []).append((mention.start, speaker.title))
    return titles


def _plural_cue(a: Analysis, c: Candidate) -> bool:
    """The cue verb is third person plural (`açıkladılar`, `belirttiler`, `diyorlar`)."""
    if c.cue_match is None or c.cue_match.form != "finite":
        return False
    return bool(re.search(r"l[ae]r(?:d[ıi]|m[ıi]ş)?$", a.word(c.cue_match.end - 1)))


def _with_nearest_mention(a: Analysis, speaker: SpeakerData, anchor: int) -> SpeakerData:
    """A dropped subject's mention: the nearest one in this or the previous sentence, else none."""
    sent = a.sent_start[anchor]
    prev_sent = a.sent_start[sent - 1] if sent > 0 else sent
    if speaker.label == "OTHER":
        mention = speaker.mention if speaker.mention and speaker.mention[0] >= prev_sent else None
        return replace(speaker, mention=mention)
    mentions = [m for m in mentions_of(a.doc, speaker.name, prev_sent, anchor)]
    if not mentions:
        return replace(speaker, mention=None)
    last = mentions[-1]
    return replace(speaker, mention=(last.start, last.end))


def _finish(a: Analysis, c: Candidate) -> QuoteData:
    confidence = CONFIDENCE[c.rule]
    if c.rule == "direct_cue_explicit" and c.resolve == "dropped":
        confidence = CONFIDENCE["direct_cue_dropped"]
    if c.speaker is None and c.resolve in ("dropped", "section", "asker"):
        confidence -= 0.15
    return QuoteData(c.content, c.type, c.cue, c.speaker, round(max(0.05, min(confidence, 0.99)), 3))


def find_quotes(doc: Doc, lexicon: CueLexicon) -> List[QuoteData]:
    """All quotes of a document, in document order."""
    a = Analysis(doc, lexicon)
    direct, leftovers = direct_quotes(a)
    headlines = colon_headlines(a)
    indirect = merge_mixed(a, direct, indirect_quotes(a, direct + headlines, leftovers))
    taken = _taken(direct + headlines + indirect)
    gore = gore_quotes(a, taken)
    colon = colon_indirect(a, _taken(direct + headlines + indirect + gore))
    quotes = resolve(a, direct + headlines + indirect + gore + colon)
    doc.user_data.pop(EXTRA_KEY, None)
    return quotes
