"""Writers for result records: JSONL, CSV and Parquet tables, CoNLL-U, spaCy DocBin and pandas.

Files are never left half-written: whole-file writers write a temporary file beside the target and
rename it into place; the streaming JSONL writer writes whole lines only and, on `resume`, drops a
trailing partial line left by a killed run.
"""

from __future__ import annotations

import csv
import itertools
import json
import os
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, Callable, Dict, Iterable, Iterator, List, Optional, Set, TextIO, Tuple, Union

from . import conllu_format
from .document import Record

PathLike = Union[str, Path]

QUOTE_COLUMNS = (
    "id", "start", "end", "text", "type", "speaker", "speaker_label", "speaker_title",
    "speaker_start", "speaker_end", "cue", "cue_start", "cue_end", "confidence",
)
ENTITY_COLUMNS = ("id", "start", "end", "text", "label", "canonical")


class AtomicFile:
    """A file written under a temporary name beside `path` and renamed into place by `commit`.

    A symlink is written through: the file it points to is replaced, the link stays. An existing
    special file (`/dev/null`, a FIFO, a terminal) is never replaced: it is opened and written
    directly, since renaming over it would replace the device or pipe with a plain file.
    """

    def __init__(self, path: PathLike, *, binary: bool = False, encoding: str = "utf-8") -> None:
        target = Path(path)
        if target.is_symlink():
            target = target.resolve()
        mode = "wb" if binary else "w"
        text_args = {} if binary else {"encoding": encoding, "newline": ""}
        self._target = target
        self._tmp: Optional[str] = None
        if target.exists() and not target.is_file():
            self.handle: IO[Any] = open(target, mode, **text_args)
            return
        fd, self._tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        self.handle = os.fdopen(fd, mode, **text_args)

    def commit(self) -> None:
        """Close the file and move it into place."""
        self.handle.close()
        if self._tmp is not None:
            os.replace(self._tmp, self._target)
            self._tmp = None

    def abort(self) -> None:
        """Close and delete the temporary file; the target is left as it was."""
        try:
            self.handle.close()
        except OSError:
            pass  # closing flushes; a full disk fails again here, and the file is dropped anyway
        if self._tmp is not None:
            os.unlink(self._tmp)
            self._tmp = None


@contextmanager
def atomic_write(path: PathLike, encoding: str = "utf-8", *, binary: bool = False) -> Iterator[IO[Any]]:
    """Open a temporary file beside `path`; it replaces `path` only if the block finishes
    (see `AtomicFile` for symlinks and special files)."""
    atomic = AtomicFile(path, binary=binary, encoding=encoding)
    try:
        yield atomic.handle
    except BaseException:
        atomic.abort()
        raise
    atomic.commit()


def dumps(record: Record) -> str:
    """One record as a JSONL line (UTF-8 text kept readable)."""
    return json.dumps(record, ensure_ascii=False) + "\n"


def _write_records(records: Iterable[Record], path: PathLike, render: Callable[[Record], str]) -> int:
    """Write each record as `render` formats it, atomically; returns the number written."""
    count = 0
    with atomic_write(path) as handle:
        for record in records:
            handle.write(render(record))
            count += 1
    return count


def write_jsonl(records: Iterable[Record], path: PathLike) -> int:
    """Write records to `path` atomically; returns the number written."""
    return _write_records(records, path, dumps)


def read_jsonl(path: PathLike) -> Iterator[Record]:
    """Records from a JSONL file, skipping blank lines."""
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


class JsonlStream:
    """Streaming JSONL output for long batch runs (stdout when `path` is None).

    Each record is written as one line and flushed, so an interrupted run leaves complete lines.
    With `resume=True` an existing file is kept: a trailing partial line is cut off and the ids
    already present are in `done_ids`, for the caller to skip.
    """

    def __init__(self, path: Optional[PathLike], *, resume: bool = False) -> None:
        self.done_ids: Set[str] = set()
        if path is None:
            self._handle: IO[str] = sys.stdout
            self._owned = False
            return
        path = Path(path)
        if resume and path.exists() and not path.resolve().is_file():
            raise ValueError(f"{path}: --resume needs a regular output file, not a device or pipe")
        if resume and path.exists():
            self.done_ids = _repair_and_collect_ids(path)
            self._handle = open(path, "a", encoding="utf-8")
        else:
            self._handle = open(path, "w", encoding="utf-8")
        self._owned = True

    def write(self, record: Record) -> None:
        self._handle.write(dumps(record))
        self._handle.flush()

    def close(self) -> None:
        if self._owned:
            self._handle.close()

    def __enter__(self) -> "JsonlStream":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


