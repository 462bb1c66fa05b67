"""`trnews-nlp annotate` on one machine: read the inputs, annotate in batches, write one format.

Exit statuses: 0 every document annotated; 1 some documents failed (each named on stderr, all the
others written); 2 usage error; 3-6 and 141 the output could not be written (see `outputs`);
130 interrupted. The output is opened before the model is loaded, so a path that cannot be written
fails in a second, not after hours of work.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from typing import Any, Iterator, List, Optional, Tuple

from . import outputs
from .inputs import STDIN, InputError, NoDocumentsError, check_inputs, count_documents, iter_documents


class Progress:
    """A progress bar on stderr with documents/s (tqdm's rate) and words/s; silent unless stderr
    is a terminal, so logs and pipes get only the error lines."""

    REFRESH_S = 0.5

    def __init__(self, total: Optional[int], enabled: bool) -> None:
        from tqdm import tqdm

        self.bar = tqdm(total=total, unit="doc", file=sys.stderr, disable=not enabled, dynamic_ncols=True)
        self.words = 0
        self._start = self._shown = time.monotonic()

    def update(self, docs: int = 1, words: int = 0) -> None:
        self.bar.update(docs)
        self.words += words
        now = time.monotonic()
        if now - self._shown >= self.REFRESH_S:
            self.bar.set_postfix_str(f"{self.words / (now - self._start):,.0f} words/s", refresh=False)
            self._shown = now

    def write(self, message: str) -> None:
        self.bar.write(message, file=sys.stderr)

    def close(self) -> None:
        self.bar.close()


def validate(args: argparse.Namespace) -> str:
    """Check the options before any work; returns the output format (raises `UsageError`)."""
    name = outputs.choose_format(args.format, args.output)
    if args.resume and not args.output:
        raise outputs.UsageError("--resume needs -o/--output")
    if args.n_process < 1 or args.batch_size < 1:
        raise outputs.UsageError("--n-process and --batch-size must be at least 1")
    if args.inputs.count(STDIN) > 1:
        raise outputs.UsageError("standard input (-) can be read only once")
    if args.table != "quotes" and name not in ("csv", "parquet"):
        raise outputs.UsageError("--table applies to the csv and parquet formats")
    try:
        "".encode(args.encoding)
    except LookupError:
        raise outputs.UsageError(f"unknown --encoding {args.encoding!r}") from None
    try:
        check_inputs(args.inputs)
    except NoDocumentsError as err:
        raise outputs.UsageError(str(err)) from None
    return name


def run(args: argparse.Namespace) -> int:
    """The `annotate` command; returns its exit status."""
    try:
        name = validate(args)
    except outputs.UsageError as err:
        return usage(str(err))
    if getattr(args, "scheduler", None) or getattr(args, "dask_workers", None):
        from .dask import run_cli

        return run_cli(args, name)
    fmt = outputs.FORMATS[name]
    options = outputs.Options(table=args.table, resume=args.resume, tokens=args.tokens or fmt.tokens,
                              output=args.output)
    try:
        sink = outputs.open_sink(name, args.output, options)
    except outputs.UsageError as err:
        return usage(str(err))
    except OSError as err:
        return _fail_output(err, args.output)

    from . import api

    try:
        nlp = api.load(args.model)
    except OSError as err:
        sink.abort()
        return usage(str(err))
    return _annotate_into(sink, fmt, nlp, args, options)


def _annotate_into(sink: outputs.Sink, fmt: outputs.OutputFormat, nlp: Any, args: argparse.Namespace,
                   options: outputs.Options) -> int:
    from . import api

    done = getattr(sink, "done_ids", set())
    show_bar = not args.quiet and sys.stderr.isatty()
    # Counting reads every JSONL input once more: only worth it when a bar is shown.
    progress = Progress(count_documents(args.inputs) if show_bar else None, show_bar)
    failures: List[Tuple[str, str]] = []

    def report(doc_id: Any, reason: str) -> None:
        failures.append((doc_id, reason))
        progress.write(f"trnews-nlp: error: {doc_id}: {reason}")

    def readable() -> Iterator[Tuple[str, str]]:
        for doc_id, text in iter_documents(args.inputs, stdin_format=args.stdin_format, encoding=args.encoding):
            if isinstance(text, InputError):
                report(doc_id, str(text))
                progress.update()
            elif doc_id in done:
                progress.update()
            else:
                yield doc_id, text

    common = dict(nlp=nlp, n_process=args.n_process, batch_size=args.batch_size, errors="yield")
    results = (
        api.annotate_docs(readable(), **common) if fmt.docs
        else api.annotate_many(readable(), tokens=options.tokens, **common)
    )
    try:
        for result in results:
            if isinstance(result, dict) and "error" in result:
                report(result["id"], result["error"])
                progress.update()
                continue
            sink.write(result)
            text = result["text"] if isinstance(result, dict) else result.text
            first_piece = not isinstance(result, dict) and result.user_data.get("trnews_offset") == 0
            progress.update(1 if isinstance(result, dict) or first_piece else 0, len(text.split()))
        sink.commit()
    except BrokenPipeError:
        _silence_stdout()
        sink.abort()
        return outputs.EXIT_BROKEN_PIPE
    except OSError as err:
        sink.abort()
        return _fail_output(err, args.output)
    except KeyboardInterrupt:
        sink.abort()
        print("trnews-nlp: interrupted; the output holds only complete records "
              "(rerun with --resume to continue)", file=sys.stderr)
        return 130
    finally:
        progress.close()
    return 1 if failures else 0


def _fail_output(err: OSError, output: Optional[str]) -> int:
    status, message = outputs.output_error(err, output)
    print(f"trnews-nlp: error: {message}", file=sys.stderr)
    return status


def _silence_stdout() -> None:
    """After the reader of stdout left (`| head`), point stdout at /dev/null so that Python's
    final flush does not print a BrokenPipeError traceback."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def usage(message: str) -> int:
    print(f"trnews-nlp annotate: error: {message}", file=sys.stderr)
    return 2
