"""How bodies are written in Turkish news, as corrections to NER spans before names are resolved.

A NER trained on 1990s sentences knows `Maliye Bakanlığı` but cuts or misses the bodies of today's
articles: compound bodies (`Kültür ve Turizm Bakanlığı Güzel Sanatlar Genel Müdürlüğü`, `Ankara
10. İş Mahkemesi`), companies with a sector noun or legal form (`Kervan Gıda A.Ş.`), a body inside
a person's title (`Gazi Üniversitesi Öğretim Üyesi Ayşe Kaya` is a body and a person, not one
name), and a board named after its body (`Avrupa Merkez Bankası Yönetim Kurulu`: the recent-news
annotation names the bank). Turkish writes a body's name as capitalised words ending in a head
noun in the possessive (`Bakanlığı`, `Mahkemesi`, `Kulübü`), which is what these rules read; the
word lists are the data files in `entity_data/` (see `trnews_nlp.gazetteer`).

Every function takes and returns a list of non-overlapping spans of one Doc, sorted by start.
"""

from __future__ import annotations

import re
from typing import Iterable, List, Optional, Sequence, Set

from spacy.tokens import Doc, Span, Token

from .gazetteer import COMPANY_HEADS, HEAD_LABELS, LEGAL_FORMS, OFFICE_HEADS, ORG_TITLES, TITLE_MODIFIERS, Gazetteer
from .text import normalize_apostrophes, split_apostrophe, tr_lower

#: Words of a body's generic organs (`Genel Kurulu`, `Yönetim Kurulu`, `İcra Kurulu`): with no
#: owner's name in the span they name no particular body.
ORGAN_WORDS = frozenset(
    tr_lower(w)
    for w in "Genel Yönetim İcra İdare Merkez Yürütme Danışma Denetim Disiplin Kurul Kurulu".split()
)

#: First words of a board named after its body and cut from it (`Yönetim Kurulu`, `İcra Kurulu`):
#: the recent-news annotation tags `MÜSİAD Genel İdare Kurulu` and `UEFA Disiplin Kurulu` whole but
#: names the body, not its board of directors, in `... Bankası Yönetim Kurulu`.
BOARD_OPENERS = frozenset({"yönetim", "icra"})

#: Case endings glued to a head noun without an apostrophe (`Komisyonunda`, `Bakanlığından`).
_GLUED_CASE = re.compile(r"(?:n?[dt][ae]n?|n[ıiuü]n|n[ae]|y?l[ae]|ki)$")
_ORDINAL = re.compile(r"\d+\.")
#: Longest run of words read back from a head noun (`Kültür ve Turizm Bakanlığı Güzel Sanatlar Genel Müdürlüğü`).
MAX_RUN = 10


def stem(token: Token) -> str:
    """The token's text before an apostrophe suffix, lower-cased (`Bakanlığı'nın` → `bakanlığı`)."""
    return tr_lower(split_apostrophe(normalize_apostrophes(token.text))[0])


def head_of(token: Token) -> Optional[str]:
    """The label a head noun implies (`Mahkemesi` ORG, `Stadı` LOC), also with a glued case ending
    (`Komisyonunda`); None for other words."""
    if not token.text[:1].isupper():
        return None
    low = stem(token)
    if low in HEAD_LABELS:
        return HEAD_LABELS[low]
    for cut in range(1, 5):
        if low[:-cut] in HEAD_LABELS and _GLUED_CASE.fullmatch(low[-cut:]):
            return HEAD_LABELS[low[:-cut]]
    return None


def _capitalised(token: Token) -> bool:
    return token.text[:1].isupper()


def _run_word(token: Token) -> bool:
    """A word that may stand inside a body's name: capitalised and without a case suffix after an
    apostrophe (`İstanbul'daki` ends a phrase), `ve`, or an ordinal (`10.`)."""
    if token.text == "ve" or _ORDINAL.fullmatch(token.text):
        return True
    return _capitalised(token) and not split_apostrophe(normalize_apostrophes(token.text))[1]


