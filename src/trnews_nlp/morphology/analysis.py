"""`Analysis` values and the rules that turn a token's text into them.

zeyrek alone returns nothing for curly apostrophes, numbers, unknown names and dotted
abbreviations, returns verb readings for `Kalın'ın` (it just deletes the apostrophe), lemmatises
to dictionary roots (`söylemek`, `hak` for `haklı`), and its UD formatter is unreliable for
adjectives and adverbs. `analyze_form` wraps it so that every token gets at least one analysis,
with UD-style lemma, UPOS and features; readings no dictionary or sure rule backs carry
`guess=True`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property
from typing import Dict, List, Optional, Tuple

import regex

from ..text import normalize_apostrophes, split_apostrophe, tr_lower, tr_upper
from .engine import RawAnalysis, get_analyzer, normalize


@dataclass(frozen=True)
class Analysis:
    """One reading of a token.

    `lemma` follows the UD Turkish treebanks (verbs without `-mak`: `söyle`; names as written),
    so it is comparable with the trained lemmatizer; `dict_lemma` is zeyrek's dictionary entry
    (`söylemek`). `feats` is a UD FEATS string. `guess` marks readings no dictionary backs.
    """

    lemma: str
    pos: str
    morphemes: Tuple[str, ...]
    feats: str
    guess: bool = False
    dict_lemma: str = ""

    @cached_property
    def feats_dict(self) -> Dict[str, str]:
        """The features as a dict, parsed once per analysis (analyses are shared through the cache)."""
        return dict(f.split("=", 1) for f in self.feats.split("|")) if self.feats else {}


_UPOS = {
    "Noun": "NOUN", "Adj": "ADJ", "Adv": "ADV", "Verb": "VERB", "Pron": "PRON", "Det": "DET",
    "Num": "NUM", "Postp": "ADP", "Conj": "CCONJ", "Interj": "INTJ", "Ques": "AUX",
    "Dup": "ADJ", "Punc": "PUNCT",
}
#: Derivations after which UD Turkish still tags the word VERB (participles, converbs, verbal nouns).
_VERBAL_DERIVATIONS = {
    "PastPart", "NarrPart", "FutPart", "PresPart", "AorPart", "Inf1", "Inf2", "Inf3",
    "ByDoingSo", "While", "When", "SinceDoingSo", "AsLongAs", "Adamantly", "AfterDoingSo",
    "AsIf", "EverSince", "FeelLike", "NotState", "Caus", "Pass", "Recip", "Reflex", "Able",
    "Repeat", "Almost", "Hastily", "Stay", "Start",
}
#: Morpheme ids that start a new inflectional group (derivations and zero derivations).
_DERIVATIONS = {
    "Dim", "Ness", "With", "Without", "Related", "JustLike", "Rel", "Agt", "Become", "Acquire",
    "Ly", "Caus", "Recip", "Reflex", "Able", "Pass", "Inf1", "Inf2", "Inf3", "ActOf", "PastPart",
    "NarrPart", "FutPart", "PresPart", "AorPart", "NotState", "FeelLike", "EverSince", "Repeat",
    "Almost", "Hastily", "Stay", "Start", "AsIf", "While", "When", "SinceDoingSo", "AsLongAs",
    "ByDoingSo", "Adamantly", "AfterDoingSo", "Zero",
}
_PARTICIPLES = {"PastPart", "NarrPart", "FutPart", "PresPart", "AorPart"}
_VNOUNS = {"Inf1", "Inf2", "Inf3", "NotState", "FeelLike"}
_CONVERBS = {"ByDoingSo", "While", "When", "SinceDoingSo", "AsLongAs", "Adamantly",
             "AfterDoingSo", "AsIf", "EverSince"}
_CASES = {"Nom", "Dat", "Acc", "Abl", "Loc", "Ins", "Gen", "Equ"}
_AGREEMENT = {"A1sg": ("Sing", "1"), "A2sg": ("Sing", "2"), "A3sg": ("Sing", "3"),
              "A1pl": ("Plur", "1"), "A2pl": ("Plur", "2"), "A3pl": ("Plur", "3")}
_POSSESSIVE = {"P1sg": ("Sing", "1"), "P2sg": ("Sing", "2"), "P3sg": ("Sing", "3"),
               "P1pl": ("Plur", "1"), "P2pl": ("Plur", "2"), "P3pl": ("Plur", "3")}
_TENSE = {"Past": ("Past", "Fh"), "Narr": ("Past", "Nfh"), "Fut": ("Fut", None),
          "Prog1": ("Pres", None), "Prog2": ("Pres", None), "Aor": ("Pres", None),
          "Pres": ("Pres", None)}
_ASPECT = {"Past": "Perf", "Narr": "Perf", "Fut": "Prosp", "Prog1": "Prog", "Prog2": "Prog",
           "Aor": "Hab"}
_MOOD = {"Imp": "Imp", "Cond": "Cnd", "Opt": "Opt", "Desr": "Des", "Neces": "Nec", "Able": "Pot"}


def upos_of(morphemes: Tuple[str, ...], root_spos: str) -> str:
    """UPOS the way UD Turkish assigns it: the part of speech of the last inflectional group,
    except that a verb stays VERB through participles, converbs and verbal nouns (`söyleyerek`)
    and a noun stays a noun through `-ki` (`Türkiye'deki`)."""
    pos = morphemes[0]
    for previous, morpheme in zip(morphemes, morphemes[1:]):
        if previous == "Rel" or (pos == "Verb" and previous in _VERBAL_DERIVATIONS):
            continue
        if morpheme in _UPOS:
            pos = morpheme
    if pos == "Noun" and root_spos in ("Prop", "Abbrv") and morphemes.count("Noun") == 1:
        return "PROPN"
    return _UPOS.get(pos, "X")


def feats_of(morphemes: Tuple[str, ...], upos: str) -> str:
    """UD FEATS from zeyrek's morpheme ids (zeyrek omits Nom and Pnon, so those are defaults)."""
    feats: Dict[str, str] = {}
    for morpheme in morphemes:
        if morpheme in _CASES:
            feats["Case"] = morpheme
        elif morpheme in _AGREEMENT:
            feats["Number"], feats["Person"] = _AGREEMENT[morpheme]
        elif morpheme in _POSSESSIVE:
            feats["Number[psor]"], feats["Person[psor]"] = _POSSESSIVE[morpheme]
        elif morpheme in _TENSE:
            feats["Tense"], evident = _TENSE[morpheme]
            if evident:
                feats["Evident"] = evident
            if morpheme in _ASPECT:
                feats["Aspect"] = _ASPECT[morpheme]
        elif morpheme in _MOOD:
            feats["Mood"] = _MOOD[morpheme]
        elif morpheme == "Pass":
            feats["Voice"] = "Pass"
        elif morpheme == "Caus":
            feats["Voice"] = "Cau"
        elif morpheme in _PARTICIPLES:
            feats["VerbForm"] = "Part"
        elif morpheme in _CONVERBS:
            feats["VerbForm"] = "Conv"
        elif morpheme in _VNOUNS:
            feats["VerbForm"] = "Vnoun"
    if upos in ("NOUN", "PROPN", "PRON") or "Case" in feats:
        feats.setdefault("Case", "Nom")
    if upos == "VERB":
        feats["Polarity"] = "Neg" if "Neg" in morphemes or "Unable" in morphemes else "Pos"
    return "|".join(f"{k}={feats[k]}" for k in sorted(feats, key=str.lower))


