"""Tokenizer settings for Turkish news text.

Built on spaCy's Turkish defaults, with what scraped news needs on top:
- every quotation-mark character (including the cp1252 control characters U+0091..U+0094 that
  appear as quotes after bad decoding) is split off at word edges, so quote detection sees marks as
  tokens;
- apostrophe suffixes stay inside the word (`Kalın’ın`, `Türkiye'nin`), as in the UD Turkish treebanks
  the statistical models are trained on; only an apostrophe at a word edge is a quotation mark;
- abbreviations that spaCy's Turkish exceptions lack (`Gen.`, `St.`, `No.`, ...) keep their period.

The tokenizer never changes the text: `doc.text == text` and token offsets index the input as given.
"""

from __future__ import annotations

import re
from typing import Callable, List

import spacy
from spacy.lang.tr import Turkish
from spacy.language import Language
from spacy.symbols import ORTH
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

from .text import APOSTROPHES, QUOTE_CHARS

#: Abbreviations written with a final period in Turkish news that spaCy's `tr` exceptions miss.
EXTRA_ABBREVIATIONS = (
    "Gen.", "Org.", "St.", "No.", "no.", "Nr.", "Av.", "Doç.", "Dr.", "Op.", "Öğr.", "Gör.", "Yzb.",
    "Ütğm.", "Kur.", "Müd.", "Gn.Md.", "Genel.Md.", "Başk.", "Bşk.Yrd.", "Milletv.", "Mv.", "Kom.",
    "Cad.", "Sk.", "Blv.", "Mh.", "Bld.", "Bel.", "Üniv.", "Prof.Dr.", "Doç.Dr.", "Av.", "Dt.",
    "Uzm.Dr.", "Op.Dr.", "Yrd.Doç.Dr.", "Sa.", "Ç.", "Pzt.", "Çrş.", "Prş.", "Cts.", "Paz.",
    "Oca.", "Şub.", "Mar.", "Nis.", "Haz.", "Tem.", "Ağu.", "Eyl.", "Eki.", "Kas.", "Ara.",
    "A.Ş.", "AŞ.", "Inc.", "Co.", "Corp.", "vd.", "vb.", "bkz.", "yak.", "örn.",
)

#: Quote characters that may begin or end a word-level token. The ASCII/curly apostrophes are
#: included: the suffix and prefix rules only fire at a word's edge, never between letters.
_EDGE_QUOTES = sorted(set(QUOTE_CHARS) | set(APOSTROPHES))


_LOWER = "a-zçğıöşüâîû"
_UPPER = "A-ZÇĞİÖŞÜÂÎÛ"


#: Invisible characters that scraped pages leave before or after words.
_ZERO_WIDTH = ["\u200b", "\u2060", "\ufeff"]


#: A hyphen at a word's edge is a dash, not part of the word: a dateline (`RADİKAL- Başbakan`,
#: `RADİKAL -MÜSİAD`) or a list written `Ak Parti- MHP`. Only before or after a letter, so `-5`
#: stays one number.
_EDGE_HYPHEN_PREFIX = r"-(?=[^\W\d_])"
_EDGE_HYPHEN_SUFFIX = r"(?<=[^\W\d_])-"


def _prefixes() -> List[str]:
    extra = [re.escape(c) for c in _EDGE_QUOTES] + _ZERO_WIDTH + [r"…", r"\.\.\.+", _EDGE_HYPHEN_PREFIX]
    return extra + list(Turkish.Defaults.prefixes or [])


def _suffixes() -> List[str]:
    extra = [re.escape(c) for c in _EDGE_QUOTES] + _ZERO_WIDTH + [r"…", r"\.\.\.+", _EDGE_HYPHEN_SUFFIX]
    return extra + list(Turkish.Defaults.suffixes or [])


def _infixes() -> List[str]:
    # A quote glued between two words (`dedi"Biz`) is split; apostrophes between letters are not
    # listed here, so `Kalın’ın` stays whole.
    glued = "".join(re.escape(c) for c in sorted(set(QUOTE_CHARS) - set(APOSTROPHES)))  # same bytes every run
    return [
        rf"(?<=[\w.,!?])[{glued}](?=\w)",
        # Scraped pages glue a caption or repeated headline to the previous word
        # (`bozacağızBaşkan`, `(AA)Başkan`, `(AA)MİT`). Split where a lower-case word of 5+ letters
        # meets a capitalised one; a capital five letters back (`DenizBank`, `HaberTürk`) keeps
        # brands whole. A closing parenthesis before any capital ends the caption.
        rf"(?<=[{_LOWER}]{{4}})(?<![{_UPPER}][{_LOWER}]{{4}})(?=[{_UPPER}][{_LOWER}])",
        rf"\)(?=[{_UPPER}])",
    ] + list(Turkish.Defaults.infixes or [])


def _token_match():
    """spaCy's Turkish number matcher, except for words that begin with an apostrophe.

    Its number pattern can match an empty string, so `'sorun` (a quote mark glued to a word) was
    kept whole as "number + inflection"; a real inflected number starts with a digit.
    """
    apostrophes = "".join(re.escape(c) for c in APOSTROPHES)
    return re.compile(rf"(?![{apostrophes}])(?:{Turkish.Defaults.token_match.__self__.pattern})").match


def _special_cases() -> dict:
    rules = dict(Turkish.Defaults.tokenizer_exceptions)
    for abbreviation in EXTRA_ABBREVIATIONS:
        rules[abbreviation] = [{ORTH: abbreviation}]
    return rules


@spacy.registry.tokenizers("trnews.Tokenizer.v1")
def create_tokenizer() -> Callable[[Language], Tokenizer]:
    """Registered tokenizer factory used in the pipeline's `config.cfg` (`@tokenizers`)."""

    def make(nlp: Language) -> Tokenizer:
        return Tokenizer(
            nlp.vocab,
            rules=_special_cases(),
            prefix_search=compile_prefix_regex(_prefixes()).search,
            suffix_search=compile_suffix_regex(_suffixes()).search,
            infix_finditer=compile_infix_regex(_infixes()).finditer,
            token_match=_token_match(),
            url_match=Turkish.Defaults.url_match,
        )

    return make
