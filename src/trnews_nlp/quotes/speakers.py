"""Who is speaking: named mentions, non-named sources, titles, and Turkish case on speaker phrases.

A speaker is a PER/ORG entity from `doc.ents` (its name from `trnews_entities`), or a non-named source
phrase (`uzmanlar`, `bir basın mensubu`, `güvenlik kaynakları`) labelled OTHER and named in base
form. A subject must be in the nominative: `Kalın'ın` (genitive) or `Erdoğandan` (ablative) is not
the one who speaks in `X, ... dedi`.
"""

from __future__ import annotations

import bisect
import itertools
import re
from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from spacy.tokens import Doc, Span, Token

from ..datafiles import data_lines
from ..entities import MENTIONS_KEY, TITLE_WORDS, canonical_of, strip_glued_suffix
from ..text import DASHES, normalize_apostrophes, split_apostrophe, tr_lower, word_key
from .model import SpeakerData

SPEAKER_LABELS = ("PER", "ORG")
NAME_LABELS = ("PER", "ORG", "LOC")

SOURCES = Path(__file__).with_name("sources.txt")
#: Word starts of non-named sources (OTHER speakers), from `sources.txt`.
SOURCE_NOUNS = tuple(data_lines(SOURCES))
TITLES = Path(__file__).with_name("titles.txt")


def _title_pattern(path: Path) -> "re.Pattern[str]":
    """One regular expression for the title words listed in `titles.txt`."""
    parts = []
    for line in data_lines(path):
        if line.endswith("*"):
            parts.append(re.escape(line[:-1]) + r"\w*")
        elif line.endswith("."):
            parts.append(re.escape(line[:-1]) + r"\.?")
        else:
            parts.append(re.escape(line))
    return re.compile("(?:" + "|".join(parts) + ")")


#: Words that end a title run before a name (`MİT Başkanı`, `Garanti BBVA Genel Müdürü`).
_TITLE_END = _title_pattern(TITLES)
#: Capitalised sentence openers that a title run must not swallow.
_NOT_TITLE = frozenset(
    "dün bugün yarın ayrıca ancak ama fakat yine öte diğer daha geçen bu şu o bir her ise "
    "toplantıda açıklamada konuşmasında ardından sonra".split()
)
_CASE_SUFFIXES = {
    "genitive": ("nın", "nin", "nun", "nün", "ın", "in", "un", "ün"),
    "dative": ("na", "ne", "ya", "ye", "a", "e"),
    "ablative": ("ndan", "nden", "dan", "den", "tan", "ten"),
}
_FUNCTION_WORDS = frozenset("ve ile ya da de ki bu şu o ise için gibi göre".split())


def word(token: Token) -> str:
    """Turkish-lowercased token text with apostrophes normalised."""
    return word_key(token.text)


def is_title_word(token: Token) -> bool:
    return _is_title_text(token.text)


@lru_cache(maxsize=1 << 14)
def _is_title_text(text: str) -> bool:
    return tr_lower(text) in TITLE_WORDS or bool(_TITLE_END.fullmatch(word_key(text)))


def title_before(doc: Doc, start: int, limit: int = 9) -> Tuple[Optional[str], int]:
    """The title run right before a name (`Milli Eğitim Bakanı`) and where it starts."""
    i = start
    if i == 0 or not is_title_word(doc[i - 1]):
        return None, start
    while i > 0 and start - i < limit:
        prev = doc[i - 1]
        if prev.text == ")" and i >= 3 and doc[i - 3].text == "(":
            i -= 3  # `Birleşmiş Markalar Derneği (BMD) Başkanı`
            continue
        if prev.text == "ve" and i >= 2 and doc[i - 2].text[:1].isupper() and i != start:
            i -= 1  # `İklim Değişikliği ve Çevre Portföy Yöneticisi`
            continue
        if prev.is_punct or prev.is_space or not (prev.text[:1].isupper() or is_title_word(prev)):
            break
        if split_apostrophe(prev.text)[1] and i != start:
            break
        i -= 1
    # A sentence-initial adverb is capitalised too (`Dün Bakan Kaya`), and a flattened page glues
    # its capitals heading to the title (`TOPLUMU ŞEKİLLENDİRİYOR QNB Genel Müdürü`): neither is title.
    while i < start - 1 and (word(doc[i]) in _NOT_TITLE or doc[i].text == "(" or _heading_word(doc, i)):
        i += 1
    if i >= start:
        return None, start
    return doc[i:start].text, i


