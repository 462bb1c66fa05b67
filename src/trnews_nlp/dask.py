"""Annotate corpora on a Dask cluster: bags of texts or records, DataFrames with text and id columns.

Each worker process loads the pipeline once, on its first task, and keeps it for every later one
(`worker_pipeline`): tasks carry only the model's name or path, never the pipeline itself. A
failing document becomes an error record `{"id", "error"}` naming it, as on one machine; it never
fails its partition. Needs the `dask` extra: `pip install 'trnews-nlp[dask]'`.

```python
import dask.bag as db
from distributed import Client
from trnews_nlp import dask as tnd

client = Client("tcp://scheduler:8786")
records = tnd.annotate_bag(db.from_sequence(pairs, partition_size=200))  # (id, text) pairs
quotes = tnd.quotes_frame(records)       # one row per quote, typed columns
quotes.to_parquet("shared/quotes/")      # a Parquet dataset, one file per partition
```
"""

from __future__ import annotations

import argparse
import logging
import sys
import threading
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple

from . import api, outputs, writers
from .document import Record

_LOCK = threading.Lock()
_PIPELINES: Dict[str, Any] = {}
#: How many pipelines this process has loaded (a worker should load each model once).
LOADS = 0


def worker_pipeline(model: Optional[str] = None):
    """This process's pipeline for `model`, loaded on first use and cached for later tasks."""
    global LOADS
    key = str(model)
    with _LOCK:
        if key not in _PIPELINES:
            from threadpoolctl import threadpool_limits

            threadpool_limits(limits=1)  # one BLAS thread per worker: the cluster shares out the cores
            _PIPELINES[key] = api.load(model)
            LOADS += 1
        return _PIPELINES[key]


def annotate_partition(items: Iterable[Any], model: Optional[str] = None, tokens: bool = False,
                       batch_size: int = 32) -> List[Record]:
    """Annotate one partition's items (texts, `(id, text)` pairs or `{"id", "text"}` dicts).

    Bare strings get ids `#n` numbered within the partition: give ids to join results back."""
    nlp = worker_pipeline(model)
    return list(api.annotate_many(items, nlp=nlp, batch_size=batch_size, tokens=tokens, errors="yield"))


def annotate_bag(bag, *, model: Optional[str] = None, tokens: bool = False, batch_size: int = 32):
    """A bag of result records (and error records) for a bag of texts, pairs or dicts."""
    return bag.map_partitions(annotate_partition, model=model, tokens=tokens, batch_size=batch_size)


def annotate_dataframe(frame, *, text: str = "text", id: str = "id", model: Optional[str] = None,
                       tokens: bool = False, batch_size: int = 32):
    """A bag of result records for a dask DataFrame with a text column and an id column."""
    pairs = frame[[id, text]].to_bag(index=False, format="tuple")
    return annotate_bag(pairs.map(lambda row: (str(row[0]), row[1])), model=model, tokens=tokens,
                        batch_size=batch_size)


def table_frame(records, kind: str = "quotes"):
    """A dask DataFrame with one row per quote, entity or sentence of a bag of records; the
    columns and types of `writers.to_dataframe` (offsets `Int64`). Error records add no rows."""
    import dask.dataframe as dd
    from dask import delayed

    parts = [delayed(_partition_table)(part, kind) for part in records.to_delayed()]
    return dd.from_delayed(parts, meta=writers.to_dataframe([], kind), verify_meta=False)


def quotes_frame(records):
    """`table_frame(records, "quotes")`."""
    return table_frame(records, "quotes")


def entities_frame(records):
    """`table_frame(records, "entities")`."""
    return table_frame(records, "entities")


def errors_frame(records):
    """A dask DataFrame of the documents that failed: `id`, `error`."""
    import dask.dataframe as dd
    import pandas as pd
    from dask import delayed

    meta = pd.DataFrame({"id": pd.Series([], dtype="string"), "error": pd.Series([], dtype="string")})
    parts = [delayed(_partition_errors)(part, meta) for part in records.to_delayed()]
    return dd.from_delayed(parts, meta=meta, verify_meta=False)


def _partition_table(part: List[Record], kind: str):
    return writers.to_dataframe([r for r in part if "error" not in r], kind)


def _partition_errors(part: List[Record], meta):
    import pandas as pd

    rows = [{"id": str(r["id"]), "error": r["error"]} for r in part if "error" in r]
    return pd.DataFrame(rows, columns=list(meta.columns)).astype(meta.dtypes.to_dict())


