"""Name lists from outside the training data, as evidence for `trnews_entities`.

`entity_data/gazetteer.json.gz` is compiled by `trnews-nlp train gazetteer` (sources and licences
are inside it and in the model card): 42,000 organisation names (with and without legal forms),
Turkish and world places, first names and surnames. Every list is noisy (`Savaş` is a name and a noun; the organisation list is
scraped), so nothing here makes a name out of a word on its own; the rules use a list to choose a
label for a span NER already tagged, or to accept a multi-word capitalised run that a list names
in full.

The word lists the rules read (head nouns, legal forms, title words) live beside it as plain text
files, versioned with the code.
"""

from __future__ import annotations

import gzip
import json
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Dict, FrozenSet, Iterable, List, Sequence, Set, Tuple

from .datafiles import data_lines
from .text import split_apostrophe, tr_lower

DATA_DIR = Path(__file__).parent / "entity_data"
GAZETTEER_PATH = DATA_DIR / "gazetteer.json.gz"
#: Bumped when the compiled file's layout or normalisation changes.
GAZETTEER_VERSION = "1"


def _word_list(name: str) -> List[str]:
    """Lines of a data file beside this module, without comments and blank lines."""
    return data_lines(DATA_DIR / name)


def normal_name(name: str) -> str:
    """The form every list is compared in: NFC, Turkish lower case, one space between words.

    Python's own lower-casing leaves `i̇` (i + combining dot) for `İ`, as in the scraped
    organisation list; that dot is dropped too.
    """
    text = unicodedata.normalize("NFC", name).replace("i\u0307", "i").replace("I\u0307", "İ")
    return " ".join(tr_lower(text).split())


#: Legal-form words that end a company name (`A.Ş.`, `Ltd.`), lower-cased without final dots.
LEGAL_FORMS: FrozenSet[str] = frozenset(w.rstrip(".") for w in _word_list("legal_forms.txt"))

#: Title words written between a body and a person (`Öğretim Üyesi`, `Dekanı`, `Opr.`), lower-cased.
ORG_TITLES: FrozenSet[str] = frozenset(_word_list("org_titles.txt"))
#: Words that open a title only right before a title word (`Genel Müdürü`, not `Genel Müdürlüğü`).
TITLE_MODIFIERS: FrozenSet[str] = frozenset(_word_list("title_modifiers.txt"))


def _heads() -> Dict[str, Dict[str, str]]:
    kinds: Dict[str, Dict[str, str]] = {"last": {}, "compound": {}, "company": {}, "office": {}}
    for line in _word_list("heads.tsv"):
        word, label, kind = line.split("\t")
        kinds[kind][tr_lower(word)] = label
    return kinds


_HEADS = _heads()
#: Last words that make a multi-word name a body or a place (`Bakanlığı` ORG, `Camisi` LOC).
HEAD_LABELS: Dict[str, str] = _HEADS["last"]
#: Ends of one-word names of bodies (`Toprakbank`, `Trabzonspor`).
ORG_COMPOUND_HEADS: Tuple[str, ...] = tuple(_HEADS["compound"])
#: Sector nouns that end a company name after a name (`Kervan Gıda`, `Koç Holding`).
COMPANY_HEADS: FrozenSet[str] = frozenset(_HEADS["company"])
#: Heads that after a one-word body name the office of its head (`Meclis Başkanlığı seçimi`).
OFFICE_HEADS: FrozenSet[str] = frozenset(_HEADS["office"])


