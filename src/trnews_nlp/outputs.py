"""Output formats of `trnews-nlp annotate`: one table entry per format, and the errors of writing.

Every format is a `Sink` that is opened before the first document is annotated (so a folder that
cannot be written, or a missing optional dependency, fails at once, not after the work), receives
results one at a time, and is committed at the end (whole-file formats are renamed into place, so
an interrupted run leaves no half-written file). To add a format, write its sink and add one
`OutputFormat` to `FORMATS`.
"""

from __future__ import annotations

import errno
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Callable, Dict, Optional, Tuple

from . import writers

#: Exit statuses of `annotate` (also in the README). 1: some documents failed; 2: usage error.
EXIT_PERMISSION = 3  # the output cannot be written: permission denied, read-only file system
EXIT_DISK_FULL = 4  # no space left on the device (or quota exceeded)
EXIT_NO_FOLDER = 5  # the output's folder is missing and cannot be created, or is not a folder
EXIT_IO = 6  # any other input/output error while writing
EXIT_BROKEN_PIPE = 141  # the reader of standard output went away (e.g. `| head`): 128 + SIGPIPE


class UsageError(ValueError):
    """A combination of options that cannot work; exit status 2."""


@dataclass(frozen=True)
class Options:
    """What a sink needs to know besides the path."""

    table: str = "quotes"
    resume: bool = False
    tokens: bool = False
    output: Optional[str] = None  # -o as given (html tells a folder by its trailing /)


class Sink:
    """Receives results (records, or Docs where `OutputFormat.docs` is set) and writes them."""

    def write(self, item: Any) -> None:
        raise NotImplementedError

    def commit(self) -> None:
        """Finish the output after the last result."""

    def abort(self) -> None:
        """Stop without completing whole-file outputs (the target stays as it was)."""


class _TextSink(Sink):
    """A text output written through an `AtomicFile`, or to standard output."""

    binary = False

    def __init__(self, path: Optional[Path], options: Options) -> None:
        self._file = writers.AtomicFile(path, binary=self.binary) if path else None
        self.handle: IO[Any] = self._file.handle if self._file else (sys.stdout.buffer if self.binary else sys.stdout)

    def commit(self) -> None:
        if self._file:
            self._file.commit()
        else:
            self.handle.flush()

    def abort(self) -> None:
        if self._file:
            self._file.abort()


class JsonlSink(Sink):
    """One line per document, flushed as it is written; `--resume` continues an existing file."""

    def __init__(self, path: Optional[Path], options: Options) -> None:
        self.stream = writers.JsonlStream(path, resume=options.resume)
        self.done_ids = self.stream.done_ids

    def write(self, item: Any) -> None:
        self.stream.write(item)

    def commit(self) -> None:
        self.stream.close()

    def abort(self) -> None:
        """Keep the lines written so far (each is whole; --resume continues from them)."""
        try:
            self.stream.close()
        except OSError:
            pass  # closing flushes, and fails again for the error already being reported


class CsvSink(_TextSink):
    """One row per quote, entity or sentence (`--table`), written as each document arrives."""

    def __init__(self, path: Optional[Path], options: Options) -> None:
        super().__init__(path, options)
        import csv

        self.table = options.table
        self._writer = csv.DictWriter(self.handle, fieldnames=list(writers.table_columns(self.table)))
        self._writer.writeheader()

    def write(self, item: Any) -> None:
        self._writer.writerows(writers.table_rows([item], self.table))


class ConlluSink(_TextSink):
    """CoNLL-U, one block per sentence (see `writers.to_conllu`)."""

    def write(self, item: Any) -> None:
        self.handle.write(writers.to_conllu(item))


class ParquetSink(_TextSink):
    """One table as a Parquet file, written in row groups."""

    binary = True

    def __init__(self, path: Optional[Path], options: Options) -> None:
        super().__init__(path, options)
        self._table = writers.ParquetTable(self.handle, options.table)

    def write(self, item: Any) -> None:
        self._table.write(item)

    def commit(self) -> None:
        self._table.close()
        super().commit()


class DocBinSink(_TextSink):
    """A spaCy `DocBin` with user data (quotes, canonical names survive); held until the end."""

    binary = True

    def __init__(self, path: Optional[Path], options: Options) -> None:
        from spacy.tokens import DocBin

        super().__init__(path, options)
        self._docbin = DocBin(store_user_data=True)

    def write(self, item: Any) -> None:
        self._docbin.add(item)

    def commit(self) -> None:
        self.handle.write(self._docbin.to_bytes())
        super().commit()


