"""`trnews-nlp train {core,assemble,all} --data ../shared/data [--out training]`.

One command rebuilds the shipped model from the public corpora: convert the NER and UD corpora
into one joint corpus under `corpus/`, train `configs/core.cfg` (one tok2vec shared by the
morphologizer, parser and NER), and assemble `models/trnews_tr_core` behind the project's
tokenizer and rule components.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import List, Optional

REPO = Path(__file__).resolve().parents[3]
DEFAULT_DATA = Path(os.environ.get("TRNEWS_SHARED", REPO.parent / "shared")) / "data"

#: ttc-3600 articles whose word forms make the morphology table (all 3,600).
FORM_TABLE_ARTICLES = 3600


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `trnews-nlp train`."""
    parser.add_argument("what", choices=("core", "assemble", "all"), help="which step to run")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder (../shared/data)")
    parser.add_argument("--out", type=Path, default=REPO / "training", help="training output folder")
    parser.add_argument("--corpus", type=Path, default=REPO / "corpus", help="converted corpora folder")
    parser.add_argument("--config", type=Path, default=REPO / "configs" / "core.cfg", help="training config")
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
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1):  # one core per run, as the timings in the model card
        if args.what in ("core", "all"):
            train_core(args)
        if args.what in ("assemble", "all"):
            assemble_model(args)
    return 0


def train_core(args: argparse.Namespace) -> None:
    """Convert the corpora, then train the joint pipeline into `<out>/core/` (model-best ships)."""
    from spacy.cli.train import train

    from ..api import cpu_ops
    from .convert import convert_core

    counts = convert_core(
        args.data, args.corpus, periods=args.periods, wiki=not args.no_wiki, curly_rate=args.curly_rate
    )
    print(f"converted: {counts}", flush=True)
    overrides = {
        "paths.train": str(args.corpus / "core-train.spacy"),
        "paths.dev": str(args.corpus / "core-dev.spacy"),
    }
    with cpu_ops():  # numpy's BLAS: training ran ~2.3× faster than through blis (see api.cpu_ops)
        train(args.config, args.out / "core", overrides=overrides)


def assemble_model(args: argparse.Namespace) -> None:
    """Put `<out>/core/model-best` behind the project's tokenizer and rule components."""
    from ..evaluation.speed import read_articles
    from .assemble import assemble

    texts = read_articles(args.data, limit=FORM_TABLE_ARTICLES)
    nlp = assemble(args.out / "core" / "model-best", args.model_out, texts=texts)
    print(f"wrote {args.model_out}: {nlp.pipe_names}")


def main(argv: Optional[List[str]] = None) -> int:
    """Entry point for `python -m trnews_nlp.training.cli`."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