def _capitals(doc: Doc, i: int) -> bool:
    text = doc[i].text
    return len(text) > 3 and text.isalpha() and text == text.upper() and mention_at(doc, i, NAME_LABELS) is None


def _heading_word(doc: Doc, i: int) -> bool:
    """Part of a run of two or more capitals words that no mention covers (a heading, not `İSMMMO`)."""
    return _capitals(doc, i) and (
        (i + 1 < len(doc) and _capitals(doc, i + 1)) or (i > 0 and _capitals(doc, i - 1))
    )


def strip_title(ent: Span) -> Span:
    """The mention without title words that NER put inside the entity (`Başkan Erdoğan`)."""
    start = ent.start
    while start < ent.end - 1 and is_title_word(ent.doc[start]):
        start += 1
    return ent.doc[start : ent.end]


#: The clitic `de`/`da` ("too"), which scraped news often writes as a suffix: `Şenay Şahin’de yaptığı
#: açıklamada` is `Şenay Şahin de`. After a person's full name it is far likelier than the locative
#: case, which a single name takes more often (`Nelly’de büyük bir yara açar`).
_CLITIC_SUFFIXES = ("'de", "'da")


def is_nominative(ent: Span) -> bool:
    """No case suffix on the last word: neither after an apostrophe nor glued (`Erdoğandan`).

    A person's full name with the clitic written as a suffix (`Şenay Şahin'de`) counts as nominative.
    """
    last = ent[-1].text
    suffix = split_apostrophe(normalize_apostrophes(last))[1]
    if suffix:
        return ent.label_ == "PER" and len(ent) >= 2 and tr_lower(suffix) in _CLITIC_SUFFIXES
    name = canonical_of(ent)
    known = name.split()[-1] if name else last
    return strip_glued_suffix(last, [known]) == last or tr_lower(last) == tr_lower(known)


def speaker_from_entity(ent: Span) -> SpeakerData:
    """A named speaker from an entity mention: canonical name, label, title, mention range."""
    mention = strip_title(ent)
    inner_title = ent.doc[ent.start : mention.start].text or None
    outer_title, _ = title_before(ent.doc, ent.start)
    title = " ".join(t for t in (outer_title, inner_title) if t) or None
    # A title inside the NER span (`Dekan Aydın`) is not part of the name: the stored name of the
    # whole span would keep it, the canonical name of the bare mention does not.
    name = canonical_of(mention) if inner_title else _stored_name(ent) or canonical_of(mention)
    return SpeakerData(name, ent.label_, title, (mention.start, mention.end))


def joint_speaker(doc: Doc, ent: Span) -> Optional[SpeakerData]:
    """`Eda Genç ve Tuğçe Köse, ... söyledi`, `Ali Veli ile Ayşe Kaya ... söylediler`: two people who
    speak together are one speaker named by both (the nearer mention is `ent`, the second one)."""
    if ent.label_ != "PER":
        return None
    first = strip_title(ent).start
    _, start = title_before(doc, first)
    k = start - 1
    while k >= 0 and doc[k].is_space:
        k -= 1
    if k < 1 or word(doc[k]) not in ("ve", "ile"):
        return None
    other = speaker_ending_at(doc, k - 1)
    if other is None or other.label_ != "PER" or not is_nominative(other):
        return None
    a, b = speaker_from_entity(other), speaker_from_entity(ent)
    if a.name == b.name:
        return None
    return SpeakerData(f"{a.name} ve {b.name}", "PER", None, (a.mention[0], b.mention[1]))