class HtmlSink(Sink):
    """Quotes coloured by speaker (`views`): one page, or a page per document when `-o` names a
    folder (`OUT/`). Pages are written at the end, each atomically."""

    def __init__(self, path: Optional[Path], options: Options) -> None:
        self._output = options.output
        self._records: list = []

    def write(self, item: Any) -> None:
        self._records.append(item)

    def commit(self) -> None:
        from .views.output import write_html

        write_html(self._records, self._output)


@dataclass(frozen=True)
class OutputFormat:
    """A format: its sink, the file extensions that select it, and what it needs."""

    sink: Callable[[Optional[Path], Options], Sink]
    extensions: Tuple[str, ...]
    help: str
    docs: bool = False  # the sink takes annotated spaCy Docs instead of result records
    tokens: bool = False  # records must carry the token layer
    binary: bool = False  # not written to a terminal
    resumable: bool = False


FORMATS: Dict[str, OutputFormat] = {
    "jsonl": OutputFormat(JsonlSink, (".jsonl",), "one result per line (the schema; default)", resumable=True),
    "csv": OutputFormat(CsvSink, (".csv",), "one row per quote, entity or sentence (--table)"),
    "parquet": OutputFormat(ParquetSink, (".parquet",), "the --table as a Parquet file", binary=True),
    "conllu": OutputFormat(ConlluSink, (".conllu",), "tokens, lemmas, tags, parses", tokens=True),
    "docbin": OutputFormat(DocBinSink, (".spacy",), "a spaCy DocBin with quotes and names", docs=True, binary=True),
    "html": OutputFormat(HtmlSink, (".html",), "quotes coloured by speaker (one page; -o FOLDER/ for a page per document)"),
}


def choose_format(name: Optional[str], output: Optional[str]) -> str:
    """The format named by `--format`, else by the extension of `-o`, else JSONL.

    A named format that disagrees with a known extension is a usage error: a file called
    `quotes.csv` holding JSON lines would mislead whoever opens it.
    """
    by_extension = None
    if output:
        suffix = Path(output).suffix.lower()
        by_extension = next((n for n, f in FORMATS.items() if suffix in f.extensions), None)
    if name and by_extension and name != by_extension:
        raise UsageError(f"--format {name} does not match the output's extension ({output}); drop one of them")
    chosen = name or by_extension or "jsonl"
    if FORMATS[chosen].binary and not output and sys.stdout.isatty():
        raise UsageError(f"--format {chosen} is binary: give -o FILE or redirect standard output")
    return chosen


def open_sink(name: str, output: Optional[str], options: Options) -> Sink:
    """Create the output's folder if needed and open the sink (errors: `OSError`, `UsageError`)."""
    fmt = FORMATS[name]
    if options.resume and not fmt.resumable:
        raise UsageError(f"--resume works with {', '.join(n for n, f in FORMATS.items() if f.resumable)} output only")
    path = Path(output) if output else None
    if path is not None:
        (path if output.endswith(("/", "\\")) else path.parent).mkdir(parents=True, exist_ok=True)
    try:
        return fmt.sink(path, options)
    except ModuleNotFoundError as err:
        raise UsageError(f"--format {name} needs {err.name}: pip install 'trnews-nlp[dask]'") from err
    except ValueError as err:  # e.g. --resume onto a device
        raise UsageError(str(err)) from err


def output_error(err: OSError, output: Optional[str]) -> Tuple[int, str]:
    """The exit status and the one-line message for an error writing the output."""
    where = output or "standard output"
    code = err.errno
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return EXIT_DISK_FULL, f"cannot write {where}: no space left on the device"
    if code in (errno.EACCES, errno.EPERM, errno.EROFS):
        return EXIT_PERMISSION, f"cannot write {where}: permission denied ({err.strerror})"
    if code in (errno.ENOENT, errno.ENOTDIR, errno.EISDIR, errno.EEXIST):
        return EXIT_NO_FOLDER, f"cannot write {where}: {err.strerror} ({err.filename or where})"
    return EXIT_IO, f"cannot write {where}: {err.strerror or err}"
