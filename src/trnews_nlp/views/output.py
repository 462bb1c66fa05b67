"""Writing views to files: `annotate --format html` pages and the `trnews-nlp report` command.

Every file is written to a temporary name and renamed, like the other writers, so an interrupted
run never leaves half a page.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Iterable, Iterator, List, Optional, TextIO

from ..writers import atomic_write, read_jsonl
from . import html_page, page_shell
from .document import document_html
from .markup import esc
from .report import Limits, collect, page_name, report_html

Record = dict


def is_directory_target(output: str) -> bool:
    """An output that names a folder (existing, or ending in `/`): one page per document."""
    return output.endswith(("/", "\\")) or Path(output).is_dir()


def write_html(records: Iterable[Record], output: Optional[str], *, style: str = "quotes",
               stdout: TextIO = sys.stdout) -> int:
    """Write records as HTML: one page for all to a file or stdout, or a folder of pages + index.

    Returns the number of documents written.
    """
    records = list(records)
    if output is None:
        stdout.write(html_page(records, style, title=_title(records)))
    elif is_directory_target(output):
        write_pages(records, Path(output), style=style)
    else:
        with atomic_write(output) as handle:
            handle.write(html_page(records, style, title=_title(records)))
    return len(records)


def _title(records: List[Record]) -> str:
    return f"trnews-nlp: {records[0].get('id') or 'document'}" if len(records) == 1 else f"trnews-nlp: {len(records)} documents"


def write_page(record: Record, folder: Path, n: int, *, style: str = "quotes", back: Optional[str] = None) -> str:
    """One document's page in `folder`; returns its file name. `back` links to an index page."""
    name = page_name(record.get("id"), n)
    nav = f'<p><a href="{esc(back)}">&larr; back</a></p>' if back else ""
    with atomic_write(folder / name) as handle:
        handle.write(page_shell(str(record.get("id") or "document"), nav + document_html(record, style)))
    return name


def write_pages(records: Iterable[Record], folder: Path, *, style: str = "quotes") -> int:
    """A page per document in `folder`, and `index.html` linking to each."""
    folder.mkdir(parents=True, exist_ok=True)
    links = []
    for n, record in enumerate(records):
        name = write_page(record, folder, n, style=style, back="index.html")
        links.append(f'<li><a href="{esc(name)}">{esc(record.get("id") or name)}</a> '
                     f'({len(record.get("quotes", []))} quotes)</li>')
    with atomic_write(folder / "index.html") as handle:
        handle.write(page_shell("trnews-nlp documents", f'<main class="trn-report"><h1>Documents</h1><ul>{"".join(links)}</ul></main>'))
    return len(links)


# ------------------------------------------------------------------------------------------ report


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `trnews-nlp report`."""
    parser.add_argument("results", nargs="+", type=Path, help="JSONL results of `trnews-nlp annotate`")
    parser.add_argument("-o", "--output", type=Path, default=Path("report.html"), help="report file (default report.html)")
    parser.add_argument("--pages", type=Path, default=None,
                        help="folder for one page per document, linked from the report "
                             "(default: REPORT_docs beside the report)")
    parser.add_argument("--no-pages", action="store_true", help="write no document pages (quotes are not linked)")
    parser.add_argument("--title", default="trnews-nlp corpus report")
    parser.add_argument("--max-speakers", type=int, default=Limits.speakers, help="speakers listed (default %(default)s)")
    parser.add_argument("--quotes-per-speaker", type=int, default=Limits.quotes_per_speaker,
                        help="quotes listed under each speaker (default %(default)s)")


def run(args: argparse.Namespace) -> int:
    """`trnews-nlp report`: exit 0 on success, 2 when an input is missing or unreadable."""
    missing = [str(p) for p in args.results if not p.is_file()]
    if missing:
        print(f"trnews-nlp report: error: no such file: {', '.join(missing)}", file=sys.stderr)
        return 2
    limits = Limits(speakers=args.max_speakers, quotes_per_speaker=args.quotes_per_speaker)
    pages = None if args.no_pages else (args.pages or args.output.with_name(args.output.stem + "_docs"))
    try:
        count = write_report(_records(args.results), args.output, pages=pages, limits=limits, title=args.title)
    except ValueError as err:  # a line that is not JSON: name the file and stop before writing
        print(f"trnews-nlp report: error: {err}", file=sys.stderr)
        return 2
    print(f"trnews-nlp report: {count} documents -> {args.output}" + (f" (pages in {pages})" if pages else ""),
          file=sys.stderr)
    return 0


def _records(paths: List[Path]) -> Iterator[Record]:
    for path in paths:
        for lineno, record in enumerate(_lines(path), 1):
            if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                raise ValueError(f"{path}:{lineno}: not a trnews-nlp result record")
            yield record


def _lines(path: Path) -> Iterator[object]:
    try:
        yield from read_jsonl(path)
    except ValueError as err:
        raise ValueError(f"{path}: invalid JSON ({err})") from err


def write_report(records: Iterable[Record], output: Path, *, pages: Optional[Path] = None,
                 limits: Optional[Limits] = None, title: str = "trnews-nlp corpus report") -> int:
    """Write the corpus report to `output` (and document pages to `pages`); returns the document count."""
    limits = limits or Limits()
    output.parent.mkdir(parents=True, exist_ok=True)
    linker = _PageLinker(pages, output) if pages is not None else None
    corpus = collect(records, limits, linker)
    with atomic_write(output) as handle:
        handle.write(page_shell(title, report_html(corpus, limits, title=title)))
    return corpus.documents


class _PageLinker:
    """Gives a quote's link for the report, writing its document's page the first time it is linked.

    Only documents the report links to get a page, which keeps an archive's report folder small.
    """

    def __init__(self, folder: Path, report: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder, self.relative, self.back = folder, _relative(folder, report.parent), _relative(report, folder)
        self.current: Optional[tuple] = None

    def __call__(self, record: Record, n: int, quote: int) -> str:
        if self.current is None or self.current[0] != n:
            self.current = (n, write_page(record, self.folder, n, back=self.back))
        return f"{self.relative}/{self.current[1]}#d0-q{quote}"


def _relative(target: Path, start: Path) -> str:
    return Path(os.path.relpath(target.resolve(), start.resolve())).as_posix()
