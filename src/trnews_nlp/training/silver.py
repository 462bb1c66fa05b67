"""Silver NER data: the assembled pipeline's own entities on raw recent news, to train on.

The NER learns from Milliyet (1990s news) and Wikipedia sentences, one sentence at a time. The
resolved entities the pipeline outputs on whole articles are better than the NER's (one label per
canonical name, untagged repeats found, bylines, currencies and bare organs handled by
`trnews_entities`), and they are on the text the library is for: recent Turkish news. Training
the NER for a few thousand more steps on those sentences beside the gold corpora teaches it what
the document-level rules know (self-training; measured in MODEL_CARD.md).

Articles of every gold set in `../shared/eval` are left out, so their scores stay clean. Only the
`.spacy` file of word tokens and entity offsets is written, under the ignored `corpus/` folder.
"""

from __future__ import annotations

import json
import random
import tarfile
from pathlib import Path
from typing import Iterable, Iterator, List, Set, Tuple

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..evaluation.speed import ARCHIVE as TTC_ARCHIVE
from .convert import LABELS, save_docs

#: The raw news archives (ttc-3600's is the speed benchmark's) and the id prefix the gold sets use.
FINNEWS_ARCHIVE = Path("tr-financial-news-2025") / "raw.tar.gz"
TTC_PREFIX, FINNEWS_PREFIX = "ttc3600/", "finnews2025/"

#: Silver sentences drawn (seeded) from the ~47,000 of the two archives: about a third of the NER
#: gold sentences, so the gold corpora still weigh most.
SILVER_SENTENCES = 12_000
#: Sentences shorter than this (in words) are headings, bylines and captions: left out.
MIN_WORDS = 4


def gold_ids(eval_dir: Path) -> Set[str]:
    """Ids of the articles in every gold JSONL file of `eval_dir` (none if it is absent)."""
    ids: Set[str] = set()
    for path in sorted(eval_dir.glob("*.jsonl")) if eval_dir.is_dir() else []:
        with open(path, encoding="utf-8") as handle:
            ids.update(json.loads(line)["id"] for line in handle if line.strip())
    return ids


def news_articles(data: Path, skip: Set[str]) -> Iterator[Tuple[str, str]]:
    """`(id, text)` of every ttc-3600 and tr-financial-news-2025 article whose id is not in `skip`;
    ids are written as the gold sets write them (`ttc3600/siyaset/c (27).txt`)."""
    for archive_path, prefix in ((data / TTC_ARCHIVE, TTC_PREFIX), (data / FINNEWS_ARCHIVE, FINNEWS_PREFIX)):
        with tarfile.open(archive_path) as archive:
            for member in sorted((m for m in archive.getmembers() if m.isfile()), key=lambda m: m.name):
                article_id = prefix + member.name.split("/", 1)[1]
                handle = archive.extractfile(member)
                if article_id in skip or handle is None:
                    continue
                raw = handle.read().decode("utf-8-sig", errors="replace")
                yield article_id, _article_text(raw) if prefix == FINNEWS_PREFIX else raw


def _article_text(raw_json: str) -> str:
    """Title and body of a tr-financial-news-2025 record, as the gold set joins them."""
    record = json.loads(raw_json)
    return f"{record.get('title') or ''}\n\n{record.get('content') or ''}"


def silver_docs(nlp: Language, texts: Iterable[str], batch_size: int = 32) -> Iterator[Doc]:
    """One `Doc` per sentence of `texts` with the pipeline's resolved PER/ORG/LOC entities.

    The pipeline runs up to `trnews_entities`. Each sentence becomes a new `Doc` of the same words
    and spaces that carries the entities alone: tags, lemmas and dependencies stay missing, so
    only the NER learns from it.
    """
    names = nlp.pipe_names
    enabled = names[: names.index("trnews_entities") + 1]
    with nlp.select_pipes(enable=enabled):
        for doc in nlp.pipe(texts, batch_size=batch_size):
            for sent in doc.sents:
                if sum(1 for token in sent if not token.is_space) >= MIN_WORDS:
                    yield _entities_only(nlp, sent)


def _entities_only(nlp: Language, sent: Span) -> Doc:
    doc = Doc(nlp.vocab, words=[t.text for t in sent], spaces=[bool(t.whitespace_) for t in sent])
    doc.ents = [
        Span(doc, ent.start - sent.start, ent.end - sent.start, label=ent.label_)
        for ent in sent.ents
        if ent.label_ in LABELS
    ]
    return doc


def convert_silver(
    nlp: Language, data: Path, eval_dir: Path, out: Path, n_sents: int = SILVER_SENTENCES, seed: int = 0
) -> int:
    """Write `n_sents` silver sentences, drawn with `seed`, to `out`; returns how many."""
    texts = (text for _, text in news_articles(data, gold_ids(eval_dir)))
    docs: List[Doc] = list(silver_docs(nlp, texts))
    random.Random(seed).shuffle(docs)
    return save_docs(docs[:n_sents], out)
