"""Convert the staged public corpora into spaCy `DocBin` files in the runtime tokenization.

The corpora disagree with the runtime on small things that cost accuracy if left alone: Milliyet
splits apostrophe suffixes into their own tokens (`Almanya 'nın`) where the runtime keeps
`Almanya'nın` whole, Milliyet drops sentence-final periods that runtime text has, and the
Wikipedia set uses 19 OntoNotes labels where the project uses PER/ORG/LOC. Every reader takes the
file path as an argument: no third-party text is copied into the repository.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Iterable, Iterator, List, Optional, Sequence, Tuple

from spacy.tokens import Doc, DocBin
from spacy.vocab import Vocab

from ..text import APOSTROPHES

#: Entity types the project predicts.
LABELS = ("PER", "ORG", "LOC")

#: OntoNotes-style labels of turkish-wiki-ner mapped onto the project's labels; others become O.
WIKI_LABEL_MAP: Dict[str, str] = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC"}

#: Punctuation that ends a sentence; Milliyet lines ending otherwise may get a period appended.
SENTENCE_END = (".", "!", "?", "...", "…")

_BRACKET = re.compile(r"\[(PER|LOC|ORG)\s+(.*?)\s*\]")


@dataclass
class Sentence:
    """Words of one sentence with entity spans as (start_token, end_token, label), end exclusive."""

    words: List[str]
    ents: List[Tuple[int, int, str]] = field(default_factory=list)


def parse_bracket_line(line: str) -> Sentence:
    """Parse a Milliyet line (`[PER Helmut Kohl ] 'un ...`) into words and token-level entity spans."""
    words: List[str] = []
    ents: List[Tuple[int, int, str]] = []
    pos = 0
    for match in _BRACKET.finditer(line):
        words.extend(line[pos : match.start()].split())
        inner = match.group(2).split()
        if inner:
            ents.append((len(words), len(words) + len(inner), match.group(1)))
            words.extend(inner)
        pos = match.end()
    words.extend(line[pos:].split())
    return Sentence(words, [e for e in ents if not _is_numeric(words[e[0] : e[1]])])


def _is_numeric(words: Sequence[str]) -> bool:
    """Numeric-only entities (`[ORG 2 ]`) are annotation noise in Milliyet: treat them as O."""
    return all(not any(ch.isalpha() for ch in w) for w in words)


def _is_suffix(word: str) -> bool:
    """`'nın`, `'e`: an apostrophe followed by letters, split off by Milliyet's tokenizer."""
    return len(word) > 1 and word[0] in APOSTROPHES and word[1:].isalpha()


def merge_apostrophe_suffixes(sent: Sentence) -> Sentence:
    """Glue split-off apostrophe suffixes back onto the preceding word, as the runtime tokenizer keeps them.

    An entity that ends right before a suffix grows to cover the merged token, so `[LOC Almanya ] 'nın`
    becomes the single LOC token `Almanya'nın`.
    """
    words: List[str] = []
    new_index: List[int] = []
    for i, word in enumerate(sent.words):
        prev = sent.words[i - 1] if i else ""
        if words and _is_suffix(word) and prev[-1:].isalnum():
            words[-1] += word
        else:
            words.append(word)
        new_index.append(len(words) - 1)
    ents = []
    for start, end, label in sent.ents:
        span = (new_index[start], new_index[end - 1] + 1, label)
        if not ents or span[0] >= ents[-1][1]:
            ents.append(span)
    return Sentence(words, ents)


def add_final_period(sent: Sentence) -> Sentence:
    """Append `.` to a sentence without final punctuation, as runtime news text has one."""
    if sent.words and not sent.words[-1].endswith(SENTENCE_END):
        return Sentence(sent.words + ["."], list(sent.ents))
    return sent


def read_milliyet(path: Path, add_period: bool = False) -> Iterator[Sentence]:
    """Sentences of a Milliyet bracket file (BOM, CRLF) in the runtime tokenization."""
    with open(path, encoding="utf-8-sig") as handle:
        for line in handle:
            sent = merge_apostrophe_suffixes(parse_bracket_line(line.strip()))
            if sent.words:
                yield add_final_period(sent) if add_period else sent


