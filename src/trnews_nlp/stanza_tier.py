"""The stanza tier: stanza models trained for this project, wrapped as a spaCy tokenizer and component.

`trnews.StanzaTokenizer.v1` runs stanza's tokenizer and multiword-token expander and makes the
`Doc`: its tokens are stanza's tokens, a multiword token split into its syntactic words where the
words spell it exactly (`yakışıklıydı` → `yakışıklı` + `ydı`, as the UD Turkish treebanks write it),
whitespace kept as spaCy keeps it, so `doc.text == text` and every offset indexes the input. Its
sentences are stanza's. The `trnews_stanza` component then runs stanza's tagger (UPOS and
features), lemmatizer, parser and NER on those words, pretokenized, and writes the results into
the `Doc`; the project's own `trnews_morphology`, `trnews_entities` and `trnews_quotes` run after
it, so a result has the same schema as the spaCy tier's.

stanza and torch are the optional `stanza` extra; this module imports them only when a model
loads. Each stanza model file lives in the folder of the spaCy part that uses it (`tokenizer/`,
`trnews_stanza/`), so `nlp.to_disk` and `spacy.load` carry them like any other weights.
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, List, Optional, Sequence, Tuple

from spacy.attrs import DEP, HEAD
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import get_words_and_spaces, registry
from spacy.vocab import Vocab

from .text import tr_lower

import numpy

#: Stanza model files of each part.
TOKENIZER_FILES = ("tokenize.pt", "mwt.pt")
COMPONENT_FILES = ("pretrain.pt", "pos.pt", "lemma.pt", "depparse.pt", "ner.pt")
#: The processors of `trnews_stanza`, each with the file it needs (and its pretrain where it has one).
PROCESSORS = (("pos", "pos.pt", True), ("lemma", "lemma.pt", False), ("depparse", "depparse.pt", True), ("ner", "ner.pt", True))
INSTALL_HINT = 'the stanza tier needs the stanza extra: pip install "trnews-nlp[stanza]"'


def _pipeline(folder: Path, processors: Dict[str, Dict[str, str]], **options: Any):
    """A stanza `Pipeline` of local model files only: no download, no resources file from the web."""
    try:
        import stanza
    except ImportError as err:  # pragma: no cover - depends on the install
        raise ImportError(INSTALL_HINT) from err
    config: Dict[str, Any] = {}
    for name, paths in processors.items():
        config.update({f"{name}_{key}": value for key, value in paths.items()})
    return stanza.Pipeline(
        lang="tr", dir=str(folder), processors=",".join(processors), download_method=None,
        resources_filepath=_empty_resources(), allow_unknown_language=True, use_gpu=False,
        logging_level="ERROR", **config, **options,
    )


@lru_cache(maxsize=1)
def _empty_resources() -> str:
    """An empty stanza resources file outside the model folder (which may be read-only): the
    pipeline names every model file itself, so stanza needs no catalogue of downloads."""
    handle = tempfile.NamedTemporaryFile("w", suffix="-resources.json", delete=False)
    with handle:
        handle.write("{}")
    atexit.register(os.unlink, handle.name)
    return handle.name


def _copy_models(files: Iterable[str], source: Path, target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    for name in files:
        if (source / name).exists() and (source / name).resolve() != (target / name).resolve():
            shutil.copyfile(source / name, target / name)


class StanzaTokenizer:
    """spaCy tokenizer backed by stanza's tokenizer and MWT expander (see the module docstring)."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self.folder: Optional[Path] = None
        self._nlp = None

    def __call__(self, text: str) -> Doc:
        if self._nlp is None:
            raise ValueError("the stanza tokenizer has no models: load the pipeline with spacy.load or trnews_nlp.load")
        if not text.strip():
            return Doc(self.vocab, words=[text] if text else [], spaces=[False] if text else [])
        pieces, starts = word_pieces(text, self._nlp(text))
        words, spaces = get_words_and_spaces(pieces, text)
        flags: List[Optional[bool]] = []
        k = 0
        for word in words:
            if k < len(pieces) and word == pieces[k]:
                flags.append(starts[k])
                k += 1
            else:  # whitespace spaCy keeps as its own token
                flags.append(False)
        return Doc(self.vocab, words=words, spaces=spaces, sent_starts=flags)

    def pipe(self, texts: Iterable[str], batch_size: int = 32) -> Iterable[Doc]:
        for text in texts:
            yield self(text)

    def to_disk(self, path: Path, **_: Any) -> None:
        if self.folder is None:
            raise ValueError("the stanza tokenizer has no models to save")
        _copy_models(TOKENIZER_FILES, self.folder, Path(path))

    def from_disk(self, path: Path, **_: Any) -> "StanzaTokenizer":
        self.folder = Path(path)
        processors = {"tokenize": {"model_path": str(self.folder / "tokenize.pt")}}
        if (self.folder / "mwt.pt").exists():
            processors["mwt"] = {"model_path": str(self.folder / "mwt.pt")}
        self._nlp = _pipeline(self.folder, processors)
        return self

    def to_bytes(self, **_: Any) -> bytes:
        raise NotImplementedError("the stanza tier is saved with to_disk only")

    def from_bytes(self, data: bytes, **_: Any) -> "StanzaTokenizer":
        raise NotImplementedError("the stanza tier is loaded with from_disk only")


