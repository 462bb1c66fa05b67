"""The reporting-cue lexicon (`cues.tsv`) and its matcher.

Turkish reporting verbs carry their grammar in suffixes: `belirtti` (finite: the subject is the
speaker), `belirten Dinçer` (participle: the speaker follows), `belirterek` (converb: the clause goes
on), `belirtildi` (passive: no speaker), `hatırlatması` (verbal noun: a nominal report). The matcher
therefore returns the form and voice of every cue it finds, and the quote rules read those.

Matching uses the token's lemma when the pipeline has one (`token.lemma_`, or the lemmas of
`token._.analyses` from `trnews_morphology`), and otherwise the Turkish-lowercased surface form
against the stem followed by a verbal suffix pattern, which keeps nouns that share a stem
(`açıklama`, `beklenti`, `söylem`) out.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

from spacy.tokens import Doc, Token

from ..text import tr_lower, word_key

DEFAULT_CUES = Path(__file__).with_name("cues.tsv")
#: `doc.user_data` key that `trnews_morphology` sets (see `morphology/component.py`).
MORPHOLOGY_KEY = "trnews_morphology.choice"
KINDS = ("verb", "frame", "noun", "question")

_H = "[ıiuü]"
_A = "[ae]"
#: Suffix patterns after a verb stem (and an optional passive `-Il`/`-In`), by form.
_FORMS: Tuple[Tuple[str, str], ...] = (
    ("finite", rf"[dt]{_H}(?:[mk]|n|n{_H}z|l{_A}r)?"),
    ("finite", rf"m{_H}ş\w*"),
    ("finite", rf"{_H}?yor\w*"),
    # The bare aorist (`yazar`, `okur`) is left out: those forms are usually nouns in news text.
    ("finite", rf"(?:{_A}|{_H})?r(?:l{_A}r|d{_H}|m{_H}ş)"),
    ("finite", rf"y?{_A}c{_A}k(?:t{_H}r|l{_A}r|t{_H})?"),
    ("finite", rf"m{_A}kt{_A}\w*"),
    ("participle", rf"y?{_A}n(?:l{_A}r)?"),
    ("converb", rf"y?{_A}r{_A}k|y?{_H}p|(?:{_A}|{_H})?rken|y?{_H}nc{_A}|m{_A}d{_A}n|m{_A}kl{_A}"),
    ("nominal", rf"m{_A}s{_H}(?:n{_H}|n{_A}|yl{_A}|n{_H}n)?"),
    ("relative", rf"[dt]{_H}ğ{_H}(?:n{_H}|n{_A})?|[dt]{_H}kl{_A}r{_H}(?:n{_H}|n{_A})?"),
)
_VOICELESS = "çfhkpsşt"
_PASSIVE = rf"(?:{_H}?l|{_H}?n)"
_DE_FORMS = {
    "finite": r"dedi(?:[mk]|n|niz|ler)?|demiş\w*|diyor\w*|der(?:ler|di|miş)?|diyecek(?:ler|ti)?|demekte\w*",
    "participle": r"diyen(?:ler)?",
    "converb": r"diyerek|derken|deyip|deyince",
    "nominal": r"demesi\w*",
}


@dataclass(frozen=True)
class CueEntry:
    """One lexicon line: fixed words (alternatives), an optional verb stem, and the cue kind."""

    phrase: str
    words: Tuple[Tuple[str, ...], ...]
    stem: Optional[str]
    kind: str

    @property
    def length(self) -> int:
        return len(self.words) + (1 if self.stem else 0)


@dataclass(frozen=True)
class CueMatch:
    """A cue found in a document: token range, entry, verb form and voice."""

    start: int
    end: int
    entry: CueEntry
    form: str
    passive: bool

    @property
    def kind(self) -> str:
        return self.entry.kind


def parse_line(line: str) -> Optional[CueEntry]:
    """Parse one `cues.tsv` line; comments and blank lines give None."""
    if not line.strip() or line.lstrip().startswith("#"):
        return None
    fields = line.rstrip("\n").split("\t")
    phrase, kind = fields[0].strip(), (fields[1].strip() if len(fields) > 1 else "verb")
    if kind not in KINDS:
        raise ValueError(f"unknown cue kind {kind!r} in line {line!r}; expected one of {KINDS}")
    parts = phrase.split()
    stem = tr_lower(parts[-1][:-1]) if parts and parts[-1].endswith("-") else None
    fixed = parts[:-1] if stem else parts
    words = tuple(tuple(tr_lower(alt) for alt in part.split("|")) for part in fixed)
    if not words and not stem:
        raise ValueError(f"empty cue in line {line!r}")
    return CueEntry(phrase=phrase, words=words, stem=stem, kind=kind)


def load_entries(paths: Iterable[Path]) -> List[CueEntry]:
    """Read lexicon files in order; a later file adds to (never removes from) earlier ones."""
    entries: List[CueEntry] = []
    for path in paths:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            entry = parse_line(line)
            if entry is not None and entry not in entries:
                entries.append(entry)
    return entries


def _analyses(token: Token) -> Sequence[object]:
    """zeyrek's readings of a token, or none where `trnews_morphology` did not process the document.

    `_.analyses` is a getter that runs zeyrek on demand; it is read only where `trnews_morphology`
    processed the document (its choice index is there), so a pipeline without it stays fast.
    """
    if Token.has_extension("analyses") and MORPHOLOGY_KEY in token.doc.user_data:
        return token._.get("analyses") or ()
    return ()


def _lemmas(token: Token) -> List[str]:
    """Lemma candidates from the trained lemmatizer and from zeyrek analyses, when present."""
    found = []
    if token.lemma_ and token.lemma_ != token.text:
        found.append(tr_lower(token.lemma_))
    for analysis in _analyses(token):
        lemma = getattr(analysis, "lemma", None)
        if lemma:
            found.append(tr_lower(lemma))
    return found


def never_a_verb(token: Token) -> bool:
    """zeyrek knows the word and no reading of it has a verb root (`şemalarını`, from `şema`).

    False where `trnews_morphology` did not process the document or zeyrek only guesses.
    """
    known = [a for a in _analyses(token) if not getattr(a, "guess", False)]
    return bool(known) and all(getattr(a, "pos", None) != "VERB" for a in known)


def _word_matches(alternatives: Sequence[str], word: str) -> bool:
    for alt in alternatives:
        if alt.endswith("*"):
            if word.startswith(alt[:-1]):
                return True
        elif word == alt:
            return True
    return False


@lru_cache(maxsize=1 << 16)
def verb_form(stem: str, word: str) -> Optional[Tuple[str, bool]]:
    """(form, passive) if `word` is an inflected form of the verb `stem`, else None.

    Second-person forms (`diyeceksiniz`, `söylüyorsun`) address the reader or the audience inside
    a speech, and conditional forms (`diyorsanız`, `söylerse`, `açıkladıysa`) suppose a saying
    rather than report one; neither attributes a quote, so they are not cues.
    """
    if re.search(rf"s{_H}n(?:{_H}z)?$|s{_A}(?:m|n|k|n{_H}z|l{_A}r)?$", word):
        return None
    if stem == "de":
        for form, pattern in _DE_FORMS.items():
            if re.fullmatch(pattern, word):
                return form, False
        if re.fullmatch(r"(?:den|denil)(?:di|iyor|mişti|en|ir)\w*", word):
            return "finite", True
        return None
    # Alternants: `ifade et-` → `ifade ed-` before a vowel; a final vowel narrows before -Iyor.
    bases = [(stem, "")]
    if stem.endswith("et"):
        bases.append((stem[:-1] + "d", "[aeıioöuü]"))
    if stem[-1] in "aeıioöuü":
        bases.append((stem[:-1], f"{_H}yor"))
    for base, required in bases:
        if not word.startswith(base):
            continue
        rest = word[len(base):]
        if required and not re.match(required, rest):
            continue
        for passive in (False, True):
            voice = _PASSIVE if passive else ""
            for form, suffix in _FORMS:
                match = re.fullmatch(f"({voice})(?:{suffix})", rest)
                if match and not _bad_devoicing(base + match.group(1), rest[len(match.group(1)):]):
                    return form, passive
    return None


def _bad_devoicing(stem: str, suffix: str) -> bool:
    """`-DI` is `-tI` only after a voiceless consonant: `beklen-ti` is the noun `beklenti`."""
    return suffix[:1] == "t" and stem[-1:] not in _VOICELESS


class _DocWords:
    """Per-document word forms, and lemmas computed only for tokens a stem could match."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.words = [word_key(t.text) for t in doc]
        self.space = [not w.strip() for w in self.words]  # `Token.is_space`, without a Token each time
        self._lemmas: Dict[int, List[str]] = {}

    def next_word(self, i: int) -> int:
        """The next token after `i` that is not whitespace (scraped text doubles its spaces)."""
        i += 1
        while i < len(self.words) and self.space[i]:
            i += 1
        return i

    def end_of(self, j: int) -> int:
        """End of a match whose next word would be at `j`: right after the last word, not the spaces."""
        while j > 0 and self.space[j - 1]:
            j -= 1
        return j

    def lemmas(self, i: int) -> List[str]:
        if i not in self._lemmas:
            self._lemmas[i] = _lemmas(self.doc[i])
        return self._lemmas[i]


