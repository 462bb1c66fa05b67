"""Canonical names per document: one name for every person or body across its mentions.

A news article names Erdoğan as `Cumhurbaşkanı Recep Tayyip Erdoğan`, then `Erdoğan'ın`,
`Başkan Erdoğan` and `Erdoğandan`; it introduces `Milli İstihbarat Teşkilatı (MİT)` and then says
`MİT`. Quote speakers and `entities[].canonical` must agree on one name for each, the fullest form
the article uses, without titles or case suffixes (the annotation guidelines' rule).

The component keeps plain `[start, end, name]` triples in `doc.user_data` so the `Doc` survives
`to_bytes`; `Span._.canonical` is a getter over them (and falls back to computing a name for spans
that are not in `doc.ents`, such as a speaker mention cut without its title).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any, Callable, Dict, Iterable, List, Optional, Sequence, Set, Tuple

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .gazetteer import HEAD_LABELS, ORG_COMPOUND_HEADS, Gazetteer, default_gazetteer, normal_name
from .organisations import (
    ORGAN_WORDS,
    listed_label,
    split_titled_bodies,
    with_bracketed_acronyms,
    with_companies,
    with_compound_bodies,
    with_listed_bodies,
    without_leading_titles,
    without_organ_tails,
)
from .text import DASHES, normalize_apostrophes, split_apostrophe, tr_lower, tr_upper

USER_DATA_KEY = "trnews_canonical"
#: Every name mention, NER's and the repeats it missed: `[start, end, label, canonical]`.
MENTIONS_KEY = "trnews_mentions"
NAME_LABELS = ("PER", "ORG", "LOC")

#: Words that precede a name as a title or honorific and are never part of the canonical name.
TITLE_WORDS = frozenset(
    tr_lower(w)
    for w in (
        "Cumhurbaşkanı Başbakan Başbakanı Bakan Bakanı Başkan Başkanı Sayın Sn. Dr. Prof. Doç. Av. "
        "Genel Müdür Müdürü Yardımcısı Sözcüsü Milletvekili Vali Valisi Kaymakam Büyükelçi "
        "Büyükelçisi Başsavcı Komutanı Orgeneral Korgeneral Tümgeneral Tuğgeneral Bay Bayan "
        "Hanım Bey Sekreteri CEO CEO'su Direktörü Başekonomisti Ekonomisti Üyesi Kurucusu "
        "Şefi Lideri Senatör Hakim Savcı Cumhurbaşkanımız Başbakanımız Bakanımız Başkanımız"
    ).split()
)

#: Case and possessive endings glued to a name without an apostrophe (`Erdoğandan`, `Kalının`).
GLUED_SUFFIXES = tuple(
    sorted(
        "dan den tan ten ndan nden da de ta te nda nde ın in un ün nın nin nun nün a e ya ye na ne "
        "ı i u ü yı yi yu yü nı ni la le yla yle ca ce ça çe".split(),
        key=len,
        reverse=True,
    )
)

#: Function words skipped when building an acronym from a long form (`Ticaret ve Sanayi Odası`).
_ACRONYM_SKIP = frozenset({"ve", "ile", "için", "of", "and", "the", "de", "da"})


def name_words(span: Span) -> List[str]:
    """The words of a mention without leading titles and without the apostrophe suffix."""
    words = [_visible(normalize_apostrophes(t.text)) for t in span if not t.is_space]
    if words:
        words[-1] = split_apostrophe(words[-1])[0]
    while len(words) > 1 and (tr_lower(words[0]) in TITLE_WORDS or _heading_residue(words)):
        words = words[1:]
    return [w for w in words if w]


def _heading_residue(words: Sequence[str]) -> bool:
    """`EĞİTİM Şimşek`: a capitals word that a flattened headline glued before a name."""
    first = words[0]
    return len(first) >= 4 and first.isalpha() and first == tr_upper(first) and words[1][:1].isupper() and words[1] != tr_upper(words[1])


def _visible(word: str) -> str:
    """Drop zero-width and other format characters that scraped pages leave inside names."""
    if word.isprintable():  # no format character (category Cf) can be in a printable string
        return word
    return "".join(c for c in word if unicodedata.category(c) != "Cf")


def _stem(word: str) -> str:
    """The visible part of a word before its apostrophe suffix (`Hanım’ın` → `Hanım`)."""
    return _visible(split_apostrophe(normalize_apostrophes(word))[0])


def strip_glued_suffix(word: str, known: Iterable[str]) -> str:
    """`Erdoğandan` → `Erdoğan` when `Erdoğan` is a name the document uses; otherwise unchanged."""
    lowered = tr_lower(word)
    for stem in sorted(set(known), key=len, reverse=True):
        low_stem = tr_lower(stem)
        if lowered != low_stem and lowered.startswith(low_stem) and len(low_stem) >= 4:
            if lowered[len(low_stem):] in GLUED_SUFFIXES:
                return word[: len(stem)]
    return word


def acronym_of(words: Sequence[str]) -> str:
    """Initials of a long form, upper-cased the Turkish way (`Milli İstihbarat Teşkilatı` → `MİT`)."""
    return "".join(tr_upper(w[0]) for w in words if w and tr_lower(w) not in _ACRONYM_SKIP)


def _is_acronym(words: Sequence[str]) -> bool:
    return len(words) == 1 and len(words[0]) >= 2 and words[0] == tr_upper(words[0]) and words[0].isalpha()


def _contains(longer: Sequence[str], shorter: Sequence[str], *, suffix_only: bool, prefix_only: bool) -> bool:
    """Whether `shorter` is a proper part of `longer` in the way the entity type allows."""
    if len(shorter) >= len(longer):
        return False
    low_long = [tr_lower(w) for w in longer]
    low_short = [tr_lower(w) for w in shorter]
    if suffix_only:
        return low_long[-len(low_short):] == low_short
    if prefix_only:
        return low_long[: len(low_short)] == low_short
    return any(low_long[i : i + len(low_short)] == low_short for i in range(len(low_long) - len(low_short) + 1))


def _parenthesised_acronyms(doc: Doc, ents: Sequence[Span]) -> Dict[str, List[str]]:
    """`Milli İstihbarat Teşkilatı (MİT)`: the acronym in brackets right after a long form.

    The long form is the entity just before the bracket or, where NER cut it short (`[Türkiye
    Odalar] ve Borsalar Birliği (TOBB)`), the words before the bracket whose initials spell it.
    """
    found: Dict[str, List[str]] = {}
    ends = {ent.end: ent for ent in ents}
    for i in range(1, len(doc) - 2):
        if doc[i].text != "(" or doc[i + 2].text != ")":
            continue
        inner = split_apostrophe(normalize_apostrophes(doc[i + 1].text))[0]
        if not _is_acronym([inner]):
            continue
        ent = ends.get(i)
        if ent is not None and len(name_words(ent)) > 1:
            found.setdefault(inner, name_words(ent))
        else:
            words = _spelled_long_form(doc, i, inner)
            if words:
                found.setdefault(inner, words)
    return found


def _spelled_long_form(doc: Doc, end: int, acronym: str) -> Optional[List[str]]:
    """The capitalised words ending at token `end` whose initials are `acronym` (function words
    such as `ve` skipped), or None."""
    words: List[str] = []
    i = end - 1
    while i >= 0 and doc[i].is_alpha and len(acronym_of(words)) < len(acronym):
        text = doc[i].text
        if not (text[:1].isupper() or tr_lower(text) in _ACRONYM_SKIP):
            return None
        words.insert(0, text)
        i -= 1
    if len(words) > 1 and words[0][:1].isupper() and acronym_of(words) == acronym:
        return words
    return None


def _fuller(cand: Sequence[str], own: Sequence[str], label: str) -> bool:
    """Whether `cand` is a fuller form of the same name as `own` for an entity of type `label`."""
    if label == "ORG" and _is_acronym(own) and len(cand) > 1 and acronym_of(cand) == own[0]:
        return True
    if label not in ("PER", "ORG"):
        return False  # `Türkiye` is not short for `Türkiye Cumhuriyeti`'s neighbour `TÜRKİYE ŞAM`
    return _contains(cand, own, suffix_only=label == "PER", prefix_only=label != "PER")


def _unshouted(name: Sequence[str], written: Dict[Tuple[str, ...], Sequence[str]]) -> Sequence[str]:
    """`TÜRKİYE` from a headline takes the way the article writes it elsewhere (`Türkiye`)."""
    if not all(w == tr_upper(w) for w in name):
        return name
    return written.get(tuple(tr_lower(w) for w in name), name)


def _closer(distance: int, current: int) -> bool:
    """Prefer a preceding mention (positive distance) and, among those, the nearest one."""
    if current <= 0 < distance:
        return True
    return 0 < distance < current


_PLACE_CASE = re.compile(r"'(?:[dt][ae]n?|[dt][ae]ki)$")


def _place_case(span: Span) -> bool:
    """Whether a mention ends in a locative or ablative suffix (`Ankara'da`, `İzmir'den`, `Şam'daki`)."""
    return bool(_PLACE_CASE.search(normalize_apostrophes(tr_lower(span[-1].text))))


def canonical_names(
    doc: Doc, ents: Optional[Sequence[Span]] = None, gazetteer: Optional[Gazetteer] = None
) -> List[Tuple[int, int, str]]:
    """`(start, end, canonical)` for every entity mention, in document order.

    Persons are grouped by surname (a shorter mention that ends a longer one); bodies by prefix
    (`ZEW` → `ZEW Enstitüsü`) and by acronym; the fullest member of a group names it. When two
    fuller forms compete (`Ahmet Yılmaz`, `Mehmet Yılmaz`), the nearest one before the mention wins.
    With the name lists, a surname in capitals tagged as a body or place (`AKGÜL:` in a heading)
    joins a person whose full name the lists recognise (`Taha Akgül`).
    """
    ents = list(doc.ents if ents is None else ents)
    words = {(e.start, e.end): name_words(e) for e in ents}
    _strip_glued_surnames(words.values())
    brackets = _parenthesised_acronyms(doc, ents)
    result = []
    surnames = {tr_lower(w[-1]) for e in ents for w in [words[(e.start, e.end)]] if e.label_ == "PER" and len(w) > 1}
    listed = _listed_surnames(ents, words, gazetteer)
    fuller_forms = _FullerIndex(ents, words)
    written = _written_forms(words.values())
    for ent in ents:
        own = words[(ent.start, ent.end)]
        # An acronym is a body even when NER calls it a person (`BMD` tagged PER); a surname in
        # capitals (`ERDOĞAN:` in a headline) is not an acronym.
        acronym_person = _is_acronym(own) and ent.label_ == "PER" and tr_lower(own[0]) not in surnames
        label = "ORG" if acronym_person else ent.label_
        best = brackets.get(own[0], own) if label == "ORG" and _is_acronym(own) else own
        best_distance = 0
        for other in fuller_forms.candidates(own):
            cand = words[(other.start, other.end)]
            # NER may label a lone surname ORG or LOC (`Kalın'ın`, also an adjective); a person's
            # fuller name in the same document still claims it, unless a place case says "place"
            # (`Ankara'da` stays the city beside a person called Ali Ankara).
            cross = (
                other.label_ == "PER" and len(own) == 1
                and (not _is_acronym(own) or tr_lower(own[0]) in listed)
                and (label == "ORG" or (label == "LOC" and not _place_case(ent)))
            )
            if (other.label_ != label and not cross) or not _fuller(cand, own, other.label_):
                continue
            # Nearest preceding mention first, then following ones: a negative distance never wins a tie.
            distance = ent.start - other.start if other.start <= ent.start else -(other.start - ent.start)
            if len(cand) > len(best) or (len(cand) == len(best) and cand != best and _closer(distance, best_distance)):
                best, best_distance = cand, distance
        result.append((ent.start, ent.end, " ".join(_unshouted(best, written)) if best else ent.text))
    return result


def _listed_surnames(
    ents: Sequence[Span], words: Dict[Tuple[int, int], List[str]], gazetteer: Optional[Gazetteer]
) -> Set[str]:
    """Last words of the document's persons whose full names the lists recognise (a listed first
    name, then a listed name): only these may claim a word in capitals, which NER also tags for
    bodies and junk (`TTNET`, `FED`)."""
    if gazetteer is None:
        return set()
    return {
        tr_lower(w[-1]) for e in ents for w in [words[(e.start, e.end)]]
        if e.label_ == "PER" and len(w) > 1 and gazetteer.is_person_like(list(w))
    }


class _FullerIndex:
    """The mentions that could be a fuller form of a name, found by the word they must share.

    `_fuller` holds only for a person ending in the same words, a body starting with them, or a body
    whose initials spell an acronym; indexing mentions by last word, first word and initials makes
    `canonical_names` linear in the mentions of a document instead of quadratic (a long document
    has thousands), with the same result: candidates come in document order, as before.
    """

    def __init__(self, ents: Sequence[Span], words: Dict[Tuple[int, int], List[str]]) -> None:
        self.order = {id(e): n for n, e in enumerate(ents)}
        self.by_key: Dict[Tuple[str, str], List[Span]] = {}
        for ent in ents:
            cand = words[(ent.start, ent.end)]
            if len(cand) < 2:
                continue  # a fuller form has more words than the name it names
            if ent.label_ == "PER":
                self.by_key.setdefault(("last", tr_lower(cand[-1])), []).append(ent)
            elif ent.label_ == "ORG":
                self.by_key.setdefault(("first", tr_lower(cand[0])), []).append(ent)
                self.by_key.setdefault(("initials", acronym_of(cand)), []).append(ent)

    def candidates(self, own: Sequence[str]) -> List[Span]:
        if not own:
            return []
        found = {
            id(e): e
            for key in (("last", tr_lower(own[-1])), ("first", tr_lower(own[0])), ("initials", own[0]))
            for e in self.by_key.get(key, ())
        }
        return sorted(found.values(), key=lambda e: self.order[id(e)])


def _strip_glued_surnames(names: Iterable[List[str]]) -> None:
    """`Erdoğandan` → `Erdoğan` in place, for every name whose last word is another name's last word
    with a case suffix glued on; only stems sharing the word's first four letters are tried."""
    names = [w for w in names if w]
    stems: Dict[str, List[str]] = {}
    for w in names:
        stems.setdefault(tr_lower(w[-1][:4]), []).append(w[-1])
    for w in names:
        last = w[-1]
        w[-1] = strip_glued_suffix(last, [k for k in stems.get(tr_lower(last[:4]), ()) if k != last])


