"""Documents from the command line's inputs: `.txt` files, folders, `.jsonl` and `.parquet` files, stdin.

Every document comes out as `(id, text)`, or `(id, InputError)` when it cannot be read, so a batch
reports a bad document and goes on. Ids are stable whatever way a path was spelled: a file's id is
its resolved path (a JSONL line without an `id` field: `path:line`; a Parquet row without an `id`
column: `path:row`), which is what `--resume` matches against the ids already written.
"""

from __future__ import annotations

import codecs
import itertools
import json
import stat
import sys
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator, Optional, Sequence, Tuple, Union

STDIN = "-"
#: Values of `--stdin-format`: `auto` reads JSONL when the first line is a JSON object with `text`.
STDIN_FORMATS = ("auto", "text", "jsonl")

Document = Tuple[str, Union[str, "InputError"]]


class InputError(Exception):
    """A document that could not be read; the message says why."""


class NoDocumentsError(ValueError):
    """The inputs name no document at all (e.g. a folder without `*.txt` files)."""


#: Rows of a Parquet file read at a time: a file of any size is never held whole.
PARQUET_BATCH_ROWS = 1024


def expand_inputs(inputs: Sequence[str]) -> Iterator[str]:
    """Input arguments with folders replaced by the `*.txt` and `*.parquet` files below them (a
    folder of Parquet parts is a dataset), sorted."""
    for item in inputs:
        path = Path(item)
        if item != STDIN and path.is_dir():
            found = [p for p in path.rglob("*") if p.suffix in (".txt", ".parquet") and p.is_file()]
            yield from (str(p) for p in sorted(found))
        else:
            yield item


def check_inputs(inputs: Sequence[str]) -> None:
    """Raise NoDocumentsError when the inputs hold no document, before any model is loaded.

    A missing file still counts as a document: it is reported as one that could not be read.
    """
    empty = [i for i in inputs if i != STDIN and Path(i).is_dir() and next(expand_inputs([i]), None) is None]
    if len(empty) == len(inputs):
        raise NoDocumentsError(f"no documents: {', '.join(empty)} holds no *.txt or *.parquet file")


def document_id(path: str) -> str:
    """The id of a file's document: its resolved path, the same however the path was written."""
    return STDIN if path == STDIN else str(Path(path).resolve())


def count_documents(inputs: Sequence[str]) -> Optional[int]:
    """How many documents the inputs hold, for the progress bar (None when stdin is read)."""
    total = 0
    for item in expand_inputs(inputs):
        if item == STDIN:
            return None
        if item.endswith(".jsonl") and _regular(item):
            try:
                with open(item, "rb") as handle:
                    total += sum(1 for line in handle if line.strip())
            except OSError:
                total += 1
        elif item.endswith(".parquet") and _regular(item):
            total += _parquet_rows(item)
        else:
            total += 1
    return total


def iter_documents(
    inputs: Sequence[str], *, stdin_format: str = "auto", encoding: str = "utf-8", stdin: Optional[BinaryIO] = None
) -> Iterator[Document]:
    """(id, text) for every input document, or (id, InputError) for one that cannot be read.

    JSONL (files and stdin) is read line by line, so a corpus file of any size is never held whole."""
    for item in expand_inputs(inputs):
        if item == STDIN:
            handle = stdin or sys.stdin.buffer
            first = handle.readline()
            if stdin_format == "jsonl" or (stdin_format == "auto" and looks_like_jsonl(first)):
                yield from jsonl_documents(STDIN, itertools.chain([first], handle), encoding)
            else:
                yield STDIN, decode(first + handle.read(), encoding)
            continue
        yield from file_documents(item, encoding)


def file_documents(item: str, encoding: str = "utf-8") -> Iterator[Document]:
    """The documents of one file: one for `.txt`, one per line for `.jsonl`, one per row for `.parquet`."""
    doc_id = document_id(item)
    problem = _not_regular(item)
    if problem:
        yield doc_id, InputError(problem)
        return
    if item.endswith(".parquet"):
        yield from parquet_documents(item, doc_id)
        return
    try:
        if item.endswith(".jsonl"):
            with open(item, "rb") as handle:
                yield from jsonl_documents(doc_id, handle, encoding)
            return
        data = Path(item).read_bytes()
    except OSError as err:
        yield doc_id, InputError(f"cannot read file: {err.strerror or err}")
        return
    yield doc_id, decode(data, encoding)