class CueLexicon:
    """Finds reporting cues in a `Doc`."""

    def __init__(self, entries: Sequence[CueEntry]) -> None:
        self.entries = list(entries)
        # Entries by the first letter they can start with: a token is only tried against those.
        self._by_initial: Dict[str, List[CueEntry]] = {}
        for entry in sorted(self.entries, key=lambda e: -e.length):
            firsts = entry.words[0] if entry.words else ((entry.stem or ""),)
            for initial in {alt[:1] for alt in firsts}:
                self._by_initial.setdefault(initial, []).append(entry)

    @classmethod
    def from_files(cls, paths: Iterable[Path]) -> "CueLexicon":
        return cls(load_entries(paths))

    def match_at(self, doc: Doc, i: int, words: Optional[_DocWords] = None) -> Optional[CueMatch]:
        """The longest cue that starts at token `i`."""
        words = words or _DocWords(doc)
        for entry in self._by_initial.get(words.words[i][:1], ()):
            found = self._match_entry(words, i, entry)
            if found is not None:
                return found
        return None

    def find_all(self, doc: Doc) -> List[CueMatch]:
        """Every cue in the document, left to right, without overlaps."""
        words = _DocWords(doc)
        matches: List[CueMatch] = []
        i = 0
        while i < len(doc):
            found = self.match_at(doc, i, words)
            if found is not None:
                matches.append(found)
                i = found.end
            else:
                i += 1
        return matches

    def _match_entry(self, words: _DocWords, i: int, entry: CueEntry) -> Optional[CueMatch]:
        j = i
        n = len(words.words)
        for alternatives in entry.words:
            if j >= n or not _word_matches(alternatives, words.words[j]):
                return None
            j = words.next_word(j)
        if entry.stem is None:
            return CueMatch(i, words.end_of(j), entry, "noun", False)
        if j >= n:
            return None
        word = words.words[j]
        form = verb_form(entry.stem, word)
        # The lemma helps with irregular surfaces; it is only worth computing when the word could
        # be a form of the stem at all.
        if form is None and word[:2] == entry.stem[:2] and entry.stem in words.lemmas(j):
            form = _form_from_suffix(word)
        if form is None:
            return None
        return CueMatch(i, j + 1, entry, form[0], form[1])