def _written_forms(names: Iterable[Sequence[str]]) -> Dict[Tuple[str, ...], Sequence[str]]:
    """For each name, the first way the document writes it other than in capitals."""
    forms: Dict[Tuple[str, ...], Sequence[str]] = {}
    for form in names:
        if form and not all(w == tr_upper(w) for w in form):
            forms.setdefault(tuple(tr_lower(w) for w in form), form)
    return forms


def head_label(name: str) -> Optional[str]:
    """The label a name's head implies, if any: the last word of a multi-word name, or the
    compound head of a one-word name (at least three letters before it: `Dışbank`)."""
    words = name.split()
    if len(words) >= 2:
        return HEAD_LABELS.get(tr_lower(words[-1]))
    low = tr_lower(name)
    return "ORG" if any(low.endswith(h) and len(low) >= len(h) + 3 for h in ORG_COMPOUND_HEADS) else None


def voted_labels(
    ents: Sequence[Span], names: Sequence[str], gazetteer: Optional[Gazetteer] = None
) -> Dict[str, str]:
    """One label per canonical name: the one its head noun implies (`head_label`), else the one the
    name lists give a name no mention calls ORG (`listed_label`: `Disney` tagged PER is in the
    organisation list), else the most frequent among its mentions (NER may call `Akten` PER three
    times and ORG once); ties go to the earliest mention."""
    counts: Dict[str, Dict[str, int]] = {}
    for ent, name in zip(ents, names):
        label = _vote(ent, name)
        counts.setdefault(name, {})
        counts[name][label] = counts[name].get(label, 0) + 1
    return {
        name: head_label(name)
        or (gazetteer is not None and listed_label(name.split(), list(c), gazetteer))
        or max(c, key=lambda label: c[label])
        for name, c in counts.items()
    }