class Gazetteer:
    """The compiled lists, as sets of normalised names."""

    def __init__(self, record: Dict[str, object]) -> None:
        self.version = str(record.get("version"))
        self.sources = record.get("sources", [])
        self.orgs = frozenset(record.get("org", []))  # type: ignore[arg-type]
        self.places = frozenset(record.get("loc", []))  # type: ignore[arg-type]
        self.regions = frozenset(record.get("region", []))  # type: ignore[arg-type]
        self.place_names = frozenset(record.get("place_names", [])) | self.places
        self.first_names = frozenset(record.get("first", []))  # type: ignore[arg-type]
        self.last_names = frozenset(record.get("last", []))  # type: ignore[arg-type]

    @classmethod
    def from_file(cls, path: Path = GAZETTEER_PATH) -> "Gazetteer":
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            return cls(json.load(handle))

    def is_org(self, words: Iterable[str]) -> bool:
        return normal_name(" ".join(words)) in self.orgs

    def is_place(self, words: Iterable[str]) -> bool:
        """A country, region, or Türkiye's province, district or town."""
        return normal_name(" ".join(words)) in self.places

    def is_region(self, words: Iterable[str]) -> bool:
        """A country or region in Turkish, or one of Türkiye's 81 provinces."""
        return normal_name(" ".join(words)) in self.regions

    def is_any_place(self, words: Iterable[str]) -> bool:
        """Any place the lists hold, down to neighbourhoods and villages (`Taksim`)."""
        return normal_name(" ".join(words)) in self.place_names

    def is_person_like(self, words: List[str]) -> bool:
        """A first name then a surname or first name (`Ahmet Yılmaz`), or one word that is either."""
        low = [normal_name(w) for w in words]
        if len(low) == 1:
            return low[0] in self.first_names or low[0] in self.last_names
        return low[0] in self.first_names and (low[-1] in self.last_names or low[-1] in self.first_names)


    def token_marks(self, words: Sequence[str]) -> List[str]:
        """Which lists name each token, as one string per token (`""` where none do).

        The trained NER reads these as a feature (`trnews.AffixHashEmbed.v1` with `list_rows`): the
        longest organisation name (`OB`/`OI`, one-word ones `OU`) and place (`LB`/`LI`/`LU`) the
        lists hold starting at a capitalised token, and whether a capitalised token is a known first
        name (`F`) or surname (`S`). A name may end in an apostrophe suffix (`Koç Holding'in`) but
        not run past one. The lists are noisy; the model learns how far to trust each mark.
        """
        forms = [_mark_form(word) for word in words]
        marks: List[Set[str]] = [set() for _ in words]
        for i, (capital, name, _) in enumerate(forms):
            if not capital or not name:
                continue
            if name in self.first_names:
                marks[i].add("F")
            if name in self.last_names:
                marks[i].add("S")
            for kind, table, longest in (("O", self.orgs, MARK_ORG_WORDS), ("L", self.places, MARK_PLACE_WORDS)):
                length = _longest_listed(forms, i, table, longest)
                if length == 1:
                    marks[i].add(kind + "U")
                elif length:
                    marks[i].add(kind + "B")
                    for j in range(i + 1, i + length):
                        marks[j].add(kind + "I")
        return ["".join(sorted(found)) for found in marks]


#: Longest organisation and place names, in tokens, that `Gazetteer.token_marks` looks up.
MARK_ORG_WORDS, MARK_PLACE_WORDS = 6, 4


@lru_cache(maxsize=1 << 16)
def _mark_form(word: str) -> Tuple[bool, str, bool]:
    """(capitalised, the normalised word before any apostrophe suffix, has a suffix) of a token."""
    stem, suffix = split_apostrophe(word)
    return word[:1].isupper(), normal_name(stem), bool(suffix)


def _longest_listed(forms: Sequence[Tuple[bool, str, bool]], start: int, table: FrozenSet[str], longest: int) -> int:
    """Tokens in the longest name of `table` that starts at `start` (0 for none)."""
    found, key = 0, ""
    for j in range(start, min(len(forms), start + longest)):
        name = forms[j][1]
        if not name:
            break
        key = f"{key} {name}" if key else name
        if key in table:
            found = j - start + 1
        if forms[j][2]:
            break
    return found


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The shipped lists, read once per process (0.5 s, a few MB); empty where the file is absent."""
    if not GAZETTEER_PATH.exists():
        return Gazetteer({})
    return Gazetteer.from_file(GAZETTEER_PATH)
