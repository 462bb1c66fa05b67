"""The `trnews_morphology` pipeline component: zeyrek analyses for every token, one chosen.

It runs after the trained components and reads their `pos_`, `morph` and `lemma_` when present
(a blank pipeline works too, choosing by heuristics); it sets `lemma_`, and `pos_` of derived verb
forms (`verb_form_pos`). Per document it stores only plain data in
`doc.user_data` (the index of the chosen analysis per token), so docs survive `to_bytes`/DocBin;
`token._.analyses` and `token._.analysis` are getters that rebuild `Analysis` objects from the
token text through the shared per-form cache.
"""

from __future__ import annotations

import gzip
from collections import Counter
from pathlib import Path
from typing import Callable, Dict, Iterable, List, Mapping, Optional, Tuple, Union

import srsly
from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.util import ensure_path

from ..datafiles import data_lines
from ..text import normalize_apostrophes, split_apostrophe, tr_lower, tr_upper
from .analysis import Analysis
from .cache import SHARED_CACHE, Analyses, build_table, table_from_data, table_to_data
from .choose import Context, choose

#: `doc.user_data` key holding the chosen analysis index per token (-1: none).
CHOICE_KEY = "trnews_morphology.choice"
#: How `token.lemma_` is set; see `final_lemma`.
LEMMA_POLICIES = ("keep", "analysis", "combine")
TABLE_FILE = "forms.json.gz"
CONFIG_FILE = "cfg"


def _analyses(token: Token) -> Analyses:
    return () if token.is_space else SHARED_CACHE.get(token.text)


def _analysis(token: Token) -> Optional[Analysis]:
    """The chosen analysis; None before the component ran, or if the doc was retokenised since
    (the stored indices no longer line up with its tokens)."""
    choice = token.doc.user_data.get(CHOICE_KEY)
    if not choice or len(choice) != len(token.doc) or choice[token.i] < 0:
        return None
    return _analyses(token)[choice[token.i]]


def final_lemma(policy: str, text: str, trained: str, analysis: Analysis) -> str:
    """The lemma a token ends up with under `policy`, given the trained lemmatizer's `trained`
    (may be "") and the chosen `analysis`.

    - `keep`: the trained lemma (the analysis's only where there is none);
    - `analysis`: the chosen analysis's lemma;
    - `combine` (default): the analysis's lemma, except for an unknown word guessed whole whose
      trained lemma is a shorter prefix of it, i.e. where the lemmatizer stripped suffixes the
      guesser could not. Measured on UD dev, this beat both others (docs/morphology.md).
    """
    if policy == "keep":
        return trained or analysis.lemma
    if policy == "combine" and trained and analysis.guess:
        form, stem = tr_lower(normalize_apostrophes(text)), tr_lower(trained)
        if tr_lower(analysis.lemma) == form and form.startswith(stem) and len(stem) < len(form):
            return trained
    return analysis.lemma


def lemma_case(text: str, pos: str, lemma: str) -> str:
    """The lemma cased as UD Turkish writes it: a proper noun keeps its capital (`Kaya` → `Kaya`,
    `Ankara'da` → `Ankara`), a word written in lower case never gets a capitalised lemma."""
    if pos == "PROPN" and lemma:
        name = split_apostrophe(text)[0]
        if tr_lower(name).startswith(tr_lower(lemma)):
            return name[: len(lemma)]
        return tr_upper(lemma[0]) + lemma[1:] if name[:1].isupper() else lemma
    if text[:1].islower() and lemma[:1].isupper():
        return tr_lower(lemma)
    return lemma


#: Title nouns that zeyrek also reads as verb participles (`Bakan`); see `titles.txt`.
TITLES = frozenset(data_lines(Path(__file__).with_name("titles.txt")))


def title_reading(token: Token, analyses: Analyses) -> int:
    """Index of the noun reading of a title (`Bakan Kaya`, `bakan Kaya`), or -1: a title word
    capitalised, or followed by a capitalised word, is the noun, not the participle."""
    form = tr_lower(token.text)
    if form not in TITLES:
        return -1
    following = token.nbor(1).text if token.i + 1 < len(token.doc) else ""
    if not (token.text[:1].isupper() or following[:1].isupper()):
        return -1
    return next((k for k, a in enumerate(analyses) if a.pos == "NOUN" and tr_lower(a.lemma) == form), -1)


#: Tags the morphologizer gives derived verb forms that UD Turkish tags VERB.
VERB_FORM_TAGS = frozenset(("NOUN", "ADJ", "ADV"))


def verb_form_pos(pos: str, analysis: Analysis) -> str:
    """UPOS of a token whose tagger said `pos` and whose chosen reading is `analysis`.

    UD Turkish tags verbal nouns, participles and converbs (`gelmesi`, `gelen`, `gelerek`) VERB,
    after their root; the morphologizer, trained on few of them, often calls them NOUN, ADJ or
    ADV. A known (not guessed) reading built on a verb says which they are. Chosen on UD dev
    (IMST dev UPOS 0.885 -> 0.915, BOUN dev held-out 0.863 -> 0.893): letting the reading
    override every open-class tag, or proper nouns too, did less well.
    """
    if pos in VERB_FORM_TAGS and analysis.pos == "VERB" and not analysis.guess:
        return "VERB"
    return pos


Token.set_extension("analyses", getter=_analyses, force=True)
Token.set_extension("analysis", getter=_analysis, force=True)