def _vote(ent: Span, name: str) -> str:
    """The label a mention votes for its name: a surname in capitals that a person's full name
    claimed (`AKGÜL` tagged ORG in a heading) votes PER, as `canonical_names` decided, so that a
    page's headings do not outvote the person's own mentions."""
    words, parts = name_words(ent), name.split()
    if ent.label_ != "PER" and _is_acronym(words) and len(parts) > 1 and tr_lower(parts[-1]) == tr_lower(words[0]):
        return "PER"
    return ent.label_


def name_mentions(
    doc: Doc, canonical: Sequence[Tuple[int, int, str]], gazetteer: Optional[Gazetteer] = None
) -> List[List[Any]]:
    """NER mentions with voted labels, plus repeats of the document's names that NER left untagged.

    A news article names a speaker in full once and then by surname dozens of times; a statistical
    NER misses some of those (`Kılıçdaroğlu,` at a sentence start). Any capitalised token whose
    stem is the surname of a person, or the whole one-word name of a body, in the same document is
    a mention of that name.
    """
    ents = [e for e in doc.ents if e.label_ in NAME_LABELS]
    by_span = {(start, end): name for start, end, name in canonical}  # `canonical` covers every ent
    names = [by_span[(e.start, e.end)] for e in ents]
    labels = voted_labels(ents, names, gazetteer)
    mentions = [[e.start, e.end, labels[n], n] for e, n in zip(ents, names)]
    covered = {i for e in doc.ents for i in range(e.start, e.end)}
    lookup: Dict[str, str] = {}
    for name, label in labels.items():
        parts = name.split()
        if parts and (label == "PER" or len(parts) == 1) and len(parts[-1]) >= 3:
            lookup.setdefault(tr_lower(parts[-1]), name)
    for ent, name in zip(ents, names):
        words = name_words(ent)
        if len(words) == 1 and len(words[0]) >= 2:
            lookup.setdefault(tr_lower(words[0]), name)  # `BMD` → `Birleşmiş Markalar Derneği`
    acronyms = {}
    for name, label in labels.items():
        parts = name.split()
        if label == "ORG" and len(parts) >= 2 and len(acronym_of(parts)) >= 2:
            acronyms.setdefault(acronym_of(parts), name)  # an untagged `BMD` after `Birleşmiş Markalar Derneği`
    known = [n.split()[-1] for n in lookup.values()]
    for i, text in enumerate(t.text for t in doc):
        # A printable word keeps its first letter in its stem: most words end here, unscanned.
        if i in covered or (text.isprintable() and not text[:1].isupper()):
            continue
        stem = _stem(text)
        if not stem[:1].isupper():
            continue
        if stem in acronyms:
            mentions.append([i, i + 1, "ORG", acronyms[stem]])
            continue
        key = tr_lower(strip_glued_suffix(stem, known))
        if key in lookup:
            mentions.append([i, i + 1, labels[lookup[key]], lookup[key]])
    return sorted(mentions)