def read_conll_bio(path: Path, label_map: Optional[Dict[str, str]] = None) -> Iterator[Sentence]:
    """Sentences of a `token<TAB>BIO-tag` file; labels outside `label_map` become O.

    Without a map the labels are kept as they are, which is what the evaluator wants for files
    already in PER/ORG/LOC. The language prefix of WikiANN's XTREME files (`tr:Avustralya'da`) is
    dropped.
    """
    words: List[str] = []
    tags: List[str] = []
    with open(path, encoding="utf-8-sig") as handle:
        for line in handle:
            parts = line.rstrip("\r\n").split("\t") if "\t" in line else line.split()
            if not parts or not parts[0].strip():
                if words:
                    yield Sentence(words, bio_to_spans(tags, label_map))
                words, tags = [], []
                continue
            words.append(parts[0][3:] if parts[0].startswith("tr:") and len(parts[0]) > 3 else parts[0])
            tags.append(parts[-1] if len(parts) > 1 else "O")
    if words:
        yield Sentence(words, bio_to_spans(tags, label_map))


def bio_to_spans(tags: Sequence[str], label_map: Optional[Dict[str, str]] = None) -> List[Tuple[int, int, str]]:
    """Token spans from BIO (or IOB1) tags; an I- tag after a different label opens a new span."""
    spans: List[Tuple[int, int, str]] = []
    start, label = -1, ""
    for i, tag in enumerate(list(tags) + ["O"]):
        prefix, _, raw = tag.partition("-")
        if label and (prefix in ("B", "O") or raw != label or tag == "O"):
            spans.append((start, i, label))
            label = ""
        if prefix in ("B", "I") and not label:
            start, label = i, raw
    mapped = []
    for start, end, raw in spans:
        new = label_map.get(raw) if label_map is not None else raw
        if new:
            mapped.append((start, end, new))
    return mapped


def sentence_to_doc(vocab: Vocab, sent: Sentence) -> Doc:
    """A `Doc` with gold entities; unannotated tokens are O (not missing), as in complete annotation."""
    doc = Doc(vocab, words=sent.words)
    doc.ents = [doc.char_span(doc[s].idx, doc[e - 1].idx + len(doc[e - 1]), label=lab) for s, e, lab in sent.ents]
    return doc


@dataclass
class UDWord:
    """One syntactic word of a CoNLL-U sentence."""

    form: str
    lemma: str
    upos: str
    feats: str
    head: int
    deprel: str
    space_after: bool


def read_conllu(path: Path) -> Iterator[List[UDWord]]:
    """Sentences of syntactic words; multiword-token lines only decide the spacing of their last word."""
    sent: List[UDWord] = []
    mwt_end, mwt_space = -1, True
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if not line:
                if sent:
                    yield sent
                sent, mwt_end = [], -1
                continue
            if line.startswith("#"):
                continue
            cols = line.split("\t")
            if "." in cols[0]:
                continue
            if "-" in cols[0]:
                mwt_end = int(cols[0].split("-")[1])
                mwt_space = "SpaceAfter=No" not in cols[9]
                continue
            idx = int(cols[0])
            if idx < mwt_end:
                space = False
            elif idx == mwt_end:
                space = mwt_space
            else:
                space = "SpaceAfter=No" not in cols[9]
            head = int(cols[6]) if cols[6].isdigit() else 0
            sent.append(UDWord(cols[1], cols[2], cols[3], "" if cols[5] == "_" else cols[5], head, cols[7], space))
    if sent:
        yield sent


def ud_sentence_to_doc(vocab: Vocab, sent: Sequence[UDWord]) -> Doc:
    """A `Doc` with gold lemma, UPOS, features and dependencies; the root points at itself."""
    heads = [w.head - 1 if w.head else i for i, w in enumerate(sent)]
    return Doc(
        vocab,
        words=[w.form for w in sent],
        spaces=[w.space_after for w in sent],
        lemmas=[w.lemma for w in sent],
        pos=[w.upos for w in sent],
        morphs=[w.feats for w in sent],
        heads=heads,
        deps=[w.deprel for w in sent],
        sent_starts=[i == 0 for i in range(len(sent))],
    )


