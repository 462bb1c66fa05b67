"""Writers for result records: JSONL, CoNLL-U, CSV and pandas.

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
from typing import IO, Any, Callable, Dict, Iterable, Iterator, List, Optional, Set, TextIO, Union

from . import conllu_format
from .document import Record

PathLike = Union[str, Path]

QUOTE_COLUMNS = (
    "id", "start", "end", "text", "type", "speaker", "speaker_label", "speaker_title",
    "speaker_start", "speaker_end", "cue", "cue_start", "cue_end", "confidence",
)
ENTITY_COLUMNS = ("id", "start", "end", "text", "label", "canonical")


@contextmanager
def atomic_write(path: PathLike, encoding: str = "utf-8") -> Iterator[IO[str]]:
    """Open a temporary file beside `path`; it replaces `path` only if the block finishes."""
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or ".")
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="") as handle:
            yield handle
        os.replace(tmp, target)
    except BaseException:
        os.unlink(tmp)
        raise


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
    for line in complete.decode("utf-8", errors="replace").splitlines():
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


def to_dataframe(records: Iterable[Record], kind: str = "quotes"):
    """A pandas DataFrame of quotes (`kind="quotes"`) or entities (`kind="entities"`).

    Needs pandas (`pip install trnews-nlp[pandas]`).
    """
    import pandas as pd

    rows, columns = _rows(records, kind)
    return pd.DataFrame(list(rows), columns=list(columns))


def write_csv(records: Iterable[Record], path: PathLike, kind: str = "quotes") -> int:
    """Write the quote or entity table as CSV, atomically; returns the number of rows."""
    with atomic_write(path) as handle:
        return write_csv_to(records, handle, kind)


def write_csv_to(records: Iterable[Record], handle: TextIO, kind: str = "quotes") -> int:
    """Write the quote or entity table as CSV to an open text handle (e.g. stdout); returns the row count."""
    rows, columns = _rows(records, kind)
    writer = csv.DictWriter(handle, fieldnames=list(columns))
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow(row)
        count += 1
    return count


def _rows(records: Iterable[Record], kind: str):
    if kind == "quotes":
        return quote_rows(records), QUOTE_COLUMNS
    if kind == "entities":
        return entity_rows(records), ENTITY_COLUMNS
    raise ValueError(f"kind must be 'quotes' or 'entities', not {kind!r}")


def to_conllu(record: Record) -> str:
    """CoNLL-U for one record made with `tokens=True`: one tree per sentence (see `conllu_format`)."""
    return conllu_format.to_conllu(record)


def write_conllu(records: Iterable[Record], path: PathLike) -> int:
    """Write records made with `tokens=True` as one CoNLL-U file, atomically; records without an
    id get `doc1`, `doc2`, ... so sentence ids stay unique."""
    numbers = itertools.count(1)
    return _write_records(records, path, lambda record: conllu_format.to_conllu(record, next(numbers)))