#: Currencies, price indices and economic measures that NER trained on 1990s news and Wikipedia
#: calls ORG or PER in recent financial news (`TL'ye`, `TÜFE`, `Dogecoin`): a name of none of the
#: three kinds in any annotation scheme we score against (MUC and OntoNotes put them under MONEY or
#: no label). Also the constitution, a document that NER calls a place (`Anayasa'daki yerine`):
#: Milliyet's annotators left all 92 lone mentions of it untagged. Compared upper-cased, on the
#: part before the apostrophe.
NOT_NAMES = frozenset(
    tr_upper(w)
    for w in (
        "TL YTL TRY USD EUR GBP JPY CHF Dolar Euro Avro Sterlin Yen Ruble Yuan Lira "
        "Bitcoin BTC Ethereum ETH Dogecoin Litecoin "
        "TÜFE ÜFE Yİ-ÜFE GSYH GSYİH GSMH KDV ÖTV "
        "Anayasa"
    ).split()
)


#: A word of letters then digits (`L200`, `A321`, `X5'in`): a product or model code. NER calls
#: such words PER in recent news (`L200` six times in one quotes-dev article); no person in
#: Milliyet, Turkish-Wiki-NER or quotes-dev is one (their PER names with digits are regnal numbers
#: and stage names that start with the digit: `3. Selim`, `50 Cent`, `2Pac`).
MODEL_CODE = re.compile(r"[^\W\d_]+\d+[^\W_]*")