def word_pieces(text: str, stanza_doc: Any) -> Tuple[List[str], List[bool]]:
    """Surface pieces of a stanza document and whether each starts a sentence.

    A multiword token becomes its words when they spell the token's text (case aside: the expander
    writes lower case); otherwise (`?eredesin` → `?`, `nere`, ...) it stays whole. Pieces are the
    input's own characters.
    """
    pieces: List[str] = []
    starts: List[bool] = []
    end = 0
    for sentence in stanza_doc.sentences:
        for n, token in enumerate(sentence.tokens):
            # Characters stanza skipped without being whitespace (`26\x92ıncı`) stay pieces of their own.
            for chunk in text[end : token.start_char].split():
                pieces.append(chunk)
                starts.append(False)
            end = token.end_char
            surface = text[token.start_char : token.end_char]
            split = _surface_words(surface, [word.text for word in token.words])
            for k, part in enumerate(split):
                pieces.append(part)
                starts.append(n == 0 and k == 0)
    pieces += text[end:].split()
    starts += [False] * (len(pieces) - len(starts))
    return pieces, starts


def _surface_words(surface: str, words: List[str]) -> List[str]:
    """The pieces of `surface` that `words` spell, ignoring case (the expander writes lower case:
    `Milas'lı` → `milas`, `'lı`); `[surface]` when they do not spell it."""
    if len(words) < 2 or tr_lower("".join(words)) != tr_lower(surface) or len("".join(words)) != len(surface):
        return [surface]
    pieces, start = [], 0
    for word in words:
        pieces.append(surface[start : start + len(word)])
        start += len(word)
    return pieces


@registry.tokenizers("trnews.StanzaTokenizer.v1")
def create_stanza_tokenizer() -> Callable[[Language], StanzaTokenizer]:
    """Registered tokenizer (entry point `trnews.StanzaTokenizer.v1`); models load in `from_disk`."""

    def make(nlp: Language) -> StanzaTokenizer:
        return StanzaTokenizer(nlp.vocab)

    return make


class StanzaAnnotator:
    """Runs stanza's tagger, lemmatizer, parser and NER on the `Doc`'s sentences, pretokenized.

    Whitespace tokens are left out of stanza's input and attached to the word before them (`dep`),
    so each sentence keeps one tree and its root.
    """

    def __init__(self, nlp: Language, name: str = "trnews_stanza", batch_size: int = 64) -> None:
        self.name = name
        self.batch_size = batch_size
        self.folder: Optional[Path] = None
        self._nlp = None

    def __call__(self, doc: Doc) -> Doc:
        if self._nlp is None:
            raise ValueError(f"{self.name} has no models: load the pipeline with spacy.load or trnews_nlp.load")
        # A Doc made from words (gold tokens) has no sentence boundaries: it is one sentence.
        spans = doc.sents if doc.has_annotation("SENT_START") else [doc[:]]
        sentences = [[t.i for t in sent if not t.is_space] for sent in spans]
        sentences = [s for s in sentences if s]
        if not sentences:
            return doc
        result = self._nlp([[doc[i].text for i in s] for s in sentences])
        heads = numpy.arange(len(doc), dtype="int64")
        deps = numpy.zeros(len(doc), dtype="uint64")
        entities: List[Span] = []
        for index, sentence in zip(sentences, result.sentences):
            _annotate_sentence(doc, index, sentence, heads, deps)
            entities += _entities(doc, index, sentence)
        if deps.any():  # a parse to write (there is none without a parser model)
            _attach_whitespace(doc, heads, deps)
            relative = (heads - numpy.arange(len(doc), dtype="int64")).view("uint64")
            doc.from_array([HEAD, DEP], numpy.stack([relative, deps], axis=1))
        if self.has_ner:
            doc.ents = entities
        return doc

    @property
    def has_ner(self) -> bool:
        """Whether a stanza NER model was loaded (without one, entities come from another component)."""
        return self.folder is not None and (self.folder / "ner.pt").exists()

    def to_disk(self, path: Path, exclude: Sequence[str] = ()) -> None:
        if self.folder is None:
            raise ValueError(f"{self.name} has no models to save")
        _copy_models(COMPONENT_FILES, self.folder, Path(path))

    def from_disk(self, path: Path, exclude: Sequence[str] = ()) -> "StanzaAnnotator":
        self.folder = Path(path)
        processors: Dict[str, Dict[str, str]] = {"tokenize": {}}
        for name, filename, uses_pretrain in PROCESSORS:
            if (self.folder / filename).exists():
                processors[name] = {"model_path": str(self.folder / filename)}
                if uses_pretrain:
                    processors[name]["pretrain_path"] = str(self.folder / "pretrain.pt")
        self._nlp = _pipeline(
            self.folder, processors, tokenize_pretokenized=True, pos_batch_size=self.batch_size * 20,
            depparse_batch_size=self.batch_size * 20, ner_batch_size=self.batch_size,
        )
        return self