def _repair_and_collect_ids(path: Path) -> Set[str]:
    data = path.read_bytes()
    complete = data[: data.rfind(b"\n") + 1]
    if len(complete) != len(data):
        with open(path, "r+b") as handle:
            handle.truncate(len(complete))
    ids = set()
    for line in complete.decode("utf-8", errors="replace").split("\n"):  # not splitlines: U+2028 is data
        try:
            ids.add(json.loads(line).get("id"))
        except (json.JSONDecodeError, AttributeError):
            continue
    ids.discard(None)
    return ids


def quote_rows(records: Iterable[Record]) -> Iterator[Dict[str, Any]]:
    """One flat row per quote, the shape researchers put in spreadsheets and data frames."""
    for record in records:
        for quote in record.get("quotes", []):
            speaker = quote.get("speaker") or {}
            mention = speaker.get("mention") or {}
            cue = quote.get("cue") or {}
            yield {
                "id": record.get("id"),
                "start": quote["start"],
                "end": quote["end"],
                "text": quote["text"],
                "type": quote["type"],
                "speaker": speaker.get("name"),
                "speaker_label": speaker.get("label"),
                "speaker_title": speaker.get("title"),
                "speaker_start": mention.get("start"),
                "speaker_end": mention.get("end"),
                "cue": cue.get("text"),
                "cue_start": cue.get("start"),
                "cue_end": cue.get("end"),
                "confidence": quote["confidence"],
            }


def entity_rows(records: Iterable[Record]) -> Iterator[Dict[str, Any]]:
    """One flat row per entity mention."""
    for record in records:
        for ent in record.get("entities", []):
            yield {"id": record.get("id"), **{k: ent[k] for k in ENTITY_COLUMNS[1:]}}


def sentence_rows(records: Iterable[Record]) -> Iterator[Dict[str, Any]]:
    """One flat row per sentence: its number in the document, offsets and text."""
    for record in records:
        for n, sent in enumerate(record.get("sentences", [])):
            text = record["text"][sent["start"] : sent["end"]]
            yield {"id": record.get("id"), "sentence": n, "start": sent["start"], "end": sent["end"], "text": text}


SENTENCE_COLUMNS = ("id", "sentence", "start", "end", "text")

#: Each table: its row function and columns. Every column's type is in COLUMN_TYPES.
TABLES: Dict[str, Tuple[Callable[[Iterable[Record]], Iterator[Dict[str, Any]]], Tuple[str, ...]]] = {
    "quotes": (quote_rows, QUOTE_COLUMNS),
    "entities": (entity_rows, ENTITY_COLUMNS),
    "sentences": (sentence_rows, SENTENCE_COLUMNS),
}

#: "int" (offsets, may be missing), "float" or "str", for typed data frames and Parquet files.
COLUMN_TYPES: Dict[str, str] = {
    "start": "int", "end": "int", "speaker_start": "int", "speaker_end": "int", "cue_start": "int",
    "cue_end": "int", "sentence": "int", "confidence": "float",
}
_PANDAS_TYPES = {"int": "Int64", "float": "Float64", "str": "string"}


def column_type(column: str) -> str:
    return COLUMN_TYPES.get(column, "str")


def table_columns(kind: str) -> Tuple[str, ...]:
    """The columns of the `quotes`, `entities` or `sentences` table."""
    return _table(kind)[1]


def table_rows(records: Iterable[Record], kind: str) -> Iterator[Dict[str, Any]]:
    """The rows of one table for a stream of records."""
    return _table(kind)[0](records)