#: Derivations the UD Turkish treebanks keep inside the lemma (`haklı`, `kiracı`, `sağlık`,
#: `gerçekleş`); voice, participle and converb suffixes are left out of it (`bozulması` → `boz`).
_LEXICAL_DERIVATIONS = {"With", "Without", "Ness", "Agt", "Related", "JustLike", "Become", "Acquire"}
#: A stem-final consonant softened before a vowel returns to its lemma form (`sağlığı` → `sağlık`).
_DEVOICE = {"ğ": "k", "b": "p", "c": "ç", "d": "t"}


#: Circumflexes dropped from a dictionary lemma when the token is written without them.
_CIRCUMFLEX = str.maketrans("âîûÂÎÛ", "aiuAİU")


def has_circumflex(text: str) -> bool:
    return any(c in "âîûÂÎÛ" for c in text)


def ud_lemma(raw: RawAnalysis, circumflex: bool = False) -> str:
    """zeyrek's dictionary lemma in UD spelling: `söylemek` → `söyle`, `hak+lı` → `haklı`.

    The treebanks spell the lemma the way the text does (`hâlâ` → `hâlâ`, `Mesela` → `mesela`),
    so circumflexes from the dictionary are kept only when the token has one (`circumflex`)."""
    if raw.root_pos == "Ques":
        return "mi"
    derived = _derived_lemma(raw.morphemes)
    if derived:
        return derived
    lemma = raw.lemma
    if raw.root_pos == "Verb" and len(lemma) > 3 and lemma[-3:] in ("mak", "mek"):
        lemma = lemma[:-3]
    if raw.root_spos == "Abbrv":
        return tr_upper(lemma)
    return lemma if circumflex else lemma.translate(_CIRCUMFLEX)


