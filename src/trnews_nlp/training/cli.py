"""`trnews-nlp train {core,assemble,silver,finetune,all,gazetteer,stanza} --data ../shared/data [--out training]`.

One command (`all`) rebuilds the shipped model from the public corpora: convert the NER and UD
corpora into one joint corpus under `corpus/`, train `configs/core.cfg` (one tok2vec shared by the
morphologizer, parser and NER), and assemble `models/trnews_tr_core` behind the project's
tokenizer and rule components; then annotate raw recent news with that model (`silver`), train its
statistical components a few thousand steps more on the gold corpus plus those silver sentences
(`finetune`), and assemble the result in its place.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import TYPE_CHECKING, List, Optional

from . import stanza_train

if TYPE_CHECKING:
    from confection import Config

REPO = Path(__file__).resolve().parents[3]
DEFAULT_DATA = Path(os.environ.get("TRNEWS_SHARED", REPO.parent / "shared")) / "data"

#: ttc-3600 articles whose word forms make the morphology table (all 3,600).
FORM_TABLE_ARTICLES = 3600
STEPS = ("core", "assemble", "silver", "finetune", "all", "gazetteer", "stanza")
#: Fine-tuning on gold + silver: steps and learning rate (half of core.cfg's, for trained weights).
FINETUNE_STEPS = 3000
FINETUNE_LEARN_RATE = 0.0005
#: Forms the shared morphology cache keeps while training: the corpus's ~100,000 forms come back
#: every epoch, and the tok2vec's zeyrek features would re-analyse every evicted one.
TRAINING_FORM_CACHE = 200_000


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `trnews-nlp train`."""
    parser.add_argument("what", choices=STEPS, help="which step to run; all runs them in order")
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
        "--no-wikiann", action="store_true",
        help="leave the sentences of wikiann-tr dev out of the NER training data (the recipe before model 0.6.0)",
    )
    parser.add_argument(
        "--curly-rate", type=float, default=0.3,
        help="share of NER training sentences whose in-word apostrophes become ’",
    )
    stanza_train.add_arguments(parser)


def run(args: argparse.Namespace) -> int:
    """Run one step, or all of them; returns a process exit code."""
    from threadpoolctl import threadpool_limits

    if args.what == "gazetteer":  # name lists for trnews_entities; no training, not part of `all`
        from .gazetteer import build

        print(build(args.data))
        return 0
    if args.what == "stanza":  # the stanza tier: its own trainers, not part of `all`
        return stanza_train.run(args, REPO / "models")
    from ..morphology.cache import SHARED_CACHE

    SHARED_CACHE.resize(TRAINING_FORM_CACHE)
    with threadpool_limits(limits=1):  # one core per run, as the timings in the model card
        if args.what in ("core", "all"):
            train_core(args)
        if args.what in ("assemble", "all"):
            assemble_model(args, args.out / "core" / "model-best")
        if args.what in ("silver", "all"):
            make_silver(args)
        if args.what in ("finetune", "all"):
            finetune(args)
            assemble_model(args, args.out / "finetune" / "model-best")
    return 0


def train_core(args: argparse.Namespace) -> None:
    """Convert the corpora, then train the joint pipeline into `<out>/core/` (model-best ships)."""
    from spacy.cli.train import train

    from ..api import cpu_ops
    from .convert import convert_core

    counts = convert_core(
        args.data, args.corpus, periods=args.periods, wiki=not args.no_wiki, curly_rate=args.curly_rate,
        wikiann=not args.no_wikiann,
    )
    print(f"converted: {counts}", flush=True)
    overrides = {
        "paths.train": str(args.corpus / "core-train.spacy"),
        "paths.dev": str(args.corpus / "core-dev.spacy"),
    }
    with cpu_ops():  # numpy's BLAS: training ran ~2.3× faster than through blis (see api.cpu_ops)
        train(args.config, args.out / "core", overrides=overrides)


def assemble_model(args: argparse.Namespace, trained: Path) -> None:
    """Put the trained pipeline `trained` behind the project's tokenizer and rule components."""
    from ..evaluation.speed import read_articles
    from .assemble import assemble

    texts = read_articles(args.data, limit=FORM_TABLE_ARTICLES)
    nlp = assemble(trained, args.model_out, texts=texts)
    print(f"wrote {args.model_out}: {nlp.pipe_names}")


def make_silver(args: argparse.Namespace) -> None:
    """Annotate raw recent news with the assembled model (`--model-out`): `<corpus>/silver.spacy`,
    and the joint corpus plus those sentences, `<corpus>/core-silver-train.spacy`."""
    from ..api import load
    from .convert import join_docbins
    from .silver import convert_silver

    nlp = load(args.model_out)  # on numpy's BLAS, as load() always builds models
    count = convert_silver(nlp, args.data, args.data.parent / "eval", args.corpus / "silver.spacy")
    parts = [(args.corpus / "core-train.spacy", 1), (args.corpus / "silver.spacy", 1)]
    total = join_docbins(parts, args.corpus / "core-silver-train.spacy")
    print(f"silver: {count} sentences; core-silver-train: {total} docs", flush=True)


def finetune(args: argparse.Namespace) -> None:
    """Train the assembled model's statistical components on gold + silver into `<out>/finetune/`.

    The config is `--config` with every trained component sourced from `--model-out` (so the
    tok2vec and its listeners stay connected) and `FINETUNE_STEPS` / `FINETUNE_LEARN_RATE`;
    spaCy writes it beside the weights.
    """
    from spacy.cli.train import train

    from ..api import cpu_ops

    overrides = {
        "paths.train": str(args.corpus / "core-silver-train.spacy"),
        "paths.dev": str(args.corpus / "core-dev.spacy"),
    }
    path = args.out / "finetune.cfg"
    path.parent.mkdir(parents=True, exist_ok=True)
    finetune_config(args.config, args.model_out).to_disk(path)
    with cpu_ops():
        train(path, args.out / "finetune", overrides=overrides)


def finetune_config(config_path: Path, base: Path) -> Config:
    """The training config at `config_path` with its trained components sourced from the pipeline
    at `base`, trained `FINETUNE_STEPS` steps at `FINETUNE_LEARN_RATE`, every step counted."""
    from spacy.util import load_config

    config = load_config(config_path, interpolate=False)
    names = [name for name in config["nlp"]["pipeline"] if name in config["components"]]
    config["components"] = {name: {"source": str(base.resolve())} for name in names}
    config["training"].update({"max_steps": FINETUNE_STEPS, "patience": 0})
    config["training"]["optimizer"]["learn_rate"] = FINETUNE_LEARN_RATE
    return config


def main(argv: Optional[List[str]] = None) -> int:
    """Entry point for `python -m trnews_nlp.training.cli`."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