def group_docs(docs: Iterable[Doc], n_sents: int) -> Iterator[Doc]:
    """Join consecutive sentence docs so the parser also learns where sentences end."""
    batch: List[Doc] = []
    for doc in docs:
        batch.append(doc)
        if len(batch) == n_sents:
            yield Doc.from_docs(batch)
            batch = []
    if batch:
        yield Doc.from_docs(batch)


def save_docs(docs: Iterable[Doc], path: Path) -> int:
    """Write docs to a `.spacy` file; returns how many were written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    docbin = DocBin(store_user_data=False)
    count = 0
    for doc in docs:
        docbin.add(doc)
        count += 1
    docbin.to_disk(path)
    return count


#: UD training files and how many times each is repeated. BOUN dev is weighted up because BOUN's
#: conventions (verbal nouns stay VERB, copula lemma `y`) differ from IMST's and the BOUN train file
#: is missing; its last `BOUN_DEV_HELDOUT` sentences are kept for development instead.
UD_TRAIN = (
    ("ud-turkish-imst/tr_imst-ud-train.conllu", 1),
    ("ud-turkish-boun/tr_boun-ud-dev.conllu", 3),
    ("ud-turkish-kenet/tr_kenet-ud-dev.conllu", 1),
    ("ud-turkish-penn/tr_penn-ud-dev.conllu", 1),
)
UD_DEV = "ud-turkish-imst/tr_imst-ud-dev.conllu"
BOUN_DEV = "ud-turkish-boun/tr_boun-ud-dev.conllu"
BOUN_DEV_HELDOUT = 300

#: Sentences kept back from the end of Milliyet train as its dev split (~45K words, as Mukayese).
MILLIYET_DEV_SENTS = 2500


def ud_splits(data: Path, boun_weight: Optional[int] = None) -> Dict[str, List[List[UDWord]]]:
    """Training and development sentences; `boun_weight` overrides BOUN dev's repeat count."""
    train: List[List[UDWord]] = []
    dev = list(read_conllu(data / UD_DEV))
    for name, repeats in UD_TRAIN:
        sents = list(read_conllu(data / name))
        if name == BOUN_DEV:
            sents, held_out = sents[:-BOUN_DEV_HELDOUT], sents[-BOUN_DEV_HELDOUT:]
            dev += held_out
            repeats = boun_weight if boun_weight is not None else repeats
        train += sents * repeats
    return {"train": train, "dev": dev}


def convert_ud(data: Path, out: Path, n_sents: int = 10, boun_weight: Optional[int] = None) -> Dict[str, int]:
    """Write `ud-train.spacy` and `ud-dev.spacy` (dev: IMST dev + the held-out end of BOUN dev)."""
    vocab = Vocab()
    counts = {}
    for name, sents in ud_splits(data, boun_weight).items():
        docs = (ud_sentence_to_doc(vocab, s) for s in sents)
        counts[f"ud-{name}"] = save_docs(group_docs(docs, n_sents), out / f"ud-{name}.spacy")
    return counts


#: How sentence-final periods are handled in Milliyet: kept as given (mostly absent), appended to
#: every sentence, or appended to a random half (seeded), so the model sees both kinds of sentence ends.
PERIOD_MODES = ("none", "all", "mixed")


def apply_periods(sents: List[Sentence], mode: str, seed: int = 0) -> List[Sentence]:
    """Append final periods according to `mode` (see `PERIOD_MODES`)."""
    if mode not in PERIOD_MODES:
        raise ValueError(f"period mode {mode!r} not in {PERIOD_MODES}")
    if mode == "none":
        return sents
    rng = random.Random(seed)
    return [add_final_period(s) if mode == "all" or rng.random() < 0.5 else s for s in sents]


_INNER_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")


def curly_apostrophes(sents: List[Sentence], rate: float, seed: int = 1) -> List[Sentence]:
    """Write the in-word apostrophe as `’` in a random share of sentences.

    The corpora only have `'`, but about 40% of in-word apostrophes in recent news are `’`
    (`İzmir’de`), which changes NORM, SHAPE and SUFFIX of the token; the model should see both.
    """
    rng = random.Random(seed)
    return [
        Sentence([_INNER_APOSTROPHE.sub("’", w) for w in s.words], list(s.ents)) if rng.random() < rate else s
        for s in sents
    ]


