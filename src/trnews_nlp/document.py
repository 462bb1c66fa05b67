"""The `Document` result: a processed `Doc` as a JSON-ready dict (schema in `schema/`).

This is the one place where spaCy objects become plain data. Every offset is a `str` index into the
text exactly as given, and `text[start:end]` equals each span's `text`.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, List, Optional

from spacy.tokens import Doc, Span, Token

from .about import __version__
from .spans import trimmed_offsets

SCHEMA_PATH = Path(__file__).parent / "schema" / "document.schema.json"

Record = Dict[str, Any]


@lru_cache(maxsize=1)
def schema() -> Dict[str, Any]:
    """The JSON Schema every result record follows."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def doc_to_dict(
    doc: Doc, *, id: Optional[str] = None, model: Optional[str] = None, tokens: bool = False
) -> Record:
    """Serialise an annotated `Doc` to the result schema.

    `model` names the pipeline for `meta` (`annotate` passes `name-version`); `tokens=True` adds the
    per-token layer, which is large and therefore opt-in.
    """
    record: Record = {
        "id": id,
        "text": doc.text,
        "sentences": _sentences(doc),
        "entities": [_entity(ent) for ent in doc.ents],
        "quotes": [quote_record(q) for q in _quotes_of(doc)],
    }
    if tokens:
        record["tokens"] = _tokens(doc)
    record["meta"] = {"trnews_nlp": __version__, "model": model}
    return record


def empty_record(text: str, *, id: Optional[str] = None, model: Optional[str] = None) -> Record:
    """The result for a document with no words (empty or whitespace only): valid, not an error."""
    return {
        "id": id,
        "text": text,
        "sentences": [],
        "entities": [],
        "quotes": [],
        "meta": {"trnews_nlp": __version__, "model": model},
    }


def _sentences(doc: Doc) -> List[Dict[str, int]]:
    if not doc.has_annotation("SENT_START"):
        words = [t for t in doc if not t.is_space]
        return [_bounds(words)] if words else []
    out = []
    for sent in doc.sents:
        words = [t for t in sent if not t.is_space]
        if words:
            out.append(_bounds(words))
    return out


def _bounds(words: List[Token]) -> Dict[str, int]:
    return {"start": words[0].idx, "end": words[-1].idx + len(words[-1])}


def _mention(span: Optional[Span], *, trim: bool) -> Optional[Dict[str, Any]]:
    if span is None:
        return None
    start, end = trimmed_offsets(span) if trim else (span.start_char, span.end_char)
    # Sliced from the span's own text: `doc.text` rebuilds the whole document on every access,
    # which made a record of a long document quadratic in its mentions.
    base = span.start_char
    return {"start": start, "end": end, "text": span.text[start - base : end - base]}


def _entity(ent: Span) -> Dict[str, Any]:
    mention = _mention(ent, trim=True)
    canonical = ent._.get("canonical") if Span.has_extension("canonical") else None
    mention.update(label=ent.label_, canonical=canonical or mention["text"])
    return mention


def _quotes_of(doc: Doc) -> list:
    return list(doc._.quotes) if Doc.has_extension("quotes") else []


def quote_record(quote: Any) -> Dict[str, Any]:
    """One `Quote` as a JSON-ready dict of the result schema."""
    record = _mention(quote.content, trim=False)
    speaker = quote.speaker
    record.update(
        type=quote.type,
        speaker=None
        if speaker is None
        else {
            "name": speaker.name,
            "label": speaker.label,
            "title": speaker.title,
            "mention": _mention(speaker.mention, trim=True),
        },
        cue=_mention(quote.cue, trim=False),
        confidence=round(float(quote.confidence), 4),
    )
    return record


def _tokens(doc: Doc) -> List[Dict[str, Any]]:
    words = [t for t in doc if not t.is_space]
    index = {t.i: n for n, t in enumerate(words)}
    has_parse = doc.has_annotation("DEP")
    return [
        {
            "start": t.idx,
            "end": t.idx + len(t),
            "text": t.text,
            "lemma": t.lemma_,
            "pos": t.pos_,
            "morph": str(t.morph),
            "head": index.get(t.head.i, n) if has_parse else None,
            "dep": t.dep_ if has_parse else None,
        }
        for n, t in enumerate(words)
    ]