#: Tags of a capitalised sentence opener that cannot begin a body's name (`Dün`, `Bu`, `Ayrıca`);
#: a noun or adjective may (`Özel Elit Polikliniği`, `Kültür ve Turizm Bakanlığı` after a full stop).
_NOT_NAME_OPENERS = frozenset({"ADV", "DET", "PRON", "CCONJ", "SCONJ", "VERB", "AUX", "NUM", "ADP", "PART", "INTJ"})


def _sentence_opener(token: Token) -> bool:
    """A capitalised function word or adverb that opens a sentence (`Dün Sağlık Bakanlığı ...`):
    capitalised only because it opens the sentence. Without a tagger nothing is an opener."""
    start = token.is_sent_start or token.i == 0 or "\n" in token.doc[token.i - 1].text + token.doc[token.i - 1].whitespace_
    return bool(start) and token.pos_ in _NOT_NAME_OPENERS


def _shouted(tokens: Sequence[Token]) -> bool:
    return all(t.text == t.text.upper() for t in tokens if any(c.isalpha() for c in t.text))


def body_run_before(doc: Doc, head: int, floor: int) -> Optional[int]:
    """Start of the name that ends with the head noun at token `head`: the capitalised words (and
    `ve`, ordinals) before it, no further back than `floor`; None when no capitalised word leads."""
    start = head
    while start - 1 >= floor and head - (start - 1) < MAX_RUN and _run_word(doc[start - 1]):
        before = doc[start - 1]
        if "\n" in before.whitespace_ or stem(before) in ORG_TITLES:
            break  # `Yönetim Kurulu Üyesi ve Letonya Merkez Bankası`: a title ends the body before it
        if before.text == "ve" and start - 2 >= 0 and head_of(doc[start - 2]) is not None:
            break  # `Müsteşarlığı ve Gelir İdaresi Başkanlığı`: two bodies
        start -= 1
    while start < head and (not _capitalised(doc[start]) or _sentence_opener(doc[start])):
        start += 1  # a name starts with a capitalised word, never with `ve` or a sentence's opener
    return start if start < head else None


def title_at(doc: Doc, i: int, end: int) -> bool:
    """Whether token `i` begins a title: a title word, or a modifier right before one (`Genel Müdürü`)."""
    low = stem(doc[i])
    return low in ORG_TITLES or (low in TITLE_MODIFIERS and i + 1 < end and stem(doc[i + 1]) in ORG_TITLES)


def without_leading_titles(ents: Sequence[Span]) -> List[Span]:
    """Persons whose first words are a title (`Dekan Aydın` → `Aydın`, `Opr. Dr. Ayşe Kaya`); a
    person that is only title words (`Opr`) is dropped."""
    result = []
    for ent in ents:
        start = ent.start
        while ent.label_ == "PER" and start < ent.end and (title_at(ent.doc, start, ent.end) or ent.doc[start].is_space):
            start += 1
        if start == ent.start:
            result.append(ent)
        elif start < ent.end:
            result.append(Span(ent.doc, start, ent.end, label="PER"))
    return result


def split_titled_bodies(ents: Sequence[Span]) -> List[Span]:
    """A name that runs a body into the title of its member (`U.Ü Spor Bilimleri Fakültesi Öğretim`,
    `Gazi Üniversitesi Öğretim Üyesi Ayşe Kaya`) becomes the body and, where capitalised words
    follow the title, the person. A title followed by another head noun is a unit of the body
    (`Bankası Genel Müdürlüğü`), not a title, and the name stays whole."""
    result: List[Span] = []
    for ent in ents:
        doc = ent.doc
        cut = next(
            (i for i in range(ent.start + 1, ent.end)
             if title_at(doc, i, ent.end) and head_of(doc[i - 1]) == "ORG"
             and not any(head_of(doc[j]) for j in range(i, ent.end))),
            None,
        )
        if cut is None:
            result.append(ent)
            continue
        result.append(Span(doc, ent.start, cut, label="ORG"))
        rest = cut
        while rest < ent.end and (title_at(doc, rest, ent.end) or doc[rest].is_space):
            rest += 1
        if rest < ent.end and all(_capitalised(t) for t in doc[rest : ent.end]):
            result.append(Span(doc, rest, ent.end, label="PER"))
    return result