def without_non_names(ents: Sequence[Span]) -> List[Span]:
    """The entities other than a lone currency, index or measure (`NOT_NAMES`), other than a
    generic organ with no owner in the span (`Genel Kurulu'nda`, `Yönetim Kurulu`), and other than
    a person that is one model code (`MODEL_CODE`)."""
    return [
        e for e in ents
        if e.label_ not in NAME_LABELS
        or not ((len(e) == 1 and _is_not_name(e[0].text)) or _is_bare_organ(e) or _is_model_code(e))
    ]


def _is_not_name(word: str) -> bool:
    return tr_upper(_stem(word)) in NOT_NAMES


def _is_model_code(span: Span) -> bool:
    return span.label_ == "PER" and len(span) == 1 and MODEL_CODE.fullmatch(_stem(span[0].text)) is not None


def _is_bare_organ(span: Span) -> bool:
    """`Genel Kurulu`, `Genel Merkez Yönetim Kurulu`: only organ words, the last a board.

    Milliyet tags 18 lone `Yönetim/Genel Kurulu` and leaves 45 untagged; the recent-news gold
    never tags one without its owner.
    """
    words = [tr_lower(_stem(t.text)) for t in span if not t.is_space]
    return len(words) >= 2 and words[-1] in ("kurul", "kurulu") and all(w in ORGAN_WORDS for w in words)


#: Role words in the possessive, written after the body that has the role: `İSMMMO Başkanı`.
OWNED_ROLES = frozenset(
    tr_lower(w)
    for w in (
        "Başkanı Başkanvekili Müdürü Yardımcısı Sözcüsü Sekreteri Direktörü Başekonomisti Ekonomisti "
        "Temsilcisi Kurucusu Lideri CEO'su"
    ).split()
)


def with_role_owners(doc: Doc, ents: Sequence[Span]) -> List[Span]:
    """The entities plus an ORG for each untagged acronym followed by a role it owns.

    A NER trained on older news misses acronyms it never saw (`İSMMMO Başkanı Yahya Arıkan`, `ZEW
    Başkanı`), but a possessive role word after a capitals word says the word names a body. The
    role word must be in ordinary case, so a headline set in capitals does not count.
    """
    covered = {i for e in ents for i in range(e.start, e.end)}
    added = []
    for token in doc[:-1]:
        word = _visible(token.text)
        if token.i in covered or not (2 <= len(word) <= 8 and word.isalpha() and word == tr_upper(word)):
            continue
        role = _visible(normalize_apostrophes(doc[token.i + 1].text))
        if word not in NOT_NAMES and tr_lower(role) in OWNED_ROLES and role != tr_upper(role):
            added.append(Span(doc, token.i, token.i + 1, label="ORG"))
    return sorted([*ents, *added], key=lambda span: span.start)


#: News agencies and outlets that sign Turkish articles, as the words of each name, upper-cased.
OUTLETS = frozenset(
    tuple(tr_upper(name).split())
    for name in (
        "AA", "DHA", "İHA", "ANKA", "Cihan", "NTV", "NTV Spor", "CNN Türk", "CNNTÜRK", "TRT", "TRT Haber",
        "Habertürk", "Hürriyet", "Milliyet", "Radikal", "Sabah", "Star", "Zaman", "Cumhuriyet", "Sözcü",
        "Posta", "Akşam", "Takvim", "Vatan", "Evrensel", "BirGün", "Yeni Şafak", "Bloomberg HT",
        "Anadolu Ajansı", "Reuters", "AFP", "Bloomberg", "Sputnik", "Euronews", "Al Jazeera", "BBC Türkçe",
    )
)
#: The same, longest first (`NTV Spor` before `NTV`), sorted once rather than for every line.
_OUTLETS_LONGEST_FIRST = tuple(sorted(OUTLETS, key=lambda name: (-len(name), name)))


def with_bylines(doc: Doc, ents: Sequence[Span]) -> List[Span]:
    """The entities with each outlet that signs the article (`OUTLETS`) as an ORG.

    Agencies sign a news text on a line of their own (`AA`, `(CİHAN)`, `İstanbul DHA`) or open it
    with a dateline (`RADİKAL - Başbakan ...`); there the word is the outlet, not `sabah` (morning)
    or `hürriyet` (freedom), and the NER, trained on sentences, has never seen such lines.
    """
    result = list(ents)
    for line in _lines(doc):
        for sign in _signatures(doc, line):
            result = _signed(sign, result)
    return sorted(result, key=lambda span: span.start)