@Language.factory(
    "trnews_morphology",
    assigns=["token.lemma", "token.pos"],
    default_config={"lemma_policy": "combine", "cache_size": 20_000, "table_size": 30_000, "verb_pos": True},
)
def make_morphology(
    nlp: Language, name: str, lemma_policy: str, cache_size: int, table_size: int, verb_pos: bool
) -> "Morphology":
    return Morphology(nlp, name, lemma_policy=lemma_policy, cache_size=cache_size,
                      table_size=table_size, verb_pos=verb_pos)


class Morphology:
    """Analyses each token with zeyrek (fixed, cached) and picks one reading in context."""

    def __init__(self, nlp: Language, name: str = "trnews_morphology", *,
                 lemma_policy: str = "combine", cache_size: int = 20_000,
                 table_size: int = 30_000, verb_pos: bool = True) -> None:
        if lemma_policy not in LEMMA_POLICIES:
            raise ValueError(f"lemma_policy must be one of {LEMMA_POLICIES}, not {lemma_policy!r}")
        self.nlp = nlp
        self.name = name
        self.cfg = {"lemma_policy": lemma_policy, "cache_size": cache_size,
                    "table_size": table_size, "verb_pos": verb_pos}
        self.table: Mapping[str, Analyses] = {}
        #: Chosen index per (form, UPOS, features, trained lemma, sentence start); bounded by cache_size.
        self._choices: Dict[Tuple[str, int, int, str, bool], int] = {}
        SHARED_CACHE.resize(cache_size)

    def __call__(self, doc: Doc) -> Doc:
        has_pos = doc.has_annotation("POS")
        has_morph = doc.has_annotation("MORPH")
        has_lemma = doc.has_annotation("LEMMA")
        verb_pos = has_pos and self.cfg["verb_pos"]
        choice: List[int] = []
        for token in doc:
            analyses = _analyses(token)
            sent_start = token.is_sent_start is True or token.i == 0
            lemma = token.lemma_ if has_lemma else ""
            # The choice depends only on the form and what the pipeline says of it, which repeats a lot.
            key = (token.text, token.pos if has_pos else 0, token.morph.key if has_morph else 0, lemma, sent_start)
            index = self._choices.get(key)
            if index is None:
                ctx = Context(
                    text=token.text,
                    pos=token.pos_ if has_pos else "",
                    lemma=lemma,
                    feats=token.morph.to_dict() if has_morph else {},
                    sent_start=sent_start,
                )
                index = choose(analyses, ctx)
                if len(self._choices) >= self.cfg["cache_size"]:
                    self._choices.clear()
                self._choices[key] = index
            title = title_reading(token, analyses)
            if title >= 0:
                index = title
                token.pos_ = "NOUN"
                token.set_morph(analyses[index].feats or None)
            elif index >= 0 and verb_pos:
                token.pos_ = verb_form_pos(token.pos_, analyses[index])
            choice.append(index)
            if index >= 0:
                self._set_lemma(token, analyses[index])
        doc.user_data[CHOICE_KEY] = choice
        return doc

    def forget_choices(self) -> None:
        """Empty the remembered choices, e.g. to measure a cold start (analyses live in SHARED_CACHE)."""
        self._choices.clear()

    def _set_lemma(self, token: Token, analysis: Analysis) -> None:
        lemma = final_lemma(self.cfg["lemma_policy"], token.text, token.lemma_, analysis)
        token.lemma_ = lemma_case(token.text, token.pos_, lemma)

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterable[Doc]:
        for doc in docs:
            yield self(doc)

    def initialize(self, get_examples: Optional[Callable] = None, *, nlp: Optional[Language] = None,
                   texts: Optional[Iterable[str]] = None) -> None:
        """Build the frequent-form table from raw `texts` (tokenised with the pipeline's tokenizer).

        Forms seen at least twice, most frequent first, up to `table_size`; without texts the
        component needs no initialisation.
        """
        if texts is None:
            return
        tokenizer = (nlp or self.nlp).tokenizer
        counts: Counter = Counter()
        for text in texts:
            counts.update(t.text for t in tokenizer(text) if not t.is_space)
        frequent = [f for f, n in counts.most_common(self.cfg["table_size"]) if n >= 2]
        self.table = build_table(frequent)
        SHARED_CACHE.add_table(self.table)

    def to_disk(self, path: Union[str, Path], *, exclude: Tuple[str, ...] = ()) -> None:
        path = ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_json(path / CONFIG_FILE, self.cfg)
        if self.table:
            # mtime 0: a rebuilt model with the same table has the same bytes
            with gzip.GzipFile(path / TABLE_FILE, "wb", mtime=0) as handle:
                handle.write(srsly.json_dumps(table_to_data(self.table), indent=0).encode("utf8"))

    def from_disk(self, path: Union[str, Path], *, exclude: Tuple[str, ...] = ()) -> "Morphology":
        """Read the table and the saved settings. Settings this instance was built with win: they
        come from `config.cfg` and any `spacy.load(config=...)` override, which must stick."""
        path = ensure_path(path)
        if (path / CONFIG_FILE).exists():
            self.cfg = {**srsly.read_json(path / CONFIG_FILE), **self.cfg}
        if (path / TABLE_FILE).exists():
            self.table = table_from_data(srsly.read_gzip_json(path / TABLE_FILE))
            SHARED_CACHE.add_table(self.table)
        return self

    def to_bytes(self, *, exclude: Tuple[str, ...] = ()) -> bytes:
        return srsly.msgpack_dumps({"cfg": self.cfg, "table": table_to_data(self.table)})

    def from_bytes(self, data: bytes, *, exclude: Tuple[str, ...] = ()) -> "Morphology":
        msg = srsly.msgpack_loads(data)
        self.cfg = {**msg["cfg"], **self.cfg}
        self.table = table_from_data(msg["table"])
        SHARED_CACHE.add_table(self.table)
        return self
