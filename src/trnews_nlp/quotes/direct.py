"""Direct quotes: quotation marks with a cue after them, a colon or an introducing sentence before
them, or standing alone as a heading; and colon headlines (`Erdoğan: ...`).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import List, Optional, Sequence, Tuple

from ..entities import MENTIONS_KEY, canonical_of
from ..text import QUOTE_CHARS, tr_lower
from .analysis import Analysis, Candidate, INTRO_WORDS, TERMINALS, is_mark, skip, trim
from .lexicon import CueMatch
from .marks import Quoted, is_heading
from .model import SpeakerData
from .speakers import (
    entities_in,
    genitive_speaker,
    is_source_word,
    mention_at,
    parse_subject,
    source_phrase,
    speaker_after,
    speaker_from_entity,
    speaker_mentions,
    subject_in,
    title_before,
)


_LINKERS = frozenset({"diye", "şeklinde", "biçiminde", "gibi"})
_HEADLINE_NOUNS = re.compile(r"(?:açıklama|mesaj|tepki|çağrı|uyarı|söz|yorum|cevab|cevap|yanıt)\w*")


def _cue_after(a: Analysis, i: int) -> Optional[Tuple[Tuple[int, int], CueMatch]]:
    """The cue that follows a closing mark: `" dedi`, `", diye konuştu`, `" şeklinde konuştu`."""
    doc = a.doc
    j = skip(doc, i, len(doc), ",")
    if j >= len(doc) or "\n" in a.text[doc[i - 1].idx : doc[j].idx] or doc[j].text[:1].isupper():
        return None  # a capitalised word or a new line after the quote starts something else
    linker = a.word(j) if a.word(j) in _LINKERS else None
    k = j + 1 if linker else j
    k = skip(doc, k, len(doc), ",")
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
    if i >= 1 and doc[i].text == ";" and _announces(a, i - 1):
        return a.sent_start[i], i  # `şunları kaydetti; "..."`: a semicolon typed for the colon
    return None


def _announces(a: Analysis, j: int) -> bool:
    """Token `j` ends a reporting cue announced by `şu`, `şunları`, `şöyle` (`şunları söyledi`)."""
    match = a.cue_at.get(j)
    if match is None or match.end != j + 1:
        return False
    return bool({a.word(k) for k in range(max(0, match.start - 3), match.start)} & INTRO_WORDS)


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


def _heading_like(text: str) -> bool:
    """A quoted sub-heading (`"TALİMATA İHTİYACIM YOK"`): capitals, or a few words with no final
    punctuation. It quotes the section's speaker but is not one of the introduced paragraphs."""
    letters = [c for c in text if c.isalpha()]
    capitals = len(letters) >= 6 and all(c.isupper() for c in letters)
    return capitals or (len(text.split()) <= 8 and text.rstrip()[-1:] not in ".!?…")


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
        if window & INTRO_WORDS or a.doc[min(j + 1, last - 1)].text == ":":
            return (a.sent_start[j], j + 1), match
        if is_mark(a.doc[first].text) or any(is_mark(a.doc[k].text) for k in range(first, last)):
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
    block = _is_block(a, q)
    if block and _heading_like(a.text[q.start : q.end]):
        return Candidate(content, "direct", None, None, "direct_section_headline", resolve="section")
    intro = _intro_before(a, q.open_mark.pos if q.open_mark else q.start)
    if intro is not None:
        match = _intro_sentence(a, *intro)
        return _from_intro(a, content, intro, match)
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
    # A nested quotation cut at a heading has no opening mark in its later pieces.
    open_tok = a.token_at(q.open_mark.pos if q.open_mark else q.start)
    start = open_tok
    while start > 0 and doc[start - 1].text not in TERMINALS and not is_mark(doc[start - 1].text):
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
        if token.text != ":" or a.protected[colon_tok] or colon_tok + 1 >= len(doc) or colon_tok < resume:
            continue  # (a colon inside a headline already found is part of its content)
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
        content = trim(doc, *a.tokens_of(rest_start, end))
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
        words = [a.word(k) for k in range(first, colon_tok) if not a.doc[k].is_space]
        speaker = _titled_person(a, words) or _person_in_capitals(a, words, (first, colon_tok))
    return speaker


def _person_in_capitals(a: Analysis, words: Sequence[str], span: Tuple[int, int]) -> Optional[SpeakerData]:
    """`ŞENOL GÜNEŞ: ...`, `GÜNEŞ: ...`: a sub-heading in capitals names a person of the article, whom
    NER does not tag in capitals; the words must be the person's full name or surname."""
    if not words or len(words) > 3 or not all(w.isalpha() for w in words):
        return None
    for mention in speaker_mentions(a.doc):
        if mention.label_ != "PER":
            continue
        speaker = speaker_from_entity(mention)
        name = tr_lower(speaker.name).split()
        if list(words) == name or (len(words) == 1 and len(name) > 1 and words[0] == name[-1]):
            return replace(speaker, mention=span, title=None)
    return None


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
