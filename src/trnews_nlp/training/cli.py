"""`trnews-nlp train {ner,ud,assemble,all} --data ../shared/data [--out training]`.

One command rebuilds the shipped model from the public corpora: convert them into `corpus/`,
train each pipeline with its config under `configs/`, and assemble `models/trnews_tr_core`.
`all` trains NER and UD at the same time in two processes (one core each), which is how the
model is meant to be rebuilt on a 2-core machine in well under two hours.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path
from typing import Dict, List, Optional

REPO = Path(__file__).resolve().parents[3]
DEFAULT_DATA = Path(os.environ.get("TRNEWS_SHARED", REPO.parent / "shared")) / "data"

#: Per-pipeline limits, kept here (not only in the configs) so the rebuild stays inside its time budget.
LIMITS: Dict[str, Dict[str, int]] = {
    "ner": {"training.max_steps": 8000, "training.patience": 2500},
    "ud": {"training.max_steps": 5000, "training.patience": 1500},
}

#: ttc-3600 articles whose word forms make the morphology table (all 3,600).
FORM_TABLE_ARTICLES = 3600

_THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `trnews-nlp train`."""
    parser.add_argument("what", choices=("ner", "ud", "assemble", "all"), help="which step to run")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder (../shared/data)")
    parser.add_argument("--out", type=Path, default=REPO / "training", help="training output folder")
    parser.add_argument("--corpus", type=Path, default=REPO / "corpus", help="converted corpora folder")
    parser.add_argument("--configs", type=Path, default=REPO / "configs", help="folder with ner.cfg and ud.cfg")
    parser.add_argument("--model-out", type=Path, default=REPO / "models" / "trnews_tr_core", help="assembled model")
    parser.add_argument(
        "--periods", choices=("none", "all", "mixed"), default="mixed",
        help="append '.' to no, all, or a random half of the Milliyet sentences (default: mixed)",
    )
    parser.add_argument("--no-wiki", action="store_true", help="train NER on Milliyet alone (no turkish-wiki-ner)")
    parser.add_argument(
        "--curly-rate", type=float, default=0.3,
        help="share of NER training sentences whose in-word apostrophes become ’",
    )


def run(args: argparse.Namespace) -> int:
    """Run one step, or all of them; returns a process exit code."""
    for var in _THREAD_VARS:
        os.environ.setdefault(var, "1")
    if args.what in ("ner", "ud"):
        return train_pipeline(args.what, args)
    if args.what == "assemble":
        return assemble_model(args)
    return train_all(args)


def convert(what: str, args: argparse.Namespace) -> Dict[str, Path]:
    """Convert the corpora one pipeline needs; returns the train and dev paths."""
    from . import convert as conv

    if what == "ner":
        counts = conv.convert_ner(
            args.data, args.corpus, periods=args.periods, wiki=not args.no_wiki, curly_rate=args.curly_rate
        )
    else:
        counts = conv.convert_ud(args.data, args.corpus)
    print(f"converted {what}: {counts}", flush=True)
    return {"train": args.corpus / f"{what}-train.spacy", "dev": args.corpus / f"{what}-dev.spacy"}


def train_pipeline(what: str, args: argparse.Namespace) -> int:
    """Convert, then train `configs/<what>.cfg` into `<out>/<what>/` (model-best is what ships)."""
    from spacy.cli.train import train

    paths = convert(what, args)
    overrides = {"paths.train": str(paths["train"]), "paths.dev": str(paths["dev"]), **LIMITS[what]}
    train(args.configs / f"{what}.cfg", args.out / what, overrides=overrides)
    return 0


def assemble_model(args: argparse.Namespace) -> int:
    """Join `<out>/ner/model-best` and `<out>/ud/model-best` into the shipped pipeline."""
    from ..evaluation.speed import read_articles
    from .assemble import assemble

    texts = read_articles(args.data, limit=FORM_TABLE_ARTICLES)
    nlp = assemble(args.out / "ner" / "model-best", args.out / "ud" / "model-best", args.model_out, texts=texts)
    print(f"wrote {args.model_out}: {nlp.pipe_names}")
    return 0


def _step_command(what: str, args: argparse.Namespace) -> List[str]:
    command = [sys.executable, "-m", "trnews_nlp.training.cli", what, "--data", str(args.data)]
    command += ["--out", str(args.out), "--corpus", str(args.corpus), "--configs", str(args.configs)]
    command += ["--periods", args.periods, "--curly-rate", str(args.curly_rate)]
    return command + (["--no-wiki"] if args.no_wiki else [])


def train_all(args: argparse.Namespace) -> int:
    """Train NER and UD in parallel (one process and one core each, logs in `<out>/`), then assemble."""
    args.out.mkdir(parents=True, exist_ok=True)
    processes = {}
    for what in ("ner", "ud"):
        log = open(args.out / f"{what}.log", "w", encoding="utf-8")
        processes[what] = (subprocess.Popen(_step_command(what, args), stdout=log, stderr=subprocess.STDOUT), log)
        print(f"training {what} (log: {args.out / f'{what}.log'})", flush=True)
    failed = []
    for what, (process, log) in processes.items():
        if process.wait() != 0:
            failed.append(what)
        log.close()
    if failed:
        print(f"training failed: {', '.join(failed)} (see the logs)", file=sys.stderr)
        return 1
    return assemble_model(args)


def main(argv: Optional[List[str]] = None) -> int:
    """Entry point for `python -m trnews_nlp.training.cli` (used by `train all` for its workers)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