def _derived_lemma(morphemes: Tuple[Tuple[str, str], ...]) -> str:
    """Surface of the root plus its leading lexical derivations, or "" if there are none."""
    lemma, pending = "", morphemes[0][1]
    for morpheme, part in morphemes[1:]:
        if morpheme in _LEXICAL_DERIVATIONS:
            lemma = pending = pending + part
        elif morpheme in _DERIVATIONS and morpheme != "Zero":
            break
        else:
            pending += part
    if not lemma:
        return ""
    return lemma[:-1] + _DEVOICE.get(lemma[-1], lemma[-1])


def from_raw(raw: RawAnalysis, circumflex: bool = False) -> Analysis:
    morphemes = tuple(m for m, _ in raw.morphemes)
    upos = upos_of(morphemes, raw.root_spos)
    lemma = ud_lemma(raw, circumflex)
    return Analysis(lemma, upos, morphemes, feats_of(morphemes, upos), False, raw.lemma)


# --- guesses for what zeyrek's dictionaries do not cover -------------------------------------

#: Case (and plural, possessive, `-ki`) endings written after an apostrophe, vowel harmony ignored:
#: the stem is already known, only the features are guessed.
_SUFFIX = regex.compile(
    r"(?P<pl>l[ae]r)?(?P<p3>s?[ıiuü]|l[ae]r[ıi])?"
    r"(?:(?P<Gen>n?[ıiuü]n)|(?P<Dat>y?[ae])|(?P<Acc>[yn]?[ıiuü])|(?P<Loc>[dt][ae])"
    r"|(?P<Abl>n?[dt][ae]n)|(?P<Ins>y?l[ae])|(?P<Equ>n?c[ae]))?(?P<ki>ki)?"
)
_NUMBER = regex.compile(r"[+-]?\p{N}+(?:[.,:/]\p{N}+)*%?|%\p{N}+(?:[.,]\p{N}+)*")
#: An ordinal written with a dot (`9.` = dokuzuncu).
_ORDINAL = regex.compile(r"\p{N}+\.")
#: Punctuation and symbols, including the cp1252 quote controls (U+0091..U+0094) of scraped text.
_PUNCT = regex.compile(r"[\p{P}\p{S}\u0091-\u0094]+")


def _suffix_guess(suffix: str, stem: str, pos: str) -> Optional[Analysis]:
    """Analysis of `stem` + apostrophe `suffix` when the suffix is a known nominal ending."""
    match = _SUFFIX.fullmatch(tr_lower(suffix))
    if match is None:
        return None
    morphemes = ["Noun" if pos in ("NOUN", "PROPN") else "Num"]
    morphemes.append("A3pl" if match["pl"] else "A3sg")
    if match["p3"]:
        morphemes.append("P3sg")
    case = next((c for c in ("Gen", "Dat", "Acc", "Loc", "Abl", "Ins", "Equ") if match[c]), None)
    if case:
        morphemes.append(case)
    if match["ki"]:
        morphemes += ["Rel", "Adj"]
    feats = feats_of(tuple(morphemes), pos)
    return Analysis(stem, pos, tuple(morphemes), feats, True, stem)