def _signed(sign: Span, ents: Sequence[Span]) -> List[Span]:
    """`ents` with the signature `sign` in place of what overlaps it.

    An entity that runs on past a dateline keeps its part after the dash (`RADİKAL - Yale
    Üniversitesi` → `RADİKAL`, `Yale Üniversitesi`); an ORG that runs on without a dash (`TRT`
    broken over lines before `Spor`) is a longer name, and wins over the signature.
    """
    doc, result = sign.doc, []
    for ent in ents:
        if ent.end <= sign.start or ent.start >= sign.end:
            result.append(ent)
            continue
        rest = sign.end
        while rest < ent.end and (doc[rest].is_space or doc[rest].text in DASHES):
            rest += 1
        if ent.label_ == "ORG" and ent.end > sign.end and not any(t.text in DASHES for t in doc[sign.end : rest]):
            return list(ents)
        if rest < ent.end:
            result.append(Span(doc, rest, ent.end, label=ent.label))
    return [*result, sign]


def _lines(doc: Doc) -> List[List[int]]:
    """Indices of each line's word tokens (no spaces, no punctuation except dashes)."""
    lines: List[List[int]] = [[]]
    for token in doc:
        if "\n" in token.text or "\n" in token.whitespace_:
            if not token.is_space:
                lines[-1].append(token.i)
            lines.append([])
        elif not token.is_space and (not token.is_punct or token.text in DASHES):
            lines[-1].append(token.i)
    return [line for line in lines if line]


def _signatures(doc: Doc, line: Sequence[int]) -> List[Span]:
    """Outlet names that sign a line: its first or last words on a line of at most two other
    capitalised words (`İstanbul DHA`), or its first words in capitals before a dash (a dateline).
    Longer names first (`NTV Spor` before `NTV`)."""
    words = [tr_upper(_visible(doc[i].text)) for i in line]
    found: List[Span] = []
    for name in _OUTLETS_LONGEST_FIRST:
        n = len(name)
        for at in sorted({0, len(words) - n}):
            if at < 0 or tuple(words[at : at + n]) != name:
                continue
            short = len(words) - n <= 2 and all(doc[i].text[:1].isupper() for i in line)
            dateline = at == 0 and len(words) > n and words[n] in DASHES and all(doc[i].text.isupper() for i in line[:n])
            span = Span(doc, line[at], line[at + n - 1] + 1, label="ORG")
            if (short or dateline) and not any(f.start < span.end and span.start < f.end for f in found):
                found.append(span)
    return found


#: Honorifics written after a first name (`Şevket Bey`, `Meltem Hanım'ın`, `Nedim Abi`): not part
#: of the name. Milliyet's annotators left `Bey` outside the name 129 times of 146 and `Hanım` 19
#: of 20. `Paşa` (inside 10 of 15: `Mithat Paşa`) and `Hoca` are left alone.
HONORIFICS = ("bey", "hanım", "efendi", "abi", "abla")


def without_honorifics(ents: Sequence[Span]) -> List[Span]:
    """Persons whose last word is an honorific (`Şevket beye`, `Nedim Abi'nin`) lose that word."""
    trimmed = []
    for ent in ents:
        words = [t for t in ent if not t.is_space]
        if ent.label_ == "PER" and len(words) >= 2 and _is_honorific(words[-1].text):
            end = words[-2].i + 1
            trimmed.append(Span(ent.doc, ent.start, end, label=ent.label))
        else:
            trimmed.append(ent)
    return trimmed


def _is_honorific(word: str) -> bool:
    """`Bey`, `beye`, `Hanım'ın`, `abinin`: an honorific, with or without a case ending."""
    low = tr_lower(_stem(word))
    return any(low == h or (low.startswith(h) and low[len(h):] in GLUED_SUFFIXES) for h in HONORIFICS)


def without_edge_space(ents: Sequence[Span]) -> List[Span]:
    """The entities with whitespace tokens cut from both ends, and all-space ones dropped.

    The NER can end a name on the whitespace token of a double space or a line break
    (`Angelina  `), which would put those characters into the entity's offsets.
    """
    trimmed = []
    for ent in ents:
        start, end = ent.start, ent.end
        while start < end and ent.doc[start].is_space:
            start += 1
        while end > start and ent.doc[end - 1].is_space:
            end -= 1
        if end > start:
            trimmed.append(ent if (start, end) == (ent.start, ent.end) else Span(ent.doc, start, end, label=ent.label))
    return trimmed


