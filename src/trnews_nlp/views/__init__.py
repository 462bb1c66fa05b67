"""HTML views of results: one document's quotes or entities, pages of documents, a corpus report.

Everything is self-contained: the stylesheet is inlined, charts are inline SVG, nothing is fetched
from the network, so a page can be mailed, archived or opened offline. All text is escaped.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, Iterable, Union

from .document import STYLES, document_html
from .markup import esc

Record = Dict[str, Any]
CSS = (Path(__file__).parent / "style.css").read_text(encoding="utf-8")


class HTML(str):
    """An HTML string that Jupyter displays rendered (it has `_repr_html_`).

    Its `repr` is a short summary rather than the markup, which would otherwise be printed in a
    console and saved a second time, as plain text, in every notebook output.
    """

    def _repr_html_(self) -> str:
        return str(self)

    def __repr__(self) -> str:
        return f"<HTML: {len(self):,} characters>"


def as_record(doc_or_record: Any) -> Record:
    """A result record from a record (returned as is) or from a processed spaCy `Doc`."""
    if isinstance(doc_or_record, dict):
        return doc_or_record
    from ..document import doc_to_dict

    return doc_to_dict(doc_or_record)


def render(doc_or_record: Any, style: str = "quotes", *, page: bool = False) -> HTML:
    """One document as HTML: `style="quotes"` (quotes coloured by speaker) or `"entities"`.

    Returns a fragment with its own `<style>` (fit for a notebook or another page), or with
    `page=True` a whole HTML document.
    """
    record = as_record(doc_or_record)
    if page:
        return HTML(html_page([record], style, title=str(record.get("id") or "trnews-nlp")))
    return HTML(f"<div class=\"trn\"><style>{CSS}</style>{document_html(record, style)}</div>")


def html_page(records: Iterable[Record], style: str = "quotes", *, title: str = "trnews-nlp") -> str:
    """A complete HTML document showing every record, one `<article>` each."""
    body = "".join(document_html(r, style, prefix=f"d{n}") for n, r in enumerate(records))
    return page_shell(title, body)


def page_shell(title: str, body: str) -> str:
    """`body` in a complete HTML document with the inlined stylesheet."""
    return (f'<!DOCTYPE html>\n<html lang="tr"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{esc(title)}</title><style>{CSS}body{{margin:1.5rem;background:#fafafa}}</style>"
            f"</head><body>{body}</body></html>\n")


__all__ = ["HTML", "STYLES", "as_record", "html_page", "page_shell", "render"]