def is_source_word(token: Token) -> bool:
    return _is_source_text(token.text)


@lru_cache(maxsize=1 << 14)
def _is_source_text(text: str) -> bool:
    return not text[:1].isdigit() and word_key(text).startswith(SOURCE_NOUNS)


#: Endings after a noun's lemma that put it in the dative, locative or ablative case.
_OBLIQUE_ENDING = re.compile(r"(?:[ae]|[dt][ae]|[dt][ae]n)$")


def is_oblique(token: Token) -> bool:
    """`polise`, `gazetecilere`, `yetkililerden`: a noun spoken to or about, not one that speaks.

    Read from the word and its lemma, since the tagger's case feature often says nominative for
    such forms: what follows the lemma must end in a dative, locative or ablative ending.
    """
    text, lemma = word(token), tr_lower(token.lemma_)
    return bool(lemma) and text.startswith(lemma) and bool(_OBLIQUE_ENDING.search(text[len(lemma):]))


def strip_case(text: str, case: Optional[str]) -> str:
    """Base form of a source phrase's head: `gözlemcilerine` → `gözlemcileri` (dative)."""
    if case is None:
        return text
    for suffix in _CASE_SUFFIXES[case]:
        if text.endswith(suffix) and len(text) - len(suffix) >= 4:
            stem = text[: -len(suffix)]
            if suffix in ("a", "e", "ın", "in", "un", "ün") and stem[-1] in "aeıioöuü":
                continue  # after a vowel these endings take a buffer consonant
            return stem
    return text


def source_phrase(doc: Doc, head: int, floor: int, case: Optional[str] = None) -> SpeakerData:
    """A non-named source ending at token `head`, with up to three modifiers before it."""
    start = head
    while start > floor and head - start < 3:
        prev = doc[start - 1]
        w = word(prev)
        if not prev.is_alpha or w in _FUNCTION_WORDS - {"bir"} or split_apostrophe(prev.text)[1]:
            break
        if re.search(r"(?:[dt][ae]|[dt][ae]n|n[dt][ae]n?)$", w) and w != "de" and not re.search(r"m[ae]kt[ae]$", w):
            break  # locative/ablative modifiers describe where, not who (`Odada bulunan`)
        if re.search(r"[ae]n$", w) and not (start - 2 >= floor and re.search(r"m[ae]kt[ae]$", word(doc[start - 2]))):
            break  # participles start a relative clause (`anketine katılan analistler`)
        start -= 1
    while start > floor and _glued(doc[start - 1]):
        start -= 1  # a phrase starts at a written word's start, not inside it (`3D-TEK firması`)
    words = "".join(word(t) + (" " if t.whitespace_ else "") for t in doc[start:head])
    return SpeakerData(words + strip_case(word(doc[head]), case), "OTHER", None, (start, head + 1))


def _glued(token: Token) -> bool:
    """A letter, digit or hyphen written right against the next token, as part of one word."""
    return not token.whitespace_ and (token.text == "-" or token.text[-1:].isalnum())


#: `doc.user_data` key for names the quote rules found themselves (see `detect.participle_names`);
#: it only lives while `trnews_quotes` runs.
EXTRA_KEY = "trnews_quotes.names"


