"""`trnews-nlp evaluate speed --data DIR`: words per second on ttc-3600 news articles, one thread.

Prints the time spent in the tokenizer and in each component (each run over the whole batch in
pipeline order, so every component sees the annotations it expects) and the total for the whole
pipeline, twice: a first pass, in which every word form outside the model's frequent-form table is
analysed by zeyrek when first seen (inside `tok2vec`, whose features include the analyses), and a
second pass over the same articles, with those analyses cached, as in a long batch run. The
articles are read straight from the staged archive; nothing is extracted or copied.
"""

from __future__ import annotations

import argparse
import json
import tarfile
import time
from pathlib import Path
from typing import Dict, List, Optional

from . import load_model

ARCHIVE = Path("ttc-3600") / "TTC-3600_Orj.tar.gz"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `trnews-nlp evaluate speed`."""
    from ..training.cli import DEFAULT_DATA

    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder (../shared/data)")
    parser.add_argument("--model", default=None, help="pipeline path (default: the bundled model)")
    parser.add_argument("--limit", type=int, default=600, help="number of articles (every 6th of the sorted list)")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--json", action="store_true", help="print results as JSON")


def read_articles(data: Path, limit: int) -> List[str]:
    """`limit` articles spread evenly over the six categories (sorted names, fixed stride)."""
    with tarfile.open(data / ARCHIVE) as archive:
        members = sorted((m for m in archive.getmembers() if m.isfile()), key=lambda m: m.name)
        stride = max(1, len(members) // max(1, limit))
        texts = []
        for member in members[::stride][:limit]:
            handle = archive.extractfile(member)
            if handle is not None:
                texts.append(handle.read().decode("utf-8-sig", errors="replace"))
    return texts


def benchmark(nlp, texts: List[str], batch_size: int = 64) -> Dict[str, object]:
    """Seconds and words/s per stage; `words` counts non-space tokens."""
    start = time.perf_counter()
    docs = [nlp.make_doc(text) for text in texts]
    timings = {"tokenizer": time.perf_counter() - start}
    words = sum(1 for doc in docs for token in doc if not token.is_space)
    for name, proc in nlp.pipeline:
        start = time.perf_counter()
        if hasattr(proc, "pipe"):
            docs = list(proc.pipe(docs, batch_size=batch_size))
        else:
            docs = [proc(doc) for doc in docs]
        timings[name] = time.perf_counter() - start
    total = sum(timings.values())
    stages = {name: {"seconds": sec, "words_per_s": words / sec if sec else 0.0} for name, sec in timings.items()}
    return {"articles": len(texts), "words": words, "seconds": total, "words_per_s": words / total, "stages": stages}


#: Trained components (by their usual names) counted as "statistical".
STATISTICAL = ("tok2vec", "tagger", "morphologizer", "trainable_lemmatizer", "parser", "ner")


def format_table(first: Dict[str, object], second: Dict[str, object]) -> str:
    """One row per stage, then the statistical components together, then the whole pipeline;
    words/s of the first (cold) and second (warm) pass side by side."""
    lines = [
        f"{first['articles']} articles, {first['words']} words, 1 thread",
        f"{'stage':<24} {'s (first)':>10} {'first pass':>11} {'second pass':>12}  words/s",
    ]
    for name, s in first["stages"].items():
        warm = second["stages"][name]["words_per_s"]
        lines.append(f"{name:<24} {s['seconds']:>10.2f} {s['words_per_s']:>11.0f} {warm:>12.0f}")
    if first["statistical_words_per_s"]:
        lines.append(
            f"{'statistical (together)':<24} {'':>10} {first['statistical_words_per_s']:>11.0f} "
            f"{second['statistical_words_per_s']:>12.0f}"
        )
    lines.append(f"{'whole pipeline':<24} {first['seconds']:>10.2f} {first['words_per_s']:>11.0f} {second['words_per_s']:>12.0f}")
    return "\n".join(lines)


def _statistical_words_per_s(result: Dict[str, object]) -> Optional[float]:
    seconds = sum(s["seconds"] for name, s in result["stages"].items() if name in STATISTICAL)
    return result["words"] / seconds if seconds else None


def run(args: argparse.Namespace) -> int:
    """Benchmark the pipeline on ttc-3600 articles with one thread and print the table (or JSON)."""
    from threadpoolctl import threadpool_limits

    nlp = load_model(args.model)
    texts = read_articles(args.data, args.limit)
    # numpy was loaded long before this point, so only threadpoolctl can still hold its BLAS to one thread
    with threadpool_limits(limits=1):
        benchmark(nlp, texts[: min(20, len(texts))], args.batch_size)  # warm-up: model load, lazy tables
        passes = {"first_pass": benchmark(nlp, texts, args.batch_size), "second_pass": benchmark(nlp, texts, args.batch_size)}
    for result in passes.values():
        result["statistical_words_per_s"] = _statistical_words_per_s(result)
    print(json.dumps(passes, indent=2) if args.json else format_table(passes["first_pass"], passes["second_pass"]))
    return 0
