"""`trnews-nlp train stanza`: build the stanza tier's models from the shared data on one core.

Stages run one after another, each with a wall-clock budget: stanza's trainers save their best
model (on the dev set) whenever it improves, so a stage stopped at its budget leaves a usable
model, and a stage whose model already exists is skipped (`--redo` retrains it). Order:
data → word vectors → tokenizer (sentences, tokens, multiword tokens) → MWT expander → tagger
(UPOS + features) → lemmatizer → parser → NER. Needs the `stanza` extra and gensim (training only).
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Dict, List

#: Treebank and NER shorthands written into the models (stanza keys some defaults on them).
UD_SHORTHAND = "tr_imst"
NER_SHORTHAND = "tr_milliyet"


@dataclass(frozen=True)
class Stage:
    """One stanza trainer run: its module, the model file it writes, and its default budget."""

    name: str
    module: str
    model: str
    minutes: float
    args: Callable[[Path, Path], List[str]]


def _tokenizer_args(work: Path, out: Path) -> List[str]:
    return [
        "--mode", "train", "--lang", "tr", "--shorthand", UD_SHORTHAND,
        "--txt_file", str(work / "ud-train.txt"), "--label_file", str(work / "ud-train.toklabels"),
        "--mwt_json_file", str(work / "ud-train-mwt.json"),
        "--dev_txt_file", str(work / "ud-dev.txt"), "--dev_label_file", str(work / "ud-dev.toklabels"),
        "--dev_conll_gold", str(work / "ud-dev.conllu"), "--conll_file", str(work / "tokenize-dev.conllu"),
        "--use_mwt", "--steps", "20000", "--eval_steps", "200",
        "--save_dir", str(out), "--save_name", "tokenize.pt",
    ]


def _mwt_args(work: Path, out: Path) -> List[str]:
    return [
        "--mode", "train", "--lang", "tr", "--shorthand", UD_SHORTHAND,
        "--train_file", str(work / "ud-train.conllu"), "--eval_file", str(work / "ud-dev.conllu"),
        "--output_file", str(work / "mwt-dev.conllu"), "--gold_file", str(work / "ud-dev.conllu"),
        "--num_epoch", "30", "--save_dir", str(out), "--save_name", "mwt.pt",
    ]


def _ud_common(work: Path, out: Path, name: str) -> List[str]:
    return [
        "--mode", "train", "--shorthand", UD_SHORTHAND,
        "--train_file", str(work / "ud-train.conllu"), "--eval_file", str(work / "ud-dev.conllu"),
        "--output_file", str(work / f"{name}-dev.conllu"), "--save_dir", str(out), "--save_name", f"{name}.pt",
    ]


def _pos_args(work: Path, out: Path) -> List[str]:
    return _ud_common(work, out, "pos") + [
        "--wordvec_pretrain_file", str(out / "pretrain.pt"), "--fix_eval_interval", "--eval_interval", "200",
    ]


def _lemma_args(work: Path, out: Path) -> List[str]:
    return _ud_common(work, out, "lemma") + ["--num_epoch", "30"]


def _depparse_args(work: Path, out: Path) -> List[str]:
    return _ud_common(work, out, "depparse") + [
        "--wordvec_pretrain_file", str(out / "pretrain.pt"), "--eval_interval", "200",
        "--checkpoint_save_name", str(work / "depparse-checkpoint.pt"),
    ]


def _ner_args(work: Path, out: Path) -> List[str]:
    return [
        "--mode", "train", "--shorthand", NER_SHORTHAND,
        "--train_file", str(work / "ner-train.json"), "--eval_file", str(work / "ner-dev.json"),
        "--wordvec_pretrain_file", str(out / "pretrain.pt"), "--eval_interval", "400",
        "--save_dir", str(out), "--save_name", "ner.pt",
    ]


STAGES = (
    Stage("tokenize", "stanza.models.tokenizer", "tokenize.pt", 8, _tokenizer_args),
    Stage("mwt", "stanza.models.mwt_expander", "mwt.pt", 4, _mwt_args),
    Stage("pos", "stanza.models.tagger", "pos.pt", 18, _pos_args),
    Stage("lemma", "stanza.models.lemmatizer", "lemma.pt", 8, _lemma_args),
    Stage("depparse", "stanza.models.parser", "depparse.pt", 20, _depparse_args),
    Stage("ner", "stanza.models.ner_tagger", "ner.pt", 18, _ner_args),
)


#: The files `prepare` writes into the work folder; when all exist, it writes them no more.
PREPARED = ("ud-train.conllu", "ud-dev.conllu", "ud-train.toklabels", "ud-dev.toklabels", "ner-train.json", "ner-dev.json")


def prepare(data: Path, eval_dir: Path, work: Path, out: Path) -> Dict[str, int]:
    """Write the UD, tokenizer and NER training files into `work`, and the word vectors' pretrain
    file into `out`, unless they exist (delete the work folder to rebuild them)."""
    from stanza.models.common.pretrain import Pretrain
    from stanza.utils.datasets import prepare_tokenizer_data

    from .stanza_data import VECTOR_MAX_VOCAB, train_vectors, write_ner, write_ud

    counts: Dict[str, int] = {}
    if not all((work / name).exists() for name in PREPARED):
        counts.update({**write_ud(data, work), **write_ner(data, work)})
        for split in ("train", "dev"):
            prepare_tokenizer_data.main([
                str(work / f"ud-{split}.txt"), str(work / f"ud-{split}.conllu"),
                "-o", str(work / f"ud-{split}.toklabels"), "-m", str(work / f"ud-{split}-mwt.json"),
            ])
    vectors = work / "vectors.txt"
    if not (out / "pretrain.pt").exists():
        counts["vectors"] = train_vectors(data, eval_dir, vectors)
        out.mkdir(parents=True, exist_ok=True)
        Pretrain(str(out / "pretrain.pt"), str(vectors), max_vocab=VECTOR_MAX_VOCAB).load()
    return counts


def run_stage(stage: Stage, work: Path, out: Path, minutes: float, log: Path) -> int:
    """Run one trainer in a child process with one thread; stop it (SIGINT, then SIGKILL) when its
    budget is spent. The best model saved so far stays; returns the child's exit code."""
    env = {**os.environ, "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    cmd = [sys.executable, "-m", stage.module, *stage.args(work, out)]
    with open(log, "a", encoding="utf-8") as handle:
        handle.write(f"\n=== {stage.name} {time.strftime('%H:%M:%S')} budget {minutes} min: {' '.join(cmd)}\n")
        handle.flush()
        child = subprocess.Popen(cmd, stdout=handle, stderr=subprocess.STDOUT, env=env)
        try:
            return child.wait(timeout=minutes * 60)
        except subprocess.TimeoutExpired:
            child.send_signal(signal.SIGINT)
            try:
                child.wait(timeout=60)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
            handle.write(f"=== {stage.name} stopped at its budget {time.strftime('%H:%M:%S')}\n")
            return 0


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `trnews-nlp train stanza`."""
    parser.add_argument("--work", type=Path, default=Path("training") / "stanza", help="training files and logs")
    parser.add_argument("--stanza-out", type=Path, default=None, help="model folder (default models/trnews_tr_stanza)")
    parser.add_argument("--eval-dir", type=Path, default=None, help="quote gold sets whose articles the vectors skip")
    parser.add_argument("--stages", default=",".join(s.name for s in STAGES), help="comma-separated stages to run")
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every stage's time budget")
    parser.add_argument("--redo", action="store_true", help="retrain stages whose model exists")


def run(args: argparse.Namespace, default_out: Path) -> int:
    """Prepare the data and train the chosen stages in order; returns a process exit code."""
    work, out = args.work.resolve(), (args.stanza_out or default_out).resolve()
    work.mkdir(parents=True, exist_ok=True)
    eval_dir = args.eval_dir or args.data.parent / "eval"
    log = work / "train.log"
    print(f"data: {prepare(args.data, eval_dir, work, out)}; log: {log}", flush=True)
    wanted = set(args.stages.split(","))
    for stage in STAGES:
        if stage.name not in wanted or ((out / stage.model).exists() and not args.redo):
            continue
        code = run_stage(stage, work, out, stage.minutes * args.scale, log)
        print(f"{stage.name}: exit {code}, model {'written' if (out / stage.model).exists() else 'MISSING'}", flush=True)
    return 0