def without_organ_tails(ents: Sequence[Span]) -> List[Span]:
    """A body's board cut from the body's name (`Avrupa Merkez Bankası Yönetim Kurulu` → the bank,
    `Marmarabirlik Yönetim Kurulu` → `Marmarabirlik`): the recent-news annotation names the body
    (Milliyet's tags the whole, 42 times)."""
    result = []
    for ent in ents:
        end = ent.end
        while end - 1 > ent.start and stem(ent.doc[end - 1]) in ORGAN_WORDS:
            end -= 1
        if ent.label_ == "ORG" and ent.start < end <= ent.end - 2 and stem(ent.doc[end]) in BOARD_OPENERS:
            result.append(Span(ent.doc, ent.start, end, label="ORG"))
        else:
            result.append(ent)
    return result


def with_compound_bodies(doc: Doc, ents: Sequence[Span]) -> List[Span]:
    """Bodies read back from their head nouns.

    - A name NER cut before the rest of a compound body joins it: `[Kültür ve Turizm Bakanlığı]
      Güzel Sanatlar Genel Müdürlüğü`, `[Ankara] 10. İş Mahkemesi`, `[İzmir] İl Seçim Kurulu`
      (a place before a court or board is part of its name).
    - Two parts joined by `ve` are one body when the second ends in the head: `[Çırak Eğitimi] ve
      [Öğretimi Vakfı]`.
    - Capitalised words ending in a head noun that NER left untagged are a name of the head's
      label: `Özel Elit Polikliniği`, `Plan ve Bütçe Komisyonunda`.
    """
    spans = sorted(ents, key=lambda s: s.start)
    covered = {i: s for s in spans for i in range(s.start, s.end)}
    for token in doc:
        label = head_of(token)
        if label is None or (token.i in covered and covered[token.i].end - 1 != token.i and covered[token.i].label_ == label):
            continue
        floor = _floor(spans, token.i, tagged=token.i in covered)
        start = body_run_before(doc, token.i, floor)
        if start is None or (_shouted(doc[start : token.i + 1]) and token.i - start > 2):
            continue
        if all(stem(t) in ORGAN_WORDS or t.text == "ve" for t in doc[start : token.i + 1]):
            continue  # `Genel Kurulu'nda`: an organ with no owner names no body
        start = _not_over_a_joined_name(doc, start, token.i, spans)
        if start is None:
            continue
        inner = [s for s in spans if s.start < token.i + 1 and s.end > start]
        tail = doc[max(s.end for s in inner) : token.i + 1] if inner else doc[0:0]
        if len(tail) and all(stem(t) in ORGAN_WORDS for t in tail):
            continue  # `[Avrupa Merkez Bankası] Yönetim Kurulu`: the body's board (`without_organ_tails`)
        if any(s.start < start or s.end > token.i + 1 for s in inner):
            continue  # it would cut another name
        if token.i in covered:
            # NER's own name of the body grows only over names of its label it tagged before it
            # (`[Çırak Eğitimi] ve [Öğretimi Vakfı]`), never over an untagged word (`Alman [Mannheim
            # Üniversitesi]`) or a person (`[Rend Rahim Francke] ve [Washington Enstitüsü]`)
            if any(s.label_ != label for s in inner if s is not covered[token.i]):
                continue
            start = min(s.start for s in inner)
        elif stem(token) in OFFICE_HEADS and len(inner) == 1 and inner[0].end == token.i and inner[0].start == start:
            continue  # `[Meclis] Başkanlığı seçimi`: the office of the body's head, not a body
        if inner and len(inner) == 1 and (inner[0].start, inner[0].end) == (start, token.i + 1) and inner[0].label_ == label:
            continue
        spans = [s for s in spans if s not in inner] + [Span(doc, start, token.i + 1, label=label)]
        spans.sort(key=lambda s: s.start)
        covered = {i: s for s in spans for i in range(s.start, s.end)}
    return spans