def _regular(item: str) -> bool:
    return _not_regular(item) is None


def _not_regular(item: str) -> Optional[str]:
    """Why a path cannot be read as a document without blocking (a FIFO, a device), or None.

    A missing file is left to the read, which reports it."""
    try:
        mode = Path(item).stat().st_mode
    except OSError:
        return None
    if stat.S_ISREG(mode):
        return None
    kind = "a FIFO" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else "a device or special file"
    return f"not a regular file ({kind}); pipe it to standard input with - instead"


def decode(data: bytes, encoding: str = "utf-8") -> Union[str, InputError]:
    """Text of a document's bytes (a leading UTF-8 BOM dropped), or an InputError saying why not.

    A NUL byte anywhere marks a binary file: no text encoding used for news puts NUL in text.
    """
    nul = data.find(b"\x00")
    if nul >= 0:
        return InputError(f"binary file (NUL byte at offset {nul}), not text")
    codec = "utf-8-sig" if codecs.lookup(encoding).name == "utf-8" else encoding
    try:
        return data.decode(codec)
    except UnicodeDecodeError as err:
        return InputError(
            f"not valid {encoding.upper()} (byte 0x{data[err.start]:02x} at offset {err.start}); "
            "name the file's encoding with --encoding (e.g. cp1254, iso-8859-9)"
        )


def looks_like_jsonl(first_line: bytes) -> bool:
    """True when a first line is a JSON object with a string `text` field."""
    try:
        obj = json.loads(first_line.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return False
    return isinstance(obj, dict) and isinstance(obj.get("text"), str)


def jsonl_documents(source: str, lines: Iterable[bytes], encoding: str = "utf-8") -> Iterator[Document]:
    """One document per non-blank JSONL line; the id is the line's `id` or `source:line`.

    `lines` are raw lines as iterating a binary file gives them: split at b"\\n" only. Decoding the
    whole text and calling `str.splitlines` would also cut at U+0085, U+2028 and U+2029, which are
    legal, unescaped, inside JSON strings (and common in news text)."""
    for lineno, raw in enumerate(lines, 1):
        if lineno == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8):]
        where = f"{source}:{lineno}"
        line = decode(raw, encoding)
        if isinstance(line, InputError):
            yield where, line
            continue
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as err:
            yield where, InputError(f"invalid JSON ({err.msg})")
            continue
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
            named = isinstance(obj, dict) and obj.get("id") is not None
            yield (str(obj["id"]) if named else where), InputError(
                ("(" + where + ") " if named else "") + 'expected a JSON object with a string "text" field'
            )
            continue
        doc_id = obj.get("id")
        yield (str(doc_id) if doc_id is not None else where), obj["text"]


def parquet_documents(item: str, source: str) -> Iterator[Document]:
    """One document per row of a Parquet file with a string `text` column and, optionally, an `id`
    column (else the id is `source:row`, counted from 1); read `PARQUET_BATCH_ROWS` rows at a time.
    A file that cannot be read as such is one bad document named by its path."""
    try:
        import pyarrow.parquet as pq
    except ModuleNotFoundError:
        yield source, InputError("reading Parquet needs pyarrow: pip install 'trnews-nlp[dask]'")
        return
    try:
        parquet = pq.ParquetFile(item)
        names = parquet.schema_arrow.names
        if "text" not in names:
            yield source, InputError(f"a Parquet input needs a text column (it has: {', '.join(names) or 'none'})")
            return
        columns = ["text"] + (["id"] if "id" in names else [])
        row = 0
        for batch in parquet.iter_batches(batch_size=PARQUET_BATCH_ROWS, columns=columns):
            data = batch.to_pydict()
            ids = data.get("id") or [None] * len(data["text"])
            for text, doc_id in zip(data["text"], ids):
                row += 1
                name = str(doc_id) if doc_id is not None else f"{source}:{row}"
                yield name, text if isinstance(text, str) else InputError(f"row {row}: text is {'missing' if text is None else 'not a string'}")
    except (OSError, ValueError) as err:  # pyarrow's ArrowInvalid is a ValueError
        yield source, InputError(f"cannot read Parquet file: {err}")


def _parquet_rows(item: str) -> int:
    try:
        import pyarrow.parquet as pq

        return pq.ParquetFile(item).metadata.num_rows
    except (ModuleNotFoundError, OSError, ValueError):
        return 1