def _form_from_suffix(word: str) -> Optional[Tuple[str, bool]]:
    """Form of a verb whose lemma matched but whose surface the stem patterns do not cover
    (an irregular stem); None when the ending is not verbal (the lemmatizer's noun `açıklama`)."""
    if re.search(rf"m{_A}(?:y{_A}n|y{_A}r{_A}k|d{_H}|z|m{_H}ş|y{_H}p)", word):
        return None  # negative (`kabul etmeyen`, `söylemedi`): the verb denies the report
    passive = bool(re.search(rf"{_H}?l[dt]{_H}$|{_H}l{_H}yor|n{_H}yor", word))
    for form, suffix in _FORMS:
        if re.search(f"(?:{suffix})$", word):
            return form, passive
    return None


def lexicon_from_config(extra: Optional[str], replace: bool = False) -> CueLexicon:
    """The bundled lexicon plus a user file (`cues_path` in the component config).

    A saved pipeline carries the lexicon it was built with (`to_disk`), so when it is loaded on a
    machine without the user file, the bundled lexicon stands in until `from_disk` restores it;
    the missing file is reported, not fatal.
    """
    if extra and not Path(extra).exists():
        warnings.warn(f"trnews_quotes: cue file {extra!r} not found; using the bundled cues", stacklevel=2)
        extra, replace = None, False
    paths: List[Path] = [] if (replace and extra) else [DEFAULT_CUES]
    if extra:
        paths.append(Path(extra))
    return CueLexicon.from_files(paths)