def _not_over_a_joined_name(doc: Doc, start: int, head: int, spans: Sequence[Span]) -> Optional[int]:
    """The run's start moved past a `ve` that ends a complete name: one NER tagged with another
    label than the head's, an acronym, or one ending in a head noun or legal form (`[Süper Lig
    A.Ş.] ve Koç Holding`, `[IMF] ve Dünya Bankası` are lists of two; `[Türkiye Odalar] ve Borsalar
    Birliği` and `[Doğu] ve Güneydoğu Anadolu Bölgesi` are one name each). None where nothing
    capitalised is left."""
    ends = {s.end: s for s in spans}
    label = head_of(doc[head])
    for i in range(head - 1, start, -1):
        before = ends.get(i)
        if doc[i].text == "ve" and before is not None and (
            before.label_ != label or head_of(before[-1]) is not None or _legal(before[-1])
            or _company_word(before[-1]) or (len(before) == 1 and _acronym(before[0]))
        ):
            start = i + 1
            break
    while start < head and not _capitalised(doc[start]):
        start += 1
    return start if start < head else None


def _acronym(token: Token) -> bool:
    word = split_apostrophe(normalize_apostrophes(token.text))[0]
    return len(word) >= 2 and word.isalpha() and word == word.upper()


def _floor(spans: Sequence[Span], head: int, tagged: bool) -> int:
    """How far back a body's name may reach from `head`: not into a name that ends in its own head
    noun where `ve` follows it or NER tagged the head's name apart (`[Tarım Bakanlığı] ve Orman
    Bakanlığı`, `[Anayasa Mahkemesi] [Yüksek Seçim Kurulu]` are two bodies each; `[Maliye
    Bakanlığı] Müsteşarlığı` is one)."""
    floor = 0
    for span in spans:
        doc = span.doc
        if span.end <= head and head_of(doc[span.end - 1]) is not None:
            if tagged or (span.end < len(doc) and doc[span.end].text == "ve"):
                floor = max(floor, span.end)
    return floor


def with_companies(doc: Doc, ents: Sequence[Span], gazetteer: Gazetteer) -> List[Span]:
    """Companies written as a name then a sector noun or legal form: `Kervan Gıda`, `Koç Holding`,
    `Süper Lig A.Ş.`, `Temsa Ltd. Şti.`.

    A name NER tagged (any label) and followed by such words becomes an ORG over all of them; an
    untagged capitalised word before a sector noun counts only where the organisation list names
    the pair or it does not open a sentence. A legal form alone (`A.Ş.` tagged LOC) is not a name.
    """
    spans = [s for s in ents if not all(_legal(t) for t in s)]
    by_end = {s.end: s for s in spans}
    covered: Set[int] = {i for s in spans for i in range(s.start, s.end)}
    for token in doc:
        if not token.text[:1].isupper() or token.i in covered or token.i == 0 or not (_company_word(token) or _legal(token)):
            continue
        end = token.i + 1
        while end < len(doc) and end not in covered and _legal(doc[end]):
            end += 1
        if _continues(doc, end) and doc[end].text != "ve":
            continue  # `EKOTEKS Tekstil Sempozyumu`, `Filistin Enerji Bakanı`: the noun modifies what follows
        before = by_end.get(token.i)
        if before is not None:
            new = Span(doc, before.start, end, label="ORG")
            spans = [s for s in spans if s is not before]
        else:
            prev = doc[token.i - 1]
            if prev.i in covered or not _capitalised(prev) or _legal(token) or _sentence_opener(prev):
                continue
            listed = gazetteer.is_org([prev.text, split_apostrophe(normalize_apostrophes(token.text))[0]])
            if not (listed or (prev.pos_ == "PROPN" and not prev.is_sent_start)):
                continue  # `Sanatsal Tekstil`: an adjective before a sector noun names no company
            new = Span(doc, prev.i, end, label="ORG")
        spans.append(new)
        covered |= set(range(new.start, new.end))
        by_end = {s.end: s for s in spans}
    return sorted(spans, key=lambda s: s.start)


