"""Public API: load the pipeline, annotate one document or a stream of them.

`annotate_many` is built for corpora: documents are processed in batches, a failing document never
takes the rest of the batch with it, and very long documents are processed in pieces whose results
are stitched back with exact offsets.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import re
import threading
import time
from collections import deque
from functools import lru_cache
from pathlib import Path
from typing import Any, ContextManager, Deque, Dict, Iterable, Iterator, List, Mapping, Optional, Sequence, Tuple, Union

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from thinc.api import NumpyOps, get_current_ops, use_ops

from .document import Record, doc_to_dict, empty_record
from .models import resolve_model

logger = logging.getLogger("trnews_nlp")

#: Documents longer than this are processed in pieces cut at paragraph breaks (spaCy's default
#: `max_length` is 1,000,000 characters, and memory grows with document length).
MAX_CHUNK_CHARS = 100_000

#: Rule components that follow the trained ones, in pipeline order.
RULE_COMPONENTS = ("trnews_morphology", "trnews_entities", "trnews_quotes")

Item = Union[str, Tuple[Optional[str], str], Mapping[str, Any]]


class DocumentError(ValueError):
    """A document that cannot be annotated; the message names the document and the problem."""

    def __init__(self, doc_id: Optional[str], reason: str) -> None:
        self.doc_id = doc_id
        self.reason = reason
        super().__init__(f"document {doc_id if doc_id is not None else '<unnamed>'}: {reason}")


def load(model: Optional[Union[str, Path]] = None, **overrides: Any) -> Language:
    """Load a trnews-nlp pipeline, offline.

    `model` is a bundled model's name or a path (default: the bundled `trnews_tr_core`). Keyword
    arguments go to `spacy.load` (`disable=`, `exclude=`, `enable=`, `config=` overrides).
    """
    path = resolve_model(model)
    with cpu_ops():
        return spacy.load(path, **overrides)


def cpu_ops() -> ContextManager:
    """Build models on thinc's numpy backend with numpy's own BLAS instead of blis.

    thinc's default CPU ops multiply through `blis`, which ran this project's matrix shapes
    (tokens × 64 features × 1,719 tag classes, and the parser's feature tables) about 3× slower
    than numpy's OpenBLAS on the development machine: the trained components went from 13,848 to
    20,741 words/s warm (8,010 to 11,183 on a first pass), with no change but rounding. A user who chose other ops (a GPU, Apple's)
    keeps them.
    """
    current = get_current_ops()
    if type(current) is NumpyOps and current.use_blis:
        return use_ops("numpy", use_blis=False)
    return contextlib.nullcontext()


def blank(rules: bool = True) -> Language:
    """The pipeline without trained weights: tokenizer and sentences, plus (with `rules`) the
    morphology, entity-name and quote components. Useful for tokenization alone and for tests, and
    the base the bundled model is assembled on; quotes need the trained model for entities, lemmas
    and parses."""
    nlp = spacy.blank("tr", config={"nlp": {"tokenizer": {"@tokenizers": "trnews.Tokenizer.v1"}}})
    nlp.add_pipe("trnews_sentencizer")
    for name in RULE_COMPONENTS if rules else ():
        nlp.add_pipe(name)
    return nlp


@lru_cache(maxsize=1)
def _default_nlp() -> Language:
    return load()


def model_name(nlp: Language) -> str:
    """`name-version` of a pipeline, as written in each result's `meta.model`."""
    return f"{nlp.meta.get('name', 'pipeline')}-{nlp.meta.get('version', '0')}"


def annotate(
    text: str, *, nlp: Optional[Language] = None, id: Optional[str] = None, tokens: bool = False
) -> Record:
    """Annotate one document and return its JSON-ready result (see `schema/document.schema.json`)."""
    nlp = nlp or _default_nlp()
    _check_text(text, id)
    if not text.strip():
        return empty_record(text, id=id, model=model_name(nlp))
    if len(text) <= MAX_CHUNK_CHARS:
        return doc_to_dict(nlp(text), id=id, model=model_name(nlp), tokens=tokens)
    parts, failed = [], []
    for offset, chunk in split_long_text(text, MAX_CHUNK_CHARS):
        try:
            parts.append((offset, doc_to_dict(nlp(chunk), id=id, model=model_name(nlp), tokens=tokens)))
        except Exception as err:  # one faulty piece must not cost the rest of a long document
            logger.warning("document %s: characters %d-%d failed: %s", id, offset, offset + len(chunk), err)
            logger.debug("piece failed", exc_info=True)
            failed.append({"start": offset, "end": offset + len(chunk), "error": f"{type(err).__name__}: {err}"})
    if not parts:
        raise DocumentError(id, failed[0]["error"])
    merged = merge_records(text, parts, id=id)
    if failed:
        merged["errors"] = failed
    return merged


def annotate_many(
    items: Iterable[Item],
    *,
    nlp: Optional[Language] = None,
    model: Optional[Union[str, Path]] = None,
    n_process: int = 1,
    batch_size: int = 32,
    tokens: bool = False,
    errors: str = "warn",
) -> Iterator[Record]:
    """Annotate a stream of documents, yielding one result per document in input order.

    Items are strings, `(id, text)` pairs, or mappings with `text` (and optionally `id`).
    `errors` decides what a failing document produces: `"warn"` logs one line naming the document
    and goes on, `"yield"` yields `{"id": ..., "error": message}` in its place, `"raise"` stops.
    With `n_process > 1` batches of documents go to worker processes, each holding one pipeline;
    at most `2 * n_process` batches are in flight, so memory does not grow with the corpus.
    """
    yield from _results(items, nlp, model, n_process, batch_size, tokens, errors, as_docs=False)


def annotate_docs(
    items: Iterable[Item],
    *,
    nlp: Optional[Language] = None,
    model: Optional[Union[str, Path]] = None,
    n_process: int = 1,
    batch_size: int = 32,
    errors: str = "warn",
) -> Iterator[Union[Doc, Record]]:
    """Like `annotate_many`, but yield the annotated spaCy `Doc`s (for `DocBin` and spaCy tools).

    Each Doc carries its document id in `doc.user_data["trnews_id"]` and the character offset of
    its text in the document in `doc.user_data["trnews_offset"]`: a document longer than
    `MAX_CHUNK_CHARS` comes out as several Docs, one per piece, in order.
    """
    yield from _results(items, nlp, model, n_process, batch_size, False, errors, as_docs=True)


def _results(items, nlp, model, n_process, batch_size, tokens, errors, as_docs) -> Iterator[Any]:
    if errors not in ("warn", "yield", "raise"):
        raise ValueError(f"errors must be 'warn', 'yield' or 'raise', not {errors!r}")
    if nlp is None:
        nlp = load(model) if model is not None else _default_nlp()
    pairs = (_as_pair(item, n) for n, item in enumerate(items))
    if n_process > 1:
        results = _annotate_parallel(pairs, nlp, n_process, batch_size, tokens, as_docs)
    else:
        results = (r for batch in _batches(pairs, batch_size) for r in _annotate_batch(batch, nlp, tokens, as_docs))
    for result in results:
        if isinstance(result, list):
            yield from result
        elif "error" not in result:
            yield result
        elif errors == "raise":
            raise DocumentError(result["id"], result["error"])
        elif errors == "yield":
            yield result
        else:
            logger.warning("document %s: %s", result["id"], result["error"])


def _as_pair(item: Item, n: int) -> Tuple[Optional[str], Any]:
    if isinstance(item, Mapping):
        return item.get("id", f"#{n}"), item.get("text")
    if isinstance(item, tuple) and len(item) == 2:
        return item[0], item[1]
    return f"#{n}", item


def _check_text(text: Any, doc_id: Optional[str]) -> None:
    if isinstance(text, (bytes, bytearray)):
        raise DocumentError(doc_id, "text is bytes; decode it (e.g. as UTF-8) before annotating")
    if not isinstance(text, str):
        raise DocumentError(doc_id, f"text must be a str, not {type(text).__name__}")
    surrogate = _SURROGATE.search(text)
    if surrogate:
        raise DocumentError(
            doc_id, f"lone surrogate U+{ord(surrogate.group()):04X} at character {surrogate.start()} "
            "(text decoded with errors='surrogateescape'?); it cannot be written as UTF-8"
        )


#: A UTF-16 surrogate code point on its own: valid in a Python str, not encodable as UTF-8.
_SURROGATE = re.compile("[\ud800-\udfff]")


def _annotate_one(nlp: Language, doc_id: Optional[str], text: Any, tokens: bool, as_docs: bool = False) -> Any:
    """One document's result, or an error record: exceptions never escape a batch."""
    try:
        if as_docs:
            _check_text(text, doc_id)
            return [_tagged(nlp(chunk), doc_id, offset) for offset, chunk in split_long_text(text, MAX_CHUNK_CHARS)]
        return annotate(text, nlp=nlp, id=doc_id, tokens=tokens)
    except DocumentError as err:
        return {"id": doc_id, "error": err.reason}
    except Exception as err:  # a pipeline failure on one document must not stop the others
        logger.debug("document %s failed", doc_id, exc_info=True)
        return {"id": doc_id, "error": f"{type(err).__name__}: {err}"}


def _tagged(doc: Doc, doc_id: Optional[str], offset: int) -> Doc:
    doc.user_data["trnews_id"] = doc_id
    doc.user_data["trnews_offset"] = offset
    return doc


def _batches(pairs: Iterable[Tuple[Optional[str], Any]], batch_size: int) -> Iterator[List[Tuple[Optional[str], Any]]]:
    """Consecutive lists of at most `batch_size` pairs, read lazily from the stream."""
    batch: List[Tuple[Optional[str], Any]] = []
    for pair in pairs:
        batch.append(pair)
        if len(batch) >= batch_size:
            yield batch
            batch = []
    if batch:
        yield batch


def _annotate_batch(
    batch: Sequence[Tuple[Optional[str], Any]], nlp: Language, tokens: bool, as_docs: bool = False
) -> List[Any]:
    """Run ordinary documents through `nlp.pipe` together; anything unusual, or a batch that fails,
    goes document by document so that only the faulty one is lost."""
    simple = [
        i for i, (doc_id, text) in enumerate(batch)
        if isinstance(text, str) and text.strip() and len(text) <= MAX_CHUNK_CHARS and not _SURROGATE.search(text)
    ]
    results: Dict[int, Any] = {}
    # Records are plain data, so the strings and lexemes of the batch's new words can be freed
    # with it: without a memory zone the vocabulary grows with every new word of the corpus.
    # Docs handed to the caller must outlive the batch, so `as_docs` runs without one.
    with contextlib.nullcontext() if as_docs else nlp.memory_zone():
        try:
            docs = nlp.pipe([batch[i][1] for i in simple])
            for i, doc in zip(simple, docs):
                doc_id = batch[i][0]
                results[i] = (
                    [_tagged(doc, doc_id, 0)] if as_docs else doc_to_dict(doc, id=doc_id, model=model_name(nlp), tokens=tokens)
                )
        except Exception:
            logger.debug("batch failed; retrying its documents one by one", exc_info=True)
            results = {}
        return [
            results.get(i) or _annotate_one(nlp, doc_id, text, tokens, as_docs) for i, (doc_id, text) in enumerate(batch)
        ]


_WORKER: Dict[str, Any] = {}


def _init_worker(nlp: Language, tokens: bool, as_docs: bool) -> None:
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1)  # n_process workers share the cores: no BLAS threads on top of them
    _WORKER.update(nlp=nlp, tokens=tokens, as_docs=as_docs)
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()


def _exit_with_parent(parent: int) -> None:
    """End this worker when its parent is gone (killed with SIGKILL, say), instead of waiting
    forever for tasks that will never come."""
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


def _work(batch: List[Tuple[Optional[str], Any]]) -> List[Any]:
    return _annotate_batch(batch, _WORKER["nlp"], _WORKER["tokens"], _WORKER["as_docs"])


def _annotate_parallel(
    pairs: Iterable[Tuple[Optional[str], Any]], nlp: Language, n_process: int, batch_size: int, tokens: bool,
    as_docs: bool = False,
) -> Iterator[Any]:
    """Whole batches go to the workers (so each one runs `nlp.pipe` on a batch, as one process
    does), at most two per worker in flight, and come back in input order.

    `Pool.imap` would read the whole input ahead into its task queue; the bounded window keeps
    memory flat on a corpus of any size. Forked workers inherit the loaded pipeline (loaded once,
    in the parent); where there is no fork, it is pickled to each worker once, at start.
    """
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    with ctx.Pool(n_process, initializer=_init_worker, initargs=(nlp, tokens, as_docs)) as pool:
        pending: Deque[Any] = deque()
        for batch in _batches(pairs, batch_size):
            pending.append(pool.apply_async(_work, (batch,)))
            if len(pending) >= 2 * n_process:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()


def split_long_text(text: str, limit: int) -> List[Tuple[int, str]]:
    """Cut `text` into pieces of at most `limit` characters, preferably at paragraph breaks, then at
    line breaks or spaces; the pieces concatenate back to `text`."""
    pieces: List[Tuple[int, str]] = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = max(window.rfind("\n\n"), window.rfind("\n"))
        if cut < limit // 2:
            cut = window.rfind(" ")
        end = start + (cut + 1 if cut >= limit // 2 else limit)
        pieces.append((start, text[start:end]))
        start = end
    pieces.append((start, text[start:]))
    return pieces


def merge_records(text: str, parts: Sequence[Tuple[int, Record]], *, id: Optional[str]) -> Record:
    """Join the results of consecutive pieces of `text` into one result with offsets into `text`."""
    merged: Record = {"id": id, "text": text, "sentences": [], "entities": [], "quotes": []}
    token_base = 0
    has_tokens = "tokens" in parts[0][1]
    if has_tokens:
        merged["tokens"] = []
    for offset, record in parts:
        merged["sentences"] += [_shifted(s, offset) for s in record["sentences"]]
        merged["entities"] += [_shifted(e, offset) for e in record["entities"]]
        merged["quotes"] += [_shifted(q, offset) for q in record["quotes"]]
        if has_tokens:
            for token in record["tokens"]:
                token = _shifted(token, offset)
                if token.get("head") is not None:
                    token["head"] += token_base
                merged["tokens"].append(token)
            token_base += len(record["tokens"])
    merged["meta"] = parts[0][1]["meta"]
    return merged


def _shifted(span: Dict[str, Any], offset: int) -> Dict[str, Any]:
    """A copy of a span record (and the spans nested in it) moved `offset` characters to the right."""
    out = dict(span)
    if "start" in out:
        out["start"] += offset
        out["end"] += offset
    for key in ("cue", "speaker", "mention"):
        if isinstance(out.get(key), dict):
            out[key] = _shifted(out[key], offset)
    return out
