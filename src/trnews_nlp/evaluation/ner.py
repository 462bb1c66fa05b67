"""`trnews-nlp evaluate ner DATA`: entity-level P/R/F1 per label (exact span and label, CoNLL style).

Three gold formats, chosen by the file's name:
- `*.txt`: Milliyet bracket lines (`[PER Helmut Kohl ] 'un ...`), converted to the runtime
  tokenization (apostrophe suffixes glued back) and scored at token level on gold words;
- `*.conll` / `*.bio` / `*.tsv`: `token<TAB>BIO-tag`, scored at token level on gold words (OntoNotes
  labels of turkish-wiki-ner are mapped: PERSON→PER, GPE/LOC→LOC, ORG→ORG, the rest dropped);
- `*.jsonl`: `text` + `entities` (char offsets, like quotes-dev.jsonl): the pipeline tokenizes the
  text itself and predicted spans are cut at the apostrophe with `trimmed_offsets`, the way the
  gold spans are cut, before they are compared; a `doc-mean` row adds the per-article average.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Iterable, Iterator, List, Set, Tuple

from spacy.language import Language
from spacy.tokens import Doc

from ..spans import trimmed_offsets
from ..training.convert import LABELS, WIKI_LABEL_MAP, Sentence, read_conll_bio, read_milliyet
from .scoring import PRFCounter, format_prf_table, mean_prf, prf
from . import load_model

Entity = Tuple[int, int, int, str]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `trnews-nlp evaluate ner`."""
    parser.add_argument("data", type=Path, help="gold file: Milliyet .txt, CoNLL BIO, or JSONL with entities")
    parser.add_argument("--model", default=None, help="pipeline path (default: the bundled model)")
    parser.add_argument("--add-period", action="store_true", help="append '.' to Milliyet sentences without one")
    parser.add_argument(
        "--resolved", action="store_true",
        help="score the entities the pipeline outputs (after trnews_entities), not the NER alone",
    )
    parser.add_argument("--json", action="store_true", help="print scores as JSON")


def run(args: argparse.Namespace) -> int:
    """Score the model on one gold file and print the table (or JSON)."""
    nlp = load_model(args.model)
    last = "trnews_entities" if args.resolved else "ner"
    scores = evaluate_file(nlp, args.data, add_period=args.add_period, last=last)
    if args.json:
        print(json.dumps({"data": str(args.data), "scores": scores}, ensure_ascii=False, indent=2))
    else:
        print(format_prf_table(scores, title=f"NER {args.data}"))
    return 0


def evaluate_file(nlp: Language, path: Path, add_period: bool = False, last: str = "ner") -> dict:
    """Micro and per-label scores of `nlp` run up to the component `last` on `path`; the format
    follows the file's suffix."""
    if path.suffix == ".jsonl":
        return score_jsonl(nlp, path, last)
    if path.suffix == ".txt":
        sents: Iterable[Sentence] = read_milliyet(path, add_period=add_period)
    else:
        sents = read_conll_bio(path, {**WIKI_LABEL_MAP, **{label: label for label in LABELS}})
    return score_sentences(nlp, sents, last)


def _ner_pipes(nlp: Language, last: str = "ner") -> List[str]:
    """Components that run before scoring: everything up to and including `last`.

    By default that is the statistical NER alone (in the stanza tier, `trnews_stanza`, which
    holds stanza's NER). `trnews_entities` after it resolves `doc.ents` (one label per canonical
    name, untagged repeats added): scoring up to it measures what the pipeline outputs.
    """
    names = nlp.pipe_names
    if last == "ner" and last not in names and "trnews_stanza" in names:
        last = "trnews_stanza"
    return names[: names.index(last) + 1] if last in names else names


def predict_on_words(
    nlp: Language, words_list: List[List[str]], batch_size: int = 256, last: str = "ner"
) -> Iterator[Doc]:
    """Run the pipeline up to `last` on Docs built from gold words (gold tokenization)."""
    pipes = _ner_pipes(nlp, last)
    docs = (Doc(nlp.vocab, words=words) for words in words_list)
    with nlp.select_pipes(enable=pipes):
        yield from nlp.pipe(docs, batch_size=batch_size)


def score_sentences(nlp: Language, sents: Iterable[Sentence], last: str = "ner") -> dict:
    """Exact-match token-span scores on pre-tokenized sentences."""
    sents = list(sents)
    counter = PRFCounter()
    for i, (sent, doc) in enumerate(zip(sents, predict_on_words(nlp, [s.words for s in sents], last=last))):
        gold = {(i, s, e, label) for s, e, label in sent.ents}
        pred = {(i, ent.start, ent.end, ent.label_) for ent in doc.ents if ent.label_ in LABELS}
        counter.add(gold, pred)
    return counter.scores()


def predicted_char_entities(doc: Doc) -> Set[Tuple[int, int, str]]:
    """Predicted entities as char offsets, cut at the apostrophe like the gold annotation."""
    return {(*trimmed_offsets(ent), ent.label_) for ent in doc.ents if ent.label_ in LABELS}


#: Row of `score_jsonl`'s table with P/R/F1 averaged over documents, each document weighing the same.
DOC_MEAN = "doc-mean"


def score_jsonl(nlp: Language, path: Path, last: str = "ner") -> dict:
    """Exact char-span scores on raw texts; the pipeline runs up to `last` with its own tokenizer.

    Besides the micro scores, the `DOC_MEAN` row averages each article's own P/R/F1: on whole
    articles one name repeated through one of them moves the micro figure by points (16 mentions
    of `Anzer` in one of quotes-dev's 30 articles), which makes two models hard to compare on
    micro F1 alone.
    """
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    counter = PRFCounter()
    per_doc: List[dict] = []
    with nlp.select_pipes(enable=_ner_pipes(nlp, last)):
        docs = nlp.pipe((r["text"] for r in records), batch_size=8)
        for i, (record, doc) in enumerate(zip(records, docs)):
            gold = {(i, e["start"], e["end"], e["label"]) for e in record.get("entities", [])}
            pred = {(i, s, e, label) for s, e, label in predicted_char_entities(doc)}
            counter.add(gold, pred)
            if gold or pred:
                per_doc.append(prf(len(gold & pred), len(pred - gold), len(gold - pred)))
    scores = counter.scores()
    scores[DOC_MEAN] = {**scores["ALL"], **mean_prf(per_doc)}  # the micro row's counts, averaged ratios
    return scores