def _annotate_sentence(doc: Doc, index: List[int], sentence: Any, heads: numpy.ndarray, deps: numpy.ndarray) -> None:
    """Copy one stanza sentence's tags, lemmas and tree onto the spaCy tokens `index`."""
    strings = doc.vocab.strings
    for i, word in zip(index, sentence.words):
        token = doc[i]
        if word.upos:
            token.pos_ = word.upos
            token.set_morph(word.feats or None)
        if word.lemma:
            token.lemma_ = word.lemma
        if word.head is not None and word.deprel:
            heads[i] = index[word.head - 1] if word.head else i
            deps[i] = strings.add(word.deprel)


def _entities(doc: Doc, index: List[int], sentence: Any) -> List[Span]:
    """Entity spans from the BIOES tags of one sentence (an unclosed span ends where its run ends)."""
    spans: List[Span] = []
    start, label = None, None
    tags = [token.ner or "O" for token in sentence.tokens]
    for k, tag in enumerate(tags + ["O"]):
        prefix, _, kind = tag.partition("-")
        if start is not None and (prefix in ("O", "B", "S") or kind != label):
            spans.append(Span(doc, index[start], index[k - 1] + 1, label=label))
            start, label = None, None
        if prefix in ("B", "S") or (prefix in ("I", "E") and start is None):
            start, label = k, kind
        if prefix in ("E", "S") and start is not None:
            spans.append(Span(doc, index[start], index[k] + 1, label=label))
            start, label = None, None
    return spans


def _attach_whitespace(doc: Doc, heads: numpy.ndarray, deps: numpy.ndarray) -> None:
    """Give each whitespace token the word before it (or, at the start, after it) as head."""
    dep = doc.vocab.strings.add("dep")
    for token in doc:
        if token.is_space:
            neighbours = [t.i for t in doc[: token.i] if not t.is_space][-1:] or [
                t.i for t in doc[token.i + 1 :] if not t.is_space
            ][:1]
            if neighbours:
                heads[token.i], deps[token.i] = neighbours[0], dep


@Language.factory("trnews_stanza", assigns=["token.pos", "token.morph", "token.lemma", "token.dep", "token.head", "doc.ents"])
def make_stanza(nlp: Language, name: str, batch_size: int = 64) -> StanzaAnnotator:
    """Registered factory (entry point `trnews_stanza`); models load in `from_disk`."""
    return StanzaAnnotator(nlp, name, batch_size)


#: The spaCy tier's components, in pipeline order, and the stanza model that replaces each.
SPACY_FALLBACK = (("tok2vec", ""), ("morphologizer", "pos.pt"), ("ner", "ner.pt"), ("parser", "depparse.pt"))


def spacy_components(models: Path) -> List[str]:
    """The spaCy tier's components the stanza tier borrows: those whose stanza model is missing from
    `models` (the parser also when the tagger is, since stanza's parser reads its tags), and the
    tok2vec they listen to."""
    missing = {name for name, model in SPACY_FALLBACK[1:] if not (models / model).exists()}
    if "morphologizer" in missing:
        missing.add("parser")
    return ["tok2vec", *[name for name, _ in SPACY_FALLBACK[1:] if name in missing]] if missing else []


def assemble(models: Path, out: Path, core: Path, meta: Optional[Dict[str, Any]] = None) -> Language:
    """Write the stanza tier's spaCy pipeline to `out` from the stanza model files in `models`; the
    rule components take their data (the morphology's form table) from the spaCy tier at `core`,
    and so do the tagger, parser and NER where `models` holds no stanza model for them
    (`spacy_components`)."""
    import spacy

    from .api import RULE_COMPONENTS

    nlp = spacy.blank("tr", config={"nlp": {"tokenizer": {"@tokenizers": "trnews.StanzaTokenizer.v1"}}})
    nlp.tokenizer.folder = models
    borrowed = spacy_components(models)
    if len(borrowed) < len(SPACY_FALLBACK):
        nlp.add_pipe("trnews_stanza").folder = models
    if borrowed:
        from .api import load

        spacy_tier = load(core)
        for name in borrowed:  # sourced together, so the heads stay connected to their tok2vec
            nlp.add_pipe(name, source=spacy_tier)
    for name in RULE_COMPONENTS:
        pipe = nlp.add_pipe(name)
        if name == "trnews_morphology":
            pipe.from_disk(core / name)
    nlp.meta.update(meta or {})
    nlp.to_disk(out)
    return nlp