def _company_word(token: Token) -> bool:
    return _capitalised(token) and stem(token) in COMPANY_HEADS


_LEGAL_BARE = frozenset(f.replace(".", "") for f in LEGAL_FORMS)


def _legal(token: Token) -> bool:
    """`A.Ş.`, `AŞ`, `Ltd.`, `Şti.`: a legal-form word, with or without dots and suffix."""
    return stem(token).replace(".", "") in _LEGAL_BARE


def with_bracketed_acronyms(doc: Doc, ents: Sequence[Span]) -> List[Span]:
    """`Türkiye İstatistik Kurumu (TÜİK)`: an untagged acronym in brackets right after a body is
    that body's short name (ORG). The body must end in a head noun or spell the acronym: a club's
    country code in a fixture list (`Dundalk FC (IRL)`) is no short name of the club."""
    spans = list(ents)
    ends = {s.end: s for s in ents if s.label_ == "ORG"}
    covered = {i for s in ents for i in range(s.start, s.end)}
    for token in doc[1:-2]:
        i = token.i
        if token.text != "(" or i not in ends or i + 1 in covered or doc[i + 2].text != ")":
            continue
        body, word = ends[i], split_apostrophe(normalize_apostrophes(doc[i + 1].text))[0]
        spelled = "".join(t.text[:1] for t in body if t.text[:1].isupper()) == word
        if _acronym(doc[i + 1]) and (head_of(body[-1]) or spelled):
            spans.append(Span(doc, i + 1, i + 2, label="ORG"))
    return sorted(spans, key=lambda s: s.start)


def with_listed_bodies(doc: Doc, ents: Sequence[Span], gazetteer: Gazetteer) -> List[Span]:
    """Untagged runs of two to four capitalised words that the organisation list names in full
    (`Ford Otosan`, `Garanti BBVA`), not opening a sentence, become ORG."""
    spans = list(ents)
    covered = {i for s in ents for i in range(s.start, s.end)}
    free = [t.text[:1].isupper() and not t.is_space and t.i not in covered for t in doc]
    i = 0
    while i < len(doc) - 1:
        found = None
        if free[i] and free[i + 1]:
            for n in (4, 3, 2):
                if i + n > len(doc) or not all(free[i : i + n]):
                    continue
                words = doc[i : i + n]
                if _sentence_opener(words[0]) or "\n" in "".join(t.whitespace_ for t in words[:-1]):
                    continue
                if _continues(doc, i - 1) or _continues(doc, i + n):
                    continue  # `Bilgi Teknolojileri ve İletişim Kurumu`: part of a longer name
                texts = [t.text for t in words[:-1]] + [split_apostrophe(normalize_apostrophes(words[-1].text))[0]]
                if gazetteer.is_org(texts):
                    found = Span(doc, i, i + n, label="ORG")
                    break
        if found is not None:
            spans.append(found)
            i = found.end
        else:
            i += 1
    return sorted(spans, key=lambda s: s.start)


def _continues(doc: Doc, i: int) -> bool:
    """Whether token `i` carries a name on: a capitalised word or `ve`, not a legal form."""
    return 0 <= i < len(doc) and (doc[i].text == "ve" or (_capitalised(doc[i]) and not _legal(doc[i])))


def listed_label(words: Iterable[str], votes: Sequence[str], gazetteer: Gazetteer) -> Optional[str]:
    """The label the lists give a name NER voted a person or place: ORG where the organisation
    list has it and it reads as neither a person's name nor any place (`Ford Otosan`, `Tesla`;
    not `Taksim`), LOC where it is a country, region or province and no person list has it
    (districts are left out: `Bahçeli` is a district and a party leader); None otherwise."""
    words = list(words)
    if not words or "ORG" in votes:
        return None
    if gazetteer.is_org(words) and not gazetteer.is_person_like(words) and not gazetteer.is_any_place(words):
        return "ORG"
    if "LOC" not in votes and gazetteer.is_region(words) and not gazetteer.is_person_like(words):
        return "LOC"
    return None