#: WikiANN fragments kept as sentences: at least this many words and a final period.
WIKIANN_MIN_WORDS = 6


def read_wikiann_sentences(path: Path) -> List[Sentence]:
    """The real sentences of a WikiANN (XTREME) split: most of its lines are title fragments and
    `YÖNLENDİRME` (redirect) lines, which are left out (3,202 of the 10,000 of `wikiann-tr` dev)."""
    return [
        sent for sent in read_conll_bio(path)
        if len(sent.words) >= WIKIANN_MIN_WORDS and sent.words[-1] == "."
        and not any(word.startswith("YÖNLENDİR") for word in sent.words)
    ]


def convert_ner(
    data: Path,
    out: Path,
    periods: str = "mixed",
    wiki: bool = True,
    curly_rate: float = 0.0,
    name: str = "ner",
    wikiann: bool = True,
) -> Dict[str, int]:
    """Write `{name}-train/dev.spacy`: Milliyet (dev = the end of train) plus, optionally, mapped wiki NER.

    The wiki sentences go to training only: dev stays Milliyet, so its score stays comparable;
    `curly_rate` of the training sentences get `’` as in-word apostrophe (see `curly_apostrophes`).
    With `wikiann`, the real sentences of `wikiann-tr` dev (`read_wikiann_sentences`) follow the
    others, their `’` drawn on their own so the others' stay as they were: the corpus of the models
    before 0.6.0 is the same without them (MODEL_CARD.md, "WikiANN sentences").
    """
    vocab = Vocab()
    sents = apply_periods(list(read_milliyet(data / "milliyet-ner" / "reyyan.train.txt")), periods)
    train, dev = sents[:-MILLIYET_DEV_SENTS], sents[-MILLIYET_DEV_SENTS:]
    if wiki:
        train += list(read_conll_bio(data / "turkish-wiki-ner" / "train.conll", WIKI_LABEL_MAP))
    train = curly_apostrophes(train, curly_rate)
    if wikiann:
        train += curly_apostrophes(read_wikiann_sentences(data / "wikiann-tr" / "dev.conll"), curly_rate)
    return {
        f"{name}-train": save_docs((sentence_to_doc(vocab, s) for s in train), out / f"{name}-train.spacy"),
        f"{name}-dev": save_docs((sentence_to_doc(vocab, s) for s in dev), out / f"{name}-dev.spacy"),
    }


#: How many times the UD training docs are repeated in the joint corpus, so that the UD heads see
#: about as many words per step as the NER head (UD train has ~88K words, NER train ~700K).
CORE_UD_REPEATS = 6


def convert_core(data: Path, out: Path, ud_repeats: int = CORE_UD_REPEATS, **ner_options) -> Dict[str, int]:
    """Write `core-train/dev.spacy`: the NER and UD corpora side by side, for one shared tok2vec.

    Each doc keeps only its own layer (entities, or tags, lemmas and dependencies); spaCy treats
    the other layers as missing, so every head learns from its own corpus while the tok2vec they
    listen to learns from both. `ner_options` go to `convert_ner`.
    """
    counts = {**convert_ner(data, out, **ner_options), **convert_ud(data, out)}
    for split, repeats in (("train", ud_repeats), ("dev", 1)):
        parts = [(out / f"ud-{split}.spacy", repeats), (out / f"ner-{split}.spacy", 1)]
        counts[f"core-{split}"] = join_docbins(parts, out / f"core-{split}.spacy")
    return counts


def join_docbins(parts: Sequence[Tuple[Path, int]], out: Path) -> int:
    """Write the docs of each `(path, repeats)` part, repeated, in the order given; returns the count.

    Put the UD part first: spaCy's scorer (3.8) carries the indices of missing annotation over
    from one doc to the next, so UD docs read after all-missing NER docs lose most of their
    tokens from the tag and dependency scores (see tests/test_training_convert.py).
    """
    vocab = Vocab()
    docs: List[Doc] = []
    for path, repeats in parts:
        docs += list(DocBin().from_disk(path).get_docs(vocab)) * repeats
    return save_docs(docs, out)