def _table(kind: str):
    if kind not in TABLES:
        raise ValueError(f"kind must be one of {', '.join(TABLES)}, not {kind!r}")
    return TABLES[kind]


def to_dataframe(records: Iterable[Record], kind: str = "quotes"):
    """A pandas DataFrame of quotes, entities or sentences, one row each, with typed columns:
    offsets are nullable integers (`Int64`, missing speaker or cue offsets are `<NA>`, not NaN
    floats), texts are `string`.

    Needs pandas (`pip install trnews-nlp[pandas]`).
    """
    import pandas as pd

    columns = table_columns(kind)
    frame = pd.DataFrame(list(table_rows(records, kind)), columns=list(columns))
    return frame.astype({c: _PANDAS_TYPES[column_type(c)] for c in columns})


def write_csv(records: Iterable[Record], path: PathLike, kind: str = "quotes") -> int:
    """Write the quote, entity or sentence table as CSV, atomically; returns the number of rows."""
    with atomic_write(path) as handle:
        return write_csv_to(records, handle, kind)


def write_csv_to(records: Iterable[Record], handle: TextIO, kind: str = "quotes") -> int:
    """Write one table as CSV to an open text handle (e.g. stdout), row by row as records arrive;
    returns the row count."""
    writer = csv.DictWriter(handle, fieldnames=list(table_columns(kind)))
    writer.writeheader()
    count = 0
    for row in table_rows(records, kind):
        writer.writerow(row)
        count += 1
    return count


def arrow_schema(kind: str):
    """The pyarrow schema of one table (offsets int64, confidence float64, the rest strings)."""
    import pyarrow as pa

    types = {"int": pa.int64(), "float": pa.float64(), "str": pa.string()}
    return pa.schema([(c, types[column_type(c)]) for c in table_columns(kind)])


class ParquetTable:
    """One table streamed into a Parquet file in row groups, so memory stays bounded.

    Needs pyarrow (`pip install trnews-nlp[dask]`).
    """

    ROW_GROUP = 10_000

    def __init__(self, handle: IO[bytes], kind: str) -> None:
        import pyarrow.parquet as pq

        self.kind = kind
        self.schema = arrow_schema(kind)
        self._writer = pq.ParquetWriter(handle, self.schema)
        self._rows: List[Dict[str, Any]] = []

    def write(self, record: Record) -> None:
        self._rows.extend(table_rows([record], self.kind))
        if len(self._rows) >= self.ROW_GROUP:
            self._flush()

    def _flush(self) -> None:
        import pyarrow as pa

        self._writer.write_table(pa.Table.from_pylist(self._rows, schema=self.schema))
        self._rows = []

    def close(self) -> None:
        self._flush()
        self._writer.close()


def write_parquet(records: Iterable[Record], path: PathLike, kind: str = "quotes") -> None:
    """Write one table as a Parquet file, atomically."""
    with atomic_write(path, binary=True) as handle:
        table = ParquetTable(handle, kind)
        for record in records:
            table.write(record)
        table.close()


def write_docbin(docs: Iterable[Any], path: PathLike) -> int:
    """Write annotated Docs (from `annotate_docs`) as a spaCy `DocBin` with their user data, so
    `doc._.quotes`, canonical entity names and the morphology choice survive `from_disk`."""
    from spacy.tokens import DocBin

    docbin = DocBin(store_user_data=True)
    for doc in docs:
        docbin.add(doc)
    with atomic_write(path, binary=True) as handle:
        handle.write(docbin.to_bytes())
    return len(docbin)


def to_conllu(record: Record) -> str:
    """CoNLL-U for one record made with `tokens=True`: one tree per sentence (see `conllu_format`)."""
    return conllu_format.to_conllu(record)


def write_conllu(records: Iterable[Record], path: PathLike) -> int:
    """Write records made with `tokens=True` as one CoNLL-U file, atomically; records without an
    id get `doc1`, `doc2`, ... so sentence ids stay unique."""
    numbers = itertools.count(1)
    return _write_records(records, path, lambda record: conllu_format.to_conllu(record, next(numbers)))