class _MentionIndex:
    """The mentions of one document with the lookups the rules make thousands of times per
    document (which mention covers a token, which ends at a token, which lie in a range), each in
    constant or logarithmic time, so that a long document costs what its pieces cost."""

    def __init__(self, doc: Doc, mentions: List[Span], sources: Tuple[object, object]) -> None:
        self.doc = doc
        self.sources = sources  # the stored lists, held so that their ids are not reused while cached
        self.mentions = mentions
        self.speakers = [m for m in mentions if m.label_ in SPEAKER_LABELS and not _shouted(m)]
        self.speaker_starts = [m.start for m in self.speakers]
        self.speaker_ending: Dict[int, Span] = {}
        for m in self.speakers:
            self.speaker_ending.setdefault(m.end, m)
        self._covering: Dict[Tuple[str, ...], List[Optional[Span]]] = {}
        self._names: Dict[Tuple[int, int, str], Optional[str]] = {}

    def stored_name(self, start: int, end: int, label: str) -> Optional[str]:
        """The name stored with the first mention (participle names first) of `label` that
        contains tokens [start, end); remembered, since the rules ask for the same spans often."""
        key = (start, end, label)
        if key not in self._names:
            stored, extra = self.sources
            self._names[key] = next(
                (name for a, b, lab, name in itertools.chain(extra or (), stored or ())
                 if a <= start and end <= b and lab == label),
                None,
            )
        return self._names[key]

    def covering(self, labels: Tuple[str, ...]) -> List[Optional[Span]]:
        """For every token, the first mention (in document order) with one of `labels` covering it."""
        table = self._covering.get(labels)
        if table is None:
            table = [None] * len(self.doc)
            for m in reversed(self.mentions):
                if m.label_ in labels:
                    table[m.start : m.end] = [m] * (m.end - m.start)
            self._covering[labels] = table
        return table

    def speakers_in(self, start: int, end: int) -> List[Span]:
        first = bisect.bisect_left(self.speaker_starts, start)
        last = bisect.bisect_left(self.speaker_starts, end, lo=first)
        return [m for m in self.speakers[first:last] if m.end <= end]


_CACHE: Dict[int, Tuple[object, _MentionIndex]] = {}
_NO_EXTRA: List[List] = []


def _index(doc: Doc) -> _MentionIndex:
    """The mention index of `doc`, rebuilt only when the stored mentions change."""
    stored = doc.user_data.get(MENTIONS_KEY)
    extra = doc.user_data.get(EXTRA_KEY) or _NO_EXTRA
    key = (id(doc), len(doc), id(stored), id(extra), len(extra))
    cached = _CACHE.get(id(doc))
    if cached is not None and cached[0] == key:
        return cached[1]
    if stored is None:
        spans = list(doc.ents)
    else:
        spans = [Span(doc, start, end, label=label) for start, end, label, _ in stored]
    spans = sorted(spans + [Span(doc, start, end, label=label) for start, end, label, _ in extra],
                   key=lambda m: (m.start, -m.end))
    index = _MentionIndex(doc, spans, (stored, extra))
    _CACHE.clear()
    _CACHE[id(doc)] = (key, index)
    return index


def all_mentions(doc: Doc) -> List[Span]:
    """Name mentions from `trnews_entities` (NER's plus untagged repeats), else `doc.ents`, plus
    the names the quote rules found after reporting participles (`söyleyen Ceyhan,`)."""
    return _index(doc).mentions


def speaker_mentions(doc: Doc) -> List[Span]:
    """Mentions that can speak: persons and bodies, but not capitalised headline words that NER
    took for a name (`İDDİALARI YALANLADI`)."""
    return _index(doc).speakers


def speaker_ending_at(doc: Doc, i: int) -> Optional[Span]:
    """The first speaker mention (in document order) whose last token is `i`."""
    return _index(doc).speaker_ending.get(i + 1)


def _shouted(span: Span) -> bool:
    """Capitals that are not an acronym: two long words, or one word longer than acronyms get."""
    words = [split_apostrophe(t.text)[0] for t in span if t.is_alpha or "'" in t.text or "’" in t.text]
    if len(words) >= 2:
        return all(w.isupper() and len(w) > 3 for w in words)
    return len(words) == 1 and words[0].isupper() and len(words[0]) > 7


def mention_at(doc: Doc, i: int, labels=SPEAKER_LABELS) -> Optional[Span]:
    """The name mention covering token `i`."""
    if not 0 <= i < len(doc):
        return None
    return _index(doc).covering(tuple(labels))[i]


