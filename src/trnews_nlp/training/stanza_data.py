"""Training files for the stanza tier, written from the same corpora as the spaCy tier.

UD: IMST train plus the BOUN (minus its last 300 sentences, ×3), Kenet and Penn dev files, as
`convert.UD_TRAIN`; dev is IMST dev plus the held-out end of BOUN dev. NER: Milliyet train minus
its last 2,500 sentences (the dev split), turkish-wiki-ner train mapped to PER/ORG/LOC and the
full sentences of wikiann-tr dev, 30% with `’` apostrophes (`convert.convert_ner`'s recipe).
Word vectors: word2vec on all the raw Turkish text of the shared data that no test set holds.
No test file is read here.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Dict, Iterable, Iterator, List, Sequence

from ..evaluation.conll18 import block_text, conllu_blocks, group_sentences
from .convert import (
    BOUN_DEV, BOUN_DEV_HELDOUT, MILLIYET_DEV_SENTS, UD_DEV, UD_TRAIN, WIKI_LABEL_MAP, Sentence,
    apply_periods, curly_apostrophes, read_conll_bio, read_milliyet, read_wikiann_sentences,
)

#: Marks that start a paragraph of the tokenizer's training text (where a treebank has none, every
#: `conll18.BLOCK_SENTS` sentences make one, as `evaluate ud --raw` joins them).
PARAGRAPH_MARKS = ("# newdoc", "# newpar")
#: Share of NER training sentences written with `’` (the spaCy tier's `--curly-rate` default).
CURLY_RATE = 0.3
#: Word-vector settings: the vocabulary cap keeps the pretrain file about 40 MB.
VECTOR_DIM = 100
VECTOR_MIN_COUNT = 3
VECTOR_MAX_VOCAB = 100_000

#: Word and punctuation pieces of raw text for the vectors; apostrophe suffixes stay on their
#: word (`Ankara'da`), as the UD Turkish treebanks write them.
_TOKEN = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]")


def ud_split_blocks(data: Path) -> Dict[str, List[str]]:
    """Training and dev sentence blocks in the spaCy tier's proportions (see `convert.ud_splits`)."""
    train: List[str] = []
    dev = conllu_blocks(data / UD_DEV)
    for name, repeats in UD_TRAIN:
        blocks = conllu_blocks(data / name)
        if name == BOUN_DEV:
            blocks, held_out = blocks[:-BOUN_DEV_HELDOUT], blocks[-BOUN_DEV_HELDOUT:]
            dev += held_out
        train += blocks * repeats
    return {"train": train, "dev": dev}


def write_ud(data: Path, out: Path) -> Dict[str, int]:
    """Write `ud-{train,dev}.conllu` and `ud-{train,dev}.txt` (raw text, a blank line between
    paragraphs) for the tokenizer; returns sentence counts."""
    out.mkdir(parents=True, exist_ok=True)
    counts = {}
    for split, blocks in ud_split_blocks(data).items():
        (out / f"ud-{split}.conllu").write_text("\n\n".join(blocks) + "\n\n", encoding="utf-8")
        text = "\n\n".join(" ".join(group) for group in group_sentences(blocks, PARAGRAPH_MARKS))
        (out / f"ud-{split}.txt").write_text(text + "\n", encoding="utf-8")
        counts[f"ud-{split}"] = len(blocks)
    return counts


def bio_tags(sent: Sentence) -> List[str]:
    """BIO tags of a sentence's entity spans."""
    tags = ["O"] * len(sent.words)
    for start, end, label in sent.ents:
        tags[start] = f"B-{label}"
        for i in range(start + 1, end):
            tags[i] = f"I-{label}"
    return tags


def ner_sentences(data: Path) -> Dict[str, List[Sentence]]:
    """NER train and dev sentences (`convert.convert_ner` with its defaults and `’` at 30%)."""
    sents = apply_periods(list(read_milliyet(data / "milliyet-ner" / "reyyan.train.txt")), "mixed")
    train, dev = sents[:-MILLIYET_DEV_SENTS], sents[-MILLIYET_DEV_SENTS:]
    train += list(read_conll_bio(data / "turkish-wiki-ner" / "train.conll", WIKI_LABEL_MAP))
    train = curly_apostrophes(train, CURLY_RATE)
    train += curly_apostrophes(read_wikiann_sentences(data / "wikiann-tr" / "dev.conll"), CURLY_RATE)
    return {"train": train, "dev": dev}


def write_ner(data: Path, out: Path) -> Dict[str, int]:
    """Write `ner-{train,dev}.json` in stanza's document format (sentences of `{text, ner}` words)."""
    out.mkdir(parents=True, exist_ok=True)
    counts = {}
    for split, sents in ner_sentences(data).items():
        doc = [[{"text": w, "ner": t} for w, t in zip(s.words, bio_tags(s))] for s in sents if s.words]
        (out / f"ner-{split}.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        counts[f"ner-{split}"] = len(doc)
    return counts


def raw_texts(data: Path, eval_dir: Path) -> Iterator[str]:
    """All raw Turkish text for the vectors: ttc-3600 and tr-financial-news-2025 articles (minus
    the quote evaluation articles), the CNN Türk sentences, and the training sets' own sentences."""
    from .silver import gold_ids, news_articles

    for _, text in news_articles(data, gold_ids(eval_dir)):
        yield text
    yield from (data / "raw-news" / "cnn-turk-10k.txt").read_text(encoding="utf-8").splitlines()
    for split in ner_sentences(data).values():
        yield from (" ".join(s.words) for s in split)
    for blocks in ud_split_blocks(data).values():
        yield from (block_text(b) for b in blocks)


def tokenize_for_vectors(texts: Iterable[str]) -> Iterator[List[str]]:
    """Lower-cased word lists, one per line of text (stanza looks pretrained vectors up lower-cased)."""
    for text in texts:
        for line in text.splitlines():
            words = _TOKEN.findall(line.lower())
            if words:
                yield words


def train_vectors(data: Path, eval_dir: Path, out_txt: Path, seed: int = 1) -> int:
    """Train word2vec (skip-gram) on `raw_texts` with one worker and write the text format stanza's
    `Pretrain` reads; returns the vocabulary size written."""
    from gensim.models import Word2Vec

    sentences = list(tokenize_for_vectors(raw_texts(data, eval_dir)))
    model = Word2Vec(
        sentences, vector_size=VECTOR_DIM, min_count=VECTOR_MIN_COUNT, workers=1, sg=1, epochs=5,
        seed=seed, max_final_vocab=VECTOR_MAX_VOCAB,
    )
    out_txt.parent.mkdir(parents=True, exist_ok=True)
    model.wv.save_word2vec_format(str(out_txt), binary=False)
    return len(model.wv)