def _guess(text: str, stem: str, suffix: str) -> List[Analysis]:
    """Readings for a token zeyrek cannot analyse: punctuation and bare numbers (certain, so not
    flagged), numbers and names with an apostrophe suffix, or an unknown name or word (guesses)."""
    if _PUNCT.fullmatch(text):
        pos = "SYM" if regex.fullmatch(r"\p{S}+", text) else "PUNCT"
        return [Analysis(text, pos, (), "", False, text)]
    if _ORDINAL.fullmatch(text):
        return [Analysis(text[:-1], "NUM", ("Num",), "NumType=Ord", False, text)]
    if _NUMBER.fullmatch(stem):
        guess = _suffix_guess(suffix[1:], stem, "NUM") if suffix else None
        return [guess or Analysis(stem, "NUM", ("Num",), "NumType=Card", False, stem)]
    if suffix:
        pos = "PROPN" if stem[:1].isupper() else "NOUN"
        guess = _suffix_guess(suffix[1:], stem, pos)
        if guess:
            return [guess]
    pos = "PROPN" if text[:1].isupper() else "NOUN"
    return [Analysis(text, pos, ("Noun", "A3sg"), feats_of(("Noun", "A3sg"), pos), True, text)]


def analyze_form(text: str) -> Tuple[Analysis, ...]:
    """All readings of one token's text; never empty. Depends on the text alone (cacheable).

    Apostrophe variants count as `'`. A suffix after an apostrophe belongs to the stem before it,
    so readings whose root is not that stem (`Kalın'ın` as the verb `kalmak`) are dropped, and a
    capitalised stem also gets name readings spelt as written (`Kalın`, `MİT`).
    """
    text = normalize_apostrophes(text)
    stem, suffix = split_apostrophe(text)
    word = normalize(stem + suffix[1:])
    raws = get_analyzer().analyze(word) if word.isalpha() else []
    if suffix:
        raws = _split_at_apostrophe(raws, normalize(stem))
    analyses = [from_raw(r, has_circumflex(text)) for r in raws]
    if text.endswith(".") and text[:-1].isalpha():  # `Dr.`, or a word with a sentence's stop
        analyses = _abbreviations(text[:-1]) or list(analyze_form(text[:-1]))
    if suffix and stem[:1].isupper() and not any(a.pos == "PROPN" for a in analyses):
        analyses[:0] = _name_readings(stem, suffix, analyses)
    return tuple(_dedupe(analyses)) or tuple(_guess(text, stem, suffix))


def _name_readings(stem: str, suffix: str, analyses: List[Analysis]) -> List[Analysis]:
    """Turkish writes an apostrophe before a suffix only after a name, number or abbreviation,
    so a capitalised stem with one is a name even when the dictionary knows only a common word
    (`Kalın'ın` the surname, `Katar'daki` the country, `MİT'in`): the nominal readings again,
    as names spelt as written, or a reading from the suffix alone. Flagged as guesses."""
    nominal = [a for a in analyses if a.pos == "NOUN" and a.morphemes[:1] == ("Noun",)]
    names = [replace(a, lemma=stem, pos="PROPN", guess=True, dict_lemma=stem,
                     feats=feats_of(a.morphemes, "PROPN")) for a in nominal]
    if not names:
        guess = _suffix_guess(suffix[1:], stem, "PROPN")
        names = [guess] if guess else []
    return _dedupe(names)


def _abbreviations(stem: str) -> List[Analysis]:
    """`Dr.`, `Prof.`: zeyrek lists abbreviations without their dot; keep only those readings,
    spelt as written."""
    raws = [r for r in get_analyzer().analyze(normalize(stem)) if r.root_spos == "Abbrv"]
    return [replace(from_raw(r), lemma=stem + ".") for r in raws]


def _split_at_apostrophe(raws: List[RawAnalysis], stem: str) -> List[RawAnalysis]:
    """Readings consistent with a suffix written after an apostrophe: nominal, rooted in the stem,
    or else (`Üniversitesi'nde`) with a morpheme boundary exactly where the apostrophe was."""
    nominal = [r for r in raws if r.root_pos != "Verb"]
    rooted = [r for r in nominal if r.morphemes[0][1] == stem]
    return rooted or [r for r in nominal if _has_boundary(r, len(stem))]


def _has_boundary(raw: RawAnalysis, offset: int) -> bool:
    position = 0
    for _, part in raw.morphemes:
        position += len(part)
        if position == offset:
            return True
    return False


def _dedupe(analyses: List[Analysis]) -> List[Analysis]:
    seen = set()
    unique = []
    for analysis in analyses:
        key = (analysis.lemma, analysis.pos, analysis.morphemes)
        if key not in seen:
            seen.add(key)
            unique.append(analysis)
    return unique