def _stored_name(span: Span) -> Optional[str]:
    return _index(span.doc).stored_name(span.start, span.end, span.label_)


def entities_in(doc: Doc, start: int, end: int) -> List[Span]:
    """Speaker mentions inside tokens [start, end), in document order."""
    return _index(doc).speakers_in(start, end)


def _followed_by_break(doc: Doc, ent: Span) -> bool:
    nxt = doc[ent.end] if ent.end < len(doc) else None
    return nxt is not None and (nxt.text == "," or word(nxt) in ("ise", "da", "de", "ayrıca"))


def subject_in(
    doc: Doc, start: int, end: int, cue: Optional[int] = None, comma_only: bool = False
) -> Optional[SpeakerData]:
    """The speaking subject in tokens [start, end): a nominative PER/ORG or a source phrase.

    A mention followed by a comma or `ise` is the typical subject of a Turkish reporting sentence
    (`Dinçer, ...`, `İklim kampanyacıları, ...`); then persons beat bodies and bodies beat source
    phrases (`AK Parti Genel Başkanı Davutoğlu`); the one nearer to the cue wins.
    """
    target = cue if cue is not None else end
    ranked = []
    for ent in entities_in(doc, start, end):
        if is_nominative(ent) and not inside_title(doc, ent) and not is_dateline(doc, ent):
            ranked.append(((not _followed_by_break(doc, ent), ent.label_ != "PER", 0, abs(target - ent.end)), ent, None))
    for i in range(start, end):
        token = doc[i]
        if is_source_word(token) and not split_apostrophe(token.text)[1] and not is_oblique(token) and _break_after(doc, i + 1):
            ranked.append(((False, True, 1, abs(target - i)), None, i))
    if comma_only:
        ranked = [r for r in ranked if not r[0][0]]
    if not ranked:
        return None
    _, ent, head = min(ranked, key=lambda r: r[0])
    if ent is None:
        return source_phrase(doc, head, start)
    return joint_speaker(doc, ent) or speaker_from_entity(ent)


def is_dateline(doc: Doc, ent: Span) -> bool:
    """`RADİKAL -`, `ANKARA (AA) -`: the agency or place that opens a dispatch does not speak."""
    nxt = [t.text for t in doc[ent.end : ent.end + 4] if not t.is_space]
    return bool(nxt) and (nxt[0] in DASHES or nxt[:4] in (["(", "AA", ")", "-"], ["(", "DHA", ")", "-"]))


def _break_after(doc: Doc, i: int) -> bool:
    return i < len(doc) and (doc[i].text == "," or word(doc[i]) == "ise")


def parse_subject(doc: Doc, verb: int, floor: int, ceiling: int) -> Optional[SpeakerData]:
    """The subject the dependency parse gives the cue verb, when word order found none.

    Only a subject that names someone (a person, a body, a source phrase), in the nominative and
    inside tokens [floor, ceiling), is taken: the parse is a fallback, not the first opinion.
    """
    if not doc.has_annotation("DEP"):
        return None
    for child in doc[verb].children:
        if not child.dep_.startswith("nsubj") or not floor <= child.i < ceiling:
            continue
        mention = mention_at(doc, child.i)
        if mention is not None and is_nominative(mention) and not _shouted(mention):
            return speaker_from_entity(mention)
        if is_source_word(child) and not split_apostrophe(child.text)[1] and not is_oblique(child):
            return source_phrase(doc, child.i, floor)
    return None


#: Lower-case words that may stand inside a title phrase (`öğretim üyesi ve ... Müdürü`).
_TITLE_FILLERS = frozenset("ve ile de da".split())
#: Lower-case words that cannot: verb forms, participles and place cases end a title phrase.
_NOT_IN_TITLE = re.compile(r"\w*(?:[dt][ıiuü]ğ[ıiuü]\w*|[dt][ıiuü]|yor\w*|[ae]n|m[ae]k\w*|[ae]r[ae]k|[dt][ae]n?)$")