def split_run_on_names(ents: Sequence[Span]) -> List[Span]:
    """Entities that run a person into a place or body the document names elsewhere, split in two.

    A headline drops the comma after the subject (`MİT Başkanı İbrahim Kalın Şam'da!`) and the NER,
    which learned names from sentences, reads `İbrahim Kalın Şam'da` as one place. When the words
    before some point are a person the document tags on its own, and the words after it a place or
    body it tags on its own, the span is those two names. A body named after a person
    (`Recep Tayyip Erdoğan Üniversitesi`) stays whole: its head noun is not a name of the document,
    and neither is a surname after a first name (`Mustafa Kemal Atatürk`: the rest must not be PER).
    """
    labels: Dict[Tuple[str, ...], List[str]] = {}
    for ent in ents:
        key = _name_key(ent)
        if key:
            labels.setdefault(key, []).append(ent.label_)
    result = []
    for ent in ents:
        words = [t for t in ent if not t.is_space]
        cut = next((k for k in range(1, len(words)) if _run_on_at(ent, words[k].i, labels)), None)
        if cut is None:
            result.append(ent)
            continue
        at = words[cut].i
        rest_labels = labels[_name_key(ent.doc[at : ent.end])]
        person = Span(ent.doc, ent.start, words[cut - 1].i + 1, label="PER")
        result += [person, Span(ent.doc, at, ent.end, label=max(rest_labels, key=rest_labels.count))]
    return result


#: The clitic "too", written apart after a subject (`Mustafa Semerci de Özil'in ...`).
_CLITICS = ("de", "da")


def split_at_clitic(ents: Sequence[Span]) -> List[Span]:
    """Persons the NER ran across the clitic `de`/`da` into the next name, split in two.

    `Başkan Mustafa Semerci de Özil'in onur duydukları ...` reads as one person `Mustafa Semerci de
    Özil'in`, which then claims every `Özil` of the article. The clitic is written apart and in
    lower case. A name with a particle (`Nigel de Jong`, `Alex de Souza`) has the same shape, and
    the press calls such people by the words after the particle too, so both sides must stand as
    names on their own: the words after it are tagged alone elsewhere, and the words before it are
    a full name or the surname of another mention (`Gül de Davutoğlu da`), not a lone first name.
    """
    alone = {_name_key(ent) for ent in ents}
    surnames = {key[-1] for key in alone if len(key) > 1}
    result = []
    for ent in ents:
        words = [t for t in ent if not t.is_space]
        cut = None
        if ent.label_ == "PER":
            cut = next((k for k in range(1, len(words) - 1) if _clitic_between(ent, words, k, alone, surnames)), None)
        if cut is None:
            result.append(ent)
            continue
        result += [Span(ent.doc, ent.start, words[cut - 1].i + 1, label="PER"),
                   Span(ent.doc, words[cut + 1].i, ent.end, label="PER")]
    return result


def _clitic_between(ent: Span, words: Sequence[Token], k: int, alone: Set[Tuple[str, ...]], surnames: Set[str]) -> bool:
    """Word `k` of `ent` is the clitic between two names that each stand on their own."""
    if words[k].text not in _CLITICS:
        return False
    before = _name_key(ent.doc[ent.start : words[k - 1].i + 1])
    after = _name_key(ent.doc[words[k + 1].i : ent.end])
    return after in alone and (len(before) > 1 or (len(before) == 1 and before[0] in surnames))


def with_listed_surnames(doc: Doc, ents: Sequence[Span], gazetteer: Gazetteer) -> List[Span]:
    """Persons whose last name the NER left out because it is also a word, given it back.

    `Nilgün Serap Üstün`: `üstün` is an adjective, so the NER stops at `Serap`. A person written
    with first names only (the first word a listed first name, the last one a first name and no
    surname), without a case suffix, followed by one capitalised word that the lists hold as a
    surname and that ends the capitalised run, gets that word. The word must be untagged, not a
    title, and neither a listed place nor a listed body (`İbrahim Kalın Şam'a` stays as it is).
    """
    taken = {i for ent in ents for i in range(ent.start, ent.end)}
    result = []
    for ent in ents:
        nxt = ent.end
        if (
            ent.label_ == "PER"
            and len(ent) >= 2
            and nxt < len(doc)
            and nxt not in taken
            and not split_apostrophe(ent[-1].text)[1]
            and normal_name(ent[0].text) in gazetteer.first_names
            and _first_name_only(normal_name(ent[-1].text), gazetteer)
            and _listed_surname(doc, nxt, gazetteer)
        ):
            ent = Span(doc, ent.start, nxt + 1, label="PER")
        result.append(ent)
    return result


def _first_name_only(name: str, gazetteer: Gazetteer) -> bool:
    """A listed first name that is no listed surname: a person that ends on it lacks a surname."""
    return name in gazetteer.first_names and name not in gazetteer.last_names


def _listed_surname(doc: Doc, i: int, gazetteer: Gazetteer) -> bool:
    """Token `i` is a title-case surname of the lists that ends a capitalised run."""
    token, after = doc[i], doc[i + 1] if i + 1 < len(doc) else None
    stem = split_apostrophe(token.text)[0]
    if not (stem[:1].isupper() and stem[1:].islower()) or tr_lower(stem) in TITLE_WORDS:
        return False
    if after is not None and after.text[:1].isupper():
        return False
    words = [stem]
    return normal_name(stem) in gazetteer.last_names and not gazetteer.is_any_place(words) and not gazetteer.is_org(words)


def _name_key(span: Span) -> Tuple[str, ...]:
    return tuple(tr_lower(w) for w in name_words(span))