# ------------------------------------------------------------------------------------------ CLI

#: Formats the cluster writes as one shard per partition.
SHARD_FORMATS = ("jsonl", "csv", "parquet")


def partitions(inputs: Sequence[str], size: int) -> List[List[str]]:
    """Input files in deterministic partitions: `.txt` files `size` at a time, each `.jsonl` or
    `.parquet` file on its own (a Parquet dataset's parts are its partitions; split big JSONL
    files beforehand). The same inputs give the same partitions, so `--resume` can skip the shards
    already written."""
    from .inputs import expand_inputs

    files = list(expand_inputs(inputs))
    whole = [f for f in files if f.endswith((".jsonl", ".parquet"))]
    texts = [f for f in files if f not in whole]
    return [texts[i : i + size] for i in range(0, len(texts), size)] + [[f] for f in whole]


def shard_path(out: Path, index: int, fmt: str) -> Path:
    return out / f"part-{index:05d}.{fmt}"


def run_partition(index: int, files: List[str], out: str, fmt: str, options: Dict[str, Any]) -> Tuple[int, List]:
    """Read, annotate and write one partition on a worker; returns (documents written, errors)."""
    from .inputs import InputError, file_documents

    failed: List[Tuple[str, str]] = []
    good = []
    for path in files:
        for doc_id, text in file_documents(path, options["encoding"]):
            if isinstance(text, InputError):
                failed.append((doc_id, str(text)))
            else:
                good.append((doc_id, text))
    records = annotate_partition(good, options["model"], options["tokens"], options["batch_size"])
    failed += [(r["id"], r["error"]) for r in records if "error" in r]
    records = [r for r in records if "error" not in r]
    path = shard_path(Path(out), index, fmt)
    if fmt == "jsonl":
        writers.write_jsonl(records, path)
    elif fmt == "csv":
        writers.write_csv(records, path, options["table"])
    else:
        writers.write_parquet(records, path, options["table"])
    return len(records), failed


def run_cli(args: argparse.Namespace, fmt: str) -> int:
    """`trnews-nlp annotate ... -o FOLDER --scheduler URL | --dask-workers N`."""
    from .batch import usage
    from .inputs import STDIN

    if fmt not in SHARD_FORMATS:
        return usage(f"on a Dask cluster the output is a folder of {', '.join(SHARD_FORMATS)} shards (--format)")
    if not args.output or STDIN in args.inputs:
        return usage("a Dask run reads files (not -) and writes shards into the folder given by -o")
    try:
        from distributed import Client, LocalCluster, as_completed
    except ModuleNotFoundError:
        return usage("--scheduler and --dask-workers need the dask extra: pip install 'trnews-nlp[dask]'")
    out = Path(args.output)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        status, message = outputs.output_error(err, args.output)
        print(f"trnews-nlp: error: {message}", file=sys.stderr)
        return status
    parts = partitions(args.inputs, args.partition_size)
    todo = [i for i in range(len(parts)) if not (args.resume and shard_path(out, i, fmt).exists())]
    options = {"model": args.model, "tokens": args.tokens, "batch_size": args.batch_size,
               "encoding": args.encoding, "table": args.table}
    if not todo:
        return 0  # --resume: every shard is already written
    cluster = None if args.scheduler else LocalCluster(
        n_workers=args.dask_workers, threads_per_worker=1, processes=True, host="127.0.0.1",
        dashboard_address=None, silence_logs=logging.ERROR,
    )
    failures = 0
    with Client(args.scheduler or cluster) as client:
        futures = {client.submit(run_partition, i, parts[i], str(out.resolve()), fmt, options, pure=False): i
                   for i in todo}
        for future in as_completed(futures):
            try:
                _, failed = future.result()
            except Exception as err:  # the shard could not be written: name it and its inputs
                index = futures[future]
                failed = [(str(shard_path(out, index, fmt)), f"partition not written ({type(err).__name__}: {err}); "
                           f"inputs {', '.join(parts[index][:3])}{' ...' if len(parts[index]) > 3 else ''}")]
            for doc_id, reason in failed:
                print(f"trnews-nlp: error: {doc_id}: {reason}", file=sys.stderr)
            failures += len(failed)
    if cluster is not None:
        cluster.close()
    return 1 if failures else 0
