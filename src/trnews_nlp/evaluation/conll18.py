"""The CoNLL 2018 shared task's evaluation of a pipeline, with the official scorer (`udtools.udeval`).

Raw text: each document's sentences (`# newdoc` marks; blocks of `BLOCK_SENTS` sentences where a
file marks none) are joined with a space and annotated as one text, as a user's text would be; the
result is written with the project's CoNLL-U writer and scored against the gold file, so
tokenization, sentence splitting and the writer all count. Gold tokens: one `Doc` per gold
sentence, made of its syntactic words, so only tagging, lemmas and the parse count.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Dict, List, Sequence

from spacy.language import Language
from spacy.tokens import Doc

from ..document import doc_to_dict
from ..training.convert import read_conllu

#: Official metrics printed, in the scorer's order (XPOS and AllTags are left out: no XPOS here).
METRICS = ("Tokens", "Sentences", "Words", "UPOS", "UFeats", "Lemmas", "UAS", "LAS", "CLAS", "MLAS", "BLEX")
#: Sentences per document where a treebank marks no documents.
BLOCK_SENTS = 10
#: Components whose output the UD columns never read; left out to save time.
SKIPPED = ("trnews_quotes", "trnews_entities")


def conllu_blocks(path: Path) -> List[str]:
    """The sentence blocks of a CoNLL-U file, each without its trailing blank line."""
    text = path.read_text(encoding="utf-8")
    return [block.strip("\n") for block in text.split("\n\n") if block.strip()]


def block_text(block: str) -> str:
    """The `# text =` line of a sentence block."""
    for line in block.splitlines():
        if line.startswith("# text = "):
            return line[len("# text = "):]
    raise ValueError(f"sentence without '# text': {block.splitlines()[0]}")


def group_sentences(blocks: Sequence[str], marks: Sequence[str] = ("# newdoc",)) -> List[List[str]]:
    """Sentence texts grouped: a block with one of `marks` starts a group; where the file has none
    of them, every `BLOCK_SENTS` sentences make one."""
    marked = any(mark in block for block in blocks for mark in marks)
    groups: List[List[str]] = []
    for i, block in enumerate(blocks):
        starts = any(mark in block for mark in marks) if marked else i % BLOCK_SENTS == 0
        if starts or not groups:
            groups.append([])
        groups[-1].append(block_text(block))
    return groups


def raw_documents(path: Path) -> List[str]:
    """The raw text of each document of a treebank, its sentences joined with a space."""
    return [" ".join(sentences) for sentences in group_sentences(conllu_blocks(path))]


def system_raw(nlp: Language, path: Path, batch_size: int = 16) -> str:
    """CoNLL-U of `nlp` run on the raw text of the treebank at `path`."""
    from ..writers import to_conllu

    texts = raw_documents(path)
    skipped = [name for name in SKIPPED if name in nlp.pipe_names]
    with nlp.select_pipes(disable=skipped):
        docs = nlp.pipe(texts, batch_size=batch_size)
        return "".join(
            to_conllu(doc_to_dict(doc, id=f"d{n}", tokens=True)) for n, doc in enumerate(docs, 1)
        )


def system_gold_tokens(nlp: Language, path: Path, pipes: Sequence[str], batch_size: int = 128) -> str:
    """CoNLL-U of `nlp`'s components `pipes` run on the gold syntactic words, one Doc per sentence."""
    from ..writers import to_conllu

    sentences = list(read_conllu(path))
    docs = [
        Doc(nlp.vocab, words=[w.form for w in s], spaces=[w.space_after for w in s],
            sent_starts=[k == 0 for k in range(len(s))])
        for s in sentences
    ]
    with nlp.select_pipes(enable=[name for name in nlp.pipe_names if name in pipes]):
        annotated = nlp.pipe(docs, batch_size=batch_size)
        return "".join(to_conllu(doc_to_dict(doc, id=f"s{n}", tokens=True)) for n, doc in enumerate(annotated, 1))


def score(gold: Path, system: str) -> Dict[str, Dict[str, float]]:
    """Official CoNLL 2018 scores (precision, recall, F1, aligned accuracy) of `system` CoNLL-U."""
    from udtools import udeval

    with open(gold, encoding="utf-8") as handle:
        gold_ud = udeval.load_conllu(handle, str(gold), {})
    system_ud = udeval.load_conllu(io.StringIO(system), "system", {})
    result = udeval.evaluate(gold_ud, system_ud)
    return {
        metric: {
            "precision": result[metric].precision,
            "recall": result[metric].recall,
            "f1": result[metric].f1,
            "aligned_accuracy": result[metric].aligned_accuracy,
        }
        for metric in METRICS
    }


def format_table(results: Dict[str, Dict[str, Dict[str, float]]]) -> str:
    """One row per file: the F1 of each metric (percent)."""
    lines = [f"{'file':<28} " + " ".join(f"{m:>9}" for m in METRICS)]
    for path, scores in results.items():
        lines.append(f"{Path(path).name:<28} " + " ".join(f"{100 * scores[m]['f1']:>9.2f}" for m in METRICS))
    return "\n".join(lines)