def person_after_title(doc: Doc, start: int, limit: int) -> Optional[Span]:
    """The person a title phrase starting at token `start` introduces, if it does.

    Titles in news run long and mix capitalised words, other names and a few lower-case words:
    `ODTÜ Fen Edebiyat Fakültesi öğretim üyesi ve TÜBİTAK Ulusal Gözlemevi Müdürü Prof. Dr. Halil
    Kırbıyık`. The phrase ends at the first person mention, which must follow a title word (or
    stand at `start`); punctuation, verb forms or more than three lower-case words end it first.
    """
    lower = 0
    for j in range(start, min(limit, len(doc))):
        token = doc[j]
        person = mention_at(doc, j, ("PER",))
        if person is not None:
            return person if j == start or is_title_word(doc[j - 1]) else None
        if token.is_space or token.text[:1].isupper() or is_title_word(token) or mention_at(doc, j, NAME_LABELS):
            continue
        if token.text == "-" and j > start and not doc[j - 1].whitespace_ and not token.whitespace_:
            continue  # a compound title: `Yazar-yönetmen`, `Modacı-öğretim görevlisi`
        w = word(token)
        if w in _TITLE_FILLERS:
            continue
        lower += 1
        if not token.is_alpha or lower > 3 or _NOT_IN_TITLE.fullmatch(w):
            return None
    return None


def inside_title(doc: Doc, ent: Span) -> bool:
    """`AK Parti` in `AK Parti Genel Başkanı Ahmet Davutoğlu`, `ODTÜ` in `ODTÜ ... öğretim üyesi Prof.
    Dr. Halil Kırbıyık`: a body or place named in the title of the person who follows."""
    person = person_after_title(doc, ent.end, ent.end + 15)
    return person is not None and person.start > ent.end


def speaker_after(doc: Doc, start: int, end: int) -> Optional[SpeakerData]:
    """The speaker right after a participle cue (`belirten MİT Başkanı Kalın`)."""
    limit = min(end, start + 10)
    person = person_after_title(doc, start, min(end, start + 16))
    if person is not None and is_nominative(person):
        return speaker_from_entity(person)  # `belirten ODTÜ ... öğretim üyesi Prof. Dr. Kırbıyık,`
    for ent in entities_in(doc, start, limit):
        if inside_title(doc, ent):
            continue  # `İSMMMO Başkanı Dr. Yahya Arıkan`: the body is part of the title
        between = doc[start : ent.start]
        if all(t.text[:1].isupper() or is_title_word(t) or word(t) in ("da", "de") for t in between):
            return speaker_from_entity(ent)
        break
    if start < end and is_source_word(doc[start]):
        head = start
        while head + 1 < limit and is_source_word(doc[head + 1]):
            head += 1
        return source_phrase(doc, head, start)
    return None


def genitive_speaker(doc: Doc, before: int, floor: int) -> Optional[SpeakerData]:
    """`Kalın'ın ... hatırlatması`, `bir basın mensubunun sorduğu`: the genitive owner as speaker."""
    for i in range(before - 1, floor - 1, -1):
        token = doc[i]
        ent = mention_at(doc, i)
        if ent is not None:
            if ent is not None and re.search(r"(?:n?[ıiuü]n)$", word(ent[-1])) and ent.end == i + 1:
                return speaker_from_entity(ent)
        if is_source_word(token) and re.search(r"[ıiuü]n$", word(token)):
            return source_phrase(doc, i, floor, case="genitive")
    return None


def mentions_of(doc: Doc, name: str, start: int, end: int) -> List[Span]:
    """Mentions of the speaker called `name` in tokens [start, end)."""
    found = []
    for ent in entities_in(doc, start, end):
        if (_stored_name(ent) or canonical_of(strip_title(ent))) == name:
            found.append(strip_title(ent))
    return found