def _run_on_at(ent: Span, at: int, labels: Dict[Tuple[str, ...], List[str]]) -> bool:
    """True when `ent` is a person the document tags before token `at` and another name after it."""
    head, rest = labels.get(_name_key(ent.doc[ent.start : at])), labels.get(_name_key(ent.doc[at : ent.end]))
    return bool(head and rest) and "PER" in head and "PER" not in rest


def cleaned_ents(doc: Doc, gazetteer: Optional[Gazetteer] = None) -> List[Span]:
    """NER's entities with the corrections resolving makes before names are grouped: whitespace
    edges trimmed, honorifics cut, run-on names split (also at a clitic), non-names dropped; titles cut from persons
    and from bodies (`organisations`); compound bodies, companies, bracketed acronyms, listed
    bodies, role owners and bylines added."""
    ents = without_non_names(without_honorifics(split_run_on_names(split_at_clitic(without_edge_space(doc.ents)))))
    ents = without_organ_tails(split_titled_bodies(without_leading_titles(ents)))
    ents = with_compound_bodies(doc, ents)
    if gazetteer is not None:
        ents = with_listed_bodies(doc, with_companies(doc, ents, gazetteer), gazetteer)
        ents = with_listed_surnames(doc, ents, gazetteer)
    ents = with_bracketed_acronyms(doc, ents)
    return with_bylines(doc, with_role_owners(doc, ents))


def canonical_of(span: Span) -> str:
    """Canonical name of any span: the stored one for a known mention, else the nearest entity's.

    A speaker mention cut differently from the NER span (title removed, only a surname) still finds
    the fuller name through the mentions that contain its words.
    """
    stored = span.doc.user_data.get(USER_DATA_KEY) or []
    for start, end, name in stored:
        if start == span.start and end == span.end:
            return name
    own = name_words(span)
    if not own:
        return span.text
    own[-1] = strip_glued_suffix(own[-1], [n.split()[-1] for _, _, n in stored if n])
    low = [tr_lower(w) for w in own]
    best = " ".join(own)
    for start, end, name in stored:
        parts = [tr_lower(w) for w in name.split()]
        if len(parts) > len(low) and (parts[-len(low):] == low or parts[: len(low)] == low):
            if len(name.split()) > len(best.split()):
                best = name
        elif parts == low:
            best = name if len(name) >= len(best) else best
    return best


def _canonical_getter(span: Span) -> str:
    return canonical_of(span)


class EntityCanonicalizer:
    """Pipeline component: canonical names for every name mention, kept as plain data in
    `doc.user_data`; with `resolve_ents`, `doc.ents` becomes those mentions.

    Resolving makes what a user reads agree with the speakers the quote rules chose: one label per
    canonical name (NER may call the lone surname `Olpak` a place after `Hüseyin Olpak` was a
    person), the repeats of a document's names that NER left untagged, and the corrections of
    `cleaned_ents` (bodies before a role they own, outlets signing a line, no honorific inside a
    name, no lone currency, price index or bare organ tagged as a name). Entities with labels
    other than PER/ORG/LOC (say, from a user's entity ruler) are kept as they are.
    """

    def __init__(
        self, nlp: Language, name: str = "trnews_entities", *, resolve_ents: bool = True, gazetteer: bool = True
    ) -> None:
        self.name = name
        self.resolve_ents = resolve_ents
        self.gazetteer = default_gazetteer() if gazetteer else None

    def __call__(self, doc: Doc) -> Doc:
        if self.resolve_ents:
            doc.ents = cleaned_ents(doc, self.gazetteer)
        canonical = canonical_names(doc, gazetteer=self.gazetteer)
        mentions = name_mentions(doc, canonical, self.gazetteer)
        known = {(start, end) for start, end, _ in canonical}
        repeats = [[start, end, name] for start, end, _, name in mentions if (start, end) not in known]
        doc.user_data[USER_DATA_KEY] = [list(t) for t in canonical] + repeats
        doc.user_data[MENTIONS_KEY] = mentions
        if self.resolve_ents:
            others = [e for e in doc.ents if e.label_ not in NAME_LABELS]
            named = [Span(doc, start, end, label=label) for start, end, label, _ in mentions]
            doc.ents = sorted(others + named, key=lambda span: span.start)
        return doc


Span.set_extension("canonical", getter=_canonical_getter, force=True)


@Language.factory(
    "trnews_entities",
    assigns=["doc.ents", "span._.canonical"],
    requires=["doc.ents"],
    default_config={"resolve_ents": True, "gazetteer": True},
)
def make_entities(nlp: Language, name: str, resolve_ents: bool, gazetteer: bool) -> Callable[[Doc], Doc]:
    """Registered factory (entry point `trnews_entities`); `resolve_ents = false` keeps NER's own
    `doc.ents` and only stores the names and mentions; `gazetteer = false` leaves the name lists
    (`trnews_nlp.gazetteer`) out of resolving."""
    return EntityCanonicalizer(nlp, name, resolve_ents=resolve_ents, gazetteer=gazetteer)
